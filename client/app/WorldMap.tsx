import { geoAzimuthalEquidistant, geoCircle, geoGraticule10, geoPath } from 'd3-geo';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { createCorridor, encounterToCorridor, type Corridor } from '../../shared/geo/corridor.js';
import type { EstimatePoint } from '../../shared/engine/state.js';
import { formatKm } from './format.js';
import { estimateTextWidth, placeLabels, type MeasureText } from './labels.js';
import { closeUpBox, drawingBounds, fitToCorridor, MAP_SIZES, mapLabelRequests, type WorldMapVariant } from './mapLayout.js';
import { countryWords, latLonWords, placeWords, predictionSentence, probabilityTrend } from './mapWords.js';
import type { EncounterPlace } from './preview.js';
import { useDeflect } from './useDeflect.js';
import { loadWorldMap, type StrikeRadiiKm, type WorldMapData } from './worldMapData.js';
import './map.css';

export type { WorldMapVariant } from './mapLayout.js';

const SIZES = MAP_SIZES;

// One degree of arc on the corridor's sphere (6371 km), for turning damage radii into geoCircle radii.
const KM_PER_DEGREE = 111.195;
// Points sampled along the uncertainty band (mean ± 1σ) so that it follows the corridor's bends.
const BAND_SAMPLES = 40;
const EARTH_RADIUS_KM = 6371;
// Scale-bar lengths the close-up picks from: the longest that fits in most of its half-width.
const SCALE_BAR_KM = [5, 10, 20, 50, 100, 200, 500, 1000, 2000];

type CorridorPoint = { lat: number; lon: number; label: string | null };
/** No corridor yet: one empty list, so the selector answers the same object every time. */
const NO_POINTS: readonly CorridorPoint[] = [];
const NO_ESTIMATES: readonly EstimatePoint[] = [];

/** What a strike at the predicted point would do, at both ends of the size range: the map draws the larger. */
interface IfItStrikes {
  smallest: { diameterM: number } & StrikeRadiiKm;
  largest: { diameterM: number } & StrikeRadiiKm;
}

/**
 * The risk corridor on a world map: the corridor as great-circle arcs with its named places,
 * the predicted impact point and its ±1σ band from the latest public estimate with the damage
 * rings a strike there would have (before any outcome, for the largest size the body may have),
 * and, once the exercise has an outcome, where the body struck with its damage rings. Countries
 * and the impact model load lazily.
 */
