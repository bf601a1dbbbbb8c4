import type { Scenario } from '../scenario/schema.js';
import { impactProbability, observationEffort, refineEncounterEstimate } from '../physics/observation.js';
import type { Estimate } from './events.js';

// The model itself lives in shared/physics/observation.ts; this module binds it to a scenario.
export { impactProbability, normalCdf } from '../physics/observation.js';

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
  const { meanKm, sigmaKm } = refineEncounterEstimate(previous, {
    truthKm: scenario.asteroid.truth.encounterKm,
    baseShrink: scenario.observation.baseShrink,
    effort: observationEffort(observeMUsd, scenario.observation.fundingForDoubleEffectMUsd),
    noiseZ,
  });
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
