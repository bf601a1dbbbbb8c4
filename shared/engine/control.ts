// The control cell's tools: pause and resume, phase deadlines, moving participants,
// overrides with a reason, injects (scripted by round or condition, fired or skipped by
// hand, written ad hoc) and evaluators' observations.
import type { InjectCondition, Scenario } from '../scenario/schema.js';
import type { Command, CommandContext } from './commands.js';
import { accept, reject, type Decision } from './decision.js';
import { ruleError } from './errors.js';
import type { DomainEvent, EventOf } from './events.js';
import { evolve } from './evolve.js';
import { withMootRequests } from './seating.js';
import type { InjectTrigger } from './vocabulary.js';
import { isControlSeat, keyNeededFor, roleMayTake, seatKind } from './seats.js';
import { holderOf, type ExerciseState, type Participant } from './state.js';


type ControlCommand = Extract<
  Command,
  {
    type:
      | 'PauseExercise'
      | 'ResumeExercise'
      | 'SetPhaseTimer'
      | 'SetTalkQuota'
      | 'MoveParticipant'
      | 'OverrideValue'
      | 'FireInject'
      | 'SkipInject'
      | 'PostInject'
      | 'RecordObservation';
  }
>;

/** Decides the control cell's commands (the facilitator's, and the evaluators' observations). */
export function decideControl(state: ExerciseState, me: Participant, command: ControlCommand, ctx: CommandContext): Decision {
  if (command.type === 'RecordObservation') {
    if (!isControlSeat(me.seat)) return reject(ruleError('role/not_control', 'Only evaluators and the facilitator record observations.'));
    if (command.actorId !== undefined && !state.actors[command.actorId]) {
      return reject(ruleError('seat/unknown', `There is no actor '${command.actorId}' to observe.`));
    }
    return accept({
      type: 'ObservationRecorded',
      observationId: `o${state.observations.length + 1}`,
      round: state.round,
      phase: state.phase,
      by: me.id,
      byName: me.name,
      actorId: command.actorId ?? null,
      capability: command.capability,
      text: command.text,
      at: ctx.at,
      ...(command.rating !== undefined ? { rating: command.rating } : {}),
    });
  }
  switch (command.type) {
    case 'PauseExercise':
      if (state.paused) return reject(ruleError('exercise/paused', 'The exercise is already paused.'));
      return accept({ type: 'ExercisePaused' });
    case 'ResumeExercise':
      if (!state.paused) return reject(ruleError('exercise/not_paused', 'The exercise is not paused.'));
      return accept({ type: 'ExerciseResumed' });
    case 'SetPhaseTimer': {
      const deadline = command.seconds === 0 ? null : new Date(Date.parse(ctx.at) + command.seconds * 1000).toISOString();
      return accept({ type: 'PhaseTimerSet', deadline });
    }
    case 'SetTalkQuota':
      if (command.messagesPerPhase === state.talkQuota) return accept();
      return accept({ type: 'TalkQuotaSet', messagesPerPhase: command.messagesPerPhase });
    case 'MoveParticipant': {
      const who = state.participants[command.participantId];
      if (!who) return reject(ruleError('participant/unknown', `There is no participant '${command.participantId}'.`));
      if (who.seat === command.seat) return accept();
      const kind = seatKind(command.seat);
      if (kind === 'actor' && !state.actors[command.seat.slice('actor:'.length)]) {
        return reject(ruleError('seat/unknown', `There is no seat '${command.seat}' in this scenario.`));
      }
      if ((kind === 'facilitator' || kind === 'evaluator') && !roleMayTake(who.role, command.seat)) {
        return reject(ruleError('seat/not_authorised', `${who.name} did not join with ${keyNeededFor(kind)} and cannot take the ${kind} seat.`));
      }
      const holder = kind === 'actor' ? holderOf(state, command.seat) : null;
      if (holder) return reject(ruleError('seat/taken', `${holder.name} holds that seat; move them first.`));
      const events: DomainEvent[] = [];
      let before = state;
      if (who.seat !== null) {
        const released = withMootRequests(state, { type: 'SeatReleased', participantId: who.id, seat: who.seat });
        events.push(released);
        before = evolve(state, released);
      }
      events.push(withMootRequests(before, { type: 'SeatClaimed', participantId: who.id, seat: command.seat }));
      return accept(...events);
    }
    case 'OverrideValue':
      return override(state, command.target, command.reason);
    case 'FireInject': {
      const inject = state.scenario.injects.find((i) => i.id === command.injectId);
      if (!inject) return reject(ruleError('inject/unknown', `There is no inject '${command.injectId}' in the scenario.`));
      if (state.injects.some((i) => i.id === inject.id)) return reject(ruleError('inject/already_fired', `'${inject.id}' has already fired.`));
      return accept(fired(state, inject, 'manual', state.injects.length + 1));
    }
    case 'SkipInject': {
      const inject = state.scenario.injects.find((i) => i.id === command.injectId);
      if (!inject) return reject(ruleError('inject/unknown', `There is no inject '${command.injectId}' in the scenario.`));
      if (state.injects.some((i) => i.id === inject.id) || state.skippedInjects.includes(inject.id)) {
        return reject(ruleError('inject/already_fired', `'${inject.id}' has already fired or been skipped.`));
      }
      return accept({ type: 'InjectSkipped', injectId: inject.id });
    }
    case 'PostInject': {
      const unknown = command.targets === 'all' ? undefined : command.targets.find((t) => !state.actors[t]);
      if (unknown) return reject(ruleError('seat/unknown', `There is no actor '${unknown}' to send it to.`));
      return accept({
        type: 'InjectFired',
        injectId: `adhoc-${state.injects.filter((i) => i.trigger === 'ad-hoc').length + 1}`,
        round: state.round,
        targets: command.targets === 'all' ? 'all' : [...new Set(command.targets)],
        persona: command.persona,
        channel: command.channel,
        headline: command.headline,
        body: command.body,
        controllerNote: command.controllerNote ?? null,
        trigger: 'ad-hoc',
        seq: state.injects.length + 1,
      });
    }
  }
}

