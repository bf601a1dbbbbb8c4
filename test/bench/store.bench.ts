// Event-store append latency, PostgreSQL against SQLite, in one run: 2 000 appends of one
// chat message each on one session, one after another (as a room appends), then the same
// number spread over several sessions appending at the same time (as several rooms do). Each
// PostgreSQL figure comes from a throwaway cluster on this machine (test/helpers/postgres.ts),
// over TCP on the loopback interface, both with its default durability (each commit waits for
// its WAL flush) and with `synchronous_commit = off` (a crash may lose the last commits but
// never corrupts: what SQLite's WAL with `synchronous = NORMAL`, the embedded store's setting,
// also risks). Run alone with
//   node --import tsx test/bench/store.bench.ts [--appends=2000] [--sessions=8]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { DomainEvent } from '../../shared/engine/events.js';
import { parseScenarioYaml } from '../../shared/scenario/parse.js';
import { PostgresEventStore } from '../../server/store/postgres.js';
import { SqliteEventStore } from '../../server/store/sqlite.js';
import type { EventStore, SessionRecord } from '../../server/store/types.js';
import { postgresUnavailable, startPostgres } from '../helpers/postgres.js';
import { median } from './timing.js';

export interface StoreBenchOptions {
  /** Appends timed per store and load (each of one event). */
  appends: number;
  /** Sessions appending at the same time in the parallel load. */
  sessions: number;
}

const DEFAULTS: StoreBenchOptions = { appends: 2_000, sessions: 8 };

/** Latencies of one load on one store: median and p99 of the appends (ms), and appends per second over the whole load. */
export interface Figures {
  medianMs: number;
  p99Ms: number;
  perSecond: number;
}

/** One store's figures: one session appending alone, and several at the same time. */
export interface StoreFigures {
  one: Figures;
  parallel: Figures;
}

/** The value below which `q` of the samples lie (nearest rank). */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

function loadSession(id: string): SessionRecord {
  const parsed = parseScenarioYaml(readFileSync(new URL('../../scenarios/2031-kx.yaml', import.meta.url), 'utf8'), '2031-kx.yaml');
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const hash = (role: string) => `${id}:${role}`.padEnd(64, '0');
  return {
    id,
    joinCode: id.toUpperCase().padEnd(6, 'X').slice(0, 6),
    facilitatorKeyHash: hash('f'),
    evaluatorKeyHash: hash('e'),
    debriefKeyHash: hash('d'),
    scenario: parsed.scenario,
    seed: 1,
    rulesVersion: 1,
    createdAt: '2031-01-05T09:00:00.000Z',
    status: 'open',
    groupId: id,
    parentId: null,
    forkSeq: null,
  };
}

/** A chat message as a table posts it: the most common event of a deliberation. */
function message(n: number): DomainEvent {
  return {
    type: 'MessagePosted',
    messageId: `m${n}`,
    round: 1,
    from: 'actor:usa',
    fromName: 'Delegate of usa',
    to: 'public',
    text: `Proposal ${n}: we fund the kinetic impactor jointly and share the tracking data with every agency before the next briefing.`,
    at: new Date(Date.UTC(2031, 0, 5, 9) + n * 1000).toISOString(),
  };
}

