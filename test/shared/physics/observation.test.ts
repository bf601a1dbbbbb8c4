import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { refineEstimate } from '../../../shared/engine/observation.js';
import { nextStandardNormal, seedRng } from '../../../shared/random.js';
import { captureRadiusKmFor } from '../../../shared/physics/deflection.js';
import {
  impactProbability,
  normalCdf,
  normalQuantile,
  observableFraction,
  observationEffort,
  refineEncounterEstimate,
  type EncounterEstimate,
} from '../../../shared/physics/observation.js';
import { scenario } from '../engine/given.js';

const b = captureRadiusKmFor(10);
const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true });

/** Plays `rounds` rounds of observation at effort 1 with noise from a seeded generator, returning each round's probability. */
function observe(start: EncounterEstimate, truthKm: number, rounds: number, seed: number, baseShrink = 0.35): { last: EncounterEstimate; probabilities: number[] } {
  let rng = seedRng(seed);
  let estimate = start;
  const probabilities = [impactProbability(start.meanKm, start.sigmaKm, b)];
  for (let i = 0; i < rounds; i++) {
    const [noiseZ, next] = nextStandardNormal(rng);
    rng = next;
    estimate = refineEncounterEstimate(estimate, { truthKm, baseShrink, effort: 1, noiseZ });
    probabilities.push(impactProbability(estimate.meanKm, estimate.sigmaKm, b));
  }
  return { last: estimate, probabilities };
}

describe('normal distribution helpers', () => {
  it('inverts the CDF with the quantile to within the CDF approximation', () => {
    for (const p of [1e-9, 1e-4, 0.01, 0.02425, 0.1, 0.5, 0.8, 0.975, 0.999, 1 - 1e-7]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p), `p = ${p}`).toBeLessThan(2e-7);
    }
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});