export function WorldMap({ variant = 'player', aside }: { variant?: WorldMapVariant; /** Shown under the legend (the projector's news ticker). */ aside?: ReactNode }) {
  // Patches keep unchanged parts of the view as the same objects, so selecting them is enough.
  const points = useDeflect((s) => s.view?.riskCorridor.points ?? NO_POINTS);
  const captureRadiusKm = useDeflect((s) => s.view?.asteroid.captureRadiusKm ?? null);
  const meanKm = useDeflect((s) => s.view?.estimates.at(-1)?.meanKm ?? null);
  const sigmaKm = useDeflect((s) => s.view?.estimates.at(-1)?.sigmaKm ?? null);
  const estimates = useDeflect((s) => s.view?.estimates ?? NO_ESTIMATES);
  const impactProbability = estimates.at(-1)?.impactProbability ?? null;
  const outcome = useDeflect((s) => s.view?.outcome ?? null);
  const body = useDeflect((s) => s.view?.asteroid ?? null);
  const world = useWorldMap();

  const corridor = useMemo(() => (points.length >= 2 ? createCorridor(points.map((p) => ({ ...p, label: p.label ?? undefined }))) : null), [points]);
  const predicted = corridor && meanKm !== null && captureRadiusKm !== null ? encounterToCorridor(corridor, meanKm, captureRadiusKm) : null;
  const strikeWorld = world.data;
  // The radii depend on the body alone, not on where it strikes: computed once per exercise.
  const ifItStrikesAnywhere = useMemo<IfItStrikes | null>(() => {
    if (!strikeWorld || !body) return null;
    const { densityKgM3, entrySpeedKmS: velocityKmS, entryAngleDeg: angleDeg } = body;
    const at = (diameterM: number) => ({ diameterM, ...strikeWorld.strikeRadiiKm({ diameterM, densityKgM3, velocityKmS, angleDeg }) });
    return { smallest: at(body.diameterMinM), largest: at(body.diameterMaxM) };
  }, [strikeWorld, body]);
  if (!corridor || captureRadiusKm === null) return null;

  const { widthPx, heightPx, fontPx } = SIZES[variant];
  const ifItStrikes = predicted && !outcome ? ifItStrikesAnywhere : null;
  const band = meanKm !== null && sigmaKm !== null ? uncertaintyBand(corridor, meanKm, sigmaKm, captureRadiusKm) : null;
  const impact = outcome?.impactPoint ?? null;
  const consequences = outcome?.consequences ?? null;
  const undeflected = consequences?.undeflectedPoint ?? null;
  const labelled = corridor.vertices.filter((v) => v.label !== null);
  const from = labelled[0]?.label ?? 'its start';
  const to = labelled[labelled.length - 1]?.label ?? 'its end';

  // Until the countries have loaded, a place is only its coordinates.
  const named = (p: { lat: number; lon: number }) => (world.data ? placeWords(world.data.placeAt(p.lat, p.lon, corridor)) : `at ${latLonWords(p.lat, p.lon)}`);
  const placeName = (p: { lat: number; lon: number; countryName: string | null }) =>
    world.data ? `${named(p)} (${latLonWords(p.lat, p.lon)})` : `${latLonWords(p.lat, p.lon)} (${p.countryName ?? 'open ocean'})`;
  const prediction = predictionSentence({
    inside: meanKm === null ? null : predicted !== null,
    place: predicted ? named(predicted) : null,
    impactProbability,
    trend: probabilityTrend(estimates.map((e) => e.impactProbability)),
  });
  const summary = [
    `Map: risk corridor from ${from} to ${to}.`,
    impact
      ? `Impact ${placeName(impact)}${ringsSentence(consequences?.severeRadiusKm ?? null, consequences?.exposedRadiusKm ?? null)}${
          undeflected ? `; without deflection it would have struck ${placeName(undeflected)}` : ''
        }.`
      : outcome
        ? `No impact: ${outcome.summary}`
        : prediction + (ifItStrikes ? ` ${ifItStrikesSentence(ifItStrikes)}` : ''),
  ].join(' ');

  return (
    <section className={`panel worldmap worldmap--${variant}`} aria-labelledby={`worldmap-heading-${variant}`} data-testid="world-map">
      <h2 id={`worldmap-heading-${variant}`}>Risk corridor</h2>
      <div className="worldmap__body">
        <figure className="worldmap__figure">
          <svg
            className="worldmap__svg"
            viewBox={`0 0 ${widthPx} ${heightPx}`}
            role="img"
            aria-label={summary}
            data-testid="world-map-svg"
            style={{ fontSize: fontPx }}
          >
            <rect className="worldmap__frame" width={widthPx} height={heightPx} />
            {world.data && (
              <MapDrawing
                world={world.data}
                corridor={corridor}
                points={points}
                size={SIZES[variant]}
                predicted={outcome ? null : predicted}
                band={outcome ? null : band}
                ifItStrikes={ifItStrikes}
                outcome={impact ? { impact, undeflected, severeRadiusKm: consequences?.severeRadiusKm ?? null, exposedRadiusKm: consequences?.exposedRadiusKm ?? null } : null}
              />
            )}
          </svg>
          {!world.data && (
            <p className="worldmap__status muted" role="status">
              {world.failed ? 'The map could not be loaded.' : 'Loading map…'}
            </p>
          )}
        </figure>
        <div className="worldmap__side">
          <p className="worldmap__prediction" data-testid="map-prediction">
            {impact ? `Impact ${placeName(impact)}.` : outcome ? outcome.summary : prediction}
          </p>
          {ifItStrikes && (
            <p className="worldmap__if" data-testid="map-if-strikes">
              {ifItStrikesSentence(ifItStrikes)}
            </p>
          )}
          <MapLegend
            predicted={!outcome && predicted !== null}
            band={!outcome && band !== null}
            ifItStrikes={ifItStrikes}
            outcome={impact !== null}
            undeflected={undeflected !== null}
            consequences={consequences}
          />
          {aside}
        </div>
      </div>
    </section>
  );
}

