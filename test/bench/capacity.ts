// A capacity run (a command to run and report, not a test): R exercise rooms of C clients each
// (the control cell, an evaluator, the projector and actors), every room in its deliberation
// phase with one public message a second from one of its actors, against one server process.
// Prints p50/p99 of command→update latency (from sending a command to its sender receiving the
// update it caused), the server process's CPU and its resident memory per room.
//   node --import tsx test/bench/capacity.ts [--rooms=400] [--seconds=60] [--rate=1]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type Room } from 'colyseus.js';
import { ClientMessage, ServerMessage, type CreateExerciseResponse, type JoinLookupResponse, type RejectedMessage } from '../../shared/protocol.js';
import type { SeatId } from '../../shared/engine/seats.js';
import type { SeatUpdate } from '../../shared/sync.js';
import { freePort, startServerProcess, stopAllServerProcesses } from '../helpers/process.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => /^--(\w+)=(.+)$/.exec(a)).filter((m) => m !== null).map((m) => [m[1], Number(m[2])]));
const ROOMS = args.rooms ?? 400;
const SECONDS = args.seconds ?? 60;
const RATE = args.rate ?? 1;
const ACTORS = ['usa', 'japan', 'kenya', 'bangladesh', 'astra'];
const TICKS = 100;

function procStat(pid: number): { cpuMs: number; rssKb: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS, rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)![1]) };
}

/** A light participant: joins, takes a seat, sends commands and notes when its updates arrive. */
class LoadClient {
  private counter = 0;
  private readonly sentAt = new Map<number, number>();
  private readonly answers = new Map<string, (error: string | null) => void>();
  private logSeq = 0;
  seq = 0;

  private constructor(private readonly room: Room, private readonly latencies: number[]) {
    room.onMessage(ServerMessage.update, (u: SeatUpdate) => {
      this.seq = u.seq;
      this.logSeq = u.logSeq;
      for (const [logSeq, t] of this.sentAt) {
        if (u.logSeq >= logSeq) {
          this.latencies.push(performance.now() - t);
          this.sentAt.delete(logSeq);
        }
      }
    });
    room.onMessage(ServerMessage.accepted, (m: { commandId: string }) => this.answers.get(m.commandId)?.(null));
    room.onMessage(ServerMessage.rejected, (m: RejectedMessage) => m.commandId && this.answers.get(m.commandId)?.(`${m.code}: ${m.message}`));
    room.onMessage('*', () => undefined);
  }

  static async join(ws: string, roomId: string, code: string, name: string, latencies: number[], key?: string): Promise<LoadClient> {
    const room = await new Client(ws).joinById(roomId, { code, name, ...(key ? { facilitatorKey: key } : {}) });
    return new LoadClient(room, latencies);
  }

  do(command: object): Promise<void> {
    const commandId = `l${++this.counter}`;
    return new Promise((resolve, reject) => {
      this.answers.set(commandId, (error) => {
        this.answers.delete(commandId);
        if (error) reject(new Error(error));
        else resolve();
      });
      this.room.send(ClientMessage.command, { commandId, command });
    });
  }

  /** Sends a public message and times it until the update that carries it arrives. */
  talk(text: string): void {
    // The message will be the log's next event: the update whose logSeq reaches it carries it.
    this.sentAt.set(this.logSeq + 1, performance.now());
    this.room.send(ClientMessage.command, { commandId: `t${++this.counter}`, command: { type: 'SendMessage', to: 'public', text } });
  }

  leave(): Promise<unknown> {
    return this.room.leave(true).catch(() => undefined);
  }
}

