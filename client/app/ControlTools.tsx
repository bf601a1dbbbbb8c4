import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Orders } from '../../shared/engine/commands.js';
import type { SeatId } from '../../shared/engine/seats.js';
import type { FiredInject, Message } from '../../shared/engine/state.js';
import type { ControlView, InjectTimelineEntry, MissionView, PlayerView, PublicActor } from '../../shared/engine/view.js';
import { describeInjectCondition, formatKm, formatMUsd, formatPercent, injectChannelName, injectStatusName, phaseName } from './format.js';
import {
  fireInject,
  MAX_PHASE_TIMER_SECONDS,
  MAX_TALK_QUOTA,
  overrideValue,
  pauseExercise,
  postInject,
  resumeExercise,
  setPhaseTimer,
  setTalkQuota,
  skipInject,
  viewAs,
  type AdHocInject,
  type OverrideTarget,
} from './intents.js';
import { useConfirm } from './Confirm.js';
import { overrideQuestion } from './confirmWords.js';
import { timerProblem } from './formRefusals.js';
import { limitedFieldProps, TextLimit } from './TextLimit.js';
import { TEXT_LIMITS } from './textLimits.js';
import { useActorNames } from './useActorNames.js';
import { useDeflect } from './useDeflect.js';
import { useSentCommand } from './useSentCommand.js';

// The facilitator's tools beyond phase control: pause, timer, looking through a seat's
// eyes, overrides, the inject timeline and injects written on the spot.

const NO_ACTORS: PublicActor[] = [];
const NO_MISSIONS: MissionView[] = [];
const NO_TIMELINE: InjectTimelineEntry[] = [];
const NO_OVERRIDES: ControlView['overrides'] = [];
const CHANNELS: AdHocInject['channel'][] = ['news', 'official', 'intelligence'];
/** The shortest time between two asks for the view through another seat's eyes while events arrive. */
const VIEW_AS_REFRESH_MS = 1000;

/** Pause and resume, and a deadline for the current phase. */
export function PauseAndTimer() {
  const paused = useDeflect((s) => s.view?.paused ?? false);
  const canPause = useDeflect((s) => pauseExercise.isEnabled(s));
  const canResume = useDeflect((s) => resumeExercise.isEnabled(s));
  const pauseFailure = useDeflect((s) => s.failures.PauseExercise?.message ?? s.failures.ResumeExercise?.message ?? null);
  const deadline = useDeflect((s) => s.view?.phaseDeadline ?? null);
  const [minutesText, setMinutesText] = useState('5');
  // What was wrong with the minutes when Start was pressed, said beside the button instead of a silently shut one.
  const [problem, setProblem] = useState<string | null>(null);
  const minutes = Number(minutesText);
  const seconds = minutesText.trim() !== '' && Number.isFinite(minutes) ? Math.round(minutes * 60) : NaN;
  const timerOpen = useDeflect((s) => setPhaseTimer.isEnabled(s, 60));
  const canClear = useDeflect((s) => deadline !== null && setPhaseTimer.isEnabled(s, 0));
  const refusal = useDeflect((s) => s.failures.SetPhaseTimer?.message ?? null);
  const timerFailure = problem ?? refusal;
  const minutesId = useId();
  const timerErrorId = useId();
  const pauseErrorId = useId();

  function start(e: FormEvent) {
    e.preventDefault();
    if (!timerOpen) return;
    const wrong = timerProblem(minutesText, MAX_PHASE_TIMER_SECONDS);
    setProblem(wrong);
    if (wrong === null) setPhaseTimer.perform(seconds);
  }

  return (
    <section className="panel pause-timer" aria-labelledby="pause-heading">
      <h2 id="pause-heading">Pause and timer</h2>
      <p>
        Play is <strong data-testid="play-state">{paused ? 'paused' : 'running'}</strong>.{' '}
        {paused ? 'Talk goes on; orders, missions and votes wait.' : 'Pausing freezes everything but talk.'}
      </p>
      <div className="button-row">
        <button type="button" className="button" data-testid="pause" disabled={!canPause} aria-describedby={pauseFailure ? pauseErrorId : undefined} onClick={() => pauseExercise.perform()}>
          Pause
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="resume"
          disabled={!canResume}
          aria-describedby={pauseFailure ? pauseErrorId : undefined}
          onClick={() => resumeExercise.perform()}
        >
          Resume
        </button>
      </div>
      {pauseFailure && (
        <p className="field-error" role="alert" id={pauseErrorId}>
          {pauseFailure}
        </p>
      )}
      {/* Our own sentence says what is wrong, beside the button: the browser's bubble would block the submit and vanish. */}
      <form className="timer-form" onSubmit={start} noValidate>
        <div className="field field--inline">
          <label htmlFor={minutesId}>Phase timer (minutes)</label>
          <input
            id={minutesId}
            type="number"
            min={1}
            max={MAX_PHASE_TIMER_SECONDS / 60}
            step="any"
            inputMode="decimal"
            data-testid="timer-minutes"
            value={minutesText}
            aria-invalid={!(seconds > 0 && seconds <= MAX_PHASE_TIMER_SECONDS)}
            aria-describedby={timerFailure ? timerErrorId : undefined}
            onChange={(e) => setMinutesText(e.target.value)}
          />
        </div>
        <div className="button-row">
          <button type="submit" className="button" data-testid="start-timer" disabled={!timerOpen} aria-describedby={timerFailure ? timerErrorId : undefined}>
            Start timer
          </button>
          <button
            type="button"
            className="button button--quiet"
            data-testid="clear-timer"
            disabled={!canClear}
            onClick={() => {
              setProblem(null);
              setPhaseTimer.perform(0);
            }}
          >
            Clear timer
          </button>
        </div>
        <p className="field-help">When the time is up the phase advances by itself; orders not submitted count as none.</p>
      </form>
      {timerFailure && (
        <p className="field-error" role="alert" id={timerErrorId} data-testid="timer-error">
          {timerFailure}
        </p>
      )}
    </section>
  );
}

