import { useEffect, useId, useState, type FormEvent } from 'react';
import { actorOfSeat } from '../../shared/engine/seats.js';
import { issueIawnNotification, orderEvacuation, postStatement } from './intents.js';
import { useDeflect } from './useDeflect.js';

/** What an actor can do in public besides messaging: statements, and the acts its kind of actor may take. */
export function ActionsPanel() {
  const kind = useDeflect((s) => s.view?.actors.find((a) => a.id === actorOfSeat(s.mySeat))?.kind ?? null);
  if (kind === null) return null;
  const isState = kind === 'space-faring-state' || kind === 'non-space-faring-state';
  return (
    <section className="panel actions" aria-labelledby="actions-heading" data-testid="actions-panel">
      <h2 id="actions-heading">Public actions</h2>
      <StatementComposer />
      {isState && <EvacuationControl />}
      {kind === 'un-body' && <IawnControl />}
    </section>
  );
}

function StatementComposer() {
  const [text, setText] = useState('');
  const [sentCommandId, setSentCommandId] = useState<string | null>(null);
  const canPost = useDeflect((s) => postStatement.isEnabled(s, text));
  const stillPending = useDeflect((s) => sentCommandId !== null && sentCommandId in s.pending);
  const failure = useDeflect((s) => s.failures.PostStatement ?? null);
  const textId = useId();

  // Clear the draft once the server accepted it; keep it when refused so nothing typed is lost.
  useEffect(() => {
    if (sentCommandId === null || stillPending) return;
    if (failure?.commandId !== sentCommandId) setText('');
    setSentCommandId(null);
  }, [sentCommandId, stillPending, failure]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (canPost) setSentCommandId(postStatement.perform(text) ?? null);
  }

  return (
    <form className="statement" onSubmit={submit} aria-label="Make a public statement">
      <div className="field">
        <label htmlFor={textId}>Public statement</label>
        <textarea id={textId} data-testid="statement-text" rows={2} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} />
        <p className="field-help">Published in the news under your name, for every seat to read.</p>
      </div>
      <button type="submit" className="button" data-testid="post-statement" disabled={!canPost}>
        Publish statement
      </button>
      {failure && (
        <p className="field-error" role="alert" data-testid="statement-error">
          {failure.message}
        </p>
      )}
    </form>
  );
}

function EvacuationControl() {
  const ordered = useDeflect((s) => {
    const me = actorOfSeat(s.mySeat);
    return me !== null && (s.view?.evacuations.includes(me) ?? false);
  });
  const canOrder = useDeflect((s) => orderEvacuation.isEnabled(s));
  const failure = useDeflect((s) => s.failures.OrderEvacuation?.message ?? null);
  return (
    <div className="action">
      <h3>Evacuation</h3>
      {ordered ? (
        <p data-testid="evacuation-status">You have ordered the evacuation of your territory at risk.</p>
      ) : (
        <p className="field-help">Moves people out of the area at risk before the encounter. It is paid from your budget at once and cannot be undone.</p>
      )}
      <button type="button" className="button button--danger" data-testid="order-evacuation" disabled={!canOrder} onClick={() => orderEvacuation.perform()}>
        Order evacuation
      </button>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}

function IawnControl() {
  const notified = useDeflect((s) => s.view?.iawnNotified ?? false);
  const canIssue = useDeflect((s) => issueIawnNotification.isEnabled(s));
  const failure = useDeflect((s) => s.failures.IssueIawnNotification?.message ?? null);
  return (
    <div className="action">
      <h3>IAWN impact notification</h3>
      <p className="field-help">
        {notified
          ? 'IAWN has notified the UN of the impact threat.'
          : 'IAWN notifies the UN Office for Outer Space Affairs once the impact probability exceeds 1%.'}
      </p>
      <button type="button" className="button" data-testid="issue-iawn" disabled={!canIssue} onClick={() => issueIawnNotification.perform()}>
        Issue IAWN notification
      </button>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </div>
  );
}
