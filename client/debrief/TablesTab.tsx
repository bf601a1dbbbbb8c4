import { useState, type ReactNode } from 'react';
import type { ExerciseLogResponse, ExerciseSummary } from '../../shared/debrief/api.js';
import { summariseTable, type TableSummary } from '../../shared/debrief/tables.js';
import { formatMUsd, formatMoney, formatPeople, formatProbability } from '../app/format.js';
import { fetchLog } from './api.js';
import { attempt, formatWallDate, Unavailable, useLoad, type Attempt } from './common.js';

/** At most this many tables are compared at once (a column each). */
const MAX_COMPARED = 4;

const OUTCOME_WORDS: Record<NonNullable<TableSummary['outcomeKind']>, string> = {
  'no-impact': 'No impact',
  deflected: 'Deflected',
  impact: 'Impact',
};

/** A wall-clock time as hours and minutes, to tell apart tables created the same day. */
function clock(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

/**
 * How a table is named in the comparison: "Table 2 (14:05)" in the order the group's tables were
 * created, or what a what-if branch is a branch of, and from which event.
 */
export function tableLabel(s: ExerciseSummary, all: readonly ExerciseSummary[]): string {
  const tables = all.filter((t) => t.parentId === null).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  if (s.parentId === null) {
    const n = tables.findIndex((t) => t.id === s.id) + 1;
    return tables.length > 1 ? `Table ${n} (${clock(s.createdAt)})` : s.title;
  }
  const parent = all.find((p) => p.id === s.parentId);
  const parentName = parent ? tableLabel(parent, all) : 'another table';
  return `What-if of ${parentName} after event ${s.forkSeq ?? '?'} (${clock(s.createdAt)})`;
}

/** A score (a fraction) as the outcome banner shows it: out of 100. */
const asScore = (fraction: number) => Math.round(fraction * 100);

/** The tables of the exercise's group side by side: outcome, thresholds, missions and spending, agreements, findings, scores. */
export function TablesTab({
  sessions,
  current,
  keyForReading,
}: {
  sessions: readonly ExerciseSummary[];
  /** The exercise open in the studio, already loaded. */
  current: ExerciseLogResponse;
  keyForReading: string;
}) {
  const others = sessions.filter((s) => s.id !== current.exerciseId);
  const [chosen, setChosen] = useState<readonly string[]>(() => [current.exerciseId, ...others.slice(0, MAX_COMPARED - 1).map((s) => s.id)]);
  const toggle = (id: string) =>
    setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : c.length >= MAX_COMPARED ? c : [...c, id]));
  // The table open in the studio first, then the others in the group's order.
  const compared = [...sessions.filter((s) => s.id === current.exerciseId), ...sessions.filter((s) => s.id !== current.exerciseId && chosen.includes(s.id))];
  const ids = compared.map((s) => s.id).join(',');
  const summaries = useLoad(
    () =>
      Promise.all(
        compared.map(async (s) => {
          const log = s.id === current.exerciseId ? current : await fetchLog(s.id, keyForReading);
          return { exercise: s, summary: attempt(() => summariseTable(s, { exerciseId: log.exerciseId, scenario: log.scenario, seed: log.seed, events: log.events })) };
        }),
      ),
    [ids, keyForReading],
  );

  return (
    <div className="studio-tables" data-testid="tables-tab">
      <h2>Across tables</h2>
      {sessions.length <= 1 ? (
        <p className="muted" data-testid="tables-alone">
          This exercise is the only table of its group so far. Tables of the same scenario started together, and what-if branches, appear here.
        </p>
      ) : (
        <fieldset className="studio-tables__choice">
          <legend>Tables to compare (at most {MAX_COMPARED})</legend>
          {sessions.map((s) => (
            <label key={s.id} className="check">
              <input
                type="checkbox"
                data-testid={`compare-${s.id}`}
                checked={s.id === current.exerciseId || chosen.includes(s.id)}
                disabled={s.id === current.exerciseId || (!chosen.includes(s.id) && chosen.length >= MAX_COMPARED)}
                onChange={() => toggle(s.id)}
              />{' '}
              {tableLabel(s, sessions)} · {s.title} · {formatWallDate(s.createdAt)} · {s.status === 'ended' ? 'ended' : `open, round ${s.round}`}
              {s.id === current.exerciseId ? ' (this one)' : ''}
            </label>
          ))}
        </fieldset>
      )}
      {summaries.state === 'loading' && <p role="status">Loading the tables…</p>}
      {summaries.state === 'failed' && <Unavailable what="The comparison" error={summaries.error} />}
      {summaries.state === 'ready' && <Comparison rows={summaries.value} all={sessions} />}
    </div>
  );
}

