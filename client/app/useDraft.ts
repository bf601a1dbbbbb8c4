import { useCallback, useState } from 'react';

// Unsent form inputs kept in the browser's localStorage, so reloading a participant's page
// mid-round, or closing it and opening the exercise again, brings back what they had typed.
// Only what the user changed is stored. Keys name the exercise, actor and round, so tabs of
// other exercises do not collide.

const PREFIX = 'deflect.draft.';
/** A draft untouched for this long is dropped when any draft is next written: its round is long over. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** A draft as stored: the value and when it was last written (ms since the epoch). */
interface StoredDraft<T> {
  savedAt: number;
  value: T;
}

function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function parseStored<T>(raw: string | null): StoredDraft<T> | null {
  if (!raw) return null;
  try {
    const stored = JSON.parse(raw) as Partial<StoredDraft<T>> | null;
    return stored !== null && typeof stored === 'object' && typeof stored.savedAt === 'number' && 'value' in stored ? (stored as StoredDraft<T>) : null;
  } catch {
    return null;
  }
}

function readDraft<T>(key: string | null): T | undefined {
  if (key === null) return undefined;
  return parseStored<T>(browserStorage()?.getItem(PREFIX + key) ?? null)?.value;
}

/** The exercise-and-actor part and the round of a key made by `draftKey`. */
function scopeOf(key: string): { exerciseAndActor: string; round: number } | null {
  const match = /^(.+)\.(\d+)\.[^.]+$/.exec(key);
  return match ? { exerciseAndActor: match[1]!, round: Number(match[2]) } : null;
}

/**
 * Removes the drafts that can no longer be sent, so that localStorage does not grow for ever:
 * the same actor's drafts for earlier rounds of the same exercise, and any draft older than a day.
 */
export function pruneDrafts(storage: Storage, writing: string, now: number): void {
  const current = scopeOf(writing);
  const stale: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const full = storage.key(i);
    if (full === null || !full.startsWith(PREFIX) || full === PREFIX + writing) continue;
    const scope = scopeOf(full.slice(PREFIX.length));
    const earlierRound = current !== null && scope !== null && scope.exerciseAndActor === current.exerciseAndActor && scope.round < current.round;
    const stored = parseStored<unknown>(storage.getItem(full));
    if (earlierRound || stored === null || now - stored.savedAt > STALE_AFTER_MS) stale.push(full);
  }
  for (const full of stale) storage.removeItem(full);
}

function writeDraft(key: string, value: unknown): void {
  const storage = browserStorage();
  if (!storage) return;
  const now = Date.now();
  pruneDrafts(storage, key, now);
  const stored: StoredDraft<unknown> = { savedAt: now, value };
  try {
    storage.setItem(PREFIX + key, JSON.stringify(stored));
  } catch {
    // Storage full or refused: the form still works, the draft just does not survive a reload.
  }
}

/** The storage key of an actor's draft for one round of one exercise; null until all three are known. */
export function draftKey(exerciseId: string | null, actorId: string | null, round: number | null, form: string): string | null {
  if (exerciseId === null || actorId === null || round === null) return null;
  return `${exerciseId}.${actorId}.${round}.${form}`;
}

export interface Draft<T> {
  value: T;
  /** Changes the value and stores it in the browser (when the key is known). */
  setValue(next: T | ((previous: T) => T)): void;
  /** Forgets the stored draft (after the server accepted it); what is shown stays. */
  forget(): void;
  /** Shows this value without storing it as a draft (e.g. the orders the server already has). */
  reset(value: T): void;
  /** Whether a stored draft exists for this key, i.e. the user changed something not yet accepted. */
  stored: boolean;
}

/**
 * A form value that survives a reload or a closed tab: restored from localStorage under `key`
 * (when the key becomes known, e.g. once the tab has reconnected) and written there on every
 * change; with a null key it behaves like `useState`.
 */
export function useDraft<T>(key: string | null, initial: T): Draft<T> {
  const [state, setState] = useState(() => {
    const restored = readDraft<T>(key);
    return { key, value: restored ?? initial, stored: restored !== undefined };
  });
  let current = state;
  if (state.key !== key) {
    // The key changed (reconnected, or a new round): load that key's draft, keeping the value if there is none.
    const restored = readDraft<T>(key);
    current = { key, value: restored ?? state.value, stored: restored !== undefined };
    setState(current);
  }

  const setValue = useCallback(
    (next: T | ((previous: T) => T)) => {
      setState((s) => {
        const value = typeof next === 'function' ? (next as (previous: T) => T)(s.value) : next;
        if (s.key !== null) writeDraft(s.key, value);
        return { key: s.key, value, stored: s.key !== null };
      });
    },
    [],
  );
  const forget = useCallback(() => {
    setState((s) => {
      if (s.key !== null) browserStorage()?.removeItem(PREFIX + s.key);
      return s.stored ? { ...s, stored: false } : s;
    });
  }, []);
  const reset = useCallback((value: T) => {
    setState((s) => {
      if (s.key !== null) browserStorage()?.removeItem(PREFIX + s.key);
      return { key: s.key, value, stored: false };
    });
  }, []);
  return { value: current.value, setValue, forget, reset, stored: current.stored };
}
