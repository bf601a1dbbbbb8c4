import { seedRng, type RngState } from '../random.js';
import type { InjectChannel, MissionKind, Scenario } from '../scenario/schema.js';
import type { Orders, PushDirection } from './commands.js';
import type { Estimate, Outcome } from './events.js';
import { initialEstimate } from './observation.js';
import type { ParticipantRole, SeatId } from './seats.js';
import type { AgreementKind, HseepRating, InjectTrigger, InKindContribution, MissionStatus, Phase, ResolutionKind, Vote } from './vocabulary.js';

/** How many talk items (messages of any kind and statements) each actor may post per phase until the facilitator says otherwise. */
export const DEFAULT_TALK_QUOTA = 40;

export type { Phase, MissionStatus, AgreementKind, HseepRating } from './vocabulary.js';

export interface Participant {
  id: string;
  name: string;
  /** What the key shown on joining allows: the facilitator seat needs 'facilitator', the evaluator seat either key. */
  role: ParticipantRole;
  seat: SeatId | null;
  /** Hash of the tab's secret for taking the seat back after a server restart. */
  rejoinKeyHash: string | null;
}

/** Someone without a seat asking to join the delegation holding an actor's seat, until answered or moot. */
export interface DelegationRequest {
  id: string;
  participantId: string;
  actorId: string;
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
  /** 'public', 'delegation' (the sender's own delegation), or the actor ids of the private recipients (besides the sender). */
  to: 'public' | 'delegation' | string[];
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
  torino: number;
  palermo: number;
  /** Each actor's payments: visible to the control cell only. */
  spentMUsd: Record<string, Payment>;
}

/** What an actor actually paid at a resolution. */
export interface Payment {
  observeMUsd: number;
  missionFunding: Record<string, number>;
}


/** A deflection or reconnaissance mission from its proposal to its arrival. */
export interface MissionState {
  id: string;
  typeId: string;
  name: string;
  kind: MissionKind;
  lead: string;
  provider: string;
  direction: PushDirection;
  costMUsd: number;
  /** Schedule and reliability: the catalogue's, or those of the company bid the lead accepted. */
  buildMonths: number;
  flightMonths: number;
  reliability: number;
  fundedMUsd: number;
  contributions: Record<string, number>;
  /** Contributions in kind: ground stations and science, each adding to the mission's reliability. */
  inKind: { actorId: string; contribution: InKindContribution }[];
  status: MissionStatus;
  /** The state that must authorise a company provider (OST art. VI); null when none is needed. */
  authorisingActor: string | null;
  /** null: not (yet) decided. */
  authorised: boolean | null;
  /** Set by an adopted UN resolution. */
  unMandate: 'none' | 'endorsed' | 'mandated';
  readyDate: string | null;
  launchDate: string | null;
  arrivalDate: string | null;
  deltaVMmPerS: number | null;
  shiftKm: number | null;
  /** Nuclear stand-off: the chosen yield of each device (kt) and burst height (m; null: the optimum); null (or absent) for other kinds. */
  burst?: { yieldKt: number; standoffM: number | null } | null;
  /** A push (rules v3): the shift the table could infer, its spread (1σ), and whether a flyby has measured it since. */
  expectedShiftKm?: number;
  shiftSigmaKm?: number;
  measured?: boolean;
}

export interface EstimatePoint extends Estimate {
  round: number;
  date: string;
}

export interface BidState {
  id: string;
  missionId: string;
  company: string;
  priceMUsd: number;
  buildMonths: number;
  reliability: number;
  status: 'open' | 'accepted' | 'superseded';
}

export interface Observation {
  id: string;
  round: number;
  phase: string;
  by: string;
  byName: string;
  actorId: string | null;
  capability: string;
  text: string;
  at: string;
  /** The evaluator's HSEEP rating of the capability's performance; absent when none was given. */
  rating?: HseepRating;
}

export interface FiredInject {
  /** Order of firing within the exercise. */
  seq: number;
  trigger: InjectTrigger;
  id: string;
  round: number;
  targets: 'all' | string[];
  persona: string;
  channel: InjectChannel;
  headline: string;
  body: string;
  controllerNote: string | null;
}


/** An agreement whose terms the engine understands, from proposal to fulfilment or breach. */
export interface AgreementState {
  id: string;
  kind: AgreementKind;
  proposer: string;
  /** The other actors who must accept. */
  parties: string[];
  missionId: string | null;
  /** Cost sharing: M USD each actor commits; apportionment: each launching state's fraction. */
  shares: Record<string, number>;
  text: string;
  /** Cost sharing: the round by whose resolution the shares must be paid. */
  dueRound: number | null;
  responses: Record<string, boolean>;
  status: 'proposed' | 'accepted' | 'rejected' | 'withdrawn' | 'fulfilled' | 'breached';
  breachedBy: string[];
}