type Place = { lat: number; lon: number };

/** The map itself, drawn once the countries have loaded. */
function MapDrawing({
  world,
  corridor,
  points,
  size,
  predicted,
  band,
  ifItStrikes,
  outcome,
}: {
  world: WorldMapData;
  corridor: Corridor;
  points: readonly CorridorPoint[];
  size: { widthPx: number; heightPx: number; fontPx: number };
  predicted: Place | null;
  band: [number, number][] | null;
  ifItStrikes: IfItStrikes | null;
  outcome: { impact: Place; undeflected: Place | null; severeRadiusKm: number | null; exposedRadiusKm: number | null } | null;
}) {
  const { widthPx, heightPx, fontPx } = size;
  const projection = useMemo(() => fitToCorridor(points, widthPx, heightPx), [points, widthPx, heightPx]);
  const path = useMemo(() => geoPath(projection), [projection]);
  const countryShapes = useMemo(() => world.countries.map((c) => ({ name: c.properties.name, d: path(c) ?? '' })), [world, path]);
  const crossed = useMemo(() => world.crossedBy(corridor), [world, corridor]);

  const xy = (p: Place): [number, number] => projection([p.lon, p.lat]) ?? [0, 0];
  const impact = outcome?.impact ?? null;
  const undeflected = outcome?.undeflected ?? null;
  const ring = (centre: Place | null, radiusKm: number | null) =>
    centre && radiusKm !== null && radiusKm > 0 ? path(geoCircle().center([centre.lon, centre.lat]).radius(radiusKm / KM_PER_DEGREE)()) : null;
  const exposedRing = ring(impact, outcome?.exposedRadiusKm ?? null);
  const severeRing = ring(impact, outcome?.severeRadiusKm ?? null);
  const ifExposedRing = ring(ifItStrikes ? predicted : null, ifItStrikes?.largest.exposedKm ?? null);
  const ifSevereRing = ring(ifItStrikes ? predicted : null, ifItStrikes?.largest.severeKm ?? null);
  // At the corridor's scale the rings are a few pixels wide: a close-up shows them to scale, with the place around them.
  const closeUp: CloseUpSubject | null = impact
    ? { centre: impact, kind: 'impact', severeKm: outcome?.severeRadiusKm ?? null, exposedKm: outcome?.exposedRadiusKm ?? null }
    : ifItStrikes && predicted
      ? { centre: predicted, kind: 'predicted', ...ifItStrikes.largest }
      : null;
  const closeUpAt = closeUp ? closeUpBox(xy(closeUp.centre), widthPx, heightPx) : null;
  const measure = useTextMeasure();
  // Impact and prediction first, then where it would have struck, then the corridor's places; none covers another or the close-up.
  const labels = useMemo(
    () =>
      placeLabels(
        mapLabelRequests(points, { predicted, impact, undeflected }, (p) => projection([p.lon, p.lat]) ?? [0, 0], fontPx),
        drawingBounds(widthPx, heightPx),
        closeUpAt ? [closeUpAt] : [],
        measure,
      ),
    // The places and boxes as plain numbers: the objects are made anew on each render.
    [points, predicted?.lat, predicted?.lon, impact?.lat, impact?.lon, undeflected?.lat, undeflected?.lon, projection, fontPx, widthPx, heightPx, closeUpAt?.x, closeUpAt?.y, closeUpAt?.width, measure],
  );

  return (
    <g data-testid="map-drawing">
      <path className="worldmap__ocean" d={path({ type: 'Sphere' }) ?? ''} />
      <path className="worldmap__graticule" d={path(geoGraticule10()) ?? ''} />
      {countryShapes.map((c, i) => (
        <path key={i} className={crossed.has(c.name) ? 'worldmap__country worldmap__country--crossed' : 'worldmap__country'} d={c.d}>
          <title>{c.name}</title>
        </path>
      ))}
      {exposedRing && <path className="worldmap__ring worldmap__ring--exposed" d={exposedRing} data-testid="map-exposed-ring" />}
      {severeRing && <path className="worldmap__ring worldmap__ring--severe" d={severeRing} data-testid="map-severe-ring" />}
      {ifExposedRing && <path className="worldmap__ring worldmap__ring--if-exposed" d={ifExposedRing} data-testid="map-if-exposed-ring" />}
      {ifSevereRing && <path className="worldmap__ring worldmap__ring--if-severe" d={ifSevereRing} data-testid="map-if-severe-ring" />}
      <path className="worldmap__corridor" d={path({ type: 'LineString', coordinates: points.map((p) => [p.lon, p.lat]) }) ?? ''} data-testid="map-corridor" />
      {band && <path className="worldmap__band" d={path({ type: 'LineString', coordinates: band }) ?? ''} data-testid="map-uncertainty" />}
      {points.map((p, i) => {
        const [x, y] = xy(p);
        return <circle key={i} className="worldmap__place-dot" cx={x} cy={y} r={fontPx * 0.22} />;
      })}
      {predicted && <Marker kind="predicted" at={xy(predicted)} fontPx={fontPx} />}
      {impact && undeflected && (
        <path
          className="worldmap__shift"
          data-testid="map-shift"
          d={
            path({
              type: 'LineString',
              coordinates: [
                [undeflected.lon, undeflected.lat],
                [impact.lon, impact.lat],
              ],
            }) ?? ''
          }
        />
      )}
      {undeflected && <Marker kind="undeflected" at={xy(undeflected)} fontPx={fontPx} />}
      {impact && <Marker kind="impact" at={xy(impact)} fontPx={fontPx} />}
      {closeUp && closeUpAt && <CloseUp countries={world.countries} {...closeUp} size={size} at={closeUpAt} />}
      <g className="worldmap__labels" data-testid="map-labels">
        {labels.placed.map((l) => (
          <g key={l.id} className={l.priority === 2 ? 'worldmap__place' : `worldmap__marker-label-group worldmap__marker-label-group--${l.id.replace('marker-', '')}`}>
            {l.leader && <line className="worldmap__leader" x1={l.leader.x1} y1={l.leader.y1} x2={l.leader.x2} y2={l.leader.y2} />}
            <text x={l.x} y={l.y} textAnchor={l.textAnchor} className={l.priority === 2 ? 'worldmap__label' : 'worldmap__label worldmap__marker-label'} data-label-id={l.id}>
              {l.text}
            </text>
          </g>
        ))}
      </g>
    </g>
  );
}

