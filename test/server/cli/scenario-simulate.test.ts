// `deflect scenario simulate`: usage mistakes, unreadable files, and the report as JSON and as a table.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli/main.js';
import type { SimulateJson } from '../../../server/cli/scenario-simulate.js';

const KX = new URL('../../../scenarios/2031-kx.yaml', import.meta.url).pathname;
const simulate = (...args: string[]) => runCli(['scenario', 'simulate', ...args]);

describe('deflect scenario simulate: usage', () => {
  it.each([
    [[KX], /--games N is required/],
    [[KX, '--games', '0'], /--games must be between 1 and 100,000, got 0/],
    [[KX, '--games', '100001'], /--games must be between 1 and 100,000, got 100001/],
    [[KX, '--games', 'many'], /--games must be a whole number, got 'many'/],
    [[KX, '--games', '2.5'], /--games must be a whole number, got '2.5'/],
    [[KX, '--games', '3', '--seed=-1'], /--seed must be between 0 and/],
    [[KX, '--games', '3', '--threads', '0'], /--threads must be between 1 and 16, got 0/],
    [['--games', '3'], /name one scenario file/],
    [[KX, KX, '--games', '3'], /name one scenario file/],
    [[KX, '--games', '3', '--fast'], /Unknown option '--fast'/],
  ])('refuses %j with a usage error and exit code 2', async (args, problem) => {
    const r = await simulate(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(problem);
    expect(r.stderr).toContain('usage: deflect scenario simulate FILE --games N [--seed S] [--threads T] [--json]');
  });

  it('names the file, the path and the problem of a scenario that does not parse, with exit code 2', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'deflect-simulate-')), 'broken.yaml');
    writeFileSync(path, 'id: broken\ntitle: 3\n');
    const r = await simulate(path, '--games', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path}: title: `);
  });

  it('says a missing file is missing, with exit code 2', async () => {
    const r = await simulate('/nonexistent/scenario.yaml', '--games', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read /nonexistent/scenario.yaml: no such file');
  });
});

describe('deflect scenario simulate: the report', () => {
  it('prints the distribution as JSON, the same for the same seed apart from timing', { timeout: 120_000 }, async () => {
    const [a, b] = await Promise.all([simulate(KX, '--games', '4', '--seed', '7', '--json'), simulate(KX, '--games', '4', '--seed', '7', '--json')]);
    expect(a.code).toBe(0);
    const report = JSON.parse(a.stdout) as SimulateJson;
    expect(report).toMatchObject({ scenarioId: '2031-kx', games: 4, seed: 7, regime: 'liability-convention', rejections: 0 });
    expect(Object.values(report.outcomes).reduce((s, n) => s + n, 0)).toBe(4);
    expect(report.impactCountries.reduce((s, c) => s + c.games, 0)).toBe(report.outcomes.impact);
    expect(Object.keys(report.casualties).sort()).toEqual(['gamesWithAny', 'max', 'mean', 'p50', 'p90']);
    expect(report.timing.totalMs).toBeGreaterThan(0);
    expect(report.timing.worldLoadMs).toBeGreaterThan(0);
    const { timing: _a, ...first } = report;
    const { timing: _b, ...second } = JSON.parse(b.stdout) as SimulateJson;
    expect(second).toEqual(first);
  });

  it('reports the same games on worker threads as on one thread', { timeout: 240_000 }, async () => {
    const [one, two] = await Promise.all([simulate(KX, '--games', '5', '--seed', '3', '--threads', '1', '--json'), simulate(KX, '--games', '5', '--seed', '3', '--threads', '2', '--json')]);
    expect(two.stderr).toBe('');
    const { timing: t1, ...first } = JSON.parse(one.stdout) as SimulateJson;
    const { timing: t2, ...second } = JSON.parse(two.stdout) as SimulateJson;
    expect([t1.threads, t2.threads]).toEqual([1, 2]);
    expect(second).toEqual(first);
  });

  it('prints a table with the outcomes in percent, the casualty quantiles and the time taken', { timeout: 120_000 }, async () => {
    const r = await simulate(KX, '--games', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2031-kx: 2 simulated games, seed 1, liability under liability-convention$/m);
    expect(r.stdout).toMatch(/^ {2}impact +\d+ +\d+\.\d %$/m);
    expect(r.stdout).toMatch(/^Casualties per game +mean [\d,]+, p50 [\d,]+, p90 [\d,]+, max [\d,]+/m);
    expect(r.stdout).toMatch(/^2 games in \d+\.\d s \(/m);
  });
});
