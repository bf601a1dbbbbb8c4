import { useEffect, useId, useState, type FormEvent } from 'react';
import { actorOfSeat } from '../../shared/engine/seats.js';
import type { AgreementKind, AgreementState } from '../../shared/engine/state.js';
import type { MissionView, PublicActor } from '../../shared/engine/view.js';
import { agreementKindHelp, agreementKindName, agreementStatusName, formatMUsd, formatPercent } from './format.js';
import { proposeAgreement, respondToAgreement, withdrawAgreement, type AgreementTerms } from './intents.js';
import { limitedFieldProps, TextLimit } from './TextLimit.js';
import { TEXT_LIMITS } from './textLimits.js';
import { useActorNames } from './useActorNames.js';
import { selectEncounterPlayed, useDeflect } from './useDeflect.js';
import { anchorId } from './anchors.js';

const NO_AGREEMENTS: AgreementState[] = [];
const NO_MISSIONS: MissionView[] = [];
const NO_ACTORS: PublicActor[] = [];
const KINDS: AgreementKind[] = ['cost-sharing', 'consultation', 'apportionment', 'assistance'];

/** How the shares of a kind of agreement are given, or null when it has none. */
function shareUnit(kind: AgreementKind): 'M USD' | '%' | null {
  return kind === 'cost-sharing' ? 'M USD' : kind === 'apportionment' ? '%' : null;
}

/** A share in the unit of its agreement: M USD for cost sharing, a percentage for apportionment. */
function formatShare(kind: AgreementKind, share: number): string {
  return kind === 'apportionment' ? formatPercent(share) : formatMUsd(share);
}

/**
 * The agreements this seat may see (its own, or all of them for the control cell): their
 * terms, who has answered, and for actors the buttons to answer, withdraw and propose.
 */
export function AgreementsPanel() {
  const agreements = useDeflect((s) => s.view?.agreements ?? NO_AGREEMENTS);
  const isActor = useDeflect((s) => (s.view?.me ?? null) !== null);
  const encounterPlayed = useDeflect(selectEncounterPlayed);
  return (
    <section className="panel agreements" aria-labelledby="agreements-heading" data-testid="agreements-panel">
      <h2 id="agreements-heading">Agreements</h2>
      <p className="field-help">
        {isActor ? 'Only the members of an agreement (and the control cell) see it.' : 'Every agreement proposed at the table.'}
      </p>
      {agreements.length === 0 ? (
        <p className="muted" data-testid="no-agreements">
          No agreement has been proposed{isActor ? ' to you or by you' : ''} yet.
        </p>
      ) : (
        <ul className="agreements__list">
          {[...agreements].reverse().map((a) => (
            <AgreementCard key={a.id} agreement={a} />
          ))}
        </ul>
      )}
      {isActor && !encounterPlayed && <ProposeAgreementForm />}
    </section>
  );
}

