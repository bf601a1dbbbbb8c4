// What a deflection mission does to the body: the Δv it delivers and the along-track shift at
// the encounter that follows (reference §2). One implementation, called by the round's
// resolution with the body as it really is and the drawn unknowns, by SMPAG with the
// published mid-range body, and by the browser's preview over the published ranges. It
// imports only the physics and the calendar, so the client can bundle it.
import { addMonths } from '../calendar.js';
import { G_NEWTON } from '../physics/constants.js';
import {
  alongTrackShiftKmFor,
  DART_BETA,
  DART_BETA_RANGE,
  DEFAULT_NUCLEAR_ENERGY_COUPLING_FRACTION,
  DEFAULT_NUCLEAR_MOMENTUM_COUPLING_NS_PER_J,
  gravityTractor,
  kineticDeltaVMmPerS,
  nuclearStandoff,
  sphereMassKg,
} from '../physics/deflection.js';
import type { MissionType } from '../scenario/schema.js';

/** The days in one month of towing: a mean Gregorian month (365.25 / 12 ≈ 30.44). */
export const DAYS_PER_TOW_MONTH = 30.44;

/** The body pushed: its size and bulk density. */
export interface TargetBody {
  diameterM: number;
  densityKgM3: number;
}

/**
 * Nuclear stand-off, momentum coupling at the optimum burst height (N·s per J of yield): the
 * plausible order 1e-7–1e-6 that physics/deflection.ts documents (its default, 3e-7, is the
 * range's log-centre). The resolution draws it log-uniformly in this range (uncertain).
 */
export const NUCLEAR_MOMENTUM_COUPLING_RANGE = { min: 1e-7, max: 1e-6 } as const;
/**
 * Nuclear stand-off, share of the yield that loads the body's bulk at the optimum height, the
 * quantity compared with Q*D: half a decade either side of physics/deflection.ts's 1e-4. The
 * resolution draws it log-uniformly in this range (uncertain; a choice of this engine).
 */
export const NUCLEAR_ENERGY_COUPLING_RANGE = { min: 3e-5, max: 3e-4 } as const;

/** The burst height that maximises the push, (√2 − 1)·radius (Ahrens & Harris 1992, Nature 360:429) (m). */
export function optimumStandoffM(diameterM: number): number {
  return (Math.SQRT2 - 1) * (diameterM / 2);
}

/**
 * How a burst at `standoffM` above the surface couples to the body, relative to the optimum
 * height. The body intercepts g = (1 − √(1 − (R/d)²))/2 of an isotropic burst at distance
 * d = R + h, all of it deposited in the cap it can see, a fraction A = (1 − R/d)/2 of its
 * surface. The energy loading the bulk scales with g (closer: more, up to half the yield);
 * the push with min(g, A) — the blow-off of the irradiated cap, which shrinks as the burst
 * comes closer — so it peaks at the optimum, where g = A. A stated simplification of the
 * stand-off geometry, not a radiation-transport model.
 */
export function standoffCoupling(diameterM: number, standoffM: number): { momentumScale: number; energyScale: number } {
  const r = diameterM / 2;
  const intercepted = (h: number) => (1 - Math.sqrt(1 - (r / (r + h)) ** 2)) / 2;
  const visible = (h: number) => (1 - r / (r + h)) / 2;
  const optimum = intercepted(optimumStandoffM(diameterM));
  return { momentumScale: Math.min(intercepted(standoffM), visible(standoffM)) / optimum, energyScale: intercepted(standoffM) / optimum };
}

/** The escape speed from the surface of a body, √(2GM/R) (mm/s): the speed at which the fragments of a disrupted body disperse. */
export function escapeSpeedMmPerS(body: TargetBody): number {
  return Math.sqrt((2 * G_NEWTON * sphereMassKg(body.diameterM, body.densityKgM3)) / (body.diameterM / 2)) * 1e3;
}

/**
 * The unknowns and choices behind a push, nominal where absent: a kinetic impact's β and the
 * impactor mass actually delivered (all spacecraft together); a nuclear burst's yield and
 * height (the proposer's; null: the optimum) and its couplings at the optimum (drawn).
 */
