// The load tool's run: T tables played at once (in this process or spread over worker
// processes) against a server it spawned or one given by address, measured from outside.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLoad, procStat, spawnServer, type ProcStat, type SpawnedServer } from './process.js';
import type { ServerSample } from './server.js';
import { addCounts, emptyCounts, percentile, type LoadCounts } from './stats.js';
import { HttpFailure, paceOf, playExercise, type ExerciseOutcome, type Pace } from './table.js';

export interface LoadOptions {
  tables: number;
  /** A running server's address; without it the run spawns its own (SQLite in a temp folder). */
  url?: string;
  /** The server's process id when `url` is given and the server runs on this machine (for its CPU and RSS). */
  pid?: number;
  /** Environment for the server the run spawns (e.g. `DATABASE_URL`); ignored with `url`. */
  serverEnv?: Record<string, string>;
  /** Server processes whose CPU to report one by one over the measured window (several behind one `url`). */
  processes?: { label: string; pid: number }[];
  scenarioId: string;
  pace: 'realistic' | 'fast';
  timeScale: number;
  seats: number;
  /** Stop after this long (the tables still playing count as unfinished); none: play every exercise to its end. */
  minutes?: number;
  /** Measure a window of this many seconds once every table is seated, then stop (the bench's steps). */
  measureSeconds?: number;
  /** Seconds to let the tables play after the last one sat down before the measured window (the first briefings). */
  warmupSeconds?: number;
  /** Keep playing exercise after exercise until the time is up (the soak). */
  repeat?: boolean;
  /** Read each finished exercise's log and replay it (the soak's check). */
  verify?: boolean;
  /** Worker processes sharing the tables (1: all in this process). */
  workers: number;
  /** Tables setting up at once (creating, joining, seating). */
  setupConcurrency: number;
  /** Answers later than this count as unanswered (ms). */
  unansweredAfterMs: number;
  seed: number;
  /** Progress lines (stderr in the CLI). */
  progress?: (line: string) => void;
  /** Called once every table is seated, with the server (when spawned), before the measured window. */
  onSeated?: () => void | Promise<void>;
}

/** Command→update latency figures (ms). */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** What a run reports (printed as text, or as JSON with --json). */
export interface LoadReport {
  settings: { tables: number; seatsPerTable: number; scenarioId: string; pace: string; timeScale: number; url: string; spawned: boolean; workers: number };
  durationS: number;
  /** Time from the first table's creation until every table was seated. */
  joinS: number;
  tables: { started: number; finished: number; unfinished: number; exercisesFinished: number };
  /** Connections opened over the run: every seat of every exercise, and the bots' short-lived seat finder per exercise. */
  connections: number;
  commands: { sent: number; accepted: number; rejected: number; unanswered: number; acceptedWithoutUpdate: number; byType: Record<string, number> };
  latencyMs: LatencySummary;
  errors: { rejectionsByCode: Record<string, number>; protocolErrors: number; disconnections: number; rateLimited: number; setupRetries: number; tableErrors: string[] };
  /** The window after every table was seated (and the warm-up): what the bench compares. */
  steady: {
    seconds: number;
    commands: number;
    commandsPerSecond: number;
    latencyMs: LatencySummary;
    serverCpuPercentOfCore: number | null;
    /** Each of `processes` over the window, % of one core (null when it could not be read). */
    processes: { label: string; pid: number; cpuPercentOfCore: number | null }[];
  };
  /** Null when the server's process is not known (--url without --pid). */
  server: {
    pid: number;
    cpuPercentOfCore: number;
    cpuMsPerCommand: number;
    /** Server CPU spent while the tables joined and sat down, per client. */
    joinCpuMsPerClient: number;
    rssKbPerRoom: number;
    rssKbPerClient: number;
    /** RSS before the tables and once all were seated (after a full GC when spawned here). */
    rssMbBefore: number;
    rssMbSeated: number;
    rssMbEnd: number;
    /** V8 heap after a full GC, per room, when the server was spawned here. */
    heapKbPerRoom: number | null;
    /** V8 heap after a full GC at the end (tables gone), when spawned here. */
    heapMbEnd: number | null;
    loggedErrors: number | null;
    loggedWarnings: number | null;
    errorLines: string[];
  } | null;
  /** This process and its workers: so that a slow figure is not the load generator's fault. */
  generator: { cpuPercentOfCore: number; busiestProcessPercentOfCore: number; processes: number };
  /** The machine at the end of the run: other work on it shows in every latency. */
  machine: { cores: number; loadAverage1: number; cpuPressurePercent: number | null };
  outcomes: ExerciseOutcome[];
}

