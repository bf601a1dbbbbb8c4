import { Component, useEffect, useId, useMemo, useRef, useState, type ChangeEvent, type ErrorInfo, type FormEvent, type ReactNode, type RefObject } from 'react';
import { checkScenarioText, missionDeadlines, type CheckReport, type Finding, type MissionDeadline } from '../../shared/authoring/check.js';
import { mselFromCsv, mselToCsv } from '../../shared/authoring/msel.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import type { ScenarioSummary } from '../../shared/protocol.js';
import { actorKindName, formatMUsd, formatScenarioDate, injectChannelName, missionKindName } from '../app/format.js';
import { downloadFile } from '../debrief/download.js';
import { fetchScenarioList, fetchScenarioSource, uploadScenario, type UploadAnswer } from './api.js';
import { PreviewMap } from './PreviewMap.js';
import { downloadName, findingsHeadline, injectTiming, lineRange, replaceInjects, sortFindings } from './text.js';
import './authoring.css';

// The scenario preview: an author picks a bundled scenario, opens a file or types YAML, and sees
// at once what the check finds and what the table would get — the corridor, the actors, the
// calendar with each mission's deadline, the injects — then downloads it or uploads it to this
// server with its admin key. A chunk of its own: players never download it or its YAML parser.

/** How long the text must rest before the check runs again. */
const CHECK_DELAY_MS = 300;
const ADMIN_KEY_STORAGE = 'deflect.adminKey';

/** The scenario id in `/scenarios/preview/<id>`, if any. */
export function scenarioIdOfPath(pathname: string): string | null {
  const match = /^\/scenarios\/preview\/([a-z0-9][a-z0-9-]{0,39})\/?$/.exec(pathname);
  return match?.[1] ?? null;
}

