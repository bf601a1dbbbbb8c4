// Item 9 of issue 12: scores fall with the harm done, the money spent and the trust broken,
// weighted as the scenario says, and say how.
import { describe, expect, it } from 'vitest';
import { playerView, type Outcome } from '../../../shared/engine/index.js';
import { DEFAULT_CASUALTIES_AT_HALF_SAFETY, DEFAULT_OWN_PEOPLE_SHARE, finalScores, harmShare } from '../../../shared/engine/scores.js';
import { Table, playerOf, scenario } from './given.js';
import { playKxObserveOnly } from './playthroughs.js';

/** An impact on Kenya with these deaths there and, optionally, in Bangladesh's territory too. */
function impact(kenyaDeaths: number, elsewhere = 0): Outcome {
  const country = (iso3: string, name: string, casualties: number) => ({
    countryIso3: iso3,
    countryName: name,
    exposedPopulation: casualties * 10,
    severePopulation: casualties,
    evacuated: false,
    sheltered: false,
    casualties,
    damageMUsd: casualties,
  });
  const byCountry = [country('KEN', 'Kenya', kenyaDeaths), ...(elsewhere > 0 ? [country('BGD', 'Bangladesh', elsewhere)] : [])];
  return {
    kind: 'impact',
    summary: 'test',
    impactPoint: { lat: 0, lon: 35, corridorKm: 0, countryIso3: 'KEN', countryName: 'Kenya' },
    consequences: {
      energyMt: 1,
      airburst: true,
      burstAltitudeKm: 5,
      craterDiameterKm: null,
      severeRadiusKm: 1,
      exposedRadiusKm: 2,
      exposedPopulation: 0,
      severePopulation: 0,
      largestCities: [],
      evacuated: false,
      casualties: kenyaDeaths + elsewhere,
      damageMUsd: 0,
      byCountry,
      undeflectedPoint: null,
      liability: { regime: 'liability-convention', findings: [] },
    },
  };
}
const miss: Outcome = { kind: 'no-impact', summary: 'test', impactPoint: null, consequences: null };

const table = new Table(2031);
const balances = Object.fromEntries(scenario.actors.map((a) => [a.id, a.budgetPerRoundMUsd * scenario.calendar.rounds.length]));

describe('final scores', () => {
  it('keep every safety at 100 when nobody dies', () => {
    for (const s of Object.values(finalScores(table.state, balances, {}, miss))) expect(s.safety).toBe(1);
  });

  it('fall for every actor when people die anywhere, most for the state whose people died', () => {
    const scores = finalScores(table.state, balances, {}, impact(8791));
    for (const [id, s] of Object.entries(scores)) expect(s.safety, id).toBeLessThan(1);
    expect(scores.kenya!.safety).toBeLessThan(scores.usa!.safety);
    expect(scores.usa!.safety).toBeCloseTo(1 - (1 - DEFAULT_OWN_PEOPLE_SHARE) * harmShare(8791, DEFAULT_CASUALTIES_AT_HALF_SAFETY), 12);
    // A company and the UN body have no territory: they answer for everyone's toll alone.
    expect(scores.astra!.safety).toBe(scores.usa!.safety);
    expect(scores.copuos!.breakdown!.ownCasualties).toBeNull();
  });

  it('fall further with more deaths, and never below 0', () => {
    let previous = 1;
    for (const deaths of [0, 10, 100, 1000, 10_000, 1e6, 1e9]) {
      const kenya = finalScores(table.state, balances, {}, impact(deaths)).kenya!.safety;
      expect(kenya).toBeLessThanOrEqual(previous);
      expect(kenya).toBeGreaterThanOrEqual(0);
      previous = kenya;
    }
    expect(harmShare(DEFAULT_CASUALTIES_AT_HALF_SAFETY, DEFAULT_CASUALTIES_AT_HALF_SAFETY)).toBe(0.5);
  });

  it('fall with the money spent and with the trust lost', () => {
    const spent = { ...balances, usa: balances.usa! - 1500 };
    const trust = { 'kenya>usa': 20, 'japan>usa': 35 };
    const before = finalScores(table.state, balances, {}, miss).usa!;
    const after = finalScores(table.state, spent, trust, miss).usa!;
    expect(after.budget).toBeLessThan(before.budget);
    expect(after.trust).toBeLessThan(before.trust);
    expect(after.total).toBeLessThan(before.total);
  });

  it('weigh harm as the scenario says: its deaths at half safety and its share of own people', () => {
    const strict = { ...table.state, scenario: { ...scenario, scoring: { ...scenario.scoring, casualtiesAtHalfSafety: 100, ownPeopleShare: 1 } } };
    const scores = finalScores(strict, balances, {}, impact(100));
    expect(scores.kenya!.safety).toBeCloseTo(0.5, 12);
    expect(scores.usa!.safety).toBe(1);
    expect(scores.kenya!.breakdown).toMatchObject({ casualtiesAtHalfSafety: 100, ownPeopleShare: 1, ownCasualties: 100, totalCasualties: 100 });
  });

  it('say how: the inputs, the weights and a sentence, in the event and the view', () => {
    const t = playKxObserveOnly();
    const scores = t.resolutions().at(-1)!.scores!;
    const kenya = scores.kenya!;
    expect(kenya.breakdown!.ownCasualties).toBeGreaterThan(0);
    expect(kenya.breakdown!.weights).toEqual({ safety: scenario.scoring.safety, budget: scenario.scoring.budget, trust: scenario.scoring.trust });
    expect(kenya.breakdown!.explanation).toMatch(/^Safety \d+: [\d,]+ of its own people died, [\d,]+ in all/);
    expect(playerView(t.state, 'actor:kenya').scores!.kenya!.breakdown!.explanation).toBe(kenya.breakdown!.explanation);
    for (const s of Object.values(scores)) expect(s.safety).toBeLessThan(1);
  });

  it('count the agreements an actor broke', () => {
    const t = new Table(2031);
    t.toPhase('deliberation');
    const mission = t.propose('usa', 'ki-single');
    t.do({ type: 'ProposeAgreement', kind: 'cost-sharing', parties: ['japan'], missionId: mission, shares: { usa: 100, japan: 200 }, text: 'We share.' }, playerOf('usa'));
    t.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, playerOf('japan'));
    t.playRound({ usa: [0, { [mission]: 100 }] });
    for (let r = 2; r <= 5; r++) t.playRound();
    const japan = t.state.scores!.japan!;
    expect(japan.breakdown!.agreementsBroken).toBe(1);
    expect(japan.breakdown!.explanation).toMatch(/after 1 broken agreement/);
    expect(japan.trust).toBeLessThan(t.state.scores!.usa!.trust);
  });
});
