// The process's Prometheus metrics. Rooms bump plain numbers on their hot path (a Map lookup and
// an addition per command, no allocation once a command type or code has been seen); prom-client
// reads them only when /metrics is scraped. The two latency histograms are prom-client's own.
// One set per process, like Colyseus's matchMaker: every room of the process adds to it.
import { matchMaker } from '@colyseus/core';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The names the metrics are exposed under (the README lists them). */
export const METRIC_NAMES = {
  rooms: 'deflect_rooms',
  clients: 'deflect_clients',
  commands: 'deflect_commands_total',
  rejections: 'deflect_command_rejections_total',
  commandLatency: 'deflect_command_latency_seconds',
  appendLatency: 'deflect_store_append_seconds',
  reconnections: 'deflect_reconnections_total',
  retries: 'deflect_command_retries_total',
} as const;

/** Buckets for a command from its receipt to its sender's answer: 1 ms to 0.5 s, where the p99 goal (100 ms) sits in the middle. */
const COMMAND_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1];
/** Buckets for one append: SQLite's take tens of microseconds, PostgreSQL's a round trip and an fsync (milliseconds). */
const APPEND_BUCKETS_S = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5];

/** How many commands of one type were accepted and refused. */
interface Outcomes {
  accepted: number;
  rejected: number;
}

/**
 * The counters and histograms of one process, with the cheap calls the rooms make. Labels are
 * bounded: command types and rejection codes are finite sets, and no exercise id is a label.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  /** The plain numbers the hot path bumps; the counters copy them when scraped. */
  private readonly tallies = { commands: new Map<string, Outcomes>(), rejectionsByCode: new Map<string, number>(), reconnections: 0, retries: { applied: 0, already_applied: 0 } };
  private readonly commandLatency: Histogram;
  private readonly appendLatency: Histogram;

  constructor(options: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    const tallies = this.tallies;
    new Gauge({
      name: METRIC_NAMES.rooms,
      help: 'Exercise rooms running in this process.',
      registers,
      collect() {
        this.set(matchMaker.stats.local.roomCount);
      },
    });
    new Gauge({
      name: METRIC_NAMES.clients,
      help: 'Clients connected to this process’s rooms.',
      registers,
      collect() {
        this.set(matchMaker.stats.local.ccu);
      },
    });
    new Counter({
      name: METRIC_NAMES.commands,
      help: 'Commands the rooms decided, by command type and outcome (accepted: its events were stored; rejected: refused by the rules).',
      labelNames: ['type', 'outcome'] as const,
      registers,
      collect() {
        this.reset();
        for (const [type, n] of tallies.commands) {
          if (n.accepted > 0) this.inc({ type, outcome: 'accepted' }, n.accepted);
          if (n.rejected > 0) this.inc({ type, outcome: 'rejected' }, n.rejected);
        }
      },
    });
    new Counter({
      name: METRIC_NAMES.rejections,
      help: 'Messages refused, by the code the client was told (rule codes such as phase/not_allowed, protocol/malformed, rate/limited, server/restarting).',
      labelNames: ['code'] as const,
      registers,
      collect() {
        this.reset();
        for (const [code, n] of tallies.rejectionsByCode) this.inc({ code }, n);
      },
    });
    new Counter({
      name: METRIC_NAMES.reconnections,
      help: 'Participants who came back to their seat with their rejoin key (after a dropped connection, a reload or a restart).',
      registers,
      collect() {
        this.reset();
        if (tallies.reconnections > 0) this.inc(tallies.reconnections);
      },
    });
    new Counter({
      name: METRIC_NAMES.retries,
      help: 'Commands a client sent again after a lost connection: applied now, or found already applied (answered without applying them twice).',
      labelNames: ['outcome'] as const,
      registers,
      collect() {
        this.reset();
        for (const [outcome, n] of Object.entries(tallies.retries)) if (n > 0) this.inc({ outcome }, n);
      },
    });
    this.commandLatency = new Histogram({
      name: METRIC_NAMES.commandLatency,
      help: 'Seconds from a command’s receipt by its room to its sender’s answer (the update and accepted, or rejected), queueing included.',
      buckets: COMMAND_BUCKETS_S,
      registers,
    });
    this.appendLatency = new Histogram({
      name: METRIC_NAMES.appendLatency,
      help: 'Seconds one append of a command’s events to the event store takes.',
      buckets: APPEND_BUCKETS_S,
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Counts a command the rules decided on: accepted (stored) or rejected. */
  commandDecided(type: string, accepted: boolean): void {
    let n = this.tallies.commands.get(type);
    if (!n) this.tallies.commands.set(type, (n = { accepted: 0, rejected: 0 }));
    if (accepted) n.accepted++;
    else n.rejected++;
  }

  /** Counts a refusal the client was told about (or, for a flood, would have been), by its code. */
  rejection(code: string): void {
    const byCode = this.tallies.rejectionsByCode;
    byCode.set(code, (byCode.get(code) ?? 0) + 1);
  }

  /** Counts a participant back in their seat with their rejoin key. */
  reconnection(): void {
    this.tallies.reconnections++;
  }

  /** Counts a command sent again after a lost connection: applied now, or already applied before. */
  retry(outcome: 'applied' | 'already_applied'): void {
    this.tallies.retries[outcome]++;
  }

  /** Records a command's time from receipt to its sender's answer, in milliseconds. */
  observeCommandMs(ms: number): void {
    this.commandLatency.observe(ms / 1000);
  }

  /** Records one event-store append's time, in milliseconds. */
  observeAppendMs(ms: number): void {
    this.appendLatency.observe(ms / 1000);
  }

  /** The text exposition format (what Prometheus scrapes) and its content type. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}

/** This process's metrics: every room and route of the process reports here. */
export const serverMetrics = new ServerMetrics();
