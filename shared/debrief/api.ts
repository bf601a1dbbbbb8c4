// The debrief studio's HTTP contract: what the server answers and what it accepts. The
// studio replays the log itself (the rules are pure and shared); the server adds only what
// needs the server: the list of exercises a key may see, the outcome an undeflected body
// would have had (it needs the map and the towns), and starting a branch.
import { z } from 'zod';
import type { DomainEvent, Outcome } from '../engine/events.js';
import type { RecordedFinding } from '../law/finding.js';
import { regimeIds, type RegimeId } from '../law/regimes.js';
import type { CreateExerciseResponse } from '../protocol.js';
import type { Scenario } from '../scenario/schema.js';

/** One exercise as the sessions list shows it. */
export interface ExerciseSummary {
  id: string;
  title: string;
  scenarioId: string;
  createdAt: string;
  status: 'open' | 'ended';
  /** Tables of one conference share a group: the id of the first table (its own id when alone). */
  groupId: string;
  /** A what-if branch: the exercise it was forked from and the last event of the parent it kept; null otherwise. */
  parentId: string | null;
  forkSeq: number | null;
  eventCount: number;
  lastEventAt: string | null;
  /** The round the log reached (0 before the first). */
  round: number;
}

/** `GET /api/exercises` with one exercise key: the exercises of that key's group (its tables and their branches), newest first. */
export interface SessionsListResponse {
  /** The role of the key presented, for the exercise it belongs to. */
  role: 'facilitator' | 'evaluator' | 'debrief';
  sessions: ExerciseSummary[];
}

/** An event as the store keeps it. */
export interface LoggedEvent {
  seq: number;
  type: DomainEvent['type'];
  data: DomainEvent;
  /** The participant id whose command caused it, or 'system'. */
  actor: string;
  /** Wall-clock time it was stored (ISO). */
  at: string;
  rulesVersion: number;
}

/** `GET /api/exercises/:id/events`: the whole log and what is needed to replay it. A key of any table of the group reads it. */
export interface ExerciseLogResponse {
  exerciseId: string;
  scenarioId: string;
  seed: number;
  exercise: ExerciseSummary;
  /** The scenario as stored with the exercise (later edits of its file do not change a replay). */
  scenario: Scenario;
  events: LoggedEvent[];
}

/** How one country fared against the undeflected body. */
export interface CountryComparison {
  countryIso3: string | null;
  countryName: string;
  actual: { casualties: number; damageMUsd: number; exposedPopulation: number };
  undeflected: { casualties: number; damageMUsd: number; exposedPopulation: number };
  /**
   * saved: in the exposed zone (or harmed at all) only without the deflection; newly-hit: only
   * because of it; otherwise less-harm / more-harm / same compare casualties, then damage (the
   * glass ring reaches most of a region either way, so "harmed at all" alone says little).
   */
  change: 'saved' | 'newly-hit' | 'less-harm' | 'more-harm' | 'same';
}

/** The same facts judged under one regime. */
export interface RegimeJudgement {
  regime: RegimeId;
  /** The regime the scenario put in force at the table. */
  inForce: boolean;
  /** What the regime decides, in a sentence (`regimeSummaries`). */
  summary: string;
  findings: RecordedFinding[];
  /** One plain sentence per damage: who answers to whom, for what, and why. */
  sentences: string[];
}

/** `GET /api/exercises/:id/counterfactual`: the outcome beside the undeflected body's, judged under every regime. */
export interface OutcomeComparison {
  /** False until the encounter is played; everything else is then empty or null. */
  encounterPlayed: boolean;
  actual: Outcome | null;
  /** What the asteroid would have done had no mission moved it (the same rules, the same evacuations). */
  undeflected: Outcome | null;
  countries: CountryComparison[];
  regimes: RegimeJudgement[];
}

/** `POST /api/exercises/:id/branch`: a what-if that keeps the log up to `atSeq`, optionally with another seed or regime. */
export const branchRequestSchema = z.strictObject({
  atSeq: z.number().int().min(0),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  regime: z.enum(regimeIds).optional(),
});
export type BranchRequest = z.infer<typeof branchRequestSchema>;

/** The branch: a new exercise with its own join code and keys, in the parent's group. */
export interface BranchResponse extends CreateExerciseResponse {
  parentId: string;
  forkSeq: number;
  groupId: string;
}
