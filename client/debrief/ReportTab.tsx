import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { aarHtml, aarMarkdown, observationsCsv, ratings, timelineCsv, type AfterActionReport, type ImprovementItem, type Rating } from '../../shared/debrief/aar.js';
import type { ExerciseLogResponse } from '../../shared/debrief/api.js';
import type { TimelineEntry } from '../../shared/debrief/timeline.js';
import { browserStorage } from './access.js';
import { attempt, formatWallDate, Unavailable } from './common.js';
import { downloadFile } from './download.js';
import { discardDraft, fileSlug, loadDraft, removed, replaced, saveDraft } from './report.js';

const RATING_WORDS: Record<Rating, string> = {
  P: 'P: performed without challenges',
  S: 'S: performed with some challenges',
  M: 'M: performed with major challenges',
  U: 'U: unable to be performed',
};
const NO_ITEM: ImprovementItem = { issue: '', action: '', owner: '', due: '' };

function TextField({ label, value, onChange, testId, multiline = false, type = 'text' }: { label: string; value: string; onChange(v: string): void; testId?: string; multiline?: boolean; type?: 'text' | 'date' }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea id={id} rows={3} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input id={id} type={type} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value)} />
      )}
    </div>
  );
}

function RatingField({ label, value, onChange, testId }: { label: string; value: Rating | null; onChange(v: Rating | null): void; testId?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} data-testid={testId} onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as Rating))}>
        <option value="">Not rated</option>
        {ratings.map((r) => (
          <option key={r} value={r}>
            {RATING_WORDS[r]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A list of one-line items the instructor can edit, add to and remove from. */
function ItemList({ title, items, onChange, testId, addLabel }: { title: string; items: readonly string[]; onChange(items: string[]): void; testId: string; addLabel: string }) {
  return (
    <fieldset className="studio-report__list" data-testid={`${testId}-list`}>
      <legend>{title}</legend>
      {items.length === 0 && <p className="muted">None yet.</p>}
      {items.map((item, i) => (
        <div key={i} className="studio-report__row">
          <TextField label={`${title}, item ${i + 1}`} value={item} testId={`${testId}-${i}`} onChange={(v) => onChange(replaced(items, i, v))} multiline />
          <button type="button" className="button button--small button--quiet" data-testid={`${testId}-remove-${i}`} onClick={() => onChange(removed(items, i))}>
            Remove item {i + 1}
          </button>
        </div>
      ))}
      <button type="button" className="button button--small" data-testid={`${testId}-add`} onClick={() => onChange([...items, ''])}>
        {addLabel}
      </button>
    </fieldset>
  );
}

/**
 * The after-action report (HSEEP's shape), drafted from the log and edited by the instructor,
 * kept in this browser per exercise, exported as printable HTML, Markdown, CSV and the raw log.
 */
export function ReportTab({
  response,
  draft,
  timeline,
}: {
  response: ExerciseLogResponse;
  /** The report drafted from the log (null: the draft could not be made). */
  draft: () => AfterActionReport;
  timeline: readonly TimelineEntry[] | null;
}) {
  const exerciseId = response.exerciseId;
  const [report, setReport] = useState<ReturnType<typeof attempt<AfterActionReport>>>(() => {
    const saved = loadDraft(browserStorage(), exerciseId);
    return saved ? { ok: true, value: saved } : attempt(draft);
  });
  const [savedNote, setSavedNote] = useState<string>('');
  const frameRef = useRef<HTMLIFrameElement>(null);
  const current = report.ok ? report.value : null;

  const html = useMemo(() => (current ? attempt(() => aarHtml(current)) : null), [current]);

  // Printing the studio (Ctrl+P on this screen) prints the preview whole: it grows to its content for the print.
  useEffect(() => {
    const grow = () => {
      const frame = frameRef.current;
      const height = frame?.contentDocument?.documentElement.scrollHeight;
      if (frame && height) frame.style.height = `${height}px`;
    };
    const shrink = () => frameRef.current?.style.removeProperty('height');
    globalThis.addEventListener('beforeprint', grow);
    globalThis.addEventListener('afterprint', shrink);
    return () => {
      globalThis.removeEventListener('beforeprint', grow);
      globalThis.removeEventListener('afterprint', shrink);
    };
  }, []);

  if (!report.ok || current === null) return <Unavailable what="The after-action report" error={report.ok ? 'no report' : report.error} testId="report-unavailable" />;
  const r = current;
  // Kept once edited: an untouched draft is drafted again from the log, which may have grown since.
  const update = (next: AfterActionReport) => {
    saveDraft(browserStorage(), exerciseId, next);
    setReport({ ok: true, value: next });
  };
  const overview = (patch: Partial<AfterActionReport['overview']>) => update({ ...r, overview: { ...r.overview, ...patch } });
  const slug = fileSlug(r.title);

  function exportFile(kind: 'html' | 'md' | 'timeline' | 'observations' | 'log') {
    const made = attempt(() => {
      switch (kind) {
        case 'html':
          return downloadFile(`aar-${slug}.html`, 'text/html;charset=utf-8', aarHtml(r));
        case 'md':
          return downloadFile(`aar-${slug}.md`, 'text/markdown;charset=utf-8', aarMarkdown(r));
        case 'timeline':
          if (timeline === null) throw new Error('the timeline could not be made');
          return downloadFile('timeline.csv', 'text/csv;charset=utf-8', timelineCsv(timeline));
        case 'observations':
          return downloadFile('observations.csv', 'text/csv;charset=utf-8', observationsCsv(r));
        case 'log':
          return downloadFile('log.json', 'application/json', `${JSON.stringify(response, null, 2)}\n`);
      }
    });
    setSavedNote(made.ok ? '' : `The export failed: ${made.error}`);
  }

  function print() {
    const frame = frameRef.current?.contentWindow;
    if (frame) frame.print();
    else window.print();
  }

  return (
    <div className="studio-report" data-testid="report-tab">
      <h2>After-action report</h2>
      <p className="field-help">
        Drafted from the log; every field is yours to edit. Your edits are kept in this browser for this exercise.{' '}
        <button
          type="button"
          className="button button--small button--quiet"
          data-testid="aar-reset"
          onClick={() => {
            discardDraft(browserStorage(), exerciseId);
            setReport(attempt(draft));
          }}
        >
          Start again from the log
        </button>
      </p>
      <div className="studio-report__exports" role="group" aria-label="Export the report">
        <button type="button" className="button button--primary" data-testid="export-html" onClick={() => exportFile('html')}>
          Export HTML (printable)
        </button>
        <button type="button" className="button" data-testid="export-md" onClick={() => exportFile('md')}>
          Export Markdown
        </button>
        <button type="button" className="button" data-testid="export-timeline-csv" onClick={() => exportFile('timeline')}>
          Timeline CSV
        </button>
        <button type="button" className="button" data-testid="export-observations-csv" onClick={() => exportFile('observations')}>
          Observations CSV
        </button>
        <button type="button" className="button" data-testid="export-log-json" onClick={() => exportFile('log')}>
          Raw log JSON
        </button>
        <button type="button" className="button button--quiet" data-testid="aar-print" onClick={print}>
          Print or save as PDF
        </button>
      </div>
      {savedNote && (
        <p className="field-error" role="alert">
          {savedNote}
        </p>
      )}
      <div className="studio-report__layout">
        <form className="studio-report__editor" aria-label="Edit the report" onSubmit={(e) => e.preventDefault()}>
          <fieldset>
            <legend>Overview</legend>
            <TextField label="Report title" value={r.title} testId="aar-title" onChange={(title) => update({ ...r, title })} />
            <TextField label="Exercise name" value={r.overview.exerciseName} onChange={(exerciseName) => overview({ exerciseName })} />
            <TextField label="Scenario" value={r.overview.scenario} onChange={(scenario) => overview({ scenario })} />
            <TextField label="Scenario dates" value={r.overview.scenarioDates} onChange={(scenarioDates) => overview({ scenarioDates })} />
            <p className="muted">
              Played from {formatWallDate(r.overview.startedAt)} to {formatWallDate(r.overview.endedAt)}.
            </p>
            <TextField label="Outcome" value={r.overview.outcome} multiline testId="aar-outcome" onChange={(outcome) => overview({ outcome })} />
            <TextField label="Notes" value={r.overview.notes} multiline testId="aar-notes" onChange={(notes) => overview({ notes })} />
            {r.overview.participants.map((p, i) => (
              <TextField
                key={i}
                label={`People playing ${p.actor} (comma-separated)`}
                value={p.people.join(', ')}
                onChange={(v) => overview({ participants: replaced(r.overview.participants, i, { ...p, people: v.split(',').map((x) => x.trim()) }) })}
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>Objectives</legend>
            {r.objectives.map((o, i) => (
              <div key={i} className="studio-report__row">
                <TextField label={`Objective ${i + 1}: actor`} value={o.actor} onChange={(actor) => update({ ...r, objectives: replaced(r.objectives, i, { ...o, actor }) })} />
                <TextField label={`Objective ${i + 1}`} value={o.objective} multiline onChange={(objective) => update({ ...r, objectives: replaced(r.objectives, i, { ...o, objective }) })} />
                <button type="button" className="button button--small button--quiet" onClick={() => update({ ...r, objectives: removed(r.objectives, i) })}>
                  Remove objective {i + 1}
                </button>
              </div>
            ))}
            <button type="button" className="button button--small" onClick={() => update({ ...r, objectives: [...r.objectives, { actor: '', objective: '' }] })}>
              Add an objective
            </button>
          </fieldset>
          <fieldset data-testid="aar-capabilities">
            <legend>Capabilities and ratings</legend>
            {r.capabilities.length === 0 && <p className="muted">No capability was observed.</p>}
            {r.capabilities.map((c, i) => (
              <div key={i} className="studio-report__capability">
                <TextField label={`Capability ${i + 1}`} value={c.capability} onChange={(capability) => update({ ...r, capabilities: replaced(r.capabilities, i, { ...c, capability }) })} />
                <RatingField
                  label={`Rating of ${c.capability || `capability ${i + 1}`}`}
                  value={c.rating}
                  testId={`aar-rating-${i}`}
                  onChange={(rating) => update({ ...r, capabilities: replaced(r.capabilities, i, { ...c, rating }) })}
                />
                {c.observations.map((o, j) => (
                  <TextField
                    key={j}
                    label={`Observation by ${o.by}, round ${o.round}${o.rating ? ` (rated ${o.rating})` : ''}`}
                    value={o.text}
                    multiline
                    onChange={(text) => update({ ...r, capabilities: replaced(r.capabilities, i, { ...c, observations: replaced(c.observations, j, { ...o, text }) }) })}
                  />
                ))}
              </div>
            ))}
          </fieldset>
          <fieldset data-testid="aar-moments">
            <legend>Key moments</legend>
            {r.moments.map((m, i) => (
              <div key={i} className="studio-report__row">
                <TextField label={`Moment ${i + 1} (round ${m.round})`} value={m.title} onChange={(title) => update({ ...r, moments: replaced(r.moments, i, { ...m, title }) })} />
                <TextField label={`Moment ${i + 1}: what it meant`} value={m.detail} multiline onChange={(detail) => update({ ...r, moments: replaced(r.moments, i, { ...m, detail }) })} />
                <button type="button" className="button button--small button--quiet" onClick={() => update({ ...r, moments: removed(r.moments, i) })}>
                  Leave moment {i + 1} out
                </button>
              </div>
            ))}
          </fieldset>
          <ItemList title="Strengths" items={r.strengths} testId="aar-strength" addLabel="Add a strength" onChange={(strengths) => update({ ...r, strengths })} />
          <ItemList
            title="Areas for improvement"
            items={r.areasForImprovement}
            testId="aar-area"
            addLabel="Add an area for improvement"
            onChange={(areasForImprovement) => update({ ...r, areasForImprovement })}
          />
          <fieldset data-testid="aar-plan">
            <legend>Improvement plan</legend>
            {r.improvementPlan.length === 0 && <p className="muted">No row yet.</p>}
            {r.improvementPlan.map((item, i) => {
              const set = (patch: Partial<ImprovementItem>) => update({ ...r, improvementPlan: replaced(r.improvementPlan, i, { ...item, ...patch }) });
              return (
                <div key={i} className="studio-report__plan-row" data-testid={`aar-plan-row-${i}`}>
                  <TextField label={`Row ${i + 1}: issue`} value={item.issue} testId={`aar-plan-issue-${i}`} onChange={(issue) => set({ issue })} />
                  <TextField label={`Row ${i + 1}: corrective action`} value={item.action} testId={`aar-plan-action-${i}`} onChange={(action) => set({ action })} />
                  <TextField label={`Row ${i + 1}: owner`} value={item.owner} testId={`aar-plan-owner-${i}`} onChange={(owner) => set({ owner })} />
                  <TextField label={`Row ${i + 1}: due`} type="date" value={item.due} testId={`aar-plan-due-${i}`} onChange={(due) => set({ due })} />
                  <button type="button" className="button button--small button--quiet" data-testid={`aar-plan-remove-${i}`} onClick={() => update({ ...r, improvementPlan: removed(r.improvementPlan, i) })}>
                    Remove row {i + 1}
                  </button>
                </div>
              );
            })}
            <button type="button" className="button button--small" data-testid="aar-plan-add" onClick={() => update({ ...r, improvementPlan: [...r.improvementPlan, NO_ITEM] })}>
              Add a row
            </button>
          </fieldset>
        </form>
        <section className="studio-report__preview" aria-labelledby="studio-preview-heading">
          <h3 id="studio-preview-heading">Preview</h3>
          {html?.ok ? (
            // No scripts run in the preview; the studio may print it (same origin, modals allowed).
            <iframe ref={frameRef} title="After-action report preview" className="studio-report__frame" sandbox="allow-same-origin allow-modals" srcDoc={html.value} data-testid="aar-preview" />
          ) : (
            <Unavailable what="The preview" error={html?.ok === false ? html.error : 'no report'} />
          )}
        </section>
      </div>
    </div>
  );
}
