// The after-action report (HSEEP's shape): drafted from the log, edited by the instructor,
// exported as printable HTML, Markdown and CSV.
import type { KeyMoment } from './moments.js';
import type { DebriefLog } from './log.js';
import type { TimelineEntry } from './timeline.js';

export const ratings = ['P', 'S', 'M', 'U'] as const;
/** HSEEP's ratings: Performed without challenges, with Some challenges, with Major challenges, Unable to be performed. */
export type Rating = (typeof ratings)[number];

export interface AarObservation {
  capability: string;
  rating: Rating | null;
  text: string;
  by: string;
  round: number;
  actor: string | null;
}

export interface ImprovementItem {
  issue: string;
  action: string;
  owner: string;
  /** ISO date, or '' when not set. */
  due: string;
}

/** An after-action report; every text field is the instructor's to edit. */
export interface AfterActionReport {
  title: string;
  overview: {
    exerciseName: string;
    scenario: string;
    /** Wall-clock dates the exercise ran (ISO, first and last event). */
    startedAt: string | null;
    endedAt: string | null;
    /** Scenario dates covered. */
    scenarioDates: string;
    participants: { actor: string; people: string[] }[];
    outcome: string;
    notes: string;
  };
  /** Objectives and the capabilities evaluated, from the scenario and the observations. */
  objectives: { actor: string; objective: string }[];
  capabilities: { capability: string; rating: Rating | null; observations: AarObservation[] }[];
  moments: KeyMoment[];
  strengths: string[];
  areasForImprovement: string[];
  improvementPlan: ImprovementItem[];
}

/** A first draft of the report from the log: everything the log knows, the judgements left to the instructor. */
export function draftAar(log: DebriefLog, timeline: readonly TimelineEntry[], moments: readonly KeyMoment[]): AfterActionReport {
  void log;
  void timeline;
  void moments;
  throw new Error('not yet');
}

/** The report as a standalone HTML document with a print stylesheet (A4, clean page breaks). */
export function aarHtml(report: AfterActionReport): string {
  void report;
  throw new Error('not yet');
}

/** The report as Markdown. */
export function aarMarkdown(report: AfterActionReport): string {
  void report;
  throw new Error('not yet');
}

/** The timeline as CSV (RFC 4180): seq, wall time, scenario date, round, phase, kind, who, summary, audience. */
export function timelineCsv(entries: readonly TimelineEntry[]): string {
  void entries;
  throw new Error('not yet');
}

/** The observations and improvement plan as CSV. */
export function observationsCsv(report: AfterActionReport): string {
  void report;
  throw new Error('not yet');
}
