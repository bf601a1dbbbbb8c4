import { Client, type Room } from 'colyseus.js';
import type { ClientCommand } from '../../shared/engine/commands.js';
import { NO_LEGAL_COMMANDS, type LegalCommands } from '../../shared/engine/legal-commands.js';
import { actorOfSeat, actorSeat, type SeatId } from '../../shared/engine/seats.js';
import type { PlayerView } from '../../shared/engine/view.js';
import { followUpdate, isGap, type FollowedView, type SeatUpdate } from '../../shared/sync.js';
import {
  ClientMessage,
  ServerMessage,
  type AcceptedMessage,
  type CommandEnvelope,
  type HttpError,
  type JoinLookupResponse,
  type RejectedMessage,
} from '../../shared/protocol.js';
import { candidateMoves, drawRoundPlan, type Move, type RoundPlan } from '../../shared/bots/policy.js';
import { Xorshift32, seedFromText } from '../../shared/bots/random.js';

export interface BotOptions {
  /** The server's HTTP address, e.g. `http://localhost:2567`. */
  url: string;
  /** The exercise's join code. */
  code: string;
  /** The participant's name at the table; it also seeds the bot's choices. */
  name: string;
  /** Pause before each move, drawn between these bounds (ms), so people at the table can follow. */
  delayMs?: readonly [number, number];
  /** How long to wait for the server's answer to a command before moving on (ms). */
  replyTimeoutMs?: number;
  /** Where the bot reports refusals and how it stopped; with `verbose`, every move too. */
  log?: (line: string) => void;
  verbose?: boolean;
  /** Told of the bot's connection as soon as it has joined, for tools that watch its traffic (the load tool times commands on it). */
  onJoined?: (room: Room) => void;
}

/** A command of a bot that the server refused (or did not answer in time). */
export interface BotRejection {
  bot: string;
  round: number;
  phase: string;
  intent: string;
  command: ClientCommand;
  kind: RejectedMessage['kind'] | 'timeout';
  code: string;
  message: string;
}

/** Why a bot stopped: the exercise ended, it was told to leave, or the connection closed under it. */
export type BotEnd = 'ended' | 'left' | 'disconnected';

