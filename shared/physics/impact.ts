// Impact effects of an asteroid striking the Earth, after G.S. Collins, H.J. Melosh and
// R.A. Marcus, "Earth Impact Effects Program", Meteoritics & Planetary Science 40(6):817–840
// (2005) — "Collins et al. (2005)" below — and the authors' 2010 revisions of their web
// program, exactly as ../shared/reference/planetary-defense.md section 1 states them. Section
// names of the paper are cited; equation numbers are left out where they could not be checked
// against the primary text. SI units unless a name says otherwise; angles from the horizontal.
import { z } from 'zod';
import { EARTH_RADIUS_IMPACT_M, G_SURFACE_MS2, J_PER_KT, J_PER_MT } from './constants.js';
import { sphereMassKg } from './deflection.js';

// ---------------------------------------------------------------------------------------------
// Constants of the model (reference section 1). Defined here rather than in constants.ts
// because they belong to this model only.

/** Air density at sea level (kg/m³) of the exponential atmosphere. */
export const SURFACE_AIR_DENSITY_KGM3 = 1;
/** Scale height of the exponential atmosphere (m). */
export const SCALE_HEIGHT_M = 8000;
/** Drag coefficient of the impactor in the atmosphere. */
export const DRAG_COEFFICIENT = 2;
/** Pancake factor: the spread diameter, as a multiple of the initial one, at which the airburst happens. */
export const PANCAKE_FACTOR = 7;
/**
 * Coefficient of the breakup parameter, 4.07·CD (Collins et al. 2005 eq. 12:
 * If = 4.07·CD·H·Yi / (ρi·L·v0²·sin θ)), ≈ 8.14 with CD = 2; the authors' program computes
 * 8.155 (5.437·av·Yi/(ρ0·v0²)). An earlier reference sheet dropped CD; it only moves the
 * intact/breakup boundary of metre-scale irons and shifts z* by a few hundred metres.
 */
export const BREAKUP_PARAMETER_COEFFICIENT = 4.07 * DRAG_COEFFICIENT;
/** Ambient surface pressure (Pa) used by the peak-wind formula. */
export const AMBIENT_PRESSURE_PA = 1e5;
/** Speed of sound at the surface (m/s). */
export const SOUND_SPEED_MS = 330;
/** Luminous efficiency: the fraction of the energy radiated as the thermal pulse. */
export const LUMINOUS_EFFICIENCY = 3e-3;
/** Impact speed below which a crater-forming impact makes no thermal pulse (m/s). */
export const MIN_THERMAL_IMPACT_SPEED_MS = 15_000;
/** Sea-water density (kg/m³) for the water-layer crater. */
export const WATER_DENSITY_KGM3 = 1000;
/** Density of the sea floor (kg/m³) under a water layer, per the reference. */
export const SEAFLOOR_DENSITY_KGM3 = 2700;
/** Drag coefficient of the impactor in water (Collins et al. 2005, "Impacts into water"). */
export const WATER_DRAG_COEFFICIENT = 0.877;
/** Target rock densities (kg/m³), per the reference. */
export const TARGET_DENSITY_KGM3 = { sedimentary: 2500, crystalline: 2750 } as const;
/** Final-crater diameter (m) above which a crater is complex rather than simple. */
export const SIMPLE_COMPLEX_TRANSITION_M = 3200;

/** Overpressure thresholds (Pa) for structural damage (Collins et al. 2005, "Air blast"). */
export const OVERPRESSURE_THRESHOLDS_PA = {
  wallBearingCollapse: 42_600,
  woodFrameCollapse: 26_800,
  windowsShatter: 6_900,
  windowsMayShatter: 690,
} as const;

/** Thermal-exposure thresholds (J/m²) for a 1 Mt event; scale them with {@link thermalThresholdJm2}. */
export const THERMAL_THRESHOLDS_1MT_JM2 = {
  clothingIgnites: 1.0e6,
  thirdDegreeBurns: 0.42e6,
  secondDegreeBurns: 0.25e6,
  firstDegreeBurns: 0.13e6,
} as const;

// Air-blast constants for a 1 kt surface burst (Collins et al. 2005, "Air blast").
const BLAST_CROSSOVER_PRESSURE_PA = 75_000;
const BLAST_CROSSOVER_DISTANCE_M = 290;

const DEG = Math.PI / 180;

// ---------------------------------------------------------------------------------------------
// Numerics

/**
 * Finds a root of `f` in [lo, hi] by bisection, given that f(lo) and f(hi) have opposite signs
 * (or one is zero); stops when the bracket is narrower than `relativeTolerance`·|midpoint|.
 */
export function bisect(
  f: (x: number) => number,
  lo: number,
  hi: number,
  relativeTolerance = 1e-10,
  maxIterations = 200,
): number {
  let a = lo;
  let b = hi;
  let fa = f(a);
  const fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (Math.sign(fa) === Math.sign(fb)) throw new RangeError(`bisect: f(${lo}) and f(${hi}) have the same sign`);
  for (let i = 0; i < maxIterations; i++) {
    const mid = 0.5 * (a + b);
    const fm = f(mid);
    if (fm === 0 || b - a <= relativeTolerance * Math.abs(mid)) return mid;
    if (Math.sign(fm) === Math.sign(fa)) {
      a = mid;
      fa = fm;
    } else {
      b = mid;
    }
  }
  return 0.5 * (a + b);
}

