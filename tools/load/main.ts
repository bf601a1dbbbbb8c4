import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { runLoad, type LatencySummary, type LoadOptions, type LoadReport } from './run.js';

// `npm run load -- --tables T [--url URL [--pid PID] | --spawn] [--scenario ID] [--pace realistic|fast]
// [--time-scale K] [--seats 8] [--minutes M] [--workers N] [--json]`: T tables of bots playing
// whole exercises against one server, with command→update latency, errors, and the server's
// CPU and memory. Bad flags: a usage error and exit code 2.

const USAGE = `usage: npm run load -- --tables T [--url URL [--pid PID] | --spawn] [options]

  Plays T tables of whole exercises (a facilitator, a projector and bots in every actor seat)
  against a Deflect server and reports command→update latency, errors, and server CPU and memory.

  --tables T           tables to play at once (required)
  --spawn              start a server for the run (SQLite in a temp folder, generous rate limits); the default
  --url URL            use a running server instead (its creation and join rate limits apply: 429s are reported)
  --pid PID            with --url: the server's process id on this machine, for its CPU and RSS
  --scenario ID        the scenario (default 2031-kx: 6 actors, so 8 seats = control, 6 bots, projector)
  --pace P             realistic (default): a move every 5–20 s per seat, deliberations of 1–3 min;
                       fast: moves as soon as possible (smoke runs)
  --time-scale K       divide every realistic pause and phase length by K (default 1)
  --seats N            seats per table, the control cell included (default 8)
  --minutes M          stop after M minutes (tables still playing are unfinished); default: play to the end
  --workers N          spread the tables over N load processes (default 1)
  --setup-concurrency N  tables setting up at once (default 10)
  --seed S             seeds the exercises and the bots (default 1)
  --json               print the report as JSON
  --help               this text`;

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {}

const positiveInt = (name: string, value: string | undefined, fallback: number, max = 100_000): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`load: --${name} must be a whole number from 1 to ${max}, got '${value}'.`);
  return n;
};

