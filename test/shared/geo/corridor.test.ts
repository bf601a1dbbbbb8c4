import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CORRIDOR_EARTH_RADIUS_KM,
  corridorKmPerEncounterKm,
  corridorToEncounter,
  createCorridor,
  encounterToCorridor,
  greatCircleKm,
  sampleCorridor,
} from '../../../shared/geo/index.js';
import { parseScenarioYaml } from '../../../shared/scenario/parse.js';

const QUARTER_MERIDIAN_KM = (Math.PI / 2) * CORRIDOR_EARTH_RADIUS_KM; // 10 007.543 km
const equator = createCorridor([
  { lat: 0, lon: 0, label: 'Gulf of Guinea' },
  { lat: 0, lon: 90, label: 'Indian Ocean' },
]);

function loadKx() {
  const result = parseScenarioYaml(readFileSync(new URL('../../../scenarios/2031-kx.yaml', import.meta.url), 'utf8'), '2031-kx.yaml');
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.scenario;
}

describe('createCorridor', () => {
  it('measures a quarter of the equator as 10 007.5 km on a 6371 km sphere', () => {
    expect(equator.lengthKm).toBeCloseTo(10007.543, 3);
    expect(equator.lengthKm).toBeCloseTo(QUARTER_MERIDIAN_KM, 9);
  });

  it('returns the end points exactly at distance 0 and at its length', () => {
    expect(equator.pointAt(0)).toMatchObject({ lat: 0, lon: 0, distanceKm: 0, fraction: 0, nearestLabel: 'Gulf of Guinea' });
    expect(equator.pointAt(equator.lengthKm)).toMatchObject({ lat: 0, lon: 90, distanceKm: equator.lengthKm, fraction: 1, nearestLabel: 'Indian Ocean' });
  });

  it('puts the middle of the equatorial arc at 45° E', () => {
    const mid = equator.pointAtFraction(0.5);
    expect(mid.lat).toBeCloseTo(0, 9);
    expect(mid.lon).toBeCloseTo(45, 9);
    expect(mid.distanceKm).toBeCloseTo(QUARTER_MERIDIAN_KM / 2, 6);
  });

  it('follows the great circle, not the straight line in lat/lon: London to Tokyo passes north of 60° N', () => {
    const londonTokyo = createCorridor([
      { lat: 51.5, lon: -0.13 },
      { lat: 35.68, lon: 139.69 },
    ]);
    expect(londonTokyo.lengthKm).toBeCloseTo(9559, -1);
    expect(londonTokyo.pointAtFraction(0.5).lat).toBeGreaterThan(60);
  });

  it('takes the short way across the antimeridian', () => {
    const pacific = createCorridor([
      { lat: 0, lon: 170 },
      { lat: 0, lon: -170 },
    ]);
    expect(pacific.lengthKm).toBeCloseTo(20 * (Math.PI / 180) * CORRIDOR_EARTH_RADIUS_KM, 6);
    expect(Math.abs(pacific.pointAtFraction(0.5).lon)).toBeCloseTo(180, 9);
  });

  it('clamps distances and fractions outside the corridor to its ends', () => {
    expect(equator.pointAt(-5)).toMatchObject({ lat: 0, lon: 0, distanceKm: 0 });
    expect(equator.pointAt(1e9)).toMatchObject({ lat: 0, lon: 90, distanceKm: equator.lengthKm });
    expect(equator.pointAtFraction(-0.1).distanceKm).toBe(0);
    expect(equator.pointAtFraction(1.1).distanceKm).toBe(equator.lengthKm);
  });

  it('rejects fewer than two points, coordinates out of range, antipodal neighbours and NaN positions', () => {
    expect(() => createCorridor([{ lat: 0, lon: 0 }])).toThrow(RangeError);
    expect(() => createCorridor([{ lat: 0, lon: 0 }, { lat: 91, lon: 0 }])).toThrow(RangeError);
    expect(() => createCorridor([{ lat: 0, lon: 0 }, { lat: 0, lon: 180 }])).toThrow(/antipodal/);
    expect(() => equator.pointAt(Number.NaN)).toThrow(RangeError);
    expect(() => equator.pointAtFraction(Number.NaN)).toThrow(RangeError);
  });

  it('accepts repeated points as a segment of zero length', () => {
    const c = createCorridor([
      { lat: 0, lon: 0 },
      { lat: 0, lon: 0, label: 'again' },
      { lat: 0, lon: 10 },
    ]);
    expect(c.vertices.map((v) => v.distanceKm)).toEqual([0, 0, c.lengthKm]);
    expect(c.pointAtFraction(0.5).lon).toBeCloseTo(5, 9);
  });

  it('gives a corridor of one repeated point zero length and fraction 0 everywhere', () => {
    const c = createCorridor([
      { lat: 10, lon: 10 },
      { lat: 10, lon: 10 },
    ]);
    expect(c.lengthKm).toBe(0);
    expect(c.pointAtFraction(0.7)).toMatchObject({ lat: 10, lon: 10, fraction: 0 });
  });

  it('names the labelled vertex nearest to a place as the crow flies', () => {
    const c = createCorridor([
      { lat: 0, lon: 0, label: 'West' },
      { lat: 0, lon: 10 },
      { lat: 0, lon: 20, label: 'East' },
    ]);
    expect(c.pointAtFraction(0.4).nearestLabel).toBe('West');
    expect(c.pointAtFraction(0.6).nearestLabel).toBe('East');
    expect(c.pointAtFraction(0.6).nearestLabelKm).toBeCloseTo(8 * (Math.PI / 180) * CORRIDOR_EARTH_RADIUS_KM, 3);
    const unlabelled = createCorridor([{ lat: 0, lon: 0 }, { lat: 1, lon: 1 }]);
    expect(unlabelled.pointAtFraction(0.5)).toMatchObject({ nearestLabel: null, nearestLabelKm: null });
  });

  it('measures the 2031 KX corridor as the sum of its great-circle legs, with each vertex at its cumulative distance', () => {
    const points = loadKx().riskCorridor.points;
    const c = createCorridor(points);
    let sumKm = 0;
    for (let i = 1; i < points.length; i++) sumKm += greatCircleKm(points[i - 1]!, points[i]!);
    expect(c.lengthKm).toBeCloseTo(sumKm, 6);
    expect(c.lengthKm).toBeGreaterThan(14000);
    expect(c.lengthKm).toBeLessThan(15000);
    for (const v of c.vertices) {
      const p = c.pointAt(v.distanceKm);
      expect(p.lat).toBeCloseTo(v.lat, 6);
      expect(p.lon).toBeCloseTo(v.lon, 6);
      expect(p.nearestLabel).toBe(v.label);
    }
  });

  it('moves monotonically away from the start as the fraction grows (property, seeded)', () => {
    const kx = createCorridor(loadKx().riskCorridor.points);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (f1, f2) => {
        const [lo, hi] = f1 <= f2 ? [f1, f2] : [f2, f1];
        const a = kx.pointAtFraction(lo);
        const b = kx.pointAtFraction(hi);
        expect(b.distanceKm).toBeGreaterThanOrEqual(a.distanceKm);
        expect(b.fraction).toBeGreaterThanOrEqual(a.fraction);
        // Along one corridor, the ground distance between two places never exceeds the arc between them.
        expect(greatCircleKm(a, b)).toBeLessThanOrEqual(b.distanceKm - a.distanceKm + 1e-6);
        // On a single great-circle arc, the distance from the start grows with the fraction.
        const ea = equator.pointAtFraction(lo);
        const eb = equator.pointAtFraction(hi);
        expect(greatCircleKm(equator.vertices[0]!, eb)).toBeGreaterThanOrEqual(greatCircleKm(equator.vertices[0]!, ea) - 1e-6);
        expect(greatCircleKm(equator.vertices[0]!, ea)).toBeCloseTo(ea.distanceKm, 6);
      }),
      { seed: 2031, numRuns: 300 },
    );
  });
});

