import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ExerciseSummary, SessionsListResponse } from '../../shared/debrief/api.js';
import { browserStorage, distinctKeys, loadRemembered, parseDebriefAddress, saveRemembered, withoutKey, withRemembered, type RememberedKey } from './access.js';
import { fetchSessions } from './api.js';
import { formatWallDate } from './common.js';
import { tableLabel } from './TablesTab.js';

/** What one remembered key showed: its group's exercises, or why it could not. */
interface KeyResult {
  key: string;
  result: { state: 'loading' } | { state: 'failed'; error: string } | { state: 'ready'; list: SessionsListResponse };
}

const ROLE_WORDS: Record<SessionsListResponse['role'], string> = {
  facilitator: 'facilitator key',
  evaluator: 'evaluator key',
  debrief: 'debrief key',
};

/** Remembers every exercise a key's list showed, so each opens with that key. */
function rememberGroup(list: readonly RememberedKey[], key: string, sessions: readonly ExerciseSummary[]): RememberedKey[] {
  return [...sessions].reverse().reduce((acc, s) => withRemembered(acc, { exerciseId: s.id, key, title: s.title }), [...list]);
}

/**
 * The studio's front page: the exercises of every key this browser remembers (scenario, date,
 * status, the tables of the same group), and a field to paste a debrief link or key.
 */
export function SessionsPage({ initialKey = null }: { /** A key from the address's fragment, to list and remember. */ initialKey?: string | null }) {
  const [remembered, setRemembered] = useState<RememberedKey[]>(() => loadRemembered(browserStorage()));
  const [results, setResults] = useState<KeyResult[]>([]);
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const pasteId = useId();
  const pasteHelpId = useId();
  const keys = distinctKeys(remembered);
  const keysText = keys.join(' ');

  useEffect(() => {
    let live = true;
    const wanted = keysText === '' ? [] : keysText.split(' ');
    setResults(wanted.map((key) => ({ key, result: { state: 'loading' } })));
    for (const key of wanted) {
      fetchSessions(key).then(
        (list) => {
          if (!live) return;
          setResults((rs) => rs.map((r) => (r.key === key ? { key, result: { state: 'ready', list } } : r)));
          setRemembered((rem) => {
            const next = rememberGroup(rem, key, list.sessions);
            saveRemembered(browserStorage(), next);
            return next;
          });
        },
        (e: unknown) => live && setResults((rs) => rs.map((r) => (r.key === key ? { key, result: { state: 'failed', error: (e as Error).message } } : r))),
      );
    }
    return () => {
      live = false;
    };
  }, [keysText]);

  // A key that came with the address is taken as if pasted.
  useEffect(() => {
    if (initialKey !== null) rememberKey(initialKey);
    // Once, on arrival.
  }, [initialKey]);

  /** Lists a bare key's exercises and remembers each with it. */
  function rememberKey(key: string) {
    fetchSessions(key).then(
      (list) =>
        setRemembered((rem) => {
          const next = rememberGroup(rem, key, list.sessions);
          saveRemembered(browserStorage(), next);
          return next;
        }),
      (err: unknown) => setPasteError((err as Error).message),
    );
  }

  function paste(e: FormEvent) {
    e.preventDefault();
    const address = parseDebriefAddress(pasted);
    if (address === null) {
      setPasteError('That is neither a debrief link (…/debrief/<exercise>#key=…) nor a key.');
      return;
    }
    setPasteError(null);
    setPasted('');
    if (address.exerciseId !== null) {
      const next = withRemembered(remembered, { exerciseId: address.exerciseId, key: address.key, title: '' });
      saveRemembered(browserStorage(), next);
      globalThis.location.assign(`/debrief/${encodeURIComponent(address.exerciseId)}`);
      return;
    }
    // A bare key: its list says which exercises it opens.
    rememberKey(address.key);
  }

  function forget(key: string) {
    const next = withoutKey(remembered, key);
    saveRemembered(browserStorage(), next);
    setRemembered(next);
  }

  return (
    <div className="studio studio--sessions" data-testid="debrief-sessions">
      <a className="skip-link" href="#studio-main">
        Skip to the sessions
      </a>
      <header className="studio__header">
        <div className="studio__heading">
          <p className="brand">Deflect</p>
          <h1>Debrief studio</h1>
        </div>
      </header>
      <main id="studio-main" className="studio__main" tabIndex={-1}>
        <section className="panel" aria-labelledby="studio-open-heading">
          <h2 id="studio-open-heading">Open an exercise</h2>
          <form className="studio-paste" onSubmit={paste}>
            <div className="field">
              <label htmlFor={pasteId}>Debrief link or key</label>
              <input id={pasteId} data-testid="paste-link" value={pasted} autoComplete="off" spellCheck={false} aria-describedby={pasteHelpId} onChange={(e) => setPasted(e.target.value)} />
              <p className="field-help" id={pasteHelpId}>
                The facilitator’s console shows the debrief link. A facilitator key also opens the studio, with every table of its group. Keys stay in this browser.
              </p>
            </div>
            <button type="submit" className="button button--primary" data-testid="paste-open" disabled={pasted.trim() === ''}>
              Open
            </button>
            {pasteError && (
              <p className="field-error" role="alert" data-testid="paste-error">
                {pasteError}
              </p>
            )}
          </form>
        </section>
        <section aria-labelledby="studio-sessions-heading">
          <h2 id="studio-sessions-heading">Exercises this browser can open</h2>
          {keys.length === 0 && <p className="muted">None yet: open a debrief link, or paste one above.</p>}
          {results.map(({ key, result }, i) => (
            <section key={key} className="panel studio-sessions__group" aria-label="Exercises of one key" data-testid="sessions-group">
              {result.state === 'loading' && <p role="status">Loading…</p>}
              {result.state === 'failed' && (
                <p className="notice notice--warning" role="status">
                  A remembered key no longer opens anything: {result.error}
                </p>
              )}
              {result.state === 'ready' && <SessionsTable list={result.list} shownBefore={shownBefore(results, i)} />}
              <button type="button" className="button button--small button--quiet" onClick={() => forget(key)}>
                Forget this key in this browser
              </button>
            </section>
          ))}
        </section>
      </main>
    </div>
  );
}

