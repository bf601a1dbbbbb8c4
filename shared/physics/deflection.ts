// Deflection physics for the rules module: kinetic impactors, the along-track drift they
// cause, the Earth's capture radius, the gravity tractor and an order-of-magnitude model of
// a nuclear stand-off burst. Equations and worked examples: reference §2 and §7
// (../shared/reference/planetary-defense.md). Pure: no I/O, no clock, no randomness.
import { z } from 'zod';
import { EARTH_ESCAPE_SPEED_KMS, EARTH_RADIUS_KM, G_NEWTON, J_PER_KT, SECONDS_PER_DAY } from './constants.js';

// ---------------------------------------------------------------------------------------
// Documented parameters and their defaults
// ---------------------------------------------------------------------------------------

/** DART's momentum enhancement factor, β = 3.61 (+0.19/−0.25) for Dimorphos at 2400 kg/m³ (Cheng et al. 2023). */
export const DART_BETA = 3.61;
/** β over the plausible range of Dimorphos' bulk density (Cheng et al. 2023): the bounds the Monte Carlo truncates to. */
export const DART_BETA_RANGE = { min: 2.2, max: 4.9 } as const;
/**
 * Bulk density assumed when a target's density is not given (kg/m³): a typical rubble-pile
 * near-Earth asteroid (Dimorphos was modelled at 2400). A scenario parameter, not a truth.
 */
export const DEFAULT_TARGET_DENSITY_KG_M3 = 2000;
/** Hyperbolic excess speed assumed when none is given (km/s); gives the reference's b ≈ 9 560 km. */
export const DEFAULT_V_INF_KMS = 10;

/**
 * Nuclear stand-off burst, momentum coupling (N·s of impulse per J of yield). (uncertain)
 * Lumps together the stand-off geometry, the share of the yield in neutrons and X-rays and
 * the blow-off of the heated surface layer. 3e-7 gives "cm/s-class" Δv (reference §2,
 * NRC 2010): 1 Mt on a 300 m body of 2000 kg/m³ → ≈ 4.4 cm/s. Plausible order 1e-7–1e-6.
 */
export const DEFAULT_NUCLEAR_MOMENTUM_COUPLING_NS_PER_J = 3e-7;
/**
 * Nuclear stand-off burst, fraction of the yield delivered to the body's bulk as shock
 * energy, the quantity compared with Q*D. (uncertain) Most deposited energy vaporises a thin
 * surface layer rather than loading the bulk; 1e-4 keeps a 1 Mt burst on a 300 m body
 * intact (≈ 15 J/kg against ≈ 30 J/kg) but disrupts a 100 m body (≈ 400 J/kg against 10).
 */
export const DEFAULT_NUCLEAR_ENERGY_COUPLING_FRACTION = 1e-4;
/**
 * Mass fraction of a disrupted body that stays on course as a large fragment. (uncertain)
 * From the scripted exercises: PDC 2015 left an 80 m fragment of a 150–450 m body and
 * PDC 2019 a 50–80 m fragment of a 140–260 m body, i.e. a few per cent of the mass.
 */
export const DEFAULT_ON_COURSE_FRAGMENT_MASS_FRACTION = 0.03;
/**
 * Catastrophic-disruption threshold Q*D (J/kg) at the ends of the reference's range: order
 * 10 J/kg for 100 m bodies and 100 J/kg for 1 km bodies (reference §2, uncertain).
 */
export const DISRUPTION_THRESHOLD_ANCHORS = {
  smallDiameterM: 100,
  smallJPerKg: 10,
  largeDiameterM: 1000,
  largeJPerKg: 100,
} as const;

// ---------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------

/** Mass of a sphere of this diameter and bulk density, m = (π/6)·ρ·D³ (kg). */
export function sphereMassKg(diameterM: number, densityKgM3: number): number {
  return (Math.PI / 6) * densityKgM3 * diameterM * diameterM * diameterM;
}

