import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { corridorCountries, createCorridor, createCountryLocator, type CountryLocator } from '../../../shared/geo/index.js';

// A hand-made world: two squares side by side on the equator, a square across the
// antimeridian, and a feature with no ISO id (as Kosovo has none in world-atlas).
// Rings go clockwise seen from above (north up), as d3-geo wants exterior rings.
const square = (lon0: number, lat0: number, lon1: number, lat1: number): [number, number][] => [
  [lon0, lat0],
  [lon0, lat1],
  [lon1, lat1],
  [lon1, lat0],
  [lon0, lat0],
];
const topology = {
  type: 'Topology',
  arcs: [square(0, -5, 10, 5), square(10, -5, 20, 5), square(175, 30, 185, 40), square(40, 40, 45, 45)],
  objects: {
    countries: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', id: '001', properties: { name: 'Westland' }, arcs: [[0]] },
        { type: 'Polygon', id: '002', properties: { name: 'Eastland' }, arcs: [[1]] },
        { type: 'Polygon', id: '003', properties: { name: 'Datelinia' }, arcs: [[2]] },
        { type: 'Polygon', properties: { name: 'Noidia' }, arcs: [[3]] },
      ],
    },
  },
} as unknown as Topology;
const alpha3 = (numericId: string) => ({ '001': 'WST', '002': 'EST', '003': 'DTL' })[numericId];

function locator(): CountryLocator {
  return createCountryLocator(topology, alpha3);
}

describe('createCountryLocator', () => {
  it('names the country containing a point, with its alpha-3 and numeric codes', () => {
    expect(locator().countryAt(0, 5)).toEqual({ iso3: 'WST', name: 'Westland', numericId: '001' });
    expect(locator().countryAt(-2, 15)).toEqual({ iso3: 'EST', name: 'Eastland', numericId: '002' });
  });

  it('answers null over the ocean, including just outside a bounding box', () => {
    expect(locator().countryAt(0, -1)).toBeNull();
    expect(locator().countryAt(6, 5)).toBeNull();
    expect(locator().countryAt(-60, 100)).toBeNull();
  });

  it('finds a country that straddles the antimeridian from either side', () => {
    expect(locator().countryAt(35, 179)?.iso3).toBe('DTL');
    expect(locator().countryAt(35, -179)?.iso3).toBe('DTL');
    expect(locator().countryAt(35, -170)).toBeNull();
  });

  it('locates and names a feature without an ISO id, with iso3 and numericId null', () => {
    expect(locator().countryAt(42, 42)).toEqual({ iso3: null, name: 'Noidia', numericId: null });
  });

  it('gives iso3 null when the lookup does not know a numeric id', () => {
    const l = createCountryLocator(topology, () => undefined);
    expect(l.countryAt(0, 5)).toEqual({ iso3: null, name: 'Westland', numericId: '001' });
  });

  it('returns the same object for the same country, the one listed in `countries`', () => {
    const l = locator();
    expect(l.countryAt(0, 1)).toBe(l.countryAt(0, 9));
    expect(l.countries.map((c) => c.name)).toEqual(['Westland', 'Eastland', 'Datelinia', 'Noidia']);
    expect(l.countries).toContain(l.countryAt(0, 1));
  });

  it('rejects coordinates that are not degrees, and a topology without the named object', () => {
    expect(() => locator().countryAt(95, 0)).toThrow(RangeError);
    expect(() => locator().countryAt(0, Number.NaN)).toThrow(RangeError);
    expect(() => createCountryLocator(topology, alpha3, 'land')).toThrow(/land/);
  });
});

describe('corridorCountries', () => {
  it('lists ocean and countries in order along the corridor, with boundaries found to the tolerance', () => {
    const c = createCorridor([
      { lat: 0, lon: -5 },
      { lat: 0, lon: 25 },
    ]);
    const kmPerDeg = c.lengthKm / 30;
    const stretches = corridorCountries(locator(), c, 100, 0.01);
    expect(stretches.map((s) => s.country?.iso3 ?? 'ocean')).toEqual(['ocean', 'WST', 'EST', 'ocean']);
    const [sea, west, east, sea2] = stretches;
    expect(sea!.fromKm).toBe(0);
    expect(west!.fromKm).toBeCloseTo(5 * kmPerDeg, 1);
    expect(east!.fromKm).toBeCloseTo(15 * kmPerDeg, 1);
    expect(sea2!.fromKm).toBeCloseTo(25 * kmPerDeg, 1);
    expect(sea2!.toKm).toBe(c.lengthKm);
    for (let i = 1; i < stretches.length; i++) expect(stretches[i]!.fromKm).toBe(stretches[i - 1]!.toKm);
  });

  it('finds a country narrower than the step when it lies between two samples of different countries', () => {
    // Samples every 5000 km: start in the ocean, end in Eastland; Westland sits in between.
    const c = createCorridor([
      { lat: 0, lon: -30 },
      { lat: 0, lon: 15 },
    ]);
    const stretches = corridorCountries(locator(), c, 10000);
    expect(stretches.map((s) => s.country?.name ?? 'ocean')).toEqual(['ocean', 'Westland', 'Eastland']);
  });

  it('gives one ocean stretch for a corridor that never touches land', () => {
    const c = createCorridor([
      { lat: -40, lon: -40 },
      { lat: -45, lon: -20 },
    ]);
    expect(corridorCountries(locator(), c, 50)).toEqual([{ country: null, fromKm: 0, toKm: c.lengthKm }]);
  });

  it('rejects a step or tolerance that is not a positive number of km', () => {
    const c = createCorridor([{ lat: 0, lon: 0 }, { lat: 0, lon: 1 }]);
    expect(() => corridorCountries(locator(), c, 0)).toThrow(RangeError);
    expect(() => corridorCountries(locator(), c, 10, 0)).toThrow(RangeError);
  });
});
