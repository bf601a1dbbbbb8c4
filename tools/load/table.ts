// One table of the load tool: an exercise created over HTTP, a facilitator and a projector,
// bots in every actor seat (tools/bots), played from the lobby to its end at a chosen pace.
import { globalAgent } from 'node:http';
import type { Room } from 'colyseus.js';
import { Xorshift32, seedFromText } from '../../shared/bots/random.js';
import type { Phase } from '../../shared/engine/vocabulary.js';
import { initialState, replayStored, stateHash } from '../../shared/engine/index.js';
import type { ExerciseLogResponse } from '../../shared/debrief/api.js';
import type { CreateExerciseResponse, HttpError, JoinLookupResponse } from '../../shared/protocol.js';
import type { Bot } from '../bots/bot.js';
import { seatBots, whenQuiet } from '../bots/table.js';
import { SeatClient } from './seat-client.js';
import { WireWatch, type AcknowledgedCommand, type LoadCounts } from './stats.js';

// colyseus.js asks the matchmaker for a seat over Node's global HTTP agent, whose sockets time
// out after 5 s (Node 20's default), and its HTTP library aborts a request whose socket timed
// out: "socket hang up". On a busy machine a seat reservation can take longer than that, and
// the table would stop where a browser just waits: the load tool waits a minute too.
(globalAgent as typeof globalAgent & { options: { timeout?: number } }).options.timeout = 60_000;

/** How fast people play: bounds (ms) of the drawn pauses and phase lengths. */
export interface Pace {
  name: string;
  /** A seat's pause before each move. */
  moveMs: readonly [number, number];
  /** How long the facilitator leaves the briefing, the deliberation and the results on screen. */
  briefingMs: readonly [number, number];
  deliberationMs: readonly [number, number];
  resolutionMs: readonly [number, number];
  /** Longest the facilitator waits for the table to fall quiet or to resolve its orders before advancing anyway. */
  patienceMs: number;
}

/**
 * The pace of a table. Realistic: people think, so a seat moves every 5–20 s, a briefing
 * lasts 20–40 s, a deliberation 1–3 minutes and the results 15–30 s, all divided by
 * `timeScale`. Fast: the bots move as soon as they can and the facilitator advances as soon
 * as the table is quiet (CI-sized smoke runs).
 */
export function paceOf(name: 'realistic' | 'fast', timeScale = 1): Pace {
  if (name === 'fast') return { name, moveMs: [1, 5], briefingMs: [0, 0], deliberationMs: [0, 0], resolutionMs: [0, 0], patienceMs: 20_000 };
  const s = (ms: number) => Math.max(1, Math.round(ms / timeScale));
  const range = (a: number, b: number) => [s(a), s(b)] as const;
  return {
    name: timeScale === 1 ? name : `${name} ×${timeScale}`,
    moveMs: range(5_000, 20_000),
    briefingMs: range(20_000, 40_000),
    deliberationMs: range(60_000, 180_000),
    resolutionMs: range(15_000, 30_000),
    patienceMs: Math.max(s(180_000), 10_000),
  };
}

export interface TableOptions {
  url: string;
  scenarioId: string;
  /** Seats at the table, the control cell included: the actors' bots, then a projector and an evaluator if seats are left. */
  seats: number;
  pace: Pace;
  /** Seeds the exercise, the bots' names (so their choices) and the facilitator's timing. */
  seed: number;
  /** A name for the table's participants, e.g. `T17`. */
  label: string;
  counts: LoadCounts;
  /** Commands with no answer after this long count as unanswered. */
  unansweredAfterMs: number;
  /** Whether to stop (the run's time is up): the table leaves at the next step. */
  stopped: () => boolean;
  /** After the end, read the log with the facilitator's key and replay it (the soak's check). */
  verify?: boolean;
  /** Told when every seat of the table is taken (before play starts). */
  onSeated?: () => void;
}

/** What became of one exercise. */
export interface ExerciseOutcome {
  exerciseId: string;
  finished: boolean;
  /** Set when `verify`: what the replayed log and the facilitator's view agreed on, or what they did not. */
  verification?: Verification;
}

