// Several server processes sharing rooms through Redis (issue 16). Colyseus's RedisPresence
// carries the calls between processes (seat reservations, room creation, health checks) and
// RedisDriver lists every process's rooms, so `joinById` finds a room wherever it runs. On top
// of them, the short-lived locks and leases that keep an exercise in one room across processes.
import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import type { MatchMakerDriver, Presence } from '@colyseus/core';
import type { Config } from './config.js';
import type { Limits } from './limits.js';
import { RedisLimits, type LimitsConnection } from './limits-redis.js';
import type { Logger } from './log.js';

/**
 * Locks and leases in Redis. A lock is a key set only if absent, holding its owner's token,
 * with an expiry (its lease): whoever dies holding it lets it go when the lease runs out.
 */
export interface SharedLocks {
  /** Takes `key` for `owner` for `leaseMs` if nobody holds it; true if taken. */
  acquire(key: string, owner: string, leaseMs: number): Promise<boolean>;
  /** Gives `key` back, only if `owner` still holds it. */
  release(key: string, owner: string): Promise<void>;
  /** Pushes the expiry of `key` to `leaseMs` from now, whoever holds it; false when the key is gone. */
  extend(key: string, leaseMs: number): Promise<boolean>;
  /** Whether anybody holds `key`. */
  held(key: string): Promise<boolean>;
  /** Answers within `timeoutMs`: Redis is reachable. */
  ping(timeoutMs: number): Promise<boolean>;
}

// Deletes KEYS[1] only if it still holds ARGV[1] (the owner's token): a lock taken over after its lease ran out is not freed by its old owner.
const RELEASE_IF_OWNER = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** A connection of the presence's own making, which it closes. */
type OwnedConnection = LimitsConnection & { quit(): Promise<unknown>; disconnect(): void; on(event: 'error', listener: () => void): unknown };

/** Colyseus's RedisPresence, also serving as the shared locks (one connection for both) and telling the log when Redis goes away and comes back. */
export class DeflectRedisPresence extends RedisPresence implements SharedLocks {
  private limitsConnection: OwnedConnection | null = null;

  constructor(url: string, log: Logger) {
    super(url);
    let down = false;
    for (const [name, connection] of [
      ['publish', this.pub],
      ['subscribe', this.sub],
    ] as const) {
      connection.on('error', (err: Error) => {
        if (down) return;
        down = true;
        log.error({ err: err.message, connection: name }, 'Redis is unreachable; rooms of other processes cannot be found or joined until it is back');
      });
      connection.on('ready', () => {
        if (!down) return;
        down = false;
        log.info({ connection: name }, 'Redis is reachable again');
      });
    }
  }

  /** Closes both connections; one that never connected (Redis down) is dropped rather than left rejecting. */
  override shutdown(): void {
    for (const connection of [this.pub, this.sub, ...(this.limitsConnection ? [this.limitsConnection] : [])]) connection.quit().catch(() => connection.disconnect());
  }

  /**
   * A connection of its own for the shared per-address limits (server/limits-redis.ts), closed
   * with the presence: a limit's command never waits behind the presence's traffic, and it gives
   * up after one failed reconnection (the limits then answer from memory, and say so in the log).
   */
  connectionForLimits(): LimitsConnection {
    if (!this.limitsConnection) {
      // Made from a URL, the presence's connection is one ioredis client, not a Redis Cluster: duplicate() takes its options.
      const connection = (this.pub as unknown as { duplicate(options: { maxRetriesPerRequest: number }): OwnedConnection }).duplicate({ maxRetriesPerRequest: 1 });
      // The limits log their own outage; without a listener ioredis would print each failed reconnection.
      connection.on('error', () => undefined);
      this.limitsConnection = connection;
    }
    return this.limitsConnection;
  }

  async acquire(key: string, owner: string, leaseMs: number): Promise<boolean> {
    return (await this.pub.set(key, owner, 'PX', leaseMs, 'NX')) === 'OK';
  }

