import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { J_PER_MT } from '../../../shared/physics/constants.js';
import {
  OVERPRESSURE_THRESHOLDS_PA,
  THERMAL_THRESHOLDS_1MT_JM2,
  atmosphericEntry,
  bisect,
  cavityReachesFloor,
  blastAt,
  blastRadiusKm,
  breakupAltitudeM,
  breakupParameter,
  dispersionLengthM,
  energyBudget,
  finalCraterDiameterM,
  fireballRadiusM,
  impactEffects,
  impactInputSchema,
  impactorMassKg,
  impactorStrengthPa,
  intactSpeedMs,
  joulesToMt,
  kineticEnergyJ,
  machRegion,
  overpressurePa,
  pancakeAltitudeM,
  pancakeDiameterM,
  pancakeSpeedMs,
  peakWindMs,
  recurrenceIntervalYears,
  regularReflectionOverpressurePa,
  scaledOverpressurePa,
  seafloorSpeedMs,
  seismicMagnitude,
  seismicMagnitudeAt,
  speedAtBurstMs,
  surfaceBurstOverpressurePa,
  terminalSpeedMs,
  thermalExposureJm2,
  thermalRadiusKm,
  thermalThresholdJm2,
  transientCraterDiameterM,
  tsunamiAmplitudeM,
  visibleFireballFraction,
  type EntryConditions,
  type ImpactInput,
} from '../../../shared/physics/impact.js';