/** The soak's check of a finished exercise against its stored log. */
export interface Verification {
  ok: boolean;
  /** Events in the stored log. */
  eventCount: number;
  /** Commands its clients were told were accepted, and how many of them the log holds (same seqs, same actor). */
  acknowledged: number;
  acknowledgedInLog: number;
  /** The hash of the state replayed here from the log, and the server's own replay's hash (`/state`). */
  replayedHash: string;
  serverHash: string;
  problems: string[];
}

/** An HTTP answer the load tool cannot go on with; 429s are counted apart. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Tries of each step of sitting down (creating, joining, seating the bots) before the table gives up. */
const SETUP_ATTEMPTS = 3;
/** Failures worth another try: the connection dropped or timed out, or the room went before the join reached it. */
const TRANSIENT = /socket hang up|fetch failed|ECONNRESET|ECONNREFUSED|timed? ?out|not found|no answer|never said/i;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function http<T>(url: string, path: string, init: { method?: string; body?: unknown; key?: string } = {}): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.key ? { 'x-facilitator-key': init.key } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const body = (await res.json().catch(() => null)) as T | HttpError | null;
  if (!res.ok || body === null) {
    const why = body !== null && typeof body === 'object' && 'error' in body ? `${body.error.code}: ${body.error.message}` : `HTTP ${res.status}`;
    throw new HttpFailure(res.status, `${init.method ?? 'GET'} ${path} answered ${res.status} (${why})`);
  }
  return body as T;
}

/**
 * Plays one exercise at a table to its end (or until `stopped()`): creates it, seats the
 * facilitator, the bots and the extra seats, and lets the facilitator advance each phase
 * after its drawn length once the table is quiet. Every connection is watched by a
 * `WireWatch` that fills `counts`. Throws (after leaving) when the table cannot be set up.
 */
export async function playExercise(options: TableOptions): Promise<ExerciseOutcome> {
  const stage = { now: 'creating the exercise' };
  try {
    return await play(options, stage);
  } catch (e) {
    // Say where it failed, with the system's error code (ECONNRESET…) when there is one.
    const error = e as Error & { code?: unknown };
    const message = `${stage.now}: ${error.message}${typeof error.code === 'string' ? ` (${error.code})` : ''}`;
    throw e instanceof HttpFailure ? new HttpFailure(e.status, message) : new Error(message, { cause: e });
  }
}

