// What `npm run bench:load` decides without measuring anything: its command line, which
// configurations it compares, the next number of tables to try, and the ratios and warnings
// it prints. Pure functions, so that the plan is tested without a timed run.
import { parseArgs } from 'node:util';

/** The p99 command→update latency a step must stay under to pass (ms). */
export const P99_TARGET_MS = 100;

/**
 * What one bench run can measure:
 * - `sqlite`: one process, the embedded SQLite store (the headline figure);
 * - `pg`, `pg-async`: one process, PostgreSQL with its default durability / `synchronous_commit = off`;
 * - `cluster1`, `cluster2`: one and two processes sharing Redis and PostgreSQL behind the round-robin entry;
 * - `append`: the event store's append latency, PostgreSQL (both durabilities) against SQLite (test/bench/store.bench.ts);
 * - `join`: server CPU per client join, exercise room against echo room.
 */
export const BENCH_PARTS = ['sqlite', 'pg', 'pg-async', 'cluster1', 'cluster2', 'append', 'join'] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];
/** The parts that step tables up to the p99 target. */
export type TablesPart = Extract<BenchPart, 'sqlite' | 'pg' | 'pg-async' | 'cluster1' | 'cluster2'>;
export const TABLES_PARTS: readonly TablesPart[] = ['sqlite', 'pg', 'pg-async', 'cluster1', 'cluster2'];

/** How each configuration runs: its server processes, its store, and whether Redis is shared. */
export const PART_LABELS: Record<TablesPart, string> = {
  sqlite: '1 process, SQLite',
  pg: '1 process, PostgreSQL',
  'pg-async': '1 process, PostgreSQL, synchronous_commit=off',
  cluster1: '1 process, Redis + PostgreSQL, behind the entry',
  cluster2: '2 processes, Redis + PostgreSQL, behind the entry',
};

/** The bench's settings, from its command line. */
export interface BenchOptions {
  /** Tables tried in order, ascending; the search stops at the first step over the target. */
  steps: number[];
  /** Bisection rounds between the last passing and the first failing step. */
  refine: number;
  parts: BenchPart[];
  seconds: number;
  warmupSeconds: number;
  timeScale: number;
  workers: number;
  joinClients: number;
  appends: number;
  json: boolean;
  verbose: boolean;
}

export const BENCH_USAGE = `usage: npm run bench:load -- [--compare PARTS] [--steps 50,100,200,300,400,600] [--refine 1]
                          [--seconds 60] [--warmup 30] [--time-scale 1] [--workers 2]
                          [--join-clients 400] [--appends 2000] [--json] [--verbose]

  --compare PARTS   comma-separated, any of ${BENCH_PARTS.join(', ')} (default: all).
                    cluster2 brings cluster1 with it (its ratio is against one process with the same store).
  --steps LIST      tables to try, ascending; each configuration stops at its first step over p99 ${P99_TARGET_MS} ms
  --refine N        then halve the gap between the last passing and the first failing step N times (default 1)
  --seconds S       the measured window of each step (default 60), after --warmup seconds (default 30)
  --workers N       load generator processes (default 2), so that the generator is not the bottleneck
  --appends N       appends per store in the append-latency part (default 2000)`;

/** A mistake in the command line, said as a sentence. */
export class BenchUsageError extends Error {}

const positive = (name: string, raw: string, integer: boolean, max: number): number => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > max || (integer && !Number.isInteger(n))) throw new BenchUsageError(`bench:load: --${name} must be a ${integer ? 'whole ' : ''}number from 1 to ${max}, got '${raw}'.`);
  return n;
};