function storedAdminKey(): string {
  try {
    return globalThis.sessionStorage.getItem(ADMIN_KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

function storeAdminKey(key: string): void {
  try {
    if (key) globalThis.sessionStorage.setItem(ADMIN_KEY_STORAGE, key);
    else globalThis.sessionStorage.removeItem(ADMIN_KEY_STORAGE);
  } catch {
    // Storage refused (private mode): the key stays in this page's memory only.
  }
}

/** The check, or what went wrong running it, as a report the page can show. */
function runCheck(text: string, file: string): CheckReport {
  try {
    return checkScenarioText(text, file);
  } catch (e) {
    return { file, ok: false, scenario: null, findings: [{ severity: 'error', code: 'check/failed', path: '', message: `The check itself failed: ${(e as Error).message}` }] };
  }
}

/** The scenario preview page. */
export default function ScenarioPreview() {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState('scenario.yaml');
  const [report, setReport] = useState<CheckReport | null>(null);
  const [checking, setChecking] = useState(false);
  const [adminKey, setAdminKey] = useState(storedAdminKey);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'danger'; text: string } | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);
  // While a line is mid-edit the schema may refuse the file: the preview keeps the last version of this file it accepted, and says so.
  const [lastScenario, setLastScenario] = useState<Scenario | null>(null);

  useEffect(() => {
    if (text.trim() === '') {
      setReport(null);
      setChecking(false);
      return;
    }
    setChecking(true);
    const timer = setTimeout(() => {
      setReport(runCheck(text, fileName));
      setChecking(false);
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, fileName]);

  useEffect(() => {
    document.title = 'Scenario preview · Deflect';
  }, []);

  function load(newText: string, name: string) {
    setLastScenario(null);
    setReport(null);
    setText(newText);
    setFileName(name);
    setNotice(null);
  }

  /** Moves the caret to a line of the text and scrolls it into view. */
  function goToLine(line: number) {
    const area = editor.current;
    if (!area) return;
    const { start, end } = lineRange(area.value, line);
    area.focus();
    area.setSelectionRange(start, end);
    const lineHeightPx = Number.parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 3) * lineHeightPx);
  }

  const accepted = report?.scenario ?? null;
  useEffect(() => {
    if (accepted) setLastScenario(accepted);
    else if (text.trim() === '') setLastScenario(null);
  }, [accepted, text]);
  const scenario = accepted ?? lastScenario;
  const stale = accepted === null && lastScenario !== null && report !== null;
  return (
    <div className="authoring" data-testid="scenario-preview">
      <header className="authoring__header">
        <a className="brand" href="/">
          Deflect
        </a>
        <h1>Scenario preview</h1>
        <p className="muted">
          Pick a scenario, open a YAML file or write one: the check runs as you type, and the preview shows what a table would get. Nothing leaves your browser until you upload.
        </p>
      </header>
      <main className="authoring__columns">
        <div className="authoring__editor">
          <SourcePanel text={text} fileName={fileName} adminKey={adminKey} onLoad={load} onEdit={setText} onNotice={setNotice} editor={editor} scenario={scenario} />
          {notice && (
            <p className={`notice ${notice.kind === 'ok' ? 'authoring__ok' : 'notice--danger'}`} role={notice.kind === 'ok' ? 'status' : 'alert'} data-testid="authoring-notice">
              {notice.text}
            </p>
          )}
          <FindingsPanel report={report} checking={checking} empty={text.trim() === ''} onGoToLine={goToLine} />
          <UploadPanel text={text} report={report} checking={checking} adminKey={adminKey} onAdminKey={(k) => (setAdminKey(k), storeAdminKey(k))} />
        </div>
        <div className="authoring__preview">
          {stale && (
            <p className="notice notice--warning" data-testid="preview-stale">
              The file does not match the scenario format now: the preview shows the last version that did.
            </p>
          )}
          {scenario ? (
            <PreviewBoundary resetKey={text}>
              <ScenarioSections
                scenario={scenario}
                text={text}
                onInjectsImported={(newText, count) => {
                  setText(newText);
                  setNotice({ kind: 'ok', text: `Imported ${count} inject${count === 1 ? '' : 's'} from the CSV into the text.` });
                }}
                onNotice={setNotice}
              />
            </PreviewBoundary>
          ) : (
            <section className="panel authoring__placeholder">
              <h2>Preview</h2>
              <p className="muted">{text.trim() === '' ? 'No scenario yet.' : 'The preview appears once the file matches the scenario format.'}</p>
            </section>
          )}
        </div>
      </main>
    </div>
  );
}

function SourcePanel({
  text,
  fileName,
  adminKey,
  onLoad,
  onEdit,
  onNotice,
  editor,
  scenario,
}: {
  text: string;
  fileName: string;
  adminKey: string;
  onLoad(text: string, fileName: string): void;
  onEdit(text: string): void;
  onNotice(n: { kind: 'ok' | 'danger'; text: string } | null): void;
  editor: RefObject<HTMLTextAreaElement | null>;
  scenario: Scenario | null;
}) {
  const [list, setList] = useState<ScenarioSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [chosen, setChosen] = useState(() => scenarioIdOfPath(globalThis.location.pathname) ?? '');
  const pickId = useId();
  const fileId = useId();
  const textId = useId();
  const helpId = useId();

  useEffect(() => {
    fetchScenarioList().then(setList, (e: unknown) => setListError((e as Error).message));
  }, []);

  useEffect(() => {
    if (!chosen) return;
    let live = true;
    fetchScenarioSource(chosen, adminKey).then(
      (source) => {
        if (!live) return;
        onLoad(source, `${chosen}.yaml`);
        globalThis.history.replaceState(globalThis.history.state, '', `/scenarios/preview/${chosen}`);
      },
      (e: unknown) => live && onNotice({ kind: 'danger', text: (e as Error).message }),
    );
    return () => {
      live = false;
    };
    // The key is read when a scenario is picked, not watched: typing it does not reload the text.
  }, [chosen]);

  async function openFile(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setChosen('');
    onLoad(await file.text(), file.name);
    globalThis.history.replaceState(globalThis.history.state, '', '/scenarios/preview');
  }

  return (
    <section className="panel" aria-labelledby="authoring-source-heading">
      <h2 id="authoring-source-heading">Scenario file</h2>
      <div className="authoring__sources">
        <div className="field">
          <label htmlFor={pickId}>A scenario on this server</label>
          <select id={pickId} value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="preview-pick">
            <option value="">{list ? 'Choose a scenario…' : 'Loading the list…'}</option>
            {list?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title} ({s.id})
              </option>
            ))}
          </select>
          {listError && <p className="muted">{listError}</p>}
        </div>
        <div className="field">
          <label htmlFor={fileId}>Or open a YAML file</label>
          <input id={fileId} type="file" accept=".yaml,.yml,text/yaml,application/yaml" onChange={(e) => void openFile(e)} data-testid="preview-file" />
        </div>
      </div>
      <div className="field">
        <label htmlFor={textId}>
          Scenario YAML <span className="muted">({fileName})</span>
        </label>
        <p id={helpId} className="muted authoring__help">
          Editors with a YAML language server complete and check the file with the first line{' '}
          <code># yaml-language-server: $schema=/api/scenario-schema.json</code>.
        </p>
        <textarea
          id={textId}
          ref={editor}
          className="authoring__text"
          value={text}
          onChange={(e) => onEdit(e.target.value)}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          wrap="off"
          rows={24}
          aria-describedby={helpId}
          data-testid="preview-text"
        />
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={text.trim() === ''}
          onClick={() => downloadFile(downloadName(scenario?.id, 'yaml'), 'text/yaml', text)}
          data-testid="download-yaml"
        >
          Download YAML
        </button>
      </div>
    </section>
  );
}

