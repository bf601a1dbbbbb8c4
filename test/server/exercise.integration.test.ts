import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playerView, stateHash, type ExerciseState, type SeatId } from '../../shared/engine/index.js';
import type { ExerciseRoom } from '../../server/room.js';
import { TestPlayer, api, createExercise, startTestServer } from '../helpers/server.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

let server: Server;
beforeAll(async () => {
  server = await startTestServer({ reconnectGraceSeconds: 5 });
});
afterAll(async () => {
  await server?.close();
});

function liveRoom(exerciseId: string): ExerciseRoom {
  return matchMaker.getLocalRoomById(exerciseId) as ExerciseRoom;
}

async function replayed(exerciseId: string, key: string, at?: number) {
  const q = at === undefined ? '' : `?at=${at}`;
  const r = await api<{ hash: string; state: ExerciseState; at: number; eventCount: number }>(server.url, `/api/exercises/${exerciseId}/state${q}`, { key });
  expect(r.status).toBe(200);
  return r.body;
}

/** A facilitator and three actors seated in a fresh exercise. */
async function table() {
  const created = await createExercise(server.url);
  const facilitator = await TestPlayer.join(server.url, created.joinCode, 'Fran (control)', created.facilitatorKey);
  await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
  const usa = await TestPlayer.join(server.url, created.joinCode, 'Uma');
  await usa.do({ type: 'ClaimSeat', seat: 'actor:usa' });
  const kenya = await TestPlayer.join(server.url, created.joinCode, 'Kofi');
  await kenya.do({ type: 'ClaimSeat', seat: 'actor:kenya' });
  const astra = await TestPlayer.join(server.url, created.joinCode, 'Ada');
  await astra.do({ type: 'ClaimSeat', seat: 'actor:astra' });
  return { created, facilitator, usa, kenya, astra, actors: [usa, kenya, astra] };
}

