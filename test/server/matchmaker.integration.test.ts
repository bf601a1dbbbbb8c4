// One room per exercise, made by the server: Colyseus's HTTP matchmaker must not let a
// browser create (or join-or-create) a second room for an exercise it knows the id of.
import { matchMaker } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinLookupResponse } from '../../shared/protocol.js';
import { localRoomCount } from '../../server/main.js';
import { TestPlayer, api, createExercise, startTestServer } from '../helpers/server.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('the matchmaker a browser can reach', () => {
  it('refuses to create a room for an exercise, or to join-or-create one, and still lets clients join the room the server made', async () => {
    const created = await createExercise(server.url);
    const lookup = await api<JoinLookupResponse>(server.url, `/api/join/${created.joinCode}`);
    for (const method of ['create', 'joinOrCreate', 'join']) {
      const res = await fetch(`${server.url}/matchmake/${method}/exercise`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ exerciseId: lookup.body.exerciseId }),
      });
      // Colyseus answers its matchmaker's refusals with status 200 and the error in the body.
      expect(await res.text(), `POST /matchmake/${method}/exercise`).toMatch(/invalid method/);
    }
    expect(localRoomCount(), 'rooms running').toBe(1);
    const player = await TestPlayer.join(server.url, created.joinCode, 'Ada');
    expect(player.view.exercise.scenarioId).toBe('2031-kx');
    await player.close();
  });

  it('refuses a second room for an exercise that has one, even when the server itself is asked, and the first room plays on', async () => {
    const created = await createExercise(server.url);
    const player = await TestPlayer.join(server.url, created.joinCode, 'Ada');
    const before = localRoomCount();
    await expect(matchMaker.createRoom('exercise', { exerciseId: created.exerciseId })).rejects.toThrow(/already has a room/);
    expect(localRoomCount()).toBe(before);
    await player.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    expect(player.seat).toBe('actor:usa');
    await player.close();
  });
});
