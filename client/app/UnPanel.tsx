import { useEffect, useId, useState, type FormEvent } from 'react';
import { actorOfSeat } from '../../shared/engine/seats.js';
import type { ResolutionState } from '../../shared/engine/state.js';
import type { MissionView } from '../../shared/engine/view.js';
import { resolutionKindName, resolutionStatusName, votingRuleName } from './format.js';
import { castVote, conveneSmpag, proposeResolution } from './intents.js';
import { useActorNames } from './useActorNames.js';
import { useDeflect } from './useDeflect.js';
import { anchorId } from './anchors.js';

const NO_RESOLUTIONS: ResolutionState[] = [];
const NO_MISSIONS: MissionView[] = [];
const KINDS: ResolutionState['kind'][] = ['endorse-mission', 'mandate-mission', 'authorise-nuclear', 'create-common-fund'];
const VOTES = [
  { vote: 'yes', label: 'Yes' },
  { vote: 'no', label: 'No' },
  { vote: 'abstain', label: 'Abstain' },
] as const;
const VOTE_WORDS: Record<string, string> = { yes: 'yes', no: 'no', abstain: 'abstains' };

/** Resolutions of a kind that is about one mission name it; a common fund is about none. */
const namesMission = (kind: ResolutionState['kind']) => kind !== 'create-common-fund';

type ActorRole = 'un-body' | 'state' | 'other' | 'none';

/** The United Nations: resolutions with their tallies, votes for states, and the UN body's own moves. */
export function UnPanel() {
  const resolutions = useDeflect((s) => s.view?.resolutions ?? NO_RESOLUTIONS);
  const votingRule = useDeflect((s) => s.view?.votingRule ?? null);
  const smpagConvened = useDeflect((s) => s.view?.smpagConvened ?? false);
  const role = useDeflect((s): ActorRole => {
    const kind = s.view?.actors.find((a) => a.id === actorOfSeat(s.mySeat))?.kind;
    if (kind === undefined) return 'none';
    if (kind === 'un-body') return 'un-body';
    return kind === 'space-faring-state' || kind === 'non-space-faring-state' ? 'state' : 'other';
  });
  return (
    <section className="panel un" aria-labelledby="un-heading" data-testid="un-panel">
      <h2 id="un-heading">United Nations</h2>
      <p className="field-help">
        The UN body puts resolutions to the vote; states vote until the round resolves, when the votes are counted.
      </p>
      <dl className="facts facts--un">
        <div className="facts__item">
          <dt>Voting rule</dt>
          <dd data-testid="voting-rule">{votingRule === null ? '—' : votingRuleName(votingRule)}</dd>
        </div>
        <div className="facts__item">
          <dt>SMPAG</dt>
          <dd data-testid="smpag-status" data-convened={smpagConvened}>
            {smpagConvened ? 'Has met and published the mission options' : 'Has not met'}
          </dd>
        </div>
      </dl>
      {resolutions.length === 0 ? (
        <p className="muted" data-testid="no-resolutions">
          No resolution has been put to the vote yet.
        </p>
      ) : (
        <ul className="resolutions">
          {[...resolutions].reverse().map((r) => (
            <ResolutionItem key={r.id} resolution={r} isState={role === 'state'} />
          ))}
        </ul>
      )}
      {role === 'un-body' && <UnBodyControls />}
    </section>
  );
}

