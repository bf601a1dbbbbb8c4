// The world map's countries, fetched on first use: the Natural Earth topology (world-atlas,
// ~100 KB), topojson-client and the country locator are dynamic imports, so they ship in
// chunks of their own, out of the bundle every screen loads at start-up. (d3-geo cannot be
// split off the same way: it is one ES module, already in that bundle for the corridor maths.)
// The impact-effects model rides in the same lazy load: only the map draws damage rings, and so
// do the large towns (largeCities.ts) that name a place: only the map and the previews name one.
import { geoDistance } from 'd3-geo';
import { CORRIDOR_EARTH_RADIUS_KM, type Corridor } from '../../shared/geo/corridor.js';
import type { CountryLocator } from '../../shared/geo/countries.js';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { nearestCity, parseLargeCities, type PlaceFacts } from './mapWords.js';

/** A country's outline as drawn, with Natural Earth's short name (`Kenya`, `Dem. Rep. Congo`). */
export type CountryFeature = GeoJSON.Feature<GeoJSON.Geometry, { name: string }>;

/** A body that would strike: what the impact-effects model needs (target rock assumed: the air-blast radii do not depend on it). */
export interface StrikingBody {
  diameterM: number;
  densityKgM3: number;
  velocityKmS: number;
  angleDeg: number;
}

/** The two damage rings the map draws, as the engine measures them at the encounter (null when the blast never reaches that level). */
export interface StrikeRadiiKm {
  /** 26.8 kPa: wood-frame buildings collapse. */
  severeKm: number | null;
  /** 6.9 kPa: windows shatter. */
  exposedKm: number | null;
}

/** What the map needs of the world: the outlines, which of them a corridor crosses, and how far a strike would do harm. */
export interface WorldMapData {
  readonly countries: readonly CountryFeature[];
  /** Names of the countries the corridor passes over (sampled every 50 km, refined at borders). */
  crossedBy(corridor: Corridor): ReadonlySet<string>;
  /** The damage radii of a strike by this body, by the same model (Collins et al. 2005) the engine uses for the outcome. */
  strikeRadiiKm(body: StrikingBody): StrikeRadiiKm;
  /** What names a point: its country, the nearest town of half a million people, and the sea a corridor point names there (`placeWords` says it). */
  placeAt(lat: number, lon: number, corridor: Corridor | null): PlaceFacts;
}

const CROSSING_STEP_KM = 50;
// A corridor point at sea names the sea of a point at sea this close to it ("over the Arabian Sea").
const SEA_NAME_KM = 1500;

let loading: Promise<WorldMapData> | null = null;

/** Loads the world map once per page; a failed load is forgotten so that a later call retries. */
export function loadWorldMap(): Promise<WorldMapData> {
  loading ??= build().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

async function build(): Promise<WorldMapData> {
  const [atlas, topojson, geo, impact, cityRows] = await Promise.all([
    import('world-atlas/countries-110m.json'),
    import('topojson-client'),
    import('../../shared/geo/countries.js'),
    import('../../shared/physics/impact.js'),
    import('./largeCities.js'),
  ]);
  const topology = atlas.default as unknown as Topology;
  const object = topology.objects['countries'];
  if (!object || object.type !== 'GeometryCollection') throw new Error('The world map has no countries.');
  const collection = topojson.feature(topology, object as GeometryCollection<{ name?: string }>);
  const countries: CountryFeature[] = collection.features.map((f) => ({ ...f, properties: { name: f.properties?.name ?? '' } }));
  // The map needs names only, not ISO codes.
  const locator: CountryLocator = geo.createCountryLocator(topology, () => undefined);
  const cities = parseLargeCities(cityRows.LARGE_CITY_ROWS);
  const countryOfCity = new Map(cities.map((c) => [c, locator.countryAt(c.lat, c.lon)?.name ?? null]));
  const seaMarks = new WeakMap<Corridor, { name: string; lat: number; lon: number }[]>();
  const seaMarksOf = (corridor: Corridor) => {
    let marks = seaMarks.get(corridor);
    if (!marks) {
      marks = corridor.vertices.flatMap((v) => (v.label !== null && locator.countryAt(v.lat, v.lon) === null ? [{ name: v.label, lat: v.lat, lon: v.lon }] : []));
      seaMarks.set(corridor, marks);
    }
    return marks;
  };
  return {
    countries,
    crossedBy(corridor: Corridor): ReadonlySet<string> {
      const names = new Set<string>();
      for (const stretch of geo.corridorCountries(locator, corridor, CROSSING_STEP_KM, 1)) {
        if (stretch.country) names.add(stretch.country.name);
      }
      return names;
    },
    strikeRadiiKm(body: StrikingBody): StrikeRadiiKm {
      const { radiiKm } = impact.impactEffects({ ...body, target: 'sedimentary' });
      return { severeKm: radiiKm.woodFrameCollapse, exposedKm: radiiKm.windowsShatter };
    },
    placeAt(lat: number, lon: number, corridor: Corridor | null): PlaceFacts {
      const country = locator.countryAt(lat, lon)?.name ?? null;
      const near = nearestCity(cities, lat, lon);
      let sea: string | null = null;
      if (country === null && corridor) {
        let bestKm = SEA_NAME_KM;
        for (const mark of seaMarksOf(corridor)) {
          const km = geoDistance([lon, lat], [mark.lon, mark.lat]) * CORRIDOR_EARTH_RADIUS_KM;
          if (km < bestKm) [sea, bestKm] = [mark.name, km];
        }
      }
      return {
        lat,
        lon,
        country,
        nearest: near && { name: near.city.name, country: countryOfCity.get(near.city) ?? null, distanceKm: near.distanceKm },
        sea,
      };
    },
  };
}
