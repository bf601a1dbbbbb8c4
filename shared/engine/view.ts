import type { ActorKind } from '../scenario/schema.js';
import type { Orders } from './commands.js';
import type { DomainEvent, Estimate, Outcome } from './events.js';
import { observationRulesForRound, type ObservationRules } from './observation.js';
import { actorOfSeat, isControlSeat, type SeatId } from './seats.js';
import type {
  ActorScore,
  AgreementState,
  BidState,
  EstimatePoint,
  ExerciseState,
  FiredInject,
  Message,
  MissionState,
  NewsItem,
  Observation,
  Phase,
  ResolutionState,
} from './state.js';

export interface PublicActor {
  id: string;
  name: string;
  kind: ActorKind;
  stateOfNationality: string | null;
  briefing: string;
  ready: boolean;
}

export interface SeatView {
  seat: SeatId;
  label: string;
  holders: { participantId: string; name: string }[];
}

export interface PublicRoundResult {
  round: number;
  date: string;
  observeTotalMUsd: number;
  deflectTotalMUsd: number;
  impactProbability: number;
  torino: number;
  palermo: number;
}

/** A mission as everyone sees it: proposals, funding and progress are public facts. */
export interface MissionView {
  id: string;
  name: string;
  typeId: string;
  kind: MissionState['kind'];
  lead: string;
  provider: string;
  direction: MissionState['direction'];
  costMUsd: number;
  buildMonths: number;
  flightMonths: number;
  reliability: number;
  fundedMUsd: number;
  contributions: Record<string, number>;
  inKind: MissionState['inKind'];
  status: MissionState['status'];
  authorisingActor: string | null;
  authorised: boolean | null;
  readyDate: string | null;
  launchDate: string | null;
  arrivalDate: string | null;
  deltaVMmPerS: number | null;
  shiftKm: number | null;
}

export interface ActorPrivateView {
  actorId: string;
  /** Present when the actor withholds its tracking data: the better estimate only it has. */
  privateEstimate: Estimate | null;
  secretBriefing: string;
  balanceMUsd: number;
  orders: Orders | null;
  ready: boolean;
}

/** A scenario inject as the control cell tracks it. */
export interface InjectTimelineEntry {
  id: string;
  headline: string;
  persona: string;
  channel: 'news' | 'official' | 'intelligence';
  targets: 'all' | string[];
  round: number | null;
  condition: string | null;
  controllerNote: string | null;
  status: 'fired' | 'skipped' | 'scheduled' | 'waiting-for-condition' | 'manual';
  firedInRound: number | null;
}

export interface ControlView {
  observations: Observation[];
  overrides: ExerciseState['overrides'];
  injectTimeline: InjectTimelineEntry[];
  /** The scenario's hidden truth, and where the body now really crosses after any deflection. */
  truth: { diameterM: number; densityKgM3: number; encounterKm: number; currentEncounterKm: number };
  estimate: Estimate;
  actors: ActorPrivateView[];
  /** Each actor's payments per round (observation; all missions together). */
  spending: { round: number; actorId: string; observeMUsd: number; missionMUsd: number }[];
}

