// Two real server processes on one Redis (as `npm start` runs them with REDIS_URL) count an
// address's requests and wrong guesses together: join-code guesses, exercise creation, matchmaker
// calls and wrong admin keys made alternately through A and B meet one limit, not two. They
// share PostgreSQL too, as a cluster does: an exercise created through A may get its room in B.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpError } from '../../shared/protocol.js';
import { limitKey } from '../../server/limits-redis.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../helpers/postgres.js';
import { HOST, freePort, startServerProcess, stopAllServerProcesses, type ServerProcess } from '../helpers/process.js';
import { redisUnavailable, startRedis, type RedisServer } from '../helpers/redis.js';

const unavailable = redisUnavailable() ?? postgresUnavailable();
const ADMIN_KEY = 'limits-cluster-admin-key-0123456789';

let redis: RedisServer | undefined;
let postgres: PostgresCluster | undefined;
let a: ServerProcess;
let b: ServerProcess;
const dataDirs: string[] = [];

beforeAll(async () => {
  if (unavailable) return;
  redis = await startRedis();
  postgres = await startPostgres({ synchronous_commit: 'off', fsync: 'off' });
  const databaseUrl = await postgres.createDatabase('limits');
  const started: ServerProcess[] = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'deflect-limits-cluster-'));
    dataDirs.push(dataDir);
    started.push(
      await startServerProcess(port, dataDir, {
        env: {
          REDIS_URL: redis.url,
          DATABASE_URL: databaseUrl,
          PUBLIC_ADDRESS: `${HOST}:${port}`,
          // Each test speaks from its own address, as a proxy in front would say.
          TRUST_PROXY: '1',
          JOIN_FREE_MISSES: '4',
          CREATE_PER_HOUR: '2',
          MATCHMAKE_PER_MINUTE: '2',
          ADMIN_KEY,
        },
      }),
    );
  }
  [a, b] = started as [ServerProcess, ServerProcess];
}, 60_000);

afterAll(async () => {
  await stopAllServerProcesses();
  await redis?.stop();
  await postgres?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** A request through `server` as if from `address`; its status, Retry-After and error. */
async function ask(server: ServerProcess, path: string, address: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'x-forwarded-for': address, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text, error: (text.startsWith('{') ? (JSON.parse(text) as Partial<HttpError>).error : undefined) ?? null };
}

describe.skipIf(unavailable !== null)(`per-address limits shared by two processes on one Redis${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('counts wrong join codes guessed through A and B against one back-off', async () => {
    const address = '198.51.100.10';
    // Four free misses in all, alternately; the fifth (through A) makes the address wait 1 s.
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await ask(i % 2 === 0 ? a : b, '/api/join/ZZZZZZ', address)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404]);
    // Through B, which saw only two of the five: alone, it would let this one through.
    const refused = await ask(b, '/api/join/ZZZZZZ', address);
    expect(refused).toMatchObject({ status: 429, retryAfter: '1' });
    expect(refused.error).toMatchObject({ code: 'rate/limited', message: 'Too many wrong join codes from your address; try again in 1 s.' });
    expect(await redis!.command('HGET', limitKey('join-miss', address), 'misses')).toBe('5');
    // Another address has its own count.
    expect((await ask(b, '/api/join/ZZZZZZ', '198.51.100.11')).status).toBe(404);
  });

  it('lets an address create as many exercises through both processes as through one', async () => {
    const address = '198.51.100.20';
    const body = JSON.stringify({ scenarioId: '2031-kx', seed: 7 });
    expect((await ask(a, '/api/exercises', address, { method: 'POST', body })).status).toBe(201);
    expect((await ask(b, '/api/exercises', address, { method: 'POST', body })).status).toBe(201);
    const refused = await ask(a, '/api/exercises', address, { method: 'POST', body });
    expect(refused).toMatchObject({ status: 429, retryAfter: '1800' });
    expect(refused.error?.message).toBe('Your address has created 2 exercises in the last hour, the most it may; try again in 1800 s.');
  });

  it('gives the matchmaker one budget per address across the processes', async () => {
    const address = '198.51.100.30';
    const joinById = (server: ServerProcess) => ask(server, '/matchmake/joinById/nosuchroom', address, { method: 'POST', body: '{}' });
    expect((await joinById(a)).status).not.toBe(429);
    expect((await joinById(b)).status).not.toBe(429);
    const refused = await joinById(a);
    expect(refused).toMatchObject({ status: 429, retryAfter: '30' });
    expect(JSON.parse(refused.text)).toEqual({ code: 'rate/limited', error: 'Too many attempts to join from your address; try again in 30 s.' });
  });

  it('counts wrong admin keys on /metrics through A and B against one back-off', async () => {
    const address = '198.51.100.40';
    const metrics = (server: ServerProcess, key: string) => ask(server, '/metrics', address, { headers: { authorization: `Bearer ${key}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await metrics(i % 2 === 0 ? a : b, `wrong-${i}`)).status);
    expect(statuses).toEqual([403, 403, 403, 403, 403]);
    expect(await metrics(b, ADMIN_KEY)).toMatchObject({ status: 429, retryAfter: '1' });
    expect(await redis!.command('EXISTS', limitKey('ops-admin-miss', address))).toBe(':1');
  });
});
