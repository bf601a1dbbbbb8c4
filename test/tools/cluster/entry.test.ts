import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEntry, type Entry } from '../../../tools/cluster/entry.js';
import { HOST, freePort } from '../../helpers/process.js';

const servers: Server[] = [];
let entry: Entry | undefined;

/** A stand-in for a Deflect process: answers every request with its name, the method, the path, the body and the forwarded address. */
async function upstream(name: string): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': name });
      res.end(JSON.stringify({ name, method: req.method, url: req.url, body, forwardedFor: req.headers['x-forwarded-for'] }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  return `http://${HOST}:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await entry?.close();
  entry = undefined;
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('the entry in front of several processes', () => {
  it('passes requests to the processes in turn, with their method, path, body and the client’s address', async () => {
    entry = await startEntry([await upstream('p1'), await upstream('p2')], 0, HOST);
    const answers = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${entry.url}/api/join/ABC123?x=${i}`, { method: 'POST', body: `body ${i}` });
      answers.push((await res.json()) as { name: string; method: string; url: string; body: string; forwardedFor: string });
    }
    expect(answers.map((a) => a.name)).toEqual(['p1', 'p2', 'p1', 'p2']);
    expect(answers[3]).toMatchObject({ method: 'POST', url: '/api/join/ABC123?x=3', body: 'body 3', forwardedFor: HOST });
  });

  it('skips a process that refuses the connection, and answers 502 when none answers', async () => {
    const dead = `http://${HOST}:${await freePort()}`;
    entry = await startEntry([dead, await upstream('alive')], 0, HOST);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${entry.url}/api/health`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-upstream')).toBe('alive');
    }
    await entry.close();
    entry = await startEntry([dead], 0, HOST);
    const res = await fetch(`${entry.url}/api/health`);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: { code: 'http/no_server' } });
  });
});
