import { useEffect, useState } from 'react';
import { seatKind, type SeatId } from '../../shared/engine/seats.js';
import type { PlayerView } from '../../shared/engine/view.js';
import { agreementKindName, formatKm, formatMUsd, formatProbability, formatScenarioDate, missionStatusName } from './format.js';
import { baselineOf, roundSummary, type MissionMove, type RoundSummary as Summary, type SummaryBaseline } from './roundSummary.js';
import { useActorNames } from './useActorNames.js';
import { useDeflect } from './useDeflect.js';
import './roundSummary.css';

// Every seat is told what a round's resolution changed. The view from the start of the round
// (the baseline) and the summary made at the resolution are kept in localStorage per
// exercise and seat, so a reload neither loses the summary nor shows a dismissed one again.

/** What this browser keeps for a seat: the round's starting slice, the last summary, the round whose summary was dismissed. */
interface Kept {
  baseline: SummaryBaseline | null;
  summary: Summary | null;
  dismissedRound: number | null;
}

const NOTHING_KEPT: Kept = { baseline: null, summary: null, dismissedRound: null };
const PREFIX = 'deflect:round-summary:';

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function load(key: string | null): Kept {
  if (key === null) return NOTHING_KEPT;
  try {
    const raw = storage()?.getItem(key);
    const kept = raw ? (JSON.parse(raw) as Partial<Kept> | null) : null;
    if (kept === null || typeof kept !== 'object') return NOTHING_KEPT;
    return { baseline: kept.baseline ?? null, summary: kept.summary ?? null, dismissedRound: typeof kept.dismissedRound === 'number' ? kept.dismissedRound : null };
  } catch {
    return NOTHING_KEPT;
  }
}

function save(key: string, kept: Kept): void {
  try {
    storage()?.setItem(key, JSON.stringify(kept));
  } catch {
    // Full or forbidden storage: the summary lives for this page only.
  }
}

/** What is kept after `view`: a new summary when the view holds a resolution the kept one does not, a new baseline at the start of each round. */
function follow(kept: Kept, view: PlayerView): Kept {
  let next = kept;
  const latest = view.results[view.results.length - 1]?.round ?? null;
  if (latest !== null && next.summary?.round !== latest) next = { ...next, summary: roundSummary(next.baseline, view) };
  const inPlay = view.exercise.phase === 'lobby' || view.exercise.phase === 'briefing' || view.exercise.phase === 'deliberation' || view.exercise.phase === 'orders';
  // The first view of a round this seat sees: money spent and missions moved are counted from here.
  if (inPlay && next.baseline?.exercise.round !== view.exercise.round) next = { ...next, baseline: baselineOf(view) };
  return next;
}

/** The storage key of a seat's round summaries in one exercise. */
export function roundSummaryKey(exerciseId: string, seat: SeatId): string {
  return `${PREFIX}${exerciseId}:${seat}`;
}

/**
 * "Round N resolved": the probability and Torino rating then and now, the missions that moved,
 * the actor's money, the agreements kept or broken and the round's news. Shown open when a
 * round resolves until dismissed, then kept one click away ("Last round's summary"); the
 * projector shows it large during the resolution and has nothing to click.
 */
export function RoundSummary() {
  const view = useDeflect((s) => s.view);
  const seat = useDeflect((s) => s.mySeat);
  const exerciseId = useDeflect((s) => s.exerciseId);
  const key = exerciseId !== null && seat !== null ? roundSummaryKey(exerciseId, seat) : null;
  const [kept, setKept] = useState<{ key: string | null; kept: Kept }>(() => ({ key, kept: load(key) }));
  const current = kept.key === key ? kept.kept : load(key);
  const [userOpen, setUserOpen] = useState(false);

  useEffect(() => {
    if (key === null || view === null) return;
    const base = kept.key === key ? kept.kept : load(key);
    const next = follow(base, view);
    if (next !== base || kept.key !== key) {
      if (next !== base) save(key, next);
      setKept({ key, kept: next });
    }
  }, [view, key]);

  const summary = current.summary;
  if (!view || seat === null || summary === null) return null;
  const projector = seatKind(seat) === 'display';
  const fresh = (view.exercise.phase === 'resolution' || view.exercise.phase === 'ended') && view.exercise.round === summary.round;
  if (projector && !fresh) return null;
  // Open by itself while its round is the one just resolved and it has not been dismissed; after that, as the participant toggles it.
  const showing = projector || (fresh && current.dismissedRound !== summary.round);
  const open = showing || userOpen;
  const setOpen = (isOpen: boolean) => {
    if (isOpen === open) return;
    if (showing && !isOpen && key !== null) {
      const next = { ...current, dismissedRound: summary.round };
      save(key, next);
      setKept({ key, kept: next });
    }
    setUserOpen(isOpen);
  };

  const body = <SummaryBody summary={summary} />;
  if (projector) {
    return (
      <section className="round-summary round-summary--display" aria-labelledby="round-summary-heading" data-testid="round-summary" data-round={summary.round}>
        <h2 id="round-summary-heading" className="round-summary__title">
          Round {summary.round} resolved: what changed
        </h2>
        {body}
      </section>
    );
  }
  return (
    <details
      className="round-summary"
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      data-testid="round-summary"
      data-round={summary.round}
      data-open={open}
    >
      <summary className="round-summary__toggle" data-testid="round-summary-toggle">
        {open ? `Round ${summary.round} resolved: what changed` : `Last round's summary (round ${summary.round})`}
      </summary>
      {/* Announced once when the round resolves; the rest is read at the participant's pace. */}
      {fresh && (
        <p className="visually-hidden" role="status">
          Round {summary.round} resolved. Impact probability {summary.impactProbabilityBefore === null ? 'now' : `from ${formatProbability(summary.impactProbabilityBefore)} to`}{' '}
          {formatProbability(summary.impactProbabilityNow)}.
        </p>
      )}
      {body}
      {open && (
        <button type="button" className="button button--small round-summary__dismiss" data-testid="round-summary-dismiss" onClick={() => setOpen(false)}>
          Dismiss
        </button>
      )}
    </details>
  );
}

