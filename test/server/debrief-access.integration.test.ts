// Who reaches what in the debrief API, against a real server: the sessions list of a key's
// group, tables added to a conference, reading across a group, refusals of branches, the
// debrief key refused by the live room and by every writing route, and the back-off after
// wrong keys. Behind a trusted proxy, so each test speaks from its own address.
import { Client } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchResponse, ExerciseLogResponse, OutcomeComparison, SessionsListResponse } from '../../shared/debrief/api.js';
import type { ExerciseState } from '../../shared/engine/index.js';
import type { CreateExerciseResponse, HttpError, JoinLookupResponse } from '../../shared/protocol.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Wrong keys an address may present before it has to wait (low, so that the test reaches it). */
const FREE_MISSES = 3;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ trustProxy: true, joinFreeMisses: FREE_MISSES });
});
afterAll(async () => {
  await server?.close();
});

interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** One request from `address` with exactly these headers (a JSON body when given). */
async function request<T = HttpError>(address: string, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'x-forwarded-for': address, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T, headers: res.headers };
}

async function create(address: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer<CreateExerciseResponse & HttpError>> {
  return request<CreateExerciseResponse & HttpError>(address, 'POST', '/api/exercises', headers, { scenarioId: '2031-kx', seed: 3, ...body });
}

async function created(address: string, body: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<CreateExerciseResponse> {
  const r = await create(address, body, headers);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

const debrief = (key: string) => ({ 'x-debrief-key': key });

describe('the sessions list and the tables of a conference', () => {
  const from = '198.51.100.1';
  let first: CreateExerciseResponse;
  let second: CreateExerciseResponse;
  let alone: CreateExerciseResponse;
  beforeAll(async () => {
    first = await created(from);
    second = await created(from, { tableOf: first.exerciseId }, { 'x-facilitator-key': first.facilitatorKey });
    alone = await created(from);
  });

  it('lists the exercises of the key’s group, newest first, and says whose key it is', async () => {
    const cases: [Record<string, string>, SessionsListResponse['role'], string[]][] = [
      [{ 'x-facilitator-key': first.facilitatorKey }, 'facilitator', [second.exerciseId, first.exerciseId]],
      [{ 'x-evaluator-key': second.evaluatorKey }, 'evaluator', [second.exerciseId, first.exerciseId]],
      [{ authorization: `Bearer ${first.debriefKey}` }, 'debrief', [second.exerciseId, first.exerciseId]],
      // The studio sends whatever key it holds in X-Debrief-Key: the key says its role, not the header.
      [debrief(second.facilitatorKey), 'facilitator', [second.exerciseId, first.exerciseId]],
      [debrief(alone.debriefKey), 'debrief', [alone.exerciseId]],
    ];
    for (const [headers, role, ids] of cases) {
      const r = await request<SessionsListResponse>(from, 'GET', '/api/exercises', headers);
      expect(r.status).toBe(200);
      expect(r.body.role).toBe(role);
      expect(r.body.sessions.map((s) => s.id)).toEqual(ids);
    }
    const { body } = await request<SessionsListResponse>(from, 'GET', '/api/exercises', debrief(first.debriefKey));
    expect(body.sessions[1]).toEqual({
      id: first.exerciseId,
      title: expect.stringContaining('2031 KX') as string,
      scenarioId: '2031-kx',
      createdAt: expect.any(String) as string,
      status: 'open',
      groupId: first.exerciseId,
      parentId: null,
      forkSeq: null,
      eventCount: 0,
      lastEventAt: null,
      round: 0,
    });
    expect(body.sessions[0]).toMatchObject({ id: second.exerciseId, groupId: first.exerciseId });
    // Nothing in the list lets its reader into a room: no join code, no key.
    expect(JSON.stringify(body)).not.toContain(first.joinCode);
    expect(JSON.stringify(body)).not.toMatch(/key/i);
  });

  it('refuses the list without a key, with a key only in the address, and with a key of no exercise', async () => {
    const address = '198.51.100.2';
    for (const path of ['/api/exercises', `/api/exercises?key=${first.debriefKey}`, `/api/exercises?debriefKey=${first.debriefKey}`]) {
      const r = await request(address, 'GET', path);
      expect(r.status, path).toBe(401);
      expect(r.body.error.code).toBe('auth/key_required');
      expect(r.body.error.message).toMatch(/X-Debrief-Key/);
    }
    const unknown = await request(address, 'GET', '/api/exercises', debrief('x'.repeat(24)));
    const joinCodeAsKey = await request(address, 'GET', '/api/exercises', { 'x-facilitator-key': first.joinCode });
    for (const r of [unknown, joinCodeAsKey]) {
      expect(r.status).toBe(403);
      expect(r.body.error).toEqual({ code: 'auth/key_invalid', message: 'That key is not valid for any exercise.' });
    }
  });

  it('adds a table to a conference only with that exercise’s own facilitator key, and only of its scenario', async () => {
    const address = '198.51.100.3';
    const attempts: [string, Record<string, unknown>, Record<string, string>, number, string][] = [
      ['no key', { tableOf: first.exerciseId }, {}, 401, 'auth/key_required'],
      ['its evaluator key', { tableOf: first.exerciseId }, { 'x-evaluator-key': first.evaluatorKey }, 403, 'auth/key_invalid'],
      ['its debrief key', { tableOf: first.exerciseId }, debrief(first.debriefKey), 403, 'auth/key_invalid'],
      ['another table’s facilitator key', { tableOf: first.exerciseId }, { 'x-facilitator-key': second.facilitatorKey }, 403, 'auth/key_invalid'],
      ['an exercise that does not exist', { tableOf: 'no-such-exercise' }, { 'x-facilitator-key': first.facilitatorKey }, 404, 'exercise/not_found'],
      ['another scenario', { tableOf: first.exerciseId, scenarioId: 'pdc-2021' }, { 'x-facilitator-key': first.facilitatorKey }, 400, 'exercise/other_scenario'],
    ];
    for (const [who, body, headers, status, code] of attempts) {
      const r = await create(address, body, headers);
      expect(r.status, who).toBe(status);
      expect(r.body.error.code, who).toBe(code);
    }
    const { body } = await request<SessionsListResponse>(address, 'GET', '/api/exercises', debrief(first.debriefKey));
    expect(body.sessions).toHaveLength(2);
    // A table of a table joins the same conference.
    const third = await created(address, { tableOf: second.exerciseId }, { 'x-facilitator-key': second.facilitatorKey });
    const list = await request<SessionsListResponse>(address, 'GET', '/api/exercises', debrief(third.debriefKey));
    expect(list.body.sessions.map((s) => s.id)).toEqual([third.exerciseId, second.exerciseId, first.exerciseId]);
  });

  it('reads every table of the group with any key of it, and none with another group’s key', async () => {
    const address = '198.51.100.4';
    for (const route of ['events', 'state', 'counterfactual']) {
      const ok = await request(address, 'GET', `/api/exercises/${first.exerciseId}/${route}`, debrief(second.debriefKey));
      expect(ok.status, route).toBe(200);
      const refused = await request(address, 'GET', `/api/exercises/${first.exerciseId}/${route}`, debrief(alone.facilitatorKey));
      expect(refused.status, route).toBe(403);
      expect(refused.body.error).toEqual({ code: 'auth/key_invalid', message: 'That key is not valid for this exercise.' });
    }
  });

  it('hands out the log with the exercise’s summary and its scenario as stored', async () => {
    const join = await request<JoinLookupResponse>('198.51.100.5', 'GET', `/api/join/${first.joinCode}`);
    const room = await new Client(server.url.replace(/^http/, 'ws')).joinById(join.body.roomId, { code: first.joinCode, name: 'Ada' });
    await new Promise((r) => setTimeout(r, 200));
    await room.leave(true);
    const r = await request<ExerciseLogResponse>('198.51.100.5', 'GET', `/api/exercises/${first.exerciseId}/events`, debrief(first.debriefKey));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ exerciseId: first.exerciseId, scenarioId: '2031-kx', seed: 3, scenario: { id: '2031-kx' } });
    expect(r.body.events.map((e) => e.type)).toEqual(['ParticipantJoined', 'ParticipantLeft']);
    expect(r.body.events[0]).toEqual({ seq: 1, type: 'ParticipantJoined', data: expect.objectContaining({ role: 'participant', name: 'Ada' }) as object, actor: expect.any(String) as string, at: expect.any(String) as string, rulesVersion: expect.any(Number) as number });
    expect(r.body.exercise).toMatchObject({ id: first.exerciseId, eventCount: 2, lastEventAt: r.body.events[1]!.at, round: 0, groupId: first.exerciseId });
  });

  it('says the encounter is not played yet, before it is', async () => {
    const r = await request<OutcomeComparison>('198.51.100.6', 'GET', `/api/exercises/${alone.exerciseId}/counterfactual`, debrief(alone.debriefKey));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ encounterPlayed: false, actual: null, undeflected: null, countries: [], regimes: [] });
  });
});