async function play(options: TableOptions, stage: { now: string }): Promise<ExerciseOutcome> {
  const { url, pace, counts } = options;
  const timing = new Xorshift32(seedFromText(`${options.label}/${options.seed}/facilitator`));
  const acknowledged: AcknowledgedCommand[] = [];
  const watches: WireWatch[] = [];
  const rooms = new Map<string, Room>();
  const watch = (room: Room) => {
    rooms.set(room.sessionId, room);
    watches.push(new WireWatch(room, counts, acknowledged, options.unansweredAfterMs));
    counts.clientsJoined++;
  };
  // A person whose join fails tries again: so does the table, a few times, counting each retry.
  const retrying = async <T>(attempt: () => Promise<T>): Promise<T> => {
    for (let i = 1; ; i++) {
      try {
        return await attempt();
      } catch (e) {
        if (i >= SETUP_ATTEMPTS || !TRANSIENT.test((e as Error).message)) throw e;
        counts.setupRetries++;
        await sleep(1000 * i);
      }
    }
  };
  const created = await retrying(() => http<CreateExerciseResponse>(url, '/api/exercises', { method: 'POST', body: { scenarioId: options.scenarioId, seed: options.seed } }));
  // As the browser does, each participant looks the code up right before joining: a room nobody
  // joined in time is disposed, and the lookup restores it.
  const join = (name: string, facilitatorKey?: string) =>
    retrying(async () => {
      const lookup = await http<JoinLookupResponse>(url, `/api/join/${created.joinCode}`);
      return SeatClient.join({ url, roomId: lookup.roomId, code: created.joinCode, name, ...(facilitatorKey ? { facilitatorKey } : {}), watch });
    });
  const others: SeatClient[] = [];
  let bots: Bot[] = [];
  stage.now = 'joining as the facilitator';
  const facilitator = await join(`${options.label} Fran`, created.facilitatorKey);
  const leaveAll = async () => {
    for (const w of watches) w.markLeaving();
    await Promise.all([facilitator.leave(), ...others.map((c) => c.leave()), ...bots.map((b) => b.leave())]);
  };
  let finished = false;
  try {
    await facilitator.claim('facilitator');
    const view = facilitator.view!;
    const actors = view.actors.length;
    if (options.seats < actors + 1) throw new Error(`${options.scenarioId} has ${actors} actors: a table needs at least ${actors + 1} seats (the control cell and one per actor).`);
    const extras = options.seats - 1 - actors;
    if (extras > 2) throw new Error(`${options.scenarioId} has ${actors} actors: a table has at most ${actors + 3} seats (control, actors, projector, evaluator).`);
    stage.now = 'seating the projector';
    if (extras >= 1) {
      const display = await join(`${options.label} Projector`);
      others.push(display);
      await display.claim('display');
    }
    if (extras >= 2) {
      const evaluator = await join(`${options.label} Eve`, created.facilitatorKey);
      others.push(evaluator);
      await evaluator.claim('evaluator');
    }
    stage.now = 'seating the bots';
    // seatBots leaves again with every bot it seated when one fails, so it can be tried again whole.
    bots = await retrying(() =>
      seatBots({
        url,
        code: created.joinCode,
        seats: 'all',
        namePrefix: `${options.label}/${options.seed}`,
        delayMs: pace.moveMs,
        replyTimeoutMs: options.unansweredAfterMs,
        onJoined: watch,
      }),
    );
    options.onSeated?.();
    for (const bot of bots) bot.play();
    stage.now = 'playing';
    finished = await facilitate(facilitator, bots, (bot) => rooms.get(bot.participantId), pace, timing, options.stopped);
  } finally {
    if (finished) {
      // The bots leave by themselves when they see the end; the others now.
      await Promise.race([Promise.all(bots.map((b) => b.finished)), sleep(10_000)]);
    }
    await leaveAll();
  }
  const outcome: ExerciseOutcome = { exerciseId: created.exerciseId, finished };
  if (finished) counts.exercisesFinished++;
  stage.now = 'verifying the log';
  if (finished && options.verify) outcome.verification = await verifyExercise(url, created, acknowledged, facilitator.logSeq);
  return outcome;
}

/** The facilitator's loop: advances each phase after its drawn length once the table is quiet; true when the exercise ended. */
async function facilitate(facilitator: SeatClient, bots: Bot[], roomOf: (bot: Bot) => Room | undefined, pace: Pace, timing: Xorshift32, stopped: () => boolean): Promise<boolean> {
  const draw = ([min, max]: readonly [number, number]) => timing.between(min, max);
  // Waits end early when the run's time is up, so that the tables leave promptly.
  const whenStopped = async (): Promise<void> => {
    while (!stopped()) await sleep(250);
  };
  const pause = (ms: number) => Promise.race([sleep(ms), whenStopped()]);
  const chatter = new Xorshift32(timing.next() * 0x1_0000_0000);
  for (let step = 0; step < 200; step++) {
    if (stopped()) return false;
    const phase: Phase = facilitator.view!.exercise.phase;
    const round = facilitator.view!.exercise.round;
    switch (phase) {
      case 'ended':
        return true;
      case 'lobby':
        break;
      case 'briefing':
        await pause(draw(pace.briefingMs));
        break;
      case 'deliberation': {
        const lengthMs = draw(pace.deliberationMs);
        // Beside the bots' public words, each actor writes privately to another once a round.
        const talk = privateTalk(bots, roomOf, chatter, lengthMs, round, stopped);
        await pause(lengthMs);
        await Promise.race([talk, whenStopped()]);
        await Promise.race([whenQuiet(bots, { quietMs: Math.min(500, pace.moveMs[0]), timeoutMs: pace.patienceMs }).catch(() => undefined), whenStopped()]);
        break;
      }
      case 'orders':
        // The bots' readiness resolves the round; the facilitator forces it only if they take too long.
        if (await Promise.race([facilitator.until((v) => v.exercise.phase !== 'orders' || v.exercise.round !== round, pace.patienceMs), whenStopped().then(() => false)])) continue;
        break;
      case 'resolution':
        await pause(draw(pace.resolutionMs));
        break;
    }
    if (stopped()) return false;
    const now = facilitator.view!.exercise;
    // The table may have moved on by itself meanwhile (a timer, the orders resolving): look again.
    if (now.phase !== phase || now.round !== round) continue;
    await facilitator.send({ type: 'AdvancePhase' });
    await facilitator.until((v) => v.exercise.phase !== phase || v.exercise.round !== round, 10_000);
  }
  return facilitator.view!.exercise.phase === 'ended';
}

