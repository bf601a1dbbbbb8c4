// Monte Carlo resolution of a kinetic-impactor deflection campaign: every sample draws the
// encounter point, the body's size and density, β and the delivered impactor masses from
// the seeded generator, pushes the point along the line of variations (Δx ≈ 3·Δv·t,
// Δv = β·Σm·U/M) and asks whether it clears the capture radius (reference §2). The
// generator state is threaded through and returned: there is no hidden state, and the same
// campaign, sample count and state always give the same result.
import { z } from 'zod';
import { nextStandardNormal, nextUniform, type RngState } from '../random.js';
import {
  catastrophicDisruptionThresholdJPerKg,
  DART_BETA,
  DART_BETA_RANGE,
  DEFAULT_ON_COURSE_FRAGMENT_MASS_FRACTION,
} from './deflection.js';
import { normalCdf, normalQuantile } from './observation.js';
import { SECONDS_PER_DAY } from './constants.js';

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

const rangeSchema = z
  .strictObject({ min: positive, max: positive })
  .refine((r) => r.min <= r.max, 'min must not exceed max');

/**
 * The distribution of β, truncated to [min, max] (Cheng et al. 2023: 3.61, range 2.2–4.9
 * over plausible densities): normal by mean and sd, or lognormal by median and the sd of ln β.
 */
export const betaDistributionSchema = z
  .discriminatedUnion('distribution', [
    z.strictObject({ distribution: z.literal('normal'), mean: positive, sd: nonNegative, min: positive, max: positive }),
    z.strictObject({ distribution: z.literal('lognormal'), median: positive, logSd: nonNegative, min: positive, max: positive }),
  ])
  .refine((b) => b.min <= b.max, 'min must not exceed max');
export type BetaDistribution = z.output<typeof betaDistributionSchema>;

/**
 * β for a body nobody has hit yet: centred on DART's 3.61 with the 2.2–4.9 range treated as
 * about ±2σ (sd 0.7), truncated to that range. A scenario parameter, not a measurement.
 */
export const DEFAULT_BETA_DISTRIBUTION: BetaDistribution = {
  distribution: 'normal',
  mean: DART_BETA,
  sd: 0.7,
  min: DART_BETA_RANGE.min,
  max: DART_BETA_RANGE.max,
};

/** Identical impactors of one design: the delivered mass is uncertain (fuel left at impact), the speed is set by the trajectory. */
export const impactorGroupSchema = z.strictObject({
  count: z.number().int().nonnegative(),
  massKg: positive,
  massSdKg: nonNegative.default(0),
  relativeSpeedKmS: positive,
});

export const deflectionCampaignSchema = z.strictObject({
  impactors: z.array(impactorGroupSchema).min(1),
  beta: betaDistributionSchema.default(DEFAULT_BETA_DISTRIBUTION),
  /** Time from the impacts to the encounter. */
  leadTimeDays: nonNegative,
  /** Direction of the push along the line of variations; by default away from the centre, the sign of the mean encounter point. */
  pushDirection: z.union([z.literal(1), z.literal(-1)]).optional(),
  /** Diameter and bulk density, each drawn uniformly in its range. */
  body: z.strictObject({ diameterM: rangeSchema, densityKgM3: rangeSchema }),
  /** The current estimate of the undeflected encounter point (σ = 0 for the hidden truth). */
  encounter: z.strictObject({ meanKm: z.number(), sigmaKm: nonNegative }),
  captureRadiusKm: positive,
  /** Without it the body never breaks up. */
  disruption: z
    .strictObject({
      /** Q*D override; by default from each sample's diameter (`catastrophicDisruptionThresholdJPerKg`). */
      thresholdJPerKg: positive.optional(),
      onCourseFragmentMassFraction: z.number().min(0).max(1).default(DEFAULT_ON_COURSE_FRAGMENT_MASS_FRACTION),
    })
    .optional(),
});
export type DeflectionCampaignInput = z.input<typeof deflectionCampaignSchema>;
export type DeflectionCampaign = z.output<typeof deflectionCampaignSchema>;

export type DeflectionOutcomeKind = 'miss' | 'impact' | 'fragment-impact';

/** One drawn outcome of a campaign, plain numbers only so that an event can record it. */
export interface DeflectionSample {
  encounterBeforeKm: number;
  targetDiameterM: number;
  targetDensityKgM3: number;
  targetMassKg: number;
  beta: number;
  /** Total impactor mass delivered, all groups. */
  impactorMassKg: number;
  deltaVMmPerS: number;
  /** Signed by the push direction. */
  alongTrackShiftKm: number;
  encounterAfterKm: number;
  /** Largest kinetic energy of one impact per kg of the body, ½·m·U²/M, compared with Q*D. */
  specificEnergyJPerKg: number;
  disrupted: boolean;
  /** Mass fraction of the body left on the undeflected course: 0 unless disrupted. */
  fragmentMassFraction: number;
  outcome: DeflectionOutcomeKind;
  /** Where on the line of variations something strikes; null for a miss. */
  impactKm: number | null;
}

