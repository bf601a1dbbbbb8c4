// Talk: messages in public, private and delegation channels, public statements, and the
// per-phase quota that keeps one actor from flooding the table.
import type { Command, CommandContext } from './commands.js';
import { accept, actorName, notActor, reject, type Decision } from './decision.js';
import { ruleError, type RuleError } from './errors.js';
import { actorOfSeat } from './seats.js';
import type { ExerciseState, Participant } from './state.js';

/** The refusal of one more talk item from an actor that has posted its quota this phase, or null while it may talk. */
export function talkQuotaUsed(state: ExerciseState, actorId: string): RuleError | null {
  const used = state.talkUsed[actorId] ?? 0;
  const quota = state.talkQuota;
  if (used < quota) return null;
  const sent = used === quota ? `has sent its ${quota} messages this phase` : `has sent ${used} messages this phase, more than its limit of ${quota}`;
  return ruleError('talk/quota', `${actorName(state, actorId)} ${sent}; the facilitator can raise the limit.`);
}

/** An actor or the facilitator posts a message: public, to its own delegation, or privately to named actors. */
export function sendMessage(state: ExerciseState, me: Participant, command: Extract<Command, { type: 'SendMessage' }>, ctx: CommandContext): Decision {
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

/** An actor makes a public statement, published in the news feed. */
export function postStatement(state: ExerciseState, me: Participant, text: string): Decision {
  const actorId = actorOfSeat(me.seat);
  if (actorId === null) return reject(notActor('make a public statement'));
  const quota = talkQuotaUsed(state, actorId);
  if (quota) return reject(quota);
  return accept({
    type: 'StatementPosted',
    newsId: `n${state.news.length + 1}`,
    round: state.round,
    actorId,
    actorName: actorName(state, actorId),
    text,
    headline: `Statement by ${actorName(state, actorId)}`,
  });
}