describe('starting a branch', () => {
  const from = '198.51.100.20';
  let parent: CreateExerciseResponse;
  beforeAll(async () => {
    parent = await created(from);
  });

  it('refuses a branch without a key, beyond the log, or with a malformed request, saying why', async () => {
    const path = `/api/exercises/${parent.exerciseId}/branch`;
    expect((await request(from, 'POST', path, {}, { atSeq: 0 })).status).toBe(401);
    const beyond = await request(from, 'POST', path, debrief(parent.debriefKey), { atSeq: 1 });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error).toEqual({ code: 'branch/at_seq_out_of_range', message: 'atSeq: expected a whole number from 0 to 0 (how many of the exercise’s 0 events the branch keeps).' });
    for (const body of [{}, { atSeq: -1 }, { atSeq: 1.5 }, { atSeq: '0' }, { atSeq: 0, regime: 'finders-keepers' }, { atSeq: 0, seed: -4 }, { atSeq: 0, parentId: 'x' }]) {
      const r = await request(from, 'POST', path, debrief(parent.debriefKey), body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe('http/invalid_body');
      expect(r.body.error.details?.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
    const notJson = await request(from, 'POST', path, { ...debrief(parent.debriefKey), 'content-type': 'text/plain' }, 'atSeq=0');
    expect(notJson.status).toBe(415);
    const missing = await request(from, 'POST', '/api/exercises/no-such-exercise/branch', debrief(parent.debriefKey), { atSeq: 0 });
    expect(missing.status).toBe(404);
  });

  it('starts a branch under another regime, in the parent’s group, with its own room', async () => {
    const r = await request<BranchResponse>(from, 'POST', `/api/exercises/${parent.exerciseId}/branch`, debrief(parent.debriefKey), { atSeq: 0, regime: 'security-community' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ parentId: parent.exerciseId, forkSeq: 0, groupId: parent.exerciseId });
    const state = await request<{ state: ExerciseState; eventCount: number }>(from, 'GET', `/api/exercises/${r.body.exerciseId}/state`, { 'x-facilitator-key': r.body.facilitatorKey });
    expect(state.body.eventCount).toBe(1);
    expect(state.body.state.scenario.legal.regime).toBe('security-community');
    expect(state.body.state.paused).toBe(true);
    const join = await request<JoinLookupResponse>(from, 'GET', `/api/join/${r.body.joinCode}`);
    expect(join.body).toMatchObject({ exerciseId: r.body.exerciseId, roomId: r.body.roomId, status: 'open' });
  });
});

describe('the debrief key writes nothing', () => {
  const from = '198.51.100.30';
  let exercise: CreateExerciseResponse;
  const logLength = async () => (await request<ExerciseLogResponse>(from, 'GET', `/api/exercises/${exercise.exerciseId}/events`, debrief(exercise.debriefKey))).body.events.length;
  beforeAll(async () => {
    exercise = await created(from);
  });

  it('cannot join the live room, alone or beside another key, and so no command of its holder is accepted', async () => {
    const before = await logLength();
    for (const options of [
      { code: exercise.joinCode, name: 'Dee', debriefKey: exercise.debriefKey },
      { code: exercise.joinCode, name: 'Dee', debriefKey: exercise.debriefKey, facilitatorKey: exercise.facilitatorKey },
      { code: 'ZZZZZZ', name: 'Dee', debriefKey: 'not-even-a-key' },
    ]) {
      // As a browser does: the join lookup (re)starts the room, then the client joins it.
      const { roomId } = (await request<JoinLookupResponse>(from, 'GET', `/api/join/${exercise.joinCode}`)).body;
      const client = new Client(server.url.replace(/^http/, 'ws'));
      const outcome = await client.joinById(roomId, options).then(
        async (room) => {
          room.send('command', { commandId: 'c1', command: { type: 'ClaimSeat', seat: 'facilitator' } });
          await room.leave(true);
          return 'joined';
        },
        (e: Error) => e.message,
      );
      expect(outcome).toBe('A debrief key is read-only: it cannot join a live exercise or send it a command. Open the exercise in the debrief studio instead.');
    }
    expect(await logLength()).toBe(before);
  });

  it('has no HTTP route that writes with it but a branch, which is a new exercise', async () => {
    const before = await request<ExerciseLogResponse>(from, 'GET', `/api/exercises/${exercise.exerciseId}/events`, debrief(exercise.debriefKey));
    const paths = ['/api/exercises', `/api/exercises/${exercise.exerciseId}`, ...['events', 'state', 'counterfactual', 'branch'].map((r) => `/api/exercises/${exercise.exerciseId}/${r}`)];
    for (const path of paths) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        if (method === 'POST' && (path === '/api/exercises' || path.endsWith('/branch'))) continue;
        const r = await request(from, method, path, debrief(exercise.debriefKey), { type: 'AdvancePhase' });
        expect(r.status, `${method} ${path}`).toBe(404);
        expect(r.body.error.code).toBe('http/not_found');
      }
    }
    const table = await create(from, { tableOf: exercise.exerciseId }, debrief(exercise.debriefKey));
    expect(table.status).toBe(403);
    const after = await request<ExerciseLogResponse>(from, 'GET', `/api/exercises/${exercise.exerciseId}/events`, debrief(exercise.debriefKey));
    expect(after.body.events).toEqual(before.body.events);
    expect(after.body.exercise.status).toBe('open');
    const list = await request<SessionsListResponse>(from, 'GET', '/api/exercises', debrief(exercise.debriefKey));
    expect(list.body.sessions.map((s) => s.id)).toEqual([exercise.exerciseId]);
  });
});