describe('an exercise played by real clients over websockets', () => {
  it('joins with the code, seats players and plays a round to its resolution', async () => {
    const { created, facilitator, usa, kenya, astra, actors } = await table();
    expect(usa.view.seats.find((s) => s.seat === 'actor:usa')?.holders.map((h) => h.name)).toEqual(['Uma']);
    expect(facilitator.legal.commands).toContain('AdvancePhase');
    expect(usa.legal.commands).not.toContain('AdvancePhase');

    await facilitator.do({ type: 'AdvancePhase' }); // round 1 briefing
    expect(usa.view.exercise).toMatchObject({ round: 1, phase: 'briefing', scenarioDate: '2031-03-10' });
    expect(usa.view.news[0]?.headline).toMatch(/2031 KX/);
    await facilitator.do({ type: 'AdvancePhase' }); // deliberation
    await usa.do({ type: 'SendMessage', to: 'public', text: 'We propose a joint campaign.' });
    await usa.do({ type: 'ProposeMission', missionTypeId: 'ki-single', direction: 'toward-end', providerId: 'usa' });
    expect(kenya.view.missions.map((m) => m.id)).toEqual(['mission-1']);
    await facilitator.do({ type: 'AdvancePhase' }); // orders
    expect(usa.view.exercise.phase).toBe('orders');
    expect(kenya.legal.fundableMissions).toEqual(['mission-1']);

    const fund = (n: number) => ({ 'mission-1': n });
    await usa.do({ type: 'SubmitOrders', orders: { observeMUsd: 200, missionFunding: fund(300) } });
    await kenya.do({ type: 'SubmitOrders', orders: { observeMUsd: 10, missionFunding: fund(20) } });
    await astra.do({ type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: fund(50) } });
    for (const p of actors) await p.do({ type: 'SetReady', ready: true });

    // The last ready-up resolves the round for everyone.
    for (const p of [facilitator, ...actors]) {
      const view = p.view;
      expect(view.exercise.phase).toBe('resolution');
      expect(view.results).toHaveLength(1);
      expect(view.results[0]).toMatchObject({ round: 1, observeTotalMUsd: 210, deflectTotalMUsd: 370 });
      expect(p.events.some((e) => e.event.type === 'RoundResolved')).toBe(true);
    }
    expect(usa.view.me?.balanceMUsd).toBe(100);
    const mission = kenya.view.missions[0]!;
    expect(mission).toMatchObject({ fundedMUsd: 370, status: 'proposed' });
    const key = created.facilitatorKey;
    const log = await api<{ events: { seq: number; type: string }[] }>(server.url, `/api/exercises/${created.exerciseId}/events`, { key });
    expect(log.body.events.map((e) => e.seq)).toEqual(log.body.events.map((_, i) => i + 1));
    expect(log.body.events.at(-1)?.type).toBe('RoundResolved');
  });

  it('shows each client exactly its seat’s playerView: no other actor’s orders, private messages or the hidden truth', async () => {
    const { created, facilitator, usa, kenya, astra } = await table();
    const display = await TestPlayer.join(server.url, created.joinCode, 'Projector');
    await display.do({ type: 'ClaimSeat', seat: 'display' });
    await facilitator.do({ type: 'AdvancePhase' });
    await facilitator.do({ type: 'AdvancePhase' });
    await usa.do({ type: 'SendMessage', to: ['kenya'], text: 'Secret: we will pay half.' });
    await kenya.do({ type: 'SendMessage', to: 'public', text: 'Kenya asks for assistance.' });
    await facilitator.do({ type: 'AdvancePhase' });
    await usa.do({ type: 'SubmitOrders', orders: { observeMUsd: 123, missionFunding: {} } });
    await usa.do({ type: 'SetReady', ready: true });
    await facilitator.do({ type: 'AdvancePhase' }); // resolves: spending reaches the control cell only
    await facilitator.do({ type: 'AdvancePhase' }); // round 2
    await facilitator.do({ type: 'AdvancePhase' });
    await astra.do({ type: 'SendMessage', to: ['usa', 'kenya'], text: 'Astra offers a launch.' });
    await facilitator.do({ type: 'AdvancePhase' });
    await kenya.do({ type: 'SubmitOrders', orders: { observeMUsd: 3, missionFunding: {} } });

    const { state } = await replayed(created.exerciseId, created.facilitatorKey);
    const seats: [TestPlayer, SeatId][] = [
      [facilitator, 'facilitator'],
      [usa, 'actor:usa'],
      [kenya, 'actor:kenya'],
      [astra, 'actor:astra'],
      [display, 'display'],
    ];
    for (const [player, seat] of seats) {
      expect(player.seat, `the seat ${seat}'s updates are for`).toBe(seat);
      expect(player.view, `what ${seat} built from its updates`).toEqual(playerView(state, seat));
    }
    // The assertions above are the rule; these spell out what it means.
    const astraWire = JSON.stringify(astra.updates);
    expect(astraWire).not.toContain('Secret: we will pay half.');
    expect(astra.view.control).toBeNull();
    expect(astra.view.me?.actorId).toBe('astra');
    for (const other of state.scenario.actors.filter((a) => a.id !== 'astra')) expect(astraWire).not.toContain(other.secretBriefing);
    expect(JSON.stringify(kenya.updates)).toContain('Secret: we will pay half.');
    expect(facilitator.view.control?.truth.encounterKm).toBe(300);
    expect(facilitator.view.control?.actors.find((a) => a.actorId === 'kenya')?.orders).toEqual({ observeMUsd: 3, missionFunding: {} });
    expect(facilitator.view.control?.spending).toContainEqual({ round: 1, actorId: 'usa', observeMUsd: 123, missionMUsd: 0 });
    expect(astra.events.some((e) => e.event.type === 'OrdersSubmitted')).toBe(false);
    expect(facilitator.events.some((e) => e.event.type === 'OrdersSubmitted')).toBe(true);
  });

  it('answers a malformed message with an error naming the problem and keeps the connection', async () => {
    const { usa, facilitator } = await table();
    const r1 = await usa.send({ type: 'SubmitOrders', orders: { observeMUsd: -5, missionFunding: 'lots' } } as Record<string, unknown>);
    expect(r1).toMatchObject({ kind: 'protocol', code: 'protocol/malformed', commandId: 't2' });
    expect((r1 as { message: string }).message).toMatch(/command\.orders\.observeMUsd: must not be negative/);
    expect((r1 as { message: string }).message).toMatch(/command\.orders\.missionFunding/);
    usa.room.send('launch-the-nukes', { now: true });
    await usa.until('the unknown message to be refused', () => usa.rejected.length === 2);
    expect(usa.rejected.at(-1)).toMatchObject({ kind: 'protocol', code: 'protocol/unknown_message' });
    usa.room.send('command', 'not even an object');
    await usa.until('the malformed command to be refused', () => usa.rejected.length === 3);
    expect(usa.rejected.at(-1)).toMatchObject({ kind: 'protocol', code: 'protocol/malformed', commandId: null });

    // A well-formed command against the rules is a rule error, not a protocol error.
    const r2 = await usa.send({ type: 'AdvancePhase' });
    expect(r2).toMatchObject({ kind: 'rule', code: 'role/not_facilitator' });
    // The connection and the room survived all of it.
    await facilitator.do({ type: 'AdvancePhase' });
    await usa.do({ type: 'SendMessage', to: 'public', text: 'Still here.' });
    expect(usa.view.messages.filter((m) => m.to === 'public').at(-1)?.text).toBe('Still here.');
  });

  it('refuses a wrong join code and keeps the facilitator seat for the key holder', async () => {
    const created = await createExercise(server.url);
    await expect(TestPlayer.join(server.url, created.joinCode, 'Eve', 'not-the-key')).rejects.toThrow(/facilitator key is not valid/);
    const lookup = await api<{ roomId: string }>(server.url, `/api/join/${created.joinCode}`);
    const { Client } = await import('colyseus.js');
    await expect(new Client(server.url.replace('http', 'ws')).joinById(lookup.body.roomId, { code: 'AAAAAA', name: 'Eve' })).rejects.toThrow(
      /join code does not belong/,
    );
    const eve = await TestPlayer.join(server.url, created.joinCode, 'Eve');
    expect(await eve.send({ type: 'ClaimSeat', seat: 'facilitator' })).toMatchObject({ code: 'seat/not_authorised' });
    expect((await api(server.url, `/api/exercises/${created.exerciseId}/events`)).status).toBe(401);
    expect((await api(server.url, `/api/exercises/${created.exerciseId}/events`, { key: 'wrong' })).status).toBe(403);
    expect((await api(server.url, '/api/join/ZZZZZZ')).status).toBe(404);
  });

  it('gives a dropped participant its seat and draft orders back when it reconnects', async () => {
    const { created, facilitator, usa, kenya } = await table();
    const [kenyaExercise, key] = [created.exerciseId, created.facilitatorKey];
    await facilitator.do({ type: 'AdvancePhase' });
    await facilitator.do({ type: 'AdvancePhase' });
    await usa.do({ type: 'SendMessage', to: ['kenya'], text: 'For Kenya only.' });
    await facilitator.do({ type: 'AdvancePhase' });
    await kenya.do({ type: 'SubmitOrders', orders: { observeMUsd: 7, missionFunding: {} } });
    const rejoinKey = kenya.welcome!.rejoinKey;
    const participantId = kenya.participantId;

    // Drop the socket without a consented leave, as bad Wi-Fi does.
    (kenya.room.connection.transport as unknown as { ws: { close(): void } }).ws.close();
    const holder = () => facilitator.view.seats.find((s) => s.seat === 'actor:kenya')?.holders[0];
    await facilitator.until('the dropped participant to show as disconnected', () => holder() !== undefined && facilitator.presence[holder()!.participantId] === false);
    expect(holder()).toMatchObject({ participantId });
    expect(facilitator.presence[participantId]).toBe(false);

    const back = await TestPlayer.join(server.url, created.joinCode, 'Kofi', undefined, rejoinKey);
    expect(back.participantId).toBe(participantId);
    await facilitator.until('the participant to show as connected again', () => holder() !== undefined && facilitator.presence[holder()!.participantId] === true);
    expect(holder()).toMatchObject({ participantId });
    expect(facilitator.presence[participantId]).toBe(true);
    expect(back.seat).toBe('actor:kenya');
    expect(back.view.me?.orders).toEqual({ observeMUsd: 7, missionFunding: {} });
    // The reconnected client still sees exactly its seat's view, and nothing of the control area.
    expect(back.view.control).toBeNull();
    expect(back.view).toEqual(playerView((await replayed(kenyaExercise, key)).state, 'actor:kenya'));
    expect(back.view.me?.actorId).toBe('kenya');
    expect(JSON.stringify(back.updates)).toContain('For Kenya only.');
    await back.do({ type: 'SetReady', ready: true });
    expect(usa.view.actors.find((a) => a.id === 'kenya')?.ready).toBe(true);
  });

  it('frees the seat when a dropped participant does not come back within the grace period', async () => {
    const quick = { grace: 5 }; // the server in this file allows 5 s
    const { facilitator, astra } = await table();
    (astra.room.connection.transport as unknown as { ws: { close(): void } }).ws.close();
    const holders = () => facilitator.view.seats.find((s) => s.seat === 'actor:astra')?.holders ?? [];
    await facilitator.until(
      'the seat to be held for its participant',
      () => holders().length === 1 && holders()[0]!.participantId === astra.participantId && facilitator.presence[astra.participantId] === false,
      2_000,
    );
    await facilitator.until('the grace period to free the seat', () => holders().length === 0, quick.grace * 1000 + 5_000);
    expect(holders()).toEqual([]);
  }, 20_000);

  it('does not let the round wait forever for a participant who dropped: once the seat is released, it resolves', async () => {
    const { facilitator, usa, kenya, astra } = await table();
    await facilitator.do({ type: 'AdvancePhase' }); // round 1 briefing
    await facilitator.do({ type: 'AdvancePhase' }); // deliberation
    await facilitator.do({ type: 'AdvancePhase' }); // orders
    for (const p of [usa, kenya]) {
      await p.do({ type: 'SubmitOrders', orders: { observeMUsd: 1, missionFunding: {} } });
      await p.do({ type: 'SetReady', ready: true });
    }
    (astra.room.connection.transport as unknown as { ws: { close(): void } }).ws.close();
    await facilitator.until('Astra to be shown disconnected', () => facilitator.presence[astra.participantId] === false, 2_000);
    expect(facilitator.view.exercise.phase).toBe('orders');
    await facilitator.until('the round to resolve without Astra', () => facilitator.view.exercise.phase === 'resolution', 5_000 + 5_000);
    expect(facilitator.view.results).toHaveLength(1);
  }, 20_000);

  it('replays the stored log to the same state hash as the live room, and to any event index', async () => {
    const { created, facilitator, usa, kenya, astra, actors } = await table();
    await facilitator.do({ type: 'AdvancePhase' }); // round 1 briefing
    for (let round = 1; round <= 2; round++) {
      await facilitator.do({ type: 'AdvancePhase' });
      await kenya.do({ type: 'SendMessage', to: ['usa', 'astra'], text: `Round ${round}: help us.` });
      await facilitator.do({ type: 'AdvancePhase' });
      await usa.do({ type: 'SubmitOrders', orders: { observeMUsd: 100 * round, missionFunding: {} } });
      await kenya.do({ type: 'SubmitOrders', orders: { observeMUsd: 5, missionFunding: {} } });
      await astra.do({ type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: {} } });
      for (const p of actors) await p.do({ type: 'SetReady', ready: true });
      await facilitator.do({ type: 'AdvancePhase' });
    }
    const live = liveRoom(created.exerciseId).exerciseState;
    const final = await replayed(created.exerciseId, created.facilitatorKey);
    expect(final.hash).toBe(stateHash(live));
    expect(final.state.round).toBe(3);

    // Any prefix of the log replays; the one just before the first resolution has no results yet.
    const log = await api<{ events: { seq: number; type: string }[] }>(server.url, `/api/exercises/${created.exerciseId}/events`, {
      key: created.facilitatorKey,
    });
    const firstResolution = log.body.events.find((e) => e.type === 'RoundResolved')!.seq;
    const before = await replayed(created.exerciseId, created.facilitatorKey, firstResolution - 1);
    expect(before.state.results).toHaveLength(0);
    expect(before.state.phase).toBe('orders');
    const after = await replayed(created.exerciseId, created.facilitatorKey, firstResolution);
    expect(after.state.results).toHaveLength(1);
    expect((await api(server.url, `/api/exercises/${created.exerciseId}/state?at=99999`, { key: created.facilitatorKey })).status).toBe(400);
  });
});
