import { useId, useState, type FormEvent } from 'react';
import { useConfirm } from './Confirm.js';
import { endQuestion } from './confirmWords.js';
import { SeatsTable, TruthPanel } from './ControlPanels.js';
import { TableRecord } from './TableRecord.js';
import { AdHocInjectComposer, InjectTimeline, OverridePanel, PauseAndTimer, TalkQuotaControl, ViewAsPanel } from './ControlTools.js';
import { DelegationRequestsPanel } from './DelegationRequests.js';
import { advancePhaseLabel, phaseName } from './format.js';
import { advancePhase, endExercise } from './intents.js';
import { AllMessages } from './Messages.js';
import { NewsFeed } from './NewsFeed.js';
import { ObservationsList } from './Observations.js';
import { OutcomeBanner } from './OutcomeBanner.js';
import { ThreatPanel } from './ThreatPanel.js';
import { limitedFieldProps, TextLimit } from './TextLimit.js';
import { TEXT_LIMITS } from './textLimits.js';
import { useDeflect } from './useDeflect.js';
import { WorldMap } from './WorldMap.js';

/** The control cell's console: access details, phase control, the table's state and the hidden truth. */
export function FacilitatorConsole() {
  return (
    <div className="console" data-testid="facilitator-console">
      <OutcomeBanner />
      <div className="columns columns--three">
        <div className="column">
          <AccessPanel />
          <PhaseControl />
          <PauseAndTimer />
          <TalkQuotaControl />
          <TruthPanel />
        </div>
        <div className="column">
          <DelegationRequestsPanel />
          <SeatsTable movable />
          <ViewAsPanel />
          <ThreatPanel />
          <WorldMap variant="console" />
        </div>
        <div className="column">
          <AllMessages composer />
          <NewsFeed />
        </div>
      </div>
      <div className="columns columns--three">
        <div className="column">
          <InjectTimeline actions />
        </div>
        <div className="column">
          <AdHocInjectComposer />
          <OverridePanel />
        </div>
        <div className="column">
          <ObservationsList />
        </div>
      </div>
      <TableRecord />
    </div>
  );
}

/** The exercise's three keys, each with who it is for: whoever holds one can do what it says, so they are handed out with care. */
const KEYS = [
  {
    name: 'facilitatorKey',
    testId: 'facilitator-key',
    title: 'Facilitator key',
    use: 'Runs the exercise: whoever holds it can steer everything. Keep it for the control cell.',
  },
  {
    name: 'evaluatorKey',
    testId: 'evaluator-key',
    title: 'Evaluator key',
    use: 'Give it to evaluators: they join as Evaluator with it, see everything and take notes, but cannot steer.',
  },
  {
    name: 'debriefKey',
    testId: 'debrief-key',
    title: 'Debrief key',
    use: 'Read-only, for the debrief after play: it opens the record of the exercise and changes nothing.',
  },
] as const;

