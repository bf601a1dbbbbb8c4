// The soak's verdict on memory: a least-squares slope per finished exercise and its standard error.
import { describe, expect, it } from 'vitest';
import { slopeOf } from '../../tools/load/soak.js';

describe('soak memory slope', () => {
  it('finds the growth per exercise of a heap that grows by a fixed amount each exercise', () => {
    const exercises = [10, 20, 30, 40, 50];
    const { slope, standardError } = slopeOf(exercises, exercises.map((n) => 180_000 + 12 * n));
    expect(slope).toBeCloseTo(12, 9);
    expect(standardError).toBeCloseTo(0, 9);
  });

  it('gives a slope within its noise for a heap that only wobbles', () => {
    const { slope, standardError } = slopeOf([10, 20, 30, 40, 50, 60], [1000, 1040, 990, 1030, 995, 1020]);
    expect(Math.abs(slope)).toBeLessThanOrEqual(2 * standardError);
  });

  it('has no slope with fewer than three samples or a single count of exercises', () => {
    expect(slopeOf([1, 2], [5, 6]).slope).toBeNaN();
    expect(slopeOf([3, 3, 3], [5, 6, 7]).slope).toBeNaN();
  });
});
