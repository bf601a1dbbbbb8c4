// A graceful shutdown with a command still being stored: the process stops taking joins and new
// exercises at once, the command completes and is kept, then clients are told to reconnect.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchMaker } from '@colyseus/core';
import { Client } from 'colyseus.js';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/main.js';
import { CLOSE_SERVER_RESTART } from '../../server/room.js';
import { SqliteEventStore } from '../../server/store/sqlite.js';
import type { EventStore } from '../../server/store/types.js';
import type { AcceptedMessage, RejectedMessage } from '../../shared/protocol.js';
import { NO_HTTP_LIMITS, TestPlayer, createExercise, waitFor } from '../helpers/server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'deflect-drain-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('draining for a graceful shutdown', () => {
  it('refuses joins and creations with 503 while a command in flight completes and is stored', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', shutdownTimeoutSeconds: 20, ...NO_HTTP_LIMITS });
    const created = await createExercise(server.url, 11);
    const fran = await TestPlayer.join(server.url, created.joinCode, 'Fran', created.facilitatorKey);
    await fran.do({ type: 'ClaimSeat', seat: 'facilitator' });
    const uma = await TestPlayer.join(server.url, created.joinCode, 'Uma');
    await uma.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    let umaClosedWith: number | null = null;
    uma.room.onLeave((code) => (umaClosedWith = code));

    // Hold the next append until the shutdown has begun: that command is in flight throughout.
    const room = matchMaker.getLocalRoomById(created.exerciseId) as unknown as { services: { store: EventStore }; locked: boolean };
    const store = room.services.store;
    const append = store.append.bind(store);
    let releaseAppend!: () => void;
    const held = new Promise<void>((resolve) => (releaseAppend = resolve));
    let appendStarted!: () => void;
    const started = new Promise<void>((resolve) => (appendStarted = resolve));
    store.append = async (...args) => {
      appendStarted();
      await held;
      return append(...args);
    };
    const inFlight = uma.fire({ type: 'SendMessage', to: 'public', text: 'said as the server stopped' });
    await started;

    const closing = server.close();
    const lookup = await fetch(`${server.url}/api/join/${created.joinCode}`);
    expect(lookup.status).toBe(503);
    expect(lookup.headers.get('retry-after')).toBe('5');
    expect(((await lookup.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'server/restarting', message: expect.stringMatching(/shutting down/) });
    const create = await fetch(`${server.url}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: '2031-kx' }) });
    expect(create.status).toBe(503);
    expect(create.headers.get('retry-after')).toBe('5');
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('draining');
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { draining: boolean }).draining).toBe(true);

    // Colyseus locks the room: no seat is reserved for a newcomer, and new messages are refused.
    await waitFor(() => room.locked, 'the room to be locked for the shutdown');
    await expect(new Client(server.url.replace(/^http/, 'ws')).joinById(created.exerciseId, { code: created.joinCode, name: 'Late' })).rejects.toThrow();
    const late = (await uma.fire({ type: 'SendMessage', to: 'public', text: 'too late' })) as RejectedMessage;
    expect(late.code).toBe('server/restarting');

    releaseAppend();
    const answer = (await inFlight) as AcceptedMessage;
    expect(answer).not.toHaveProperty('code');
    await closing;
    await waitFor(() => umaClosedWith !== null, 'the client to be disconnected');
    expect(umaClosedWith, 'a close the client reconnects from, not "the exercise is over" (4000)').toBe(CLOSE_SERVER_RESTART);

    const reopened = new SqliteEventStore(join(dataDir, 'deflect.db'));
    try {
      const events = await reopened.readEvents(created.exerciseId);
      expect(events.at(-1)!.seq).toBe(answer.lastSeq);
      expect(JSON.stringify(events.slice(answer.firstSeq - 1))).toContain('said as the server stopped');
      expect(JSON.stringify(events)).not.toContain('too late');
    } finally {
      await reopened.close();
    }
  }, 60_000);
});

describe('the drain pause before rooms close', () => {
  it('keeps seated clients playing while readiness says draining and joins are refused, then closes their rooms with 1012', async () => {
    const pauseS = 2;
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', shutdownDrainSeconds: pauseS, ...NO_HTTP_LIMITS });
    const created = await createExercise(server.url, 12);
    const fran = await TestPlayer.join(server.url, created.joinCode, 'Fran', created.facilitatorKey);
    await fran.do({ type: 'ClaimSeat', seat: 'facilitator' });
    const uma = await TestPlayer.join(server.url, created.joinCode, 'Uma');
    await uma.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    let umaClosedWith: number | null = null;
    let umaClosedAt = 0;
    uma.room.onLeave((code) => {
      umaClosedWith = code;
      umaClosedAt = Date.now();
    });
    const room = matchMaker.getLocalRoomById(created.exerciseId) as unknown as { locked: boolean };

    const closeAt = Date.now();
    const closing = server.close();
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { status: string }).status).toBe('draining');
    const lookup = await fetch(`${server.url}/api/join/${created.joinCode}`);
    expect(lookup.status).toBe(503);
    expect(lookup.headers.get('retry-after')).toBe('5');

    // During the pause the room plays on: a seated client's command is accepted and the others see it.
    const said = (await uma.fire({ type: 'SendMessage', to: 'public', text: 'said during the drain pause' })) as AcceptedMessage;
    expect(said).not.toHaveProperty('code');
    await fran.until('Fran to see the message', () => JSON.stringify(fran.events).includes('said during the drain pause'));
    expect(room.locked, 'no room is locked during the pause').toBe(false);
    expect(umaClosedWith).toBeNull();

    await closing;
    await waitFor(() => umaClosedWith !== null, 'the client to be disconnected');
    expect(umaClosedWith).toBe(CLOSE_SERVER_RESTART);
    expect(umaClosedAt - closeAt, 'rooms close only once the pause is over').toBeGreaterThanOrEqual(pauseS * 1000 - 50);

    const reopened = new SqliteEventStore(join(dataDir, 'deflect.db'));
    try {
      expect(JSON.stringify(await reopened.readEvents(created.exerciseId))).toContain('said during the drain pause');
    } finally {
      await reopened.close();
    }
  }, 60_000);

  it('closes the rooms at once when the pause is cut short (a second signal)', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', shutdownDrainSeconds: 600, ...NO_HTTP_LIMITS });
    const created = await createExercise(server.url, 13);
    const uma = await TestPlayer.join(server.url, created.joinCode, 'Uma');
    await uma.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    let umaClosedWith: number | null = null;
    uma.room.onLeave((code) => (umaClosedWith = code));

    const closing = server.close();
    expect((await fetch(`${server.url}/api/ready`)).status).toBe(503);
    await new Promise((r) => setTimeout(r, 300));
    expect(umaClosedWith, 'still in the pause').toBeNull();
    const cutAt = Date.now();
    server.endDrainPause();
    await closing;
    await waitFor(() => umaClosedWith !== null, 'the client to be disconnected');
    expect(umaClosedWith).toBe(CLOSE_SERVER_RESTART);
    expect(Date.now() - cutAt, 'the rest of the 600 s pause is skipped').toBeLessThan(10_000);
  }, 60_000);
});
