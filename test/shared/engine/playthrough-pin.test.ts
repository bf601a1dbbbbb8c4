// The events of whole playthroughs, pinned by hash: a refactor of the engine that claims to
// change no rule must give these very events for the same seed and the same commands. A
// change of rules changes them on purpose: update the pin in the same commit and say why.
import { describe, expect, it } from 'vitest';
import { initialState, replay, stateHash } from '../../../shared/engine/index.js';
import { playKxNuclear, playKxObserveOnly, playPr } from './playthroughs.js';

describe('pinned playthroughs', () => {
  it('2031 KX (seed 2031) with a nuclear stand-off, a flyby and an impactor gives the pinned events', () => {
    const t = playKxNuclear();
    expect(stateHash(t.events)).toBe(PINS.kxNuclear);
    expect(stateHash(replay(initialState(t.scenarioOfTable, t.seed), t.events))).toBe(stateHash(t.state));
  });

  it('2031 KX (seed 2031) observed only gives the pinned events', () => {
    expect(stateHash(playKxObserveOnly().events)).toBe(PINS.kxObserveOnly);
  });

  it('2032 PR (seed 2032) gives the pinned events', () => {
    expect(stateHash(playPr().events)).toBe(PINS.pr);
  });
});

/** Hashes of the canonical JSON of each playthrough's events. */
const PINS = {
  kxNuclear: '2ae95da6db95f212',
  kxObserveOnly: '388ec4b9de60d5e4',
  pr: 'd44c7b684394305f',
};
