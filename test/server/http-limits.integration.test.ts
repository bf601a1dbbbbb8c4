// Floods and bad input against a real server with the limits at their defaults: exercise
// creation, join-code guessing, matchmaker requests, huge and broken bodies. Behind a trusted
// proxy, so that each test speaks from its own address (X-Forwarded-For).
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { Client } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import type { RunningServer } from '../../server/main.js';
import type { CreateExerciseResponse, HttpError } from '../../shared/protocol.js';
import { startTestServer } from '../helpers/server.js';

const GLOBAL_CAP = 30;
let server: RunningServer;
let exercise: CreateExerciseResponse;

beforeAll(async () => {
  const defaults = loadConfig({});
  // startTestServer gives a temporary data folder; the creation limit is the real default, the
  // others are set low so that the test reaches them (the mechanism is what is tested).
  server = await startTestServer({
    createPerHour: defaults.createPerHour,
    joinLookupsPerMinute: 30,
    joinFreeMisses: 5,
    matchmakePerMinute: 60,
    createGlobalPerHour: GLOBAL_CAP,
    trustProxy: true,
  });
  exercise = await create('192.0.2.1').then(async (r) => (await r.json()) as CreateExerciseResponse);
});
afterAll(async () => {
  await server?.close();
});

const from = (address: string) => ({ 'x-forwarded-for': address });

function create(address: string): Promise<Response> {
  return fetch(`${server.url}/api/exercises`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...from(address) },
    body: JSON.stringify({ scenarioId: '2031-kx', seed: 1 }),
  });
}

interface RawAnswer {
  status: number | null;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Body bytes written before the server answered or closed the connection. */
  sentBytes: number;
  error?: string;
}

/**
 * One request over node:http with exactly these headers; `streamBytes` sends a body of that many
 * bytes in 64 KiB chunks, stopping as soon as the server answers or closes.
 */
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer | { streamBytes: number }): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const url = new URL(path, server.url);
    let sentBytes = 0;
    let done = false;
    const req = request({ method, host: url.hostname, port: url.port, path: url.pathname + url.search, headers, agent: false });
    const finish = (answer: Omit<RawAnswer, 'sentBytes'>) => {
      if (done) return;
      done = true;
      req.destroy();
      resolve({ ...answer, sentBytes });
    };
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => finish({ status: res.statusCode ?? null, headers: res.headers, body: text }));
      res.on('error', () => finish({ status: res.statusCode ?? null, headers: res.headers, body: text }));
    });
    req.on('error', (e) => finish({ status: null, headers: {}, body: '', error: e.message }));
    if (body === undefined) req.end();
    else if (Buffer.isBuffer(body)) {
      sentBytes = body.length;
      req.end(body);
    } else {
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = () => {
        while (!done && sentBytes < body.streamBytes) {
          sentBytes += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!done) req.end();
      };
      pump();
    }
  });
}

const errorOf = (text: string) => (JSON.parse(text) as HttpError).error;

describe('exercise creation flood', () => {
  it('creates the per-address limit from one address, then answers 429 with Retry-After and a sentence', async () => {
    const attempts = 50;
    const answers = await Promise.all(Array.from({ length: attempts }, () => create('198.51.100.10')));
    const created = answers.filter((r) => r.status === 201).length;
    const refused = answers.filter((r) => r.status === 429);
    // One exercise of the day was made in beforeAll, from another address.
    expect(created).toBe(loadConfig({}).createPerHour);
    expect(refused).toHaveLength(attempts - created);
    const body = (await refused[0]!.json()) as HttpError;
    expect(body.error.code).toBe('rate/limited');
    expect(body.error.message).toMatch(/20 exercises in the last hour.*try again in 180 s/);
    expect(refused[0]!.headers.get('retry-after')).toBe('180');
    console.log(`creation flood: ${created} of ${attempts} concurrent requests from one address created an exercise; the rest 429 (Retry-After 180 s)`);
  });

  it('stops all creation at the server’s hourly cap, whatever the address', async () => {
    const statuses: number[] = [];
    for (let i = 0; statuses.length < 20; i++) statuses.push((await create(`203.0.113.${i + 1}`)).status);
    const created = statuses.filter((s) => s === 201).length;
    // 1 in beforeAll + 20 in the flood above + these: the cap is reached, then 429 for everyone.
    expect(1 + 20 + created).toBe(GLOBAL_CAP);
    expect(statuses.slice(created).every((s) => s === 429)).toBe(true);
    const last = await create('203.0.113.200');
    expect(errorOf(await last.text()).message).toMatch(/server has created as many exercises.*try again in 60 s/);
  });
});

