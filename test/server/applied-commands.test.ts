import { describe, expect, it } from 'vitest';
import { AppliedCommands } from '../../server/applied-commands.js';
import type { StoredEvent } from '../../server/store/types.js';

// A room's memory of the client commands it applied, by participant and command id.

const event = (seq: number, actor: string, commandId?: string): StoredEvent => ({
  sessionId: 's',
  seq,
  type: 'MessagePosted',
  data: { type: 'ParticipantJoined', participantId: actor, name: actor, role: 'participant' },
  actor,
  at: '2026-12-06T10:00:00.000Z',
  rulesVersion: 1,
  ...(commandId ? { commandId } : {}),
});

describe('the commands a room has applied', () => {
  it('rebuilds each command’s range of events from the log, per participant', () => {
    const applied = AppliedCommands.fromLog([event(1, 'system'), event(2, 'a', 'x.1'), event(3, 'a', 'x.1'), event(4, 'b', 'x.1'), event(5, 'a', 'x.2')]);
    expect(applied.find('a', 'x.1')).toEqual({ firstSeq: 2, lastSeq: 3 });
    expect(applied.find('b', 'x.1')).toEqual({ firstSeq: 4, lastSeq: 4 });
    expect(applied.find('a', 'x.2')).toEqual({ firstSeq: 5, lastSeq: 5 });
    // Another participant's id, or one never applied, is not known.
    expect(applied.find('b', 'x.2')).toBeUndefined();
    expect(applied.find('system', 'x.1')).toBeUndefined();
  });

  it('takes an id used again for a later command as that command', () => {
    const applied = AppliedCommands.fromLog([event(1, 'a', 't1'), event(2, 'a', 't1'), event(3, 'b', 't1'), event(4, 'a', 't1')]);
    expect(applied.find('a', 't1')).toEqual({ firstSeq: 4, lastSeq: 4 });
    applied.record('b', 't1', { firstSeq: 9, lastSeq: 9 });
    expect(applied.find('b', 't1')).toEqual({ firstSeq: 9, lastSeq: 9 });
  });

  it('keeps each participant’s newest ids only, however long the exercise runs', () => {
    const applied = new AppliedCommands(3);
    for (let n = 1; n <= 5; n++) applied.record('a', `x.${n}`, { firstSeq: n, lastSeq: n });
    applied.record('b', 'y.1', { firstSeq: 6, lastSeq: 6 });
    expect([1, 2, 3, 4, 5].map((n) => applied.find('a', `x.${n}`) !== undefined)).toEqual([false, false, true, true, true]);
    expect(applied.find('b', 'y.1')).toEqual({ firstSeq: 6, lastSeq: 6 });
  });

  it('remembers a command that changed nothing with its empty range, and hands out copies', () => {
    const applied = new AppliedCommands();
    applied.record('a', 'x.1', { firstSeq: 8, lastSeq: 7 });
    const found = applied.find('a', 'x.1')!;
    expect(found).toEqual({ firstSeq: 8, lastSeq: 7 });
    found.lastSeq = 99;
    expect(applied.find('a', 'x.1')).toEqual({ firstSeq: 8, lastSeq: 7 });
  });
});
