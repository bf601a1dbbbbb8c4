import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { boxesOverlap, estimateTextWidth, placeLabels, type LabelRequest } from '../../../client/app/labels.js';
import { closeUpBox, drawingBounds, fitToCorridor, MAP_SIZES, mapLabelRequests, type MapMarkers, type MapPoint } from '../../../client/app/mapLayout.js';

// The map's labels never cover one another: the impact and the prediction are always shown, a
// place name gives way when nothing fits.

function corridorOf(file: string): MapPoint[] {
  const scenario = parse(readFileSync(`scenarios/${file}`, 'utf8')) as { riskCorridor: { points: { lat: number; lon: number; label?: string }[] } };
  return scenario.riskCorridor.points.map((p) => ({ lat: p.lat, lon: p.lon, label: p.label ?? null }));
}

function expectNoOverlap(boxes: { id: string; box: { x: number; y: number; width: number; height: number } }[]) {
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      expect(boxesOverlap(a.box, b.box), `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
}

const SCENARIOS = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
const VARIANTS = ['player', 'console', 'display'] as const;

describe('placing the map labels', () => {
  for (const file of SCENARIOS) {
    const points = corridorOf(file);
    // Markers on and next to every place of the corridor: the densest a map gets.
    const markerSets: MapMarkers[] = points.flatMap((p, i) => {
      const next = points[Math.min(i + 1, points.length - 1)]!;
      const near = { lat: p.lat + 0.3, lon: p.lon + 0.4 };
      const between = { lat: (p.lat + next.lat) / 2, lon: (p.lon + next.lon) / 2 };
      return [
        { predicted: p, impact: null, undeflected: null },
        { predicted: near, impact: null, undeflected: null },
        { predicted: null, impact: near, undeflected: p },
        { predicted: null, impact: between, undeflected: near },
      ];
    });
    for (const variant of VARIANTS) {
      it(`keeps every label of ${file} apart on the ${variant} map, with the markers' labels all shown, wherever the markers fall`, () => {
        const { widthPx, heightPx, fontPx } = MAP_SIZES[variant];
        const projection = fitToCorridor(points, widthPx, heightPx);
        const project = (p: { lat: number; lon: number }) => projection([p.lon, p.lat]) as [number, number];
        for (const markers of markerSets) {
          const requests = mapLabelRequests(points, markers, project, fontPx);
          const subject = markers.impact ?? markers.predicted;
          const obstacles = subject ? [closeUpBox(project(subject), widthPx, heightPx)] : [];
          const layout = placeLabels(requests, drawingBounds(widthPx, heightPx), obstacles);
          expectNoOverlap(layout.placed);
          for (const label of layout.placed) {
            for (const obstacle of obstacles) expect(boxesOverlap(label.box, obstacle), `${label.id} covers the close-up`).toBe(false);
          }
          const shown = new Set(layout.placed.map((l) => l.id));
          for (const r of requests.filter((r) => r.priority < 2)) expect(shown, `${r.id} dropped`).toContain(r.id);
          expect(layout.placed.length + layout.dropped.length).toBe(requests.length);
        }
      });
    }
  }

  it('names most of the corridor places on the display map of 2031-KX with a prediction near Nairobi', () => {
    const points = corridorOf('2031-kx.yaml');
    const { widthPx, heightPx, fontPx } = MAP_SIZES.display;
    const projection = fitToCorridor(points, widthPx, heightPx);
    const project = (p: { lat: number; lon: number }) => projection([p.lon, p.lat]) as [number, number];
    const layout = placeLabels(mapLabelRequests(points, { predicted: { lat: -1.0, lon: 37.5 }, impact: null, undeflected: null }, project, fontPx), drawingBounds(widthPx, heightPx));
    expect(layout.dropped).toEqual([]);
    expect(layout.placed.map((l) => l.text)).toEqual(expect.arrayContaining(['Predicted', 'Nairobi', 'Arabian Sea', 'Dhaka']));
  });

  it('moves a label off a more important one instead of stacking them: "Predicted" on Nairobi', () => {
    const requests: LabelRequest[] = [
      { id: 'nairobi', text: 'Nairobi', anchor: [100, 100], priority: 2, fontPx: 12, gapPx: 5 },
      { id: 'predicted', text: 'Predicted', anchor: [102, 101], priority: 0, fontPx: 12, gapPx: 10 },
    ];
    const layout = placeLabels(requests, { x: 0, y: 0, width: 400, height: 200 });
    expect(layout.placed.map((l) => l.id)).toEqual(['predicted', 'nairobi']);
    expectNoOverlap(layout.placed);
  });

  it('drops a place name when there is no room for it, but never a marker label', () => {
    // A drawing just big enough for one label around the anchors.
    const requests: LabelRequest[] = [
      { id: 'place', text: 'Arabian Sea', anchor: [60, 20], priority: 2, fontPx: 12, gapPx: 5 },
      { id: 'impact', text: 'Impact', anchor: [60, 20], priority: 0, fontPx: 12, gapPx: 10 },
      { id: 'undeflected', text: 'Undeflected', anchor: [62, 20], priority: 1, fontPx: 12, gapPx: 10 },
    ];
    const layout = placeLabels(requests, { x: 0, y: 0, width: 130, height: 40 });
    expect(layout.placed.map((l) => l.id)).toEqual(['impact', 'undeflected']);
    expect(layout.dropped).toEqual(['place']);
  });

  it('keeps every label inside the drawing, growing inwards at its edges', () => {
    const requests: LabelRequest[] = [
      { id: 'west', text: 'Sargasso Sea', anchor: [3, 50], priority: 2, fontPx: 12, gapPx: 5 },
      { id: 'east', text: 'Ürümqi', anchor: [597, 50], priority: 2, fontPx: 12, gapPx: 5 },
    ];
    const bounds = { x: 0, y: 0, width: 600, height: 320 };
    const layout = placeLabels(requests, bounds);
    expect(layout.dropped).toEqual([]);
    for (const { box } of layout.placed) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(600);
    }
  });

  it('draws a leader line to a label it had to move away from its point', () => {
    const requests: LabelRequest[] = [
      { id: 'impact', text: 'Impact', anchor: [100, 100], priority: 0, fontPx: 12, gapPx: 10 },
      { id: 'undeflected', text: 'Undeflected', anchor: [100, 100], priority: 1, fontPx: 12, gapPx: 10 },
    ];
    // Everything next to the point is taken but one far corner.
    const obstacles = [{ x: 40, y: 60, width: 120, height: 80 }];
    const layout = placeLabels(requests, { x: 0, y: 0, width: 400, height: 300 }, obstacles);
    expect(layout.placed).toHaveLength(2);
    for (const label of layout.placed) expect(label.leader).not.toBeNull();
    expectNoOverlap(layout.placed);
  });

  it('estimates a text at least as wide as a sans-serif font sets it (about half an em a character)', () => {
    expect(estimateTextWidth('Nairobi', 20)).toBeGreaterThanOrEqual(7 * 20 * 0.55);
  });
});
