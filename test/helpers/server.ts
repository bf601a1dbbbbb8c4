import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Room } from 'colyseus.js';
import { startServer, type RunningServer } from '../../server/main.js';
import type { Config } from '../../server/config.js';
import {
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
import type { LegalCommands } from '../../shared/engine/legal.js';
import { emptyLegal } from '../../client/net/store.js';

/** A real Deflect server on a free port with its own temporary data folder. */
export async function startTestServer(overrides: Partial<Config> = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deflect-test-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', ...overrides });
  return {
    ...server,
    dataDir,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
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

/** A participant driving a real colyseus.js client, recording everything the server tells it. */
export class TestPlayer {
  readonly rejected: RejectedMessage[] = [];
  readonly accepted: AcceptedMessage[] = [];
  readonly events: WireEvent[] = [];
  legal: LegalCommands = emptyLegal;
  /** The server's welcome: who this client is, and the key that gives its seat back after a restart. */
  welcome: WelcomeMessage | null = null;
  private counter = 0;
  private waiters: { id: string; resolve: (r: AcceptedMessage | RejectedMessage) => void }[] = [];

  private constructor(readonly room: Room) {
    room.onMessage(ServerMessage.accepted, (m: AcceptedMessage) => {
      this.accepted.push(m);
      this.settle(m.commandId, m);
    });
    room.onMessage(ServerMessage.rejected, (m: RejectedMessage) => {
      this.rejected.push(m);
      if (m.commandId) this.settle(m.commandId, m);
    });
    room.onMessage(ServerMessage.events, (m: { events: WireEvent[] }) => this.events.push(...m.events));
    room.onMessage(ServerMessage.legal, (l: LegalCommands) => (this.legal = l));
    room.onMessage(ServerMessage.welcome, (m: WelcomeMessage) => (this.welcome = m));
  }

  static async join(base: string, code: string, name: string, facilitatorKey?: string, rejoinKey?: string): Promise<TestPlayer> {
    const lookup = await api<JoinLookupResponse>(base, `/api/join/${code}`);
    const client = new Client(base.replace(/^http/, 'ws'));
    const room = await client.joinById(lookup.body.roomId, { code, name, ...(facilitatorKey ? { facilitatorKey } : {}), ...(rejoinKey ? { rejoinKey } : {}) });
    const player = new TestPlayer(room);
    await player.settled();
    return player;
  }

  static async reconnect(base: string, token: string): Promise<TestPlayer> {
    const client = new Client(base.replace(/^http/, 'ws'));
    const player = new TestPlayer(await client.reconnect(token));
    await player.settled();
    return player;
  }

  private settle(id: string, r: AcceptedMessage | RejectedMessage): void {
    this.waiters.filter((w) => w.id === id).forEach((w) => w.resolve(r));
    this.waiters = this.waiters.filter((w) => w.id !== id);
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

  json(): import('../../client/net/wire.js').WireStateJson {
    return (this.room.state as { toJSON(): import('../../client/net/wire.js').WireStateJson }).toJSON();
  }
}