/** A resolution the UN body puts to the states. */
export interface ResolutionState {
  id: string;
  kind: ResolutionKind;
  missionId: string | null;
  proposedRound: number;
  votes: Record<string, Vote>;
  status: 'open' | 'adopted' | 'failed';
}

export interface ActorScore {
  safety: number;
  budget: number;
  trust: number;
  total: number;
  /** What each component was computed from, and the sentence that says how (rules v3; absent in older logs). */
  breakdown?: ScoreBreakdown;
}

/** The inputs of an actor's score and the weights, as `finalScores` (scores.ts) used them. */
export interface ScoreBreakdown {
  /** The actor's own people who died (null for an actor without territory), and everyone's. */
  ownCasualties: number | null;
  totalCasualties: number;
  casualtiesAtHalfSafety: number;
  ownPeopleShare: number;
  balanceMUsd: number;
  incomeMUsd: number;
  /** The others' average trust in the actor (0–100), and the agreements it broke. */
  trustFromOthers: number;
  agreementsBroken: number;
  weights: { safety: number; budget: number; trust: number };
  explanation: string;
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
  /**
   * Pending delegation requests by id, oldest first. A request is pending only while its requester
   * is here without a seat and someone holds the actor's seat; `evolve` drops it when that ends.
   */
  delegationRequests: Record<string, DelegationRequest>;
  /** Delegation requests made so far (numbers the next one). */
  delegationRequestCount: number;
  /** Talk items each actor may post per phase. */
  talkQuota: number;
  /** Talk items each actor has posted in the current phase (absent: none); the control cell's are not counted. */
  talkUsed: Record<string, number>;
  actors: Record<string, ActorState>;
  messages: Message[];
  news: NewsItem[];
  estimate: Estimate;
  estimateHistory: EstimatePoint[];
  /** Hidden: where the body will really cross the target plane, after any deflection. */
  trueEncounterKm: number;
  /** Hidden: after a disruption, the fragment left on the old course (mass fraction and encounter point). */
  fragment: { massFraction: number; encounterKm: number } | null;
  missions: Record<string, MissionState>;
  /** States that ordered the evacuation of their territory at risk, with the round. */
  evacuations: Record<string, number>;
  /** States that only ordered their people to shelter in place, with the round. */
  shelters: Record<string, number>;
  iawnNotified: boolean;
  smpagConvened: boolean;
  /** Injects fired so far, with their targets; controller notes stay in the control view. */
  injects: FiredInject[];
  /** Companies' offers to build and fly missions. */
  bids: Record<string, BidState>;
  /** Actors keeping their tracking data to themselves, with the estimate only they can compute. */
  withheldTracking: Record<string, Estimate>;
  claims: { id: string; claimant: string; against: string[]; round: number; amountMUsd: number }[];
  agreements: Record<string, AgreementState>;
  resolutions: Record<string, ResolutionState>;
  /** Trust of one actor in another, 0–100, keyed `from>to`; 50 when absent. */
  trust: Record<string, number>;
  /** Published with the outcome. */
  scores: Record<string, ActorScore> | null;
  /** The control cell has frozen play. */
  paused: boolean;
  /** Deadline of the current phase (ISO time), set by the facilitator. */
  phaseDeadline: string | null;
  /** Injects of the scenario the facilitator chose not to fire. */
  skippedInjects: string[];
  overrides: { target: string; subject: string | null; from: number | null; to: number; reason: string; round: number }[];
  /** Evaluators' notes: the control cell's eyes only. */
  observations: Observation[];
  results: RoundResult[];
  outcome: Outcome | null;
  endReason: string | null;
  /** A what-if branch: the exercise it was forked from and how many of its events it kept; null for an exercise of its own. */
  branch: ExerciseBranch | null;
}

/** Where a what-if branch left its parent. */
export interface ExerciseBranch {
  parentId: string;
  forkSeq: number;
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
    delegationRequests: {},
    delegationRequestCount: 0,
    talkQuota: DEFAULT_TALK_QUOTA,
    talkUsed: {},
    actors,
    messages: [],
    news: [],
    estimate,
    estimateHistory: [{ round: 0, date: firstDate, ...estimate }],
    trueEncounterKm: scenario.asteroid.truth.encounterKm,
    fragment: null,
    missions: {},
    evacuations: {},
    shelters: {},
    iawnNotified: false,
    smpagConvened: false,
    injects: [],
    bids: {},
    withheldTracking: {},
    claims: [],
    agreements: {},
    resolutions: {},
    trust: {},
    scores: null,
    paused: false,
    phaseDeadline: null,
    skippedInjects: [],
    overrides: [],
    observations: [],
    results: [],
    outcome: null,
    endReason: null,
    branch: null,
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
