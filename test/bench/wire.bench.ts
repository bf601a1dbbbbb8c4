// The wire at the end of a long session: a table of eight (control cell, evaluator, projector,
// five actors) plays four rounds and part of a fifth — 600 public messages of 300 characters,
// 40 injects, 20 agreements — and then public messages are timed through the exercise room and
// through a bare echo room in the same server process, driven by the same clients.
// Two ratios, each of two figures measured in this run:
//   - server CPU per command, exercise room against echo room (read from /proc for the server
//     process alone, so the clients' work is not counted);
//   - bytes sent per accepted command per seat (the patch) against that seat's full snapshot.
// Run alone with  node --import tsx test/bench/wire.bench.ts [--commands=1000] [--reps=3]
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pack } from '@colyseus/msgpackr'; // the encoder Colyseus sends messages with
import { Client, type Room } from 'colyseus.js';
import { ClientMessage, ServerMessage, type AcceptedMessage } from '../../shared/protocol.js';
import type { SeatUpdate } from '../../shared/sync.js';
import { freePort, startServerProcess, stopAllServerProcesses, type ServerProcess } from '../helpers/process.js';
import { accepted, playLongRounds, publicTalk, seatLongTable, talk, type LongTable } from '../helpers/long-session.js';
import { createExercise } from '../helpers/server.js';
import { BROADCAST_ECHO_ROOM, ECHO_ROOM } from './echo-room.js';

interface WireBenchOptions {
  commands: number;
  reps: number;
}
const DEFAULTS: WireBenchOptions = { commands: 1000, reps: 3 };
const ACTORS = ['usa', 'japan', 'kenya', 'bangladesh', 'astra'] as const;
/** Commands each sending client keeps outstanding. */
const IN_FLIGHT = 2;
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // After the command name: state is field 3, utime 14 and stime 15 (1-based, man 5 proc).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Sends `total` commands over the senders, each keeping IN_FLIGHT outstanding; returns wall ms. */
async function drive(senders: readonly ((n: number) => Promise<unknown>)[], total: number): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    senders.flatMap((send) =>
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < total) await send(next++);
      }),
    ),
  );
  return performance.now() - start;
}

