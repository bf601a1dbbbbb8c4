import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTGRES_KEY_LOOKUP, POSTGRES_MIGRATIONS, PostgresEventStore } from '../../../server/store/postgres.js';
import { ConcurrencyError } from '../../../server/store/types.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../../helpers/postgres.js';
import { eventStoreContract, joined, keyHashOf, session } from './contract.js';

const unavailable = postgresUnavailable();
if (unavailable) console.warn(`PostgreSQL event store tests skipped: ${unavailable}.`);
const at = '2026-11-22T10:00:01.000Z';

describe.skipIf(unavailable !== null)(`the PostgreSQL event store${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let cluster: PostgresCluster;
  let databases = 0;
  /** Each test gets an empty database of its own, brought up to date by the store as it opens. */
  const freshUrl = () => cluster.createDatabase(`contract_${++databases}`);

  beforeAll(async () => {
    cluster = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  eventStoreContract('PostgreSQL', async () => PostgresEventStore.open(await freshUrl()));

  it('applies its migrations once, even when two processes open the same database at the same moment', async () => {
    const url = await freshUrl();
    const stores = await Promise.all([PostgresEventStore.open(url), PostgresEventStore.open(url), PostgresEventStore.open(url)]);
    await stores[0]!.createSession(session('s1', 'ABC123'));
    expect((await stores[2]!.getSession('s1'))?.joinCode).toBe('ABC123');
    await Promise.all(stores.map((s) => s.close()));
    const again = await PostgresEventStore.open(url);
    expect((await again.getSession('s1'))?.id).toBe('s1');
    await again.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
  });

  it('brings a database at its first schema up to date: old events have no command id, new ones keep theirs', async () => {
    const url = await freshUrl();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // The database as the first PostgreSQL store left it, with one event.
    await client.query(POSTGRES_MIGRATIONS[0]!);
    await client.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    await client.query('INSERT INTO schema_migrations (version) VALUES (1)');
    const s = session('old', 'OLD123');
    await client.query(
      `INSERT INTO sessions (id, join_code, facilitator_key_hash, scenario_json, seed, rules_version, created_at, status, group_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $1)`,
      [s.id, s.joinCode, s.facilitatorKeyHash, JSON.stringify(s.scenario), s.seed, s.rulesVersion, s.createdAt, s.status],
    );
    await client.query('INSERT INTO events (session_id, seq, type, data, actor, at, rules_version) VALUES ($1, 1, $2, $3, $4, $5, 1)', ['old', 'ParticipantJoined', JSON.stringify(joined('a')), 'a', at]);
    const store = await PostgresEventStore.open(url);
    await store.append('old', 1, [{ data: joined('b'), actor: 'b', at, commandId: 'p1.1' }], 1);
    expect((await store.readEvents('old')).map((e) => [e.actor, e.commandId])).toEqual([
      ['a', undefined],
      ['b', 'p1.1'],
    ]);
    await store.close();
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    await client.end();
    expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
  });

  it('lets exactly one of two writers racing from the same sequence number append, the other gets a ConcurrencyError', async () => {
    const url = await freshUrl();
    const [a, b] = await Promise.all([PostgresEventStore.open(url), PostgresEventStore.open(url)]);
    await a.createSession(session('s1', 'ABC123'));
    for (let round = 0; round < 20; round++) {
      const results = await Promise.allSettled([
        a.append('s1', round, [{ data: joined(`a${round}`), actor: 'a', at }], 1),
        b.append('s1', round, [{ data: joined(`b${round}`), actor: 'b', at }], 1),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled'), `round ${round}`).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected');
      expect(rejected?.reason, `round ${round}`).toBeInstanceOf(ConcurrencyError);
    }
    expect((await a.readEvents('s1')).map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    await Promise.all([a.close(), b.close()]);
  });

  it('keeps an event’s JSON text exactly as written, key order included', async () => {
    const url = await freshUrl();
    const store = await PostgresEventStore.open(url);
    await store.createSession(session('s1', 'ABC123'));
    const event = { type: 'RoundStarted', round: 1, date: '2031-03-10', title: 'Round 1', incomeMUsd: { zz: 1, aa: 2, m: 3 } } as const;
    await store.append('s1', 0, [{ data: event, actor: 'a', at }], 4);
    const [read] = await store.readEvents('s1');
    expect(JSON.stringify(read!.data)).toBe(JSON.stringify(event));
    await store.close();
  });

  it('looks a key hash up through an index on each role’s column', async () => {
    const url = await freshUrl();
    const store = await PostgresEventStore.open(url);
    await store.createSession(session('s1', 'ABC123'));
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // With few rows the planner may rightly prefer a scan; forbid it to see which indexes it can use.
    await client.query('SET enable_seqscan = off');
    const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${POSTGRES_KEY_LOOKUP}`, [keyHashOf('s1', 'debrief')])).rows.map((r) => r['QUERY PLAN']);
    await client.end();
    const indexes = plan.join('\n').match(/Index Scan on sessions_(facilitator|evaluator|debrief)_key/g) ?? [];
    expect(new Set(indexes).size, plan.join('\n')).toBe(3);
  });
});
