import { describe, expect, it } from 'vitest';
import {
  impactProbability,
  initialEstimate,
  normalCdf,
  observationFundingEffect,
  observationRulesForRound,
  playerView,
  refineEstimate,
} from '../../../shared/engine/index.js';
import { actorSeat, scenario, Table } from './given.js';

const b = scenario.asteroid.captureRadiusKm;
const truth = scenario.asteroid.truth.encounterKm;

describe('normalCdf', () => {
  it('is one half at zero', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
  });

  it('gives 0.975 at 1.96 and 0.025 at -1.96', () => {
    expect(Math.abs(normalCdf(1.96) - 0.975)).toBeLessThan(1e-4);
    expect(Math.abs(normalCdf(-1.96) - 0.025)).toBeLessThan(1e-4);
  });

  it('rises monotonically from 0 to 1', () => {
    const xs = [-40, -8, -3, -1, -0.1, 0, 0.1, 1, 3, 8, 40];
    const ps = xs.map(normalCdf);
    for (let i = 1; i < ps.length; i++) expect(ps[i]!).toBeGreaterThanOrEqual(ps[i - 1]!);
    expect(ps[0]).toBeCloseTo(0, 12);
    expect(ps.at(-1)).toBeCloseTo(1, 12);
  });
});

describe('impactProbability', () => {
  const means = [-1e6, -50000, -b, -5000, 0, 300, 5000, b, 50000, 1e6];
  const sigmas = [1e-6, 1, 100, 5000, 80000, 1e7];

  it('stays within [0, 1] for any mean and uncertainty', () => {
    for (const m of means) for (const s of sigmas) {
      const p = impactProbability(m, s, b);
      expect(p, `mean ${m}, sigma ${s}`).toBeGreaterThanOrEqual(0);
      expect(p, `mean ${m}, sigma ${s}`).toBeLessThanOrEqual(1);
    }
  });

  it('is symmetric in the mean, within the accuracy of the normal approximation', () => {
    for (const m of means) for (const s of sigmas) {
      // A&S 7.1.26 is accurate to 1.5e-7 in erf, so the two tails may differ by about that much.
      expect(Math.abs(impactProbability(-m, s, b) - impactProbability(m, s, b)), `mean ${m}, sigma ${s}`).toBeLessThan(2e-7);
    }
    expect(impactProbability(-20000, 15000, b)).toBeGreaterThan(0.1);
  });

  it('is certain when the mean is at the centre of the Earth and the uncertainty is tiny', () => {
    expect(impactProbability(0, 1e-6, b)).toBe(1);
    expect(impactProbability(0, 1, b)).toBe(1);
  });

  it('vanishes for a tight estimate far outside the capture radius', () => {
    expect(impactProbability(3 * b, 100, b)).toBe(0);
  });

  it('gives the bundled scenario a first published probability near 1 %', () => {
    expect(initialEstimate(scenario).impactProbability).toBeGreaterThan(0.005);
    expect(initialEstimate(scenario).impactProbability).toBeLessThan(0.03);
  });
});

describe('refineEstimate', () => {
  const first = initialEstimate(scenario);

  it('shrinks the uncertainty by the base rate with no funding, and more with more funding', () => {
    const sigmas = [0, 100, 200, 1000].map((m) => refineEstimate(scenario, first, m, 0).sigmaKm);
    expect(sigmas[0]).toBeCloseTo(first.sigmaKm * (1 - scenario.observation.baseShrink), 6);
    for (let i = 1; i < sigmas.length; i++) expect(sigmas[i]!).toBeLessThan(sigmas[i - 1]!);
  });

  it('doubles the round\'s shrink effect at the funding for double effect', () => {
    const sigma = refineEstimate(scenario, first, scenario.observation.fundingForDoubleEffectMUsd, 0).sigmaKm;
    expect(sigma).toBeCloseTo(first.sigmaKm * (1 - scenario.observation.baseShrink) ** 2, 6);
  });

  it('moves the mean strictly toward the truth, without overshooting, when there is no noise', () => {
    for (const meanKm of [first.meanKm, -200000, truth + 1, truth - 1]) {
      const previous = { ...first, meanKm };
      const next = refineEstimate(scenario, previous, 50, 0);
      expect(Math.abs(next.meanKm - truth), `from ${meanKm}`).toBeLessThan(Math.abs(meanKm - truth));
      expect(Math.sign(next.meanKm - truth), `from ${meanKm}`).toBe(Math.sign(meanKm - truth));
    }
  });

  it('lets positive noise push the mean above the noiseless estimate', () => {
    expect(refineEstimate(scenario, first, 0, 1).meanKm).toBeGreaterThan(refineEstimate(scenario, first, 0, 0).meanKm);
  });

  it('reports the impact probability of the refined estimate', () => {
    const next = refineEstimate(scenario, first, 100, 0.5);
    expect(next.impactProbability).toBe(impactProbability(next.meanKm, next.sigmaKm, b));
  });
});


