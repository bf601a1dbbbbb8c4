import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { machineLoad, procStat, spawnServer } from './process.js';
import { playTables } from './run.js';
import type { ServerSample } from './server.js';
import { emptyCounts, percentile, type LoadCounts } from './stats.js';
import { paceOf, type ExerciseOutcome } from './table.js';

// `npm run soak -- [--tables 100] [--minutes 30] [--time-scale 10] [--json]`: one server
// (SQLite in a temp folder, node --expose-gc) and T tables playing exercise after exercise
// for M minutes. Every minute the server reports its heap and RSS after a full GC and its
// open rooms; every finished exercise's log is read back and replayed. At the end: memory
// slope per finished exercise, rooms left open, errors the server logged, anything lost.

const USAGE = `usage: npm run soak -- [--tables 100] [--minutes 30] [options]

  --tables T          tables playing at once (default 100)
  --minutes M         how long to keep them playing (default 30)
  --pace P            realistic (default) or fast
  --time-scale K      divide the realistic pauses and phase lengths by K (default 10: an exercise in ~2 minutes)
  --sample-seconds S  how often to sample the server's memory after GC (default 60)
  --json              print the report as JSON`;

/** One sample of the server during the soak. */
export interface SoakSample {
  atS: number;
  heapMb: number;
  rssMb: number;
  rooms: number;
  clients: number;
  /** Exercises finished by then. */
  exercisesFinished: number;
  /** Tables in an exercise at the time. */
  tablesPlaying: number;
}

export interface SoakReport {
  settings: { tables: number; minutes: number; pace: string };
  samples: SoakSample[];
  /** Which samples the slopes are fitted to: those after every table finished an exercise, or (too few of those) all but the first. */
  slopeSamples: 'steady' | 'all';
  exercisesFinished: number;
  exercisesUnfinished: number;
  /** Least-squares slope of the heap after GC against exercises finished (samples after the first), with its standard error. */
  heapKbPerExercise: { slope: number; standardError: number; flat: boolean };
  rssKbPerExercise: { slope: number; standardError: number; flat: boolean };
  /** Rooms open at the last sample while tables played, and once every table had left. */
  roomsWhilePlaying: { rooms: number; tablesPlaying: number };
  roomsAfterAllLeft: number;
  serverLog: { errors: number; warnings: number; errorLines: string[] };
  /** Every finished exercise read back from the store and replayed. */
  verification: { exercises: number; ok: number; acknowledged: number; acknowledgedInLog: number; problems: string[] };
  commands: { sent: number; unanswered: number; rejectionsByCode: Record<string, number>; p50Ms: number; p99Ms: number };
  disconnections: number;
  setupRetries: number;
  tableErrors: string[];
  serverCpuPercentOfCore: number | null;
  /** The machine at the end: other work on it shows in the latencies. */
  machine: { loadAverage1: number; cpuPressurePercent: number | null };
}

/** Least-squares slope of y on x and its standard error (NaN with fewer than three points). */
export function slopeOf(xs: readonly number[], ys: readonly number[]): { slope: number; standardError: number } {
  const n = xs.length;
  if (n < 3) return { slope: NaN, standardError: NaN };
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (ys[i]! - my);
  }
  if (sxx === 0) return { slope: NaN, standardError: NaN };
  const slope = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (ys[i]! - my - slope * (xs[i]! - mx)) ** 2;
  return { slope, standardError: Math.sqrt(rss / (n - 2) / sxx) };
}

/** Flat: the slope is within two standard errors of zero, or under 1 kB per exercise. */
const verdict = (s: { slope: number; standardError: number }) => ({ ...s, flat: Number.isFinite(s.slope) && (Math.abs(s.slope) <= 2 * s.standardError || Math.abs(s.slope) < 1) });

