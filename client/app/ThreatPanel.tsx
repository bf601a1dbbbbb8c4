import type { EstimatePoint } from '../../shared/engine/state.js';
import type { PublicActor } from '../../shared/engine/view.js';
import { daysBetween, formatProbability, formatScenarioDate } from './format.js';
import { useDeflect } from './useDeflect.js';

const NO_ESTIMATES: EstimatePoint[] = [];
const NO_EVACUATIONS: string[] = [];
const NO_SHELTERS: string[] = [];
const NO_ACTORS: PublicActor[] = [];

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
  const encounterPlayed = useDeflect((s) => (s.view?.outcome ?? null) !== null);
  if (!asteroid || !exercise) return null;
  const latest = estimates[estimates.length - 1];
  const actorNames = (ids: string[]) => (ids.length === 0 ? 'None' : ids.map((id) => actors.find((a) => a.id === id)?.name ?? id).join(', '));
  const daysToImpact = daysBetween(exercise.scenarioDate, exercise.potentialImpactDate);
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
      <figure className="sparkline">
        <ProbabilitySparkline estimates={estimates} />
        <figcaption className="muted">Impact probability by round</figcaption>
      </figure>
    </section>
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