/** Messages between the run and its worker processes. */
type ToWorker = { kind: 'start'; options: WorkerShare } | { kind: 'measure' } | { kind: 'stop' };
type FromWorker = { kind: 'seated' } | { kind: 'done'; counts: LoadCounts; measuredFrom: number; commandsAtMeasure: number; cpuMs: number; outcomes: ExerciseOutcome[] };
type WorkerShare = Omit<LoadOptions, 'progress' | 'onSeated' | 'workers' | 'serverEnv' | 'processes'> & { url: string; firstTable: number };

const summarize = (xs: readonly number[]): LatencySummary => ({
  count: xs.length,
  p50: percentile(xs, 50),
  p95: percentile(xs, 95),
  p99: percentile(xs, 99),
  max: xs.length === 0 ? NaN : xs.reduce((a, b) => Math.max(a, b), -Infinity),
});

const cpuMsOfThisProcess = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** What a run of tables tells its caller, and asks it. */
export interface TableHooks {
  /** Told once every table has sat down (or failed to). */
  seated: () => void;
  /** Whether the time is up: tables leave at their next step. */
  stopped: () => boolean;
  /** Told as each exercise begins (true) and ends (false). */
  exercise?: (started: boolean) => void;
  /** Told of a table that stopped on an error. */
  error?: (line: string) => void;
}

/**
 * Plays this process's share of the tables: sets them up `setupConcurrency` at a time, calls
 * `seated` once all are seated, then lets them play until their exercises end or `stopped()`
 * (with `repeat`, a finished table starts a new exercise until then).
 */
export async function playTables(
  share: WorkerShare,
  counts: LoadCounts,
  hooks: TableHooks,
): Promise<ExerciseOutcome[]> {
  const pace: Pace = paceOf(share.pace, share.timeScale);
  const outcomes: ExerciseOutcome[] = [];
  let seatedTables = 0;
  let seatedAnnounced = false;
  const announce = () => {
    if (!seatedAnnounced && seatedTables >= share.tables) {
      seatedAnnounced = true;
      hooks.seated();
    }
  };
  // A slot frees when a table is seated: at most `setupConcurrency` tables join at once.
  let free = share.setupConcurrency;
  const queue: (() => void)[] = [];
  const slot = () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((r) => queue.push(r)));
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else free++;
  };
  const table = async (index: number) => {
    const label = `T${share.firstTable + index}`;
    counts.tablesStarted++;
    let first = true;
    let finishedOne = false;
    let failed = false;
    for (let game = 0; first || (share.repeat && !hooks.stopped()); game++) {
      let released = !first;
      if (first) await slot();
      first = false;
      hooks.exercise?.(true);
      try {
        const outcome = await playExercise({
          url: share.url,
          scenarioId: share.scenarioId,
          seats: share.seats,
          pace,
          seed: share.seed + (share.firstTable + index) * 1000 + game,
          label,
          counts,
          unansweredAfterMs: share.unansweredAfterMs,
          stopped: hooks.stopped,
          verify: share.verify ?? false,
          onSeated: () => {
            if (released) return;
            released = true;
            seatedTables++;
            release();
            announce();
          },
        });
        outcomes.push(outcome);
        if (!outcome.finished) break;
        finishedOne = true;
      } catch (e) {
        if (e instanceof HttpFailure && e.status === 429) counts.rateLimited++;
        failed = true;
        counts.tableErrors.push(`${label}: ${(e as Error).message.split('\n')[0]}`);
        hooks.error?.(counts.tableErrors.at(-1)!);
        if (!released) {
          // A table that could not sit down still counts as set up, so the others are not kept waiting.
          released = true;
          seatedTables++;
          release();
          announce();
        }
        break;
      } finally {
        hooks.exercise?.(false);
      }
    }
    // A table finished when its exercise reached the end (with `repeat`: at least one did, and none failed).
    if (finishedOne && !failed) counts.tablesFinished++;
  };
  await Promise.all(Array.from({ length: share.tables }, (_, i) => table(i)));
  return outcomes;
}