/** An echo room (of `kind`) with as many clients as the table; the actors' counterparts send. */
async function echoTable(base: string, kind: string, clients: number, senders: number): Promise<{ rooms: Room[]; send: ((n: number) => Promise<unknown>)[] }> {
  const ws = base.replace(/^http/, 'ws');
  const first = await new Client(ws).create(kind);
  const rooms = [first];
  while (rooms.length < clients) rooms.push(await new Client(ws).joinById(first.roomId));
  for (const room of rooms) room.onMessage(ServerMessage.update, () => undefined);
  const send = rooms.slice(0, senders).map((room, r) => {
    const waiting = new Map<string, () => void>();
    room.onMessage(ServerMessage.accepted, (m: AcceptedMessage) => {
      waiting.get(m.commandId)?.();
      waiting.delete(m.commandId);
    });
    return (n: number) =>
      new Promise<void>((resolve) => {
        const commandId = `e${r}-${n}`;
        waiting.set(commandId, resolve);
        room.send(ClientMessage.command, { commandId, command: { type: 'SendMessage', to: 'public', text: talk(n, 'echo') } });
      });
  });
  return { rooms, send };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** Plays the long session, then times the two rooms and weighs the updates; returns two ratios. */
export async function benchWire(options: Partial<WireBenchOptions> = {}): Promise<{ name: string; ratio: number; details: string }[]> {
  const { commands, reps } = { ...DEFAULTS, ...options };
  const dataDir = mkdtempSync(join(tmpdir(), 'deflect-wire-'));
  let server: ServerProcess | undefined;
  let table: LongTable | undefined;
  const rooms: Room[] = [];
  try {
    server = await startServerProcess(await freePort(), dataDir, { script: 'test/bench/bench-server.ts' });
    const created = await createExercise(server.url, 2031);
    table = await seatLongTable(server.url, created, ACTORS);
    await table.facilitator.do({ type: 'SetTalkQuota', messagesPerPhase: 10_000 }); // the bench talks far more than a table
    // Four rounds and the fifth's deliberation: 600 messages, 40 injects, 20 agreements in all.
    await playLongRounds(table, { rounds: 4, messages: 480, injects: 32, agreements: 16, inFlight: 12 });
    await table.facilitator.do({ type: 'AdvancePhase' });
    await table.facilitator.do({ type: 'AdvancePhase' });
    for (let k = 0; k < 8; k++) {
      await accepted(table.facilitator.fire({ type: 'PostInject', targets: 'all', persona: 'AP', channel: 'news', headline: `Inject 5.${k}`, body: 'Markets react. '.repeat(20) }));
    }
    for (let k = 0; k < 4; k++) {
      await accepted(table.actors.get(ACTORS[k]!)!.fire({ type: 'ProposeAgreement', kind: 'assistance', parties: [ACTORS[k + 1]!], shares: {}, text: 'Share tracking.' }));
    }
    await publicTalk(table, 480, 120, 12);

    const players = [...table.seats.keys()];
    const actorPlayers = [...table.actors.values()];
    const echo = await echoTable(server.url, ECHO_ROOM, players.length, actorPlayers.length);
    const broadcast = await echoTable(server.url, BROADCAST_ECHO_ROOM, players.length, actorPlayers.length);
    rooms.push(...echo.rooms, ...broadcast.rooms);
    const exerciseSend = actorPlayers.map((p) => (n: number): Promise<unknown> => accepted(p.fire({ type: 'SendMessage', to: 'public', text: talk(n, 'bench') })));

    const pid = server.child.pid!;
    // Per command; the echo room runs ten times as many, so that its CPU time spans enough
    // clock ticks (10 ms each in /proc) to be read to a few per cent.
    const timed = async (send: typeof exerciseSend, n: number) => {
      const cpu0 = cpuMsOf(pid);
      const ms = await drive(send, n);
      return { ms: ms / n, cpuMs: (cpuMsOf(pid) - cpu0) / n };
    };
    // Warm-up of both, then alternate so that drift in machine load hits both alike.
    await drive(echo.send, commands);
    await drive(broadcast.send, commands);
    await drive(exerciseSend, 200);
    const echoRuns: { ms: number; cpuMs: number }[] = [];
    const broadcastRuns: { ms: number; cpuMs: number }[] = [];
    const exerciseRuns: { ms: number; cpuMs: number }[] = [];
    const marks = new Map(players.map((p) => [p, p.updates.length]));
    // Each seat's full snapshot as a reload or a reconnection would get it now, at the end of the session.
    const snapshotBytes = new Map(
      [...table.seats].map(([p, seat]) => {
        const snapshot: SeatUpdate = { seq: 1, logSeq: p.followed!.logSeq, seat, view: { snapshot: p.view }, events: [], allowed: p.legal, presence: p.presence };
        return [p, pack(snapshot).length];
      }),
    );
    const eventsBefore = players[0]!.followed!.logSeq;
    for (let i = 0; i < reps; i++) {
      echoRuns.push(await timed(echo.send, commands * 10));
      broadcastRuns.push(await timed(broadcast.send, commands * 4));
      exerciseRuns.push(await timed(exerciseSend, commands));
    }
    for (const p of players) await p.until('the last updates', () => p.followed!.logSeq >= players[0]!.followed!.logSeq);

    // Bytes: every update each seat received during the timed runs, against its snapshot before them.
    const timedCommands = commands * reps;
    const perSeat = [...table.seats].map(([p, seat]) => {
      const patches = p.updates.slice(marks.get(p)).filter((u) => 'patch' in u.view);
      const patchBytes = patches.reduce((sum, u) => sum + pack(u).length, 0) / timedCommands;
      return { seat, patchBytes, snapshotBytes: snapshotBytes.get(p)! };
    });
    const meanPatch = perSeat.reduce((s, x) => s + x.patchBytes, 0) / perSeat.length;
    const meanSnapshot = perSeat.reduce((s, x) => s + x.snapshotBytes, 0) / perSeat.length;

    const echoCpu = median(echoRuns.map((r) => r.cpuMs));
    const exerciseCpu = median(exerciseRuns.map((r) => r.cpuMs));
    const broadcastCpu = median(broadcastRuns.map((r) => r.cpuMs));
    const echoWall = median(echoRuns.map((r) => r.ms));
    const exerciseWall = median(exerciseRuns.map((r) => r.ms));
    const events = players[0]!.followed!.logSeq;
    return [
      {
        name: 'server CPU per command at the end of a long session, exercise room vs bare echo room',
        ratio: exerciseCpu / echoCpu,
        details: [
          `${commands} public messages per run (the echo room ${commands * 10}) from 5 actor clients (${IN_FLIGHT} in flight each) to a table of 8 clients, median of ${reps}; the log grew from ${eventsBefore} to ${events} events over the runs;`,
          `server process CPU: exercise ${(exerciseCpu * 1000).toFixed(0)} µs/command, echo ${(echoCpu * 1000).toFixed(0)} µs/command (one reply),`,
          `an echo room that also sends every command on to all 8 clients (the transport floor of per-seat updates) ${(broadcastCpu * 1000).toFixed(0)} µs/command, so the exercise room costs ${(exerciseCpu / broadcastCpu).toFixed(1)}× that floor;`,
          `wall: exercise ${exerciseWall.toFixed(3)} ms/command, echo ${echoWall.toFixed(3)} ms/command.`,
        ].join(' '),
      },
      {
        name: 'bytes to a seat per accepted command (patch) vs that seat\'s full snapshot',
        ratio: meanSnapshot / meanPatch,
        details: [
          `mean over the 8 seats: ${meanPatch.toFixed(0)} B per command per seat (a 300-character message, in the patch and in its event) against a ${kB(meanSnapshot)} snapshot;`,
          perSeat.map((x) => `${x.seat} ${x.patchBytes.toFixed(0)} B vs ${kB(x.snapshotBytes)}`).join(', '),
          '(msgpack, as Colyseus sends them).',
        ].join(' '),
      },
    ];
  } finally {
    await Promise.allSettled(rooms.map((room) => room.leave()));
    if (table) await Promise.allSettled([...table.seats.keys()].map((p) => p.close()));
    await stopAllServerProcesses();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const overrides: Partial<WireBenchOptions> = {};
  for (const arg of process.argv.slice(2)) {
    const m = /^--(commands|reps)=(\d+)$/.exec(arg);
    if (m) overrides[m[1] as keyof WireBenchOptions] = Number(m[2]);
  }
  for (const result of await benchWire(overrides)) console.log(`${result.name}: ratio ${result.ratio.toFixed(2)}\n  ${result.details}`);
}
