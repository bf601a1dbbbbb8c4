// The outcome beside what the undeflected body would have done, judged under every regime.
import type { Outcome } from '../engine/events.js';
import type { ExerciseState } from '../engine/state.js';
import type { OutcomeComparison } from './api.js';

/**
 * Compares the outcome recorded in `state` with `undeflected` (what the body would have done
 * with no mission, computed by the caller with the world data) and re-judges the same facts
 * under every regime. Pure.
 */
export function compareOutcomes(state: ExerciseState, undeflected: Outcome | null): OutcomeComparison {
  void state;
  void undeflected;
  throw new Error('not yet');
}