/** Order statistics of a sampled quantity (linear interpolation between order statistics). */
export interface Quantiles {
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface DeflectionMonteCarloResult {
  samples: number;
  missCount: number;
  /** The intact, deflected body strikes. */
  impactCount: number;
  /** The body broke up and its on-course fragment strikes. */
  fragmentImpactCount: number;
  disruptionCount: number;
  /** Nothing strikes; missProbability + impactProbability = 1. */
  missProbability: number;
  /** Something strikes, the body or a fragment. */
  impactProbability: number;
  /** Binomial standard error of impactProbability, √(p(1 − p)/N). */
  impactProbabilityStdError: number;
  fragmentImpactProbability: number;
  disruptionProbability: number;
  meanDeltaVMmPerS: number;
  deltaVQuantilesMmPerS: Quantiles;
  /** Final encounter point of every sample, struck or not (a fragment keeps the undeflected point). */
  encounterAfterQuantilesKm: Quantiles;
  /** Where the strikes fall on the line of variations, in sample order. */
  impactPositionsKm: Float64Array;
  /** null when nothing strikes. */
  impactPositionQuantilesKm: Quantiles | null;
  rngAfter: RngState;
}

/** The campaign reduced to the numbers the sampling loop needs, computed once per call. */
interface PreparedCampaign {
  meanKm: number;
  sigmaKm: number;
  diameterMinM: number;
  diameterSpanM: number;
  densityMin: number;
  densitySpan: number;
  betaLognormal: boolean;
  /** Mean of β, or of ln β for the lognormal. */
  betaCentre: number;
  betaSpread: number;
  betaCdfLow: number;
  betaCdfSpan: number;
  betaMin: number;
  betaMax: number;
  groups: number;
  groupCount: Float64Array;
  groupMeanTotalKg: Float64Array;
  groupSdTotalKg: Float64Array;
  groupSpeedKmS: Float64Array;
  /** Signed km of shift per mm/s of Δv: 3·t·direction (reference §2). */
  shiftKmPerMmPerS: number;
  captureRadiusKm: number;
  disruption: boolean;
  /** Q*D from each sample's diameter rather than a fixed override. */
  thresholdFromDiameter: boolean;
  thresholdJPerKg: number;
  fragmentMassFraction: number;
}

function prepare(c: DeflectionCampaign): PreparedCampaign {
  const beta = c.beta;
  const betaLognormal = beta.distribution === 'lognormal';
  const betaCentre = beta.distribution === 'lognormal' ? Math.log(beta.median) : beta.mean;
  const betaSpread = beta.distribution === 'lognormal' ? beta.logSd : beta.sd;
  const lo = betaLognormal ? Math.log(beta.min) : beta.min;
  const hi = betaLognormal ? Math.log(beta.max) : beta.max;
  const cdfLow = betaSpread > 0 ? normalCdf((lo - betaCentre) / betaSpread) : 0;
  const cdfHigh = betaSpread > 0 ? normalCdf((hi - betaCentre) / betaSpread) : 1;
  const n = c.impactors.length;
  const groupCount = new Float64Array(n);
  const groupMeanTotalKg = new Float64Array(n);
  const groupSdTotalKg = new Float64Array(n);
  const groupSpeedKmS = new Float64Array(n);
  c.impactors.forEach((g, i) => {
    groupCount[i] = g.count;
    // The sum of `count` independent normal masses is normal with mean n·m and sd √n·σ: one draw per group.
    groupMeanTotalKg[i] = g.count * g.massKg;
    groupSdTotalKg[i] = Math.sqrt(g.count) * g.massSdKg;
    groupSpeedKmS[i] = g.relativeSpeedKmS;
  });
  const direction = c.pushDirection ?? (c.encounter.meanKm >= 0 ? 1 : -1);
  return {
    meanKm: c.encounter.meanKm,
    sigmaKm: c.encounter.sigmaKm,
    diameterMinM: c.body.diameterM.min,
    diameterSpanM: c.body.diameterM.max - c.body.diameterM.min,
    densityMin: c.body.densityKgM3.min,
    densitySpan: c.body.densityKgM3.max - c.body.densityKgM3.min,
    betaLognormal,
    betaCentre,
    betaSpread,
    betaCdfLow: cdfLow,
    betaCdfSpan: cdfHigh - cdfLow,
    betaMin: beta.min,
    betaMax: beta.max,
    groups: n,
    groupCount,
    groupMeanTotalKg,
    groupSdTotalKg,
    groupSpeedKmS,
    // Δx[km] = 3·Δv[mm/s]·1e-6·t[s] (see alongTrackShiftKmFor).
    shiftKmPerMmPerS: direction * 3 * 1e-6 * c.leadTimeDays * SECONDS_PER_DAY,
    captureRadiusKm: c.captureRadiusKm,
    disruption: c.disruption !== undefined,
    thresholdFromDiameter: c.disruption?.thresholdJPerKg === undefined,
    thresholdJPerKg: c.disruption?.thresholdJPerKg ?? 0,
    fragmentMassFraction: c.disruption?.onCourseFragmentMassFraction ?? 0,
  };
}

/**
 * Draws one sample into `out` (no allocation besides the generator's own) and returns the
 * advanced generator state. Draw order, part of the replay contract: the encounter point
 * (one normal), the diameter, the density and β (one uniform each), then one normal per
 * impactor group, always, even when a spread is zero, so every sample uses the same draws.
 */
function drawInto(p: PreparedCampaign, rng: RngState, out: DeflectionSample): RngState {
  const [zEncounter, r1] = nextStandardNormal(rng);
  const [uDiameter, r2] = nextUniform(r1);
  const [uDensity, r3] = nextUniform(r2);
  const [uBeta, r4] = nextUniform(r3);
  let state = r4;

  const encounterBeforeKm = p.meanKm + p.sigmaKm * zEncounter;
  const diameterM = p.diameterMinM + p.diameterSpanM * uDiameter;
  const densityKgM3 = p.densityMin + p.densitySpan * uDensity;
  const targetMassKg = (Math.PI / 6) * densityKgM3 * diameterM * diameterM * diameterM;

  // Truncated normal by inversion: one uniform per draw however narrow the range.
  let beta = p.betaCentre;
  if (p.betaSpread > 0) beta += p.betaSpread * normalQuantile(p.betaCdfLow + p.betaCdfSpan * uBeta);
  if (p.betaLognormal) beta = Math.exp(beta);
  // The approximate CDF can land a hair outside the bounds.
  beta = Math.min(p.betaMax, Math.max(p.betaMin, beta));

  let impactorMassKg = 0;
  let momentumKgKmS = 0;
  let specificEnergyJPerKg = 0;
  for (let g = 0; g < p.groups; g++) {
    const [zMass, next] = nextStandardNormal(state);
    state = next;
    const massKg = Math.max(0, p.groupMeanTotalKg[g]! + p.groupSdTotalKg[g]! * zMass);
    const speedKmS = p.groupSpeedKmS[g]!;
    impactorMassKg += massKg;
    momentumKgKmS += massKg * speedKmS;
    const count = p.groupCount[g]!;
    if (count > 0) {
      // ½·m·U²/M for one impactor of the group; U in m/s.
      const perImpactJPerKg = (0.5 * (massKg / count) * speedKmS * speedKmS * 1e6) / targetMassKg;
      if (perImpactJPerKg > specificEnergyJPerKg) specificEnergyJPerKg = perImpactJPerKg;
    }
  }

  // Δv = β·Σ m·U / M (Cheng et al. 2023); km/s → m/s and m/s → mm/s give 1e6.
  const deltaVMmPerS = (beta * momentumKgKmS * 1e6) / targetMassKg;
  const alongTrackShiftKm = deltaVMmPerS * p.shiftKmPerMmPerS;
  const encounterAfterKm = encounterBeforeKm + alongTrackShiftKm;
  const disrupted =
    p.disruption && specificEnergyJPerKg > (p.thresholdFromDiameter ? catastrophicDisruptionThresholdJPerKg(diameterM) : p.thresholdJPerKg);

  out.encounterBeforeKm = encounterBeforeKm;
  out.targetDiameterM = diameterM;
  out.targetDensityKgM3 = densityKgM3;
  out.targetMassKg = targetMassKg;
  out.beta = beta;
  out.impactorMassKg = impactorMassKg;
  out.deltaVMmPerS = deltaVMmPerS;
  out.alongTrackShiftKm = alongTrackShiftKm;
  out.disrupted = disrupted;
  if (disrupted) {
    // Reference §2 and PDC 2015/2019: the dispersed mass misses, a fragment stays on the undeflected course.
    out.encounterAfterKm = encounterBeforeKm;
    out.fragmentMassFraction = p.fragmentMassFraction;
    const strikes = p.fragmentMassFraction > 0 && Math.abs(encounterBeforeKm) <= p.captureRadiusKm;
    out.outcome = strikes ? 'fragment-impact' : 'miss';
    out.impactKm = strikes ? encounterBeforeKm : null;
  } else {
    out.encounterAfterKm = encounterAfterKm;
    out.fragmentMassFraction = 0;
    const strikes = Math.abs(encounterAfterKm) <= p.captureRadiusKm;
    out.outcome = strikes ? 'impact' : 'miss';
    out.impactKm = strikes ? encounterAfterKm : null;
  }
  out.specificEnergyJPerKg = specificEnergyJPerKg;
  return state;
}

function emptySample(): DeflectionSample {
  return {
    encounterBeforeKm: 0,
    targetDiameterM: 0,
    targetDensityKgM3: 0,
    targetMassKg: 0,
    beta: 0,
    impactorMassKg: 0,
    deltaVMmPerS: 0,
    alongTrackShiftKm: 0,
    encounterAfterKm: 0,
    specificEnergyJPerKg: 0,
    disrupted: false,
    fragmentMassFraction: 0,
    outcome: 'miss',
    impactKm: null,
  };
}

/** The p-quantile of an ascending array, interpolating linearly between order statistics (Hyndman & Fan type 7). */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const i = Math.floor(h);
  const lower = sorted[i]!;
  return i + 1 < n ? lower + (h - i) * (sorted[i + 1]! - lower) : lower;
}

