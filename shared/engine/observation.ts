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
export function refineEstimate(
  scenario: Scenario,
  previous: Estimate,
  observeMUsd: number,
  noiseZ: number,
  observableFraction = 1,
  truthKm = scenario.asteroid.truth.encounterKm,
): Estimate {
  const { meanKm, sigmaKm } = refineEncounterEstimate(previous, {
    truthKm,
    baseShrink: scenario.observation.baseShrink,
    effort: observationEffort(observeMUsd, scenario.observation.fundingForDoubleEffectMUsd),
    noiseZ,
    observableFraction,
  });
  return { meanKm, sigmaKm, impactProbability: impactProbability(meanKm, sigmaKm, scenario.asteroid.captureRadiusKm) };
}
