import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseScenarioYaml } from '../../../shared/scenario/parse.js';
import type { DomainEvent } from '../../../shared/engine/events.js';
import { ConcurrencyError, type EventStore, type SessionRecord } from '../../../server/store/types.js';

const parsed = parseScenarioYaml(readFileSync('scenarios/2031-kx.yaml', 'utf8'), '2031-kx.yaml');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;

/** A session record for store tests, with the bundled scenario. */
export function session(id: string, joinCode: string, createdAt = '2026-11-22T10:00:00.000Z'): SessionRecord {
  return {
    id,
    joinCode,
    facilitatorKeyHash: 'ab'.repeat(32),
    evaluatorKeyHash: 'cd'.repeat(32),
    debriefKeyHash: 'ef'.repeat(32),
    scenario,
    seed: 7,
    rulesVersion: 1,
    createdAt,
    status: 'open',
  };
}

export const joined = (participantId: string): DomainEvent => ({ type: 'ParticipantJoined', participantId, name: participantId, controller: false });
const at = '2026-11-22T10:00:01.000Z';

/** The behaviour every event store must have; each implementation runs this suite. */
export function eventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`${name} event store contract`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps a session with its scenario and finds it by id and by join code', async () => {
      await store.createSession(session('s1', 'ABC123'));
      expect((await store.getSession('s1'))?.scenario).toEqual(scenario);
      expect((await store.findSessionByJoinCode('ABC123'))?.id).toBe('s1');
      expect(await store.getSession('nope')).toBeNull();
      expect(await store.findSessionByJoinCode('ZZZZZZ')).toBeNull();
    });

    it('refuses a second session with the same join code', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await expect(store.createSession(session('s2', 'ABC123'))).rejects.toThrow();
    });

    it('appends events with consecutive sequence numbers and reads them back in order', async () => {
      await store.createSession(session('s1', 'ABC123'));
      const first = await store.append('s1', 0, [{ data: joined('a'), actor: 'a', at }], 1);
      const more = await store.append('s1', 1, [{ data: joined('b'), actor: 'b', at }, { data: joined('c'), actor: 'c', at }], 1);
      expect([...first, ...more].map((e) => e.seq)).toEqual([1, 2, 3]);
      const log = await store.readEvents('s1');
      expect(log.map((e) => [e.seq, e.type, e.actor, e.rulesVersion])).toEqual([
        [1, 'ParticipantJoined', 'a', 1],
        [2, 'ParticipantJoined', 'b', 1],
        [3, 'ParticipantJoined', 'c', 1],
      ]);
      expect(log[1]?.data).toEqual(joined('b'));
      expect((await store.readEvents('s1', 2)).map((e) => e.seq)).toEqual([1, 2]);
    });

    it('fails loudly when a writer appends from a stale sequence number, and writes nothing', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await store.append('s1', 0, [{ data: joined('a'), actor: 'a', at }], 1);
      await expect(store.append('s1', 0, [{ data: joined('x'), actor: 'x', at }, { data: joined('y'), actor: 'y', at }], 1)).rejects.toThrow(
        ConcurrencyError,
      );
      expect((await store.readEvents('s1')).map((e) => e.actor)).toEqual(['a']);
    });

    it('keeps each session’s log apart', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await store.createSession(session('s2', 'DEF456'));
      await store.append('s1', 0, [{ data: joined('a'), actor: 'a', at }], 1);
      await store.append('s2', 0, [{ data: joined('b'), actor: 'b', at }], 1);
      expect((await store.readEvents('s2')).map((e) => e.actor)).toEqual(['b']);
    });

    it('lists sessions by status and records the end of an exercise', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await store.createSession(session('s2', 'DEF456'));
      await store.setStatus('s1', 'ended');
      expect((await store.listSessions('open')).map((s) => s.id)).toEqual(['s2']);
      expect((await store.listSessions()).map((s) => s.id).sort()).toEqual(['s1', 's2']);
    });

    it('keeps the hash of each role’s key, and null where an exercise has none', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await store.createSession({ ...session('s2', 'DEF456'), evaluatorKeyHash: null, debriefKeyHash: null });
      expect(await store.getSession('s1')).toMatchObject({ facilitatorKeyHash: 'ab'.repeat(32), evaluatorKeyHash: 'cd'.repeat(32), debriefKeyHash: 'ef'.repeat(32) });
      expect(await store.getSession('s2')).toMatchObject({ evaluatorKeyHash: null, debriefKeyHash: null });
    });

    it('tells each session’s creation time, status and last event time, null for an empty log', async () => {
      await store.createSession(session('s1', 'ABC123', '2026-11-22T10:00:00.000Z'));
      await store.createSession(session('s2', 'DEF456', '2026-11-22T11:00:00.000Z'));
      await store.append('s1', 0, [{ data: joined('a'), actor: 'a', at: '2026-11-22T10:05:00.000Z' }], 1);
      await store.append('s1', 1, [{ data: joined('b'), actor: 'b', at: '2026-11-23T09:00:00.000Z' }], 1);
      await store.setStatus('s1', 'ended');
      expect(await store.listActivity()).toEqual([
        { id: 's1', status: 'ended', createdAt: '2026-11-22T10:00:00.000Z', lastEventAt: '2026-11-23T09:00:00.000Z' },
        { id: 's2', status: 'open', createdAt: '2026-11-22T11:00:00.000Z', lastEventAt: null },
      ]);
    });

    it('counts the sessions created since a time', async () => {
      await store.createSession(session('s1', 'ABC123', '2026-11-22T10:00:00.000Z'));
      await store.createSession(session('s2', 'DEF456', '2026-11-22T11:00:00.000Z'));
      await store.createSession(session('s3', 'GHJ789', '2026-11-22T11:30:00.000Z'));
      expect(await store.countSessionsCreatedSince('2026-11-22T11:00:00.000Z')).toBe(2);
      expect(await store.countSessionsCreatedSince('2026-11-22T12:00:00.000Z')).toBe(0);
    });

    it('deletes a session with its whole log and leaves the others alone', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await store.createSession(session('s2', 'DEF456'));
      await store.append('s1', 0, [{ data: joined('a'), actor: 'a', at }], 1);
      await store.append('s2', 0, [{ data: joined('b'), actor: 'b', at }], 1);
      expect(await store.deleteSession('s1')).toBe(true);
      expect(await store.deleteSession('s1')).toBe(false);
      expect(await store.getSession('s1')).toBeNull();
      expect(await store.findSessionByJoinCode('ABC123')).toBeNull();
      expect(await store.readEvents('s1')).toEqual([]);
      expect((await store.readEvents('s2')).map((e) => e.actor)).toEqual(['b']);
      // The join code is free again, and a new log starts from seq 1.
      await store.createSession(session('s3', 'ABC123'));
      expect((await store.append('s3', 0, [{ data: joined('c'), actor: 'c', at }], 1))[0]?.seq).toBe(1);
    });
  });
}