function Comparison({ rows, all }: { rows: { exercise: ExerciseSummary; summary: Attempt<TableSummary> }[]; all: readonly ExerciseSummary[] }) {
  const ok = rows.flatMap((r) => (r.summary.ok ? [{ exercise: r.exercise, s: r.summary.value }] : []));
  const failed = rows.flatMap((r) => (r.summary.ok ? [] : [{ exercise: r.exercise, error: r.summary.error }]));
  const line = (name: string, cell: (s: TableSummary) => ReactNode, testId?: string) => (
    <tr data-testid={testId}>
      <th scope="row">{name}</th>
      {ok.map(({ exercise, s }) => (
        <td key={exercise.id}>{cell(s)}</td>
      ))}
    </tr>
  );
  const round = (r: number | null) => (r === null ? 'never' : r === 0 ? 'before round 1' : `round ${r}`);
  return (
    <>
      {failed.map((f) => (
        <Unavailable key={f.exercise.id} what={`The figures of ${f.exercise.title}`} error={f.error} />
      ))}
      {ok.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Tables side by side">
          <table className="table studio-tables__table" data-testid="tables-comparison">
            <caption className="table__caption">The tables side by side, one column each</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                {ok.map(({ exercise }) => (
                  <th key={exercise.id} scope="col" data-testid="compared-table">
                    {tableLabel(exercise, all)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {line('Outcome', (s) => (
                <>
                  <strong>{s.outcomeKind ? OUTCOME_WORDS[s.outcomeKind] : 'Not played yet'}</strong>
                  {s.outcomeSummary && <span className="studio-tables__sub">{s.outcomeSummary}</span>}
                </>
              ), 'row-outcome')}
              {line('Rounds played', (s) => s.roundsPlayed)}
              {line('IAWN threshold crossed', (s) => round(s.thresholds.iawn))}
              {line('SMPAG threshold crossed', (s) => round(s.thresholds.smpag))}
              {line('Preparedness threshold crossed', (s) => round(s.thresholds.preparedness))}
              {line('IAWN notified', (s) => round(s.notified.iawn))}
              {line('SMPAG options published', (s) => round(s.notified.smpag))}
              {line('Impact probability by round', (s) => s.probabilityByRound.map((p) => `R${p.round} ${formatProbability(p.probability)}`).join(' · ') || '—')}
              {line('Missions', (s) =>
                s.missions.length === 0 ? (
                  'none'
                ) : (
                  <ul className="studio-tables__list">
                    {s.missions.map((m) => (
                      <li key={m.name}>
                        {m.name} ({m.kind}, led by {m.lead}): {m.status}, {formatMUsd(m.fundedMUsd)} funded
                        {m.shiftKm !== null ? `, shift ${Math.round(m.shiftKm)} km` : ''}
                      </li>
                    ))}
                  </ul>
                ),
              )}
              {line('Spending', (s) => (
                <>
                  <strong>{formatMUsd(s.spentMUsd.total)}</strong>
                  <span className="studio-tables__sub">
                    {Object.entries(s.spentMUsd.byActor)
                      .map(([who, amount]) => `${who} ${formatMUsd(amount)}`)
                      .join(' · ')}
                  </span>
                </>
              ))}
              {line('Agreements', (s) => `${s.agreements.proposed} proposed, ${s.agreements.accepted} accepted, ${s.agreements.fulfilled} fulfilled, ${s.agreements.breached} breached`)}
              {line('Casualties', (s) => (s.casualties === null ? '—' : formatPeople(s.casualties)))}
              {line('Damage', (s) => (s.damageMUsd === null ? '—' : formatMoney(s.damageMUsd)))}
              {line('Found liable', (s) => (s.liable.length === 0 ? 'nobody' : s.liable.join(', ')))}
              {line('Scores', (s) =>
                s.scores === null
                  ? 'not scored'
                  : Object.entries(s.scores)
                      .sort((a, b) => b[1] - a[1])
                      .map(([who, points]) => `${who} ${asScore(points)}`)
                      .join(' · ') + ' (of 100)',
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