describe('observationRulesForRound', () => {
  const dateOf = (round: number) => scenario.calendar.rounds[round - 1]!.date;

  it('carries the scenario’s rates: half the uncertainty gone per round, doubled effect at 200 M USD', () => {
    const rules = observationRulesForRound(scenario, 2, dateOf(2));
    expect(rules.baseShrink).toBe(0.5);
    expect(rules.fundingForDoubleEffectMUsd).toBe(200);
  });

  it('counts the whole of rounds 1 and 2 of 2031 KX as observable', () => {
    expect(observationRulesForRound(scenario, 1, dateOf(1)).observableFraction).toBe(1);
    expect(observationRulesForRound(scenario, 2, dateOf(2)).observableFraction).toBe(1);
  });

  it('takes the 91 days of solar conjunction off the 396 days that round 3 of 2031 KX observes', () => {
    expect(observationRulesForRound(scenario, 3, dateOf(3)).observableFraction).toBeCloseTo(1 - 91 / 396, 12);
  });

  it('leaves nothing observable when the whole time since the previous round lies in a blackout', () => {
    const dark = { ...scenario, observation: { ...scenario.observation, blackouts: [{ from: dateOf(1), to: dateOf(2) }] } };
    expect(observationRulesForRound(dark, 2, dateOf(2)).observableFraction).toBe(0);
  });
});

describe('observationFundingEffect', () => {
  const fullRound = { baseShrink: 0.5, fundingForDoubleEffectMUsd: 200, observableFraction: 1 };

  it('halves the uncertainty with no funding at all and adds nothing for zero', () => {
    expect(observationFundingEffect(0, fullRound)).toEqual({ remainingWithoutFunding: 0.5, fundingFactor: 1 });
  });

  it('narrows what remains by a further 29 % for 100 M USD and 16 % for 50 M USD', () => {
    expect(observationFundingEffect(100, fullRound).fundingFactor).toBeCloseTo(Math.SQRT1_2, 12);
    expect(observationFundingEffect(50, fullRound).fundingFactor).toBeCloseTo(0.5 ** 0.25, 12);
  });

  it('doubles the round’s effect at the funding for double effect: a quarter of the uncertainty is left, not a half', () => {
    const e = observationFundingEffect(200, fullRound);
    expect(e.fundingFactor).toBeCloseTo(0.5, 12);
    expect(e.remainingWithoutFunding * e.fundingFactor).toBeCloseTo(0.25, 12);
  });

  it('buys more narrowing with more money', () => {
    const factors = [0, 10, 100, 200, 1000].map((m) => observationFundingEffect(m, fullRound).fundingFactor);
    for (let i = 1; i < factors.length; i++) expect(factors[i]!).toBeLessThan(factors[i - 1]!);
  });

  it('buys nothing, and nothing shrinks, in a round spent wholly in a blackout', () => {
    expect(observationFundingEffect(500, { ...fullRound, observableFraction: 0 })).toEqual({ remainingWithoutFunding: 1, fundingFactor: 1 });
  });

  it('buys less in round 3 of 2031 KX, a quarter of which is lost to the blackout', () => {
    const e = observationFundingEffect(100, observationRulesForRound(scenario, 3, scenario.calendar.rounds[2]!.date));
    expect(e.remainingWithoutFunding).toBeCloseTo(0.5 ** (305 / 396), 12);
    expect(e.fundingFactor).toBeCloseTo(0.5 ** (305 / 792), 12);
    expect(1 - e.fundingFactor).toBeCloseTo(0.234, 3);
  });

  it('agrees with refineEstimate, and one actor’s money has the same effect whatever the others spend', () => {
    const first = initialEstimate(scenario);
    const rules = { ...fullRound, observableFraction: 0.6 };
    const sigmaAfter = (totalMUsd: number) => refineEstimate(scenario, first, totalMUsd, 0, rules.observableFraction).sigmaKm;
    for (const othersMUsd of [0, 150, 700]) {
      for (const mineMUsd of [0, 40, 200]) {
        const expected = first.sigmaKm * observationFundingEffect(0, rules).remainingWithoutFunding * observationFundingEffect(othersMUsd, rules).fundingFactor;
        expect(sigmaAfter(othersMUsd + mineMUsd)).toBeCloseTo(expected * observationFundingEffect(mineMUsd, rules).fundingFactor, 6);
      }
    }
  });

  it('predicts from an actor’s view the uncertainty the resolution of round 3 publishes, blackout included', () => {
    const table = new Table();
    table.playRound();
    table.playRound();
    table.toPhase('orders');
    const before = table.state.estimate.sigmaKm;
    const rules = playerView(table.state, actorSeat('kenya')).observationRules;
    expect(rules.observableFraction).toBeLessThan(1);
    const resolved = table.playRound({ usa: [100], japan: [50] });
    const e = observationFundingEffect(150, rules);
    expect(resolved.estimate.sigmaKm).toBeCloseTo(before * e.remainingWithoutFunding * e.fundingFactor, 6);
  });
});
