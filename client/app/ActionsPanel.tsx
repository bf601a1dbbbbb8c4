import { useEffect, useId, useState, type FormEvent } from 'react';
import { actorOfSeat } from '../../shared/engine/seats.js';
import { useConfirm } from './Confirm.js';
import { evacuationQuestion } from './confirmWords.js';
import { formatMUsd } from './format.js';
import { issueIawnNotification, orderEvacuation, postStatement, shareTrackingData } from './intents.js';
import { TalkQuota } from './TalkQuota.js';
import { limitedFieldProps, TextLimit } from './TextLimit.js';
import { TEXT_LIMITS } from './textLimits.js';
import { selectEncounterPlayed, useDeflect } from './useDeflect.js';

/** What an actor can do in public besides messaging: statements, and the acts its kind of actor may take. */
export function ActionsPanel() {
  const kind = useDeflect((s) => s.view?.actors.find((a) => a.id === actorOfSeat(s.mySeat))?.kind ?? null);
  // After the encounter only words remain: evacuation, tracking data and the IAWN warning could change nothing.
  const encounterPlayed = useDeflect(selectEncounterPlayed);
  if (kind === null) return null;
  const isState = kind === 'space-faring-state' || kind === 'non-space-faring-state';
  return (
    <section className="panel actions" aria-labelledby="actions-heading" data-testid="actions-panel">
      <h2 id="actions-heading">Public actions</h2>
      <StatementComposer />
      {isState && !encounterPlayed && <EvacuationControl />}
      {!encounterPlayed && <TrackingDataControl />}
      {kind === 'un-body' && !encounterPlayed && <IawnControl />}
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
  const countId = useId();
  const helpId = useId();
  const errorId = useId();

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
        <textarea
          id={textId}
          data-testid="statement-text"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          {...limitedFieldProps(countId, text, TEXT_LIMITS.statement)}
          aria-describedby={`${helpId} ${countId}`}
        />
        <TextLimit id={countId} text={text} limit={TEXT_LIMITS.statement} testId="statement-count" />
        <p id={helpId} className="field-help">
          Published in the news under your name, for every seat to read.
        </p>
      </div>
      <TalkQuota testId="statement-quota" />
      <button type="submit" className="button" data-testid="post-statement" disabled={!canPost} aria-describedby={failure ? errorId : undefined}>
        Publish statement
      </button>
      {failure && (
        <p className="field-error" role="alert" id={errorId} data-testid="statement-error">
          {failure.message}
        </p>
      )}
    </form>
  );
}

/**
 * Evacuation and sheltering, for a state the engine lets order them (its territory lies under
 * the risk corridor): each asks first, saying what it costs of the budget.
 */