/** Each bot sends one private message to another actor at a drawn moment of the deliberation. */
async function privateTalk(bots: Bot[], roomOf: (bot: Bot) => Room | undefined, rng: Xorshift32, lengthMs: number, round: number, stopped: () => boolean): Promise<void> {
  const seated = bots.flatMap((b) => {
    const view = b.view();
    return view?.me ? [{ bot: b, actorId: view.me.actorId }] : [];
  });
  if (seated.length < 2) return;
  await Promise.all(
    seated.map(async ({ bot, actorId }) => {
      const to = rng.pick(seated.filter((s) => s.actorId !== actorId)).actorId;
      await sleep(rng.between(0.1, 0.8) * lengthMs);
      const view = bot.view();
      if (stopped() || view?.exercise.phase !== 'deliberation' || view.exercise.round !== round) return;
      roomOf(bot)?.send('command', {
        commandId: `talk-${round}-${actorId}`,
        command: { type: 'SendMessage', to: [to], text: `Round ${round}: can ${view.me!.actorId} count on your support in the vote and the funding?` },
      });
    }),
  );
}

/**
 * Reads a finished exercise's log with the facilitator's key, replays it here and compares:
 * every acknowledged command's events are in the log at the seqs the server gave, caused by
 * the participant who sent it; the log reaches at least what the facilitator saw and ends
 * the exercise; and the state replayed here hashes as the server's own replay does.
 */
export async function verifyExercise(url: string, created: CreateExerciseResponse, acknowledged: readonly AcknowledgedCommand[], facilitatorLogSeq: number): Promise<Verification> {
  const key = created.facilitatorKey;
  const log = await http<ExerciseLogResponse>(url, `/api/exercises/${created.exerciseId}/events`, { key });
  const server = await http<{ hash: string; eventCount: number }>(url, `/api/exercises/${created.exerciseId}/state`, { key });
  const problems: string[] = [];
  const bySeq = new Map(log.events.map((e) => [e.seq, e]));
  let inLog = 0;
  for (const a of acknowledged) {
    let all = true;
    for (let seq = a.firstSeq; seq <= a.lastSeq; seq++) {
      const e = bySeq.get(seq);
      if (!e || e.actor !== a.participantId) all = false;
    }
    if (all) inLog++;
    else if (problems.length < 5) problems.push(`${a.type} acknowledged as events ${a.firstSeq}..${a.lastSeq} is not in the log as sent by ${a.participantId}`);
  }
  const state = replayStored(initialState(log.scenario, log.seed), log.events);
  const replayedHash = stateHash(state);
  if (log.events.length < facilitatorLogSeq) problems.push(`the log has ${log.events.length} events, the facilitator saw ${facilitatorLogSeq}`);
  if (state.phase !== 'ended') problems.push(`the replayed log ends in ${state.phase}, not ended`);
  if (replayedHash !== server.hash) problems.push(`the replayed state hashes to ${replayedHash}, the server's replay to ${server.hash}`);
  return {
    ok: problems.length === 0,
    eventCount: log.events.length,
    acknowledged: acknowledged.length,
    acknowledgedInLog: inLog,
    replayedHash,
    serverHash: server.hash,
    problems,
  };
}
