// Key moments: what a debrief talks about, found in the log.
import type { DebriefLog } from './log.js';

export const momentKinds = ['threshold', 'mission', 'agreement', 'assistance', 'inject', 'override', 'encounter', 'finding', 'evacuation', 'un'] as const;
export type MomentKind = (typeof momentKinds)[number];

export interface KeyMoment {
  /** The event it links to in the timeline. */
  seq: number;
  round: number;
  scenarioDate: string;
  kind: MomentKind;
  /** A short title: "IAWN notification: impact probability above 1 %". */
  title: string;
  /** One or two plain sentences: what it meant and, for injects, what the table did in the next phase. */
  detail: string;
}

/** The key moments of a log, in order. */
export function keyMoments(log: DebriefLog): KeyMoment[] {
  void log;
  throw new Error('not yet');
}
