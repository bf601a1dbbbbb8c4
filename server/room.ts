import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Room, ServerError, matchMaker, type Client, type RoomException } from '@colyseus/core';
import { StateView } from '@colyseus/schema';
import {
  RULES_VERSION,
  actorOfSeat,
  decide,
  evolve,
  eventForSeat,
  initialState,
  isControlSeat,
  legalCommands,
  replay,
  type Command,
  type ExerciseState,
  type SeatId,
  type WorldData,
  playerView,
  seatId,
} from '../shared/engine/index.js';
import { formatIssues } from '../shared/validation.js';
import {
  ClientMessage,
  ServerMessage,
  commandEnvelopeSchema,
  joinOptionsSchema,
  type AcceptedMessage,
  type RejectedMessage,
  type WelcomeMessage,
  type WireEvent,
} from '../shared/protocol.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { project } from './projection.js';
import { ExerciseRoomState } from './schema.js';
import type { EventStore, SessionRecord } from './store/types.js';

/** What every exercise room needs from the server that hosts it. */
export interface RoomServices {
  store: EventStore;
  config: Config;
  log: Logger;
  /** The map and city data the rules consult when an impact happens (loaded once per process). */
  world: WorldData;
}

export interface ExerciseRoomOptions {
  services: RoomServices;
  exerciseId: string;
}

interface AuthData {
  name: string;
  controller: boolean;
  /** Set when the client showed the rejoin key of a participant cut off by a restart: it becomes that participant. */
  rejoinAs: string | null;
}

/** SHA-256 of a facilitator key, hex: what the store keeps instead of the key. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Whether this server process is shutting down (its rooms are being disconnected). */
function shuttingDown(): boolean {
  return (matchMaker.state as matchMaker.MatchMakerState) === matchMaker.MatchMakerState.SHUTTING_DOWN;
}

/** The participant id under which the server itself issues commands (a phase deadline passing). */
const SYSTEM = 'system';

