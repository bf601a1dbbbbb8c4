import { describe, expect, it } from 'vitest';
import { Memo } from '../../../client/debrief/replay.js';

describe('the studio’s memory of computed views', () => {
  it('computes a value once and hands the same object back', () => {
    const memo = new Memo<{ n: number }>(4);
    let computed = 0;
    const a = memo.get('12|actor:kenya', () => ({ n: ++computed }));
    const b = memo.get('12|actor:kenya', () => ({ n: ++computed }));
    expect(b).toBe(a);
    expect(computed).toBe(1);
  });

  it('forgets the least recently used value when full', () => {
    const memo = new Memo<number>(2);
    memo.get('a', () => 1);
    memo.get('b', () => 2);
    memo.get('a', () => 99); // a is now the most recent
    memo.get('c', () => 3); // b goes
    expect(memo.size).toBe(2);
    expect(memo.get('a', () => -1)).toBe(1);
    expect(memo.get('b', () => -2)).toBe(-2);
  });
});
