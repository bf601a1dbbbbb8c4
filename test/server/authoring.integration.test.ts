// The authoring routes of a real server: the JSON Schema, a scenario's YAML source, and the
// upload of a scenario by the holder of the admin key — refused for each reason it can be, and
// once stored, listed and playable at once. Behind a trusted proxy, so that each test speaks
// from its own address (X-Forwarded-For) and wrong keys of one test do not hold up another.
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authoringRoutes, type ScenarioUploadResponse } from '../../server/authoring.js';
import { ConfigError, loadConfig, uploadedScenariosDir } from '../../server/config.js';
import { createHttpApp } from '../../server/http.js';
import { HttpProblem } from '../../server/http-support.js';
import { createLogger } from '../../server/log.js';
import { loadScenarioCatalog } from '../../server/scenarios.js';
import { SqliteEventStore } from '../../server/store/sqlite.js';
import type { Finding } from '../../shared/authoring/check.js';
import type { HttpError, ScenarioListResponse } from '../../shared/protocol.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const ADMIN_KEY = 'correct-horse-battery-staple-42';
const KX = readFileSync('scenarios/2031-kx.yaml', 'utf8');
/** 2031-KX under a new id: a valid scenario nobody has uploaded yet. */
const asNew = (id: string, title = 'A copy of 2031 KX') => KX.replace(/^id: 2031-kx$/m, `id: ${id}`).replace(/^title: .*$/m, `title: "${title}"`);

let server: TestServer;
let address = 0;
/** A new client address for each request group: X-Forwarded-For is trusted. */
const fresh = () => `198.51.100.${++address}`;

beforeAll(async () => {
  server = await startTestServer({ adminKey: ADMIN_KEY, trustProxy: true, joinFreeMisses: 2 });
});
afterAll(async () => {
  await server?.close();
});

async function upload(text: string, options: { key?: string; type?: string; query?: string; from?: string } = {}): Promise<{ status: number; headers: Headers; body: HttpError & ScenarioUploadResponse & { findings?: Finding[] } }> {
  const headers: Record<string, string> = { 'content-type': options.type ?? 'text/yaml', 'x-forwarded-for': options.from ?? fresh() };
  if (options.key !== undefined) headers['x-admin-key'] = options.key;
  const res = await fetch(`${server.url}/api/scenarios${options.query ?? ''}`, { method: 'POST', headers, body: text });
  return { status: res.status, headers: res.headers, body: (await res.json()) as HttpError & ScenarioUploadResponse };
}

async function listed(): Promise<string[]> {
  const body = (await (await fetch(`${server.url}/api/scenarios`)).json()) as ScenarioListResponse;
  return body.scenarios.map((s) => s.id);
}

