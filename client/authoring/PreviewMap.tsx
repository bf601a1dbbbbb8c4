import { geoPath } from 'd3-geo';
import { useEffect, useMemo, useState } from 'react';
import { createCorridor, encounterToCorridor } from '../../shared/geo/corridor.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { formatKm } from '../app/format.js';
import { fitToCorridor } from '../app/mapLayout.js';
import { loadWorldMap, type WorldMapData } from '../app/worldMapData.js';

const WIDTH_PX = 640;
const HEIGHT_PX = 360;

/** The scenario's risk corridor on the world map, without an exercise: its named places, the first published estimate and (for the author only) the hidden truth. */
export function PreviewMap({ scenario }: { scenario: Scenario }) {
  const [world, setWorld] = useState<WorldMapData | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadWorldMap().then(
      (w) => live && setWorld(w),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const { points } = scenario.riskCorridor;
  const { captureRadiusKm, initialEstimate, truth } = scenario.asteroid;
  const corridor = useMemo(() => {
    try {
      return createCorridor(points);
    } catch {
      return null;
    }
  }, [points]);
  const projection = useMemo(() => fitToCorridor(points, WIDTH_PX, HEIGHT_PX), [points]);
  const path = useMemo(() => geoPath(projection), [projection]);
  const crossed = useMemo(() => (world && corridor ? [...world.crossedBy(corridor)].sort() : null), [world, corridor]);
  if (!corridor) return <p className="muted">The corridor cannot be drawn: two neighbouring points are antipodal, so the arc between them is undefined.</p>;
  const first = encounterToCorridor(corridor, initialEstimate.meanKm, captureRadiusKm);
  const struck = encounterToCorridor(corridor, truth.encounterKm, captureRadiusKm);
  const xy = (p: { lat: number; lon: number }) => projection([p.lon, p.lat]) ?? [0, 0];
  const line = path({ type: 'LineString', coordinates: points.map((p) => [p.lon, p.lat]) }) ?? '';
  const labelled = points.filter((p) => p.label);
  const summary = `Map: the risk corridor, ${formatKm(corridor.lengthKm)} long, from ${labelled[0]?.label ?? 'its first point'} to ${labelled.at(-1)?.label ?? 'its last point'}${
    crossed && crossed.length > 0 ? `, over ${crossed.join(', ')}` : ''
  }.`;

  return (
    <figure className="authoring-map" data-testid="preview-map">
      <svg className="authoring-map__svg" viewBox={`0 0 ${WIDTH_PX} ${HEIGHT_PX}`} role="img" aria-label={summary}>
        <rect className="authoring-map__sea" width={WIDTH_PX} height={HEIGHT_PX} />
        {world?.countries.map((c, i) => (
          <path key={i} className={`authoring-map__country${crossed?.includes(c.properties.name) ? ' authoring-map__country--crossed' : ''}`} d={path(c) ?? ''} />
        ))}
        <path className="authoring-map__corridor" d={line} data-testid="preview-corridor" />
        {points.map((p, i) => {
          const [x, y] = xy(p);
          return (
            <g key={i}>
              <circle className="authoring-map__vertex" cx={x} cy={y} r={3} />
              {p.label && (
                <text className="authoring-map__label" x={x + 5} y={y - 5}>
                  {p.label}
                </text>
              )}
            </g>
          );
        })}
        {first && <circle className="authoring-map__first" cx={xy(first)[0]} cy={xy(first)[1]} r={6} />}
        {struck && <path className="authoring-map__truth" d={`M${xy(struck)[0] - 6},${xy(struck)[1] - 6}l12,12m0,-12l-12,12`} />}
      </svg>
      <figcaption className="authoring-map__caption">
        <p>{scenario.riskCorridor.description}</p>
        <ul className="authoring-map__legend">
          <li>
            <span className="authoring-map__key authoring-map__key--corridor" aria-hidden="true" /> Corridor, {formatKm(corridor.lengthKm)}
            {crossed ? (crossed.length > 0 ? `, over ${crossed.join(', ')}` : ', over the sea only') : ''}
          </li>
          <li>
            <span className="authoring-map__key authoring-map__key--first" aria-hidden="true" /> First estimate:{' '}
            {first ? `${formatKm(first.distanceKm)} along the corridor` : 'outside the capture radius (a miss)'}
          </li>
          <li>
            <span className="authoring-map__key authoring-map__key--truth" aria-hidden="true" /> The hidden truth (players never see it):{' '}
            {struck ? `strikes ${formatKm(struck.distanceKm)} along the corridor` : 'a miss'}
          </li>
        </ul>
        {failed && <p className="muted">The countries could not be loaded; the corridor is drawn alone.</p>}
      </figcaption>
    </figure>
  );
}
