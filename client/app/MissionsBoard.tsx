import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { CommitmentWarnings } from './CommitmentWarnings.js';
import type { PushDirection } from '../../shared/engine/commands.js';
import { actorOfSeat } from '../../shared/engine/seats.js';
import type { BidState } from '../../shared/engine/state.js';
import type { MissionView, PlayerView, PublicActor } from '../../shared/engine/view.js';
import { directionName, formatMaybeDate, formatNumber, formatMUsd, formatPercent, inKindName, missionKindName, missionStatusName } from './format.js';
import { acceptBid, authoriseMission, bidForContract, contributeInKind, launchMission, proposeMission, type InKindContribution } from './intents.js';
import { optimumStandoffM, type MissionSchedule } from '../../shared/engine/mission-effect.js';
import { describeEffect, previewEffect, type BurstChoice, type PreviewContext } from './preview.js';
import { selectEncounterPlayed, useDeflect } from './useDeflect.js';
import { anchorId } from './anchors.js';
import { describePush } from './missionPush.js';
import { burstOptions, readBurst } from './burstChoice.js';
import { useEncounterPlace } from './WorldMap.js';
import { useConfirm } from './Confirm.js';
import { launchQuestion } from './confirmWords.js';
import { bidProblem, proposeInstead } from './formRefusals.js';

const NO_MISSIONS: MissionView[] = [];
const NO_ACTORS: PublicActor[] = [];
const NO_TYPES: PlayerView['missionTypes'] = [];
const NO_POINTS: PlayerView['riskCorridor']['points'] = [];
const NO_BIDS: BidState[] = [];
const IN_KIND_OFFERS: { contribution: InKindContribution; label: string }[] = [
  { contribution: 'ground-station', label: 'Offer a ground station' },
  { contribution: 'science', label: 'Offer science' },
];
const BID_STATUS_NAMES: Record<BidState['status'], string> = { open: 'open', accepted: 'accepted', superseded: 'superseded' };
const NUCLEAR_WARNING =
  'Needs UN authorisation: without it, unlawful under most readings (OST art. IV, PTBT) and costly in trust.';

/** The public facts a mission preview is computed from, or null before the view has arrived. */
function usePreviewContext(): PreviewContext | null {
  const scenarioDate = useDeflect((s) => s.view?.exercise.scenarioDate ?? null);
  const potentialImpactDate = useDeflect((s) => s.view?.exercise.potentialImpactDate ?? null);
  const asteroid = useDeflect((s) => s.view?.asteroid ?? null);
  const latest = useDeflect((s) => s.view?.estimates.at(-1) ?? null);
  return useMemo(
    () =>
      scenarioDate === null || potentialImpactDate === null || asteroid === null
        ? null
        : { scenarioDate, potentialImpactDate, asteroid, estimate: latest && { meanKm: latest.meanKm, sigmaKm: latest.sigmaKm } },
    [scenarioDate, potentialImpactDate, asteroid, latest],
  );
}

/**
 * What a mission of this type would do if it flew as early as its schedule allows: Δv with its
 * band, the shift at the encounter and where that leaves the predicted point (see `preview.ts`).
 */
export function MissionEffect({
  typeId,
  direction,
  schedule,
  burst,
  lead,
  testId,
}: {
  typeId: string;
  direction: PushDirection;
  schedule: MissionSchedule;
  /** A nuclear stand-off's yield and burst height, as chosen (absent: the catalogue's nominal yield at the optimum height). */
  burst?: BurstChoice | null;
  /** Opening words: "If funded, ". */
  lead: string;
  testId: string;
}) {
  const spec = useDeflect((s) => s.view?.missionTypes.find((t) => t.id === typeId)?.spec ?? null);
  const corridor = useDeflect((s) => s.view?.riskCorridor.points ?? NO_POINTS);
  const context = usePreviewContext();
  const placeOf = useEncounterPlace();
  if (spec === null || context === null) return null;
  const preview = previewEffect(spec, direction, schedule, context, burst ?? {});
  if (preview === null) return null;
  const text = describeEffect(preview, directionName(direction, corridor), placeOf);
  return (
    <div className="effect-preview" data-testid={testId} data-clears={preview.clearsCaptureRadius ?? undefined} data-too-late={preview.shiftKm === null}>
      <p className="effect-preview__headline" data-testid={`${testId}-headline`}>
        {lead}
        {text.headline}
      </p>
      <p className="effect-preview__push">{text.push}</p>
      {text.verdict && <p className="effect-preview__verdict">{text.verdict}</p>}
      {text.warning && <p className="field-help field-help--warn">{text.warning}</p>}
    </div>
  );
}

