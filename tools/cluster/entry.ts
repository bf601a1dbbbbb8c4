// The single address in front of several local Deflect processes: HTTP requests (the API, the
// matchmaker, the browser app) go to the processes in turn, skipping one that does not answer,
// as a reverse proxy with passive health checks does. WebSockets do not pass here: each room's
// seat reservation sends its clients to its own process's PUBLIC_ADDRESS (docs/cluster.md).
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Entry {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Headers that describe one hop, not the request: never forwarded. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

/** The most a request body may be (the API takes 64 KiB; scenario uploads a little more). */
const MAX_BODY_BYTES = 1024 * 1024;

/** How long one process may take to answer before the request fails (not retried: it may have been applied). */
const UPSTREAM_TIMEOUT_MS = 30_000;

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Sends one request to one process; rejects with the socket's error when the process cannot be reached. */
function forward(upstream: URL, req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(req.headers)) if (value !== undefined && !HOP_HEADERS.has(name)) headers[name] = value;
    const from = req.socket.remoteAddress ?? '';
    headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${String(req.headers['x-forwarded-for'])}, ${from}` : from;
    headers['content-length'] = String(body.length);
    let answered = false;
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, timeout: UPSTREAM_TIMEOUT_MS }, (answer) => {
      answered = true;
      const back: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_HEADERS.has(name)) back[name] = value;
      res.writeHead(answer.statusCode ?? 502, back);
      answer.pipe(res);
      answer.on('end', resolve);
      answer.on('error', resolve);
    });
    out.on('timeout', () => out.destroy(new Error('upstream timed out')));
    out.on('error', (err) => (answered ? resolve() : reject(err)));
    out.end(body);
  });
}

/**
 * Starts the entry on `port` (0: any free one) in front of `upstreams` (http://host:port each),
 * taking them in turn; a process that refuses the connection is skipped for this request.
 */
export async function startEntry(upstreams: readonly string[], port: number, host = '0.0.0.0'): Promise<Entry> {
  const targets = upstreams.map((u) => new URL(u));
  let next = 0;
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      if (body === null) {
        res.writeHead(413, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'http/too_large', message: 'The request body is too large.' } }));
        return;
      }
      const first = next++ % targets.length;
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(first + i) % targets.length]!;
        try {
          await forward(target, req, body, res);
          return;
        } catch (err) {
          // Refused (dead or restarting): the next process takes the request. Anything else may have been applied: not sent twice.
          if (res.headersSent || (err as NodeJS.ErrnoException).code !== 'ECONNREFUSED') break;
        }
      }
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'http/no_server', message: 'No Deflect process answered.' } }));
      else res.end();
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
