import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../shared/debrief/timeline.js';
import type { DomainEvent } from '../../../shared/engine/events.js';
import { clampPosition, describePosition, nextRoundPosition, positionOfSeq, previousRoundPosition, roundStarts, seqAtPosition } from '../../../client/debrief/scrub.js';

// The scrubber counts events replayed: 0 is before the first, the log's length after the last.

const event = (seq: number, data: Partial<DomainEvent> & { type: DomainEvent['type'] }) => ({ seq, data: data as DomainEvent });
// Positions: 1 joined, 2 round 1 starts, 3 message, 4 round 2 starts, 5 message, 6 round 3 starts.
const log = [
  event(1, { type: 'ParticipantJoined' }),
  event(2, { type: 'RoundStarted', round: 1 } as Partial<DomainEvent> & { type: 'RoundStarted' }),
  event(3, { type: 'MessagePosted' }),
  event(4, { type: 'RoundStarted', round: 2 } as Partial<DomainEvent> & { type: 'RoundStarted' }),
  event(5, { type: 'MessagePosted' }),
  event(6, { type: 'RoundStarted', round: 3 } as Partial<DomainEvent> & { type: 'RoundStarted' }),
];

describe('moving round by round', () => {
  const starts = roundStarts(log);

  it('finds where each round starts: just after its RoundStarted event', () => {
    expect(starts).toEqual([
      { round: 1, position: 2 },
      { round: 2, position: 4 },
      { round: 3, position: 6 },
    ]);
  });

  it('goes to the next round’s start, or the end after the last', () => {
    expect(nextRoundPosition(starts, 0, log.length)).toBe(2);
    expect(nextRoundPosition(starts, 2, log.length)).toBe(4);
    expect(nextRoundPosition(starts, 3, log.length)).toBe(4);
    expect(nextRoundPosition(starts, 6, log.length)).toBe(6);
  });

  it('goes back to the start of the current round, or of the one before when already there', () => {
    expect(previousRoundPosition(starts, 5)).toBe(4);
    expect(previousRoundPosition(starts, 4)).toBe(2);
    expect(previousRoundPosition(starts, 2)).toBe(0);
    expect(previousRoundPosition(starts, 0)).toBe(0);
  });
});

describe('positions and events', () => {
  it('keeps a position within the log', () => {
    expect(clampPosition(-3, 6)).toBe(0);
    expect(clampPosition(9, 6)).toBe(6);
    expect(clampPosition(2.6, 6)).toBe(3);
    expect(clampPosition(Number.NaN, 6)).toBe(0);
  });

  it('maps an event to the position just after it and back', () => {
    expect(positionOfSeq(log, 3)).toBe(3);
    expect(positionOfSeq(log, 99)).toBeNull();
    expect(seqAtPosition(log, 3)).toBe(3);
    expect(seqAtPosition(log, 0)).toBe(0);
    expect(seqAtPosition(log, 60)).toBe(6);
  });

  it('says where it stands in words, with round, phase and both clocks', () => {
    const entry = { seq: 5, round: 2, phase: 'deliberation', scenarioDate: '2031-05-03', at: '2026-12-06T10:00:00Z' } as TimelineEntry;
    expect(describePosition(5, 6, entry, () => '10:00')).toBe('Event 5 of 6 · round 2 · deliberation · 3 May 2031 · 10:00');
    expect(describePosition(0, 6, null, () => '')).toBe('Before the first event (0 of 6)');
  });
});
