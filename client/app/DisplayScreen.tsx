import { daysBetween } from '../../shared/calendar.js';
import type { FiredInject, Message, NewsItem } from '../../shared/engine/state.js';
import { formatProbability, formatScenarioDate, phaseName } from './format.js';
import { MissionsBoard } from './MissionsBoard.js';
import { OutcomeBanner } from './OutcomeBanner.js';
import { ResultsTable } from './ResultsTable.js';
import { ProbabilitySparkline } from './ThreatPanel.js';
import { selectEncounterPlayed, useDeflect } from './useDeflect.js';
import { WorldMap } from './WorldMap.js';

const NO_NEWS: NewsItem[] = [];
const NO_MESSAGES: Message[] = [];
const NO_INJECTS: FiredInject[] = [];
// What fits beside the map on a 1080-pixel projector; the seats keep the whole feed.
const TICKER_LENGTH = 5;

type TickerItem = { key: string; round: number; kind: 'news' | 'message'; source: string; text: string };

/** The projector's screen: the public picture in large type, with no controls. */
export function DisplayScreen() {
  const exercise = useDeflect((s) => s.view?.exercise ?? null);
  const estimates = useDeflect((s) => s.view?.estimates ?? null);
  const encounterPlayed = useDeflect(selectEncounterPlayed);
  const designation = useDeflect((s) => s.view?.asteroid.designation ?? '');
  if (!exercise || !estimates) return null;
  const latest = estimates[estimates.length - 1];
  const daysToImpact = daysBetween(exercise.scenarioDate, exercise.potentialImpactDate);
  return (
    <div className="display" data-testid="display-screen">
      <OutcomeBanner projector />
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
      </div>
      {/* The ticker beside the map, so that at 1920×1080 the whole public picture is on one screen. */}
      <WorldMap variant="display" aside={<Ticker />} />
      <MissionsBoard />
      <ResultsTable />
    </div>
  );
}

function Ticker() {
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
    .slice(0, TICKER_LENGTH)
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
