import { addMonths, daysBetween } from '../calendar.js';
import type { Command, CommandContext } from './commands.js';
import { ruleError, type RuleError } from './errors.js';
import { alongTrackShiftKmFor, DART_BETA, kineticDeltaVMmPerS } from '../physics/deflection.js';
import { hazardAssessment } from '../physics/hazard.js';
import { nextStandardNormal } from '../random.js';
import type { DomainEvent, Estimate, EventOf, Outcome } from './events.js';
import { encounterOutcome } from './consequences.js';
import { evolve } from './evolve.js';
import { checkMissionFunding, decideMission, payOrders, progressMissions } from './missions.js';
import { allowedWhilePaused, decideControl, injectsDueAtRoundStart } from './control.js';
import {
  applyTrust,
  decideDiplomacy,
  finalScores,
  missionsWithMandates,
  settleAgreements,
  tallyResolutions,
  trustForLaunches,
  trustForSettlements,
} from './diplomacy.js';
import { impactProbability, observationRulesForRound, refineEstimate } from './observation.js';
import { actorOfSeat, actorSeat, keyNeededFor, roleMayTake, seatKind, type SeatId } from './seats.js';
import { holderOf, seatedActorIds, type ExerciseState, type Participant } from './state.js';

export type Decision = { ok: true; events: DomainEvent[] } | { ok: false; error: RuleError };

const accept = (...events: DomainEvent[]): Decision => ({ ok: true, events });
const reject = (error: RuleError): Decision => ({ ok: false, error });

/**
 * Decides what a command means in the current state: the events it causes, or the rule
 * it breaks. Pure: time comes in `ctx`, randomness from the generator state in `state`.
 */
