import type { Scenario } from '../scenario/schema.js';
import type { Orders } from './commands.js';
import type { Estimate, Outcome } from './events.js';
import { initialEstimate } from './observation.js';
import { seedRng, type RngState } from './random.js';
import type { SeatId } from './seats.js';

export type Phase = 'lobby' | 'briefing' | 'deliberation' | 'orders' | 'resolution' | 'ended';

export interface Participant {
  id: string;
  name: string;
  /** Showed the facilitator key when joining: may take the facilitator seat. */
  controller: boolean;
  seat: SeatId | null;
}

export interface ActorState {
  balanceMUsd: number;
  /** This round's secret orders, null until submitted. */
  orders: Orders | null;
  ready: boolean;
  totalSpentMUsd: number;
}

export interface Message {
  id: string;
  round: number;
  from: SeatId;
  fromName: string;
  /** 'public', or the actor ids of the private recipients (besides the sender). */
  to: 'public' | string[];
  text: string;
  at: string;
}

export interface NewsItem {
  id: string;
  round: number;
  headline: string;
  body: string;
}

export interface RoundResult {
  round: number;
  date: string;
  observeTotalMUsd: number;
  deflectTotalMUsd: number;
  estimate: Estimate;
  campaignPooledMUsd: number;
  campaignLaunched: boolean;
  /** Each actor's spending: visible to the control cell only. */
  spentMUsd: Record<string, Orders>;
}

export interface EstimatePoint extends Estimate {
  round: number;
  date: string;
}

/** The whole game state of one exercise: a fold of its events over `initialState`. */
export interface ExerciseState {
  scenario: Scenario;
  seed: number;
  rng: RngState;
  eventCount: number;
  phase: Phase;
  round: number;
  scenarioDate: string;
  participants: Record<string, Participant>;
  actors: Record<string, ActorState>;
  messages: Message[];
  news: NewsItem[];
  estimate: Estimate;
  estimateHistory: EstimatePoint[];
  campaign: { pooledMUsd: number; launchedInRound: number | null };
  results: RoundResult[];
  outcome: Outcome | null;
  endReason: string | null;
}

/** The state before any event: the scenario loaded, nobody seated, round 0 (lobby). */
export function initialState(scenario: Scenario, seed: number): ExerciseState {
  const actors: Record<string, ActorState> = {};
  for (const a of scenario.actors) actors[a.id] = { balanceMUsd: 0, orders: null, ready: false, totalSpentMUsd: 0 };
  const estimate = initialEstimate(scenario);
  const firstDate = scenario.calendar.rounds[0]!.date;
  return {
    scenario,
    seed,
    rng: seedRng(seed),
    eventCount: 0,
    phase: 'lobby',
    round: 0,
    scenarioDate: firstDate,
    participants: {},
    actors,
    messages: [],
    news: [],
    estimate,
    estimateHistory: [{ round: 0, date: firstDate, ...estimate }],
    campaign: { pooledMUsd: 0, launchedInRound: null },
    results: [],
    outcome: null,
    endReason: null,
  };
}

/** Who holds a seat, if anyone. */
export function holderOf(state: ExerciseState, seat: SeatId): Participant | null {
  for (const p of Object.values(state.participants)) if (p.seat === seat) return p;
  return null;
}

/** Actors whose seat is held: their readiness gates automatic resolution. */
export function seatedActorIds(state: ExerciseState): string[] {
  return state.scenario.actors.map((a) => a.id).filter((id) => holderOf(state, `actor:${id}`) !== null);
}
