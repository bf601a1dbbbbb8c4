import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, type Room } from 'colyseus.js';
import type { CreateExerciseResponse, JoinLookupResponse } from '../../shared/protocol.js';
import { formatReport } from './main.js';
import { procStat, spawnServer, type SpawnedServer } from './process.js';
import { runLoad, type LoadReport } from './run.js';
import { SeatClient } from './seat-client.js';

// `npm run bench:load -- [--steps 50,100,200,400] [--seconds 60] [--warmup 30] [--time-scale 1] [--workers 1] [--join-clients 400] [--json]`:
// the issue's figure on one process with SQLite — how many 8-seat tables at a realistic pace
// keep command→update p99 under 100 ms. Each step is a fresh server, all tables seated, a
// warm-up (the first briefings end), then a window of --seconds measured; the search stops at the first step over the target. Then the
// server CPU one client's join costs, against a bare echo room's (test/bench/echo-room.ts).

const P99_TARGET_MS = 100;

interface StepResult {
  tables: number;
  clients: number;
  joinS: number;
  seconds: number;
  commandsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  serverCpuPercentOfCore: number | null;
  generatorBusiestPercentOfCore: number;
  unanswered: number;
  errors: number;
  withinTarget: boolean;
}

const { values } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: {
    steps: { type: 'string', default: '50,100,200,400' },
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '30' },
    'time-scale': { type: 'string', default: '1' },
    workers: { type: 'string', default: '1' },
    'join-clients': { type: 'string', default: '400' },
    json: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const steps = values.steps.split(',').map(Number);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
/** Clients joined for the join-cost comparison (8 per room). */
const JOIN_CLIENTS = Math.max(8, Math.round(Number(values['join-clients']) / 8) * 8);
if (steps.some((n) => !Number.isInteger(n) || n < 1) || !(seconds > 0)) {
  console.error('usage: npm run bench:load -- [--steps 50,100,200,400] [--seconds 60] [--warmup 30] [--time-scale 1] [--workers 1] [--json]');
  process.exit(2);
}
const say = (line: string) => console.error(line);

const results: StepResult[] = [];
for (const tables of steps) {
  say(`— ${tables} tables —`);
  const report: LoadReport = await runLoad({
    tables,
    scenarioId: '2031-kx',
    pace: 'realistic',
    timeScale: Number(values['time-scale']),
    seats: 8,
    measureSeconds: seconds,
    warmupSeconds: warmup,
    workers: Number(values.workers),
    setupConcurrency: 20,
    unansweredAfterMs: 10_000,
    seed: 1,
    progress: values.verbose ? say : () => undefined,
  });
  if (values.verbose) say(formatReport(report));
  const step: StepResult = {
    tables,
    clients: tables * 8,
    joinS: report.joinS,
    seconds: report.steady.seconds,
    commandsPerSecond: report.steady.commandsPerSecond,
    p50Ms: report.steady.latencyMs.p50,
    p99Ms: report.steady.latencyMs.p99,
    maxMs: report.steady.latencyMs.max,
    serverCpuPercentOfCore: report.steady.serverCpuPercentOfCore,
    generatorBusiestPercentOfCore: report.generator.busiestProcessPercentOfCore,
    unanswered: report.commands.unanswered,
    errors: report.errors.tableErrors.length + report.errors.disconnections + report.errors.protocolErrors,
    withinTarget: report.steady.latencyMs.count > 0 && report.steady.latencyMs.p99 < P99_TARGET_MS && report.commands.unanswered === 0 && report.errors.tableErrors.length === 0,
  };
  results.push(step);
  say(
    `${tables} tables (${step.clients} clients, seated in ${step.joinS.toFixed(0)} s): ${step.commandsPerSecond.toFixed(1)} commands/s, p50 ${step.p50Ms.toFixed(1)} ms, p99 ${step.p99Ms.toFixed(1)} ms, max ${step.maxMs.toFixed(0)} ms; server CPU ${step.serverCpuPercentOfCore?.toFixed(0)}% of a core; load generator ${step.generatorBusiestPercentOfCore.toFixed(0)}%; ${step.unanswered} unanswered, ${step.errors} errors${step.withinTarget ? '' : ' — over the target'}`,
  );
  if (!step.withinTarget) break;
}

