// The world map's geometry without React: its drawing sizes, the projection fitted to a corridor,
// and the labels it asks `placeLabels` to place, so that tests place the real scenarios' labels.
import { geoBounds, geoEquirectangular, type GeoProjection } from 'd3-geo';
import type { LabelBox, LabelRequest } from './labels.js';

/** Where the map is shown: sets its drawing size and type size (the SVG then scales to its box). */
export type WorldMapVariant = 'player' | 'console' | 'display';

/** Drawing size (user units) and type size of each variant. */
export const MAP_SIZES: Record<WorldMapVariant, { widthPx: number; heightPx: number; fontPx: number }> = {
  player: { widthPx: 600, heightPx: 320, fontPx: 12 },
  console: { widthPx: 560, heightPx: 320, fontPx: 12 },
  display: { widthPx: 1100, heightPx: 520, fontPx: 20 },
};

/** Margin between the drawing's frame and the fitted corridor. */
export const MAP_MARGIN_PX = 8;

/** A named point of the corridor, as the view carries it. */
export interface MapPoint {
  lat: number;
  lon: number;
  label: string | null;
}

/** The markers the map labels, each where it is on the Earth (null when absent). */
export interface MapMarkers {
  predicted: { lat: number; lon: number } | null;
  impact: { lat: number; lon: number } | null;
  undeflected: { lat: number; lon: number } | null;
}

/**
 * An equirectangular projection centred on the corridor and fitted to its extent with a
 * margin of a few degrees, rotated so that a corridor across the antimeridian stays whole.
 */
export function fitToCorridor(points: readonly { lat: number; lon: number }[], widthPx: number, heightPx: number): GeoProjection {
  const projection = geoEquirectangular();
  const extent: [[number, number], [number, number]] = [
    [MAP_MARGIN_PX, MAP_MARGIN_PX],
    [widthPx - MAP_MARGIN_PX, heightPx - MAP_MARGIN_PX],
  ];
  if (points.length === 0) return projection.fitExtent(extent, { type: 'Sphere' });
  const [[west, south], [east, north]] = geoBounds({ type: 'LineString', coordinates: points.map((p) => [p.lon, p.lat]) });
  const widthDeg = east >= west ? east - west : east - west + 360;
  const centreLon = west + widthDeg / 2;
  const halfWidthDeg = Math.min(179, widthDeg / 2 + Math.max(8, widthDeg * 0.1));
  const padLatDeg = Math.max(8, (north - south) * 0.2);
  projection.rotate([-centreLon, 0]);
  return projection.fitExtent(extent, {
    type: 'MultiPoint',
    coordinates: [
      [centreLon - halfWidthDeg, Math.max(-89, south - padLatDeg)],
      [centreLon + halfWidthDeg, Math.min(89, north + padLatDeg)],
    ],
  });
}

/** The words on the map's markers, which the labels and the legend share. */
export const MARKER_LABELS = { predicted: 'Predicted', impact: 'Impact', undeflected: 'Undeflected' } as const;

/**
 * The labels of one map: the markers' (the impact and the prediction first, then where it would
 * have struck undeflected) and the corridor's named places, at their projected positions.
 */
export function mapLabelRequests(points: readonly MapPoint[], markers: MapMarkers, project: (p: { lat: number; lon: number }) => [number, number], fontPx: number): LabelRequest[] {
  const marker = (kind: keyof MapMarkers, priority: 0 | 1): LabelRequest[] => {
    const at = markers[kind];
    return at ? [{ id: `marker-${kind}`, text: MARKER_LABELS[kind], anchor: project(at), priority, fontPx, gapPx: fontPx * 0.8 }] : [];
  };
  return [
    ...marker('impact', 0),
    ...marker('predicted', 0),
    ...marker('undeflected', 1),
    ...points.flatMap((p, i): LabelRequest[] =>
      p.label ? [{ id: `place-${i}`, text: p.label, anchor: project(p), priority: 2, fontPx, gapPx: fontPx * 0.45 }] : [],
    ),
  ];
}

/** The whole drawing as a box, for keeping labels inside it. */
export function drawingBounds(widthPx: number, heightPx: number): LabelBox {
  return { x: 2, y: 2, width: widthPx - 4, height: heightPx - 4 };
}

/** Where the close-up inset sits: the corner away from its subject, a square half the map's height. */
export function closeUpBox(awayFrom: [number, number], widthPx: number, heightPx: number): LabelBox {
  const sidePx = Math.round(heightPx * 0.5);
  const x = awayFrom[0] > widthPx / 2 ? MAP_MARGIN_PX + 4 : widthPx - MAP_MARGIN_PX - 4 - sidePx;
  const y = awayFrom[1] > heightPx / 2 ? MAP_MARGIN_PX + 4 : heightPx - MAP_MARGIN_PX - 4 - sidePx;
  return { x, y, width: sidePx, height: sidePx };
}
