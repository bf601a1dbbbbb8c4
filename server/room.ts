import { randomBytes } from 'node:crypto';
import { Protocol, Room, ServerError, matchMaker, type Client, type RoomException } from '@colyseus/core';
import {
  RULES_VERSION,
  createViewCache,
  decide,
  evolve,
  eventForSeat,
  initialState,
  isControlSeat,
  legalCommands,
  logLengths,
  replayStored,
  sameLegality,
  type Command,
  type ExerciseState,
  type LegalCommands,
  type PlayerView,
  type SeatId,
  type ViewCache,
  type WorldData,
  playerView,
  seatId,
} from '../shared/engine/index.js';
import type { ParticipantRole } from '../shared/engine/seats.js';
import { formatIssues } from '../shared/validation.js';
import {
  CLOSE_SUPERSEDED,
  ClientMessage,
  MAX_CLIENT_MESSAGE_BYTES,
  ServerMessage,
  commandEnvelopeSchema,
  joinOptionsSchema,
  type AcceptedMessage,
  type RejectedMessage,
  type WelcomeMessage,
  type WireEvent,
} from '../shared/protocol.js';
import { diffView, type Presence, type SeatUpdate } from '../shared/sync.js';
import type { Config } from './config.js';
import { AppliedCommands } from './applied-commands.js';
import { FairQueue } from './fair-queue.js';
import { readRoomMessage } from './frame.js';
import { hashKey, keyMatches } from './keys.js';
import { LogBudget, type Logger } from './log.js';
import { serverMetrics } from './metrics.js';
import { TokenBucket } from './token-bucket.js';
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
  /** What the key the connection showed allows. */
  role: ParticipantRole;
  /** Set when the client showed a participant's rejoin key: the connection becomes that participant again. */
  rejoinAs: string | null;
}

/** A seat's view after a change (read before the seat's next view is built), with its log lists' lengths and the events of it the seat may see. */
interface SeatChange {
  view: PlayerView;
  logLengths: Map<readonly unknown[], number>;
  events: WireEvent[];
}

/** What the room knows of one open connection: who it speaks for and what it was last sent. */
interface Connection {
  participantId: string;
  /** The last update's number (0: none yet). */
  seq: number;
  /** The view it last received; null: the next update is a snapshot. */
  view: PlayerView | null;
  /** How long each log list of that view was when it was sent (the lists grow in place). */
  logLengths: Map<readonly unknown[], number>;
  seat: SeatId | null;
  /** The allowed commands last sent, as JSON, and the state they were computed for. */
  allowedJson: string | null;
  allowedFor: ExerciseState | null;
  allowed: LegalCommands | null;
  presenceJson: string | null;
}

/** Whether this server process is shutting down (its rooms are being disconnected). */
function shuttingDown(): boolean {
  return (matchMaker.state as matchMaker.MatchMakerState) === matchMaker.MatchMakerState.SHUTTING_DOWN;
}

/** Why a client showing a debrief key cannot join: the key reads the log, it never plays. */
export const DEBRIEF_KEY_REFUSED = 'A debrief key is read-only: it cannot join a live exercise or send it a command. Open the exercise in the debrief studio instead.';

/**
 * How a room closes its connections when its server stops (WebSocket 1012, "service restart"):
 * clients take it as an interruption and reconnect with their rejoin key, to this server once it
 * is back or to another process that restores the exercise from the log (4000 would tell them
 * the exercise is over).
 */
export const CLOSE_SERVER_RESTART = 1012;

/** What a client is told when the server is stopping and no longer takes its messages or joins. */
const RESTARTING_MESSAGE = 'The server is restarting: this was not applied. Your client reconnects by itself in a few seconds; send it again then.';

/** The participant id under which the server itself issues commands (a phase deadline passing). */
const SYSTEM = 'system';

/** The queue lane of the server's own tasks: joins, leaves, deadlines. Never bounded. */
const SERVER_LANE = '';