/** The 5th, 25th, 50th, 75th and 95th percentiles of an ascending array. */
export function quantilesOfSorted(sorted: ArrayLike<number>): Quantiles {
  return {
    p05: quantileOfSorted(sorted, 0.05),
    p25: quantileOfSorted(sorted, 0.25),
    p50: quantileOfSorted(sorted, 0.5),
    p75: quantileOfSorted(sorted, 0.75),
    p95: quantileOfSorted(sorted, 0.95),
  };
}

/**
 * Draws one outcome of the campaign from the generator, for the engine to record in an event;
 * the same draws, in the same order, as one sample of `resolveDeflectionMonteCarlo`.
 */
export function sampleDeflection(campaign: DeflectionCampaignInput, rng: RngState): { sample: DeflectionSample; rngAfter: RngState } {
  const sample = emptySample();
  const rngAfter = drawInto(prepare(deflectionCampaignSchema.parse(campaign)), rng, sample);
  return { sample, rngAfter };
}

/**
 * Resolves the campaign by Monte Carlo: `samples` draws from the seeded generator, the
 * distribution of outcomes (miss, impact, fragment impact), where strikes fall on the line
 * of variations, and the advanced generator state; deterministic in (campaign, samples, rng).
 */
export function resolveDeflectionMonteCarlo(campaign: DeflectionCampaignInput, samples: number, rng: RngState): DeflectionMonteCarloResult {
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`samples must be a positive integer, got ${samples}`);
  const p = prepare(deflectionCampaignSchema.parse(campaign));
  const scratch = emptySample();
  const deltaVs = new Float64Array(samples);
  const afters = new Float64Array(samples);
  const strikes = new Float64Array(samples);
  let struck = 0;
  let impactCount = 0;
  let fragmentImpactCount = 0;
  let disruptionCount = 0;
  let deltaVSum = 0;
  let state = rng;
  for (let i = 0; i < samples; i++) {
    state = drawInto(p, state, scratch);
    deltaVs[i] = scratch.deltaVMmPerS;
    deltaVSum += scratch.deltaVMmPerS;
    afters[i] = scratch.encounterAfterKm;
    if (scratch.disrupted) disruptionCount++;
    if (scratch.outcome === 'impact') impactCount++;
    else if (scratch.outcome === 'fragment-impact') fragmentImpactCount++;
    if (scratch.impactKm !== null) strikes[struck++] = scratch.impactKm;
  }
  const impactPositionsKm = strikes.slice(0, struck);
  const impactProbability = struck / samples;
  return {
    samples,
    missCount: samples - struck,
    impactCount,
    fragmentImpactCount,
    disruptionCount,
    missProbability: (samples - struck) / samples,
    impactProbability,
    impactProbabilityStdError: Math.sqrt((impactProbability * (1 - impactProbability)) / samples),
    fragmentImpactProbability: fragmentImpactCount / samples,
    disruptionProbability: disruptionCount / samples,
    meanDeltaVMmPerS: deltaVSum / samples,
    deltaVQuantilesMmPerS: quantilesOfSorted(deltaVs.sort()),
    encounterAfterQuantilesKm: quantilesOfSorted(afters.sort()),
    impactPositionsKm,
    impactPositionQuantilesKm: struck > 0 ? quantilesOfSorted(impactPositionsKm.slice().sort()) : null,
    rngAfter: state,
  };
}
