// A Deflect server as a real child process (as `npm start` runs it), for tests that kill it
// with SIGKILL and start it again on the same data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const HOST = '127.0.0.1';
/** How long a server process may take to answer its health check after being spawned. */
const START_TIMEOUT_MS = 30_000;
/** How long a killed process may take to be reaped. */
const EXIT_TIMEOUT_MS = 5_000;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** The last lines the process wrote (stdout and stderr), for failure messages. */
  output(): string;
}

const started: ServerProcess[] = [];
const killAll = () => {
  for (const p of started) if (!exited(p.child)) p.child.kill('SIGKILL');
};
// A real process must not outlive the test run, whatever happened.
process.once('exit', killAll);

/** A port nobody listens on right now, on the loopback interface. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(0, HOST, resolve);
  });
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

/** Resolves when the child has exited, or after `ms` (whichever comes first); true if it exited. */
export function exitOf(child: ChildProcess, ms = EXIT_TIMEOUT_MS): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The environment that lifts the per-address HTTP limits (see NO_HTTP_LIMITS in ./server.ts). */
export const NO_HTTP_LIMITS_ENV: Record<string, string> = {
  CREATE_PER_HOUR: '1000000',
  CREATE_GLOBAL_PER_HOUR: '1000000',
  JOIN_LOOKUPS_PER_MINUTE: '1000000',
  MATCHMAKE_PER_MINUTE: '1000000',
};

export interface ServerProcessOptions {
  /** Environment variables beyond PORT, HOST, DATA_DIR and LOG_LEVEL. */
  env?: Record<string, string>;
  /** Another entry point than server/main.ts (a benchmark's server), given the port and the folder as arguments. */
  script?: string;
  /** Flags for node itself (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

/** Starts `node --import tsx server/main.ts` on `dataDir` and `port` and waits until it answers /api/health. */
export async function startServerProcess(port: number, dataDir: string, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const { env = {}, script, nodeArgs = [] } = options;
  const args = script ? [script, String(port), dataDir] : ['server/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], {
    cwd: ROOT,
    // Per-address HTTP limits out of the way (one address plays whole tables here), and no walk of
    // every scenario's corridor in the background (seconds of CPU), unless `env` sets them.
    env: { ...process.env, PORT: String(port), HOST, DATA_DIR: dataDir, LOG_LEVEL: 'warn', WARM_CORRIDORS: 'false', ...NO_HTTP_LIMITS_ENV, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const server: ServerProcess = { child, url: `http://${HOST}:${port}`, output: () => output };
  started.push(server);

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`the server process exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output}`);
    try {
      const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return server;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the server process did not answer /api/health within ${START_TIMEOUT_MS} ms:\n${output}`);
}

/** Kills a server process with SIGKILL (no shutdown hook runs) and waits until it is gone; throws if it does not go. */
export async function crash(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  if (!(await exitOf(server.child))) throw new Error('the killed server process did not exit');
  if (server.child.signalCode !== 'SIGKILL') throw new Error(`the server process ended by ${server.child.signalCode ?? `exit code ${server.child.exitCode}`}, not SIGKILL`);
}

/** Kills every server process this file started and waits for them. */
export async function stopAllServerProcesses(): Promise<void> {
  killAll();
  await Promise.all(started.map((p) => exitOf(p.child)));
}
