// A conference session at full size, against a real server process: five rounds of 2031 KX
// with 600 public messages of 300 characters, 40 injects fired, 20 agreements; then a late
// joiner, a reload of every seat at once, and a SIGKILL of the server followed by a restart
// on the same data folder. Every client must be back in its seat by itself — no hand reload —
// with a view equal to `playerView` for its seat, from a server that replayed its log.
import { mkdtempSync, rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { playerView, type ExerciseState, type SeatId } from '../../shared/engine/index.js';
import type { CreateExerciseResponse } from '../../shared/protocol.js';
import { crash, freePort, startServerProcess, stopAllServerProcesses, type ServerProcess } from '../helpers/process.js';
import { CONFERENCE_SESSION, playLongRounds, seatLongTable } from '../helpers/long-session.js';
import { TestPlayer, api, createExercise } from '../helpers/server.js';

const SIZE = CONFERENCE_SESSION;
/** The table talks as fast as its clients send (12 messages in flight): the command budget is not what is tested here. Talk stays within the quota (30 messages per actor and phase). */
const SERVER_ENV = { RECONNECT_GRACE_SECONDS: '60', COMMANDS_PER_SECOND: '1000', COMMAND_BURST: '10000' };

const players: TestPlayer[] = [];
let dataDir: string | undefined;

afterAll(async () => {
  await Promise.all(players.map((p) => p.close()));
  await stopAllServerProcesses();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

async function replayedState(server: ServerProcess, created: CreateExerciseResponse): Promise<ExerciseState> {
  const r = await api<{ state: ExerciseState }>(server.url, `/api/exercises/${created.exerciseId}/state`, { key: created.facilitatorKey });
  expect(r.status).toBe(200);
  return r.body.state;
}

/**
 * Holds each client's view against `playerView` for its seat in the server's replayed state,
 * once its updates have arrived (a seat hears of an event only when its view changed, so the
 * wait is for the view itself).
 */
async function expectEveryViewMatches(server: ServerProcess, created: CreateExerciseResponse, seats: Map<TestPlayer, SeatId>): Promise<ExerciseState> {
  const state = await replayedState(server, created);
  for (const [player, seat] of seats) {
    const expected = playerView(state, seat);
    await player.until(`${seat}'s view to reach event ${state.eventCount}`, () => player.followed !== null && player.seat === seat && isDeepStrictEqual(player.view, expected), 30_000).catch(() => undefined);
    expect(player.seat, `the seat of ${player.welcome?.participantId}`).toBe(seat);
    expect(player.view, `what ${seat} holds`).toEqual(playerView(state, seat));
    expect(player.gaps, `updates ${seat} could not apply`).toEqual([]);
  }
  return state;
}

describe('a long session with real clients, a reload of every seat and a server killed and restarted', () => {
  it('keeps every seat and brings every client back by itself, with a view equal to playerView', async () => {
    const port = await freePort();
    dataDir = mkdtempSync(join(tmpdir(), 'deflect-long-'));
    let server = await startServerProcess(port, dataDir, { env: SERVER_ENV });
    const created = await createExercise(server.url, 2031);
    const table = await seatLongTable(server.url, created, ['usa', 'kenya', 'japan', 'astra'], { reconnect: true, joined: (p) => players.push(p) });
    const { seats } = table;
    await playLongRounds(table, SIZE);
    let state = await expectEveryViewMatches(server, created, seats);
    expect(state.messages.filter((m) => m.to === 'public')).toHaveLength(SIZE.messages);
    expect(state.injects.filter((i) => i.headline.startsWith('Inject '))).toHaveLength(SIZE.injects);
    expect(Object.keys(state.agreements)).toHaveLength(SIZE.agreements);
    expect(state.results).toHaveLength(SIZE.rounds);
    // The wire carried patches, not the view again and again: one snapshot on joining, one on taking the seat, then none.
    for (const [p, seat] of seats) expect(p.updates.filter((u) => 'snapshot' in u.view).map((u) => u.seat)).toEqual([null, seat]);

    // A late joiner gets the whole exercise in its first snapshot.
    const late = await TestPlayer.join(server.url, created.joinCode, 'Late Lee', undefined, undefined, { reconnect: true });
    players.push(late);
    await late.do({ type: 'ClaimSeat', seat: 'actor:bangladesh' });
    seats.set(late, 'actor:bangladesh');
    // And a second member of Kenya's delegation, who asks to join it (it reads Kenya's secrets) and is let in by Kenya's player; then talks on the delegation's own channel.
    const delegate = await TestPlayer.join(server.url, created.joinCode, 'Kip (Kenya delegation)', undefined, undefined, { reconnect: true });
    players.push(delegate);
    await delegate.do({ type: 'RequestDelegation', actorId: 'kenya' });
    const kenya = table.actors.get('kenya')!;
    await kenya.until("Kip's request to reach Kenya", () => kenya.legal.answerableDelegationRequests.length === 1);
    const [request] = kenya.view.delegationRequests;
    expect(request).toMatchObject({ participantId: delegate.participantId, participantName: 'Kip (Kenya delegation)', actorId: 'kenya' });
    await kenya.do({ type: 'AnswerDelegationRequest', requestId: request!.id, accept: true });
    await delegate.until('Kip to sit in Kenya’s delegation', () => delegate.seat === 'actor:kenya');
    await delegate.do({ type: 'SendMessage', to: 'delegation', text: 'Our minister wants the evacuation plan ready.' });
    seats.set(delegate, 'actor:kenya');
    await expectEveryViewMatches(server, created, seats);

    // Every seat reloads at once: the page's socket closes, the new page joins with the saved rejoin key.
    const reloaded = await Promise.all(
      [...seats].map(async ([old, seat]) => {
        const rejoinKey = old.welcome!.rejoinKey;
        const key = seat === 'facilitator' || seat === 'evaluator' ? created.facilitatorKey : undefined;
        await old.drop();
        const page = await TestPlayer.join(server.url, created.joinCode, 'Reloaded page', key, rejoinKey, { reconnect: true });
        players.push(page);
        expect(page.participantId, `${seat} is the same participant after a reload`).toBe(old.participantId);
        return [page, seat] as [TestPlayer, SeatId];
      }),
    );
    const afterReload = new Map(reloaded);
    state = await expectEveryViewMatches(server, created, afterReload);
    expect(Object.values(state.participants).filter((p) => p.seat !== null)).toHaveLength(afterReload.size);

    // The server dies mid-session and comes back on the same data folder and port.
    const eventsBefore = state.eventCount;
    await crash(server);
    server = await startServerProcess(port, dataDir, { env: SERVER_ENV });
    for (const p of afterReload.keys()) await p.until('the client to reconnect by itself', () => p.reconnections === 1 && p.followed !== null, 30_000);
    state = await expectEveryViewMatches(server, created, afterReload);
    expect(state.eventCount).toBe(eventsBefore);
    for (const p of afterReload.keys()) {
      await p.until('everyone to be shown connected', () => Object.values(p.presence).filter(Boolean).length === afterReload.size);
    }
    // And the table plays on: one more message reaches every seat.
    const usa = [...afterReload].find(([, seat]) => seat === 'actor:usa')![0];
    await usa.do({ type: 'SendMessage', to: 'public', text: 'Still here after the restart.' });
    await expectEveryViewMatches(server, created, afterReload);
  }, 240_000);
});
