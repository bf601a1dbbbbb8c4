import { describe, expect, it } from 'vitest';
import { bidProblem, proposeInstead, timerProblem } from '../../../client/app/formRefusals.js';

describe('bidProblem', () => {
  it('accepts a well-formed bid', () => {
    expect(bidProblem('350', '24', '90')).toBeNull();
  });

  it.each([
    ['a negative price', '-5', '24', '90', 'price'],
    ['an empty price', '', '24', '90', 'price'],
    ['months that are not whole', '350', '2.5', '90', 'whole months'],
    ['a build longer than 240 months', '350', '241', '90', 'whole months'],
    ['a reliability above 100 %', '350', '24', '120', 'reliability'],
  ])('says what is wrong with %s', (_, price, build, reliability, word) => {
    const problem = bidProblem(price, build, reliability);
    expect(problem).toContain(word);
    expect(problem).toMatch(/\.$/);
  });
});

describe('timerProblem', () => {
  it('accepts five minutes', () => {
    expect(timerProblem('5', 4 * 3600)).toBeNull();
  });

  it('refuses zero, nothing and text with a sentence', () => {
    for (const text of ['0', '', 'abc', '-3']) expect(timerProblem(text, 4 * 3600)).toMatch(/more than zero\.$/);
  });

  it('refuses more than the longest timer, saying how long that is', () => {
    expect(timerProblem('500', 4 * 3600)).toBe('A phase timer runs at most 240 minutes (4 hours).');
  });
});

describe('proposeInstead', () => {
  it('tells a non-space-faring state it contributes under Orders instead of "not open to you now"', () => {
    expect(proposeInstead('non-space-faring-state')).toContain('you can contribute to one under Orders');
  });

  it('says nothing to the kinds that can propose, or before the kind is known', () => {
    expect(proposeInstead('space-faring-state')).toBeNull();
    expect(proposeInstead('private-company')).toBeNull();
    expect(proposeInstead(null)).toBeNull();
  });
});
