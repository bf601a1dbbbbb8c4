// Per-address limits for the HTTP side: who is asking (clientAddress), how often they may ask
// (RateLimiter, a token bucket per address) and how long they wait after failed guesses
// (MissBackoff). Both keep at most `maxAddresses` entries, so a flood from many addresses
// costs bounded memory: the entry used longest ago is forgotten first. `Limits` makes them by
// name, here in the process's memory (memoryLimits) or in Redis shared by every process
// (server/limits-redis.ts), behind one async interface.
import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import { TokenBucket } from './token-bucket.js';

/** Milliseconds since the epoch; injected so tests drive time instead of sleeping. */
export type Clock = () => number;

/** Entries a limiter keeps at most (about 100 bytes each). */
export const DEFAULT_MAX_ADDRESSES = 50_000;

/**
 * The key per-address limits count a request under: the socket's peer, or with `trustProxy` the
 * address the proxy in front appended last to X-Forwarded-For (earlier entries are whatever the
 * client claimed). IPv6 addresses count per /64, the block one subscriber usually holds.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  let address = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const list = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((a) => a.trim()).filter(Boolean);
    const last = list.at(-1);
    if (last) address = last;
  }
  return addressKey(address);
}

/** An address as a limit key: IPv4-mapped IPv6 as plain IPv4, other IPv6 as its /64 prefix. */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Moves `key` to the newest end of the map and drops the oldest entries beyond `max`. */
function touch<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
}

export interface RateLimit {
  /** Requests an address may make at once. */
  capacity: number;
  /** Requests per second an address regains, up to `capacity`. */
  refillPerSecond: number;
  maxAddresses?: number;
  now?: Clock;
}

/** A request allowed, or refused with the whole seconds to wait before the next one would be allowed. */
export type Verdict = { ok: true } | { ok: false; retryAfterS: number };

/** A token bucket per address: `capacity` requests at once, then `refillPerSecond`. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly maxAddresses: number;
  private readonly now: Clock;

  constructor(private readonly limit: RateLimit) {
    this.maxAddresses = limit.maxAddresses ?? DEFAULT_MAX_ADDRESSES;
    this.now = limit.now ?? Date.now;
  }

  /** Takes one request from the address's budget, or says how long it must wait. */
  take(address: string): Verdict {
    const now = this.now();
    const bucket = this.buckets.get(address) ?? new TokenBucket(this.limit.refillPerSecond, this.limit.capacity, now);
    touch(this.buckets, address, bucket, this.maxAddresses);
    if (bucket.take(now)) return { ok: true };
    return { ok: false, retryAfterS: Math.max(1, Math.ceil(bucket.secondsUntilNext(now))) };
  }

  /** Addresses remembered now (never more than `maxAddresses`). */
  get size(): number {
    return this.buckets.size;
  }
}

export interface Backoff {
  /** Misses an address may make before it has to wait. */
  freeMisses: number;
  /** The wait after the first miss beyond the free ones; each further miss doubles it. */
  firstWaitS: number;
  maxWaitS: number;
  /** Misses are forgotten after this long without one, counted from the end of the last wait. */
  forgetAfterS: number;
  maxAddresses?: number;
  now?: Clock;
}

/**
 * Exponential back-off after failed guesses: the first `freeMisses` misses cost nothing, each
 * further one makes the address wait `firstWaitS`, then twice as long, and so on (at most
 * `maxWaitS`), during which every request from it is refused.
 */
export class MissBackoff {
  private readonly entries = new Map<string, { misses: number; blockedUntil: number }>();
  private readonly maxAddresses: number;
  private readonly now: Clock;

  constructor(private readonly backoff: Backoff) {
    this.maxAddresses = backoff.maxAddresses ?? DEFAULT_MAX_ADDRESSES;
    this.now = backoff.now ?? Date.now;
  }

