// The per-address limits shared in Redis (server/limits-redis.ts) against a real redis-server:
// two RedisLimits on two connections stand for two processes. They count one budget, back off
// together, count as the in-memory limits do, keep Redis bounded with a TTL on every key, and
// answer from memory, still limiting, when Redis is gone.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DeflectRedisPresence } from '../../server/cluster.js';
import { memoryLimits, type BackoffRule, type Limits, type RateRule } from '../../server/limits.js';
import { RedisLimits, limitKey, type LimitsConnection } from '../../server/limits-redis.js';
import { createLogger, type Logger } from '../../server/log.js';
import { redisUnavailable, startRedis, type RedisServer } from '../helpers/redis.js';

const unavailable = redisUnavailable();
const silent = createLogger('silent');

/** A clock the test moves by hand. */
function manualClock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

/** A logger whose warnings and notices the test reads. */
function recordingLogger() {
  const warn = vi.fn();
  const info = vi.fn();
  return { log: { warn, info, debug: vi.fn(), error: vi.fn() } as unknown as Logger, warn, info };
}

const LOOKUPS: RateRule = { capacity: 3, refillPerSecond: 3 / 60 };
const MISSES: BackoffRule = { freeMisses: 5, firstWaitS: 1, maxWaitS: 3600, forgetAfterS: 3600 };

describe('the shared limits when Redis does not answer in time', () => {
  it('answer from this process’s memory after the timeout, still limiting, and say so once in the log', async () => {
    const never: LimitsConnection = { evalsha: () => new Promise(() => undefined), eval: () => new Promise(() => undefined) };
    const { log, warn } = recordingLogger();
    const limits = new RedisLimits(never, log, { timeoutMs: 50 });
    const limiter = limits.rateLimiter('join-lookup', { capacity: 2, refillPerSecond: 1 / 60 });
    const started = Date.now();
    const verdicts = [];
    for (let i = 0; i < 3; i++) verdicts.push(await limiter.take('203.0.113.7'));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(verdicts).toEqual([{ ok: true }, { ok: true }, { ok: false, retryAfterS: 60 }]);
    expect(limits.answeringFromMemory).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[1]).toMatch(/Redis does not answer the per-address limits/);
  });
});

