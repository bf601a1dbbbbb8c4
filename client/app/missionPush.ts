// What a mission card says of the push a mission delivered. Since rules v3 the table does not
// learn a push when it happens: participants see the shift it could infer from the published
// facts, with its spread, until a reconnaissance flyby measures it; the control cell sees the
// truth all along (shared/engine/view.ts decides who sees what; this only puts it in words).
import type { MissionView } from '../../shared/engine/view.js';
import { formatDeltaV, formatKm } from './format.js';

/** One fact of a mission card: its label, its value in words, and its test id's stem. */
export interface PushFact {
  label: string;
  value: string;
  testId: 'mission-delta-v' | 'mission-shift';
}

type PushOf = Pick<MissionView, 'status' | 'deltaVMmPerS' | 'shiftKm' | 'expectedShiftKm' | 'shiftSigmaKm' | 'measured'>;

/** "1,200 ± 300 km": an expected shift (its direction is the mission's) and its 1σ spread. */
function expected(m: PushOf): string | null {
  if (m.expectedShiftKm === null) return null;
  return `${formatKm(Math.abs(m.expectedShiftKm)).replace(' km', '')} ± ${formatKm(m.shiftSigmaKm ?? 0)}`;
}

/**
 * The Δv and the shift at the encounter of an arrived mission, as this seat may know them: the
 * expected shift and its spread until a flyby measures the push, the measured values once one
 * has (beside what was expected), and for the control cell the realised values with what the
 * table expects. Empty before arrival and for a mission that pushed nothing.
 */
export function describePush(m: PushOf): PushFact[] {
  if (m.status !== 'arrived') return [];
  const expectation = expected(m);
  // Logs before rules v3, and missions without a push: the values as they are, with no expectation.
  if (m.measured === null || expectation === null) {
    return [
      ...(m.deltaVMmPerS !== null ? [{ label: 'Δv imparted', value: formatDeltaV(m.deltaVMmPerS), testId: 'mission-delta-v' as const }] : []),
      ...(m.shiftKm !== null ? [{ label: 'Shift at encounter', value: formatKm(Math.abs(m.shiftKm)), testId: 'mission-shift' as const }] : []),
    ];
  }
  if (m.measured) {
    return [
      ...(m.deltaVMmPerS !== null ? [{ label: 'Δv imparted', value: `${formatDeltaV(m.deltaVMmPerS)} (measured by a flyby)`, testId: 'mission-delta-v' as const }] : []),
      ...(m.shiftKm !== null
        ? [{ label: 'Shift at encounter', value: `${formatKm(Math.abs(m.shiftKm))} (measured; expected ${expectation})`, testId: 'mission-shift' as const }]
        : []),
    ];
  }
  if (m.deltaVMmPerS === null || m.shiftKm === null) {
    return [
      { label: 'Δv imparted', value: 'not yet measured: a reconnaissance flyby would tell', testId: 'mission-delta-v' },
      { label: 'Shift at encounter', value: `${expectation} (expected, not yet measured)`, testId: 'mission-shift' },
    ];
  }
  // The control cell: the truth, and what the table believes until a flyby measures it.
  return [
    { label: 'Δv imparted', value: `${formatDeltaV(m.deltaVMmPerS)} (not yet measured by the table)`, testId: 'mission-delta-v' },
    { label: 'Shift at encounter', value: `${formatKm(Math.abs(m.shiftKm))} (the table expects ${expectation} until a flyby measures it)`, testId: 'mission-shift' },
  ];
}