function keyMatches(key: string, expectedHash: string): boolean {
  const a = Buffer.from(hashKey(key), 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * One exercise. A thin pipeline for every command: validate (zod) → authorise and decide
 * (the engine) → append to the event store → evolve → project → patch → send events.
 * It holds no game rule.
 */
export class ExerciseRoom extends Room<ExerciseRoomState> {
  private services!: RoomServices;
  private session!: SessionRecord;
  private game!: ExerciseState;
  private lastSeq = 0;
  private readonly connected = new Set<string>();
  /** Commands are handled strictly one after another, in arrival order. */
  private queue: Promise<void> = Promise.resolve();
  private phaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** Participants cut off by a restart, with the timer that releases them if they do not come back. */
  private readonly awaitingRejoin = new Map<string, ReturnType<typeof setTimeout>>();
  /** Connections that took back a participant from before a restart: session id → participant id. */
  private readonly aliases = new Map<string, string>();

  override async onCreate(options: ExerciseRoomOptions): Promise<void> {
    this.services = options.services;
    this.roomId = options.exerciseId;
    this.setPatchRate(null); // turn-based: a patch goes out right after each accepted command
    const session = await this.services.store.getSession(options.exerciseId);
    if (!session) throw new Error(`No exercise ${options.exerciseId} in the store.`);
    this.session = session;
    const log = await this.services.store.readEvents(session.id);
    this.game = replay(initialState(session.scenario, session.seed), log.map((e) => e.data));
    this.lastSeq = log.at(-1)?.seq ?? 0;
    this.state = new ExerciseRoomState();
    project(this.state, this.game, this.connected);
    this.armPhaseTimer(); // a deadline set before a restart still holds
    this.services.log.info({ exerciseId: session.id, events: this.lastSeq }, 'exercise room opened');
    // Anyone still listed as a participant was cut off by a restart. Their seats stay theirs,
    // shown as disconnected, for the grace period: a tab that shows its rejoin key gets its
    // participant back; whoever has not come back by then is released.
    const grace = this.services.config.reconnectGraceSeconds;
    for (const participantId of Object.keys(this.game.participants)) {
      if (grace === 0 || this.game.participants[participantId]!.rejoinKeyHash === null) {
        await this.execute(participantId, { type: 'LeaveExercise', reason: 'connection-lost' }, null);
        continue;
      }
      this.awaitingRejoin.set(
        participantId,
        setTimeout(() => {
          this.awaitingRejoin.delete(participantId);
          void this.enqueue(() => this.execute(participantId, { type: 'LeaveExercise', reason: 'connection-lost' }, null));
        }, grace * 1000),
      );
    }

    this.onMessage(ClientMessage.command, (client, raw: unknown) => {
      this.enqueue(() => this.handleCommand(client, raw));
    });
    this.onMessage(ClientMessage.viewAs, (client, raw: unknown) => {
      const seat = seatId.safeParse(raw);
      if (!seat.success) {
        this.reply(client, { commandId: null, kind: 'protocol', code: 'protocol/malformed', message: `viewAs: ${formatIssues(seat.error.issues, '', 'seat').join('; ')}` });
        return;
      }
      if (!isControlSeat(this.seatOf(client))) {
        this.reply(client, { commandId: null, kind: 'rule', code: 'role/not_control', message: 'Only the control cell can see the exercise as another seat.' });
        return;
      }
      client.send(ServerMessage.viewAs, { seat: seat.data, view: playerView(this.game, seat.data) });
    });
    this.onMessage('*', (client, type) => {
      this.reply(client, {
        commandId: null,
        kind: 'protocol',
        code: 'protocol/unknown_message',
        message: `Unknown message type '${String(type)}'; send commands as '${ClientMessage.command}'.`,
      });
    });
  }

  override onAuth(_client: Client, rawOptions: unknown): AuthData {
    const parsed = joinOptionsSchema.safeParse(rawOptions);
    if (!parsed.success) throw new ServerError(400, formatIssues(parsed.error.issues, '').join('; '));
    const { code, name, facilitatorKey, rejoinKey } = parsed.data;
    if (code !== this.session.joinCode) throw new ServerError(403, 'That join code does not belong to this exercise.');
    if (facilitatorKey !== undefined && !keyMatches(facilitatorKey, this.session.facilitatorKeyHash)) {
      throw new ServerError(403, 'That facilitator key is not valid for this exercise.');
    }
    let rejoinAs: string | null = null;
    if (rejoinKey !== undefined) {
      const hash = hashKey(rejoinKey);
      rejoinAs = [...this.awaitingRejoin.keys()].find((id) => this.game.participants[id]?.rejoinKeyHash === hash) ?? null;
    }
    return { name, controller: facilitatorKey !== undefined, rejoinAs };
  }

  override onJoin(client: Client, options: unknown, auth: AuthData): Promise<void> {
    client.view = new StateView();
    return this.enqueue(async () => {
      const rejoined = auth.rejoinAs !== null && this.awaitingRejoin.has(auth.rejoinAs) ? auth.rejoinAs : null;
      if (rejoined !== null) {
        // The same participant, back after a restart: same id, same seat, same drafts.
        clearTimeout(this.awaitingRejoin.get(rejoined));
        this.awaitingRejoin.delete(rejoined);
        this.aliases.set(client.sessionId, rejoined);
        this.connected.add(rejoined);
        const p = this.game.participants[rejoined]!;
        client.send(ServerMessage.welcome, { participantId: rejoined, exerciseId: this.session.id, controller: p.controller, rejoinKey: (options as { rejoinKey?: string }).rejoinKey ?? '' });
        this.publish([]);
        return;
      }
      const rejoinKey = randomBytes(18).toString('base64url');
      this.connected.add(client.sessionId);
      const welcome: WelcomeMessage = { participantId: client.sessionId, exerciseId: this.session.id, controller: auth.controller, rejoinKey };
      client.send(ServerMessage.welcome, welcome);
      await this.execute(client.sessionId, { type: 'JoinExercise', name: auth.name, controller: auth.controller, rejoinKeyHash: hashKey(rejoinKey) }, null);
    });
  }

  /** The participant a connection speaks for (its own session id, unless it took back a participant after a restart). */
  private participantOf(client: Client): string {
    return this.aliases.get(client.sessionId) ?? client.sessionId;
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const participantId = this.participantOf(client);
    this.connected.delete(participantId);
    // A server shutting down is not the participant leaving: the log keeps their seat, and
    // the room restored after the restart releases it (see onCreate).
    if (shuttingDown()) return;
    if (consented || this.services.config.reconnectGraceSeconds === 0) {
      await this.enqueue(() => this.execute(participantId, { type: 'LeaveExercise', reason: 'left' }, null));
      return;
    }
    await this.enqueue(async () => this.publish([]));
    try {
      // Colyseus hands the old client's StateView to the reconnected one.
      await this.allowReconnection(client, this.services.config.reconnectGraceSeconds);
      await this.enqueue(async () => {
        this.connected.add(participantId);
        this.publish([]);
      });
    } catch {
      if (shuttingDown()) return;
      await this.enqueue(() => this.execute(participantId, { type: 'LeaveExercise', reason: 'connection-lost' }, null));
    }
  }

  override onDispose(): void {
    if (this.phaseTimer !== undefined) clearTimeout(this.phaseTimer);
    for (const t of this.awaitingRejoin.values()) clearTimeout(t);
    this.services.log.info({ exerciseId: this.session?.id }, 'exercise room closed');
  }

  override onUncaughtException(error: RoomException<this>, methodName: string): void {
    this.services.log.error({ err: error.cause ?? error, methodName, exerciseId: this.session?.id }, 'uncaught exception in exercise room');
  }

  /** The exercise's state as the room holds it (for tests and the HTTP API's comparisons). */
  get exerciseState(): ExerciseState {
    return this.game;
  }

  get lastEventSeq(): number {
    return this.lastSeq;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task);
    this.queue = run.catch((err: unknown) => {
      this.services.log.error({ err, exerciseId: this.session.id }, 'command pipeline failed');
    });
    return this.queue;
  }

  private async handleCommand(client: Client, raw: unknown): Promise<void> {
    const parsed = commandEnvelopeSchema.safeParse(raw);
    if (!parsed.success) {
      const commandId = typeof (raw as { commandId?: unknown })?.commandId === 'string' ? (raw as { commandId: string }).commandId : null;
      this.reply(client, {
        commandId,
        kind: 'protocol',
        code: 'protocol/malformed',
        message: `Malformed command: ${formatIssues(parsed.error.issues, '').join('; ')}`,
      });
      return;
    }
    await this.execute(this.participantOf(client), parsed.data.command, { client, commandId: parsed.data.commandId });
  }

  /** Decide → append → evolve → project → patch → events: the same steps for every command. */
  private async execute(participantId: string, command: Command, origin: { client: Client; commandId: string } | null): Promise<void> {
    const at = new Date().toISOString();
    const decision = decide(this.game, command, { participantId, at, world: this.services.world });
    if (!decision.ok) {
      if (origin) this.reply(origin.client, { commandId: origin.commandId, kind: 'rule', ...decision.error });
      else this.services.log.warn({ participantId, command: command.type, error: decision.error }, 'server-issued command refused');
      return;
    }
    const stored = await this.services.store.append(
      this.session.id,
      this.lastSeq,
      decision.events.map((data) => ({ data, actor: participantId, at })),
      RULES_VERSION,
    );
    for (const e of stored) this.game = evolve(this.game, e.data);
    this.lastSeq = stored.at(-1)?.seq ?? this.lastSeq;
    this.publish(stored.map((e) => ({ seq: e.seq, at: e.at, event: e.data })));
    if (origin) {
      const accepted: AcceptedMessage = {
        commandId: origin.commandId,
        // A command that changed nothing stored nothing: an empty range after the last event.
        firstSeq: stored[0]?.seq ?? this.lastSeq + 1,
        lastSeq: this.lastSeq,
      };
      origin.client.send(ServerMessage.accepted, accepted);
    }
    if (this.game.phase === 'ended' && this.session.status !== 'ended') {
      this.session = { ...this.session, status: 'ended' };
      await this.services.store.setStatus(this.session.id, 'ended');
    }
  }

  /** Projects the state, fits each client's StateView to its seat, sends the patch, then the events each seat may see. */
  private publish(events: WireEvent[]): void {
    this.armPhaseTimer();
    project(this.state, this.game, this.connected);
    for (const client of this.clients) this.fitView(client);
    this.broadcastPatch();
    for (const client of this.clients) {
      const seat = this.seatOf(client);
      const visible = events.flatMap((e) => {
        const shown = eventForSeat(e.event, seat, this.game);
        return shown ? [{ ...e, event: shown }] : [];
      });
      if (visible.length > 0) client.send(ServerMessage.events, { events: visible });
      client.send(ServerMessage.legal, legalCommands(this.game, this.participantOf(client)));
    }
  }

  /** Schedules the server's ExpireTimer command for the phase deadline, if one is set and play is not paused. */
  private armPhaseTimer(): void {
    // A plain timer: the room's clock only ticks with a patch interval, and patches here are sent per command.
    if (this.phaseTimer !== undefined) clearTimeout(this.phaseTimer);
    this.phaseTimer = undefined;
    const deadline = this.game.phaseDeadline;
    if (deadline === null || this.game.paused) return;
    const dueMs = Date.parse(deadline);
    this.phaseTimer = setTimeout(() => {
      this.phaseTimer = undefined;
      // Node may fire a timer a millisecond before Date.now() reaches the deadline, and the
      // engine refuses an early ExpireTimer: wait out the rest instead of dropping the timer.
      if (Date.now() < dueMs) {
        this.armPhaseTimer();
        return;
      }
      void this.enqueue(() => this.execute(SYSTEM, { type: 'ExpireTimer' }, null));
    }, Math.max(1, dueMs - Date.now()));
  }

  private seatOf(client: Client): SeatId | null {
    return this.game.participants[this.participantOf(client)]?.seat ?? null;
  }

  /** Secrets reach a client only through its StateView: its own actor's private area, or everything for the control cell. */
  private fitView(client: Client): void {
    const view = client.view;
    if (!view) return;
    const seat = this.seatOf(client);
    const actorId = actorOfSeat(seat);
    const control = isControlSeat(seat);
    for (const [id, area] of this.state.privates) {
      const allowed = control || id === actorId;
      if (allowed && !view.has(area)) view.add(area);
      if (!allowed && view.has(area)) view.remove(area);
    }
    const controlArea = this.state.control.get('control')!;
    if (control && !view.has(controlArea)) view.add(controlArea);
    if (!control && view.has(controlArea)) view.remove(controlArea);
  }

  private reply(client: Client, message: RejectedMessage): void {
    client.send(ServerMessage.rejected, message);
  }
}
