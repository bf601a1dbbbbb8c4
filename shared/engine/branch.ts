// What-if branches: a new exercise that keeps a prefix of its parent's log and goes on from
// there, perhaps with another seed or under another legal regime (ADR 4).
import type { RegimeId } from '../law/regimes.js';
import { seedRng } from '../random.js';
import type { EventOf } from './events.js';
import type { ExerciseState } from './state.js';

/** What a branch changes from its parent: where it forks, and optionally its generator seed and legal regime. */
export interface BranchOptions {
  /** The exercise the branch is forked from. */
  parentId: string;
  /** How many of the parent's events the branch keeps: `parent` is the state after exactly these. */
  forkSeq: number;
  /** A new generator seed: every draw after the fork differs from the parent's. Without it the branch draws as the parent would. */
  seed?: number;
  /** The legal regime the branch puts in force instead of the scenario's. */
  regime?: RegimeId;
  /** Why the branch was made, for the debrief. */
  note?: string;
}

/**
 * The event that follows the parent's first `forkSeq` events in a branch's log, with the
 * generator state the branch goes on from: a fresh one for a new seed, else the parent's own.
 * `parent` must be the parent's state after exactly `forkSeq` events.
 */
export function branchEvent(parent: ExerciseState, options: BranchOptions): EventOf<'ExerciseBranched'> {
  if (parent.eventCount !== options.forkSeq) {
    throw new RangeError(`a branch at event ${options.forkSeq} needs the parent's state after that event, not after ${parent.eventCount}`);
  }
  return {
    type: 'ExerciseBranched',
    parentId: options.parentId,
    forkSeq: options.forkSeq,
    seed: options.seed ?? null,
    regime: options.regime ?? null,
    rngAfter: options.seed !== undefined ? [...seedRng(options.seed)] : [...parent.rng],
    ...(options.note !== undefined ? { note: options.note } : {}),
  };
}