export interface EffectDraw {
  beta?: number;
  deliveredMassKg?: number;
  yieldKt?: number;
  standoffM?: number | null;
  momentumCouplingNsPerJ?: number;
  energyCouplingFraction?: number;
}

/** A nuclear burst as it went: the couplings are those at its height. */
export interface BurstEffect {
  yieldKt: number;
  standoffM: number;
  momentumCouplingNsPerJ: number;
  energyCouplingFraction: number;
}

/** What a mission does on arrival, unsigned: the direction of the push is the proposer's. */
export interface MissionEffect {
  deltaVMmPerS: number;
  /** Along-track shift of the encounter point (km, ≥ 0). */
  shiftKm: number;
  /** Nuclear stand-off: whether one device breaks the body up, and the specific energy against Q*D. */
  disrupted: boolean;
  fragmentMassFraction: number;
  specificEnergyJPerKg: number | null;
  disruptionThresholdJPerKg: number | null;
  burst: BurstEffect | null;
}

/**
 * The push of a mission arriving `leadTimeDays` before the encounter, on `body`: a kinetic
 * impactor Δv = β·m·U/M (Cheng et al. 2023; β and the delivered mass nominal unless drawn) —
 * the scalar form is the head-on bound of the along-track change: for DART it gives 2.99 mm/s
 * against the 2.70 ± 0.10 mm/s measured, the impact being oblique; the engine applies it
 * whole along-track, i.e. assumes a head-on impact, the most the impactor can do;
 * a gravity tractor a = G·m/d² for its tow (cut short by the encounter), acting on average
 * from mid-tow; a nuclear stand-off by the documented order-of-magnitude model, its couplings
 * scaled by the burst height (`standoffCoupling`); and the shift Δx ≈ 3·Δv·t. Null for
 * reconnaissance, which pushes nothing.
 */
export function missionEffect(type: MissionType, body: TargetBody, leadTimeDays: number, draw: EffectDraw = {}): MissionEffect | null {
  const none = { disrupted: false, fragmentMassFraction: 0, specificEnergyJPerKg: null, disruptionThresholdJPerKg: null, burst: null };
  const lead = Math.max(0, leadTimeDays);
  switch (type.kind) {
    case 'reconnaissance':
      return null;
    case 'kinetic-impactor': {
      const massKg = sphereMassKg(body.diameterM, body.densityKgM3);
      const deltaVMmPerS =
        draw.deliveredMassKg !== undefined
          ? kineticDeltaVMmPerS(draw.deliveredMassKg, type.relativeSpeedKmS, draw.beta ?? DART_BETA, massKg)
          : kineticDeltaVMmPerS(type.impactorMassKg, type.relativeSpeedKmS, draw.beta ?? DART_BETA, massKg, type.impactorCount);
      return { deltaVMmPerS, shiftKm: alongTrackShiftKmFor(deltaVMmPerS, lead), ...none };
    }
    case 'gravity-tractor': {
      // Towing for towMonths from arrival, or until the encounter; the push acts on average from the middle of the tow.
      const towDays = Math.min(lead, type.towMonths * DAYS_PER_TOW_MONTH);
      const { deltaVMmPerS } = gravityTractor({ spacecraftMassKg: type.spacecraftMassKg, hoverDistanceM: type.hoverDistanceM, durationDays: towDays });
      return { deltaVMmPerS, shiftKm: alongTrackShiftKmFor(deltaVMmPerS, lead - towDays / 2), ...none };
    }
    case 'nuclear-standoff': {
      const standoffM = draw.standoffM ?? optimumStandoffM(body.diameterM);
      const scale = standoffCoupling(body.diameterM, standoffM);
      const burst: BurstEffect = {
        yieldKt: draw.yieldKt ?? type.yieldKt,
        standoffM,
        momentumCouplingNsPerJ: (draw.momentumCouplingNsPerJ ?? DEFAULT_NUCLEAR_MOMENTUM_COUPLING_NS_PER_J) * scale.momentumScale,
        energyCouplingFraction: Math.min(1, (draw.energyCouplingFraction ?? DEFAULT_NUCLEAR_ENERGY_COUPLING_FRACTION) * scale.energyScale),
      };
      const r = nuclearStandoff({
        yieldKt: burst.yieldKt,
        count: type.deviceCount,
        targetDiameterM: body.diameterM,
        targetDensityKgM3: body.densityKgM3,
        momentumCouplingNsPerJ: burst.momentumCouplingNsPerJ,
        energyCouplingFraction: burst.energyCouplingFraction,
        leadTimeDays: lead,
      });
      return {
        deltaVMmPerS: r.deltaVMmPerS,
        shiftKm: r.alongTrackShiftKm ?? 0,
        disrupted: r.disrupted,
        fragmentMassFraction: r.fragmentMassFraction,
        specificEnergyJPerKg: r.specificEnergyJPerKg,
        disruptionThresholdJPerKg: r.disruptionThresholdJPerKg,
        burst,
      };
    }
  }
}

