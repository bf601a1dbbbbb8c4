import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seedRng, type RngState } from '../../../shared/random.js';
import { captureRadiusKmFor, DART_BETA_RANGE, kineticDeltaVMmPerS, sphereMassKg } from '../../../shared/physics/deflection.js';
import {
  deflectionCampaignSchema,
  resolveDeflectionMonteCarlo,
  sampleDeflection,
  type DeflectionCampaignInput,
} from '../../../shared/physics/montecarlo.js';
import { impactProbability, normalCdf, normalQuantile } from '../../../shared/physics/observation.js';

const b = captureRadiusKmFor(10);

/** A PDC-2017-like campaign: three impactors five years ahead against a 120–320 m body, encounter near the centre. */
const campaign: DeflectionCampaignInput = {
  impactors: [{ count: 3, massKg: 600, massSdKg: 30, relativeSpeedKmS: 6 }],
  leadTimeDays: 5 * 365.25,
  body: { diameterM: { min: 120, max: 320 }, densityKgM3: { min: 1500, max: 2500 } },
  encounter: { meanKm: 300, sigmaKm: 500 },
  captureRadiusKm: b,
};

/** Everything fixed but what a test varies: DART's numbers against a 151 m, 2400 kg/m³ body. */
const fixed: DeflectionCampaignInput = {
  impactors: [{ count: 1, massKg: 579.4, relativeSpeedKmS: 6.1449 }],
  beta: { distribution: 'normal', mean: 3.61, sd: 0, min: 2.2, max: 4.9 },
  leadTimeDays: 3652.5,
  body: { diameterM: { min: 151, max: 151 }, densityKgM3: { min: 2400, max: 2400 } },
  encounter: { meanKm: 0, sigmaKm: 0 },
  captureRadiusKm: b,
};

const withCount = (c: DeflectionCampaignInput, count: number): DeflectionCampaignInput => ({
  ...c,
  impactors: c.impactors.map((g) => ({ ...g, count })),
});

