// The prepared point-in-polygon test answers exactly as d3-geo's geoContains, on the maps the
// engine uses: a country recorded in a stored log must stay the same country.
import { createRequire } from 'node:module';
import { geoBounds, geoContains } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { sphericalPolygon, sphericalPolygonContains } from '../../../shared/geo/spherical-polygon.js';

const require = createRequire(import.meta.url);

/** Every polygon of a world-atlas map, multipolygons split into their parts. */
function polygonsOf(resolution: '10m' | '50m' | '110m'): GeoJSON.Polygon[] {
  const topology = require(`world-atlas/countries-${resolution}.json`) as Topology;
  const collection = feature(topology, topology.objects.countries as GeometryCollection);
  return collection.features.flatMap((f): GeoJSON.Polygon[] => {
    const g = f.geometry;
    if (g?.type === 'Polygon') return [g];
    if (g?.type === 'MultiPolygon') return g.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
    return [];
  });
}

/** A seeded stream of numbers in [0, 1) (an LCG: enough to spread test points). */
function stream(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** Points that test a polygon: inside and around its box, on its vertices, halfway along its edges, and the poles. */
function probes(polygon: GeoJSON.Polygon, random: () => number, count: number): [number, number][] {
  const [[west, south], [east, north]] = geoBounds(polygon);
  const width = east >= west ? east - west : east - west + 360;
  const points: [number, number][] = [
    [0, 90],
    [0, -90],
    [180, 0],
    [-180, 0],
  ];
  for (let i = 0; i < count; i++) {
    const lon = west - 0.5 + random() * (width + 1);
    const lat = Math.max(-90, Math.min(90, south - 0.5 + random() * (north - south + 1)));
    points.push([((((lon + 180) % 360) + 360) % 360) - 180, lat]);
  }
  const ring = polygon.coordinates[0]!;
  for (let i = 0; i < 10 && ring.length > 1; i++) {
    const j = Math.floor(random() * (ring.length - 1));
    const a = ring[j]!;
    const b = ring[j + 1]!;
    points.push([a[0]!, a[1]!], [(a[0]! + b[0]!) / 2, (a[1]! + b[1]!) / 2]);
  }
  return points;
}

describe('sphericalPolygonContains', () => {
  it.each([
    ['110m', 1, 40],
    ['50m', 1, 15],
    ['10m', 1, 10],
  ] as const)('answers as geoContains for every polygon of the %s map (every %ith polygon, %i points in and around each)', (resolution, every, count) => {
    const random = stream(20261206);
    let compared = 0;
    let inside = 0;
    const differences: string[] = [];
    polygonsOf(resolution).forEach((polygon, index) => {
      if (index % every !== 0) return;
      const prepared = sphericalPolygon(polygon.coordinates);
      const asFeature: GeoJSON.Feature = { type: 'Feature', properties: null, geometry: polygon };
      for (const [lon, lat] of probes(polygon, random, count)) {
        const expected = geoContains(asFeature, [lon, lat]);
        const actual = sphericalPolygonContains(prepared, lon, lat);
        compared++;
        if (expected) inside++;
        if (actual !== expected && differences.length < 5) differences.push(`polygon ${index} at ${lon},${lat}: geoContains ${expected}, prepared ${actual}`);
      }
    });
    expect(differences).toEqual([]);
    // The probes must reach inside as well as outside, or the comparison proves little.
    expect(inside).toBeGreaterThan(compared / 10);
    expect(compared - inside).toBeGreaterThan(compared / 10);
  }, 120_000);

  it('answers for a polygon wound the other way (claiming the rest of the globe) as geoContains does', () => {
    const square = [
      [10, 10],
      [10, 20],
      [20, 20],
      [20, 10],
      [10, 10],
    ];
    for (const ring of [square, [...square].reverse()]) {
      const polygon: GeoJSON.Polygon = { type: 'Polygon', coordinates: [ring] };
      const prepared = sphericalPolygon(polygon.coordinates);
      for (const point of [
        [15, 15],
        [0, 0],
        [-170, -80],
      ] as [number, number][]) {
        expect(sphericalPolygonContains(prepared, point[0], point[1])).toBe(geoContains({ type: 'Feature', properties: null, geometry: polygon }, point));
      }
    }
  });
});