export function decide(state: ExerciseState, command: Command, ctx: CommandContext): Decision {
  if (command.type === 'JoinExercise') {
    if (state.participants[ctx.participantId]) {
      return reject(ruleError('participant/already_joined', 'You have already joined this exercise.'));
    }
    return accept({
      type: 'ParticipantJoined',
      participantId: ctx.participantId,
      name: command.name,
      role: command.role,
      ...(command.rejoinKeyHash ? { rejoinKeyHash: command.rejoinKeyHash } : {}),
    });
  }
  if (command.type === 'ExpireTimer') return expireTimer(state, ctx);
  const me = state.participants[ctx.participantId];
  if (!me) return reject(ruleError('participant/unknown', 'Join the exercise before you act in it.'));

  if (command.type === 'LeaveExercise') {
    const left: DomainEvent = { type: 'ParticipantLeft', participantId: me.id, reason: command.reason };
    // The round does not wait for a seat nobody holds any more: if everyone still seated is
    // ready, it resolves now, as it would have when the last of them readied.
    const after = evolve(state, left);
    const seated = seatedActorIds(after);
    const waitedOnlyForThem =
      state.phase === 'orders' && !state.paused && actorOfSeat(me.seat) !== null && seated.length > 0 && seated.length < seatedActorIds(state).length && seated.every((id) => after.actors[id]!.ready);
    return waitedOnlyForThem ? accept(left, ...resolveRound(after, ctx)) : accept(left);
  }
  if (state.phase === 'ended') return reject(ruleError('exercise/ended', 'The exercise has ended; nothing more can be done in it.'));
  if (state.paused && !allowedWhilePaused(command)) {
    return reject(ruleError('exercise/paused', 'The control cell has paused the exercise; only talk goes on until it resumes.'));
  }

  switch (command.type) {
    case 'ClaimSeat':
      return claimSeat(state, me, command.seat);
    case 'RequestDelegation':
      return requestDelegation(state, me, command.actorId);
    case 'AnswerDelegationRequest':
      return answerDelegationRequest(state, me, command.requestId, command.accept);
    case 'ReleaseSeat':
      if (me.seat === null) return reject(ruleError('seat/none', 'You do not hold a seat.'));
      return accept({ type: 'SeatReleased', participantId: me.id, seat: me.seat });
    case 'AdvancePhase':
      if (me.seat !== 'facilitator') return reject(notFacilitator('advance the exercise'));
      return advancePhase(state, ctx);
    case 'EndExercise':
      if (me.seat !== 'facilitator') return reject(notFacilitator('end the exercise'));
      return accept({ type: 'ExerciseEnded', reason: command.reason, outcome: null });
    case 'SendMessage':
      return sendMessage(state, me, command, ctx);
    case 'SubmitOrders': {
      const actorId = actorOfSeat(me.seat);
      if (actorId === null) return reject(notActor('submit orders'));
      if (state.phase !== 'orders') return reject(notOrdersPhase(state));
      const actor = state.actors[actorId]!;
      if (actor.ready) {
        return reject(ruleError('orders/already_ready', 'You are marked ready; withdraw readiness before changing your orders.'));
      }
      const fundingProblem = checkMissionFunding(state, command.orders.missionFunding);
      if (fundingProblem) return reject(fundingProblem);
      const total = command.orders.observeMUsd + Object.values(command.orders.missionFunding).reduce((a, b) => a + b, 0);
      if (total > actor.balanceMUsd + 1e-9) {
        return reject(
          ruleError('orders/over_budget', `These orders cost ${fmt(total)} M USD but your budget holds ${fmt(actor.balanceMUsd)} M USD.`),
        );
      }
      return accept({ type: 'OrdersSubmitted', actorId, round: state.round, orders: command.orders });
    }
    case 'SetReady': {
      const actorId = actorOfSeat(me.seat);
      if (actorId === null) return reject(notActor('mark yourself ready'));
      if (state.phase !== 'orders') return reject(notOrdersPhase(state));
      const actor = state.actors[actorId]!;
      if (command.ready && actor.orders === null) {
        return reject(ruleError('orders/none_submitted', 'Submit your orders (zero amounts are fine) before you mark yourself ready.'));
      }
      if (actor.ready === command.ready) return accept();
      const changed: DomainEvent = { type: 'ReadinessChanged', actorId, ready: command.ready };
      if (!command.ready) return accept(changed);
      // When the last seated actor is ready, the round resolves at once: nobody waits on the facilitator.
      const othersReady = seatedActorIds(state).every((id) => id === actorId || state.actors[id]!.ready);
      return othersReady ? accept(changed, ...resolveRound(state, ctx)) : accept(changed);
    }
    case 'PostStatement': {
      const actorId = actorOfSeat(me.seat);
      if (actorId === null) return reject(notActor('make a public statement'));
      if (state.phase === 'lobby') return reject(ruleError('exercise/not_started', 'Statements begin with the first round.'));
      const quota = talkQuotaUsed(state, actorId);
      if (quota) return reject(quota);
      return accept({
        type: 'StatementPosted',
        newsId: `n${state.news.length + 1}`,
        round: state.round,
        actorId,
        actorName: actorName(state, actorId),
        text: command.text,
      });
    }
    case 'ProposeMission':
    case 'AuthoriseMission':
    case 'LaunchMission':
    case 'BidForContract':
    case 'AcceptBid':
    case 'ContributeInKind':
      return decideMission(state, me, command);
    case 'ConveneSmpag':
      return conveneSmpag(state, me);
    case 'PauseExercise':
    case 'ResumeExercise':
    case 'SetPhaseTimer':
    case 'SetTalkQuota':
    case 'MoveParticipant':
    case 'OverrideValue':
    case 'FireInject':
    case 'SkipInject':
    case 'PostInject':
    case 'RecordObservation':
      return decideControl(state, me, command, ctx);
    case 'ShareTrackingData': {
      const actorId = actorOfSeat(me.seat);
      const spec = actorId === null ? undefined : state.scenario.actors.find((a) => a.id === actorId);
      if (!spec) return reject(notActor('decide on tracking data'));
      if (!spec.capabilities.observatories) return reject(ruleError('tracking/no_observatories', 'You have no observatories whose tracking data you could share or withhold.'));
      if (state.phase === 'lobby') return reject(ruleError('exercise/not_started', 'Tracking data flows once the exercise has begun.'));
      if (state.outcome !== null) return reject(encounterPlayed('No estimate remains for tracking data to improve'));
      const sharing = state.withheldTracking[spec.id] === undefined;
      if (sharing === command.share) return accept();
      return accept({ type: 'TrackingDataPolicySet', actorId: spec.id, share: command.share });
    }
    case 'FileClaim':
      return fileClaim(state, me, command.against);
    case 'ProposeAgreement':
    case 'RespondToAgreement':
    case 'WithdrawAgreement':
    case 'ProposeResolution':
    case 'CastVote':
      return decideDiplomacy(state, me, command);
    case 'OrderEvacuation': {
      const actorId = actorOfSeat(me.seat);
      const spec = actorId === null ? undefined : state.scenario.actors.find((a) => a.id === actorId);
      if (!spec || (spec.kind !== 'space-faring-state' && spec.kind !== 'non-space-faring-state')) {
        return reject(ruleError('role/not_state', 'Only a state can order the evacuation of its territory.'));
      }
      if (state.phase === 'lobby') return reject(ruleError('exercise/not_started', 'Evacuation can be ordered once the exercise has begun.'));
      if (state.outcome !== null) return reject(encounterPlayed('Evacuating or sheltering now would spare no one'));
      if (state.evacuations[spec.id] !== undefined) return reject(ruleError('evacuation/already_ordered', 'You have already ordered the evacuation.'));
      if (command.level === 'shelter' && state.shelters[spec.id] !== undefined) {
        return reject(ruleError('evacuation/already_ordered', 'You have already ordered people to shelter; you may still order a full evacuation.'));
      }
      const ev = state.scenario.evacuation;
      const cost = command.level === 'shelter' ? (ev.shelterCostMUsd ?? ev.costMUsd / 5) : ev.costMUsd;
      if (cost > state.actors[spec.id]!.balanceMUsd + 1e-9) {
        return reject(ruleError('orders/over_budget', `An evacuation costs ${fmt(cost)} M USD but your budget holds ${fmt(state.actors[spec.id]!.balanceMUsd)} M USD.`));
      }
      return accept({ type: 'EvacuationOrdered', actorId: spec.id, round: state.round, costMUsd: cost, ...(command.level === 'shelter' ? { level: 'shelter' as const } : {}) });
    }
    case 'IssueIawnNotification': {
      const actorId = actorOfSeat(me.seat);
      const spec = actorId === null ? undefined : state.scenario.actors.find((a) => a.id === actorId);
      if (!spec || spec.kind !== 'un-body') return reject(ruleError('role/not_un', 'Only the UN body (IAWN through COPUOS) issues the impact notification.'));
      if (state.phase === 'lobby') return reject(ruleError('exercise/not_started', 'IAWN notifies once the exercise has begun.'));
      if (state.outcome !== null) return reject(encounterPlayed('A warning of it would come too late'));
      if (state.iawnNotified) return reject(ruleError('iawn/already_issued', 'IAWN has already issued its notification.'));
      const p = state.estimate.impactProbability;
      // IAWN notifies above 1% for bodies larger than 10 m (reference §3).
      if (!(p > 0.01 && state.scenario.asteroid.diameterM.max > 10)) {
        return reject(ruleError('iawn/below_threshold', `The impact probability (${(p * 100).toFixed(2)}%) is not above IAWN's 1% threshold.`));
      }
      return accept(iawnNotification(state, p));
    }
  }
}