/** The most messages one connection may have waiting to be handled; more are refused with `rate/limited`. */
export const MAX_WAITING_PER_CONNECTION = 16;

/** The most refusals for sending too fast one connection is told per second; beyond that its extra messages are dropped unanswered. */
const MAX_RATE_REFUSALS_PER_SECOND = 20;

/** What the room keeps per connection to protect the others from it: its message budget and how often it was told so. */
interface Guard {
  bucket: TokenBucket;
  refusalWindowMs: number;
  refusals: number;
}

/** View-cache keys of participants without a seat start with this (seats' keys are their seat ids). */
const UNSEATED = 'participant:';
const unseatedKey = (participantId: string) => `${UNSEATED}${participantId}`;

/** The presence key that marks an exercise as having a room somewhere (in this process or, with Redis, any other). */
function roomLockKey(exerciseId: string): string {
  return `deflect:exercise-room:${exerciseId}`;
}

/**
 * One exercise. A thin pipeline for every command: validate (zod) → authorise and decide
 * (the engine) → append to the event store → evolve → send each connection its seat's
 * update (view patch, events, allowed commands). It holds no game rule, and Colyseus
 * carries no game data: each seat's view travels as messages (see docs/adr).
 */
export class ExerciseRoom extends Room {
  private services!: RoomServices;
  private session!: SessionRecord;
  private game!: ExerciseState;
  private lastSeq = 0;
  /** The client commands applied so far, by participant and command id: a command sent again after a lost connection is answered, not applied twice. */
  private applied = new AppliedCommands();
  /** Open connections by Colyseus session id. */
  private readonly connections = new Map<string, Connection>();
  /** Which connection holds each connected participant (at most one: a newer one takes over). */
  private readonly holders = new Map<string, string>();
  /** One view cache per seat (key: the seat, '' for none), so unchanged parts of views keep their identity. */
  private readonly viewCaches = new Map<string, ViewCache>();
  /** Commands are handled strictly one after another, connections taking turns (a flood delays only its sender). */
  private readonly queue = new FairQueue(
    (lane) => (lane === SERVER_LANE ? Infinity : MAX_WAITING_PER_CONNECTION),
    (err) => this.services.log.error({ err, exerciseId: this.session?.id }, 'command pipeline failed'),
  );
  private readonly guards = new Map<string, Guard>();
  private logBudget!: LogBudget;
  /** Whether this room holds its exercise's lock (and must release it when it closes). */
  private holdsLock = false;
  private phaseTimer: ReturnType<typeof setTimeout> | undefined;
  /** Participants without a connection (dropped, reloading, or cut off by a restart), with the timer that releases their seat. */
  private readonly awaitingReturn = new Map<string, ReturnType<typeof setTimeout>>();
  /** Set when the server stops: messages and joins are refused while the queue finishes what it holds. */
  private draining = false;

  override async onCreate(options: ExerciseRoomOptions): Promise<void> {
    this.services = options.services;
    this.logBudget = new LogBudget(this.services.log);
    this.roomId = options.exerciseId;
    // One room per exercise, wherever it runs: a second room would split the table in two.
    if ((await this.presence.incr(roomLockKey(options.exerciseId))) !== 1) {
      await this.presence.decr(roomLockKey(options.exerciseId));
      throw new ServerError(409, `Exercise ${options.exerciseId} already has a room.`);
    }
    this.holdsLock = true;
    try {
      await this.open(options.exerciseId);
    } catch (err) {
      this.holdsLock = false;
      await this.presence.del(roomLockKey(options.exerciseId));
      throw err;
    }
  }

