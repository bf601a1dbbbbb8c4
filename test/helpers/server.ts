import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Room } from 'colyseus.js';
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../server/main.js';
import type { Config } from '../../server/config.js';
import {
  CLOSE_SUPERSEDED,
  ClientMessage,
  ServerMessage,
  type AcceptedMessage,
  type CreateExerciseResponse,
  type JoinLookupResponse,
  type RejectedMessage,
  type WelcomeMessage,
  type WireEvent,
} from '../../shared/protocol.js';
import type { ClientCommand } from '../../shared/engine/commands.js';
import { NO_LEGAL_COMMANDS, type LegalCommands } from '../../shared/engine/legal-commands.js';
import type { SeatId } from '../../shared/engine/seats.js';
import type { PlayerView } from '../../shared/engine/view.js';
import { followUpdate, isGap, type FollowedView, type Presence, type SeatUpdate } from '../../shared/sync.js';

/**
 * Per-address HTTP limits out of the way: a test plays many tables from one address within
 * seconds. The limits themselves are tested at their defaults (test/server/http-limits…).
 */
export const NO_HTTP_LIMITS: Partial<Config> = { createPerHour: 1e6, createGlobalPerHour: 1e6, joinLookupsPerMinute: 1e6, matchmakePerMinute: 1e6 };

/**
 * A real Deflect server on a free port with its own temporary data folder (without per-address
 * HTTP limits unless `overrides` sets them). It walks only the corridors its tables use, not all
 * ten scenarios' in the background: seconds of CPU that would slow the tests beside it.
 */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deflect-test-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', warmCorridors: false, ...NO_HTTP_LIMITS, ...overrides });
  return {
    ...server,
    dataDir,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** One test server for a test file: started before its tests, closed after them. Call at the file's top level. */
export function useTestServer(overrides: Partial<Config> = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(overrides);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('The test server has not started yet.');
    return server;
  };
}

/** Waits until `condition()` holds, checking every 20 ms; fails after `timeoutMs` naming `what`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function api<T>(base: string, path: string, init?: { method?: string; body?: unknown; key?: string }): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method: init?.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init?.key ? { 'x-facilitator-key': init.key } : {}) },
    body: init?.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export async function createExercise(base: string, seed = 42): Promise<CreateExerciseResponse> {
  const { status, body } = await api<CreateExerciseResponse>(base, '/api/exercises', { method: 'POST', body: { scenarioId: '2031-kx', seed } });
  if (status !== 201) throw new Error(`create failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

const framesByRoom = new WeakMap<Room, Uint8Array[]>();
let recordingFrames = false;

/**
 * From now on, keeps every WebSocket frame any test client receives, exactly as it arrived
 * (for tests that search all of them for secrets). Call before the clients join.
 */
export function recordAllFrames(): void {
  if (recordingFrames) return;
  recordingFrames = true;
  const proto = Room.prototype as unknown as { onMessageCallback(this: Room, event: MessageEvent): void };
  const original = proto.onMessageCallback;
  proto.onMessageCallback = function (this: Room, event: MessageEvent) {
    let frames = framesByRoom.get(this);
    if (!frames) framesByRoom.set(this, (frames = []));
    frames.push(new Uint8Array(event.data as ArrayBuffer).slice());
    original.call(this, event);
  };
}

/** Keys a client may show when joining: the facilitator's, an evaluator's, and a participant's rejoin key. */
export interface JoinKeys {
  facilitatorKey?: string;
  evaluatorKey?: string;
  rejoinKey?: string;
}

