// Commands per second through the real exercise room (zod → decide → SQLite append → evolve →
// project → patch → per-seat events and legal moves) against a bare Colyseus echo room in the
// same server process, both driven by real colyseus.js clients over loopback websockets.
// Reported as a ratio of two rates measured in one run, never as an absolute assertion.
// Run alone with
//   node --import tsx test/bench/room.bench.ts [--commands=2000] [--inFlight=8] [--reps=3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { matchMaker } from '@colyseus/core';
import { Client, type Room } from 'colyseus.js';
import { startServer } from '../../server/main.js';
import { NO_HTTP_LIMITS } from '../helpers/server.js';
import { ECHO_ROOM, EchoRoom } from './echo-room.js';
import { ClientMessage, ServerMessage, type AcceptedMessage, type CommandEnvelope, type RejectedMessage } from '../../shared/protocol.js';
import { TestPlayer, createExercise } from '../helpers/server.js';
import { median } from './timing.js';

/** How many commands per timed run, how many each actor client keeps in flight, and how many timed repetitions. */
export interface RoomBenchOptions {
  commands: number;
  inFlight: number;
  reps: number;
}

const DEFAULTS: RoomBenchOptions = { commands: 2000, inFlight: 8, reps: 3 };
/** A run that has not finished by then is stuck: the benchmark fails instead of hanging. */
const RUN_DEADLINE_MS = 120_000;
const ACTOR_SEATS = ['actor:usa', 'actor:kenya', 'actor:astra'] as const;

/** Sends commands on one client and resolves each when its `accepted` arrives (a `rejected` fails the run). */
class Requester {
  private readonly pending = new Map<string, { resolve: (lastSeq: number) => void; reject: (e: Error) => void }>();

  constructor(
    readonly room: Room,
    private readonly prefix: string,
  ) {
    room.onMessage(ServerMessage.accepted, (m: AcceptedMessage) => {
      const p = this.pending.get(m.commandId);
      this.pending.delete(m.commandId);
      p?.resolve(typeof m.lastSeq === 'number' ? m.lastSeq : 0);
    });
    room.onMessage(ServerMessage.rejected, (m: RejectedMessage) => {
      const p = m.commandId === null ? undefined : this.pending.get(m.commandId);
      if (m.commandId !== null) this.pending.delete(m.commandId);
      p?.reject(new Error(`command ${m.commandId} refused: ${m.code}: ${m.message}`));
    });
  }

  request(n: number, text: string): Promise<number> {
    const commandId = `${this.prefix}-${n}`;
    const envelope: CommandEnvelope = { commandId, command: { type: 'SendMessage', to: 'public', text } };
    return new Promise((resolve, reject) => {
      this.pending.set(commandId, { resolve, reject });
      this.room.send(ClientMessage.command, envelope);
    });
  }
}

interface RunResult {
  ms: number;
  /** Milliseconds per command over the first and the last tenth of the run (the pipeline slows as the log grows). */
  firstTenthMsPerCommand: number;
  lastTenthMsPerCommand: number;
  lastSeq: number;
}

/**
 * Sends `total` SendMessage commands spread evenly over the requesters, each keeping
 * `inFlight` commands outstanding (a closed loop: the next one leaves when one is answered).
 */
async function drive(requesters: readonly Requester[], total: number, inFlight: number): Promise<RunResult> {
  const doneAt: number[] = [];
  let lastSeq = 0;
  const start = performance.now();
  const lanes = requesters.map(async (requester, r) => {
    const quota = Math.floor(total / requesters.length) + (r < total % requesters.length ? 1 : 0);
    let next = 0;
    const lane = async () => {
      while (next < quota) {
        const n = next++;
        const seq = await requester.request(n, `Proposal ${n}: share tracking data on 2031 KX before the next briefing.`);
        lastSeq = Math.max(lastSeq, seq);
        doneAt.push(performance.now());
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`a run of ${total} commands took over ${RUN_DEADLINE_MS / 1000} s`)), RUN_DEADLINE_MS);
  });
  try {
    await Promise.race([Promise.all(lanes), deadline]);
  } finally {
    clearTimeout(timer);
  }
  const ms = performance.now() - start;
  const tenth = Math.max(1, Math.floor(total / 10));
  return {
    ms,
    firstTenthMsPerCommand: (doneAt[tenth - 1]! - start) / tenth,
    lastTenthMsPerCommand: (doneAt[total - 1]! - doneAt[total - 1 - tenth]!) / tenth,
    lastSeq,
  };
}

/** A fresh exercise in its deliberation phase: the facilitator and three seated actors, all connected. */
async function exerciseTable(base: string, rep: string): Promise<{ players: TestPlayer[]; requesters: Requester[] }> {
  const created = await createExercise(base, 1);
  const facilitator = await TestPlayer.join(base, created.joinCode, 'Fran (control)', created.facilitatorKey);
  await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
  const actors: TestPlayer[] = [];
  for (const seat of ACTOR_SEATS) {
    const player = await TestPlayer.join(base, created.joinCode, `Bench ${seat}`);
    await player.do({ type: 'ClaimSeat', seat });
    actors.push(player);
  }
  // The bench measures the pipeline, not the rules' talk quota: lift it above what a run sends.
  await facilitator.do({ type: 'SetTalkQuota', messagesPerPhase: 10_000 });
  await facilitator.do({ type: 'AdvancePhase' }); // lobby → round 1 briefing
  await facilitator.do({ type: 'AdvancePhase' }); // → deliberation
  const phase = facilitator.view.exercise.phase;
  if (phase !== 'deliberation') throw new Error(`expected the deliberation phase, the exercise is in ${phase}`);
  return { players: [facilitator, ...actors], requesters: actors.map((p, i) => new Requester(p.room, `${rep}-a${i}`)) };
}