function SummaryBody({ summary: s }: { summary: Summary }) {
  const name = useActorNames();
  const trend =
    s.impactProbabilityBefore === null ? '' : s.impactProbabilityNow > s.impactProbabilityBefore ? ' (up)' : s.impactProbabilityNow < s.impactProbabilityBefore ? ' (down)' : ' (unchanged)';
  return (
    <div className="round-summary__body">
      <p className="round-summary__date">Resolved at {formatScenarioDate(s.date)}.</p>
      <dl className="round-summary__facts">
        <div>
          <dt>Impact probability</dt>
          <dd data-testid="summary-probability">
            {s.impactProbabilityBefore === null ? 'now ' : `${formatProbability(s.impactProbabilityBefore)} → `}
            <strong>{formatProbability(s.impactProbabilityNow)}</strong>
            {trend}
          </dd>
        </div>
        <div>
          <dt>Torino scale</dt>
          <dd data-testid="summary-torino">
            {s.torinoBefore === null ? 'not rated before → ' : `${s.torinoBefore} → `}
            <strong>{s.torinoNow}</strong>
          </dd>
        </div>
        {s.money && (
          <div>
            <dt>Your money</dt>
            <dd data-testid="summary-money">
              {s.money.spentMUsd === null ? '' : `You paid ${formatMUsd(s.money.spentMUsd)} this round; `}
              {formatMUsd(s.money.leftMUsd)} left.
            </dd>
          </div>
        )}
      </dl>
      {s.encounterPlayed && <p className="round-summary__encounter">The asteroid&apos;s encounter was played at this resolution: read the outcome and who answers for it.</p>}
      <h3 className="round-summary__subhead">Missions</h3>
      {!s.compared ? (
        <p className="muted" data-testid="summary-missions">
          This screen did not see the round before it resolved: the missions board shows where each mission stands.
        </p>
      ) : s.missions.length === 0 ? (
        <p className="muted" data-testid="summary-missions">
          No mission moved.
        </p>
      ) : (
        <ul className="round-summary__list" data-testid="summary-missions">
          {s.missions.map((m) => (
            <li key={m.missionId} data-testid={`summary-mission-${m.missionId}`} data-change={m.change}>
              <strong>{m.name}</strong> ({name(m.lead)}): {missionMoveText(m)}
            </li>
          ))}
        </ul>
      )}
      {s.agreements.length > 0 && (
        <>
          <h3 className="round-summary__subhead">Agreements due</h3>
          <ul className="round-summary__list" data-testid="summary-agreements">
            {s.agreements.map((a) => (
              <li key={a.agreementId} data-kept={a.kept}>
                {agreementKindName(a.kind)} between {a.parties.map(name).join(', ')}: {a.kept ? 'kept by all' : `broken by ${a.breachedBy.map(name).join(', ')}`}.
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="round-summary__subhead">News this round</h3>
      {s.news.length === 0 ? (
        <p className="muted">No news this round.</p>
      ) : (
        <ul className="round-summary__list" data-testid="summary-news">
          {s.news.map((n) => (
            <li key={n.key}>
              {n.source !== null && <span className="muted">{n.source}: </span>}
              {n.headline}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A mission's move in words: "launched", "arrived: moved the impact point 120 km", "received 150 M USD (450 of 900 M USD)". */
export function missionMoveText(m: MissionMove): string {
  const funding = `${formatMUsd(m.fundedMUsd)} of ${formatMUsd(m.costMUsd)}`;
  switch (m.change) {
    case 'funding':
      return `received ${formatMUsd(m.addedMUsd)} (${funding} so far).`;
    case 'proposed':
      return `proposed${m.addedMUsd > 0 ? `, received ${formatMUsd(m.addedMUsd)} (${funding})` : ''}.`;
    case 'building':
      return `funded in full (${funding}): being built.`;
    case 'ready':
      return 'built: ready to launch.';
    case 'launch-ordered':
      return 'launch ordered.';
    case 'in-flight':
      return 'launched: in flight.';
    case 'failed':
      return 'lost at launch.';
    case 'too-late':
      return `${missionStatusName('too-late').toLowerCase()}.`;
    case 'arrived':
      if (m.shiftKm !== null) return `arrived: moved the impact point ${formatKm(Math.abs(m.shiftKm))} (measured).`;
      if (m.expectedShiftKm !== null) {
        return `arrived: expected to have moved the impact point about ${formatKm(Math.abs(m.expectedShiftKm))}${m.shiftSigmaKm !== null ? ` (± ${formatKm(m.shiftSigmaKm)})` : ''}, until a flyby measures it.`;
      }
      return 'arrived.';
    default: {
      const never: never = m.change;
      return String(never);
    }
  }
}