async function setUpRoom(base: string, latencies: number[]): Promise<LoadClient[]> {
  const res = await fetch(`${base}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: '2031-kx', seed: 1 }) });
  const created = (await res.json()) as CreateExerciseResponse;
  const lookup = (await (await fetch(`${base}/api/join/${created.joinCode}`)).json()) as JoinLookupResponse;
  const ws = base.replace(/^http/, 'ws');
  const seat = async (name: string, s: SeatId, key?: string) => {
    const c = await LoadClient.join(ws, lookup.roomId, created.joinCode, name, latencies, key);
    await c.do({ type: 'ClaimSeat', seat: s });
    return c;
  };
  const facilitator = await seat('Fran', 'facilitator', created.facilitatorKey);
  const others = [await seat('Eve', 'evaluator', created.facilitatorKey), await seat('Projector', 'display')];
  const actors: LoadClient[] = [];
  for (const id of ACTORS) actors.push(await seat(`Player ${id}`, `actor:${id}`));
  // A room talks for the whole run in one phase: lift the talk quota above what it sends.
  await facilitator.do({ type: 'SetTalkQuota', messagesPerPhase: 10_000 });
  await facilitator.do({ type: 'AdvancePhase' });
  await facilitator.do({ type: 'AdvancePhase' });
  return [facilitator, ...others, ...actors];
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const dataDir = mkdtempSync(join(tmpdir(), 'deflect-capacity-'));
const server = await startServerProcess(await freePort(), dataDir, { script: 'test/bench/bench-server.ts', nodeArgs: ['--expose-gc'] });
const pid = server.child.pid!;

/** The server's V8 heap after a full collection, in kB (the bench server prints it on SIGUSR2). */
async function heapKb(): Promise<number> {
  const before = server.output().length;
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 50));
    const m = /memory (\{.*\})/.exec(server.output().slice(before));
    if (m) return (JSON.parse(m[1]!) as { heapUsed: number }).heapUsed / 1024;
  }
  throw new Error('the server did not report its memory');
}
const rooms: LoadClient[][] = [];
try {
  const heap0 = await heapKb();
  const base0 = procStat(pid);
  // Latencies of the timed messages (every client of a room notes those it sent).
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < ROOMS; i += 10) {
    rooms.push(...(await Promise.all(Array.from({ length: Math.min(10, ROOMS - i) }, () => setUpRoom(server.url, latencies)))));
  }
  const setupS = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 2000));
  const afterSetup = procStat(pid);
  const heapSetUp = await heapKb();
  console.log(`${ROOMS} rooms × ${rooms[0]!.length} clients set up in ${setupS.toFixed(1)} s; server CPU ${((afterSetup.cpuMs - base0.cpuMs) / (ROOMS * rooms[0]!.length)).toFixed(2)} ms per client join (with its seat)`);
  console.log(
    `server memory with ${ROOMS} rooms of ${rooms[0]!.length} connected clients: V8 heap after a full GC ${((heapSetUp - heap0) / ROOMS).toFixed(0)} kB per room (${(heap0 / 1024).toFixed(0)} → ${(heapSetUp / 1024).toFixed(0)} MB); RSS ${((afterSetup.rssKb - base0.rssKb) / ROOMS).toFixed(0)} kB per room (${(base0.rssKb / 1024).toFixed(0)} → ${(afterSetup.rssKb / 1024).toFixed(0)} MB)`,
  );

  // Each room sends RATE messages a second from its actors in turn, at its own offset in the second.
  const start = performance.now();
  const cpu0 = procStat(pid).cpuMs;
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timers = rooms.map((clients, r) => {
      const actors = clients.slice(3);
      let n = 0;
      return setTimeout(function tick() {
        if (performance.now() - start > SECONDS * 1000) return;
        actors[n % actors.length]!.talk(`Load message ${n} from room ${r}: we will fund observation this round.`.padEnd(150, '.'));
        n++;
        sent++;
        timers[r] = setTimeout(tick, 1000 / RATE);
      }, (r / rooms.length) * (1000 / RATE));
    });
    setTimeout(() => {
      timers.forEach(clearTimeout);
      resolve();
    }, SECONDS * 1000 + 3000);
  });
  const cpuMs = procStat(pid).cpuMs - cpu0;
  const end = procStat(pid);
  const heapEnd = await heapKb();
  console.log(
    `${sent} commands in ${SECONDS} s (${(sent / SECONDS).toFixed(0)}/s): command→update latency p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(0)} ms (${latencies.length} measured);`,
  );
  console.log(
    `server CPU ${((cpuMs / ((SECONDS + 3) * 1000)) * 100).toFixed(0)}% of one core, ${((cpuMs / sent) * 1000).toFixed(0)} µs per command; at the end heap ${(heapEnd / 1024).toFixed(0)} MB (+${((heapEnd - heapSetUp) / sent).toFixed(2)} kB per message stored), RSS ${(end.rssKb / 1024).toFixed(0)} MB`,
  );
} finally {
  await Promise.all(rooms.flat().map((c) => c.leave()));
  await stopAllServerProcesses();
  rmSync(dataDir, { recursive: true, force: true });
}
