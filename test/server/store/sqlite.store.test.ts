import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY_LOOKUP, SqliteEventStore } from '../../../server/store/sqlite.js';
import { eventStoreContract, joined, keyHashOf, session } from './contract.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function fileStore(): SqliteEventStore {
  const dir = mkdtempSync(join(tmpdir(), 'deflect-store-'));
  dirs.push(dir);
  return new SqliteEventStore(join(dir, 'nested', 'deflect.db'));
}

eventStoreContract('SQLite', async () => fileStore());

describe('the SQLite event store on disk', () => {
  it('keeps sessions and logs across closing and reopening the file, as after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deflect-store-'));
    dirs.push(dir);
    const file = join(dir, 'deflect.db');
    const before = new SqliteEventStore(file);
    await before.createSession(session('s1', 'ABC123'));
    await before.append('s1', 0, [{ data: joined('a'), actor: 'a', at: '2026-11-22T10:00:00.000Z' }], 1);
    await before.close();
    const after = new SqliteEventStore(file);
    expect((await after.getSession('s1'))?.joinCode).toBe('ABC123');
    expect((await after.readEvents('s1')).map((e) => e.data)).toEqual([joined('a')]);
    await after.close();
  });

  it('brings a database written before keys per role up to date when it opens, and keeps working with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deflect-store-'));
    dirs.push(dir);
    const file = join(dir, 'deflect.db');
    // The schema as the server wrote it before migrations existed (user_version 0).
    const old = new Database(file);
    old.exec(`
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY, join_code TEXT NOT NULL UNIQUE, facilitator_key_hash TEXT NOT NULL, scenario_json TEXT NOT NULL,
        seed INTEGER NOT NULL, rules_version INTEGER NOT NULL, created_at TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('open', 'ended')));
      CREATE TABLE events (
        session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL CHECK (seq >= 1), type TEXT NOT NULL, data TEXT NOT NULL,
        actor TEXT NOT NULL, at TEXT NOT NULL, rules_version INTEGER NOT NULL, UNIQUE (session_id, seq));
    `);
    const s = session('old', 'OLD123');
    old
      .prepare('INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(s.id, s.joinCode, s.facilitatorKeyHash, JSON.stringify(s.scenario), s.seed, s.rulesVersion, s.createdAt, s.status);
    old.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)').run('old', 1, 'ParticipantJoined', JSON.stringify(joined('a')), 'a', s.createdAt, 1);
    old.close();

    const store = new SqliteEventStore(file);
    expect(await store.getSession('old')).toMatchObject({ joinCode: 'OLD123', facilitatorKeyHash: s.facilitatorKeyHash, evaluatorKeyHash: null, debriefKeyHash: null });
    // Each exercise made before groups is a group of one, and is found by its facilitator key's hash.
    expect(await store.getSession('old')).toMatchObject({ groupId: 'old', parentId: null, forkSeq: null });
    expect((await store.findSessionByKeyHash(s.facilitatorKeyHash))?.session.id).toBe('old');
    expect((await store.listGroup('old')).map((x) => [x.id, x.eventCount])).toEqual([['old', 1]]);
    await store.append('old', 1, [{ data: joined('b'), actor: 'b', at: s.createdAt }], 1);
    await store.createSession(session('new', 'NEW456'));
    expect((await store.getSession('new'))?.debriefKeyHash).toBe(keyHashOf('new', 'debrief'));
    expect((await store.listActivity()).map((a) => a.id)).toEqual(['old', 'new']);
    await store.close();

    // Opening it again applies nothing twice.
    const again = new SqliteEventStore(file);
    expect((await again.readEvents('old')).map((e) => e.actor)).toEqual(['a', 'b']);
    // Events stored before command ids were kept have none; new ones keep theirs.
    await again.append('old', 2, [{ data: joined('c'), actor: 'c', at: s.createdAt, commandId: 'p1.1' }], 1);
    expect((await again.readEvents('old')).map((e) => e.commandId)).toEqual([undefined, undefined, 'p1.1']);
    await again.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(3);
    raw.close();
  });

  it('looks a key hash up through an index on each role’s column, never by scanning the sessions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deflect-store-'));
    dirs.push(dir);
    const file = join(dir, 'deflect.db');
    await new SqliteEventStore(file).close();
    const db = new Database(file, { readonly: true });
    const plan = db
      .prepare<[string, string, string], { detail: string }>(`EXPLAIN QUERY PLAN ${KEY_LOOKUP}`)
      .all('a', 'a', 'a')
      .map((r) => r.detail);
    db.close();
    expect(plan.filter((d) => /^SEARCH sessions USING INDEX/.test(d))).toHaveLength(3);
    expect(plan.some((d) => /^SCAN sessions/.test(d))).toBe(false);
  });
});
