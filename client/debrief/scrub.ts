// Where the scrubber stands: a position is a number of events replayed (0: before the first,
// the log's length: after the last), and "event n" is the n-th event, the one just replayed.
import type { DomainEvent } from '../../shared/engine/events.js';
import type { TimelineEntry } from '../../shared/debrief/timeline.js';
import { formatScenarioDate, phaseName } from '../app/format.js';

/** Where each round starts: the position just after its RoundStarted event. */
export interface RoundStart {
  round: number;
  position: number;
}

/** The rounds of a log and the position at which each starts, in order. */
export function roundStarts(events: readonly { data: DomainEvent }[]): RoundStart[] {
  const starts: RoundStart[] = [];
  events.forEach((e, i) => {
    if (e.data.type === 'RoundStarted') starts.push({ round: e.data.round, position: i + 1 });
  });
  return starts;
}

/** A position kept within the log: 0 to `length`. */
export function clampPosition(position: number, length: number): number {
  if (!Number.isFinite(position)) return 0;
  return Math.max(0, Math.min(length, Math.round(position)));
}

/** The start of the round after the one `position` is in (the log's end when there is none). */
export function nextRoundPosition(starts: readonly RoundStart[], position: number, length: number): number {
  return starts.find((s) => s.position > position)?.position ?? length;
}

/**
 * The start of the round `position` is in, or of the round before when it stands at a round's
 * start already (0, before the first round, when there is none).
 */
export function previousRoundPosition(starts: readonly RoundStart[], position: number): number {
  const before = starts.filter((s) => s.position < position);
  return before.at(-1)?.position ?? 0;
}

/** The position just after the event with this sequence number, or null when the log has none. */
export function positionOfSeq(events: readonly { seq: number }[], seq: number): number | null {
  const index = events.findIndex((e) => e.seq === seq);
  return index < 0 ? null : index + 1;
}

/** The sequence number of the last event a position keeps (0 before the first): what a branch from there keeps. */
export function seqAtPosition(events: readonly { seq: number }[], position: number): number {
  return position <= 0 ? 0 : (events[Math.min(position, events.length) - 1]?.seq ?? 0);
}

/** The scrubber's position in words: "Event 12 of 340 · round 2 · deliberation · 3 May 2031 · 14:02:11". */
export function describePosition(position: number, length: number, entry: TimelineEntry | null, formatWall: (iso: string) => string): string {
  if (position === 0 || entry === null) return `Before the first event (0 of ${length})`;
  const round = entry.round === 0 ? 'before the first round' : `round ${entry.round}`;
  return `Event ${position} of ${length} · ${round} · ${phaseName(entry.phase).toLowerCase()} · ${formatScenarioDate(entry.scenarioDate)} · ${formatWall(entry.at)}`;
}
