// Causation: every damage by a deflected body is set beside its counterfactual, what the
// undeflected asteroid would have done. The findings say when the deflection reduced harm
// overall and when a state was harmed only because of it, and the necessity defence (ARSIWA
// art. 25) is judged with it.
import { describe, expect, it } from 'vitest';
import { judgeCase, type Finding, type RegimeId } from '../../../shared/law/liability.js';
import { storyCase, type Story } from './fixtures.js';

// A deflected the asteroid without consulting C; it strikes C.
const onC: Story['damage'] = { cause: 'deflected-asteroid', victimState: 'c', victimsNationals: ['c'], amountMUsd: 300 };
const unconsulted: Story['mission'] = { priorConsultation: [] };
/** Without the deflection: the body would have done `toC` to C and killed `dead` people in all (with it: 300 M USD, 40 dead). */
const counterfactual = (toC: number, dead: number, damageWithout = 2000): Story => ({
  mission: { ...unconsulted, counterfactual: { withDeflection: { damageMUsd: 300, casualties: 40 }, withoutDeflection: { damageMUsd: damageWithout, casualties: dead } } },
  damage: { ...onC, undeflectedAmountMUsd: toC },
});

const judge = (story: Story, regime: RegimeId = 'liability-convention'): Finding => judgeCase(storyCase(story), regime).findings[0]!;

describe('a damage set beside its counterfactual', () => {
  it('says when a state was harmed only because of a deflection that reduced the harm overall', () => {
    const f = judge(counterfactual(0, 900));
    expect(f.causation).toEqual({ undeflectedAmountMUsd: 0, addedByDeflectionMUsd: 300, harmedOnlyBecauseOfDeflection: true, reducedHarmOverall: true });
    expect(f.reasoning).toContain('harmed only because of it; over all victims the deflection reduced the harm');
  });

  it('lets necessity be pleaded then, but leaves open whether moving the harm onto a state not at risk impairs its essential interest (ARSIWA 25(1)(b))', () => {
    const f = judge(counterfactual(0, 900));
    expect(f.articles).toEqual(expect.arrayContaining(['ARSIWA 25', 'ARSIWA 27(b)']));
    const notes = f.unsettled.join('\n');
    expect(notes).toContain('Necessity (ARSIWA art. 25) can be pleaded, since the deflection reduced the harm overall');
    expect(notes).toContain('art. 25(1)(b)');
    expect(notes).toContain('does not exclude compensation');
  });

  it('rejects necessity when the deflection did not reduce the harm overall', () => {
    const f = judge(counterfactual(0, 10, 100));
    expect(f.causation?.reducedHarmOverall).toBe(false);
    expect(f.reasoning).toContain('over all victims it did not reduce the harm');
    expect(f.unsettled.join('\n')).toContain('Necessity (ARSIWA art. 25) fails on the facts');
  });

  it('counts lives first: fewer dead with more damage is a reduction of the harm', () => {
    expect(judge(counterfactual(0, 41, 100)).causation?.reducedHarmOverall).toBe(true);
    expect(judge(counterfactual(0, 40, 100)).causation?.reducedHarmOverall).toBe(false);
  });

  it('separates the part the undeflected body would have done anyway from the part the deflection added', () => {
    const f = judge(counterfactual(120, 900));
    expect(f.causation).toMatchObject({ undeflectedAmountMUsd: 120, addedByDeflectionMUsd: 180, harmedOnlyBecauseOfDeflection: false });
    expect(f.reasoning).toContain('the deflection added 180 M USD');
    expect(f.unsettled.join('\n')).toContain('120 M USD of this damage the undeflected asteroid would have done anyway');
    expect(f.unsettled.join('\n')).toContain('Necessity (ARSIWA art. 25) can be pleaded, since the deflection reduced the harm overall and State C was at risk without it');
  });

  it('says so when the undeflected body would have done the victim as much harm or more', () => {
    const f = judge(counterfactual(500, 900));
    expect(f.causation).toMatchObject({ addedByDeflectionMUsd: 0, harmedOnlyBecauseOfDeflection: false });
    expect(f.reasoning).toContain('as much harm or more (500 M USD)');
    expect(f.unsettled.join('\n')).toContain('the deflection added none of it');
  });

  it.each(['liability-convention-strict', 'pd-protocol', 'security-community'] as const)('carries the counterfactual under %s too', (regime) => {
    const f = judge({ ...counterfactual(0, 900), mission: { ...counterfactual(0, 900).mission, unMandate: regime === 'pd-protocol' ? 'mandated' : 'none' } }, regime);
    expect(f.causation).toMatchObject({ harmedOnlyBecauseOfDeflection: true, reducedHarmOverall: true });
  });

  it('has no causation where the damage is the spacecraft’s, or the counterfactual unknown', () => {
    expect(judge({}).causation).toBeUndefined();
    expect(judge({ mission: unconsulted, damage: onC }).causation).toBeUndefined();
    expect(judge({ mission: unconsulted, damage: onC }).unsettled.join('\n')).toContain('Causation is contested');
  });

  it('refuses a counterfactual for damage the spacecraft did', () => {
    expect(() => storyCase({ damage: { undeflectedAmountMUsd: 0 } })).toThrow(/undeflectedAmountMUsd/);
  });
});