/** How many messages and statements each actor may post per phase, and a control to change it. */
export function TalkQuotaControl() {
  const quota = useDeflect((s) => s.view?.control?.talkQuota ?? null);
  const [text, setText] = useState('');
  const value = text.trim() === '' ? NaN : Number(text);
  const canSet = useDeflect((s) => setTalkQuota.isEnabled(s, value) && value !== quota);
  const failure = useDeflect((s) => s.failures.SetTalkQuota?.message ?? null);
  const quotaErrorId = useId();
  const clear = useCallback(() => setText(''), []);
  const sent = useSentCommand('SetTalkQuota', clear);
  const inputId = useId();
  const helpId = useId();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (canSet) sent(setTalkQuota.perform(value));
  }

  return (
    <section className="panel talk-quota" aria-labelledby="talk-quota-heading">
      <h2 id="talk-quota-heading">Talk quota</h2>
      <p>
        Each actor may post <strong data-testid="talk-quota">{quota ?? '…'}</strong> messages and statements per phase; the control cell’s do not
        count. Actors see how many they have left once few remain.
      </p>
      <form className="timer-form" onSubmit={submit}>
        <div className="field field--inline">
          <label htmlFor={inputId}>Per actor per phase</label>
          <input
            id={inputId}
            type="number"
            min={1}
            max={MAX_TALK_QUOTA}
            step={1}
            inputMode="numeric"
            data-testid="talk-quota-input"
            value={text}
            placeholder={quota === null ? '' : String(quota)}
            aria-describedby={helpId}
            aria-invalid={text.trim() !== '' && !(Number.isInteger(value) && value >= 1 && value <= MAX_TALK_QUOTA)}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <button type="submit" className="button" data-testid="set-talk-quota" disabled={!canSet} aria-describedby={failure ? quotaErrorId : undefined}>
          Set quota
        </button>
        <p id={helpId} className="field-help">
          A whole number from 1 to {MAX_TALK_QUOTA.toLocaleString('en-US')}.
        </p>
      </form>
      {failure && (
        <p className="field-error" role="alert" id={quotaErrorId} data-testid="talk-quota-error">
          {failure}
        </p>
      )}
    </section>
  );
}