function AgreementCard({ agreement: a }: { agreement: AgreementState }) {
  const name = useActorNames();
  const missionName = useDeflect((s) => (a.missionId === null ? null : (s.view?.missions.find((m) => m.id === a.missionId)?.name ?? a.missionId)));
  const myActorId = useDeflect((s) => actorOfSeat(s.mySeat));
  const canRespond = useDeflect((s) => respondToAgreement.isEnabled(s, a.id));
  const canWithdraw = useDeflect((s) => withdrawAgreement.isEnabled(s, a.id));
  const [sentCommandId, setSentCommandId] = useState<string | null>(null);
  const failure = useDeflect((s) => {
    const f = [s.failures.RespondToAgreement, s.failures.WithdrawAgreement].find((x) => x !== undefined && x.commandId === sentCommandId);
    return sentCommandId !== null && f ? f.message : null;
  });
  // The buttons appear for the actor the decision belongs to (facts of the view); whether they work comes from `legal` alone.
  const showRespond = canRespond || (myActorId !== null && a.status === 'proposed' && a.parties.includes(myActorId) && a.responses[myActorId] === undefined);
  const showWithdraw = canWithdraw || (myActorId !== null && a.status === 'proposed' && a.proposer === myActorId);
  const shares = Object.entries(a.shares);
  return (
    <li className={`agreement agreement--${a.status}`} id={anchorId.agreement(a.id)} data-testid={`agreement-${a.id}`} data-status={a.status}>
      <div className="agreement__head">
        <h3 className="agreement__kind">{agreementKindName(a.kind)}</h3>
        <span className={`agreement-status agreement-status--${a.status}`} data-testid={`agreement-status-${a.id}`}>
          <span className="agreement-status__icon" aria-hidden="true" />
          {agreementStatusName(a.status)}
        </span>
      </div>
      <p className="agreement__parties">
        Proposed by <strong>{name(a.proposer)}</strong> to {a.parties.map(name).join(', ')}
      </p>
      <dl className="agreement__terms">
        {missionName !== null && (
          <div>
            <dt>Mission</dt>
            <dd>{missionName}</dd>
          </div>
        )}
        {shares.length > 0 && (
          <div>
            <dt>{a.kind === 'apportionment' ? 'Shares of liability' : 'Shares to pay'}</dt>
            <dd data-testid={`agreement-shares-${a.id}`}>{shares.map(([id, share]) => `${name(id)} ${formatShare(a.kind, share)}`).join(', ')}</dd>
          </div>
        )}
        {a.dueRound !== null && (
          <div>
            <dt>Due</dt>
            <dd>With the orders of round {a.dueRound}</dd>
          </div>
        )}
        {a.breachedBy.length > 0 && (
          <div>
            <dt>Breached by</dt>
            <dd>{a.breachedBy.map(name).join(', ')}</dd>
          </div>
        )}
      </dl>
      <blockquote className="agreement__text">{a.text}</blockquote>
      <ul className="agreement__answers" aria-label="Answers" data-testid={`agreement-answers-${a.id}`}>
        {a.parties.map((id) => {
          const answer = a.responses[id];
          const word = answer === undefined ? 'no answer yet' : answer ? 'accepted' : 'rejected';
          return (
            <li key={id} className={`answer answer--${answer === undefined ? 'waiting' : answer ? 'yes' : 'no'}`}>
              <span aria-hidden="true">{answer === undefined ? '○' : answer ? '✓' : '✕'}</span> {name(id)}: {word}
            </li>
          );
        })}
      </ul>
      {(showRespond || showWithdraw) && (
        <div className="agreement__actions">
          {showRespond && (
            <>
              <button
                type="button"
                className="button button--primary"
                data-testid={`accept-${a.id}`}
                disabled={!canRespond}
                onClick={() => setSentCommandId(respondToAgreement.perform(a.id, true) ?? null)}
              >
                Accept
              </button>
              <button
                type="button"
                className="button button--danger"
                data-testid={`reject-${a.id}`}
                disabled={!canRespond}
                onClick={() => setSentCommandId(respondToAgreement.perform(a.id, false) ?? null)}
              >
                Reject
              </button>
            </>
          )}
          {showWithdraw && (
            <button
              type="button"
              className="button"
              data-testid={`withdraw-${a.id}`}
              disabled={!canWithdraw}
              onClick={() => setSentCommandId(withdrawAgreement.perform(a.id) ?? null)}
            >
              Withdraw
            </button>
          )}
        </div>
      )}
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </li>
  );
}

