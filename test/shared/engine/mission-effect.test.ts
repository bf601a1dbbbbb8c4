import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../../shared/calendar.js';
import { alongTrackShiftKmFor, gravityTractor, kineticDeltaVMmPerS, sphereMassKg } from '../../../shared/physics/deflection.js';
import { DAYS_PER_TOW_MONTH, earliestArrivalDate, missionEffect } from '../../../shared/engine/mission-effect.js';
import { scenario } from './given.js';

const type = (id: string) => scenario.missionTypes.find((t) => t.id === id)!;
const body = { diameterM: 210, densityKgM3: 2000 };

describe('missionEffect', () => {
  it('pushes a kinetic impactor by β·m·U/M with β = 3.61 unless the draw says otherwise', () => {
    const ki = type('ki-campaign');
    const nominal = missionEffect(ki, body, 1000)!;
    expect(nominal.deltaVMmPerS).toBeCloseTo(kineticDeltaVMmPerS(800, 7, 3.61, sphereMassKg(210, 2000), 8), 12);
    expect(nominal.shiftKm).toBeCloseTo(alongTrackShiftKmFor(nominal.deltaVMmPerS, 1000), 9);
    const drawn = missionEffect(ki, body, 1000, { beta: 2.2, deliveredMassKg: 6000 })!;
    expect(drawn.deltaVMmPerS).toBeCloseTo(kineticDeltaVMmPerS(6000, 7, 2.2, sphereMassKg(210, 2000)), 12);
  });

  it('tows a gravity tractor for its months, cut short by the encounter, the push acting from mid-tow', () => {
    const gt = type('tractor');
    const full = missionEffect(gt, body, 2000)!;
    const towDays = 24 * DAYS_PER_TOW_MONTH;
    expect(full.deltaVMmPerS).toBeCloseTo(gravityTractor({ spacecraftMassKg: 20000, hoverDistanceM: 250, durationDays: towDays }).deltaVMmPerS, 12);
    expect(full.shiftKm).toBeCloseTo(alongTrackShiftKmFor(full.deltaVMmPerS, 2000 - towDays / 2), 9);
    const cut = missionEffect(gt, body, 100)!;
    expect(cut.shiftKm).toBeCloseTo(alongTrackShiftKmFor(cut.deltaVMmPerS, 50), 9);
  });

  it('pushes nothing for reconnaissance', () => {
    expect(missionEffect(type('recon'), body, 1000)).toBeNull();
  });

  it('arrives at the earliest after the build and the flight, each counted in calendar months from its start', () => {
    expect(earliestArrivalDate({ readyDate: null, arrivalDate: null, buildMonths: 1, flightMonths: 1 }, '2031-01-31')).toBe('2031-03-28');
    expect(earliestArrivalDate({ readyDate: '2031-06-01', arrivalDate: null, buildMonths: 18, flightMonths: 2 }, '2031-03-10')).toBe('2031-08-01');
    expect(earliestArrivalDate({ readyDate: null, arrivalDate: '2033-01-01', buildMonths: 18, flightMonths: 2 }, '2031-03-10')).toBe('2033-01-01');
    expect(daysBetween('2031-03-10', earliestArrivalDate({ readyDate: '2030-01-01', arrivalDate: null, buildMonths: 0, flightMonths: 0 }, '2031-03-10'))).toBe(0);
  });
});