const PREVIEWED_STATUSES: ReadonlySet<MissionView['status']> = new Set(['proposed', 'building', 'ready', 'launch-ordered', 'in-flight']);
const BEFORE_LAUNCH: ReadonlySet<MissionView['status']> = new Set(['proposed', 'building', 'ready']);

function useActorNames(): Map<string, string> {
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  return new Map(actors.map((a) => [a.id, a.name]));
}

/** Every mission proposed so far, its funding and progress (public facts), with the propose form for actors. */
export function MissionsBoard() {
  const missions = useDeflect((s) => s.view?.missions ?? NO_MISSIONS);
  const isActor = useDeflect((s) => (s.view?.me ?? null) !== null);
  const encounterPlayed = useDeflect(selectEncounterPlayed);
  return (
    <section className="panel missions" aria-labelledby="missions-heading" data-testid="missions-board">
      <h2 id="missions-heading">Missions</h2>
      {missions.length === 0 ? (
        <p className="muted" data-testid="no-missions">
          No mission has been proposed yet.
        </p>
      ) : (
        <ul className="missions__list">
          {missions.map((m) => (
            <MissionCard key={m.id} mission={m} />
          ))}
        </ul>
      )}
      {isActor && !encounterPlayed && <ProposeMissionForm />}
    </section>
  );
}

