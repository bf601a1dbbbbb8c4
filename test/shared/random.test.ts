import { describe, expect, it } from 'vitest';
import { nextStandardNormal, nextUniform, seedRng, type RngState } from '../../shared/random.js';

/** Draws `n` values with `draw`, threading the generator state. */
function sample(state: RngState, n: number, draw: (s: RngState) => [number, RngState]): number[] {
  const out: number[] = [];
  let s = state;
  for (let i = 0; i < n; i++) {
    const [v, next] = draw(s);
    out.push(v);
    s = next;
  }
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length;
};

describe('nextUniform', () => {
  it('draws values in [0, 1)', () => {
    const xs = sample(seedRng(2031), 20_000, nextUniform);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it('draws the same value from the same state', () => {
    const state = seedRng(42);
    expect(nextUniform(state)).toEqual(nextUniform(state));
    expect(nextUniform(seedRng(42))).toEqual(nextUniform(state));
  });

  it('advances the state, so the next draw differs, and leaves the given state untouched', () => {
    const state = seedRng(42);
    const copy = [...state];
    const [first, after] = nextUniform(state);
    expect(after).not.toEqual(state);
    expect(state).toEqual(copy);
    expect(nextUniform(after)[0]).not.toBe(first);
  });

  it('keeps its state as plain numbers, so it can be stored in an event', () => {
    const [, after] = nextUniform(seedRng(7));
    expect(JSON.parse(JSON.stringify(after))).toEqual(after);
  });

  it('spreads a long sequence evenly over [0, 1)', () => {
    const xs = sample(seedRng(2031), 20_000, nextUniform);
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(variance(xs) - 1 / 12)).toBeLessThan(0.005);
  });
});

describe('nextStandardNormal', () => {
  it('has mean about 0 and variance about 1 over 20 000 draws', () => {
    const zs = sample(seedRng(2031), 20_000, nextStandardNormal);
    expect(Math.abs(mean(zs))).toBeLessThan(0.05);
    expect(Math.abs(variance(zs) - 1)).toBeLessThan(0.05);
  });

  it('is deterministic for a state and advances it', () => {
    const state = seedRng(9);
    const [z, after] = nextStandardNormal(state);
    expect(nextStandardNormal(state)).toEqual([z, after]);
    expect(after).not.toEqual(state);
    expect(Number.isFinite(z)).toBe(true);
  });
});

// A defect found in shared/random.ts while writing these tests. These were `it.fails` until fixed; they keep the
// suite green while it stands and turns red once it is fixed: then make it a plain `it`.
describe('fixed defects, kept as regression tests', () => {
  it('spreads the first draw of neighbouring seeds evenly over [0, 1)', () => {
    // seedRng passes the seed straight to xoroshiro128plus, whose state [-1, ~seed, seed, 0]
    // makes the first output of small seeds ≈ 1 — so round 1's noiseZ is a 5–7 σ outlier.
    const firsts = Array.from({ length: 1000 }, (_, i) => nextUniform(seedRng(i + 1))[0]);
    expect(Math.abs(mean(firsts) - 0.5)).toBeLessThan(0.05);
  });
});
