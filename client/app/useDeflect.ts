import { useStore } from 'zustand';
import { store, type DeflectState } from '../net/store.js';

/** Reads one slice of the client store and re-renders only when that slice changes. */
export function useDeflect<T>(selector: (state: DeflectState) => T): T {
  return useStore(store, selector);
}