  /** Whether the address may ask now, or how long it still has to wait. */
  check(address: string): Verdict {
    const entry = this.entries.get(address);
    const now = this.now();
    if (!entry || now >= entry.blockedUntil) return { ok: true };
    return { ok: false, retryAfterS: Math.max(1, Math.ceil((entry.blockedUntil - now) / 1000)) };
  }

  /** Records a failed guess; returns the wait it imposes in seconds (0 while misses are free). */
  miss(address: string): number {
    const now = this.now();
    const previous = this.entries.get(address);
    // Quiet time counts from the end of the last wait: sitting out a long wait is not forgetting.
    const misses = previous && now - previous.blockedUntil < this.backoff.forgetAfterS * 1000 ? previous.misses + 1 : 1;
    const beyond = misses - this.backoff.freeMisses;
    const waitS = beyond > 0 ? Math.min(this.backoff.maxWaitS, this.backoff.firstWaitS * 2 ** Math.min(beyond - 1, 30)) : 0;
    touch(this.entries, address, { misses, blockedUntil: now + waitS * 1000 }, this.maxAddresses);
    return waitS;
  }

  /** Addresses remembered now (never more than `maxAddresses`). */
  get size(): number {
    return this.entries.size;
  }
}

/** A token-bucket rate limit per address, wherever its counts live: this process's memory or Redis shared by every process. */
export interface AddressRateLimiter {
  /** Takes one request from the address's budget, or says how long it must wait. */
  take(address: string): Promise<Verdict>;
}

/** Back-off after failed guesses per address, wherever its counts live. */
export interface AddressBackoff {
  /** Whether the address may ask now, or how long it still has to wait. */
  check(address: string): Promise<Verdict>;
  /** Records a failed guess; resolves with the wait it imposes in seconds (0 while misses are free). */
  miss(address: string): Promise<number>;
}

/**
 * The budgets the server keeps, one name each: budgets of different names never mix, and with
 * Redis the processes sharing it count a name's budget together.
 */
export type LimitName = 'matchmake' | 'join-lookup' | 'join-miss' | 'key-lookup' | 'key-miss' | 'create' | 'upload-admin-miss' | 'ops-admin-miss';

/** What a rate limit allows, wherever it is counted. */
export type RateRule = Pick<RateLimit, 'capacity' | 'refillPerSecond'>;
/** How a back-off waits, wherever it is counted. */
export type BackoffRule = Pick<Backoff, 'freeMisses' | 'firstWaitS' | 'maxWaitS' | 'forgetAfterS'>;

/** Makes the server's per-address limits by name; asking twice for one name gives the same budget. */
export interface Limits {
  /** Where the counts live: this process's memory, or Redis shared by the processes. */
  readonly kind: 'memory' | 'redis';
  rateLimiter(name: LimitName, rule: RateRule): AddressRateLimiter;
  backoff(name: LimitName, rule: BackoffRule): AddressBackoff;
}

/** The limits of one process alone, in its memory (RateLimiter and MissBackoff, at most `maxAddresses` entries each). */
export function memoryLimits(options: { now?: Clock; maxAddresses?: number } = {}): Limits {
  const made = new Map<LimitName, AddressRateLimiter | AddressBackoff>();
  const once = <T extends AddressRateLimiter | AddressBackoff>(name: LimitName, make: () => T): T => {
    const limit = (made.get(name) as T | undefined) ?? make();
    made.set(name, limit);
    return limit;
  };
  const extra = { ...(options.now ? { now: options.now } : {}), ...(options.maxAddresses !== undefined ? { maxAddresses: options.maxAddresses } : {}) };
  return {
    kind: 'memory',
    rateLimiter: (name, rule) =>
      once<AddressRateLimiter>(name, () => {
        const limiter = new RateLimiter({ ...rule, ...extra });
        return { take: async (address) => limiter.take(address) };
      }),
    backoff: (name, rule) =>
      once<AddressBackoff>(name, () => {
        const backoff = new MissBackoff({ ...rule, ...extra });
        return { check: async (address) => backoff.check(address), miss: async (address) => backoff.miss(address) };
      }),
  };
}
