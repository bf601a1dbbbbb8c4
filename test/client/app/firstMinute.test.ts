import { describe, expect, it } from 'vitest';
import { FIRST_MINUTE_CARDS, firstMinuteKey, firstMinuteRole, rememberDismissed, wasDismissed } from '../../../client/app/firstMinute.js';

// The "how to play this seat" cards: one per role but the projector's, short, and remembered
// as dismissed per exercise and seat.

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('first-minute cards', () => {
  it('gives each kind of actor its own card, the control cell and the evaluator theirs, and the projector none', () => {
    expect(firstMinuteRole('actor', 'non-space-faring-state')).toBe('non-space-faring-state');
    expect(firstMinuteRole('actor', 'private-company')).toBe('private-company');
    expect(firstMinuteRole('actor', 'something-new')).toBe('actor');
    expect(firstMinuteRole('facilitator', null)).toBe('facilitator');
    expect(firstMinuteRole('evaluator', null)).toBe('evaluator');
    expect(firstMinuteRole('display', null)).toBeNull();
  });

  it('keeps every card to three to five short sentences', () => {
    for (const [role, card] of Object.entries(FIRST_MINUTE_CARDS)) {
      expect(card.sentences.length, role).toBeGreaterThanOrEqual(3);
      expect(card.sentences.length, role).toBeLessThanOrEqual(5);
      for (const sentence of card.sentences) expect(sentence.length, sentence).toBeLessThanOrEqual(240);
    }
  });

  it('remembers a dismissed card for that exercise and seat only', () => {
    const storage = new MemoryStorage();
    expect(wasDismissed(storage, 'ex-1', 'actor:kenya')).toBe(false);
    rememberDismissed(storage, 'ex-1', 'actor:kenya');
    expect(wasDismissed(storage, 'ex-1', 'actor:kenya')).toBe(true);
    expect(wasDismissed(storage, 'ex-1', 'actor:usa')).toBe(false);
    expect(wasDismissed(storage, 'ex-2', 'actor:kenya')).toBe(false);
    expect(storage.items.has(firstMinuteKey('ex-1', 'actor:kenya'))).toBe(true);
  });

  it('treats a storage that throws as nothing dismissed', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => rememberDismissed(broken, 'ex-1', 'evaluator')).not.toThrow();
    expect(wasDismissed(broken, 'ex-1', 'evaluator')).toBe(false);
  });
});
