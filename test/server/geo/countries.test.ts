import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCountryLocator } from '../../../server/geo/countries.js';
import { corridorCountries, createCorridor, encounterToCorridor } from '../../../shared/geo/index.js';
import { parseScenarioYaml } from '../../../shared/scenario/parse.js';

function loadKx() {
  const result = parseScenarioYaml(readFileSync(new URL('../../../scenarios/2031-kx.yaml', import.meta.url), 'utf8'), '2031-kx.yaml');
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.scenario;
}

describe('loadCountryLocator (world-atlas 1:50m)', () => {
  const locator = loadCountryLocator();

  it.each([
    ['Nairobi', -1.29, 36.82, 'KEN', 'Kenya'],
    ['Dhaka', 23.81, 90.41, 'BGD', 'Bangladesh'],
    ['Lagos', 6.52, 3.38, 'NGA', 'Nigeria'],
    ['Paris', 48.86, 2.35, 'FRA', 'France'],
    ['Denver', 39.74, -104.99, 'USA', 'United States of America'],
    ['Tokyo', 35.68, 139.69, 'JPN', 'Japan'],
    ['Bangui', 4.37, 18.56, 'CAF', 'Central African Rep.'],
    ['Taveuni, Fiji, east of the antimeridian', -16.8, -179.97, 'FJI', 'Fiji'],
    ['Viti Levu, Fiji, west of the antimeridian', -17.8, 178.0, 'FJI', 'Fiji'],
    ['Chukotka, Russia, west of the antimeridian', 66, -175, 'RUS', 'Russia'],
    ['the South Pole', -90, 0, 'ATA', 'Antarctica'],
  ])('puts %s in %s', (_place, lat, lon, iso3, name) => {
    expect(locator.countryAt(lat, lon)).toMatchObject({ iso3, name });
  });

  it.each([
    ['the mid-Atlantic', 0, -30],
    ['the North Pole', 90, 0],
    ['the Bay of Bengal', 15, 88],
    ['the Pacific off Peru', -15, -90],
  ])('finds no country in %s', (_place, lat, lon) => {
    expect(locator.countryAt(lat, lon)).toBeNull();
  });

  it('names territories world-atlas gives no ISO id, with iso3 null', () => {
    expect(locator.countryAt(42.66, 21.16)).toEqual({ iso3: null, name: 'Kosovo', numericId: null });
    expect(locator.countryAt(9.56, 44.06)).toEqual({ iso3: null, name: 'Somaliland', numericId: null });
    expect(locator.countryAt(35.2, 33.6)).toEqual({ iso3: null, name: 'N. Cyprus', numericId: null });
    const noId = locator.countries.filter((c) => c.numericId === null).map((c) => c.name).sort();
    expect(noId).toEqual(['Indian Ocean Ter.', 'Kosovo', 'N. Cyprus', 'Siachen Glacier', 'Somaliland']);
  });

  it('converts every numeric id the map has to an alpha-3 code', () => {
    expect(locator.countries.filter((c) => c.numericId !== null && c.iso3 === null)).toEqual([]);
    expect(locator.countries).toHaveLength(241);
  });

  it('is built once per process', () => {
    expect(loadCountryLocator()).toBe(locator);
  });
});

describe('the 2031 KX risk corridor over the world map', () => {
  const locator = loadCountryLocator();
  const scenario = loadKx();
  const corridor = createCorridor(scenario.riskCorridor.points);
  const stretches = corridorCountries(locator, corridor, 10);

  it('starts in the ocean and ends in Bangladesh', () => {
    expect(stretches[0]!.country).toBeNull();
    expect(stretches[0]!.fromKm).toBe(0);
    expect(stretches.at(-1)!.country?.iso3).toBe('BGD');
    expect(stretches.at(-1)!.toKm).toBe(corridor.lengthKm);
  });

  it('crosses Nigeria, Kenya and Bangladesh in that order, with stretches that tile the corridor', () => {
    const order = stretches.map((s) => s.country?.iso3 ?? 'ocean');
    const first = (iso3: string) => order.indexOf(iso3);
    expect(first('NGA')).toBeGreaterThan(0);
    expect(first('KEN')).toBeGreaterThan(first('NGA'));
    expect(first('BGD')).toBeGreaterThan(first('KEN'));
    for (let i = 1; i < stretches.length; i++) {
      expect(stretches[i]!.fromKm).toBe(stretches[i - 1]!.toKm);
      expect(stretches[i]!.country).not.toBe(stretches[i - 1]!.country);
    }
  });

  it('puts each labelled city of the corridor inside the stretch of its country', () => {
    const expected: Record<string, string> = { Lagos: 'NGA', Bangui: 'CAF', Nairobi: 'KEN', Dhaka: 'BGD' };
    for (const v of corridor.vertices) {
      const iso3 = expected[v.label ?? ''];
      if (!iso3) continue;
      const stretch = stretches.find((s) => s.fromKm <= v.distanceKm && v.distanceKm <= s.toKm && s.country?.iso3 === iso3);
      expect(stretch, `${v.label} at ${v.distanceKm.toFixed(0)} km`).toBeDefined();
    }
  });

  it('sends the scenario’s true encounter point to Kenya', () => {
    const { truth, captureRadiusKm } = scenario.asteroid;
    const hit = encounterToCorridor(corridor, truth.encounterKm, captureRadiusKm)!;
    expect(locator.countryAt(hit.lat, hit.lon)?.iso3).toBe('KEN');
    expect(hit.nearestLabel).toBe('Nairobi');
  });
});
