import { daysBetween } from '../../shared/calendar.js';
import type { FiredInject, Message, NewsItem } from '../../shared/engine/state.js';
import { formatProbability, formatScenarioDate, phaseName } from './format.js';
import { MissionsBoard } from './MissionsBoard.js';
import { OutcomeBanner } from './OutcomeBanner.js';
import { ResultsTable } from './ResultsTable.js';
import { ProbabilitySparkline } from './ThreatPanel.js';
import { formatCountdown, useSecondsLeft } from './useCountdown.js';
import { selectEncounterPlayed, useDeflect } from './useDeflect.js';
import { WorldMap } from './WorldMap.js';
import './display.css';

const NO_NEWS: NewsItem[] = [];
const NO_MESSAGES: Message[] = [];
const NO_INJECTS: FiredInject[] = [];
// What fits beside the map on a 1080-pixel projector; the seats keep the whole feed. Once the
// outcome takes the column's top, the ticker keeps the latest few.
const TICKER_LENGTH = 5;
const TICKER_LENGTH_BESIDE_OUTCOME = 2;

type TickerItem = { key: string; round: number; kind: 'news' | 'message'; source: string; text: string };

/**
 * The projector's screen: the public picture in large type, with no controls, on one 1920×1080
 * screen — the figures and the phase's timer across the top, the map on the left, and beside it
 * the outcome once there is one, the latest news, the missions and the round results.
 */
export function DisplayScreen() {
  const exercise = useDeflect((s) => s.view?.exercise ?? null);
  const estimates = useDeflect((s) => s.view?.estimates ?? null);
  const encounterPlayed = useDeflect(selectEncounterPlayed);
  const designation = useDeflect((s) => s.view?.asteroid.designation ?? '');
  const hasOutcome = useDeflect((s) => (s.view?.outcome ?? null) !== null || s.view?.exercise.phase === 'ended');
  if (!exercise || !estimates) return null;
  const latest = estimates[estimates.length - 1];
  const daysToImpact = daysBetween(exercise.scenarioDate, exercise.potentialImpactDate);
  return (
    <div className={`display${hasOutcome ? ' display--outcome' : ''}`} data-testid="display-screen">
      <div className="display__hero">
        <div className="display__date">
          <p className="display__label">Scenario date</p>
          <p className="display__value display__value--date">{formatScenarioDate(exercise.scenarioDate)}</p>
          <p className="display__sub">
            {exercise.round === 0 ? 'Before the first round' : `Round ${exercise.round} of ${exercise.roundCount}: ${exercise.roundTitle}`} ·{' '}
            {phaseName(exercise.phase)}
          </p>
        </div>
        <div className="display__countdown">
          <p className="display__label">Countdown to impact</p>
          <p className="display__value display__value--countdown" data-testid="display-countdown">
            {encounterPlayed ? 'Encounter played' : daysToImpact > 0 ? `${daysToImpact.toLocaleString('en-US')} days` : 'Impact date reached'}
          </p>
          <p className="display__sub">
            {encounterPlayed ? 'Encounter' : 'Potential impact'} {formatScenarioDate(exercise.potentialImpactDate)}
          </p>
        </div>
        <div className="display__probability">
          <p className="display__label">Impact probability of {designation}</p>
          <p className="display__value display__value--probability" data-testid="display-probability">
            {latest ? formatProbability(latest.impactProbability) : '—'}
          </p>
          <ProbabilitySparkline estimates={estimates} />
        </div>
        <PhaseTimer phaseName={phaseName(exercise.phase)} />
      </div>
      <div className="display__map">
        <WorldMap variant="display" />
      </div>
      {/* Beside the map, not above it: at 1920×1080 the outcome never pushes the map off the screen. */}
      <div className="display__side">
        <OutcomeBanner projector />
        <Ticker length={hasOutcome ? TICKER_LENGTH_BESIDE_OUTCOME : TICKER_LENGTH} />
        <MissionsBoard />
        <ResultsTable />
      </div>
    </div>
  );
}

/** The phase's timer in type the back of the room can read, when the facilitator set one; otherwise the phase alone. */
function PhaseTimer({ phaseName: phase }: { phaseName: string }) {
  const deadline = useDeflect((s) => s.view?.phaseDeadline ?? null);
  const paused = useDeflect((s) => s.view?.paused ?? false);
  const secondsLeft = useSecondsLeft(deadline);
  const up = secondsLeft === 0;
  return (
    <div className="display__timer" data-testid="display-timer-tile">
      <p className="display__label">{secondsLeft === null ? 'Phase' : `${phase} ends in`}</p>
      {secondsLeft === null ? (
        <p className="display__value display__value--phase">{phase}</p>
      ) : (
        <p
          className={`display__value display__value--timer${up ? ' display__value--timer-up' : secondsLeft <= 60 ? ' display__value--timer-soon' : ''}`}
          data-testid="display-timer"
          data-seconds-left={secondsLeft}
          role="timer"
        >
          {up ? (paused ? "Time's up (paused)" : "Time's up") : formatCountdown(secondsLeft)}
        </p>
      )}
      {paused && secondsLeft !== null && !up && <p className="display__sub">Paused</p>}
    </div>
  );
}

function Ticker({ length }: { length: number }) {
  const news = useDeflect((s) => s.view?.news ?? NO_NEWS);
  const messages = useDeflect((s) => s.view?.messages ?? NO_MESSAGES);
  const injects = useDeflect((s) => s.view?.injects ?? NO_INJECTS);
  const items: TickerItem[] = [
    ...news.map((n): TickerItem => ({ key: n.id, round: n.round, kind: 'news', source: 'News', text: `${n.headline}. ${n.body}` })),
    // The projector receives only the injects sent to the whole table.
    ...injects.map((i): TickerItem => ({ key: `inject-${i.seq}`, round: i.round, kind: 'news', source: i.persona, text: `${i.headline}. ${i.body}` })),
    ...messages
      .filter((m) => m.to === 'public')
      .map((m): TickerItem => ({ key: m.id, round: m.round, kind: 'message', source: m.fromName, text: m.text })),
  ];
  // Newest round first; within a round, messages after the news that opened it.
  const latest = items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => b.item.round - a.item.round || b.order - a.order)
    .slice(0, length)
    .map(({ item }) => item);
  return (
    <section className="display__ticker" aria-labelledby="ticker-heading" aria-live="polite">
      <h2 id="ticker-heading" className="display__label">
        Latest
      </h2>
      {latest.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ol className="ticker" data-testid="ticker">
          {latest.map((item) => (
            <li key={item.key} className={`ticker__item ticker__item--${item.kind}`}>
              <span className="ticker__source">{item.source}</span>
              <span className="ticker__text">{item.text}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
