// The shared services a bench configuration runs on: a throwaway PostgreSQL cluster and Redis
// (the test helpers' own, test/helpers/postgres.ts and redis.ts, loaded at run time since
// tools/ is compiled apart from test/), and N server processes sharing them behind the
// round-robin entry of tools/cluster.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEntry, type Entry } from '../cluster/entry.js';
import { spawnServer, type SpawnedServer } from './process.js';

/** A throwaway PostgreSQL cluster (test/helpers/postgres.ts). */
export interface PostgresCluster {
  url: string;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** A throwaway Redis (test/helpers/redis.ts). */
export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

interface PostgresHelper {
  postgresUnavailable(): string | null;
  startPostgres(settings?: Record<string, string>): Promise<PostgresCluster>;
}
interface RedisHelper {
  redisUnavailable(): string | null;
  startRedis(): Promise<RedisServer>;
}

// Paths held in variables: the compiler leaves them alone, tsx loads them when the bench runs.
const POSTGRES_HELPER = '../../test/helpers/postgres.js';
const REDIS_HELPER = '../../test/helpers/redis.js';
const STORE_BENCH = '../../test/bench/store.bench.js';

const postgresHelper = () => import(POSTGRES_HELPER) as Promise<PostgresHelper>;
const redisHelper = () => import(REDIS_HELPER) as Promise<RedisHelper>;

/** What is missing for the parts that need PostgreSQL or Redis, each as a sentence naming the package to install (null: installed, or not needed). */
export async function missingServices(need: { postgres: boolean; redis: boolean }): Promise<{ postgres: string | null; redis: string | null }> {
  // DEFLECT_REQUIRE_SERVICES=1 makes the helpers throw instead of answering: here a missing service is reported either way.
  const reason = (check: () => string | null) => {
    try {
      return check();
    } catch (e) {
      return (e as Error).message;
    }
  };
  const postgres = need.postgres ? reason((await postgresHelper()).postgresUnavailable) : null;
  const redis = need.redis ? reason((await redisHelper()).redisUnavailable) : null;
  return {
    postgres: postgres && `${postgres}: install it with \`apt-get install -y postgresql\` (the bench starts its own throwaway cluster; no service needs to run)`,
    redis: redis && `${redis}: install it with \`apt-get install -y redis-server\` (the bench starts its own on a free port)`,
  };
}

/** Starts a throwaway PostgreSQL cluster (initdb in a temp folder, a free port; stopped with the bench). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  return (await postgresHelper()).startPostgres();
}

/** Starts a throwaway redis-server on a free port, nothing saved. */
export async function startRedisServer(): Promise<RedisServer> {
  return (await redisHelper()).startRedis();
}

let databases = 0;

/** A fresh database in `cluster` for one step; with `synchronousCommit: false`, every connection to it commits without waiting for the WAL flush (ADR 0005). */
export async function freshDatabase(cluster: PostgresCluster, label: string, options: { synchronousCommit: boolean }): Promise<string> {
  const name = `bench_${label.replace(/[^a-z0-9]/gi, '_')}_${++databases}`;
  const url = await cluster.createDatabase(name);
  if (!options.synchronousCommit) {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
    } finally {
      await admin.end();
    }
  }
  return url;
}

/** Server processes sharing Redis and PostgreSQL, and the entry that takes HTTP to them in turn. */
export interface ProcessGroup {
  /** The entry's address: what clients are given (creation, lookups and joins go round; WebSockets go to each room's process). */
  url: string;
  servers: SpawnedServer[];
  stop(): Promise<void>;
}

/**
 * Starts `processes` load-tool servers (tools/load/server.ts) sharing `databaseUrl` and
 * `redisUrl`, each with its own `PUBLIC_ADDRESS` (its port on the loopback interface), and the
 * entry of tools/cluster in front of them, as `npm run start:cluster` does.
 */
export async function startProcessGroup(processes: number, shared: { databaseUrl: string; redisUrl: string }): Promise<ProcessGroup> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deflect-cluster-'));
  const servers: SpawnedServer[] = [];
  let entry: Entry | null = null;
  const stop = async () => {
    await entry?.close();
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // One at a time: each waits for Redis and runs the migrations under their lock.
    for (let i = 0; i < processes; i++) {
      servers.push(await spawnServer(dataDir, (port) => ({ DATABASE_URL: shared.databaseUrl, REDIS_URL: shared.redisUrl, PUBLIC_ADDRESS: `127.0.0.1:${port}` })));
    }
    entry = await startEntry(
      servers.map((s) => s.url),
      0,
      '127.0.0.1',
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: entry.url, servers, stop };
}

/** The store benchmark's figures (test/bench/store.bench.ts): each store's append latency, one session appending alone. */
export interface AppendBench {
  sqlite: { medianMs: number; p99Ms: number };
  postgres: { medianMs: number; p99Ms: number } | null;
  postgresAsync: { medianMs: number; p99Ms: number } | null;
  /** The store bench's own report, as `npm run bench` prints it. */
  details: string;
}

/** Runs the store benchmark of `npm run bench` with `appends` appends per store. */
export async function appendBench(appends: number): Promise<AppendBench> {
  type One = { one: { medianMs: number; p99Ms: number } };
  const { benchStore } = (await import(STORE_BENCH)) as {
    benchStore(o: { appends: number }): Promise<{ details: string; figures: { sqlite: One; postgres: One | null; postgresAsync: One | null } }>;
  };
  const r = await benchStore({ appends });
  return { sqlite: r.figures.sqlite.one, postgres: r.figures.postgres?.one ?? null, postgresAsync: r.figures.postgresAsync?.one ?? null, details: r.details };
}
