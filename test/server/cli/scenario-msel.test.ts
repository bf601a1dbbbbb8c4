import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MSEL_COLUMNS } from '../../../shared/authoring/msel.js';
import { parseScenarioYaml } from '../../../shared/scenario/parse.js';
import { runCli } from '../../../server/cli/main.js';

const KX = 'scenarios/2031-kx.yaml';
const HEADER = MSEL_COLUMNS.join(',');

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'deflect-msel-'));
}

function copyOfKx(dir: string, transform: (text: string) => string = (t) => t): string {
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, transform(readFileSync(KX, 'utf8')));
  return file;
}

/** The file's text outside its `injects:` block (which runs to the next top-level key). */
function outsideInjects(text: string): [string, string] {
  const start = text.indexOf('\ninjects:\n');
  const end = text.indexOf('\nevacuation:');
  return [text.slice(0, start), text.slice(end)];
}

describe('deflect scenario msel', () => {
  it('export prints the injects as CSV with a byte order mark for Excel, a header and one row each', async () => {
    const r = await runCli(['scenario', 'msel', 'export', KX]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    expect(r.stdout).toContain('dual-use-worry,2,,"Analyst, national intelligence service",intelligence,japan; bangladesh,');
    expect(r.stdout.trimEnd().split('\r\n')).toHaveLength(4);
    const plain = await runCli(['scenario', 'msel', 'export', KX, '--no-bom']);
    expect(plain.stdout.startsWith(HEADER)).toBe(true);
  });

  it('import of its own export gives the same scenario and leaves every line outside the injects as it was', async () => {
    const dir = scratch();
    const file = copyOfKx(dir);
    const csv = join(dir, 'msel.csv');
    expect(await runCli(['scenario', 'msel', 'export', file, '--out', csv])).toMatchObject({ code: 0 });
    const r = await runCli(['scenario', 'msel', 'import', file, csv]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('3 injects');
    const before = readFileSync(KX, 'utf8');
    const after = readFileSync(file, 'utf8');
    expect(outsideInjects(after)).toEqual(outsideInjects(before));
    const a = parseScenarioYaml(before, KX);
    const b = parseScenarioYaml(after, KX);
    expect(b).toEqual(a);
  });

  it('import replaces the injects with the rows of an edited sheet and writes to --out, leaving the scenario alone', async () => {
    const dir = scratch();
    const file = copyOfKx(dir);
    const out = join(dir, 'out.yaml');
    const csv = join(dir, 'msel.csv');
    writeFileSync(
      csv,
      `\uFEFF${HEADER}\r\n` +
        'leak,2,probability > 10% and no mission funded by round 3,"ESA, Darmstadt",official,japan; kenya,"Colon: inside","Two\r\nlines",,Kenya asks for a briefing\r\n' +
        ',,mission failed or assistance refused,Reuters,news,all,=Markets fall,Stocks drop.,Watch the US,\r\n',
    );
    const r = await runCli(['scenario', 'msel', 'import', file, csv, '--out', out]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(KX, 'utf8'));
    const parsed = parseScenarioYaml(readFileSync(out, 'utf8'), out);
    expect(parsed.ok && parsed.scenario.injects).toEqual([
      {
        id: 'leak',
        round: 2,
        condition: { all: [{ probabilityAbove: 0.1 }, { noMissionFundedByRound: 3 }] },
        targets: ['japan', 'kenya'],
        persona: 'ESA, Darmstadt',
        channel: 'official',
        headline: 'Colon: inside',
        body: 'Two\r\nlines',
        expectedAction: 'Kenya asks for a briefing',
      },
      { id: 'markets-fall', condition: { any: [{ missionFailed: true }, { assistanceRefused: true }] }, targets: 'all', persona: 'Reuters', channel: 'news', headline: '=Markets fall', body: 'Stocks drop.', controllerNote: 'Watch the US' },
    ]);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('    targets: [japan, kenya]\n');
    expect(text.split('\n').filter((l) => l.startsWith('#'))).toEqual(readFileSync(KX, 'utf8').split('\n').filter((l) => l.startsWith('#')));
  });

  it('import refuses a sheet with mistakes, naming file, row and column, and writes nothing', async () => {
    const dir = scratch();
    const file = copyOfKx(dir);
    const csv = join(dir, 'msel.csv');
    writeFileSync(csv, `${HEADER}\r\nok,1,,P,news,all,H,B,,\r\n\r\nbad,9,,P,radio,japan; mars,H,B,,\r\n`);
    const r = await runCli(['scenario', 'msel', 'import', file, csv]);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toEqual([
      `${csv}: row 4, round: the scenario has only 5 rounds`,
      `${csv}: row 4, channel: expected news, official or intelligence, not 'radio'`,
      `${csv}: row 4, targets: there is no actor 'mars' (the actors are usa, japan, kenya, bangladesh, astra, copuos)`,
      `${file}: not written.`,
      '',
    ]);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(KX, 'utf8'));
  });

  it('import refuses to write a scenario that is invalid after the change, with the scenario checker’s errors', async () => {
    const dir = scratch();
    const file = copyOfKx(dir, (t) => t.replace(/captureRadiusKm: [\d.]+/, 'captureRadiusKm: 20000'));
    const csv = join(dir, 'msel.csv');
    writeFileSync(csv, `${HEADER}\r\nok,1,,P,news,all,H,B,,\r\n`);
    const before = readFileSync(file, 'utf8');
    const r = await runCli(['scenario', 'msel', 'import', file, csv]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/asteroid\.captureRadiusKm: 20000 km contradicts the entry speed/);
    expect(r.stderr).toContain(`${file}: not written.`);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('import adds an injects block at the end of a file that had none', async () => {
    const dir = scratch();
    const file = copyOfKx(dir, (t) => t.slice(0, t.indexOf('injects:\n')) + t.slice(t.indexOf('evacuation:')));
    const withoutInjects = readFileSync(file, 'utf8');
    const csv = join(dir, 'msel.csv');
    writeFileSync(csv, `${HEADER}\r\nhello,1,,P,news,all,H,B,,\r\n`);
    expect(await runCli(['scenario', 'msel', 'import', file, csv])).toMatchObject({ code: 0 });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(withoutInjects)).toBe(true);
    const parsed = parseScenarioYaml(text, file);
    expect(parsed.ok && parsed.scenario.injects.map((i) => i.id)).toEqual(['hello']);
  });

  it('export refuses invalid injects with their path; bad usage exits 2', async () => {
    const dir = scratch();
    const file = copyOfKx(dir, (t) => t.replace('channel: intelligence', 'channel: radio'));
    const r = await runCli(['scenario', 'msel', 'export', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: injects\\[0\\]\\.channel: `));
    expect((await runCli(['scenario', 'msel', 'export'])).code).toBe(2);
    expect((await runCli(['scenario', 'msel', 'import', KX])).code).toBe(2);
    expect((await runCli(['scenario', 'msel', 'export', KX, '--colour'])).code).toBe(2);
    expect((await runCli(['scenario', 'msel', 'export', join(dir, 'missing.yaml')])).stderr).toContain('no such file');
  });
});
