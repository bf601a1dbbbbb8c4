// A graceful shutdown among several processes (Redis and PostgreSQL shared): the process that
// runs an exercise's room gets SIGTERM in the middle of play; its clients are told to reconnect
// (1012), come back by themselves through the entry in front of the processes, and find the
// exercise restored from the log on another process, in their seats, with every acknowledged
// command kept. The other process stays ready throughout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcceptedMessage, RejectedMessage } from '../../shared/protocol.js';
import type { StoredEvent } from '../../server/store/types.js';
import { startEntry } from '../../tools/cluster/entry.js';
import { postgresUnavailable, startPostgres, type PostgresCluster } from '../helpers/postgres.js';
import { HOST, exitOf, freePort, startServerProcess, stopAllServerProcesses, type ServerProcess } from '../helpers/process.js';
import { redisUnavailable, startRedis, type RedisServer } from '../helpers/redis.js';
import { TestPlayer, api, createExercise } from '../helpers/server.js';

const unavailable = redisUnavailable() ?? postgresUnavailable();
const skipped = unavailable ? ` (skipped: ${unavailable})` : '';

let postgres: PostgresCluster | undefined;
let redis: RedisServer | undefined;
let dataDir: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  if (unavailable) return;
  dataDir = mkdtempSync(join(tmpdir(), 'deflect-ops-cluster-'));
  postgres = await startPostgres({ synchronous_commit: 'off', fsync: 'off' });
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
  await stopAllServerProcesses();
  await redis?.stop();
  await postgres?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe.skipIf(unavailable !== null)(`a graceful shutdown among several processes${skipped}`, () => {
  it('hands a SIGTERMed process’s exercise to another: clients back in their seats by themselves, nothing acknowledged lost', async () => {
    const databaseUrl = await postgres!.createDatabase('drain');
    const processes: ServerProcess[] = [];
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      processes.push(await startServerProcess(port, dataDir, { env: { REDIS_URL: redis!.url, DATABASE_URL: databaseUrl, PUBLIC_ADDRESS: `${HOST}:${port}` } }));
    }
    const entry = await startEntry(
      processes.map((p) => p.url),
      0,
      HOST,
    );
    cleanups.push(() => entry.close());

    const created = await createExercise(entry.url, 16);
    const fran = await TestPlayer.join(entry.url, created.joinCode, 'Fran', created.facilitatorKey, undefined, { reconnect: true });
    const uma = await TestPlayer.join(entry.url, created.joinCode, 'Uma', undefined, undefined, { reconnect: true });
    cleanups.push(() => fran.close(), () => uma.close());
    await fran.do({ type: 'ClaimSeat', seat: 'facilitator' });
    await uma.do({ type: 'ClaimSeat', seat: 'actor:usa' });
    await fran.do({ type: 'AdvancePhase' });
    await fran.do({ type: 'AdvancePhase' });
    const closeCodes: number[] = [];
    uma.room.onLeave((code) => closeCodes.push(code));

    const json = await redis!.command('HGET', 'roomcaches', created.roomId);
    const host = processes.find((p) => p.url === `http://${(JSON.parse(json!) as { publicAddress: string }).publicAddress}`)!;
    const other = processes.find((p) => p !== host)!;
    // Commands still arriving as the signal lands: each is either acknowledged (and kept) or refused as restarting.
    const answers = Array.from({ length: 5 }, (_, i) => uma.fire({ type: 'SendMessage', to: 'public', text: `as the server stops ${i}` }));
    host.child.kill('SIGTERM');
    expect(await exitOf(host.child, 20_000), `the process exits on SIGTERM\n${host.output()}`).toBe(true);
    expect(host.child.exitCode).toBe(0);
    expect(closeCodes).toEqual([1012]);
    expect((await fetch(`${other.url}/api/ready`)).status, 'the other process stays ready').toBe(200);

    await uma.until('Uma back by herself', () => uma.reconnections === 1 && uma.followed !== null, 30_000);
    await fran.until('Fran back by herself', () => fran.reconnections === 1 && fran.followed !== null, 30_000);
    expect(uma.seat).toBe('actor:usa');
    expect(fran.seat).toBe('facilitator');
    const restored = JSON.parse((await redis!.command('HGET', 'roomcaches', created.roomId))!) as { publicAddress: string };
    expect(`http://${restored.publicAddress}`, 'the room runs on the other process now').toBe(other.url);
    await uma.do({ type: 'SendMessage', to: 'public', text: 'back on the other process' });

    const settled = (await Promise.all(answers)) as (AcceptedMessage | RejectedMessage)[];
    const acknowledged = settled.filter((a): a is AcceptedMessage => !('code' in a));
    for (const refused of settled.filter((a): a is RejectedMessage => 'code' in a)) expect(refused.code).toBe('server/restarting');
    const log = await api<{ events: StoredEvent[] }>(entry.url, `/api/exercises/${created.exerciseId}/events`, { key: created.facilitatorKey });
    expect(log.status).toBe(200);
    const texts = log.body.events.map((e) => JSON.stringify(e.data));
    for (const a of acknowledged) {
      const event = log.body.events.find((e) => e.seq === a.lastSeq);
      expect(event, `seq ${a.lastSeq} is in the log`).toBeDefined();
      expect(JSON.stringify(event!.data)).toMatch(/as the server stops \d/);
    }
    expect(texts.filter((t) => t.includes('as the server stops')).length, 'exactly the acknowledged ones are stored').toBe(acknowledged.length);
    expect(log.body.events.map((e) => e.seq)).toEqual(log.body.events.map((_, i) => i + 1));
    console.log(`graceful handover: ${acknowledged.length} of ${settled.length} commands in flight acknowledged and kept, the rest refused as restarting`);
  }, 120_000);
});