function EvacuationControl() {
  const protection = useDeflect((s): 'evacuated' | 'sheltered' | 'none' => {
    const me = actorOfSeat(s.mySeat);
    if (me === null || !s.view) return 'none';
    if (s.view.evacuations.includes(me)) return 'evacuated';
    return s.view.shelters.includes(me) ? 'sheltered' : 'none';
  });
  // The engine offers evacuation only to a state with territory at risk; a state it never offers it to sees no such control.
  const offered = useDeflect((s) => s.legal.commands.includes('OrderEvacuation'));
  const stateName = useDeflect((s) => s.view?.actors.find((a) => a.id === actorOfSeat(s.mySeat))?.name ?? 'your state');
  const balanceMUsd = useDeflect((s) => s.view?.me?.balanceMUsd ?? null);
  const shelterCostMUsd = useDeflect((s) => s.view?.shelterCostMUsd ?? null);
  const evacuationCostMUsd = useDeflect((s) => s.view?.evacuationCostMUsd ?? null);
  const canShelter = useDeflect((s) => orderEvacuation.isEnabled(s, 'shelter'));
  const canEvacuate = useDeflect((s) => orderEvacuation.isEnabled(s, 'evacuate'));
  const failure = useDeflect((s) => s.failures.OrderEvacuation?.message ?? null);
  const { ask, dialog } = useConfirm();
  const errorId = useId();
  if (!offered && protection === 'none') return null;
  const cost = (amountMUsd: number | null) => (amountMUsd === null ? '' : ` (cost ${formatMUsd(amountMUsd)})`);
  const order = (level: 'evacuate' | 'shelter', costMUsd: number | null) => {
    if (costMUsd === null) return;
    ask(evacuationQuestion(level, stateName, costMUsd, balanceMUsd), () => orderEvacuation.perform(level));
  };
  const describedBy = failure ? errorId : undefined;
  return (
    <div className="action" data-testid="evacuation-control">
      <h3>Evacuation</h3>
      {protection === 'evacuated' && <p data-testid="evacuation-status">You have ordered the evacuation of your territory at risk.</p>}
      {protection === 'sheltered' && (
        <p data-testid="evacuation-status">You have ordered your people at risk to shelter in place; you may still order a full evacuation.</p>
      )}
      {protection === 'none' && (
        <p className="field-help">
          Sheltering in place is cheaper but spares fewer people; an evacuation moves them out of the area at risk before the encounter. Either is
          paid from your budget at once and cannot be undone.
        </p>
      )}
      <div className="mission__actions">
        <button
          type="button"
          className="button"
          data-testid="order-shelter"
          disabled={!canShelter}
          aria-describedby={describedBy}
          onClick={() => order('shelter', shelterCostMUsd)}
        >
          Shelter in place{cost(shelterCostMUsd)}
        </button>
        <button
          type="button"
          className="button button--danger"
          data-testid="order-evacuation"
          disabled={!canEvacuate}
          aria-describedby={describedBy}
          onClick={() => order('evacuate', evacuationCostMUsd)}
        >
          Evacuate{cost(evacuationCostMUsd)}
        </button>
      </div>
      {failure && (
        <p className="field-error" role="alert" id={errorId} data-testid="evacuation-error">
          {failure}
        </p>
      )}
      {dialog}
    </div>
  );
}

/** Whether this actor's observatories feed the published estimate; shown to actors the server lets decide it. */
function TrackingDataControl() {
  const withholding = useDeflect((s) => (s.view?.me?.privateEstimate ?? null) !== null);
  const mayDecide = useDeflect((s) => s.legal.commands.includes('ShareTrackingData'));
  const canToggle = useDeflect((s) => shareTrackingData.isEnabled(s));
  const failure = useDeflect((s) => s.failures.ShareTrackingData?.message ?? null);
  const errorId = useId();
  // Only actors with observatories may decide (the server says so through `legal`); a withholder always sees its choice.
  if (!mayDecide && !withholding) return null;
  return (
    <div className="action" data-testid="tracking-data">
      <h3>Tracking data</h3>
      <p className="field-help">
        {withholding
          ? 'You keep your astrometry to yourself: the published estimate lacks it, and only you read the estimate it improves.'
          : 'Your observatories’ astrometry goes into the estimate everyone reads. Withheld, what you observe improves only an estimate of your own, and the published one lacks it.'}
      </p>
      <label className="check">
        <input
          type="checkbox"
          data-testid="share-tracking"
          checked={!withholding}
          disabled={!canToggle}
          aria-describedby={failure ? errorId : undefined}
          onChange={(e) => shareTrackingData.perform(e.target.checked)}
        />
        Share our tracking data
      </label>
      {failure && (
        <p className="field-error" role="alert" id={errorId} data-testid="tracking-error">
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
  const errorId = useId();
  return (
    <div className="action">
      <h3>IAWN impact notification</h3>
      <p className="field-help">
        {notified
          ? 'IAWN has notified the UN of the impact threat.'
          : 'IAWN notifies the UN Office for Outer Space Affairs once the impact probability exceeds 1%.'}
      </p>
      <button type="button" className="button" data-testid="issue-iawn" disabled={!canIssue} aria-describedby={failure ? errorId : undefined} onClick={() => issueIawnNotification.perform()}>
        Issue IAWN notification
      </button>
      {failure && (
        <p className="field-error" role="alert" id={errorId} data-testid="iawn-error">
          {failure}
        </p>
      )}
    </div>
  );
}
