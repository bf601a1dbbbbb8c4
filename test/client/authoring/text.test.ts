import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { downloadName, findingsHeadline, injectTiming, lineRange, replaceInjects, sortFindings } from '../../../client/authoring/text.js';
import type { Finding } from '../../../shared/authoring/check.js';
import { parseScenarioYaml } from '../../../shared/scenario/parse.js';
import type { Inject } from '../../../shared/scenario/schema.js';

const KX = readFileSync('scenarios/2031-kx.yaml', 'utf8');

const newInjects: Inject[] = [
  { id: 'csv-one', round: 1, targets: 'all', persona: 'Wire service', channel: 'news', headline: 'From the spreadsheet', body: 'A row of the MSEL.' },
  {
    id: 'csv-two',
    condition: { probabilityAbove: 0.5 },
    targets: ['usa'],
    persona: 'NASA PDCO',
    channel: 'official',
    headline: 'Odds rise',
    body: 'The probability is above one half.',
    controllerNote: 'Expect a funding request.',
    expectedAction: 'The USA proposes a mission.',
  },
];

describe('replacing the injects of a scenario text', () => {
  it('puts the new injects in and the file still parses to them', () => {
    const replaced = replaceInjects(KX, newInjects)!;
    const parsed = parseScenarioYaml(replaced, 'replaced.yaml');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.scenario.injects).toEqual(newInjects);
  });

  it('keeps every comment and the rest of the scenario as written', () => {
    const replaced = replaceInjects(KX, newInjects)!;
    const commentsOf = (t: string) => t.split('\n').filter((l) => /^\s*#/.test(l) && !l.includes('inject'));
    expect(commentsOf(replaced)).toEqual(commentsOf(KX));
    const before = parseScenarioYaml(KX, 'kx.yaml');
    const after = parseScenarioYaml(replaced, 'replaced.yaml');
    if (!before.ok || !after.ok) throw new Error('2031-kx must parse');
    expect({ ...after.scenario, injects: [] }).toEqual({ ...before.scenario, injects: [] });
    // Long one-line values stay on one line (no folding at 80 columns).
    expect(replaced).toContain("    briefing: NASA's Planetary Defense Coordination Office leads US observation and mission studies. Congress expects partners to share the cost of any campaign.");
  });

  it('writes no key for a field the CSV left empty', () => {
    const replaced = replaceInjects(KX, [{ ...newInjects[0]!, round: undefined, controllerNote: undefined }])!;
    expect(replaced).not.toMatch(/round: null|controllerNote: null|round:\s*$/m);
  });

  it('refuses text that is not a YAML mapping', () => {
    expect(replaceInjects('- just\n- a list\n', newInjects)).toBeNull();
    expect(replaceInjects('key: [unclosed', newInjects)).toBeNull();
  });
});

describe('moving the caret to a line', () => {
  const text = 'first\nsecond line\n\nfourth';
  it('gives the offsets of the start and end of a 1-based line', () => {
    expect(lineRange(text, 1)).toEqual({ start: 0, end: 5 });
    expect(lineRange(text, 2)).toEqual({ start: 6, end: 17 });
    expect(lineRange(text, 3)).toEqual({ start: 18, end: 18 });
    expect(lineRange(text, 4)).toEqual({ start: 19, end: 25 });
  });
  it('stays on the last line for a line past the end', () => {
    expect(lineRange(text, 99)).toEqual({ start: 19, end: 25 });
  });
});

describe('wording the check', () => {
  const error = (line?: number): Finding => ({ severity: 'error', code: 'schema/invalid', path: 'x', message: 'bad', ...(line === undefined ? {} : { line }) });
  const warning = (line?: number): Finding => ({ severity: 'warning', code: 'missions/too_late', path: 'y', message: 'late', ...(line === undefined ? {} : { line }) });

  it('counts errors and warnings in the headline', () => {
    expect(findingsHeadline([])).toBe('No errors or warnings.');
    expect(findingsHeadline([warning(), warning()])).toBe('No errors, 2 warnings.');
    expect(findingsHeadline([error()])).toBe('1 error.');
    expect(findingsHeadline([error(), error(), warning()])).toBe('2 errors and 1 warning.');
  });

  it('lists errors before warnings, each by line, unlined last', () => {
    const sorted = sortFindings([warning(3), error(), error(40), warning(1), error(7)]);
    expect(sorted.map((f) => `${f.severity}:${f.line ?? '-'}`)).toEqual(['error:7', 'error:40', 'error:-', 'warning:1', 'warning:3']);
  });

  it('says when an inject fires', () => {
    expect(injectTiming({ round: 2 })).toBe('Round 2');
    expect(injectTiming({ condition: { probabilityAbove: 0.5 } })).toBe('When the impact probability is above 50%');
    expect(injectTiming({ round: 3, condition: { all: [{ missionFailed: true }, { roundAtLeast: 4 }] } })).toBe('Round 3, if a mission has failed and round 4 or later');
    expect(injectTiming({ condition: { any: [{ assistanceRefused: true }, { noMissionFundedByRound: 2 }] } })).toBe('When an offer of assistance was refused or no mission is funded by round 2');
    expect(injectTiming({})).toBe('By the facilitator');
  });

  it('names downloads after the scenario id, never after odd text', () => {
    expect(downloadName('2031-kx', 'yaml')).toBe('2031-kx.yaml');
    expect(downloadName('2031-kx', 'csv')).toBe('2031-kx-msel.csv');
    expect(downloadName('../../etc', 'yaml')).toBe('scenario.yaml');
    expect(downloadName(null, 'csv')).toBe('scenario-msel.csv');
  });
});
