import { describe, expect, it } from 'vitest';
import {
  contributionQuestion,
  endQuestion,
  evacuationQuestion,
  isLargeContribution,
  launchQuestion,
  moveQuestion,
  overrideQuestion,
  possessive,
} from '../../../client/app/confirmWords.js';

describe('isLargeContribution', () => {
  it('asks first from a quarter of the balance, however small the sum', () => {
    expect(isLargeContribution(52.5, 210)).toBe(true);
    expect(isLargeContribution(52, 210)).toBe(false);
  });

  it('asks first from 100 M USD, however large the balance', () => {
    expect(isLargeContribution(100, 2000)).toBe(true);
    expect(isLargeContribution(99, 2000)).toBe(false);
  });

  it('never asks about paying nothing', () => {
    expect(isLargeContribution(0, 0)).toBe(false);
    expect(isLargeContribution(0, 100)).toBe(false);
  });
});

describe('evacuationQuestion', () => {
  it('says what Kenya’s evacuation costs of its balance, now, and that it is wasted on a miss', () => {
    const q = evacuationQuestion('evacuate', 'Kenya', 150, 210);
    expect(q.question).toBe('Evacuate Kenya’s territory at risk?');
    expect(q.cost).toContain('It costs 150 M USD of your 210 M USD, now, and is wasted if the asteroid misses.');
    expect(q.confirmLabel).toBe('Evacuate');
  });

  it('says sheltering spares fewer people, and names the cost without a balance when none is known', () => {
    const q = evacuationQuestion('shelter', 'Bangladesh', 30, null);
    expect(q.question).toBe('Order Bangladesh’s people at risk to shelter in place?');
    expect(q.cost).toContain('It costs 30 M USD, now, spares fewer people');
  });
});

describe('the other questions', () => {
  it('name the act, the amount or the target, and never say OK', () => {
    const questions = [
      contributionQuestion(120, 210, ['DART-2', 'Hera-B']),
      launchQuestion('DART-2'),
      moveQuestion('Ana', 'Kenya'),
      overrideQuestion('the budget of Kenya to 500 M USD'),
      endQuestion(),
    ];
    expect(questions[0]!.question).toBe('Pay 120 M USD into DART-2 and Hera-B?');
    expect(questions[0]!.cost).toContain('120 M USD of your 210 M USD');
    expect(questions[1]!.question).toBe('Launch DART-2?');
    expect(questions[2]!.question).toBe('Move Ana to Kenya?');
    expect(questions[3]!.question).toBe('Override the budget of Kenya to 500 M USD?');
    expect(questions[4]!.cost).toContain('cannot be undone');
    for (const q of questions) {
      expect(q.question).toMatch(/\?$/);
      expect(q.cost).toMatch(/\.$/);
      expect(q.confirmLabel).not.toMatch(/^ok$/i);
    }
  });

  it('writes the possessive of a name ending in s with an apostrophe alone', () => {
    expect(possessive('United States')).toBe('United States’');
    expect(possessive('Japan')).toBe('Japan’s');
  });
});
