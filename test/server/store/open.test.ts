import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../server/config.js';
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

  it('stops with a sentence naming the variable, the reason and what to do when the database cannot be reached, never the password', async () => {
    const opening = openEventStore({ databaseUrl: 'postgresql://nobody:s3cret@127.0.0.1:1/none', dataDir: '/nonexistent' }, log);
    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    const message = ((await opening.catch((e: unknown) => e)) as Error).message;
    expect(message).toMatch(/^DATABASE_URL=postgresql:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none: PostgreSQL could not be opened \(connect ECONNREFUSED 127\.0\.0\.1:1\)\. .*leave DATABASE_URL unset/);
    expect(message).not.toContain('s3cret');
  });

  it('stops with a sentence naming DATA_DIR when the SQLite file cannot be made there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deflect-open-'));
    dirs.push(dir);
    const notAFolder = join(dir, 'a-file');
    writeFileSync(notAFolder, 'not a folder');
    await expect(openEventStore({ dataDir: notAFolder }, log)).rejects.toThrow(new RegExp(`^DATA_DIR=${notAFolder}: the event store .*deflect\\.db cannot be opened \\(EEXIST.*Point DATA_DIR at a folder`));
  });
});