/** Diameter of a sphere of this mass and bulk density, the inverse of `sphereMassKg` (m). */
export function sphereDiameterM(massKg: number, densityKgM3: number): number {
  return Math.cbrt((6 * massKg) / (Math.PI * densityKgM3));
}

/**
 * Velocity change of a kinetic impact, Δv = β·m·U/M (Cheng et al. 2023, Nature 616:457),
 * summed over `count` identical impactors that share the target's β; the target's mass
 * change from one impact to the next is neglected.
 */
export function kineticDeltaVMmPerS(
  impactorMassKg: number,
  relativeSpeedKmS: number,
  beta: number,
  targetMassKg: number,
  count = 1,
): number {
  // m/s → mm/s and km/s → m/s cancel: Δv[mm/s] = β·m·U[km/s]·1e3·1e3 / M.
  return (count * beta * impactorMassKg * relativeSpeedKmS * 1e6) / targetMassKg;
}

/**
 * Along-track displacement at the encounter of a push applied `leadTimeDays` before it,
 * Δx ≈ 3·Δv·t (reference §2), signed like Δv: the secular drift of a near-circular orbit
 * whose period the push changed, valid when t spans several orbits (a radial push gives none).
 */
export function alongTrackShiftKmFor(deltaVMmPerS: number, leadTimeDays: number): number {
  // Δv[mm/s]·1e-3 → m/s; ·t[s] → m; ·1e-3 → km.
  return 3 * deltaVMmPerS * 1e-6 * leadTimeDays * SECONDS_PER_DAY;
}

/**
 * The Earth's capture radius on the target plane with gravitational focusing,
 * b = RE·√(1 + vesc²/v∞²) (reference §2; v∞ = 10 km/s → b ≈ 9 560 km).
 */
export function captureRadiusKmFor(vInfKmS: number = DEFAULT_V_INF_KMS): number {
  const ratio = EARTH_ESCAPE_SPEED_KMS / vInfKmS;
  return EARTH_RADIUS_KM * Math.sqrt(1 + ratio * ratio);
}

/**
 * Whether an encounter point on the line of variations misses the Earth: its distance from
 * the centre exceeds the capture radius plus a safety margin (reference §2).
 */
export function encounterMisses(encounterKm: number, captureRadiusKm: number, safetyMarginKm = 0): boolean {
  return Math.abs(encounterKm) > captureRadiusKm + safetyMarginKm;
}

/** Gravity tractor pull on the asteroid, a = G·m_sc/d², independent of the asteroid's mass (m/s²). */
export function gravityTractorAccelerationMS2For(spacecraftMassKg: number, hoverDistanceM: number): number {
  return (G_NEWTON * spacecraftMassKg) / (hoverDistanceM * hoverDistanceM);
}

/**
 * Catastrophic-disruption threshold Q*D for a body of this diameter (J/kg): log-linear
 * between the reference's order-of-magnitude anchors, 10 J/kg at 100 m and 100 J/kg at
 * 1 km (uncertain); outside that range the nearest anchor is used rather than extrapolated.
 */
export function catastrophicDisruptionThresholdJPerKg(diameterM: number): number {
  const a = DISRUPTION_THRESHOLD_ANCHORS;
  const d = Math.min(a.largeDiameterM, Math.max(a.smallDiameterM, diameterM));
  const t = Math.log(d / a.smallDiameterM) / Math.log(a.largeDiameterM / a.smallDiameterM);
  return a.smallJPerKg * Math.pow(a.largeJPerKg / a.smallJPerKg, t);
}

// ---------------------------------------------------------------------------------------
// Top-level calculations (stable input schemas and result fields, used by the CLI)
// ---------------------------------------------------------------------------------------

const positive = z.number().positive();

/** The target is given by its mass, or by its diameter (and optionally density). */
const targetFields = {
  targetMassKg: positive.optional(),
  targetDiameterM: positive.optional(),
  targetDensityKgM3: positive.optional(),
};
const hasTarget = (t: { targetMassKg?: number | undefined; targetDiameterM?: number | undefined }) =>
  t.targetMassKg !== undefined || t.targetDiameterM !== undefined;