/** Parses a share typed in the form; null when it is not a non-negative number, undefined when left empty. */
function parseShare(text: string): number | null | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** Proposes an agreement; enabled only when the server lists it as legal. */
function ProposeAgreementForm() {
  const myActorId = useDeflect((s) => actorOfSeat(s.mySeat));
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  const missions = useDeflect((s) => s.view?.missions ?? NO_MISSIONS);
  const open = useDeflect((s) => s.legal.commands.includes('ProposeAgreement'));
  const name = useActorNames();
  const [kind, setKind] = useState<AgreementKind>('cost-sharing');
  const [parties, setParties] = useState<string[]>([]);
  const [missionId, setMissionId] = useState('');
  const [shareTexts, setShareTexts] = useState<Record<string, string>>({});
  const [text, setText] = useState('');
  const [sentCommandId, setSentCommandId] = useState<string | null>(null);
  const stillPending = useDeflect((s) => sentCommandId !== null && sentCommandId in s.pending);
  const failure = useDeflect((s) => s.failures.ProposeAgreement ?? null);
  const ids = { kind: useId(), parties: useId(), mission: useId(), text: useId(), textCount: useId(), kindHelp: useId() };

  const others = actors.filter((a) => a.id !== myActorId);
  const unit = shareUnit(kind);
  const members = myActorId === null ? parties : [myActorId, ...parties];
  const parsedShares = members.map((id) => ({ id, value: parseShare(shareTexts[id] ?? '') }));
  const sharesValid = unit === null || parsedShares.every((s) => s.value !== null);
  const shares: Record<string, number> = {};
  if (unit !== null) {
    for (const { id, value } of parsedShares) if (value !== null && value !== undefined) shares[id] = unit === '%' ? value / 100 : value;
  }
  const terms: AgreementTerms = { kind, parties, missionId: missionId === '' ? null : missionId, shares, text };
  const canPropose = useDeflect((s) => proposeAgreement.isEnabled(s, terms)) && sharesValid;
  const percentTotal = unit === '%' ? parsedShares.reduce((sum, s) => sum + (s.value ?? 0), 0) : 0;

  // An agreement about a mission starts from the first one; assistance names none unless asked to.
  useEffect(() => {
    if (kind !== 'assistance' && !missions.some((m) => m.id === missionId) && missions[0]) setMissionId(missions[0].id);
  }, [kind, missions, missionId]);

  // Clear the form once the server accepted the proposal; keep it when refused so nothing typed is lost.
  useEffect(() => {
    if (sentCommandId === null || stillPending) return;
    if (failure?.commandId !== sentCommandId) {
      setText('');
      setParties([]);
      setShareTexts({});
    }
    setSentCommandId(null);
  }, [sentCommandId, stillPending, failure]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (canPropose) setSentCommandId(proposeAgreement.perform(terms) ?? null);
  }

  return (
    <form className="propose propose-agreement" onSubmit={submit} aria-labelledby="propose-agreement-heading" data-testid="propose-agreement-form">
      <h3 id="propose-agreement-heading">Propose an agreement</h3>
      {!open && (
        <p className="field-help" data-testid="propose-agreement-closed">
          Not open to you now: agreements are proposed in the deliberation and orders phases.
        </p>
      )}
      <div className="propose-agreement__fields">
        <div className="field">
          <label htmlFor={ids.kind}>Kind</label>
          <select
            id={ids.kind}
            data-testid="agreement-kind"
            value={kind}
            disabled={!open}
            aria-describedby={ids.kindHelp}
            onChange={(e) => setKind(e.target.value as AgreementKind)}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {agreementKindName(k)}
              </option>
            ))}
          </select>
          <p className="field-help" id={ids.kindHelp} data-testid="agreement-kind-help">
            {agreementKindHelp(kind)}
          </p>
        </div>
        <div className="field propose-agreement__parties">
          <label htmlFor={ids.parties}>
            With <span className="field-optional">({kind === 'assistance' ? 'one actor' : 'Ctrl/⌘-click for several'})</span>
          </label>
          <select
            id={ids.parties}
            data-testid="agreement-parties"
            multiple
            size={Math.min(Math.max(others.length, 2), 6)}
            value={parties}
            disabled={!open}
            onChange={(e) => setParties([...e.target.selectedOptions].map((o) => o.value))}
          >
            {others.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.mission}>
            Mission {kind === 'assistance' && <span className="field-optional">(optional)</span>}
          </label>
          <select id={ids.mission} data-testid="agreement-mission" value={missionId} disabled={!open} onChange={(e) => setMissionId(e.target.value)}>
            {(kind === 'assistance' || missions.length === 0) && <option value="">{missions.length === 0 ? 'No mission proposed yet' : 'No particular mission'}</option>}
            {missions.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {unit !== null && (
        <fieldset className="propose-agreement__shares">
          <legend>{unit === '%' ? 'Share of liability of each launching state (%)' : 'What each member pays this round (M USD)'}</legend>
          {members.length === 0 && <p className="field-help">Choose the parties first.</p>}
          {parsedShares.map(({ id, value }) => (
            <div key={id} className="field field--inline">
              <label htmlFor={`${ids.parties}-share-${id}`}>
                {name(id)}
                {id === myActorId ? ' (you)' : ''}
              </label>
              <input
                id={`${ids.parties}-share-${id}`}
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                data-testid={`agreement-share-${id}`}
                value={shareTexts[id] ?? ''}
                placeholder="0"
                aria-invalid={value === null}
                disabled={!open}
                onChange={(e) => setShareTexts((t) => ({ ...t, [id]: e.target.value }))}
              />
            </div>
          ))}
          {unit === '%' && members.length > 0 && (
            <p className={`field-help${Math.abs(percentTotal - 100) > 1e-4 ? ' field-help--warn' : ''}`} data-testid="agreement-share-total" aria-live="polite">
              The shares add up to {Number(percentTotal.toFixed(2))}% (they must add up to 100%).
            </p>
          )}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={ids.text}>Terms in your words</label>
        <textarea
          id={ids.text}
          data-testid="agreement-text"
          rows={2}
          value={text}
          disabled={!open}
          onChange={(e) => setText(e.target.value)}
          {...limitedFieldProps(ids.textCount, text, TEXT_LIMITS.agreementText)}
        />
        <TextLimit id={ids.textCount} text={text} limit={TEXT_LIMITS.agreementText} testId="agreement-text-count" />
      </div>
      <button type="submit" className="button button--primary" data-testid="propose-agreement" disabled={!canPropose}>
        Propose agreement
      </button>
      {failure && (
        <p className="field-error" role="alert" data-testid="propose-agreement-error">
          {failure.message}
        </p>
      )}
    </form>
  );
}
