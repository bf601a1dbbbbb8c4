import { describe, expect, it } from 'vitest';
import { describePush } from '../../../client/app/missionPush.js';

// Rules v3: a push is known to the table as expected (with its spread) until a flyby measures
// it; the control cell sees the truth throughout.

const ARRIVED = { status: 'arrived' as const, expectedShiftKm: -1_234.4, shiftSigmaKm: 310.2 };

describe('the push on a mission card', () => {
  it('shows a participant the expected shift and its spread, not yet measured, and no Δv', () => {
    expect(describePush({ ...ARRIVED, deltaVMmPerS: null, shiftKm: null, measured: false })).toEqual([
      { label: 'Δv imparted', value: 'not yet measured: a reconnaissance flyby would tell', testId: 'mission-delta-v' },
      { label: 'Shift at encounter', value: '1,234 ± 310 km (expected, not yet measured)', testId: 'mission-shift' },
    ]);
  });

  it('shows the measured Δv and shift once a flyby has measured them, beside what was expected', () => {
    expect(describePush({ ...ARRIVED, deltaVMmPerS: 0.414, shiftKm: -1_502, measured: true })).toEqual([
      { label: 'Δv imparted', value: '0.41 mm/s (measured by a flyby)', testId: 'mission-delta-v' },
      { label: 'Shift at encounter', value: '1,502 km (measured; expected 1,234 ± 310 km)', testId: 'mission-shift' },
    ]);
  });

  it('shows the control cell the realised push and what the table expects until it is measured', () => {
    expect(describePush({ ...ARRIVED, deltaVMmPerS: 0.414, shiftKm: -1_502, measured: false })).toEqual([
      { label: 'Δv imparted', value: '0.41 mm/s (not yet measured by the table)', testId: 'mission-delta-v' },
      { label: 'Shift at encounter', value: '1,502 km (the table expects 1,234 ± 310 km until a flyby measures it)', testId: 'mission-shift' },
    ]);
  });

  it('shows a push from a log before rules v3 as it was recorded', () => {
    expect(describePush({ status: 'arrived', deltaVMmPerS: 0.5, shiftKm: 900, expectedShiftKm: null, shiftSigmaKm: null, measured: null })).toEqual([
      { label: 'Δv imparted', value: '0.5 mm/s', testId: 'mission-delta-v' },
      { label: 'Shift at encounter', value: '900 km', testId: 'mission-shift' },
    ]);
  });

  it('says nothing of a push before arrival, nor for a mission that pushed nothing', () => {
    expect(describePush({ ...ARRIVED, status: 'in-flight', deltaVMmPerS: null, shiftKm: null, measured: false })).toEqual([]);
    expect(describePush({ status: 'arrived', deltaVMmPerS: null, shiftKm: null, expectedShiftKm: null, shiftSigmaKm: null, measured: null })).toEqual([]);
  });
});
