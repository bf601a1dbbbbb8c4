import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Room } from 'colyseus.js';
import type { CreateExerciseResponse, JoinLookupResponse } from '../../shared/protocol.js';
import {
  BENCH_USAGE,
  BenchUsageError,
  P99_TARGET_MS,
  PART_LABELS,
  TABLES_PARTS,
  benchRatios,
  busyWarnings,
  nextTables,
  parseBenchArgs,
  searchOutcome,
  showRatio,
  type BenchOptions,
  type BenchPart,
  type TablesPart,
} from './bench-plan.js';
import { formatReport } from './main.js';
import { procStat, spawnServer, type SpawnedServer } from './process.js';
import { runLoad, type LoadOptions, type LoadReport } from './run.js';
import { SeatClient } from './seat-client.js';
import { appendBench, freshDatabase, missingServices, startPostgresCluster, startProcessGroup, startRedisServer, type AppendBench, type PostgresCluster } from './services.js';

// `npm run bench:load -- [--compare sqlite,pg,pg-async,cluster1,cluster2,append,join] [--steps 50,100,200,300,400,600]
// [--refine 1] [--seconds 60] [--warmup 30] [--time-scale 1] [--workers 2] [--join-clients 400] [--appends 2000] [--json]`:
// the issue's benchmark figures in one run. For each configuration (one process with SQLite;
// one with PostgreSQL, durable and with synchronous_commit=off; one and two processes sharing
// Redis and PostgreSQL behind the round-robin entry) it finds how many 8-seat tables at a
// realistic pace keep command→update p99 under 100 ms: each step is a fresh server (and a fresh
// database and Redis), all tables seated, a warm-up (the first briefings end), then a window of
// --seconds measured; the steps stop at the first one over the target, then bisect towards it.
// Then the event store's append latency (test/bench/store.bench.ts) and the server CPU one
// client's join costs against a bare echo room's (test/bench/echo-room.ts). It prints the
// ratios the issue asks for, and how busy the load generator, the servers and the machine were.

/** One step of one configuration. */
interface StepResult {
  tables: number;
  clients: number;
  joinS: number;
  seconds: number;
  commandsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** All server processes together over the measured window, % of one core. */
  serverCpuPercentOfCore: number | null;
  /** Each server process over the measured window, % of one core. */
  serverCpuByProcess: (number | null)[];
  /** Rooms each server process held once every table was seated. */
  roomsByProcess: number[];
  generatorBusiestPercentOfCore: number;
  generatorTotalPercentOfCore: number;
  loadAverage1: number;
  cpuPressurePercent: number | null;
  unanswered: number;
  errors: number;
  serverLoggedErrors: number;
  /** The first error lines the servers logged. */
  serverErrorLines: string[];
  withinTarget: boolean;
  /** Why the figures may be the machine's or the generator's rather than the server's. */
  warnings: string[];
}

/** What one configuration's search found. */
interface PartResult {
  label: string;
  tablesWithinTarget: number;
  smallestOver: number | null;
  steps: StepResult[];
}

let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (e) {
  if (!(e instanceof BenchUsageError)) throw e;
  console.error(`${e.message}\n\n${BENCH_USAGE}`);
  process.exit(2);
}
const say = (line: string) => console.error(line);
// Ctrl-C: exit through 'exit', whose handlers stop the throwaway PostgreSQL, Redis and servers.
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
const chosen = (p: BenchPart) => options.parts.includes(p);

// PostgreSQL and Redis: the bench starts its own, from the Debian packages.
const needsPostgres = options.parts.some((p) => p === 'pg' || p === 'pg-async' || p === 'cluster1' || p === 'cluster2' || p === 'append');
const needsRedis = options.parts.some((p) => p === 'cluster1' || p === 'cluster2');
const missing = await missingServices({ postgres: needsPostgres, redis: needsRedis });
const skipped: { part: BenchPart; why: string }[] = [];
for (const why of [missing.postgres, missing.redis]) if (why) say(`missing: ${why}`);
for (const p of options.parts) {
  if ((p === 'pg' || p === 'pg-async' || p === 'cluster1' || p === 'cluster2') && missing.postgres) skipped.push({ part: p, why: missing.postgres });
  else if ((p === 'cluster1' || p === 'cluster2') && missing.redis) skipped.push({ part: p, why: missing.redis });
}
const runs = (p: BenchPart) => chosen(p) && !skipped.some((s) => s.part === p);

