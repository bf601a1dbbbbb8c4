// What the load tool counts while tables play, in a shape that one process (or a worker) fills
// and a parent adds up: command latencies, answers, errors and the tables' progress.
import type { Room } from 'colyseus.js';
import { ClientMessage, ServerMessage, type AcceptedMessage, type CommandEnvelope, type RejectedMessage } from '../../shared/protocol.js';
import type { SeatUpdate } from '../../shared/sync.js';

/** A command sent and not yet answered (or answered and not yet reflected in an update). */
interface InFlight {
  sentAtMs: number;
  type: string;
  /** Set once accepted: the last event the command caused. */
  lastSeq?: number;
}

/** A command the server accepted, as its sender was told: checked against the stored log at the end. */
export interface AcknowledgedCommand {
  /** The sender's participant id (the Colyseus session id), which the log records as the events' actor. */
  participantId: string;
  type: string;
  firstSeq: number;
  lastSeq: number;
}

/** Counts of one run (or one worker's share of it); plain data so workers can send it to their parent. */
export interface LoadCounts {
  tablesStarted: number;
  tablesFinished: number;
  /** Tables whose exercise did not reach its end (a failure, or the run's time was up). */
  tablesUnfinished: number;
  commandsSent: number;
  commandsAccepted: number;
  commandsRejected: number;
  /** Commands with no accepted/rejected answer within the unanswered limit. */
  commandsUnanswered: number;
  /** Accepted commands whose sender got no update reaching their events within the limit. */
  acceptedWithoutUpdate: number;
  /** Milliseconds from sending a command to its sender receiving the update that reflects it (accepted commands). */
  latenciesMs: number[];
  /** Commands by type. */
  sentByType: Record<string, number>;
  /** Refusals by code (`phase/not_orders`, `protocol/…`, `timeout`…). */
  rejectionsByCode: Record<string, number>;
  protocolErrors: number;
  /** Connections the server closed under a client that had not left. */
  disconnections: number;
  /** Failures that stopped a table (its first line each), e.g. a 429 on creating an exercise. */
  tableErrors: string[];
  /** HTTP 429 answers (rate limits) met while creating or joining. */
  rateLimited: number;
  /** Steps of sitting down tried again after a transient failure (a dropped or slow connection, a room gone before the join). */
  setupRetries: number;
  /** Exercises played to their end. */
  exercisesFinished: number;
  /** Connections opened (facilitator, bots and their seat finder, projector, evaluator). */
  clientsJoined: number;
}

/** Empty counts. */
export function emptyCounts(): LoadCounts {
  return {
    tablesStarted: 0,
    tablesFinished: 0,
    tablesUnfinished: 0,
    commandsSent: 0,
    commandsAccepted: 0,
    commandsRejected: 0,
    commandsUnanswered: 0,
    acceptedWithoutUpdate: 0,
    latenciesMs: [],
    sentByType: {},
    rejectionsByCode: {},
    protocolErrors: 0,
    disconnections: 0,
    tableErrors: [],
    rateLimited: 0,
    setupRetries: 0,
    exercisesFinished: 0,
    clientsJoined: 0,
  };
}

/** Adds `b` into `a` (a worker's counts into the parent's). */
export function addCounts(a: LoadCounts, b: LoadCounts): LoadCounts {
  const add = (x: Record<string, number>, y: Record<string, number>) => {
    for (const [k, v] of Object.entries(y)) x[k] = (x[k] ?? 0) + v;
  };
  for (const key of Object.keys(a) as (keyof LoadCounts)[]) {
    const x = a[key];
    const y = b[key];
    if (typeof x === 'number' && typeof y === 'number') (a[key] as number) = x + y;
  }
  for (const v of b.latenciesMs) a.latenciesMs.push(v);
  a.tableErrors.push(...b.tableErrors);
  add(a.sentByType, b.sentByType);
  add(a.rejectionsByCode, b.rejectionsByCode);
  return a;
}

/** The p-th percentile (nearest rank) of samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Watches one client connection: times every command it sends until the update that reflects
 * it (an update whose `logSeq` reaches the command's last event), and counts answers,
 * refusals and commands left unanswered. Works on a bot's connection as on the facilitator's:
 * it wraps the room's `send` and adds listeners beside the client's own.
 */
