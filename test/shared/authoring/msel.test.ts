import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { conditionText, MSEL_COLUMNS, mselFromCsv, mselToCsv, parseCondition } from '../../../shared/authoring/msel.js';
import { readCsv, UTF8_BOM } from '../../../shared/csv.js';
import { injectSchema, type Inject, type InjectCondition } from '../../../shared/scenario/schema.js';
import { readYaml } from '../../../shared/yaml.js';

const slugArb = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,39}$/);
const probabilityArb = fc.double({ min: 0, max: 1, noNaN: true }).map((p) => p + 0); // + 0: no -0
const roundArb = fc.integer({ min: 1, max: 30 });
const { condition: conditionArb } = fc.letrec<{ condition: InjectCondition }>((tie) => ({
  condition: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    probabilityArb.map((p) => ({ probabilityAbove: p })),
    probabilityArb.map((p) => ({ probabilityBelow: p })),
    roundArb.map((r) => ({ noMissionFundedByRound: r })),
    fc.constant({ missionFailed: true as const }),
    fc.constant({ assistanceRefused: true as const }),
    roundArb.map((r) => ({ roundAtLeast: r })),
    fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('condition'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
  ),
}));
const textArb = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
const injectArb: fc.Arbitrary<Inject> = fc.record(
  {
    id: slugArb,
    round: roundArb,
    condition: conditionArb,
    targets: fc.oneof(fc.constant('all' as const), fc.array(slugArb.filter((s) => s !== 'all'), { minLength: 1, maxLength: 4 })),
    persona: textArb,
    channel: fc.constantFrom('news' as const, 'official' as const, 'intelligence' as const),
    headline: textArb,
    body: textArb,
    controllerNote: textArb,
    expectedAction: textArb,
  },
  { requiredKeys: ['id', 'targets', 'persona', 'channel', 'headline', 'body'] },
);
const injectsArb = fc.uniqueArray(injectArb, { selector: (i) => i.id, maxLength: 6 });

const HEADER = MSEL_COLUMNS.join(',');

describe('MSEL as CSV', () => {
  it('reads back exactly the injects it writes (any text, any condition), with or without a byte order mark', () => {
    fc.assert(
      fc.property(injectsArb, (injects) => {
        const csv = mselToCsv(injects);
        expect(mselFromCsv(csv, 'msel.csv')).toEqual({ ok: true, injects, rows: injects.map((_, i) => i + 2) });
        expect(mselFromCsv(UTF8_BOM + csv, 'msel.csv')).toEqual({ ok: true, injects, rows: injects.map((_, i) => i + 2) });
      }),
      { numRuns: 300 },
    );
  });

  it('writes no cell that a spreadsheet would run as a formula', () => {
    fc.assert(
      fc.property(injectsArb, (injects) => {
        const read = readCsv(mselToCsv(injects));
        expect(read.ok).toBe(true);
        if (read.ok) for (const record of read.records) for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      }),
    );
  });

  it("round-trips every bundled scenario's injects", () => {
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    let total = 0;
    for (const f of files) {
      const read = readYaml(readFileSync(`scenarios/${f}`, 'utf8'), f);
      expect(read.ok, f).toBe(true);
      const injects = z.array(injectSchema).parse((read.ok ? (read.value as { injects?: unknown }).injects : undefined) ?? []);
      total += injects.length;
      expect(mselFromCsv(mselToCsv(injects), `${f}.csv`), f).toMatchObject({ ok: true, injects });
    }
    expect(total).toBeGreaterThan(0);
  });

  it('writes a header row, then one row per inject with targets separated by semicolons and the condition in words', () => {
    const csv = mselToCsv([
      { id: 'leak', round: 2, condition: { all: [{ probabilityAbove: 0.1 }, { any: [{ missionFailed: true }, { assistanceRefused: true }] }] }, targets: ['japan', 'kenya'], persona: 'Reuters', channel: 'news', headline: '=SUM(A1)', body: 'Line one\nline "two", three', controllerNote: 'Watch Japan', expectedAction: 'Japan asks the UN' },
    ]);
    expect(csv).toBe(
      `${HEADER}\r\n` +
        `leak,2,probability > 10% and (mission failed or assistance refused),Reuters,news,japan; kenya,'=SUM(A1),"Line one\nline ""two"", three",Watch Japan,Japan asks the UN\r\n`,
    );
  });

  it('finds the columns by their header in any order and any spelling, and leaves out optional ones', () => {
    const csv = 'Headline,TARGETS,Channel,Persona,Body,controllerNote,Expected_Action\r\nTelescope finds rock,all,News,Observatory,It is big.,,Call IAWN\r\n';
    expect(mselFromCsv(csv, 'msel.csv')).toEqual({
      ok: true,
      rows: [2],
      injects: [{ id: 'telescope-finds-rock', targets: 'all', persona: 'Observatory', channel: 'news', headline: 'Telescope finds rock', body: 'It is big.', expectedAction: 'Call IAWN' }],
    });
  });

  it('reads a sheet Excel saved with semicolons, and targets separated by commas', () => {
    const csv = 'id;persona;channel;targets;headline;body\r\nx;P;official;"a, b";H;B\r\n';
    expect(mselFromCsv(csv, 'msel.csv')).toMatchObject({ ok: true, injects: [{ id: 'x', targets: ['a', 'b'] }] });
  });

  it('skips empty rows, tells the row of each inject, and numbers the ids it makes from repeated headlines', () => {
    const csv = `${HEADER}\r\n,,,,,,,,,\r\n,1,,P,news,all,Same news,B,,\r\n\r\n,1,,P,news,all,Same news,B,,\r\n`;
    const r = mselFromCsv(csv, 'msel.csv');
    expect(r.ok && r.injects.map((i) => i.id)).toEqual(['same-news', 'same-news-2']);
    expect(r.ok && r.rows).toEqual([3, 5]);
  });

  it('names the file, the spreadsheet row and the column of each mistake', () => {
    const csv =
      `${HEADER}\r\n` +
      'ok,1,,P,news,all,H,B,,\r\n' +
      'Bad Id,0,probability > 10% or,P,radio,,H,,,\r\n' +
      'ok,9,,P,news,japan; mars,H,B,,\r\n';
    const r = mselFromCsv(csv, 'msel.csv', { actorIds: ['japan', 'kenya'], roundCount: 5 });
    expect(r).toEqual({
      ok: false,
      errors: [
        "msel.csv: row 3, id: 'Bad Id' is not an id: use lower-case letters, digits and dashes (at most 40), or leave it empty",
        "msel.csv: row 3, round: expected a round number (1 or more), not '0'",
        expect.stringMatching(/^msel\.csv: row 3, condition: 'probability > 10% or' ends too early; write e\.g\. 'probability > 10%'/),
        "msel.csv: row 3, channel: expected news, official or intelligence, not 'radio'",
        "msel.csv: row 3, targets: expected 'all' or actor ids separated by ';'",
        'msel.csv: row 3, body: is empty: every inject needs a body',
        'msel.csv: row 4, round: the scenario has only 5 rounds',
        "msel.csv: row 4, targets: there is no actor 'mars' (the actors are japan, kenya)",
      ],
    });
  });

  it('refuses a repeated id, naming the row that has it first', () => {
    const r = mselFromCsv(`${HEADER}\r\nx,1,,P,news,all,H,B,,\r\nx,2,,P,news,all,H,B,,\r\n`, 'm.csv');
    expect(r).toEqual({ ok: false, errors: ["m.csv: row 3, id: 'x' is already the id of row 2"] });
  });

  it('refuses a sheet without the columns an inject needs, or with a column it does not know', () => {
    expect(mselFromCsv('id,headline,colour\r\n', 'm.csv')).toEqual({
      ok: false,
      errors: [
        "m.csv: row 1, column 3: unknown column 'colour' (expected id, round, condition, persona, channel, targets, headline, body, controller note, expected action)",
        "m.csv: row 1: the column 'persona' is missing",
        "m.csv: row 1: the column 'channel' is missing",
        "m.csv: row 1: the column 'targets' is missing",
        "m.csv: row 1: the column 'body' is missing",
      ],
    });
    expect(mselFromCsv('', 'm.csv')).toMatchObject({ ok: false, errors: [expect.stringContaining('m.csv: row 1: expected a header row')] });
  });

  it('names the row where a quoted cell is never closed', () => {
    expect(mselFromCsv(`${HEADER}\r\nx,1,,P,news,all,"H,B,,\r\n`, 'm.csv')).toEqual({ ok: false, errors: ['m.csv: row 2: a quoted field is never closed'] });
  });
});