/** What the close-up centres on: the impact with its rings, or the predicted point with those a strike there would have. */
interface CloseUpSubject extends StrikeRadiiKm {
  centre: Place;
  kind: 'impact' | 'predicted';
}

/** The ring styles of each subject, outer ring first: done damage is filled, possible damage outlined. */
const CLOSE_UP_RINGS = {
  impact: [
    ['exposedKm', 'exposed'],
    ['severeKm', 'severe'],
  ],
  predicted: [
    ['exposedKm', 'if-exposed'],
    ['severeKm', 'if-severe'],
  ],
} as const;

/**
 * An inset in the corner away from its subject: the few hundred kilometres around the impact (or
 * the predicted point) on an azimuthal equidistant projection centred there, so the damage rings
 * are true circles to scale, with the countries around them and a scale bar.
 */
function CloseUp({
  countries,
  centre,
  kind,
  severeKm,
  exposedKm,
  size,
  at,
}: CloseUpSubject & { countries: WorldMapData['countries']; size: { widthPx: number; heightPx: number; fontPx: number }; /** The inset's square (`closeUpBox`). */ at: { x: number; y: number; width: number } }) {
  const clipId = `closeup-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const { fontPx } = size;
  const { x: x0, y: y0, width: sidePx } = at;
  // Half of what the inset spans: the outer ring with room around it, never less than a city's width.
  const viewKm = Math.max(25, (exposedKm ?? 0) * 1.35, (severeKm ?? 0) * 1.35);
  const pxPerKm = sidePx / 2 / viewKm;
  const { lat, lon } = centre;
  const shapes = useMemo(() => {
    const radiiKm = { severeKm, exposedKm };
    const projection = geoAzimuthalEquidistant()
      .rotate([-lon, -lat])
      .scale((sidePx / 2) * (EARTH_RADIUS_KM / viewKm))
      .translate([x0 + sidePx / 2, y0 + sidePx / 2])
      .clipAngle(Math.min(170, (2 * viewKm) / KM_PER_DEGREE));
    const path = geoPath(projection);
    return {
      countries: countries.map((c) => path(c) ?? '').filter((d) => d !== ''),
      rings: CLOSE_UP_RINGS[kind].flatMap(([field, style]) => {
        const radiusKm = radiiKm[field];
        return radiusKm !== null && radiusKm > 0 ? [{ style, d: path(geoCircle().center([lon, lat]).radius(radiusKm / KM_PER_DEGREE)()) ?? '' }] : [];
      }),
    };
  }, [countries, lat, lon, kind, severeKm, exposedKm, viewKm, sidePx, x0, y0]);
  const barKm = [...SCALE_BAR_KM].reverse().find((km) => km <= viewKm * 0.8) ?? SCALE_BAR_KM[0]!;
  const small = fontPx * 0.85;
  return (
    <g className="worldmap__closeup" data-testid="map-closeup">
      <clipPath id={clipId}>
        <rect x={x0} y={y0} width={sidePx} height={sidePx} />
      </clipPath>
      <rect className="worldmap__closeup-frame" x={x0} y={y0} width={sidePx} height={sidePx} />
      <g clipPath={`url(#${clipId})`}>
        {shapes.countries.map((d, i) => (
          <path key={i} className="worldmap__country" d={d} />
        ))}
        {shapes.rings.map((r) => (
          <path key={r.style} className={`worldmap__ring worldmap__ring--${r.style}`} d={r.d} data-testid={`map-closeup-ring-${r.style}`} />
        ))}
        <MarkerShape kind={kind} x={x0 + sidePx / 2} y={y0 + sidePx / 2} size={fontPx} />
      </g>
      <text x={x0 + 4} y={y0 + small + 2} className="worldmap__closeup-title" style={{ fontSize: small }}>
        Close-up, to scale
      </text>
      <g className="worldmap__scalebar" data-testid="map-closeup-scale">
        <line x1={x0 + 6} x2={x0 + 6 + barKm * pxPerKm} y1={y0 + sidePx - 8} y2={y0 + sidePx - 8} />
        <text x={x0 + 6} y={y0 + sidePx - 12} style={{ fontSize: small }}>
          {formatKm(barKm)}
        </text>
      </g>
    </g>
  );
}

