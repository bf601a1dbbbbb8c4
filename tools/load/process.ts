// Measuring processes from outside: a server the load tool spawns (tools/load/server.ts),
// its CPU time and resident memory from /proc, and the lines it logs.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ServerSample } from './server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOST = '127.0.0.1';
/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

/** A process's CPU time so far (user + system) and resident memory, from /proc. */
export interface ProcStat {
  cpuMs: number;
  rssKb: number;
}

/** Reads /proc/<pid>/stat and /status; null when the process is gone or /proc is not there. */
export function procStat(pid: number): ProcStat | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S, rssKb: Number(/VmRSS:\s+(\d+)/.exec(status)![1]) };
  } catch {
    return null;
  }
}

/** How busy the whole machine is: the 1-minute load average and the share of the last minute some task waited for a CPU (Linux PSI). */
export function machineLoad(): { loadAverage1: number; cpuPressurePercent: number | null } {
  let cpuPressurePercent: number | null = null;
  try {
    const m = /some avg10=[\d.]+ avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    if (m) cpuPressurePercent = Number(m[1]);
  } catch {
    // No PSI on this kernel.
  }
  return { loadAverage1: loadavg()[0]!, cpuPressurePercent };
}

/** The environment that lifts the server's per-address and global creation and join limits (one address plays every table). */
export const GENEROUS_LIMITS_ENV: Record<string, string> = {
  CREATE_PER_HOUR: '1000000',
  CREATE_GLOBAL_PER_HOUR: '10000000',
  JOIN_LOOKUPS_PER_MINUTE: '1000000',
  JOIN_FREE_MISSES: '1000000',
  MATCHMAKE_PER_MINUTE: '1000000',
};

/** The server's log lines by pino level, and the first error lines in full. */
export interface LogCounts {
  lines: number;
  warnings: number;
  /** Lines at level 50 (error) or above (fatal). */
  errors: number;
  errorLines: string[];
}

/** A server process the load tool started. */
export interface SpawnedServer {
  url: string;
  pid: number;
  child: ChildProcess;
  log: LogCounts;
  /** Memory after a full GC and the open rooms and clients, as the server reports them on SIGUSR2. */
  sample(): Promise<ServerSample>;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s). */
  stop(): Promise<void>;
}

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

/** Settings that make a server share its store or rooms: a spawned server gets them only from its caller, never from this shell. */
const SHARING_ENV = ['DATABASE_URL', 'REDIS_URL', 'PUBLIC_ADDRESS'] as const;

/**
 * Starts `node --expose-gc --import tsx tools/load/server.ts` (or another server entry taking
 * the same two arguments) on a free port and `dataDir`, with generous creation limits and
 * warnings logged, and waits until it answers /api/health. `env` may depend on the port (a
 * process's own `PUBLIC_ADDRESS`); without `DATABASE_URL` in it the server uses SQLite in `dataDir`.
 */
export async function spawnServer(dataDir: string, env: Record<string, string> | ((port: number) => Record<string, string>) = {}, script = 'tools/load/server.ts'): Promise<SpawnedServer> {
  const port = await freePort();
  const inherited = { ...process.env };
  for (const name of SHARING_ENV) delete inherited[name];
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script, String(port), dataDir], {
    cwd: ROOT,
    env: { ...inherited, LOG_LEVEL: 'warn', ...GENEROUS_LIMITS_ENV, ...(typeof env === 'function' ? env(port) : env) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: LogCounts = { lines: 0, warnings: 0, errors: 0, errorLines: [] };
  let tail = '';
  const samples: ((s: ServerSample) => void)[] = [];
  let partial = '';
  const read = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('sample ')) {
        samples.shift()?.(JSON.parse(line.slice(7)) as ServerSample);
        continue;
      }
      const level = /^\{"level":(\d+)/.exec(line)?.[1];
      if (level === undefined) continue;
      log.lines++;
      if (Number(level) >= 50) {
        log.errors++;
        if (log.errorLines.length < 20) log.errorLines.push(line.slice(0, 2000));
      } else if (Number(level) >= 40) log.warnings++;
    }
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000)));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const kill = () => {
    if (!exited()) child.kill('SIGKILL');
  };
  process.once('exit', kill);

  const url = `http://${HOST}:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited()) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before answering:\n${tail}`);
    if (Date.now() > deadline) {
      kill();
      throw new Error(`the server did not answer /api/health within 30 s:\n${tail}`);
    }
    try {
      if ((await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) })).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    pid: child.pid!,
    child,
    log,
    sample: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the server did not report its memory within 30 s')), 30_000);
        samples.push((s) => {
          clearTimeout(timer);
          resolve(s);
        });
        child.kill('SIGUSR2');
      }),
    stop: async () => {
      if (exited()) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(kill, 10_000);
      await gone;
      clearTimeout(timer);
      process.removeListener('exit', kill);
    },
  };
}