describe('MSEL condition words', () => {
  it.each<[string, InjectCondition]>([
    ['probability > 10%', { probabilityAbove: 0.1 }],
    ['probability < 1%', { probabilityBelow: 0.01 }],
    ['Probability > 0.25', { probabilityAbove: 0.25 }],
    ['probability > 5 %', { probabilityAbove: 0.05 }],
    ['no mission funded by round 3', { noMissionFundedByRound: 3 }],
    ['mission failed', { missionFailed: true }],
    ['assistance refused', { assistanceRefused: true }],
    ['round >= 2', { roundAtLeast: 2 }],
    ['round ≥ 2', { roundAtLeast: 2 }],
    ['mission failed and round >= 3 and probability > 5%', { all: [{ missionFailed: true }, { roundAtLeast: 3 }, { probabilityAbove: 0.05 }] }],
    ['(mission failed or assistance refused) and probability > 5%', { all: [{ any: [{ missionFailed: true }, { assistanceRefused: true }] }, { probabilityAbove: 0.05 }] }],
    ['{"any":[{"missionFailed":true}]}', { any: [{ missionFailed: true }] }],
  ])('reads %s', (text, condition) => {
    expect(parseCondition(text)).toEqual({ ok: true, condition });
  });

  it("writes a list of one as JSON, since 'and' and 'or' cannot show it", () => {
    expect(conditionText({ all: [{ missionFailed: true }] })).toBe('{"all":[{"missionFailed":true}]}');
    expect(conditionText({ any: [{ missionFailed: true }, { roundAtLeast: 2 }] })).toBe('mission failed or round >= 2');
  });

  it('writes a probability as the shortest percentage that reads back exactly', () => {
    expect(conditionText({ probabilityAbove: 0.07 })).toBe('probability > 7%');
    expect(conditionText({ probabilityBelow: 0.0005 })).toBe('probability < 0.05%');
    expect(conditionText({ probabilityBelow: 1e-9 })).toBe('probability < 1e-9');
  });

  it.each([
    ['mission failed and round >= 2 or assistance refused', "mixes 'and' with 'or'"],
    ['probability > 150%', 'the probability 150% is not between 0% and 100%'],
    ['probability = 10%', "expected '>' or '<' after 'probability'"],
    ['round >= 0', 'rounds are numbered from 1'],
    ['when it rains', "did not expect 'when'"],
    ['{"missionFailed": false}', 'is not a condition'],
  ])('refuses %s', (text, message) => {
    const r = parseCondition(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(message);
  });
});