describe('sampleCorridor', () => {
  it('samples every step from the first to the last point, both included', () => {
    const samples = sampleCorridor(equator, 1000);
    expect(samples).toHaveLength(12);
    expect(samples[0]).toMatchObject({ lat: 0, lon: 0 });
    expect(samples.at(-1)).toMatchObject({ lat: 0, lon: 90 });
    for (let i = 1; i < samples.length - 1; i++) expect(greatCircleKm(samples[i - 1]!, samples[i]!)).toBeCloseTo(1000, 6);
  });

  it('rejects a step that is not a positive number of km', () => {
    expect(() => sampleCorridor(equator, 0)).toThrow(RangeError);
    expect(() => sampleCorridor(equator, Number.NaN)).toThrow(RangeError);
  });
});

describe('encounterToCorridor', () => {
  const b = 9560;

  it('maps −b to the first point, +b to the last and 0 to the middle by length', () => {
    expect(encounterToCorridor(equator, -b, b)).toMatchObject({ lat: 0, lon: 0, distanceKm: 0, fraction: 0, encounterKm: -b });
    expect(encounterToCorridor(equator, b, b)).toMatchObject({ lat: 0, lon: 90, fraction: 1, encounterKm: b });
    const middle = encounterToCorridor(equator, 0, b)!;
    expect(middle.fraction).toBe(0.5);
    expect(middle.lon).toBeCloseTo(45, 9);
  });

  it('places an encounter at the fraction (encounterKm + b) / 2b of the corridor length', () => {
    const hit = encounterToCorridor(equator, 300, b)!;
    expect(hit.fraction).toBeCloseTo((300 + b) / (2 * b), 12);
    expect(hit.distanceKm).toBeCloseTo(equator.lengthKm * ((300 + b) / (2 * b)), 6);
  });

  it('returns null for an encounter outside the capture radius: a miss', () => {
    expect(encounterToCorridor(equator, b + 1e-6, b)).toBeNull();
    expect(encounterToCorridor(equator, -b - 1, b)).toBeNull();
    expect(encounterToCorridor(equator, 150000, b)).toBeNull();
  });

  it('rejects a capture radius that is not positive and an encounter that is NaN', () => {
    expect(() => encounterToCorridor(equator, 0, 0)).toThrow(RangeError);
    expect(() => encounterToCorridor(equator, 0, -1)).toThrow(RangeError);
    expect(() => encounterToCorridor(equator, Number.NaN, b)).toThrow(RangeError);
  });

  it('moves the impact point lengthKm / 2b km along the corridor per km of shift on the target plane', () => {
    const rate = corridorKmPerEncounterKm(equator, b);
    expect(rate).toBeCloseTo(equator.lengthKm / (2 * b), 12);
    const before = encounterToCorridor(equator, 1000, b)!;
    const after = encounterToCorridor(equator, 1500, b)!;
    expect(after.distanceKm - before.distanceKm).toBeCloseTo(500 * rate, 6);
  });

  it('is inverted by corridorToEncounter inside the capture radius (property, seeded)', () => {
    fc.assert(
      fc.property(fc.double({ min: -b, max: b, noNaN: true }), (encounterKm) => {
        const hit = encounterToCorridor(equator, encounterKm, b)!;
        expect(corridorToEncounter(equator, hit.distanceKm, b)).toBeCloseTo(encounterKm, 6);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