let postgres: PostgresCluster | null = null;
const postgresCluster = async (): Promise<PostgresCluster> => (postgres ??= await startPostgresCluster());

/** Plays one step of `part` with `tables` tables on fresh servers and returns its figures. */
async function runStep(part: TablesPart, tables: number): Promise<StepResult> {
  const base: LoadOptions = {
    tables,
    scenarioId: '2031-kx',
    pace: 'realistic',
    timeScale: options.timeScale,
    seats: 8,
    measureSeconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
    workers: options.workers,
    setupConcurrency: 20,
    unansweredAfterMs: 10_000,
    seed: 1,
    progress: options.verbose ? say : () => undefined,
  };
  let report: LoadReport;
  let servers: SpawnedServer[] = [];
  let roomsByProcess: number[] = [];
  switch (part) {
    case 'sqlite':
      report = await runLoad(base);
      break;
    case 'pg':
    case 'pg-async':
      report = await runLoad({ ...base, serverEnv: { DATABASE_URL: await freshDatabase(await postgresCluster(), part, { synchronousCommit: part === 'pg' }) } });
      break;
    case 'cluster1':
    case 'cluster2': {
      const redis = await startRedisServer();
      try {
        const databaseUrl = await freshDatabase(await postgresCluster(), part, { synchronousCommit: true });
        const group = await startProcessGroup(part === 'cluster1' ? 1 : 2, { databaseUrl, redisUrl: redis.url });
        servers = group.servers;
        try {
          report = await runLoad({
            ...base,
            url: group.url,
            processes: group.servers.map((s, i) => ({ label: `process ${i + 1}`, pid: s.pid })),
            // Where the rooms went: the processes' own counts once every table is seated.
            onSeated: async () => {
              roomsByProcess = (await Promise.all(group.servers.map((s) => s.sample()))).map((x) => x.rooms);
            },
          });
        } finally {
          await group.stop();
        }
      } finally {
        await redis.stop();
      }
      break;
    }
  }
  if (options.verbose) say(formatReport(report));
  const serverCpuByProcess = report.steady.processes.length > 0 ? report.steady.processes.map((p) => p.cpuPercentOfCore) : [report.steady.serverCpuPercentOfCore];
  const known = serverCpuByProcess.filter((x): x is number => x !== null);
  const serverLoggedErrors = servers.length > 0 ? servers.reduce((a, s) => a + s.log.errors, 0) : (report.server?.loggedErrors ?? 0);
  const serverErrorLines = (servers.length > 0 ? servers.flatMap((s) => s.log.errorLines) : (report.server?.errorLines ?? [])).slice(0, 3);
  const step: StepResult = {
    tables,
    clients: tables * 8,
    joinS: report.joinS,
    seconds: report.steady.seconds,
    commandsPerSecond: report.steady.commandsPerSecond,
    p50Ms: report.steady.latencyMs.p50,
    p99Ms: report.steady.latencyMs.p99,
    maxMs: report.steady.latencyMs.max,
    serverCpuPercentOfCore: known.length === serverCpuByProcess.length ? known.reduce((a, b) => a + b, 0) : null,
    serverCpuByProcess,
    roomsByProcess,
    generatorBusiestPercentOfCore: report.generator.busiestProcessPercentOfCore,
    generatorTotalPercentOfCore: report.generator.cpuPercentOfCore,
    loadAverage1: report.machine.loadAverage1,
    cpuPressurePercent: report.machine.cpuPressurePercent,
    unanswered: report.commands.unanswered,
    errors: report.errors.tableErrors.length + report.errors.disconnections + report.errors.protocolErrors,
    serverLoggedErrors,
    serverErrorLines,
    withinTarget: report.steady.latencyMs.count > 0 && report.steady.latencyMs.p99 < P99_TARGET_MS && report.commands.unanswered === 0 && report.errors.tableErrors.length === 0,
    warnings: busyWarnings({
      cores: report.machine.cores,
      loadAverage1: report.machine.loadAverage1,
      cpuPressurePercent: report.machine.cpuPressurePercent,
      generatorBusiestPercentOfCore: report.generator.busiestProcessPercentOfCore,
      generatorTotalPercentOfCore: report.generator.cpuPercentOfCore,
      serverPercentOfCore: serverCpuByProcess,
    }),
  };
  if (report.steady.latencyMs.count === 0) step.warnings.unshift('no command was answered in the measured window (at the realistic pace nobody sends during the first briefing): lengthen --warmup and --seconds, or raise --time-scale');
  const cpu = serverCpuByProcess.map((x) => `${x?.toFixed(0) ?? '–'}%`).join(' + ');
  say(
    `${tables} tables (${step.clients} clients, seated in ${step.joinS.toFixed(0)} s): ${step.commandsPerSecond.toFixed(1)} commands/s, p50 ${step.p50Ms.toFixed(1)} ms, p99 ${step.p99Ms.toFixed(1)} ms, max ${step.maxMs.toFixed(0)} ms; server CPU ${cpu} of a core${roomsByProcess.length > 1 ? ` (rooms ${roomsByProcess.join(' / ')})` : ''}; load generator ${step.generatorTotalPercentOfCore.toFixed(0)}% (busiest process ${step.generatorBusiestPercentOfCore.toFixed(0)}%); ${step.unanswered} unanswered, ${step.errors} errors${step.withinTarget ? '' : ' — over the target'}`,
  );
  for (const w of step.warnings) say(`  warning: ${w}`);
  if (serverLoggedErrors > 0) say(`  the servers logged ${serverLoggedErrors} error line(s), the first: ${serverErrorLines.map((l) => l.slice(0, 400)).join('\n    ')}`);
  return step;
}

