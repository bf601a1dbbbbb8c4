// The engine's use of impact effects: which rings count whom, and at what rate.
import { describe, expect, it } from 'vitest';
import {
  ASSUMED_OCEAN_DEPTH_M,
  GLASS_INJURY_RATE,
  GLASS_LOSS_USD_PER_PERSON,
  TSUNAMI_EXPOSED_RUNUP_M,
  encounterOutcome,
} from '../../../shared/engine/consequences.js';
import { corridorToEncounter, createCorridor, greatCircleKm } from '../../../shared/geo/corridor.js';
import { initialState, type WorldData } from '../../../shared/engine/index.js';
import { impactEffects, tsunamiAmplitudeM } from '../../../shared/physics/impact.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { scenario } from './given.js';

/** A world of one country and towns at the given distances (km) due east of wherever the body strikes. */
function townsAt(towns: { name: string; population: number; distanceKm: number }[]): WorldData {
  return {
    countryAt: () => ({ iso3: 'RUS', name: 'Russia' }),
    exposedPopulation: (lat, lon, radiusKm) => {
      const cities = towns
        .filter((t) => t.distanceKm <= radiusKm)
        .map((t) => ({ ...t, countryIso2: 'RU', lat, lon: lon + t.distanceKm / 111 }));
      return { population: cities.reduce((s, c) => s + c.population, 0), cities };
    },
  };
}

/** The bundled scenario with a Chelyabinsk-like body striking the middle of the corridor. */
function chelyabinskLike(): Scenario {
  const { asteroid } = scenario;
  return {
    ...scenario,
    asteroid: { ...asteroid, entrySpeedKmS: 19.16, entryAngleDeg: 18.3, truth: { diameterM: 19, densityKgM3: 3300, encounterKm: 0 } },
  };
}

describe('encounterOutcome: the glass ring', () => {
  const body = { diameterM: 19, densityKgM3: 3300, velocityKmS: 19.16, angleDeg: 18.3 };
  const ringKm = impactEffects(body).radiiKm.windowsMayShatter!;

  it('a Chelyabinsk-like airburst hurts people where windows may shatter (0.69 kPa), at the glass-injury rate, though no one is in the 6.9 kPa zone', () => {
    const s = chelyabinskLike();
    const world = townsAt([
      { name: 'Chelyabinsk', population: 1_000_000, distanceKm: 40 },
      { name: 'Far away', population: 500_000, distanceKm: ringKm + 20 },
    ]);
    const outcome = encounterOutcome(initialState(s, 1), 0, world);
    const c = outcome.consequences!;
    expect(c.airburst).toBe(true);
    expect(c.exposedRadiusKm).toBeNull();
    expect(c.exposedPopulation).toBe(0);
    expect(c.glassRingRadiusKm).toBeCloseTo(ringKm, 9);
    expect(c.glassRingPopulation).toBe(1_000_000);
    expect(c.casualties).toBe(Math.round(1_000_000 * GLASS_INJURY_RATE));
    expect(c.damageMUsd).toBeCloseTo((1_000_000 * GLASS_LOSS_USD_PER_PERSON) / 1e6, 9);
    expect(c.byCountry).toEqual([expect.objectContaining({ countryIso3: 'RUS', exposedPopulation: 0, glassRingPopulation: 1_000_000, casualties: 1000 })]);
    expect(outcome.summary).toMatch(/as a 0\.5 Mt airburst.*windows may shatter out to \d+ km, where 1,000,000 more lived/);
  });

  it('inside the 6.9 kPa ring the scenario\'s fatality rates apply, beyond it the glass-injury rate', () => {
    const s = { ...scenario, asteroid: { ...scenario.asteroid, truth: { ...scenario.asteroid.truth, encounterKm: 0 } } };
    const effects = impactEffects({ diameterM: s.asteroid.truth.diameterM, densityKgM3: s.asteroid.truth.densityKgM3, velocityKmS: s.asteroid.entrySpeedKmS, angleDeg: s.asteroid.entryAngleDeg });
    const { windowsShatter, woodFrameCollapse, windowsMayShatter } = effects.radiiKm;
    const world = townsAt([
      { name: 'Near', population: 10_000, distanceKm: woodFrameCollapse! / 2 },
      { name: 'Middle', population: 20_000, distanceKm: (woodFrameCollapse! + windowsShatter!) / 2 },
      { name: 'Outer', population: 400_000, distanceKm: (windowsShatter! + windowsMayShatter!) / 2 },
    ]);
    const c = encounterOutcome(initialState(s, 1), 0, world).consequences!;
    const rates = s.consequences;
    expect(c.exposedPopulation).toBe(30_000);
    expect(c.severePopulation).toBe(10_000);
    expect(c.glassRingPopulation).toBe(400_000);
    expect(c.casualties).toBe(Math.round(10_000 * rates.fatalityRateSevere + 20_000 * rates.fatalityRateExposed + 400_000 * GLASS_INJURY_RATE));
  });
});