/** `count` appends on each of `sessions` fresh sessions, the sessions appending at the same time, each one after another. */
async function timeAppends(store: EventStore, prefix: string, sessions: number, count: number): Promise<Figures> {
  const ids = Array.from({ length: sessions }, (_, i) => `${prefix}${i}`);
  for (const id of ids) await store.createSession(loadSession(id));
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    ids.map(async (id) => {
      for (let seq = 0; seq < count; seq++) {
        const t = performance.now();
        await store.append(id, seq, [{ data: message(seq), actor: 'p-usa', at: '2031-01-05T09:00:00.000Z' }], 1);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const totalMs = performance.now() - t0;
  return { medianMs: median(latencies), p99Ms: quantile(latencies, 0.99), perSecond: (sessions * count * 1000) / totalMs };
}

/** Both loads on one store, after a warm-up of 200 appends. */
async function timeStore(store: EventStore, options: StoreBenchOptions): Promise<StoreFigures> {
  await timeAppends(store, 'w', 1, 200);
  const one = await timeAppends(store, 'o', 1, options.appends);
  const parallel = await timeAppends(store, 'p', options.sessions, Math.ceil(options.appends / options.sessions));
  return { one, parallel };
}

const show = (f: Figures) => `median ${f.medianMs.toFixed(3)} ms, p99 ${f.p99Ms.toFixed(3)} ms, ${Math.round(f.perSecond).toLocaleString('en-US')} appends/s`;

/** Times SQLite and PostgreSQL (default and `synchronous_commit = off`); the ratio is PostgreSQL's default median over SQLite's, one session. */
export async function benchStore(options: Partial<StoreBenchOptions> = {}): Promise<{
  name: string;
  ratio: number;
  details: string;
  /** The figures behind the text, one session and parallel, per store (PostgreSQL's absent when it is not installed). */
  figures: { sqlite: StoreFigures; postgres: StoreFigures | null; postgresAsync: StoreFigures | null };
}> {
  const o = { ...DEFAULTS, ...options };
  const name = `event-store append, PostgreSQL vs SQLite (median of ${o.appends.toLocaleString('en-US')} one-event appends on one session)`;
  const dir = mkdtempSync(join(tmpdir(), 'deflect-store-bench-'));
  let sqlite: StoreFigures;
  try {
    const store = new SqliteEventStore(join(dir, 'bench.db'));
    sqlite = await timeStore(store, o);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const unavailable = postgresUnavailable();
  if (unavailable) return { name, ratio: Number.NaN, details: `SQLite: one session ${show(sqlite.one)}; PostgreSQL not measured: ${unavailable}.`, figures: { sqlite, postgres: null, postgresAsync: null } };

  const cluster = await startPostgres();
  let durable: StoreFigures;
  let relaxed: StoreFigures;
  try {
    const relaxedUrl = await cluster.createDatabase('relaxed');
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('ALTER DATABASE relaxed SET synchronous_commit = off');
    await admin.end();
    const time = async (url: string) => {
      const store = await PostgresEventStore.open(url, { maxConnections: o.sessions });
      try {
        return await timeStore(store, o);
      } finally {
        await store.close();
      }
    };
    durable = await time(cluster.url);
    relaxed = await time(relaxedUrl);
  } finally {
    await cluster.stop();
  }
  const ratio = (a: Figures, b: Figures) => (a.medianMs / b.medianMs).toFixed(1);
  const details = [
    `one session, ${o.appends.toLocaleString('en-US')} appends one after another:`,
    `  SQLite (WAL, synchronous=NORMAL)          ${show(sqlite.one)}`,
    `  PostgreSQL (synchronous_commit=on)        ${show(durable.one)}  (median ×${ratio(durable.one, sqlite.one)})`,
    `  PostgreSQL (synchronous_commit=off)       ${show(relaxed.one)}  (median ×${ratio(relaxed.one, sqlite.one)})`,
    `${o.sessions} sessions appending at the same time, ${Math.ceil(o.appends / o.sessions).toLocaleString('en-US')} appends each (pool of ${o.sessions} connections):`,
    `  SQLite                                    ${show(sqlite.parallel)}`,
    `  PostgreSQL (synchronous_commit=on)        ${show(durable.parallel)}  (throughput ×${(durable.parallel.perSecond / sqlite.parallel.perSecond).toFixed(2)})`,
    `  PostgreSQL (synchronous_commit=off)       ${show(relaxed.parallel)}  (throughput ×${(relaxed.parallel.perSecond / sqlite.parallel.perSecond).toFixed(2)})`,
    `SQLite's appends block the event loop for their whole duration; PostgreSQL's wait on the socket, so other rooms run meanwhile.`,
  ].join('\n  ');
  return { name, ratio: durable.one.medianMs / sqlite.one.medianMs, details, figures: { sqlite, postgres: durable, postgresAsync: relaxed } };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const overrides: Partial<StoreBenchOptions> = {};
  for (const arg of process.argv.slice(2)) {
    const appends = /^--appends=(\d+)$/.exec(arg);
    const sessions = /^--sessions=(\d+)$/.exec(arg);
    if (appends) overrides.appends = Number(appends[1]);
    else if (sessions) overrides.sessions = Number(sessions[1]);
    else throw new Error(`unknown argument ${arg}; expected --appends=2000 or --sessions=8`);
  }
  const result = await benchStore(overrides);
  console.log(`${result.name}: ratio ${result.ratio.toFixed(2)}\n  ${result.details}`);
}
