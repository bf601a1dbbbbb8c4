// What the SQLite and PostgreSQL stores share when they read a row back: the session record
// with its scenario validated, and an event validated and upcast to the current rules.
import { eventSchema } from '../../shared/engine/events.js';
import { upcastEvent } from '../../shared/engine/version.js';
import { parseScenarioObject } from '../../shared/scenario/parse.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import type { NewEvent, SessionRecord, StoredEvent } from './types.js';

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

/**
 * Scenarios already validated, by their stored JSON text. Every table of one scenario stores the
 * same text, and each join-code lookup and each room's restoration reads its session: validating
 * the scenario each time cost ~4% of the server's CPU while 200 tables sat down. The engine never
 * mutates a scenario, so one parsed object serves them all (and their rooms share its memory).
 */
const validatedScenarios = new Map<string, Scenario>();
/** Distinct scenario texts kept at most (tens of kB each): the bundled ones, uploads and overrides. */
const MAX_VALIDATED_SCENARIOS = 64;

/** The scenario stored as `scenarioJson` (its text, or the value a driver parsed from it), validated once per distinct text. */
function storedScenario(sessionId: string, scenarioJson: unknown): Scenario {
  const text = typeof scenarioJson === 'string' ? scenarioJson : JSON.stringify(scenarioJson);
  const known = validatedScenarios.get(text);
  if (known) return known;
  const parsed = parseScenarioObject(typeof scenarioJson === 'string' ? JSON.parse(scenarioJson) : scenarioJson, `session ${sessionId} scenario`);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  if (validatedScenarios.size >= MAX_VALIDATED_SCENARIOS) validatedScenarios.delete(validatedScenarios.keys().next().value!);
  validatedScenarios.set(text, parsed.scenario);
  return parsed.scenario;
}

/** The session record of a row (the scenario as its JSON text or as parsed by the driver); a stored scenario that no longer validates is an error naming the session. */
export function sessionFromRow(row: SessionColumns, scenarioJson: unknown): SessionRecord {
  return {
    id: row.id,
    joinCode: row.join_code,
    facilitatorKeyHash: row.facilitator_key_hash,
    evaluatorKeyHash: row.evaluator_key_hash,
    debriefKeyHash: row.debrief_key_hash,
    scenario: storedScenario(row.id, scenarioJson),
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

/** The events `events` become once appended after `afterSeq`, as both stores hand them back. */
export function storedEvents(sessionId: string, afterSeq: number, events: readonly NewEvent[], rulesVersion: number): StoredEvent[] {
  return events.map((e, i) => {
    const stored: StoredEvent = { sessionId, seq: afterSeq + i + 1, type: e.data.type, data: e.data, actor: e.actor, at: e.at, rulesVersion };
    if (e.commandId !== undefined) stored.commandId = e.commandId;
    return stored;
  });
}

/** A stored event of a row, validated and handed out in the current rules' shape; the version that wrote it stays on it. */
export function storedEventFromRow(
  sessionId: string,
  row: { seq: number; actor: string; at: string; rules_version: number; command_id: string | null },
  dataJson: unknown,
): StoredEvent {
  const parsed = eventSchema.safeParse(dataJson);
  if (!parsed.success) throw new Error(`Session ${sessionId}, event ${row.seq}: stored event does not match the event schema: ${parsed.error.message}`);
  const data = upcastEvent(parsed.data, row.rules_version);
  const stored: StoredEvent = { sessionId, seq: row.seq, type: data.type, data, actor: row.actor, at: row.at, rulesVersion: row.rules_version };
  if (row.command_id !== null) stored.commandId = row.command_id;
  return stored;
}
