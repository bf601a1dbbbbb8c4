// A what-if branch end to end, with real colyseus.js clients: 2031 KX played to its end with a
// fixed seed, then branched at the start of round 3 with another seed through the debrief API,
// the branch played to its own end by people who join it afresh, and both read back through the
// debrief routes with either exercise's debrief key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchResponse, ExerciseLogResponse, LoggedEvent, OutcomeComparison, SessionsListResponse } from '../../shared/debrief/api.js';
import type { ExerciseState } from '../../shared/engine/index.js';
import type { CreateExerciseResponse, HttpError } from '../../shared/protocol.js';
import { TestPlayer, createExercise, startTestServer, type TestServer } from '../helpers/server.js';

/** Seed 2031: the USA's impactor, funded in round 1 and launched in round 3, moves the impact from Kenya into Uganda (playthrough.integration). */
const SEED = 2031;
/** The branch's seed: the same moves from round 3 on push the body further, into the Democratic Republic of the Congo. */
const BRANCH_SEED = 7;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function call<T>(path: string, key: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'x-debrief-key': key, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function read<T>(path: string, key: string): Promise<T> {
  const r = await call<T>(path, key);
  expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
  return r.body;
}

interface Table {
  facilitator: TestPlayer;
  usa: TestPlayer;
  kenya: TestPlayer;
}

/** The control cell and the USA's and Kenya's players, each a real client in its seat. */
async function seatTable(joinCode: string, facilitatorKey: string): Promise<Table> {
  const facilitator = await TestPlayer.join(server.url, joinCode, 'Fran (control)', facilitatorKey);
  await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
  const usa = await TestPlayer.join(server.url, joinCode, 'Uma (USA)');
  await usa.do({ type: 'ClaimSeat', seat: 'actor:usa' });
  const kenya = await TestPlayer.join(server.url, joinCode, 'Kofi (Kenya)');
  await kenya.do({ type: 'ClaimSeat', seat: 'actor:kenya' });
  return { facilitator, usa, kenya };
}

/** One round: briefing, deliberation (where `deliberate` runs), orders, everyone ready. */
async function playRound({ facilitator, usa, kenya }: Table, deliberate: () => Promise<void> = async () => undefined, usaFunding: Record<string, number> = {}): Promise<void> {
  await facilitator.do({ type: 'AdvancePhase' }); // briefing
  await facilitator.do({ type: 'AdvancePhase' }); // deliberation
  await deliberate();
  await facilitator.do({ type: 'AdvancePhase' }); // orders
  await usa.do({ type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: usaFunding } });
  await kenya.do({ type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: {} } });
  await usa.do({ type: 'SetReady', ready: true });
  await kenya.do({ type: 'SetReady', ready: true });
  expect(facilitator.view.exercise.phase).toBe('resolution');
}

/** Rounds `from`..5 and the end: the USA launches its impactor in round 3, as soon as it is ready. */
async function playFromRound(table: Table, from: number): Promise<void> {
  for (let round = from; round <= 5; round++) {
    await playRound(table, async () => {
      if (round === 3) await table.usa.do({ type: 'LaunchMission', missionId: 'mission-1' });
    });
  }
  await table.facilitator.do({ type: 'AdvancePhase' });
  expect(table.facilitator.view.exercise.phase).toBe('ended');
}

async function leave(table: Table): Promise<void> {
  await Promise.all([table.facilitator, table.usa, table.kenya].map((p) => p.close()));
}

const withoutSession = (events: readonly LoggedEvent[]) => events.map((e) => JSON.parse(JSON.stringify(e)) as LoggedEvent);

