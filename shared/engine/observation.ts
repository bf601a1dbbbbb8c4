import type { Scenario } from '../scenario/schema.js';
import type { Estimate } from './events.js';

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26 via erf, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Impact probability: the mass of the normal estimate N(mean, sigma) of the encounter
 * point on the line of variations that falls inside the capture radius [-b, b]
 * (reference §4).
 */
export function impactProbability(meanKm: number, sigmaKm: number, captureRadiusKm: number): number {
  const p = normalCdf((captureRadiusKm - meanKm) / sigmaKm) - normalCdf((-captureRadiusKm - meanKm) / sigmaKm);
  return Math.min(1, Math.max(0, p));
}

/** The first published estimate of a scenario. */
export function initialEstimate(scenario: Scenario): Estimate {
  const { meanKm, sigmaKm } = scenario.asteroid.initialEstimate;
  return { meanKm, sigmaKm, impactProbability: impactProbability(meanKm, sigmaKm, scenario.asteroid.captureRadiusKm) };
}

/**
 * One round of observation: the uncertainty shrinks (more with more funding) and the
 * mean moves toward the hidden truth, with a normal deviate `noiseZ` drawn by the caller
 * so the estimate can wander before it converges — as real impact probabilities do.
 */
export function refineEstimate(scenario: Scenario, previous: Estimate, observeMUsd: number, noiseZ: number): Estimate {
  const effort = 1 + observeMUsd / scenario.observation.fundingForDoubleEffectMUsd;
  const sigmaKm = previous.sigmaKm * Math.pow(1 - scenario.observation.baseShrink, effort);
  const truth = scenario.asteroid.truth.encounterKm;
  const ratio = sigmaKm / previous.sigmaKm;
  const meanKm = truth + (previous.meanKm - truth) * ratio + noiseZ * sigmaKm * 0.3;
  return { meanKm, sigmaKm, impactProbability: impactProbability(meanKm, sigmaKm, scenario.asteroid.captureRadiusKm) };
}

/**
 * Maps an encounter point inside the capture radius to a point on the risk corridor,
 * linearly along the corridor's polyline (a simple stand-in until the geography module
 * parameterises it along great circles). Returns null for a miss.
 */
export function corridorPoint(
  scenario: Scenario,
  encounterKm: number,
): { lat: number; lon: number; nearest: string | null } | null {
  const b = scenario.asteroid.captureRadiusKm;
  if (Math.abs(encounterKm) > b) return null;
  const pts = scenario.riskCorridor.points;
  const t = ((encounterKm + b) / (2 * b)) * (pts.length - 1);
  const i = Math.min(pts.length - 2, Math.floor(t));
  const f = t - i;
  const a = pts[i]!;
  const c = pts[i + 1]!;
  const nearestPoint = f < 0.5 ? a : c;
  return { lat: a.lat + (c.lat - a.lat) * f, lon: a.lon + (c.lon - a.lon) * f, nearest: nearestPoint.label ?? null };
}
