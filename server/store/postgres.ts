import pg from 'pg';
import { sessionFromRow, storedEventFromRow, storedEvents } from './rows.js';
import {
  ConcurrencyError,
  type EventStore,
  type KeyRole,
  type NewBranch,
  type NewEvent,
  type SessionActivity,
  type SessionOverview,
  type SessionRecord,
  type StoredEvent,
} from './types.js';

interface SessionRow {
  id: string;
  join_code: string;
  facilitator_key_hash: string;
  evaluator_key_hash: string | null;
  debrief_key_hash: string | null;
  /** A `json` column: the driver hands it out parsed. */
  scenario_json: unknown;
  seed: number;
  rules_version: number;
  created_at: string;
  status: 'open' | 'ended';
  group_id: string;
  parent_id: string | null;
  fork_seq: number | null;
}

interface EventRow {
  seq: number;
  /** A `json` column: the driver hands it out parsed. */
  data: unknown;
  actor: string;
  at: string;
  rules_version: number;
  command_id: string | null;
}

/**
 * The schema's versions, in order; `schema_migrations` records those applied. JSON is kept as
 * `json`, not `jsonb`: `json` keeps the text exactly as the server wrote it (key order included,
 * which a replay's state inherits), as SQLite's TEXT does, and still answers `->>` for the
 * sessions list. Times are ISO strings, as in SQLite, so they come back exactly as written.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  // 1: sessions and their logs, as SQLite's schema after its migration 2.
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     join_code TEXT NOT NULL UNIQUE,
     facilitator_key_hash TEXT NOT NULL,
     evaluator_key_hash TEXT,
     debrief_key_hash TEXT,
     scenario_json JSON NOT NULL,
     seed INTEGER NOT NULL,
     rules_version INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('open', 'ended')),
     group_id TEXT NOT NULL,
     parent_id TEXT,
     fork_seq INTEGER
   );
   CREATE TABLE events (
     session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
     seq INTEGER NOT NULL CHECK (seq >= 1),
     type TEXT NOT NULL,
     data JSON NOT NULL,
     actor TEXT NOT NULL,
     at TEXT NOT NULL,
     rules_version INTEGER NOT NULL,
     PRIMARY KEY (session_id, seq)
   );
   CREATE INDEX sessions_created_at ON sessions (created_at);
   CREATE INDEX sessions_status ON sessions (status, created_at);
   CREATE INDEX sessions_group ON sessions (group_id, created_at);
   CREATE INDEX sessions_facilitator_key ON sessions (facilitator_key_hash);
   CREATE INDEX sessions_evaluator_key ON sessions (evaluator_key_hash);
   CREATE INDEX sessions_debrief_key ON sessions (debrief_key_hash);`,
  // 2: the client's id of the command behind each event (events stored before keep null).
  `ALTER TABLE events ADD COLUMN command_id TEXT;`,
];

/** The advisory lock the migrations hold: two processes starting together apply them once. ('DEFL' as a number.) */
const MIGRATION_LOCK = 0x4445464c;

/** PostgreSQL's code for a unique violation. */
const UNIQUE_VIOLATION = '23505';

/** The exercise a key hash belongs to: each role's hash column has its own index (a bitmap OR of three index scans). */
export const POSTGRES_KEY_LOOKUP = 'SELECT * FROM sessions WHERE facilitator_key_hash = $1 OR evaluator_key_hash = $1 OR debrief_key_hash = $1 LIMIT 1';

/** The sessions list's columns, as SQLite's OVERVIEW: the record's facts, the scenario's id and title, and the log's length, last event time and round. */
const OVERVIEW = `
SELECT s.id, s.scenario_json->>'id' AS scenario_id, s.scenario_json->>'title' AS title,
       s.created_at, s.status, s.group_id, s.parent_id, s.fork_seq,
       COUNT(e.seq)::int AS event_count,
       (SELECT l.at FROM events l WHERE l.session_id = s.id ORDER BY l.seq DESC LIMIT 1) AS last_event_at,
       COALESCE(MAX(CASE WHEN e.type = 'RoundStarted' THEN (e.data->>'round')::int END), 0)::int AS round
FROM sessions s LEFT JOIN events e ON e.session_id = s.id
WHERE s.group_id = $1
GROUP BY s.id
ORDER BY s.created_at DESC, s.id DESC`;

const INSERT_SESSION = `INSERT INTO sessions (id, join_code, facilitator_key_hash, evaluator_key_hash, debrief_key_hash, scenario_json, seed, rules_version, created_at, status, group_id, parent_id, fork_seq)
  VALUES ($1, $2, $3, $4, $5, $6::json, $7, $8, $9, $10, $11, $12, $13)`;

/**
 * Appends rows in one statement (its own transaction), only if the log ends at the expected
 * seq: a log that grew meanwhile makes the first new seq collide with `PRIMARY KEY (session_id, seq)`,
 * a log that is shorter inserts nothing; either way the caller is told with ConcurrencyError.
 */
