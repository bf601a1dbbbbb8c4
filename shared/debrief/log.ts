// A stored exercise as the debrief reads it: its scenario, its seed and its log.
import type { DomainEvent } from '../engine/events.js';
import { initialState, type ExerciseState } from '../engine/state.js';
import { upcastEvent } from '../engine/version.js';
import type { Scenario } from '../scenario/schema.js';
import type { LoggedEvent } from './api.js';

/** Everything needed to replay one exercise: what `GET /api/exercises/:id/events` returns, less the summary. */
export interface DebriefLog {
  exerciseId: string;
  scenario: Scenario;
  seed: number;
  events: readonly LoggedEvent[];
}

/** The log's events in the shape the current rules fold, each upcast from the rules that wrote it. */
export function debriefEvents(log: DebriefLog): DomainEvent[] {
  return log.events.map((e) => upcastEvent(e.data, e.rulesVersion));
}

/** The state before the log's first event. */
export function debriefInitialState(log: DebriefLog): ExerciseState {
  return initialState(log.scenario, log.seed);
}