describe('impact probability', () => {
  it('stays within [0, 1] for any estimate', () => {
    fc.assert(
      fc.property(finite(-1e7, 1e7), finite(1e-9, 1e8), finite(1, 1e5), (meanKm, sigmaKm, captureRadiusKm) => {
        const p = impactProbability(meanKm, sigmaKm, captureRadiusKm);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is largest with the estimate centred on the Earth', () => {
    fc.assert(
      fc.property(finite(-1e6, 1e6), finite(1, 1e6), (meanKm, sigmaKm) => {
        expect(impactProbability(meanKm, sigmaKm, b)).toBeLessThanOrEqual(impactProbability(0, sigmaKm, b) + 2e-7);
      }),
    );
  });

  it('is 2Φ(b/σ) − 1 for a centred estimate', () => {
    expect(impactProbability(0, b / 1.96, b)).toBeCloseTo(0.95, 4);
  });

  it('is certain inside and impossible outside the disc when the uncertainty is zero', () => {
    expect(impactProbability(b - 1, 0, b)).toBe(1);
    expect(impactProbability(-b, 0, b)).toBe(1);
    expect(impactProbability(b + 1, 0, b)).toBe(0);
  });
});

describe('a round of observation', () => {
  const start = { meanKm: 150_000, sigmaKm: 80_000 };
  const round = { truthKm: 300, baseShrink: 0.35, effort: 1, noiseZ: 0 };

  it('shrinks σ by the base rate at effort 1 and faster with more effort', () => {
    expect(refineEncounterEstimate(start, round).sigmaKm).toBeCloseTo(80_000 * 0.65, 9);
    expect(refineEncounterEstimate(start, { ...round, effort: 2 }).sigmaKm).toBeCloseTo(80_000 * 0.65 ** 2, 9);
    expect(observationEffort(0, 200)).toBe(1);
    expect(observationEffort(200, 200)).toBe(2);
  });

  it('leaves the estimate unchanged during a blackout, whatever the noise and effort', () => {
    expect(refineEncounterEstimate(start, { ...round, effort: 5, noiseZ: 2.5, observableFraction: 0 })).toEqual(start);
  });

  it('shrinks σ less when part of the round falls in a blackout window', () => {
    const full = refineEncounterEstimate(start, round).sigmaKm;
    const half = refineEncounterEstimate(start, { ...round, observableFraction: 0.5 }).sigmaKm;
    expect(half).toBeGreaterThan(full);
    expect(half).toBeLessThan(start.sigmaKm);
  });

  it('never widens σ, moves the noiseless mean toward the truth without overshooting, and keeps the probability in [0, 1]', () => {
    fc.assert(
      fc.property(
        finite(-1e6, 1e6),
        finite(1, 1e6),
        finite(-1e5, 1e5),
        finite(0, 0.95),
        finite(0, 10),
        finite(0, 1),
        (meanKm, sigmaKm, truthKm, baseShrink, extraEffort, f) => {
          const next = refineEncounterEstimate({ meanKm, sigmaKm }, { truthKm, baseShrink, effort: 1 + extraEffort, noiseZ: 0, observableFraction: f });
          expect(next.sigmaKm).toBeLessThanOrEqual(sigmaKm);
          expect(Math.abs(next.meanKm - truthKm)).toBeLessThanOrEqual(Math.abs(meanKm - truthKm) * (1 + 1e-12) + 1e-9);
          const p = impactProbability(next.meanKm, next.sigmaKm, b);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('converges on a hit: the probability climbs to 1 when the truth is inside the capture disc', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { last, probabilities } = observe(start, 300, 30, seed);
      expect(last.sigmaKm).toBeLessThan(1);
      expect(Math.abs(last.meanKm - 300), `seed ${seed}`).toBeLessThan(10);
      expect(probabilities.at(-1), `seed ${seed}`).toBeGreaterThan(0.999999);
    }
  });

  it('rises before it collapses to 0 when the truth lies just outside the disc, as real cases do', () => {
    const { probabilities } = observe(start, 14_000, 30, 7);
    expect(Math.max(...probabilities)).toBeGreaterThan(probabilities[0]! * 2);
    expect(probabilities.at(-1)).toBeLessThan(1e-6);
  });

  it('is what the engine uses: refineEstimate gives the same numbers for the bundled scenario', () => {
    const previous = { meanKm: 42_000, sigmaKm: 31_000, impactProbability: 0 };
    const engine = refineEstimate(scenario, previous, 120, -0.8);
    const physics = refineEncounterEstimate(previous, {
      truthKm: scenario.asteroid.truth.encounterKm,
      baseShrink: scenario.observation.baseShrink,
      effort: observationEffort(120, scenario.observation.fundingForDoubleEffectMUsd),
      noiseZ: -0.8,
    });
    expect(engine).toEqual({ ...physics, impactProbability: impactProbability(physics.meanKm, physics.sigmaKm, scenario.asteroid.captureRadiusKm) });
  });
});

describe('observable fraction of a round', () => {
  it('is 1 without blackout windows and 0 inside one', () => {
    expect(observableFraction(0, 100, [])).toBe(1);
    expect(observableFraction(10, 20, [{ startDay: 0, endDay: 100 }])).toBe(0);
  });

  it('counts only the part of each window inside the round, and overlaps once', () => {
    expect(observableFraction(0, 100, [{ startDay: 50, endDay: 150 }])).toBeCloseTo(0.5, 12);
    expect(observableFraction(0, 100, [{ startDay: 10, endDay: 40 }, { startDay: 30, endDay: 60 }, { startDay: 200, endDay: 300 }])).toBeCloseTo(0.5, 12);
  });

  it('stays within [0, 1]', () => {
    const window = fc.record({ startDay: finite(-1000, 1000), endDay: finite(-1000, 1000) });
    fc.assert(
      fc.property(finite(-500, 500), finite(0, 500), fc.array(window, { maxLength: 6 }), (fromDay, lengthDays, windows) => {
        const f = observableFraction(fromDay, fromDay + lengthDays, windows);
        expect(f).toBeGreaterThanOrEqual(0);
        expect(f).toBeLessThanOrEqual(1);
      }),
    );
  });
});