/** Server CPU (ms) per client joining (and taking a seat) in exercise rooms, and per client joining echo rooms. */
async function joinCost(): Promise<{ exerciseMsPerClient: number; echoMsPerClient: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deflect-join-'));
  let server: SpawnedServer | null = null;
  const rooms: Room[] = [];
  const seats: SeatClient[] = [];
  try {
    // The benchmarks' server: the exercise room and the echo rooms side by side, creation of echo rooms allowed.
    server = await spawnServer(dataDir, {}, 'test/bench/bench-server.ts');
    const { url, pid } = server;
    const ws = url.replace(/^http/, 'ws');
    const cpu = () => procStat(pid)!.cpuMs;
    const warm = async () => {
      // One room of each first, so that neither side pays for the first compilation of its code.
      const c = new Client(ws);
      const r = await c.create('echo');
      rooms.push(r, await new Client(ws).joinById(r.roomId));
      await exerciseRoom(url, 2, seats);
    };
    await warm();
    await settle();
    const e0 = cpu();
    await exerciseRoom(url, JOIN_CLIENTS, seats);
    await settle();
    const exerciseMs = cpu() - e0;
    const c0 = cpu();
    for (let i = 0; i < JOIN_CLIENTS; i += 8) {
      const first = await new Client(ws).create('echo');
      rooms.push(first);
      for (let k = 1; k < 8; k++) rooms.push(await new Client(ws).joinById(first.roomId));
    }
    await settle();
    const echoMs = cpu() - c0;
    return { exerciseMsPerClient: exerciseMs / JOIN_CLIENTS, echoMsPerClient: echoMs / JOIN_CLIENTS };
  } finally {
    await Promise.all([...rooms.map((r) => r.leave(true).catch(() => undefined)), ...seats.map((s) => s.leave())]);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A pause for the server to finish what the joins set off (the last updates, the rooms' timers). */
const settle = () => new Promise((r) => setTimeout(r, 1000));

/** Joins `clients` clients to exercise rooms, 8 to a room (facilitator, projector, six actors), each taking its seat. */
async function exerciseRoom(url: string, clients: number, keep: SeatClient[]): Promise<void> {
  for (let i = 0; i < clients; i += 8) {
    const res = await fetch(`${url}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: '2031-kx', seed: 1 }) });
    const created = (await res.json()) as CreateExerciseResponse;
    const lookup = (await (await fetch(`${url}/api/join/${created.joinCode}`)).json()) as JoinLookupResponse;
    const join = async (name: string, seat: Parameters<SeatClient['claim']>[0], key?: string) => {
      const c = await SeatClient.join({ url, roomId: lookup.roomId, code: created.joinCode, name, ...(key ? { facilitatorKey: key } : {}) });
      keep.push(c);
      await c.claim(seat);
    };
    await join('Fran', 'facilitator', created.facilitatorKey);
    await join('Projector', 'display');
    for (const actor of ['usa', 'japan', 'kenya', 'bangladesh', 'astra', 'copuos'].slice(0, Math.min(6, clients - 2))) await join(`Player ${actor}`, `actor:${actor}`);
  }
}

say('— join cost —');
const joins = await joinCost();
say(`server CPU per client join: exercise room ${joins.exerciseMsPerClient.toFixed(2)} ms (with its seat and the room's creation), echo room ${joins.echoMsPerClient.toFixed(2)} ms`);

const passing = results.filter((r) => r.withinTarget);
const best = passing.at(-1)?.tables ?? 0;
const summary = {
  p99TargetMs: P99_TARGET_MS,
  tablesWithinTarget: best,
  clientsWithinTarget: best * 8,
  stoppedAt: results.find((r) => !r.withinTarget)?.tables ?? null,
  steps: results,
  join: { ...joins, ratio: joins.exerciseMsPerClient / joins.echoMsPerClient },
};
if (values.json) console.log(JSON.stringify(summary, null, 2));
else {
  console.log(`tables at a realistic pace (${seconds} s measured per step after all were seated) keeping command→update p99 < ${P99_TARGET_MS} ms on one process with SQLite:`);
  console.log('  tables  clients  cmd/s   p50 ms   p99 ms   max ms  server CPU  generator');
  for (const r of results) {
    console.log(
      `  ${String(r.tables).padStart(6)}  ${String(r.clients).padStart(7)}  ${r.commandsPerSecond.toFixed(1).padStart(5)}  ${r.p50Ms.toFixed(1).padStart(7)}  ${r.p99Ms.toFixed(1).padStart(7)}  ${r.maxMs.toFixed(0).padStart(7)}  ${`${r.serverCpuPercentOfCore?.toFixed(0) ?? '–'}%`.padStart(10)}  ${`${r.generatorBusiestPercentOfCore.toFixed(0)}%`.padStart(9)}${r.withinTarget ? '' : '  over'}`,
    );
  }
  console.log(`→ ${best} tables (${best * 8} clients) within the target${summary.stoppedAt ? `; ${summary.stoppedAt} tables were over it` : `; the largest step tried passed`}`);
  console.log(`join cost per client (server CPU): exercise room ${joins.exerciseMsPerClient.toFixed(2)} ms, echo room ${joins.echoMsPerClient.toFixed(2)} ms (×${summary.join.ratio.toFixed(1)})`);
}
