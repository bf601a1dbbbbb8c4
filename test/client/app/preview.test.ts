import { describe, expect, it } from 'vitest';
import { missionEffect, missionEffectBand } from '../../../shared/engine/mission-effect.js';
import type { GravityTractorType, KineticImpactorType, NuclearStandoffType } from '../../../shared/scenario/schema.js';
import { describeEffect, previewEffect, type EffectPreview, type PreviewContext } from '../../../client/app/preview.js';

// The preview's bottom line must say the same thing as its numbers: too late, a push that only
// moves the impact point along the corridor, one that takes the asteroid off the Earth, or perhaps.

const CAPTURE_KM = 9_560;

function preview(over: Partial<EffectPreview>): EffectPreview {
  return {
    kind: 'kinetic-impactor',
    deltaVMmPerS: { min: 0.25, nominal: 1.3, max: 11 },
    arrivalDate: '2033-09-10',
    leadTimeDays: 1_837,
    shiftKm: { min: 119, nominal: 601, max: 5_028 },
    sign: -1,
    meanKm: 2_000,
    movedMeanKm: 1_399,
    sigmaKm: 3_000,
    captureRadiusKm: CAPTURE_KM,
    clearsCaptureRadius: false,
    burst: null,
    disruption: null,
    ...over,
  };
}

