// One table's exercise in figures, for comparing the tables of a conference side by side.
import type { ExerciseSummary } from './api.js';
import type { DebriefLog } from './log.js';

export interface TableSummary {
  exerciseId: string;
  title: string;
  /** How it ended: 'no-impact' | 'deflected' | 'impact', or null while the encounter is not played. */
  outcomeKind: 'no-impact' | 'deflected' | 'impact' | null;
  outcomeSummary: string | null;
  roundsPlayed: number;
  /** The round in which each threshold was first crossed (null: never). */
  thresholds: { iawn: number | null; smpag: number | null; preparedness: number | null };
  /** Impact probability after each resolved round. */
  probabilityByRound: { round: number; probability: number }[];
  missions: { name: string; kind: string; lead: string; status: string; fundedMUsd: number; shiftKm: number | null }[];
  /** Money spent by each actor (name → M USD) and in all. */
  spentMUsd: { byActor: Record<string, number>; total: number };
  agreements: { proposed: number; accepted: number; fulfilled: number; breached: number };
  casualties: number | null;
  damageMUsd: number | null;
  /** Names of the states or bodies found liable, under the regime in force. */
  liable: string[];
  /** Each actor's final score (name → points), when scored. */
  scores: Record<string, number> | null;
}

/** The figures of one table for the across-tables comparison. */
export function summariseTable(exercise: ExerciseSummary, log: DebriefLog): TableSummary {
  void exercise;
  void log;
  throw new Error('not yet');
}