/** What one seat may know of the exercise: the single definition of visibility. */
export interface PlayerView {
  exercise: {
    scenarioId: string;
    title: string;
    summary: string;
    phase: Phase;
    round: number;
    roundCount: number;
    roundTitle: string;
    scenarioDate: string;
    potentialImpactDate: string;
    endReason: string | null;
  };
  asteroid: {
    designation: string;
    diameterMinM: number;
    diameterMaxM: number;
    entrySpeedKmS: number;
    /** From the horizontal (90° = vertical); with the speed, what a browser needs to preview an impact's effects. */
    entryAngleDeg: number;
    densityKgM3: number;
    captureRadiusKm: number;
  };
  riskCorridor: { description: string; points: { lat: number; lon: number; label: string | null }[] };
  actors: PublicActor[];
  seats: SeatView[];
  estimates: EstimatePoint[];
  news: NewsItem[];
  messages: Message[];
  results: PublicRoundResult[];
  /** The catalogue of missions the table may propose (public). */
  missionTypes: {
    id: string;
    name: string;
    kind: MissionState['kind'];
    costMUsd: number;
    buildMonths: number;
    flightMonths: number;
    reliability: number;
    /** What the mission delivers, for the orders preview computed in the browser. */
    impactorCount: number | null;
    impactorMassKg: number | null;
    relativeSpeedKmS: number | null;
    yieldKt: number | null;
    spacecraftMassKg: number | null;
    hoverDistanceM: number | null;
    towMonths: number | null;
  }[];
  missions: MissionView[];
  /** Companies' offers to build and fly missions (public, like a tender). */
  bids: BidState[];
  /** States that have ordered the evacuation of their territory at risk. */
  evacuations: string[];
  /** States that ordered their people to shelter in place. */
  shelters: string[];
  iawnNotified: boolean;
  /** The control cell has frozen play (talk goes on). */
  paused: boolean;
  /** When the current phase ends by itself (ISO time), if the facilitator set a timer. */
  phaseDeadline: string | null;
  smpagConvened: boolean;
  /** How the states vote on resolutions. */
  votingRule: 'simple-majority' | 'two-thirds' | 'consensus';
  /** What ordering an evacuation or sheltering costs a state (M USD). */
  evacuationCostMUsd: number;
  shelterCostMUsd: number;
  /** The public observation rules of this round's resolution (blackouts counted), for the orders preview computed in the browser. */
  observationRules: ObservationRules;
  /** Agreements this seat is party to (all of them for the control cell). */
  agreements: AgreementState[];
  resolutions: ResolutionState[];
  /** Trust of one actor in another (0–100), public as reputation is; pairs never touched are 50. */
  trust: { from: string; to: string; value: number }[];
  scores: Record<string, ActorScore> | null;
  /** Injects this seat received (all for the control cell); controller notes only for the control cell. */
  injects: FiredInject[];
  claims: ExerciseState['claims'];
  outcome: Outcome | null;
  /** Present for an actor's seat: what only that actor knows. */
  me: ActorPrivateView | null;
  /** Present for the facilitator and evaluators: everything, hidden truth included. */
  control: ControlView | null;
}

/** Whether a seat may read a message: public ones, one's own and those addressed to one; control reads all. */
export function canSeeMessage(seat: SeatId | null, message: Message): boolean {
  if (message.to === 'public' || isControlSeat(seat)) return true;
  if (message.to === 'delegation') return seat === message.from;
  const actorId = actorOfSeat(seat);
  return actorId !== null && (message.from === seat || message.to.includes(actorId));
}

function actorPrivate(state: ExerciseState, actorId: string): ActorPrivateView {
  const spec = state.scenario.actors.find((a) => a.id === actorId)!;
  const a = state.actors[actorId]!;
  return { actorId, privateEstimate: state.withheldTracking[actorId] ?? null, secretBriefing: spec.secretBriefing, balanceMUsd: a.balanceMUsd, orders: a.orders, ready: a.ready };
}

/** Every seat's label, in a fixed order: actors as in the scenario, then the non-playing seats. */
export function seatList(state: ExerciseState): { seat: SeatId; label: string }[] {
  return [
    ...state.scenario.actors.map((a) => ({ seat: `actor:${a.id}` as SeatId, label: a.name })),
    { seat: 'facilitator', label: 'Facilitator (control cell)' },
    { seat: 'evaluator', label: 'Evaluator' },
    { seat: 'display', label: 'Public display' },
  ];
}

/**
 * What the holder of `seat` (or a participant without a seat, `null`) may see. Secrets —
 * other actors' orders, budgets, secret briefings and private messages, and the
 * scenario's hidden truth — appear only where this function puts them.
 */