function override(state: ExerciseState, target: Extract<Command, { type: 'OverrideValue' }>['target'], reason: string): Decision {
  const base = { type: 'ValueOverridden' as const, reason, round: state.round };
  switch (target.kind) {
    case 'actor-budget': {
      const a = state.actors[target.actorId];
      if (!a) return reject(ruleError('override/unknown_target', `There is no actor '${target.actorId}'.`));
      return accept({ ...base, target: 'actor-budget', subject: target.actorId, from: a.balanceMUsd, to: target.valueMUsd });
    }
    case 'mission-reliability': {
      const m = state.missions[target.missionId];
      if (!m) return reject(ruleError('override/unknown_target', `There is no mission '${target.missionId}'.`));
      return accept({ ...base, target: 'mission-reliability', subject: m.id, from: m.reliability, to: target.value });
    }
    case 'true-encounter':
      return accept({ ...base, target: 'true-encounter', subject: null, from: state.trueEncounterKm, to: target.valueKm });
  }
}

/** The event of a scenario inject firing, the `seq`-th of the exercise. */
export function fired(state: ExerciseState, inject: Scenario['injects'][number], trigger: Exclude<InjectTrigger, 'ad-hoc'>, seq: number): EventOf<'InjectFired'> {
  return {
    type: 'InjectFired',
    injectId: inject.id,
    round: state.round,
    targets: inject.targets === 'all' ? 'all' : [...inject.targets],
    persona: inject.persona,
    channel: inject.channel,
    headline: inject.headline,
    body: inject.body,
    controllerNote: inject.controllerNote ?? null,
    trigger,
    seq,
  };
}

/** Whether a condition of the inject language holds in this state (checked as a round starts). */
export function conditionHolds(state: ExerciseState, c: InjectCondition): boolean {
  if ('probabilityAbove' in c) return state.estimate.impactProbability > c.probabilityAbove;
  if ('probabilityBelow' in c) return state.estimate.impactProbability < c.probabilityBelow;
  if ('noMissionFundedByRound' in c) {
    return state.round >= c.noMissionFundedByRound && !Object.values(state.missions).some((m) => m.status !== 'proposed');
  }
  if ('missionFailed' in c) return Object.values(state.missions).some((m) => m.status === 'failed');
  if ('assistanceRefused' in c) return Object.values(state.agreements).some((a) => a.kind === 'assistance' && a.status === 'rejected');
  if ('roundAtLeast' in c) return state.round >= c.roundAtLeast;
  if ('all' in c) return c.all.every((x) => conditionHolds(state, x));
  return c.any.some((x) => conditionHolds(state, x));
}

/**
 * The scenario injects that fire as round `round` starts (the state already in that round):
 * those scheduled for it, and conditional ones whose condition now holds, each once.
 */
export function injectsDueAtRoundStart(state: ExerciseState): EventOf<'InjectFired'>[] {
  const done = new Set([...state.injects.map((i) => i.id), ...state.skippedInjects]);
  const out: EventOf<'InjectFired'>[] = [];
  for (const inject of state.scenario.injects) {
    if (done.has(inject.id)) continue;
    if (inject.condition === undefined) {
      if (inject.round === state.round) out.push(fired(state, inject, 'round', state.injects.length + out.length + 1));
    } else if ((inject.round === undefined || state.round >= inject.round) && conditionHolds(state, inject.condition)) {
      out.push(fired(state, inject, 'condition', state.injects.length + out.length + 1));
    }
  }
  return out;
}
