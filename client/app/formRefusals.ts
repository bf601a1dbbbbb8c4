import type { ActorKind } from '../../shared/scenario/schema.js';

// Why a form's entries cannot be sent, in the sentence shown beside its button: the same
// bounds the server's schema holds, said before anything is sent rather than left unsaid.

/** The longest build a bid may promise (months), as the server's schema takes it. */
export const MAX_BID_BUILD_MONTHS = 240;

/** What is wrong with a bid's entries (price M USD, build months, reliability %), or null when the server may be asked. */
export function bidProblem(priceText: string, buildText: string, reliabilityPercentText: string): string | null {
  const price = Number(priceText);
  const build = Number(buildText);
  const reliability = Number(reliabilityPercentText);
  if (priceText.trim() === '' || !Number.isFinite(price) || price < 0) return 'Enter a price in M USD, zero or more.';
  if (buildText.trim() === '' || !Number.isInteger(build) || build < 0 || build > MAX_BID_BUILD_MONTHS) {
    return `Enter the build time as whole months, from 0 to ${MAX_BID_BUILD_MONTHS}.`;
  }
  if (reliabilityPercentText.trim() === '' || !Number.isFinite(reliability) || reliability < 0 || reliability > 100) {
    return 'Enter a reliability between 0 and 100 %.';
  }
  return null;
}

/** What is wrong with a phase timer's minutes, or null when the server may be asked; `maxSeconds` is the longest timer it takes. */
export function timerProblem(minutesText: string, maxSeconds: number): string | null {
  const minutes = Number(minutesText);
  const seconds = minutesText.trim() !== '' && Number.isFinite(minutes) ? Math.round(minutes * 60) : NaN;
  if (!(seconds > 0)) return 'Enter how many minutes the phase has left, more than zero.';
  if (seconds > maxSeconds) return `A phase timer runs at most ${maxSeconds / 60} minutes (${maxSeconds / 3600} hours).`;
  return null;
}

/** What an actor that can never propose a mission is told instead, by kind; null for the kinds that can (and before the kind is known). */
export function proposeInstead(kind: ActorKind | null): string | null {
  if (kind === null) return null;
  switch (kind) {
    case 'space-faring-state':
    case 'private-company':
      return null;
    case 'non-space-faring-state':
      return 'Only space-faring states and space companies propose missions; you can contribute to one under Orders, or offer help in kind on its card.';
    case 'un-body':
      return 'Only space-faring states and space companies propose missions; the UN body convenes SMPAG to study the options and can put a mandate to the vote.';
    default: {
      const _never: never = kind;
      return _never;
    }
  }
}