export function playerView(state: ExerciseState, seat: SeatId | null): PlayerView {
  const { scenario } = state;
  const roundSpec = state.round > 0 ? scenario.calendar.rounds[state.round - 1] : undefined;
  const holders = Object.values(state.participants);
  const myActor = actorOfSeat(seat);
  return {
    exercise: {
      scenarioId: scenario.id,
      title: scenario.title,
      summary: scenario.summary,
      phase: state.phase,
      round: state.round,
      roundCount: scenario.calendar.rounds.length,
      roundTitle: roundSpec?.title ?? 'Before the first round',
      scenarioDate: state.scenarioDate,
      potentialImpactDate: scenario.asteroid.potentialImpactDate,
      endReason: state.endReason,
    },
    asteroid: {
      designation: scenario.asteroid.designation,
      diameterMinM: scenario.asteroid.diameterM.min,
      diameterMaxM: scenario.asteroid.diameterM.max,
      entrySpeedKmS: scenario.asteroid.entrySpeedKmS,
      entryAngleDeg: scenario.asteroid.entryAngleDeg,
      densityKgM3: scenario.asteroid.densityKgM3,
      captureRadiusKm: scenario.asteroid.captureRadiusKm,
    },
    riskCorridor: {
      description: scenario.riskCorridor.description,
      points: scenario.riskCorridor.points.map((p) => ({ lat: p.lat, lon: p.lon, label: p.label ?? null })),
    },
    actors: scenario.actors.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      stateOfNationality: a.stateOfNationality ?? null,
      briefing: a.briefing,
      ready: state.actors[a.id]!.ready,
    })),
    seats: seatList(state).map(({ seat: s, label }) => ({
      seat: s,
      label,
      holders: holders.filter((p) => p.seat === s).map((p) => ({ participantId: p.id, name: p.name })),
    })),
    estimates: state.estimateHistory,
    news: state.news,
    messages: state.messages.filter((m) => canSeeMessage(seat, m)),
    results: state.results.map((r) => ({
      round: r.round,
      date: r.date,
      observeTotalMUsd: r.observeTotalMUsd,
      deflectTotalMUsd: r.deflectTotalMUsd,
      impactProbability: r.estimate.impactProbability,
      torino: r.torino,
      palermo: r.palermo,
    })),
    missionTypes: scenario.missionTypes.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      costMUsd: t.costMUsd,
      buildMonths: t.buildMonths,
      flightMonths: t.flightMonths,
      reliability: t.reliability,
      impactorCount: t.impactorCount ?? null,
      impactorMassKg: t.impactorMassKg ?? null,
      relativeSpeedKmS: t.relativeSpeedKmS ?? null,
      yieldKt: t.yieldKt ?? null,
      spacecraftMassKg: t.spacecraftMassKg ?? null,
      hoverDistanceM: t.hoverDistanceM ?? null,
      towMonths: t.towMonths ?? null,
    })),
    missions: Object.values(state.missions).map((m) => ({ ...m, contributions: { ...m.contributions }, inKind: m.inKind.map((c) => ({ ...c })) })),
    bids: Object.values(state.bids).map((b) => ({ ...b })),
    evacuations: Object.keys(state.evacuations).sort(),
    shelters: Object.keys(state.shelters).sort(),
    iawnNotified: state.iawnNotified,
    smpagConvened: state.smpagConvened,
    paused: state.paused,
    phaseDeadline: state.phaseDeadline,
    votingRule: scenario.un.votingRule,
    evacuationCostMUsd: scenario.evacuation.costMUsd,
    shelterCostMUsd: scenario.evacuation.shelterCostMUsd ?? scenario.evacuation.costMUsd / 5,
    observationRules: observationRulesForRound(scenario, state.round, state.scenarioDate),
    agreements: Object.values(state.agreements)
      .filter((a) => isControlSeat(seat) || (myActor !== null && (a.proposer === myActor || a.parties.includes(myActor))))
      .map((a) => ({ ...a, parties: [...a.parties], shares: { ...a.shares }, responses: { ...a.responses }, breachedBy: [...a.breachedBy] })),
    resolutions: Object.values(state.resolutions).map((r) => ({ ...r, votes: { ...r.votes } })),
    trust: Object.entries(state.trust)
      .map(([key, value]) => {
        const [from, to] = key.split('>') as [string, string];
        return { from, to, value };
      })
      .sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1)),
    scores: state.scores,
    injects: state.injects
      .filter((i) => isControlSeat(seat) || i.targets === 'all' || (myActor !== null && i.targets.includes(myActor)))
      .map((i) => ({ ...i, targets: i.targets === 'all' ? 'all' : [...i.targets], controllerNote: isControlSeat(seat) ? i.controllerNote : null })),
    claims: state.claims.map((c) => ({ ...c, against: [...c.against] })),
    outcome: state.outcome,
    me: myActor !== null ? actorPrivate(state, myActor) : null,
    control: isControlSeat(seat)
      ? {
          observations: state.observations.map((o) => ({ ...o })),
          overrides: state.overrides.map((o) => ({ ...o })),
          injectTimeline: injectTimeline(state),
          truth: { ...scenario.asteroid.truth, currentEncounterKm: state.trueEncounterKm },
          estimate: state.estimate,
          actors: scenario.actors.map((a) => actorPrivate(state, a.id)),
          spending: state.results.flatMap((r) =>
            Object.entries(r.spentMUsd).map(([actorId, p]) => ({
              round: r.round,
              actorId,
              observeMUsd: p.observeMUsd,
              missionMUsd: Object.values(p.missionFunding).reduce((a, b) => a + b, 0),
            })),
          ),
        }
      : null,
  };
}

