import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { SECONDS_PER_YEAR } from '../../../shared/physics/constants.js';
import {
  alongTrackShift,
  alongTrackShiftInputSchema,
  alongTrackShiftKmFor,
  captureRadiusKmFor,
  catastrophicDisruptionThresholdJPerKg,
  DEFAULT_TARGET_DENSITY_KG_M3,
  encounterMisses,
  gravityTractor,
  gravityTractorInputSchema,
  kineticImpactor,
  kineticImpactorInputSchema,
  nuclearStandoff,
  nuclearStandoffInputSchema,
  sphereDiameterM,
  sphereMassKg,
} from '../../../shared/physics/deflection.js';

const TEN_YEARS_DAYS = (10 * SECONDS_PER_YEAR) / 86400;
const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('kinetic impactor', () => {
  // Reference §7, after Cheng et al. (2023).
  const dart = { impactorMassKg: 579.4, relativeSpeedKmS: 6.1449, beta: 3.61, targetMassKg: 4.3e9 };

  it('reproduces DART: β = 3.61, m = 579.4 kg, U = 6144.9 m/s, M = 4.3e9 kg give Δv = 2.99 mm/s within 1%', () => {
    expect(relativeError(kineticImpactor(dart).deltaVMmPerS, 2.99)).toBeLessThan(0.01);
  });

  it('reports an along-track shift only when a lead time is given', () => {
    expect(kineticImpactor(dart)).not.toHaveProperty('alongTrackShiftKm');
    const withLead = kineticImpactor({ ...dart, leadTimeDays: TEN_YEARS_DAYS });
    expect(withLead.alongTrackShiftKm).toBeCloseTo(alongTrackShiftKmFor(withLead.deltaVMmPerS, TEN_YEARS_DAYS), 9);
  });

  it('multiplies Δv by the number of impactors', () => {
    expect(kineticImpactor({ ...dart, count: 4 }).deltaVMmPerS).toBeCloseTo(4 * kineticImpactor(dart).deltaVMmPerS, 12);
  });

  it('derives the target mass from its diameter and density when the mass is not given', () => {
    const byDiameter = kineticImpactor({ ...dart, targetMassKg: undefined, targetDiameterM: 151, targetDensityKgM3: 2400 });
    const byMass = kineticImpactor({ ...dart, targetMassKg: sphereMassKg(151, 2400) });
    expect(byDiameter.deltaVMmPerS).toBeCloseTo(byMass.deltaVMmPerS, 12);
    // Dimorphos at 151 m and 2400 kg/m³ weighs about 4.3e9 kg (reference §2).
    expect(relativeError(sphereMassKg(151, 2400), 4.3e9)).toBeLessThan(0.01);
  });

  it('assumes the default bulk density when only the diameter is given', () => {
    const byDiameter = kineticImpactor({ ...dart, targetMassKg: undefined, targetDiameterM: 200 });
    const explicit = kineticImpactor({ ...dart, targetMassKg: undefined, targetDiameterM: 200, targetDensityKgM3: DEFAULT_TARGET_DENSITY_KG_M3 });
    expect(byDiameter.deltaVMmPerS).toBe(explicit.deltaVMmPerS);
  });

  it('rejects input without a target mass or diameter, and unknown fields', () => {
    expect(kineticImpactorInputSchema.safeParse({ impactorMassKg: 500, relativeSpeedKmS: 6, beta: 3 }).success).toBe(false);
    expect(kineticImpactorInputSchema.safeParse({ ...dart, colour: 'red' }).success).toBe(false);
    expect(() => kineticImpactor({ impactorMassKg: 500, relativeSpeedKmS: 6, beta: 3 })).toThrow(ZodError);
  });

  it('gives more Δv with more impactors, for any campaign', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 10, max: 1e4, noNaN: true }),
        fc.double({ min: 1, max: 30, noNaN: true }),
        fc.double({ min: 1, max: 6, noNaN: true }),
        fc.double({ min: 1e6, max: 1e13, noNaN: true }),
        fc.integer({ min: 1, max: 20 }),
        (impactorMassKg, relativeSpeedKmS, beta, targetMassKg, count) => {
          const fewer = kineticImpactor({ impactorMassKg, relativeSpeedKmS, beta, targetMassKg, count }).deltaVMmPerS;
          const more = kineticImpactor({ impactorMassKg, relativeSpeedKmS, beta, targetMassKg, count: count + 1 }).deltaVMmPerS;
          expect(more).toBeGreaterThan(fewer);
        },
      ),
    );
  });
});

