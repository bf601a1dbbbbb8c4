// An actor's own decisions outside missions and diplomacy: secret orders and readiness,
// evacuation, its tracking data, its claim after damage; and leaving the exercise.
import { createCorridor } from '../geo/corridor.js';
import { isFinding } from '../law/finding.js';
import type { Command, CommandContext, WorldData } from './commands.js';
import { accept, fmt, notActor, reject, type Decision } from './decision.js';
import { ruleError } from './errors.js';
import type { DomainEvent } from './events.js';
import { evolve } from './evolve.js';
import { checkMissionFunding } from './missions.js';
import { resolveRound } from './resolution.js';
import { withMootRequests } from './seating.js';
import { actorOfSeat } from './seats.js';
import { seatedActorIds, type ExerciseState, type Participant } from './state.js';

/** A participant leaves; the round does not wait for a seat nobody holds any more. */
export function leaveExercise(state: ExerciseState, me: Participant, reason: Extract<Command, { type: 'LeaveExercise' }>['reason'], ctx: CommandContext): Decision {
  const left: DomainEvent = withMootRequests(state, { type: 'ParticipantLeft', participantId: me.id, reason });
  // If everyone still seated is ready, it resolves now, as it would have when the last of them readied.
  const after = evolve(state, left);
  const seated = seatedActorIds(after);
  const waitedOnlyForThem =
    state.phase === 'orders' && !state.paused && actorOfSeat(me.seat) !== null && seated.length > 0 && seated.length < seatedActorIds(state).length && seated.every((id) => after.actors[id]!.ready);
  return waitedOnlyForThem ? accept(left, ...resolveRound(after, ctx)) : accept(left);
}

/** An actor submits its secret orders for the round: observation money and mission contributions, within its budget. */
export function submitOrders(state: ExerciseState, me: Participant, orders: Extract<Command, { type: 'SubmitOrders' }>['orders']): Decision {
  const actorId = actorOfSeat(me.seat);
  if (actorId === null) return reject(notActor('submit orders'));
  const actor = state.actors[actorId]!;
  if (actor.ready) {
    return reject(ruleError('orders/already_ready', 'You are marked ready; withdraw readiness before changing your orders.'));
  }
  const fundingProblem = checkMissionFunding(state, orders.missionFunding);
  if (fundingProblem) return reject(fundingProblem);
  const total = orders.observeMUsd + Object.values(orders.missionFunding).reduce((a, b) => a + b, 0);
  if (total > actor.balanceMUsd + 1e-9) {
    return reject(ruleError('orders/over_budget', `These orders cost ${fmt(total)} M USD but your budget holds ${fmt(actor.balanceMUsd)} M USD.`));
  }
  return accept({ type: 'OrdersSubmitted', actorId, round: state.round, orders });
}

/** An actor marks itself ready (or not); when the last seated actor is ready the round resolves at once. */
export function setReady(state: ExerciseState, me: Participant, ready: boolean, ctx: CommandContext): Decision {
  const actorId = actorOfSeat(me.seat);
  if (actorId === null) return reject(notActor('mark yourself ready'));
  const actor = state.actors[actorId]!;
  if (ready && actor.orders === null) {
    return reject(ruleError('orders/none_submitted', 'Submit your orders (zero amounts are fine) before you mark yourself ready.'));
  }
  if (actor.ready === ready) return accept();
  const changed: DomainEvent = { type: 'ReadinessChanged', actorId, ready };
  if (!ready) return accept(changed);
  // When the last seated actor is ready, the round resolves at once: nobody waits on the facilitator.
  const othersReady = seatedActorIds(state).every((id) => id === actorId || state.actors[id]!.ready);
  // Resolving the round refuses nothing: a probe need not work it out.
  return othersReady && !ctx.probe ? accept(changed, ...resolveRound(state, ctx)) : accept(changed);
}

/** A state with observatories shares its tracking data with the table or keeps it to itself. */
export function shareTrackingData(state: ExerciseState, me: Participant, share: boolean): Decision {
  const actorId = actorOfSeat(me.seat);
  const spec = actorId === null ? undefined : state.scenario.actors.find((a) => a.id === actorId);
  if (!spec) return reject(notActor('decide on tracking data'));
  if (!spec.capabilities.observatories) return reject(ruleError('tracking/no_observatories', 'You have no observatories whose tracking data you could share or withhold.'));
  const sharing = state.withheldTracking[spec.id] === undefined;
  if (sharing === share) return accept();
  return accept({ type: 'TrackingDataPolicySet', actorId: spec.id, share });
}

/** Step (km) at which the risk corridor is walked to find the countries under it; a country crossed for less may be missed. */
export const RISK_CORRIDOR_STEP_KM = 25;

