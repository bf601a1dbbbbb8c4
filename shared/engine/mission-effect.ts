// What a deflection mission does to the body: the Δv it delivers and the along-track shift at
// the encounter that follows (reference §2). One implementation, called by the round's
// resolution with the body as it really is and the drawn unknowns, by SMPAG with the
// published mid-range body, and by the browser's preview over the published ranges. It
// imports only the physics and the calendar, so the client can bundle it.
import { addMonths } from '../calendar.js';
import { alongTrackShiftKmFor, DART_BETA, gravityTractor, kineticDeltaVMmPerS, nuclearStandoff } from '../physics/deflection.js';
import { impactorMassKg } from '../physics/impact.js';
import type { MissionType } from '../scenario/schema.js';

/** The days in one month of towing: a mean Gregorian month (365.25 / 12 ≈ 30.44). */
export const DAYS_PER_TOW_MONTH = 30.44;

/** The body pushed: its size and bulk density. */
export interface TargetBody {
  diameterM: number;
  densityKgM3: number;
}

/** The unknowns of a kinetic impact: β and the impactor mass actually delivered (all spacecraft together). */
export interface KineticDraw {
  beta: number;
  deliveredMassKg: number;
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
}

/**
 * The push of a mission arriving `leadTimeDays` before the encounter, on `body`: a kinetic
 * impactor Δv = β·m·U/M (Cheng et al. 2023; β and the delivered mass nominal unless drawn);
 * a gravity tractor a = G·m/d² for its tow (cut short by the encounter), acting on average
 * from mid-tow; a nuclear stand-off by the documented order-of-magnitude model; and the
 * shift Δx ≈ 3·Δv·t. Null for reconnaissance, which pushes nothing.
 */
export function missionEffect(type: MissionType, body: TargetBody, leadTimeDays: number, draw?: KineticDraw): MissionEffect | null {
  const none = { disrupted: false, fragmentMassFraction: 0, specificEnergyJPerKg: null, disruptionThresholdJPerKg: null };
  const lead = Math.max(0, leadTimeDays);
  switch (type.kind) {
    case 'reconnaissance':
      return null;
    case 'kinetic-impactor': {
      const count = type.impactorCount;
      const massKg = impactorMassKg(body.diameterM, body.densityKgM3);
      const deltaVMmPerS = draw
        ? kineticDeltaVMmPerS(draw.deliveredMassKg, type.relativeSpeedKmS, draw.beta, massKg)
        : kineticDeltaVMmPerS(type.impactorMassKg, type.relativeSpeedKmS, DART_BETA, massKg, count);
      return { deltaVMmPerS, shiftKm: alongTrackShiftKmFor(deltaVMmPerS, lead), ...none };
    }
    case 'gravity-tractor': {
      // Towing for towMonths from arrival, or until the encounter; the push acts on average from the middle of the tow.
      const towDays = Math.min(lead, type.towMonths * DAYS_PER_TOW_MONTH);
      const { deltaVMmPerS } = gravityTractor({ spacecraftMassKg: type.spacecraftMassKg, hoverDistanceM: type.hoverDistanceM, durationDays: towDays });
      return { deltaVMmPerS, shiftKm: alongTrackShiftKmFor(deltaVMmPerS, lead - towDays / 2), ...none };
    }
    case 'nuclear-standoff': {
      const r = nuclearStandoff({ yieldKt: type.yieldKt, count: type.deviceCount, targetDiameterM: body.diameterM, targetDensityKgM3: body.densityKgM3, leadTimeDays: lead });
      return {
        deltaVMmPerS: r.deltaVMmPerS,
        shiftKm: r.alongTrackShiftKm ?? 0,
        disrupted: r.disrupted,
        fragmentMassFraction: r.fragmentMassFraction,
        specificEnergyJPerKg: r.specificEnergyJPerKg,
        disruptionThresholdJPerKg: r.disruptionThresholdJPerKg,
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
