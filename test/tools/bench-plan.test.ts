// The load bench's plan without a timed run: its command line, the order in which it tries
// numbers of tables, what it concludes from them, its ratios and its warnings.
import { describe, expect, it } from 'vitest';
import { BenchUsageError, benchRatios, busyWarnings, nextTables, parseBenchArgs, searchOutcome, showRatio, type StepVerdict } from '../../tools/load/bench-plan.js';

/** Runs the search against a server that keeps the target up to `capacity` tables; returns the tables tried in order. */
function search(steps: number[], refine: number, capacity: number): number[] {
  const done: StepVerdict[] = [];
  for (let t = nextTables(steps, refine, done); t !== null; t = nextTables(steps, refine, done)) {
    expect(done.length).toBeLessThan(50);
    done.push({ tables: t, withinTarget: t <= capacity });
  }
  return done.map((d) => d.tables);
}

describe('bench:load plan', () => {
  it('compares every configuration by default, with two load processes', () => {
    const o = parseBenchArgs([]);
    expect(o.parts).toEqual(['sqlite', 'pg', 'pg-async', 'cluster1', 'cluster2', 'append', 'join']);
    expect(o.steps).toEqual([50, 100, 200, 300, 400, 600]);
    expect(o).toMatchObject({ refine: 1, seconds: 60, warmupSeconds: 30, workers: 2, json: false });
  });

  it('runs only the parts asked for, bringing the one-process baseline with two processes', () => {
    expect(parseBenchArgs(['--compare', 'cluster2']).parts).toEqual(['cluster1', 'cluster2']);
    expect(parseBenchArgs(['--compare', 'pg,sqlite', '--steps', '4,8', '--seconds', '10', '--warmup', '0']).parts).toEqual(['sqlite', 'pg']);
    expect(parseBenchArgs(['--steps', '4,8', '--join-clients', '20']).joinClients).toBe(24);
  });

  it('refuses a part it does not know, steps that do not ascend and a bad number, with a sentence', () => {
    expect(() => parseBenchArgs(['--compare', 'sqlite,mysql'])).toThrow(/'mysql' is none of them/);
    expect(() => parseBenchArgs(['--steps', '100,50'])).toThrow(/--steps must ascend/);
    expect(() => parseBenchArgs(['--steps', '10,x'])).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(['--workers', '0'])).toThrow(/--workers must be a whole number/);
    expect(() => parseBenchArgs(['--refine', '-1'])).toThrow(/--refine/);
    expect(() => parseBenchArgs(['--tables', '3'])).toThrow(BenchUsageError);
  });

  it('stops at the first step over the target, then bisects towards it', () => {
    expect(search([50, 100, 200, 300, 400, 600], 0, 250)).toEqual([50, 100, 200, 300]);
    expect(search([50, 100, 200, 300, 400, 600], 1, 250)).toEqual([50, 100, 200, 300, 250]);
    expect(search([50, 100, 200, 300, 400, 600], 2, 260)).toEqual([50, 100, 200, 300, 250, 275]);
    // Every step passed: nothing to bisect.
    expect(search([4, 8], 3, 1000)).toEqual([4, 8]);
    // The first step failed: the search goes below it.
    expect(search([50, 100], 2, 10)).toEqual([50, 25, 13]);
    // Steps one table apart leave nothing between them.
    expect(search([4, 5], 3, 4)).toEqual([4, 5]);
  });

  it('counts the largest passing step below the first failure, not a lucky one above it', () => {
    expect(searchOutcome([{ tables: 50, withinTarget: true }, { tables: 100, withinTarget: false }, { tables: 75, withinTarget: true }])).toEqual({ tablesWithinTarget: 75, smallestOver: 100 });
    expect(searchOutcome([{ tables: 50, withinTarget: true }, { tables: 100, withinTarget: false }, { tables: 200, withinTarget: true }])).toEqual({ tablesWithinTarget: 50, smallestOver: 100 });
    expect(searchOutcome([{ tables: 50, withinTarget: false }])).toEqual({ tablesWithinTarget: 0, smallestOver: 50 });
    expect(searchOutcome([])).toEqual({ tablesWithinTarget: 0, smallestOver: null });
  });

  it('divides two processes by one and PostgreSQL by SQLite, and leaves out what was not measured', () => {
    const r = benchRatios({ sqlite: 200, pg: 150, 'pg-async': 200, cluster1: 100, cluster2: 180 }, { sqlite: { medianMs: 0.05, p99Ms: 2 }, pg: { medianMs: 1, p99Ms: 8 }, pgAsync: { medianMs: 0.25, p99Ms: 3 } });
    expect(r.cluster2OverCluster1).toBeCloseTo(1.8);
    expect(r.pgOverSqliteTables).toBeCloseTo(0.75);
    expect(r.pgAsyncOverSqliteTables).toBeCloseTo(1);
    expect(r.pgOverSqliteAppendMedian).toBeCloseTo(20);
    expect(r.pgOverSqliteAppendP99).toBeCloseTo(4);
    expect(r.pgAsyncOverSqliteAppendMedian).toBeCloseTo(5);
    expect(r.pgAsyncOverSqliteAppendP99).toBeCloseTo(1.5);
    const partial = benchRatios({ cluster2: 40 }, null);
    expect(partial.cluster2OverCluster1).toBeNull();
    expect(partial.pgOverSqliteAppendMedian).toBeNull();
    // A baseline that served no table gives no ratio (not Infinity).
    expect(benchRatios({ cluster1: 0, cluster2: 50 }, null).cluster2OverCluster1).toBeNull();
    expect(showRatio(1.8)).toBe('×1.80');
    expect(showRatio(null)).toBe('–');
  });

  it('warns when the generator, the servers or other work may have set the figures', () => {
    const quiet = { cores: 2, loadAverage1: 0.8, cpuPressurePercent: 2, generatorBusiestPercentOfCore: 20, generatorTotalPercentOfCore: 35, serverPercentOfCore: [30, 25] };
    expect(busyWarnings(quiet)).toEqual([]);
    expect(busyWarnings({ ...quiet, generatorBusiestPercentOfCore: 95 }).join()).toMatch(/load generator process used 95%.*--workers/);
    expect(busyWarnings({ ...quiet, generatorTotalPercentOfCore: 80, serverPercentOfCore: [60, 50] }).join()).toMatch(/1\.9 of 2 cores/);
    expect(busyWarnings({ ...quiet, loadAverage1: 5 }).join()).toMatch(/load average 5\.0 on 2 cores/);
    expect(busyWarnings({ ...quiet, cpuPressurePercent: 60 }).join()).toMatch(/waited for a CPU 60%/);
    expect(busyWarnings({ ...quiet, cpuPressurePercent: null, serverPercentOfCore: [null] })).toEqual([]);
  });
});
