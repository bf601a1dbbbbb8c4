import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { store, type DeflectState } from '../net/store.js';

/**
 * Whether the asteroid's encounter has been played (the last round resolved): from then on the
 * screens are a record to read and argue over, no longer a game to play.
 */
export const selectEncounterPlayed = (s: DeflectState): boolean => (s.view?.outcome ?? null) !== null;

/**
 * The store the panels below read: the app's one store, unless a provider gives another (the
 * debrief studio shows a past moment of an exercise, as one seat saw it, in a store of its own).
 */
export const DeflectStoreContext = createContext<StoreApi<DeflectState>>(store);

/** Reads one slice of the client store (the context's) and re-renders only when that slice changes. */
export function useDeflect<T>(selector: (state: DeflectState) => T): T {
  return useStore(useContext(DeflectStoreContext), selector);
}