const partResults: Partial<Record<TablesPart, PartResult>> = {};
try {
  for (const part of TABLES_PARTS) {
    if (!runs(part)) continue;
    say(`— ${PART_LABELS[part]} —`);
    const steps: StepResult[] = [];
    for (let t = nextTables(options.steps, options.refine, steps); t !== null; t = nextTables(options.steps, options.refine, steps)) steps.push(await runStep(part, t));
    partResults[part] = { label: PART_LABELS[part], ...searchOutcome(steps), steps };
  }
} finally {
  await (postgres as PostgresCluster | null)?.stop();
}

let append: AppendBench | null = null;
if (runs('append')) {
  say('— event-store append latency (test/bench/store.bench.ts) —');
  append = await appendBench(options.appends);
  say(append.details);
}

/** Server CPU (ms) per client joining (and taking a seat) in exercise rooms, and per client joining echo rooms. */
async function joinCost(clients: number): Promise<{ exerciseMsPerClient: number; echoMsPerClient: number }> {
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
    await exerciseRoom(url, clients, seats);
    await settle();
    const exerciseMs = cpu() - e0;
    const c0 = cpu();
    for (let i = 0; i < clients; i += 8) {
      const first = await new Client(ws).create('echo');
      rooms.push(first);
      for (let k = 1; k < 8; k++) rooms.push(await new Client(ws).joinById(first.roomId));
    }
    await settle();
    const echoMs = cpu() - c0;
    return { exerciseMsPerClient: exerciseMs / clients, echoMsPerClient: echoMs / clients };
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

let joins: { exerciseMsPerClient: number; echoMsPerClient: number } | null = null;
if (runs('join')) {
  say('— join cost —');
  joins = await joinCost(options.joinClients);
  say(`server CPU per client join: exercise room ${joins.exerciseMsPerClient.toFixed(2)} ms (with its seat and the room's creation), echo room ${joins.echoMsPerClient.toFixed(2)} ms`);
}

const tablesServed: Partial<Record<TablesPart, number>> = {};
for (const part of TABLES_PARTS) if (partResults[part]) tablesServed[part] = partResults[part].tablesWithinTarget;
const ratios = benchRatios(
  tablesServed,
  append?.postgres && append.postgresAsync ? { sqlite: append.sqlite, pg: append.postgres, pgAsync: append.postgresAsync } : null,
);
const warnings = TABLES_PARTS.flatMap((part) => partResults[part]?.steps.flatMap((s) => s.warnings.map((w) => `${part}, ${s.tables} tables: ${w}`)) ?? []);
const summary = {
  p99TargetMs: P99_TARGET_MS,
  settings: { steps: options.steps, refine: options.refine, seconds: options.seconds, warmupSeconds: options.warmupSeconds, timeScale: options.timeScale, workers: options.workers, parts: options.parts },
  configurations: partResults,
  append: append ? { sqlite: append.sqlite, postgres: append.postgres, postgresAsync: append.postgresAsync } : null,
  join: joins ? { ...joins, ratio: joins.exerciseMsPerClient / joins.echoMsPerClient } : null,
  ratios,
  skipped,
  warnings,
};

if (options.json) console.log(JSON.stringify(summary, null, 2));
else {
  const pct = (x: number | null) => `${x?.toFixed(0) ?? '–'}%`;
  for (const part of TABLES_PARTS) {
    const r = partResults[part];
    if (!r) continue;
    console.log(`${r.label} — tables at a realistic pace, ${options.seconds} s measured per step after all were seated and ${options.warmupSeconds} s of warm-up:`);
    console.log('  tables  clients  cmd/s   p50 ms   p99 ms   max ms  server CPU (per process)  rooms      generator (busiest)  load');
    for (const s of r.steps) {
      console.log(
        `  ${String(s.tables).padStart(6)}  ${String(s.clients).padStart(7)}  ${s.commandsPerSecond.toFixed(1).padStart(5)}  ${s.p50Ms.toFixed(1).padStart(7)}  ${s.p99Ms.toFixed(1).padStart(7)}  ${s.maxMs.toFixed(0).padStart(7)}  ${s.serverCpuByProcess.map(pct).join(' + ').padStart(24)}  ${(s.roomsByProcess.join('/') || '–').padEnd(9)}  ${`${s.generatorTotalPercentOfCore.toFixed(0)}% (${s.generatorBusiestPercentOfCore.toFixed(0)}%)`.padStart(19)}  ${s.loadAverage1.toFixed(1).padStart(4)}${s.withinTarget ? '' : '  over'}${s.warnings.length ? '  !' : ''}`,
      );
    }
    console.log(`  → ${r.tablesWithinTarget} tables (${r.tablesWithinTarget * 8} clients) within p99 < ${P99_TARGET_MS} ms${r.smallestOver === null ? '; the largest step tried passed' : `; ${r.smallestOver} tables were over it`}`);
  }
  const served = (p: TablesPart) => (partResults[p] ? String(partResults[p].tablesWithinTarget) : 'not run');
  console.log(`tables served at p99 < ${P99_TARGET_MS} ms:`);
  for (const part of TABLES_PARTS) if (chosen(part)) console.log(`  ${PART_LABELS[part].padEnd(50)} ${served(part)}`);
  console.log('ratios:');
  console.log(`  two processes / one, Redis + PostgreSQL (tables served; goal ≥ ×1.7)        ${showRatio(ratios.cluster2OverCluster1)}`);
  console.log(`  PostgreSQL / SQLite, one process (tables served; goal ≥ ×0.67)             ${showRatio(ratios.pgOverSqliteTables)}`);
  console.log(`  PostgreSQL synchronous_commit=off / SQLite (tables served)                 ${showRatio(ratios.pgAsyncOverSqliteTables)}`);
  console.log(`  PostgreSQL / SQLite, append median / p99 (goal ≤ ×1.5)                     ${showRatio(ratios.pgOverSqliteAppendMedian)} / ${showRatio(ratios.pgOverSqliteAppendP99)}`);
  console.log(`  PostgreSQL synchronous_commit=off / SQLite, append median / p99            ${showRatio(ratios.pgAsyncOverSqliteAppendMedian)} / ${showRatio(ratios.pgAsyncOverSqliteAppendP99)}`);
  if (append) {
    const f = (x: { medianMs: number; p99Ms: number } | null) => (x ? `median ${x.medianMs.toFixed(3)} ms, p99 ${x.p99Ms.toFixed(3)} ms` : 'not measured');
    console.log(`append latency, ${options.appends} appends on one session: SQLite ${f(append.sqlite)}; PostgreSQL ${f(append.postgres)}; synchronous_commit=off ${f(append.postgresAsync)}`);
  }
  if (joins) console.log(`join cost per client (server CPU): exercise room ${joins.exerciseMsPerClient.toFixed(2)} ms, echo room ${joins.echoMsPerClient.toFixed(2)} ms (×${(joins.exerciseMsPerClient / joins.echoMsPerClient).toFixed(1)})`);
  for (const s of skipped) console.log(`not run: ${s.part} — ${s.why}`);
  if (warnings.length) {
    console.log('warnings (steps marked !): the figures may be the machine’s or the load generator’s, not the server’s:');
    for (const w of warnings) console.log(`  ${w}`);
  }
}
process.exit(skipped.length > 0 ? 1 : 0);
