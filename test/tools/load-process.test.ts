// The load tool's spawned server takes its store from its caller only: a DATABASE_URL or
// REDIS_URL left in the shell must not turn the bench's SQLite configuration into another.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../../tools/load/process.js';

const saved = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL, PUBLIC_ADDRESS: process.env.PUBLIC_ADDRESS };
let server: SpawnedServer | null = null;
let dir: string | null = null;

afterEach(async () => {
  await server?.stop();
  server = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('spawnServer', () => {
  it('starts on SQLite in its data folder whatever DATABASE_URL and REDIS_URL the shell holds', { timeout: 60_000 }, async () => {
    // Nothing listens on port 1: a server that took these would not start (or would not be ready).
    process.env.DATABASE_URL = 'postgresql://nobody@127.0.0.1:1/none';
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    process.env.PUBLIC_ADDRESS = 'elsewhere.example:1';
    dir = mkdtempSync(join(tmpdir(), 'deflect-spawn-'));
    server = await spawnServer(dir);
    const ready = await fetch(`${server.url}/api/ready`);
    expect(ready.status).toBe(200);
  });

  it('gives the server the settings its caller names, with its own port for PUBLIC_ADDRESS', { timeout: 60_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'deflect-spawn-'));
    let seen: number | null = null;
    server = await spawnServer(dir, (port) => {
      seen = port;
      return { PUBLIC_ADDRESS: `127.0.0.1:${port}` };
    });
    expect(server.url).toBe(`http://127.0.0.1:${seen}`);
  });
});
