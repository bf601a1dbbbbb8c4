import { useEffect, useId, type FormEvent } from 'react';
import type { Orders } from '../../shared/engine/commands.js';
import type { MissionView } from '../../shared/engine/view.js';
import { useConfirm } from './Confirm.js';
import { contributionQuestion, isLargeContribution } from './confirmWords.js';
import { formatMUsd, phaseName } from './format.js';
import { setReady, submitOrders } from './intents.js';
import { CommitmentWarnings } from './CommitmentWarnings.js';
import { MissionEffect } from './MissionsBoard.js';
import { describeObservationEffect } from './preview.js';
import { draftKey, useDraft } from './useDraft.js';
import { useDeflect } from './useDeflect.js';
import { useSentCommand } from './useSentCommand.js';
import { anchorId } from './anchors.js';

const NO_MISSIONS: MissionView[] = [];
/** What the actor has typed and not yet had accepted: amounts as text, so a half-typed number survives. */
interface OrdersDraft {
  observeText: string;
  fundingTexts: Record<string, string>;
}
const EMPTY_DRAFT: OrdersDraft = { observeText: '0', fundingTexts: {} };

/** Parses an amount typed in M USD; null when it is not a non-negative number. */
function parseMUsd(text: string): number | null {
  if (text.trim() === '') return 0;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** The actor's secret orders for the round, with the budget they must fit in and the ready toggle. */
export function OrdersForm() {
  const me = useDeflect((s) => s.view?.me ?? null);
  const phase = useDeflect((s) => s.view?.exercise.phase ?? 'lobby');
  const missions = useDeflect((s) => s.view?.missions ?? NO_MISSIONS);
  const fundableIds = useDeflect((s) => s.legal.fundableMissions);
  const canSubmit = useDeflect((s) => submitOrders.isEnabled(s));
  const canToggleReady = useDeflect((s) => setReady.isEnabled(s));
  const ordersFailure = useDeflect((s) => s.failures.SubmitOrders?.message ?? null);
  const readyFailure = useDeflect((s) => s.failures.SetReady?.message ?? null);
  const exerciseId = useDeflect((s) => s.exerciseId);
  const round = useDeflect((s) => s.view?.exercise.round ?? null);
  // Kept in the browser per exercise, actor and round: a reload or a reopened tab mid-round brings back what was typed.
  const draft = useDraft<OrdersDraft>(draftKey(exerciseId, me?.actorId ?? null, round, 'orders'), EMPTY_DRAFT);
  const { observeText, fundingTexts } = draft.value;
  const { setValue: setDraft, forget: forgetDraft, reset: resetDraft } = draft;
  const sent = useSentCommand('SubmitOrders', forgetDraft);
  const observeId = useId();
  const observeEffectId = useId();
  const observationRules = useDeflect((s) => s.view?.observationRules ?? null);
  const submitted = me?.orders ?? null;
  const { ask, dialog } = useConfirm();
  const ordersErrorId = useId();
  const readyErrorId = useId();

  // Show what was last submitted, so a reload or a second look starts from the real orders —
  // unless the actor has typed something since, which the draft keeps.
  // (The orders keep their identity across patches that do not change them.)
  const hasDraft = draft.stored;
  useEffect(() => {
    if (submitted === null || hasDraft) return;
    resetDraft({
      observeText: String(submitted.observeMUsd),
      fundingTexts: Object.fromEntries(Object.entries(submitted.missionFunding).map(([id, amount]) => [id, String(amount)])),
    });
  }, [submitted, hasDraft, resetDraft]);

  if (!me) return null;
  const fundable = fundableIds.map((id) => missions.find((m) => m.id === id)).filter((m): m is MissionView => m !== undefined);
  const observeMUsd = parseMUsd(observeText);
  const funding = fundable.map((m) => ({ mission: m, amountMUsd: parseMUsd(fundingTexts[m.id] ?? '') }));
  const valid = observeMUsd !== null && funding.every((f) => f.amountMUsd !== null);
  const totalMUsd = (observeMUsd ?? 0) + funding.reduce((sum, f) => sum + (f.amountMUsd ?? 0), 0);
  // Only a warning while orders can still change: afterwards the balance already has this round's spending taken off.
  const overBudget = phase === 'orders' && !me.ready && valid && totalMUsd > me.balanceMUsd;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!canSubmit || !valid || observeMUsd === null) return;
    const missionFunding: Record<string, number> = {};
    for (const f of funding) if (f.amountMUsd) missionFunding[f.mission.id] = f.amountMUsd;
    const send = () => sent(submitOrders.perform({ observeMUsd, missionFunding }));
    const contributionMUsd = Object.values(missionFunding).reduce((a, b) => a + b, 0);
    // A large payment into missions asks first, unless these very contributions were already submitted (and asked about).
    const alreadySubmitted =
      submitted !== null &&
      Object.keys(missionFunding).length === Object.keys(submitted.missionFunding).length &&
      Object.entries(missionFunding).every(([id, amount]) => submitted.missionFunding[id] === amount);
    if (!alreadySubmitted && me !== null && isLargeContribution(contributionMUsd, me.balanceMUsd)) {
      const names = Object.keys(missionFunding).map((id) => missions.find((m) => m.id === id)?.name ?? id);
      ask(contributionQuestion(contributionMUsd, me.balanceMUsd, names), send);
    } else send();
  }

  return (
    <section className="panel orders" id={anchorId.orders} aria-labelledby="orders-heading">
      <h2 id="orders-heading">Orders for this round</h2>
      <p className="muted">
        {phase === 'orders'
          ? 'Orders are secret and simultaneous. Submit them, then mark yourself ready.'
          : phase === 'ended'
            ? 'The exercise has ended; no more orders can be given.'
            : `Orders open in the orders phase; the exercise is in the ${phaseName(phase).toLowerCase()} phase.`}
      </p>
      <form onSubmit={submit} data-testid="orders-form">
        <div className="field">
          <label htmlFor={observeId}>Observation funding (M USD)</label>
          <input
            id={observeId}
            type="number"
            min={0}
            step="any"
            inputMode="decimal"
            data-testid="observe-input"
            value={observeText}
            aria-invalid={observeMUsd === null}
            aria-describedby={observationRules ? observeEffectId : undefined}
            onChange={(e) => {
              const text = e.target.value;
              setDraft((d) => ({ ...d, observeText: text }));
            }}
          />
          {observationRules && (
            <p className="field-help" id={observeEffectId} data-testid="observe-effect" aria-live="polite">
              {describeObservationEffect(observeMUsd, observationRules, me.privateEstimate !== null)}
            </p>
          )}
        </div>
        <fieldset className="orders__missions">
          <legend>Contributions to missions (M USD)</legend>
          {fundable.length === 0 ? (
            <p className="field-help" data-testid="no-fundable-missions">
              {phase !== 'orders'
                ? 'Missions seeking funding can be paid for in the orders phase.'
                : me.ready
                  ? 'You are ready: your submitted orders below stand. Withdraw readiness to change them.'
                  : 'No mission is seeking funding.'}
            </p>
          ) : (
            funding.map(({ mission, amountMUsd }) => (
              <MissionFundingField
                key={mission.id}
                mission={mission}
                text={fundingTexts[mission.id] ?? ''}
                invalid={amountMUsd === null}
                onChange={(text) => setDraft((d) => ({ ...d, fundingTexts: { ...d.fundingTexts, [mission.id]: text } }))}
              />
            ))
          )}
        </fieldset>
        <p className={`orders__total${overBudget ? ' orders__total--over' : ''}`} data-testid="orders-total" aria-live="polite">
          Total {valid ? formatMUsd(totalMUsd) : '—'} of {formatMUsd(me.balanceMUsd)} available
          {overBudget && ' — more than your balance'}
        </p>
        <div className="orders__actions">
          <button
            type="submit"
            className="button button--primary"
            data-testid="submit-orders"
            disabled={!canSubmit || !valid}
            aria-describedby={ordersFailure ? ordersErrorId : undefined}
          >
            Submit orders
          </button>
          <button
            type="button"
            className={`button${me.ready ? ' button--ready' : ''}`}
            data-testid="ready-toggle"
            aria-pressed={me.ready}
            disabled={!canToggleReady}
            aria-describedby={readyFailure ? readyErrorId : undefined}
            onClick={() => setReady.perform(!me.ready)}
          >
            {me.ready ? 'Ready ✓ (click to withdraw)' : 'Mark ready'}
          </button>
        </div>
        {ordersFailure && (
          <p className="field-error" role="alert" id={ordersErrorId} data-testid="orders-error">
            {ordersFailure}
          </p>
        )}
        {readyFailure && (
          <p className="field-error" role="alert" id={readyErrorId} data-testid="ready-error">
            {readyFailure}
          </p>
        )}
        {dialog}
      </form>
      <dl className="orders__status" data-testid="my-orders">
        <div>
          <dt>Submitted orders</dt>
          <dd data-testid="submitted-orders">{submitted ? describeOrders(submitted, missions) : 'None this round'}</dd>
        </div>
        <div>
          <dt>Readiness</dt>
          <dd data-testid="my-readiness" data-ready={me.ready}>
            {me.ready ? 'Ready' : 'Not ready'}
          </dd>
        </div>
      </dl>
      <TableReadiness />
    </section>
  );
}

