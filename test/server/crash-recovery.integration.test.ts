// Crash recovery with a real process: the server runs as a child process (as `npm start`
// runs it), is killed with SIGKILL in the middle of round 1's orders, and a new process is
// started on the same data folder. Everything the old process had answered `accepted` to
// must be in the log the new one replays; the join code must still work; the participants,
// whose seats the restored room holds for the grace period, join again with the same code
// and their rejoin keys and are the same participants in the same seats, as a browser tab
// does (client/net/session.ts); and the round
// plays on to its resolution.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent, EventOf, ExerciseState, Orders } from '../../shared/engine/index.js';
import type { AcceptedMessage, CreateExerciseResponse, JoinLookupResponse } from '../../shared/protocol.js';
import type { StoredEvent } from '../../server/store/types.js';
import { crash, freePort, startServerProcess as startProcess, stopAllServerProcesses } from '../helpers/process.js';
import { TestPlayer, api, createExercise } from '../helpers/server.js';

const SEED = 2031;

const players: TestPlayer[] = [];
let dataDir: string;

/** A server process on the data folder, holding seats 5 s for their return. */
const startServerProcess = (port: number) => startProcess(port, dataDir, { env: { RECONNECT_GRACE_SECONDS: '5' } });

/** Joins with a real colyseus.js client and takes a seat; the client is left in afterAll. */
async function seat(base: string, code: string, name: string, seatId: 'facilitator' | `actor:${string}`, key?: string): Promise<TestPlayer> {
  const player = await TestPlayer.join(base, code, name, key);
  players.push(player);
  await player.do({ type: 'ClaimSeat', seat: seatId });
  return player;
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'deflect-crash-'));
});

