import { describe, expect, it } from 'vitest';
import { fitsLimit, formatCount, measureText } from '../../../client/app/textLimits.js';

// A text field counts what it will send the way the server's schemas count it: code points
// of the trimmed text. Its counter shows from 80% of the limit on and says why it cannot send.

describe('the count under a text field', () => {
  it('counts a kanji, a rare kanji outside the BMP and an emoji as one character each', () => {
    expect(measureText('空', 10).count).toBe(1);
    expect(measureText('𠮷', 10).count).toBe(1);
    expect(measureText('🚀', 10).count).toBe(1);
    // HTML maxlength would count these as 2 each.
    expect('𠮷🚀'.length).toBe(4);
    expect(measureText('𠮷🚀', 10).count).toBe(2);
  });

  it('counts the text as it is sent, without its leading and trailing space', () => {
    expect(measureText('  hello \n', 10).count).toBe(5);
    expect(fitsLimit(`${'あ'.repeat(10)}   `, 10)).toBe(true);
  });

  it('stays quiet below 80% of the limit and shows the count from there on', () => {
    expect(measureText('x'.repeat(1599), 2000).nearLimit).toBe(false);
    const near = measureText('x'.repeat(1950), 2000);
    expect(near.nearLimit).toBe(true);
    expect(near.counter).toBe('1\u00a0950 / 2\u00a0000');
    expect(near.problem).toBeNull();
  });

  it('lets 2 000 Japanese characters through and refuses 2 001 with a sentence saying by how much', () => {
    const atLimit = measureText('日'.repeat(2000), 2000);
    expect(atLimit.over).toBe(false);
    expect(fitsLimit('日'.repeat(2000), 2000)).toBe(true);
    const over = measureText('日'.repeat(2001), 2000);
    expect(over.over).toBe(true);
    expect(fitsLimit('日'.repeat(2001), 2000)).toBe(false);
    expect(over.problem).toBe('Too long to send: 2\u00a0001 characters, at most 2\u00a0000. Remove 1 character.');
    expect(measureText('日'.repeat(2010), 2000).problem).toMatch(/Remove 10 characters\.$/);
  });

  it('writes counts with their thousands apart', () => {
    expect(formatCount(7)).toBe('7');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1\u00a0000');
    expect(formatCount(1234567)).toBe('1\u00a0234\u00a0567');
  });
});