/** Runs the soak and returns its report. */
export async function runSoak(options: { tables: number; minutes: number; pace: 'realistic' | 'fast'; timeScale: number; sampleSeconds: number; seed?: number; progress?: (line: string) => void }): Promise<SoakReport> {
  const say = options.progress ?? (() => undefined);
  const dataDir = mkdtempSync(join(tmpdir(), 'deflect-soak-'));
  const server = await spawnServer(dataDir);
  say(`server started: ${server.url} (pid ${server.pid}, data in ${dataDir})`);
  const counts: LoadCounts = emptyCounts();
  const samples: SoakSample[] = [];
  const t0 = performance.now();
  const cpu0 = procStat(server.pid);
  const stopAt = t0 + options.minutes * 60_000;
  let outcomes: ExerciseOutcome[] = [];
  const take = async (): Promise<SoakSample> => {
    const s: ServerSample = await server.sample();
    const sample: SoakSample = {
      atS: (performance.now() - t0) / 1000,
      heapMb: s.heapUsed / 2 ** 20,
      rssMb: s.rss / 2 ** 20,
      rooms: s.rooms,
      clients: s.clients,
      exercisesFinished: counts.exercisesFinished,
      tablesPlaying: playing,
    };
    say(`${sample.atS.toFixed(0)} s: heap ${sample.heapMb.toFixed(1)} MB, RSS ${sample.rssMb.toFixed(0)} MB after GC; ${sample.rooms} rooms, ${sample.clients} clients; ${sample.exercisesFinished} exercises finished`);
    return sample;
  };
  let playing = 0;
  let sampler: ReturnType<typeof setInterval> | undefined;
  let sampling: Promise<void> = Promise.resolve();
  let cpuEnd: ReturnType<typeof procStat> = null;
  let machineAtEnd = machineLoad();
  let roomsAfterAllLeft = NaN;
  try {
    samples.push(await take());
    sampler = setInterval(() => {
      sampling = sampling.then(async () => {
        if (performance.now() < stopAt) samples.push(await take());
      });
    }, options.sampleSeconds * 1000);
    outcomes = await playTables(
      {
        url: server.url,
        tables: options.tables,
        firstTable: 0,
        scenarioId: '2031-kx',
        pace: options.pace,
        timeScale: options.timeScale,
        seats: 8,
        repeat: true,
        verify: true,
        setupConcurrency: 10,
        unansweredAfterMs: 10_000,
        seed: options.seed ?? 1,
      },
      counts,
      { seated: () => say(`${options.tables} tables seated`), stopped: () => performance.now() >= stopAt, exercise: (started) => (playing += started ? 1 : -1), error: (line) => say(`table error: ${line}`) },
    );
    clearInterval(sampler);
    await sampling;
    cpuEnd = procStat(server.pid);
    machineAtEnd = machineLoad();
    // Every table has left: the rooms of finished and abandoned exercises alike should be gone.
    await new Promise((r) => setTimeout(r, 3000));
    roomsAfterAllLeft = (await take()).rooms;
  } finally {
    clearInterval(sampler);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Steady state: once every table has finished an exercise, as many rooms are live at each sample;
  // before that the heap grows with the tables sitting down, which is not a leak.
  const steady = samples.filter((s) => s.exercisesFinished >= options.tables);
  const measured = steady.length >= 3 ? steady : samples.slice(1);
  const xs = measured.map((s) => s.exercisesFinished);
  const verified = outcomes.filter((o) => o.verification);
  const last = samples.at(-1)!;
  return {
    settings: { tables: options.tables, minutes: options.minutes, pace: paceOf(options.pace, options.timeScale).name },
    samples,
    slopeSamples: steady.length >= 3 ? 'steady' : 'all',
    exercisesFinished: counts.exercisesFinished,
    exercisesUnfinished: outcomes.filter((o) => !o.finished).length,
    heapKbPerExercise: verdict(slopeOf(xs, measured.map((s) => s.heapMb * 1024))),
    rssKbPerExercise: verdict(slopeOf(xs, measured.map((s) => s.rssMb * 1024))),
    roomsWhilePlaying: { rooms: last.rooms, tablesPlaying: last.tablesPlaying },
    roomsAfterAllLeft,
    serverLog: { errors: server.log.errors, warnings: server.log.warnings, errorLines: server.log.errorLines.slice(0, 5) },
    verification: {
      exercises: verified.length,
      ok: verified.filter((o) => o.verification!.ok).length,
      acknowledged: verified.reduce((n, o) => n + o.verification!.acknowledged, 0),
      acknowledgedInLog: verified.reduce((n, o) => n + o.verification!.acknowledgedInLog, 0),
      problems: verified.flatMap((o) => o.verification!.problems.map((p) => `${o.exerciseId}: ${p}`)).slice(0, 10),
    },
    commands: {
      sent: counts.commandsSent,
      unanswered: counts.commandsUnanswered,
      rejectionsByCode: counts.rejectionsByCode,
      p50Ms: percentile(counts.latenciesMs, 50),
      p99Ms: percentile(counts.latenciesMs, 99),
    },
    disconnections: counts.disconnections,
    setupRetries: counts.setupRetries,
    tableErrors: counts.tableErrors.slice(0, 10),
    machine: machineAtEnd,
    serverCpuPercentOfCore: cpu0 && cpuEnd ? ((cpuEnd.cpuMs - cpu0.cpuMs) / (options.minutes * 60_000)) * 100 : null,
  };
}

/** The soak's report as lines for people. */
export function formatSoakReport(r: SoakReport): string {
  const kb = (s: { slope: number; standardError: number; flat: boolean }) => `${s.slope.toFixed(2)} ± ${s.standardError.toFixed(2)} kB per exercise (${s.flat ? 'flat' : 'GROWING'})`;
  const v = r.verification;
  return [
    `soak: ${r.settings.tables} tables for ${r.settings.minutes} min at a ${r.settings.pace} pace; ${r.exercisesFinished} exercises finished, ${r.exercisesUnfinished} left unfinished when the time was up`,
    `memory after GC: heap ${r.samples[0]!.heapMb.toFixed(1)} MB at the start, ${r.samples.at(-1)!.heapMb.toFixed(1)} MB at the last sample; fitted to ${r.slopeSamples === 'steady' ? 'the samples after every table finished an exercise' : 'all samples but the first (too few in steady state)'}: heap ${kb(r.heapKbPerExercise)}; RSS ${kb(r.rssKbPerExercise)}`,
    `rooms: ${r.roomsWhilePlaying.rooms} open with ${r.roomsWhilePlaying.tablesPlaying} tables playing at the last sample; ${r.roomsAfterAllLeft} open once every table had left`,
    `server log: ${r.serverLog.errors} errors, ${r.serverLog.warnings} warnings`,
    ...r.serverLog.errorLines.map((l) => `  ${l.slice(0, 300)}`),
    `nothing lost: ${v.ok} of ${v.exercises} finished exercises replay from the store to the server's hash and end; ${v.acknowledgedInLog} of ${v.acknowledged} acknowledged commands are in their logs`,
    ...v.problems.map((p) => `  ${p}`),
    `commands: ${r.commands.sent} sent, ${r.commands.unanswered} unanswered, latency p50 ${r.commands.p50Ms.toFixed(1)} ms, p99 ${r.commands.p99Ms.toFixed(1)} ms; refusals ${JSON.stringify(r.commands.rejectionsByCode)}; disconnections ${r.disconnections}; steps of sitting down tried again ${r.setupRetries}`,
    ...r.tableErrors.map((e) => `  table error: ${e}`),
    `server CPU ${r.serverCpuPercentOfCore?.toFixed(0) ?? '–'}% of a core; machine load average ${r.machine.loadAverage1.toFixed(1)}${r.machine.cpuPressurePercent === null ? '' : `, some task waiting for a CPU ${r.machine.cpuPressurePercent.toFixed(0)}% of the last minute`}`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      options: {
        tables: { type: 'string', default: '100' },
        minutes: { type: 'string', default: '30' },
        pace: { type: 'string', default: 'realistic' },
        'time-scale': { type: 'string', default: '10' },
        'sample-seconds': { type: 'string', default: '60' },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    console.error(`soak: ${(e as Error).message.split('\n')[0]}\n\n${USAGE}`);
    process.exit(2);
  }
  const tables = Number(values.tables);
  const minutes = Number(values.minutes);
  const timeScale = Number(values['time-scale']);
  const sampleSeconds = Number(values['sample-seconds']);
  const pace = values.pace;
  if (!Number.isInteger(tables) || tables < 1 || !(minutes > 0) || !(timeScale >= 1) || !(sampleSeconds >= 5) || (pace !== 'realistic' && pace !== 'fast')) {
    console.error(`soak: check the numbers (tables ≥ 1, minutes > 0, time scale ≥ 1, sample seconds ≥ 5, pace realistic or fast)\n\n${USAGE}`);
    process.exit(2);
  }
  const report = await runSoak({ tables, minutes, pace, timeScale, sampleSeconds, progress: (l) => console.error(l) });
  console.log(values.json ? JSON.stringify(report, null, 2) : formatSoakReport(report));
  const ok = report.heapKbPerExercise.flat && report.serverLog.errors === 0 && report.verification.ok === report.verification.exercises && report.roomsAfterAllLeft === 0;
  process.exit(ok ? 0 : 1);
}
