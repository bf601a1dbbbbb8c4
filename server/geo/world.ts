import type { WorldData } from '../../shared/engine/commands.js';
import { countriesUnderCorridor } from '../../shared/engine/orders.js';
import { alpha3ByCode, loadCountryLocator } from './countries.js';
import { loadCities, loadPopulationIndex, type CityRecord } from './population.js';

type Place = { iso3: string | null; name: string };

/**
 * The country of each town, from its own GeoNames country code, keyed by its exact position:
 * the engine asks `countryAt` at the towns `exposedPopulation` returned. Coastal towns sit on the
 * shoreline, where even the 1:10m map puts some at sea (Lagos), and a lookup there costs ~1.4 ms
 * against thousands of towns in a glass ring; a town's registered country is what the map
 * approximates anyway. Names come from the map where it has the country.
 */
function townCountries(cities: readonly CityRecord[], mapNameByIso3: ReadonlyMap<string, string>): (lat: number, lon: number) => Place | null {
  const byPosition = new Map<string, Place>();
  const names = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const c of [...cities].sort((a, b) => b.population - a.population)) {
    const key = `${c.lat},${c.lon}`;
    if (byPosition.has(key)) continue; // two towns on one point: the larger one's country
    const iso3 = alpha3ByCode(c.countryIso2);
    if (iso3 === undefined) continue; // a code without an ISO alpha-3 (Kosovo): the map decides
    byPosition.set(key, { iso3, name: mapNameByIso3.get(iso3) ?? names.of(c.countryIso2) ?? c.countryIso2 });
  }
  return (lat, lon) => byPosition.get(`${lat},${lon}`) ?? null;
}

/** Corridors whose countries the world data remembers at most (a few dozen bytes each). */
const MAX_CORRIDORS_KEPT = 1000;

/** A corridor's points as a cache key: equal points, equal key, whichever object holds them. */
function corridorKey(points: readonly { lat: number; lon: number }[]): string {
  return points.map((p) => `${p.lat},${p.lon}`).join(';');
}

/**
 * Walks the corridors of `scenarios` one per turn of the event loop, so that the first table of
 * each scenario does not wait for it; resolves when all are known or `signal` aborts.
 */
export async function warmCorridors(world: WorldData, scenarios: Iterable<{ riskCorridor: { points: readonly { lat: number; lon: number }[] } }>, signal?: AbortSignal): Promise<void> {
  if (!world.countriesUnder) return;
  for (const s of [...scenarios]) {
    await new Promise((resolve) => setImmediate(resolve));
    if (signal?.aborted) return;
    world.countriesUnder(s.riskCorridor.points);
  }
}

/** The world data the engine consults at an impact: the 1:10m country map, the towns' own countries and the city index. */
export function loadWorldData(): WorldData {
  const countries = loadCountryLocator('10m');
  const population = loadPopulationIndex();
  const mapNames = new Map<string, string>();
  for (const c of countries.countries) if (c.iso3 !== null && !mapNames.has(c.iso3)) mapNames.set(c.iso3, c.name);
  const townCountryAt = townCountries(loadCities(), mapNames);
  const countryAt: WorldData['countryAt'] = (lat, lon) => townCountryAt(lat, lon) ?? countries.countryAt(lat, lon);
  // Walking a corridor takes 20–80 ms on the 1:10m map, and every room parses its own copy of its
  // scenario (restored from the log), so the answer is kept by the corridor's points, not by the
  // object: 400 tables of one scenario walk it once, not 400 times on the event loop.
  const underCorridor = new Map<string, ReadonlySet<string>>();
  const byObject = new WeakMap<object, ReadonlySet<string>>();
  return {
    countryAt,
    exposedPopulation: (lat, lon, radiusKm, maxCities) => population.exposedPopulation(lat, lon, radiusKm, maxCities),
    countriesUnder: (points) => {
      // The legality probes ask on every update: the room's own corridor object answers without building its key.
      const seen = byObject.get(points);
      if (seen) return seen;
      const key = corridorKey(points);
      let found = underCorridor.get(key);
      if (found === undefined) {
        found = countriesUnderCorridor(points, countryAt);
        // Bounded: a server that took thousands of uploaded corridors forgets the oldest first.
        if (underCorridor.size >= MAX_CORRIDORS_KEPT) underCorridor.delete(underCorridor.keys().next().value!);
        underCorridor.set(key, found);
      }
      byObject.set(points, found);
      return found;
    },
  };
}
