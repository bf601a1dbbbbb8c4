import type { AgreementState, BidState, ResolutionState } from '../../shared/engine/state.js';
import type { MissionView } from '../../shared/engine/view.js';
import { actorOfSeat } from '../../shared/engine/seats.js';
import { anchorId } from './anchors.js';
import { DelegationAnswerFailure, DelegationRequestItem, useAnswerableDelegationRequests } from './DelegationRequests.js';
import { agreementKindName, injectChannelName, resolutionKindName } from './format.js';
import { requestOpenNotice, useNotices } from './notices.js';
import { useActorNames } from './useActorNames.js';
import { selectEncounterPlayed, useDeflect } from './useDeflect.js';

// The one place a first-time participant can look to know what the table expects of them
// now: every item comes from the server's legal commands, so it lists exactly what they can
// do, with a link to the control that does it.

const NO_AGREEMENTS: AgreementState[] = [];
const NO_RESOLUTIONS: ResolutionState[] = [];
const NO_MISSIONS: MissionView[] = [];
const NO_BIDS: BidState[] = [];

/** What each phase is for, in one sentence. */
const PHASE_HINTS: Record<string, string> = {
  lobby: 'The exercise has not started: read your briefing while the facilitator gathers the table.',
  briefing: 'Briefing: read the news and your briefings; the facilitator opens the talks next.',
  deliberation: 'Deliberation: talk in public or in private, propose missions and agreements, vote at the UN. Orders come next.',
  orders: 'Orders: spend on observation and missions in secret, submit, then mark yourself ready.',
  resolution: 'Resolution: read what the round brought; the facilitator starts the next one.',
  ended: 'The exercise has ended: read the outcome and who answers for it.',
};
/** The last resolution is not like the others: no round follows it. */
const ENCOUNTER_HINT =
  'The asteroid has arrived: read the outcome, who answers for the damage and the scores above. Talk goes on; the facilitator closes the exercise.';

interface Task {
  key: string;
  text: string;
  /** The id of the element that does it, or what pressing the task's button does. */
  target: string | { onPress(): void };
  action: string;
}

/** "Waiting for you": the answers, votes and decisions the table expects from this actor now, and what the phase is for. */
export function WaitingForYou() {
  const name = useActorNames();
  const myActorId = useDeflect((s) => actorOfSeat(s.mySeat));
  const phase = useDeflect((s) => s.view?.exercise.phase ?? 'lobby');
  const paused = useDeflect((s) => s.view?.paused ?? false);
  const ready = useDeflect((s) => s.view?.me?.ready ?? false);
  const legal = useDeflect((s) => s.legal);
  const agreements = useDeflect((s) => s.view?.agreements ?? NO_AGREEMENTS);
  const resolutions = useDeflect((s) => s.view?.resolutions ?? NO_RESOLUTIONS);
  const missions = useDeflect((s) => s.view?.missions ?? NO_MISSIONS);
  const bids = useDeflect((s) => s.view?.bids ?? NO_BIDS);
  const encounterPlayed = useDeflect(selectEncounterPlayed);
  const delegationRequests = useAnswerableDelegationRequests();
  const missionName = (id: string | null) => (id === null ? null : (missions.find((m) => m.id === id)?.name ?? id));
  const { unread } = useNotices();

  const tasks: Task[] = [];
  // A note sent to this actor, not to the whole table, expects an answer: reading it comes first.
  for (const item of unread) {
    if (!item.addressedToMe) continue;
    const what = item.channel === 'intelligence' ? 'intelligence report' : item.channel === 'official' ? 'official note' : `${injectChannelName(item.channel).toLowerCase()} item`;
    tasks.push({ key: item.key.replace(':', '-'), text: `Read the ${what} from ${item.persona ?? 'the control cell'}: ${item.headline}`, target: { onPress: () => requestOpenNotice(item.key) }, action: 'Read' });
  }
  for (const id of legal.respondableAgreements) {
    const a = agreements.find((x) => x.id === id);
    if (!a) continue;
    tasks.push({ key: `agreement-${id}`, text: `${name(a.proposer)} proposes ${agreementKindName(a.kind).toLowerCase()}${a.missionId ? ` for ${missionName(a.missionId)}` : ''}.`, target: anchorId.agreement(id), action: 'Answer' });
  }
  for (const id of legal.votableResolutions) {
    const r = resolutions.find((x) => x.id === id);
    if (!r || (myActorId !== null && r.votes[myActorId] !== undefined)) continue;
    const about = missionName(r.missionId);
    tasks.push({ key: `resolution-${id}`, text: `The UN votes on: ${resolutionKindName(r.kind)}${about ? ` (${about})` : ''}.`, target: anchorId.resolution(id), action: 'Vote' });
  }
  for (const id of legal.acceptableBids) {
    const b = bids.find((x) => x.id === id);
    if (!b) continue;
    tasks.push({ key: `bid-${id}`, text: `${name(b.company)} offers to build ${missionName(b.missionId)}.`, target: anchorId.bid(id), action: 'Hire or not' });
  }
  for (const id of legal.authorisableMissions) {
    const m = missions.find((x) => x.id === id);
    if (!m || m.authorised !== null) continue;
    tasks.push({ key: `authorise-${id}`, text: `${m.name} needs your authorisation (Outer Space Treaty art. VI).`, target: anchorId.mission(id), action: 'Decide' });
  }
  for (const id of legal.launchableMissions) {
    tasks.push({ key: `launch-${id}`, text: `${missionName(id)} is ready to launch.`, target: anchorId.mission(id), action: 'Launch' });
  }
  if (legal.commands.includes('FileClaim')) {
    tasks.push({ key: 'claim', text: 'The findings name you as claimant for the damage: you may present a claim.', target: anchorId.claim, action: 'Claim' });
  }
  if (phase === 'orders' && !ready && (legal.commands.includes('SubmitOrders') || legal.commands.includes('SetReady'))) {
    tasks.push({ key: 'orders', text: 'Give your orders for this round and mark yourself ready.', target: anchorId.orders, action: 'Orders' });
  }

  const count = tasks.length + delegationRequests.length;
  return (
    <section className="panel waiting" aria-labelledby="waiting-heading" data-testid="waiting-for-you" data-count={count}>
      <h2 id="waiting-heading">
        Waiting for you
        {count > 0 && (
          <span className="waiting__count" data-testid="waiting-count">
            {' '}
            ({count})
          </span>
        )}
      </h2>
      <p className="waiting__hint" data-testid="phase-hint">
        {paused
          ? 'Paused: messages still go through; everything else waits.'
          : encounterPlayed && phase === 'resolution'
            ? ENCOUNTER_HINT
            : (PHASE_HINTS[phase] ?? '')}
      </p>
      {delegationRequests.length > 0 && (
        <ul className="waiting__list" aria-label="Asking to join your delegation">
          {delegationRequests.map((r) => (
            <DelegationRequestItem key={r.id} request={r} showActor={false} />
          ))}
        </ul>
      )}
      <DelegationAnswerFailure />
      {tasks.length === 0 && delegationRequests.length === 0 && (
        <p className="muted" data-testid="nothing-waiting">
          Nothing needs your answer right now.
        </p>
      )}
      {tasks.length > 0 && (
        <ul className="waiting__list">
          {tasks.map((t) => (
            <li key={t.key} className="waiting__item" data-testid={`task-${t.key}`}>
              <span>{t.text}</span>
              {typeof t.target === 'string' ? (
                <a className="button button--small" href={`#${t.target}`}>
                  {t.action}
                </a>
              ) : (
                <button type="button" className="button button--small" onClick={t.target.onPress}>
                  {t.action}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
