import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { PostgresEventStore } from './postgres.js';
import { SqliteEventStore } from './sqlite.js';
import type { EventStore } from './types.js';

/** Which store a configuration selects, for logs and readiness checks (never the URL: it may hold a password). */
export type StoreKind = 'postgresql' | 'sqlite';

/** The store a configuration selects: PostgreSQL when `DATABASE_URL` is set, else the embedded SQLite file under the data folder. */
export function storeKind(config: Pick<Config, 'databaseUrl'>): StoreKind {
  return config.databaseUrl === undefined ? 'sqlite' : 'postgresql';
}

/**
 * Opens the configured event store; PostgreSQL's schema is brought up to date first (several
 * processes starting at once apply each migration once).
 */
export async function openEventStore(config: Pick<Config, 'databaseUrl' | 'dataDir'>, log: Logger): Promise<EventStore> {
  if (config.databaseUrl === undefined) return new SqliteEventStore(join(config.dataDir, 'deflect.db'));
  return PostgresEventStore.open(config.databaseUrl, { onIdleError: (err) => log.error({ err }, 'PostgreSQL connection lost while idle') });
}