/** A participant driving a real colyseus.js client, recording everything the server tells it. */
export class TestPlayer {
  readonly rejected: RejectedMessage[] = [];
  readonly accepted: AcceptedMessage[] = [];
  readonly events: WireEvent[] = [];
  /** Every update received, in order (snapshots and patches). */
  readonly updates: SeatUpdate[] = [];
  /** Updates that did not apply (each answered with a request for a snapshot). */
  readonly gaps: string[] = [];
  legal: LegalCommands = NO_LEGAL_COMMANDS;
  presence: Presence = {};
  /** The seat's view as the updates built it, exactly as the browser client builds it. */
  followed: FollowedView | null = null;
  /** The server's welcome: who this client is, and the key that gives its seat back after a restart. */
  welcome: WelcomeMessage | null = null;
  /** Set when another connection took this participant over. */
  superseded = false;
  /** How many times this client got back into the exercise by itself after its connection dropped. */
  reconnections = 0;
  /** The connection now in use (a new one after each reconnection). */
  room: Room;
  /** Every connection this client used, first to last. */
  private readonly rooms: Room[] = [];
  private counter = 0;
  private waiters: { id: string; resolve: (r: AcceptedMessage | RejectedMessage) => void }[] = [];
  private closed = false;

  private constructor(
    room: Room,
    private readonly joinedWith: { base: string; code: string; name: string; keys: JoinKeys; reconnect: boolean },
  ) {
    this.room = room;
    this.listen(room);
  }

  /** Every frame this client received on any of its connections (needs recordAllFrames() before joining). */
  get frames(): Uint8Array[] {
    return this.rooms.flatMap((r) => framesByRoom.get(r) ?? []);
  }

  private listen(room: Room): void {
    this.rooms.push(room);
    room.onLeave((code) => {
      if (room !== this.room || this.closed || !this.joinedWith.reconnect) return;
      if (code === 1000 || code === 4000 || code === CLOSE_SUPERSEDED) return;
      void this.comeBack();
    });
    room.onMessage(ServerMessage.accepted, (m: AcceptedMessage) => {
      this.accepted.push(m);
      this.settle(m.commandId, m);
    });
    room.onMessage(ServerMessage.rejected, (m: RejectedMessage) => {
      this.rejected.push(m);
      if (m.commandId) this.settle(m.commandId, m);
    });
    room.onMessage(ServerMessage.update, (u: SeatUpdate) => {
      this.updates.push(u);
      this.events.push(...u.events);
      if (u.allowed) this.legal = u.allowed;
      if (u.presence) this.presence = u.presence;
      const result = followUpdate(this.followed, u);
      if (isGap(result)) {
        this.gaps.push(result.reason);
        room.send(ClientMessage.resync);
      } else this.followed = result;
    });
    room.onMessage(ServerMessage.welcome, (m: WelcomeMessage) => (this.welcome = m));
    room.onMessage(ServerMessage.superseded, () => (this.superseded = true));
  }

  /**
   * What the browser client does when its connection drops (client/net/session.ts): finds the
   * exercise by its code and joins again with its rejoin key, retrying with growing pauses while
   * the server cannot be reached, until it is back as the same participant.
   */
  private async comeBack(): Promise<void> {
    const { base, code, name, keys } = this.joinedWith;
    const delays = [250, 500, 1000, 2000];
    for (let attempt = 0; !this.closed; attempt++) {
      await new Promise((r) => setTimeout(r, delays[Math.min(attempt, delays.length - 1)]));
      try {
        const lookup = await api<JoinLookupResponse>(base, `/api/join/${code}`);
        if (lookup.status !== 200) continue;
        const client = new Client(base.replace(/^http/, 'ws'));
        const room = await client.joinById(lookup.body.roomId, { code, name, ...controlKeys(keys), rejoinKey: this.welcome!.rejoinKey });
        this.followed = null;
        this.room = room;
        this.listen(room);
        this.reconnections++;
        return;
      } catch {
        // The server is not there yet (restarting): try again.
      }
    }
  }

  /** Closes the connection the way a reloaded or closed page does (not a leave: the seat stays held), and stops coming back. */
  async drop(): Promise<void> {
    this.closed = true;
    await Promise.race([this.room.leave(false).catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]);
  }

  /** Leaves for good and stops coming back. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.race([this.room.leave(true).catch(() => undefined), new Promise((r) => setTimeout(r, 1_000))]);
  }

  /** The seat's view as this client holds it (throws before the first snapshot). */
  get view(): PlayerView {
    if (!this.followed) throw new Error('No snapshot has arrived yet.');
    return this.followed.view;
  }