/** Parses the command line into load options (and whether to print JSON), or throws a UsageError naming the flag. */
export function parseLoadArgs(argv: string[]): { options: LoadOptions; json: boolean } | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        tables: { type: 'string' },
        url: { type: 'string' },
        pid: { type: 'string' },
        spawn: { type: 'boolean', default: false },
        scenario: { type: 'string', default: '2031-kx' },
        pace: { type: 'string', default: 'realistic' },
        'time-scale': { type: 'string' },
        seats: { type: 'string' },
        minutes: { type: 'string' },
        workers: { type: 'string' },
        'setup-concurrency': { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    throw new UsageError(`load: ${(e as Error).message.split('\n')[0]}`);
  }
  if (values.help) return 'help';
  if (values.tables === undefined) throw new UsageError('load: --tables is required (how many tables to play at once).');
  if (values.url !== undefined && values.spawn) throw new UsageError('load: give either --url or --spawn, not both.');
  if (values.pid !== undefined && values.url === undefined) throw new UsageError('load: --pid goes with --url (a spawned server is measured anyway).');
  let url: string | undefined;
  if (values.url !== undefined) {
    try {
      const u = new URL(values.url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
      url = u.origin;
    } catch {
      throw new UsageError(`load: --url must be an address such as http://localhost:2567, got '${values.url}'.`);
    }
  }
  if (values.pace !== 'realistic' && values.pace !== 'fast') throw new UsageError(`load: --pace is realistic or fast, got '${values.pace}'.`);
  const timeScale = values['time-scale'] === undefined ? 1 : Number(values['time-scale']);
  if (!Number.isFinite(timeScale) || timeScale < 1 || timeScale > 1000) throw new UsageError(`load: --time-scale must be a number from 1 to 1000, got '${values['time-scale']}'.`);
  let minutes: number | undefined;
  if (values.minutes !== undefined) {
    minutes = Number(values.minutes);
    if (!Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60) throw new UsageError(`load: --minutes must be a positive number of minutes, got '${values.minutes}'.`);
  }
  if (!/^[a-z0-9][a-z0-9-]{0,59}$/.test(values.scenario)) throw new UsageError(`load: --scenario takes a scenario id such as 2031-kx, got '${values.scenario}'.`);
  const options: LoadOptions = {
    tables: positiveInt('tables', values.tables, 1, 10_000),
    ...(url !== undefined ? { url } : {}),
    ...(values.pid !== undefined ? { pid: positiveInt('pid', values.pid, 1, 2 ** 22) } : {}),
    scenarioId: values.scenario,
    pace: values.pace,
    timeScale,
    seats: positiveInt('seats', values.seats, 8, 40),
    ...(minutes !== undefined ? { minutes } : {}),
    workers: positiveInt('workers', values.workers, 1, 64),
    setupConcurrency: positiveInt('setup-concurrency', values['setup-concurrency'], 10, 1000),
    unansweredAfterMs: 10_000,
    seed: positiveInt('seed', values.seed, 1, 2 ** 20),
  };
  return { options, json: values.json };
}

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : '–');
const latency = (l: LatencySummary) => `p50 ${ms(l.p50)}, p95 ${ms(l.p95)}, p99 ${ms(l.p99)}, max ${ms(l.max)} (${l.count} commands)`;
const byCode = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ×${v}`)
    .join(', ') || 'none';

/** The report as lines for people. */
export function formatReport(r: LoadReport): string {
  const s = r.settings;
  const lines = [
    `${s.tables} tables × ${s.seatsPerTable} seats of ${s.scenarioId} at a ${s.pace} pace against ${s.spawned ? 'a spawned server' : s.url}${s.workers > 1 ? `, from ${s.workers} worker processes` : ''}`,
    `tables: ${r.tables.started} started, ${r.tables.finished} finished, ${r.tables.unfinished} unfinished; ${r.tables.exercisesFinished} exercises played to the end in ${r.durationS.toFixed(0)} s (all seated after ${r.joinS.toFixed(1)} s; ${r.connections} connections opened)`,
    `commands: ${r.commands.sent} sent, ${r.commands.accepted} accepted, ${r.commands.rejected} refused, ${r.commands.unanswered} unanswered within 10 s, ${r.commands.acceptedWithoutUpdate} accepted without an update`,
    `command→update latency: ${latency(r.latencyMs)}`,
    `while all tables played (${r.steady.seconds.toFixed(0)} s, ${r.steady.commandsPerSecond.toFixed(1)} commands/s): ${latency(r.steady.latencyMs)}${r.steady.serverCpuPercentOfCore === null ? '' : `; server CPU ${r.steady.serverCpuPercentOfCore.toFixed(0)}% of a core`}`,
    `refusals: ${byCode(r.errors.rejectionsByCode)}; protocol errors ${r.errors.protocolErrors}; disconnections ${r.errors.disconnections}; rate-limited (429) ${r.errors.rateLimited}; steps of sitting down tried again ${r.errors.setupRetries}`,
  ];
  for (const e of r.errors.tableErrors) lines.push(`  table error: ${e}`);
  if (r.errors.rateLimited > 0 && !s.spawned) lines.push('  the server refused some exercises or joins with 429: raise CREATE_PER_HOUR, CREATE_GLOBAL_PER_HOUR, JOIN_LOOKUPS_PER_MINUTE and MATCHMAKE_PER_MINUTE on it, or use --spawn');
  if (r.server) {
    const v = r.server;
    lines.push(
      `server (pid ${v.pid}): CPU ${v.cpuPercentOfCore.toFixed(0)}% of a core over the run, ${v.cpuMsPerCommand.toFixed(2)} ms per command, ${v.joinCpuMsPerClient.toFixed(2)} ms per client join (with its seat and the room's creation)`,
      `server memory: RSS ${v.rssMbBefore.toFixed(0)} → ${v.rssMbSeated.toFixed(0)} MB seated → ${v.rssMbEnd.toFixed(0)} MB at the end: ${v.rssKbPerRoom.toFixed(0)} kB per room, ${v.rssKbPerClient.toFixed(0)} kB per client${v.heapKbPerRoom === null ? '' : `; heap after GC ${v.heapKbPerRoom.toFixed(0)} kB per room, ${v.heapMbEnd?.toFixed(0)} MB at the end`}`,
    );
    if (v.loggedErrors !== null) lines.push(`server log: ${v.loggedErrors} errors, ${v.loggedWarnings} warnings`);
    for (const e of v.errorLines) lines.push(`  ${e.slice(0, 300)}`);
  } else lines.push('server CPU and memory: not measured (give --pid with --url, or --spawn)');
  lines.push(
    `load generator: ${r.generator.cpuPercentOfCore.toFixed(0)}% of a core in ${r.generator.processes} process(es), the busiest at ${r.generator.busiestProcessPercentOfCore.toFixed(0)}%${r.generator.busiestProcessPercentOfCore > 80 ? ' — near a full core: the latencies may be the generator’s; use --workers' : ''}`,
  );
  const m = r.machine;
  lines.push(`machine: ${m.cores} cores, load average ${m.loadAverage1.toFixed(1)}${m.cpuPressurePercent === null ? '' : `, some task waiting for a CPU ${m.cpuPressurePercent.toFixed(0)}% of the last minute`}${m.loadAverage1 > m.cores ? ' — other work competed with the server and the bots' : ''}`);
  return lines.join('\n');
}

/** Runs the command line and returns the exit code (1 when a table failed or a command went unanswered). */
export async function runLoadCommand(argv: string[], io: { out: (line: string) => void; err: (line: string) => void }): Promise<number> {
  let parsed;
  try {
    parsed = parseLoadArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed === 'help') {
    io.out(USAGE);
    return 0;
  }
  const report = await runLoad({ ...parsed.options, progress: io.err });
  io.out(parsed.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.errors.tableErrors.length > 0 || report.commands.unanswered > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(await runLoadCommand(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }));
}