describe('along-track shift', () => {
  it('moves the encounter point ≈ 947 km for 1 mm/s applied ten years ahead', () => {
    expect(relativeError(alongTrackShift({ deltaVMmPerS: 1, leadTimeDays: TEN_YEARS_DAYS }).alongTrackShiftKm, 947)).toBeLessThan(0.001);
  });

  it('moves it ≈ 9 470 km (about 1.5 Earth radii) for 1 cm/s applied ten years ahead', () => {
    expect(relativeError(alongTrackShift({ deltaVMmPerS: 10, leadTimeDays: TEN_YEARS_DAYS }).alongTrackShiftKm, 9470)).toBeLessThan(0.001);
  });

  it('keeps the sign of the push', () => {
    expect(alongTrackShift({ deltaVMmPerS: -2, leadTimeDays: 1000 }).alongTrackShiftKm).toBeCloseTo(-alongTrackShiftKmFor(2, 1000), 9);
  });

  it('judges a miss from the centre of the capture disc unless an encounter point is given', () => {
    // 1 cm/s over ten years is 9 467 km, just short of the focused 9 561 km capture radius.
    expect(alongTrackShift({ deltaVMmPerS: 10, leadTimeDays: TEN_YEARS_DAYS }).missesEarth).toBe(false);
    expect(alongTrackShift({ deltaVMmPerS: 11, leadTimeDays: TEN_YEARS_DAYS }).missesEarth).toBe(true);
    expect(alongTrackShift({ deltaVMmPerS: 10, leadTimeDays: TEN_YEARS_DAYS, encounterKm: 500 }).missesEarth).toBe(true);
    expect(alongTrackShift({ deltaVMmPerS: 10, leadTimeDays: TEN_YEARS_DAYS, encounterKm: -500 }).missesEarth).toBe(false);
  });

  it('demands the safety margin on top of the capture radius', () => {
    expect(alongTrackShift({ deltaVMmPerS: 11, leadTimeDays: TEN_YEARS_DAYS, safetyMarginKm: 2000 }).missesEarth).toBe(false);
    expect(encounterMisses(10_000, 9_000, 999)).toBe(true);
    expect(encounterMisses(10_000, 9_000, 1000)).toBe(false);
    expect(encounterMisses(-10_000, 9_000)).toBe(true);
  });

  it('rejects a negative lead time', () => {
    expect(alongTrackShiftInputSchema.safeParse({ deltaVMmPerS: 1, leadTimeDays: -1 }).success).toBe(false);
  });

  it('grows with Δv and with lead time', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: 1, max: 36500, noNaN: true }),
        fc.double({ min: 1, max: 36500, noNaN: true }),
        (deltaVMmPerS, extraDeltaV, leadTimeDays, extraDays) => {
          const base = alongTrackShift({ deltaVMmPerS, leadTimeDays }).alongTrackShiftKm;
          expect(base).toBeGreaterThan(0);
          expect(alongTrackShift({ deltaVMmPerS: deltaVMmPerS + extraDeltaV, leadTimeDays }).alongTrackShiftKm).toBeGreaterThan(base);
          expect(alongTrackShift({ deltaVMmPerS, leadTimeDays: leadTimeDays + extraDays }).alongTrackShiftKm).toBeGreaterThan(base);
        },
      ),
    );
  });
});

describe('capture radius', () => {
  it('is ≈ 9 559 km for v∞ = 10 km/s, the default', () => {
    expect(relativeError(captureRadiusKmFor(10), 9559)).toBeLessThan(0.001);
    expect(alongTrackShift({ deltaVMmPerS: 1, leadTimeDays: 1 }).captureRadiusKm).toBe(captureRadiusKmFor(10));
  });

  it('falls toward the Earth radius for fast encounters and grows for slow ones', () => {
    expect(relativeError(captureRadiusKmFor(1000), 6371)).toBeLessThan(1e-4);
    expect(captureRadiusKmFor(5)).toBeGreaterThan(captureRadiusKmFor(10));
  });
});

describe('gravity tractor', () => {
  it('gives ≈ 1.9 mm/s per year for 20 t hovering 150 m from the centre', () => {
    const { accelerationMS2, deltaVMmPerS } = gravityTractor({ spacecraftMassKg: 20_000, hoverDistanceM: 150, durationDays: 365.25 });
    expect(deltaVMmPerS).toBeCloseTo(1.9, 1);
    expect(accelerationMS2).toBeCloseTo(5.93e-11, 12);
  });

  it('pulls with the inverse square of the hover distance and accumulates linearly in time', () => {
    const near = gravityTractor({ spacecraftMassKg: 20_000, hoverDistanceM: 150, durationDays: 100 });
    const far = gravityTractor({ spacecraftMassKg: 20_000, hoverDistanceM: 300, durationDays: 100 });
    expect(far.accelerationMS2 * 4).toBeCloseTo(near.accelerationMS2, 20);
    expect(gravityTractor({ spacecraftMassKg: 20_000, hoverDistanceM: 150, durationDays: 200 }).deltaVMmPerS).toBeCloseTo(2 * near.deltaVMmPerS, 12);
  });

  it('rejects a zero hover distance', () => {
    expect(gravityTractorInputSchema.safeParse({ spacecraftMassKg: 1, hoverDistanceM: 0, durationDays: 1 }).success).toBe(false);
  });
});