  /** The seat this client's view is for. */
  get seat(): SeatId | null {
    return this.followed?.seat ?? null;
  }

  /** The participant this client speaks for. */
  get participantId(): string {
    return this.welcome?.participantId ?? this.room.sessionId;
  }

  /**
   * Joins with a real colyseus.js client (as the participant of `rejoinKey`, if given) and waits
   * for the first snapshot. With `reconnect`, the client gets back in by itself whenever its
   * connection drops, as the browser client does.
   */
  static async join(base: string, code: string, name: string, facilitatorKey?: string, rejoinKey?: string, options: { reconnect?: boolean; evaluatorKey?: string } = {}): Promise<TestPlayer> {
    const keys: JoinKeys = { ...(facilitatorKey ? { facilitatorKey } : {}), ...(options.evaluatorKey ? { evaluatorKey: options.evaluatorKey } : {}) };
    const lookup = await api<JoinLookupResponse>(base, `/api/join/${code}`);
    const client = new Client(base.replace(/^http/, 'ws'));
    const room = await client.joinById(lookup.body.roomId, { code, name, ...controlKeys(keys), ...(rejoinKey ? { rejoinKey } : {}) });
    const player = new TestPlayer(room, { base, code, name, keys, reconnect: options.reconnect ?? false });
    await player.until('the first snapshot', () => player.followed !== null);
    return player;
  }

  private settle(id: string, r: AcceptedMessage | RejectedMessage): void {
    this.waiters.filter((w) => w.id === id).forEach((w) => w.resolve(r));
    this.waiters = this.waiters.filter((w) => w.id !== id);
  }

  /** Sends an envelope as it is (its own command id, `retry` if set) and resolves with the server's answer to that id. */
  sendEnvelope(envelope: { commandId: string; command: ClientCommand; retry?: true }): Promise<AcceptedMessage | RejectedMessage> {
    const answer = new Promise<AcceptedMessage | RejectedMessage>((resolve) => this.waiters.push({ id: envelope.commandId, resolve }));
    this.room.send(ClientMessage.command, envelope);
    return answer;
  }

  /** Sends a command and waits for the server's answer. */
  send(command: ClientCommand | Record<string, unknown>): Promise<AcceptedMessage | RejectedMessage> {
    const commandId = `t${++this.counter}`;
    const answer = new Promise<AcceptedMessage | RejectedMessage>((resolve) => this.waiters.push({ id: commandId, resolve }));
    this.room.send(ClientMessage.command, { commandId, command });
    return answer.then(async (r) => {
      await this.settled();
      return r;
    });
  }

  /** Sends a command and resolves with the server's answer, without waiting for other clients' updates. */
  fire(command: ClientCommand): Promise<AcceptedMessage | RejectedMessage> {
    const commandId = `t${++this.counter}`;
    const answer = new Promise<AcceptedMessage | RejectedMessage>((resolve) => this.waiters.push({ id: commandId, resolve }));
    this.room.send(ClientMessage.command, { commandId, command });
    return answer;
  }

  /** Sends a command that must be accepted. */
  async do(command: ClientCommand): Promise<AcceptedMessage> {
    const r = await this.send(command);
    if ('code' in r) throw new Error(`${command.type} refused: ${r.code}: ${r.message}`);
    return r;
  }

  /**
   * Waits until `holds()` is true of what this client has received, checking after each message
   * and every 20 ms; fails after `timeoutMs` naming `what`. For waits on the server's own timers,
   * which a loaded machine may run late: a fixed sleep there makes a test flaky.
   */
  async until(what: string, holds: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!holds()) {
      if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}; it did not happen.`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Lets pending patches and messages arrive. */
  settled(ms = 60): Promise<void> {
    return new Promise((r) => setTimeout(r, ms));
  }

}

/** The join options that carry a control key, if any. */
function controlKeys(keys: JoinKeys): Pick<JoinKeys, 'facilitatorKey' | 'evaluatorKey'> {
  return { ...(keys.facilitatorKey ? { facilitatorKey: keys.facilitatorKey } : {}), ...(keys.evaluatorKey ? { evaluatorKey: keys.evaluatorKey } : {}) };
}
