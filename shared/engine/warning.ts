// The UN's warning and planning bodies: IAWN's impact notification and SMPAG's mission options.
import { daysBetween } from '../calendar.js';
import {
  hazardAssessment,
  IAWN_MIN_DIAMETER_M,
  IAWN_MIN_PROBABILITY,
  SMPAG_MAX_YEARS,
  SMPAG_MIN_DIAMETER_M,
  SMPAG_MIN_PROBABILITY,
  type HazardAssessment,
} from '../physics/hazard.js';
import { impactorMassKg, joulesToMt, kineticEnergyJ } from '../physics/impact.js';
import { accept, reject, type Decision } from './decision.js';
import { ruleError } from './errors.js';
import type { DomainEvent, EventOf } from './events.js';
import { actorOfSeat } from './seats.js';
import { earliestArrivalDate, missionEffect } from './mission-effect.js';
import type { ExerciseState, Participant } from './state.js';

/** The UN body issues IAWN's notification once the probability is above its threshold. */
export function issueIawnNotification(state: ExerciseState, me: Participant): Decision {
  const actorId = actorOfSeat(me.seat);
  const spec = actorId === null ? undefined : state.scenario.actors.find((a) => a.id === actorId);
  if (!spec || spec.kind !== 'un-body') return reject(ruleError('role/not_un', 'Only the UN body (IAWN through COPUOS) issues the impact notification.'));
  if (state.iawnNotified) return reject(ruleError('iawn/already_issued', 'IAWN has already issued its notification.'));
  const p = state.estimate.impactProbability;
  if (!tableHazard(state, p).iawnNotify) {
    return reject(
      ruleError(
        'iawn/below_threshold',
        `The impact probability (${(p * 100).toFixed(2)}%) is not above IAWN's ${IAWN_MIN_PROBABILITY * 100}% threshold for bodies over ${IAWN_MIN_DIAMETER_M} m.`,
      ),
    );
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
 * SMPAG studies the options once its thresholds are crossed (physics/hazard.ts, reference §3)
 * and publishes, for each mission type, when it could arrive and the nominal shift it would
 * give (`missionEffect` on the mid-range body, β = 3.61).
 */
export function conveneSmpag(state: ExerciseState, me: Participant): Decision {
  const actorId = actorOfSeat(me.seat);
  const { scenario } = state;
  if (actorId === null || scenario.actors.find((a) => a.id === actorId)!.kind !== 'un-body') {
    return reject(ruleError('role/not_un', 'Only the UN body convenes SMPAG.'));
  }
  if (state.smpagConvened) return reject(ruleError('smpag/already_convened', 'SMPAG has already published its options.'));
  const p = state.estimate.impactProbability;
  if (!tableHazard(state, p).smpagOptions) {
    return reject(
      ruleError(
        'smpag/below_threshold',
        `SMPAG works on options above ${SMPAG_MIN_PROBABILITY * 100}% for bodies over ${SMPAG_MIN_DIAMETER_M} m within ${SMPAG_MAX_YEARS} years; the probability is ${(p * 100).toFixed(2)}%.`,
      ),
    );
  }
  const a = scenario.asteroid;
  const body = tableBody(state);
  const options = scenario.missionTypes.map((t) => {
    const earliestArrival = earliestArrivalDate({ readyDate: null, arrivalDate: null, buildMonths: t.buildMonths, flightMonths: t.flightMonths }, state.scenarioDate);
    const leadDays = daysBetween(earliestArrival, a.potentialImpactDate);
    const arrivesBeforeEncounter = leadDays > 0;
    const nominalShiftKm = arrivesBeforeEncounter ? (missionEffect(t, body, leadDays)?.shiftKm ?? null) : null;
    return { missionTypeId: t.id, name: t.name, costMUsd: t.costMUsd, earliestArrival, nominalShiftKm, arrivesBeforeEncounter };
  });
  return accept({ type: 'SmpagOptionsPublished', newsId: `n${state.news.length + 1}`, round: state.round, options, ...smpagNews(options) });
}

/** SMPAG's options as the news item that publishes them: each option's cost, earliest arrival and nominal shift, or that it comes too late. */
function smpagNews(options: EventOf<'SmpagOptionsPublished'>['options']): { headline: string; body: string } {
  return {
    headline: 'SMPAG publishes mission options',
    body: options
      .map(
        (o) =>
          `${o.name} (${o.costMUsd} M USD): earliest arrival ${o.earliestArrival}${
            !o.arrivesBeforeEncounter ? ', too late' : o.nominalShiftKm !== null ? `, nominal shift ${Math.round(o.nominalShiftKm)} km` : ''
          }.`,
      )
      .join(' '),
  };
}

/** The body as the table knows it: the middle of the published size range, the scenario's density. */
export function tableBody(state: ExerciseState): { diameterM: number; densityKgM3: number } {
  const a = state.scenario.asteroid;
  return { diameterM: (a.diameterM.min + a.diameterM.max) / 2, densityKgM3: a.densityKgM3 };
}

/** Energy of the body as the table knows it (`tableBody`, the scenario's entry speed), for the hazard scales (Mt). */
export function tableEnergyMt(state: ExerciseState): number {
  const body = tableBody(state);
  return joulesToMt(kineticEnergyJ(impactorMassKg(body.diameterM, body.densityKgM3), state.scenario.asteroid.entrySpeedKmS * 1000));
}

/**
 * The hazard scales and the international thresholds (physics/hazard.ts) for an impact
 * probability, with the table's energy, the time to the potential impact (at least a day)
 * and the largest published size — the thresholds are met if the body may be that large.
 */
export function tableHazard(state: ExerciseState, impactProbability: number): HazardAssessment {
  const a = state.scenario.asteroid;
  return hazardAssessment({
    impactProbability,
    energyMt: tableEnergyMt(state),
    yearsToImpact: Math.max(daysBetween(state.scenarioDate, a.potentialImpactDate) / 365.25, 1 / 365.25),
    diameterM: a.diameterM.max,
  });
}
