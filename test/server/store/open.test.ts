import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../server/log.js';
import { openEventStore, storeKind } from '../../../server/store/open.js';
import { PostgresEventStore } from '../../../server/store/postgres.js';
import { SqliteEventStore } from '../../../server/store/sqlite.js';
import { postgresUnavailable, startPostgres } from '../../helpers/postgres.js';
import { session } from './contract.js';

const log = createLogger('silent');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const unavailable = postgresUnavailable();

describe('choosing the event store from the configuration', () => {
  it('opens the embedded SQLite file under the data folder when no DATABASE_URL is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deflect-open-'));
    dirs.push(dataDir);
    expect(storeKind({})).toBe('sqlite');
    const store = await openEventStore({ dataDir }, log);
    expect(store).toBeInstanceOf(SqliteEventStore);
    await store.close();
  });

  it.skipIf(unavailable !== null)(`opens PostgreSQL, schema and all, when DATABASE_URL is set${unavailable ? ` (skipped: ${unavailable})` : ''}`, async () => {
    const cluster = await startPostgres();
    try {
      const config = { databaseUrl: cluster.url, dataDir: '/nonexistent' };
      expect(storeKind(config)).toBe('postgresql');
      const store = await openEventStore(config, log);
      expect(store).toBeInstanceOf(PostgresEventStore);
      await store.createSession(session('s1', 'ABC123'));
      expect((await store.getSession('s1'))?.joinCode).toBe('ABC123');
      await store.close();
    } finally {
      await cluster.stop();
    }
  }, 60_000);

  it('stops with the reason when the database cannot be reached', async () => {
    await expect(openEventStore({ databaseUrl: 'postgresql://nobody@127.0.0.1:1/none', dataDir: '/nonexistent' }, log)).rejects.toThrow(/ECONNREFUSED/);
  });
});
