import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReplayCheckpoints } from '../../../shared/debrief/checkpoints.js';
import { initialState, replay, stateHash, type DomainEvent, type ExerciseState } from '../../../shared/engine/index.js';
import { CONFERENCE, playDebriefTable, type LoggedTable } from './logs.js';

let table: LoggedTable;
let events: DomainEvent[];
let initial: () => ExerciseState;

beforeAll(() => {
  table = playDebriefTable();
  events = table.events;
  initial = () => initialState(table.scenarioOfTable, table.seed);
});

const fresh = (count: number) => stateHash(replay(initial(), events.slice(0, count)));

describe('ReplayCheckpoints', () => {
  it('gives, for any count and spacing, the state a fresh replay of that many events gives', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), (every, at) => {
        const count = at % (events.length + 1);
        const checkpoints = new ReplayCheckpoints(initial(), events, every);
        expect(stateHash(checkpoints.stateAt(count))).toBe(fresh(count));
      }),
      { numRuns: 60 },
    );
  });

  it('gives the same states asked in any order, so no answer changes a kept state', () => {
    const checkpoints = new ReplayCheckpoints(initial(), events, 16);
    const expected = Array.from({ length: events.length + 1 }, (_, count) => fresh(count));
    fc.assert(
      fc.property(fc.shuffledSubarray([...expected.keys()], { minLength: 20, maxLength: 60 }), (counts) => {
        for (const count of counts) expect(stateHash(checkpoints.stateAt(count))).toBe(expected[count]);
      }),
      { numRuns: 30 },
    );
    // The kept states themselves (multiples of 16) are still what they were.
    for (let count = 0; count <= events.length; count += 16) expect(stateHash(checkpoints.stateAt(count))).toBe(expected[count]);
  });

  it('reaches at the end the very state the engine reached playing the table', () => {
    const checkpoints = new ReplayCheckpoints(initial(), events, 25);
    expect(checkpoints.length).toBe(events.length);
    expect(stateHash(checkpoints.stateAt(events.length))).toBe(stateHash(table.state));
  });

  it('keeps one state per full stretch of events, plus the initial one', () => {
    const checkpoints = new ReplayCheckpoints(initial(), events, 50);
    expect(checkpoints.checkpointCount).toBe(Math.floor(events.length / 50) + 1);
    expect(new ReplayCheckpoints(initial(), [], 50).stateAt(0).eventCount).toBe(0);
  });

  it('refuses a count outside the log and a spacing below one event', () => {
    const checkpoints = new ReplayCheckpoints(initial(), events, 50);
    expect(() => checkpoints.stateAt(-1)).toThrow(RangeError);
    expect(() => checkpoints.stateAt(events.length + 1)).toThrow(RangeError);
    expect(() => checkpoints.stateAt(1.5)).toThrow(RangeError);
    expect(() => new ReplayCheckpoints(initial(), events, 0)).toThrow(RangeError);
  });

  it('scrubs a conference-sized log to the same states as a full replay, with the default spacing', () => {
    const conference = playDebriefTable(CONFERENCE);
    const start = initialState(conference.scenarioOfTable, conference.seed);
    const checkpoints = new ReplayCheckpoints(start, conference.events);
    expect(conference.events.length).toBeGreaterThan(3000);
    for (const count of [0, 1, 199, 200, 201, 1234, 2999, conference.events.length]) {
      expect(stateHash(checkpoints.stateAt(count))).toBe(stateHash(replay(start, conference.events.slice(0, count))));
    }
  });
});
