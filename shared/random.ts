// The seeded generator every random outcome is drawn from: the engine's rolls and the Monte
// Carlo resolver in physics/ alike. It sits at the root of shared/, below both, because
// physics must not import the engine.
import { xoroshiro128plus } from 'pure-rand';

/** The seeded generator's state, kept inside the game state so replay never depends on hidden globals. */
export type RngState = readonly number[];

/** One step of splitmix32: spreads the bits of a small seed over a whole 32-bit word. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/**
 * Creates the generator state for a session seed (an integer chosen by the server when
 * the exercise is created). The seed is mixed into all four state words: seeding
 * xoroshiro128+ with a small integer directly leaves its first outputs badly skewed.
 */
export function seedRng(seed: number): RngState {
  const words: number[] = [];
  let x = seed | 0;
  for (let i = 0; i < 4; i++) {
    x = splitmix32(x + i);
    words.push(x);
  }
  if (!words.some((w) => w !== 0)) words[0] = 1; // the all-zero state is a fixed point
  return xoroshiro128plus.fromState(words).getState();
}

/** Draws a uniform number in [0, 1) with 53 bits of precision and returns it with the advanced state. */
export function nextUniform(state: RngState): [number, RngState] {
  const rng = xoroshiro128plus.fromState(state);
  const [hi, rng1] = rng.next();
  const [lo, rng2] = rng1.next();
  const value = ((hi >>> 5) * 67108864 + (lo >>> 6)) / 9007199254740992;
  return [value, rng2.getState()];
}

/** Draws a standard normal deviate (Box–Muller) and returns it with the advanced state. */
export function nextStandardNormal(state: RngState): [number, RngState] {
  const [u1, s1] = nextUniform(state);
  const [u2, s2] = nextUniform(s1);
  const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  return [z, s2];
}
