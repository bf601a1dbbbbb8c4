import { useCallback, useState } from 'react';

// Unsent form inputs kept in the tab's sessionStorage, so closing or reloading a participant's
// page mid-round brings back what they had typed. Only what the user changed is stored.

const PREFIX = 'deflect.draft.';

function tabStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

function readDraft<T>(key: string | null): T | undefined {
  if (key === null) return undefined;
  const raw = tabStorage()?.getItem(PREFIX + key);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return undefined;
  }
}

/** The storage key of an actor's draft for one round of one exercise; null until all three are known. */
export function draftKey(exerciseId: string | null, actorId: string | null, round: number | null, form: string): string | null {
  if (exerciseId === null || actorId === null || round === null) return null;
  return `${exerciseId}.${actorId}.${round}.${form}`;
}

export interface Draft<T> {
  value: T;
  /** Changes the value and stores it in the tab (when the key is known). */
  setValue(next: T | ((previous: T) => T)): void;
  /** Forgets the stored draft (after the server accepted it); what is shown stays. */
  forget(): void;
  /** Shows this value without storing it as a draft (e.g. the orders the server already has). */
  reset(value: T): void;
  /** Whether a stored draft exists for this key, i.e. the user changed something not yet accepted. */
  stored: boolean;
}

/**
 * A form value that survives a reload of the tab: restored from sessionStorage under `key`
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
        if (s.key !== null) tabStorage()?.setItem(PREFIX + s.key, JSON.stringify(value));
        return { key: s.key, value, stored: s.key !== null };
      });
    },
    [],
  );
  const forget = useCallback(() => {
    setState((s) => {
      if (s.key !== null) tabStorage()?.removeItem(PREFIX + s.key);
      return s.stored ? { ...s, stored: false } : s;
    });
  }, []);
  const reset = useCallback((value: T) => {
    setState((s) => {
      if (s.key !== null) tabStorage()?.removeItem(PREFIX + s.key);
      return { key: s.key, value, stored: false };
    });
  }, []);
  return { value: current.value, setValue, forget, reset, stored: current.stored };
}
