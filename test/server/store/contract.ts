import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseScenarioYaml } from '../../../shared/scenario/parse.js';
import type { DomainEvent } from '../../../shared/engine/events.js';
import { ConcurrencyError, type EventStore, type SessionRecord } from '../../../server/store/types.js';

const parsed = parseScenarioYaml(readFileSync('scenarios/2031-kx.yaml', 'utf8'), '2031-kx.yaml');
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const scenario = parsed.scenario;

/** The stored hash of a session's key for a role in these tests: SHA-256 of `<session id>:<role>`, different for every session and role. */
export function keyHashOf(sessionId: string, role: 'facilitator' | 'evaluator' | 'debrief'): string {
  return createHash('sha256').update(`${sessionId}:${role}`).digest('hex');
}

/** A session record for store tests, with the bundled scenario, alone in its group. */
export function session(id: string, joinCode: string, createdAt = '2026-11-22T10:00:00.000Z'): SessionRecord {
  return {
    id,
    joinCode,
    facilitatorKeyHash: keyHashOf(id, 'facilitator'),
    evaluatorKeyHash: keyHashOf(id, 'evaluator'),
    debriefKeyHash: keyHashOf(id, 'debrief'),
    scenario,
    seed: 7,
    rulesVersion: 1,
    createdAt,
    status: 'open',
    groupId: id,
    parentId: null,
    forkSeq: null,
  };
}

