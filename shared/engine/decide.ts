import type { Command, CommandContext } from './commands.js';
import { ruleError, type RuleError } from './errors.js';
import type { DomainEvent, EventOf, Outcome } from './events.js';
import { corridorPoint, refineEstimate } from './observation.js';
import { nextStandardNormal, nextUniform } from './random.js';
import { actorOfSeat, seatKind, type SeatId } from './seats.js';
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
    return accept({ type: 'ParticipantJoined', participantId: ctx.participantId, name: command.name, controller: command.controller });
  }
  const me = state.participants[ctx.participantId];
  if (!me) return reject(ruleError('participant/unknown', 'Join the exercise before you act in it.'));

  if (command.type === 'LeaveExercise') {
    return accept({ type: 'ParticipantLeft', participantId: me.id, reason: command.reason });
  }
  if (state.phase === 'ended') return reject(ruleError('exercise/ended', 'The exercise has ended; nothing more can be done in it.'));

  switch (command.type) {
    case 'ClaimSeat':
      return claimSeat(state, me, command.seat);
    case 'ReleaseSeat':
      if (me.seat === null) return reject(ruleError('seat/none', 'You do not hold a seat.'));
      return accept({ type: 'SeatReleased', participantId: me.id, seat: me.seat });
    case 'AdvancePhase':
      if (me.seat !== 'facilitator') return reject(notFacilitator('advance the exercise'));
      return advancePhase(state);
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
      const total = command.orders.observeMUsd + command.orders.deflectMUsd;
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
      return othersReady ? accept(changed, resolveRound(state)) : accept(changed);
    }
  }
}

function claimSeat(state: ExerciseState, me: Participant, seat: SeatId): Decision {
  if (me.seat === seat) return accept();
  if (me.seat !== null) return reject(ruleError('seat/already_seated', `You already hold the seat ${me.seat}; release it first.`));
  const kind = seatKind(seat);
  if (kind === 'actor') {
    const actorId = actorOfSeat(seat)!;
    if (!state.actors[actorId]) return reject(ruleError('seat/unknown', `There is no actor '${actorId}' in this scenario.`));
    const holder = holderOf(state, seat);
    if (holder) return reject(ruleError('seat/taken', `${holder.name} already holds that seat.`));
  }
  // The evaluator sees everything the facilitator sees, hidden truth included, so both need the key.
  if ((kind === 'facilitator' || kind === 'evaluator') && !me.controller) {
    return reject(ruleError('seat/not_authorised', `Only someone who joined with the facilitator key may take the ${kind} seat.`));
  }
  return accept({ type: 'SeatClaimed', participantId: me.id, seat });
}

function sendMessage(state: ExerciseState, me: Participant, command: Extract<Command, { type: 'SendMessage' }>, ctx: CommandContext): Decision {
  const actorId = actorOfSeat(me.seat);
  if (actorId === null && me.seat !== 'facilitator') {
    return reject(ruleError('role/cannot_post', 'Only actors and the facilitator can post messages.'));
  }
  if (command.to !== 'public') {
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
    to: command.to === 'public' ? 'public' : [...new Set(command.to)].sort(),
    text: command.text,
    at: ctx.at,
  });
}

function advancePhase(state: ExerciseState): Decision {
  switch (state.phase) {
    case 'lobby':
      return accept(...startRound(state, 1));
    case 'briefing':
      return accept({ type: 'PhaseChanged', round: state.round, from: 'briefing', to: 'deliberation' });
    case 'deliberation':
      return accept({ type: 'PhaseChanged', round: state.round, from: 'deliberation', to: 'orders' });
    case 'orders':
      return accept(resolveRound(state));
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
  return [started, ...news];
}

/**
 * The round's resolution, in a fixed order: orders are paid (missing orders spend
 * nothing), observation refines the estimate, pledges pool into the deflection campaign,
 * and on the last round the outcome at the impact date is drawn.
 */
function resolveRound(state: ExerciseState): DomainEvent {
  const { scenario } = state;
  const spentMUsd: Record<string, { observeMUsd: number; deflectMUsd: number }> = {};
  let observeTotalMUsd = 0;
  let deflectTotalMUsd = 0;
  for (const a of scenario.actors) {
    const orders = state.actors[a.id]!.orders ?? { observeMUsd: 0, deflectMUsd: 0 };
    spentMUsd[a.id] = orders;
    observeTotalMUsd += orders.observeMUsd;
    deflectTotalMUsd += orders.deflectMUsd;
  }
  const [noiseZ, rngAfterNoise] = nextStandardNormal(state.rng);
  let rng = rngAfterNoise;
  const estimate = refineEstimate(scenario, state.estimate, observeTotalMUsd, noiseZ);
  const campaignPooledMUsd = state.campaign.pooledMUsd + deflectTotalMUsd;
  const campaignLaunched =
    state.campaign.launchedInRound !== null ||
    (campaignPooledMUsd >= scenario.deflection.campaignCostMUsd && state.round <= scenario.deflection.launchDeadlineRound);

  let outcome: Outcome | null = null;
  if (state.round === scenario.calendar.rounds.length) {
    const hit = corridorPoint(scenario, scenario.asteroid.truth.encounterKm);
    if (hit === null) {
      outcome = { kind: 'no-impact', summary: `${scenario.asteroid.designation} passes the Earth safely.`, impactPoint: null, reliabilityDraw: null };
    } else if (campaignLaunched) {
      const [draw, rngAfterDraw] = nextUniform(rng);
      rng = rngAfterDraw;
      outcome =
        draw < scenario.deflection.reliability
          ? { kind: 'deflected', summary: `The deflection campaign pushed ${scenario.asteroid.designation} off the Earth.`, impactPoint: null, reliabilityDraw: draw }
          : { kind: 'impact', summary: `The deflection campaign failed; ${scenario.asteroid.designation} strikes ${hit.nearest ?? 'the risk corridor'}.`, impactPoint: hit, reliabilityDraw: draw };
    } else {
      outcome = { kind: 'impact', summary: `${scenario.asteroid.designation} strikes ${hit.nearest ?? 'the risk corridor'}.`, impactPoint: hit, reliabilityDraw: null };
    }
  }
  return {
    type: 'RoundResolved',
    round: state.round,
    date: state.scenarioDate,
    spentMUsd,
    observeTotalMUsd,
    deflectTotalMUsd,
    noiseZ,
    estimate,
    campaignPooledMUsd,
    campaignLaunched,
    outcome,
    rngAfter: [...rng],
  };
}

const fmt = (n: number) => (Math.round(n * 100) / 100).toString();
const notFacilitator = (what: string) => ruleError('role/not_facilitator', `Only the facilitator can ${what}.`);
const notActor = (what: string) => ruleError('role/not_actor', `Only a participant in an actor's seat can ${what}.`);
const notOrdersPhase = (state: ExerciseState) =>
  ruleError('phase/not_orders', `Orders are given in the orders phase; the exercise is in the ${state.phase} phase.`);
