// What the SQLite and PostgreSQL stores share when they read a row back: the session record
// with its scenario validated, and an event validated and upcast to the current rules.
import { eventSchema } from '../../shared/engine/events.js';
import { upcastEvent } from '../../shared/engine/version.js';
import { parseScenarioObject } from '../../shared/scenario/parse.js';
import type { SessionRecord, StoredEvent } from './types.js';

/** A sessions row as both stores' drivers hand it out, the scenario already parsed from JSON. */
export interface SessionColumns {
  id: string;
  join_code: string;
  facilitator_key_hash: string;
  evaluator_key_hash: string | null;
  debrief_key_hash: string | null;
  seed: number;
  rules_version: number;
  created_at: string;
  status: 'open' | 'ended';
  group_id: string | null;
  parent_id: string | null;
  fork_seq: number | null;
}

/** The session record of a row; a stored scenario that no longer validates is an error naming the session. */
export function sessionFromRow(row: SessionColumns, scenarioJson: unknown): SessionRecord {
  const parsed = parseScenarioObject(scenarioJson, `session ${row.id} scenario`);
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
    // Sessions stored before groups existed are each a group of their own.
    groupId: row.group_id ?? row.id,
    parentId: row.parent_id,
    forkSeq: row.fork_seq,
  };
}

/** A stored event of a row, validated and handed out in the current rules' shape; the version that wrote it stays on it. */
export function storedEventFromRow(sessionId: string, row: { seq: number; actor: string; at: string; rules_version: number }, dataJson: unknown): StoredEvent {
  const parsed = eventSchema.safeParse(dataJson);
  if (!parsed.success) throw new Error(`Session ${sessionId}, event ${row.seq}: stored event does not match the event schema: ${parsed.error.message}`);
  const data = upcastEvent(parsed.data, row.rules_version);
  return { sessionId, seq: row.seq, type: data.type, data, actor: row.actor, at: row.at, rulesVersion: row.rules_version };
}
