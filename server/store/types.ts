import type { ExerciseSummary } from '../../shared/debrief/api.js';
import type { DomainEvent } from '../../shared/engine/events.js';
import type { Scenario } from '../../shared/scenario/schema.js';

/** One exercise as the store knows it. The scenario is stored whole, so later edits of its file cannot change a replay. */
export interface SessionRecord {
  id: string;
  joinCode: string;
  /** SHA-256 of the facilitator key, hex; the key itself is never stored. */
  facilitatorKeyHash: string;
  /** SHA-256 of the evaluator key, hex; null for exercises created before evaluator keys existed. */
  evaluatorKeyHash: string | null;
  /** SHA-256 of the read-only debrief key, hex; null for exercises created before debrief keys existed. */
  debriefKeyHash: string | null;
  scenario: Scenario;
  seed: number;
  rulesVersion: number;
  createdAt: string;
  status: 'open' | 'ended';
  /** The tables of one conference (and their what-if branches) share a group: the id of its first exercise, its own id when alone. */
  groupId: string;
  /** A what-if branch: the exercise it was forked from; null otherwise. */
  parentId: string | null;
  /** A what-if branch: how many of the parent's events it kept (the parent's seq it forked after); null otherwise. */
  forkSeq: number | null;
}

/** Who a key is for: each role's key reads the log; only the facilitator's runs the exercise, and the debrief key only reads. */
export type KeyRole = 'facilitator' | 'evaluator' | 'debrief';

/** An exercise as the sessions list shows it: its record's facts with its log's length, last event and round, without reading the log. */
export type SessionOverview = ExerciseSummary;

/** An event as stored: `UNIQUE(sessionId, seq)`, seq counting from 1. */
export interface StoredEvent {
  sessionId: string;
  seq: number;
  type: DomainEvent['type'];
  data: DomainEvent;
  /** The participant whose command caused it, or 'system'. */
  actor: string;
  at: string;
  rulesVersion: number;
  /**
   * The id the client gave the command that caused it (absent for the server's own commands
   * and for events stored before ids were kept): a command sent again after a lost connection
   * is recognised by it, even by another process after a restart.
   */
  commandId?: string;
}

/** What retention needs to know of an exercise: when it was made, whether it ended, and when its log last grew. */
export interface SessionActivity {
  id: string;
  status: SessionRecord['status'];
  createdAt: string;
  /** Time of the last event, or null if the log is empty (nobody ever joined). */
  lastEventAt: string | null;
}

export interface NewEvent {
  data: DomainEvent;
  actor: string;
  at: string;
  /** The client's id of the command that caused it, if a client sent one. */
  commandId?: string;
}

/** A what-if branch as it is written: its record, how many of the parent's events it keeps, and the events that follow them. */
export interface NewBranch {
  session: SessionRecord & { parentId: string; forkSeq: number };
  /** Appended after the kept prefix, in order (the branch event first), under `rulesVersion`. */
  events: readonly NewEvent[];
  rulesVersion: number;
}

/** Thrown when another writer appended first: the room must not go on from a stale state. */
export class ConcurrencyError extends Error {
  constructor(sessionId: string, expected: number, actual: number) {
    super(`Session ${sessionId}: expected to append after seq ${expected}, but the log ends at ${actual}.`);
  }
}

/**
 * The event store: sessions and their append-only logs. SQLite implements it now; a
 * PostgreSQL store implements the same contract (and runs the same contract tests).
 */
export interface EventStore {
  createSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | null>;
  findSessionByJoinCode(joinCode: string): Promise<SessionRecord | null>;
  /** The exercise one of whose keys has this SHA-256 hash (hex), and the role of that key; an indexed lookup, not a scan. */
  findSessionByKeyHash(keyHash: string): Promise<{ session: SessionRecord; role: KeyRole } | null>;
  /** The exercises of a group (a conference's tables and their branches), newest first, each with its log's length, last event time and round. */
  listGroup(groupId: string): Promise<SessionOverview[]>;
  /**
   * Writes a what-if branch in one transaction: its record, a copy of its parent's first
   * `forkSeq` events exactly as stored (seq, data, actor, time and rules version), then
   * `events`. Fails, writing nothing, if the parent's log is shorter than `forkSeq`.
   */
  createBranch(branch: NewBranch): Promise<StoredEvent[]>;
  listSessions(status?: SessionRecord['status']): Promise<SessionRecord[]>;
  setStatus(id: string, status: SessionRecord['status']): Promise<void>;
  /** Appends events after `expectedSeq` (the last seq the caller knows); fails with ConcurrencyError otherwise. */
  append(sessionId: string, expectedSeq: number, events: readonly NewEvent[], rulesVersion: number): Promise<StoredEvent[]>;
  /** Reads a session's log in order, optionally only events with seq ≤ `toSeq`; each event's data is upcast to the current rules' shape (its `rulesVersion` stays the one that wrote it). */
  readEvents(sessionId: string, toSeq?: number): Promise<StoredEvent[]>;
  /** Every session's creation time, status and last event time, oldest first (for retention). */
  listActivity(): Promise<SessionActivity[]>;
  /** How many sessions were created at or after `sinceIso` (the global creation cap counts them). */
  countSessionsCreatedSince(sinceIso: string): Promise<number>;
  /** Deletes a session and its whole log; true if there was one. */
  deleteSession(id: string): Promise<boolean>;
  /** Resolves when the store answers a trivial query; rejects when it cannot be reached (for `/api/ready`). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
