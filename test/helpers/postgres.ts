// A throwaway PostgreSQL cluster for a test run: initdb into a temporary folder, a free port on
// the loopback interface, its unix socket in that folder, stopped and removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { HOST, freePort } from './process.js';

/** The user the cluster's superuser is called; it trusts local connections, so no password. */
const SUPERUSER = 'deflect';

export interface PostgresCluster {
  /** The URL of the database made for the run (`DATABASE_URL`). */
  url: string;
  /** Makes another empty database in the cluster and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Where `initdb` and `pg_ctl` are: `PG_BIN`, else the newest /usr/lib/postgresql/<n>/bin, else the PATH; null when nowhere. */
export function postgresBinDir(): string | null {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  if (process.env.PG_BIN) return has(process.env.PG_BIN) ? process.env.PG_BIN : null;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (has(join(root, v, 'bin'))) return join(root, v, 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return found && has(join(found, '..')) ? join(found, '..') : null;
}

/**
 * Why the PostgreSQL tests cannot run here, or null when they can. With
 * DEFLECT_REQUIRE_SERVICES=1 (CI) a missing PostgreSQL is an error, not a reason to skip.
 */
export function postgresUnavailable(): string | null {
  if (postgresBinDir() !== null) return null;
  const reason = 'PostgreSQL is not installed (no initdb/pg_ctl under PG_BIN, /usr/lib/postgresql/*/bin or the PATH)';
  if (process.env.DEFLECT_REQUIRE_SERVICES === '1') throw new Error(`${reason}, and DEFLECT_REQUIRE_SERVICES=1 requires it.`);
  return reason;
}

/** Server settings for `startPostgres`, e.g. `{ synchronous_commit: 'off' }`. */
export type PostgresSettings = Record<string, string>;

const running = new Set<() => void>();
process.once('exit', () => running.forEach((stop) => stop()));

/**
 * Starts a cluster of its own and makes the database `deflect`. Run as root (as CI is), the
 * cluster belongs to the `postgres` user, since initdb refuses root.
 */
export async function startPostgres(settings: PostgresSettings = {}): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (bin === null) throw new Error(postgresUnavailable() ?? 'PostgreSQL is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'deflect-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
    const result = spawnSync(cmd, argv, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${tool} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', SUPERUSER, '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const port = await freePort();
  const options = [`-p ${port}`, `-k ${dir}`, `-c listen_addresses=${HOST}`, ...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)].join(' ');
  run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '30', 'start']);
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    running.delete(stopNow);
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  running.add(stopNow);
  const urlOf = (database: string) => `postgresql://${SUPERUSER}@${HOST}:${port}/${database}`;
  const createDatabase = async (name: string) => {
    const admin = new pg.Client({ connectionString: urlOf('postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } finally {
      await admin.end();
    }
    return urlOf(name);
  };
  try {
    return { url: await createDatabase('deflect'), createDatabase, stop: async () => stopNow() };
  } catch (err) {
    stopNow();
    throw err;
  }
}
