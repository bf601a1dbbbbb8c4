// The observation model of reference §4: the predicted encounter point on the target plane
// is a normal estimate N(μ, σ) along the line of variations; the impact probability is its
// mass inside the capture radius [−b, b]; each round of observation shrinks σ and pulls μ
// toward the hidden truth, with caller-supplied noise so the estimate can wander (and the
// probability rise) before it converges. Pure: the caller draws the noise.

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26 via erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

// Coefficients of Acklam's rational approximation to the inverse normal CDF.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;
const P_LOW = 0.02425;

/**
 * Standard normal quantile, the inverse of `normalCdf` (P. J. Acklam's rational
 * approximation, relative error < 1.2e-9); −∞ at 0 and +∞ at 1.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/**
 * Impact probability: the mass of the normal estimate N(mean, sigma) of the encounter point
 * on the line of variations that falls inside the capture radius [−b, b] (reference §4);
 * a zero uncertainty gives 1 inside the disc and 0 outside.
 */
export function impactProbability(meanKm: number, sigmaKm: number, captureRadiusKm: number): number {
  if (!(sigmaKm > 0)) return Math.abs(meanKm) <= captureRadiusKm ? 1 : 0;
  const p = normalCdf((captureRadiusKm - meanKm) / sigmaKm) - normalCdf((-captureRadiusKm - meanKm) / sigmaKm);
  return Math.min(1, Math.max(0, p));
}

/** A published estimate of the encounter point along the line of variations. */
export interface EncounterEstimate {
  readonly meanKm: number;
  readonly sigmaKm: number;
}

/** How far the mean may wander per round, as a multiple of the new σ per unit of noise. */
export const DEFAULT_WANDER_FRACTION = 0.3;

/**
 * Observation effort of a round: 1 with no extra funding, 2 when the extra funding reaches
 * the amount that doubles the round's effect, linear in between and beyond.
 */
export function observationEffort(observeMUsd: number, fundingForDoubleEffectMUsd: number): number {
  return 1 + observeMUsd / fundingForDoubleEffectMUsd;
}

export interface ObservationRound {
  /** The scenario's hidden true encounter point (km along the line of variations). */
  readonly truthKm: number;
  /** Fraction by which σ shrinks in a round at effort 1, in [0, 1). */
  readonly baseShrink: number;
  /** Observation effort, see `observationEffort`. */
  readonly effort: number;
  /** A standard normal deviate drawn by the caller from the seeded generator. */
  readonly noiseZ: number;
  /**
   * Fraction of the round in which the object can be observed: 1 by default, 0 when the
   * whole round falls in a blackout window (object too close to the Sun), see `observableFraction`.
   */
  readonly observableFraction?: number;
  /** Defaults to `DEFAULT_WANDER_FRACTION`. */
  readonly wanderFraction?: number;
}

/**
 * One round of observation (reference §4): σ' = σ·(1 − baseShrink)^(effort·f) and
 * μ' = truth + (μ − truth)·σ'/σ + wander·z·σ'·f, with f the observable fraction of the
 * round, so a round spent wholly in a blackout window leaves the estimate unchanged.
 */
export function refineEncounterEstimate(previous: EncounterEstimate, round: ObservationRound): EncounterEstimate {
  const f = round.observableFraction ?? 1;
  // No new astrometry, no new orbit solution: neither shrink nor noise.
  if (f <= 0) return { meanKm: previous.meanKm, sigmaKm: previous.sigmaKm };
  const wander = round.wanderFraction ?? DEFAULT_WANDER_FRACTION;
  const sigmaKm = previous.sigmaKm * Math.pow(1 - round.baseShrink, round.effort * f);
  const ratio = sigmaKm / previous.sigmaKm;
  // The noise scales with f too, so the update fades out continuously toward a blackout.
  const meanKm = round.truthKm + (previous.meanKm - round.truthKm) * ratio + round.noiseZ * sigmaKm * wander * f;
  return { meanKm, sigmaKm };
}

/** The public observation rules one round's resolution applies. */
export interface ObservationRules {
  /** Fraction by which σ shrinks in a fully observable round with no extra funding. */
  readonly baseShrink: number;
  /** Funding (M USD, the table's total) that doubles the round's shrink effect. */
  readonly fundingForDoubleEffectMUsd: number;
  /** Fraction of the round's time outside blackout windows, see `observableFraction`. */
  readonly observableFraction: number;
}

/** What observation money buys in one round, as factors on the uncertainty σ. */
export interface ObservationFundingEffect {
  /** σ'/σ if nobody pays for observation: (1 − baseShrink)^f. */
  readonly remainingWithoutFunding: number;
  /**
   * The factor by which the funding multiplies σ' on top of that: (1 − baseShrink)^(f·x/F).
   * The effort is linear in the table's total, so this is the same whatever the others spend.
   */
  readonly fundingFactor: number;
}

/**
 * The effect of `fundingMUsd` of observation funding at a resolution, split from
 * `refineEncounterEstimate`'s σ' = σ·(1 − baseShrink)^((1 + T/F)·f) as
 * (1 − baseShrink)^f · Π over contributors (1 − baseShrink)^(f·x/F).
 */
export function observationFundingEffect(fundingMUsd: number, rules: ObservationRules): ObservationFundingEffect {
  const f = Math.max(0, rules.observableFraction);
  const keep = 1 - rules.baseShrink;
  return {
    remainingWithoutFunding: Math.pow(keep, f),
    fundingFactor: Math.pow(keep, (f * Math.max(0, fundingMUsd)) / rules.fundingForDoubleEffectMUsd),
  };
}

/** A window (scenario days, any common origin) in which the object cannot be observed. */
export interface BlackoutWindow {
  readonly startDay: number;
  readonly endDay: number;
}

/**
 * The fraction of the interval [fromDay, toDay) that lies outside every blackout window,
 * in [0, 1]; overlapping windows are not double-counted; an empty interval counts as observable (1).
 */
export function observableFraction(fromDay: number, toDay: number, blackouts: readonly BlackoutWindow[]): number {
  const lengthDays = toDay - fromDay;
  if (!(lengthDays > 0)) return 1;
  const clipped = blackouts
    .map((w) => [Math.max(fromDay, w.startDay), Math.min(toDay, w.endDay)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let blackedOutDays = 0;
  let coveredUntil = fromDay;
  for (const [s, e] of clipped) {
    const start = Math.max(s, coveredUntil);
    if (e > start) {
      blackedOutDays += e - start;
      coveredUntil = e;
    }
  }
  return Math.min(1, Math.max(0, 1 - blackedOutDays / lengthDays));
}
