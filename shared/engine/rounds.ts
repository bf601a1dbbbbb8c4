// The round's clock: starting a round (income, news, injects), moving through its phases,
// resolving it, and the phase timer that advances it when the time is up.
import type { CommandContext } from './commands.js';
import { injectsDueAtRoundStart } from './control.js';
import { accept, reject, type Decision } from './decision.js';
import { ruleError } from './errors.js';
import { gateRefusal } from './gates.js';
import type { DomainEvent, EventOf } from './events.js';
import { resolveRound } from './resolution.js';
import type { ExerciseState } from './state.js';

/** The facilitator (or the timer) moves the exercise to its next phase: briefing → deliberation → orders → resolution → next round. */
export function advancePhase(state: ExerciseState, ctx: CommandContext): Decision {
  switch (state.phase) {
    case 'lobby':
      return accept(...startRound(state, 1));
    case 'briefing':
      return accept({ type: 'PhaseChanged', round: state.round, from: 'briefing', to: 'deliberation' });
    case 'deliberation':
      return accept({ type: 'PhaseChanged', round: state.round, from: 'deliberation', to: 'orders' });
    case 'orders':
      // Resolving the round refuses nothing: a probe need not work it out.
      return ctx.probe ? accept() : accept(...resolveRound(state, ctx));
    case 'resolution': {
      const rounds = state.scenario.calendar.rounds.length;
      if (state.round < rounds) return accept(...startRound(state, state.round + 1));
      return accept({ type: 'ExerciseEnded', reason: 'The last round has been played.', outcome: state.outcome });
    }
    case 'ended':
      return reject(ruleError('exercise/ended', 'The exercise has ended.'));
  }
}

/** A round begins: the clock jumps to its date, the income arrives, its news and due injects are published. */
export function startRound(state: ExerciseState, round: number): DomainEvent[] {
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

/** The phase deadline has passed: the phase advances as if the facilitator had advanced it (missing orders count as none). */
export function expireTimer(state: ExerciseState, ctx: CommandContext): Decision {
  if (state.phaseDeadline === null) return reject(ruleError('timer/none', 'No phase timer is running.'));
  if (ctx.at < state.phaseDeadline) return reject(ruleError('timer/not_due', `The phase timer runs until ${state.phaseDeadline}.`));
  const shut = gateRefusal(state, 'ExpireTimer');
  if (shut) return reject(shut);
  const advanced = advancePhase(state, ctx);
  if (!advanced.ok) return advanced;
  return accept({ type: 'PhaseTimerExpired', phase: state.phase }, ...advanced.events);
}
