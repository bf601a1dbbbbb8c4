// Several server processes sharing Redis and PostgreSQL (issue 16), each a real child process
// as `npm start` runs it, with its own PUBLIC_ADDRESS. Clients are colyseus.js TestPlayers: they
// look up the exercise over HTTP at whichever address they were given and are sent by the seat
// reservation to the process that runs its room. When that process is SIGKILLed, they come back
// by themselves the way the browser client does, through an entry in front of the processes
// (tools/cluster/entry.ts, as a reverse proxy would be): four TestPlayers with `reconnect` (a
// copy of the browser's loop: look the code up again, join with the rejoin key) and one
// participant driven by the browser client's own code, client/net/session.ts, run in Node with
// a page address and storages stubbed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../shared/engine/index.js';
import type { AcceptedMessage, JoinLookupResponse } from '../../shared/protocol.js';
import { ROOM_LEASE_MS, roomLockKey } from '../../server/room-keeper.js';
import type { StoredEvent } from '../../server/store/types.js';
import * as browser from '../../client/net/session.js';
import { store as browserStore, type ConnectionStatus } from '../../client/net/store.js';
import { startEntry, type Entry } from '../../tools/cluster/entry.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../helpers/postgres.js';
import { HOST, crash, freePort, startServerProcess, stopAllServerProcesses, type ServerProcess } from '../helpers/process.js';
import { redisUnavailable, startRedis, type RedisServer } from '../helpers/redis.js';
import { TestPlayer, api, createExercise } from '../helpers/server.js';

const unavailable = redisUnavailable() ?? postgresUnavailable();
const skipped = unavailable ? ` (skipped: ${unavailable})` : '';

let postgres: PostgresCluster | undefined;
let dataDir: string;
const players: TestPlayer[] = [];
const cleanups: (() => Promise<void>)[] = [];

/** What Redis's room listing (RedisDriver's `roomcaches`) says of a room. */
interface Listing {
  processId: string;
  publicAddress?: string;
}

interface Cluster {
  redis: RedisServer;
  processes: ServerProcess[];
  /** The process whose PUBLIC_ADDRESS is the listing's. */
  hostOf(roomId: string): Promise<ServerProcess | undefined>;
  listing(roomId: string): Promise<Listing | null>;
}

/** Starts Redis, a fresh database and `count` server processes sharing both, each with PUBLIC_ADDRESS = its own address. */
async function startCluster(count: number, database: string): Promise<Cluster> {
  const redis = await startRedis();
  cleanups.push(() => redis.stop());
  const databaseUrl = await postgres!.createDatabase(database);
  const processes: ServerProcess[] = [];
  for (let i = 0; i < count; i++) {
    const port = await freePort();
    processes.push(
      await startServerProcess(port, dataDir, { env: { REDIS_URL: redis.url, DATABASE_URL: databaseUrl, PUBLIC_ADDRESS: `${HOST}:${port}`, RECONNECT_GRACE_SECONDS: '60' } }),
    );
  }
  const listing = async (roomId: string) => {
    const json = await redis.command('HGET', 'roomcaches', roomId);
    return json === null ? null : (JSON.parse(json) as Listing);
  };
  return {
    redis,
    processes,
    listing,
    hostOf: async (roomId) => {
      const found = await listing(roomId);
      return processes.find((p) => found?.publicAddress !== undefined && p.url === `http://${found.publicAddress}`);
    },
  };
}