describe('a seeded exercise played to its end, branched at the start of round 3 with another seed, and the branch played to its own end', () => {
  let parent: CreateExerciseResponse;
  let branch: BranchResponse;
  let parentLogBefore: ExerciseLogResponse;
  let forkSeq: number;

  beforeAll(async () => {
    parent = await createExercise(server.url, SEED);
    const table = await seatTable(parent.joinCode, parent.facilitatorKey);
    await playRound(
      table,
      async () => {
        await table.usa.do({ type: 'ProposeMission', missionTypeId: 'ki-single', direction: 'toward-start', providerId: 'usa' });
      },
      { 'mission-1': 500 },
    );
    await playRound(table);
    await playFromRound(table, 3);
    await leave(table);

    parentLogBefore = await read<ExerciseLogResponse>(`/api/exercises/${parent.exerciseId}/events`, parent.debriefKey);
    // The start of round 3: everything up to round 2's resolution, the round not yet begun.
    const roundThree = parentLogBefore.events.find((e) => e.data.type === 'RoundStarted' && e.data.round === 3)!;
    forkSeq = roundThree.seq - 1;
    const created = await call<BranchResponse>(`/api/exercises/${parent.exerciseId}/branch`, parent.debriefKey, { method: 'POST', body: { atSeq: forkSeq, seed: BRANCH_SEED } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    branch = created.body;

    // The branch starts paused with every seat free: its own control cell and players join it with its own code.
    const branchTable = await seatTable(branch.joinCode, branch.facilitatorKey);
    expect(branchTable.facilitator.view.exercise.round).toBe(2);
    expect(branchTable.facilitator.view.exercise.phase).toBe('resolution');
    await branchTable.facilitator.do({ type: 'ResumeExercise' });
    await playFromRound(branchTable, 3);
    await leave(branchTable);
  }, 120_000);

  it('answers the branch as a new exercise of the parent’s group, with its own join code and keys', () => {
    expect(branch).toMatchObject({ parentId: parent.exerciseId, forkSeq, groupId: parent.exerciseId });
    expect(branch.exerciseId).not.toBe(parent.exerciseId);
    expect(branch.joinCode).not.toBe(parent.joinCode);
    const keys = [branch.facilitatorKey, branch.evaluatorKey, branch.debriefKey];
    for (const key of keys) expect([parent.facilitatorKey, parent.evaluatorKey, parent.debriefKey]).not.toContain(key);
    expect(new Set(keys).size).toBe(3);
  });

  it('keeps the parent’s first events exactly, then ExerciseBranched, then only its own', async () => {
    const log = await read<ExerciseLogResponse>(`/api/exercises/${branch.exerciseId}/events`, branch.debriefKey);
    expect(withoutSession(log.events.slice(0, forkSeq))).toEqual(withoutSession(parentLogBefore.events.slice(0, forkSeq)));
    const branched = log.events[forkSeq]!;
    expect(branched).toMatchObject({ seq: forkSeq + 1, type: 'ExerciseBranched', actor: 'system', data: { type: 'ExerciseBranched', parentId: parent.exerciseId, forkSeq, seed: BRANCH_SEED, regime: null } });
    const own = log.events.slice(forkSeq + 1);
    expect(own.length).toBeGreaterThan(10);
    expect(own.map((e) => e.seq)).toEqual(own.map((_, i) => forkSeq + 2 + i));
    // Its own events came after the branch was made, from the people at its own table.
    expect(own.every((e) => e.at >= branched.at)).toBe(true);
    expect(own.some((e) => e.data.type === 'RoundStarted' && e.data.round === 3)).toBe(true);
    expect(own.filter((e) => e.data.type === 'ExerciseEnded')).toHaveLength(1);
    expect(log.events.filter((e) => e.data.type === 'ExerciseEnded')).toHaveLength(1);
    expect(log).toMatchObject({ exerciseId: branch.exerciseId, scenarioId: '2031-kx', seed: SEED, scenario: { id: '2031-kx' } });
    expect(log.exercise).toMatchObject({ id: branch.exerciseId, parentId: parent.exerciseId, forkSeq, groupId: parent.exerciseId, eventCount: log.events.length, round: 5, status: 'ended' });
  });

  it('leaves the parent’s log as it was', async () => {
    const after = await read<ExerciseLogResponse>(`/api/exercises/${parent.exerciseId}/events`, parent.facilitatorKey);
    expect(after.events).toEqual(parentLogBefore.events);
    expect(after.exercise).toMatchObject({ parentId: null, forkSeq: null, groupId: parent.exerciseId, status: 'ended' });
  });

  it('ends elsewhere than the parent: another outcome and another state hash', async () => {
    const parentState = await read<{ hash: string; state: ExerciseState }>(`/api/exercises/${parent.exerciseId}/state`, parent.debriefKey);
    const branchState = await read<{ hash: string; state: ExerciseState }>(`/api/exercises/${branch.exerciseId}/state`, branch.debriefKey);
    expect(parentState.state.phase).toBe('ended');
    expect(branchState.state.phase).toBe('ended');
    expect(parentState.state.outcome?.impactPoint?.countryIso3).toBe('UGA');
    // Seed 7 draws another push for the same impactor: it carries the impact on into the Democratic Republic of the Congo.
    expect(branchState.state.outcome?.impactPoint?.countryIso3).toBe('COD');
    expect(branchState.state.outcome?.summary).not.toBe(parentState.state.outcome?.summary);
    expect(branchState.state.missions['mission-1']!.shiftKm).not.toBe(parentState.state.missions['mission-1']!.shiftKm);
    expect(branchState.hash).not.toBe(parentState.hash);
    expect(branchState.state.branch).toEqual({ parentId: parent.exerciseId, forkSeq });
    // At the fork both replay to the same state, but for the branch event itself.
    const parentAtFork = await read<{ hash: string }>(`/api/exercises/${parent.exerciseId}/state?at=${forkSeq}`, branch.debriefKey);
    const branchAtFork = await read<{ hash: string }>(`/api/exercises/${branch.exerciseId}/state?at=${forkSeq}`, parent.debriefKey);
    expect(branchAtFork.hash).toBe(parentAtFork.hash);
  });

  it('lists both in the sessions list of either one’s debrief key, newest first', async () => {
    for (const key of [parent.debriefKey, branch.debriefKey]) {
      const list = await read<SessionsListResponse>('/api/exercises', key);
      expect(list.role).toBe('debrief');
      expect(list.sessions.map((s) => s.id)).toEqual([branch.exerciseId, parent.exerciseId]);
      const [b, p] = list.sessions;
      expect(p).toMatchObject({ scenarioId: '2031-kx', status: 'ended', groupId: parent.exerciseId, parentId: null, forkSeq: null, round: 5, eventCount: parentLogBefore.events.length });
      expect(b).toMatchObject({ scenarioId: '2031-kx', status: 'ended', groupId: parent.exerciseId, parentId: parent.exerciseId, forkSeq, round: 5 });
      expect(b!.lastEventAt! >= p!.lastEventAt!).toBe(true);
    }
  });

  it('sets each outcome beside the undeflected body’s: Kenya saved, the country the deflection moved the blast into newly hit', async () => {
    const parentComparison = await read<OutcomeComparison>(`/api/exercises/${parent.exerciseId}/counterfactual`, branch.debriefKey);
    expect(parentComparison.encounterPlayed).toBe(true);
    expect(parentComparison.undeflected?.impactPoint?.countryIso3).toBe('KEN');
    expect(parentComparison.countries.find((c) => c.countryIso3 === 'KEN')?.change).toBe('saved');
    expect(parentComparison.countries.find((c) => c.countryIso3 === 'UGA')?.change).toBe('newly-hit');
    expect(parentComparison.regimes.map((r) => [r.regime, r.inForce])).toEqual([
      ['liability-convention', true],
      ['liability-convention-strict', false],
      ['pd-protocol', false],
      ['security-community', false],
    ]);
    const branchComparison = await read<OutcomeComparison>(`/api/exercises/${branch.exerciseId}/counterfactual`, parent.debriefKey);
    expect(branchComparison.undeflected).toEqual(parentComparison.undeflected);
    expect(branchComparison.actual).not.toEqual(parentComparison.actual);
    // Asked again, the same answer.
    expect(await read<OutcomeComparison>(`/api/exercises/${branch.exerciseId}/counterfactual`, branch.debriefKey)).toEqual(branchComparison);
  });

  it('refuses a key of another group everywhere in this one, with the same sentence', async () => {
    const stranger = await createExercise(server.url, 1);
    for (const path of [
      `/api/exercises/${parent.exerciseId}/events`,
      `/api/exercises/${branch.exerciseId}/events`,
      `/api/exercises/${branch.exerciseId}/state`,
      `/api/exercises/${parent.exerciseId}/counterfactual`,
    ]) {
      for (const key of [stranger.facilitatorKey, stranger.debriefKey]) {
        const r = await call<HttpError>(path, key);
        expect(r.status, path).toBe(403);
        expect(r.body.error).toEqual({ code: 'auth/key_invalid', message: 'That key is not valid for this exercise.' });
      }
    }
    const refused = await call<HttpError>(`/api/exercises/${parent.exerciseId}/branch`, stranger.facilitatorKey, { method: 'POST', body: { atSeq: 1 } });
    expect(refused.status).toBe(403);
    const own = await read<SessionsListResponse>('/api/exercises', stranger.debriefKey);
    expect(own.sessions.map((s) => s.id)).toEqual([stranger.exerciseId]);
  });
});
