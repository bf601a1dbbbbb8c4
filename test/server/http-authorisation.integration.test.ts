// The authorisation matrix from outside: every HTTP route and every matchmaker method of a
// real server, with no key, a wrong key and each role's key. Counts attempts and breaches
// (an attempt that got more than it should) and prints them on one line for the issue's note.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { hashKey } from '../../server/keys.js';
import { localRoomCount, startServer, type RunningServer } from '../../server/main.js';
import { ServerMessage, type CreateExerciseResponse, type JoinLookupResponse, type WelcomeMessage } from '../../shared/protocol.js';
import { session } from './store/contract.js';

let server: RunningServer;
let dataDir: string;
let exercise: CreateExerciseResponse;
let other: CreateExerciseResponse;
let roomId: string;
const OLD_FACILITATOR_KEY = 'old-facilitator-key-from-before-roles';

const tally = { attempts: 0, breaches: [] as string[] };

/** Records one attempt: `granted` is what happened, `allowed` what the documented rules allow. */
function record(what: string, granted: boolean, allowed: boolean): void {
  tally.attempts++;
  if (granted && !allowed) tally.breaches.push(what);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'deflect-auth-'));
  // An exercise from before keys per role, in a database of the schema of that time: the server
  // migrates it on start, and only its facilitator key reads it.
  const old = new Database(join(dataDir, 'deflect.db'));
  old.exec(`
    CREATE TABLE sessions (id TEXT PRIMARY KEY, join_code TEXT NOT NULL UNIQUE, facilitator_key_hash TEXT NOT NULL, scenario_json TEXT NOT NULL,
      seed INTEGER NOT NULL, rules_version INTEGER NOT NULL, created_at TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('open', 'ended')));
    CREATE TABLE events (session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL CHECK (seq >= 1), type TEXT NOT NULL, data TEXT NOT NULL,
      actor TEXT NOT NULL, at TEXT NOT NULL, rules_version INTEGER NOT NULL, UNIQUE (session_id, seq));`);
  const s = { ...session('old-exercise', 'OLDXYZ', new Date().toISOString()), facilitatorKeyHash: hashKey(OLD_FACILITATOR_KEY) };
  old.prepare('INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(s.id, s.joinCode, s.facilitatorKeyHash, JSON.stringify(s.scenario), s.seed, s.rulesVersion, s.createdAt, s.status);
  old.close();
  // The limits at their defaults: the matrix fits in them.
  server = await startServer({ ...loadConfig({}), port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent' });
  const create = async () => {
    const res = await fetch(`${server.url}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: '2031-kx', seed: 5 }) });
    expect(res.status).toBe(201);
    return (await res.json()) as CreateExerciseResponse;
  };
  exercise = await create();
  other = await create();
  roomId = exercise.roomId;
});
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(`authorisation matrix: ${tally.attempts} attempts, ${tally.breaches.length} breaches${tally.breaches.length ? `: ${tally.breaches.join('; ')}` : ''}`);
});

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: { error?: { code: string; message: string } } }> {
  const res = await fetch(`${server.url}${path}`, { headers });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as { error?: { code: string; message: string } } };
}

describe('the HTTP API from outside', () => {
  it('creates an exercise with a facilitator, an evaluator and a debrief key, all different', () => {
    for (const key of [exercise.facilitatorKey, exercise.evaluatorKey, exercise.debriefKey]) expect(key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(new Set([exercise.facilitatorKey, exercise.evaluatorKey, exercise.debriefKey]).size).toBe(3);
  });

  it('answers the public routes without a key', async () => {
    for (const path of ['/api/health', '/api/scenarios', `/api/join/${exercise.joinCode}`]) {
      const r = await get(path);
      record(`GET ${path}`, r.status === 200, true);
      expect(r.status, path).toBe(200);
    }
    const lookup = (await (await fetch(`${server.url}/api/join/${exercise.joinCode}`)).json()) as JoinLookupResponse;
    expect(lookup).toMatchObject({ exerciseId: exercise.exerciseId, roomId });
    expect(JSON.stringify(lookup)).not.toMatch(/key/i);
    expect((await get('/api/join/ZZZZZZ')).status).toBe(404);
    expect((await get('/api/nothing-here')).body.error?.code).toBe('http/not_found');
  });

  // Who may read an exercise's log and its replayed state: every role's key (the evaluator sees
  // everything in play anyway; the debrief key exists for this), in any of the key headers.
  const cases: { who: string; headers: () => Record<string, string>; status: number }[] = [
    { who: 'no key', headers: () => ({}), status: 401 },
    { who: 'an empty bearer', headers: () => ({ authorization: 'Bearer ' }), status: 401 },
    { who: 'a wrong key', headers: () => ({ 'x-facilitator-key': 'not-the-key' }), status: 403 },
    { who: 'a wrong debrief key', headers: () => ({ 'x-debrief-key': 'x'.repeat(24) }), status: 403 },
    { who: 'another exercise’s facilitator key', headers: () => ({ 'x-facilitator-key': other.facilitatorKey }), status: 403 },
    { who: 'another exercise’s debrief key', headers: () => ({ authorization: `Bearer ${other.debriefKey}` }), status: 403 },
    { who: 'the join code as a key', headers: () => ({ 'x-facilitator-key': exercise.joinCode }), status: 403 },
    { who: 'the facilitator key', headers: () => ({ 'x-facilitator-key': exercise.facilitatorKey }), status: 200 },
    { who: 'the facilitator key as a bearer', headers: () => ({ authorization: `Bearer ${exercise.facilitatorKey}` }), status: 200 },
    { who: 'the evaluator key', headers: () => ({ 'x-evaluator-key': exercise.evaluatorKey }), status: 200 },
    { who: 'the evaluator key as a bearer', headers: () => ({ authorization: `Bearer ${exercise.evaluatorKey}` }), status: 200 },
    { who: 'the debrief key', headers: () => ({ 'x-debrief-key': exercise.debriefKey }), status: 200 },
    { who: 'the debrief key as a bearer', headers: () => ({ authorization: `bearer ${exercise.debriefKey}` }), status: 200 },
  ];
  for (const route of ['events', 'state']) {
    it(`reads /api/exercises/:id/${route} with any of the exercise’s keys only: 401 without one, 403 with a wrong one`, async () => {
      for (const c of cases) {
        const r = await get(`/api/exercises/${exercise.exerciseId}/${route}`, c.headers());
        record(`GET ${route} with ${c.who}`, r.status === 200, c.status === 200);
        expect(r.status, c.who).toBe(c.status);
        if (c.status !== 200) expect(r.body.error?.message, c.who).toMatch(/key/);
      }
      const missing = await get(`/api/exercises/no-such-exercise/${route}`, { 'x-facilitator-key': exercise.facilitatorKey });
      record(`GET ${route} of an unknown exercise`, missing.status === 200, false);
      expect(missing.status).toBe(404);
    });
  }

  it('reads an exercise made before keys per role with its facilitator key only', async () => {
    const path = '/api/exercises/old-exercise/events';
    const attempts: [string, Record<string, string>, number][] = [
      ['its facilitator key', { 'x-facilitator-key': OLD_FACILITATOR_KEY }, 200],
      ['a debrief key of another exercise', { 'x-debrief-key': exercise.debriefKey }, 403],
      ['an evaluator key of another exercise', { 'x-evaluator-key': exercise.evaluatorKey }, 403],
      ['no key', {}, 401],
    ];
    for (const [who, headers, status] of attempts) {
      const r = await get(path, headers);
      record(`old exercise with ${who}`, r.status === 200, status === 200);
      expect(r.status, who).toBe(status);
    }
  });
});

describe('the matchmaker from outside', () => {
  async function matchmake(method: string, name: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${server.url}/matchmake/${method}/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as { error?: string; code?: unknown; sessionId?: string; room?: unknown } };
  }

  it('refuses every method but joinById, with and without keys: nobody can make a second room for an exercise', async () => {
    const roomsBefore = localRoomCount();
    const keyVariants: [string, Record<string, unknown>, Record<string, string>][] = [
      ['no key', {}, {}],
      ['the facilitator key', { facilitatorKey: exercise.facilitatorKey }, {}],
      ['the evaluator key', { evaluatorKey: exercise.evaluatorKey }, {}],
      ['the debrief key', { debriefKey: exercise.debriefKey }, {}],
      ['the facilitator key as a bearer', {}, { authorization: `Bearer ${exercise.facilitatorKey}` }],
    ];
    for (const method of ['create', 'joinOrCreate', 'join', 'reconnect']) {
      for (const [who, options, headers] of keyVariants) {
        const r = await matchmake(method, 'exercise', { exerciseId: exercise.exerciseId, code: exercise.joinCode, name: 'Mallory', reconnectionToken: 'x', ...options }, headers);
        const granted = r.body.sessionId !== undefined || r.body.room !== undefined;
        record(`matchmake ${method} with ${who}`, granted, false);
        expect(r.body.error, `${method} with ${who}`).toMatch(/invalid method/);
      }
    }
    // The two-rooms attack through colyseus.js itself.
    const client = new Client(server.url.replace(/^http/, 'ws'));
    for (const attack of [
      () => client.create('exercise', { exerciseId: exercise.exerciseId }),
      () => client.joinOrCreate('exercise', { exerciseId: exercise.exerciseId }),
      () => client.join('exercise', { exerciseId: exercise.exerciseId }),
    ]) {
      const outcome = await attack().then(
        (room) => room.leave().then(() => 'joined'),
        (e: Error) => e.message,
      );
      record('colyseus.js create/joinOrCreate/join', outcome === 'joined', false);
      expect(outcome).toMatch(/invalid method/);
    }
    expect(localRoomCount(), 'rooms running').toBe(roomsBefore);
  });

  it('joinById reserves a seat only in a room that exists', async () => {
    const ok = await matchmake('joinById', roomId, { code: exercise.joinCode, name: 'Ada' });
    record('matchmake joinById of the room', ok.body.sessionId !== undefined, true);
    expect(ok.body.sessionId).toBeTruthy();
    // A near miss: the real id with its last character changed (to '1' when it already ends in '0').
    const nearMiss = exercise.exerciseId.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    for (const target of ['exercise', nearMiss, 'does-not-exist']) {
      const r = await matchmake('joinById', target, { code: exercise.joinCode, name: 'Mallory' });
      record(`matchmake joinById of ${target}`, r.body.sessionId !== undefined, target === roomId);
      expect(r.body.error, target).toBeTruthy();
    }
  });

  it('lets into the room only with the right code, and as facilitator or evaluator only with that role’s key', async () => {
    type Join = { who: string; options: Record<string, unknown>; role: 'facilitator' | 'evaluator' | 'participant' | null };
    const joins: Join[] = [
      { who: 'no code', options: { name: 'Mallory' }, role: null },
      { who: 'a wrong code', options: { code: 'ZZZZZZ', name: 'Mallory' }, role: null },
      { who: 'the other exercise’s code', options: { code: other.joinCode, name: 'Mallory' }, role: null },
      { who: 'the code', options: { code: exercise.joinCode, name: 'Ada' }, role: 'participant' },
      { who: 'a wrong facilitator key', options: { code: exercise.joinCode, name: 'Mallory', facilitatorKey: 'wrong' }, role: null },
      { who: 'the other exercise’s facilitator key', options: { code: exercise.joinCode, name: 'Mallory', facilitatorKey: other.facilitatorKey }, role: null },
      { who: 'the evaluator key as facilitator key', options: { code: exercise.joinCode, name: 'Mallory', facilitatorKey: exercise.evaluatorKey }, role: null },
      { who: 'the debrief key as facilitator key', options: { code: exercise.joinCode, name: 'Mallory', facilitatorKey: exercise.debriefKey }, role: null },
      { who: 'the debrief key as evaluator key', options: { code: exercise.joinCode, name: 'Mallory', evaluatorKey: exercise.debriefKey }, role: null },
      { who: 'a wrong evaluator key', options: { code: exercise.joinCode, name: 'Mallory', evaluatorKey: 'wrong' }, role: null },
      { who: 'the debrief key as an option', options: { code: exercise.joinCode, name: 'Mallory', debriefKey: exercise.debriefKey }, role: null },
      { who: 'the facilitator key', options: { code: exercise.joinCode, name: 'Fran', facilitatorKey: exercise.facilitatorKey }, role: 'facilitator' },
      { who: 'the evaluator key', options: { code: exercise.joinCode, name: 'Eve', evaluatorKey: exercise.evaluatorKey }, role: 'evaluator' },
    ];
    const rank = { participant: 1, evaluator: 2, facilitator: 3 } as const;
    for (const j of joins) {
      const client = new Client(server.url.replace(/^http/, 'ws'));
      let role: keyof typeof rank | null = null;
      try {
        const room = await client.joinById(roomId, j.options);
        const welcome = await new Promise<WelcomeMessage & { role?: keyof typeof rank }>((resolve, reject) => {
          room.onMessage('*', () => undefined); // updates and the rest: not what this test looks at
          room.onMessage(ServerMessage.welcome, resolve);
          setTimeout(() => reject(new Error('no welcome')), 5_000);
        });
        role = welcome.role ?? (welcome.controller ? 'facilitator' : 'participant');
        await room.leave(true);
      } catch {
        role = null;
      }
      const breach = role !== null && (j.role === null || rank[role] > rank[j.role]);
      record(`join with ${j.who}`, breach, false);
      expect(role, j.who).toBe(j.role);
    }
  });

  it('answers other methods on the matchmaker instead of leaving them hanging', async () => {
    const res = await fetch(`${server.url}/matchmake/joinById/${roomId}`, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } });
    record('PUT /matchmake', res.status < 300, false);
    expect(res.status).toBe(405);
  });

  it('ends with no breach', () => {
    expect(tally.breaches).toEqual([]);
  });
});
