// One pass over a stored log with the state before and after each event, for the debrief's
// readings of it (timeline, key moments, table figures). They read the state's maps — who
// sits where, missions, agreements — never its log lists, so those are left empty: the fold
// stays linear in the length of the log however long its talk.
import { evolve } from '../engine/evolve.js';
import type { DomainEvent } from '../engine/events.js';
import type { ExerciseState } from '../engine/state.js';
import type { LoggedEvent } from './api.js';
import { debriefEvents, debriefInitialState, type DebriefLog } from './log.js';

/** One event of the log with the state around it (log lists empty, see above). */
export interface FoldStep {
  index: number;
  logged: LoggedEvent;
  /** The event upcast to the current rules. */
  event: DomainEvent;
  before: ExerciseState;
  after: ExerciseState;
}

const NO_LOGS = { messages: [], news: [], estimateHistory: [], injects: [], claims: [], skippedInjects: [], overrides: [], observations: [], results: [] };

/** Visits every event of the log in order with the (list-less) state before and after it. */
export function foldLog(log: DebriefLog, visit: (step: FoldStep) => void): void {
  const events = debriefEvents(log);
  let state: ExerciseState = { ...debriefInitialState(log), ...NO_LOGS };
  for (const [index, logged] of log.events.entries()) {
    const event = events[index]!;
    // `evolve` returns a fresh object: its lists are emptied in place rather than copied again.
    const after: ExerciseState = Object.assign(evolve(state, event), NO_LOGS);
    visit({ index, logged, event, before: state, after });
    state = after;
  }
}
