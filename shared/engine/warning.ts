// The UN's warning and planning bodies: IAWN's impact notification and SMPAG's mission options.
import { addMonths, daysBetween } from '../calendar.js';
import { alongTrackShiftKmFor, DART_BETA, kineticDeltaVMmPerS } from '../physics/deflection.js';
import { accept, reject, type Decision } from './decision.js';
import { ruleError } from './errors.js';
import type { DomainEvent } from './events.js';
import { actorOfSeat } from './seats.js';
import type { ExerciseState, Participant } from './state.js';

/** The UN body issues IAWN's notification once the probability is above its threshold. */
export function issueIawnNotification(state: ExerciseState, me: Participant): Decision {
  const actorId = actorOfSeat(me.seat);
  const spec = actorId === null ? undefined : state.scenario.actors.find((a) => a.id === actorId);
  if (!spec || spec.kind !== 'un-body') return reject(ruleError('role/not_un', 'Only the UN body (IAWN through COPUOS) issues the impact notification.'));
  if (state.iawnNotified) return reject(ruleError('iawn/already_issued', 'IAWN has already issued its notification.'));
  const p = state.estimate.impactProbability;
  // IAWN notifies above 1% for bodies larger than 10 m (reference §3).
  if (!(p > 0.01 && state.scenario.asteroid.diameterM.max > 10)) {
    return reject(ruleError('iawn/below_threshold', `The impact probability (${(p * 100).toFixed(2)}%) is not above IAWN's 1% threshold.`));
  }
  return accept(iawnNotification(state, p));
}

/** IAWN's notification to the UN Office for Outer Space Affairs, published as news. */
export function iawnNotification(state: ExerciseState, p: number): DomainEvent {
  const { designation, potentialImpactDate } = state.scenario.asteroid;
  return {
    type: 'IawnNotificationIssued',
    newsId: `n${state.news.length + 1}`,
    round: state.round,
    impactProbability: p,
    headline: `IAWN issues an impact notification for ${designation}`,
    body: `The International Asteroid Warning Network informs the UN Office for Outer Space Affairs that ${designation} has a ${(p * 100).toFixed(1)}% probability of striking the Earth on ${potentialImpactDate}.`,
  };
}

/**
 * SMPAG studies the options once its thresholds are crossed (size > 50 m, probability > 1%,
 * impact within 50 years; reference §3) and publishes, for each mission type, when it could
 * arrive and the nominal shift it would give (β = 3.61, mid-range size and density).
 */
export function conveneSmpag(state: ExerciseState, me: Participant): Decision {
  const actorId = actorOfSeat(me.seat);
  const { scenario } = state;
  if (actorId === null || scenario.actors.find((a) => a.id === actorId)!.kind !== 'un-body') {
    return reject(ruleError('role/not_un', 'Only the UN body convenes SMPAG.'));
  }
  if (state.smpagConvened) return reject(ruleError('smpag/already_convened', 'SMPAG has already published its options.'));
  const yearsToImpact = daysBetween(state.scenarioDate, scenario.asteroid.potentialImpactDate) / 365.25;
  const p = state.estimate.impactProbability;
  if (!(scenario.asteroid.diameterM.max > 50 && p > 0.01 && yearsToImpact <= 50)) {
    return reject(ruleError('smpag/below_threshold', `SMPAG works on options above 1% for bodies over 50 m within 50 years; the probability is ${(p * 100).toFixed(2)}%.`));
  }
  const a = scenario.asteroid;
  const diameterM = (a.diameterM.min + a.diameterM.max) / 2;
  const massKg = (Math.PI / 6) * a.densityKgM3 * diameterM ** 3;
  const options = scenario.missionTypes.map((t) => {
    const earliestArrival = addMonths(state.scenarioDate, t.buildMonths + t.flightMonths);
    const leadDays = daysBetween(earliestArrival, a.potentialImpactDate);
    const arrivesBeforeEncounter = leadDays > 0;
    const nominalShiftKm =
      t.kind === 'kinetic-impactor' && arrivesBeforeEncounter
        ? alongTrackShiftKmFor(kineticDeltaVMmPerS(t.impactorMassKg!, t.relativeSpeedKmS!, DART_BETA, massKg, t.impactorCount!), leadDays)
        : null;
    return { missionTypeId: t.id, name: t.name, costMUsd: t.costMUsd, earliestArrival, nominalShiftKm, arrivesBeforeEncounter };
  });
  return accept({ type: 'SmpagOptionsPublished', newsId: `n${state.news.length + 1}`, round: state.round, options });
}
