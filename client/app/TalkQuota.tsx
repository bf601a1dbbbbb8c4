import { selectTalk } from './intents.js';
import { formatCount } from './textLimits.js';
import { useDeflect } from './useDeflect.js';

/** From this many talk items left (or a quarter of the quota, if more), the composers say how many remain. */
const SHOW_FROM_LEFT = 10;

/** The sentence about an actor's talk quota this phase, or null while plenty is left. */
export function talkQuotaSentence(talk: { left: number; quota: number } | null): string | null {
  if (talk === null) return null;
  if (talk.left === 0) {
    return `No messages left this phase: your delegation has sent all ${formatCount(talk.quota)} (messages and statements count alike). More can be sent next phase, or when the facilitator raises the limit.`;
  }
  if (talk.left > Math.max(SHOW_FROM_LEFT, Math.ceil(talk.quota / 4))) return null;
  return `${formatCount(talk.left)} of ${formatCount(talk.quota)} messages left this phase.`;
}

/** Near a message or statement box: how many of the phase's talk items the actor has left, once few remain. */
export function TalkQuota({ testId }: { testId: string }) {
  const left = useDeflect((s) => selectTalk(s)?.left ?? null);
  const quota = useDeflect((s) => selectTalk(s)?.quota ?? null);
  const sentence = talkQuotaSentence(left === null || quota === null ? null : { left, quota });
  return (
    <p className={left === 0 ? 'field-error' : 'field-help field-help--warn'} data-testid={testId} data-left={left ?? undefined} aria-live="polite" hidden={sentence === null}>
      {sentence}
    </p>
  );
}