describe('Monte Carlo deflection resolver', () => {
  it('gives the same result, generator state included, for the same seed', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 300 }), (seed, samples) => {
        const one = resolveDeflectionMonteCarlo(campaign, samples, seedRng(seed));
        const two = resolveDeflectionMonteCarlo(campaign, samples, seedRng(seed));
        expect(two).toEqual(one);
        expect([...two.impactPositionsKm]).toEqual([...one.impactPositionsKm]);
      }),
      { numRuns: 50 },
    );
  });

  it('does not mutate the generator state it was given, and advances the one it returns', () => {
    const rng = seedRng(11);
    const before = [...rng];
    const result = resolveDeflectionMonteCarlo(campaign, 50, rng);
    expect([...rng]).toEqual(before);
    expect(result.rngAfter).not.toEqual(rng);
    expect(resolveDeflectionMonteCarlo(campaign, 50, seedRng(12)).rngAfter).not.toEqual(result.rngAfter);
  });

  it('keeps probabilities in [0, 1] and counts that add up, for any campaign', () => {
    const campaigns = fc.record({
      count: fc.integer({ min: 0, max: 8 }),
      massKg: fc.double({ min: 100, max: 2e4, noNaN: true }),
      speed: fc.double({ min: 1, max: 30, noNaN: true }),
      leadDays: fc.double({ min: 0, max: 20 * 365, noNaN: true }),
      dMin: fc.double({ min: 20, max: 1000, noNaN: true }),
      dExtra: fc.double({ min: 0, max: 1000, noNaN: true }),
      meanKm: fc.double({ min: -3e4, max: 3e4, noNaN: true }),
      sigmaKm: fc.double({ min: 0, max: 2e4, noNaN: true }),
      disruption: fc.boolean(),
    });
    fc.assert(
      fc.property(campaigns, fc.integer(), (c, seed) => {
        const r = resolveDeflectionMonteCarlo(
          {
            impactors: [{ count: c.count, massKg: c.massKg, massSdKg: c.massKg / 10, relativeSpeedKmS: c.speed }],
            leadTimeDays: c.leadDays,
            body: { diameterM: { min: c.dMin, max: c.dMin + c.dExtra }, densityKgM3: { min: 1000, max: 3500 } },
            encounter: { meanKm: c.meanKm, sigmaKm: c.sigmaKm },
            captureRadiusKm: b,
            ...(c.disruption ? { disruption: {} } : {}),
          },
          200,
          seedRng(seed),
        );
        for (const p of [r.missProbability, r.impactProbability, r.fragmentImpactProbability, r.disruptionProbability]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        expect(r.missProbability + r.impactProbability).toBeCloseTo(1, 12);
        expect(r.missCount + r.impactCount + r.fragmentImpactCount).toBe(r.samples);
        expect(r.impactPositionsKm.length).toBe(r.impactCount + r.fragmentImpactCount);
        for (const x of r.impactPositionsKm) expect(Math.abs(x)).toBeLessThanOrEqual(b);
        if (!c.disruption) expect(r.disruptionCount).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('gives a larger mean Δv with more impactors, drawing the same randomness', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 6 }), (seed, count) => {
        const fewer = resolveDeflectionMonteCarlo(withCount(campaign, count), 200, seedRng(seed)).meanDeltaVMmPerS;
        const more = resolveDeflectionMonteCarlo(withCount(campaign, count + 1), 200, seedRng(seed)).meanDeltaVMmPerS;
        expect(more).toBeGreaterThan(fewer);
      }),
      { numRuns: 40 },
    );
  });

  it('reproduces the deterministic DART push when nothing is uncertain', () => {
    const r = resolveDeflectionMonteCarlo(fixed, 100, seedRng(1));
    const expected = kineticDeltaVMmPerS(579.4, 6.1449, 3.61, sphereMassKg(151, 2400));
    expect(r.meanDeltaVMmPerS).toBeCloseTo(expected, 9);
    expect(r.deltaVQuantilesMmPerS.p05).toBeCloseTo(expected, 9);
    expect(r.deltaVQuantilesMmPerS.p95).toBeCloseTo(expected, 9);
    // ≈ 2.99 mm/s for ten years is ≈ 2 830 km: still inside the capture disc.
    expect(r.impactProbability).toBe(1);
    expect(r.encounterAfterQuantilesKm.p50).toBeCloseTo(3 * expected * 1e-6 * 3652.5 * 86400, 6);
  });

  it('misses every time when the deterministic push clears the capture radius', () => {
    const r = resolveDeflectionMonteCarlo(withCount(fixed, 4), 100, seedRng(1));
    expect(r).toMatchObject({ missProbability: 1, impactProbability: 0, impactPositionQuantilesKm: null });
  });

  it('agrees with the analytic impact probability when only the encounter point is uncertain', () => {
    const uncertain = { ...fixed, encounter: { meanKm: -3000, sigmaKm: 4000 } };
    // pushDirection defaults to −1 here (the mean is negative).
    const shiftKm = -3 * kineticDeltaVMmPerS(579.4, 6.1449, 3.61, sphereMassKg(151, 2400)) * 1e-6 * 3652.5 * 86400;
    const expected = impactProbability(-3000 + shiftKm, 4000, b);
    const r = resolveDeflectionMonteCarlo(uncertain, 40_000, seedRng(5));
    expect(Math.abs(r.impactProbability - expected)).toBeLessThan(4 * r.impactProbabilityStdError + 1e-3);
  });

  it('pushes in the requested direction along the line of variations', () => {
    const plus = sampleDeflection({ ...fixed, pushDirection: 1 }, seedRng(3)).sample;
    const minus = sampleDeflection({ ...fixed, pushDirection: -1 }, seedRng(3)).sample;
    expect(plus.alongTrackShiftKm).toBeGreaterThan(0);
    expect(minus.alongTrackShiftKm).toBeCloseTo(-plus.alongTrackShiftKm, 9);
  });

  it('keeps β within its truncation range, with the truncated median, for normal and lognormal distributions', () => {
    const lognormal = { ...campaign, beta: { distribution: 'lognormal' as const, median: 3.61, logSd: 0.5, min: 2.2, max: 4.9 } };
    /** Median of N(centre, spread) truncated to [lo, hi]: the quantile halfway between the CDF at the bounds. */
    const truncatedMedian = (centre: number, spread: number, lo: number, hi: number) =>
      centre + spread * normalQuantile((normalCdf((lo - centre) / spread) + normalCdf((hi - centre) / spread)) / 2);
    const cases = [
      // The default: normal, mean 3.61, sd 0.7, on 2.2–4.9 (nearly symmetric, median ≈ 3.60).
      { c: campaign, median: truncatedMedian(3.61, 0.7, 2.2, 4.9) },
      // Lognormal, cut harder below than above in ln β: the median drops to ≈ 3.37.
      { c: lognormal, median: Math.exp(truncatedMedian(Math.log(3.61), 0.5, Math.log(2.2), Math.log(4.9))) },
    ];
    for (const { c, median } of cases) {
      let rng: RngState = seedRng(9);
      const betas: number[] = [];
      for (let i = 0; i < 2001; i++) {
        const { sample, rngAfter } = sampleDeflection(c, rng);
        rng = rngAfter;
        betas.push(sample.beta);
      }
      expect(Math.min(...betas)).toBeGreaterThanOrEqual(DART_BETA_RANGE.min);
      expect(Math.max(...betas)).toBeLessThanOrEqual(DART_BETA_RANGE.max);
      betas.sort((x, y) => x - y);
      expect(Math.abs(betas[1000]! - median)).toBeLessThan(0.05);
    }
  });

  it('draws exactly the samples of the resolver one at a time, for the engine to record', () => {
    let rng: RngState = seedRng(21);
    const struck: number[] = [];
    for (let i = 0; i < 300; i++) {
      const { sample, rngAfter } = sampleDeflection(campaign, rng);
      rng = rngAfter;
      if (sample.impactKm !== null) struck.push(sample.impactKm);
    }
    const r = resolveDeflectionMonteCarlo(campaign, 300, seedRng(21));
    expect(r.rngAfter).toEqual(rng);
    expect([...r.impactPositionsKm]).toEqual(struck);
  });

  it('records a sample as plain JSON-safe numbers', () => {
    const { sample } = sampleDeflection(campaign, seedRng(1));
    expect(JSON.parse(JSON.stringify(sample))).toEqual(sample);
  });

  it('leaves an on-course fragment when the impacts exceed Q*D', () => {
    // 20 t at 20 km/s on a 30 m body: ½mU²/M ≈ 1.4e5 J/kg, far above Q*D.
    const violent = {
      ...fixed,
      impactors: [{ count: 1, massKg: 20_000, relativeSpeedKmS: 20 }],
      body: { diameterM: { min: 30, max: 30 }, densityKgM3: { min: 2000, max: 2000 } },
      disruption: { onCourseFragmentMassFraction: 0.05 },
    };
    const r = resolveDeflectionMonteCarlo(violent, 50, seedRng(2));
    expect(r).toMatchObject({ disruptionProbability: 1, fragmentImpactProbability: 1, impactCount: 0 });
    expect(sampleDeflection(violent, seedRng(2)).sample).toMatchObject({ disrupted: true, fragmentMassFraction: 0.05, outcome: 'fragment-impact', impactKm: 0 });
    // The same push without the disruption model sends the intact body far off.
    expect(resolveDeflectionMonteCarlo({ ...violent, disruption: undefined }, 50, seedRng(2)).missProbability).toBe(1);
    // No fragment mass on course: the break-up is a miss.
    expect(resolveDeflectionMonteCarlo({ ...violent, disruption: { onCourseFragmentMassFraction: 0 } }, 50, seedRng(2)).missProbability).toBe(1);
  });

  it('does not disrupt a DART-like body: ½mU²/M is a few J/kg against Q*D ≈ 15 J/kg', () => {
    const r = resolveDeflectionMonteCarlo({ ...fixed, disruption: {} }, 20, seedRng(2));
    expect(r.disruptionCount).toBe(0);
    expect(sampleDeflection({ ...fixed, disruption: {} }, seedRng(2)).sample.specificEnergyJPerKg).toBeCloseTo((0.5 * 579.4 * 6144.9 ** 2) / sphereMassKg(151, 2400), 6);
  });

  it('orders its quantiles', () => {
    const r = resolveDeflectionMonteCarlo(campaign, 2000, seedRng(4));
    for (const q of [r.deltaVQuantilesMmPerS, r.encounterAfterQuantilesKm, r.impactPositionQuantilesKm!]) {
      expect(q.p05).toBeLessThanOrEqual(q.p25);
      expect(q.p25).toBeLessThanOrEqual(q.p50);
      expect(q.p50).toBeLessThanOrEqual(q.p75);
      expect(q.p75).toBeLessThanOrEqual(q.p95);
    }
  });

  it('rejects an inverted range, an empty campaign and a non-integer sample count', () => {
    expect(deflectionCampaignSchema.safeParse({ ...campaign, body: { diameterM: { min: 300, max: 100 }, densityKgM3: { min: 1, max: 2 } } }).success).toBe(false);
    expect(deflectionCampaignSchema.safeParse({ ...campaign, impactors: [] }).success).toBe(false);
    expect(() => resolveDeflectionMonteCarlo(campaign, 0, seedRng(1))).toThrow(RangeError);
    expect(() => resolveDeflectionMonteCarlo(campaign, 2.5, seedRng(1))).toThrow(RangeError);
  });
});
