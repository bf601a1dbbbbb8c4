import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/law/finding.js';
import { causationWords, victimName } from '../../../client/app/findingWords.js';

// Each finding says in one plain sentence what the deflection had to do with the damage: the
// counterfactual the law module records (issue 12, causation).

const FINDING: Finding = {
  damageId: 'impact-uga',
  applies: true,
  basis: 'absolute',
  liable: ['usa'],
  jointAndSeveral: false,
  exoneratedShare: 0,
  claimants: ['state-uga'],
  claimDeadline: null,
  commissionFrom: null,
  commissionBinding: false,
  apportionment: [],
  articles: [],
  reasoning: '',
  unsettled: [],
};
const BY_COUNTRY = [
  { countryIso3: 'UGA', countryName: 'Uganda', exposedPopulation: 1, severePopulation: 1, evacuated: false, sheltered: false, casualties: 1, damageMUsd: 3_709 },
];
const named = (id: string) => (id === 'kenya' ? 'Kenya' : id);

describe('what the deflection had to do with a damage', () => {
  it('says what the undeflected asteroid would have cost the victim and what the deflection added', () => {
    expect(causationWords({ undeflectedAmountMUsd: 109.2, addedByDeflectionMUsd: 3_600, harmedOnlyBecauseOfDeflection: false, reducedHarmOverall: null }, 'Uganda')).toBe(
      'Without the deflection Uganda would have lost 109 M USD; the deflection added 3.6 B USD.',
    );
  });

  it('says when a victim was harmed only because of the deflection, and whether it reduced the harm over all victims', () => {
    expect(causationWords({ undeflectedAmountMUsd: 0, addedByDeflectionMUsd: 4_700, harmedOnlyBecauseOfDeflection: true, reducedHarmOverall: true }, 'Somalia')).toBe(
      'Somalia was harmed only because of the deflection: the undeflected asteroid would not have touched it; over all victims it reduced the harm.',
    );
  });

  it('says when the deflection added nothing to a damage that would have happened anyway', () => {
    expect(causationWords({ undeflectedAmountMUsd: 5_000, addedByDeflectionMUsd: 0, harmedOnlyBecauseOfDeflection: false, reducedHarmOverall: false }, 'the victim')).toBe(
      'Without the deflection the victim would have lost 5 B USD, as much or more: the deflection added nothing; over all victims it did not reduce the harm.',
    );
  });

  it('names the victim from the damaged country, else the first claimant', () => {
    expect(victimName(FINDING, { byCountry: BY_COUNTRY }, named)).toBe('Uganda');
    expect(victimName({ ...FINDING, damageId: 'impact-ken', claimants: ['kenya'] }, { byCountry: BY_COUNTRY }, named)).toBe('Kenya');
    expect(victimName({ ...FINDING, damageId: 'impact', claimants: [] }, { byCountry: BY_COUNTRY }, named)).toBeNull();
  });
});
