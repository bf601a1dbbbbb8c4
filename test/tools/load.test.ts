// The load tool against a server it spawns: two tables of bots play whole exercises at the
// fast pace, and the report says so with latencies, answers and the server's figures.
import { describe, expect, it } from 'vitest';
import { formatReport, parseLoadArgs } from '../../tools/load/main.js';
import { runLoad } from '../../tools/load/run.js';
import { addCounts, emptyCounts, percentile } from '../../tools/load/stats.js';

describe('load tool', () => {
  it('plays two whole tables to their end against a spawned server, every command answered and timed', { timeout: 90_000 }, async () => {
    const report = await runLoad({
      tables: 2,
      scenarioId: '2031-kx',
      pace: 'fast',
      timeScale: 1,
      seats: 8,
      workers: 1,
      setupConcurrency: 2,
      unansweredAfterMs: 10_000,
      seed: 7,
      verify: true,
    });
    expect(report.tables).toEqual({ started: 2, finished: 2, unfinished: 0, exercisesFinished: 2 });
    expect(report.errors.tableErrors).toEqual([]);
    expect(report.commands.unanswered).toBe(0);
    expect(report.errors.protocolErrors).toBe(0);
    expect(report.errors.disconnections).toBe(0);
    // Every accepted command was timed until its sender saw it.
    expect(report.commands.accepted).toBeGreaterThan(50);
    expect(report.latencyMs.count).toBe(report.commands.accepted - report.commands.acceptedWithoutUpdate);
    expect(report.latencyMs.p50).toBeGreaterThan(0);
    expect(report.latencyMs.p50).toBeLessThanOrEqual(report.latencyMs.p99);
    expect(report.latencyMs.p99).toBeLessThanOrEqual(report.latencyMs.max);
    // The whole exercise was played: joining, talking in public and in private, proposing, funding, voting, ordering, readying.
    for (const type of ['ClaimSeat', 'SendMessage', 'ProposeMission', 'SubmitOrders', 'SetReady', 'CastVote', 'AdvancePhase']) {
      expect(report.commands.byType[type] ?? 0, type).toBeGreaterThan(0);
    }
    // 8 seats and one seat finder per table.
    expect(report.connections).toBe(2 * 9);
    // The spawned server was measured, and logged no error.
    expect(report.server).not.toBeNull();
    expect(report.server!.cpuPercentOfCore).toBeGreaterThan(0);
    expect(report.server!.loggedErrors).toBe(0);
    expect(report.server!.heapKbPerRoom).not.toBeNull();
    expect(report.generator.cpuPercentOfCore).toBeGreaterThan(0);
    // Each finished exercise's stored log holds every acknowledged command and replays to the server's hash.
    expect(report.outcomes).toHaveLength(2);
    for (const o of report.outcomes) {
      expect(o.verification!.problems).toEqual([]);
      expect(o.verification!.acknowledgedInLog).toBe(o.verification!.acknowledged);
      expect(o.verification!.replayedHash).toBe(o.verification!.serverHash);
    }
    const text = formatReport(report);
    expect(text).toContain('2 started, 2 finished, 0 unfinished');
    expect(text).toMatch(/p99 \d+\.\d ms/);
    expect(JSON.parse(JSON.stringify(report))).toMatchObject({ settings: { tables: 2, seatsPerTable: 8, spawned: true } });
  });

  it('reads its command line, and refuses flags it cannot honour with a sentence', () => {
    const parsed = parseLoadArgs(['--tables', '50', '--spawn', '--pace', 'fast', '--minutes', '2', '--json']);
    expect(parsed).toMatchObject({ json: true, options: { tables: 50, pace: 'fast', minutes: 2, seats: 8, scenarioId: '2031-kx', workers: 1 } });
    expect(parsed !== 'help' && parsed.options.url).toBeUndefined();
    expect(() => parseLoadArgs([])).toThrow(/--tables is required/);
    expect(() => parseLoadArgs(['--tables', '2', '--url', 'http://x:1', '--spawn'])).toThrow(/either --url or --spawn/);
    expect(() => parseLoadArgs(['--tables', '2', '--pace', 'slow'])).toThrow(/realistic or fast/);
    expect(() => parseLoadArgs(['--tables', '0'])).toThrow(/--tables must be a whole number/);
  });

  it('adds up workers’ counts and takes nearest-rank percentiles', () => {
    const a = { ...emptyCounts(), commandsSent: 3, latenciesMs: [1, 2], rejectionsByCode: { 'phase/closed': 1 } };
    const b = { ...emptyCounts(), commandsSent: 4, latenciesMs: [3], rejectionsByCode: { 'phase/closed': 2, timeout: 1 } };
    const sum = addCounts(a, b);
    expect(sum.commandsSent).toBe(7);
    expect(sum.latenciesMs).toEqual([1, 2, 3]);
    expect(sum.rejectionsByCode).toEqual({ 'phase/closed': 3, timeout: 1 });
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 99)).toBe(99);
    expect(percentile([], 50)).toBeNaN();
  });
});
