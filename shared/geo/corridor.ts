// The risk corridor: the trace on the Earth of the line of variations (reference §4), a
// polyline of scenario points joined by great-circle arcs and parameterised by arc length
// on a sphere, so that "how far along the corridor" means kilometres on the ground.
import { geoDistance, geoInterpolate } from 'd3-geo';

/** Mean Earth radius (km) for arc lengths along the corridor; the same value as physics' EARTH_RADIUS_KM. */
export const CORRIDOR_EARTH_RADIUS_KM = 6371;

/** A scenario's corridor point, as written in `riskCorridor.points`. */
export interface CorridorPointInput {
  readonly lat: number;
  readonly lon: number;
  readonly label?: string | undefined;
}

/** A corridor vertex with its distance from the corridor's start (km along the arcs). */
export interface CorridorVertex {
  readonly lat: number;
  readonly lon: number;
  readonly label: string | null;
  readonly distanceKm: number;
}

/** A place on the corridor, with where it lies along it and the nearest labelled vertex. */
export interface CorridorLocation {
  readonly lat: number;
  readonly lon: number;
  /** Distance from the corridor's first point along the arcs, in [0, lengthKm]. */
  readonly distanceKm: number;
  /** distanceKm / lengthKm, in [0, 1] (0 for a corridor of zero length). */
  readonly fraction: number;
  /** Label of the labelled vertex nearest to this place as the crow flies, or null if no vertex is labelled. */
  readonly nearestLabel: string | null;
  /** Great-circle distance (km) from this place to that vertex, or null if no vertex is labelled. */
  readonly nearestLabelKm: number | null;
}

/** A risk corridor parameterised by arc length; built once from the scenario's points. */
export interface Corridor {
  readonly lengthKm: number;
  readonly vertices: readonly CorridorVertex[];
  /** The place `distanceKm` along the corridor, the distance clamped to [0, lengthKm]. */
  pointAt(distanceKm: number): CorridorLocation;
  /** The place at a fraction of the corridor's length, the fraction clamped to [0, 1]. */
  pointAtFraction(fraction: number): CorridorLocation;
}

// Consecutive points closer than this to antipodal do not define a unique great circle.
const ANTIPODAL_TOLERANCE_RAD = 1e-9;

/**
 * Builds a corridor from at least two points, joining consecutive points by the shorter
 * great-circle arc; throws a RangeError for fewer points, coordinates out of range or
 * antipodal neighbours (whose joining arc is undefined).
 */
export function createCorridor(points: readonly CorridorPointInput[]): Corridor {
  if (points.length < 2) throw new RangeError(`A corridor needs at least two points, got ${points.length}.`);
  points.forEach((p) => assertLatLon(p.lat, p.lon));

  const vertices: CorridorVertex[] = [];
  const segments: { fromKm: number; lengthKm: number; interpolate: (t: number) => [number, number] }[] = [];
  let totalKm = 0;
  points.forEach((p, i) => {
    if (i > 0) {
      const a = points[i - 1]!;
      const arcRad = geoDistance([a.lon, a.lat], [p.lon, p.lat]);
      if (Math.PI - arcRad < ANTIPODAL_TOLERANCE_RAD) {
        throw new RangeError(`Corridor points ${i - 1} and ${i} are antipodal: the great circle joining them is undefined.`);
      }
      const lengthKm = arcRad * CORRIDOR_EARTH_RADIUS_KM;
      segments.push({ fromKm: totalKm, lengthKm, interpolate: geoInterpolate([a.lon, a.lat], [p.lon, p.lat]) });
      totalKm += lengthKm;
    }
    vertices.push({ lat: p.lat, lon: p.lon, label: p.label ?? null, distanceKm: totalKm });
  });
  const lengthKm = totalKm;
  const labelled = vertices.filter((v) => v.label !== null);

  const locate = (lat: number, lon: number, distanceKm: number): CorridorLocation => {
    let nearestLabel: string | null = null;
    let nearestLabelKm: number | null = null;
    for (const v of labelled) {
      const km = geoDistance([lon, lat], [v.lon, v.lat]) * CORRIDOR_EARTH_RADIUS_KM;
      if (nearestLabelKm === null || km < nearestLabelKm) {
        nearestLabel = v.label;
        nearestLabelKm = km;
      }
    }
    return { lat, lon, distanceKm, fraction: lengthKm > 0 ? distanceKm / lengthKm : 0, nearestLabel, nearestLabelKm };
  };

  const pointAt = (distanceKm: number): CorridorLocation => {
    if (Number.isNaN(distanceKm)) throw new RangeError('Distance along the corridor is NaN.');
    const d = Math.min(lengthKm, Math.max(0, distanceKm));
    // Endpoints and vertices are returned exactly, not through the interpolator's trigonometry.
    const last = vertices[vertices.length - 1]!;
    if (d >= lengthKm) return locate(last.lat, last.lon, lengthKm);
    // Binary search for the last segment starting at or before d.
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.fromKm <= d) lo = mid;
      else hi = mid - 1;
    }
    const seg = segments[lo]!;
    const t = seg.lengthKm > 0 ? (d - seg.fromKm) / seg.lengthKm : 0;
    if (t <= 0) {
      const v = vertices[lo]!;
      return locate(v.lat, v.lon, d);
    }
    const [lon, lat] = seg.interpolate(Math.min(1, t));
    return locate(lat, lon, d);
  };

  return {
    lengthKm,
    vertices,
    pointAt,
    pointAtFraction: (fraction: number) => {
      if (Number.isNaN(fraction)) throw new RangeError('Fraction of the corridor is NaN.');
      return pointAt(Math.min(1, Math.max(0, fraction)) * lengthKm);
    },
  };
}