/** The map's key in words, each with a sample of its line or symbol, so colour is never the only cue. */
function MapLegend({
  predicted,
  band,
  ifItStrikes,
  outcome,
  undeflected,
  consequences,
}: {
  predicted: boolean;
  band: boolean;
  ifItStrikes: IfItStrikes | null;
  outcome: boolean;
  undeflected: boolean;
  consequences: { severeRadiusKm: number | null; exposedRadiusKm: number | null } | null;
}) {
  return (
    <ul className="worldmap__legend" aria-label="Map legend">
      <LegendItem swatch={<line x1={2} y1={8} x2={30} y2={8} className="worldmap__corridor" />}>Risk corridor (thin solid blue line)</LegendItem>
      {band && (
        <LegendItem swatch={<line x1={4} y1={8} x2={28} y2={8} className="worldmap__band" />}>
          Likely impact stretch: predicted point ± 1 standard deviation (thick orange band)
        </LegendItem>
      )}
      {predicted && <LegendItem swatch={<MarkerShape kind="predicted" x={16} y={8} size={12} />}>Predicted impact point (vermillion dot)</LegendItem>}
      {ifItStrikes?.largest.severeKm != null && (
        <LegendItem swatch={<rect x={4} y={2} width={24} height={12} className="worldmap__ring worldmap__ring--if-severe" />}>
          If it strikes there, wood-frame houses collapse within {formatKm(ifItStrikes.largest.severeKm)} (vermillion outline, for the largest size,{' '}
          {Math.round(ifItStrikes.largest.diameterM)} m)
        </LegendItem>
      )}
      {ifItStrikes?.largest.exposedKm != null && (
        <LegendItem swatch={<rect x={4} y={2} width={24} height={12} className="worldmap__ring worldmap__ring--if-exposed" />}>
          If it strikes there, windows shatter within {formatKm(ifItStrikes.largest.exposedKm)} (dotted sky-blue outline, same size)
        </LegendItem>
      )}
      <LegendItem swatch={<rect x={4} y={2} width={24} height={12} className="worldmap__country worldmap__country--crossed" />}>
        Countries under the corridor (shaded yellow)
      </LegendItem>
      {outcome && (
        <>
          <LegendItem swatch={<MarkerShape kind="impact" x={16} y={8} size={12} />}>Impact point (black cross)</LegendItem>
          {consequences?.severeRadiusKm != null && (
            <LegendItem swatch={<rect x={4} y={2} width={24} height={12} className="worldmap__ring worldmap__ring--severe" />}>
              Wood-frame houses collapse: within {formatKm(consequences.severeRadiusKm)} (solid vermillion ring)
            </LegendItem>
          )}
          {consequences?.exposedRadiusKm != null && (
            <LegendItem swatch={<rect x={4} y={2} width={24} height={12} className="worldmap__ring worldmap__ring--exposed" />}>
              Windows shatter: within {formatKm(consequences.exposedRadiusKm)} (dashed sky-blue ring)
            </LegendItem>
          )}
          {undeflected && (
            <LegendItem
              swatch={
                <>
                  <line x1={4} y1={8} x2={28} y2={8} className="worldmap__shift" />
                  <MarkerShape kind="undeflected" x={6} y={8} size={10} />
                </>
              }
            >
              Where it would have struck without deflection (hollow purple ring, dashed line to the impact)
            </LegendItem>
          )}
        </>
      )}
    </ul>
  );
}

