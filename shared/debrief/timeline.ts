// The timeline of an exercise: every event, with who did it by name, when (scenario and wall
// clock), in which round and phase, what kind of thing it was, and who could see it.
import type { Phase } from '../engine/vocabulary.js';
import type { DebriefLog } from './log.js';

export const timelineKinds = ['seating', 'talk', 'mission', 'agreement', 'un', 'orders', 'inject', 'override', 'observation', 'round', 'science', 'outcome', 'control'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export interface TimelineEntry {
  seq: number;
  type: string;
  kind: TimelineKind;
  round: number;
  phase: Phase;
  /** The scenario's date when it happened. */
  scenarioDate: string;
  /** The wall-clock time it was stored (ISO). */
  at: string;
  /** The actor it concerns or that acted (scenario actor id), if any. */
  actorId: string | null;
  /** Who did it, as people at the table knew them: "Amina Odhiambo (Kenya)", "Control cell", "The rules". */
  who: string;
  /** What happened, in one plain sentence. */
  summary: string;
  /** Who could see it at the time: everyone, the control cell only, or these actors (and the control cell). */
  audience: 'everyone' | 'control' | string[];
}

/** The timeline of a log, one entry per event, in order. */
export function buildTimeline(log: DebriefLog): TimelineEntry[] {
  void log;
  throw new Error('not yet');
}