/** Submitted orders in a sentence: "Observe 100 M USD; Kinetic impactor (United States) 400 M USD". */
function describeOrders(orders: Orders, missions: MissionView[]): string {
  const parts = [`Observe ${formatMUsd(orders.observeMUsd)}`];
  for (const [id, amount] of Object.entries(orders.missionFunding)) {
    if (amount > 0) parts.push(`${missions.find((m) => m.id === id)?.name ?? id} ${formatMUsd(amount)}`);
  }
  return parts.join('; ');
}

function MissionFundingField({ mission, text, invalid, onChange }: { mission: MissionView; text: string; invalid: boolean; onChange(text: string): void }) {
  const inputId = useId();
  const helpId = useId();
  const stillNeededMUsd = Math.max(0, mission.costMUsd - mission.fundedMUsd);
  return (
    <div className="field orders__mission">
      <label htmlFor={inputId}>{mission.name}</label>
      <input
        id={inputId}
        type="number"
        min={0}
        step="any"
        inputMode="decimal"
        data-testid={`fund-input-${mission.id}`}
        value={text}
        placeholder="0"
        aria-invalid={invalid}
        aria-describedby={helpId}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="field-help" id={helpId}>
        Funded {formatMUsd(mission.fundedMUsd)} of {formatMUsd(mission.costMUsd)}; {formatMUsd(stillNeededMUsd)} still needed. Only what it still lacks at
        resolution is paid.
      </p>
      <MissionEffect typeId={mission.typeId} direction={mission.direction} schedule={mission} burst={mission.burst} lead="This mission, if funded and launched when built: " testId={`fund-preview-${mission.id}`} />
      <CommitmentWarnings missionId={mission.id} amountMUsd={Number(text) || 0} />
    </div>
  );
}

/** Which seated actors are ready, so everyone sees whom the round waits for. */
function TableReadiness() {
  const actors = useDeflect((s) => s.view?.actors ?? null);
  const seatedIds = useDeflect((s) =>
    (s.view?.seats ?? [])
      .filter((seat) => seat.seat.startsWith('actor:') && seat.holders.length > 0)
      .map((seat) => seat.seat.slice('actor:'.length))
      .join(','),
  );
  if (!actors) return null;
  const seated = actors.filter((a) => seatedIds.split(',').includes(a.id));
  if (seated.length === 0) return null;
  return (
    <div className="readiness">
      <h3>Table readiness</h3>
      <ul className="readiness__list">
        {seated.map((a) => (
          <li key={a.id} className={a.ready ? 'readiness--ready' : 'readiness--waiting'}>
            <span aria-hidden="true">{a.ready ? '●' : '○'}</span> {a.name}: {a.ready ? 'ready' : 'not ready'}
          </li>
        ))}
      </ul>
    </div>
  );
}
