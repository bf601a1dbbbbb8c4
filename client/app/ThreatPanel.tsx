import { hazardAssessment, IAWN_MIN_DIAMETER_M, IAWN_MIN_PROBABILITY, PREPAREDNESS_MAX_YEARS, PREPAREDNESS_MIN_DIAMETER_M, PREPAREDNESS_MIN_PROBABILITY, SMPAG_MAX_YEARS, SMPAG_MIN_DIAMETER_M, SMPAG_MIN_PROBABILITY } from '../../shared/physics/hazard.js';
import { daysBetween } from '../../shared/calendar.js';
import type { EstimatePoint } from '../../shared/engine/state.js';
import type { PublicActor, PublicRoundResult } from '../../shared/engine/view.js';
import { formatPalermo, formatProbability, formatScenarioDate } from './format.js';
import { GlossaryTerm } from './Glossary.js';
import { selectEncounterPlayed, useDeflect } from './useDeflect.js';

const NO_ESTIMATES: EstimatePoint[] = [];
const NO_EVACUATIONS: string[] = [];
const NO_SHELTERS: string[] = [];
const NO_ACTORS: PublicActor[] = [];
const NO_RESULTS: PublicRoundResult[] = [];
const DAYS_PER_YEAR = 365.25;

/** What a Torino level means, in the scale's own words (Binzel 2000, as revised 2005). */
const TORINO_MEANINGS = [
  'no hazard',
  'normal: no unusual concern',
  'meriting attention by astronomers',
  'meriting attention: close encounter, 1% or more chance of local destruction',
  'meriting attention: 1% or more chance of regional devastation',
  'threatening: serious but uncertain threat of regional devastation',
  'threatening: serious but uncertain threat of global catastrophe',
  'threatening: very close encounter, unprecedented threat of global catastrophe',
  'certain collision: localised destruction',
  'certain collision: regional devastation',
  'certain collision: global climatic catastrophe',
];