describe.skipIf(unavailable !== null)(`the per-address limits shared in Redis${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let redis: RedisServer;
  const presences: DeflectRedisPresence[] = [];
  /** The limits of one more "process": its own presence, its own connection, the same Redis. */
  const process = (options: { now?: () => number; log?: Logger; server?: RedisServer } = {}): RedisLimits => {
    const presence = new DeflectRedisPresence((options.server ?? redis).url, silent);
    presences.push(presence);
    return new RedisLimits(presence.connectionForLimits(), options.log ?? silent, options.now ? { now: options.now } : {});
  };

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const presence of presences) presence.shutdown();
    await redis?.stop();
  });

  it('give two processes one budget per address: what one takes, the other cannot', async () => {
    const clock = manualClock();
    const [a, b] = [process({ now: clock.now }), process({ now: clock.now })].map((l) => l.rateLimiter('join-lookup', LOOKUPS));
    expect([await a!.take('198.51.100.1'), await b!.take('198.51.100.1'), await a!.take('198.51.100.1')].map((v) => v.ok)).toEqual([true, true, true]);
    expect(await b!.take('198.51.100.1')).toEqual({ ok: false, retryAfterS: 20 });
    expect(await a!.take('198.51.100.1')).toEqual({ ok: false, retryAfterS: 20 });
    expect((await b!.take('198.51.100.2')).ok).toBe(true);
    clock.advance(20_000);
    expect((await b!.take('198.51.100.1')).ok).toBe(true);
    expect((await a!.take('198.51.100.1')).ok).toBe(false);
  });

  it('keep the budgets of different limits apart for one address', async () => {
    const clock = manualClock();
    const limits = process({ now: clock.now });
    const lookups = limits.rateLimiter('join-lookup', { capacity: 1, refillPerSecond: 1 / 60 });
    const keys = limits.rateLimiter('key-lookup', { capacity: 1, refillPerSecond: 1 / 60 });
    expect((await lookups.take('192.0.2.50')).ok).toBe(true);
    expect((await lookups.take('192.0.2.50')).ok).toBe(false);
    expect((await keys.take('192.0.2.50')).ok).toBe(true);
  });

  it('count exactly as the in-memory limits do, step by step', async () => {
    const clock = manualClock();
    const shared: Limits = process({ now: clock.now });
    const local = memoryLimits({ now: clock.now });
    const rule: RateRule = { capacity: 4, refillPerSecond: 0.7 };
    const [s, l] = [shared.rateLimiter('create', rule), local.rateLimiter('create', rule)];
    const [sb, lb] = [shared.backoff('key-miss', MISSES), local.backoff('key-miss', MISSES)];
    // A fixed walk of steps and pauses: bursts, refills to the brim, partial tokens, long quiet.
    const pausesMs = [0, 0, 0, 0, 0, 300, 700, 1_429, 0, 5_000, 10, 10, 2_000, 3_600_000, 0, 0, 1, 999, 1_001];
    for (const pause of pausesMs) {
      clock.advance(pause);
      expect(await s.take('2001:db8:1:2::/64')).toEqual(await l.take('2001:db8:1:2::/64'));
      expect(await sb.check('2001:db8:1:2::/64')).toEqual(await lb.check('2001:db8:1:2::/64'));
      expect(await sb.miss('2001:db8:1:2::/64')).toBe(await lb.miss('2001:db8:1:2::/64'));
    }
  });

  it('back off wrong guesses made through either process as one count', async () => {
    const clock = manualClock();
    const [a, b] = [process({ now: clock.now }), process({ now: clock.now })].map((l) => l.backoff('join-miss', MISSES));
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const through = i % 2 === 0 ? a! : b!;
      const verdict = await through.check('203.0.113.9');
      if (!verdict.ok) clock.advance(verdict.retryAfterS * 1000);
      expect((await through.check('203.0.113.9')).ok).toBe(true);
      waits.push(await through.miss('203.0.113.9'));
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4]);
    // The eighth miss went through b: a refuses too, for the same time.
    expect(await a!.check('203.0.113.9')).toEqual({ ok: false, retryAfterS: 4 });
    expect((await a!.check('203.0.113.10')).ok).toBe(true);
  });

  it('keep every key under deflect:limit:<name>:<address> with a TTL of no more than it is needed', async () => {
    const clock = manualClock();
    const limits = process({ now: clock.now });
    await limits.rateLimiter('matchmake', { capacity: 30, refillPerSecond: 0.5 }).take('192.0.2.77');
    for (let i = 0; i < 7; i++) await limits.backoff('upload-admin-miss', MISSES).miss('192.0.2.77');
    const bucketTtlMs = Number((await redis.command('PTTL', limitKey('matchmake', '192.0.2.77')))?.slice(1));
    // One token short of full: full again in 2 s, when an absent key means the same.
    expect(limitKey('matchmake', '192.0.2.77')).toBe('deflect:limit:matchmake:192.0.2.77');
    expect(bucketTtlMs).toBeGreaterThan(1_500);
    expect(bucketTtlMs).toBeLessThanOrEqual(2_000);
    // Blocked for 2 s after the seventh miss, forgotten an hour after that.
    const missTtlMs = Number((await redis.command('PTTL', limitKey('upload-admin-miss', '192.0.2.77')))?.slice(1));
    expect(missTtlMs).toBeGreaterThan(3_601_000);
    expect(missTtlMs).toBeLessThanOrEqual(3_602_000);
    expect(await redis.command('EXISTS', 'deflect:limit:upload-admin-miss:192.0.2.78')).toBe(':0');
  });

  it('take time from Redis’s clock when none is injected: a token comes back after its time', async () => {
    const limiter = process().rateLimiter('join-lookup', { capacity: 1, refillPerSecond: 20 });
    expect((await limiter.take('198.51.100.200')).ok).toBe(true);
    expect(await limiter.take('198.51.100.200')).toEqual({ ok: false, retryAfterS: 1 });
    // Stamped with Redis's time (this machine's clock too, as Redis runs here), not a test clock's.
    expect(Math.abs(Number(await redis.command('HGET', limitKey('join-lookup', '198.51.100.200'), 'at')) - Date.now())).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, 120));
    expect((await limiter.take('198.51.100.200')).ok).toBe(true);
  });

  it('keep working when Redis forgets its scripts (a restart): they are sent again', async () => {
    const limiter = process().rateLimiter('key-lookup', { capacity: 5, refillPerSecond: 1 });
    expect((await limiter.take('198.51.100.201')).ok).toBe(true);
    expect(await redis.command('SCRIPT', 'FLUSH')).toBe('+OK');
    expect((await limiter.take('198.51.100.201')).ok).toBe(true);
    expect(await redis.command('HGET', limitKey('key-lookup', '198.51.100.201'), 'tokens')).toMatch(/^3(\.|$)/);
  });

  it('when Redis is gone, answer from memory: rates still limited per process, and the misses this process saw still make it wait', async () => {
    const own = await startRedis();
    try {
      const clock = manualClock();
      const { log, warn, info } = recordingLogger();
      const limits = process({ now: clock.now, log, server: own });
      const limiter = limits.rateLimiter('create', { capacity: 2, refillPerSecond: 1 / 3600 });
      const backoff = limits.backoff('join-miss', { freeMisses: 2, firstWaitS: 60, maxWaitS: 300, forgetAfterS: 3600 });
      expect((await limiter.take('203.0.113.50')).ok).toBe(true);
      for (let i = 0; i < 3; i++) await backoff.miss('203.0.113.50');
      expect(limits.answeringFromMemory).toBe(false);

      await own.stop();
      const started = Date.now();
      // Blocked in Redis by the third miss, and in this process's own count of it.
      expect(await backoff.check('203.0.113.50')).toEqual({ ok: false, retryAfterS: 60 });
      expect(limits.answeringFromMemory).toBe(true);
      // The rate falls back to this process's own budget: limited, not open.
      expect([await limiter.take('203.0.113.51'), await limiter.take('203.0.113.51'), await limiter.take('203.0.113.51')].map((v) => v.ok)).toEqual([true, true, false]);
      // A miss while Redis is gone is counted in memory: the wait doubles.
      clock.advance(60_000);
      expect(await backoff.miss('203.0.113.50')).toBe(120);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(info).not.toHaveBeenCalled();
    } finally {
      await own.stop();
    }
  });
});
