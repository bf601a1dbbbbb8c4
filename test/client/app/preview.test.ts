import { describe, expect, it } from 'vitest';
import { describeEffect, type EffectPreview } from '../../../client/app/preview.js';

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
    expect(words.headline).toBe('Enough to take an asteroid on course off the Earth wherever it would strike: it pushes it about 40,000 km toward Dhaka.');
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
      preview({ kind: 'nuclear-standoff', disruption: { atSmallest: true, atNominal: true, specificEnergyJPerKg: 140, thresholdJPerKg: 60 } }),
      'toward Dhaka',
    );
    expect(words.warning).toBe('Would likely break the body up (about 140 J/kg against a threshold of 60 J/kg): a fragment may stay on course.');
  });
});