/** Runs the load: spawns the server unless given one, plays the tables (over workers if asked), and measures. */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const say = options.progress ?? (() => undefined);
  let dataDir: string | null = null;
  let server: SpawnedServer | null = null;
  let url = options.url;
  if (url === undefined) {
    dataDir = mkdtempSync(join(tmpdir(), 'deflect-load-'));
    server = await spawnServer(dataDir, options.serverEnv ?? {});
    url = server.url;
    say(`server started: ${url} (pid ${server.pid}, data in ${dataDir})`);
  }
  const pid = server?.pid ?? options.pid ?? null;
  try {
    return await measure(options, url, pid, server, say);
  } finally {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measure(options: LoadOptions, url: string, pid: number | null, server: SpawnedServer | null, say: (line: string) => void): Promise<LoadReport> {
  const stat = (): ProcStat | null => (pid === null ? null : procStat(pid));
  const sample = async (): Promise<ServerSample | null> => (server ? server.sample() : null);
  const heapBefore = await sample();
  const before = stat();
  const t0 = performance.now();
  const gen0 = cpuMsOfThisProcess();
  const counts = emptyCounts();
  let stoppedAt: number | null = options.minutes === undefined ? null : t0 + options.minutes * 60_000;
  const stopped = () => stoppedAt !== null && performance.now() >= stoppedAt;
  let seatedAt: number | null = null;
  let windowStart: number | null = null;
  let seatedStat: ProcStat | null = null;
  let heapSeated: ServerSample | null = null;
  let measureFrom = 0;
  let steadyCpu0: ProcStat | null = null;
  let processesCpu0: (ProcStat | null)[] = [];
  let steadyCommands0 = 0;

  const onAllSeated = async (commandsSoFar: () => number) => {
    seatedAt = performance.now();
    say(`${options.tables} tables seated in ${((seatedAt - t0) / 1000).toFixed(1)} s`);
    seatedStat = stat();
    heapSeated = await sample();
    await options.onSeated?.();
    if (options.warmupSeconds) await new Promise((r) => setTimeout(r, options.warmupSeconds! * 1000));
    steadyCpu0 = stat();
    processesCpu0 = (options.processes ?? []).map((p) => procStat(p.pid));
    windowStart = performance.now();
    steadyCommands0 = commandsSoFar();
    if (options.measureSeconds !== undefined) stoppedAt = performance.now() + options.measureSeconds * 1000;
  };

  const workers = Math.max(1, Math.min(options.workers, options.tables));
  const outcomes: ExerciseOutcome[] = [];
  let workerCpuMs = 0;
  let busiestMs = 0;
  let steadyLatencies: number[] = [];
  let steadyEnd = 0;
  if (workers === 1) {
    let seatedPromise: Promise<void> = Promise.resolve();
    const share: WorkerShare = { ...options, url, firstTable: 0 };
    const progress = setInterval(() => say(progressLine(counts, t0)), 10_000);
    progress.unref();
    outcomes.push(
      ...(await playTables(share, counts, {
        seated: () => {
          seatedPromise = onAllSeated(() => counts.commandsSent).then(() => {
            measureFrom = counts.latenciesMs.length;
          });
        },
        stopped,
        error: (line) => say(`table error: ${line}`),
      })),
    );
    clearInterval(progress);
    await seatedPromise;
    steadyEnd = performance.now();
    steadyLatencies = counts.latenciesMs.slice(measureFrom);
  } else {
    const results = await runWorkers(options, url, workers, counts, {
      seated: () => onAllSeated(() => counts.commandsSent),
      stopAt: () => stoppedAt,
      say,
    });
    steadyEnd = performance.now();
    for (const r of results) {
      addCounts(counts, r.counts);
      steadyLatencies.push(...r.counts.latenciesMs.slice(r.measuredFrom));
      steadyCommands0 += r.commandsAtMeasure;
      outcomes.push(...r.outcomes);
      workerCpuMs += r.cpuMs;
      busiestMs = Math.max(busiestMs, r.cpuMs);
    }
  }
  const t1 = performance.now();
  const machineAtEnd = machineLoad();
  const end = stat();
  const heapEnd = await sample();
  const generatorOwnMs = cpuMsOfThisProcess() - gen0;
  busiestMs = Math.max(busiestMs, generatorOwnMs);
  counts.tablesUnfinished = counts.tablesStarted - counts.tablesFinished;

  const durationMs = t1 - t0;
  const rooms = options.tables;
  const seatedS = seatedAt === null ? NaN : (seatedAt - t0) / 1000;
  const steadyS = windowStart === null ? 0 : (steadyEnd - windowStart) / 1000;
  const steadyCommands = counts.commandsSent - steadyCommands0;
  const s0 = steadyCpu0 as ProcStat | null;
  const sSeated = seatedStat as ProcStat | null;
  const hSeated = heapSeated as ServerSample | null;
  const perClient = options.seats;
  // After a full GC on both sides when the server reports it (less noise), else as /proc saw it.
  const rssGrowthKb = heapBefore && hSeated ? (hSeated.rss - heapBefore.rss) / 1024 : sSeated && before ? sSeated.rssKb - before.rssKb : NaN;
  return {
    settings: { tables: options.tables, seatsPerTable: options.seats, scenarioId: options.scenarioId, pace: paceOf(options.pace, options.timeScale).name, timeScale: options.timeScale, url, spawned: server !== null, workers },
    durationS: durationMs / 1000,
    joinS: seatedS,
    tables: { started: counts.tablesStarted, finished: counts.tablesFinished, unfinished: counts.tablesUnfinished, exercisesFinished: counts.exercisesFinished },
    connections: counts.clientsJoined,
    commands: {
      sent: counts.commandsSent,
      accepted: counts.commandsAccepted,
      rejected: counts.commandsRejected,
      unanswered: counts.commandsUnanswered,
      acceptedWithoutUpdate: counts.acceptedWithoutUpdate,
      byType: counts.sentByType,
    },
    latencyMs: summarize(counts.latenciesMs),
    errors: { rejectionsByCode: counts.rejectionsByCode, protocolErrors: counts.protocolErrors, disconnections: counts.disconnections, rateLimited: counts.rateLimited, setupRetries: counts.setupRetries, tableErrors: counts.tableErrors.slice(0, 10) },
    steady: {
      seconds: steadyS,
      commands: steadyCommands,
      commandsPerSecond: steadyS > 0 ? steadyCommands / steadyS : 0,
      latencyMs: summarize(steadyLatencies),
      serverCpuPercentOfCore: s0 && end && steadyS > 0 ? ((end.cpuMs - s0.cpuMs) / (steadyS * 1000)) * 100 : null,
      processes: (options.processes ?? []).map((p, i) => {
        const a = processesCpu0[i];
        const b = procStat(p.pid);
        return { label: p.label, pid: p.pid, cpuPercentOfCore: a && b && steadyS > 0 ? ((b.cpuMs - a.cpuMs) / (steadyS * 1000)) * 100 : null };
      }),
    },
    server:
      pid === null || before === null || end === null || sSeated === null
        ? null
        : {
            pid,
            cpuPercentOfCore: ((end.cpuMs - before.cpuMs) / durationMs) * 100,
            cpuMsPerCommand: counts.commandsSent > 0 ? (end.cpuMs - before.cpuMs) / counts.commandsSent : NaN,
            joinCpuMsPerClient: (sSeated.cpuMs - before.cpuMs) / Math.max(1, rooms * perClient),
            rssKbPerRoom: rssGrowthKb / rooms,
            rssKbPerClient: rssGrowthKb / Math.max(1, rooms * perClient),
            rssMbBefore: (heapBefore ? heapBefore.rss / 1024 : before.rssKb) / 1024,
            rssMbSeated: (hSeated ? hSeated.rss / 1024 : sSeated.rssKb) / 1024,
            rssMbEnd: end.rssKb / 1024,
            heapKbPerRoom: heapBefore && hSeated ? (hSeated.heapUsed - heapBefore.heapUsed) / 1024 / rooms : null,
            heapMbEnd: heapEnd ? heapEnd.heapUsed / 1024 / 1024 : null,
            loggedErrors: server ? server.log.errors : null,
            loggedWarnings: server ? server.log.warnings : null,
            errorLines: server ? server.log.errorLines.slice(0, 5) : [],
          },
    generator: {
      cpuPercentOfCore: ((generatorOwnMs + workerCpuMs) / durationMs) * 100,
      busiestProcessPercentOfCore: (busiestMs / durationMs) * 100,
      processes: workers === 1 ? 1 : workers + 1,
    },
    machine: { cores: availableParallelism(), ...machineAtEnd },
    outcomes: options.repeat || options.verify ? outcomes : [],
  };
}

function progressLine(counts: LoadCounts, t0: number): string {
  const s = ((performance.now() - t0) / 1000).toFixed(0);
  return `${s} s: ${counts.clientsJoined} connections, ${counts.commandsSent} commands, ${counts.exercisesFinished} exercises finished, p99 so far ${percentile(counts.latenciesMs, 99).toFixed(1)} ms`;
}

/** Forks worker processes, each playing its share of the tables, and collects their counts. */
async function runWorkers(
  options: LoadOptions,
  url: string,
  workers: number,
  counts: LoadCounts,
  hooks: { seated: () => Promise<void>; stopAt: () => number | null; say: (line: string) => void },
): Promise<Extract<FromWorker, { kind: 'done' }>[]> {
  const entry = fileURLToPath(new URL('./worker.ts', import.meta.url));
  let seatedWorkers = 0;
  const children = Array.from({ length: workers }, (_, w) => {
    const tables = Math.floor(options.tables / workers) + (w < options.tables % workers ? 1 : 0);
    const firstTable = Array.from({ length: w }, (_, i) => Math.floor(options.tables / workers) + (i < options.tables % workers ? 1 : 0)).reduce((a, b) => a + b, 0);
    const child = fork(entry, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const { progress: _p, onSeated: _s, workers: _w, serverEnv: _e, processes: _ps, ...rest } = options;
    const share: WorkerShare = { ...rest, url, tables, firstTable, setupConcurrency: Math.max(1, Math.ceil(options.setupConcurrency / workers)) };
    const start: ToWorker = { kind: 'start', options: share };
    child.send(start);
    return child;
  });
  // Should this process exit first (Ctrl-C in the bench), the workers go with it.
  const killChildren = () => {
    for (const c of children) if (c.exitCode === null) c.kill();
  };
  process.once('exit', killChildren);
  const timer = setInterval(() => {
    const at = hooks.stopAt();
    if (at !== null && performance.now() >= at) {
      for (const c of children) if (c.connected) c.send({ kind: 'stop' } satisfies ToWorker);
      clearInterval(timer);
    }
  }, 250);
  try {
    return await Promise.all(
      children.map(
        (child) =>
          new Promise<Extract<FromWorker, { kind: 'done' }>>((resolve, reject) => {
            child.on('message', (m: FromWorker) => {
              if (m.kind === 'seated') {
                seatedWorkers++;
                if (seatedWorkers === workers) {
                  void hooks.seated().then(() => {
                    for (const c of children) if (c.connected) c.send({ kind: 'measure' } satisfies ToWorker);
                  });
                }
              } else resolve(m);
            });
            child.once('exit', (code) => reject(new Error(`a load worker exited (${code}) before reporting`)));
          }),
      ),
    );
  } finally {
    clearInterval(timer);
    process.removeListener('exit', killChildren);
    killChildren();
  }
}

export type { ToWorker, FromWorker, WorkerShare };