function MissionCard({ mission: m }: { mission: MissionView }) {
  const names = useActorNames();
  const corridor = useDeflect((s) => s.view?.riskCorridor.points ?? NO_POINTS);
  const myActorId = useDeflect((s) => actorOfSeat(s.mySeat));
  const canLaunch = useDeflect((s) => launchMission.isEnabled(s, m.id));
  const canAuthorise = useDeflect((s) => authoriseMission.isEnabled(s, m.id));
  const launchFailure = useDeflect((s) => s.failures.LaunchMission?.message ?? null);
  const authoriseFailure = useDeflect((s) => s.failures.AuthoriseMission?.message ?? null);
  const { ask, dialog } = useConfirm();
  const launchErrorId = useId();
  const authoriseErrorId = useId();
  const nuclearAuthorised = useDeflect(
    (s) => s.view?.resolutions.some((r) => r.kind === 'authorise-nuclear' && r.missionId === m.id && r.status === 'adopted') ?? false,
  );
  const name = (id: string) => names.get(id) ?? id;
  const fundedShare = m.costMUsd > 0 ? Math.min(1, m.fundedMUsd / m.costMUsd) : 1;
  const contributions = Object.entries(m.contributions).filter(([, amount]) => amount > 0);
  // Buttons appear for the actor the decision belongs to (a public fact); whether they work comes from `legal` alone.
  // Once launched (or lost), the lead's and the authorising state's buttons have nothing left to do.
  const beforeLaunch = BEFORE_LAUNCH.has(m.status);
  const showLaunch = canLaunch || (beforeLaunch && myActorId !== null && m.lead === myActorId);
  const showAuthorise = canAuthorise || (beforeLaunch && myActorId !== null && m.authorisingActor === myActorId);
  return (
    <li className={`mission mission--${m.status}`} id={anchorId.mission(m.id)} data-testid={`mission-${m.id}`} data-status={m.status}>
      <div className="mission__head">
        <h3 className="mission__name">
          {m.name}
        </h3>
        <span className={`mission-status mission-status--${m.status}`} data-testid={`mission-status-${m.id}`}>
          <span className="mission-status__icon" aria-hidden="true" />
          {missionStatusName(m.status)}
        </span>
      </div>
      <p className="mission__kind">
        {missionKindName(m.kind)} · pushes {directionName(m.direction, corridor)}
      </p>
      <div className="funding">
        <div
          className="funding__bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={m.costMUsd}
          aria-valuenow={m.fundedMUsd}
          aria-label={`Funding of ${m.name}`}
        >
          <span className="funding__fill" style={{ width: `${(fundedShare * 100).toFixed(1)}%` }} />
        </div>
        <p className="funding__text" data-testid={`mission-funding-${m.id}`}>
          {formatMUsd(m.fundedMUsd)} of {formatMUsd(m.costMUsd)} funded
          {contributions.length > 0 && (
            <span className="funding__by"> — {contributions.map(([id, amount]) => `${name(id)} ${formatMUsd(amount)}`).join(', ')}</span>
          )}
        </p>
      </div>
      <dl className="mission__facts">
        <div>
          <dt>Lead</dt>
          <dd>{name(m.lead)}</dd>
        </div>
        <div>
          <dt>Provider</dt>
          <dd data-testid={`mission-provider-${m.id}`}>{name(m.provider)}</dd>
        </div>
        {m.authorisingActor !== null && (
          <div>
            <dt>Authorisation</dt>
            <dd data-testid={`mission-authorisation-${m.id}`}>
              {name(m.authorisingActor)}: {m.authorised === null ? 'not yet decided' : m.authorised ? 'granted' : 'refused'}
            </dd>
          </div>
        )}
        <div>
          <dt>Schedule</dt>
          <dd data-testid={`mission-schedule-${m.id}`}>
            build {m.buildMonths} mo, flight {m.flightMonths} mo
          </dd>
        </div>
        <div>
          <dt>Reliability</dt>
          <dd data-testid={`mission-reliability-${m.id}`}>{formatPercent(m.reliability)}</dd>
        </div>
        {m.kind === 'nuclear-standoff' && (
          <div>
            <dt>UN authorisation</dt>
            <dd data-testid={`mission-un-authorisation-${m.id}`}>{nuclearAuthorised ? 'granted by resolution' : 'not given'}</dd>
          </div>
        )}
        <div>
          <dt>Ready</dt>
          <dd>{formatMaybeDate(m.readyDate)}</dd>
        </div>
        <div>
          <dt>Launch</dt>
          <dd>{formatMaybeDate(m.launchDate)}</dd>
        </div>
        <div>
          <dt>Arrival</dt>
          <dd>{formatMaybeDate(m.arrivalDate)}</dd>
        </div>
        {describePush(m).map((fact) => (
          <div key={fact.testId}>
            <dt>{fact.label}</dt>
            <dd data-testid={`${fact.testId}-${m.id}`}>{fact.value}</dd>
          </div>
        ))}
      </dl>
      {PREVIEWED_STATUSES.has(m.status) && (
        <MissionEffect
          typeId={m.typeId}
          direction={m.direction}
          schedule={m}
          burst={m.burst}
          lead={m.status === 'in-flight' ? 'Expected: ' : 'If launched as soon as it can be: '}
          testId={`mission-preview-${m.id}`}
        />
      )}
      {m.inKind.length > 0 && (
        <p className="mission__in-kind" data-testid={`mission-inkind-${m.id}`}>
          <span className="mission__label">In kind:</span> {m.inKind.map((c) => `${name(c.actorId)} (${inKindName(c.contribution)})`).join(', ')}
        </p>
      )}
      {m.kind === 'nuclear-standoff' && !nuclearAuthorised && m.status !== 'arrived' && m.status !== 'failed' && (
        <p className="field-help field-help--warn">{NUCLEAR_WARNING}</p>
      )}
      <MissionBids mission={m} />
      {(showLaunch || showAuthorise) && (
        <div className="mission__actions">
          {showAuthorise && (
            <>
              {m.authorised !== null && (
                <p className="mission__decision" data-testid={`authorisation-decision-${m.id}`}>
                  {m.authorised ? 'You have authorised this mission; you may still withdraw it before launch.' : 'You have refused this mission; you may still authorise it before launch.'}
                </p>
              )}
              {/* Once decided, only the other choice is left: pressing the same one again would change nothing. */}
              <button
                type="button"
                className="button"
                data-testid={`authorise-${m.id}`}
                disabled={!canAuthorise || m.authorised === true}
                aria-describedby={showAuthorise && authoriseFailure ? authoriseErrorId : undefined}
                onClick={() => authoriseMission.perform(m.id, true)}
              >
                {m.authorised === false ? 'Authorise after all' : 'Authorise'}
              </button>
              <button
                type="button"
                className="button button--danger"
                data-testid={`refuse-${m.id}`}
                disabled={!canAuthorise || m.authorised === false}
                aria-describedby={showAuthorise && authoriseFailure ? authoriseErrorId : undefined}
                onClick={() => authoriseMission.perform(m.id, false)}
              >
                {m.authorised === true ? 'Withdraw authorisation' : 'Refuse'}
              </button>
            </>
          )}
          {showLaunch && (
            <button
              type="button"
              className="button button--primary"
              data-testid={`launch-${m.id}`}
              disabled={!canLaunch}
              aria-describedby={launchFailure ? launchErrorId : undefined}
              onClick={() => ask(launchQuestion(m.name), () => launchMission.perform(m.id))}
            >
              Launch
            </button>
          )}
        </div>
      )}
      {showLaunch && launchFailure && (
        <p className="field-error" role="alert" id={launchErrorId} data-testid={`launch-error-${m.id}`}>
          {launchFailure}
        </p>
      )}
      {showAuthorise && authoriseFailure && (
        <p className="field-error" role="alert" id={authoriseErrorId} data-testid={`authorise-error-${m.id}`}>
          {authoriseFailure}
        </p>
      )}
      {dialog}
    </li>
  );
}

