// The geometry a scenario states must agree with itself: the capture radius follows from the
// entry speed, and the risk corridor must be as long as the capture disc's trace on the ground,
// or a push would move the impact point too little or too much. Checked when a scenario file
// is loaded (parseScenarioYaml), not when a stored session is read back: a log replays with the
// scenario it was played with.
import { createCorridor } from '../geo/corridor.js';
import { EARTH_ESCAPE_SPEED_KMS, EARTH_RADIUS_KM } from '../physics/constants.js';
import type { Scenario } from './schema.js';

/** How far (relative) a stated capture radius may differ from the one its entry speed gives. */
export const CAPTURE_RADIUS_TOLERANCE = 0.01;

/**
 * The capture radius (km) of a body entering at this speed: its speed far from the Earth is
 * v∞ = √(v0² − vesc²), and b = RE·√(1 + vesc²/v∞²) = RE·v0/v∞ (reference §2).
 */
export function captureRadiusKmForEntrySpeed(entrySpeedKmS: number): number {
  const vInfKmS = Math.sqrt(entrySpeedKmS ** 2 - EARTH_ESCAPE_SPEED_KMS ** 2);
  return (EARTH_RADIUS_KM * entrySpeedKmS) / vInfKmS;
}

/**
 * The lengths (km) a risk corridor may have. The engine maps the capture disc [−b, b] linearly
 * onto the corridor; a target-plane offset ξ lands at RE·arcsin(ξ/b) along the ground, so the
 * trace of the whole disc is π·RE long, while near the centre the ground moves RE/b km per km,
 * which a linear map matches at 2·RE. Between the two, the corridor is a fair trace.
 */
export const CORRIDOR_LENGTH_KM = { min: 2 * EARTH_RADIUS_KM, max: Math.PI * EARTH_RADIUS_KM } as const;

/** A disagreement in a scenario's geometry, at a path of the scenario file. */
export interface GeometryIssue {
  path: (string | number)[];
  message: string;
}

/** What is wrong with a scenario's geometry: a capture radius its entry speed contradicts, a corridor too short or too long for the capture disc. */
export function scenarioGeometryIssues(s: Scenario): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  const { entrySpeedKmS, captureRadiusKm } = s.asteroid;
  const derivedKm = captureRadiusKmForEntrySpeed(entrySpeedKmS);
  if (Math.abs(captureRadiusKm - derivedKm) > CAPTURE_RADIUS_TOLERANCE * derivedKm) {
    issues.push({
      path: ['asteroid', 'captureRadiusKm'],
      message: `${captureRadiusKm} km contradicts the entry speed of ${entrySpeedKmS} km/s, which gives ${Math.round(derivedKm)} km (v∞ = √(v0² − vesc²), b = RE·v0/v∞)`,
    });
  }
  const lengthKm = createCorridor(s.riskCorridor.points).lengthKm;
  if (lengthKm < CORRIDOR_LENGTH_KM.min || lengthKm > CORRIDOR_LENGTH_KM.max) {
    const slope = lengthKm / (2 * captureRadiusKm);
    const centre = EARTH_RADIUS_KM / captureRadiusKm;
    issues.push({
      path: ['riskCorridor', 'points'],
      message:
        `the corridor is ${Math.round(lengthKm)} km long, but the capture disc's trace on the ground is ` +
        `${Math.round(CORRIDOR_LENGTH_KM.min)}–${Math.round(CORRIDOR_LENGTH_KM.max)} km: the ground would move ` +
        `${slope.toFixed(2)} km per km of push instead of ${centre.toFixed(2)} near the centre`,
    });
  }
  return issues;
}
