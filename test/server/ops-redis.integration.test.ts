// Readiness with REDIS_URL: a server process is ready while Redis answers PING, and says which
// check failed (and after how long) once Redis is gone, while it stays alive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HOST, freePort, startServerProcess, stopAllServerProcesses } from '../helpers/process.js';
import { redisUnavailable, startRedis } from '../helpers/redis.js';

const unavailable = redisUnavailable();
const dirs: string[] = [];
afterAll(async () => {
  await stopAllServerProcesses();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Readiness {
  status: string;
  message?: string;
  checks: { name: string; ok: boolean; ms: number; error?: string }[];
}

describe.skipIf(unavailable !== null)(`readiness with Redis${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('checks Redis beside the store: ready while it answers PING, 503 naming it once it is gone', async () => {
    const redis = await startRedis();
    const dataDir = mkdtempSync(join(tmpdir(), 'deflect-ops-redis-'));
    dirs.push(dataDir);
    const port = await freePort();
    const server = await startServerProcess(port, dataDir, { env: { REDIS_URL: redis.url, PUBLIC_ADDRESS: `${HOST}:${port}` } });

    const ready = await fetch(`${server.url}/api/ready`);
    const body = (await ready.json()) as Readiness;
    expect(ready.status, JSON.stringify(body)).toBe(200);
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
      ['store', true],
      ['redis', true],
    ]);

    await redis.stop();
    const unready = await fetch(`${server.url}/api/ready`);
    expect(unready.status).toBe(503);
    const failed = (await unready.json()) as Readiness;
    expect(failed.status).toBe('unready');
    expect(failed.checks.find((c) => c.name === 'redis')).toMatchObject({ ok: false, error: expect.any(String) });
    expect(failed.checks.find((c) => c.name === 'store')).toMatchObject({ ok: true });
    expect(failed.message).toMatch(/^Not ready: redis \(.+ after [\d.]+ ms\)\.$/);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  }, 60_000);
});
