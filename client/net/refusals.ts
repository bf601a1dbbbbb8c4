import type { CommandType } from '../../shared/engine/commands.js';
import type { RejectedMessage } from '../../shared/protocol.js';

// What the client says when the server refuses a command, and which command a refusal answers.

/**
 * Refusals that are about how the command was sent rather than what it asked, in the client's
 * own words: the person must learn that nothing happened and what to do, whatever the server's wording.
 */
const SENTENCES: Record<string, string> = {
  'rate/limited': 'You are sending too fast: wait a moment and send it again. This was not applied.',
  'protocol/too_large': 'This is too large to send: shorten the text and send it again. Nothing was applied.',
};

/** Said when the server refuses a message or statement for the talk quota without a sentence of its own. */
const TALK_QUOTA_FALLBACK = 'Your delegation has sent all its messages for this phase. More can be sent next phase, or when the facilitator raises the limit.';

/** The sentence shown next to the control whose command the server refused. */
export function describeRefusal(refusal: Pick<RejectedMessage, 'code' | 'message'>): string {
  const own = SENTENCES[refusal.code];
  if (own !== undefined) return own;
  const said = refusal.message.trim();
  if (said) return said;
  return refusal.code === 'talk/quota' ? TALK_QUOTA_FALLBACK : `The server refused this (${refusal.code}).`;
}

/**
 * The command a refusal answers: the one it names, if it still awaits an answer. A refusal
 * without an id is about something else — the join, or a message that is not a command (a
 * look through another seat's eyes, a request for a snapshot) — and answers no command.
 */
export function refusedCommand(pending: Record<string, CommandType>, commandId: string | null): { commandId: string; commandType: CommandType } | null {
  if (commandId === null) return null;
  const commandType = pending[commandId];
  return commandType === undefined ? null : { commandId, commandType };
}