/** Shows the exercise as another seat sees it, read-only, refreshed as events arrive. */
export function ViewAsPanel() {
  const seats = useDeflect((s) => s.view?.seats ?? null);
  const canView = useDeflect((s) => viewAs.isEnabled(s));
  const looking = useDeflect((s) => s.viewAs);
  // The newest event's number, not the count of events kept: that stops growing at the cap.
  const lastSeq = useDeflect((s) => s.events.at(-1)?.seq ?? 0);
  const [seat, setSeat] = useState<SeatId | ''>('');
  const asked = useRef<{ seat: SeatId | ''; atMs: number }>({ seat: '', atMs: 0 });
  const selectId = useId();

  // The server answers with a snapshot; ask again when something happened at the table, but at
  // most once every VIEW_AS_REFRESH_MS: each ask spends the connection's command budget, which a
  // busy table would otherwise use up for the facilitator's own commands.
  useEffect(() => {
    if (seat === '') return;
    const waitMs = asked.current.seat === seat ? Math.max(0, asked.current.atMs + VIEW_AS_REFRESH_MS - Date.now()) : 0;
    const timer = setTimeout(() => {
      asked.current = { seat, atMs: Date.now() };
      viewAs.perform(seat);
    }, waitMs);
    return () => clearTimeout(timer);
  }, [seat, lastSeq]);

  if (!seats) return null;
  const choose = (next: SeatId | '') => {
    setSeat(next);
    if (next === '') viewAs.perform(null);
  };
  const shown = looking && looking.seat === seat ? looking : null;
  return (
    <section className="panel view-as" aria-labelledby="view-as-heading">
      <h2 id="view-as-heading">View as a seat</h2>
      <div className="field field--inline">
        <label htmlFor={selectId}>See the exercise as</label>
        <select id={selectId} data-testid="view-as" value={seat} disabled={!canView} onChange={(e) => choose(e.target.value as SeatId | '')}>
          <option value="">Choose a seat…</option>
          {seats
            .filter((s) => s.seat !== 'facilitator')
            .map((s) => (
              <option key={s.seat} value={s.seat}>
                {s.label}
              </option>
            ))}
        </select>
      </div>
      {seat !== '' && (
        <button type="button" className="button button--quiet" data-testid="stop-view-as" onClick={() => choose('')}>
          Stop viewing as
        </button>
      )}
      {seat !== '' && !shown && <p className="muted">Asking the server…</p>}
      {shown && <SeatViewSummary seat={shown.seat} view={shown.view} label={seats.find((s) => s.seat === shown.seat)?.label ?? shown.seat} />}
    </section>
  );
}

function SeatViewSummary({ seat, view, label }: { seat: SeatId; view: PlayerView; label: string }) {
  const name = useActorNames();
  const actor = view.me ? view.actors.find((a) => a.id === view.me!.actorId) : undefined;
  const messages = view.messages.slice(-8).reverse();
  const injects = [...view.injects].reverse();
  return (
    <div className="view-as__panel" data-testid="view-as-panel" data-seat={seat} aria-label={`What ${label} sees`}>
      <p className="view-as__caption">
        <span className="secret__tag">Read-only</span> What <strong>{label}</strong> sees: round {view.exercise.round}, {phaseName(view.exercise.phase).toLowerCase()} phase
        {view.paused ? ', paused' : ''}.
      </p>
      {actor && view.me && (
        <>
          <dl className="facts facts--grid">
            <div className="facts__item facts__item--primary">
              <dt>Balance</dt>
              <dd data-testid="view-as-balance">{formatMUsd(view.me.balanceMUsd)}</dd>
            </div>
            <div className="facts__item">
              <dt>Orders</dt>
              <dd>{view.me.orders ? describeOrders(view.me.orders, view.missions) : 'None this round'}</dd>
            </div>
            <div className="facts__item">
              <dt>Ready</dt>
              <dd>{view.me.ready ? 'Ready' : 'Not ready'}</dd>
            </div>
          </dl>
          <h3>Briefing</h3>
          <p>{actor.briefing}</p>
          <div className="secret">
            <h3>
              <span className="secret__tag">Only they see this</span> Secret briefing
            </h3>
            <p>{view.me.secretBriefing}</p>
          </div>
        </>
      )}
      {!view.me && view.control && <p className="muted">This seat sees everything the control cell sees.</p>}
      <h3>Messages they can read ({view.messages.length})</h3>
      {messages.length === 0 ? <p className="muted">None.</p> : <MessageLines messages={messages} name={name} />}
      <h3>Injects they received ({view.injects.length})</h3>
      {injects.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul className="view-as__list">
          {injects.map((i) => (
            <InjectLine key={i.seq} inject={i} />
          ))}
        </ul>
      )}
      <p className="field-help">Agreements they see: {view.agreements.length}. Missions on the board: {view.missions.length}.</p>
    </div>
  );
}