/** The companies' bids for one mission (public, like a tender), the lead's choice among them, a company's own bid and gifts in kind. */
function MissionBids({ mission: m }: { mission: MissionView }) {
  const allBids = useDeflect((s) => s.view?.bids ?? NO_BIDS);
  const names = useActorNames();
  const myActorId = useDeflect((s) => actorOfSeat(s.mySeat));
  const iAmCompany = useDeflect((s) => s.view?.actors.find((a) => a.id === actorOfSeat(s.mySeat))?.kind === 'private-company');
  const mayBid = useDeflect((s) => s.legal.biddableMissions.includes(m.id));
  const mayGiveInKind = useDeflect((s) => s.legal.inKindMissions.includes(m.id));
  const [sentCommandId, setSentCommandId] = useState<string | null>(null);
  const failure = useDeflect((s) => {
    if (sentCommandId === null) return null;
    const f = [s.failures.AcceptBid, s.failures.ContributeInKind].find((x) => x?.commandId === sentCommandId);
    return f?.message ?? null;
  });
  const errorId = useId();
  const describedBy = failure ? errorId : undefined;
  const bids = allBids.filter((b) => b.missionId === m.id);
  const isLead = myActorId !== null && m.lead === myActorId;
  // A company sees the bid form while the mission is still being funded (a public fact); whether it works comes from `legal`.
  const showBidForm = mayBid || (iAmCompany && m.status === 'proposed' && m.provider !== myActorId);
  if (bids.length === 0 && !showBidForm && !mayGiveInKind) return null;
  return (
    <div className="mission__bids">
      {bids.length > 0 && (
        <>
          <h4 className="mission__subhead">Bids</h4>
          <ul className="bids" data-testid={`bids-${m.id}`}>
            {bids.map((b) => (
              <BidItem key={b.id} bid={b} companyName={names.get(b.company) ?? b.company} isLead={isLead} onSent={setSentCommandId} describedBy={describedBy} />
            ))}
          </ul>
        </>
      )}
      {showBidForm && <BidForm mission={m} />}
      {mayGiveInKind && <InKindOffers missionId={m.id} onSent={setSentCommandId} describedBy={describedBy} />}
      {failure && (
        <p className="field-error" role="alert" id={errorId} data-testid={`bids-error-${m.id}`}>
          {failure}
        </p>
      )}
    </div>
  );
}

function BidItem({
  bid: b,
  companyName,
  isLead,
  onSent,
  describedBy,
}: {
  bid: BidState;
  companyName: string;
  isLead: boolean;
  onSent: (commandId: string | null) => void;
  describedBy: string | undefined;
}) {
  const canAccept = useDeflect((s) => acceptBid.isEnabled(s, b.id));
  return (
    <li className={`bid bid--${b.status}`} id={anchorId.bid(b.id)} data-testid={`bid-${b.id}`} data-status={b.status}>
      <span className="bid__terms">
        <strong>{companyName}</strong>: {formatMUsd(b.priceMUsd)}, built in {b.buildMonths} mo, {formatPercent(b.reliability)} reliable
      </span>
      <span className={`bid-status bid-status--${b.status}`}>{BID_STATUS_NAMES[b.status]}</span>
      {isLead && b.status === 'open' && (
        <button
          type="button"
          className="button"
          data-testid={`accept-${b.id}`}
          disabled={!canAccept}
          aria-describedby={describedBy}
          onClick={() => onSent(acceptBid.perform(b.id) ?? null)}
        >
          Accept bid
        </button>
      )}
    </li>
  );
}