export const joined = (participantId: string): DomainEvent => ({ type: 'ParticipantJoined', participantId, name: participantId, role: 'participant' });
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

    it('keeps the client’s command id with every event its command caused, none for the server’s own, and copies them into a branch', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await store.append('s1', 0, [{ data: joined('a'), actor: 'system', at }], 1);
      await store.append('s1', 1, [{ data: joined('b'), actor: 'a', at, commandId: 'k7.1' }, { data: joined('c'), actor: 'a', at, commandId: 'k7.1' }], 1);
      const log = await store.readEvents('s1');
      expect(log.map((e) => [e.seq, e.commandId])).toEqual([
        [1, undefined],
        [2, 'k7.1'],
        [3, 'k7.1'],
      ]);
      expect('commandId' in log[0]!).toBe(false);
      const branch = { ...session('b', 'DEF456'), groupId: 's1', parentId: 's1', forkSeq: 3 };
      await store.createBranch({ session: branch, events: [{ data: joined('z'), actor: 'z', at, commandId: 'q1' }], rulesVersion: 1 });
      expect((await store.readEvents('b')).map((e) => e.commandId)).toEqual([undefined, 'k7.1', 'k7.1', 'q1']);
    });

    it('hands out an event stored by older rules in the current rules’ shape, with the version that wrote it', async () => {
      await store.createSession(session('s1', 'ABC123'));
      const v1: DomainEvent = { type: 'ParticipantJoined', participantId: 'f', name: 'Fran', controller: true };
      await store.append('s1', 0, [{ data: v1, actor: 'f', at }], 1);
      await store.append('s1', 1, [{ data: joined('a'), actor: 'a', at }], 4);
      const [old, current] = await store.readEvents('s1');
      expect(old).toMatchObject({ rulesVersion: 1, data: { type: 'ParticipantJoined', participantId: 'f', name: 'Fran', role: 'facilitator' } });
      expect(old!.data).not.toHaveProperty('controller');
      expect(current).toMatchObject({ rulesVersion: 4, data: joined('a') });
    });

    it('fails loudly when a writer appends from a stale sequence number, and writes nothing', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await store.append('s1', 0, [{ data: joined('a'), actor: 'a', at }], 1);
      await expect(store.append('s1', 0, [{ data: joined('x'), actor: 'x', at }, { data: joined('y'), actor: 'y', at }], 1)).rejects.toThrow(
        ConcurrencyError,
      );
      expect((await store.readEvents('s1')).map((e) => e.actor)).toEqual(['a']);
    });

    it('refuses to append after a sequence number the log has not reached, leaving no gap', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await expect(store.append('s1', 3, [{ data: joined('a'), actor: 'a', at }], 1)).rejects.toThrow(ConcurrencyError);
      await expect(store.append('s1', 1, [], 1)).rejects.toThrow(ConcurrencyError);
      expect(await store.readEvents('s1')).toEqual([]);
      expect(await store.append('s1', 0, [], 1)).toEqual([]);
    });

    it('lets exactly one of two appends from the same sequence number through, the other fails with ConcurrencyError', async () => {
      await store.createSession(session('s1', 'ABC123'));
      const results = await Promise.allSettled([
        store.append('s1', 0, [{ data: joined('a'), actor: 'a', at }], 1),
        store.append('s1', 0, [{ data: joined('b'), actor: 'b', at }, { data: joined('c'), actor: 'c', at }], 1),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((r) => r.status === 'rejected')?.reason).toBeInstanceOf(ConcurrencyError);
      const winner = results.find((r) => r.status === 'fulfilled')!.value;
      expect(await store.readEvents('s1')).toEqual(winner);
    });

    it('refuses events for a session it does not know', async () => {
      await expect(store.append('ghost', 0, [{ data: joined('a'), actor: 'a', at }], 1)).rejects.toThrow();
      expect(await store.readEvents('ghost')).toEqual([]);
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
      expect((await store.listSessions('ended')).map((s) => s.id)).toEqual(['s1']);
      expect((await store.getSession('s1'))?.status).toBe('ended');
      expect((await store.getSession('s2'))?.status).toBe('open');
    });

    it('keeps the hash of each role’s key, and null where an exercise has none', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await store.createSession({ ...session('s2', 'DEF456'), evaluatorKeyHash: null, debriefKeyHash: null });
      expect(await store.getSession('s1')).toMatchObject({ facilitatorKeyHash: keyHashOf('s1', 'facilitator'), evaluatorKeyHash: keyHashOf('s1', 'evaluator'), debriefKeyHash: keyHashOf('s1', 'debrief') });
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

    it('finds the exercise a key hash belongs to, with the role of that key, and nothing for a hash of no key', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await store.createSession({ ...session('s2', 'DEF456'), evaluatorKeyHash: null, debriefKeyHash: null });
      for (const role of ['facilitator', 'evaluator', 'debrief'] as const) {
        const found = await store.findSessionByKeyHash(keyHashOf('s1', role));
        expect(found?.session.id, role).toBe('s1');
        expect(found?.role, role).toBe(role);
      }
      expect((await store.findSessionByKeyHash(keyHashOf('s2', 'facilitator')))?.session.id).toBe('s2');
      expect(await store.findSessionByKeyHash(keyHashOf('s2', 'debrief'))).toBeNull();
      expect(await store.findSessionByKeyHash('00'.repeat(32))).toBeNull();
    });

    it('keeps a session’s group, parent and fork point; a session alone is its own group', async () => {
      await store.createSession(session('s1', 'ABC123'));
      await store.createSession({ ...session('s2', 'DEF456'), groupId: 's1' });
      expect(await store.getSession('s1')).toMatchObject({ groupId: 's1', parentId: null, forkSeq: null });
      expect(await store.getSession('s2')).toMatchObject({ groupId: 's1', parentId: null, forkSeq: null });
    });

    it('lists a group newest first, each with its log’s length, last event time and round, and no other group', async () => {
      const round = (n: number): DomainEvent => ({ type: 'RoundStarted', round: n, date: '2031-03-10', title: `Round ${n}`, incomeMUsd: {} });
      await store.createSession(session('s1', 'ABC123', '2026-11-22T10:00:00.000Z'));
      await store.createSession({ ...session('s2', 'DEF456', '2026-11-22T11:00:00.000Z'), groupId: 's1' });
      await store.createSession(session('s3', 'GHJ789', '2026-11-22T12:00:00.000Z'));
      await store.append('s1', 0, [{ data: joined('a'), actor: 'a', at: '2026-11-22T10:01:00.000Z' }, { data: round(1), actor: 'a', at: '2026-11-22T10:02:00.000Z' }], 1);
      await store.append('s1', 2, [{ data: round(2), actor: 'a', at: '2026-11-22T10:03:00.000Z' }, { data: joined('b'), actor: 'b', at: '2026-11-22T10:04:00.000Z' }], 1);
      await store.append('s3', 0, [{ data: round(1), actor: 'a', at }], 1);
      await store.setStatus('s1', 'ended');
      expect(await store.listGroup('s1')).toEqual([
        { id: 's2', title: scenario.title, scenarioId: scenario.id, createdAt: '2026-11-22T11:00:00.000Z', status: 'open', groupId: 's1', parentId: null, forkSeq: null, eventCount: 0, lastEventAt: null, round: 0 },
        { id: 's1', title: scenario.title, scenarioId: scenario.id, createdAt: '2026-11-22T10:00:00.000Z', status: 'ended', groupId: 's1', parentId: null, forkSeq: null, eventCount: 4, lastEventAt: '2026-11-22T10:04:00.000Z', round: 2 },
      ]);
      expect((await store.listGroup('s3')).map((s) => s.id)).toEqual(['s3']);
      expect(await store.listGroup('nobody')).toEqual([]);
    });

    it('writes a branch as its parent’s first events exactly as stored, then its own, and leaves the parent alone', async () => {
      await store.createSession(session('p', 'ABC123'));
      await store.append('p', 0, [{ data: joined('a'), actor: 'a', at: '2026-11-22T10:01:00.000Z' }], 1);
      await store.append('p', 1, [{ data: joined('b'), actor: 'b', at: '2026-11-22T10:02:00.000Z' }, { data: joined('c'), actor: 'c', at: '2026-11-22T10:03:00.000Z' }], 2);
      const parentLog = await store.readEvents('p');
      const branch = { ...session('b', 'DEF456'), groupId: 'p', parentId: 'p', forkSeq: 2 };
      const written = await store.createBranch({ session: branch, events: [{ data: joined('z'), actor: 'system', at: '2026-11-23T09:00:00.000Z' }], rulesVersion: 3 });
      expect(written.map((e) => [e.seq, e.actor, e.rulesVersion])).toEqual([[3, 'system', 3]]);
      const log = await store.readEvents('b');
      expect(log.map(({ sessionId: _, ...e }) => e)).toEqual([...parentLog.slice(0, 2).map(({ sessionId: _, ...e }) => e), { seq: 3, type: 'ParticipantJoined', data: log[2]!.data, actor: 'system', at: '2026-11-23T09:00:00.000Z', rulesVersion: 3 }]);
      expect(log.every((e) => e.sessionId === 'b')).toBe(true);
      expect(await store.readEvents('p')).toEqual(parentLog);
      expect(await store.getSession('b')).toMatchObject({ groupId: 'p', parentId: 'p', forkSeq: 2 });
      expect((await store.listGroup('p')).find((s) => s.id === 'b')).toMatchObject({ parentId: 'p', forkSeq: 2, eventCount: 3 });
      // The branch's log goes on from its own last event.
      expect((await store.append('b', 3, [{ data: joined('y'), actor: 'y', at }], 3))[0]?.seq).toBe(4);
    });

    it('writes no branch that would keep more events than its parent has', async () => {
      await store.createSession(session('p', 'ABC123'));
      await store.append('p', 0, [{ data: joined('a'), actor: 'a', at }], 1);
      const branch = { ...session('b', 'DEF456'), groupId: 'p', parentId: 'p', forkSeq: 2 };
      await expect(store.createBranch({ session: branch, events: [], rulesVersion: 3 })).rejects.toThrow(/has 1 events/);
      expect(await store.getSession('b')).toBeNull();
      expect(await store.readEvents('b')).toEqual([]);
    });
  });
}
