import { describe, expect, it } from 'vitest';
import { FairQueue } from '../../server/fair-queue.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('FairQueue', () => {
  it('runs one task at a time, lanes taking turns, so a long lane delays another by at most one task', async () => {
    const ran: string[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const queue = new FairQueue(() => Infinity, () => undefined);
    const task = (name: string) => async () => {
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await tick();
      ran.push(name);
      concurrent--;
    };
    const all: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) all.push(queue.push('flood', task(`f${i}`))!);
    all.push(queue.push('calm', task('c0'))!);
    all.push(queue.push('calm', task('c1'))!);
    await Promise.all(all);
    expect(maxConcurrent).toBe(1);
    // f0 started as soon as it was queued; from then on the lanes alternate.
    expect(ran).toEqual(['f0', 'f1', 'c0', 'f2', 'c1', 'f3', 'f4']);
    expect(queue.idle).toBe(true);
  });

  it('keeps the order of tasks within a lane', async () => {
    const ran: number[] = [];
    const queue = new FairQueue(() => Infinity, () => undefined);
    await Promise.all([1, 2, 3, 4].map((n) => queue.push('a', async () => void ran.push(n))));
    expect(ran).toEqual([1, 2, 3, 4]);
  });

  it('refuses a task when its lane is full, and accepts again once the lane has drained', async () => {
    const queue = new FairQueue((lane) => (lane === 'server' ? Infinity : 2), () => undefined);
    let release!: () => void;
    const blocker = new Promise<void>((r) => (release = r));
    const first = queue.push('a', () => blocker)!; // running, not waiting
    expect(queue.push('a', async () => undefined)).not.toBeNull();
    expect(queue.push('a', async () => undefined)).not.toBeNull();
    expect(queue.push('a', async () => undefined)).toBeNull();
    expect(queue.waiting('a')).toBe(2);
    expect(queue.push('server', async () => undefined)).not.toBeNull();
    release();
    await first;
    await tick();
    await tick();
    expect(queue.push('a', async () => undefined)).not.toBeNull();
  });

  it('reports a failing task and goes on with the next one', async () => {
    const errors: unknown[] = [];
    const queue = new FairQueue(() => Infinity, (e) => errors.push(e));
    let after = false;
    await queue.push('a', async () => {
      throw new Error('boom');
    });
    await queue.push('a', async () => {
      after = true;
    });
    expect(errors).toHaveLength(1);
    expect(after).toBe(true);
  });
});