describe('the bottom line of a mission preview', () => {
  it('says a push shorter than the capture radius moves the impact point along the corridor, not off the Earth', () => {
    const words = describeEffect(preview({}), 'toward Central Atlantic');
    expect(words.headline).toBe(
      'Moves the impact point about 601 km toward Central Atlantic: along the corridor, not off the Earth (the capture radius is 9,560 km). Unless it would strike that close to the edge, an asteroid on course still strikes, perhaps in another country.',
    );
    expect(words.push).toMatch(/^Δv 0\.25–11 mm\/s \(nominal 1\.3 mm\/s\); arriving 10 September 2033, it would move the predicted point 601 km \(119–5,028 km\) toward Central Atlantic\.$/);
    expect(words.verdict).toContain('still inside');
  });

  it('says a push longer than the capture diameter, even at the low end of its band, takes the asteroid off the Earth wherever it would strike', () => {
    const words = describeEffect(preview({ shiftKm: { min: 19_200, nominal: 40_000, max: 90_000 }, movedMeanKm: 42_000, clearsCaptureRadius: true }), 'toward Dhaka');
    expect(words.headline).toBe(
      'This push would move the predicted point from inside the Earth to outside it: a predicted hit becomes a miss. ' +
        'Enough to take an asteroid on course off the Earth wherever it would strike: it pushes it about 40,000 km toward Dhaka.',
    );
    expect(words.verdict).toMatch(/\(inside\), 42,000 km after the push → outside: a predicted miss\.$/);
  });

  it('says first and plainly that a push turns a predicted miss into a hit, and where it would strike', () => {
    const placeOf = (km: number) => (Math.abs(km) <= CAPTURE_KM ? { words: km > 0 ? 'near Nairobi, Kenya' : 'in Uganda, 300 km from Nairobi (Kenya)', country: km > 0 ? 'Kenya' : 'Uganda' } : null);
    const words = describeEffect(preview({ meanKm: 10_000, movedMeanKm: 9_399, clearsCaptureRadius: false }), 'toward Central Atlantic', placeOf);
    expect(words.headline).toMatch(/^This push would move the predicted point from outside the Earth to inside it: a predicted miss becomes a hit near Nairobi, Kenya\. Moves/);
    expect(words.verdict).toMatch(/10,000 km from the centre \(±3,000 km at 1σ\) \(outside\), 9,399 km after the push → inside: a predicted hit\.$/);
    expect(words.verdict).not.toContain('already outside');
  });

  it('says first that a push moves the predicted point into another country', () => {
    const placeOf = (km: number) => (km > 1_500 ? { words: 'near Nairobi, Kenya', country: 'Kenya' } : { words: 'in Uganda, 300 km from Nairobi (Kenya)', country: 'Uganda' });
    const words = describeEffect(preview({}), 'toward Central Atlantic', placeOf);
    expect(words.headline).toMatch(/^This push would move the predicted point into another country: from near Nairobi, Kenya to in Uganda, 300 km from Nairobi \(Kenya\)\. Moves/);
  });

  it('adds nothing before the bottom line when the push leaves a predicted miss a miss, or a hit in the same country', () => {
    const same = () => ({ words: 'in Kenya', country: 'Kenya' });
    expect(describeEffect(preview({}), 'toward Dhaka', same).headline).toMatch(/^Moves the impact point/);
    const miss = describeEffect(preview({ meanKm: 12_000, movedMeanKm: 11_399 }), 'toward Dhaka', same);
    expect(miss.headline).toMatch(/^Moves the impact point/);
    expect(miss.verdict).toMatch(/→ still outside\.$/);
  });

  it('says a push of the order of the capture radius may or may not suffice', () => {
    const words = describeEffect(preview({ shiftKm: { min: 3_000, nominal: 9_000, max: 25_000 } }), 'toward Dhaka');
    expect(words.headline).toMatch(/^May take it off the Earth: it pushes it about 9,000 km toward Dhaka, of the order of the capture radius \(9,560 km\)/);
  });

  it('says too late, and nothing about the capture radius, when the mission would arrive after the encounter', () => {
    const words = describeEffect(preview({ leadTimeDays: null, shiftKm: null, meanKm: null, movedMeanKm: null, clearsCaptureRadius: null }), 'toward Dhaka');
    expect(words.headline).toBe('Too late — it would arrive after the encounter.');
    expect(words.push).toContain('too late to move the encounter');
    expect(words.verdict).toBeNull();
  });

  it('without a published estimate, gives no verdict on it but still the bottom line', () => {
    const words = describeEffect(preview({ meanKm: null, movedMeanKm: null, clearsCaptureRadius: null }), 'toward Dhaka');
    expect(words.verdict).toBeNull();
    expect(words.headline).toMatch(/^Moves the impact point about 601 km toward Dhaka/);
  });

  it('warns of a nuclear burst that would likely break the body up', () => {
    const words = describeEffect(
      preview({
        kind: 'nuclear-standoff',
        burst: { yieldKt: 1000, deviceCount: 1, standoffM: null },
        disruption: { atWorst: true, atNominal: true, specificEnergyJPerKg: 140, thresholdJPerKg: 60 },
      }),
      'toward Dhaka',
    );
    expect(words.warning).toBe('Would likely break the body up (about 140 J/kg against a threshold of 60 J/kg): a fragment may stay on course.');
  });

  it('warns that a nuclear burst may break the body up when only a small body and a strong coupling would', () => {
    const words = describeEffect(
      preview({ kind: 'nuclear-standoff', burst: { yieldKt: 1000, deviceCount: 1, standoffM: null }, disruption: { atWorst: true, atNominal: false, specificEnergyJPerKg: 8, thresholdJPerKg: 60 } }),
      'toward Dhaka',
    );
    expect(words.warning).toBe('Would break the body up if it is at the small end of its size range and the burst couples at the strong end of its range: a fragment may stay on course.');
  });

  it('says which burst a nuclear band is for and that it spans the burst’s uncertain coupling', () => {
    const words = describeEffect(preview({ kind: 'nuclear-standoff', burst: { yieldKt: 250, deviceCount: 1, standoffM: 40 } }), 'toward Dhaka');
    expect(words.push).toMatch(
      /^Δv 0\.25–11 mm\/s \(nominal 1\.3 mm\/s\), from one 250 kt device 40 m above the surface, over the body's size range and the uncertain coupling of the burst; arriving/,
    );
  });
});

// The numbers of a preview are the rules module's (principle 16): the very band the resolution's
// `missionEffectBand` gives, for the arrival the schedule allows.