function ResolutionItem({ resolution: r, isState }: { resolution: ResolutionState; isState: boolean }) {
  const name = useActorNames();
  const missionName = useDeflect((s) => (r.missionId === null ? null : (s.view?.missions.find((m) => m.id === r.missionId)?.name ?? r.missionId)));
  const myActorId = useDeflect((s) => actorOfSeat(s.mySeat));
  const canVote = useDeflect((s) => castVote.isEnabled(s, r.id));
  const [sentCommandId, setSentCommandId] = useState<string | null>(null);
  const failure = useDeflect((s) => (sentCommandId !== null && s.failures.CastVote?.commandId === sentCommandId ? s.failures.CastVote.message : null));
  const votes = Object.entries(r.votes);
  const tally = (v: string) => votes.filter(([, vote]) => vote === v).length;
  const myVote = myActorId === null ? undefined : r.votes[myActorId];
  return (
    <li className={`resolution resolution--${r.status}`} id={anchorId.resolution(r.id)} data-testid={`resolution-${r.id}`} data-status={r.status}>
      <div className="agreement__head">
        <h3 className="resolution__title">
          {resolutionKindName(r.kind)}
          {missionName !== null && <span className="resolution__mission">: {missionName}</span>}
        </h3>
        <span className={`resolution-status resolution-status--${r.status}`} data-testid={`resolution-status-${r.id}`}>
          {resolutionStatusName(r.status)}
        </span>
      </div>
      <p className="resolution__tally" data-testid={`resolution-tally-${r.id}`}>
        <span className="tally tally--yes">Yes {tally('yes')}</span>
        <span className="tally tally--no">No {tally('no')}</span>
        <span className="tally tally--abstain">Abstain {tally('abstain')}</span>
        <span className="muted">· put in round {r.proposedRound}</span>
      </p>
      {votes.length > 0 && (
        <p className="field-help">
          {votes.map(([id, vote]) => `${name(id)} ${VOTE_WORDS[vote] ?? vote}`).join('; ')}
        </p>
      )}
      {isState && r.status === 'open' && (
        <div className="resolution__vote" role="group" aria-label={`Your vote on ${resolutionKindName(r.kind)}`}>
          {VOTES.map(({ vote, label }) => (
            <button
              key={vote}
              type="button"
              className={`button${myVote === vote ? ' button--chosen' : ''}`}
              data-testid={`vote-${r.id}-${vote}`}
              aria-pressed={myVote === vote}
              disabled={!canVote}
              onClick={() => setSentCommandId(castVote.perform(r.id, vote) ?? null)}
            >
              {label}
            </button>
          ))}
          <span className="field-help">{myVote ? `You voted ${myVote}; you may change your vote until the round resolves.` : 'You have not voted.'}</span>
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

/** What only the UN body does: put resolutions to the vote and convene SMPAG. */
function UnBodyControls() {
  const missions = useDeflect((s) => s.view?.missions ?? NO_MISSIONS);
  const [kind, setKind] = useState<ResolutionState['kind']>('endorse-mission');
  const [missionId, setMissionId] = useState('');
  const canPropose = useDeflect((s) => proposeResolution.isEnabled(s));
  const canConvene = useDeflect((s) => conveneSmpag.isEnabled(s));
  const proposeFailure = useDeflect((s) => s.failures.ProposeResolution?.message ?? null);
  const smpagFailure = useDeflect((s) => s.failures.ConveneSmpag?.message ?? null);
  const kindId = useId();
  const missionFieldId = useId();

  useEffect(() => {
    if (!missions.some((m) => m.id === missionId) && missions[0]) setMissionId(missions[0].id);
  }, [missions, missionId]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (canPropose) proposeResolution.perform(kind, namesMission(kind) && missionId !== '' ? missionId : null);
  }

  return (
    <>
      <form className="propose" onSubmit={submit} aria-labelledby="propose-resolution-heading" data-testid="propose-resolution-form">
        <h3 id="propose-resolution-heading">Put a resolution to the vote</h3>
        <div className="propose__fields propose__fields--two">
          <div className="field">
            <label htmlFor={kindId}>Resolution</label>
            <select id={kindId} data-testid="resolution-kind" value={kind} disabled={!canPropose} onChange={(e) => setKind(e.target.value as ResolutionState['kind'])}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {resolutionKindName(k)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={missionFieldId}>Mission</label>
            <select
              id={missionFieldId}
              data-testid="resolution-mission"
              value={namesMission(kind) ? missionId : ''}
              disabled={!canPropose || !namesMission(kind)}
              onChange={(e) => setMissionId(e.target.value)}
            >
              {(!namesMission(kind) || missions.length === 0) && <option value="">{namesMission(kind) ? 'No mission proposed yet' : 'Not about a mission'}</option>}
              {namesMission(kind) &&
                missions.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
            </select>
          </div>
        </div>
        <button type="submit" className="button button--primary" data-testid="propose-resolution" disabled={!canPropose}>
          Put to the vote
        </button>
        {proposeFailure && (
          <p className="field-error" role="alert">
            {proposeFailure}
          </p>
        )}
      </form>
      <div className="action">
        <h3>SMPAG</h3>
        <p className="field-help">
          The Space Mission Planning Advisory Group studies the mission options once the body is over 50 m and the impact probability over 1%, and
          publishes them in the news.
        </p>
        <button type="button" className="button" data-testid="convene-smpag" disabled={!canConvene} onClick={() => conveneSmpag.perform()}>
          Convene SMPAG
        </button>
        {smpagFailure && (
          <p className="field-error" role="alert">
            {smpagFailure}
          </p>
        )}
      </div>
    </>
  );
}
