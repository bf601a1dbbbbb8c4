import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { eventSchema } from '../../shared/engine/events.js';
import { parseScenarioObject } from '../../shared/scenario/parse.js';
import { ConcurrencyError, type EventStore, type NewEvent, type SessionActivity, type SessionRecord, type StoredEvent } from './types.js';

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
}

interface EventRow {
  session_id: string;
  seq: number;
  type: string;
  data: string;
  actor: string;
  at: string;
  rules_version: number;
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
];

/** The embedded event store: one SQLite file in WAL mode. */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appendTx: (sessionId: string, expectedSeq: number, rows: EventRow[]) => void;
  private readonly deleteTx: (sessionId: string) => boolean;

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
      'INSERT INTO events (session_id, seq, type, data, actor, at, rules_version) VALUES (@session_id, @seq, @type, @data, @actor, @at, @rules_version)',
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
    this.db
      .prepare(
        `INSERT INTO sessions (id, join_code, facilitator_key_hash, evaluator_key_hash, debrief_key_hash, scenario_json, seed, rules_version, created_at, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.id, s.joinCode, s.facilitatorKeyHash, s.evaluatorKeyHash, s.debriefKeyHash, JSON.stringify(s.scenario), s.seed, s.rulesVersion, s.createdAt, s.status);
  }

  async getSession(id: string): Promise<SessionRecord | null> {
    const row = this.db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?').get(id);
    return row ? toSession(row) : null;
  }

  async findSessionByJoinCode(joinCode: string): Promise<SessionRecord | null> {
    const row = this.db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE join_code = ?').get(joinCode);
    return row ? toSession(row) : null;
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
    const stored: StoredEvent[] = events.map((e, i) => ({
      sessionId,
      seq: expectedSeq + i + 1,
      type: e.data.type,
      data: e.data,
      actor: e.actor,
      at: e.at,
      rulesVersion,
    }));
    this.appendTx(
      sessionId,
      expectedSeq,
      stored.map((e) => ({
        session_id: e.sessionId,
        seq: e.seq,
        type: e.type,
        data: JSON.stringify(e.data),
        actor: e.actor,
        at: e.at,
        rules_version: e.rulesVersion,
      })),
    );
    return stored;
  }

  async readEvents(sessionId: string, toSeq?: number): Promise<StoredEvent[]> {
    const rows = this.db
      .prepare<[string, number], EventRow>('SELECT * FROM events WHERE session_id = ? AND seq <= ? ORDER BY seq')
      .all(sessionId, toSeq ?? Number.MAX_SAFE_INTEGER);
    return rows.map((r) => {
      const parsed = eventSchema.safeParse(JSON.parse(r.data));
      if (!parsed.success) throw new Error(`Session ${sessionId}, event ${r.seq}: stored event does not match the event schema: ${parsed.error.message}`);
      return { sessionId: r.session_id, seq: r.seq, type: parsed.data.type, data: parsed.data, actor: r.actor, at: r.at, rulesVersion: r.rules_version };
    });
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

  async close(): Promise<void> {
    this.db.close();
  }
}

function toSession(row: SessionRow): SessionRecord {
  const parsed = parseScenarioObject(JSON.parse(row.scenario_json), `session ${row.id} scenario`);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return {
    id: row.id,
    joinCode: row.join_code,
    facilitatorKeyHash: row.facilitator_key_hash,
    evaluatorKeyHash: row.evaluator_key_hash,
    debriefKeyHash: row.debrief_key_hash,
    scenario: parsed.scenario,
    seed: row.seed,
    rulesVersion: row.rules_version,
    createdAt: row.created_at,
    status: row.status,
  };
}
