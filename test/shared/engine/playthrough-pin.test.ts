// The events of whole playthroughs, pinned by hash: a refactor of the engine that claims to
// change no rule must give these very events for the same seed and the same commands. A
// change of rules changes them on purpose: update the pin in the same commit and say why.
// The figures of the impact's consequences (effects, people, damage, findings) and the
// safety score that follows from them belong to the physics and law modules and are pinned
// by their tests; here the outcome is reduced to what the engine decides: whether and
// where the body strikes, the fragment, and the scores' other parts.
import { describe, expect, it } from 'vitest';
import { initialState, replay, stateHash } from '../../../shared/engine/index.js';
import { engineHash, playKxNuclear, playKxObserveOnly, playPr } from './playthroughs.js';

describe('pinned playthroughs', () => {
  it('2031 KX (seed 2031) with a nuclear stand-off, a flyby and an impactor gives the pinned events', () => {
    const t = playKxNuclear();
    expect(engineHash(t.events)).toBe(PINS.kxNuclear);
    expect(stateHash(replay(initialState(t.scenarioOfTable, t.seed), t.events))).toBe(stateHash(t.state));
  });

  it('2031 KX (seed 2031) observed only gives the pinned events', () => {
    expect(engineHash(playKxObserveOnly().events)).toBe(PINS.kxObserveOnly);
  });

  it('2032 PR (seed 2032) gives the pinned events', () => {
    expect(engineHash(playPr().events)).toBe(PINS.pr);
  });
});

/** Hashes of the canonical JSON of each playthrough's events. */
// 2026-12-06: re-pinned when 2031 KX's capture radius came to follow from its entry speed
// (9 560 → 8 286 km) and 2032 PR's corridor grew to the capture disc's trace (4 399 → 13 217 km).
const PINS = {
  kxNuclear: '9674bc939ce2f513',
  kxObserveOnly: '6844c8b958e60c25',
  pr: 'afacc10925c18618',
};