/** The ISO codes of the countries under a corridor's polyline, looked up every `RISK_CORRIDOR_STEP_KM` along its great-circle arcs. */
export function countriesUnderCorridor(points: readonly { lat: number; lon: number }[], countryAt: WorldData['countryAt']): ReadonlySet<string> {
  const corridor = createCorridor(points);
  const found = new Set<string>();
  const steps = Math.ceil(corridor.lengthKm / RISK_CORRIDOR_STEP_KM);
  for (let i = 0; i <= steps; i++) {
    const p = corridor.pointAt(Math.min(corridor.lengthKm, i * RISK_CORRIDOR_STEP_KM));
    const iso3 = countryAt(p.lat, p.lon)?.iso3;
    if (iso3) found.add(iso3);
  }
  return found;
}

/**
 * Whether a state's territory lies under the scenario's risk corridor — the ground trace of
 * every encounter point inside the capture radius, the whole of it, whatever the current
 * estimate — on the world map. Null when it cannot be told (no world map at hand, or a state
 * without an ISO code): the rule then does not refuse.
 */
export function territoryAtRisk(state: ExerciseState, stateOfNationality: string | undefined, world: WorldData | undefined): boolean | null {
  if (world === undefined || stateOfNationality === undefined) return null;
  const points = state.scenario.riskCorridor.points;
  // Tens of milliseconds on the 1:10m map, so the server's world data keeps the answer per corridor.
  const under = world.countriesUnder ? world.countriesUnder(points) : countriesUnderCorridor(points, (lat, lon) => world.countryAt(lat, lon));
  return under.has(stateOfNationality);
}

/** A state with territory under the risk corridor orders its evacuation (or the sheltering of its people), paying for it now. */
export function orderEvacuation(state: ExerciseState, me: Participant, level: Extract<Command, { type: 'OrderEvacuation' }>['level'], world?: WorldData): Decision {
  const actorId = actorOfSeat(me.seat);
  const spec = actorId === null ? undefined : state.scenario.actors.find((a) => a.id === actorId);
  if (!spec || (spec.kind !== 'space-faring-state' && spec.kind !== 'non-space-faring-state')) {
    return reject(ruleError('role/not_state', 'Only a state can order the evacuation of its territory.'));
  }
  if (territoryAtRisk(state, spec.stateOfNationality, world) === false) {
    return reject(
      ruleError(
        'evacuation/not_at_risk',
        `None of ${spec.name}’s territory lies under the risk corridor: there is no one for you to evacuate or shelter. You can still fund missions and help the states at risk.`,
      ),
    );
  }
  if (state.evacuations[spec.id] !== undefined) return reject(ruleError('evacuation/already_ordered', 'You have already ordered the evacuation.'));
  if (level === 'shelter' && state.shelters[spec.id] !== undefined) {
    return reject(ruleError('evacuation/already_ordered', 'You have already ordered people to shelter; you may still order a full evacuation.'));
  }
  const ev = state.scenario.evacuation;
  const cost = level === 'shelter' ? (ev.shelterCostMUsd ?? ev.costMUsd / 5) : ev.costMUsd;
  if (cost > state.actors[spec.id]!.balanceMUsd + 1e-9) {
    return reject(ruleError('orders/over_budget', `An evacuation costs ${fmt(cost)} M USD but your budget holds ${fmt(state.actors[spec.id]!.balanceMUsd)} M USD.`));
  }
  return accept({ type: 'EvacuationOrdered', actorId: spec.id, round: state.round, costMUsd: cost, ...(level === 'shelter' ? { level: 'shelter' as const } : {}) });
}

/** After an impact, a state the findings name as claimant presents its claim (Liability Convention arts. VIII–IX). */
export function fileClaim(state: ExerciseState, me: Participant, against: string[]): Decision {
  const actorId = actorOfSeat(me.seat);
  const consequences = state.outcome?.consequences;
  if (!consequences) return reject(ruleError('claim/no_damage', 'There is no damage to claim for: the body has not struck.'));
  const findings = consequences.liability.findings.filter(isFinding);
  if (actorId === null || !findings.some((f) => f.claimants.includes(actorId))) {
    return reject(ruleError('claim/not_victim', 'Only a state the findings name as claimant can present a claim.'));
  }
  if (state.claims.some((c) => c.claimant === actorId)) return reject(ruleError('claim/already_filed', 'You have already presented your claim.'));
  const unknown = against.find((id) => !state.actors[id]);
  if (unknown) return reject(ruleError('claim/not_victim', `There is no actor '${unknown}' to claim against.`));
  return accept({
    type: 'ClaimFiled',
    claimId: `claim-${state.claims.length + 1}`,
    claimant: actorId,
    against: [...new Set(against)],
    round: state.round,
    amountMUsd: consequences.damageMUsd,
  });
}
