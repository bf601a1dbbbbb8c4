import { join } from 'node:path';
import { ConfigError, redactedUrl, type Config } from '../config.js';
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
  if (config.databaseUrl === undefined) {
    const file = join(config.dataDir, 'deflect.db');
    try {
      return new SqliteEventStore(file);
    } catch (err) {
      throw new ConfigError(`DATA_DIR=${config.dataDir}: the event store ${file} cannot be opened (${messageOf(err)}). Point DATA_DIR at a folder this process can write.`);
    }
  }
  try {
    return await PostgresEventStore.open(config.databaseUrl, { onIdleError: (err) => log.error({ err }, 'PostgreSQL connection lost while idle') });
  } catch (err) {
    throw new ConfigError(
      `DATABASE_URL=${redactedUrl(config.databaseUrl)}: PostgreSQL could not be opened (${messageOf(err)}). Start it or correct the URL, or leave DATABASE_URL unset for the embedded SQLite store.`,
    );
  }
}

function messageOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // An AggregateError (every address of a host refused) has an empty message of its own.
  return message || ((err as { code?: string }).code ?? 'unknown error');
}
