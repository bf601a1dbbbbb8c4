import { describe, expect, it } from 'vitest';
import { draftKey, pruneDrafts } from '../../../client/app/useDraft.js';

// Drafts live in the browser's localStorage, shared by all its tabs and kept after they close:
// writing one removes those that can no longer be sent.

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

const HOUR_MS = 60 * 60 * 1000;
const NOW = Date.UTC(2031, 4, 1, 12);
const EXERCISE = '6f1c2d8e-0b7a-4c55-9d1e-2f3a4b5c6d7e';
const OTHER_EXERCISE = '0a0b0c0d-1111-2222-3333-444455556666';

function storedAt(storage: Storage, key: string, savedAt: number): void {
  storage.setItem(`deflect.draft.${key}`, JSON.stringify({ savedAt, value: { observeText: '1', fundingTexts: {} } }));
}

function draftKeys(storage: Storage): string[] {
  return Array.from({ length: storage.length }, (_, i) => storage.key(i)!).filter((k) => k.startsWith('deflect.draft.')).sort();
}

describe('pruning drafts', () => {
  it('removes the same actor’s drafts of earlier rounds of the same exercise when a later round’s draft is written', () => {
    const storage = new MemoryStorage();
    storedAt(storage, draftKey(EXERCISE, 'kenya', 1, 'orders')!, NOW - HOUR_MS);
    storedAt(storage, draftKey(EXERCISE, 'kenya', 2, 'orders')!, NOW - HOUR_MS);

    pruneDrafts(storage, draftKey(EXERCISE, 'kenya', 2, 'orders')!, NOW);

    expect(draftKeys(storage)).toEqual([`deflect.draft.${EXERCISE}.kenya.2.orders`]);
  });

  it('keeps other actors’ and other exercises’ recent drafts, and leaves keys that are not drafts alone', () => {
    const storage = new MemoryStorage();
    storedAt(storage, draftKey(EXERCISE, 'usa', 1, 'orders')!, NOW - HOUR_MS);
    storedAt(storage, draftKey(OTHER_EXERCISE, 'kenya', 1, 'orders')!, NOW - HOUR_MS);
    storage.setItem('deflect.lastSession', '{}');

    pruneDrafts(storage, draftKey(EXERCISE, 'kenya', 3, 'orders')!, NOW);

    expect(draftKeys(storage)).toEqual([`deflect.draft.${OTHER_EXERCISE}.kenya.1.orders`, `deflect.draft.${EXERCISE}.usa.1.orders`].sort());
    expect(storage.getItem('deflect.lastSession')).toBe('{}');
  });

  it('removes any draft untouched for more than a day, and entries that are not drafts in the stored shape', () => {
    const storage = new MemoryStorage();
    storedAt(storage, draftKey(OTHER_EXERCISE, 'usa', 4, 'orders')!, NOW - 25 * HOUR_MS);
    storedAt(storage, draftKey(OTHER_EXERCISE, 'china', 4, 'orders')!, NOW - 23 * HOUR_MS);
    storage.setItem(`deflect.draft.${OTHER_EXERCISE}.india.4.orders`, '{"observeText":"5"}');

    pruneDrafts(storage, draftKey(EXERCISE, 'kenya', 1, 'orders')!, NOW);

    expect(draftKeys(storage)).toEqual([`deflect.draft.${OTHER_EXERCISE}.china.4.orders`]);
  });
});
