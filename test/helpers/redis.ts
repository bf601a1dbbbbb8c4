// A throwaway Redis for a test run: `redis-server` on a free port of the loopback interface,
// nothing saved to disk, stopped when the run ends.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { HOST, exitOf, exited, freePort } from './process.js';

/** How long a fresh redis-server may take to accept connections. */
const START_TIMEOUT_MS = 10_000;

export interface RedisServer {
  /** Its URL (`REDIS_URL`). */
  url: string;
  port: number;
  /** Sends one command and resolves with its reply: a bulk string's text (null when absent), else the reply's line (`:3`, `+OK`); for tests that look at keys. */
  command(...args: string[]): Promise<string | null>;
  stop(): Promise<void>;
}

/** Where `redis-server` is (`REDIS_SERVER`, else the PATH), or null when it is not installed. */
export function redisServerBinary(): string | null {
  if (process.env.REDIS_SERVER) return process.env.REDIS_SERVER;
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  return found || null;
}

/**
 * Why the Redis tests cannot run here, or null when they can. With DEFLECT_REQUIRE_SERVICES=1
 * (CI) a missing Redis is an error, not a reason to skip.
 */
export function redisUnavailable(): string | null {
  if (redisServerBinary() !== null) return null;
  const reason = 'Redis is not installed (no redis-server under REDIS_SERVER or on the PATH)';
  if (process.env.DEFLECT_REQUIRE_SERVICES === '1') throw new Error(`${reason}, and DEFLECT_REQUIRE_SERVICES=1 requires it.`);
  return reason;
}

const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** One RESP command over a fresh connection; resolves with a bulk reply's text (null for none), or else the reply's first line. */
function sendCommand(port: number, args: string[]): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: HOST, port });
    let reply = Buffer.alloc(0);
    socket.setTimeout(2_000, () => socket.destroy(new Error(`redis on port ${port} did not answer ${args[0]}`)));
    socket.on('error', reject);
    const done = (value: string | null) => {
      socket.end();
      resolve(value);
    };
    socket.on('data', (chunk: Buffer) => {
      reply = Buffer.concat([reply, chunk]);
      const end = reply.indexOf('\r\n');
      if (end < 0) return;
      const line = reply.subarray(0, end).toString();
      if (!line.startsWith('$')) return done(line);
      const length = Number(line.slice(1));
      if (length < 0) return done(null);
      if (reply.length >= end + 2 + length) done(reply.subarray(end + 2, end + 2 + length).toString());
    });
    socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}

/** Starts `redis-server --port P --save '' --appendonly no` on a free port and waits until it answers PING. */
export async function startRedis(): Promise<RedisServer> {
  const binary = redisServerBinary();
  if (binary === null) throw new Error(redisUnavailable() ?? 'Redis is not installed');
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', HOST, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = async () => {
    running.delete(child);
    if (!exited(child)) child.kill('SIGKILL');
    await exitOf(child);
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (exited(child)) throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output}`);
    if ((await sendCommand(port, ['PING']).catch(() => null)) === '+PONG') break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not answer PING within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `redis://${HOST}:${port}`, port, command: (...args) => sendCommand(port, args), stop };
}
