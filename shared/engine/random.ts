import { xoroshiro128plus } from 'pure-rand';

/** The seeded generator's state, kept inside the game state so replay never depends on hidden globals. */
export type RngState = readonly number[];

/** Creates the generator state for a session seed (an integer chosen by the server when the exercise is created). */
export function seedRng(seed: number): RngState {
  return xoroshiro128plus(seed | 0).getState();
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
