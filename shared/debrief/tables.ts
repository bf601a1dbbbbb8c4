// One table's exercise in figures, for comparing the tables of a conference side by side.
import { replay } from '../engine/evolve.js';
import { isFinding } from '../law/finding.js';
import type { ExerciseSummary } from './api.js';
import { debriefEvents, debriefInitialState, type DebriefLog } from './log.js';
import { thresholdCrossings } from './moments.js';
import { actorName, partyName } from './words.js';

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
  /** The round in which IAWN notified and SMPAG published its options (null: never). */
  notified: { iawn: number | null; smpag: number | null };
  /** The regime in force at the table (a branch may have changed it). */
  regime: string;
}

/** The figures of one table for the across-tables comparison. */
export function summariseTable(exercise: ExerciseSummary, log: DebriefLog): TableSummary {
  const events = debriefEvents(log);
  const final = replay(debriefInitialState(log), events);
  const { scenario, outcome } = final;
  const name = (id: string) => actorName(scenario, id);
  const crossed = thresholdCrossings(log);

  const spentByActor: Record<string, number> = {};
  for (const a of scenario.actors) spentByActor[a.name] = final.actors[a.id]?.totalSpentMUsd ?? 0;
  const agreements = Object.values(final.agreements);
  const everAccepted = (s: string) => s === 'accepted' || s === 'fulfilled' || s === 'breached';
  const iawnEvent = events.find((e) => e.type === 'IawnNotificationIssued');
  const smpagEvent = events.find((e) => e.type === 'SmpagOptionsPublished');
  const consequences = outcome?.kind === 'impact' ? outcome.consequences : null;

  return {
    exerciseId: exercise.id,
    title: exercise.title,
    outcomeKind: outcome?.kind ?? null,
    outcomeSummary: outcome?.summary ?? null,
    roundsPlayed: final.results.length,
    thresholds: { iawn: crossed.iawn?.round ?? null, smpag: crossed.smpag?.round ?? null, preparedness: crossed.preparedness?.round ?? null },
    probabilityByRound: final.results.map((r) => ({ round: r.round, probability: r.estimate.impactProbability })),
    missions: Object.values(final.missions).map((m) => ({
      name: m.name,
      kind: m.kind,
      lead: name(m.lead),
      status: m.status,
      fundedMUsd: m.fundedMUsd,
      shiftKm: m.shiftKm,
    })),
    spentMUsd: { byActor: spentByActor, total: Object.values(spentByActor).reduce((a, b) => a + b, 0) },
    agreements: {
      proposed: agreements.length,
      accepted: agreements.filter((a) => everAccepted(a.status)).length,
      fulfilled: agreements.filter((a) => a.status === 'fulfilled').length,
      breached: agreements.filter((a) => a.status === 'breached').length,
    },
    casualties: outcome === null ? null : (consequences?.casualties ?? 0),
    damageMUsd: outcome === null ? null : (consequences?.damageMUsd ?? 0),
    liable: consequences ? [...new Set(consequences.liability.findings.filter(isFinding).flatMap((f) => f.liable.map((id) => partyName(scenario, consequences, id))))] : [],
    scores: final.scores ? Object.fromEntries(Object.entries(final.scores).map(([id, s]) => [name(id), s.total])) : null,
    notified: { iawn: iawnEvent?.type === 'IawnNotificationIssued' ? iawnEvent.round : null, smpag: smpagEvent?.type === 'SmpagOptionsPublished' ? smpagEvent.round : null },
    regime: scenario.legal.regime,
  };
}

/** One row of the across-tables comparison: a figure and its value at each table, in the tables' order. */
export interface ComparisonRow {
  label: string;
  values: string[];
}

/** The tables side by side as rows of words (outcome, thresholds, missions, spending, agreements, harm, findings, scores), for a table or a CSV. */
export function compareTables(tables: readonly TableSummary[]): ComparisonRow[] {
  const round = (r: number | null) => (r === null ? 'never' : r === 0 ? 'before round 1' : `round ${r}`);
  const row = (label: string, value: (t: TableSummary) => string): ComparisonRow => ({ label, values: tables.map(value) });
  return [
    row('Outcome', (t) => t.outcomeKind ?? 'not played'),
    row('Rounds played', (t) => String(t.roundsPlayed)),
    row('IAWN threshold crossed', (t) => round(t.thresholds.iawn)),
    row('SMPAG threshold crossed', (t) => round(t.thresholds.smpag)),
    row('Preparedness threshold crossed', (t) => round(t.thresholds.preparedness)),
    row('IAWN notified', (t) => round(t.notified.iawn)),
    row('Missions (arrived / all)', (t) => `${t.missions.filter((m) => m.status === 'arrived').length} / ${t.missions.length}`),
    row('Spent (M USD)', (t) => String(Math.round(t.spentMUsd.total))),
    row('Agreements kept / broken', (t) => `${t.agreements.fulfilled} / ${t.agreements.breached}`),
    row('Casualties', (t) => (t.casualties === null ? '—' : String(t.casualties))),
    row('Damage (M USD)', (t) => (t.damageMUsd === null ? '—' : String(Math.round(t.damageMUsd)))),
    row('Found liable', (t) => (t.liable.length === 0 ? 'no one' : t.liable.join(', '))),
    row('Best score', (t) => {
      if (!t.scores) return '—';
      const [best, points] = Object.entries(t.scores).sort((a, b) => b[1] - a[1])[0] ?? ['—', 0];
      return `${best} (${Math.round(points)})`;
    }),
  ];
}
