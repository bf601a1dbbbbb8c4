import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../../../server/store/sqlite.js';
import { eventStoreContract, joined, session } from './contract.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function fileStore(): SqliteEventStore {
  const dir = mkdtempSync(join(tmpdir(), 'deflect-store-'));
  dirs.push(dir);
  return new SqliteEventStore(join(dir, 'nested', 'deflect.db'));
}

eventStoreContract('SQLite', async () => fileStore());

describe('the SQLite event store on disk', () => {
  it('keeps sessions and logs across closing and reopening the file, as after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deflect-store-'));
    dirs.push(dir);
    const file = join(dir, 'deflect.db');
    const before = new SqliteEventStore(file);
    await before.createSession(session('s1', 'ABC123'));
    await before.append('s1', 0, [{ data: joined('a'), actor: 'a', at: '2026-11-22T10:00:00.000Z' }], 1);
    await before.close();
    const after = new SqliteEventStore(file);
    expect((await after.getSession('s1'))?.joinCode).toBe('ABC123');
    expect((await after.readEvents('s1')).map((e) => e.data)).toEqual([joined('a')]);
    await after.close();
  });
});