const COMMON = { costMUsd: 1000, buildMonths: 12, flightMonths: 12, reliability: 0.9 };
const KINETIC: KineticImpactorType = { ...COMMON, id: 'ki', name: 'Kinetic', kind: 'kinetic-impactor', impactorCount: 8, impactorMassKg: 800, relativeSpeedKmS: 7 };
const TRACTOR: GravityTractorType = { ...COMMON, id: 'gt', name: 'Tractor', kind: 'gravity-tractor', spacecraftMassKg: 20_000, hoverDistanceM: 250, towMonths: 24 };
const NUCLEAR: NuclearStandoffType = {
  ...COMMON,
  id: 'nuke',
  name: 'Nuclear',
  kind: 'nuclear-standoff',
  yieldKt: 1000,
  deviceCount: 1,
  yieldKtRange: { min: 100, max: 1000 },
  standoffM: { min: 20, max: 200 },
};
const CONTEXT: PreviewContext = {
  scenarioDate: '2032-01-01',
  potentialImpactDate: '2038-09-21',
  asteroid: { diameterMinM: 120, diameterMaxM: 320, densityKgM3: 2000, captureRadiusKm: 8286 },
  estimate: { meanKm: 2_000, sigmaKm: 30_000 },
};
const NOT_STARTED = { readyDate: null, arrivalDate: null, buildMonths: 12, flightMonths: 12 };
// Built and flown from 2032-01-01: arrives 2034-01-01, 1 724 days before the encounter.
const LEAD_DAYS = 1_724;

describe('a mission preview', () => {
  it('gives a kinetic impactor the band the resolution’s own missionEffectBand gives', () => {
    const p = previewEffect(KINETIC, 'toward-end', NOT_STARTED, CONTEXT)!;
    expect(p.arrivalDate).toBe('2034-01-01');
    expect(p.leadTimeDays).toBe(LEAD_DAYS);
    const band = missionEffectBand(KINETIC, CONTEXT.asteroid, LEAD_DAYS)!;
    expect(p.deltaVMmPerS).toEqual(band.deltaVMmPerS);
    expect(p.shiftKm).toEqual(band.shiftKm);
    expect(p.movedMeanKm).toBeCloseTo(2_000 + band.shiftKm.nominal);
  });

  it('gives a gravity tractor one value, the pull not depending on the body', () => {
    const p = previewEffect(TRACTOR, 'toward-start', NOT_STARTED, CONTEXT)!;
    expect(p.deltaVMmPerS.min).toBe(p.deltaVMmPerS.max);
    expect(p.shiftKm).toEqual(missionEffectBand(TRACTOR, CONTEXT.asteroid, LEAD_DAYS)!.shiftKm);
    expect(p.movedMeanKm).toBeCloseTo(2_000 - p.shiftKm!.nominal);
  });

  it('widens a nuclear band over the burst’s coupling range, beyond what the body’s size alone would give', () => {
    const p = previewEffect(NUCLEAR, 'toward-end', NOT_STARTED, CONTEXT)!;
    const sizeOnly = [320, 120].map((d) => missionEffect(NUCLEAR, { diameterM: d, densityKgM3: 2000 }, LEAD_DAYS)!.deltaVMmPerS);
    expect(p.deltaVMmPerS.min).toBeLessThan(sizeOnly[0]!);
    expect(p.deltaVMmPerS.max).toBeGreaterThan(sizeOnly[1]!);
    expect(p.burst).toEqual({ yieldKt: 1000, deviceCount: 1, standoffM: null });
  });

  it('follows the yield and height the proposer chose', () => {
    const nominal = previewEffect(NUCLEAR, 'toward-end', NOT_STARTED, CONTEXT)!;
    const chosen = previewEffect(NUCLEAR, 'toward-end', NOT_STARTED, CONTEXT, { yieldKt: 100, standoffM: 150 })!;
    expect(chosen.deltaVMmPerS).toEqual(missionEffectBand(NUCLEAR, CONTEXT.asteroid, LEAD_DAYS, { yieldKt: 100, standoffM: 150 })!.deltaVMmPerS);
    expect(chosen.deltaVMmPerS.nominal).toBeLessThan(nominal.deltaVMmPerS.nominal);
    expect(chosen.burst).toEqual({ yieldKt: 100, deviceCount: 1, standoffM: 150 });
  });

  it('says too late, with no shift, for a mission arriving after the encounter', () => {
    const p = previewEffect(KINETIC, 'toward-end', { readyDate: null, arrivalDate: '2039-01-01', buildMonths: 12, flightMonths: 12 }, CONTEXT)!;
    expect(p.leadTimeDays).toBeNull();
    expect(p.shiftKm).toBeNull();
    expect(p.clearsCaptureRadius).toBeNull();
  });

  it('previews nothing for reconnaissance, which pushes nothing', () => {
    expect(previewEffect({ ...COMMON, id: 'r', name: 'Recon', kind: 'reconnaissance', uncertaintyReduction: 0.5 }, 'toward-end', NOT_STARTED, CONTEXT)).toBeNull();
  });
});
