// A whole server on PostgreSQL: an exercise played through real clients is written to the
// database, not the data folder, and a server started afterwards on another data folder with
// the same DATABASE_URL finds it by its join code and restores it from that log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../../../server/store/postgres.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../../helpers/postgres.js';
import { TestPlayer, createExercise, startTestServer } from '../../helpers/server.js';

const unavailable = postgresUnavailable();

describe.skipIf(unavailable !== null)(`a server whose DATABASE_URL points at PostgreSQL${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('keeps the exercise in the database, where a server on another data folder restores it', async () => {
    const first = await startTestServer({ databaseUrl: cluster.url, reconnectGraceSeconds: 0 });
    const created = await createExercise(first.url, 2031);
    const facilitator = await TestPlayer.join(first.url, created.joinCode, 'Fran', created.facilitatorKey);
    await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
    const usa = await TestPlayer.join(first.url, created.joinCode, 'Uma');
    await usa.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    // Commands sent without waiting for each other's answers: the room appends them one after another.
    const answers = await Promise.all([facilitator.fire({ type: 'AdvancePhase' }), usa.fire({ type: 'ReleaseSeat' }), facilitator.fire({ type: 'AdvancePhase' })]);
    expect(answers.filter((a) => 'code' in a)).toEqual([]);
    const lastSeq = Math.max(...answers.map((a) => ('lastSeq' in a ? a.lastSeq : 0)));
    const phase = facilitator.view.exercise.phase;
    await Promise.all([facilitator.close(), usa.close()]);
    await first.close();

    const store = await PostgresEventStore.open(cluster.url);
    const log = await store.readEvents(created.exerciseId);
    await store.close();
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
    expect(log.at(-1)!.seq).toBeGreaterThanOrEqual(lastSeq);
    const types = log.map((e) => e.type);
    expect(types.filter((t) => t === 'RoundStarted' || t === 'PhaseChanged' || t === 'SeatReleased').sort()).toEqual(['PhaseChanged', 'RoundStarted', 'SeatReleased']);
    expect(types.indexOf('RoundStarted')).toBeLessThan(types.indexOf('PhaseChanged'));

    const second = await startTestServer({ databaseUrl: cluster.url });
    try {
      expect(second.dataDir).not.toBe(first.dataDir);
      const back = await TestPlayer.join(second.url, created.joinCode, 'Fran again', created.facilitatorKey);
      await back.do({ type: 'ClaimSeat', seat: 'facilitator' });
      expect(back.view.exercise.phase).toBe(phase);
      await back.close();
    } finally {
      await second.close();
    }
  }, 60_000);

  it('appends commands sent all at once by several seats one after another: each accepted, none refused, the log without gap', async () => {
    const server = await startTestServer({ databaseUrl: cluster.url, reconnectGraceSeconds: 0 });
    try {
      const created = await createExercise(server.url, 7);
      const control = await TestPlayer.join(server.url, created.joinCode, 'Fran', created.facilitatorKey);
      await control.do({ type: 'ClaimSeat', seat: 'facilitator' });
      await control.do({ type: 'SetTalkQuota', messagesPerPhase: 100 });
      const seats = await Promise.all(
        (['usa', 'kenya', 'astra'] as const).map(async (actor) => {
          const player = await TestPlayer.join(server.url, created.joinCode, `Delegate of ${actor}`);
          await player.do({ type: 'ClaimSeat', seat: `actor:${actor}` });
          return player;
        }),
      );
      await control.do({ type: 'AdvancePhase' });
      await control.do({ type: 'AdvancePhase' });
      // Each append waits on the database; the room must not decide the next command before it is stored.
      const answers = await Promise.all(seats.flatMap((p, i) => Array.from({ length: 10 }, (_, n) => p.fire({ type: 'SendMessage', to: 'public', text: `Seat ${i}, message ${n}` }))));
      expect(answers.filter((a) => 'code' in a)).toEqual([]);
      const ranges = answers.flatMap((a) => ('firstSeq' in a ? [[a.firstSeq, a.lastSeq] as const] : [])).sort((x, y) => x[0] - y[0]);
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1] + 1);
      await Promise.all([control, ...seats].map((p) => p.close()));
      const store = await PostgresEventStore.open(cluster.url);
      const log = await store.readEvents(created.exerciseId);
      await store.close();
      expect(log.map((e) => e.seq)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
      expect(log.filter((e) => e.type === 'MessagePosted')).toHaveLength(30);
    } finally {
      await server.close();
    }
  }, 60_000);
});
