// The operator's endpoints on a real server: liveness, readiness, Prometheus metrics behind the
// admin key (their values moved by real clients playing), and the Colyseus monitor behind it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../server/config.js';
import { createHttpApp } from '../../server/http.js';
import { createLogger } from '../../server/log.js';
import { METRIC_NAMES } from '../../server/metrics.js';
import type { ReadinessCheck } from '../../server/ops.js';
import { loadScenarioCatalog } from '../../server/scenarios.js';
import { SqliteEventStore } from '../../server/store/sqlite.js';
import type { RejectedMessage } from '../../shared/protocol.js';
import { TestPlayer, createExercise, startTestServer, type TestServer } from '../helpers/server.js';

const ADMIN_KEY = 'ops-test-admin-key-0123456789';
const clientDir = mkdtempSync(join(tmpdir(), 'deflect-ops-client-'));
mkdirSync(clientDir, { recursive: true });
writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Deflect SPA</title>');

/** The HTTP app alone (no game server: Colyseus's matchMaker is one per process) on a free port, over a SQLite store of its own. */
async function startBareApp(overrides: Partial<Config>, readinessChecks: ReadinessCheck[] = []): Promise<{ url: string; store: SqliteEventStore; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deflect-ops-'));
  const config: Config = { ...loadConfig({}), dataDir, clientDir, ...overrides };
  const store = new SqliteEventStore(join(dataDir, 'deflect.db'));
  const app = createHttpApp({ config, store, catalog: loadScenarioCatalog(config.scenariosDir), log: createLogger('silent'), readinessChecks });
  const http: Server = createServer(app);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    store,
    close: async () => {
      await new Promise((resolve) => http.close(resolve));
      await store.close().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let server: TestServer;
let keyless: Awaited<ReturnType<typeof startBareApp>>;
beforeAll(async () => {
  server = await startTestServer({ adminKey: ADMIN_KEY, clientDir });
  keyless = await startBareApp({});
});
afterAll(async () => {
  await server?.close();
  await keyless?.close();
  rmSync(clientDir, { recursive: true, force: true });
});

const bearer = { authorization: `Bearer ${ADMIN_KEY}` };
const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`operator:${password}`).toString('base64')}` });

/** Scrapes /metrics with the admin key. */
async function scrape(): Promise<string> {
  const res = await fetch(`${server.url}/metrics`, { headers: bearer });
  expect(res.status).toBe(200);
  return res.text();
}

/** One sample's value from the exposition text (0 when the series is absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[2] ?? '').split(',').filter(Boolean);
    if (wanted.every((w) => have.includes(w)) && have.length === wanted.length) return Number(m[3]);
  }
  return 0;
}

describe('liveness and readiness', () => {
  it('answers /api/health with the rules version, the uptime and whether it drains', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; rulesVersion: number; uptimeS: number; draining: boolean };
    expect(body).toMatchObject({ status: 'ok', draining: false });
    expect(body.rulesVersion).toBeGreaterThan(0);
    expect(body.uptimeS).toBeGreaterThanOrEqual(0);
  });

  it('is ready when the store answers, and says how long the check took', async () => {
    const res = await fetch(`${server.url}/api/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; checks: { name: string; ok: boolean; ms: number }[] };
    expect(body.status).toBe('ready');
    expect(body.checks).toEqual([{ name: 'store', ok: true, ms: expect.any(Number) }]);
  });

  it('is not ready (503) when the store does not answer, naming the check and its time, and stays alive', async () => {
    const app = await startBareApp({});
    try {
      await app.store.close();
      const res = await fetch(`${app.url}/api/ready`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; message: string; checks: { name: string; ok: boolean; ms: number; error?: string }[] };
      expect(body.status).toBe('unready');
      expect(body.message).toMatch(/^Not ready: store \(.+ after [\d.]+ ms\)\.$/);
      expect(body.checks).toEqual([{ name: 'store', ok: false, ms: expect.any(Number), error: expect.stringMatching(/not open/) }]);
      expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('is not ready when another check fails (Redis), and does not show a URL’s password in the reason', async () => {
    const redis: ReadinessCheck = {
      name: 'redis',
      check: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED redis://:hunter2@127.0.0.1:6390'), { code: 'ECONNREFUSED' })),
    };
    const app = await startBareApp({}, [redis]);
    try {
      const res = await fetch(`${app.url}/api/ready`);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(text).not.toContain('hunter2');
      const body = JSON.parse(text) as { checks: { name: string; ok: boolean }[]; message: string };
      expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
        ['store', true],
        ['redis', false],
      ]);
      expect(body.message).toMatch(/^Not ready: redis \(connect ECONNREFUSED redis:\/\/:\*\*\*@127\.0\.0\.1:6390 after [\d.]+ ms\)\.$/);
    } finally {
      await app.close();
    }
  });
});

