// The world data the engine consults at an impact (server/geo/world.ts).
import { describe, expect, it } from 'vitest';
import { loadCountryLocator } from '../../../server/geo/countries.js';
import { loadCities } from '../../../server/geo/population.js';
import { loadWorldData, warmCorridors } from '../../../server/geo/world.js';
import type { WorldData } from '../../../shared/engine/commands.js';

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

describe('the countries under a risk corridor', () => {
  // Two rooms of one scenario each parse their own copy of it: the second must not walk the corridor again.
  const corridor = () => [
    { lat: -1.3, lon: 36.8 },
    { lat: 23.7, lon: 90.4 },
  ];

  it('are walked once per corridor, whichever object holds its points', () => {
    const first = world.countriesUnder!(corridor());
    expect([...first]).toEqual(expect.arrayContaining(['KEN']));
    expect(world.countriesUnder!(corridor())).toBe(first);
    expect(world.countriesUnder!([...corridor(), { lat: 30, lon: 100 }])).not.toBe(first);
  });

  it('are walked ahead for every scenario, one per turn of the event loop, until aborted', async () => {
    const walked: string[] = [];
    const fake: WorldData = { ...world, countriesUnder: (points) => (walked.push(JSON.stringify(points)), new Set()) };
    const scenarios = [1, 2, 3].map((n) => ({ riskCorridor: { points: [{ lat: n, lon: n }] } }));
    await warmCorridors(fake, scenarios);
    expect(walked).toHaveLength(3);

    walked.length = 0;
    const stop = new AbortController();
    const warming = warmCorridors(fake, scenarios, stop.signal);
    // The walk waits for a turn of the event loop before each corridor, so an abort now stops it before the first.
    stop.abort();
    await warming;
    expect(walked).toHaveLength(0);
  });
});
