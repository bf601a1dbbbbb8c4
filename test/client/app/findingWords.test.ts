import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/law/finding.js';
import { causationWords, findingWords, outcomeHeadline, victimName, withoutArticles } from '../../../client/app/findingWords.js';
import { formatMoney } from '../../../client/app/format.js';
import { compareOutcomes } from '../../../shared/debrief/counterfactual.js';
import { encounterOutcome } from '../../../shared/engine/consequences.js';
import { isFinding } from '../../../shared/law/finding.js';
import { regimeIds } from '../../../shared/law/regimes.js';
import { Table, playerOf, scenario as kx, tableSeated } from '../../shared/engine/given.js';
import { worldData } from '../../shared/engine/playthroughs.js';

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

// A non-lawyer can say who pays whom and why: the first sentence names the payer, the victim, the
// amount and the law, with no article number; why and the articles come after (issue 14).
describe('findings in plain words, on a real playthrough of 2031 KX (a US impactor moves the impact from Kenya into Uganda)', () => {
  const t = playUsImpactor({ kenya: 40 });
  const state = t.state;
  const undeflected = encounterOutcome({ ...state, missions: {} }, state.scenario.asteroid.truth.encounterKm, worldData());
  const comparison = compareOutcomes(state, undeflected);
  const consequences = state.outcome!.consequences!;
  const partyName = (id: string) =>
    state.scenario.actors.find((a) => a.id === id)?.name ?? consequences.byCountry.find((c) => `state-${c.countryIso3?.toLowerCase()}` === id)?.countryName ?? id;
  const wordsUnder = (regime: string) => {
    const judged = comparison.regimes.find((r) => r.regime === regime)!;
    const f = judged.findings.filter(isFinding).find((x) => x.damageId === 'impact-uga')!;
    const damage = consequences.byCountry.find((c) => c.countryIso3 === 'UGA')!.damageMUsd;
    return { finding: f, damage, words: findingWords(f, { victim: 'Uganda', damageMUsd: damage, regime, partyName }) };
  };
  const ARTICLE = /\bart(s)?\.|\b(OST|LIAB|ARSIWA)\b|\b[IVX]+\([a-z0-9]\)/;

  it('says under the Convention as written that the United States pays Uganda, for not consulting it, under general international law', () => {
    const { words, damage } = wordsUnder('liability-convention');
    expect(words.payer).toBe('The United States');
    expect(words.sentence).toContain('pays Uganda');
    expect(words.sentence).toContain(formatMoney(damage));
    expect(words.sentence).toContain('did not consult Uganda');
    expect(words.sentence).toMatch(/under general international law\.$/);
    expect(words.sentence).not.toMatch(ARTICLE);
    expect(words.why).toContain('not a space object');
    expect(words.articles.length).toBeGreaterThan(0);
    expect(words.contested.length).toBeGreaterThan(0);
  });

  it('names payer, victim, amount and law in the first sentence under every regime, with no article number', () => {
    for (const regime of regimeIds) {
      const { words, damage } = wordsUnder(regime);
      expect(words.sentence, regime).toContain('Uganda');
      expect(words.sentence, regime).toContain(formatMoney(damage));
      expect(words.sentence, regime).toMatch(/under (the Liability Convention|general international law|the proposed planetary-defence protocol|the rules of the security community)/);
      expect(words.sentence, regime).not.toMatch(ARTICLE);
      expect(words.payer.length, regime).toBeGreaterThan(0);
    }
  });

  it('says under the strict reading that the launching states pay whether or not at fault, each for all of it, sharing it by their agreement', () => {
    const { words, finding } = wordsUnder('liability-convention-strict');
    expect(finding.basis).toBe('absolute');
    expect(words.sentence).toContain('whether or not at fault');
    expect(words.sentence).toContain('under the Liability Convention, strictly read');
    if (finding.liable.length > 1) expect(words.shares).toMatch(/each answer for all of it \(jointly and severally\)/);
  });

  it('puts the shares of joint and several payers in one sentence a person can repeat', () => {
    const f = { ...FINDING, liable: ['usa', 'kenya'], jointAndSeveral: true, apportionment: [{ state: 'usa', share: 0.8 }, { state: 'kenya', share: 0.2 }] };
    const words = findingWords(f, { victim: 'Uganda', damageMUsd: 3_709, regime: 'liability-convention-strict', partyName: (id) => ({ usa: 'United States', kenya: 'Kenya', 'state-uga': 'Uganda' })[id] ?? id });
    expect(words.sentence).toBe('The United States and Kenya pay Uganda for its 3.7 B USD of damage — liable whether or not at fault, under the Liability Convention, strictly read.');
    expect(words.shares).toBe('The United States and Kenya each answer for all of it (jointly and severally); between themselves they share it 80/20.');
  });

  it('gives the projector a headline that names the law actually deciding: general international law under the Convention as written', () => {
    const headline = outcomeHeadline(consequences, partyName);
    expect(consequences.liability.regime).toBe('liability-convention');
    expect(headline).toMatch(/^Under the Liability Convention as written the asteroid is not a space object: general international law decides — the United States answers to /);
    expect(headline).toContain('Uganda');
    expect(headline).toContain('for failing to consult');
    const strict = outcomeHeadline({ ...consequences, liability: { regime: 'liability-convention-strict', findings: comparison.regimes.find((r) => r.regime === 'liability-convention-strict')!.findings } }, partyName);
    expect(strict).toMatch(/^Under the Liability Convention, strictly read, the pushed asteroid is a space object — .*whether or not at fault\.$/);
  });

  it('says no one answers when no deflection moved the point', () => {
    expect(outcomeHeadline({ undeflectedPoint: null, liability: { regime: 'liability-convention', findings: [] } }, partyName)).toBe('No one answers for it: no deflection moved the impact point.');
  });
});

describe('treaty references in words', () => {
  it('drops parenthesised articles and names the treaty for the others', () => {
    expect(withoutArticles('because it did not consult Uganda before the deflection (OST art. IX)')).toBe('because it did not consult Uganda before the deflection');
    expect(withoutArticles('without the authorisation and supervision OST art. VI requires')).toBe('without the authorisation and supervision the Outer Space Treaty requires');
  });
});

/** Seed 2031: the USA's single impactor toward the corridor's start, funded in round 1 (with `others`' money) and launched when ready. */
function playUsImpactor(others: Record<string, number> = {}): Table {
  const t = new Table(2031, tableSeated(), kx);
  t.world = worldData();
  let mission = '';
  for (let round = 1; round <= 5; round++) {
    t.toPhase('deliberation');
    if (round === 1) mission = t.propose('usa', 'ki-single', 'toward-start');
    if (round >= 3 && t.state.missions[mission]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: mission }, playerOf('usa'));
    t.playRound(round === 1 ? { usa: [0, { [mission]: 500 }], ...Object.fromEntries(Object.entries(others).map(([id, amount]) => [id, [0, { [mission]: amount }]])) } : {});
  }
  t.advance();
  return t;
}
