import { useStore } from 'zustand';
import { store, type DeflectState } from '../net/store.js';

/**
 * Whether the asteroid's encounter has been played (the last round resolved): from then on the
 * screens are a record to read and argue over, no longer a game to play.
 */
export const selectEncounterPlayed = (s: DeflectState): boolean => (s.view?.outcome ?? null) !== null;

/** Reads one slice of the client store and re-renders only when that slice changes. */
export function useDeflect<T>(selector: (state: DeflectState) => T): T {
  return useStore(store, selector);
}