/** Parses the bench's command line; throws a BenchUsageError naming the flag. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        compare: { type: 'string', default: BENCH_PARTS.join(',') },
        steps: { type: 'string', default: '50,100,200,300,400,600' },
        refine: { type: 'string', default: '1' },
        seconds: { type: 'string', default: '60' },
        warmup: { type: 'string', default: '30' },
        'time-scale': { type: 'string', default: '1' },
        workers: { type: 'string', default: '2' },
        'join-clients': { type: 'string', default: '400' },
        appends: { type: 'string', default: '2000' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    throw new BenchUsageError(`bench:load: ${(e as Error).message.split('\n')[0]}`);
  }
  const steps = values.steps.split(',').map((s) => positive('steps', s.trim(), true, 10_000));
  if (steps.some((n, i) => i > 0 && n <= steps[i - 1]!)) throw new BenchUsageError(`bench:load: --steps must ascend, got '${values.steps}'.`);
  const named = values.compare.split(',').map((s) => s.trim());
  for (const p of named) if (!(BENCH_PARTS as readonly string[]).includes(p)) throw new BenchUsageError(`bench:load: --compare takes ${BENCH_PARTS.join(', ')}; '${p}' is none of them.`);
  const chosen = new Set(named as BenchPart[]);
  if (chosen.has('cluster2')) chosen.add('cluster1');
  const refine = Number(values.refine);
  if (!Number.isInteger(refine) || refine < 0 || refine > 10) throw new BenchUsageError(`bench:load: --refine must be a whole number from 0 to 10, got '${values.refine}'.`);
  const warmupSeconds = Number(values.warmup);
  if (!Number.isFinite(warmupSeconds) || warmupSeconds < 0 || warmupSeconds > 3600) throw new BenchUsageError(`bench:load: --warmup must be a number of seconds from 0 to 3600, got '${values.warmup}'.`);
  const joinClients = positive('join-clients', values['join-clients'], true, 100_000);
  return {
    steps,
    refine,
    parts: BENCH_PARTS.filter((p) => chosen.has(p)),
    seconds: positive('seconds', values.seconds, false, 3600),
    warmupSeconds,
    timeScale: positive('time-scale', values['time-scale'], false, 1000),
    workers: positive('workers', values.workers, true, 64),
    // 8 to a room: rounded to whole rooms.
    joinClients: Math.max(8, Math.round(joinClients / 8) * 8),
    appends: positive('appends', values.appends, true, 1_000_000),
    json: values.json,
    verbose: values.verbose,
  };
}

/** One step's verdict, as the search needs it. */
export interface StepVerdict {
  tables: number;
  withinTarget: boolean;
}

/**
 * The next number of tables to try, or null when the search is over: the steps in order until
 * the first one over the target, then `refine` bisections between the last passing step (0
 * when none passed) and the first failing one, as long as they differ by more than one table.
 */
export function nextTables(steps: readonly number[], refine: number, done: readonly StepVerdict[]): number | null {
  const failed = done.filter((d) => !d.withinTarget).map((d) => d.tables);
  if (failed.length === 0) return steps.find((s) => !done.some((d) => d.tables === s)) ?? null;
  const stepsAfterFirstFail = done.length - 1 - done.findIndex((d) => !d.withinTarget);
  if (stepsAfterFirstFail >= refine) return null;
  const low = Math.max(0, ...done.filter((d) => d.withinTarget).map((d) => d.tables));
  const high = Math.min(...failed);
  if (high - low <= 1) return null;
  return Math.round((low + high) / 2);
}

/** The largest number of tables that kept the target, and the smallest that missed it. */
export function searchOutcome(done: readonly StepVerdict[]): { tablesWithinTarget: number; smallestOver: number | null } {
  const over = done.filter((d) => !d.withinTarget).map((d) => d.tables);
  const smallestOver = over.length ? Math.min(...over) : null;
  // A passing step above a failing one (noise) does not count: the figure is what held below the first failure.
  const passing = done.filter((d) => d.withinTarget && (smallestOver === null || d.tables < smallestOver)).map((d) => d.tables);
  return { tablesWithinTarget: passing.length ? Math.max(...passing) : 0, smallestOver };
}

/** Median and p99 append latency of one store (ms). */
export interface AppendFigures {
  medianMs: number;
  p99Ms: number;
}