const targetMessage = { message: 'give the target mass (targetMassKg) or its diameter (targetDiameterM)', path: ['targetMassKg'] };

function resolveTargetMassKg(t: { targetMassKg?: number | undefined; targetDiameterM?: number | undefined; targetDensityKgM3?: number | undefined }): number {
  if (t.targetMassKg !== undefined) return t.targetMassKg;
  return sphereMassKg(t.targetDiameterM!, t.targetDensityKgM3 ?? DEFAULT_TARGET_DENSITY_KG_M3);
}

export const kineticImpactorInputSchema = z
  .strictObject({
    impactorMassKg: positive,
    relativeSpeedKmS: positive,
    beta: z.number().min(1),
    ...targetFields,
    count: z.number().int().positive().default(1),
    leadTimeDays: z.number().nonnegative().optional(),
  })
  .refine(hasTarget, targetMessage);
export type KineticImpactorInput = z.input<typeof kineticImpactorInputSchema>;
export type KineticImpactorResult = { deltaVMmPerS: number; alongTrackShiftKm?: number };

/**
 * Kinetic-impactor campaign: Δv = count·β·m·U/M (Cheng et al. 2023), with the target mass
 * from diameter and density when not given, and the along-track shift when a lead time is;
 * throws a ZodError on invalid input.
 */
export function kineticImpactor(input: KineticImpactorInput): KineticImpactorResult {
  const p = kineticImpactorInputSchema.parse(input);
  const deltaVMmPerS = kineticDeltaVMmPerS(p.impactorMassKg, p.relativeSpeedKmS, p.beta, resolveTargetMassKg(p), p.count);
  if (p.leadTimeDays === undefined) return { deltaVMmPerS };
  return { deltaVMmPerS, alongTrackShiftKm: alongTrackShiftKmFor(deltaVMmPerS, p.leadTimeDays) };
}

export const alongTrackShiftInputSchema = z.strictObject({
  /** Signed along-track Δv: the sign is the direction of the push along the line of variations. */
  deltaVMmPerS: z.number(),
  leadTimeDays: z.number().nonnegative(),
  vInfKmS: positive.default(DEFAULT_V_INF_KMS),
  /** Undeflected encounter point on the line of variations; 0, the centre of the capture disc, unless given. */
  encounterKm: z.number().default(0),
  safetyMarginKm: z.number().nonnegative().default(0),
});
export type AlongTrackShiftInput = z.input<typeof alongTrackShiftInputSchema>;
export type AlongTrackShiftResult = { alongTrackShiftKm: number; captureRadiusKm: number; missesEarth: boolean };

/**
 * The displacement at encounter of an along-track push (Δx ≈ 3·Δv·t), the capture radius
 * for v∞, and whether the shifted point clears it (plus any margin); unless `encounterKm`
 * says otherwise the undeflected point is assumed at the centre of the capture disc, the
 * worst case; throws a ZodError on invalid input.
 */
export function alongTrackShift(input: AlongTrackShiftInput): AlongTrackShiftResult {
  const p = alongTrackShiftInputSchema.parse(input);
  const alongTrackShiftKm = alongTrackShiftKmFor(p.deltaVMmPerS, p.leadTimeDays);
  const captureRadiusKm = captureRadiusKmFor(p.vInfKmS);
  return { alongTrackShiftKm, captureRadiusKm, missesEarth: encounterMisses(p.encounterKm + alongTrackShiftKm, captureRadiusKm, p.safetyMarginKm) };
}

export const gravityTractorInputSchema = z.strictObject({
  spacecraftMassKg: positive,
  /** Distance from the asteroid's centre of mass, not from its surface. */
  hoverDistanceM: positive,
  durationDays: z.number().nonnegative(),
});
export type GravityTractorInput = z.input<typeof gravityTractorInputSchema>;
export type GravityTractorResult = { accelerationMS2: number; deltaVMmPerS: number };

