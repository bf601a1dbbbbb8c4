// The world data the engine consults at an impact (server/geo/world.ts).
import { describe, expect, it } from 'vitest';
import { loadCountryLocator } from '../../../server/geo/countries.js';
import { loadCities } from '../../../server/geo/population.js';
import { loadWorldData } from '../../../server/geo/world.js';

const world = loadWorldData();
const cities = loadCities();
const town = (name: string, iso2: string) => {
  const t = cities.filter((c) => c.name === name && c.countryIso2 === iso2).sort((a, b) => b.population - a.population)[0];
  if (!t) throw new Error(`no town ${name} (${iso2}) in the city data`);
  return t;
};

describe('loadWorldData', () => {
  it.each([
    ['Lagos', 'NG', 'NGA'],
    ['Lisbon', 'PT', 'PRT'],
    ['Mogadishu', 'SO', 'SOM'],
    ['Kismayo', 'SO', 'SOM'],
    ['Mumbai', 'IN', 'IND'],
  ])('coastal %s keeps its country (%s → %s), though the 1:50m map puts it at sea', (name, iso2, iso3) => {
    const t = town(name, iso2);
    expect(world.countryAt(t.lat, t.lon)).toMatchObject({ iso3 });
    expect(world.exposedPopulation(t.lat, t.lon, 1).cities.some((c) => c.name === name)).toBe(true);
  });

  it('names a town\'s country as the map does (Czechia, not the ISO long form)', () => {
    const brno = town('Brno', 'CZ');
    expect(world.countryAt(brno.lat, brno.lon)).toEqual({ iso3: 'CZE', name: loadCountryLocator('10m').countryAt(brno.lat, brno.lon)!.name });
  });

  it.each([
    ['the mid-Atlantic', 0, -30],
    ['the Gulf of Guinea off Lagos', 5.5, 3.4],
    ['the Indian Ocean off Kismayo', -1.5, 44],
  ])('points at sea that are no town stay at sea on the 1:10m map: %s', (_place, lat, lon) => {
    expect(world.countryAt(lat, lon)).toBeNull();
  });
});

describe('loadCountryLocator (world-atlas 1:10m)', () => {
  const locator = loadCountryLocator('10m');

  it('winds every polygon around its land: the Maldives do not claim the oceans', () => {
    expect(locator.countryAt(0, -30)).toBeNull();
    expect(locator.countryAt(4.175, 73.509)).toMatchObject({ iso3: 'MDV' }); // Malé
  });

  it('lists each country once, though its islands are indexed one by one', () => {
    const names = locator.countries.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('Canada');
  });
});