/** Waits until `holds()` resolves true, checking every 100 ms; fails after `timeoutMs` naming `what`. */
async function waitUntil(what: string, holds: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Joins with a real colyseus.js client through `base`, takes a seat, and (with `reconnect`) comes back by itself when its connection drops. */
async function seat(base: string, code: string, name: string, seatId: 'facilitator' | `actor:${string}`, key?: string, reconnect = false): Promise<TestPlayer> {
  const player = await TestPlayer.join(base, code, name, key, undefined, { reconnect });
  players.push(player);
  await player.do({ type: 'ClaimSeat', seat: seatId });
  return player;
}

/** A Storage kept in memory, for the browser client's tab and browser memories. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
    key: (i) => [...items.keys()][i] ?? null,
    get length() {
      return items.size;
    },
  };
}

/** Makes client/net/session.ts run in Node as if on a page served at `base`. */
function pretendPageAt(base: string): void {
  const url = new URL(base);
  Object.assign(globalThis, { location: { protocol: url.protocol, host: url.host }, sessionStorage: memoryStorage(), localStorage: memoryStorage() });
}

beforeAll(async () => {
  if (unavailable) return;
  dataDir = mkdtempSync(join(tmpdir(), 'deflect-cluster-'));
  postgres = await startPostgres({ synchronous_commit: 'off', fsync: 'off' });
}, 60_000);

afterEach(async () => {
  // Clients of a killed process have no socket left to leave through: each leave is bounded.
  await Promise.all(players.splice(0).map((p) => p.close()));
  await stopAllServerProcesses();
  for (const cleanup of cleanups.splice(0)) await cleanup();
}, 30_000);

afterAll(async () => {
  await postgres?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(unavailable !== null)(`several server processes sharing Redis and PostgreSQL${skipped}`, () => {
  it('lets clients join one exercise through either of two processes and play it together in its one room, restarted once when both ask at once', async () => {
    const { processes, listing, redis } = await startCluster(2, 'two');
    const [a, b] = processes as [ServerProcess, ServerProcess];
    const created = await createExercise(a.url, 2031);
    const startedAt = Date.now();

    // The join code resolves through both processes to the same room, listed once, in one of them.
    for (const p of [a, b]) {
      const lookup = await api<JoinLookupResponse>(p.url, `/api/join/${created.joinCode}`);
      expect(lookup.status, p.url).toBe(200);
      expect(lookup.body.roomId).toBe(created.roomId);
    }
    const listed = await listing(created.roomId);
    expect(listed?.publicAddress, 'the room is listed with its process’s public address').toMatch(new RegExp(`^${HOST}:\\d+$`));
    expect([a.url, b.url]).toContain(`http://${listed!.publicAddress}`);

    // Two players through each process: all four are in the same room and see one another.
    const facilitator = await seat(a.url, created.joinCode, 'Fran (control)', 'facilitator', created.facilitatorKey);
    const usa = await seat(b.url, created.joinCode, 'Player for usa', 'actor:usa');
    const kenya = await seat(a.url, created.joinCode, 'Player for kenya', 'actor:kenya');
    const astra = await seat(b.url, created.joinCode, 'Player for astra', 'actor:astra');
    const everyone = [facilitator, usa, kenya, astra];
    for (const p of everyone) {
      await p.until('all four participants shown as connected', () => everyone.every((q) => p.presence[q.participantId] === true));
    }

    await facilitator.do({ type: 'AdvancePhase' });
    await facilitator.do({ type: 'AdvancePhase' });
    await usa.do({ type: 'SendMessage', to: 'public', text: 'Sent through the second process.' });
    await kenya.do({ type: 'SendMessage', to: 'public', text: 'Sent through the first process.' });
    for (const p of everyone) {
      await p.until('both public messages', () => ['Sent through the second process.', 'Sent through the first process.'].every((t) => p.view.messages.some((m) => m.text === t)));
      expect(p.view.exercise.phase).toBe('deliberation');
    }

    // The room's process keeps renewing the exercise's lock: it outlives its first lease.
    await new Promise((r) => setTimeout(r, Math.max(0, startedAt + ROOM_LEASE_MS + 1_000 - Date.now())));
    expect(Number((await redis.command('PTTL', roomLockKey(created.roomId)))?.slice(1)), 'the lock, renewed, still has a lease').toBeGreaterThan(0);

    // Everyone leaves: the room closes and gives the exercise up.
    await Promise.all(players.splice(0).map((p) => p.close()));
    await waitUntil('the room closed', async () => (await listing(created.roomId)) === null && (await redis.command('EXISTS', roomLockKey(created.roomId))) === ':0');

    // Both processes asked at once, many times, for the closed exercise: one room is started, in one process, holding the lock with a lease.
    const lookups = await Promise.all(Array.from({ length: 12 }, (_, i) => api<JoinLookupResponse>(processes[i % 2]!.url, `/api/join/${created.joinCode}`)));
    expect(lookups.map((l) => l.status)).toEqual(lookups.map(() => 200));
    expect(new Set(lookups.map((l) => l.body.roomId))).toEqual(new Set([created.roomId]));
    expect(await redis.command('GET', roomLockKey(created.roomId)), 'one room took the exercise’s lock').toBe('1');
    expect(Number((await redis.command('PTTL', roomLockKey(created.roomId)))?.slice(1)), 'the lock has a lease').toBeGreaterThan(0);
    const again = [await seat(a.url, created.joinCode, 'Back through A', 'actor:usa'), await seat(b.url, created.joinCode, 'Back through B', 'actor:kenya')];
    await again[0]!.do({ type: 'SendMessage', to: 'public', text: 'One room again.' });
    await again[1]!.until('the message from the other process’s client', () => again[1]!.view.messages.some((m) => m.text === 'One room again.'));

    // A second exercise made through the other process is found through the first.
    const second = await createExercise(b.url, 7);
    const viaA = await api<JoinLookupResponse>(a.url, `/api/join/${second.joinCode}`);
    expect(viaA.body).toMatchObject({ exerciseId: second.exerciseId, roomId: second.roomId });
    const player = await TestPlayer.join(a.url, second.joinCode, 'Another table');
    players.push(player);
    expect(player.view.exercise.phase).toBeDefined();
  }, 120_000);

  it('brings a SIGKILLed process’s exercise back on another of three processes, with every acknowledged command and every client back in its seat by itself', async () => {
    const cluster = await startCluster(3, 'three');
    const entry: Entry = await startEntry(
      cluster.processes.map((p) => p.url),
      0,
      HOST,
    );
    cleanups.push(() => entry.close());

    const created = await createExercise(entry.url, 2031);
    const facilitator = await seat(entry.url, created.joinCode, 'Fran (control)', 'facilitator', created.facilitatorKey, true);
    const usa = await seat(entry.url, created.joinCode, 'Player for usa', 'actor:usa', undefined, true);
    const kenya = await seat(entry.url, created.joinCode, 'Player for kenya', 'actor:kenya', undefined, true);
    const astra = await seat(entry.url, created.joinCode, 'Player for astra', 'actor:astra', undefined, true);
    const everyone = { facilitator, usa, kenya, astra };

    const acknowledged: { what: string; type: DomainEvent['type']; accepted: AcceptedMessage }[] = [];
    const record = async (what: string, type: DomainEvent['type'], answer: Promise<AcceptedMessage>) => {
      acknowledged.push({ what, type, accepted: await answer });
    };
    await record('round 1 starts', 'RoundStarted', facilitator.do({ type: 'AdvancePhase' }));
    await record('deliberation opens', 'PhaseChanged', facilitator.do({ type: 'AdvancePhase' }));
    await record('a public message', 'MessagePosted', usa.do({ type: 'SendMessage', to: 'public', text: 'The United States proposes a kinetic impactor.' }));
    await record('a mission proposal', 'MissionProposed', usa.do({ type: 'ProposeMission', missionTypeId: 'ki-single', direction: 'toward-start', providerId: 'usa' }));
    await record('orders open', 'PhaseChanged', facilitator.do({ type: 'AdvancePhase' }));
    await record('Kenya’s orders', 'OrdersSubmitted', kenya.do({ type: 'SubmitOrders', orders: { observeMUsd: 10, missionFunding: {} } }));
    await record('Kenya is ready', 'ReadinessChanged', kenya.do({ type: 'SetReady', ready: true }));
    // A fifth participant through the browser client's own code, holding Japan's seat.
    pretendPageAt(entry.url);
    const connections: ConnectionStatus[] = [];
    const unsubscribe = browserStore.subscribe((s, before) => {
      if (s.connection !== before.connection) connections.push(s.connection);
    });
    cleanups.push(async () => {
      unsubscribe();
      await browser.leaveExercise();
    });
    await browser.joinExercise(created.joinCode, 'Browser for japan', {}, null);
    await facilitator.until('the browser client connected', () => browserStore.getState().connection === 'connected' && browserStore.getState().participantId !== null);
    browser.sendCommand({ type: 'ClaimSeat', seat: 'actor:japan' });
    await facilitator.until('the browser client in Japan’s seat', () => browserStore.getState().mySeat === 'actor:japan');
    const browserBefore = browserStore.getState().participantId;

    const seatsBefore = Object.fromEntries(Object.entries(everyone).map(([k, p]) => [k, { participantId: p.participantId, seat: p.seat }]));

    // ------------------------------------------------------------ the room's process dies mid-round
    const host = await cluster.hostOf(created.roomId);
    expect(host, 'the room is listed with the address of one of the processes').toBeDefined();
    const deadProcessId = (await cluster.listing(created.roomId))!.processId;
    // The browser client sends a message as the process dies: applied or not, no answer comes.
    const inFlight = 'Japan, as the lights went out: we will fund the impactor.';
    browser.sendCommand({ type: 'SendMessage', to: 'public', text: inFlight });
    await crash(host!);

    // Every client gets back in by itself (no join by the test): same participant, same seat.
    for (const [name, p] of Object.entries(everyone)) {
      await p.until(`${name} back in the exercise`, () => p.reconnections >= 1 && p.followed !== null, 45_000);
      expect({ participantId: p.participantId, seat: p.seat }, name).toEqual(seatsBefore[name]);
    }
    await facilitator.until(
      'the browser client back in the exercise by itself',
      () => connections.includes('reconnecting') && browserStore.getState().connection === 'connected' && browserStore.getState().view !== null,
      45_000,
    );
    expect(browserStore.getState().participantId, 'the browser client is the same participant').toBe(browserBefore);
    await facilitator.until('the browser client in Japan’s seat again', () => browserStore.getState().mySeat === 'actor:japan');
    const restored = await cluster.listing(created.roomId);
    expect(restored, 'the exercise has a room again').not.toBeNull();
    expect(restored!.processId, 'in another process').not.toBe(deadProcessId);
    const newHost = await cluster.hostOf(created.roomId);
    expect(newHost).toBeDefined();
    expect(newHost).not.toBe(host);

    // Back in its seat, the browser client sent the unanswered message again: it is shown, with no failure and nothing pending.
    await facilitator.until('the message in flight at the crash', () => facilitator.view.messages.some((m) => m.text === inFlight), 30_000);
    await facilitator.until('its answer', () => Object.keys(browserStore.getState().pending).length === 0);
    expect(browserStore.getState().failures.SendMessage).toBeUndefined();

    // Every acknowledged command is in the shared log, at the seqs its answer named, and nobody was released.
    const log = await api<{ events: StoredEvent[] }>(entry.url, `/api/exercises/${created.exerciseId}/events`, { key: created.facilitatorKey });
    expect(log.status).toBe(200);
    const events = log.body.events;
    expect(events.map((e) => e.seq), 'the log is gapless').toEqual(events.map((_, i) => i + 1));
    for (const { what, type, accepted } of acknowledged) {
      expect(events.find((e) => e.seq === accepted.firstSeq)?.type, `${what} at seq ${accepted.firstSeq}`).toBe(type);
    }
    expect(events.filter((e) => e.data.type === 'ParticipantLeft')).toEqual([]);
    // The message in flight is there once, whether the dead process had stored it or not.
    expect(events.filter((e) => e.data.type === 'MessagePosted' && e.data.text === inFlight)).toHaveLength(1);

    // The restored room shows what was played and plays on, all four in it.
    for (const p of Object.values(everyone)) {
      expect(p.view.exercise.phase).toBe('orders');
      expect(p.view.messages.map((m) => m.text)).toContain('The United States proposes a kinetic impactor.');
    }
    await usa.do({ type: 'SendMessage', to: 'public', text: 'Back after the crash.' });
    for (const p of Object.values(everyone)) {
      await p.until('the message sent after the crash', () => p.view.messages.some((m) => m.text === 'Back after the crash.'));
    }
    await facilitator.until('the browser client sees it too', () => browserStore.getState().view?.messages.some((m) => m.text === 'Back after the crash.') === true);
    browser.sendCommand({ type: 'SendMessage', to: 'public', text: 'Japan is back as well.' });
    await usa.until('the browser client’s message after the crash', () => usa.view.messages.some((m) => m.text === 'Japan is back as well.'));
  }, 150_000);
});
