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

/** What the timeline is narrowed to. */
export interface TimelineFilter {
  /** One actor's events only, or null for everyone's. */
  actorId: string | null;
  /** The kinds to show; empty shows every kind. */
  kinds: ReadonlySet<TimelineKind>;
  /** Words every shown entry contains (in its summary, full text, who, type or kind), case and accents aside. */
  query: string;
}

/** Everything shown. */
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

/** The slice of the filtered timeline that is rendered: entries `from` (inclusive) to `to` (exclusive). */
export interface TimelineWindow {
  from: number;
  to: number;
}

/**
 * What to render of `shown`: the window asked for (`wanted`) while it holds the entry the scrubber
 * stands on, else the page of `pageSize` entries that holds it (the first page when none does).
 * A log of thousands of events thus puts a few hundred entries in the document, wherever it stands.
 */
export function timelineWindow(shown: readonly TimelineEntry[], currentSeq: number | null, pageSize: number, wanted: TimelineWindow | null): TimelineWindow {
  const index = currentSeq === null ? -1 : shown.findIndex((e) => e.seq === currentSeq);
  if (wanted !== null) {
    const from = Math.max(0, Math.min(wanted.from, shown.length));
    const to = Math.max(from, Math.min(wanted.to, shown.length));
    if (to > from && (index < 0 || (index >= from && index < to))) return { from, to };
  }
  const from = index < 0 ? 0 : Math.floor(index / pageSize) * pageSize;
  return { from, to: Math.min(shown.length, from + pageSize) };
}

/** Entries in runs of one round each, in order: how the timeline groups them under round headings. */
export function groupByRound(entries: readonly TimelineEntry[]): { round: number; entries: TimelineEntry[] }[] {
  const groups: { round: number; entries: TimelineEntry[] }[] = [];
  for (const e of entries) {
    const last = groups.at(-1);
    if (last && last.round === e.round) last.entries.push(e);
    else groups.push({ round: e.round, entries: [e] });
  }
  return groups;
}