afterAll(async () => {
  try {
    // Clients of the killed process have no socket left to leave through: each leave is bounded.
    const leave = (p: TestPlayer) => Promise.race([p.room.leave(true).catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]);
    await Promise.all(players.map(leave));
  } finally {
    await stopAllServerProcesses();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}, 20_000);

/** A command that was answered `accepted` before the crash, and the event type it must have stored. */
interface Acknowledged {
  what: string;
  type: DomainEvent['type'];
  accepted: AcceptedMessage;
}

describe('a server process killed mid-exercise and started again on the same data folder', () => {
  it('keeps every accepted command, the join code and the seats, and plays the round to its resolution', async () => {
    // ---------------------------------------------------------------- before the crash
    const first = await startServerProcess(await freePort());
    const created: CreateExerciseResponse = await createExercise(first.url, SEED);
    const facilitator = await seat(first.url, created.joinCode, 'Fran (control)', 'facilitator', created.facilitatorKey);
    const usa = await seat(first.url, created.joinCode, 'Player for usa', 'actor:usa');
    const kenya = await seat(first.url, created.joinCode, 'Player for kenya', 'actor:kenya');
    const astra = await seat(first.url, created.joinCode, 'Player for astra', 'actor:astra');
    const before = { facilitator, usa, kenya, astra };

    const acknowledged: Acknowledged[] = [];
    const record = async (what: string, type: DomainEvent['type'], answer: Promise<AcceptedMessage>) => {
      acknowledged.push({ what, type, accepted: await answer });
    };
    await record('round 1 starts', 'RoundStarted', facilitator.do({ type: 'AdvancePhase' }));
    await record('deliberation opens', 'PhaseChanged', facilitator.do({ type: 'AdvancePhase' }));
    await record('a public message', 'MessagePosted', usa.do({ type: 'SendMessage', to: 'public', text: 'The United States proposes a kinetic impactor.' }));
    await record('a private message', 'MessagePosted', kenya.do({ type: 'SendMessage', to: ['usa'], text: 'Kenya offers its ground station at Malindi.' }));
    await record('a mission proposal', 'MissionProposed', usa.do({ type: 'ProposeMission', missionTypeId: 'ki-single', direction: 'toward-start', providerId: 'usa' }));
    await record('a statement', 'StatementPosted', astra.do({ type: 'PostStatement', text: 'Astra Dynamics stands ready to fly.' }));
    await record('orders open', 'PhaseChanged', facilitator.do({ type: 'AdvancePhase' }));
    const usaOrders: Orders = { observeMUsd: 50, missionFunding: { 'mission-1': 300 } };
    const kenyaOrders: Orders = { observeMUsd: 10, missionFunding: {} };
    await record('the USA’s orders', 'OrdersSubmitted', usa.do({ type: 'SubmitOrders', orders: usaOrders }));
    await record('Kenya’s orders', 'OrdersSubmitted', kenya.do({ type: 'SubmitOrders', orders: kenyaOrders }));
    await record('Kenya is ready', 'ReadinessChanged', kenya.do({ type: 'SetReady', ready: true }));
    expect(facilitator.view.exercise.phase).toBe('orders');
    const acceptedSeqs = acknowledged.map((a) => a.accepted);
    const maxAcceptedSeq = Math.max(...acceptedSeqs.map((a) => a.lastSeq));

    // One more command on the wire as the process dies: whether it lands or not, an answer `accepted` must mean stored.
    const repliesBefore = usa.accepted.length;
    void usa.send({ type: 'SendMessage', to: 'public', text: 'Sent as the lights went out.' });
    const token = usa.room.reconnectionToken;
    const oldParticipants = Object.values(before).map((p) => p.participantId);

    // ---------------------------------------------------------------- the crash
    await crash(first);
    const lateAccepted = usa.accepted.slice(repliesBefore);

    // ---------------------------------------------------------------- a new process on the same data folder
    const second = await startServerProcess(await freePort());

    // The join code still resolves, to the same exercise, restored from its log.
    const lookup = await api<JoinLookupResponse>(second.url, `/api/join/${created.joinCode}`);
    expect(lookup.status).toBe(200);
    expect(lookup.body).toMatchObject({ exerciseId: created.exerciseId, roomId: created.roomId, status: 'open' });

    // Every command answered `accepted` is in the stored log, at the seqs the answers named.
    const log = await api<{ events: StoredEvent[] }>(second.url, `/api/exercises/${created.exerciseId}/events`, { key: created.facilitatorKey });
    expect(log.status).toBe(200);
    const events = log.body.events;
    expect(events.map((e) => e.seq), 'the log is gapless after the restart').toEqual(events.map((_, i) => i + 1));
    expect(events.length).toBeGreaterThanOrEqual(maxAcceptedSeq);
    for (const { what, type, accepted } of acknowledged) {
      const stored = events.filter((e) => e.seq >= accepted.firstSeq && e.seq <= accepted.lastSeq);
      expect(stored.length, `${what}: seqs ${accepted.firstSeq}..${accepted.lastSeq}`).toBe(accepted.lastSeq - accepted.firstSeq + 1);
      expect(stored[0]?.type, `${what} at seq ${accepted.firstSeq}`).toBe(type);
    }
    for (const late of lateAccepted) {
      const stored = events.find((e) => e.seq === late.firstSeq);
      expect(stored?.data, 'a command accepted just before the kill').toMatchObject({ type: 'MessagePosted', text: 'Sent as the lights went out.' });
    }

    // The participants cut off by the crash keep their seats while the grace period runs: nobody was released.
    expect(events.filter((e) => e.data.type === 'ParticipantLeft')).toEqual([]);

    // The replayed state holds everything that was accepted: messages, the mission, the orders and readiness.
    const replayed = await api<{ state: ExerciseState; eventCount: number }>(second.url, `/api/exercises/${created.exerciseId}/state`, { key: created.facilitatorKey });
    expect(replayed.status).toBe(200);
    const state = replayed.body.state;
    expect(replayed.body.eventCount).toBeGreaterThanOrEqual(maxAcceptedSeq);
    expect(state.phase).toBe('orders');
    expect(state.round).toBe(1);
    expect(state.messages.map((m) => m.text)).toEqual(
      expect.arrayContaining(['The United States proposes a kinetic impactor.', 'Kenya offers its ground station at Malindi.']),
    );
    expect(state.messages.find((m) => m.text.startsWith('Kenya offers'))?.to).toEqual(['usa']);
    expect(state.missions['mission-1']).toMatchObject({ lead: 'usa', provider: 'usa', typeId: 'ki-single', direction: 'toward-start', status: 'proposed' });
    expect(state.news.map((n) => n.body)).toContain('Astra Dynamics stands ready to fly.');
    expect(state.actors.usa).toMatchObject({ orders: usaOrders, ready: false });
    expect(state.actors.kenya).toMatchObject({ orders: kenyaOrders, ready: true });
    expect(state.actors.astra).toMatchObject({ orders: null, ready: false });
    expect(Object.keys(state.participants).sort()).toEqual([...oldParticipants].sort());

    // The old connection cannot be resumed through Colyseus (the process that held it is gone, and the
    // server does not use reconnection tokens): the tab joins again with the code and its rejoin key.
    await expect(new Client(second.url.replace(/^http/, 'ws')).reconnect(token)).rejects.toThrow();

    // A stranger with the code cannot take a seat that is being held for its player.
    const stranger = await TestPlayer.join(second.url, created.joinCode, 'Eve');
    players.push(stranger);
    expect(await stranger.send({ type: 'ClaimSeat', seat: 'actor:usa' })).toMatchObject({ code: 'seat/taken' });

    // ---------------------------------------------------------------- the table comes back with its rejoin keys
    const back = async (name: string, before: TestPlayer, key?: string) => {
      const p = await TestPlayer.join(second.url, created.joinCode, name, key, before.welcome!.rejoinKey);
      players.push(p);
      expect(p.welcome?.participantId, `${name} is the same participant again`).toBe(before.welcome!.participantId);
      return p;
    };
    const again = {
      facilitator: await back('Fran (control)', before.facilitator, created.facilitatorKey),
      usa: await back('Player for usa', before.usa),
      kenya: await back('Player for kenya', before.kenya),
      astra: await back('Player for astra', before.astra),
    };
    const seatedAgain = () =>
      (['usa', 'kenya', 'astra'] as const).every((actorId) => {
        const holders = again.facilitator.view.seats.find((s) => s.seat === `actor:${actorId}`)?.holders ?? [];
        return holders.length === 1 && again.facilitator.presence[holders[0]!.participantId] === true;
      });
    await again.facilitator.until('every returning participant to show as connected in its seat', seatedAgain);
    const view = again.facilitator.view;
    const presence = again.facilitator.presence;
    expect(view.exercise.phase).toBe('orders');
    for (const actorId of ['usa', 'kenya', 'astra'] as const) {
      const holders = view.seats.find((s) => s.seat === `actor:${actorId}`)?.holders ?? [];
      expect(holders.map((h) => [h.participantId, presence[h.participantId]]), `the ${actorId} seat`).toEqual([[again[actorId].welcome!.participantId, true]]);
      expect(again[actorId].seat, `the ${actorId} participant's seat`).toBe(`actor:${actorId}`);
    }
    // The orders given before the crash are the seat's again: the USA only marks itself ready.
    expect(again.usa.view.me?.orders).toEqual(usaOrders);

    // ---------------------------------------------------------------- play continues to the resolution
    await again.astra.do({ type: 'SubmitOrders', orders: { observeMUsd: 5, missionFunding: { 'mission-1': 50 } } });
    await again.usa.do({ type: 'SetReady', ready: true });
    await again.astra.do({ type: 'SetReady', ready: true }); // the last seated actor: the round resolves at once
    expect(again.facilitator.view.exercise.phase).toBe('resolution');
    const resolved = again.facilitator.events.find((e) => e.event.type === 'RoundResolved')?.event as EventOf<'RoundResolved'> | undefined;
    expect(resolved?.round).toBe(1);
    // The orders from before the crash were paid at the resolution after it.
    expect(resolved?.spentMUsd.usa).toEqual({ observeMUsd: 50, missionFunding: { 'mission-1': 300 } });
    expect(resolved?.spentMUsd.kenya).toEqual({ observeMUsd: 10, missionFunding: {} });
    expect(resolved?.spentMUsd.astra).toEqual({ observeMUsd: 5, missionFunding: { 'mission-1': 50 } });

    const final = await api<{ state: ExerciseState }>(second.url, `/api/exercises/${created.exerciseId}/state`, { key: created.facilitatorKey });
    expect(final.body.state.phase).toBe('resolution');
    expect(final.body.state.missions['mission-1']?.fundedMUsd).toBe(350);
  }, 120_000);
});
