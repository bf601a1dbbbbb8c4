import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { damagePlaces, parseCaseObject, type CaseInput, type CaseParseResult } from '../../../shared/law/case.js';
import { parseCase } from '../../../shared/law/case-file.js';
import { storyInput } from './fixtures.js';

const FILE = 'cases/x.yaml';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a case document is mutated freely to break it
type Doc = any;

const errorsOf = (result: CaseParseResult): string[] => (result.ok ? expect.fail('the case was accepted') : result.errors);

/** The errors of the base story after `mutate` has broken it. */
function errorsAfter(mutate: (doc: Doc) => void): string[] {
  const doc: Doc = structuredClone(storyInput());
  mutate(doc);
  return errorsOf(parseCaseObject(doc, FILE));
}

describe('parseCase', () => {
  it('parses a valid case and fills the defaults', () => {
    const result = parseCase(stringify(storyInput()), FILE);
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.facts.missions[0]).toMatchObject({ procuredBy: [], uncertain: [], apportionmentAgreements: [] });
    expect(result.facts.damages[0]).toMatchObject({ launchingStateFault: 'disputed', victimsPermanentResidence: [] });
    expect(result.facts.organisations).toEqual([]);
  });

  it.each(['2038-kx-partial-deflection.yaml', '2036-xq-nuclear-standoff.yaml'])('parses the example case file scenarios/cases/%s', (file) => {
    const text = readFileSync(new URL(`../../../scenarios/cases/${file}`, import.meta.url), 'utf8');
    const result = parseCase(text, `scenarios/cases/${file}`);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('names the file, line and column of a YAML syntax error, once', () => {
    const errors = errorsOf(parseCase('version: 1\ndate: "2030-01-01"\ndate: "2030-01-02"\n', 'cases/bad.yaml'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^cases\/bad\.yaml: line 3, column 1: \S.*unique/);
    expect(errors[0]).not.toMatch(/at line \d+, column \d+:?$/);
  });

  it('locates a schema error in YAML text the same way as in a parsed object', () => {
    const doc: CaseInput = storyInput();
    (doc.damages[0] as Doc).where = 'moon';
    expect(errorsOf(parseCase(stringify(doc), FILE))).toEqual(errorsOf(parseCaseObject(doc, FILE)));
  });
});

describe('case errors name the file, the path and what is wrong', () => {
  it.each<[string, (doc: Doc) => void, string]>([
    ['a place that is not one of the three', (d) => (d.damages[0].where = 'moon'), `${FILE}: damages[0].where: expected one of ${damagePlaces.join(', ')}`],
    ['a missing place', (d) => delete d.damages[0].where, `${FILE}: damages[0].where: required: one of ${damagePlaces.join(', ')}`],
    ['an unknown cause', (d) => (d.damages[0].cause = 'comet'), `${FILE}: damages[0].cause: expected one of spacecraft, spacecraft-debris, deflected-asteroid, fragment-of-deflected-asteroid`],
    ['an unknown UN mandate', (d) => (d.missions[0].unMandate = 'blessed'), `${FILE}: missions[0].unMandate: expected one of none, endorsed, mandated`],
    ['an unknown kind of organisation', (d) => (d.organisations = [{ id: 'x', name: 'X', kind: 'ngo' }]), `${FILE}: organisations[0].kind: expected one of company, intergovernmental`],
    ['a company of a state the case lacks', (d) => (d.organisations = [{ id: 'x', name: 'X', kind: 'company', stateOfNationality: 'zz', authorisedUnderOstVi: true }]), `${FILE}: organisations[0].stateOfNationality: 'zz' is not a state of this case`],
    ['a damage naming a mission the case lacks', (d) => (d.damages[0].missionId = 'nope'), `${FILE}: damages[0].missionId: 'nope' is not a mission of this case`],
    ['a launching state the case lacks', (d) => (d.missions[0].procuredBy = ['zz']), `${FILE}: missions[0].procuredBy[0]: 'zz' is not a state or intergovernmental organisation of this case`],
    ['an unknown key', (d) => (d.missions[0].colour = 'red'), `${FILE}: missions[0]: Unrecognized key: "colour"`],
    ['claimant fault without its share', (d) => (d.damages[0].claimantFault = 'gross-negligence'), `${FILE}: damages[0].claimantFaultShare: required when claimantFault is not none: the part of the damage (0–1) the claimant caused (art. VI(1) "to the extent")`],
    ['a fault share without fault', (d) => (d.damages[0].claimantFaultShare = 0.2), `${FILE}: damages[0].claimantFaultShare: only allowed when claimantFault is gross-negligence or intent`],
    ['an apportionment that does not add up', (d) => Object.assign(d.missions[0], { procuredBy: ['b'], apportionmentAgreements: [{ parties: ['a', 'b'], shares: [0.5, 0.6] }] }), `${FILE}: missions[0].apportionmentAgreements[0].shares: shares must add up to 1`],
    ['an apportionment binding a non-participant', (d) => (d.missions[0].apportionmentAgreements = [{ parties: ['a', 'b'], shares: [0.5, 0.5] }]), `${FILE}: missions[0].apportionmentAgreements[0].parties[1]: 'b' did not launch, procure or provide the territory or facility of m1 (art. V(2) binds participants only)`],
    ['an id reserved for findings', (d) => ((d.missions[0].id = 'common-fund'), (d.damages[0].missionId = 'common-fund')), `${FILE}: missions[0].id: 'common-fund' is reserved for findings; choose another id`],
    ['a duplicate state id', (d) => (d.states[1].id = 'a'), `${FILE}: states[1].id: duplicate state or organisation id 'a'`],
    ['a day February does not have', (d) => (d.damages[0].date = '2031-02-30'), `${FILE}: damages[0].date: expected a real calendar date written YYYY-MM-DD`],
    ['a damage after the date of the case', (d) => (d.damages[0].date = '2031-06-01'), `${FILE}: damages[0].date: is after the date of the case (2030-12-31)`],
    ['a settlement before any claim', (d) => (d.damages[0].settledOn = '2030-07-01'), `${FILE}: damages[0].settledOn: a claim must be presented before it can be settled (claimPresentedOn)`],
    ['a settlement before the claim', (d) => Object.assign(d.damages[0], { claimPresentedOn: '2030-08-01', settledOn: '2030-07-01' }), `${FILE}: damages[0].settledOn: must not come before the claim (2030-08-01)`],
    ['a claim before the damage', (d) => (d.damages[0].claimPresentedOn = '2030-05-01'), `${FILE}: damages[0].claimPresentedOn: must not come before the damage (2030-06-01)`],
    ['a nuclear stand-off without a nuclear device', (d) => (d.missions[0].kind = 'nuclear-standoff'), `${FILE}: missions[0].nuclear: a nuclear stand-off mission carries a nuclear device: set nuclear: true`],
    ['an asteroid "deflected" by a reconnaissance probe', (d) => Object.assign(d, { missions: [{ ...d.missions[0], kind: 'reconnaissance' }] }, { damages: [{ ...d.damages[0], cause: 'deflected-asteroid' }] }), `${FILE}: damages[0].cause: mission m1 is a reconnaissance mission: it deflects no asteroid`],
    ['a territory in outer space', (d) => Object.assign(d.damages[0], { where: 'outer-space', occurredInTerritoryOf: 'c' }), `${FILE}: damages[0].occurredInTerritoryOf: outer space is not subject to national appropriation (OST art. II): no territory there`],
    ['capacities for some community members only', (d) => (d.states[0].capacity = 3), `${FILE}: states[1].capacity: give a capacity to every community member or to none`],
    ['a lower-case ISO code', (d) => (d.states[1].iso3 = 'usa'), `${FILE}: states[1].iso3: expected an ISO 3166-1 alpha-3 code such as USA (XAA–XZZ for fictional states)`],
    ['a collision of an object with itself', (d) => (d.damages[0].collision = { withMissionId: 'm1' }), `${FILE}: damages[0].collision.withMissionId: a space object cannot collide with itself`],
  ])('for %s', (_what, mutate, expected) => {
    expect(errorsAfter(mutate)).toEqual([expected]);
  });

  it('rejects another version than 1', () => {
    expect(errorsAfter((d) => (d.version = 2))).toEqual([expect.stringMatching(/^cases\/x\.yaml: version: .*1/)]);
  });

  it('reports every problem, not only the first', () => {
    const errors = errorsAfter((d) => {
      d.damages[0].where = 'moon';
      d.missions[0].nuclear = 'yes';
    });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^cases\/x\.yaml: missions\[0\]\.nuclear: /);
    expect(errors[1]).toMatch(/^cases\/x\.yaml: damages\[0\]\.where: /);
  });
});
