import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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
  scenario_json: string;
  seed: number;
  rules_version: number;
  created_at: string;
  status: 'open' | 'ended';
  group_id: string | null;
  parent_id: string | null;
  fork_seq: number | null;
}

interface OverviewRow {
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
}

interface EventRow {
  session_id: string;
  seq: number;
  type: string;
  data: string;
  actor: string;
  at: string;
  rules_version: number;
  command_id: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  join_code TEXT NOT NULL UNIQUE,
  facilitator_key_hash TEXT NOT NULL,
  scenario_json TEXT NOT NULL,
  seed INTEGER NOT NULL,
  rules_version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'ended'))
);
CREATE TABLE IF NOT EXISTS events (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  rules_version INTEGER NOT NULL,
  UNIQUE (session_id, seq)
);
`;

/**
 * Changes to the schema above, in order; the database's `user_version` counts those applied.
 * A database written by an older server is brought up to date when it is opened.
 */
const MIGRATIONS: readonly string[] = [
  // 1: keys per role (exercises made before keep null: only their facilitator key works); creation time is queried by retention and the creation cap.
  `ALTER TABLE sessions ADD COLUMN evaluator_key_hash TEXT;
   ALTER TABLE sessions ADD COLUMN debrief_key_hash TEXT;
   CREATE INDEX IF NOT EXISTS sessions_created_at ON sessions (created_at);`,
  // 2: groups of tables and what-if branches (exercises made before are each a group of one); keys are looked up by their hash.
  `ALTER TABLE sessions ADD COLUMN group_id TEXT;
   UPDATE sessions SET group_id = id;
   ALTER TABLE sessions ADD COLUMN parent_id TEXT;
   ALTER TABLE sessions ADD COLUMN fork_seq INTEGER;
   CREATE INDEX IF NOT EXISTS sessions_group ON sessions (group_id, created_at);
   CREATE INDEX IF NOT EXISTS sessions_facilitator_key ON sessions (facilitator_key_hash);
   CREATE INDEX IF NOT EXISTS sessions_evaluator_key ON sessions (evaluator_key_hash);
   CREATE INDEX IF NOT EXISTS sessions_debrief_key ON sessions (debrief_key_hash);`,
  // 3: the client's id of the command behind each event (events stored before keep null).
  `ALTER TABLE events ADD COLUMN command_id TEXT;`,
];

/** The exercise a key hash belongs to: each role's hash column has its own index, and SQLite answers the OR with one index search per column. */
export const KEY_LOOKUP = 'SELECT * FROM sessions WHERE facilitator_key_hash = ? OR evaluator_key_hash = ? OR debrief_key_hash = ? LIMIT 1';

/** The sessions list's columns: the record's facts, the scenario's id and title, and the log's length, last event time and round (one pass over the group's events). */
const OVERVIEW = `
SELECT s.id, json_extract(s.scenario_json, '$.id') AS scenario_id, json_extract(s.scenario_json, '$.title') AS title,
       s.created_at, s.status, s.group_id, s.parent_id, s.fork_seq,
       COUNT(e.seq) AS event_count,
       (SELECT l.at FROM events l WHERE l.session_id = s.id ORDER BY l.seq DESC LIMIT 1) AS last_event_at,
       COALESCE(MAX(CASE WHEN e.type = 'RoundStarted' THEN json_extract(e.data, '$.round') END), 0) AS round
