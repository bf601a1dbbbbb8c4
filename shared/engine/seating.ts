// Seats: taking one, asking to join a delegation, and answering such a request.
import { accept, actorName, reject, type Decision } from './decision.js';
import { ruleError } from './errors.js';
import type { DomainEvent, EventOf } from './events.js';
import { evolve } from './evolve.js';
import { actorOfSeat, actorSeat, keyNeededFor, roleMayTake, seatKind, type SeatId } from './seats.js';
import { holderOf, type ExerciseState, type Participant } from './state.js';

/** A participant takes a seat: an actor's if nobody holds it, a control seat if its key allows. */
export function claimSeat(state: ExerciseState, me: Participant, seat: SeatId): Decision {
  if (me.seat === seat) return accept();
  if (me.seat !== null) return reject(ruleError('seat/already_seated', `You already hold the seat ${me.seat}; release it first.`));
  const kind = seatKind(seat);
  if (kind === 'actor') {
    const actorId = actorOfSeat(seat)!;
    if (!state.actors[actorId]) return reject(ruleError('seat/unknown', `There is no actor '${actorId}' in this scenario.`));
    const holder = holderOf(state, seat);
    if (holder) return reject(ruleError('seat/taken', `${holder.name} already holds that seat; you can ask to join the delegation.`));
  }
  if ((kind === 'facilitator' || kind === 'evaluator') && !roleMayTake(me.role, seat)) {
    return reject(ruleError('seat/not_authorised', `Only someone who joined with ${keyNeededFor(kind)} may take the ${kind} seat.`));
  }
  return accept(withMootRequests(state, { type: 'SeatClaimed', participantId: me.id, seat }));
}

/** A participant gives up its seat. */
export function releaseSeat(state: ExerciseState, me: Participant): Decision {
  if (me.seat === null) return reject(ruleError('seat/none', 'You do not hold a seat.'));
  return accept(withMootRequests(state, { type: 'SeatReleased', participantId: me.id, seat: me.seat }));
}

/**
 * The delegation requests no longer pending in a state: a request stands only while its
 * requester is here without a seat and someone holds the actor's seat (an empty seat is
 * simply claimed).
 */
export function mootRequests(state: ExerciseState): string[] {
  const held = new Set(Object.values(state.participants).map((p) => p.seat));
  return Object.values(state.delegationRequests)
    .filter((r) => !(state.participants[r.participantId]?.seat === null && held.has(actorSeat(r.actorId))))
    .map((r) => r.id);
}

/** A seat change or a departure with the delegation requests it makes moot (`mootRequests`), so that `evolve` only drops those. */
export function withMootRequests<E extends EventOf<'SeatClaimed' | 'SeatReleased' | 'ParticipantLeft'>>(state: ExerciseState, event: E): E {
  // A seat change only ever drops requests: with none pending there is nothing to fold (the
  // legality probes ask for a ReleaseSeat on every update).
  if (Object.keys(state.delegationRequests).length === 0) return { ...event, mootRequests: [] };
  return { ...event, mootRequests: mootRequests(evolve(state, { ...event, mootRequests: [] })) };
}

/**
 * Someone without a seat asks to join the delegation holding an actor's seat. Joining gives
 * the actor's secret briefing and private channels, so its members (or the facilitator) must
 * consent. Asking again for the same actor changes nothing; asking for another replaces the
 * pending request.
 */
export function requestDelegation(state: ExerciseState, me: Participant, actorId: string): Decision {
  const seat = actorSeat(actorId);
  if (!state.actors[actorId]) return reject(ruleError('seat/unknown', `There is no actor '${actorId}' in this scenario.`));
  if (me.seat === seat) return accept();
  if (me.seat !== null) return reject(ruleError('seat/already_seated', `You already hold the seat ${me.seat}; release it first.`));
  // A delegation joins someone: an empty seat is claimed, not asked for.
  if (!holderOf(state, seat)) return reject(ruleError('seat/none', `Nobody holds ${actorName(state, actorId)}'s seat yet: take it instead of asking to join.`));
  const pending = Object.values(state.delegationRequests).find((r) => r.participantId === me.id);
  if (pending?.actorId === actorId) return accept();
  return accept({
    type: 'DelegationRequested',
    requestId: `delegation-request-${state.delegationRequestCount + 1}`,
    participantId: me.id,
    actorId,
    replaces: pending ? [pending.id] : [],
  });
}

/** A member of the delegation asked to be joined, or the facilitator, answers a request; accepting seats the requester in the delegation. */
export function answerDelegationRequest(state: ExerciseState, me: Participant, requestId: string, accepted: boolean): Decision {
  const request = state.delegationRequests[requestId];
  if (!request) {
    return reject(ruleError('delegation/unknown_request', `There is no pending request '${requestId}': it was answered, withdrawn, or became moot.`));
  }
  const seat = actorSeat(request.actorId);
  if (me.seat !== seat && me.seat !== 'facilitator') {
    return reject(ruleError('delegation/not_member', `Only ${actorName(state, request.actorId)}'s delegation or the facilitator can answer this request.`));
  }
  const answered: DomainEvent = { type: 'DelegationRequestAnswered', requestId, participantId: request.participantId, actorId: request.actorId, accepted, answeredBy: me.id };
  // A pending request's requester is here without a seat and the seat is held (evolve keeps it so): the seat can be shared.
  return accepted ? accept(answered, withMootRequests(evolve(state, answered), { type: 'SeatClaimed', participantId: request.participantId, seat })) : accept(answered);
}