/** A company's offer for one mission: its price, how long it needs to build and how reliable it promises to be. */
function BidForm({ mission: m }: { mission: MissionView }) {
  const [price, setPrice] = useState(String(m.costMUsd));
  const [build, setBuild] = useState(String(m.buildMonths));
  const [reliabilityPercent, setReliabilityPercent] = useState(String(Math.round(m.reliability * 100)));
  const [sentCommandId, setSentCommandId] = useState<string | null>(null);
  // What was wrong with the entries when the company pressed Submit, said beside the button instead of sending nothing in silence.
  const [problem, setProblem] = useState<string | null>(null);
  const open = useDeflect((s) => bidForContract.isEnabled(s, m.id));
  const refusal = useDeflect((s) => (sentCommandId !== null && s.failures.BidForContract?.commandId === sentCommandId ? s.failures.BidForContract.message : null));
  const failure = problem ?? refusal;
  const priceId = useId();
  const buildId = useId();
  const reliabilityId = useId();
  const errorId = useId();
  const terms = {
    priceMUsd: Number(price),
    buildMonths: Number(build),
    reliability: Number(reliabilityPercent) / 100,
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!open) return;
    // Only the shape is checked here (the server's schema); whether the bid is acceptable is the server's to say.
    const wrong = bidProblem(price, build, reliabilityPercent);
    setProblem(wrong);
    if (wrong === null) setSentCommandId(bidForContract.perform(m.id, terms) ?? null);
  }

  return (
    // noValidate: our own sentence says what is wrong, beside the button, instead of the browser's passing bubble.
    <form className="bid-form" onSubmit={submit} noValidate aria-label={`Bid for ${m.name}`} data-testid={`bid-form-${m.id}`}>
      <h4 className="mission__subhead">Bid for this contract</h4>
      <div className="bid-form__fields">
        <div className="field">
          <label htmlFor={priceId}>Price (M USD)</label>
          <input id={priceId} type="number" min={0} step="any" data-testid={`bid-price-${m.id}`} value={price} disabled={!open} onChange={(e) => setPrice(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={buildId}>Build (months)</label>
          <input id={buildId} type="number" min={0} max={240} step={1} data-testid={`bid-build-${m.id}`} value={build} disabled={!open} onChange={(e) => setBuild(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={reliabilityId}>Reliability (%)</label>
          <input
            id={reliabilityId}
            type="number"
            min={0}
            max={100}
            step="any"
            data-testid={`bid-reliability-${m.id}`}
            value={reliabilityPercent}
            disabled={!open}
            onChange={(e) => setReliabilityPercent(e.target.value)}
          />
        </div>
      </div>
      <button type="submit" className="button button--primary" data-testid={`submit-bid-${m.id}`} disabled={!open} aria-describedby={failure ? errorId : undefined}>
        Submit bid
      </button>
      {failure && (
        <p className="field-error" role="alert" id={errorId} data-testid={`bid-error-${m.id}`}>
          {failure}
        </p>
      )}
    </form>
  );
}

/** Ground stations and science an actor may give a mission instead of money; each raises its reliability. */
function InKindOffers({ missionId, onSent, describedBy }: { missionId: string; onSent: (commandId: string | null) => void; describedBy: string | undefined }) {
  const canGroundStation = useDeflect((s) => contributeInKind.isEnabled(s, missionId, 'ground-station'));
  const canScience = useDeflect((s) => contributeInKind.isEnabled(s, missionId, 'science'));
  const enabled: Record<InKindContribution, boolean> = { 'ground-station': canGroundStation, science: canScience };
  return (
    <div className="mission__actions" role="group" aria-label="Contributions in kind">
      {IN_KIND_OFFERS.map(({ contribution, label }) => (
        <button
          key={contribution}
          type="button"
          className="button"
          data-testid={`inkind-${contribution}-${missionId}`}
          disabled={!enabled[contribution]}
          aria-describedby={describedBy}
          onClick={() => onSent(contributeInKind.perform(missionId, contribution) ?? null)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** Proposes a mission from the scenario's public catalogue; enabled only when the server lists it as legal. */
function ProposeMissionForm() {
  const missionTypes = useDeflect((s) => s.view?.missionTypes ?? NO_TYPES);
  const providers = useDeflect((s) => s.legal.missionProviders);
  const corridor = useDeflect((s) => s.view?.riskCorridor.points ?? NO_POINTS);
  const myActorId = useDeflect((s) => actorOfSeat(s.mySeat));
  const iAmCompany = useDeflect((s) => s.view?.actors.find((a) => a.id === actorOfSeat(s.mySeat))?.kind === 'private-company');
  const names = useActorNames();
  const [typeId, setTypeId] = useState('');
  const [direction, setDirection] = useState<PushDirection>('toward-end');
  const [providerId, setProviderId] = useState('');
  const [burstTexts, setBurstTexts] = useState({ typeId: '', yieldText: '', standoffText: '' });
  const asteroid = useDeflect((s) => s.view?.asteroid ?? null);
  const spec = missionTypes.find((t) => t.id === typeId)?.spec ?? null;
  const options = burstOptions(spec);
  // A new mission type starts from its nominal yield at the optimum height.
  const texts = burstTexts.typeId === typeId ? burstTexts : { typeId, yieldText: options?.yieldKt ? String(options.yieldKt.nominal) : '', standoffText: '' };
  const burst = readBurst(options, texts.yieldText, texts.standoffText);
  const canPropose = useDeflect((s) => proposeMission.isEnabled(s, typeId, providerId)) && burst !== null;
  const open = useDeflect((s) => s.legal.commands.includes('ProposeMission'));
  const failure = useDeflect((s) => s.failures.ProposeMission?.message ?? null);
  const myKind = useDeflect((s) => s.view?.actors.find((a) => a.id === actorOfSeat(s.mySeat))?.kind ?? null);
  const errorId = useId();
  const kinds = [...new Set(missionTypes.map((t) => t.kind))];
  const selectedKind = missionTypes.find((t) => t.id === typeId)?.kind ?? null;
  const typeFieldId = useId();
  const directionFieldId = useId();
  const providerFieldId = useId();
  const yieldFieldId = useId();
  const standoffFieldId = useId();

  // Keep the selections among the options the catalogue and the server offer.
  useEffect(() => {
    if (!missionTypes.some((t) => t.id === typeId) && missionTypes[0]) setTypeId(missionTypes[0].id);
  }, [missionTypes, typeId]);
  useEffect(() => {
    if (!providers.includes(providerId) && providers[0]) setProviderId(providers[0]);
  }, [providers, providerId]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (canPropose && burst !== null) proposeMission.perform(typeId, direction, providerId, burst);
  }

  // An actor whose kind can never propose is told what it can do instead, not shown a form that stays shut.
  const instead = proposeInstead(myKind);
  if (instead !== null) {
    return (
      <div className="propose" data-testid="propose-form">
        <h3 id="propose-heading">Propose a mission</h3>
        <p className="field-help" data-testid="propose-closed">
          {instead}
        </p>
      </div>
    );
  }

  return (
    <form className="propose" onSubmit={submit} aria-labelledby="propose-heading" data-testid="propose-form">
      <h3 id="propose-heading">Propose a mission</h3>
      {!open && (
        <p className="field-help" data-testid="propose-closed">
          Not open to you now: space-faring states and space companies propose missions in the deliberation and orders phases.
        </p>
      )}
      <div className="propose__fields">
        <div className="field">
          <label htmlFor={typeFieldId}>Mission type</label>
          <select id={typeFieldId} data-testid="propose-type" value={typeId} disabled={!open} onChange={(e) => setTypeId(e.target.value)}>
            {kinds.map((kind) => (
              <optgroup key={kind} label={missionKindName(kind)}>
                {missionTypes
                  .filter((t) => t.kind === kind)
                  .map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name} — {formatMUsd(t.costMUsd)}, build {t.buildMonths} mo, flight {t.flightMonths} mo, {Math.round(t.reliability * 100)}% reliable
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          {selectedKind === 'nuclear-standoff' && (
            <p className="field-help field-help--warn" data-testid="nuclear-warning">
              {NUCLEAR_WARNING}
            </p>
          )}
          {selectedKind === 'gravity-tractor' && (
            <p className="field-help" data-testid="tractor-help">
              Tows the body gently for months after arrival: a small, predictable push that needs a long lead time.
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={directionFieldId}>Push the impact point</label>
          <select
            id={directionFieldId}
            data-testid="propose-direction"
            value={direction}
            disabled={!open}
            onChange={(e) => setDirection(e.target.value as PushDirection)}
          >
            <option value="toward-start">{directionName('toward-start', corridor)} (start of the corridor)</option>
            <option value="toward-end">{directionName('toward-end', corridor)} (end of the corridor)</option>
          </select>
          {open && <CommitmentWarnings direction={direction} />}
        </div>
        <div className="field">
          <label htmlFor={providerFieldId}>Built and launched by</label>
          <select id={providerFieldId} data-testid="propose-provider" value={providerId} disabled={!open} onChange={(e) => setProviderId(e.target.value)}>
            {providers.length === 0 && <option value="">No provider available</option>}
            {providers.map((id) => (
              <option key={id} value={id}>
                {names.get(id) ?? id}
                {id === myActorId ? (iAmCompany ? ' (your company)' : ' (your own agency)') : ''}
              </option>
            ))}
          </select>
        </div>
        {options?.yieldKt && (
          <div className="field">
            <label htmlFor={yieldFieldId}>Yield of each device (kt)</label>
            <input
              id={yieldFieldId}
              type="number"
              min={options.yieldKt.min}
              max={options.yieldKt.max}
              step="any"
              inputMode="decimal"
              data-testid="propose-yield"
              value={texts.yieldText}
              disabled={!open}
              aria-invalid={burst === null || undefined}
              onChange={(e) => setBurstTexts({ ...texts, yieldText: e.target.value })}
            />
            <p className="field-help">
              From {formatNumber(options.yieldKt.min)} to {formatNumber(options.yieldKt.max)} kt; {formatNumber(options.yieldKt.nominal)} kt if left empty. A larger
              yield pushes harder and is likelier to break the body up.
            </p>
          </div>
        )}
        {options?.standoffM && (
          <div className="field">
            <label htmlFor={standoffFieldId}>Burst height above the surface (m)</label>
            <input
              id={standoffFieldId}
              type="number"
              min={options.standoffM.min}
              max={options.standoffM.max}
              step="any"
              inputMode="decimal"
              placeholder="optimum"
              data-testid="propose-standoff"
              value={texts.standoffText}
              disabled={!open}
              aria-invalid={burst === null || undefined}
              onChange={(e) => setBurstTexts({ ...texts, standoffText: e.target.value })}
            />
            <p className="field-help">
              From {formatNumber(options.standoffM.min)} to {formatNumber(options.standoffM.max)} m; empty, the optimum
              {asteroid && <> (about {formatNumber(optimumStandoffM((asteroid.diameterMinM + asteroid.diameterMaxM) / 2))} m for a body of the mid-range size)</>}.
              Closer loads the body harder; the push peaks at the optimum.
            </p>
          </div>
        )}
      </div>
      {typeId !== '' && (
        <MissionEffect
          typeId={typeId}
          direction={direction}
          schedule={proposedSchedule(missionTypes.find((t) => t.id === typeId))}
          burst={burst}
          lead="Expected, if funded now and launched when built: "
          testId="propose-preview"
        />
      )}
      <button type="submit" className="button button--primary" data-testid="propose-mission" disabled={!canPropose} aria-describedby={failure ? errorId : undefined}>
        Propose mission
      </button>
      {failure && (
        <p className="field-error" role="alert" id={errorId} data-testid="propose-error">
          {failure}
        </p>
      )}
    </form>
  );
}

/** A mission not yet proposed: built from now, then flown. */
function proposedSchedule(type: { buildMonths: number; flightMonths: number } | undefined): MissionSchedule {
  return { readyDate: null, arrivalDate: null, buildMonths: type?.buildMonths ?? 0, flightMonths: type?.flightMonths ?? 0 };
}