/** One echo room with four clients, like the exercise table; three of them send. */
async function echoTable(base: string): Promise<{ rooms: Room[]; requesters: Requester[] }> {
  const ws = base.replace(/^http/, 'ws');
  const first = await new Client(ws).create(ECHO_ROOM);
  const rooms = [first];
  for (let i = 0; i < 3; i++) rooms.push(await new Client(ws).joinById(first.roomId));
  return { rooms, requesters: rooms.slice(1).map((room, i) => new Requester(room, `echo-c${i}`)) };
}

/** Times `commands` commands through the exercise room and through the echo room (median of `reps` after a warm-up each) and returns echo rate / exercise rate. */
export async function benchRoom(options: Partial<RoomBenchOptions> = {}): Promise<{ name: string; ratio: number; details: string }> {
  const { commands, inFlight, reps } = { ...DEFAULTS, ...options };
  const dataDir = mkdtempSync(join(tmpdir(), 'deflect-bench-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', commandsPerSecond: 1000, commandBurst: 100_000, ...NO_HTTP_LIMITS });
  // startServer keeps its Colyseus Server to itself; the match-maker accepts room types after listen().
  matchMaker.defineRoomType(ECHO_ROOM, EchoRoom);
  // The server lets browsers only join rooms it made; the benchmark's clients create the echo room.
  matchMaker.controller.exposedMethods = ['joinById', 'create'];
  const base = `http://127.0.0.1:${server.port}`;
  // Every client connection this benchmark opened, so that a failed run still closes them.
  const connected: Room[] = [];
  try {
    const echo = await echoTable(base);
    connected.push(...echo.rooms);
    // Each exercise run starts from a fresh exercise in deliberation, so every rep does the same work.
    const exerciseRun = async (rep: string) => {
      const table = await exerciseTable(base, rep);
      const rooms = table.players.map((p) => p.room);
      connected.push(...rooms);
      const result = await drive(table.requesters, commands, inFlight);
      await Promise.all(rooms.map((room) => room.leave()));
      return result;
    };

    // Warm-up: JIT, SQLite page cache, websocket buffers.
    await drive(echo.requesters, commands, inFlight);
    await exerciseRun('warm');
    const echoRuns: RunResult[] = [];
    const exerciseRuns: RunResult[] = [];
    for (let i = 0; i < reps; i++) {
      // Alternate so that drift in machine load hits both alike.
      echoRuns.push(await drive(echo.requesters, commands, inFlight));
      exerciseRuns.push(await exerciseRun(`r${i}`));
    }

    const db = new Database(join(dataDir, 'deflect.db'), { readonly: true });
    const stored = db.prepare<[], { n: number; sessions: number }>('SELECT COUNT(*) AS n, COUNT(DISTINCT session_id) AS sessions FROM events').get()!;
    db.close();

    const echoMs = median(echoRuns.map((r) => r.ms));
    const exerciseMs = median(exerciseRuns.map((r) => r.ms));
    const rate = (ms: number) => (commands / ms) * 1000;
    const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
    const firstTenth = median(exerciseRuns.map((r) => r.firstTenthMsPerCommand));
    const lastTenth = median(exerciseRuns.map((r) => r.lastTenthMsPerCommand));
    const details = [
      `${commands} SendMessage commands per run over 3 actor clients (a 4th, the facilitator, listens), ${inFlight} in flight per client, median of ${reps} after warm-up;`,
      `echo room ${fmt(rate(echoMs))} commands/s (${(echoMs / commands).toFixed(3)} ms/command),`,
      `exercise room ${fmt(rate(exerciseMs))} commands/s (${(exerciseMs / commands).toFixed(3)} ms/command);`,
      `exercise ms/command over the first tenth ${firstTenth.toFixed(3)}, over the last tenth ${lastTenth.toFixed(3)} (the log grows to ${exerciseRuns[0]!.lastSeq} events per run);`,
      `${fmt(stored.n)} events stored in ${stored.sessions} exercises.`,
    ].join(' ');
    return { name: 'exercise room vs bare Colyseus echo room (commands/s)', ratio: rate(echoMs) / rate(exerciseMs), details };
  } finally {
    await Promise.allSettled(connected.filter((room) => room.connection.isOpen).map((room) => room.leave()));
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const overrides: Partial<RoomBenchOptions> = {};
  for (const arg of process.argv.slice(2)) {
    const m = /^--(commands|inFlight|reps)=(\d+)$/.exec(arg);
    if (m) overrides[m[1] as keyof RoomBenchOptions] = Number(m[2]);
  }
  const result = await benchRoom(overrides);
  console.log(`${result.name}: ratio ${result.ratio.toFixed(2)}\n  ${result.details}`);
}
