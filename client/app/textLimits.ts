import { characterCount, TEXT_LIMITS } from '../../shared/limits.js';

// Every text a participant types has one limit, defined in shared/limits.ts and counted there
// in Unicode code points — the way the server's schemas count. The form shows the count as the
// limit nears and refuses to send past it; the HTML maxlength attribute is not used for these
// fields: it counts UTF-16 units (a CJK extension or an emoji counts twice) and cuts silently.

export { TEXT_LIMITS };

/** A text field's limit, by its name in TEXT_LIMITS. */
export type TextLimitName = keyof typeof TEXT_LIMITS;

/** From this share of the limit on, the form shows how many characters the text has. */
export const COUNTER_FROM_FRACTION = 0.8;

/** How a text stands against its limit, as the form shows it. */
export interface TextMeasure {
  /** Characters (code points) that would be sent: the text without its leading and trailing space. */
  count: number;
  limit: number;
  /** Whether the counter is shown (the text is at 80% of its limit or more). */
  nearLimit: boolean;
  /** Whether the text is too long to be sent. */
  over: boolean;
  /** "1 950 / 2 000" */
  counter: string;
  /** Why it cannot be sent, as a sentence; null when it fits. */
  problem: string | null;
}

/** A count with its thousands apart, as people read it ("2 000"); the space does not break. */
export function formatCount(n: number): string {
  return Math.trunc(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

/** Whether `text`, as it would be sent (trimmed), fits in `limit` characters. */
export function fitsLimit(text: string, limit: number): boolean {
  return characterCount(text.trim()) <= limit;
}

/** How `text` stands against `limit`: its count, whether to show it, and the sentence when it is too long. */
export function measureText(text: string, limit: number): TextMeasure {
  const count = characterCount(text.trim());
  const over = count > limit;
  const excess = count - limit;
  return {
    count,
    limit,
    nearLimit: count >= limit * COUNTER_FROM_FRACTION,
    over,
    counter: `${formatCount(count)} / ${formatCount(limit)}`,
    problem: over
      ? `Too long to send: ${formatCount(count)} characters, at most ${formatCount(limit)}. Remove ${formatCount(excess)} ${excess === 1 ? 'character' : 'characters'}.`
      : null,
  };
}