/**
 * SMPAG studies the options once its thresholds are crossed (size > 50 m, probability > 1%,
 * impact within 50 years; reference §3) and publishes, for each mission type, when it could
 * arrive and the nominal shift it would give (β = 3.61, mid-range size and density).
 */
function conveneSmpag(state: ExerciseState, me: Participant): Decision {
  const actorId = actorOfSeat(me.seat);
  const { scenario } = state;
  if (actorId === null || scenario.actors.find((a) => a.id === actorId)!.kind !== 'un-body') {
    return reject(ruleError('role/not_un', 'Only the UN body convenes SMPAG.'));
  }
  if (state.phase === 'lobby') return reject(ruleError('exercise/not_started', 'SMPAG can be convened once the exercise has begun.'));
  if (state.outcome !== null) return reject(encounterPlayed('Mission options can no longer change it'));
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

/** After an impact, a state the findings name as claimant presents its claim (Liability Convention arts. VIII–IX). */
function fileClaim(state: ExerciseState, me: Participant, against: string[]): Decision {
  const actorId = actorOfSeat(me.seat);
  const consequences = state.outcome?.consequences;
  if (!consequences) return reject(ruleError('claim/no_damage', 'There is no damage to claim for: the body has not struck.'));
  const findings = consequences.liability.findings as { claimants?: string[]; liable?: string[] }[];
  if (actorId === null || !findings.some((f) => f.claimants?.includes(actorId))) {
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

/** IAWN's notification to the UN Office for Outer Space Affairs, published as news. */
function iawnNotification(state: ExerciseState, p: number): DomainEvent {
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

/** The phase deadline has passed: the phase advances as if the facilitator had advanced it (missing orders count as none). */
function expireTimer(state: ExerciseState, ctx: CommandContext): Decision {
  if (state.phaseDeadline === null) return reject(ruleError('timer/none', 'No phase timer is running.'));
  if (ctx.at < state.phaseDeadline) return reject(ruleError('timer/not_due', `The phase timer runs until ${state.phaseDeadline}.`));
  if (state.paused) return reject(ruleError('exercise/paused', 'The exercise is paused; the timer waits.'));
  if (state.phase === 'ended') return reject(ruleError('exercise/ended', 'The exercise has ended.'));
  const advanced = advancePhase(state, ctx);
  if (!advanced.ok) return advanced;
  return accept({ type: 'PhaseTimerExpired', phase: state.phase }, ...advanced.events);
}

const actorName = (state: ExerciseState, id: string) => state.scenario.actors.find((a) => a.id === id)!.name;

function claimSeat(state: ExerciseState, me: Participant, seat: SeatId): Decision {
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
  return accept({ type: 'SeatClaimed', participantId: me.id, seat });
}

/**
 * Someone without a seat asks to join the delegation holding an actor's seat. Joining gives
 * the actor's secret briefing and private channels, so its members (or the facilitator) must
 * consent. Asking again for the same actor changes nothing; asking for another replaces the
 * pending request.
 */
function requestDelegation(state: ExerciseState, me: Participant, actorId: string): Decision {
  const seat = actorSeat(actorId);
  if (!state.actors[actorId]) return reject(ruleError('seat/unknown', `There is no actor '${actorId}' in this scenario.`));
  if (me.seat === seat) return accept();
  if (me.seat !== null) return reject(ruleError('seat/already_seated', `You already hold the seat ${me.seat}; release it first.`));
  // A delegation joins someone: an empty seat is claimed, not asked for.
  if (!holderOf(state, seat)) return reject(ruleError('seat/none', `Nobody holds ${actorName(state, actorId)}'s seat yet: take it instead of asking to join.`));
  const pending = Object.values(state.delegationRequests).find((r) => r.participantId === me.id);
  if (pending?.actorId === actorId) return accept();
  return accept({ type: 'DelegationRequested', requestId: `delegation-request-${state.delegationRequestCount + 1}`, participantId: me.id, actorId });
}

/** A member of the delegation asked to be joined, or the facilitator, answers a request; accepting seats the requester in the delegation. */
function answerDelegationRequest(state: ExerciseState, me: Participant, requestId: string, accepted: boolean): Decision {
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
  return accepted ? accept(answered, { type: 'SeatClaimed', participantId: request.participantId, seat }) : accept(answered);
}

/** The refusal of one more talk item from an actor that has posted its quota this phase, or null while it may talk. */
function talkQuotaUsed(state: ExerciseState, actorId: string): RuleError | null {
  const used = state.talkUsed[actorId] ?? 0;
  const quota = state.talkQuota;
  if (used < quota) return null;
  const sent = used === quota ? `has sent its ${quota} messages this phase` : `has sent ${used} messages this phase, more than its limit of ${quota}`;
  return ruleError('talk/quota', `${actorName(state, actorId)} ${sent}; the facilitator can raise the limit.`);
}

function sendMessage(state: ExerciseState, me: Participant, command: Extract<Command, { type: 'SendMessage' }>, ctx: CommandContext): Decision {
  const actorId = actorOfSeat(me.seat);
  if (actorId === null && me.seat !== 'facilitator') {
    return reject(ruleError('role/cannot_post', 'Only actors and the facilitator can post messages.'));
  }
  if (actorId !== null) {
    const quota = talkQuotaUsed(state, actorId);
    if (quota) return reject(quota);
  }
  if (command.to === 'delegation') {
    if (actorId === null) return reject(ruleError('role/cannot_post', 'Only an actor’s delegation has a channel of its own.'));
  } else if (command.to !== 'public') {
    if (actorId === null) return reject(ruleError('role/cannot_post', 'The facilitator posts publicly, not in private channels.'));
    const unknown = command.to.find((id) => !state.actors[id]);
    if (unknown !== undefined) return reject(ruleError('message/unknown_recipient', `There is no actor '${unknown}' to write to.`));
    if (command.to.includes(actorId)) return reject(ruleError('message/to_self', 'Choose recipients other than yourself.'));
  }
  const fromName = actorId !== null ? state.scenario.actors.find((a) => a.id === actorId)!.name : 'Control';
  return accept({
    type: 'MessagePosted',
    messageId: `m${state.messages.length + 1}`,
    round: state.round,
    from: me.seat!,
    fromName,
    to: command.to === 'public' || command.to === 'delegation' ? command.to : [...new Set(command.to)].sort(),
    text: command.text,
    at: ctx.at,
  });
}

function advancePhase(state: ExerciseState, ctx: CommandContext): Decision {
  switch (state.phase) {
    case 'lobby':
      return accept(...startRound(state, 1));
    case 'briefing':
      return accept({ type: 'PhaseChanged', round: state.round, from: 'briefing', to: 'deliberation' });
    case 'deliberation':
      return accept({ type: 'PhaseChanged', round: state.round, from: 'deliberation', to: 'orders' });
    case 'orders':
      return accept(...resolveRound(state, ctx));
    case 'resolution': {
      const rounds = state.scenario.calendar.rounds.length;
      if (state.round < rounds) return accept(...startRound(state, state.round + 1));
      return accept({ type: 'ExerciseEnded', reason: 'The last round has been played.', outcome: state.outcome });
    }
    case 'ended':
      return reject(ruleError('exercise/ended', 'The exercise has ended.'));
  }
}

function startRound(state: ExerciseState, round: number): DomainEvent[] {
  const spec = state.scenario.calendar.rounds[round - 1]!;
  const incomeMUsd: Record<string, number> = {};
  for (const a of state.scenario.actors) incomeMUsd[a.id] = a.budgetPerRoundMUsd;
  const started: EventOf<'RoundStarted'> = { type: 'RoundStarted', round, date: spec.date, title: spec.title, incomeMUsd };
  const news: DomainEvent[] = spec.news.map((n, i) => ({
    type: 'NewsPublished',
    newsId: `n${state.news.length + i + 1}`,
    round,
    headline: n.headline,
    body: n.body,
  }));
  // The master scenario events list: injects scheduled for this round, and conditional ones whose condition now holds, fire with its briefing.
  const injects = injectsDueAtRoundStart({ ...state, round });
  return [started, ...news, ...injects];
}

/**
 * The round's resolution, in a fixed and documented order:
 * 1. orders are paid — observation in full, mission contributions up to what each lacks
 *    (missing orders spend nothing);
 * 2. observation refines the estimate (not during blackout windows) and the hazard scales
 *    are published;
 * 3. missions move forward to the next round's date (the encounter date at the last
 *    round): funded ones start building, built ones become ready, ordered launches fly or
 *    fail (a reliability draw), arrivals push the body (a sampled Δv) or refine the orbit;
 * 4. at the last round, the encounter: a miss, or an impact with its effects, the people
 *    exposed (evacuation counted), the damage and the liability findings.
 * Every random draw is recorded in the event, with the generator state after drawing.
 */
function resolveRound(state: ExerciseState, ctx: CommandContext): DomainEvent[] {
  const { scenario } = state;
  const rounds = scenario.calendar.rounds;
  const isLast = state.round === rounds.length;
  const horizonDate = isLast ? scenario.asteroid.potentialImpactDate : rounds[state.round]!.date;

  // 1. Payments.
  const { payments, fundedAfter } = payOrders(state);
  let observeTotalMUsd = 0;
  let deflectTotalMUsd = 0;
  for (const p of Object.values(payments)) {
    observeTotalMUsd += p.observeMUsd;
    for (const paid of Object.values(p.missionFunding)) deflectTotalMUsd += paid;
  }

  // 2. Observation, over the time since the previous round (none is lost to a blackout before round 1).
  const [noiseZ, rngAfterNoise] = nextStandardNormal(state.rng);
  let rng = rngAfterNoise;
  const fraction = observationRulesForRound(scenario, state.round, state.scenarioDate).observableFraction;
  // Tracking data kept back does not reach the published estimate; each withholder refines its own, from everything.
  const withheldMUsd = Object.keys(state.withheldTracking).reduce((s, id) => s + (payments[id]?.observeMUsd ?? 0), 0);
  let estimate = refineEstimate(scenario, state.estimate, observeTotalMUsd - withheldMUsd, noiseZ, fraction, state.trueEncounterKm);
  const privateEstimates: Record<string, Estimate> = {};
  for (const [id, own] of Object.entries(state.withheldTracking)) {
    privateEstimates[id] = refineEstimate(scenario, own, observeTotalMUsd, noiseZ, fraction, state.trueEncounterKm);
  }

  // 3. Agreements due now are kept or broken; resolutions put to the vote are tallied.
  const agreements = settleAgreements(state, payments);
  const resolutions = tallyResolutions(state);
  const mandated = { ...state, missions: missionsWithMandates(state, resolutions) };

  // 4. Missions.
  const moved = progressMissions(mandated, fundedAfter, horizonDate, rng);
  rng = moved.rng;
  if (moved.estimateShiftKm !== 0 || moved.sigmaFactor !== 1) {
    const meanKm = estimate.meanKm + moved.estimateShiftKm;
    const sigmaKm = estimate.sigmaKm * moved.sigmaFactor;
    estimate = { meanKm, sigmaKm, impactProbability: impactProbability(meanKm, sigmaKm, scenario.asteroid.captureRadiusKm) };
    for (const [id, own] of Object.entries(privateEstimates)) {
      const m = own.meanKm + moved.estimateShiftKm;
      const sg = own.sigmaKm * moved.sigmaFactor;
      privateEstimates[id] = { meanKm: m, sigmaKm: sg, impactProbability: impactProbability(m, sg, scenario.asteroid.captureRadiusKm) };
    }
  }
  const energyMt = impactEffectsEnergyMt(state);
  const hazard = hazardAssessment({
    impactProbability: estimate.impactProbability,
    energyMt,
    yearsToImpact: Math.max(daysBetween(state.scenarioDate, scenario.asteroid.potentialImpactDate) / 365.25, 1 / 365.25),
    diameterM: scenario.asteroid.diameterM.max,
  });

  const trustChanges = [
    ...trustForSettlements(state, agreements),
    ...trustForLaunches(mandated, moved.progress.filter((p) => p.change === 'launched' || p.change === 'launch-failed').map((p) => p.missionId)),
  ];

  // 5. The encounter, and the scores.
  let outcome: Outcome | null = null;
  let scores: EventOf<'RoundResolved'>['scores'] = null;
  if (isLast) {
    const missions = { ...mandated.missions };
    for (const step of moved.progress) {
      const m = missions[step.missionId]!;
      if (step.change === 'arrived') missions[m.id] = { ...m, status: 'arrived', shiftKm: step.shiftKm, deltaVMmPerS: step.deltaVMmPerS };
    }
    outcome = encounterOutcome({ ...mandated, missions }, moved.trueEncounterKm, ctx.world, moved.fragment);
    const balances: Record<string, number> = {};
    for (const a of scenario.actors) {
      const p = payments[a.id]!;
      balances[a.id] = state.actors[a.id]!.balanceMUsd - p.observeMUsd - Object.values(p.missionFunding).reduce((x, y) => x + y, 0);
    }
    const struck = outcome.impactPoint?.countryIso3
      ? (scenario.actors.find((a) => a.kind !== 'private-company' && a.kind !== 'un-body' && a.stateOfNationality === outcome!.impactPoint!.countryIso3)?.id ?? null)
      : null;
    scores = finalScores(state, balances, applyTrust(state.trust, trustChanges), struck, outcome.consequences?.casualties ?? 0, outcome.consequences?.exposedPopulation ?? 0);
  }
  const resolved: DomainEvent = {
    type: 'RoundResolved',
    round: state.round,
    date: state.scenarioDate,
    spentMUsd: payments,
    observeTotalMUsd,
    deflectTotalMUsd,
    noiseZ,
    estimate,
    privateEstimates,
    hazard: { torino: hazard.torino, palermo: hazard.palermo, iawnThresholdCrossed: hazard.iawnNotify },
    missions: moved.progress,
    agreements,
    resolutions,
    trustChanges,
    scores,
    trueEncounterKm: moved.trueEncounterKm,
    fragment: moved.fragment,
    outcome,
    rngAfter: [...rng],
  };
  // Where the scenario says so, IAWN notifies by itself once its threshold is crossed.
  if (scenario.un.automaticIawnNotification && !state.iawnNotified && hazard.iawnNotify && !isLast) {
    return [resolved, iawnNotification({ ...state, news: state.news }, estimate.impactProbability)];
  }
  return [resolved];
}

/** Energy of the body as the table knows it (middle of the published size range), for the hazard scales. */
function impactEffectsEnergyMt(state: ExerciseState): number {
  const a = state.scenario.asteroid;
  const diameterM = (a.diameterM.min + a.diameterM.max) / 2;
  const massKg = (Math.PI / 6) * a.densityKgM3 * diameterM ** 3;
  return (0.5 * massKg * (a.entrySpeedKmS * 1000) ** 2) / 4.184e15;
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();
const notFacilitator = (what: string) => ruleError('role/not_facilitator', `Only the facilitator can ${what}.`);
const notActor = (what: string) => ruleError('role/not_actor', `Only a participant in an actor's seat can ${what}.`);
/** Moves that only make sense before the asteroid arrives, refused once the encounter has been played. */
const encounterPlayed = (why: string) => ruleError('encounter/played', `The encounter has been played: ${why}.`);
const notOrdersPhase = (state: ExerciseState) =>
  ruleError('phase/not_orders', `Orders are given in the orders phase; the exercise is in the ${state.phase} phase.`);