function LegendItem({ swatch, children }: { swatch: ReactNode; children: ReactNode }) {
  return (
    <li className="worldmap__legend-item">
      <svg className="worldmap__swatch" viewBox="0 0 32 16" width={32} height={16} aria-hidden="true">
        {swatch}
      </svg>
      <span>{children}</span>
    </li>
  );
}

/** A marker's symbol; its label is placed with the others (`placeLabels`). */
function Marker({ kind, at, fontPx }: { kind: MarkerKind; at: [number, number]; fontPx: number }) {
  const [x, y] = at;
  return (
    <g className={`worldmap__marker worldmap__marker--${kind}`} data-testid={`map-${kind}`}>
      <MarkerShape kind={kind} x={x} y={y} size={fontPx * 1.1} />
    </g>
  );
}

/**
 * Measures label text as the browser sets it (a canvas with the page's font, bold, as marker
 * labels are), a little generously; the character-count estimate where there is no canvas.
 */
function useTextMeasure(): MeasureText {
  return useMemo(() => {
    const context = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (!context) return estimateTextWidth;
    const family = getComputedStyle(document.documentElement).fontFamily || 'sans-serif';
    return (text: string, fontPx: number) => {
      context.font = `700 ${fontPx}px ${family}`;
      return context.measureText(text).width * 1.06 + fontPx * 0.2;
    };
  }, []);
}

type MarkerKind = 'predicted' | 'impact' | 'undeflected';