FROM sessions s LEFT JOIN events e ON e.session_id = s.id
WHERE s.group_id = ?
GROUP BY s.id
ORDER BY s.created_at DESC, s.id DESC`;

/** The embedded event store: one SQLite file in WAL mode. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appendTx: (sessionId: string, expectedSeq: number, rows: EventRow[]) => void;
  private readonly deleteTx: (sessionId: string) => boolean;
  private readonly branchTx: (branch: NewBranch, rows: EventRow[]) => void;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.migrate();
    const last = this.db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events WHERE session_id = ?');
    const insert = this.db.prepare(
      'INSERT INTO events (session_id, seq, type, data, actor, at, rules_version, command_id) VALUES (@session_id, @seq, @type, @data, @actor, @at, @rules_version, @command_id)',
    );
    this.appendTx = this.db.transaction((sessionId: string, expectedSeq: number, rows: EventRow[]) => {
      const actual = last.get(sessionId)?.seq ?? 0;
      if (actual !== expectedSeq) throw new ConcurrencyError(sessionId, expectedSeq, actual);
      for (const row of rows) insert.run(row);
    });
    const deleteEvents = this.db.prepare<[string]>('DELETE FROM events WHERE session_id = ?');
    const deleteSession = this.db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
    this.deleteTx = this.db.transaction((sessionId: string) => {
      deleteEvents.run(sessionId);
      return deleteSession.run(sessionId).changes > 0;
    });
    const copyPrefix = this.db.prepare<[string, string, number]>(
      'INSERT INTO events (session_id, seq, type, data, actor, at, rules_version, command_id) SELECT ?, seq, type, data, actor, at, rules_version, command_id FROM events WHERE session_id = ? AND seq <= ? ORDER BY seq',
    );
    this.branchTx = this.db.transaction((branch: NewBranch, rows: EventRow[]) => {
      const { session } = branch;
      const parentLength = last.get(session.parentId)?.seq ?? 0;
      if (parentLength < session.forkSeq) {
        throw new RangeError(`Exercise ${session.parentId} has ${parentLength} events; a branch cannot keep ${session.forkSeq}.`);
      }
      this.insertSession(session);
      copyPrefix.run(session.id, session.parentId, session.forkSeq);
      for (const row of rows) insert.run(row);
    });
  }

  /** Applies the migrations this database has not had yet, in one write transaction (another process opening it waits). */
  private migrate(): void {
    this.db
      .transaction(() => {
        const applied = this.db.pragma('user_version', { simple: true }) as number;
        for (let version = applied; version < MIGRATIONS.length; version++) this.db.exec(MIGRATIONS[version]!);
        if (applied < MIGRATIONS.length) this.db.pragma(`user_version = ${MIGRATIONS.length}`);
      })
      .immediate();
  }

  async createSession(s: SessionRecord): Promise<void> {
    this.insertSession(s);
  }

  private insertSession(s: SessionRecord): void {
    this.db
      .prepare(
        `INSERT INTO sessions (id, join_code, facilitator_key_hash, evaluator_key_hash, debrief_key_hash, scenario_json, seed, rules_version, created_at, status, group_id, parent_id, fork_seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
      );
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const row = this.db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?').get(id);
    return row ? toSession(row) : null;
  }

  async findSessionByJoinCode(joinCode: string): Promise<SessionRecord | null> {
    const row = this.db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE join_code = ?').get(joinCode);
    return row ? toSession(row) : null;
  }

  async findSessionByKeyHash(keyHash: string): Promise<{ session: SessionRecord; role: KeyRole } | null> {
    const row = this.db.prepare<[string, string, string], SessionRow>(KEY_LOOKUP).get(keyHash, keyHash, keyHash);
    if (!row) return null;
    const role: KeyRole = row.facilitator_key_hash === keyHash ? 'facilitator' : row.evaluator_key_hash === keyHash ? 'evaluator' : 'debrief';
    return { session: toSession(row), role };
  }

  async listGroup(groupId: string): Promise<SessionOverview[]> {
    return this.db
      .prepare<[string], OverviewRow>(OVERVIEW)
      .all(groupId)
      .map((r) => ({
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
    this.branchTx(branch, stored.map(toRow));
    return stored;
  }

  async listSessions(status?: SessionRecord['status']): Promise<SessionRecord[]> {
    const rows = status
      ? this.db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE status = ? ORDER BY created_at').all(status)
      : this.db.prepare<[], SessionRow>('SELECT * FROM sessions ORDER BY created_at').all();
    return rows.map(toSession);
  }

  async setStatus(id: string, status: SessionRecord['status']): Promise<void> {
    this.db.prepare('UPDATE sessions SET status = ? WHERE id = ?').run(status, id);
  }

  async append(sessionId: string, expectedSeq: number, events: readonly NewEvent[], rulesVersion: number): Promise<StoredEvent[]> {
    const stored = storedEvents(sessionId, expectedSeq, events, rulesVersion);
    this.appendTx(sessionId, expectedSeq, stored.map(toRow));
    return stored;
  }

  async readEvents(sessionId: string, toSeq?: number): Promise<StoredEvent[]> {
    const rows = this.db
      .prepare<[string, number], EventRow>('SELECT * FROM events WHERE session_id = ? AND seq <= ? ORDER BY seq')
      .all(sessionId, toSeq ?? Number.MAX_SAFE_INTEGER);
    return rows.map((r) => storedEventFromRow(r.session_id, r, JSON.parse(r.data)));
  }

  async listActivity(): Promise<SessionActivity[]> {
    const rows = this.db
      .prepare<[], { id: string; status: SessionRecord['status']; created_at: string; last_event_at: string | null }>(
        `SELECT s.id, s.status, s.created_at,
                (SELECT e.at FROM events e WHERE e.session_id = s.id ORDER BY e.seq DESC LIMIT 1) AS last_event_at
         FROM sessions s ORDER BY s.created_at`,
      )
      .all();
    return rows.map((r) => ({ id: r.id, status: r.status, createdAt: r.created_at, lastEventAt: r.last_event_at }));
  }

  async countSessionsCreatedSince(sinceIso: string): Promise<number> {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM sessions WHERE created_at >= ?').get(sinceIso)?.n ?? 0;
  }

  async deleteSession(id: string): Promise<boolean> {
    return this.deleteTx(id);
  }

  /** Whether the database file is open and readable (for a readiness check). */
  async ping(): Promise<void> {
    this.db.prepare('SELECT 1 FROM sessions LIMIT 1').get();
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function toRow(e: StoredEvent): EventRow {
  return {
    session_id: e.sessionId,
    seq: e.seq,
    type: e.type,
    data: JSON.stringify(e.data),
    actor: e.actor,
    at: e.at,
    rules_version: e.rulesVersion,
    command_id: e.commandId ?? null,
  };
}

function toSession(row: SessionRow): SessionRecord {
  return sessionFromRow(row, row.scenario_json);
}