function FindingsPanel({ report, checking, empty, onGoToLine }: { report: CheckReport | null; checking: boolean; empty: boolean; onGoToLine(line: number): void }) {
  const findings = useMemo(() => sortFindings(report?.findings ?? []), [report]);
  const headline = empty ? 'Nothing to check yet.' : report ? findingsHeadline(report.findings) : 'Checking…';
  return (
    <section className="panel" aria-labelledby="authoring-check-heading">
      <h2 id="authoring-check-heading">Check</h2>
      <div aria-live="polite">
        <p className={`authoring__verdict${report && !report.ok ? ' authoring__verdict--errors' : ''}`} data-testid="check-headline">
          {headline}
          {checking && report ? <span className="muted"> Checking the latest change…</span> : null}
        </p>
        {findings.length > 0 && (
          <ul className="authoring__findings" data-testid="findings">
            {findings.map((f, i) => (
              <FindingItem key={`${f.code}-${f.path}-${i}`} finding={f} onGoToLine={onGoToLine} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function FindingItem({ finding, onGoToLine }: { finding: Finding; onGoToLine(line: number): void }) {
  const { line } = finding;
  return (
    <li className={`authoring__finding authoring__finding--${finding.severity}`} data-testid="finding" data-code={finding.code} data-line={line ?? ''}>
      <span className="authoring__severity">{finding.severity === 'error' ? 'Error' : 'Warning'}</span>
      {line !== undefined && (
        <button type="button" className="button button--quiet button--small authoring__line" onClick={() => onGoToLine(line)} aria-label={`Go to line ${line}`}>
          line {line}
        </button>
      )}
      {finding.path && <code className="authoring__path">{finding.path}</code>}
      <span className="authoring__message">{finding.message}</span>
    </li>
  );
}

function UploadPanel({ text, report, checking, adminKey, onAdminKey }: { text: string; report: CheckReport | null; checking: boolean; adminKey: string; onAdminKey(key: string): void }) {
  const [replace, setReplace] = useState(false);
  const [sending, setSending] = useState(false);
  const [answer, setAnswer] = useState<UploadAnswer | null>(null);
  const keyId = useId();
  const whyId = useId();
  const blocked = text.trim() === '' ? 'Load or write a scenario first.' : checking || !report ? 'Wait for the check.' : !report.ok ? 'Fix the errors the check reports first.' : null;
  const canSend = blocked === null && adminKey.length > 0 && !sending;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!canSend) return;
    setSending(true);
    setAnswer(null);
    setAnswer(await uploadScenario(text, adminKey, replace));
    setSending(false);
  }

  return (
    <section className="panel" aria-labelledby="authoring-upload-heading">
      <h2 id="authoring-upload-heading">Upload to this server</h2>
      <p className="muted">With the server’s admin key (set by its operator), a checked scenario joins the list on the start page at once. The key stays in this tab.</p>
      <form onSubmit={(e) => void submit(e)} data-testid="upload-form">
        <div className="field">
          <label htmlFor={keyId}>Admin key</label>
          <input id={keyId} type="password" autoComplete="off" value={adminKey} onChange={(e) => onAdminKey(e.target.value)} data-testid="admin-key" />
        </div>
        <label className="authoring__check">
          <input type="checkbox" checked={replace} onChange={(e) => setReplace(e.target.checked)} /> Replace a scenario I uploaded before with the same id
        </label>
        <div className="button-row">
          <button type="submit" className="button button--primary" disabled={!canSend} aria-describedby={whyId} data-testid="upload-scenario">
            {sending ? 'Uploading…' : 'Upload'}
          </button>
        </div>
        <p id={whyId} className="muted">
          {blocked ?? (adminKey ? '' : 'Enter the admin key to upload.')}
        </p>
      </form>
      <div aria-live="polite" data-testid="upload-answer">
        {answer?.ok === true && (
          <p className="notice authoring__ok">
            {answer.replaced ? 'Replaced' : 'Uploaded'} “{answer.title}” ({answer.id}){answer.warningCount > 0 ? `, with ${answer.warningCount} warning${answer.warningCount === 1 ? '' : 's'}` : ''}. It is now in the{' '}
            <a href="/">start page’s list</a>.
          </p>
        )}
        {answer?.ok === false && (
          <div className="notice notice--danger">
            <p>{answer.message}</p>
            {answer.details.length > 0 && (
              <ul>
                {answer.details.slice(0, 20).map((d, i) => (
                  <li key={i}>{d}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

function ScenarioSections({
  scenario,
  text,
  onInjectsImported,
  onNotice,
}: {
  scenario: Scenario;
  text: string;
  onInjectsImported(text: string, count: number): void;
  onNotice(n: { kind: 'ok' | 'danger'; text: string } | null): void;
}) {
  return (
    <>
      <section className="panel" aria-labelledby="authoring-overview-heading" data-testid="preview-overview">
        <h2 id="authoring-overview-heading">{scenario.title}</h2>
        <p>{scenario.summary}</p>
        <p className="muted">
          {scenario.asteroid.designation}: {scenario.asteroid.diameterM.min}–{scenario.asteroid.diameterM.max} m, entering at {scenario.asteroid.entrySpeedKmS} km/s; capture radius{' '}
          {scenario.asteroid.captureRadiusKm.toLocaleString('en-US')} km.
        </p>
      </section>
      <section className="panel" aria-labelledby="authoring-corridor-heading">
        <h2 id="authoring-corridor-heading">Corridor</h2>
        <PreviewMap scenario={scenario} />
      </section>
      <ActorsSection scenario={scenario} />
      <CalendarSection scenario={scenario} />
      <InjectsSection scenario={scenario} text={text} onInjectsImported={onInjectsImported} onNotice={onNotice} />
    </>
  );
}

function ActorsSection({ scenario }: { scenario: Scenario }) {
  return (
    <section className="panel" aria-labelledby="authoring-actors-heading" data-testid="preview-actors">
      <h2 id="authoring-actors-heading">Actors ({scenario.actors.length})</h2>
      <div className="authoring__actors">
        {scenario.actors.map((actor) => {
          const capabilities = Object.entries(actor.capabilities)
            .filter(([, has]) => has)
            .map(([name]) => ({ launch: 'launch', observatories: 'observatories', deepSpaceNetwork: 'deep-space network', industry: 'industry' })[name] ?? name);
          return (
            <article key={actor.id} className="authoring__actor" data-testid={`preview-actor-${actor.id}`}>
              <h3>{actor.name}</h3>
              <p className="muted">
                {actorKindName(actor.kind)}
                {actor.stateOfNationality ? ` · ${actor.stateOfNationality}` : ''} · {formatMUsd(actor.budgetPerRoundMUsd)} a round
              </p>
              <p>
                <strong>Capabilities:</strong> {capabilities.length > 0 ? capabilities.join(', ') : 'none'}
              </p>
              <p>
                <strong>Briefing:</strong> {actor.briefing}
              </p>
              <details>
                <summary>Secret briefing</summary>
                <p>{actor.secretBriefing}</p>
              </details>
              {actor.objectives.length > 0 && (
                <>
                  <p>
                    <strong>Objectives</strong>
                  </p>
                  <ul>
                    {actor.objectives.map((o, i) => (
                      <li key={i}>{o}</li>
                    ))}
                  </ul>
                </>
              )}
            </article>
          );
        })}
      </div>
    </section>
  );
}

function CalendarSection({ scenario }: { scenario: Scenario }) {
  const deadlines = useMemo<MissionDeadline[] | string>(() => {
    try {
      return missionDeadlines(scenario);
    } catch (e) {
      return (e as Error).message;
    }
  }, [scenario]);
  const { blackouts } = scenario.observation;
  return (
    <section className="panel" aria-labelledby="authoring-calendar-heading" data-testid="preview-calendar">
      <h2 id="authoring-calendar-heading">Calendar</h2>
      <ol className="authoring__rounds">
        {scenario.calendar.rounds.map((round, i) => (
          <li key={i}>
            <span className="authoring__round-no">Round {i + 1}</span> <time dateTime={round.date}>{formatScenarioDate(round.date)}</time>: {round.title}
          </li>
        ))}
      </ol>
      <p data-testid="preview-impact-date">
        <strong>Potential impact:</strong> <time dateTime={scenario.asteroid.potentialImpactDate}>{formatScenarioDate(scenario.asteroid.potentialImpactDate)}</time>
      </p>
      <p>
        <strong>Observation blackouts:</strong>{' '}
        {blackouts.length === 0 ? 'none' : blackouts.map((b) => `${formatScenarioDate(b.from)} – ${formatScenarioDate(b.to)}`).join('; ')}
      </p>
      <h3>Mission deadlines</h3>
      {typeof deadlines === 'string' ? (
        <p className="muted">The deadlines could not be worked out: {deadlines}</p>
      ) : (
        <div className="authoring__scroll">
          <table className="authoring__table" data-testid="preview-deadlines">
            <thead>
              <tr>
                <th scope="col">Mission</th>
                <th scope="col">Earliest arrival</th>
                <th scope="col">Launch by</th>
                <th scope="col">Last useful round</th>
              </tr>
            </thead>
            <tbody>
              {deadlines.map((d) => {
                const type = scenario.missionTypes.find((m) => m.id === d.missionTypeId);
                return (
                  <tr key={d.missionTypeId}>
                    <th scope="row">
                      {d.name}
                      {type ? <span className="muted"> · {missionKindName(type.kind)}, {formatMUsd(type.costMUsd)}</span> : null}
                    </th>
                    <td>{formatScenarioDate(d.earliestArrival)}</td>
                    <td>{formatScenarioDate(d.launchBy)}</td>
                    <td>{d.lastUsefulRound === null ? 'none: it cannot arrive in time' : `Round ${d.lastUsefulRound}`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function InjectsSection({
  scenario,
  text,
  onInjectsImported,
  onNotice,
}: {
  scenario: Scenario;
  text: string;
  onInjectsImported(text: string, count: number): void;
  onNotice(n: { kind: 'ok' | 'danger'; text: string } | null): void;
}) {
  const importId = useId();
  const { injects } = scenario;

  function exportCsv() {
    try {
      downloadFile(downloadName(scenario.id, 'csv'), 'text/csv', mselToCsv(injects));
    } catch (e) {
      onNotice({ kind: 'danger', text: `The injects could not be exported: ${(e as Error).message}` });
    }
  }

  async function importCsv(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    let result: ReturnType<typeof mselFromCsv>;
    try {
      result = mselFromCsv(await file.text(), file.name, { actorIds: scenario.actors.map((a) => a.id), roundCount: scenario.calendar.rounds.length });
    } catch (err) {
      onNotice({ kind: 'danger', text: `The CSV could not be read: ${(err as Error).message}` });
      return;
    }
    if (!result.ok) {
      onNotice({ kind: 'danger', text: `The CSV was not imported: ${result.errors.slice(0, 5).join(' ')}${result.errors.length > 5 ? ` (and ${result.errors.length - 5} more)` : ''}` });
      return;
    }
    const replaced = replaceInjects(text, result.injects);
    if (replaced === null) {
      onNotice({ kind: 'danger', text: 'The injects could not be put into the text: it is not a YAML mapping.' });
      return;
    }
    onInjectsImported(replaced, result.injects.length);
  }

  return (
    <section className="panel" aria-labelledby="authoring-injects-heading" data-testid="preview-injects">
      <h2 id="authoring-injects-heading">Injects (MSEL): {injects.length}</h2>
      <div className="button-row">
        <button type="button" className="button" onClick={exportCsv} data-testid="export-msel">
          Export as CSV
        </button>
        <input id={importId} className="authoring__file-input" type="file" accept=".csv,text/csv" onChange={(e) => void importCsv(e)} data-testid="import-msel" />
        <label className="button authoring__file-button" htmlFor={importId}>
          Import a CSV (replaces the injects)
        </label>
      </div>
      {injects.length === 0 ? (
        <p className="muted">No injects.</p>
      ) : (
        <ol className="authoring__injects">
          {injects.map((inject) => (
            <li key={inject.id} className="authoring__inject">
              <p className="authoring__inject-when">
                {injectTiming(inject)} · {injectChannelName(inject.channel)} · from {inject.persona} · to {inject.targets === 'all' ? 'everyone' : inject.targets.join(', ')}
              </p>
              <p>
                <strong>{inject.headline}</strong> {inject.body}
              </p>
              {(inject.controllerNote || inject.expectedAction) && (
                <p className="muted">
                  {inject.controllerNote ? `Control cell: ${inject.controllerNote}` : ''}
                  {inject.expectedAction ? ` Expected action: ${inject.expectedAction}` : ''}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Keeps a fault in drawing the preview from taking the editor with it; tries again when the text changes. */
class PreviewBoundary extends Component<{ resetKey: string; children: ReactNode }, { error: Error | null; key: string }> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.warn('The scenario preview could not be drawn:', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <section className="panel" role="alert">
          <h2>The preview could not be drawn</h2>
          <p className="muted">{this.state.error.message}</p>
        </section>
      );
    }
    return this.props.children;
  }
}
