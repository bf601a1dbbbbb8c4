import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseScenarioObject, parseScenarioYaml, type ScenarioParseResult } from '../../../shared/scenario/parse.js';
import { actorKinds } from '../../../shared/scenario/schema.js';

const FILE = 'scenarios/x.yaml';
const bundledText = readFileSync(new URL('../../../scenarios/2031-kx.yaml', import.meta.url), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a YAML document is mutated freely to break it
type Doc = any;
const bundledDoc: Doc = parse(bundledText);

/** Parses a copy of the bundled scenario after `mutate` has broken it, and returns the errors. */
function errorsAfter(mutate: (doc: Doc) => void): string[] {
  const doc = structuredClone(bundledDoc);
  mutate(doc);
  const result = parseScenarioObject(doc, FILE);
  if (result.ok) expect.fail('the broken scenario was accepted');
  return result.errors;
}

const errorsOf = (result: ScenarioParseResult): string[] => (result.ok ? expect.fail('the scenario was accepted') : result.errors);

describe('parseScenarioYaml', () => {
  it('parses the bundled scenario 2031 KX', () => {
    const result = parseScenarioYaml(bundledText, 'scenarios/2031-kx.yaml');
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.scenario.id).toBe('2031-kx');
    expect(result.scenario.actors.map((a) => a.id)).toEqual(['usa', 'japan', 'kenya', 'bangladesh', 'astra', 'copuos']);
    expect(result.scenario.calendar.rounds).toHaveLength(5);
    expect(result.scenario.asteroid.potentialImpactDate).toBe('2038-09-21');
  });

  it('names the file, line and column of a YAML syntax error', () => {
    const errors = errorsOf(parseScenarioYaml('version: 1\nid: x\nid: y\n', 'scenarios/bad.yaml'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^scenarios\/bad\.yaml: line 3, column 1: \S/);
    expect(errors[0]).toContain('unique');
  });

  it('gives line and column for an unclosed flow sequence and an unterminated string', () => {
    expect(errorsOf(parseScenarioYaml('version: 1\nid: [x\nsummary: y\n', 'scenarios/bad.yaml'))[0]).toMatch(/^scenarios\/bad\.yaml: line \d+, column \d+: \S/);
    expect(errorsOf(parseScenarioYaml('version: 1\ntitle: "unterminated\n', 'scenarios/bad.yaml'))[0]).toMatch(/^scenarios\/bad\.yaml: line \d+, column \d+: \S/);
  });

  it('locates a schema error in YAML text the same way as in a parsed object', () => {
    const doc = structuredClone(bundledDoc);
    doc.actors[2].kind = 'asteroid-miner';
    const fromText = errorsOf(parseScenarioYaml(stringify(doc), FILE));
    expect(fromText).toEqual(errorsOf(parseScenarioObject(doc, FILE)));
    expect(fromText[0]).toMatch(/^scenarios\/x\.yaml: actors\[2\]\.kind: /);
  });
});

describe('parseScenarioObject errors', () => {
  it('name the file and path of a bad actor kind and list the allowed kinds', () => {
    const errors = errorsAfter((d) => (d.actors[2].kind = 'asteroid-miner'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^scenarios\/x\.yaml: actors\[2\]\.kind: /);
    for (const kind of actorKinds) expect(errors[0]).toContain(kind);
  });

  it('name a missing field', () => {
    expect(errorsAfter((d) => delete d.actors[0].briefing)).toEqual([expect.stringMatching(/^scenarios\/x\.yaml: actors\[0\]\.briefing: .+/)]);
    expect(errorsAfter((d) => delete d.asteroid.truth)).toEqual([expect.stringMatching(/^scenarios\/x\.yaml: asteroid\.truth: .+/)]);
  });

  it('reject an unknown extra key, naming the key and the object that holds it', () => {
    expect(errorsAfter((d) => (d.actors[1].colour = 'red'))).toEqual([expect.stringMatching(/^scenarios\/x\.yaml: actors\[1\]: .*"colour"/)]);
    expect(errorsAfter((d) => (d.asteroid.truth.albedo = 0.1))).toEqual([expect.stringMatching(/^scenarios\/x\.yaml: asteroid\.truth: .*"albedo"/)]);
    expect(errorsAfter((d) => (d.missions = []))).toEqual([expect.stringMatching(/^scenarios\/x\.yaml: \(root\): .*"missions"/)]);
  });

  it('reject a duplicate actor id at the second occurrence', () => {
    // Injects that target the renamed actor would report it missing too: this test is about the duplicate.
    expect(errorsAfter((d) => ((d.actors[3].id = 'usa'), (d.injects = [])))).toEqual([`${FILE}: actors[3].id: duplicate actor id 'usa'`]);
  });

  it('reject a private company without a state of nationality', () => {
    expect(errorsAfter((d) => delete d.actors[4].stateOfNationality)).toEqual([
      `${FILE}: actors[4].stateOfNationality: a private company needs its state of nationality (OST art. VI)`,
    ]);
  });

  it('accept an international body without a state of nationality', () => {
    const doc = structuredClone(bundledDoc);
    expect(doc.actors[5].kind).toBe('un-body');
    expect(doc.actors[5].stateOfNationality).toBeUndefined();
    expect(parseScenarioObject(doc, FILE).ok).toBe(true);
  });

  it('reject round dates out of order, at the round that comes too early', () => {
    expect(errorsAfter((d) => (d.calendar.rounds[2].date = '2031-01-01'))).toEqual([
      `${FILE}: calendar.rounds[2].date: must come after the previous round (2031-09-01)`,
    ]);
    expect(errorsAfter((d) => (d.calendar.rounds[1].date = '2031-03-10'))).toEqual([
      `${FILE}: calendar.rounds[1].date: must come after the previous round (2031-03-10)`,
    ]);
  });

  it('reject a potential impact date that is not after the last round', () => {
    expect(errorsAfter((d) => (d.asteroid.potentialImpactDate = '2034-01-01'))).toEqual([
      `${FILE}: asteroid.potentialImpactDate: must come after the last round (2035-01-15)`,
    ]);
  });

  it('reject a scenario of format 1, saying what format 2 changed', () => {
    const [error, ...rest] = errorsAfter((d) => (d.version = 1));
    expect(rest).toEqual([]);
    expect(error).toMatch(/^scenarios\/x\.yaml: version: scenario format 1 is no longer read/);
    expect(error).toContain('missionTypes');
  });

  it('reject another version than 2', () => {
    expect(errorsAfter((d) => (d.version = 3))).toEqual([expect.stringMatching(/^scenarios\/x\.yaml: version: .*2/)]);
  });

  it('reject a duplicate mission type id at the second occurrence', () => {
    expect(errorsAfter((d) => (d.missionTypes[2].id = 'recon'))).toEqual([`${FILE}: missionTypes[2].id: duplicate mission type id 'recon'`]);
  });

  it('reject a kinetic impactor without its spacecraft count, mass or speed, naming each', () => {
    const errors = errorsAfter((d) => {
      delete d.missionTypes[1].impactorMassKg;
      delete d.missionTypes[1].relativeSpeedKmS;
    });
    expect(errors).toEqual([
      `${FILE}: missionTypes[1].impactorMassKg: a kinetic impactor needs impactorMassKg`,
      `${FILE}: missionTypes[1].relativeSpeedKmS: a kinetic impactor needs relativeSpeedKmS`,
    ]);
  });

  it('reject a reconnaissance mission without the uncertainty it removes', () => {
    expect(errorsAfter((d) => delete d.missionTypes[0].uncertaintyReduction)).toEqual([
      `${FILE}: missionTypes[0].uncertaintyReduction: a reconnaissance mission needs uncertaintyReduction`,
    ]);
  });

  it('reject a gravity tractor or nuclear device without its parameters', () => {
    expect(errorsAfter((d) => (d.missionTypes[0].kind = 'gravity-tractor'))).toContain(`${FILE}: missionTypes[0].spacecraftMassKg: a gravity tractor needs spacecraftMassKg`);
    expect(errorsAfter((d) => (d.missionTypes[0].kind = 'nuclear-standoff'))).toContain(`${FILE}: missionTypes[0].yieldKt: a nuclear stand-off mission needs yieldKt`);
  });

  it('reject a table where nobody can lead a mission', () => {
    const errors = errorsAfter((d) => {
      d.actors = d.actors.filter((a: { kind: string }) => a.kind !== 'space-faring-state' && a.kind !== 'private-company');
      d.injects = [];
    });
    expect(errors).toEqual([`${FILE}: actors: no actor can lead a mission: add a space-faring state or a private company`]);
  });

  it('reject a blackout that ends before it begins', () => {
    expect(errorsAfter((d) => (d.observation.blackouts[0].to = '2032-01-01'))).toEqual([
      `${FILE}: observation.blackouts[0].to: must not come before 'from' (2032-03-01)`,
    ]);
  });

  it('reject an inject aimed at an actor the scenario does not have, or after the last round', () => {
    const errors = errorsAfter((d) => {
      d.injects[0].targets = ['atlantis'];
      d.injects[0].round = 9;
    });
    expect(errors).toEqual([`${FILE}: injects[0].round: there are only 5 rounds`, `${FILE}: injects[0].targets[0]: there is no actor 'atlantis'`]);
  });

  it('reject a legal regime the law module does not know', () => {
    expect(errorsAfter((d) => (d.legal.regime = 'law-of-the-jungle'))).toEqual([expect.stringMatching(/^scenarios\/x\.yaml: legal\.regime: /)]);
  });

  it('reject an evacuation effectiveness above 1', () => {
    expect(errorsAfter((d) => (d.evacuation.effectiveness = 1.5))).toEqual([expect.stringMatching(/^scenarios\/x\.yaml: evacuation\.effectiveness: /)]);
  });

  it('reject a date that is not written YYYY-MM-DD', () => {
    expect(errorsAfter((d) => (d.calendar.rounds[0].date = '10/03/2031'))).toContain(`${FILE}: calendar.rounds[0].date: expected a real calendar date written YYYY-MM-DD`);
  });

  it('reject a date with a month that does not exist', () => {
    expect(errorsAfter((d) => (d.calendar.rounds[0].date = '2031-13-01'))).toContain(`${FILE}: calendar.rounds[0].date: expected a real calendar date written YYYY-MM-DD`);
  });

  it('report every problem, not only the first', () => {
    const errors = errorsAfter((d) => {
      d.actors[0].kind = 'nation';
      d.actors[1].budgetPerRoundMUsd = -5;
    });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^scenarios\/x\.yaml: actors\[0\]\.kind: /);
    expect(errors[1]).toMatch(/^scenarios\/x\.yaml: actors\[1\]\.budgetPerRoundMUsd: /);
  });
});

// Defects found in shared/scenario while writing these tests. These were `it.fails` until fixed; they keep the suite
// green while they stand and turns red once they are fixed: then make them plain `it`.
describe('fixed defects, kept as regression tests', () => {
  it('rejects a day that its month does not have, such as 30 February', () => {
    // schema.ts isoDate: Date.parse('2031-02-30T00:00:00Z') rolls over to 2 March instead of failing.
    expect(errorsAfter((d) => (d.calendar.rounds[0].date = '2031-02-30'))).toContain(`${FILE}: calendar.rounds[0].date: expected a real calendar date written YYYY-MM-DD`);
  });

  it('states a YAML syntax error once, without repeating its location or ending on a colon', () => {
    // parse.ts keeps the first line of a prettyErrors message, which ends 'at line 3, column 1:'.
    const [error] = errorsOf(parseScenarioYaml('version: 1\nid: x\nid: y\n', 'scenarios/bad.yaml'));
    expect(error).not.toMatch(/at line \d+, column \d+:?$/);
  });

  it('reports a badly written date once, not also as "not a real calendar date"', () => {
    expect(errorsAfter((d) => (d.calendar.rounds[0].date = '10/03/2031')).filter((e) => e.includes('rounds[0].date'))).toHaveLength(1);
  });
});

describe('the sea-floor depth along the corridor', () => {
  it('PDC 2021 states the depth of its seas, the Arctic to the Indian Ocean', () => {
    const text = readFileSync(new URL('../../../scenarios/pdc-2021.yaml', import.meta.url), 'utf8');
    const result = parseScenarioYaml(text, 'scenarios/pdc-2021.yaml');
    if (!result.ok) expect.fail(result.errors.join('\n'));
    expect(result.scenario.riskCorridor.waterDepths?.map((w) => w.depthM)).toEqual([
      3500, 3200, 2500, 3200, 1400, 1800, 250, 200, 300, 200, 300, 400, 300, 500, 300, 200, 550, 40, 6, 20, 20, 15, 20, 30, 80, 400, 400, 1500, 1000,
      3300, 2600, 3000, 1000, 60, 50, 2000, 5000, 4300, 3000, 50,
    ]);
  });

  it('leaves a scenario without depths as it was (no default added to the parsed scenario)', () => {
    const doc = structuredClone(bundledDoc);
    delete doc.riskCorridor.waterDepths;
    const result = parseScenarioObject(doc, FILE);
    if (!result.ok) expect.fail(result.errors.join('\n'));
    expect(result.scenario.riskCorridor).not.toHaveProperty('waterDepths');
  });

  it('2031 KX states the depth of its Atlantic and Indian Ocean stretches', () => {
    const result = parseScenarioYaml(bundledText, 'scenarios/2031-kx.yaml');
    if (!result.ok) expect.fail(result.errors.join('\n'));
    expect(result.scenario.riskCorridor.waterDepths?.length).toBeGreaterThan(5);
  });

  it.each([
    ['a stretch that ends before it begins', [{ fromKm: 500, toKm: 400, depthM: 4000 }], /riskCorridor\.waterDepths\[0\]\.toKm: must be beyond fromKm \(500 km\)/],
    ['a stretch beyond the end of the corridor', [{ fromKm: 0, toKm: 99_999, depthM: 4000 }], /riskCorridor\.waterDepths\[0\]\.toKm: the corridor is only \d+ km long/],
    ['overlapping stretches', [{ fromKm: 0, toKm: 500, depthM: 4000 }, { fromKm: 400, toKm: 600, depthM: 200 }], /riskCorridor\.waterDepths\[1\]\.fromKm: overlaps the stretch before it \(to 500 km\)/],
    ['a depth deeper than any ocean', [{ fromKm: 0, toKm: 500, depthM: 12_000 }], /riskCorridor\.waterDepths\[0\]\.depthM/],
  ])('rejects %s, naming the file and the field', (_name, waterDepths, message) => {
    const errors = errorsAfter((doc) => {
      doc.riskCorridor.waterDepths = waterDepths;
    });
    expect(errors.join('\n')).toMatch(new RegExp(`^${FILE.replace('.', '\\.')}: `));
    expect(errors.join('\n')).toMatch(message);
  });
});