describe('join-code lookups', () => {
  it('allows 30 lookups a minute per address, then 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await fetch(`${server.url}/api/join/${exercise.joinCode}`, { headers: from('198.51.100.20') })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    const refused = await fetch(`${server.url}/api/join/${exercise.joinCode}`, { headers: from('198.51.100.20') });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(((await refused.json()) as HttpError).error.message).toMatch(/30 join codes in the last minute.*try again in 2 s/);
    // Another address is not affected.
    expect((await fetch(`${server.url}/api/join/${exercise.joinCode}`, { headers: from('198.51.100.21') })).status).toBe(200);
  });

  it('answers a guesser with 429 and a Retry-After that doubles with each wrong code after the fifth', async () => {
    const guesser = from('198.51.100.30');
    const lookup = (code: string) => fetch(`${server.url}/api/join/${code}`, { headers: guesser });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await lookup(`QQQQQ${'3467'[i % 4]}`)).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404]);
    const retryAfter: number[] = [];
    for (let round = 0; round < 3; round++) {
      const refused = await lookup(exercise.joinCode); // even the right code waits
      expect(refused.status).toBe(429);
      const body = (await refused.json()) as HttpError;
      expect(body.error.code).toBe('rate/limited');
      const wait = Number(refused.headers.get('retry-after'));
      expect(body.error.message).toContain(`try again in ${wait} s`);
      retryAfter.push(wait);
      if (round === 2) break;
      await new Promise((r) => setTimeout(r, wait * 1000 + 50));
      expect((await lookup('QQQQQQ')).status).toBe(404);
    }
    expect(retryAfter).toEqual([1, 2, 4]);
    console.log(`join-code guessing: Retry-After after the 6th, 7th and 8th wrong code: ${retryAfter.join(' s, ')} s`);
    expect((await fetch(`${server.url}/api/join/${exercise.joinCode}`, { headers: from('198.51.100.31') })).status).toBe(200);
  });
});