/** Every scenario inject with what became of it, for the control cell's timeline. */
export function injectTimeline(state: ExerciseState): InjectTimelineEntry[] {
  return state.scenario.injects.map((inj) => {
    const fired = state.injects.find((i) => i.id === inj.id);
    const status: InjectTimelineEntry['status'] = fired
      ? 'fired'
      : state.skippedInjects.includes(inj.id)
        ? 'skipped'
        : inj.condition !== undefined
          ? 'waiting-for-condition'
          : inj.round !== undefined
            ? 'scheduled'
            : 'manual';
    return {
      id: inj.id,
      headline: inj.headline,
      persona: inj.persona,
      channel: inj.channel,
      targets: inj.targets === 'all' ? 'all' : [...inj.targets],
      round: inj.round ?? null,
      condition: inj.condition === undefined ? null : JSON.stringify(inj.condition),
      controllerNote: inj.controllerNote ?? null,
      status,
      firedInRound: fired?.round ?? null,
    };
  });
}

/**
 * The form of an event a seat may be told about, or null if it may not learn of it.
 * Follows the same rules as `playerView`: orders and private messages stay with their
 * actors and the control cell; a round's resolution is told without per-actor spending,
 * the observation noise or the generator state.
 */
export function eventForSeat(event: DomainEvent, seat: SeatId | null, state?: ExerciseState): DomainEvent | null {
  if (isControlSeat(seat)) return event;
  const myActor = actorOfSeat(seat);
  switch (event.type) {
    case 'OrdersSubmitted':
      return event.actorId === myActor ? event : null;
    case 'MessagePosted':
      return canSeeMessage(seat, { ...event, id: event.messageId }) ? event : null;
    case 'ObservationRecorded':
    case 'ValueOverridden':
      return null;
    case 'InjectFired':
      if (event.targets !== 'all' && (myActor === null || !event.targets.includes(myActor))) return null;
      return { ...event, controllerNote: null };
    case 'AgreementProposed':
      return myActor !== null && (event.proposer === myActor || event.parties.includes(myActor)) ? event : null;
    case 'AgreementResponded':
    case 'AgreementWithdrawn': {
      // Only the agreement's members learn what became of it.
      const a = state?.agreements[event.agreementId];
      return a && myActor !== null && (a.proposer === myActor || a.parties.includes(myActor)) ? event : null;
    }
    case 'RoundResolved': {
      const spentMUsd: typeof event.spentMUsd = {};
      if (myActor !== null && event.spentMUsd[myActor]) spentMUsd[myActor] = event.spentMUsd[myActor];
      const privateEstimates: typeof event.privateEstimates = {};
      if (myActor !== null && event.privateEstimates[myActor]) privateEstimates[myActor] = event.privateEstimates[myActor];
      return { ...event, spentMUsd, privateEstimates, noiseZ: null, trueEncounterKm: null, fragment: null, rngAfter: [] };
    }
    default:
      return event;
  }
}
