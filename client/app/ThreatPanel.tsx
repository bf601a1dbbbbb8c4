import { hazardAssessment, IAWN_MIN_DIAMETER_M, IAWN_MIN_PROBABILITY, PREPAREDNESS_MAX_YEARS, PREPAREDNESS_MIN_DIAMETER_M, PREPAREDNESS_MIN_PROBABILITY, SMPAG_MAX_YEARS, SMPAG_MIN_DIAMETER_M, SMPAG_MIN_PROBABILITY } from '../../shared/physics/hazard.js';
import type { EstimatePoint } from '../../shared/engine/state.js';
import type { PublicActor, PublicRoundResult } from '../../shared/engine/view.js';
import { daysBetween, formatPalermo, formatProbability, formatScenarioDate } from './format.js';
import { useDeflect } from './useDeflect.js';

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
  const encounterPlayed = useDeflect((s) => (s.view?.outcome ?? null) !== null);
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
          <dt>Torino scale</dt>
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
          <dt>Palermo scale</dt>
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
          <dt>IAWN notification</dt>
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

const WIDTH_PX = 240;
const HEIGHT_PX = 48;
const PAD_PX = 4;

/** A small line chart of the impact probability across the estimates so far. */
export function ProbabilitySparkline({ estimates }: { estimates: EstimatePoint[] }) {
  const values = estimates.map((e) => e.impactProbability);
  const description = estimates.map((e) => `round ${e.round}: ${formatProbability(e.impactProbability)}`).join(', ');
  if (values.length === 0) return null;
  const top = Math.max(...values) * 1.1 || 1;
  const x = (i: number) => (values.length === 1 ? WIDTH_PX / 2 : PAD_PX + (i * (WIDTH_PX - 2 * PAD_PX)) / (values.length - 1));
  const y = (p: number) => HEIGHT_PX - PAD_PX - (p / top) * (HEIGHT_PX - 2 * PAD_PX);
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
      <line x1={PAD_PX} x2={WIDTH_PX - PAD_PX} y1={HEIGHT_PX - PAD_PX} y2={HEIGHT_PX - PAD_PX} className="sparkline__axis" />
      <polyline points={points} className="sparkline__line" />
      {values.map((p, i) => (
        <circle key={i} cx={x(i)} cy={y(p)} r={i === last ? 3.5 : 2} className={i === last ? 'sparkline__last' : 'sparkline__point'} />
      ))}
    </svg>
  );
}
