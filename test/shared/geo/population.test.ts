import { describe, expect, it } from 'vitest';
import { compareExposedCities, NO_EXPOSURE, summarizeExposure, type ExposedCity } from '../../../shared/geo/index.js';

const city = (name: string, population: number, distanceKm: number, lon = 0, lat = 0): ExposedCity => ({
  name,
  countryIso2: 'KE',
  population,
  distanceKm,
  lat,
  lon,
});

describe('summarizeExposure', () => {
  it('sums the populations and lists the cities most populous first', () => {
    const e = summarizeExposure([city('Thika', 200000, 40), city('Nairobi', 2750547, 1), city('Kiambu', 21234, 15)]);
    expect(e.population).toBe(2971781);
    expect(e.cities.map((c) => c.name)).toEqual(['Nairobi', 'Thika', 'Kiambu']);
  });

  it('breaks ties in population by distance, then name, then position, whatever the input order', () => {
    const cities = [city('B', 5000, 10), city('A', 5000, 10), city('C', 5000, 3), city('A', 5000, 10, 1), city('A', 5000, 10, 1, -1)];
    const expected = ['C@0,0', 'A@0,0', 'A@1,-1', 'A@1,0', 'B@0,0'];
    const label = (c: ExposedCity) => `${c.name}@${c.lon},${c.lat}`;
    expect(summarizeExposure(cities).cities.map(label)).toEqual(expected);
    expect(summarizeExposure([...cities].reverse()).cities.map(label)).toEqual(expected);
  });

  it('lists at most maxCities but still counts everyone', () => {
    const e = summarizeExposure([city('a', 3, 1), city('b', 2, 1), city('c', 1, 1)], 2);
    expect(e.population).toBe(6);
    expect(e.cities.map((c) => c.name)).toEqual(['a', 'b']);
    expect(summarizeExposure([city('a', 3, 1)], 0).cities).toEqual([]);
  });

  it('gives the empty exposure for no cities, without copying the input', () => {
    expect(summarizeExposure([])).toBe(NO_EXPOSURE);
    expect(NO_EXPOSURE).toEqual({ population: 0, cities: [] });
    const input = [city('b', 1, 1), city('a', 2, 1)];
    summarizeExposure(input);
    expect(input.map((c) => c.name)).toEqual(['b', 'a']);
  });
});

describe('compareExposedCities', () => {
  it('orders a more populous city first', () => {
    expect(compareExposedCities(city('a', 10, 5), city('b', 5, 1))).toBeLessThan(0);
    expect(compareExposedCities(city('a', 5, 5), city('a', 5, 5))).toBe(0);
  });
});
