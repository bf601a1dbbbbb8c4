// The locks and leases several processes share in Redis (server/cluster.ts), against a real
// redis-server, and the configuration that turns them on.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { DeflectRedisPresence, clusterSetup } from '../../server/cluster.js';
import { redactedUrl } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { RoomKeeper, roomLockKey, roomStartKey } from '../../server/room-keeper.js';
import { freePort, startServerProcess, stopAllServerProcesses } from '../helpers/process.js';
import { redisUnavailable, startRedis, type RedisServer } from '../helpers/redis.js';

const unavailable = redisUnavailable();
const log = createLogger('silent');

describe('the cluster settings', () => {
  it('takes REDIS_URL only as a redis:// or rediss:// URL and PUBLIC_ADDRESS only as host[:port][/path], each refused with the form expected', () => {
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379', PUBLIC_ADDRESS: 'localhost:2568' })).toMatchObject({ redisUrl: 'redis://cache:6379', publicAddress: 'localhost:2568' });
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6380/1', PUBLIC_ADDRESS: 'play.example.org/p1' })).toMatchObject({ redisUrl: 'rediss://cache:6380/1', publicAddress: 'play.example.org/p1' });
    expect(loadConfig({})).not.toHaveProperty('redisUrl');
    expect(() => loadConfig({ REDIS_URL: 'cache:6379' })).toThrow(/REDIS_URL=.*expected a Redis URL such as redis:\/\/localhost:6379/);
    expect(() => loadConfig({ REDIS_URL: 'http://cache:6379' })).toThrow(/REDIS_URL=.*expected a Redis URL/);
    expect(() => loadConfig({ PUBLIC_ADDRESS: 'ws://localhost:2568' })).toThrow(/PUBLIC_ADDRESS=.*without a scheme/);
  });

  it('keeps a process alone (Colyseus’s local presence and driver) without REDIS_URL, and passes PUBLIC_ADDRESS on either way', () => {
    expect(clusterSetup({}, log)).toEqual({ locks: null, serverOptions: {} });
    expect(clusterSetup({ publicAddress: 'localhost:2568' }, log)).toEqual({ locks: null, serverOptions: { publicAddress: 'localhost:2568' } });
  });

  it('shows a Redis URL in the log without its password', () => {
    expect(redactedUrl('redis://:s3cret@cache:6379/0')).toBe('redis://:***@cache:6379/0');
    expect(redactedUrl('rediss://deflect:s3cret@cache:6380')).toBe('rediss://deflect:***@cache:6380');
    expect(redactedUrl('redis://cache:6379')).toBe('redis://cache:6379');
  });

  it('refuses to start, saying why, when REDIS_URL leads to no Redis', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deflect-no-redis-'));
    try {
      await expect(startServerProcess(await freePort(), dataDir, { env: { REDIS_URL: 'redis://127.0.0.1:1' } })).rejects.toThrow(
        /exited \(1\)[\s\S]*REDIS_URL=redis:\/\/127\.0\.0\.1:1\/?: Redis does not answer/,
      );
    } finally {
      await stopAllServerProcesses();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 40_000);
});

describe.skipIf(unavailable !== null)(`the shared locks in Redis${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let redis: RedisServer;
  let presence: DeflectRedisPresence;
  beforeAll(async () => {
    redis = await startRedis();
    presence = new DeflectRedisPresence(redis.url, log);
  });
  afterAll(async () => {
    presence?.shutdown();
    await redis?.stop();
  });

  it('gives a lock to one owner at a time, and only its owner frees it', async () => {
    expect(await presence.acquire('lock:a', 'one', 5_000)).toBe(true);
    expect(await presence.acquire('lock:a', 'two', 5_000)).toBe(false);
    await presence.release('lock:a', 'two');
    expect(await presence.held('lock:a'), 'a release by someone else leaves it held').toBe(true);
    await presence.release('lock:a', 'one');
    expect(await presence.held('lock:a')).toBe(false);
    expect(await presence.acquire('lock:a', 'two', 5_000)).toBe(true);
  });

  it('lets a lock go when its lease runs out, unless it was extended', async () => {
    expect(await presence.acquire('lock:b', 'one', 300)).toBe(true);
    expect(await presence.acquire('lock:c', 'one', 300)).toBe(true);
    await new Promise((r) => setTimeout(r, 150));
    expect(await presence.extend('lock:c', 2_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(await presence.held('lock:b'), 'not extended: gone').toBe(false);
    expect(await presence.held('lock:c'), 'extended: still held').toBe(true);
    expect(await presence.acquire('lock:b', 'two', 5_000)).toBe(true);
    expect(await presence.extend('lock:gone', 1_000), 'nothing to extend').toBe(false);
  });

  it('keeps a lease through the room’s own increment (ExerciseRoom.onCreate INCRs the key the keeper set)', async () => {
    expect(await presence.acquire('lock:d', '0', 5_000)).toBe(true);
    expect(await presence.incr('lock:d')).toBe(1);
    const pttl = Number((await redis.command('PTTL', 'lock:d'))?.slice(1));
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(5_000);
  });

  it('counts an exercise whose room runs in another process as active, so that retention leaves it alone', async () => {
    const keeper = new RoomKeeper({ locks: presence, log });
    expect(await keeper.isActive('elsewhere')).toBe(false);
    expect(await presence.acquire(roomLockKey('elsewhere'), '1', 5_000)).toBe(true);
    expect(await keeper.isActive('elsewhere'), 'a room holds its lock').toBe(true);
    expect(await presence.acquire(roomStartKey('starting'), 'another-process', 5_000)).toBe(true);
    expect(await keeper.isActive('starting'), 'another process is starting its room').toBe(true);
    expect(new RoomKeeper().isActive('elsewhere'), 'a process alone knows only its own rooms').toBe(false);
  });

  it('answers a ping while Redis runs, and says so within the time given when it does not', async () => {
    expect(await presence.ping(2_000)).toBe(true);
    const nowhere = new DeflectRedisPresence('redis://127.0.0.1:1', log);
    try {
      const started = Date.now();
      expect(await nowhere.ping(300)).toBe(false);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      nowhere.shutdown();
    }
  });
});
