// The per-address limits shared by every process on one Redis (issue 16): behind N processes an
// address gets one budget of requests and one count of wrong guesses, not N. Each limit is a
// Lua script, so a read-modify-write of an address's entry is atomic across processes; every
// key expires once it says no more than an absent key would (a full bucket, forgotten misses),
// so Redis's memory stays bounded by the addresses active lately.
//
// Time comes from Redis's own TIME, not from each process's clock: one clock for all processes,
// so a process whose clock runs ahead or behind can neither refill a bucket early nor cut a wait
// short. Tests may inject a clock instead, to drive time without sleeping.
//
// When Redis fails or is slow, each limit answers from this process's memory instead, counting as
// a process alone did before (so N processes give N budgets until Redis is back, never unlimited);
// wrong guesses are always counted in memory too, so losing Redis never resets an address's
// back-off in a process that saw its misses.
import { createHash } from 'node:crypto';
import { memoryLimits, type AddressBackoff, type AddressRateLimiter, type BackoffRule, type Clock, type LimitName, type Limits, type RateRule, type Verdict } from './limits.js';
import type { Logger } from './log.js';

/** The prefix of every limit key in Redis: `deflect:limit:<name>:<address>`. */
export const LIMIT_KEY_PREFIX = 'deflect:limit:';

/** How long a limit waits for Redis before it answers from memory. */
export const DEFAULT_LIMIT_TIMEOUT_MS = 500;

/** The Redis key of one address's entry in the limit `name`. */
export function limitKey(name: LimitName, address: string): string {
  return `${LIMIT_KEY_PREFIX}${name}:${address}`;
}

/** The commands the limits use, as an ioredis connection has them. */
export interface LimitsConnection {
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
}

// ARGV[n] < 0 means "now from Redis": milliseconds from TIME (Redis 5+ replicates a script's
// effects, so a write may follow TIME). Numbers are stored with 17 digits: Lua's own tostring
// keeps 14, and a fraction of a token would drift.
const NOW = (argIndex: number) => `
local now = tonumber(ARGV[${argIndex}])
if now < 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end`;

