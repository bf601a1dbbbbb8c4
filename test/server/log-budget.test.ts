import { describe, expect, it } from 'vitest';
import { LogBudget, type Logger } from '../../server/log.js';

function recorder(): { log: Logger; lines: { fields: Record<string, unknown>; message: string }[] } {
  const lines: { fields: Record<string, unknown>; message: string }[] = [];
  const log = { warn: (fields: Record<string, unknown>, message: string) => lines.push({ fields, message }) } as unknown as Logger;
  return { log, lines };
}

describe('LogBudget', () => {
  it('writes at most its lines per minute for one source, then one line saying how many were left out', () => {
    const { log, lines } = recorder();
    const budget = new LogBudget(log, 3);
    for (let i = 0; i < 1000; i++) budget.warn('flooder', {}, 'bad message', 1_000 + i);
    expect(lines).toHaveLength(3);
    budget.warn('flooder', {}, 'bad message', 61_000);
    expect(lines).toHaveLength(5);
    expect(lines[3]).toMatchObject({ fields: { source: 'flooder', suppressed: 997 } });
    expect(lines[4]!.message).toBe('bad message');
  });

  it('keeps sources apart: a flooding source does not silence another', () => {
    const { log, lines } = recorder();
    const budget = new LogBudget(log, 2);
    for (let i = 0; i < 50; i++) budget.warn('a', {}, 'x', 0);
    budget.warn('b', {}, 'y', 0);
    expect(lines.map((l) => l.message)).toEqual(['x', 'x', 'y']);
  });

  it('remembers a bounded number of sources', () => {
    const { log } = recorder();
    const budget = new LogBudget(log, 1, 100);
    for (let i = 0; i < 10_000; i++) budget.warn(`s${i}`, {}, 'x', 0);
    expect((budget as unknown as { sources: Map<string, unknown> }).sources.size).toBeLessThanOrEqual(100);
  });
});