describe('the scenario JSON Schema', () => {
  /** The authoring routes alone, with the error handler's shape, reading the schema from `schemaPath`. */
  async function schemaApp(schemaPath: string): Promise<Server> {
    const app = express();
    const catalog = loadScenarioCatalog('scenarios');
    const config = { ...loadConfig({}), dataDir: mkdtempSync(join(tmpdir(), 'deflect-schema-')) };
    app.use(authoringRoutes({ config, catalog, log: createLogger('silent'), addressOf: () => '127.0.0.1', schemaPath }));
    app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      const p = err as HttpProblem;
      res.status(p.status).json({ error: { code: p.code, message: p.message } });
    });
    const http = createServer(app).listen(0, '127.0.0.1');
    await once(http, 'listening');
    return http;
  }
  const urlOf = (http: Server) => `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/scenario-schema.json`;

  it('serves the shipped schema file as application/schema+json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deflect-schema-file-'));
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'Deflect scenario', type: 'object' };
    writeFileSync(join(dir, 'scenario.schema.json'), JSON.stringify(schema));
    const http = await schemaApp(join(dir, 'scenario.schema.json'));
    try {
      const res = await fetch(urlOf(http));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/schema\+json/);
      expect(await res.json()).toEqual(schema);
    } finally {
      http.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves the schema shipped in scenarios/ from a running server', async () => {
    const res = await fetch(`${server.url}/api/scenario-schema.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    expect(await res.json()).toEqual(JSON.parse(readFileSync('scenarios/scenario.schema.json', 'utf8')));
  });

  it('answers 503 with a sentence when the schema file is missing', async () => {
    const http = await schemaApp('/nonexistent/scenario.schema.json');
    try {
      const res = await fetch(urlOf(http));
      expect(res.status).toBe(503);
      expect(((await res.json()) as HttpError).error).toMatchObject({ code: 'schema/missing', message: expect.stringMatching(/scenario\.schema\.json/) });
    } finally {
      http.close();
    }
  });
});

describe('a scenario’s YAML source', () => {
  it('is the bundled file’s text, as text/yaml', async () => {
    const res = await fetch(`${server.url}/api/scenarios/2031-kx/source`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/yaml/);
    expect(await res.text()).toBe(KX);
  });

  it('is 404 with a sentence for a scenario the server does not list', async () => {
    for (const id of ['no-such-scenario', '..%2Fpackage.json', 'UPPER']) {
      const res = await fetch(`${server.url}/api/scenarios/${id}/source`);
      expect(res.status, id).toBe(404);
      expect(((await res.json()) as HttpError).error.code, id).toBe('scenario/not_found');
    }
  });
});

describe('uploading a scenario', () => {
  it('asks for the admin key: 401 without one, 403 for a wrong one', async () => {
    const none = await upload(asNew('keyless'));
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('auth/admin_key_required');
    const wrong = await upload(asNew('keyless'), { key: 'not-the-admin-key-at-all' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('auth/admin_key_invalid');
    expect(await listed()).not.toContain('keyless');
  });

  it('makes an address that keeps guessing the key wait, even for the right key', async () => {
    const from = fresh();
    // joinFreeMisses is 2: the third wrong key starts a wait.
    for (let i = 0; i < 3; i++) expect((await upload(asNew('guessed'), { key: `wrong-key-number-${i}`, from })).status).toBe(403);
    const blocked = await upload(asNew('guessed'), { key: ADMIN_KEY, from });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('rate/limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('takes only the YAML text as the body (415 otherwise)', async () => {
    const r = await upload(JSON.stringify({ text: asNew('as-json') }), { key: ADMIN_KEY, type: 'application/json' });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('http/unsupported_media_type');
  });

  it('refuses a file over 256 KiB with 413, with or without a Content-Length', async () => {
    const huge = `${asNew('huge')}\n# ${'x'.repeat(300 * 1024)}\n`;
    const declared = await upload(huge, { key: ADMIN_KEY });
    expect(declared.status).toBe(413);
    expect(declared.body.error.code).toBe('http/too_large');
    // Chunked: no Content-Length for the guard to see, so the route's own limit stops it.
    const chunked = await new Promise<{ status: number; body: HttpError }>((resolve, reject) => {
      const url = new URL(`${server.url}/api/scenarios`);
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'text/yaml', 'x-admin-key': ADMIN_KEY, 'x-forwarded-for': fresh(), 'transfer-encoding': 'chunked' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as HttpError }));
      });
      req.on('error', reject);
      for (let i = 0; i < 30; i++) req.write('#'.repeat(10 * 1024) + '\n');
      req.end();
    });
    expect(chunked.status).toBe(413);
    expect(chunked.body.error).toMatchObject({ code: 'http/too_large', message: expect.stringMatching(/256 KiB/) });
    expect(await listed()).not.toContain('huge');
  });

  it('answers 422 with the check’s findings, with their lines, when the file has errors', async () => {
    const broken = asNew('broken').replace(/kind: space-faring-state/, 'kind: spacefaring-state');
    const line = broken.split('\n').findIndex((l) => l.includes('spacefaring-state')) + 1;
    const r = await upload(broken, { key: ADMIN_KEY });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('scenario/invalid');
    const errors = (r.body.findings ?? []).filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.some((f) => f.path.startsWith('actors[') && f.path.endsWith('.kind') && f.line === line)).toBe(true);
    expect(r.body.error.details?.some((d) => d.includes(`line ${line}`))).toBe(true);
    expect(await listed()).not.toContain('broken');
  });

  it('answers an empty body with 422 and the check’s sentence, not a media-type refusal', async () => {
    const r = await upload('', { key: ADMIN_KEY });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('scenario/invalid');
    expect(r.body.findings?.some((f) => f.severity === 'error')).toBe(true);
  });

  it('refuses the id of a bundled scenario with 409, even with ?replace=1', async () => {
    for (const query of ['', '?replace=1']) {
      const r = await upload(KX, { key: ADMIN_KEY, query });
      expect(r.status, query).toBe(409);
      expect(r.body.error.code).toBe('scenario/bundled_id');
    }
    expect(await (await fetch(`${server.url}/api/scenarios/2031-kx/source`)).text()).toBe(KX);
  });

  it('stores a checked scenario, lists it at once and opens an exercise of it', async () => {
    const r = await upload(asNew('kx-copy'), { key: ADMIN_KEY });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: 'kx-copy', title: 'A copy of 2031 KX', file: 'kx-copy.yaml', replaced: false });
    expect(Array.isArray(r.body.warnings)).toBe(true);
    const dir = join(server.dataDir, 'scenarios');
    expect(readFileSync(join(dir, 'kx-copy.yaml'), 'utf8')).toBe(asNew('kx-copy'));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await listed()).toEqual(expect.arrayContaining(['2031-kx', 'kx-copy']));
    const created = await fetch(`${server.url}/api/exercises`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'kx-copy', seed: 3 }) });
    expect(created.status).toBe(201);
  });

  it('answers 409 for an uploaded id unless ?replace=1, which replaces it', async () => {
    expect((await upload(asNew('kx-twice', 'First'), { key: ADMIN_KEY })).status).toBe(201);
    const again = await upload(asNew('kx-twice', 'Second'), { key: ADMIN_KEY });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('scenario/exists');
    const replaced = await upload(asNew('kx-twice', 'Second'), { key: ADMIN_KEY, query: '?replace=1' });
    expect(replaced.status).toBe(201);
    expect(replaced.body).toMatchObject({ id: 'kx-twice', title: 'Second', replaced: true });
    const list = (await (await fetch(`${server.url}/api/scenarios`)).json()) as ScenarioListResponse;
    expect(list.scenarios.filter((s) => s.id === 'kx-twice').map((s) => s.title)).toEqual(['Second']);
  });

  it('shows an uploaded scenario’s source only with the admin key (its secret briefings and truth)', async () => {
    expect((await upload(asNew('kx-secret'), { key: ADMIN_KEY })).status).toBe(201);
    const without = await fetch(`${server.url}/api/scenarios/kx-secret/source`, { headers: { 'x-forwarded-for': fresh() } });
    expect(without.status).toBe(401);
    const withKey = await fetch(`${server.url}/api/scenarios/kx-secret/source`, { headers: { 'x-admin-key': ADMIN_KEY, 'x-forwarded-for': fresh() } });
    expect(withKey.status).toBe(200);
    expect(await withKey.text()).toBe(asNew('kx-secret'));
  });
});

