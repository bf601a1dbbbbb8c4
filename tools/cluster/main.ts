// `npm run start:cluster -- [--processes N] [--base-port P] [--entry-port E]`: N Deflect
// processes on one machine sharing Redis and PostgreSQL (docs/cluster.md), each at its own
// address, and one entry address in front of them for the browser. Ctrl-C stops them all.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startEntry, type Entry } from './entry.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** How long a process may take to answer /api/health after it is spawned. */
const START_TIMEOUT_MS = 60_000;
/** How long Ctrl-C waits for the processes' graceful shutdown before killing them. */
const STOP_TIMEOUT_MS = 20_000;

const USAGE = `Starts several Deflect processes on this machine, sharing rooms through Redis and exercises through PostgreSQL.

  npm run start:cluster -- [--processes N] [--base-port P] [--entry-port E]

  --processes N   how many server processes (default 2), on ports P … P+N-1
  --base-port P   the first process's port (default 2568); each has PUBLIC_ADDRESS=localhost:<its port>
  --entry-port E  one address in front of them all, for the browser (default 2567; 0: none)

Environment:
  DATABASE_URL    required: the PostgreSQL database they share (several processes cannot share one SQLite file)
  REDIS_URL       the Redis they share; unset, a throwaway redis-server is started on a free port if installed
  Any other setting (LOG_LEVEL, ADMIN_KEY, …) is passed to every process.`;

class UsageError extends Error {}

function options(argv: string[]): { processes: number; basePort: number; entryPort: number } {
  const { values } = parseArgs({
    args: argv,
    options: { processes: { type: 'string' }, 'base-port': { type: 'string' }, 'entry-port': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const integer = (name: string, raw: string | undefined, fallback: number, min: number, max: number) => {
    const value = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not ${raw}.`);
    return value;
  };
  const processes = integer('processes', values.processes, 2, 1, 64);
  const basePort = integer('base-port', values['base-port'], 2568, 1, 65535 - processes + 1);
  const entryPort = integer('entry-port', values['entry-port'], 2567, 0, 65535);
  if (entryPort >= basePort && entryPort < basePort + processes) throw new UsageError(`--entry-port ${entryPort} is one of the processes' ports (${basePort}–${basePort + processes - 1}).`);
  return { processes, basePort, entryPort };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Copies a child's output to ours, each line prefixed with `tag`. */
function relay(child: ChildProcess, tag: string): void {
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) out.write(`${tag} ${line}\n`);
    });
  }
}

/** Starts a redis-server of our own on a free port (nothing saved to disk); null when none is installed. */
async function startOwnRedis(): Promise<{ url: string; child: ChildProcess } | null> {
  const binary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!binary) return null;
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  relay(child, '[redis]');
  // The servers wait for Redis to answer (5 s) when they start: a fresh redis-server is ready long before.
  await new Promise((r) => setTimeout(r, 300));
  return { url: `redis://127.0.0.1:${port}`, child };
}

async function healthy(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the process for ${url} exited (${child.exitCode ?? child.signalCode}) before it answered`);
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the process for ${url} did not answer /api/health within ${START_TIMEOUT_MS / 1000} s`);
}

async function main(): Promise<void> {
  const { processes, basePort, entryPort } = options(process.argv.slice(2));
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new UsageError(
      'DATABASE_URL is not set. Several processes cannot share the embedded SQLite store safely (each would hold its own rooms over one file, with no lock between processes); ' +
        'give them a PostgreSQL database, e.g. DATABASE_URL=postgresql://deflect@localhost:5432/deflect npm run start:cluster. One process alone: npm start.',
    );
  }
  const children: ChildProcess[] = [];
  let ownRedis: ChildProcess | null = null;
  let redis = process.env.REDIS_URL;
  if (!redis) {
    const own = await startOwnRedis();
    if (!own) throw new UsageError('REDIS_URL is not set and redis-server is not installed: install Redis (apt-get install redis-server) or set REDIS_URL.');
    ownRedis = own.child;
    redis = own.url;
    console.log(`REDIS_URL is not set: started a throwaway redis-server at ${redis} (nothing saved; it stops with the cluster).`);
  }

  let entry: Entry | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await entry?.close();
    const servers = children.filter((c) => c.exitCode === null && c.signalCode === null);
    for (const c of servers) c.kill('SIGTERM');
    await Promise.race([Promise.all(servers.map((c) => new Promise((r) => c.once('exit', r)))), new Promise((r) => setTimeout(r, STOP_TIMEOUT_MS))]);
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    // Redis last: the processes tell it their rooms are gone as they stop.
    ownRedis?.kill('SIGTERM');
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const servers: { url: string; child: ChildProcess }[] = [];
  for (let i = 0; i < processes; i++) {
    const port = basePort + i;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        PUBLIC_ADDRESS: `localhost:${port}`,
        REDIS_URL: redis,
        DATABASE_URL: databaseUrl,
        // Behind the entry every request comes from it: take the address it forwards.
        ...(entryPort !== 0 && process.env.TRUST_PROXY === undefined ? { TRUST_PROXY: 'true' } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    relay(child, `[p${i + 1}:${port}]`);
    child.once('exit', (code, signal) => {
      if (!stopping) console.error(`process ${i + 1} (port ${port}) stopped (${signal ?? `exit code ${code}`}); the others carry on and take over its exercises`);
    });
    children.push(child);
    servers.push({ url: `http://localhost:${port}`, child });
  }
  try {
    await Promise.all(servers.map((s) => healthy(s.url, s.child)));
  } catch (err) {
    console.error(`The cluster did not start: ${(err as Error).message}`);
    await stop(1);
    return;
  }
  if (entryPort !== 0) entry = await startEntry(servers.map((s) => s.url), entryPort);

  console.log(`\n${processes} Deflect process${processes === 1 ? '' : 'es'} ${processes === 1 ? 'shares' : 'share'} ${redis.replace(/:[^:@/]*@/, ':***@')} and the database:`);
  servers.forEach((s, i) => console.log(`  process ${i + 1}: ${s.url}`));
  if (entry) console.log(`Open ${entry.url} (it passes requests to the processes in turn). Ctrl-C stops them all.`);
  else console.log('Ctrl-C stops them all.');
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? err.message : err);
  process.exit(1);
});