function MessageLines({ messages, name }: { messages: Message[]; name(id: string): string }) {
  return (
    <ul className="view-as__list">
      {messages.map((m) => (
        <li key={m.id}>
          <span className="muted">
            R{m.round} · {m.fromName} → {m.to === 'public' ? 'everyone' : m.to === 'delegation' ? 'their delegation' : m.to.map(name).join(', ')}:
          </span>{' '}
          {m.text}
        </li>
      ))}
    </ul>
  );
}

function InjectLine({ inject: i }: { inject: FiredInject }) {
  return (
    <li>
      <span className={`channel-tag channel-tag--${i.channel}`}>{injectChannelName(i.channel)}</span> R{i.round} · {i.persona}: <strong>{i.headline}</strong>
    </li>
  );
}

function describeOrders(orders: Orders, missions: MissionView[]): string {
  const parts = [`Observe ${formatMUsd(orders.observeMUsd)}`];
  for (const [id, amount] of Object.entries(orders.missionFunding)) {
    if (amount > 0) parts.push(`${missions.find((m) => m.id === id)?.name ?? id} ${formatMUsd(amount)}`);
  }
  return parts.join('; ');
}

type OverrideKind = OverrideTarget['kind'];

const OVERRIDE_KINDS: { kind: OverrideKind; label: string; unit: string }[] = [
  { kind: 'actor-budget', label: "An actor's budget", unit: 'M USD' },
  { kind: 'mission-reliability', label: "A mission's reliability", unit: '%' },
  { kind: 'true-encounter', label: 'The true encounter distance', unit: 'km' },
];