/** Outermost radius (m) at which `valueAt(r)` falls to `threshold`, by bisection on the last segment (between sorted `breakpointsM`, each monotone decreasing) where it is still exceeded; null when it never is. */
function thresholdRadiusM(
  valueAt: (rM: number) => number,
  threshold: number,
  breakpointsM: readonly number[] = [],
  maxRadiusM?: number,
): number | null {
  // The last segment ends at maxRadiusM if given (the value there is below the threshold), else
  // its end is found by doubling.
  const excess = (r: number) => valueAt(r) - threshold;
  const starts = [0, ...breakpointsM.filter((b) => b > 0)];
  for (let i = starts.length - 1; i >= 0; i--) {
    const lo = starts[i]!;
    if (!(excess(lo) > 0)) continue;
    let hi = starts[i + 1] ?? maxRadiusM ?? Math.max(1000, 2 * lo);
    if (i === starts.length - 1 && maxRadiusM === undefined) {
      for (let k = 0; k < 80 && excess(hi) > 0; k++) hi *= 2;
    }
    if (excess(hi) > 0) return null; // does not fall below the threshold within any sane range
    return bisect(excess, lo, hi);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Mass, energy, strength, recurrence

/** Mass (kg) of a spherical impactor, m = (π/6)·ρi·L³ (Collins et al. 2005, "Energy"): the one sphere formula, `sphereMassKg`. */
export const impactorMassKg = sphereMassKg;

/** Kinetic energy (J), E = ½·m·v² (Collins et al. 2005, "Energy"). */
export function kineticEnergyJ(massKg: number, speedMs: number): number {
  return 0.5 * massKg * speedMs * speedMs;
}

/** Converts joules to megatons of TNT (1 Mt = 4.184e15 J). */
export function joulesToMt(energyJ: number): number {
  return energyJ / J_PER_MT;
}

/** Converts joules to kilotons of TNT (1 kt = 4.184e12 J). */
export function joulesToKt(energyJ: number): number {
  return energyJ / J_PER_KT;
}

/** Yield strength (Pa) of the impactor from its density, Yi = 10^(2.107 + 0.0624·√ρi) (Collins et al. 2005, "Atmospheric entry"). */
export function impactorStrengthPa(densityKgM3: number): number {
  return 10 ** (2.107 + 0.0624 * Math.sqrt(densityKgM3));
}

/** Mean interval (years) between impacts of this entry energy anywhere on Earth, T_RE = 109·E_Mt^0.78 (Collins et al. 2005, "Recurrence interval"). */
export function recurrenceIntervalYears(energyMt: number): number {
  return 109 * energyMt ** 0.78;
}

// ---------------------------------------------------------------------------------------------
// Atmospheric entry (Collins et al. 2005, "Atmospheric entry")

/** The impactor's entry conditions, shared by the entry functions. */
export interface EntryConditions {
  diameterM: number;
  densityKgM3: number;
  /** Speed at the top of the atmosphere (m/s). */
  entrySpeedMs: number;
  angleDeg: number;
}

/** Air density (kg/m³) at an altitude in the exponential atmosphere, ρ(z) = ρ0·e^(−z/H). */
export function airDensityKgM3(altitudeM: number): number {
  return SURFACE_AIR_DENSITY_KGM3 * Math.exp(-altitudeM / SCALE_HEIGHT_M);
}

/** Speed (m/s) of the intact impactor at an altitude, v(z) = v0·exp[−3ρ(z)·CD·H / (4ρi·L·sin θ)]. */
export function intactSpeedMs(entry: EntryConditions, altitudeM: number): number {
  const { diameterM, densityKgM3, entrySpeedMs, angleDeg } = entry;
  const exponent =
    (3 * airDensityKgM3(altitudeM) * DRAG_COEFFICIENT * SCALE_HEIGHT_M) /
    (4 * densityKgM3 * diameterM * Math.sin(angleDeg * DEG));
  return entrySpeedMs * Math.exp(-exponent);
}

/** Terminal speed (m/s) of an intact body falling through sea-level air, √(4·ρi·L·g / (3·ρ0·CD)), the floor the authors' code puts under an intact impactor's landing speed. */
export function terminalSpeedMs(diameterM: number, densityKgM3: number): number {
  return Math.sqrt((4 * densityKgM3 * diameterM * G_SURFACE_MS2) / (3 * SURFACE_AIR_DENSITY_KGM3 * DRAG_COEFFICIENT));
}

/** Breakup parameter If = 4.07·CD·H·Yi / (ρi·L·v0²·sin θ) (Collins et al. 2005 eq. 12); If ≥ 1 means the body reaches the ground intact. */
export function breakupParameter(entry: EntryConditions): number {
  const { diameterM, densityKgM3, entrySpeedMs, angleDeg } = entry;
  return (
    (BREAKUP_PARAMETER_COEFFICIENT * SCALE_HEIGHT_M * impactorStrengthPa(densityKgM3)) /
    (densityKgM3 * diameterM * entrySpeedMs ** 2 * Math.sin(angleDeg * DEG))
  );
}

/** Breakup altitude (m), z* = −H·[ln(Yi/(ρ0·v0²)) + 1.308 − 0.314·If − 1.303·√(1 − If)], for If < 1. */
export function breakupAltitudeM(entry: EntryConditions): number {
  const If = breakupParameter(entry);
  const strengthRatio = impactorStrengthPa(entry.densityKgM3) / (SURFACE_AIR_DENSITY_KGM3 * entry.entrySpeedMs ** 2);
  return -SCALE_HEIGHT_M * (Math.log(strengthRatio) + 1.308 - 0.314 * If - 1.303 * Math.sqrt(1 - If));
}

/** Dispersion length (m) of the pancaking impactor, l = L·sin θ·√(ρi / (CD·ρ(z*))). */
export function dispersionLengthM(entry: EntryConditions, breakupAltitude: number): number {
  return (
    entry.diameterM *
    Math.sin(entry.angleDeg * DEG) *
    Math.sqrt(entry.densityKgM3 / (DRAG_COEFFICIENT * airDensityKgM3(breakupAltitude)))
  );
}

/** Altitude (m) at which the pancake reaches fp times its initial diameter, zb = z* − 2H·ln[1 + (l/2H)·√(fp² − 1)]; an airburst if positive. */
export function pancakeAltitudeM(breakupAltitude: number, dispersionLength: number): number {
  const alpha = Math.sqrt(PANCAKE_FACTOR ** 2 - 1);
  return breakupAltitude - 2 * SCALE_HEIGHT_M * Math.log(1 + (dispersionLength / (2 * SCALE_HEIGHT_M)) * alpha);
}

/**
 * Speed (m/s) at the airburst altitude zb, the reference's closed form:
 * vb = v(z*)·exp{−¾·√(CD·ρ0/ρi)·e^(−z* / 2H)·(α/24)·[24 + 8α² + 6α·l/H + 3α³·l/H]}, α = √(fp² − 1).
 */
export function speedAtBurstMs(entry: EntryConditions, breakupAltitude: number, dispersionLength: number): number {
  const alpha = Math.sqrt(PANCAKE_FACTOR ** 2 - 1);
  const lOverH = dispersionLength / SCALE_HEIGHT_M;
  const exponent =
    0.75 *
    Math.sqrt((DRAG_COEFFICIENT * SURFACE_AIR_DENSITY_KGM3) / entry.densityKgM3) *
    Math.exp(-breakupAltitude / (2 * SCALE_HEIGHT_M)) *
    (alpha / 24) *
    (24 + 8 * alpha ** 2 + 6 * alpha * lOverH + 3 * alpha ** 3 * lOverH);
  return intactSpeedMs(entry, breakupAltitude) * Math.exp(-exponent);
}

/** Speed (m/s) of the pancaking impactor at an altitude between max(zb, 0) and z*, from the pancake drag integral ln(v/v(z*)) = −¾·CD/(ρi·L³·sin θ)·∫ ρ(z')·L(z')² dz' in closed form. */
export function pancakeSpeedMs(entry: EntryConditions, breakupAltitude: number, dispersionLength: number, altitudeM: number): number {
  // At z = zb this equals the reference's vb (speedAtBurstMs); at z = 0 it is the authors' code
  // for a body that breaks up but reaches the ground before it has spread fp-fold (zb ≤ 0).
  const H = SCALE_HEIGHT_M;
  const l = dispersionLength;
  const drop = breakupAltitude - altitudeM; // how far below the breakup point
  const e1 = Math.expm1(drop / H);
  const e2 = Math.expm1((2 * drop) / H);
  const e32 = Math.expm1((3 * drop) / (2 * H));
  // ∫0^drop e^(u/H)·[1 + (2H/l)²(e^(u/2H) − 1)²] du, divided by l.
  const integralOverL = (H / l) * e1 + ((4 * H ** 3) / l ** 3) * (0.5 * e2 - (4 / 3) * e32 + e1);
  const exponent =
    0.75 *
    Math.sqrt((DRAG_COEFFICIENT * SURFACE_AIR_DENSITY_KGM3) / entry.densityKgM3) *
    Math.exp(-breakupAltitude / (2 * H)) *
    integralOverL;
  return intactSpeedMs(entry, breakupAltitude) * Math.exp(-exponent);
}

/** Diameter (m) of the pancake at an altitude below the breakup point, L(z) = L·√(1 + (2H/l)²·(e^((z*−z)/2H) − 1)²). */
export function pancakeDiameterM(entry: EntryConditions, breakupAltitude: number, dispersionLength: number, altitudeM: number): number {
  const spread = Math.expm1((breakupAltitude - altitudeM) / (2 * SCALE_HEIGHT_M));
  return entry.diameterM * Math.sqrt(1 + ((2 * SCALE_HEIGHT_M) / dispersionLength) ** 2 * spread ** 2);
}

/** What happens to the impactor in the atmosphere. */
export interface AtmosphericEntry {
  strengthPa: number;
  breakupParameter: number;
  /** z* (m); null when the body reaches the ground intact (If ≥ 1, or z* ≤ 0). */
  breakupAltitudeM: number | null;
  /** l (m); null when intact. */
  dispersionLengthM: number | null;
  /** zb (m), may be ≤ 0 (the pancake reaches the ground first); null when intact. */
  pancakeAltitudeM: number | null;
  airburst: boolean;
  /** Speed at zb (m/s) for an airburst, else null. */
  speedAtBurstMs: number | null;
  /** Kinetic energy deposited above zb (J), ½·m·(v0² − vb²), for an airburst, else null. */
  airburstYieldJ: number | null;
  /** Speed at the ground (m/s), null for an airburst. */
  impactSpeedMs: number | null;
  /** Diameter of the (possibly spread) impactor at the ground (m), null for an airburst. */
  diameterAtGroundM: number | null;
}

/** Follows the impactor through the atmosphere (Collins et al. 2005, "Atmospheric entry"): intact, airburst (If < 1 and zb > 0), or broken up but reaching the ground. */
export function atmosphericEntry(entry: EntryConditions): AtmosphericEntry {
  const strengthPa = impactorStrengthPa(entry.densityKgM3);
  const If = breakupParameter(entry);
  // Intact: lands at v(0), or at the terminal speed if higher — the entry equation ignores
  // gravity, and the authors' code adds this floor (not in the reference; slow small bodies only).
  const intact = (): AtmosphericEntry => ({
    strengthPa,
    breakupParameter: If,
    breakupAltitudeM: null,
    dispersionLengthM: null,
    pancakeAltitudeM: null,
    airburst: false,
    speedAtBurstMs: null,
    airburstYieldJ: null,
    impactSpeedMs: Math.max(intactSpeedMs(entry, 0), terminalSpeedMs(entry.diameterM, entry.densityKgM3)),
    diameterAtGroundM: entry.diameterM,
  });
  if (If >= 1) return intact();
  const zStar = breakupAltitudeM(entry);
  if (!(zStar > 0)) return intact(); // breakup would happen underground
  const l = dispersionLengthM(entry, zStar);
  const zb = pancakeAltitudeM(zStar, l);
  const base = { strengthPa, breakupParameter: If, breakupAltitudeM: zStar, dispersionLengthM: l, pancakeAltitudeM: zb };
  if (zb > 0) {
    const vb = speedAtBurstMs(entry, zStar, l);
    const massKg = impactorMassKg(entry.diameterM, entry.densityKgM3);
    // The authors' code: the yield is the kinetic energy lost above zb.
    const yieldJ = 0.5 * massKg * (entry.entrySpeedMs ** 2 - vb ** 2);
    return { ...base, airburst: true, speedAtBurstMs: vb, airburstYieldJ: yieldJ, impactSpeedMs: null, diameterAtGroundM: null };
  }
  // Broken up but zb ≤ 0: the pancake reaches the ground still spreading, so its landing speed is
  // the pancake drag integral taken down to z = 0 (the authors' code), not the intact v(0).
  return {
    ...base,
    airburst: false,
    speedAtBurstMs: null,
    airburstYieldJ: null,
    impactSpeedMs: pancakeSpeedMs(entry, zStar, l, 0),
    diameterAtGroundM: pancakeDiameterM(entry, zStar, l, 0),
  };
}

/** Where the entry energy ends up: in the atmosphere, at the ground, and what drives the blast and the heat. */
export interface EnergyBudget {
  /** Kinetic energy spent in the air (J): all of it for an airburst, E0 − ½·m·vi² for a ground impact. */
  depositedInAirJ: number;
  /** Kinetic energy delivered at the ground (J), ½·m·vi²; 0 for an airburst. Drives crater and shaking. */
  atGroundJ: number;
  /** Energy that drives the air blast and the thermal pulse (J): deposited in the air plus at the ground. */
  blastJ: number;
}

/**
 * Splits the entry energy E0 = ½·m·v0² between the atmosphere and the ground so that energy is
 * conserved across the airburst/ground boundary (reference §1, corrected): the air blast and
 * the thermal pulse are driven by the energy deposited in the air plus at the ground (nothing
 * leaves again: the model has no residual that escapes), the crater and the shaking by the
 * ground share alone. For an airburst the yield above zb (the authors' ½·m·(v0² − vb²)) is only
 * part of it: the debris cloud spends the rest, ½·m·vb², on its way down below zb, in the air.
 * Applied literally the authors' split drops a body that breaks up but reaches the ground to
 * ½·m·vi² (2600 kg/m³, 15 km/s, 45°: 85 m → 21.8 Mt, 90 m → 0.9 Mt); this is the deposition
 * view of energy-deposition models (PAIR, Mathias et al. 2017).
 */
export function energyBudget(massKg: number, entrySpeedMs: number, passage: AtmosphericEntry): EnergyBudget {
  const entryJ = kineticEnergyJ(massKg, entrySpeedMs);
  const atGroundJ = passage.airburst || passage.impactSpeedMs === null ? 0 : kineticEnergyJ(massKg, passage.impactSpeedMs);
  // The terminal-speed floor of slow intact bodies can land them faster than they entered:
  // then nothing was spent in the air, and the ground share is all there is.
  const depositedInAirJ = Math.max(0, entryJ - atGroundJ);
  return { depositedInAirJ, atGroundJ, blastJ: depositedInAirJ + atGroundJ };
}

// ---------------------------------------------------------------------------------------------
// Craters (Collins et al. 2005, "Crater dimensions")

/** Inputs of the transient-crater scaling law. */
export interface CraterConditions {
  diameterM: number;
  densityKgM3: number;
  impactSpeedMs: number;
  angleDeg: number;
  targetDensityKgM3: number;
}

/**
 * Transient crater diameter (m), Dtc = C·(ρi/ρt)^(1/3)·L^0.78·vi^0.44·g^(−0.22)·sin^(1/3)θ, with
 * C = 1.161 for rock and 1.365 for the crater opened in a water layer (ρt = water).
 */
export function transientCraterDiameterM(c: CraterConditions, coefficient = 1.161): number {
  return (
    coefficient *
    (c.densityKgM3 / c.targetDensityKgM3) ** (1 / 3) *
    c.diameterM ** 0.78 *
    c.impactSpeedMs ** 0.44 *
    G_SURFACE_MS2 ** -0.22 *
    Math.sin(c.angleDeg * DEG) ** (1 / 3)
  );
}

/** Final crater diameter (m): simple, 1.25·Dtc, if that is under 3.2 km; else complex, 1.17·Dtc^1.13 / 3200^0.13. */
export function finalCraterDiameterM(transientDiameterM: number): number {
  const simple = 1.25 * transientDiameterM;
  if (simple < SIMPLE_COMPLEX_TRANSITION_M) return simple;
  return (1.17 * transientDiameterM ** 1.13) / SIMPLE_COMPLEX_TRANSITION_M ** 0.13;
}

/** Speed (m/s) at the sea floor after crossing a water layer, v·exp(−3·ρw·CD·h / (2·ρi·L·sin θ)), CD = 0.877 (Collins et al. 2005, "Impacts into water"). */
export function seafloorSpeedMs(impactSpeedMs: number, waterDepthM: number, diameterM: number, densityKgM3: number, angleDeg: number): number {
  const exponent =
    (3 * WATER_DENSITY_KGM3 * WATER_DRAG_COEFFICIENT * waterDepthM) / (2 * densityKgM3 * diameterM * Math.sin(angleDeg * DEG));
  return impactSpeedMs * Math.exp(-exponent);
}

/** Transient cavity (m) an impactor opens in a water layer: the crater scaling law with C = 1.365 and ρt = 1000 kg/m³ (Collins et al. 2005, "Impacts into water"). */
export function waterCavityDiameterM(diameterM: number, densityKgM3: number, impactSpeedMs: number, angleDeg: number): number {
  return transientCraterDiameterM({ diameterM, densityKgM3, impactSpeedMs, angleDeg, targetDensityKgM3: WATER_DENSITY_KGM3 }, 1.365);
}

/**
 * Whether the water cavity reaches the sea floor: its transient depth, Dtcw / 2√2 (the transient
 * depth-to-diameter ratio of Collins et al. 2005, "Crater dimensions"), is at least the water depth.
 * When it does not, the body is spent in the water: no sea-floor crater, no ground shaking.
 */
export function cavityReachesFloor(waterCavityDiameter: number, waterDepthM: number): boolean {
  return waterCavityDiameter / (2 * Math.SQRT2) >= waterDepthM;
}

/** Rim-wave amplitude (m) of an impact tsunami, min(0.07·Dtcw, h) (Collins et al. 2005, "Tsunami"). */
export function tsunamiRimAmplitudeM(waterCavityDiameter: number, waterDepthM: number): number {
  return Math.min(0.07 * waterCavityDiameter, waterDepthM);
}

/**
 * Rim-wave amplitude (m) of an impact tsunami at a distance: min(0.07·Dtcw, h) at the cavity rim,
 * decaying as 1/r beyond it (Collins et al. 2005). The 1/r decay is an upper bound: the NASA
 * asteroid-generated tsunami workshop (NASA/TM-2017-219463) and later modelling find the far-field
 * waves of bodies under ~250 m well below it (the short-wavelength rim wave disperses and breaks).
 */
export function tsunamiAmplitudeM(waterCraterDiameterM: number, waterDepthM: number, distanceKm: number): number {
  const rimAmplitudeM = tsunamiRimAmplitudeM(waterCraterDiameterM, waterDepthM);
  // Choice (the reference gives no origin for the 1/r decay): measured from the rim, Dtcw/2.
  const rimRadiusM = waterCraterDiameterM / 2;
  const distanceM = distanceKm * 1000;
  return distanceM <= rimRadiusM ? rimAmplitudeM : (rimAmplitudeM * rimRadiusM) / distanceM;
}

// ---------------------------------------------------------------------------------------------
// Thermal radiation (Collins et al. 2005, "Thermal radiation")

/** Fireball radius (m), Rf = 0.002·E^(1/3), E in joules. */
export function fireballRadiusM(energyJ: number): number {
  return 0.002 * Math.cbrt(energyJ);
}

/**
 * Fraction of the fireball visible above the horizon at a ground distance:
 * h = (1 − cos(r/RE))·RE, δ = arccos(h/Rf), f = (2/π)·(δ − (h/Rf)·sin δ); 0 when h ≥ Rf.
 */
export function visibleFireballFraction(distanceM: number, fireballRadius: number): number {
  const hiddenHeightM = (1 - Math.cos(distanceM / EARTH_RADIUS_IMPACT_M)) * EARTH_RADIUS_IMPACT_M;
  if (hiddenHeightM >= fireballRadius) return 0;
  const ratio = hiddenHeightM / fireballRadius;
  const delta = Math.acos(ratio);
  return (2 / Math.PI) * (delta - ratio * Math.sin(delta));
}

/** Thermal exposure (J/m²) at a ground distance, Φ = f·η·E / (2π·r²), from a fireball on the ground or at a burst altitude. */
export function thermalExposureJm2(energyJ: number, distanceKm: number, burstAltitudeKm = 0): number {
  // For an airburst (our choice; the reference is silent) r is the slant range to the burst
  // point, while the horizon fraction f is still taken from the ground distance.
  const groundM = distanceKm * 1000;
  const altitudeM = Math.max(0, burstAltitudeKm) * 1000;
  const f = visibleFireballFraction(groundM, fireballRadiusM(energyJ));
  if (f === 0) return 0;
  const slantSquaredM2 = groundM ** 2 + altitudeM ** 2;
  return (f * LUMINOUS_EFFICIENCY * energyJ) / (2 * Math.PI * slantSquaredM2);
}

/** Exposure threshold (J/m²) for an event of this energy: the 1 Mt value scaled by E_Mt^(1/6) (longer pulses need more energy to do the same harm). */
export function thermalThresholdJm2(threshold1MtJm2: number, energyMt: number): number {
  return threshold1MtJm2 * energyMt ** (1 / 6);
}

/** Ground distance (km) out to which the scaled thermal threshold is exceeded, by bisection on Φ(r); null if it is never reached. */
export function thermalRadiusKm(energyJ: number, threshold1MtJm2: number, burstAltitudeKm = 0): number | null {
  const thresholdJm2 = thermalThresholdJm2(threshold1MtJm2, joulesToMt(energyJ));
  const horizonRatio = Math.min(2, fireballRadiusM(energyJ) / EARTH_RADIUS_IMPACT_M);
  const horizonDistanceM = EARTH_RADIUS_IMPACT_M * Math.acos(1 - horizonRatio); // Φ = 0 from there on
  const r = thresholdRadiusM((rM) => thermalExposureJm2(energyJ, rM / 1000, burstAltitudeKm), thresholdJm2, [], horizonDistanceM);
  return r === null ? null : r / 1000;
}

// ---------------------------------------------------------------------------------------------
// Air blast (Collins et al. 2005, "Air blast", with the authors' 2010 airburst revision)

/** Peak overpressure (Pa) of a surface burst at a distance scaled to 1 kt, p = (px·rx / 4r1)·[1 + 3·(rx/r1)^1.3], px = 75 kPa, rx = 290 m. */
export function surfaceBurstOverpressurePa(scaledDistanceM: number, crossoverDistanceM = BLAST_CROSSOVER_DISTANCE_M): number {
  const r1 = scaledDistanceM;
  const rx = crossoverDistanceM;
  return ((BLAST_CROSSOVER_PRESSURE_PA * rx) / (4 * r1)) * (1 + 3 * (rx / r1) ** 1.3);
}

/** Peak overpressure (Pa) in the regular-reflection region of an airburst, the 2010 form 3.14e11·(r1² + z1²)^(−1.3) + 1.8e7·(r1² + z1²)^(−0.565), scaled to 1 kt. */
export function regularReflectionOverpressurePa(scaledDistanceM: number, scaledAltitudeM: number): number {
  const s2 = scaledDistanceM ** 2 + scaledAltitudeM ** 2;
  return 3.14e11 * s2 ** -1.3 + 1.8e7 * s2 ** -0.565;
}

/**
 * Where the Mach reflection region of an airburst at scaled altitude z1 (m, 1 kt) begins, in
 * scaled metres: rx = 290 + 0.65·z1, rm1 = 550·z1 / (1.2·(550 − z1)), and the interpolation band
 * [rm1 − 0.00328·z1², rm1 + 0.00328·z1²]; null for a surface burst (z1 ≤ 0, Mach everywhere)
 * or when z1 ≥ 550 (regular reflection everywhere).
 */
export function machRegion(scaledAltitudeM: number): { crossoverDistanceM: number; bandInnerM: number; bandOuterM: number } | null {
  const z1 = scaledAltitudeM;
  if (!(z1 > 0) || z1 >= 550) return null;
  const rm1 = (550 * z1) / (1.2 * (550 - z1));
  const halfBand = 0.00328 * z1 ** 2;
  return { crossoverDistanceM: BLAST_CROSSOVER_DISTANCE_M + 0.65 * z1, bandInnerM: rm1 - halfBand, bandOuterM: rm1 + halfBand };
}

/** Peak overpressure (Pa) at scaled ground distance r1 from a burst at scaled altitude z1 (m, 1 kt): regular reflection inside the Mach region's start, the surface-burst form with rx = 290 + 0.65·z1 beyond it, linear across the band between. */
export function scaledOverpressurePa(scaledDistanceM: number, scaledAltitudeM: number): number {
  // For 466 < z1 < 550 m the band rises by up to ~2 %, so p is not monotone in r there;
  // blastRadiusKm therefore looks for the outermost crossing, segment by segment.
  const r1 = scaledDistanceM;
  const z1 = scaledAltitudeM;
  if (!(z1 > 0)) return surfaceBurstOverpressurePa(r1);
  const mach = machRegion(z1);
  if (mach === null) return regularReflectionOverpressurePa(r1, z1);
  const { crossoverDistanceM, bandInnerM: inner, bandOuterM: outer } = mach;
  if (r1 <= inner) return regularReflectionOverpressurePa(r1, z1);
  if (r1 >= outer) return surfaceBurstOverpressurePa(r1, crossoverDistanceM);
  const pInner = regularReflectionOverpressurePa(inner, z1);
  const pOuter = surfaceBurstOverpressurePa(outer, crossoverDistanceM);
  return pInner + ((r1 - inner) / (outer - inner)) * (pOuter - pInner);
}

/** Peak overpressure (Pa) at a ground distance from a burst of this energy, by cube-root scaling from 1 kt (r1 = r / E_kt^(1/3), z1 = zb / E_kt^(1/3)). */
export function overpressurePa(energyKt: number, distanceKm: number, burstAltitudeKm = 0): number {
  const scale = Math.cbrt(energyKt);
  return scaledOverpressurePa((distanceKm * 1000) / scale, (Math.max(0, burstAltitudeKm) * 1000) / scale);
}

/** Peak wind speed (m/s) behind a shock of this overpressure, u = (5p / 7P0)·c0 / √(1 + 6p / 7P0). */
export function peakWindMs(overpressure: number): number {
  const x = overpressure / (7 * AMBIENT_PRESSURE_PA);
  return (5 * x * SOUND_SPEED_MS) / Math.sqrt(1 + 6 * x);
}

/** Blast at a ground distance: peak overpressure and peak wind of a surface burst or (burstAltitudeKm > 0) an airburst. */
export function blastAt(input: { energyKt: number; distanceKm: number; burstAltitudeKm?: number }): { overpressurePa: number; windMs: number } {
  const p = overpressurePa(input.energyKt, input.distanceKm, input.burstAltitudeKm ?? 0);
  return { overpressurePa: p, windMs: peakWindMs(p) };
}

/** Outermost ground distance (km) at which the overpressure reaches a threshold, by bisection; null if it is never reached (a high airburst). */
export function blastRadiusKm(energyKt: number, thresholdPa: number, burstAltitudeKm = 0): number | null {
  const scaleM = Math.cbrt(energyKt); // metres per scaled metre
  const mach = machRegion((Math.max(0, burstAltitudeKm) * 1000) / scaleM);
  const breakpointsM = mach === null ? [] : [mach.bandInnerM * scaleM, mach.bandOuterM * scaleM];
  const r = thresholdRadiusM((rM) => overpressurePa(energyKt, rM / 1000, burstAltitudeKm), thresholdPa, breakpointsM);
  return r === null ? null : r / 1000;
}

// ---------------------------------------------------------------------------------------------
// Seismic shaking (Collins et al. 2005, "Seismic effects")

/** Richter magnitude of the impact's seismic shaking, M = 0.67·log10(E) − 5.87, E in joules. */
export function seismicMagnitude(energyJ: number): number {
  return 0.67 * Math.log10(energyJ) - 5.87;
}

/** Effective magnitude felt at a distance: M − 0.0238·r (r < 60 km), M − 0.0048·r − 1.1644 (60–700 km), M − 1.66·log10(Δ) − 6.399 beyond (Δ in radians). */
export function seismicMagnitudeAt(magnitude: number, distanceKm: number): number {
  if (distanceKm < 60) return magnitude - 0.0238 * distanceKm;
  if (distanceKm < 700) return magnitude - 0.0048 * distanceKm - 1.1644;
  const deltaRad = (distanceKm * 1000) / EARTH_RADIUS_IMPACT_M;
  return magnitude - 1.66 * Math.log10(deltaRad) - 6.399;
}

// ---------------------------------------------------------------------------------------------
// The whole event

const positive = z.number().positive();

/** Input of {@link impactEffects}: a spherical impactor, its entry and the target, distances optional. */
export const impactInputSchema = z
  .object({
    diameterM: positive,
    densityKgM3: positive,
    velocityKmS: positive,
    angleDeg: z.number().gt(0).lte(90),
    target: z.enum(['sedimentary', 'crystalline', 'water']).default('sedimentary'),
    waterDepthM: positive.optional(),
    distanceKm: positive.optional(),
  })
  .refine((i) => i.target !== 'water' || i.waterDepthM !== undefined, {
    message: 'waterDepthM is required when the target is water',
    path: ['waterDepthM'],
  });

/** What a caller passes to {@link impactEffects} (target defaults to sedimentary rock). */
export type ImpactInput = z.input<typeof impactInputSchema>;

/** Radii (km) out to which a damage threshold is reached; null if never reached or not applicable. */
export interface DamageRadiiKm {
  /** 0.69 kPa: windows may shatter — where Chelyabinsk's ~1 500 people were hurt, mostly by glass. */
  windowsMayShatter: number | null;
  windowsShatter: number | null;
  woodFrameCollapse: number | null;
  wallBearingCollapse: number | null;
  thirdDegreeBurns: number | null;
  clothingIgnites: number | null;
}

/** Effects at the requested ground distance; null where a quantity does not apply. */
export interface EffectsAtDistance {
  overpressurePa: number;
  windMs: number;
  /** Null when there is no thermal pulse (crater-forming impact below 15 km/s). */
  thermalJm2: number | null;
  /** Null for an airburst. */
  seismicMagnitude: number | null;
}

/** The tsunami of a water impact: the rim wave, and the wave at the requested distance (null without one). */
export interface TsunamiEffects {
  rimAmplitudeM: number;
  amplitudeAtDistanceM: number | null;
}

/** The effects of one impact; these field names are a stable contract printed by the CLI. */
export interface ImpactEffects {
  massKg: number;
  energyJ: number;
  energyMt: number;
  strengthPa: number;
  airburst: boolean;
  breakupAltitudeKm: number | null;
  burstAltitudeKm: number | null;
  /** Energy deposited above zb, ½·m·(v0² − vb²) (the authors' code); null unless an airburst. */
  airburstYieldMt: number | null;
  /** Energy that drives the air blast and the thermal pulse: deposited in the air plus at the ground ({@link energyBudget}). */
  blastEnergyMt: number;
  impactSpeedKmS: number | null;
  /** Sea-floor (or land) crater; null for an airburst and when the water cavity does not reach the floor. */
  craterDiameterKm: number | null;
  /** Transient cavity opened in the water (km); null on land and for an airburst. */
  waterCavityDiameterKm: number | null;
  /** The rim wave and its 1/r decay (an upper bound, see {@link tsunamiAmplitudeM}); null on land and for an airburst. */
  tsunami: TsunamiEffects | null;
  seismicMagnitude: number | null;
  fireballRadiusKm: number;
  recurrenceYears: number;
  radiiKm: DamageRadiiKm;
  atDistance?: EffectsAtDistance;
}

/** Computes the effects of an impact (Collins et al. 2005 as the reference gives them) — entry, airburst or crater, fireball, heat, blast, shaking, damage radii and the effects at distanceKm — and throws a ZodError if the input is invalid. */
export function impactEffects(rawInput: ImpactInput): ImpactEffects {
  const input = impactInputSchema.parse(rawInput);
  const entry: EntryConditions = {
    diameterM: input.diameterM,
    densityKgM3: input.densityKgM3,
    entrySpeedMs: input.velocityKmS * 1000,
    angleDeg: input.angleDeg,
  };
  const massKg = impactorMassKg(input.diameterM, input.densityKgM3);
  const energyJ = kineticEnergyJ(massKg, entry.entrySpeedMs);
  const energyMt = joulesToMt(energyJ);
  const passage = atmosphericEntry(entry);

  // Blast and heat: the energy deposited in the air plus at the ground, from zb for an airburst
  // and from the surface otherwise; crater and shaking: the ground share, ½·m·vi² (energyBudget).
  // Water targets: the body opens a cavity in the water (and a rim wave); only if the cavity
  // reaches the floor is there a sea-floor crater (ρt = 2700, speed reduced by the water layer,
  // resurge ignored) and shaking from the kinetic energy left at the floor (authors' code).
  const budget = energyBudget(massKg, entry.entrySpeedMs, passage);
  const sourceEnergyJ = budget.blastJ;
  let burstAltitudeKm = 0;
  let thermalPulse = true;
  let craterDiameterKm: number | null = null;
  let waterCavityDiameterKm: number | null = null;
  let tsunami: TsunamiEffects | null = null;
  let groundMagnitude: number | null = null;
  if (passage.airburst) {
    burstAltitudeKm = passage.pancakeAltitudeM! / 1000;
  } else {
    const impactSpeedMs = passage.impactSpeedMs!;
    thermalPulse = impactSpeedMs >= MIN_THERMAL_IMPACT_SPEED_MS;
    const crater = { diameterM: input.diameterM, densityKgM3: input.densityKgM3, angleDeg: input.angleDeg };
    if (input.target === 'water') {
      const waterDepthM = input.waterDepthM!;
      const cavityM = waterCavityDiameterM(input.diameterM, input.densityKgM3, impactSpeedMs, input.angleDeg);
      waterCavityDiameterKm = cavityM / 1000;
      tsunami = {
        rimAmplitudeM: tsunamiRimAmplitudeM(cavityM, waterDepthM),
        amplitudeAtDistanceM: input.distanceKm === undefined ? null : tsunamiAmplitudeM(cavityM, waterDepthM, input.distanceKm),
      };
      if (cavityReachesFloor(cavityM, waterDepthM)) {
        const floorSpeedMs = seafloorSpeedMs(impactSpeedMs, waterDepthM, input.diameterM, input.densityKgM3, input.angleDeg);
        const transientM = transientCraterDiameterM({ ...crater, impactSpeedMs: floorSpeedMs, targetDensityKgM3: SEAFLOOR_DENSITY_KGM3 });
        craterDiameterKm = finalCraterDiameterM(transientM) / 1000;
        groundMagnitude = seismicMagnitude(kineticEnergyJ(massKg, floorSpeedMs));
      }
    } else {
      const transientM = transientCraterDiameterM({ ...crater, impactSpeedMs, targetDensityKgM3: TARGET_DENSITY_KGM3[input.target] });
      craterDiameterKm = finalCraterDiameterM(transientM) / 1000;
      groundMagnitude = seismicMagnitude(budget.atGroundJ);
    }
  }
  const sourceKt = joulesToKt(sourceEnergyJ);
  const blastRadius = (thresholdPa: number) => blastRadiusKm(sourceKt, thresholdPa, burstAltitudeKm);
  const burnRadius = (threshold1MtJm2: number) =>
    thermalPulse ? thermalRadiusKm(sourceEnergyJ, threshold1MtJm2, burstAltitudeKm) : null;

  const effects: ImpactEffects = {
    massKg,
    energyJ,
    energyMt,
    strengthPa: passage.strengthPa,
    airburst: passage.airburst,
    breakupAltitudeKm: passage.breakupAltitudeM === null ? null : passage.breakupAltitudeM / 1000,
    burstAltitudeKm: passage.airburst ? burstAltitudeKm : null,
    airburstYieldMt: passage.airburstYieldJ === null ? null : joulesToMt(passage.airburstYieldJ),
    blastEnergyMt: joulesToMt(budget.blastJ),
    impactSpeedKmS: passage.impactSpeedMs === null ? null : passage.impactSpeedMs / 1000,
    craterDiameterKm,
    waterCavityDiameterKm,
    tsunami,
    seismicMagnitude: groundMagnitude,
    fireballRadiusKm: fireballRadiusM(sourceEnergyJ) / 1000,
    recurrenceYears: recurrenceIntervalYears(energyMt),
    radiiKm: {
      windowsMayShatter: blastRadius(OVERPRESSURE_THRESHOLDS_PA.windowsMayShatter),
      windowsShatter: blastRadius(OVERPRESSURE_THRESHOLDS_PA.windowsShatter),
      woodFrameCollapse: blastRadius(OVERPRESSURE_THRESHOLDS_PA.woodFrameCollapse),
      wallBearingCollapse: blastRadius(OVERPRESSURE_THRESHOLDS_PA.wallBearingCollapse),
      thirdDegreeBurns: burnRadius(THERMAL_THRESHOLDS_1MT_JM2.thirdDegreeBurns),
      clothingIgnites: burnRadius(THERMAL_THRESHOLDS_1MT_JM2.clothingIgnites),
    },
  };
  if (input.distanceKm !== undefined) {
    const blast = blastAt({ energyKt: sourceKt, distanceKm: input.distanceKm, burstAltitudeKm });
    effects.atDistance = {
      overpressurePa: blast.overpressurePa,
      windMs: blast.windMs,
      thermalJm2: thermalPulse ? thermalExposureJm2(sourceEnergyJ, input.distanceKm, burstAltitudeKm) : null,
      seismicMagnitude: groundMagnitude === null ? null : seismicMagnitudeAt(groundMagnitude, input.distanceKm),
    };
  }
  return effects;
}
