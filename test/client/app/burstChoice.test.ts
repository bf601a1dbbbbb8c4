import { describe, expect, it } from 'vitest';
import type { KineticImpactorType, NuclearStandoffType } from '../../../shared/scenario/schema.js';
import { burstOptions, readBurst } from '../../../client/app/burstChoice.js';

// A nuclear stand-off whose catalogue entry gives a yield or height range lets the proposer choose
// within it; the form sends what was chosen, and nothing for what was left to the nominal.

const COMMON = { costMUsd: 1200, buildMonths: 18, flightMonths: 10, reliability: 0.9 };
const FIXED: NuclearStandoffType = { ...COMMON, id: 'nuclear', name: 'Nuclear', kind: 'nuclear-standoff', yieldKt: 1000, deviceCount: 1 };
const RANGED: NuclearStandoffType = { ...FIXED, yieldKtRange: { min: 100, max: 1000 }, standoffM: { min: 20, max: 200 } };
const KINETIC: KineticImpactorType = { ...COMMON, id: 'ki', name: 'Kinetic', kind: 'kinetic-impactor', impactorCount: 1, impactorMassKg: 500, relativeSpeedKmS: 6 };

describe('the burst a proposer may choose', () => {
  it('is offered only where the catalogue gives a nuclear stand-off a range', () => {
    expect(burstOptions(KINETIC)).toBeNull();
    expect(burstOptions(FIXED)).toBeNull();
    expect(burstOptions(RANGED)).toEqual({ yieldKt: { min: 100, max: 1000, nominal: 1000 }, standoffM: { min: 20, max: 200 } });
    expect(burstOptions({ ...FIXED, standoffM: { min: 20, max: 200 } })).toEqual({ yieldKt: null, standoffM: { min: 20, max: 200 } });
  });

  it('sends the yield and height typed, and leaves out what was left empty (nominal yield, optimum height)', () => {
    const options = burstOptions(RANGED);
    expect(readBurst(options, '250', '40')).toEqual({ yieldKt: 250, standoffM: 40 });
    expect(readBurst(options, '', ' ')).toEqual({});
    expect(readBurst(null, '250', '40')).toEqual({});
  });

  it('refuses what is not a positive number, and leaves the range to the server', () => {
    const options = burstOptions(RANGED);
    expect(readBurst(options, 'lots', '')).toBeNull();
    expect(readBurst(options, '250', '-5')).toBeNull();
    expect(readBurst(options, '5000', '')).toEqual({ yieldKt: 5000 });
  });

  it('ignores a field the catalogue does not offer', () => {
    expect(readBurst(burstOptions({ ...FIXED, standoffM: { min: 20, max: 200 } }), 'lots', '30')).toEqual({ standoffM: 30 });
  });
});
