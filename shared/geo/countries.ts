// Which country lies under a point: a pure locator over a TopoJSON world map (world-atlas,
// Natural Earth), handed in by the caller so that shared/ never reads a file.
import { geoArea, geoBounds, geoContains } from 'd3-geo';
import { sphericalPolygon, sphericalPolygonContains, type SphericalPolygon } from './spherical-polygon.js';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { assertLatLon, type Corridor } from './corridor.js';

/**
 * A country or territory of the map. `iso3` is ISO 3166-1 alpha-3, or null for the few
 * Natural Earth features that have no ISO numeric id in world-atlas (Kosovo, N. Cyprus,
 * Somaliland, Siachen Glacier, Indian Ocean Ter.): they are still located and named.
 */
export interface Country {
  readonly iso3: string | null;
  /** Natural Earth's short name, as in world-atlas (`Kenya`, `Dem. Rep. Congo`, `United States of America`). */
  readonly name: string;
  /** ISO 3166-1 numeric code as written in the map (`"404"`), or null when the map has none. */
  readonly numericId: string | null;
}

/** Answers "which country is here?" for points on the Earth. */
export interface CountryLocator {
  /** Every feature of the map, in map order; `countryAt` returns these same objects. */
  readonly countries: readonly Country[];
  /** The country containing the point, or null over the ocean (or land no country claims, such as Bir Tawil). */
  countryAt(lat: number, lon: number): Country | null;
}

interface IndexedFeature {
  readonly country: Country;
  readonly feature: GeoJSON.Feature;
  /** The polygon prepared once for point tests (null for a geometry that is not a polygon: d3 answers for it). */
  readonly polygon: SphericalPolygon | null;
  readonly minLat: number;
  readonly maxLat: number;
  /** Western edge of the box, and its width eastward: geoBounds gives minLon > maxLon across the antimeridian (Fiji, Russia). */
  readonly westLon: number;
  readonly widthLonDeg: number;
}

// Slack on the bounding boxes (degrees) so that rounding never rejects a point geoContains would accept.
const BOUNDS_SLACK_DEG = 1e-6;
// geoContains is unreliable within ~1e-4° of a pole (d3's epsilon); 1e-3° is about 110 m.
const POLE_OFFSET_DEG = 1e-3;

/**
 * Builds a locator from a world topology (converted to GeoJSON once, each feature given a
 * bounding box) and a numeric→alpha-3 lookup; where features overlap, the first in map
 * order wins.
 */
export function createCountryLocator(
  topology: Topology,
  alpha3ByNumeric: (numericId: string) => string | undefined,
  objectName = 'countries',
): CountryLocator {
  const object = topology.objects[objectName];
  if (!object || object.type !== 'GeometryCollection') {
    throw new RangeError(`Topology has no GeometryCollection named '${objectName}'.`);
  }
  const collection = feature(topology, object as GeometryCollection<{ name?: string }>);
  const indexed: IndexedFeature[] = [];
  const countries: Country[] = [];
  for (const raw of collection.features) {
    if (!raw.geometry) continue;
    const f = withOutwardRings(raw);
    const numericId = f.id === undefined || f.id === null || f.id === '' ? null : String(f.id);
    const name = f.properties?.name ?? (numericId ? `#${numericId}` : 'unnamed');
    const country: Country = { iso3: numericId === null ? null : (alpha3ByNumeric(numericId) ?? null), name, numericId };
    countries.push(country);
    // Each polygon of a multipolygon gets its own box: on the 1:10m map a point near Canada or
    // Indonesia is then tested against the island it may be on, not against thousands of them.
    const parts: GeoJSON.Feature[] =
      f.geometry.type === 'MultiPolygon'
        ? f.geometry.coordinates.map((coordinates) => ({ type: 'Feature', properties: null, geometry: { type: 'Polygon', coordinates } }))
        : [f];
    for (const part of parts) {
      const [[minLon, minLat], [maxLon, maxLat]] = geoBounds(part);
      const widthLonDeg = maxLon >= minLon ? maxLon - minLon : maxLon - minLon + 360;
      indexed.push({
        country,
        feature: part,
        polygon: part.geometry.type === 'Polygon' ? sphericalPolygon(part.geometry.coordinates) : null,
        minLat: minLat - BOUNDS_SLACK_DEG,
        maxLat: maxLat + BOUNDS_SLACK_DEG,
        westLon: minLon - BOUNDS_SLACK_DEG,
        widthLonDeg: widthLonDeg + 2 * BOUNDS_SLACK_DEG,
      });
    }
  }

  return {
    countries,
    countryAt(lat: number, lon: number): Country | null {
      assertLatLon(lat, lon);
      // At a pole the longitude is undefined and geoContains sees a point on the ring itself;
      // a point 110 m off the pole answers for it (Antarctica in the south, ocean in the north).
      const polarSafeLat = Math.max(-90 + POLE_OFFSET_DEG, Math.min(90 - POLE_OFFSET_DEG, lat));
      for (const f of indexed) {
        if (polarSafeLat < f.minLat || polarSafeLat > f.maxLat) continue;
        // Degrees east of the box's western edge, wrapped to [0, 360).
        const eastOfWestDeg = (((lon - f.westLon) % 360) + 360) % 360;
        if (eastOfWestDeg > f.widthLonDeg) continue;
        if (f.polygon ? sphericalPolygonContains(f.polygon, lon, polarSafeLat) : geoContains(f.feature, [lon, polarSafeLat])) return f.country;
      }
      return null;
    },
  };
}

