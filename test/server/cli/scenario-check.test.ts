import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli/main.js';
import type { CheckJson } from '../../../server/cli/scenario-check.js';

const kxText = readFileSync(new URL('../../../scenarios/2031-kx.yaml', import.meta.url), 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'deflect-check-'));

/** Writes a scenario text to a temporary file and returns its path. */
function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe('deflect scenario check', () => {
  it('prints each finding as FILE:LINE: severity [code] path: message, then a summary; exit 1 on an error', async () => {
    const broken = kxText.replace('captureRadiusKm: 8286', 'captureRadiusKm: 9560').replace('  densityKgM3: 2000\n  entrySpeedKmS', '  densityKgM3: 20000\n  entrySpeedKmS');
    const path = file('broken.yaml', broken);
    const r = await runCli(['scenario', 'check', path]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    const radiusLine = broken.split('\n').findIndex((l) => l.includes('captureRadiusKm: 9560')) + 1;
    expect(lines).toContain(`${path}:${radiusLine}: error [physics/capture_radius] asteroid.captureRadiusKm: 9560 km contradicts the entry speed of 17.5 km/s, which gives 8286 km (v∞ = √(v0² − vesc²), b = RE·v0/v∞)`);
    expect(lines.some((l) => /^.*:\d+: warning \[physics\/density\] asteroid\.densityKgM3: /.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^1 error, \d+ warnings$/);
  });

  it('exits 0 on a file with warnings only', async () => {
    const r = await runCli(['scenario', 'check', file('kx.yaml', kxText)]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^0 errors, \d+ warnings$/);
  });

  it('--json prints the report without the scenario, with counts and the mission deadlines', async () => {
    const r = await runCli(['scenario', 'check', file('kx.yaml', kxText), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as CheckJson;
    expect(Object.keys(report).sort()).toEqual(['errors', 'file', 'findings', 'missionDeadlines', 'ok', 'warnings']);
    expect(report).toMatchObject({ ok: true, errors: 0, warnings: report.findings.length });
    expect(report.missionDeadlines.map((d) => d.missionTypeId)).toEqual(['recon', 'ki-single', 'ki-campaign', 'nuclear', 'tractor']);
  });

  it('--json on a file the schema refuses: exit 1, findings with lines, no deadlines', async () => {
    const r = await runCli(['scenario', 'check', file('bad-kind.yaml', kxText.replace('kind: un-body', 'kind: un')), '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as CheckJson;
    expect(report).toMatchObject({ ok: false, errors: 1, missionDeadlines: [] });
    expect(report.findings[0]).toMatchObject({ code: 'schema/invalid', path: 'actors[5].kind', line: expect.any(Number) });
  });

  it('reports YAML syntax errors by line', async () => {
    const path = file('syntax.yaml', 'version: 2\nid: [x\n');
    const r = await runCli(['scenario', 'check', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: error \\[yaml/syntax\\] `));
  });

  it('is a usage error (exit 2) without a file, with a missing file, or with an unknown flag', async () => {
    const none = await runCli(['scenario', 'check']);
    expect(none).toMatchObject({ code: 2, stdout: '' });
    expect(none.stderr).toMatch(/name one scenario file/);
    const missing = await runCli(['scenario', 'check', join(tmp, 'nope.yaml')]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(`deflect scenario check: cannot read ${join(tmp, 'nope.yaml')}: no such file.\n`);
    expect((await runCli(['scenario', 'check', 'x.yaml', '--strict'])).code).toBe(2);
  });
});