// KEYS[1]: the bucket; ARGV: capacity, refill per second, now (ms). Returns 0 when a token was
// taken, else the whole seconds until the next one. The same arithmetic as TokenBucket. The key
// expires when the bucket would be full again, which is what an absent key means.
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local perSecond = tonumber(ARGV[2])
${NOW(3)}
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) / 1000 * perSecond)
local waitS = 0
if tokens >= 1 then tokens = tokens - 1 else waitS = math.max(1, math.ceil((1 - tokens) / perSecond)) end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', now))
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil((capacity - tokens) / perSecond * 1000)))
return waitS`;

// KEYS[1]: the back-off entry; ARGV: now (ms). Returns 0 when the address may ask, else the
// whole seconds it still has to wait.
const CHECK_SCRIPT = `
${NOW(1)}
local blockedUntil = tonumber(redis.call('HGET', KEYS[1], 'until'))
if not blockedUntil or now >= blockedUntil then return 0 end
return math.max(1, math.ceil((blockedUntil - now) / 1000))`;

// KEYS[1]: the back-off entry; ARGV: free misses, first wait (s), longest wait (s), forget
// after (s), now (ms). Records a miss and returns the wait it imposes (s, as text: it may have a
// fraction). The same arithmetic as MissBackoff; the key expires when its misses would be
// forgotten, which is what an absent key means.
const MISS_SCRIPT = `
local freeMisses = tonumber(ARGV[1])
local firstWaitS = tonumber(ARGV[2])
local maxWaitS = tonumber(ARGV[3])
local forgetAfterMs = tonumber(ARGV[4]) * 1000
${NOW(5)}
local state = redis.call('HMGET', KEYS[1], 'misses', 'until')
local misses = 1
if state[1] and now - tonumber(state[2]) < forgetAfterMs then misses = tonumber(state[1]) + 1 end
local beyond = misses - freeMisses
local waitS = 0
if beyond > 0 then waitS = math.min(maxWaitS, firstWaitS * 2 ^ math.min(beyond - 1, 30)) end
local blockedUntil = now + waitS * 1000
redis.call('HSET', KEYS[1], 'misses', misses, 'until', string.format('%.17g', blockedUntil))
redis.call('PEXPIRE', KEYS[1], math.max(1, math.ceil(blockedUntil + forgetAfterMs - now)))
return string.format('%.17g', waitS)`;

/** A Lua script run by its SHA-1, sent whole only when Redis does not know it yet (after a restart). */
class Script {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: LimitsConnection, key: string, args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, 1, key, ...args);
    } catch (e) {
      if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
      return await redis.eval(this.source, 1, key, ...args);
    }
  }
}

const TAKE = new Script(TAKE_SCRIPT);
const CHECK = new Script(CHECK_SCRIPT);
const MISS = new Script(MISS_SCRIPT);

export interface RedisLimitsOptions {
  /** Time for the scripts; Redis's TIME when absent (see the top of this file). */
  now?: Clock;
  /** How long to wait for Redis before answering from memory. */
  timeoutMs?: number;
  /** The most addresses each in-memory stand-in remembers. */
  maxAddresses?: number;
}

/** The seconds a script answered (an integer reply, or text for a wait with a fraction). */
function secondsOf(reply: unknown): number {
  const seconds = Number(reply);
  if (!Number.isFinite(seconds)) throw new Error(`a limit script answered ${String(reply)}`);
  return seconds;
}

/** A verdict from the seconds a script says to wait (0: allowed). */
function verdictOf(reply: unknown): Verdict {
  const seconds = secondsOf(reply);
  return seconds === 0 ? { ok: true } : { ok: false, retryAfterS: seconds };
}

/**
 * The limits in Redis, shared by every process on it, each with this process's memory as its
 * stand-in while Redis does not answer (logged once when it goes, once when it is back).
 */
export class RedisLimits implements Limits {
  readonly kind = 'redis';
  private readonly fallback: Limits;
  private readonly timeoutMs: number;
  private degraded = false;

  constructor(
    private readonly redis: LimitsConnection,
    private readonly log: Logger,
    private readonly options: RedisLimitsOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_LIMIT_TIMEOUT_MS;
    this.fallback = memoryLimits({ ...(options.now ? { now: options.now } : {}), ...(options.maxAddresses !== undefined ? { maxAddresses: options.maxAddresses } : {}) });
  }

  /** Whether the limits are answering from memory now because Redis did not answer the last time. */
  get answeringFromMemory(): boolean {
    return this.degraded;
  }

  rateLimiter(name: LimitName, rule: RateRule): AddressRateLimiter {
    const local = this.fallback.rateLimiter(name, rule);
    return {
      // Fails open to this process's own budget: a rate limit is about load, and each process still bounds its own.
      take: (address) => this.shared(name, () => TAKE.run(this.redis, limitKey(name, address), [rule.capacity, rule.refillPerSecond, this.now()]).then(verdictOf), () => local.take(address)),
    };
  }

  backoff(name: LimitName, rule: BackoffRule): AddressBackoff {
    const local = this.fallback.backoff(name, rule);
    const ruleArgs = [rule.freeMisses, rule.firstWaitS, rule.maxWaitS, rule.forgetAfterS];
    return {
      check: (address) => this.shared(name, () => CHECK.run(this.redis, limitKey(name, address), [this.now()]).then(verdictOf), () => local.check(address)),
      miss: async (address) => {
        // Counted here as well, so that losing Redis leaves this process's own count of the guesses it saw: guessing never becomes free.
        const localWaitS = await local.miss(address);
        return this.shared(name, () => MISS.run(this.redis, limitKey(name, address), [...ruleArgs, this.now()]).then(secondsOf), async () => localWaitS);
      },
    };
  }

  /** The time passed to the scripts: the injected clock's, or -1 for Redis's TIME. */
  private now(): number {
    return this.options.now ? this.options.now() : -1;
  }

  /** Redis's answer, or the stand-in's when Redis fails or takes longer than the timeout. */
  private async shared<T>(name: LimitName, fromRedis: () => Promise<T>, fromMemory: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      const answer = await Promise.race([fromRedis(), late]);
      if (this.degraded) {
        this.degraded = false;
        this.log.info({ limit: name }, 'Redis answers the per-address limits again; they are shared by the processes once more');
      }
      return answer;
    } catch (err) {
      if (!this.degraded) {
        this.degraded = true;
        this.log.warn({ limit: name, err: err instanceof Error ? err.message : String(err) }, 'Redis does not answer the per-address limits; each process counts them on its own until it is back');
      }
      return fromMemory();
    } finally {
      clearTimeout(timer);
    }
  }
}
