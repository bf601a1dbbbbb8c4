// Narrowing the timeline: by actor, by kind of event, by words, and paging through what is left.
import type { TimelineEntry, TimelineKind } from '../../shared/debrief/timeline.js';

/** How many entries the timeline shows at once, and adds with "Show more". */
export const TIMELINE_PAGE = 200;

/** What each kind of event is called in the filter. */
export const TIMELINE_KIND_NAMES: Record<TimelineKind, string> = {
  seating: 'Seats and people',
  talk: 'Talk',
  mission: 'Missions',
  agreement: 'Agreements',
  un: 'UN votes',
  orders: 'Orders',
  inject: 'Injects',
  override: 'Control-cell overrides',
  observation: 'Evaluator observations',
  round: 'Rounds and phases',
  science: 'Tracking and science',
  outcome: 'Outcome',
  control: 'Control cell',
};

export interface TimelineFilter {
  /** One actor's events only, or null for everyone's. */
  actorId: string | null;
  /** The kinds to show; empty shows every kind. */
  kinds: ReadonlySet<TimelineKind>;
  /** Words every shown entry contains (in its summary, full text, who, type or kind), case and accents aside. */
  query: string;
}

export const NO_FILTER: TimelineFilter = { actorId: null, kinds: new Set(), query: '' };

/** Text folded for searching: lower case, accents off. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The entries the filter lets through, in order. */
export function filterTimeline(entries: readonly TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  const words = fold(filter.query).split(/\s+/).filter((w) => w.length > 0);
  return entries.filter((e) => {
    if (filter.actorId !== null && e.actorId !== filter.actorId) return false;
    if (filter.kinds.size > 0 && !filter.kinds.has(e.kind)) return false;
    if (words.length === 0) return true;
    const haystack = fold(`${e.summary} ${e.detail ?? ''} ${e.who} ${e.type} ${TIMELINE_KIND_NAMES[e.kind]}`);
    return words.every((w) => haystack.includes(w));
  });
}

/** How many of `shown` entries to render so that the one at `currentSeq` is among them (at least `pageSize`). */
export function shownCountFor(shown: readonly TimelineEntry[], currentSeq: number | null, pageSize: number, current: number): number {
  const index = currentSeq === null ? -1 : shown.findIndex((e) => e.seq === currentSeq);
  const needed = index < 0 ? 0 : Math.ceil((index + 1) / pageSize) * pageSize;
  return Math.min(shown.length, Math.max(current, needed, pageSize));
}