describe('Prometheus metrics', () => {
  it('refuses a scrape without the admin key (401) and with a wrong one (403)', async () => {
    const none = await fetch(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('auth/admin_key_required');
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer not-the-admin-key-at-all' } });
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain(METRIC_NAMES.commands);
  });

  it('exposes every metric in the text format to the admin key, as a bearer token, X-Admin-Key or basic auth', async () => {
    for (const headers of [bearer, { 'x-admin-key': ADMIN_KEY }, basic(ADMIN_KEY)]) {
      const res = await fetch(`${server.url}/metrics`, { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await res.text();
      for (const name of Object.values(METRIC_NAMES)) expect(text).toContain(`# TYPE ${name} `);
      expect(text).toContain('process_cpu_seconds_total');
      expect(text).toContain('nodejs_eventloop_lag_seconds');
    }
  });

  it('counts the commands real clients play, a rejection under its code, the rooms, clients, latencies, a reconnection and the commands sent again', async () => {
    const before = await scrape();
    const created = await createExercise(server.url, 7);
    const fran = await TestPlayer.join(server.url, created.joinCode, 'Fran', created.facilitatorKey);
    await fran.do({ type: 'ClaimSeat', seat: 'facilitator' });
    const uma = await TestPlayer.join(server.url, created.joinCode, 'Uma');
    await uma.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    for (let i = 0; i < 3; i++) await uma.do({ type: 'SendMessage', to: 'public', text: `hello ${i}` });
    const refused = (await uma.send({ type: 'AdvancePhase' })) as RejectedMessage;
    expect(refused.code).toBeTypeOf('string');

    const during = await scrape();
    const delta = (name: string, labels?: Record<string, string>) => sample(during, name, labels) - sample(before, name, labels);
    expect(delta(METRIC_NAMES.commands, { type: 'SendMessage', outcome: 'accepted' })).toBe(3);
    expect(delta(METRIC_NAMES.commands, { type: 'ClaimSeat', outcome: 'accepted' })).toBe(2);
    expect(delta(METRIC_NAMES.commands, { type: 'AdvancePhase', outcome: 'rejected' })).toBe(1);
    expect(delta(METRIC_NAMES.rejections, { code: refused.code })).toBe(1);
    // Joins are commands too (the server's own), without a client's latency.
    expect(delta(METRIC_NAMES.commands, { type: 'JoinExercise', outcome: 'accepted' })).toBe(2);
    expect(delta(`${METRIC_NAMES.commandLatency}_count`)).toBe(6);
    expect(delta(`${METRIC_NAMES.appendLatency}_count`)).toBe(7);
    expect(sample(during, METRIC_NAMES.rooms)).toBeGreaterThanOrEqual(1);
    expect(sample(during, METRIC_NAMES.clients)).toBeGreaterThanOrEqual(2);
    // No exercise id is a label: the series stay bounded however many exercises run.
    expect(during).not.toContain(created.exerciseId);

    const rejoinKey = uma.welcome!.rejoinKey;
    await uma.drop();
    const back = await TestPlayer.join(server.url, created.joinCode, 'Uma', undefined, rejoinKey);
    expect(back.participantId).toBe(uma.participantId);
    // Sent again after the drop: one applied before (answered, not applied twice), one never received.
    const lastHello = uma.accepted.at(-1)!.commandId;
    await back.sendEnvelope({ commandId: lastHello, command: { type: 'SendMessage', to: 'public', text: 'hello 2' }, retry: true });
    await back.sendEnvelope({ commandId: 'never-received', command: { type: 'SendMessage', to: 'public', text: 'hello 3' }, retry: true });
    const after = await scrape();
    expect(sample(after, METRIC_NAMES.reconnections) - sample(during, METRIC_NAMES.reconnections)).toBe(1);
    const retries = (outcome: string) => sample(after, METRIC_NAMES.retries, { outcome }) - sample(during, METRIC_NAMES.retries, { outcome });
    expect([retries('already_applied'), retries('applied')]).toEqual([1, 1]);
    expect(sample(after, METRIC_NAMES.commands, { type: 'SendMessage', outcome: 'accepted' }) - sample(during, METRIC_NAMES.commands, { type: 'SendMessage', outcome: 'accepted' })).toBe(1);
    await back.close();
    await fran.close();
  });

  it('is not served without an admin key configured: 404 with a sentence', async () => {
    const res = await fetch(`${keyless.url}/metrics`, { headers: bearer });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.message).toMatch(/ADMIN_KEY/);
  });
});

describe('the Colyseus monitor', () => {
  it('asks a browser for the admin key (basic auth), refuses a wrong one, and opens with the right one', async () => {
    const none = await fetch(`${server.url}/colyseus/`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic /);
    const wrong = await fetch(`${server.url}/colyseus/`, { headers: basic('not-the-admin-key-at-all') });
    expect(wrong.status).toBe(401);
    const page = await fetch(`${server.url}/colyseus/`, { headers: basic(ADMIN_KEY) });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<html/i);
    expect(html).not.toContain('Deflect SPA');
    const rooms = await fetch(`${server.url}/colyseus/api`, { headers: basic(ADMIN_KEY) });
    expect(rooms.status).toBe(200);
    expect((await rooms.json()) as { rooms: unknown[] }).toHaveProperty('rooms');
  });

  it('answers a monitor call with broken arguments with 400 instead of failing the process', async () => {
    const res = await fetch(`${server.url}/colyseus/api/room/call?roomId=x&method=y&args=%7Bnot-json`, { headers: basic(ADMIN_KEY) });
    expect(res.status).toBe(400);
  });

  it('is not mounted without an admin key: /colyseus is a 404, not the browser app', async () => {
    const res = await fetch(`${keyless.url}/colyseus/`, { headers: basic(ADMIN_KEY) });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('Deflect SPA');
  });

  it('leaves the browser app’s fallback route alone', async () => {
    for (const base of [server.url, keyless.url]) {
      const res = await fetch(`${base}/exercise/ABCDEF`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Deflect SPA');
    }
  });
});