/** Where a mission stands, as far as its arrival date is concerned. */
export interface MissionSchedule {
  /** Set once the mission is being built: it can launch from then on. */
  readyDate: string | null;
  /** Set once the mission flies. */
  arrivalDate: string | null;
  buildMonths: number;
  flightMonths: number;
}

/**
 * The earliest arrival of a mission launched as soon as it can be from `today`: its arrival
 * if it flies; else built (or now, if already built), then flown — the same month
 * arithmetic the resolution applies (readyDate = build from funding, arrival = flight from launch).
 */
export function earliestArrivalDate(schedule: MissionSchedule, today: string): string {
  if (schedule.arrivalDate) return schedule.arrivalDate;
  const launchFrom = schedule.readyDate !== null ? (schedule.readyDate > today ? schedule.readyDate : today) : addMonths(today, schedule.buildMonths);
  return addMonths(launchFrom, schedule.flightMonths);
}

/** The body as published: its size range and the density assumed. */
export interface PublishedBody {
  diameterMinM: number;
  diameterMaxM: number;
  densityKgM3: number;
}

/** A push as far as the published facts tell it: its smallest, nominal and largest Δv and shift. */
export interface EffectBand {
  deltaVMmPerS: { min: number; nominal: number; max: number };
  shiftKm: { min: number; nominal: number; max: number };
}

/**
 * The push of a mission as the table can know it before anyone measures the body: smallest
 * with the lowest β (or coupling) on the largest body, nominal with β = 3.61 (the default
 * couplings) on the mid-range body, largest the other way round (kinetic: β 2.2–4.9, Cheng
 * et al. 2023; nuclear: the coupling ranges above). A gravity tractor's pull does not depend
 * on the body's mass: its band has no width. Null for reconnaissance.
 */
export function missionEffectBand(type: MissionType, body: PublishedBody, leadTimeDays: number, choice: Pick<EffectDraw, 'yieldKt' | 'standoffM'> = {}): EffectBand | null {
  const at = (diameterM: number, draw: EffectDraw) => missionEffect(type, { diameterM, densityKgM3: body.densityKgM3 }, leadTimeDays, { ...choice, ...draw });
  const mid = (body.diameterMinM + body.diameterMaxM) / 2;
  const low =
    type.kind === 'kinetic-impactor'
      ? { beta: DART_BETA_RANGE.min }
      : { momentumCouplingNsPerJ: NUCLEAR_MOMENTUM_COUPLING_RANGE.min, energyCouplingFraction: NUCLEAR_ENERGY_COUPLING_RANGE.min };
  const high =
    type.kind === 'kinetic-impactor'
      ? { beta: DART_BETA_RANGE.max }
      : { momentumCouplingNsPerJ: NUCLEAR_MOMENTUM_COUPLING_RANGE.max, energyCouplingFraction: NUCLEAR_ENERGY_COUPLING_RANGE.max };
  const smallest = at(body.diameterMaxM, low);
  const nominal = at(mid, {});
  const largest = at(body.diameterMinM, high);
  if (!smallest || !nominal || !largest) return null;
  return {
    deltaVMmPerS: { min: smallest.deltaVMmPerS, nominal: nominal.deltaVMmPerS, max: largest.deltaVMmPerS },
    shiftKm: { min: smallest.shiftKm, nominal: nominal.shiftKm, max: largest.shiftKm },
  };
}