describe('wrong keys', () => {
  it('back off like wrong join codes: after the free misses, even a right key waits', async () => {
    const address = '198.51.100.40';
    const exercise = await created('198.51.100.41');
    for (let i = 0; i < FREE_MISSES; i++) expect((await request(address, 'GET', '/api/exercises', debrief(`guess-${i}`))).status).toBe(403);
    // Beyond the free ones, a miss makes the address wait, whatever it asks next.
    expect((await request(address, 'GET', `/api/exercises/${exercise.exerciseId}/events`, debrief('guess-x'))).status).toBe(403);
    for (const path of ['/api/exercises', `/api/exercises/${exercise.exerciseId}/events`]) {
      const r = await request(address, 'GET', path, debrief(exercise.debriefKey));
      expect(r.status, path).toBe(429);
      expect(r.body.error.code).toBe('rate/limited');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    // Another address is not held up.
    expect((await request('198.51.100.42', 'GET', '/api/exercises', debrief(exercise.debriefKey))).status).toBe(200);
  });
});

describe('the creation limits', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ createPerHour: 2 });
  });
  afterAll(async () => {
    await limited?.close();
  });

  it('count a branch as an exercise created', async () => {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${limited.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const res = await post('/api/exercises', { scenarioId: '2031-kx' });
    expect(res.status).toBe(201);
    const exercise = (await res.json()) as CreateExerciseResponse;
    const branchPath = `/api/exercises/${exercise.exerciseId}/branch`;
    expect((await post(branchPath, { atSeq: 0 }, debrief(exercise.debriefKey))).status).toBe(201);
    const third = await post(branchPath, { atSeq: 0 }, debrief(exercise.debriefKey));
    expect(third.status).toBe(429);
    expect(((await third.json()) as HttpError).error.message).toMatch(/created 2 exercises in the last hour/);
  });
});