const APPEND = `INSERT INTO events (session_id, seq, type, data, actor, at, rules_version, command_id)
  SELECT $1, u.seq, u.type, u.data::json, u.actor, u.at, $8, u.command_id
  FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $9::text[]) AS u(seq, type, data, actor, at, command_id)
  WHERE (SELECT COALESCE(MAX(seq), 0) FROM events WHERE session_id = $1) = $2`;

const LAST_SEQ = 'SELECT COALESCE(MAX(seq), 0)::int AS seq FROM events WHERE session_id = $1';

/** What the store tells about trouble it cannot hand to a caller (an idle connection dropped by the server). */
export interface PostgresStoreOptions {
  onIdleError?: (err: Error) => void;
  /** Connections kept at most (pg's default: 10). */
  maxConnections?: number;
}

/**
 * The event store shared by several processes: a PostgreSQL database, its schema brought up to
 * date when it opens. Its hot statements are named, so each pooled connection parses and plans
 * them once (that took an append's median from 0.73 to 0.28 ms in test/bench/store.bench.ts).
 */
export class PostgresEventStore implements EventStore {
  private constructor(private readonly pool: pg.Pool) {}

  /** Connects to `url` and applies the migrations the database has not had yet. */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresEventStore> {
    // A connection that takes over 10 s fails instead of waiting for the kernel's TCP timeout
    // (minutes, for a host that drops packets): start-up says why, and a query fails in time.
    const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, connectionTimeoutMillis: 10_000 });
    pool.on('error', (err) => options.onIdleError?.(err));
    try {
      await migrate(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresEventStore(pool);
  }

  async createSession(s: SessionRecord): Promise<void> {
    await this.pool.query(INSERT_SESSION, sessionParams(s));
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const { rows } = await this.pool.query<SessionRow>({ name: 'deflect-session', text: 'SELECT * FROM sessions WHERE id = $1', values: [id] });
    return rows[0] ? toSession(rows[0]) : null;
  }

  async findSessionByJoinCode(joinCode: string): Promise<SessionRecord | null> {
    const { rows } = await this.pool.query<SessionRow>({ name: 'deflect-join-code', text: 'SELECT * FROM sessions WHERE join_code = $1', values: [joinCode] });
    return rows[0] ? toSession(rows[0]) : null;
  }

  async findSessionByKeyHash(keyHash: string): Promise<{ session: SessionRecord; role: KeyRole } | null> {
    const { rows } = await this.pool.query<SessionRow>({ name: 'deflect-key-hash', text: POSTGRES_KEY_LOOKUP, values: [keyHash] });
    const row = rows[0];
    if (!row) return null;
    const role: KeyRole = row.facilitator_key_hash === keyHash ? 'facilitator' : row.evaluator_key_hash === keyHash ? 'evaluator' : 'debrief';
    return { session: toSession(row), role };
  }

  async listGroup(groupId: string): Promise<SessionOverview[]> {
    const { rows } = await this.pool.query<{
      id: string;
      scenario_id: string;
      title: string;
      created_at: string;
      status: 'open' | 'ended';
      group_id: string;
      parent_id: string | null;
      fork_seq: number | null;
      event_count: number;
      last_event_at: string | null;
      round: number;
    }>(OVERVIEW, [groupId]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      scenarioId: r.scenario_id,
      createdAt: r.created_at,
      status: r.status,
      groupId: r.group_id,
      parentId: r.parent_id,
      forkSeq: r.fork_seq,
      eventCount: r.event_count,
      lastEventAt: r.last_event_at,
      round: r.round,
    }));
  }

  async createBranch(branch: NewBranch): Promise<StoredEvent[]> {
    const { session, rulesVersion } = branch;
    const stored = storedEvents(session.id, session.forkSeq, branch.events, rulesVersion);
    await this.transaction(async (client) => {
      const parentLength = (await client.query<{ seq: number }>(LAST_SEQ, [session.parentId])).rows[0]?.seq ?? 0;
      if (parentLength < session.forkSeq) {
        throw new RangeError(`Exercise ${session.parentId} has ${parentLength} events; a branch cannot keep ${session.forkSeq}.`);
      }
      await client.query(INSERT_SESSION, sessionParams(session));
      // Copied inside the database: the prefix's stored text, times and rules versions stay exactly as they were.
      await client.query(
        'INSERT INTO events (session_id, seq, type, data, actor, at, rules_version, command_id) SELECT $1, seq, type, data, actor, at, rules_version, command_id FROM events WHERE session_id = $2 AND seq <= $3 ORDER BY seq',
        [session.id, session.parentId, session.forkSeq],
      );
      if (stored.length > 0) await client.query(APPEND, appendParams(session.id, session.forkSeq, stored, rulesVersion));
    });
    return stored;
  }

  async listSessions(status?: SessionRecord['status']): Promise<SessionRecord[]> {
    const { rows } = status
      ? await this.pool.query<SessionRow>('SELECT * FROM sessions WHERE status = $1 ORDER BY created_at, id', [status])
      : await this.pool.query<SessionRow>('SELECT * FROM sessions ORDER BY created_at, id');
    return rows.map(toSession);
  }

  async setStatus(id: string, status: SessionRecord['status']): Promise<void> {
    await this.pool.query('UPDATE sessions SET status = $1 WHERE id = $2', [status, id]);
  }

  async append(sessionId: string, expectedSeq: number, events: readonly NewEvent[], rulesVersion: number): Promise<StoredEvent[]> {
    const stored = storedEvents(sessionId, expectedSeq, events, rulesVersion);
    if (stored.length === 0) {
      const actual = await this.lastSeq(sessionId);
      if (actual !== expectedSeq) throw new ConcurrencyError(sessionId, expectedSeq, actual);
      return stored;
    }
    let inserted: number;
    try {
      inserted = (await this.pool.query({ name: 'deflect-append', text: APPEND, values: appendParams(sessionId, expectedSeq, stored, rulesVersion) })).rowCount ?? 0;
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION) throw new ConcurrencyError(sessionId, expectedSeq, await this.lastSeq(sessionId));
      throw err;
    }
    if (inserted !== stored.length) throw new ConcurrencyError(sessionId, expectedSeq, await this.lastSeq(sessionId));
    return stored;
  }

  async readEvents(sessionId: string, toSeq?: number): Promise<StoredEvent[]> {
    const columns = 'SELECT seq, data, actor, at, rules_version, command_id FROM events WHERE session_id = $1';
    const { rows } =
      toSeq === undefined
        ? await this.pool.query<EventRow>({ name: 'deflect-read', text: `${columns} ORDER BY seq`, values: [sessionId] })
        : await this.pool.query<EventRow>({ name: 'deflect-read-to', text: `${columns} AND seq <= $2 ORDER BY seq`, values: [sessionId, Math.min(toSeq, 2 ** 31 - 1)] });
    return rows.map((r) => storedEventFromRow(sessionId, r, r.data));
  }

  async listActivity(): Promise<SessionActivity[]> {
    const { rows } = await this.pool.query<{ id: string; status: SessionRecord['status']; created_at: string; last_event_at: string | null }>(
      `SELECT s.id, s.status, s.created_at,
              (SELECT e.at FROM events e WHERE e.session_id = s.id ORDER BY e.seq DESC LIMIT 1) AS last_event_at
       FROM sessions s ORDER BY s.created_at, s.id`,
    );
    return rows.map((r) => ({ id: r.id, status: r.status, createdAt: r.created_at, lastEventAt: r.last_event_at }));
  }

  async countSessionsCreatedSince(sinceIso: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM sessions WHERE created_at >= $1', [sinceIso]);
    return rows[0]?.n ?? 0;
  }

  async deleteSession(id: string): Promise<boolean> {
    // The log goes with it (ON DELETE CASCADE), in the same statement.
    return ((await this.pool.query('DELETE FROM sessions WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  /** Whether the database answers (for a readiness check). */
  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async lastSeq(sessionId: string): Promise<number> {
    return (await this.pool.query<{ seq: number }>({ name: 'deflect-last-seq', text: LAST_SEQ, values: [sessionId] })).rows[0]?.seq ?? 0;
  }

  /** Runs `work` on one connection inside BEGIN … COMMIT, rolling back when it throws. */
  private async transaction(work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
    await inTransaction(this.pool, work);
  }
}

/** Applies the migrations not applied yet, in one transaction holding MIGRATION_LOCK (another process starting waits, then finds them applied). */
async function migrate(pool: pg.Pool): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number }>('SELECT COALESCE(MAX(version), 0)::int AS version FROM schema_migrations');
    for (let version = rows[0]?.version ?? 0; version < POSTGRES_MIGRATIONS.length; version++) {
      await client.query(POSTGRES_MIGRATIONS[version]!);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version + 1]);
    }
  });
}

async function inTransaction(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** APPEND's parameters: one array per column, so a command's events go in one statement whatever their number. */
function appendParams(sessionId: string, expectedSeq: number, stored: readonly StoredEvent[], rulesVersion: number): unknown[] {
  return [
    sessionId,
    expectedSeq,
    stored.map((e) => e.seq),
    stored.map((e) => e.type),
    stored.map((e) => JSON.stringify(e.data)),
    stored.map((e) => e.actor),
    stored.map((e) => e.at),
    rulesVersion,
    stored.map((e) => e.commandId ?? null),
  ];
}

function sessionParams(s: SessionRecord): unknown[] {
  return [
    s.id,
    s.joinCode,
    s.facilitatorKeyHash,
    s.evaluatorKeyHash,
    s.debriefKeyHash,
    JSON.stringify(s.scenario),
    s.seed,
    s.rulesVersion,
    s.createdAt,
    s.status,
    s.groupId,
    s.parentId,
    s.forkSeq,
  ];
}

function toSession(row: SessionRow): SessionRecord {
  return sessionFromRow(row, row.scenario_json);
}
