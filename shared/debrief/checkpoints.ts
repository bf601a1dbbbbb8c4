// Scrubbing a long log: states kept every N events, so any point costs at most N events of replay.
import type { DomainEvent } from '../engine/events.js';
import { replay } from '../engine/evolve.js';
import type { ExerciseState } from '../engine/state.js';

/** How many events apart the kept states are by default. */
export const CHECKPOINT_EVERY = 200;

/** The states of one log, kept every `every` events; `stateAt(n)` replays at most `every` events from the nearest one. */
export class ReplayCheckpoints {
  private readonly events: readonly DomainEvent[];
  private readonly every: number;
  /** `kept[i]` is the state after the first `i·every` events. */
  private readonly kept: ExerciseState[];

  constructor(initial: ExerciseState, events: readonly DomainEvent[], every = CHECKPOINT_EVERY) {
    if (!Number.isInteger(every) || every < 1) throw new RangeError(`checkpoints must be at least one event apart, not ${every}`);
    this.events = events;
    this.every = every;
    this.kept = [initial];
    // One pass over the log. `replay` copies the log lists it grows before growing them, so a
    // kept state is never changed by the replays that start from it.
    for (let from = 0; from + every <= events.length; from += every) {
      this.kept.push(replay(this.kept.at(-1)!, events.slice(from, from + every)));
    }
  }

  /** How many events the log has. */
  get length(): number {
    return this.events.length;
  }

  /** How many states are kept (the initial one included). */
  get checkpointCount(): number {
    return this.kept.length;
  }

  /** The state after the first `count` events (0: the initial state). Never mutates a kept state. */
  stateAt(count: number): ExerciseState {
    if (!Number.isInteger(count) || count < 0 || count > this.events.length) {
      throw new RangeError(`a state exists after 0 to ${this.events.length} events, not ${count}`);
    }
    const index = Math.floor(count / this.every);
    const base = this.kept[index]!;
    const from = index * this.every;
    return count === from ? base : replay(base, this.events.slice(from, count));
  }
}