const DEFAULT_DELAY_MS = [50, 150] as const;
const JOIN_TIMEOUT_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Finds an exercise's room by its join code (`GET /api/join/:code`), with the server's own sentence on failure. */
export async function lookUpExercise(url: string, code: string): Promise<JoinLookupResponse> {
  let res: Response;
  try {
    res = await fetch(`${url.replace(/\/+$/, '')}/api/join/${encodeURIComponent(code.trim().toUpperCase())}`);
  } catch (e) {
    throw new Error(`Could not reach the Deflect server at ${url}: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as JoinLookupResponse | HttpError | null;
  if (!res.ok || body === null || 'error' in body) {
    const error = body !== null && 'error' in body ? body.error.message : `the server answered ${res.status}`;
    throw new Error(`No exercise for join code ${code}: ${error}`);
  }
  return body;
}

/**
 * A participant played by the program: joins an exercise with a real colyseus.js client,
 * takes a free actor seat, and makes simple, plausible moves chosen only from the legal
 * commands the server sends (see `candidateMoves`), one at a time with a short pause,
 * until the exercise ends. Its choices come from a generator seeded with its name.
 */
export class Bot {
  readonly name: string;
  /** Commands the server refused, in order. */
  readonly rejections: BotRejection[] = [];
  /** Moves the server accepted, in order. */
  readonly moves: Move[] = [];
  /** Settles when the bot stops playing. */
  readonly finished: Promise<BotEnd>;

  private legal: LegalCommands = NO_LEGAL_COMMANDS;
  private legalReceived = false;
  /** The seat's view as the server's updates built it, the same way the browser client does. */
  private followed: FollowedView | null = null;
  private readonly attempted = new Set<string>();
  private readonly choices: Xorshift32;
  private readonly pauses: Xorshift32;
  private plan: RoundPlan | null = null;
  private playing = false;
  private busy = false;
  private stopped = false;
  private counter = 0;
  private readonly waiters = new Map<string, (answer: AcceptedMessage | RejectedMessage) => void>();
  private endWith!: (end: BotEnd) => void;

  private constructor(
    private readonly room: Room,
    private readonly options: BotOptions,
  ) {
    this.name = options.name;
    this.choices = new Xorshift32(seedFromText(options.name));
    this.pauses = new Xorshift32(seedFromText(`${options.name}/pauses`));
    this.finished = new Promise((resolve) => (this.endWith = resolve));

    room.onMessage(ServerMessage.update, (update: SeatUpdate) => {
      const result = followUpdate(this.followed, update);
      if (isGap(result)) {
        this.say(`asking for a snapshot: ${result.reason}`);
        room.send(ClientMessage.resync);
        return;
      }
      this.followed = result;
      if (update.allowed) {
        this.legal = update.allowed;
        this.legalReceived = true;
      }
      if (result.view.exercise.phase === 'ended') {
        void this.stop('ended');
        return;
      }
      this.poke();
    });
    room.onMessage(ServerMessage.accepted, (m: AcceptedMessage) => this.settle(m.commandId, m));
    room.onMessage(ServerMessage.rejected, (m: RejectedMessage) => {
      if (m.commandId !== null) this.settle(m.commandId, m);
      else this.say(`refused (${m.code}): ${m.message}`);
    });
    room.onMessage(ServerMessage.welcome, () => undefined);
    room.onMessage(ServerMessage.superseded, () => undefined);
    room.onError((code, message) => this.say(`connection error ${code}: ${message ?? ''}`));
    room.onLeave((code) => {
      if (this.stopped) return;
      this.say(`disconnected by the server (code ${code})`);
      void this.stop('disconnected');
    });
  }

  /** Joins the exercise with this join code as a participant without a seat. */
  static async join(options: BotOptions): Promise<Bot> {
    const found = await lookUpExercise(options.url, options.code);
    if (found.status === 'ended') throw new Error(`The exercise ${found.title} has already ended.`);
    const client = new Client(options.url.replace(/\/+$/, '').replace(/^http/, 'ws'));
    const room = await client.joinById(found.roomId, { code: options.code.trim().toUpperCase(), name: options.name });
    options.onJoined?.(room);
    const bot = new Bot(room, options);
    const deadline = Date.now() + JOIN_TIMEOUT_MS;
    while (!bot.legalReceived) {
      if (Date.now() > deadline) {
        await bot.leave();
        throw new Error(`${options.name} joined but the server never said what it may do.`);
      }
      await sleep(10);
    }
    return bot;
  }

  /** This bot's participant id in the exercise (its Colyseus session id). */
  get participantId(): string {
    return this.room.sessionId;
  }

  /** The seat this bot holds, or null. */
  get seat(): SeatId | null {
    return this.followed?.seat ?? null;
  }

  /** What this bot's seat sees, built from the server's updates as the browser client does. */
  view(): PlayerView | null {
    return this.followed?.view ?? null;
  }

  /** The actors whose seats are free and that this bot may take, in the scenario's order. */
  freeActorSeats(): string[] {
    return this.legal.claimableSeats.flatMap((seat) => {
      const actorId = actorOfSeat(seat);
      return actorId === null ? [] : [actorId];
    });
  }

  /** Takes an actor's seat; throws with the reason when the seat is not free or the server refuses. */
  async takeSeat(actorId: string): Promise<void> {
    const seat = actorSeat(actorId);
    if (!this.legal.claimableSeats.includes(seat)) {
      const view = this.view();
      const known = view?.seats.find((s) => s.seat === seat);
      if (!known) throw new Error(`There is no actor '${actorId}' in this exercise; its actors are ${view?.actors.map((a) => a.id).join(', ') ?? 'unknown'}.`);
      const holder = known.holders[0];
      throw new Error(holder ? `${known.label}'s seat is taken by ${holder.name}.` : `${known.label}'s seat cannot be taken now.`);
    }
    const answer = await this.send({ type: 'ClaimSeat', seat });
    if (answer === null || 'code' in answer) {
      throw new Error(`Could not take ${seat}: ${answer === null ? 'the server did not answer' : answer.message}`);
    }
  }

  /** Starts making moves (the bot reacts to every change from now on). */
  play(): void {
    this.playing = true;
    this.poke();
  }

  /** Whether the bot has nothing under way and nothing it wants to do in the state it knows. */
  isIdle(): boolean {
    return this.stopped || (!this.busy && this.nextMove() === null);
  }

  /** Leaves the exercise for good (its seat is released). */
  leave(): Promise<void> {
    return this.stop('left');
  }

  private async stop(end: BotEnd): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.playing = false;
    if (end !== 'disconnected') {
      try {
        await this.room.leave(true);
      } catch {
        // already closed
      }
    }
    if (end === 'ended') this.say('the exercise has ended; leaving');
    this.endWith(end);
  }

  /** The plan for a round; plans of rounds the bot never saw are drawn too, so every round always gets the same draws. */
  private planFor(round: number): RoundPlan {
    const wanted = Math.max(1, round);
    while (this.plan === null || this.plan.round < wanted) this.plan = drawRoundPlan(this.choices, (this.plan?.round ?? 0) + 1);
    return this.plan;
  }

  private nextMove(): Move | null {
    if (!this.playing || this.stopped) return null;
    const view = this.view();
    if (!view) return null;
    return candidateMoves(view, this.legal, this.planFor(view.exercise.round)).find((m) => !this.attempted.has(m.intent)) ?? null;
  }

  private poke(): void {
    if (this.busy || this.nextMove() === null) return;
    this.busy = true;
    void this.makeMoves().finally(() => {
      this.busy = false;
      this.poke();
    });
  }

  private async makeMoves(): Promise<void> {
    while (this.nextMove() !== null) {
      const [min, max] = this.options.delayMs ?? DEFAULT_DELAY_MS;
      await sleep(this.pauses.between(min, max));
      // The table may have moved on during the pause: choose again.
      const move = this.nextMove();
      if (move === null) return;
      const view = this.view()!;
      this.attempted.add(move.intent);
      if (this.options.verbose) this.say(`${move.command.type} ${describe(move.command)}`);
      const answer = await this.send(move.command);
      if (answer !== null && !('code' in answer)) {
        this.moves.push(move);
        continue;
      }
      const rejection: BotRejection = {
        bot: this.name,
        round: view.exercise.round,
        phase: view.exercise.phase,
        intent: move.intent,
        command: move.command,
        kind: answer === null ? 'timeout' : answer.kind,
        code: answer === null ? 'timeout' : answer.code,
        message: answer === null ? 'The server did not answer in time.' : answer.message,
      };
      this.rejections.push(rejection);
      this.say(`${move.command.type} refused (${rejection.code}): ${rejection.message} — moving on`);
    }
  }

  /** Sends a command; the server's answer, or null if none came in time or the connection is gone. */
  private send(command: ClientCommand): Promise<AcceptedMessage | RejectedMessage | null> {
    const commandId = `bot-${++this.counter}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(commandId);
        resolve(null);
      }, this.options.replyTimeoutMs ?? 10_000);
      this.waiters.set(commandId, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      try {
        const envelope: CommandEnvelope = { commandId, command };
        this.room.send(ClientMessage.command, envelope);
      } catch {
        clearTimeout(timer);
        this.waiters.delete(commandId);
        resolve(null);
      }
    });
  }

  private settle(commandId: string, answer: AcceptedMessage | RejectedMessage): void {
    const waiter = this.waiters.get(commandId);
    this.waiters.delete(commandId);
    waiter?.(answer);
  }

  private say(line: string): void {
    this.options.log?.(`${this.name}: ${line}`);
  }
}

/** A command's arguments in a few words, for the log. */
function describe(command: ClientCommand): string {
  const { type: _type, ...rest } = command;
  return JSON.stringify(rest);
}