/** What everyone knows of the asteroid: the latest impact probability, its size, the time left and the trend. */
export function ThreatPanel() {
  const asteroid = useDeflect((s) => s.view?.asteroid ?? null);
  const exercise = useDeflect((s) => s.view?.exercise ?? null);
  const estimates = useDeflect((s) => s.view?.estimates ?? NO_ESTIMATES);
  const evacuations = useDeflect((s) => s.view?.evacuations ?? NO_EVACUATIONS);
  const shelters = useDeflect((s) => s.view?.shelters ?? NO_SHELTERS);
  const privateProbability = useDeflect((s) => s.view?.me?.privateEstimate?.impactProbability ?? null);
  const iawnNotified = useDeflect((s) => s.view?.iawnNotified ?? false);
  const actors = useDeflect((s) => s.view?.actors ?? NO_ACTORS);
  const results = useDeflect((s) => s.view?.results ?? NO_RESULTS);
  const encounterPlayed = useDeflect(selectEncounterPlayed);
  if (!asteroid || !exercise) return null;
  const latest = estimates[estimates.length - 1];
  const actorNames = (ids: string[]) => (ids.length === 0 ? 'None' : ids.map((id) => actors.find((a) => a.id === id)?.name ?? id).join(', '));
  const daysToImpact = daysBetween(exercise.scenarioDate, exercise.potentialImpactDate);
  const rated = results[results.length - 1] ?? null;
  // The response thresholds depend only on probability, size and time; the largest size is the
  // prudent reading, as the engine's own assessment takes it.
  const thresholds = latest
    ? hazardAssessment({ impactProbability: latest.impactProbability, energyMt: 0, yearsToImpact: Math.max(daysToImpact, 1) / DAYS_PER_YEAR, diameterM: asteroid.diameterMaxM })
    : null;
  return (
    <section className="panel threat" aria-labelledby="threat-heading">
      <h2 id="threat-heading">Threat: {asteroid.designation}</h2>
      <dl className="facts">
        <div className="facts__item facts__item--primary">
          <dt>Impact probability</dt>
          <dd data-testid="impact-probability">{latest ? formatProbability(latest.impactProbability) : '—'}</dd>
        </div>
        {privateProbability !== null && (
          <div className="facts__item facts__item--primary facts__item--private">
            <dt>Your own estimate (not shared)</dt>
            <dd data-testid="private-impact-probability">{formatProbability(privateProbability)}</dd>
          </div>
        )}
        <div className="facts__item">
          <dt>Diameter</dt>
          <dd>
            {asteroid.diameterMinM}–{asteroid.diameterMaxM} m
          </dd>
        </div>
        <div className="facts__item">
          <dt>Potential impact</dt>
          <dd>
            {formatScenarioDate(exercise.potentialImpactDate)}
            <span className="facts__sub" data-testid="days-to-impact">
              {encounterPlayed ? 'the encounter has been played' : `${daysToImpact.toLocaleString('en-US')} days from now`}
            </span>
          </dd>
        </div>
        <div className="facts__item">
          <dt>
            <GlossaryTerm termId="torino">Torino scale</GlossaryTerm>
          </dt>
          <dd data-testid="torino">
            {rated ? (
              <>
                {rated.torino}
                <span className="facts__sub">{TORINO_MEANINGS[rated.torino] ?? ''}</span>
              </>
            ) : (
              <span className="facts__sub">rated at the first resolution</span>
            )}
          </dd>
        </div>
        <div className="facts__item">
          <dt>
            <GlossaryTerm termId="palermo">Palermo scale</GlossaryTerm>
          </dt>
          <dd data-testid="palermo">
            {rated ? (
              <>
                {formatPalermo(rated.palermo)}
                <span className="facts__sub">{rated.palermo > 0 ? 'above the background risk' : rated.palermo > -2 ? 'merits careful monitoring' : 'below the background risk'}</span>
              </>
            ) : (
              <span className="facts__sub">rated at the first resolution</span>
            )}
          </dd>
        </div>
        <div className="facts__item">
          <dt>
            <GlossaryTerm termId="iawn">IAWN</GlossaryTerm> notification
          </dt>
          <dd data-testid="iawn-status" data-notified={iawnNotified}>
            {iawnNotified ? 'Issued' : 'Not issued'}
          </dd>
        </div>
        <div className="facts__item">
          <dt>Evacuations ordered</dt>
          <dd data-testid="evacuations">{actorNames(evacuations)}</dd>
        </div>
        <div className="facts__item">
          <dt>Sheltering in place</dt>
          <dd data-testid="shelters">{actorNames(shelters)}</dd>
        </div>
      </dl>
      {thresholds && (
        <ul className="thresholds" aria-label="Response thresholds" data-testid="thresholds">
          <Threshold crossed={thresholds.iawnNotify} testId="threshold-iawn" name="IAWN warns the world">
            probability over {IAWN_MIN_PROBABILITY * 100}%, larger than {IAWN_MIN_DIAMETER_M} m
          </Threshold>
          <Threshold crossed={thresholds.smpagOptions} testId="threshold-smpag" name="SMPAG prepares mission options">
            over {SMPAG_MIN_PROBABILITY * 100}%, larger than {SMPAG_MIN_DIAMETER_M} m, within {SMPAG_MAX_YEARS} years
          </Threshold>
          <Threshold crossed={thresholds.terrestrialPreparedness} testId="threshold-preparedness" name="Countries prepare on the ground">
            over {PREPAREDNESS_MIN_PROBABILITY * 100}%, larger than {PREPAREDNESS_MIN_DIAMETER_M} m, within {PREPAREDNESS_MAX_YEARS} years
          </Threshold>
        </ul>
      )}
      <figure className="sparkline">
        <ProbabilitySparkline estimates={estimates} />
        <figcaption className="muted">Impact probability by round</figcaption>
      </figure>
    </section>
  );
}