/**
 * The feature with every polygon wound so that it encloses its land, not the rest of the globe:
 * d3 reads rings on the sphere, and one polygon of the Maldives in world-atlas' 1:10m map is
 * wound the other way, so it would claim every ocean point and every town the map misses.
 */
function withOutwardRings(f: GeoJSON.Feature): GeoJSON.Feature {
  const g = f.geometry;
  const outward = (rings: GeoJSON.Position[][]) =>
    geoArea({ type: 'Polygon', coordinates: rings }) > 2 * Math.PI ? rings.map((ring) => [...ring].reverse()) : rings;
  if (g?.type === 'Polygon') return { ...f, geometry: { ...g, coordinates: outward(g.coordinates) } };
  if (g?.type === 'MultiPolygon') return { ...f, geometry: { ...g, coordinates: g.coordinates.map(outward) } };
  return f;
}

/** A stretch of the corridor over one country, or over the ocean when `country` is null. */
export interface CorridorStretch {
  readonly country: Country | null;
  readonly fromKm: number;
  readonly toKm: number;
}

/**
 * The countries and ocean stretches the corridor crosses, in order from its first point,
 * found by sampling every `stepKm` and bisecting each change to within `toleranceKm`;
 * land narrower than `stepKm` that falls between two samples of the same country may be missed.
 */
export function corridorCountries(locator: CountryLocator, corridor: Corridor, stepKm: number, toleranceKm = 0.1): CorridorStretch[] {
  if (!(stepKm > 0) || !Number.isFinite(stepKm)) throw new RangeError(`Sampling step must be a positive number of km, got ${stepKm}.`);
  if (!(toleranceKm > 0)) throw new RangeError(`Tolerance must be a positive number of km, got ${toleranceKm}.`);
  const at = (km: number): Country | null => {
    const p = corridor.pointAt(km);
    return locator.countryAt(p.lat, p.lon);
  };

  // Change points: where along the corridor the country under it becomes `country`.
  const changes: { atKm: number; country: Country | null }[] = [];
  // Finds every change between a (country ca) and b (country cb ≠ ca), in order, by bisection.
  const refine = (a: number, ca: Country | null, b: number, cb: Country | null): void => {
    if (b - a <= toleranceKm) {
      changes.push({ atKm: (a + b) / 2, country: cb });
      return;
    }
    const m = (a + b) / 2;
    const cm = at(m);
    if (cm === ca) refine(m, cm, b, cb);
    else if (cm === cb) refine(a, ca, m, cm);
    else {
      // A third country between the two samples: two changes, each found on its own side.
      refine(a, ca, m, cm);
      refine(m, cm, b, cb);
    }
  };

  const lengthKm = corridor.lengthKm;
  const n = Math.max(1, Math.ceil(lengthKm / stepKm));
  const start = at(0);
  let prevKm = 0;
  let prev = start;
  for (let i = 1; i <= n; i++) {
    const km = i === n ? lengthKm : i * stepKm;
    const c = at(km);
    if (c !== prev) refine(prevKm, prev, km, c);
    prevKm = km;
    prev = c;
  }

  const stretches: CorridorStretch[] = [];
  let fromKm = 0;
  let country = start;
  for (const change of changes) {
    stretches.push({ country, fromKm, toKm: change.atKm });
    fromKm = change.atKm;
    country = change.country;
  }
  stretches.push({ country, fromKm, toKm: lengthKm });
  return stretches;
}