/** An encounter point mapped onto the corridor, with the target-plane coordinate it came from. */
export interface CorridorImpact extends CorridorLocation {
  readonly encounterKm: number;
}

/**
 * Maps an encounter point on the line of variations to the place it strikes on the
 * corridor, or null when it lies outside the capture radius (a miss).
 *
 * The mapping is linear in arc length (reference §4): the capture disc's chord along the
 * line of variations, [−b, b], is stretched onto the corridor, so −b is the corridor's
 * first point, +b its last and 0 its middle by length:
 *   distanceKm = lengthKm · (encounterKm + b) / (2b).
 * A shift of Δ km on the target plane therefore moves the impact point lengthKm / (2b) · Δ
 * km along the corridor (see `corridorKmPerEncounterKm`). This is an exercise model: the
 * real ground track stretches towards the edges of the disc, where the body grazes the Earth.
 */
export function encounterToCorridor(corridor: Corridor, encounterKm: number, captureRadiusKm: number): CorridorImpact | null {
  assertCaptureRadius(captureRadiusKm);
  if (Number.isNaN(encounterKm)) throw new RangeError('Encounter point is NaN.');
  if (Math.abs(encounterKm) > captureRadiusKm) return null;
  const fraction = (encounterKm + captureRadiusKm) / (2 * captureRadiusKm);
  return { ...corridor.pointAtFraction(fraction), encounterKm };
}

/** The inverse of `encounterToCorridor`: the encounter point (km on the line of variations) that strikes `distanceKm` along the corridor. */
export function corridorToEncounter(corridor: Corridor, distanceKm: number, captureRadiusKm: number): number {
  assertCaptureRadius(captureRadiusKm);
  if (corridor.lengthKm === 0) return -captureRadiusKm;
  const d = Math.min(corridor.lengthKm, Math.max(0, distanceKm));
  return (d / corridor.lengthKm) * 2 * captureRadiusKm - captureRadiusKm;
}

/** Kilometres moved along the corridor per kilometre of shift of the encounter point on the target plane. */
export function corridorKmPerEncounterKm(corridor: Corridor, captureRadiusKm: number): number {
  assertCaptureRadius(captureRadiusKm);
  return corridor.lengthKm / (2 * captureRadiusKm);
}

/** Places every `stepKm` along the corridor, its first and last points included (for drawing it or walking it). */
export function sampleCorridor(corridor: Corridor, stepKm: number): CorridorLocation[] {
  if (!(stepKm > 0) || !Number.isFinite(stepKm)) throw new RangeError(`Sampling step must be a positive number of km, got ${stepKm}.`);
  const n = Math.ceil(corridor.lengthKm / stepKm);
  const out: CorridorLocation[] = [];
  for (let i = 0; i < n; i++) out.push(corridor.pointAt(i * stepKm));
  out.push(corridor.pointAt(corridor.lengthKm));
  return out;
}

function assertCaptureRadius(captureRadiusKm: number): void {
  if (!(captureRadiusKm > 0) || !Number.isFinite(captureRadiusKm)) {
    throw new RangeError(`Capture radius must be a positive number of km, got ${captureRadiusKm}.`);
  }
}

/** Great-circle distance (km) between two points on the corridor's sphere of radius 6371 km. */
export function greatCircleKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return geoDistance([a.lon, a.lat], [b.lon, b.lat]) * CORRIDOR_EARTH_RADIUS_KM;
}

/** Throws a RangeError unless (lat, lon) is a latitude/longitude in degrees: a query elsewhere is a programming error. */
export function assertLatLon(lat: number, lon: number): void {
  if (!(Number.isFinite(lat) && Math.abs(lat) <= 90 && Number.isFinite(lon) && Math.abs(lon) <= 180)) {
    throw new RangeError(`(${lat}, ${lon}) is not a latitude/longitude in degrees.`);
  }
}