describe('a server without an admin key', () => {
  it('answers 404 uploads/disabled and stores nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deflect-noadmin-'));
    const store = new SqliteEventStore(join(dataDir, 'deflect.db'));
    const config = { ...loadConfig({}), dataDir, logLevel: 'silent' as const };
    const app = createHttpApp({ config, store, catalog: loadScenarioCatalog('scenarios'), log: createLogger('silent') });
    const http = createServer(app).listen(0, '127.0.0.1');
    await once(http, 'listening');
    try {
      const res = await fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'text/yaml', 'x-admin-key': ADMIN_KEY }, body: asNew('nobody') });
      expect(res.status).toBe(404);
      expect(((await res.json()) as HttpError).error.code).toBe('uploads/disabled');
      expect(existsSync(join(dataDir, 'scenarios'))).toBe(false);
    } finally {
      http.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the catalogue of bundled and uploaded scenarios', () => {
  it('lists uploaded files beside the bundled ones, never in place of one', () => {
    const uploaded = mkdtempSync(join(tmpdir(), 'deflect-uploaded-'));
    try {
      writeFileSync(join(uploaded, 'impostor.yaml'), KX.replace(/^title: .*$/m, 'title: "Not the real 2031 KX"'));
      writeFileSync(join(uploaded, 'kx-extra.yaml'), asNew('kx-extra'));
      const catalog = loadScenarioCatalog('scenarios', uploaded);
      expect(catalog.byId.get('2031-kx')?.title).toBe('2031 KX: seven years of warning');
      expect(catalog.sources.get('2031-kx')?.origin).toBe('bundled');
      expect(catalog.sources.get('kx-extra')).toEqual({ path: join(uploaded, 'kx-extra.yaml'), origin: 'uploaded' });
      expect(catalog.invalid.flatMap((i) => i.errors).join('\n')).toMatch(/impostor\.yaml: id: a bundled scenario already uses the id '2031-kx'/);
    } finally {
      rmSync(uploaded, { recursive: true, force: true });
    }
  });

  it('treats a missing uploaded folder as empty, not as a fault', () => {
    const missing = join(tmpdir(), 'deflect-never-made', 'scenarios');
    const catalog = loadScenarioCatalog('scenarios', missing);
    // Only the uploaded folder is in question: the bundled one is whatever the repository ships today.
    expect(catalog.invalid.filter((i) => i.file.startsWith(missing) || i.errors.some((e) => e.includes('deflect-never-made')))).toEqual([]);
    expect(catalog.byId.has('2031-kx')).toBe(true);
    expect([...catalog.sources.values()].every((s) => s.origin === 'bundled')).toBe(true);
  });
});

describe('the admin key setting', () => {
  it('is off by default and refused when shorter than 16 characters', () => {
    expect(loadConfig({}).adminKey).toBeUndefined();
    expect(loadConfig({ ADMIN_KEY }).adminKey).toBe(ADMIN_KEY);
    expect(() => loadConfig({ ADMIN_KEY: 'short' })).toThrow(ConfigError);
    // The error names the variable and the rule but never echoes the key, even a wrong one.
    expect(() => loadConfig({ ADMIN_KEY: 'short' })).toThrow(/ADMIN_KEY=\(5 characters, not shown\): the admin key must be at least 16 characters/);
    expect(() => loadConfig({ ADMIN_KEY: 'short' })).not.toThrow(/short"/);
  });

  it('puts uploads under the data folder unless UPLOADED_SCENARIOS_DIR says otherwise', () => {
    expect(uploadedScenariosDir(loadConfig({ DATA_DIR: '/srv/deflect' }))).toBe(join('/srv/deflect', 'scenarios'));
    expect(uploadedScenariosDir(loadConfig({ DATA_DIR: '/srv/deflect', UPLOADED_SCENARIOS_DIR: '/srv/scenarios' }))).toBe('/srv/scenarios');
  });
});
