// A stored exercise as the debrief reads it: its scenario, its seed and its log.
import type { Scenario } from '../scenario/schema.js';
import type { LoggedEvent } from './api.js';

/** Everything needed to replay one exercise: what `GET /api/exercises/:id/events` returns, less the summary. */
export interface DebriefLog {
  exerciseId: string;
  scenario: Scenario;
  seed: number;
  events: readonly LoggedEvent[];
}
