// How the engine states the game's facts to the law module: who procured the launch, who only
// paid into it, and what each paid. 2031 KX: the United States leads an impactor, Kenya pays
// 10% and Bangladesh 2%, and the deflected body strikes Bangladesh and India.
import { describe, expect, it } from 'vitest';
import { liabilityFindings } from '../../../shared/engine/consequences.js';
import { initialState, type ExerciseState, type MissionState } from '../../../shared/engine/index.js';
import { isFinding, type Finding } from '../../../shared/law/liability.js';
import { SEED, scenario } from './given.js';

const mission: MissionState = {
  id: 'mission-1',
  typeId: 'ki-single',
  name: 'KX Impactor',
  kind: 'kinetic-impactor',
  lead: 'usa',
  provider: 'usa',
  direction: 'toward-start',
  costMUsd: 1000,
  buildMonths: 12,
  flightMonths: 10,
  reliability: 0.9,
  fundedMUsd: 1000,
  contributions: { usa: 880, kenya: 100, bangladesh: 20 },
  inKind: [],
  status: 'arrived',
  authorisingActor: null,
  authorised: null,
  unMandate: 'none',
  readyDate: '2032-01-01',
  launchDate: '2032-04-01',
  arrivalDate: '2033-02-01',
  deltaVMmPerS: 2,
  shiftKm: -3000,
};

const harm = (countryIso3: string, countryName: string, damageMUsd: number) => ({
  countryIso3,
  countryName,
  exposedPopulation: 1000,
  severePopulation: 100,
  evacuated: false,
  sheltered: false,
  casualties: 10,
  damageMUsd,
});

type Regime = ExerciseState['scenario']['legal']['regime'];

function findingsUnder(regime: Regime, harms = [harm('BGD', 'Bangladesh', 500), harm('IND', 'India', 900)], actors = scenario.actors): Finding[] {
  const state = initialState({ ...scenario, actors, legal: { regime } }, SEED);
  const recorded = liabilityFindings({ ...state, missions: { [mission.id]: mission } }, [mission], harms);
  return recorded.filter(isFinding);
}

describe('the facts of a deflection as the engine states them', () => {
  it.each(['liability-convention', 'liability-convention-strict', 'pd-protocol', 'security-community'] as const)(
    'does not make a state that paid 2%% a launching state: Bangladesh keeps its claim and answers for none of India’s damage (%s)',
    (regime) => {
      const [bangladesh, india] = findingsUnder(regime);
      expect(bangladesh!.damageId).toBe('impact-bgd');
      expect(india!.damageId).toBe('impact-ind');
      for (const f of [bangladesh!, india!]) {
        expect(f.liable).not.toContain('bangladesh');
        expect(f.liable).not.toContain('kenya');
      }
      if (regime !== 'security-community') {
        expect(bangladesh!.claimants).toContain('bangladesh');
        expect(bangladesh!.unsettled.join('\n')).toContain('Bangladesh (2%)');
      }
    },
  );

  it('names the lead, which contracted for the launch, as the one that procured it', () => {
    const [bangladesh] = findingsUnder('liability-convention-strict');
    expect(bangladesh).toMatchObject({ basis: 'absolute', liable: ['usa'], jointAndSeveral: false });
  });
});

describe('the security community as the engine states it', () => {
  const shares = (f: Finding) => Object.fromEntries(f.apportionment.map((a) => [a.state, a.share]));

  it('shares the burden by capacity, by default each state’s budget, among the states at the table', () => {
    const [kenya] = findingsUnder('security-community', [harm('KEN', 'Kenya', 800)]);
    expect(kenya).toMatchObject({ basis: 'shared-burden', liable: ['community'] });
    // Budgets per round in 2031 KX: USA 600, Japan 300, Kenya 50, Bangladesh 40.
    const s = shares(kenya!);
    expect(Object.keys(s)).toEqual(['usa', 'japan', 'kenya', 'bangladesh']);
    expect(s.usa).toBeCloseTo(600 / 990, 9);
    expect(s.bangladesh).toBeCloseTo(40 / 990, 9);
    expect(kenya!.reasoning).toContain('each by its capacity');
  });

  it('takes the scenario’s economic weights and membership when it gives them', () => {
    const actors = scenario.actors.map((a) =>
      a.id === 'usa' ? { ...a, economicWeight: 22 } : a.id === 'japan' ? { ...a, economicWeight: 8 } : a.id === 'kenya' ? { ...a, economicWeight: 0.03 } : a.id === 'bangladesh' ? { ...a, communityMember: false } : a,
    );
    const [kenya, bangladesh] = findingsUnder('security-community', [harm('KEN', 'Kenya', 800), harm('BGD', 'Bangladesh', 100)], actors);
    const s = shares(kenya!);
    expect(Object.keys(s)).toEqual(['usa', 'japan', 'kenya']);
    expect(s.usa).toBeCloseTo(22 / 30.03, 9);
    // Bangladesh stayed out: its claim is judged under the Convention as written.
    expect(bangladesh).toMatchObject({ basis: 'state-responsibility', liable: ['usa'] });
    expect(bangladesh!.reasoning).toContain('not a member');
  });

  it('does not make a victim that is not at the table a member: Uganda keeps its claim outside the community', () => {
    const [kenya, uganda] = findingsUnder('security-community', [harm('KEN', 'Kenya', 800), harm('UGA', 'Uganda', 300)]);
    expect(kenya!.apportionment.map((a) => a.state)).not.toContain('state-uga');
    expect(uganda).toMatchObject({ damageId: 'impact-uga', basis: 'state-responsibility', liable: ['usa'], claimants: ['state-uga'] });
  });
});

