import { daysBetween } from '../calendar.js';
import type { Scenario } from '../scenario/schema.js';
import { impactProbability, observableFraction, observationEffort, refineEncounterEstimate, type ObservationRules } from '../physics/observation.js';
import type { Estimate } from './events.js';

// The model itself lives in shared/physics/observation.ts; this module binds it to a scenario.
export { impactProbability, normalCdf, observationFundingEffect, type ObservationFundingEffect, type ObservationRules } from '../physics/observation.js';

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

/**
 * The observation rules the resolution of `round` applies: the scenario's rates, and the
 * share of the time since the previous round's date (a day at round 1, so no time is lost
 * to a blackout before the exercise starts) that falls outside every blackout window.
 */
export function observationRulesForRound(scenario: Scenario, round: number, scenarioDate: string): ObservationRules {
  const previousDate = round > 1 ? scenario.calendar.rounds[round - 2]!.date : scenarioDate;
  const fraction = observableFraction(
    0,
    Math.max(1, daysBetween(previousDate, scenarioDate)),
    scenario.observation.blackouts.map((b) => ({ startDay: daysBetween(previousDate, b.from), endDay: daysBetween(previousDate, b.to) })),
  );
  return { baseShrink: scenario.observation.baseShrink, fundingForDoubleEffectMUsd: scenario.observation.fundingForDoubleEffectMUsd, observableFraction: fraction };
}