describe('the matchmaker routes', () => {
  it('allow 60 requests a minute per address, then 429 in the shape colyseus.js shows as an error', async () => {
    const address = '198.51.100.40';
    for (let i = 0; i < 60; i++) {
      const r = await raw('POST', '/matchmake/joinById/no-such-room', { 'content-type': 'application/json', ...from(address) }, Buffer.from('{}'));
      expect(r.status).toBe(200); // Colyseus's own refusal: status 200, error in the body
    }
    const refused = await raw('POST', '/matchmake/joinById/no-such-room', { 'content-type': 'application/json', ...from(address) }, Buffer.from('{}'));
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(JSON.parse(refused.body)).toEqual({ code: 'rate/limited', error: 'Too many attempts to join from your address; try again in 1 s.' });

    const client = new Client(server.url.replace(/^http/, 'ws'), { headers: from(address) });
    const error = await client.joinById(exercise.roomId, { code: exercise.joinCode, name: 'Ada' }).then(
      () => null,
      (e: { code?: number; message?: string }) => e,
    );
    expect(error).toMatchObject({ code: 429, message: expect.stringMatching(/^Too many attempts to join from your address; try again in \d+ s\.$/) });
  });

  it('refuse a body above 4 KiB with 413 before reading it, and one without a length with 411', async () => {
    const big = await raw('POST', '/matchmake/joinById/x', { 'content-type': 'application/json', 'content-length': String(5 * 1024), ...from('198.51.100.50') }, Buffer.alloc(5 * 1024, 0x20));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ code: 'http/too_large', error: expect.stringMatching(/4 KiB at most/) });
    const chunked = await raw('POST', '/matchmake/joinById/x', { 'content-type': 'application/json', 'transfer-encoding': 'chunked', ...from('198.51.100.50') }, Buffer.from('{}'));
    expect(chunked.status).toBe(411);
    expect(JSON.parse(chunked.body)).toMatchObject({ code: 'http/length_required' });

    const client = new Client(server.url.replace(/^http/, 'ws'), { headers: from('198.51.100.51') });
    const error = await client.joinById(exercise.roomId, { code: exercise.joinCode, name: 'A'.repeat(5_000) }).then(
      () => null,
      (e: { code?: number; message?: string }) => e,
    );
    expect(error).toMatchObject({ code: 413, message: expect.stringMatching(/too large: 4 KiB at most/) });
  });

  it('refuse 8 × 50 MB bodies at once without reading them: memory barely moves', async () => {
    const before = process.memoryUsage();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        raw('POST', '/matchmake/create/exercise', { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024), ...from(`198.51.100.${60 + i}`) }, { streamBytes: 50 * 1024 * 1024 }),
      ),
    );
    const after = process.memoryUsage();
    const rssGrowthMb = (after.rss - before.rss) / 2 ** 20;
    const sentMb = answers.reduce((n, a) => n + a.sentBytes, 0) / 2 ** 20;
    // The server answers 413 and closes; the client may see the answer or, mid-write, the closed socket.
    for (const a of answers) expect(a.status === 413 || a.error !== undefined, JSON.stringify(a)).toBe(true);
    expect(answers.filter((a) => a.status === 413).length).toBeGreaterThan(0);
    console.log(
      `8 × 50 MB /matchmake bodies: ${answers.filter((a) => a.status === 413).length} answered 413, ${answers.filter((a) => a.status === null).length} closed mid-send; ` +
        `${sentMb.toFixed(1)} MB sent of 400 MB; RSS ${rssGrowthMb >= 0 ? '+' : ''}${rssGrowthMb.toFixed(1)} MB, heap ${((after.heapUsed - before.heapUsed) / 2 ** 20).toFixed(1)} MB`,
    );
    expect(rssGrowthMb).toBeLessThan(64);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('bad input to the HTTP API is a 4xx with a sentence, never a 500', () => {
  const post = (headers: Record<string, string>, body: Buffer | { streamBytes: number }) =>
    raw('POST', '/api/exercises', { 'content-type': 'application/json', ...from('198.51.100.80'), ...headers }, body);
  const json = Buffer.from(JSON.stringify({ scenarioId: '2031-kx' }));

  const cases: [string, () => Promise<RawAnswer>, number, string][] = [
    ['an invalid gzip body', () => post({ 'content-encoding': 'gzip' }, Buffer.from('this is not gzip at all')), 400, 'http/bad_encoding'],
    ['a truncated gzip body', () => post({ 'content-encoding': 'gzip' }, gzipSync(json).subarray(0, 12)), 400, 'http/bad_encoding'],
    ['an unknown Content-Encoding', () => post({ 'content-encoding': 'x-snappy' }, json), 415, 'http/unsupported_encoding'],
    ['a gzip bomb (10 MB of zeros, 10 kB compressed)', () => post({ 'content-encoding': 'gzip' }, gzipSync(Buffer.alloc(10 * 2 ** 20, 0x20))), 413, 'http/too_large'],
    ['a text/plain body', () => post({ 'content-type': 'text/plain' }, json), 415, 'http/unsupported_media_type'],
    ['an unknown charset', () => post({ 'content-type': 'application/json; charset=klingon' }, json), 415, 'http/unsupported_charset'],
    ['bad JSON', () => post({}, Buffer.from('{"scenarioId": ')), 400, 'http/bad_json'],
    ['JSON that is not an object', () => post({}, Buffer.from('"2031-kx"')), 400, 'http/bad_json'],
    ['a body that is not an exercise request', () => post({}, Buffer.from('{"scenarioId": 5}')), 400, 'http/invalid_body'],
    ['a declared 10 MB body', () => post({ 'content-length': String(10 * 2 ** 20) }, { streamBytes: 10 * 2 ** 20 }), 413, 'http/too_large'],
    ['a chunked 1 MB body', () => post({ 'transfer-encoding': 'chunked' }, { streamBytes: 2 ** 20 }), 413, 'http/too_large'],
    ['a bad %-escape in the path', () => raw('GET', '/api/join/%E0%A4%A', from('198.51.100.81')), 400, 'http/bad_url'],
    ['a body on a GET of the API, too large', () => raw('GET', '/api/health', { 'content-length': String(2 ** 20), ...from('198.51.100.82') }, { streamBytes: 2 ** 20 }), 413, 'http/too_large'],
  ];
  for (const [what, send, status, code] of cases) {
    it(`answers ${what} with ${status} ${code}`, async () => {
      const answer = await send();
      expect(answer.status, JSON.stringify(answer)).toBe(status);
      const error = errorOf(answer.body);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/^[A-Z].*\.$/);
    });
  }

  it('answers a bad `at` with 400 and a sentence', async () => {
    for (const at of ['abc', '-1', '1.5', '99999', '1e3', '']) {
      const res = await fetch(`${server.url}/api/exercises/${exercise.exerciseId}/state?at=${at}`, { headers: { 'x-debrief-key': exercise.debriefKey } });
      expect(res.status, `at=${at}`).toBe(400);
      expect(((await res.json()) as HttpError).error.message).toMatch(/^at: expected a whole number from 0 to \d+/);
    }
    const repeated = await fetch(`${server.url}/api/exercises/${exercise.exerciseId}/state?at=0&at=1`, { headers: { 'x-debrief-key': exercise.debriefKey } });
    expect(repeated.status).toBe(400);
  });
});