function MarkerShape({ kind, x, y, size }: { kind: MarkerKind; x: number; y: number; size: number }) {
  const r = size / 2;
  if (kind === 'impact') {
    return (
      <path
        className="worldmap__symbol worldmap__symbol--impact"
        d={`M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`}
      />
    );
  }
  return <circle className={`worldmap__symbol worldmap__symbol--${kind}`} cx={x} cy={y} r={kind === 'predicted' ? r * 0.7 : r * 0.8} />;
}

/**
 * Names the place an encounter point inside the capture radius strikes ("near Nairobi, Kenya"),
 * for the mission previews; undefined until the countries have loaded or without a corridor.
 */
export function useEncounterPlace(): EncounterPlace | undefined {
  const points = useDeflect((s) => s.view?.riskCorridor.points ?? NO_POINTS);
  const captureRadiusKm = useDeflect((s) => s.view?.asteroid.captureRadiusKm ?? null);
  const world = useWorldMap().data;
  return useMemo(() => {
    if (!world || points.length < 2 || captureRadiusKm === null) return undefined;
    const corridor = createCorridor(points.map((p) => ({ ...p, label: p.label ?? undefined })));
    return (encounterKm: number) => {
      const at = encounterToCorridor(corridor, encounterKm, captureRadiusKm);
      if (!at) return null;
      const place = world.placeAt(at.lat, at.lon, corridor);
      return { words: placeWords(place), country: place.country === null ? null : countryWords(place.country) };
    };
  }, [world, points, captureRadiusKm]);
}

/** Loads the countries once the map is on screen (a lazily loaded chunk); until then the map says so. */
function useWorldMap(): { data: WorldMapData | null; failed: boolean } {
  const [state, setState] = useState<{ data: WorldMapData | null; failed: boolean }>({ data: null, failed: false });
  useEffect(() => {
    let live = true;
    loadWorldMap().then(
      (data) => live && setState({ data, failed: false }),
      () => live && setState({ data: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** The stretch of corridor from mean − σ to mean + σ, clipped to the capture disc [−b, b], as [lon, lat] samples; null if it misses the disc. */
function uncertaintyBand(corridor: Corridor, meanKm: number, sigmaKm: number, captureRadiusKm: number): [number, number][] | null {
  const lo = Math.max(-captureRadiusKm, meanKm - sigmaKm);
  const hi = Math.min(captureRadiusKm, meanKm + sigmaKm);
  if (!(lo < hi)) return null;
  const band: [number, number][] = [];
  for (let i = 0; i <= BAND_SAMPLES; i++) {
    const p = encounterToCorridor(corridor, lo + ((hi - lo) * i) / BAND_SAMPLES, captureRadiusKm);
    if (p) band.push([p.lon, p.lat]);
  }
  return band.length >= 2 ? band : null;
}

/** A strike at the predicted point in words: the harm's reach over the size range, smallest to largest. */
function ifItStrikesSentence({ smallest, largest }: IfItStrikes): string {
  const reach = (small: number | null, large: number | null) =>
    large === null ? null : small === null || Math.round(small) === Math.round(large) ? formatKm(large) : `${formatKm(small).replace(' km', '')}–${formatKm(large)}`;
  const severe = reach(smallest.severeKm, largest.severeKm);
  const exposed = reach(smallest.exposedKm, largest.exposedKm);
  const sizes = `${Math.round(smallest.diameterM)}–${Math.round(largest.diameterM)} m`;
  const harms = [severe && `wood-frame houses collapse within ${severe}`, exposed && `windows shatter within ${exposed}`].filter(Boolean).join(' and ');
  return harms ? `If it strikes there, ${harms}, depending on its size (${sizes}).` : `If it strikes there, a body of ${sizes} does no harm on the ground.`;
}

function ringsSentence(severeRadiusKm: number | null, exposedRadiusKm: number | null): string {
  const parts = [
    severeRadiusKm !== null ? `wood-frame houses collapse within ${formatKm(severeRadiusKm)}` : null,
    exposedRadiusKm !== null ? `windows shatter within ${formatKm(exposedRadiusKm)}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? `; ${parts.join(', ')}` : '';
}