  /** Restores the exercise from its log and starts listening to its clients. */
  private async open(exerciseId: string): Promise<void> {
    this.setPatchRate(null); // no schema state to patch on a clock: each change is sent as it happens
    const session = await this.services.store.getSession(exerciseId);
    if (!session) throw new Error(`No exercise ${exerciseId} in the store.`);
    this.session = session;
    const log = await this.services.store.readEvents(session.id);
    this.game = replayStored(initialState(session.scenario, session.seed), log);
    this.lastSeq = log.at(-1)?.seq ?? 0;
    this.applied = AppliedCommands.fromLog(log);
    this.armPhaseTimer(); // a deadline set before a restart still holds
    this.services.log.info({ exerciseId: session.id, events: this.lastSeq }, 'exercise room opened');
    // Anyone still listed as a participant was cut off by a restart. Their seats stay theirs,
    // shown as disconnected, for the grace period: a client that shows its rejoin key gets its
    // participant back; whoever has not come back by then is released.
    for (const participantId of Object.keys(this.game.participants)) {
      if (this.services.config.reconnectGraceSeconds === 0 || this.game.participants[participantId]!.rejoinKeyHash === null) {
        await this.execute(participantId, { type: 'LeaveExercise', reason: 'connection-lost' }, null);
      } else this.awaitReturn(participantId);
    }

    this.onMessage(ClientMessage.command, (client, raw: unknown) => {
      const receivedMs = performance.now();
      this.fromClient(client, raw, () => this.handleCommand(client, raw, receivedMs));
    });
    this.onMessage(ClientMessage.resync, (client) => {
      this.fromClient(client, null, async () => {
        const connection = this.connections.get(client.sessionId);
        if (!connection) return;
        connection.view = null;
        this.sendUpdate(client, connection, [], this.whoIsConnected(), new Map());
      });
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
    const { code, name, facilitatorKey, evaluatorKey, debriefKey, rejoinKey } = parsed.data;
    // Refused whether or not it is this exercise's key: the answer tells nothing about the key.
    if (debriefKey !== undefined) throw new ServerError(403, DEBRIEF_KEY_REFUSED);
    if (this.draining) throw new ServerError(503, RESTARTING_MESSAGE);
    if (code !== this.session.joinCode) throw new ServerError(403, 'That join code does not belong to this exercise.');
    let role: ParticipantRole = 'participant';
    if (facilitatorKey !== undefined) {
      if (!keyMatches(facilitatorKey, this.session.facilitatorKeyHash)) throw new ServerError(403, 'That facilitator key is not valid for this exercise.');
      role = 'facilitator';
    } else if (evaluatorKey !== undefined) {
      if (this.session.evaluatorKeyHash === null || !keyMatches(evaluatorKey, this.session.evaluatorKeyHash)) {
        throw new ServerError(403, 'That evaluator key is not valid for this exercise.');
      }
      role = 'evaluator';
    }
    let rejoinAs: string | null = null;
    if (rejoinKey !== undefined) {
      const hash = hashKey(rejoinKey);
      rejoinAs = Object.values(this.game.participants).find((p) => p.rejoinKeyHash === hash)?.id ?? null;
    }
    return { name, role, rejoinAs };
  }

  /**
   * A new participant, or one coming back with its rejoin key — after a dropped connection, a
   * reload, a closed tab or a server restart alike. A participant still held by another
   * connection (another tab, or a socket not yet known to be dead) moves to this one.
   */
  override onJoin(client: Client, options: unknown, auth: AuthData): Promise<void> {
    return this.enqueue(SERVER_LANE, async () => {
      const back = auth.rejoinAs !== null && this.game.participants[auth.rejoinAs] ? this.game.participants[auth.rejoinAs]! : null;
      if (back !== null) {
        serverMetrics.reconnection();
        const rejoinKey = (options as { rejoinKey?: string }).rejoinKey ?? '';
        this.takeOver(back.id, client);
        client.send(ServerMessage.welcome, { participantId: back.id, exerciseId: this.session.id, controller: back.role !== 'participant', role: back.role, rejoinKey } satisfies WelcomeMessage);
        this.publish([]);
        return;
      }
      const rejoinKey = randomBytes(18).toString('base64url');
      this.takeOver(client.sessionId, client);
      client.send(ServerMessage.welcome, { participantId: client.sessionId, exerciseId: this.session.id, controller: auth.role !== 'participant', role: auth.role, rejoinKey } satisfies WelcomeMessage);
      await this.execute(client.sessionId, { type: 'JoinExercise', name: auth.name, role: auth.role, rejoinKeyHash: hashKey(rejoinKey) }, null);
    });
  }

  /** Makes `client` the connection of `participantId`, closing the one that held it before (it is told why). */
  private takeOver(participantId: string, client: Client): void {
    clearTimeout(this.awaitingReturn.get(participantId));
    this.awaitingReturn.delete(participantId);
    this.keepOpenWhileAwaited();
    const previous = this.holders.get(participantId);
    const previousClient = previous === undefined ? undefined : this.clients.find((c) => c.sessionId === previous);
    if (previousClient) {
      previousClient.send(ServerMessage.superseded, { message: 'This seat was opened in another window or tab.' });
      previousClient.leave(CLOSE_SUPERSEDED);
    }
    this.connections.set(client.sessionId, { participantId, seq: 0, view: null, logLengths: new Map(), seat: null, allowedJson: null, allowedFor: null, allowed: null, presenceJson: null });
    this.holders.set(participantId, client.sessionId);
  }

  /** Holds a participant's seat for the grace period; released if no connection takes it back by then. */
  private awaitReturn(participantId: string): void {
    clearTimeout(this.awaitingReturn.get(participantId));
    this.awaitingReturn.set(
      participantId,
      setTimeout(() => {
        this.awaitingReturn.delete(participantId);
        this.keepOpenWhileAwaited();
        void this.enqueue(SERVER_LANE, async () => {
          if (!this.holders.has(participantId) && this.game.participants[participantId]) {
            await this.execute(participantId, { type: 'LeaveExercise', reason: 'connection-lost' }, null);
          }
        });
      }, this.services.config.reconnectGraceSeconds * 1000),
    );
    this.keepOpenWhileAwaited();
  }

  /**
   * Colyseus closes a room a moment after its last client leaves; a room whose participants
   * are all reloading at once (or coming back after a restart) must stay open for them.
   */
  private keepOpenWhileAwaited(): void {
    this.autoDispose = this.awaitingReturn.size === 0;
  }

  /** The participant a connection speaks for. */
  private participantOf(client: Client): string | null {
    return this.connections.get(client.sessionId)?.participantId ?? null;
  }

  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const connection = this.connections.get(client.sessionId);
    this.connections.delete(client.sessionId);
    this.guards.delete(client.sessionId);
    if (!connection) return;
    const participantId = connection.participantId;
    // Taken over by a newer connection: the participant is still here.
    if (this.holders.get(participantId) !== client.sessionId) return;
    this.holders.delete(participantId);
    // A server shutting down is not the participant leaving: the log keeps their seat, and
    // the room restored after the restart holds it for their return (see onCreate).
    if (shuttingDown()) return;
    if (consented || this.services.config.reconnectGraceSeconds === 0) {
      await this.enqueue(SERVER_LANE, () => this.execute(participantId, { type: 'LeaveExercise', reason: 'left' }, null));
      return;
    }
    this.awaitReturn(participantId);
    await this.enqueue(SERVER_LANE, async () => this.publish([]));
  }

  override async onDispose(): Promise<void> {
    if (this.holdsLock) await this.presence.del(roomLockKey(this.roomId));
    if (this.phaseTimer !== undefined) clearTimeout(this.phaseTimer);
    for (const t of this.awaitingReturn.values()) clearTimeout(t);
    this.services.log.info({ exerciseId: this.session?.id }, 'exercise room closed');
  }

  /**
   * The server is stopping (Colyseus has locked the room, so no seat is reserved any more):
   * new messages are refused with `server/restarting`, the queue runs what it had accepted (each
   * of those commands is stored before it is acknowledged), then every client is disconnected
   * with CLOSE_SERVER_RESTART, which its client takes as an interruption to reconnect from.
   */
  override onBeforeShutdown(): void {
    this.draining = true;
    void this.queue.whenIdle().then(() => this.disconnect(CLOSE_SERVER_RESTART));
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

  /** Queues one of the server's own tasks (joins, leaves, deadlines): never refused. */
  private enqueue(lane: typeof SERVER_LANE, task: () => Promise<void>): Promise<void> {
    return this.queue.push(lane, task)!;
  }

  /** Queues a task for a client's message in that client's lane; a client with too much waiting is told to slow down. */
  private fromClient(client: Client, raw: unknown, task: () => Promise<void>): void {
    if (this.draining) {
      this.reply(client, { commandId: commandIdOf(raw), kind: 'protocol', code: 'server/restarting', message: RESTARTING_MESSAGE });
      return;
    }
    if (this.queue.push(client.sessionId, task) === null) {
      this.refuseTooFast(client, commandIdOf(raw), `You have ${MAX_WAITING_PER_CONNECTION} messages waiting to be handled; wait for their answers before sending more.`);
    }
  }

  /**
   * Every message a client sends passes here before Colyseus reads it: over its budget
   * (COMMANDS_PER_SECOND, COMMAND_BURST) it is refused with `rate/limited`, over the size
   * limit with `protocol/too_large`, and a message that cannot be decoded with
   * `protocol/malformed` — the connection stays open in every case, and nothing is logged
   * beyond a few lines per client.
   */
  protected override _onMessage(client: Client & Parameters<Room['_onMessage']>[0], buffer: Buffer): void {
    if (!buffer || buffer.byteLength === 0) return;
    const nowMs = Date.now();
    let guard = this.guards.get(client.sessionId);
    if (!guard) this.guards.set(client.sessionId, (guard = { bucket: new TokenBucket(this.services.config.commandsPerSecond, this.services.config.commandBurst, nowMs), refusalWindowMs: nowMs, refusals: 0 }));
    if (!guard.bucket.take(nowMs)) {
      // Over the budget: read no more of it than its command id, and only when it is small.
      const read = buffer[0] === Protocol.ROOM_DATA && buffer.byteLength <= MAX_CLIENT_MESSAGE_BYTES ? readRoomMessage(buffer) : null;
      const waitS = Math.max(1, Math.ceil(guard.bucket.secondsUntilNext(nowMs)));
      this.refuseTooFast(client, read?.ok ? commandIdOf(read.body) : null, `You are sending faster than ${this.services.config.commandsPerSecond} messages a second; this one was not applied. Try again in ${waitS} s.`);
      return;
    }
    if (buffer[0] !== Protocol.ROOM_DATA) {
      super._onMessage(client, buffer); // the join handshake, a leave, raw bytes (answered as malformed)
      return;
    }
    const read = readRoomMessage(buffer);
    if (!read.ok) {
      this.logBudget.warn(client.sessionId, { exerciseId: this.roomId, problem: read.problem }, 'undecodable message refused');
      this.reply(client, { commandId: null, kind: 'protocol', code: 'protocol/malformed', message: `The message could not be read: ${read.problem}.` });
      return;
    }
    if (buffer.byteLength > MAX_CLIENT_MESSAGE_BYTES) {
      this.logBudget.warn(client.sessionId, { exerciseId: this.roomId, bytes: buffer.byteLength }, 'oversized message refused');
      this.reply(client, {
        commandId: commandIdOf(read.body),
        kind: 'protocol',
        code: 'protocol/too_large',
        message: `The message is ${Math.ceil(buffer.byteLength / 1024)} KiB; the most a message may be is ${MAX_CLIENT_MESSAGE_BYTES / 1024} KiB.`,
      });
      return;
    }
    super._onMessage(client, buffer);
  }

  /** Answers `rate/limited`, at most MAX_RATE_REFUSALS_PER_SECOND times a second per connection (a flood is not answered in kind). */
  private refuseTooFast(client: Client, commandId: string | null, message: string): void {
    const guard = this.guards.get(client.sessionId);
    const nowMs = Date.now();
    if (guard) {
      if (nowMs - guard.refusalWindowMs >= 1000) {
        guard.refusalWindowMs = nowMs;
        guard.refusals = 0;
      }
      if (++guard.refusals > MAX_RATE_REFUSALS_PER_SECOND) {
        serverMetrics.rejection('rate/limited');
        return;
      }
      if (guard.refusals === 1) this.logBudget.warn(client.sessionId, { exerciseId: this.roomId }, 'client sending too fast; its extra messages are refused');
    }
    this.reply(client, { commandId, kind: 'protocol', code: 'rate/limited', message });
  }

  /** Handles a client's command; `receivedMs` (performance.now()) is when the room received it, for the latency metric. */
  private async handleCommand(client: Client, raw: unknown, receivedMs: number): Promise<void> {
    const parsed = commandEnvelopeSchema.safeParse(raw);
    if (!parsed.success) {
      const tooLarge = parsed.error.issues.some((i) => i.code === 'too_big' && i.origin === 'string');
      this.reply(client, {
        commandId: commandIdOf(raw),
        kind: 'protocol',
        code: tooLarge ? 'protocol/too_large' : 'protocol/malformed',
        message: `${tooLarge ? 'Too long' : 'Malformed command'}: ${formatIssues(parsed.error.issues, '').join('; ')}`,
      });
      serverMetrics.observeCommandMs(performance.now() - receivedMs);
      return;
    }
    const participantId = this.participantOf(client);
    if (participantId === null) return; // already taken over by another connection
    const { commandId, retry } = parsed.data;
    if (retry) {
      // Sent again after a lost connection: if it was applied before, say so with what it stored then.
      const applied = this.applied.find(participantId, commandId);
      serverMetrics.retry(applied ? 'already_applied' : 'applied');
      if (applied) {
        client.send(ServerMessage.accepted, { commandId, ...applied } satisfies AcceptedMessage);
        serverMetrics.observeCommandMs(performance.now() - receivedMs);
        return;
      }
    }
    await this.execute(participantId, parsed.data.command, { client, commandId, receivedMs });
  }

  /** Decide → append → evolve → per-seat updates: the same steps for every command. */
  private async execute(participantId: string, command: Command, origin: { client: Client; commandId: string; receivedMs: number } | null): Promise<void> {
    const at = new Date().toISOString();
    const decision = decide(this.game, command, { participantId, at, world: this.services.world });
    serverMetrics.commandDecided(command.type, decision.ok);
    if (!decision.ok) {
      if (origin) {
        this.reply(origin.client, { commandId: origin.commandId, kind: 'rule', ...decision.error });
        serverMetrics.observeCommandMs(performance.now() - origin.receivedMs);
      } else this.services.log.warn({ participantId, command: command.type, error: decision.error }, 'server-issued command refused');
      return;
    }
    const appendStartMs = performance.now();
    const stored = await this.services.store.append(
      this.session.id,
      this.lastSeq,
      decision.events.map((data) => (origin ? { data, actor: participantId, at, commandId: origin.commandId } : { data, actor: participantId, at })),
      RULES_VERSION,
    );
    serverMetrics.observeAppendMs(performance.now() - appendStartMs);
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
      this.applied.record(participantId, origin.commandId, accepted);
      origin.client.send(ServerMessage.accepted, accepted);
      serverMetrics.observeCommandMs(performance.now() - origin.receivedMs);
    }
    if (this.game.phase === 'ended' && this.session.status !== 'ended') {
      this.session = { ...this.session, status: 'ended' };
      await this.services.store.setStatus(this.session.id, 'ended');
    }
  }

  /** Who is connected now: every participant of the exercise, with whether a connection holds it. */
  private whoIsConnected(): { presence: Presence; json: string } {
    const presence: Presence = {};
    for (const id of Object.keys(this.game.participants)) presence[id] = this.holders.has(id);
    return { presence, json: JSON.stringify(presence) };
  }

  /** Sends every connection its seat's update for the change that `events` made (none: presence or a join). */
  private publish(events: WireEvent[]): void {
    this.armPhaseTimer();
    const presence = this.whoIsConnected();
    const seats = new Map<string, SeatChange>();
    for (const client of this.clients) {
      const connection = this.connections.get(client.sessionId);
      if (connection) this.sendUpdate(client, connection, events, presence, seats);
    }
    // An unseated participant's own view cache goes once they are seated or gone.
    for (const key of this.viewCaches.keys()) {
      if (key.startsWith(UNSEATED) && !seats.has(key)) this.viewCaches.delete(key);
    }
  }

  /**
   * One connection's update: its seat's view (computed once per seat and change) as a patch
   * from the view it last received or as a snapshot, the events it may see, and its allowed
   * commands and the presence when they changed. Nothing is sent when nothing changed for it.
   */
  private sendUpdate(
    client: Client,
    connection: Connection,
    events: WireEvent[],
    presence: { presence: Presence; json: string },
    seats: Map<string, SeatChange>,
  ): void {
    const seat = this.game.participants[connection.participantId]?.seat ?? null;
    // Someone without a seat sees the lobby, and their own request to join a delegation and its
    // answer: their view is their own (a shared one would pass one person's answer to another).
    const viewer = seat === null ? connection.participantId : undefined;
    const key = seat ?? unseatedKey(connection.participantId);
    let forSeat = seats.get(key);
    if (!forSeat) {
      let cache = this.viewCaches.get(key);
      if (!cache) this.viewCaches.set(key, (cache = createViewCache()));
      const view = playerView(this.game, seat, cache, viewer);
      forSeat = {
        view,
        logLengths: logLengths(cache),
        events: events.flatMap((e) => {
          const shown = eventForSeat(e.event, seat, this.game, viewer);
          return shown ? [{ ...e, event: shown }] : [];
        }),
      };
      seats.set(key, forSeat);
    }
    let allowedJson = connection.allowedJson;
    if (connection.allowedFor === null || !sameLegality(connection.allowedFor, this.game)) {
      connection.allowed = legalCommands(this.game, connection.participantId, this.services.world);
      allowedJson = JSON.stringify(connection.allowed);
    }
    connection.allowedFor = this.game;
    const snapshot = connection.view === null || connection.seat !== seat;
    const sent = connection.logLengths;
    const patch = snapshot ? [] : diffView(connection.view, forSeat.view, (list) => sent.get(list));
    const allowedChanged = allowedJson !== connection.allowedJson;
    const presenceChanged = presence.json !== connection.presenceJson;
    if (!snapshot && patch.length === 0 && forSeat.events.length === 0 && !allowedChanged && !presenceChanged) return;
    const update: SeatUpdate = {
      seq: connection.seq + 1,
      logSeq: this.lastSeq,
      seat,
      view: snapshot ? { snapshot: forSeat.view } : { patch },
      events: forSeat.events,
      ...(snapshot || allowedChanged ? { allowed: connection.allowed! } : {}),
      ...(snapshot || presenceChanged ? { presence: presence.presence } : {}),
    };
    client.send(ServerMessage.update, update);
    connection.seq = update.seq;
    connection.view = forSeat.view;
    connection.logLengths = forSeat.logLengths;
    connection.seat = seat;
    connection.allowedJson = allowedJson;
    connection.presenceJson = presence.json;
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
      void this.enqueue(SERVER_LANE, () => this.execute(SYSTEM, { type: 'ExpireTimer' }, null));
    }, Math.max(1, dueMs - Date.now()));
  }

  private seatOf(client: Client): SeatId | null {
    const participantId = this.participantOf(client);
    return participantId === null ? null : (this.game.participants[participantId]?.seat ?? null);
  }

  private reply(client: Client, message: RejectedMessage): void {
    serverMetrics.rejection(message.code);
    client.send(ServerMessage.rejected, message);
  }
}

/** The `commandId` of a message that may be anything, when it has a usable one. */
function commandIdOf(raw: unknown): string | null {
  const id = (raw as { commandId?: unknown } | null | undefined)?.commandId;
  return typeof id === 'string' && id.length > 0 && id.length <= 64 ? id : null;
}
