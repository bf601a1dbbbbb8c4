import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expiredSessions, retentionPolicy, sweepExpired, type RetentionPolicy } from '../../server/retention.js';
import { loadConfig } from '../../server/config.js';
import { createLogger } from '../../server/log.js';
import { SqliteEventStore } from '../../server/store/sqlite.js';
import type { SessionActivity } from '../../server/store/types.js';
import { joined, session } from './store/contract.js';

const policy: RetentionPolicy = { endedDays: 90, idleDays: 30, unusedHours: 24 };
const NOW = Date.parse('2027-03-01T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('which exercises retention expires', () => {
  it('takes its defaults from the configuration: 90 days after the end, 30 idle days, 72 hours unused', () => {
    expect(retentionPolicy(loadConfig({}))).toEqual({ ...policy, unusedHours: 72 });
  });

  it('expires each kind of exercise at its own age, and not a moment before', () => {
    const activity: SessionActivity[] = [
      { id: 'ended-old', status: 'ended', createdAt: ago(200 * DAY), lastEventAt: ago(90 * DAY) },
      { id: 'ended-recent', status: 'ended', createdAt: ago(200 * DAY), lastEventAt: ago(90 * DAY - 1) },
      { id: 'idle', status: 'open', createdAt: ago(60 * DAY), lastEventAt: ago(30 * DAY) },
      { id: 'paused-for-weeks', status: 'open', createdAt: ago(60 * DAY), lastEventAt: ago(29 * DAY) },
      { id: 'unused', status: 'open', createdAt: ago(24 * HOUR), lastEventAt: null },
      { id: 'made-this-morning', status: 'open', createdAt: ago(23 * HOUR), lastEventAt: null },
      { id: 'bad-time', status: 'open', createdAt: 'yesterday', lastEventAt: null },
    ];
    expect(expiredSessions(activity, NOW, policy)).toEqual([
      { id: 'ended-old', reason: 'ended', lastActivityAt: ago(90 * DAY) },
      { id: 'idle', reason: 'idle', lastActivityAt: ago(30 * DAY) },
      { id: 'unused', reason: 'unused', lastActivityAt: ago(24 * HOUR) },
    ]);
  });
});

describe('the retention janitor on a real store', () => {
  let store: SqliteEventStore;
  const lines: unknown[] = [];
  const log = createLogger('silent');
  beforeEach(async () => {
    store = new SqliteEventStore(':memory:');
    lines.length = 0;
    log.info = ((obj: unknown, msg?: string) => lines.push([obj, msg])) as typeof log.info;
    const exercise = async (id: string, code: string, createdAt: string, eventsAt: string[], status: 'open' | 'ended' = 'open') => {
      await store.createSession(session(id, code, createdAt));
      for (const [i, at] of eventsAt.entries()) await store.append(id, i, [{ data: joined(`p${i}`), actor: `p${i}`, at }], 1);
      if (status === 'ended') await store.setStatus(id, 'ended');
    };
    await exercise('ended-long-ago', 'AAAAAA', ago(100 * DAY), [ago(100 * DAY), ago(95 * DAY)], 'ended');
    await exercise('ended-last-week', 'BBBBBB', ago(10 * DAY), [ago(10 * DAY), ago(7 * DAY)], 'ended');
    await exercise('abandoned', 'CCCCCC', ago(45 * DAY), [ago(45 * DAY), ago(31 * DAY)]);
    await exercise('running-here', 'DDDDDD', ago(45 * DAY), [ago(40 * DAY)]);
    await exercise('never-joined', 'EEEEEE', ago(2 * DAY), []);
    await exercise('made-for-this-afternoon', 'FFFFFF', ago(3 * HOUR), []);
    await exercise('played-today', 'GGGGGG', ago(5 * HOUR), [ago(4 * HOUR)]);
  });
  afterEach(async () => {
    await store.close();
  });

  it('deletes the expired exercises with their logs, keeps the rest and any whose room runs, and logs each deletion', async () => {
    const removed = await sweepExpired({ store, policy, log, isActive: (id) => id === 'running-here', now: () => NOW });
    expect(removed.map((r) => [r.id, r.reason])).toEqual([
      ['ended-long-ago', 'ended'],
      ['abandoned', 'idle'],
      ['never-joined', 'unused'],
    ]);
    expect((await store.listActivity()).map((a) => a.id).sort()).toEqual(['ended-last-week', 'made-for-this-afternoon', 'played-today', 'running-here']);
    expect(await store.readEvents('abandoned')).toEqual([]);
    expect(await store.findSessionByJoinCode('AAAAAA')).toBeNull();
    expect(lines).toContainEqual([{ exerciseId: 'never-joined', reason: 'unused', lastActivityAt: ago(2 * DAY) }, 'retention: exercise deleted']);
    expect(lines).toContainEqual([{ ended: 1, idle: 1, unused: 1 }, 'retention: 3 exercise(s) deleted']);
  });

  it('deletes the running room’s exercise once the room is gone, and later what has aged since', async () => {
    await sweepExpired({ store, policy, log, isActive: (id) => id === 'running-here', now: () => NOW });
    const later = await sweepExpired({ store, policy, log, isActive: () => false, now: () => NOW + 84 * DAY });
    expect(later.map((r) => [r.id, r.reason])).toEqual([
      ['running-here', 'idle'],
      ['ended-last-week', 'ended'],
      ['played-today', 'idle'],
      ['made-for-this-afternoon', 'unused'],
    ]);
    expect(await store.listActivity()).toEqual([]);
  });

  it('does nothing, and logs nothing, when nothing has expired', async () => {
    expect(await sweepExpired({ store, policy, log, isActive: () => false, now: () => NOW - 200 * DAY })).toEqual([]);
    expect(lines).toEqual([]);
  });
});
