import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, maskSecrets } from '../../server/config.js';
import { FairQueue } from '../../server/fair-queue.js';
import { HttpProblem } from '../../server/http-support.js';
import { Lifecycle, presenceReadinessCheck, runCheck } from '../../server/ops.js';

/** The message loadConfig throws for an environment. */
function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('the configuration was accepted');
}

describe('secrets in start-up errors', () => {
  it('does not print the password of an invalid DATABASE_URL, however malformed', () => {
    for (const url of ['mysql://deflect:hunter2@db/deflect', 'postgres://deflect:hun/ter2@db:99999/deflect', 'deflect:hunter2@db']) {
      const message = configError({ DATABASE_URL: url });
      expect(message).toContain('DATABASE_URL=');
      expect(message).not.toContain('hunter2');
      expect(message).not.toContain('ter2');
      expect(message).toContain('deflect:***@');
    }
  });

  it('does not print an admin key that is too short, only its length', () => {
    const message = configError({ ADMIN_KEY: 'sesame-123' });
    expect(message).toContain('ADMIN_KEY=(10 characters, not shown)');
    expect(message).not.toContain('sesame');
  });

  it('masks the password of every URL in a text and leaves the rest as it was', () => {
    expect(maskSecrets('ECONNREFUSED redis://:pw@10.0.0.1:6379 and postgresql://u:p@ss@db/x, see http://example.org/a:b')).toBe(
      'ECONNREFUSED redis://:***@10.0.0.1:6379 and postgresql://u:***@db/x, see http://example.org/a:b',
    );
  });
});

describe('draining', () => {
  it('refuses with 503, Retry-After and a sentence once draining, and says since when', () => {
    let nowMs = 1_000;
    const lifecycle = new Lifecycle(() => nowMs);
    expect(() => lifecycle.refuseWhileDraining('joins')).not.toThrow();
    expect(lifecycle.drainingForS()).toBeNull();
    lifecycle.drain();
    nowMs += 3_000;
    lifecycle.drain(); // a second signal changes nothing
    expect(lifecycle.drainingForS()).toBe(3);
    let refusal: unknown;
    try {
      lifecycle.refuseWhileDraining('joins');
    } catch (e) {
      refusal = e;
    }
    expect(refusal).toBeInstanceOf(HttpProblem);
    expect(refusal).toMatchObject({ status: 503, code: 'server/restarting', headers: { 'retry-after': '5' } });
    expect((refusal as Error).message).toMatch(/shutting down and takes no new joins/);
  });

  it('a fair queue tells when everything it accepted has run, tasks queued by tasks included', async () => {
    const queue = new FairQueue(() => 16, () => undefined);
    await queue.whenIdle(); // idle at once
    const ran: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    void queue.push('a', async () => {
      await gate;
      ran.push('a1');
      void queue.push('b', async () => void ran.push('b1'));
    });
    void queue.push('a', async () => void ran.push('a2'));
    let idle = false;
    const whenIdle = queue.whenIdle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(idle).toBe(false);
    release();
    await whenIdle;
    expect(ran.sort()).toEqual(['a1', 'a2', 'b1']);
    expect(queue.idle).toBe(true);
  });
});

describe('readiness checks', () => {
  it('fails a check that does not answer in time, saying so and how long it waited', async () => {
    const result = await runCheck({ name: 'slow', check: () => new Promise(() => undefined) }, 50);
    expect(result).toMatchObject({ name: 'slow', ok: false, error: 'no answer within 50 ms' });
    expect(result.ms).toBeGreaterThanOrEqual(45);
  });

  it('checks Redis through a presence that has a Redis client, and nothing for the in-memory one', async () => {
    let pinged = 0;
    const redisLike = { pub: { ping: async () => void pinged++ } };
    const check = presenceReadinessCheck(redisLike);
    expect(check?.name).toBe('redis');
    await check!.check();
    expect(pinged).toBe(1);
    expect(presenceReadinessCheck({ hset: () => undefined })).toBeNull();
    expect(presenceReadinessCheck(undefined)).toBeNull();
  });
});
