// Point in a polygon on the sphere, answering exactly as d3-geo's `geoContains` does, with the
// work that does not depend on the point done once per polygon. d3 converts every ring to
// radians on each call (an array per vertex) and recomputes the polygon's winding and area:
// on the 1:10m map a walk along a risk corridor made gigabytes of garbage and took up to 1 s.
// The arithmetic below is d3-geo 3's `polygonContains` (ISC licence, Mike Bostock), operation
// for operation, so that every country the engine has recorded stays the same country.
import { Adder } from 'd3-array';

const epsilon = 1e-6;
const epsilon2 = 1e-12;
const pi = Math.PI;
const halfPi = pi / 2;
const quarterPi = pi / 4;
const tau = pi * 2;
const radians = pi / 180;

/** A ring's vertices in radians, the ring's closing vertex dropped (as d3's `ringRadians`). */
interface Ring {
  /** Longitude as given, radians (what d3's `cartesian` reads). */
  readonly lambdaRaw: Float64Array;
  /** Longitude wrapped into [−π, π] (d3's `longitude`). */
  readonly lambda: Float64Array;
  readonly phi: Float64Array;
}

/** A GeoJSON polygon prepared for repeated point-in-polygon tests. */
export interface SphericalPolygon {
  readonly rings: readonly Ring[];
  /** Whether the south pole lies inside: d3's test on the polygon's winding angle and area, which no query point changes. */
  readonly southPoleInside: boolean;
}

/** d3-geo's `longitude`: a longitude in radians wrapped into [−π, π]. */
function longitude(lambdaRaw: number): number {
  return Math.abs(lambdaRaw) <= pi ? lambdaRaw : Math.sign(lambdaRaw) * ((Math.abs(lambdaRaw) + pi) % tau - pi);
}

/** d3-geo's `asin`, clamped. */
function asin(x: number): number {
  return x > 1 ? halfPi : x < -1 ? -halfPi : Math.asin(x);
}

/** Prepares a GeoJSON polygon's rings (degrees, each closed by repeating its first vertex). */
export function sphericalPolygon(coordinates: readonly (readonly (readonly number[])[])[]): SphericalPolygon {
  const rings: Ring[] = coordinates.map((ring) => {
    // d3's ringRadians drops the last vertex (the ring's closing repeat).
    const m = Math.max(0, ring.length - 1);
    const lambdaRaw = new Float64Array(m);
    const lambda = new Float64Array(m);
    const phi = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      lambdaRaw[j] = ring[j]![0]! * radians;
      phi[j] = ring[j]![1]! * radians;
      lambda[j] = longitude(lambdaRaw[j]!);
    }
    return { lambdaRaw, lambda, phi };
  });

  // The parts of d3's loop that do not read the query point: the winding angle and the area sum.
  let angle = 0;
  const sum = new Adder();
  for (const ring of rings) {
    const m = ring.phi.length;
    if (!m) continue;
    let lambda0 = ring.lambda[m - 1]!;
    const phi0 = ring.phi[m - 1]! / 2 + quarterPi;
    let sinPhi0 = Math.sin(phi0);
    let cosPhi0 = Math.cos(phi0);
    for (let j = 0; j < m; j++) {
      const lambda1 = ring.lambda[j]!;
      const phi1 = ring.phi[j]! / 2 + quarterPi;
      const sinPhi1 = Math.sin(phi1);
      const cosPhi1 = Math.cos(phi1);
      const delta = lambda1 - lambda0;
      const sign = delta >= 0 ? 1 : -1;
      const absDelta = sign * delta;
      const antimeridian = absDelta > pi;
      const k = sinPhi0 * sinPhi1;
      sum.add(Math.atan2(k * sign * Math.sin(absDelta), cosPhi0 * cosPhi1 + k * Math.cos(absDelta)));
      angle += antimeridian ? delta + sign * tau : delta;
      lambda0 = lambda1;
      sinPhi0 = sinPhi1;
      cosPhi0 = cosPhi1;
    }
  }
  return { rings, southPoleInside: angle < -epsilon || (angle < epsilon && +sum < -epsilon2) };
}

/** Whether the point (degrees) lies inside the polygon, as `geoContains(polygonFeature, [lonDeg, latDeg])` answers. */
export function sphericalPolygonContains(polygon: SphericalPolygon, lonDeg: number, latDeg: number): boolean {
  const lambda = longitude(lonDeg * radians);
  let phi = latDeg * radians;
  const sinPhi = Math.sin(phi);
  const normal0 = Math.sin(lambda);
  const normal1 = -Math.cos(lambda);
  let winding = 0;

  if (sinPhi === 1) phi = halfPi + epsilon;
  else if (sinPhi === -1) phi = -halfPi - epsilon;

  for (const ring of polygon.rings) {
    const m = ring.phi.length;
    if (!m) continue;
    let i0 = m - 1;
    let lambda0 = ring.lambda[i0]!;
    for (let j = 0; j < m; j++) {
      const lambda1 = ring.lambda[j]!;
      const delta = lambda1 - lambda0;
      const antimeridian = (delta >= 0 ? delta : -delta) > pi;
      // Are the longitudes either side of the point's meridian (lambda)?
      if (antimeridian !== (lambda0 >= lambda) !== (lambda1 >= lambda)) {
        // d3: arc = cartesianCross(cartesian(point0), cartesian(point1)), normalised.
        const cosPhiA = Math.cos(ring.phi[i0]!);
        const a0 = cosPhiA * Math.cos(ring.lambdaRaw[i0]!);
        const a1 = cosPhiA * Math.sin(ring.lambdaRaw[i0]!);
        const a2 = Math.sin(ring.phi[i0]!);
        const cosPhiB = Math.cos(ring.phi[j]!);
        const b0 = cosPhiB * Math.cos(ring.lambdaRaw[j]!);
        const b1 = cosPhiB * Math.sin(ring.lambdaRaw[j]!);
        const b2 = Math.sin(ring.phi[j]!);
        let arc0 = a1 * b2 - a2 * b1;
        let arc1 = a2 * b0 - a0 * b2;
        let arc2 = a0 * b1 - a1 * b0;
        const arcLength = Math.sqrt(arc0 * arc0 + arc1 * arc1 + arc2 * arc2);
        arc0 /= arcLength;
        arc1 /= arcLength;
        arc2 /= arcLength;
        // d3: intersection = cartesianCross(normal, arc), normalised; normal[2] is 0.
        let x0 = normal1 * arc2 - 0 * arc1;
        let x1 = 0 * arc0 - normal0 * arc2;
        let x2 = normal0 * arc1 - normal1 * arc0;
        const xLength = Math.sqrt(x0 * x0 + x1 * x1 + x2 * x2);
        x0 /= xLength;
        x1 /= xLength;
        x2 /= xLength;
        const phiArc = (antimeridian !== delta >= 0 ? -1 : 1) * asin(x2);
        if (phi > phiArc || (phi === phiArc && (arc0 || arc1))) {
          winding += antimeridian !== delta >= 0 ? 1 : -1;
        }
      }
      i0 = j;
      lambda0 = lambda1;
    }
  }
  // South pole inside XOR an odd number of crossings between the point and the south pole.
  return polygon.southPoleInside !== ((winding & 1) === 1);
}