describe('nuclear stand-off (order-of-magnitude model)', () => {
  it('gives a cm/s-class push to a 300 m body from 1 Mt without disrupting it', () => {
    const r = nuclearStandoff({ yieldKt: 1000, targetDiameterM: 300 });
    expect(r.deltaVMmPerS).toBeGreaterThan(10);
    expect(r.deltaVMmPerS).toBeLessThan(100);
    expect(r.disrupted).toBe(false);
    expect(r.fragmentMassFraction).toBe(0);
  });

  it('disrupts a 100 m body with 1 Mt and leaves a fragment on course', () => {
    const r = nuclearStandoff({ yieldKt: 1000, targetDiameterM: 100, onCourseFragmentMassFraction: 0.05 });
    expect(r.specificEnergyJPerKg).toBeGreaterThan(r.disruptionThresholdJPerKg);
    expect(r).toMatchObject({ disrupted: true, fragmentMassFraction: 0.05, disruptionThresholdJPerKg: 10 });
  });

  it('honours a Q*D override and judges each device on its own', () => {
    const one = nuclearStandoff({ yieldKt: 100, targetMassKg: 1e10, disruptionThresholdJPerKg: 1e6 });
    const three = nuclearStandoff({ yieldKt: 100, targetMassKg: 1e10, disruptionThresholdJPerKg: 1e6, count: 3 });
    expect(three.deltaVMmPerS).toBeCloseTo(3 * one.deltaVMmPerS, 9);
    expect(three.specificEnergyJPerKg).toBe(one.specificEnergyJPerKg);
    expect(three.disrupted).toBe(false);
    expect(nuclearStandoff({ yieldKt: 100, targetMassKg: 1e10, disruptionThresholdJPerKg: 1e-3 }).disrupted).toBe(true);
  });

  it('scales Δv with the coupling, the yield and the inverse of the mass', () => {
    const base = nuclearStandoff({ yieldKt: 100, targetMassKg: 1e10, momentumCouplingNsPerJ: 1e-7 });
    expect(nuclearStandoff({ yieldKt: 100, targetMassKg: 1e10, momentumCouplingNsPerJ: 2e-7 }).deltaVMmPerS).toBeCloseTo(2 * base.deltaVMmPerS, 9);
    expect(nuclearStandoff({ yieldKt: 200, targetMassKg: 1e10, momentumCouplingNsPerJ: 1e-7 }).deltaVMmPerS).toBeCloseTo(2 * base.deltaVMmPerS, 9);
    expect(nuclearStandoff({ yieldKt: 100, targetMassKg: 2e10, momentumCouplingNsPerJ: 1e-7 }).deltaVMmPerS).toBeCloseTo(base.deltaVMmPerS / 2, 9);
    // 100 kt · 4.184e12 J/kt · 1e-7 N·s/J / 1e10 kg = 4.184 mm/s.
    expect(base.deltaVMmPerS).toBeCloseTo(4.184, 9);
  });

  it('adds the along-track shift when a lead time is given', () => {
    expect(nuclearStandoff({ yieldKt: 100, targetDiameterM: 300 })).not.toHaveProperty('alongTrackShiftKm');
    const r = nuclearStandoff({ yieldKt: 100, targetDiameterM: 300, leadTimeDays: 365 });
    expect(r.alongTrackShiftKm).toBeCloseTo(alongTrackShiftKmFor(r.deltaVMmPerS, 365), 9);
  });

  it('rejects a coupling fraction above one and a missing target', () => {
    expect(nuclearStandoffInputSchema.safeParse({ yieldKt: 1, targetMassKg: 1, energyCouplingFraction: 2 }).success).toBe(false);
    expect(nuclearStandoffInputSchema.safeParse({ yieldKt: 1 }).success).toBe(false);
  });
});

describe('catastrophic-disruption threshold Q*D', () => {
  it('is 10 J/kg at 100 m and 100 J/kg at 1 km, rising in between', () => {
    expect(catastrophicDisruptionThresholdJPerKg(100)).toBeCloseTo(10, 9);
    expect(catastrophicDisruptionThresholdJPerKg(1000)).toBeCloseTo(100, 9);
    expect(catastrophicDisruptionThresholdJPerKg(300)).toBeGreaterThan(catastrophicDisruptionThresholdJPerKg(200));
  });

  it('is held at the anchors outside the 100 m–1 km range', () => {
    expect(catastrophicDisruptionThresholdJPerKg(10)).toBeCloseTo(10, 9);
    expect(catastrophicDisruptionThresholdJPerKg(10_000)).toBeCloseTo(100, 9);
  });
});

describe('sphere mass and diameter', () => {
  it('are inverses', () => {
    expect(sphereDiameterM(sphereMassKg(210, 2000), 2000)).toBeCloseTo(210, 9);
  });
});