export class WireWatch {
  private readonly inFlight = new Map<string, InFlight>();
  /** Arrival times of this connection's updates, by the log length they reflect (recent ones only). */
  private updates: { logSeq: number; atMs: number }[] = [];
  private lastLogSeq = 0;
  private leaving = false;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    readonly room: Room,
    private readonly counts: LoadCounts,
    private readonly acknowledged: AcknowledgedCommand[],
    private readonly unansweredAfterMs: number,
  ) {
    const send = room.send.bind(room);
    room.send = ((type: string | number, message?: unknown) => {
      if (type === ClientMessage.command) {
        const envelope = message as CommandEnvelope;
        this.inFlight.set(envelope.commandId, { sentAtMs: performance.now(), type: envelope.command.type });
        counts.commandsSent++;
        counts.sentByType[envelope.command.type] = (counts.sentByType[envelope.command.type] ?? 0) + 1;
      }
      send(type, message);
    }) as Room['send'];
    room.onMessage(ServerMessage.update, (u: SeatUpdate) => this.updated(u));
    room.onMessage(ServerMessage.accepted, (m: AcceptedMessage) => this.accepted(m));
    room.onMessage(ServerMessage.rejected, (m: RejectedMessage) => this.rejected(m));
    room.onLeave((code) => {
      // 1000 and 4000: the client left on purpose (a bot leaves as soon as it sees the end, maybe
      // with a command still on its way: its answer is then not owed); anything else was done to it.
      if (code === 1000 || code === 4000) this.leaving = true;
      else if (!this.leaving) counts.disconnections++;
      this.stop();
    });
    this.sweeper = setInterval(() => this.sweep(), Math.min(1000, unansweredAfterMs));
    this.sweeper.unref();
  }

  /** Marks the connection as leaving on purpose (its close is not a disconnection). */
  markLeaving(): void {
    this.leaving = true;
  }

  /** How many events of the exercise log the last update to this connection reflected. */
  get logSeq(): number {
    return this.lastLogSeq;
  }

  /** Stops watching: what is still unanswered counts as unanswered, unless the client itself left. */
  stop(): void {
    clearInterval(this.sweeper);
    for (const [id, c] of this.inFlight) {
      if (c.lastSeq === undefined && !this.leaving) this.counts.commandsUnanswered++;
      this.inFlight.delete(id);
    }
  }

  private updated(u: SeatUpdate): void {
    const now = performance.now();
    this.lastLogSeq = Math.max(this.lastLogSeq, u.logSeq);
    this.updates.push({ logSeq: u.logSeq, atMs: now });
    if (this.updates.length > 64) this.updates = this.updates.slice(-32);
    for (const [id, c] of this.inFlight) {
      if (c.lastSeq !== undefined && u.logSeq >= c.lastSeq) {
        this.counts.latenciesMs.push(now - c.sentAtMs);
        this.inFlight.delete(id);
      }
    }
  }

  private accepted(m: AcceptedMessage): void {
    const c = this.inFlight.get(m.commandId);
    if (!c) return;
    this.counts.commandsAccepted++;
    this.acknowledged.push({ participantId: this.room.sessionId, type: c.type, firstSeq: m.firstSeq, lastSeq: m.lastSeq });
    // The update may have come before the answer: the first one after sending that reaches the events.
    const reached = this.updates.find((u) => u.atMs >= c.sentAtMs && u.logSeq >= m.lastSeq);
    if (reached) {
      this.counts.latenciesMs.push(reached.atMs - c.sentAtMs);
      this.inFlight.delete(m.commandId);
    } else {
      c.lastSeq = m.lastSeq;
    }
  }

  private rejected(m: RejectedMessage): void {
    if (m.kind === 'protocol') this.counts.protocolErrors++;
    this.counts.rejectionsByCode[m.code] = (this.counts.rejectionsByCode[m.code] ?? 0) + 1;
    if (m.commandId === null || !this.inFlight.has(m.commandId)) return;
    this.counts.commandsRejected++;
    this.inFlight.delete(m.commandId);
  }

  private sweep(): void {
    const now = performance.now();
    for (const [id, c] of this.inFlight) {
      if (now - c.sentAtMs < this.unansweredAfterMs) continue;
      if (c.lastSeq === undefined) this.counts.commandsUnanswered++;
      else this.counts.acceptedWithoutUpdate++;
      this.inFlight.delete(id);
    }
  }
}