/** One international response threshold, crossed or not, said in words and with a mark (not by colour alone). */
function Threshold({ crossed, name, testId, children }: { crossed: boolean; name: string; testId: string; children: React.ReactNode }) {
  return (
    <li className={`threshold${crossed ? ' threshold--crossed' : ''}`} data-testid={testId} data-crossed={crossed}>
      <span className="threshold__mark" aria-hidden="true">
        {crossed ? '▲' : '○'}
      </span>
      <span>
        <strong>{name}</strong>: {crossed ? 'threshold crossed' : 'not crossed'} <span className="muted">({children})</span>
      </span>
    </li>
  );
}

const WIDTH_PX = 260;
const HEIGHT_PX = 92;
/** Room for the value labels on the left, the round labels below and the last value on the right. */
const LEFT_PX = 34;
const RIGHT_PX = 40;
const TOP_PX = 8;
const BOTTOM_PX = 18;

/** A round number as the chart's axis shows it: the discovery estimate is "start". */
const roundLabel = (round: number) => (round === 0 ? 'start' : `R${round}`);

/** The top of the probability axis: the next of 1%, 2%, 5%, 10%, 20%, 50%, 100% above the highest value. */
function axisTop(highest: number): number {
  return [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1].find((t) => t >= highest) ?? 1;
}

/** A line chart of the impact probability at each estimate so far, with its scale, the rounds and the latest value. */
export function ProbabilitySparkline({ estimates }: { estimates: EstimatePoint[] }) {
  const values = estimates.map((e) => e.impactProbability);
  const description = estimates.map((e) => `${e.round === 0 ? 'at discovery' : `round ${e.round}`}: ${formatProbability(e.impactProbability)}`).join(', ');
  if (values.length === 0) return null;
  const top = axisTop(Math.max(...values));
  const plotWidth = WIDTH_PX - LEFT_PX - RIGHT_PX;
  const bottom = HEIGHT_PX - BOTTOM_PX;
  const x = (i: number) => LEFT_PX + (values.length === 1 ? plotWidth / 2 : (i * plotWidth) / (values.length - 1));
  const y = (p: number) => bottom - (p / top) * (bottom - TOP_PX);
  const points = values.map((p, i) => `${x(i).toFixed(1)},${y(p).toFixed(1)}`).join(' ');
  const last = values.length - 1;
  return (
    <svg
      className="sparkline__chart"
      viewBox={`0 0 ${WIDTH_PX} ${HEIGHT_PX}`}
      width={WIDTH_PX}
      height={HEIGHT_PX}
      role="img"
      aria-label={`Impact probability by round: ${description}`}
      data-testid="probability-sparkline"
    >
      <line x1={LEFT_PX} x2={LEFT_PX + plotWidth} y1={TOP_PX} y2={TOP_PX} className="sparkline__grid" />
      <line x1={LEFT_PX} x2={LEFT_PX + plotWidth} y1={bottom} y2={bottom} className="sparkline__axis" />
      <text x={LEFT_PX - 4} y={TOP_PX + 4} textAnchor="end" className="sparkline__label">
        {Math.round(top * 100)}%
      </text>
      <text x={LEFT_PX - 4} y={bottom + 4} textAnchor="end" className="sparkline__label">
        0%
      </text>
      {estimates.map((e, i) => (
        <text key={i} x={x(i)} y={HEIGHT_PX - 4} textAnchor="middle" className="sparkline__label">
          {roundLabel(e.round)}
        </text>
      ))}
      {values.length > 1 && <polyline points={points} className="sparkline__line" />}
      {values.map((p, i) => (
        <circle key={i} cx={x(i)} cy={y(p)} r={i === last ? 3.5 : 2} className={i === last ? 'sparkline__last' : 'sparkline__point'} />
      ))}
      <text x={x(last) + 6} y={y(values[last]!) + 4} className="sparkline__value" data-testid="sparkline-latest">
        {formatProbability(values[last]!)}
      </text>
    </svg>
  );
}
