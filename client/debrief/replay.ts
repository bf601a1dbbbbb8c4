// The exercise replayed in the browser from its log: the rules are pure and shared, so any
// moment of the exercise, as any seat saw it, is computed here without asking the server.
import { ReplayCheckpoints } from '../../shared/debrief/checkpoints.js';
import type { ExerciseLogResponse, LoggedEvent } from '../../shared/debrief/api.js';
import type { DebriefLog } from '../../shared/debrief/log.js';
import { initialState, type ExerciseState } from '../../shared/engine/state.js';
import type { SeatId } from '../../shared/engine/seats.js';
import { upcastEvent } from '../../shared/engine/version.js';
import { playerView, type PlayerView } from '../../shared/engine/view.js';

/** How many (position, seat) views the studio keeps at once; scrubbing back and forth reuses them. */
export const VIEW_MEMO_SIZE = 64;

/** An exercise's log, ready to be looked at any position. */
export interface Replay {
  response: ExerciseLogResponse;
  log: DebriefLog;
  /** The events as the current rules fold them (older ones upcast). */
  events: readonly LoggedEvent[];
  stateAt(position: number): ExerciseState;
  viewAt(position: number, seat: SeatId): PlayerView;
}

/** A small least-recently-used memory of computed values. */
export class Memo<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  /** The value kept for `key`, else `compute()` kept; the oldest entry goes when full. */
  get(key: string, compute: () => V): V {
    const kept = this.entries.get(key);
    if (kept !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, kept);
      return kept;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Prepares a fetched log for replay: events upcast once, states kept every few hundred events, views memoised per (position, seat). */
export function createReplay(response: ExerciseLogResponse): Replay {
  const events = response.events.map((e) => {
    const data = upcastEvent(e.data, e.rulesVersion);
    return data === e.data ? e : { ...e, data };
  });
  const log: DebriefLog = { exerciseId: response.exerciseId, scenario: response.scenario, seed: response.seed, events };
  const checkpoints = new ReplayCheckpoints(
    initialState(response.scenario, response.seed),
    events.map((e) => e.data),
  );
  const states = new Memo<ExerciseState>(8);
  const views = new Memo<PlayerView>(VIEW_MEMO_SIZE);
  const stateAt = (position: number) => states.get(String(position), () => checkpoints.stateAt(position));
  // The parts of a view that come from the scenario alone are the same at every position: kept
  // as one object, so the panels that draw them (the map's countries) do not redraw while scrubbing.
  let scenarioParts: Pick<PlayerView, 'asteroid' | 'riskCorridor' | 'missionTypes'> | null = null;
  const viewAt = (position: number, seat: SeatId) =>
    views.get(`${position}|${seat}`, () => {
      const view = playerView(stateAt(position), seat);
      scenarioParts ??= { asteroid: view.asteroid, riskCorridor: view.riskCorridor, missionTypes: view.missionTypes };
      return { ...view, ...scenarioParts };
    });
  return { response, log, events, stateAt, viewAt };
}