/** Overrides a value the rules computed, with a reason everyone in the control cell can read, and the list of overrides so far. */
export function OverridePanel() {
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  const missions = useDeflect((s) => s.view?.missions ?? NO_MISSIONS);
  const overrides = useDeflect((s) => s.view?.control?.overrides ?? NO_OVERRIDES);
  const [kind, setKind] = useState<OverrideKind>('actor-budget');
  const [subject, setSubject] = useState('');
  const [valueText, setValueText] = useState('');
  const [reason, setReason] = useState('');
  const canOverride = useDeflect((s) => overrideValue.isEnabled(s, reason));
  const failure = useDeflect((s) => s.failures.OverrideValue?.message ?? null);
  const name = useActorNames();
  const clear = useCallback(() => {
    setValueText('');
    setReason('');
  }, []);
  const sent = useSentCommand('OverrideValue', clear);
  const { ask, dialog } = useConfirm();
  const ids = { kind: useId(), subject: useId(), value: useId(), reason: useId(), reasonCount: useId(), error: useId() };

  const subjects = kind === 'actor-budget' ? actors.map((a) => ({ id: a.id, label: a.name })) : kind === 'mission-reliability' ? missions.map((m) => ({ id: m.id, label: m.name })) : [];
  const subjectId = subjects.some((s) => s.id === subject) ? subject : (subjects[0]?.id ?? '');
  const target = overrideTarget(kind, subjectId, valueText);
  const unit = OVERRIDE_KINDS.find((k) => k.kind === kind)!.unit;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!canOverride || !target) return;
    const subjectLabel = subjects.find((x) => x.id === subjectId)?.label;
    const what =
      kind === 'true-encounter' ? `the true encounter distance to ${valueText} km` : `the ${kind === 'actor-budget' ? 'budget' : 'reliability'} of ${subjectLabel ?? subjectId} to ${valueText} ${unit}`;
    ask(overrideQuestion(what), () => sent(overrideValue.perform(target, reason)));
  }

  return (
    <section className="panel overrides" aria-labelledby="override-heading">
      <h2 id="override-heading">
        Override a value <span className="secret__tag">Control only</span>
      </h2>
      <form className="override-form" onSubmit={submit}>
        <div className="override-form__fields">
          <div className="field">
            <label htmlFor={ids.kind}>What</label>
            <select id={ids.kind} data-testid="override-kind" value={kind} onChange={(e) => setKind(e.target.value as OverrideKind)}>
              {OVERRIDE_KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.subject}>Of</label>
            <select id={ids.subject} data-testid="override-subject" value={subjectId} disabled={kind === 'true-encounter'} onChange={(e) => setSubject(e.target.value)}>
              {kind === 'true-encounter' && <option value="">The asteroid</option>}
              {kind === 'mission-reliability' && subjects.length === 0 && <option value="">No mission yet</option>}
              {subjects.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.value}>New value ({unit})</label>
            <input
              id={ids.value}
              type="number"
              step="any"
              inputMode="decimal"
              data-testid="override-value"
              value={valueText}
              aria-invalid={valueText !== '' && target === null}
              onChange={(e) => setValueText(e.target.value)}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.reason}>Reason (required, kept in the log)</label>
          <input id={ids.reason} data-testid="override-reason" value={reason} onChange={(e) => setReason(e.target.value)} {...limitedFieldProps(ids.reasonCount, reason, TEXT_LIMITS.overrideReason)} />
          <TextLimit id={ids.reasonCount} text={reason} limit={TEXT_LIMITS.overrideReason} testId="override-reason-count" />
        </div>
        <button
          type="submit"
          className="button button--danger"
          data-testid="apply-override"
          disabled={!canOverride || target === null}
          aria-describedby={failure ? ids.error : undefined}
        >
          Apply override
        </button>
        {failure && (
          <p className="field-error" role="alert" id={ids.error} data-testid="override-error">
            {failure}
          </p>
        )}
        {dialog}
      </form>
      <h3>Overrides so far</h3>
      {overrides.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ol className="overrides__list" data-testid="overrides-list">
          {overrides.map((o, i) => (
            <li key={i} data-testid="override">
              <span className="muted">Round {o.round} ·</span> {overrideTargetName(o.target)}
              {o.subject !== null && ` of ${missions.find((m) => m.id === o.subject)?.name ?? name(o.subject)}`}: {formatOverrideValue(o.target, o.from)} →{' '}
              <strong>{formatOverrideValue(o.target, o.to)}</strong>
              <span className="overrides__reason">“{o.reason}”</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function overrideTarget(kind: OverrideKind, subjectId: string, valueText: string): OverrideTarget | null {
  if (valueText.trim() === '') return null;
  const value = Number(valueText);
  if (!Number.isFinite(value)) return null;
  switch (kind) {
    case 'actor-budget':
      return subjectId && value >= 0 ? { kind, actorId: subjectId, valueMUsd: value } : null;
    case 'mission-reliability':
      return subjectId && value >= 0 && value <= 100 ? { kind, missionId: subjectId, value: value / 100 } : null;
    case 'true-encounter':
      return { kind, valueKm: value };
  }
}

const OVERRIDE_TARGET_NAMES: Record<string, string> = { 'actor-budget': 'Budget', 'mission-reliability': 'Reliability', 'true-encounter': 'True encounter distance' };

function overrideTargetName(target: string): string {
  return OVERRIDE_TARGET_NAMES[target] ?? target;
}

function formatOverrideValue(target: string, value: number | null): string {
  if (value === null) return '—';
  if (target === 'actor-budget') return formatMUsd(value);
  if (target === 'mission-reliability') return formatPercent(value);
  if (target === 'true-encounter') return formatKm(value);
  return String(value);
}

/** Every scripted inject with what became of it; the facilitator can fire or skip those still open. */
export function InjectTimeline({ actions }: { actions: boolean }) {
  const timeline = useDeflect((s) => s.view?.control?.injectTimeline ?? NO_TIMELINE);
  const failure = useDeflect((s) => (actions ? (s.failures.FireInject?.message ?? s.failures.SkipInject?.message ?? null) : null));
  const name = useActorNames();
  return (
    <section className="panel timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Inject timeline</h2>
      {timeline.length === 0 ? (
        <p className="muted">This scenario scripts no injects.</p>
      ) : (
        <ol className="timeline__list" data-testid="inject-timeline">
          {timeline.map((entry) => (
            <TimelineEntry key={entry.id} entry={entry} actions={actions} name={name} />
          ))}
        </ol>
      )}
      {failure && (
        <p className="field-error" role="alert" data-testid="inject-error">
          {failure}
        </p>
      )}
    </section>
  );
}

function TimelineEntry({ entry: e, actions, name }: { entry: InjectTimelineEntry; actions: boolean; name(id: string): string }) {
  const canFire = useDeflect((s) => fireInject.isEnabled(s, e.id));
  const canSkip = useDeflect((s) => skipInject.isEnabled(s, e.id));
  return (
    <li className={`timeline__entry timeline__entry--${e.status}`} data-testid={`timeline-${e.id}`} data-status={e.status}>
      <div className="timeline__head">
        <span className={`inject-status inject-status--${e.status}`} data-testid={`timeline-status-${e.id}`}>
          {injectStatusName(e.status)}
          {e.status === 'fired' && e.firedInRound !== null && ` in round ${e.firedInRound}`}
        </span>
        <span className="timeline__when">
          {e.round !== null && `Round ${e.round}`}
          {e.round !== null && e.condition !== null && ', '}
          {e.condition !== null && `when ${describeInjectCondition(e.condition)}`}
          {e.round === null && e.condition === null && 'No schedule'}
        </span>
      </div>
      <p className="timeline__headline">{e.headline}</p>
      <p className="news__meta">
        <span className={`channel-tag channel-tag--${e.channel}`}>{injectChannelName(e.channel)}</span> {e.persona} · to{' '}
        {e.targets === 'all' ? 'the whole table' : e.targets.map(name).join(', ')}
      </p>
      {e.controllerNote !== null && (
        <p className="controller-note">
          <span className="secret__tag">Control only</span> {e.expectedAction === null ? 'Expected action' : 'Note'}: {e.controllerNote}
        </p>
      )}
      {e.expectedAction !== null && (
        <p className="controller-note">
          <span className="secret__tag">Control only</span> Expected action: {e.expectedAction}
        </p>
      )}
      {actions && (e.status !== 'fired' && e.status !== 'skipped') && (
        <div className="button-row">
          <button type="button" className="button" data-testid={`fire-${e.id}`} disabled={!canFire} onClick={() => fireInject.perform(e.id)}>
            Fire now
          </button>
          <button type="button" className="button button--quiet" data-testid={`skip-${e.id}`} disabled={!canSkip} onClick={() => skipInject.perform(e.id)}>
            Skip
          </button>
        </div>
      )}
    </li>
  );
}

const EMPTY_INJECT: AdHocInject = { targets: 'all', persona: '', channel: 'news', headline: '', body: '', controllerNote: '' };

/** Writes an inject on the spot and sends it to the whole table or to chosen actors. */
export function AdHocInjectComposer() {
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  const [draft, setDraft] = useState<AdHocInject>(EMPTY_INJECT);
  const [chosen, setChosen] = useState<string[]>([]);
  const [toAll, setToAll] = useState(true);
  const inject: AdHocInject = { ...draft, targets: toAll ? 'all' : chosen };
  const canPost = useDeflect((s) => postInject.isEnabled(s, inject));
  const failure = useDeflect((s) => s.failures.PostInject?.message ?? null);
  const postErrorId = useId();
  const clear = useCallback(() => setDraft((d) => ({ ...EMPTY_INJECT, persona: d.persona, channel: d.channel })), []);
  const sent = useSentCommand('PostInject', clear);
  const ids = {
    persona: useId(),
    personaCount: useId(),
    channel: useId(),
    headline: useId(),
    headlineCount: useId(),
    body: useId(),
    bodyCount: useId(),
    note: useId(),
    noteCount: useId(),
  };
  const set = (patch: Partial<AdHocInject>) => setDraft((d) => ({ ...d, ...patch }));

  function submit(e: FormEvent) {
    e.preventDefault();
    if (canPost) sent(postInject.perform(inject));
  }

  return (
    <section className="panel adhoc" aria-labelledby="adhoc-heading">
      <h2 id="adhoc-heading">Write an inject</h2>
      <form className="adhoc__form" onSubmit={submit}>
        <fieldset className="adhoc__targets">
          <legend>To</legend>
          <label className="check">
            <input type="radio" name="adhoc-audience" data-testid="adhoc-to-all" checked={toAll} onChange={() => setToAll(true)} /> The whole table
          </label>
          <label className="check">
            <input type="radio" name="adhoc-audience" data-testid="adhoc-to-chosen" checked={!toAll} onChange={() => setToAll(false)} /> Chosen actors:
          </label>
          <div className="adhoc__actors">
            {actors.map((a) => (
              <label key={a.id} className="check">
                <input
                  type="checkbox"
                  data-testid={`adhoc-target-${a.id}`}
                  checked={chosen.includes(a.id)}
                  onChange={(e) => {
                    setToAll(false);
                    setChosen((c) => (e.target.checked ? [...c, a.id] : c.filter((id) => id !== a.id)));
                  }}
                />{' '}
                {a.name}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="propose__fields propose__fields--two">
          <div className="field">
            <label htmlFor={ids.persona}>From (persona)</label>
            <input
              id={ids.persona}
              data-testid="adhoc-persona"
              value={draft.persona}
              placeholder="e.g. Reuters"
              onChange={(e) => set({ persona: e.target.value })}
              {...limitedFieldProps(ids.personaCount, draft.persona, TEXT_LIMITS.injectPersona)}
            />
            <TextLimit id={ids.personaCount} text={draft.persona} limit={TEXT_LIMITS.injectPersona} testId="adhoc-persona-count" />
          </div>
          <div className="field">
            <label htmlFor={ids.channel}>Channel</label>
            <select id={ids.channel} data-testid="adhoc-channel" value={draft.channel} onChange={(e) => set({ channel: e.target.value as AdHocInject['channel'] })}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {injectChannelName(c)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.headline}>Headline</label>
          <input
            id={ids.headline}
            data-testid="adhoc-headline"
            value={draft.headline}
            onChange={(e) => set({ headline: e.target.value })}
            {...limitedFieldProps(ids.headlineCount, draft.headline, TEXT_LIMITS.headline)}
          />
          <TextLimit id={ids.headlineCount} text={draft.headline} limit={TEXT_LIMITS.headline} testId="adhoc-headline-count" />
        </div>
        <div className="field">
          <label htmlFor={ids.body}>Body</label>
          <textarea
            id={ids.body}
            data-testid="adhoc-body"
            rows={3}
            value={draft.body}
            onChange={(e) => set({ body: e.target.value })}
            {...limitedFieldProps(ids.bodyCount, draft.body, TEXT_LIMITS.body)}
          />
          <TextLimit id={ids.bodyCount} text={draft.body} limit={TEXT_LIMITS.body} testId="adhoc-body-count" />
        </div>
        <div className="field">
          <label htmlFor={ids.note}>
            Controller note <span className="field-optional">(optional, control only)</span>
          </label>
          <input
            id={ids.note}
            data-testid="adhoc-note"
            value={draft.controllerNote}
            onChange={(e) => set({ controllerNote: e.target.value })}
            {...limitedFieldProps(ids.noteCount, draft.controllerNote, TEXT_LIMITS.controllerNote)}
          />
          <TextLimit id={ids.noteCount} text={draft.controllerNote} limit={TEXT_LIMITS.controllerNote} testId="adhoc-note-count" />
        </div>
        <button type="submit" className="button button--primary" data-testid="post-inject" disabled={!canPost} aria-describedby={failure ? postErrorId : undefined}>
          Send inject
        </button>
        {failure && (
          <p className="field-error" role="alert" id={postErrorId} data-testid="post-inject-error">
            {failure}
          </p>
        )}
      </form>
    </section>
  );
}