describe('encounterOutcome: an ocean impact', () => {
  // A corridor along the equator from 10° W to 10° E; sea west of the meridian, land east of it.
  const points = [
    { lat: 0, lon: -10 },
    { lat: 0, lon: 10 },
  ];
  const corridor = createCorridor(points);
  const impactKm = 890; // about 2° W, 220 km off the coast
  const towns = [
    { name: 'Port', population: 300_000, lat: 0.1, lon: 0.02 }, // on the shore facing the impact
    { name: 'Inland', population: 500_000, lat: 0, lon: 1.5 }, // 165 km from the sea
    { name: 'Far port', population: 200_000, lat: 25, lon: 0.02 }, // on the coast, far beyond the wave's reach
  ];
  const seaWestOfMeridian: WorldData = {
    countryAt: (_lat, lon) => (lon < 0 ? null : { iso3: 'GHA', name: 'Ghana' }),
    exposedPopulation: (lat, lon, radiusKm) => {
      const cities = towns
        .map((t) => ({ ...t, countryIso2: 'GH', distanceKm: greatCircleKm({ lat, lon }, t) }))
        .filter((t) => t.distanceKm <= radiusKm);
      return { population: cities.reduce((s, c) => s + c.population, 0), cities };
    },
  };
  const atSea = (waterDepths?: { fromKm: number; toKm: number; depthM: number }[]): Scenario => {
    const s: Scenario = { ...scenario, riskCorridor: { description: 'along the equator', points, ...(waterDepths ? { waterDepths } : {}) } };
    const encounterKm = corridorToEncounter(corridor, impactKm, s.asteroid.captureRadiusKm);
    return { ...s, asteroid: { ...s.asteroid, truth: { ...s.asteroid.truth, encounterKm } } };
  };

  it('uses the depth the scenario states there, reports the water cavity and the rim wave, and counts the coastal town the wave runs up', () => {
    const s = atSea([{ fromKm: 0, toKm: 1100, depthM: 5000 }]);
    const outcome = encounterOutcome(initialState(s, 1), s.asteroid.truth.encounterKm, seaWestOfMeridian);
    const c = outcome.consequences!;
    const effects = impactEffects({
      diameterM: s.asteroid.truth.diameterM, densityKgM3: s.asteroid.truth.densityKgM3, velocityKmS: s.asteroid.entrySpeedKmS,
      angleDeg: s.asteroid.entryAngleDeg, target: 'water', waterDepthM: 5000,
    });
    expect(outcome.impactPoint!.countryIso3).toBeNull();
    expect(c.craterDiameterKm).toBeNull(); // the cavity never reaches a floor 5 km down
    expect(c.tsunami).toEqual({
      waterDepthM: 5000,
      waterDepthStated: true,
      waterCavityDiameterKm: effects.waterCavityDiameterKm,
      rimAmplitudeM: effects.tsunami!.rimAmplitudeM,
      reachKm: expect.any(Number),
      coastalPopulation: 300_000,
    });
    const portKm = greatCircleKm(outcome.impactPoint!, towns[0]!);
    expect(tsunamiAmplitudeM(effects.waterCavityDiameterKm! * 1000, 5000, portKm)).toBeGreaterThanOrEqual(TSUNAMI_EXPOSED_RUNUP_M);
    expect(c.tsunami!.reachKm).toBeLessThan(greatCircleKm(outcome.impactPoint!, towns[2]!));
    const ghana = c.byCountry.find((b) => b.countryIso3 === 'GHA')!;
    expect(ghana.exposedPopulation).toBeGreaterThanOrEqual(300_000);
    expect(ghana.casualties).toBeGreaterThan(0);
    expect(outcome.summary).toMatch(/tsunami \(\d+ m at the rim\) runs up 1 coastal towns of 300,000 people/);
  });

  it('without a stated depth it assumes an abyssal plain of 4 000 m, and says so', () => {
    const s = atSea();
    const outcome = encounterOutcome(initialState(s, 1), s.asteroid.truth.encounterKm, seaWestOfMeridian);
    expect(outcome.consequences!.tsunami).toMatchObject({ waterDepthM: ASSUMED_OCEAN_DEPTH_M, waterDepthStated: false });
    expect(outcome.summary).toMatch(/over an assumed 4000 m of water/);
  });
});