/** The exercises the keys before the `index`-th already listed (two keys of one group list the same tables). */
function shownBefore(results: readonly KeyResult[], index: number): ReadonlySet<string> {
  return new Set(results.slice(0, index).flatMap((r) => (r.result.state === 'ready' ? r.result.list.sessions.map((s) => s.id) : [])));
}

function SessionsTable({ list, shownBefore }: { list: SessionsListResponse; shownBefore: ReadonlySet<string> }) {
  const tables = list.sessions.filter((s) => s.parentId === null).length;
  if (list.sessions.length > 0 && list.sessions.every((s) => shownBefore.has(s.id))) {
    return <p className="muted">With a {ROLE_WORDS[list.role]}: the same exercises as listed above.</p>;
  }
  return (
    <>
      <p className="muted">
        With a {ROLE_WORDS[list.role]}: {list.sessions.length} exercise{list.sessions.length === 1 ? '' : 's'}
        {tables > 1 ? `, ${tables} tables of the same scenario` : ''}.
      </p>
      <div className="table-scroll">
        <table className="table" data-testid="sessions-table">
          <thead>
            <tr>
              <th scope="col">Exercise</th>
              <th scope="col">Scenario</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Events
              </th>
            </tr>
          </thead>
          <tbody>
            {list.sessions.map((s) => (
              <tr key={s.id} data-testid={`session-${s.id}`}>
                <th scope="row">
                  <a href={`/debrief/${encodeURIComponent(s.id)}`} data-testid={`open-${s.id}`}>
                    {tableLabel(s, list.sessions)}
                  </a>
                </th>
                <td>{s.title}</td>
                <td>{formatWallDate(s.createdAt)}</td>
                <td>{s.status === 'ended' ? 'Ended' : s.round === 0 ? 'Open, not started' : `Open, round ${s.round}`}</td>
                <td className="num">{s.eventCount.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