/**
 * Gravity tractor: the pull a = G·m_sc/d² and the Δv it accumulates over the duration
 * (20 t at 150 m ≈ 1.9 mm/s per year, reference §2); assumes the station keeping is perfect
 * and the thruster plumes miss the body; throws a ZodError on invalid input.
 */
export function gravityTractor(input: GravityTractorInput): GravityTractorResult {
  const p = gravityTractorInputSchema.parse(input);
  const accelerationMS2 = gravityTractorAccelerationMS2For(p.spacecraftMassKg, p.hoverDistanceM);
  return { accelerationMS2, deltaVMmPerS: accelerationMS2 * p.durationDays * SECONDS_PER_DAY * 1e3 };
}

export const nuclearStandoffInputSchema = z
  .strictObject({
    /** Yield of each device (kt TNT). */
    yieldKt: positive,
    /** Devices detonated one after another; each must stay below Q*D on its own. */
    count: z.number().int().positive().default(1),
    ...targetFields,
    momentumCouplingNsPerJ: positive.default(DEFAULT_NUCLEAR_MOMENTUM_COUPLING_NS_PER_J),
    energyCouplingFraction: z.number().positive().max(1).default(DEFAULT_NUCLEAR_ENERGY_COUPLING_FRACTION),
    /** Q*D override; by default from the body's diameter (`catastrophicDisruptionThresholdJPerKg`). */
    disruptionThresholdJPerKg: positive.optional(),
    onCourseFragmentMassFraction: z.number().min(0).max(1).default(DEFAULT_ON_COURSE_FRAGMENT_MASS_FRACTION),
    leadTimeDays: z.number().nonnegative().optional(),
  })
  .refine(hasTarget, targetMessage);
export type NuclearStandoffInput = z.input<typeof nuclearStandoffInputSchema>;
export type NuclearStandoffResult = {
  deltaVMmPerS: number;
  /** Shock energy per kg of the body delivered by one device, compared with Q*D. */
  specificEnergyJPerKg: number;
  disruptionThresholdJPerKg: number;
  disrupted: boolean;
  /** Mass fraction left on the original course as a fragment: 0 when the body stays intact. */
  fragmentMassFraction: number;
  alongTrackShiftKm?: number;
};

/**
 * Nuclear stand-off burst as a documented order-of-magnitude model (uncertain, reference §2,
 * NRC 2010): Δv = count·C·Y/M with momentum coupling C, and disruption when one device's
 * specific energy f·Y/M exceeds Q*D, leaving a fragment mass fraction on course; throws a
 * ZodError on invalid input.
 */
export function nuclearStandoff(input: NuclearStandoffInput): NuclearStandoffResult {
  const p = nuclearStandoffInputSchema.parse(input);
  const density = p.targetDensityKgM3 ?? DEFAULT_TARGET_DENSITY_KG_M3;
  const targetMassKg = resolveTargetMassKg(p);
  const diameterM = p.targetDiameterM ?? sphereDiameterM(targetMassKg, density);
  const yieldJ = p.yieldKt * J_PER_KT;
  const deltaVMmPerS = ((p.count * p.momentumCouplingNsPerJ * yieldJ) / targetMassKg) * 1e3;
  const specificEnergyJPerKg = (p.energyCouplingFraction * yieldJ) / targetMassKg;
  const disruptionThresholdJPerKg = p.disruptionThresholdJPerKg ?? catastrophicDisruptionThresholdJPerKg(diameterM);
  const disrupted = specificEnergyJPerKg > disruptionThresholdJPerKg;
  const result: NuclearStandoffResult = {
    deltaVMmPerS,
    specificEnergyJPerKg,
    disruptionThresholdJPerKg,
    disrupted,
    fragmentMassFraction: disrupted ? p.onCourseFragmentMassFraction : 0,
  };
  if (p.leadTimeDays !== undefined) result.alongTrackShiftKm = alongTrackShiftKmFor(deltaVMmPerS, p.leadTimeDays);
  return result;
}
