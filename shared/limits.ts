// The length limit of every text a person types, and the one way its length is counted.
// The zod schemas of commands enforce them and the client shows them before sending, so the
// two count alike: in characters as a person sees them (Unicode code points), not in the
// UTF-16 units JavaScript's `length` counts, so an emoji or a kanji counts one.

/** The most characters each text field may hold, as `characterCount` counts them. */
export const TEXT_LIMITS = {
  participantName: 60,
  message: 2000,
  statement: 1000,
  agreementText: 1000,
  endReason: 500,
  overrideReason: 500,
  injectPersona: 120,
  headline: 200,
  body: 2000,
  controllerNote: 1000,
  observationCapability: 80,
  observationText: 2000,
} as const;

export type TextField = keyof typeof TEXT_LIMITS;

/** The length of a text in Unicode code points: what the UI shows as its character count, and what every limit counts. */
export function characterCount(s: string): number {
  let n = 0;
  // Iterating a string walks code points: a surrogate pair (an emoji, a rare kanji) is one.
  for (const _ of s) n++;
  return n;
}