  async release(key: string, owner: string): Promise<void> {
    await this.pub.eval(RELEASE_IF_OWNER, 1, key, owner);
  }

  async extend(key: string, leaseMs: number): Promise<boolean> {
    return (await this.pub.pexpire(key, leaseMs)) === 1;
  }

  async held(key: string): Promise<boolean> {
    return (await this.pub.exists(key)) === 1;
  }

  async ping(timeoutMs: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const answer = this.pub.ping().then(
      (reply) => reply === 'PONG',
      () => false,
    );
    try {
      return await Promise.race([answer, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** How a process takes part in a cluster: Colyseus's presence and driver (Redis, or none for a process alone) and the address clients reach it at. */
export interface ClusterSetup {
  /** The shared locks, when several processes share rooms (REDIS_URL); null when this process is alone. */
  locks: SharedLocks | null;
  /** For `new Server({...})`: presence, driver and publicAddress (empty when alone: Colyseus's local ones). */
  serverOptions: { presence?: Presence; driver?: MatchMakerDriver; publicAddress?: string; logger?: ColyseusLogger };
  /** The per-address limits shared in Redis, when REDIS_URL is set; absent when alone (each process then counts in its memory). */
  limits?: Limits;
}

/** The cluster settings `REDIS_URL` and `PUBLIC_ADDRESS` select; without REDIS_URL the process is alone, as before. */
export function clusterSetup(config: Pick<Config, 'redisUrl' | 'publicAddress'>, log: Logger): ClusterSetup {
  const publicAddress = config.publicAddress !== undefined ? { publicAddress: config.publicAddress } : {};
  if (config.redisUrl === undefined) return { locks: null, serverOptions: publicAddress };
  if (config.publicAddress === undefined) {
    log.warn('REDIS_URL is set without PUBLIC_ADDRESS: clients of this process reach rooms of other processes only if their address leads to them; set PUBLIC_ADDRESS to where clients reach this process (see docs/cluster.md)');
  }
  const presence = new DeflectRedisPresence(config.redisUrl, log);
  const driver = new RedisDriver(config.redisUrl);
  // The driver's own connection (private in its types) would print every failed reconnection to stderr; the presence's listeners already tell the log.
  (driver as unknown as { _client: { on(event: 'error', listener: () => void): void } })._client.on('error', () => undefined);
  const limits = new RedisLimits(presence.connectionForLimits(), log);
  return { locks: presence, limits, serverOptions: { presence, driver, logger: colyseusLogger(log), ...publicAddress } };
}

/** What Colyseus logs through (its default is the console). */
export type ColyseusLogger = Record<'debug' | 'trace' | 'info' | 'warn' | 'error', (...args: unknown[]) => void>;

/**
 * Colyseus's messages in the server's log: with several processes it reports each health check
 * between them (debug) and each process it takes for dead (debug too: our own line says so).
 * One of its errors is not one for Deflect: when the process chosen to create a room does not
 * answer within 2 s (busy, under load), Colyseus creates the room on the asking process instead
 * and leaves the slow one out of the choice until it reports its load again. The room lock still
 * keeps one room per exercise, so nothing is lost: that line is a warning here.
 */
export function colyseusLogger(log: Logger): ColyseusLogger {
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  return {
    debug: (...args) => log.debug({ from: 'colyseus' }, text(args)),
    trace: (...args) => log.trace({ from: 'colyseus' }, text(args)),
    info: (...args) => log.info({ from: 'colyseus' }, text(args)),
    warn: (...args) => log.warn({ from: 'colyseus' }, text(args)),
    error: (...args) => {
      const message = text(args);
      if (CREATED_HERE_INSTEAD.test(message)) log.warn({ from: 'colyseus' }, `${message} (the room was created on this process instead)`);
      else log.error({ from: 'colyseus' }, message);
    },
  };
}

/** Colyseus's line when another process did not answer a request to create a room in time. */
const CREATED_HERE_INSTEAD = /^ipc_timeout: create room request timed out/;