/** The ratios the issue asks for, null where a side was not measured (or served no table). */
export interface BenchRatios {
  /** Tables served by 2 processes over 1, both on Redis + PostgreSQL (goal ≥ 1.7). */
  cluster2OverCluster1: number | null;
  /** Tables served by PostgreSQL over SQLite, one process (goal ≥ 1/1.5). */
  pgOverSqliteTables: number | null;
  pgAsyncOverSqliteTables: number | null;
  /** Append latency, PostgreSQL over SQLite (goal ≤ 1.5). */
  pgOverSqliteAppendMedian: number | null;
  pgOverSqliteAppendP99: number | null;
  pgAsyncOverSqliteAppendMedian: number | null;
  pgAsyncOverSqliteAppendP99: number | null;
}

const over = (a: number | undefined | null, b: number | undefined | null): number | null => (a == null || b == null || !(b > 0) || !Number.isFinite(a) ? null : a / b);

/** The bench's ratios from the tables each configuration served and the stores' append latencies. */
export function benchRatios(tables: Partial<Record<TablesPart, number>>, append: { sqlite: AppendFigures; pg: AppendFigures; pgAsync: AppendFigures } | null): BenchRatios {
  return {
    cluster2OverCluster1: over(tables.cluster2, tables.cluster1),
    pgOverSqliteTables: over(tables.pg, tables.sqlite),
    pgAsyncOverSqliteTables: over(tables['pg-async'], tables.sqlite),
    pgOverSqliteAppendMedian: over(append?.pg.medianMs, append?.sqlite.medianMs),
    pgOverSqliteAppendP99: over(append?.pg.p99Ms, append?.sqlite.p99Ms),
    pgAsyncOverSqliteAppendMedian: over(append?.pgAsync.medianMs, append?.sqlite.medianMs),
    pgAsyncOverSqliteAppendP99: over(append?.pgAsync.p99Ms, append?.sqlite.p99Ms),
  };
}

/** How busy the machine and the measuring side were during a step. */
export interface BusyFigures {
  cores: number;
  loadAverage1: number;
  cpuPressurePercent: number | null;
  /** The busiest load generator process, % of one core. */
  generatorBusiestPercentOfCore: number;
  /** All load generator processes together, % of one core. */
  generatorTotalPercentOfCore: number;
  /** Each server process while measured, % of one core (null when not known). */
  serverPercentOfCore: (number | null)[];
}

/** Above this share of a core a single process is taken to be the bottleneck. */
const BUSY_PROCESS_PERCENT = 80;
/** Above this share of the machine's cores, the generator and the servers compete for CPU. */
const BUSY_MACHINE_SHARE = 0.8;
/** Above this share of the last minute some task waited for a CPU, other work is in the way. */
const BUSY_PRESSURE_PERCENT = 20;

/** Why a step's figures may not be the server's (empty when nothing suggests so). */
export function busyWarnings(b: BusyFigures): string[] {
  const warnings: string[] = [];
  if (b.generatorBusiestPercentOfCore > BUSY_PROCESS_PERCENT) warnings.push(`a load generator process used ${b.generatorBusiestPercentOfCore.toFixed(0)}% of a core: the latencies may be the generator's (raise --workers)`);
  const servers = b.serverPercentOfCore.reduce<number>((a, x) => a + (x ?? 0), 0);
  const used = (b.generatorTotalPercentOfCore + servers) / 100;
  if (used > b.cores * BUSY_MACHINE_SHARE) warnings.push(`the generator and the servers together used ${used.toFixed(1)} of ${b.cores} cores: they compete for the CPU, so the comparison measures the machine`);
  if (b.loadAverage1 > b.cores) warnings.push(`load average ${b.loadAverage1.toFixed(1)} on ${b.cores} cores: other work shares the machine`);
  if (b.cpuPressurePercent !== null && b.cpuPressurePercent > BUSY_PRESSURE_PERCENT) warnings.push(`some task waited for a CPU ${b.cpuPressurePercent.toFixed(0)}% of the last minute: other work shares the machine`);
  return warnings;
}

/** A ratio for people: `×1.85`, or `–` when not measured. */
export const showRatio = (r: number | null): string => (r === null ? '–' : `×${r.toFixed(2)}`);
