// The limits of a process alone (memoryLimits in server/limits.ts): the async face of RateLimiter
// and MissBackoff that the routes use when REDIS_URL is unset.
import { describe, expect, it } from 'vitest';
import { MissBackoff, RateLimiter, memoryLimits } from '../../server/limits.js';

/** A clock the test moves by hand. */
function manualClock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('the limits of one process, in its memory', () => {
  it('answer as RateLimiter and MissBackoff do, step by step', async () => {
    const clock = manualClock();
    const limits = memoryLimits({ now: clock.now });
    const rate = { capacity: 3, refillPerSecond: 3 / 60 };
    const wait = { freeMisses: 2, firstWaitS: 1, maxWaitS: 300, forgetAfterS: 3600 };
    const [limiter, backoff] = [limits.rateLimiter('join-lookup', rate), limits.backoff('join-miss', wait)];
    const [plainLimiter, plainBackoff] = [new RateLimiter({ ...rate, now: clock.now }), new MissBackoff({ ...wait, now: clock.now })];
    for (const pause of [0, 0, 0, 0, 5_000, 20_000, 0, 90_000, 3_600_000]) {
      clock.advance(pause);
      expect(await limiter.take('a')).toEqual(plainLimiter.take('a'));
      expect(await backoff.check('a')).toEqual(plainBackoff.check('a'));
      expect(await backoff.miss('a')).toBe(plainBackoff.miss('a'));
    }
  });

  it('give one budget to a name asked for twice, and separate budgets to different names', async () => {
    const limits = memoryLimits();
    const rule = { capacity: 1, refillPerSecond: 1 / 3600 };
    expect((await limits.rateLimiter('create', rule).take('a')).ok).toBe(true);
    expect((await limits.rateLimiter('create', rule).take('a')).ok).toBe(false);
    expect((await limits.rateLimiter('matchmake', rule).take('a')).ok).toBe(true);
    // Another process alone (another memoryLimits) counts on its own.
    expect((await memoryLimits().rateLimiter('create', rule).take('a')).ok).toBe(true);
  });

  it('keep at most maxAddresses entries per limit', async () => {
    const limiter = memoryLimits({ maxAddresses: 10 }).rateLimiter('matchmake', { capacity: 1, refillPerSecond: 0.001 });
    for (let i = 0; i < 100; i++) await limiter.take(`10.0.0.${i}`);
    expect((await limiter.take('10.0.0.99')).ok).toBe(false);
    expect((await limiter.take('10.0.0.0')).ok).toBe(true);
  });
});