describe('the counterfactual the engine gives each damage', () => {
  // The push moved the impact from Kenya into Uganda: 300 M USD and 40 dead there, where the
  // undeflected body would have done 2 000 M USD and killed 900 in Kenya.
  const without = { byCountry: [{ ...harm('KEN', 'Kenya', 2000), casualties: 900 }], damageMUsd: 2000, casualties: 900 };
  const findings = (regime: Regime) => {
    const state = initialState({ ...scenario, legal: { regime } }, SEED);
    return liabilityFindings({ ...state, missions: { [mission.id]: mission } }, [mission], [{ ...harm('UGA', 'Uganda', 300), casualties: 40 }], false, without).filter(isFinding);
  };

  it('says Uganda was harmed only because of a deflection that reduced the harm overall, and pleads necessity with it', () => {
    const [uganda] = findings('liability-convention');
    expect(uganda!.causation).toEqual({ undeflectedAmountMUsd: 0, addedByDeflectionMUsd: 300, harmedOnlyBecauseOfDeflection: true, reducedHarmOverall: true });
    expect(uganda!.reasoning).toContain('would not have harmed Uganda');
    expect(uganda!.unsettled.join('\n')).toContain('Necessity (ARSIWA art. 25) can be pleaded');
  });

  it('gives the same counterfactual under the strict reading', () => {
    expect(findings('liability-convention-strict')[0]!.causation?.harmedOnlyBecauseOfDeflection).toBe(true);
  });
});

describe('the protocol as the engine states it', () => {
  const mandated: MissionState = { ...mission, unMandate: 'mandated' };
  const findingsWith = (resolutions: ExerciseState['resolutions']) => {
    const state = initialState({ ...scenario, legal: { regime: 'pd-protocol' } }, SEED);
    return liabilityFindings({ ...state, resolutions, missions: { [mandated.id]: mandated } }, [mandated], [harm('KEN', 'Kenya', 800), harm('UGA', 'Uganda', 300)]).filter(isFinding);
  };
  const fund: ExerciseState['resolutions'] = {
    'resolution-1': { id: 'resolution-1', kind: 'create-common-fund', missionId: null, proposedRound: 1, votes: {}, status: 'adopted' },
  };

  it('pays Kenya from the common fund only once the table created it', () => {
    expect(findingsWith(fund)[0]).toMatchObject({ basis: 'common-fund', liable: ['common-fund'] });
    expect(findingsWith({})[0]).toMatchObject({ liable: [], applies: true });
  });

  it('takes the protocol’s parties from the scenario: Kenya, at the table but outside the protocol, keeps the Convention as written', () => {
    const state = initialState({ ...scenario, actors: scenario.actors.map((a) => (a.id === 'kenya' ? { ...a, partyToProtocol: false } : a)), legal: { regime: 'pd-protocol' } }, SEED);
    const [kenya] = liabilityFindings({ ...state, resolutions: fund, missions: { [mandated.id]: mandated } }, [mandated], [harm('KEN', 'Kenya', 800)]).filter(isFinding);
    expect(kenya).toMatchObject({ basis: 'state-responsibility', liable: ['usa'] });
    expect(kenya!.articles).toContain('VCLT 34');
  });

  it('does not bind Uganda, which is not at the table: its damage is judged under the Convention as written', () => {
    const uganda = findingsWith(fund)[1]!;
    expect(uganda).toMatchObject({ damageId: 'impact-uga', basis: 'state-responsibility', liable: ['usa'] });
    expect(uganda.articles).toContain('VCLT 34');
  });
});