function AccessPanel() {
  const joinCode = useDeflect((s) => s.joinCode);
  const exerciseId = useDeflect((s) => s.exerciseId);
  const facilitatorKey = useDeflect((s) => s.facilitatorKey);
  const evaluatorKey = useDeflect((s) => s.evaluatorKey);
  const debriefKey = useDeflect((s) => s.debriefKey);
  const known = { facilitatorKey, evaluatorKey, debriefKey };
  const shown = KEYS.filter((k) => known[k.name] !== null);
  const [keysHidden, setKeysHidden] = useState(false);
  return (
    <section className="panel access" aria-labelledby="access-heading">
      <h2 id="access-heading">Let the table in</h2>
      <p className="muted">Participants open this page, choose “Join an exercise” and enter:</p>
      <p className="join-code" data-testid="join-code" aria-label={`Join code ${joinCode ?? ''}`}>
        {joinCode}
      </p>
      <p className="access__id">
        Exercise id <code data-testid="exercise-id">{exerciseId}</code>
      </p>
      {shown.length > 0 && (
        <div className="secret">
          <h3>
            <span className="secret__tag">Keep secret</span> Keys
          </h3>
          {keysHidden ? (
            <p className="muted">Hidden. They stay in this tab so a reload can rejoin as facilitator.</p>
          ) : (
            <dl className="access__keys">
              {shown.map((k) => (
                <div key={k.name} className="access__key">
                  <dt>{k.title}</dt>
                  <dd>
                    <p className="facilitator-key">
                      <code data-testid={k.testId}>{known[k.name]}</code>
                    </p>
                    <p className="field-help">{k.use}</p>
                    {k.name === 'debriefKey' && exerciseId !== null && debriefKey !== null && <DebriefLink exerciseId={exerciseId} debriefKey={debriefKey} />}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {!keysHidden && shown.length < KEYS.length && (
            <p className="field-help">The evaluator and debrief keys are shown in the tab that created the exercise.</p>
          )}
          <button type="button" className="button button--quiet" data-testid="toggle-facilitator-key" onClick={() => setKeysHidden((h) => !h)}>
            {keysHidden ? 'Show keys' : 'Hide keys'}
          </button>
        </div>
      )}
      <OpenDebriefStudio />
    </section>
  );
}

/** The studio's address for an exercise with a key in its fragment: the browser never sends a fragment to the server, so the key stays out of its logs. */
function debriefUrl(exerciseId: string, key: string): string {
  return `${globalThis.location.origin}/debrief/${encodeURIComponent(exerciseId)}#key=${encodeURIComponent(key)}`;
}

/** The debrief link to hand out, with a button that copies it. */
function DebriefLink({ exerciseId, debriefKey }: { exerciseId: string; debriefKey: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const url = debriefUrl(exerciseId, debriefKey);
  async function copy() {
    try {
      await globalThis.navigator.clipboard.writeText(url);
      setCopied('Copied.');
    } catch {
      setCopied('Could not copy: select the link and copy it.');
    }
  }
  return (
    <div className="debrief-link">
      <p className="facilitator-key">
        Debrief link: <code data-testid="debrief-link" style={{ wordBreak: 'break-all' }}>{url}</code>
      </p>
      <button type="button" className="button button--small" data-testid="copy-debrief-link" onClick={() => void copy()}>
        Copy the debrief link
      </button>{' '}
      <span className="muted" role="status" data-testid="copy-debrief-status">
        {copied}
      </span>
    </div>
  );
}

/** Once the exercise has ended, the way into its debrief studio (with the debrief key if this tab has it, else the facilitator key). */
function OpenDebriefStudio() {
  const ended = useDeflect((s) => s.view?.exercise.phase === 'ended');
  const exerciseId = useDeflect((s) => s.exerciseId);
  const key = useDeflect((s) => s.debriefKey ?? s.facilitatorKey);
  if (!ended || exerciseId === null || key === null) return null;
  return (
    <p className="open-debrief">
      <a className="button button--primary" href={debriefUrl(exerciseId, key)} target="_blank" rel="noopener" data-testid="open-debrief-studio">
        Open the debrief studio
      </a>
    </p>
  );
}

/**
 * Who the round is waiting for in the orders phase: each seated actor not yet ready, and
 * whether anyone in its seat is still connected — so the control cell knows whom to chase,
 * or to resolve without them.
 */
function WaitingFor() {
  const seats = useDeflect((s) => s.view?.seats ?? null);
  const actors = useDeflect((s) => s.view?.actors ?? null);
  const presence = useDeflect((s) => s.presence);
  if (!seats || !actors) return null;
  const waiting = actors.flatMap((a) => {
    const holders = seats.find((s) => s.seat === `actor:${a.id}`)?.holders ?? [];
    if (a.ready || holders.length === 0) return [];
    return [{ id: a.id, name: a.name, connected: holders.some((h) => presence[h.participantId] ?? false) }];
  });
  if (waiting.length === 0) return null;
  const away = waiting.some((w) => !w.connected);
  return (
    <p className="waiting-for" data-testid="waiting-for">
      Waiting for{' '}
      {waiting.map((w, i) => (
        <span key={w.id} data-actor={w.id} data-connected={w.connected}>
          {i > 0 && (i === waiting.length - 1 ? ' and ' : ', ')}
          <strong>{w.name}</strong>
          {!w.connected && ' (disconnected)'}
        </span>
      ))}
      .
      {away &&
        ' A seat whose holder stays away past the grace period is released, and the round then goes on without it; you can also resolve now.'}
    </p>
  );
}

function PhaseControl() {
  const phase = useDeflect((s) => s.view?.exercise.phase ?? 'lobby');
  const round = useDeflect((s) => s.view?.exercise.round ?? 0);
  const roundCount = useDeflect((s) => s.view?.exercise.roundCount ?? 0);
  const canAdvance = useDeflect((s) => advancePhase.isEnabled(s));
  const advanceFailure = useDeflect((s) => s.failures.AdvancePhase?.message ?? null);
  const [reason, setReason] = useState('');
  const canEnd = useDeflect((s) => endExercise.isEnabled(s, reason));
  const endFailure = useDeflect((s) => s.failures.EndExercise?.message ?? null);
  const reasonId = useId();
  const reasonCountId = useId();
  const advanceErrorId = useId();
  const endErrorId = useId();
  const { ask, dialog } = useConfirm();

  function end(e: FormEvent) {
    e.preventDefault();
    if (canEnd) ask(endQuestion(), () => endExercise.perform(reason));
  }

  return (
    <section className="panel phase-control" aria-labelledby="phase-heading">
      <h2 id="phase-heading">Phase control</h2>
      <p>
        Now: <strong>{round === 0 ? 'Lobby' : `Round ${round} of ${roundCount}`}</strong>, {phaseName(phase).toLowerCase()} phase.
        {phase === 'orders' && ' The round resolves by itself when every seated actor is ready.'}
      </p>
      {phase === 'orders' && <WaitingFor />}
      <button
        type="button"
        className="button button--primary button--large"
        data-testid="advance-phase"
        disabled={!canAdvance}
        aria-describedby={advanceFailure ? advanceErrorId : undefined}
        onClick={() => advancePhase.perform()}
      >
        {advancePhaseLabel(phase, round, roundCount)}
      </button>
      {advanceFailure && (
        <p className="field-error" role="alert" id={advanceErrorId} data-testid="advance-error">
          {advanceFailure}
        </p>
      )}
      <form className="end-exercise" onSubmit={end}>
        <div className="field">
          <label htmlFor={reasonId}>Reason for ending early</label>
          <input id={reasonId} data-testid="end-reason" value={reason} onChange={(e) => setReason(e.target.value)} {...limitedFieldProps(reasonCountId, reason, TEXT_LIMITS.endReason)} />
          <TextLimit id={reasonCountId} text={reason} limit={TEXT_LIMITS.endReason} testId="end-reason-count" />
        </div>
        <button type="submit" className="button button--danger" data-testid="end-exercise" disabled={!canEnd} aria-describedby={endFailure ? endErrorId : undefined}>
          End exercise
        </button>
        {endFailure && (
          <p className="field-error" role="alert" id={endErrorId} data-testid="end-error">
            {endFailure}
          </p>
        )}
        {dialog}
      </form>
    </section>
  );
}
