import { useEffect, useId, useState, type FormEvent } from 'react';
import type { PushDirection } from '../../shared/engine/commands.js';
import { actorOfSeat } from '../../shared/engine/seats.js';
import type { MissionView, PlayerView, PublicActor } from '../../shared/engine/view.js';
import { directionName, formatDeltaV, formatKm, formatMaybeDate, formatMUsd, missionKindName, missionStatusName } from './format.js';
import { authoriseMission, launchMission, proposeMission } from './intents.js';
import { useDeflect } from './useDeflect.js';

const NO_MISSIONS: MissionView[] = [];
const NO_ACTORS: PublicActor[] = [];
const NO_TYPES: PlayerView['missionTypes'] = [];
const NO_POINTS: PlayerView['riskCorridor']['points'] = [];

function useActorNames(): Map<string, string> {
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  return new Map(actors.map((a) => [a.id, a.name]));
}

/** Every mission proposed so far, its funding and progress (public facts), with the propose form for actors. */
export function MissionsBoard() {
  const missions = useDeflect((s) => s.view?.missions ?? NO_MISSIONS);
  const isActor = useDeflect((s) => (s.view?.me ?? null) !== null);
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
      {isActor && <ProposeMissionForm />}
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
  const name = (id: string) => names.get(id) ?? id;
  const fundedShare = m.costMUsd > 0 ? Math.min(1, m.fundedMUsd / m.costMUsd) : 1;
  const contributions = Object.entries(m.contributions).filter(([, amount]) => amount > 0);
  // Buttons appear for the actor the decision belongs to (a public fact); whether they work comes from `legal` alone.
  const showLaunch = canLaunch || (myActorId !== null && m.lead === myActorId);
  const showAuthorise = canAuthorise || (myActorId !== null && m.authorisingActor === myActorId);
  return (
    <li className={`mission mission--${m.status}`} data-testid={`mission-${m.id}`} data-status={m.status}>
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
          <dd>{name(m.provider)}</dd>
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
        {m.status === 'arrived' && m.deltaVMmPerS !== null && (
          <div>
            <dt>Δv imparted</dt>
            <dd>{formatDeltaV(m.deltaVMmPerS)}</dd>
          </div>
        )}
        {m.status === 'arrived' && m.shiftKm !== null && (
          <div>
            <dt>Shift at encounter</dt>
            <dd>{formatKm(Math.abs(m.shiftKm))}</dd>
          </div>
        )}
      </dl>
      {(showLaunch || showAuthorise) && (
        <div className="mission__actions">
          {showAuthorise && (
            <>
              <button type="button" className="button" data-testid={`authorise-${m.id}`} disabled={!canAuthorise} onClick={() => authoriseMission.perform(m.id, true)}>
                Authorise
              </button>
              <button
                type="button"
                className="button button--danger"
                data-testid={`refuse-${m.id}`}
                disabled={!canAuthorise}
                onClick={() => authoriseMission.perform(m.id, false)}
              >
                Refuse
              </button>
            </>
          )}
          {showLaunch && (
            <button type="button" className="button button--primary" data-testid={`launch-${m.id}`} disabled={!canLaunch} onClick={() => launchMission.perform(m.id)}>
              Launch
            </button>
          )}
        </div>
      )}
      {showLaunch && launchFailure && (
        <p className="field-error" role="alert">
          {launchFailure}
        </p>
      )}
      {showAuthorise && authoriseFailure && (
        <p className="field-error" role="alert">
          {authoriseFailure}
        </p>
      )}
    </li>
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
  const canPropose = useDeflect((s) => proposeMission.isEnabled(s, typeId, providerId));
  const open = useDeflect((s) => s.legal.commands.includes('ProposeMission'));
  const failure = useDeflect((s) => s.failures.ProposeMission?.message ?? null);
  const typeFieldId = useId();
  const directionFieldId = useId();
  const providerFieldId = useId();

  // Keep the selections among the options the catalogue and the server offer.
  useEffect(() => {
    if (!missionTypes.some((t) => t.id === typeId) && missionTypes[0]) setTypeId(missionTypes[0].id);
  }, [missionTypes, typeId]);
  useEffect(() => {
    if (!providers.includes(providerId) && providers[0]) setProviderId(providers[0]);
  }, [providers, providerId]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (canPropose) proposeMission.perform(typeId, direction, providerId);
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
            {missionTypes.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} — {formatMUsd(t.costMUsd)}, build {t.buildMonths} mo, flight {t.flightMonths} mo, {Math.round(t.reliability * 100)}% reliable
              </option>
            ))}
          </select>
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
      </div>
      <button type="submit" className="button button--primary" data-testid="propose-mission" disabled={!canPropose}>
        Propose mission
      </button>
      {failure && (
        <p className="field-error" role="alert" data-testid="propose-error">
          {failure}
        </p>
      )}
    </form>
  );
}
