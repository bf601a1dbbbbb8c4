import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../server/token-bucket.js';

describe('TokenBucket', () => {
  it('allows a burst, then refuses until time refills it at the stated rate', () => {
    const bucket = new TokenBucket(4, 10, 0);
    const taken = Array.from({ length: 12 }, () => bucket.take(0)).filter(Boolean).length;
    expect(taken).toBe(10);
    expect(bucket.take(100)).toBe(false); // 0.4 of a token
    expect(bucket.secondsUntilNext(100)).toBeCloseTo(0.15, 5);
    expect(bucket.take(250)).toBe(true); // one token after 250 ms at 4/s
    expect(bucket.take(250)).toBe(false);
  });

  it('never holds more than the burst, however long it waited', () => {
    const bucket = new TokenBucket(4, 3, 0);
    const taken = Array.from({ length: 10 }, () => bucket.take(3_600_000)).filter(Boolean).length;
    expect(taken).toBe(3);
  });

  it('sustains exactly the rate over a long run', () => {
    const bucket = new TokenBucket(8, 40, 0);
    let taken = 0;
    for (let ms = 0; ms <= 60_000; ms += 1) if (bucket.take(ms)) taken++;
    expect(taken).toBeGreaterThanOrEqual(40 + 8 * 60 - 1);
    expect(taken).toBeLessThanOrEqual(40 + 8 * 60 + 1);
  });
});
