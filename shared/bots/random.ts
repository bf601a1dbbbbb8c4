// A tiny seeded generator for the bots, so that a rehearsal with the same names and the
// same exercise seed makes the same moves. (The game's own draws come from the engine's
// generator in the game state; this one only chooses what a bot says and spends.)

/** FNV-1a hash of a text: a 32-bit seed that is never 0 (xorshift stays at 0 forever). */
export function seedFromText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h === 0 ? 0x9e3779b9 : h;
}

/** Marsaglia's xorshift32 (2003): uniform draws in [0, 1) from a 32-bit state. */
export class Xorshift32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** The next uniform draw in [0, 1). */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    this.state = x;
    return x / 0x1_0000_0000;
  }

  /** A uniform draw in [min, max). */
  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}
