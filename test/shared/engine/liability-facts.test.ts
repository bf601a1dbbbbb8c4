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

function findingsUnder(regime: ExerciseState['scenario']['legal']['regime']): Finding[] {
  const state = initialState({ ...scenario, legal: { regime } }, SEED);
  const recorded = liabilityFindings({ ...state, missions: { [mission.id]: mission } }, [mission], [harm('BGD', 'Bangladesh', 500), harm('IND', 'India', 900)]);
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
