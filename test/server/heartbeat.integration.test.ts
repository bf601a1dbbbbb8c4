// The heartbeat against real sockets: a connection that stops answering is cut off and shown
// as disconnected to the table; one that is only slow for a moment (bad Wi-Fi) is not.
import type { Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { TestPlayer, createExercise, useTestServer, waitFor } from '../helpers/server.js';

const server = useTestServer();
const players: TestPlayer[] = [];
afterAll(async () => {
  await Promise.all(players.map((p) => p.close()));
});

/** The TCP socket under a player's WebSocket: pausing it stops both reading pings and answering them. */
function socketOf(player: TestPlayer): Socket {
  return (player.room.connection.transport as unknown as { ws: { _socket: Socket } }).ws._socket;
}

describe('the WebSocket heartbeat', () => {
  it('keeps a connection that goes quiet for two seconds, and cuts off one that never answers again', async () => {
    const created = await createExercise(server().url);
    const control = await TestPlayer.join(server().url, created.joinCode, 'Fran', created.facilitatorKey);
    const slow = await TestPlayer.join(server().url, created.joinCode, 'Slow Wi-Fi', undefined, undefined, { reconnect: false });
    const gone = await TestPlayer.join(server().url, created.joinCode, 'Closed lid', undefined, undefined, { reconnect: false });
    players.push(control, slow, gone);
    await waitFor(() => control.presence[slow.participantId] === true && control.presence[gone.participantId] === true, 'both shown connected');

    // Two seconds without reading a byte: under one ping interval (3 s), so at most one ping goes unanswered.
    const seenWhileSlow: boolean[] = [];
    const watch = setInterval(() => seenWhileSlow.push(control.presence[slow.participantId] === true), 100);
    socketOf(slow).pause();
    socketOf(gone).pause();
    await new Promise((r) => setTimeout(r, 2_000));
    socketOf(slow).resume();

    // The silent one is terminated after its pings go unanswered (two missed, cut at the third: 6–9 s).
    await waitFor(() => control.presence[gone.participantId] === false, 'the silent connection shown disconnected', 15_000);
    clearInterval(watch);
    expect(seenWhileSlow.length).toBeGreaterThan(20);
    expect(seenWhileSlow.every(Boolean)).toBe(true);
    expect(control.presence[slow.participantId]).toBe(true);
  }, 30_000);
});