/** Asserts |actual − expected| ≤ relativeTolerance·|expected|, with a message that shows both. */
function expectWithin(actual: number | null | undefined, expected: number, relativeTolerance: number): void {
  expect(actual, `expected ${expected} ±${relativeTolerance * 100}%`).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected} ±${relativeTolerance * 100}%`).toBeLessThanOrEqual(
    relativeTolerance * Math.abs(expected),
  );
}

const CHELYABINSK: ImpactInput = { diameterM: 19, densityKgM3: 3300, velocityKmS: 19.16, angleDeg: 18.3 };
const METEOR_CRATER: ImpactInput = { diameterM: 50, densityKgM3: 7800, velocityKmS: 12.8, angleDeg: 45 };
const CHICXULUB_LIKE: ImpactInput = { diameterM: 10_000, densityKgM3: 3000, velocityKmS: 20, angleDeg: 45 };
const entryOf = (i: ImpactInput): EntryConditions => ({
  diameterM: i.diameterM,
  densityKgM3: i.densityKgM3,
  entrySpeedMs: i.velocityKmS * 1000,
  angleDeg: i.angleDeg,
});


/** A body and a larger one (×1.001–4) alike in density, speed and angle, for the blast-radius properties. */
const BODY_PAIR = [
  fc.double({ min: 1, max: 2000, noNaN: true }),
  fc.double({ min: 1.001, max: 4, noNaN: true }),
  fc.constantFrom(1500, 2000, 2600, 3000, 3300, 7800),
  fc.double({ min: 11.2, max: 72, noNaN: true }),
  fc.double({ min: 5, max: 90, noNaN: true }),
] as const;

function effectsOfPair(d: number, factor: number, rho: number, v: number, angle: number) {
  return {
    small: impactEffects({ diameterM: d, densityKgM3: rho, velocityKmS: v, angleDeg: angle }),
    large: impactEffects({ diameterM: d * factor, densityKgM3: rho, velocityKmS: v, angleDeg: angle }),
  };
}
describe('worked examples of the reference (section 7)', () => {
  it('energy: a 20 m body of 3300 kg/m³ at 19 km/s has m = 1.382e7 kg and E0 = 0.596 Mt (±0.5%)', () => {
    const massKg = impactorMassKg(20, 3300);
    expectWithin(massKg, 1.382e7, 0.005);
    expectWithin(joulesToMt(kineticEnergyJ(massKg, 19_000)), 0.596, 0.005);
    const effects = impactEffects({ diameterM: 20, densityKgM3: 3300, velocityKmS: 19, angleDeg: 45 });
    expectWithin(effects.massKg, 1.382e7, 0.005);
    expectWithin(effects.energyMt, 0.596, 0.005);
  });

  it('strength: ρ = 3300 gives Yi = 4.92e5 Pa (±1%), and the reference\'s 3000 → 3.35e5, 7800 → 4.15e7', () => {
    expectWithin(impactorStrengthPa(3300), 4.92e5, 0.01);
    expectWithin(impactorStrengthPa(3000), 3.35e5, 0.01);
    expectWithin(impactorStrengthPa(7800), 4.15e7, 0.01);
  });

  it('Chelyabinsk: E0 = 0.520 Mt, an airburst at zb ≈ 31 km (±3%) yielding ≈ 0.20 Mt (±5%)', () => {
    const effects = impactEffects(CHELYABINSK);
    expectWithin(effects.energyMt, 0.52, 0.005);
    expect(effects.airburst).toBe(true);
    expectWithin(effects.burstAltitudeKm, 31, 0.03);
    expectWithin(effects.airburstYieldMt, 0.2, 0.05);
  });

  it('surface blast: 1 kt at 0.290 km gives 75 000 Pa (±0.1%)', () => {
    expectWithin(blastAt({ energyKt: 1, distanceKm: 0.29 }).overpressurePa, 75_000, 0.001);
  });

  it('scaling: 1 kt at 1 km and 1 Mt at 10 km both give 8.70 kPa', () => {
    const small = overpressurePa(1, 1);
    const large = overpressurePa(1000, 10);
    expectWithin(small, 8700, 0.001);
    expectWithin(large, 8700, 0.001);
    expect(large).toBeCloseTo(small, 6);
  });

  it('seismic: E = 1e20 J gives M = 7.53, and 5.89 at 100 km', () => {
    const magnitude = seismicMagnitude(1e20);
    expect(magnitude).toBeCloseTo(7.53, 2);
    expect(seismicMagnitudeAt(magnitude, 100)).toBeCloseTo(5.89, 2);
  });
});

describe('atmospheric entry', () => {
  it('breakup parameter carries the drag coefficient: If = 4.07·CD·H·Yi / (ρi·L·v0²·sin θ) ≈ 8.14·H·Yi/(…) (Collins et al. 2005 eq. 12)', () => {
    const entry = entryOf(CHELYABINSK);
    const expected = (4.07 * 2 * 8000 * impactorStrengthPa(3300)) / (3300 * 19 * 19_160 ** 2 * Math.sin((18.3 * Math.PI) / 180));
    expectWithin(breakupParameter(entry), expected, 1e-12);
    // A 1 m iron at 17 km/s, vertical: intact with CD (If ≈ 1.2), broken up without it (≈ 0.6).
    expect(breakupParameter({ diameterM: 1, densityKgM3: 7800, entrySpeedMs: 17_000, angleDeg: 90 })).toBeGreaterThan(1);
  });

  it('Chelyabinsk deposits about 40% of its entry energy above the burst point, as the reference says', () => {
    const effects = impactEffects(CHELYABINSK);
    const fraction = effects.airburstYieldMt! / effects.energyMt;
    expect(fraction).toBeGreaterThan(0.35);
    expect(fraction).toBeLessThan(0.45);
    expect(effects.breakupAltitudeKm!).toBeGreaterThan(effects.burstAltitudeKm!);
  });

  it('the closed form for vb equals the pancake drag integral taken down to zb, which starts at v(z*)', () => {
    const entry = entryOf(CHELYABINSK);
    const zStar = breakupAltitudeM(entry);
    const l = dispersionLengthM(entry, zStar);
    const zb = pancakeAltitudeM(zStar, l);
    expectWithin(pancakeSpeedMs(entry, zStar, l, zb), speedAtBurstMs(entry, zStar, l), 1e-9);
    expectWithin(pancakeSpeedMs(entry, zStar, l, zStar), intactSpeedMs(entry, zStar), 1e-12);
    expectWithin(pancakeDiameterM(entry, zStar, l, zb), 7 * entry.diameterM, 1e-9); // spread fp-fold at zb
  });

  it('Meteor Crater iron breaks up but reaches the ground still spreading (zb < 0): speed from the pancake integral at z = 0', () => {
    const entry = entryOf(METEOR_CRATER);
    const passage = atmosphericEntry(entry);
    expect(passage.airburst).toBe(false);
    expect(passage.breakupAltitudeM!).toBeGreaterThan(0);
    expect(passage.pancakeAltitudeM!).toBeLessThan(0);
    const zStar = passage.breakupAltitudeM!;
    const l = passage.dispersionLengthM!;
    expect(passage.impactSpeedMs).toBeCloseTo(pancakeSpeedMs(entry, zStar, l, 0), 9);
    expect(passage.impactSpeedMs!).toBeLessThan(intactSpeedMs(entry, 0)); // spreading adds drag
    expect(passage.diameterAtGroundM!).toBeGreaterThan(entry.diameterM);
    expect(passage.diameterAtGroundM!).toBeLessThan(7 * entry.diameterM);
  });

  it('a large body breaks up on paper but reaches the ground at almost its entry speed (Chicxulub-like, 10 km)', () => {
    const effects = impactEffects({ ...CHICXULUB_LIKE, distanceKm: 1000 });
    expect(effects.airburst).toBe(false);
    expect(effects.burstAltitudeKm).toBeNull();
    expect(effects.airburstYieldMt).toBeNull();
    expect(effects.impactSpeedKmS!).toBeGreaterThan(0.99 * 20);
    // The reference: "Chicxulub (~10 km, ~180 km crater; the model gives ~120 km)".
    expectWithin(effects.craterDiameterKm, 120, 0.05);
    expect(effects.seismicMagnitude!).toBeGreaterThan(9.5);
    expect(effects.atDistance!.seismicMagnitude!).toBeLessThan(effects.seismicMagnitude!);
  });

  it('a strong, slow body stays intact (If ≥ 1): no breakup altitude, lands at v(0) or the terminal speed', () => {
    const slowStone = { diameterM: 2, densityKgM3: 7800, entrySpeedMs: 200, angleDeg: 90 };
    expect(breakupParameter(slowStone)).toBeGreaterThanOrEqual(1);
    const passage = atmosphericEntry(slowStone);
    expect(passage.breakupAltitudeM).toBeNull();
    expect(passage.airburst).toBe(false);
    expect(passage.impactSpeedMs).toBe(Math.max(intactSpeedMs(slowStone, 0), terminalSpeedMs(2, 7800)));
    const effects = impactEffects({ diameterM: 2, densityKgM3: 7800, velocityKmS: 0.2, angleDeg: 90 });
    expect(effects.breakupAltitudeKm).toBeNull();
    expect(effects.craterDiameterKm!).toBeGreaterThan(0);
  });

  it('a body whose breakup altitude would be underground (If < 1, z* ≤ 0) lands intact at v(0)', () => {
    const slowIron = { diameterM: 50, densityKgM3: 7800, entrySpeedMs: 5000, angleDeg: 90 };
    expect(breakupParameter(slowIron)).toBeLessThan(1);
    expect(breakupAltitudeM(slowIron)).toBeLessThan(0);
    const passage = atmosphericEntry(slowIron);
    expect(passage.breakupAltitudeM).toBeNull();
    expect(passage.impactSpeedMs).toBeCloseTo(intactSpeedMs(slowIron, 0), 9);
  });

  it('Tunguska-like stony bodies of 50–60 m at 20 km/s burst a few km up with Mt-class yields (3–15 Mt) that damage the ground', () => {
    for (const diameterM of [50, 60]) {
      const effects = impactEffects({ diameterM, densityKgM3: 3000, velocityKmS: 20, angleDeg: 45 });
      expect(effects.airburst).toBe(true);
      expect(effects.burstAltitudeKm!).toBeGreaterThan(3);
      expect(effects.burstAltitudeKm!).toBeLessThan(10);
      expect(effects.airburstYieldMt!).toBeGreaterThan(3);
      expect(effects.airburstYieldMt!).toBeLessThan(15);
      expect(effects.craterDiameterKm).toBeNull();
      expect(effects.seismicMagnitude).toBeNull();
      expect(effects.impactSpeedKmS).toBeNull();
      expect(effects.radiiKm.woodFrameCollapse!).toBeGreaterThan(5);
      expect(effects.radiiKm.windowsShatter!).toBeGreaterThan(effects.radiiKm.woodFrameCollapse!);
    }
  });

  it('Chelyabinsk is too high to shatter windows outright (peak ≈ 1.8 kPa, under 6.9 kPa) but windows may shatter (0.69 kPa) out to 50–70 km, where its people were hurt', () => {
    const effects = impactEffects({ ...CHELYABINSK, distanceKm: 1 });
    const { windowsMayShatter, ...stronger } = effects.radiiKm;
    expect(stronger).toEqual({ windowsShatter: null, woodFrameCollapse: null, wallBearingCollapse: null, thirdDegreeBurns: null, clothingIgnites: null });
    expect(windowsMayShatter!).toBeGreaterThan(50);
    expect(windowsMayShatter!).toBeLessThan(70);
    expectWithin(overpressurePa(effects.blastEnergyMt * 1000, windowsMayShatter!, effects.burstAltitudeKm!), OVERPRESSURE_THRESHOLDS_PA.windowsMayShatter, 1e-6);
    expect(effects.atDistance!.overpressurePa).toBeGreaterThan(OVERPRESSURE_THRESHOLDS_PA.windowsMayShatter);
    expect(effects.atDistance!.overpressurePa).toBeLessThan(OVERPRESSURE_THRESHOLDS_PA.windowsShatter);
    expect(effects.atDistance!.seismicMagnitude).toBeNull();
  });
});

describe('energy is conserved across the airburst/ground boundary (reference §1, corrected)', () => {
  const STONY_15 = { densityKgM3: 2600, velocityKmS: 15, angleDeg: 45 };
  const BLAST_RADII = ['windowsMayShatter', 'windowsShatter', 'woodFrameCollapse', 'wallBearingCollapse'] as const;

  it('85 m bursts at 0.5 km, 90 m reaches the ground: both drive the blast with their whole entry energy (22.5 and 26.7 Mt), not 21.8 and 0.9 Mt', () => {
    const small = impactEffects({ ...STONY_15, diameterM: 85 });
    const large = impactEffects({ ...STONY_15, diameterM: 90 });
    expect(small.airburst).toBe(true);
    expect(large.airburst).toBe(false);
    expectWithin(small.airburstYieldMt, 21.8, 0.01); // the authors' yield above zb, still reported
    expectWithin(small.blastEnergyMt, small.energyMt, 1e-12);
    expectWithin(large.blastEnergyMt, large.energyMt, 1e-12);
    expectWithin(large.blastEnergyMt, 26.7, 0.005);
    // The crater and the shaking keep the ground share, ½·m·vi² ≈ 0.9 Mt.
    const groundMt = joulesToMt(kineticEnergyJ(large.massKg, large.impactSpeedKmS! * 1000));
    expectWithin(groundMt, 0.9, 0.1);
    expect(large.seismicMagnitude).toBeCloseTo(seismicMagnitude(groundMt * J_PER_MT), 12);
    for (const k of BLAST_RADII) expect(large.radiiKm[k]!).toBeGreaterThan(0.9 * small.radiiKm[k]!);
  });

  it('2021 PDC, the final PDC 2021 body (105 m, 2600 kg/m³, 15 km/s, 45°), drives its blast with 42.4 Mt, not the 4.8 Mt left at the ground', () => {
    const pr = impactEffects({ ...STONY_15, diameterM: 105 });
    expect(pr.airburst).toBe(false);
    expectWithin(pr.blastEnergyMt, 42.37, 0.005);
    expectWithin(joulesToMt(kineticEnergyJ(pr.massKg, pr.impactSpeedKmS! * 1000)), 4.8, 0.05);
    expectWithin(pr.radiiKm.windowsShatter, blastRadiusKm(pr.blastEnergyMt * 1000, OVERPRESSURE_THRESHOLDS_PA.windowsShatter)!, 1e-12);
  });

  it('Chelyabinsk drives its blast with the energy it deposits, 0.52 Mt: within the observed 0.4–0.6 Mt', () => {
    const effects = impactEffects(CHELYABINSK);
    expect(effects.blastEnergyMt).toBeGreaterThanOrEqual(0.4);
    expect(effects.blastEnergyMt).toBeLessThanOrEqual(0.6);
  });

  it('energy budget: air plus ground is the entry energy; the ground share is ½·m·vi², none for an airburst', () => {
    const entry = entryOf({ ...STONY_15, diameterM: 90 });
    const massKg = impactorMassKg(90, 2600);
    const passage = atmosphericEntry(entry);
    const budget = energyBudget(massKg, 15_000, passage);
    expectWithin(budget.atGroundJ, kineticEnergyJ(massKg, passage.impactSpeedMs!), 1e-12);
    expectWithin(budget.depositedInAirJ + budget.atGroundJ, kineticEnergyJ(massKg, 15_000), 1e-12);
    const airburst = energyBudget(impactorMassKg(19, 3300), 19_160, atmosphericEntry(entryOf(CHELYABINSK)));
    expect(airburst.atGroundJ).toBe(0);
    expectWithin(airburst.blastJ, kineticEnergyJ(impactorMassKg(19, 3300), 19_160), 1e-12);
  });

  it('property: a larger body (same density, speed, angle) never brings less blast energy, and its rings are at least those of the smaller body\'s energy burst at the same height', () => {
    fc.assert(
      fc.property(
        ...BODY_PAIR,
        (d, factor, rho, v, angle) => {
          const { small, large } = effectsOfPair(d, factor, rho, v, angle);
          if (!(large.blastEnergyMt >= small.blastEnergyMt)) return false;
          // The smaller body's energy burst at the larger body's height: today's code fails this
          // across the boundary (a 90 m body's 0.9 Mt against an 85 m body's 21.8 Mt).
          const z = large.burstAltitudeKm ?? 0;
          return BLAST_RADII.every((k) => {
            const mine = large.radiiKm[k];
            const smallers = blastRadiusKm(small.blastEnergyMt * 1000, OVERPRESSURE_THRESHOLDS_PA[k], z);
            return smallers === null || (mine !== null && mine >= smallers * (1 - 1e-9));
          });
        },
      ),
    );
  });

  it('property: blast radii never shrink as the diameter grows among bodies that reach the ground, nor from the last airburst to the first ground impact', () => {
    fc.assert(
      fc.property(
        ...BODY_PAIR,
        (d, factor, rho, v, angle) => {
          const { small, large } = effectsOfPair(d, factor, rho, v, angle);
          // A burst high in the air that a larger body brings lower: the height-of-burst effect below.
          fc.pre(!large.airburst && (!small.airburst || small.burstAltitudeKm! < 1));
          return BLAST_RADII.every((k) => (small.radiiKm[k] ?? 0) <= (large.radiiKm[k] ?? 0) * (1 + 1e-9));
        },
      ),
    );
  });

  it('height of burst: a larger body bursting lower than the optimum height can reach less far than a smaller one near it, as PAIR finds for PDC 2025 (not smoothed away)', () => {
    const sixty = impactEffects({ ...STONY_15, diameterM: 60 });
    const eightyFive = impactEffects({ ...STONY_15, diameterM: 85 });
    expect(eightyFive.blastEnergyMt).toBeGreaterThan(2.5 * sixty.blastEnergyMt);
    expect(eightyFive.radiiKm.windowsShatter!).toBeLessThan(sixty.radiiKm.windowsShatter!);
    expect(eightyFive.radiiKm.windowsShatter!).toBeGreaterThan(0.8 * sixty.radiiKm.windowsShatter!);
  });
});

describe('craters', () => {
  // Meteor Crater is 1.19 km across (reference). With L = 50 m, 7800 kg/m³, 12.8 km/s, 45° the
  // model gives 1.42 km (sedimentary) and 1.37 km (crystalline). Tolerance ±25%: the impactor's
  // size (30–50 m) and speed are uncertain, and L^0.78·v^0.44 turns a 20% error in L into ~15% in D.
  it.each(['sedimentary', 'crystalline'] as const)('Meteor Crater on %s rock: a simple crater within 25%% of the observed 1.19 km', (target) => {
    const effects = impactEffects({ ...METEOR_CRATER, target });
    expect(effects.airburst).toBe(false);
    expectWithin(effects.craterDiameterKm, 1.19, 0.25);
    expect(effects.craterDiameterKm!).toBeLessThan(3.2); // simple
  });

  it('a denser target gives a smaller crater, as (ρi/ρt)^(1/3)', () => {
    const base = { diameterM: 100, densityKgM3: 3000, impactSpeedMs: 20_000, angleDeg: 45 };
    const sedimentary = transientCraterDiameterM({ ...base, targetDensityKgM3: 2500 });
    const crystalline = transientCraterDiameterM({ ...base, targetDensityKgM3: 2750 });
    expectWithin(crystalline / sedimentary, (2500 / 2750) ** (1 / 3), 1e-12);
  });

  it('final crater: 1.25·Dtc while under 3.2 km, then the complex form 1.17·Dtc^1.13 / 3200^0.13', () => {
    expect(finalCraterDiameterM(2000)).toBeCloseTo(2500, 9);
    expectWithin(finalCraterDiameterM(10_000), (1.17 * 10_000 ** 1.13) / 3200 ** 0.13, 1e-12);
    expect(finalCraterDiameterM(2559)).toBeCloseTo(1.25 * 2559, 9); // 3198.75 m: still simple
  });

  it('water target: the water crater uses coefficient 1.365 and the sea-floor crater ρt = 2700 with the speed left at the floor', () => {
    const input: ImpactInput = { diameterM: 500, densityKgM3: 3000, velocityKmS: 20, angleDeg: 45, target: 'water', waterDepthM: 1000 };
    const effects = impactEffects(input);
    const impactSpeedMs = effects.impactSpeedKmS! * 1000;
    const floorSpeedMs = seafloorSpeedMs(impactSpeedMs, 1000, 500, 3000, 45);
    expect(floorSpeedMs).toBeLessThan(impactSpeedMs);
    const expected = finalCraterDiameterM(
      transientCraterDiameterM({ diameterM: 500, densityKgM3: 3000, impactSpeedMs: floorSpeedMs, angleDeg: 45, targetDensityKgM3: 2700 }),
    );
    expectWithin(effects.craterDiameterKm, expected / 1000, 1e-12);
    const onLand = impactEffects({ ...input, target: 'crystalline' });
    expect(effects.craterDiameterKm!).toBeLessThan(onLand.craterDiameterKm!);
    const deeper = impactEffects({ ...input, waterDepthM: 3000 }); // the cavity (≈ 3.7 km deep) still reaches the floor
    expect(deeper.craterDiameterKm!).toBeLessThan(effects.craterDiameterKm!);
    const waterCrater = { diameterM: 500, densityKgM3: 3000, impactSpeedMs, angleDeg: 45, targetDensityKgM3: 1000 };
    expectWithin(transientCraterDiameterM(waterCrater, 1.365) / transientCraterDiameterM(waterCrater), 1.365 / 1.161, 1e-12);
  });

  it('tsunami: the rim wave is min(0.07·Dtcw, h) and decays as 1/r beyond the rim', () => {
    expect(tsunamiAmplitudeM(10_000, 4000, 1)).toBeCloseTo(700, 9); // 0.07·10 km < 4 km of water
    expect(tsunamiAmplitudeM(10_000, 300, 1)).toBeCloseTo(300, 9); // capped by the depth
    expectWithin(tsunamiAmplitudeM(10_000, 4000, 100), 700 * (5 / 100), 1e-12);
    expectWithin(tsunamiAmplitudeM(10_000, 4000, 200) / tsunamiAmplitudeM(10_000, 4000, 100), 0.5, 1e-12);
  });
});

describe('ocean impacts', () => {
  // 2031 KX's body (210 m, 2000 kg/m³, 17.5 km/s, 45°) over an abyssal plain 4 km deep.
  const KX_AT_SEA: ImpactInput = { diameterM: 210, densityKgM3: 2000, velocityKmS: 17.5, angleDeg: 45, target: 'water', waterDepthM: 4000 };

  it('a 210 m body in 4 km of water opens a ~3.9 km cavity that never reaches the floor: no sea-floor crater and no shaking (not a 1.2 m crater and magnitude −4)', () => {
    const effects = impactEffects({ ...KX_AT_SEA, distanceKm: 1000 });
    const vi = effects.impactSpeedKmS! * 1000;
    // Collins et al. 2005, "Impacts into water": Dtcw = 1.365·(ρi/ρw)^(1/3)·L^0.78·vi^0.44·g^−0.22·sin^(1/3)θ.
    const cavityM = 1.365 * (2000 / 1000) ** (1 / 3) * 210 ** 0.78 * vi ** 0.44 * 9.8 ** -0.22 * Math.sin(Math.PI / 4) ** (1 / 3);
    expectWithin(effects.waterCavityDiameterKm, cavityM / 1000, 1e-12);
    expect(cavityM / (2 * Math.SQRT2)).toBeLessThan(4000);
    expect(cavityReachesFloor(cavityM, 4000)).toBe(false);
    expect(effects.craterDiameterKm).toBeNull();
    expect(effects.seismicMagnitude).toBeNull();
    expect(effects.atDistance!.seismicMagnitude).toBeNull();
    // The reference's worked form: min(0.07·Dtcw, h) at the rim, then ×(Dtcw/2)/r.
    expectWithin(effects.tsunami!.rimAmplitudeM, 0.07 * cavityM, 1e-12);
    expectWithin(effects.tsunami!.amplitudeAtDistanceM, (0.07 * cavityM * (cavityM / 2)) / 1e6, 1e-12);
    expect(effects.tsunami!.amplitudeAtDistanceM!).toBeGreaterThan(0.5); // metres, 1 000 km out
  });

  it('in shallow water the rim wave is capped by the depth and the cavity reaches the floor: a sea-floor crater and shaking', () => {
    const effects = impactEffects({ ...KX_AT_SEA, waterDepthM: 100 });
    expect(effects.tsunami!.rimAmplitudeM).toBe(100);
    expect(effects.tsunami!.amplitudeAtDistanceM).toBeNull(); // no distance asked
    expect(effects.craterDiameterKm!).toBeGreaterThan(1);
    expect(effects.seismicMagnitude!).toBeGreaterThan(5);
  });

  it('on land and for an airburst there is no water cavity and no tsunami', () => {
    expect(impactEffects({ ...KX_AT_SEA, target: 'sedimentary' })).toMatchObject({ waterCavityDiameterKm: null, tsunami: null });
    const chelyabinskAtSea = impactEffects({ ...CHELYABINSK, target: 'water', waterDepthM: 4000 });
    expect(chelyabinskAtSea).toMatchObject({ airburst: true, waterCavityDiameterKm: null, tsunami: null, craterDiameterKm: null });
  });

  it('the rim wave grows with the body and the wave at a distance never exceeds the rim wave', () => {
    fc.assert(
      fc.property(fc.double({ min: 50, max: 2000, noNaN: true }), fc.double({ min: 10, max: 8000, noNaN: true }), fc.double({ min: 1, max: 5000, noNaN: true }), (d, h, r) => {
        const small = impactEffects({ ...KX_AT_SEA, diameterM: d, waterDepthM: h, distanceKm: r });
        const large = impactEffects({ ...KX_AT_SEA, diameterM: d * 1.5, waterDepthM: h, distanceKm: r });
        if (small.tsunami === null || large.tsunami === null) return small.airburst;
        return large.tsunami.rimAmplitudeM >= small.tsunami.rimAmplitudeM && small.tsunami.amplitudeAtDistanceM! <= small.tsunami.rimAmplitudeM;
      }),
    );
  });
});

describe('thermal radiation', () => {
  it('fireball radius is 0.002·E^(1/3) m', () => {
    expectWithin(fireballRadiusM(J_PER_MT), 0.002 * Math.cbrt(J_PER_MT), 1e-12);
  });

  it('the whole fireball is visible at ground zero and none of it beyond the horizon', () => {
    const radiusM = fireballRadiusM(J_PER_MT * 1000);
    expect(visibleFireballFraction(0, radiusM)).toBeCloseTo(1, 12);
    const horizonM = 6.37e6 * Math.acos(1 - radiusM / 6.37e6);
    expect(visibleFireballFraction(horizonM * 0.5, radiusM)).toBeGreaterThan(0);
    expect(visibleFireballFraction(horizonM * 1.01, radiusM)).toBe(0);
    expect(thermalExposureJm2(J_PER_MT * 1000, (horizonM * 1.01) / 1000)).toBe(0);
  });

  it('thresholds scale with E_Mt^(1/6)', () => {
    expectWithin(thermalThresholdJm2(THERMAL_THRESHOLDS_1MT_JM2.thirdDegreeBurns, 64), 0.42e6 * 2, 1e-12);
  });

  it('a crater-forming impact below 15 km/s has no thermal pulse (Meteor Crater)', () => {
    const effects = impactEffects({ ...METEOR_CRATER, distanceKm: 5 });
    expect(effects.impactSpeedKmS!).toBeLessThan(15);
    expect(effects.radiiKm.thirdDegreeBurns).toBeNull();
    expect(effects.radiiKm.clothingIgnites).toBeNull();
    expect(effects.atDistance!.thermalJm2).toBeNull();
    expect(effects.radiiKm.windowsShatter!).toBeGreaterThan(0);
  });

  it('a fast crater-forming impact burns out to a radius where the scaled threshold is met', () => {
    const effects = impactEffects({ diameterM: 1000, densityKgM3: 3000, velocityKmS: 20, angleDeg: 45 });
    const burnsKm = effects.radiiKm.thirdDegreeBurns!;
    const clothingKm = effects.radiiKm.clothingIgnites!;
    expect(clothingKm).toBeLessThan(burnsKm);
    const energyJ = effects.blastEnergyMt * J_PER_MT; // deposited in the air plus at the ground
    expectWithin(thermalExposureJm2(energyJ, burnsKm), thermalThresholdJm2(0.42e6, joulesToMt(energyJ)), 1e-6);
  });
});

describe('air blast', () => {
  it('a surface burst is the airburst form at zero altitude (Mach reflection everywhere)', () => {
    expect(machRegion(0)).toBeNull();
    expect(scaledOverpressurePa(500, 0)).toBe(surfaceBurstOverpressurePa(500));
  });

  it('an airburst uses regular reflection inside the band, the Mach form (rx = 290 + 0.65·z1) beyond it, and joins them continuously', () => {
    const z1 = 200;
    const mach = machRegion(z1)!;
    expectWithin(mach.bandInnerM + mach.bandOuterM, 2 * ((550 * z1) / (1.2 * (550 - z1))), 1e-12);
    expectWithin(mach.bandOuterM - mach.bandInnerM, 2 * 0.00328 * z1 ** 2, 1e-12);
    expect(scaledOverpressurePa(50, z1)).toBe(regularReflectionOverpressurePa(50, z1));
    expect(scaledOverpressurePa(1000, z1)).toBe(surfaceBurstOverpressurePa(1000, 290 + 0.65 * z1));
    const eps = 1e-9;
    expectWithin(scaledOverpressurePa(mach.bandInnerM + eps, z1), regularReflectionOverpressurePa(mach.bandInnerM, z1), 1e-6);
    expectWithin(scaledOverpressurePa(mach.bandOuterM - eps, z1), surfaceBurstOverpressurePa(mach.bandOuterM, 290 + 0.65 * z1), 1e-6);
  });

  it('no Mach region at or above a scaled altitude of 550 m: regular reflection everywhere', () => {
    expect(machRegion(550)).toBeNull();
    expect(scaledOverpressurePa(5000, 600)).toBe(regularReflectionOverpressurePa(5000, 600));
  });

  it('the 2010 band rises slightly for z1 near 500 m; the blast radius is then the outermost crossing', () => {
    const z1 = 500;
    const mach = machRegion(z1)!;
    expect(surfaceBurstOverpressurePa(mach.bandOuterM, 290 + 0.65 * z1)).toBeGreaterThan(regularReflectionOverpressurePa(mach.bandInnerM, z1));
    const thresholdPa = 0.5 * (regularReflectionOverpressurePa(mach.bandInnerM, z1) + scaledOverpressurePa(mach.bandOuterM, z1));
    const radiusKm = blastRadiusKm(1, thresholdPa, z1 / 1000)!;
    expect(radiusKm * 1000).toBeGreaterThan(mach.bandOuterM);
    expectWithin(overpressurePa(1, radiusKm, z1 / 1000), thresholdPa, 1e-6);
  });

  it('peak wind: u = (5p/7P0)·c0/√(1 + 6p/7P0), 173 m/s at 1 bar', () => {
    expectWithin(peakWindMs(1e5), ((5 / 7) * 330) / Math.sqrt(1 + 6 / 7), 1e-12);
    expect(blastAt({ energyKt: 1, distanceKm: 1 }).windMs).toBeCloseTo(peakWindMs(overpressurePa(1, 1)), 12);
  });

  it('a 1 Mt surface burst shatters windows farther than it flattens houses', () => {
    const windows = blastRadiusKm(1000, OVERPRESSURE_THRESHOLDS_PA.windowsShatter)!;
    const wood = blastRadiusKm(1000, OVERPRESSURE_THRESHOLDS_PA.woodFrameCollapse)!;
    const wall = blastRadiusKm(1000, OVERPRESSURE_THRESHOLDS_PA.wallBearingCollapse)!;
    expect(windows).toBeGreaterThan(wood);
    expect(wood).toBeGreaterThan(wall);
    expectWithin(overpressurePa(1000, windows), 6900, 1e-6);
  });
});

describe('seismic shaking', () => {
  it('falls off in three ranges: −0.0238·r below 60 km, −0.0048·r − 1.1644 to 700 km, −1.66·log10(Δ rad) − 6.399 beyond', () => {
    expect(seismicMagnitudeAt(7, 10)).toBeCloseTo(7 - 0.238, 12);
    expect(seismicMagnitudeAt(7, 60)).toBeCloseTo(7 - 0.288 - 1.1644, 12);
    expect(seismicMagnitudeAt(7, 1000)).toBeCloseTo(7 - 1.66 * Math.log10(1e6 / 6.37e6) - 6.399, 12);
  });

  it('only ground impacts shake the ground: magnitude from the impact energy at the surface', () => {
    const effects = impactEffects(METEOR_CRATER);
    const energyJ = kineticEnergyJ(effects.massKg, effects.impactSpeedKmS! * 1000);
    expect(effects.seismicMagnitude).toBeCloseTo(seismicMagnitude(energyJ), 12);
  });
});

describe('impactEffects contract', () => {
  const FIELDS = [
    'airburst', 'airburstYieldMt', 'blastEnergyMt', 'breakupAltitudeKm', 'burstAltitudeKm', 'craterDiameterKm', 'energyJ', 'energyMt',
    'fireballRadiusKm', 'impactSpeedKmS', 'massKg', 'radiiKm', 'recurrenceYears', 'seismicMagnitude', 'strengthPa', 'tsunami', 'waterCavityDiameterKm',
  ];

  it('returns exactly the contract fields, and atDistance only when a distance is given', () => {
    const without = impactEffects(CHELYABINSK);
    expect(Object.keys(without).sort()).toEqual(FIELDS);
    expect(without).not.toHaveProperty('atDistance');
    expect(Object.keys(without.radiiKm).sort()).toEqual(['clothingIgnites', 'thirdDegreeBurns', 'wallBearingCollapse', 'windowsMayShatter', 'windowsShatter', 'woodFrameCollapse']);
    const withDistance = impactEffects({ ...CHELYABINSK, distanceKm: 30 });
    expect(Object.keys(withDistance).sort()).toEqual([...FIELDS, 'atDistance'].sort());
    expect(Object.keys(withDistance.atDistance!).sort()).toEqual(['overpressurePa', 'seismicMagnitude', 'thermalJm2', 'windMs']);
  });

  it('recurrence interval is 109·E_Mt^0.78 years of the entry energy', () => {
    expect(recurrenceIntervalYears(1)).toBe(109);
    expectWithin(impactEffects(CHELYABINSK).recurrenceYears, 109 * 0.5199273973640217 ** 0.78, 1e-9);
  });

  it('defaults the target to sedimentary rock', () => {
    expect(impactEffects(METEOR_CRATER).craterDiameterKm).toBe(impactEffects({ ...METEOR_CRATER, target: 'sedimentary' }).craterDiameterKm);
  });

  it.each([
    ['a zero diameter', { ...METEOR_CRATER, diameterM: 0 }],
    ['a negative density', { ...METEOR_CRATER, densityKgM3: -1 }],
    ['a zero angle', { ...METEOR_CRATER, angleDeg: 0 }],
    ['an angle over 90°', { ...METEOR_CRATER, angleDeg: 91 }],
    ['an infinite speed', { ...METEOR_CRATER, velocityKmS: Infinity }],
    ['a water target without a depth', { ...METEOR_CRATER, target: 'water' as const }],
    ['a negative distance', { ...METEOR_CRATER, distanceKm: -5 }],
  ])('the schema rejects %s', (_name, input) => {
    expect(impactInputSchema.safeParse(input).success).toBe(false);
    expect(() => impactEffects(input)).toThrow();
  });

  it('the schema accepts a vertical impact and a water target with its depth', () => {
    expect(impactInputSchema.safeParse({ ...METEOR_CRATER, angleDeg: 90 }).success).toBe(true);
    const water = impactInputSchema.safeParse({ ...METEOR_CRATER, target: 'water', waterDepthM: 3000 });
    expect(water.success).toBe(true);
  });
});

describe('bisect', () => {
  it('finds the root of a monotone function within the tolerance', () => {
    expect(bisect((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 9);
    expect(bisect((x) => 1 / x - 4, 0.01, 10)).toBeCloseTo(0.25, 9);
  });

  it('refuses a bracket without a sign change', () => {
    expect(() => bisect((x) => x * x + 1, -1, 1)).toThrow(RangeError);
  });
});

describe('properties', () => {
  const diameterM = fc.double({ min: 1, max: 20_000, noNaN: true });
  const speedMs = fc.double({ min: 1000, max: 72_000, noNaN: true });
  const energyKt = fc.double({ min: 1e-3, max: 1e9, noNaN: true });
  const distanceKm = fc.double({ min: 0.01, max: 5000, noNaN: true });

  it('energy grows with diameter and with speed', () => {
    fc.assert(
      fc.property(diameterM, diameterM, speedMs, speedMs, (l1, l2, v1, v2) => {
        // Inputs a floating-point step apart can round to the same energy: ask for a real difference.
        fc.pre(l1 * (1 + 1e-9) < l2 && v1 * (1 + 1e-9) < v2);
        const e = (l: number, v: number) => kineticEnergyJ(impactorMassKg(l, 3000), v);
        return e(l1, v1) < e(l2, v1) && e(l1, v1) < e(l1, v2);
      }),
    );
  });

  it('blast and burn radii grow with energy (surface bursts)', () => {
    fc.assert(
      fc.property(energyKt, fc.double({ min: 1.01, max: 1000, noNaN: true }), (e, factor) => {
        const blast = (kt: number) => blastRadiusKm(kt, OVERPRESSURE_THRESHOLDS_PA.woodFrameCollapse)!;
        const burn = (kt: number) => thermalRadiusKm(kt * 4.184e12, THERMAL_THRESHOLDS_1MT_JM2.thirdDegreeBurns);
        const smallBurn = burn(e);
        const largeBurn = burn(e * factor);
        return blast(e * factor) > blast(e) && (smallBurn === null || (largeBurn !== null && largeBurn > smallBurn));
      }),
    );
  });

  it('thermal exposure decreases with distance, on the ground and under an airburst', () => {
    fc.assert(
      fc.property(energyKt, distanceKm, distanceKm, fc.double({ min: 0, max: 50, noNaN: true }), (e, r1, r2, altitudeKm) => {
        fc.pre(r1 < r2);
        const energyJ = e * 4.184e12;
        return thermalExposureJm2(energyJ, r2, altitudeKm) <= thermalExposureJm2(energyJ, r1, altitudeKm);
      }),
    );
  });

  it('overpressure decreases with distance for surface bursts and airbursts below a scaled 450 m', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 450, noNaN: true }), fc.double({ min: 1, max: 1e5, noNaN: true }), fc.double({ min: 1, max: 1e5, noNaN: true }), (z1, r1, r2) => {
        fc.pre(r1 < r2);
        return scaledOverpressurePa(r2, z1) <= scaledOverpressurePa(r1, z1);
      }),
    );
  });

  it('bisection radii meet the threshold (±1e-6) and nothing beyond them does', () => {
    const thresholdPa = fc.constantFrom(...Object.values(OVERPRESSURE_THRESHOLDS_PA));
    fc.assert(
      fc.property(energyKt, thresholdPa, fc.double({ min: 0, max: 1, noNaN: true }), (e, p, altitudeFraction) => {
        const burstAltitudeKm = altitudeFraction * 0.7 * Math.cbrt(e); // scaled altitude 0–700 m, across every regime
        const r = blastRadiusKm(e, p, burstAltitudeKm);
        if (r === null) return overpressurePa(e, 0, burstAltitudeKm) <= p;
        const atRadius = overpressurePa(e, r, burstAltitudeKm);
        return Math.abs(atRadius - p) <= 1e-6 * p && overpressurePa(e, r * 1.01, burstAltitudeKm) < p && overpressurePa(e, r * 3, burstAltitudeKm) < p;
      }),
    );
    const threshold1Mt = fc.constantFrom(...Object.values(THERMAL_THRESHOLDS_1MT_JM2));
    fc.assert(
      fc.property(energyKt, threshold1Mt, fc.double({ min: 0, max: 30, noNaN: true }), (e, t, altitudeKm) => {
        const energyJ = e * 4.184e12;
        const thresholdJm2 = thermalThresholdJm2(t, joulesToMt(energyJ));
        const r = thermalRadiusKm(energyJ, t, altitudeKm);
        if (r === null) return thermalExposureJm2(energyJ, 0, altitudeKm) <= thresholdJm2;
        return Math.abs(thermalExposureJm2(energyJ, r, altitudeKm) - thresholdJm2) <= 1e-6 * thresholdJm2 && thermalExposureJm2(energyJ, r * 1.01, altitudeKm) < thresholdJm2;
      }),
    );
  });

  it('impactEffects is consistent for any valid stony or iron body: airburst xor crater, radii ordered', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 5000, noNaN: true }),
        fc.constantFrom(1500, 3000, 3300, 7800),
        fc.double({ min: 11, max: 72, noNaN: true }),
        fc.double({ min: 5, max: 90, noNaN: true }),
        (d, rho, v, angle) => {
          const effects = impactEffects({ diameterM: d, densityKgM3: rho, velocityKmS: v, angleDeg: angle, distanceKm: 10 });
          const { windowsMayShatter, windowsShatter, woodFrameCollapse, wallBearingCollapse } = effects.radiiKm;
          const ordered = (outer: number | null, inner: number | null) => inner === null || (outer !== null && outer >= inner);
          return (
            effects.airburst === (effects.craterDiameterKm === null) &&
            effects.airburst === (effects.impactSpeedKmS === null) &&
            (effects.airburstYieldMt === null || effects.airburstYieldMt <= effects.energyMt) &&
            (effects.impactSpeedKmS === null || effects.impactSpeedKmS <= v) &&
            ordered(windowsMayShatter, windowsShatter) &&
            ordered(windowsShatter, woodFrameCollapse) &&
            ordered(woodFrameCollapse, wallBearingCollapse) &&
            ordered(effects.radiiKm.thirdDegreeBurns, effects.radiiKm.clothingIgnites)
          );
        },
      ),
    );
  });
});
