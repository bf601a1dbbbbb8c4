import type { ActorKind, InjectChannel, MissionType, Scenario } from '../scenario/schema.js';
import type { Orders } from './commands.js';
import type { DomainEvent, Estimate, Outcome } from './events.js';
import { observationRulesForRound, type ObservationRules } from './observation.js';
import { actorOfSeat, isControlSeat, type ParticipantRole, type SeatId } from './seats.js';
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
  /** Who holds the seat, with the role their key gave them. */
  holders: { participantId: string; name: string; role: ParticipantRole }[];
}

/** A pending request to join an actor's delegation, as those who may see it see it. */
export interface DelegationRequestView {
  id: string;
  participantId: string;
  participantName: string;
  actorId: string;
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
  /** The realised push: for participants, null until a flyby has measured it (rules v3). */
  deltaVMmPerS: number | null;
  shiftKm: number | null;
  /** The push as the table could infer it from the published facts, and its spread (1σ); null for older logs and non-pushes. */
  expectedShiftKm: number | null;
  shiftSigmaKm: number | null;
  /** Whether a flyby has measured the push since; null where that does not apply. */
  measured: boolean | null;
  /** Nuclear stand-off: the yield and burst height the proposer chose. */
  burst?: MissionState['burst'];
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
  channel: InjectChannel;
  targets: 'all' | string[];
  round: number | null;
  condition: string | null;
  controllerNote: string | null;
  /** What the MSEL expects the table to do after it (control cell only, like the note). */
  expectedAction: string | null;
  status: 'fired' | 'skipped' | 'scheduled' | 'waiting-for-condition' | 'manual';
  firedInRound: number | null;
}

export interface ControlView {
  observations: Observation[];
  overrides: ExerciseState['overrides'];
  injectTimeline: InjectTimelineEntry[];
  /** The scenario's hidden truth, and where the body now really crosses after any deflection. */
  truth: {
    diameterM: number;
    densityKgM3: number;
    encounterKm: number;
    currentEncounterKm: number;
    /** After a break-up, the fragment on a course of its own (mass fraction, encounter point); null while the body is whole. */
    fragment: { massFraction: number; encounterKm: number } | null;
  };
  estimate: Estimate;
  actors: ActorPrivateView[];
  /** Each actor's payments per round (observation; all missions together). */
  spending: { round: number; actorId: string; observeMUsd: number; missionMUsd: number }[];
  /** Talk items each actor has posted this phase (absent: none), against `talkQuota`. */
  talkUsed: Record<string, number>;
  talkQuota: number;
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
    /** The legal regime in force: the scenario's, or the one a what-if branch put in force instead. */
    legalRegime: Scenario['legal']['regime'];
    /** A what-if branch: the exercise it was forked from and how many of its events it kept ("What-if branch of … from event N"); null otherwise. */
    branch: { parentId: string; forkSeq: number } | null;
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
    /** The catalogue entry itself, for `missionEffect` (mission-effect.ts) in the browser's preview. */
    spec: MissionType;
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
  votingRule: Scenario['un']['votingRule'];
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
  /**
   * Pending requests to join a delegation that this seat may see: all of them for the control
   * cell, those for its own actor for an actor's seat, and one's own for its requester.
   */
  delegationRequests: DelegationRequestView[];
  /**
   * How much this seat may still say this phase: for an actor's seat, the talk items (messages
   * and statements) its delegation posted and its quota; for the control cell (not counted),
   * the quota with `used` null; null for the other seats (they do not talk).
   */
  talk: { used: number | null; quota: number } | null;
  /** Present for an actor's seat: what only that actor knows. */
  me: ActorPrivateView | null;
  /** Present for the facilitator and evaluators: everything, hidden truth included. */
  control: ControlView | null;
}

/** Whether a seat (and the participant `viewer`) may see a delegation request: the control cell, the actor's delegation, and its requester. */
export function canSeeDelegationRequest(seat: SeatId | null, viewer: string | undefined, request: { participantId: string; actorId: string }): boolean {
  return isControlSeat(seat) || actorOfSeat(seat) === request.actorId || (viewer !== undefined && viewer === request.participantId);
}

/**
 * The key under which a participant's view may be built once and shared: its seat's (`''` for
 * no seat), except for a participant without a seat whose delegation request is pending, whose
 * view holds that request and is its own (`participant:<id>`). Build that view with `viewer`.
 */
export function viewKey(state: ExerciseState, participantId: string): string {
  const seat = state.participants[participantId]?.seat ?? null;
  if (seat !== null) return seat;
  return Object.values(state.delegationRequests).some((r) => r.participantId === participantId) ? `participant:${participantId}` : '';
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
 * What one seat's views were last built from, part by part, so that the next view reuses
 * every part whose sources are the same objects (evolve keeps untouched parts of the state).
 * The server keeps one per seat; diffing two views of the same cache then skips unchanged
 * parts by identity, and the cost of a view follows what changed, not the length of the log.
 *
 * The log lists of a cached view (messages, injects, results, observations, overrides) are
 * one array per seat that grows in place: copying a list of thousands of entries for every
 * seat on every command is what made the cost grow with the log. A view built with a cache
 * is therefore read (diffed, sent) before the next one is built; `logLengths` tells a diff
 * how long each list was when it was last read (see `diffView`).
 */
export interface ViewCache {
  readonly parts: Map<string, { sources: readonly unknown[]; value: unknown }>;
  readonly items: Map<string, WeakMap<object, unknown>>;
  /** Per log list: the state list last read, how many of its entries, and the view's list. */
  readonly logs: Map<string, { source: readonly unknown[]; read: number; value: unknown[] }>;
}

/** A fresh, empty cache for one seat's views. */
export function createViewCache(): ViewCache {
  return { parts: new Map(), items: new Map(), logs: new Map() };
}

/** The log lists of the cache's latest view with their lengths now: what a receiver of that view holds. */
export function logLengths(cache: ViewCache): Map<readonly unknown[], number> {
  return new Map([...cache.logs.values()].map((log) => [log.value, log.value.length]));
}

/** `build()`, or the value it gave last time for the same `sources` (compared by identity). */
function part<T>(cache: ViewCache | undefined, key: string, sources: readonly unknown[], build: () => T): T {
  if (!cache) return build();
  const last = cache.parts.get(key);
  if (last && last.sources.length === sources.length && last.sources.every((s, i) => s === sources[i])) return last.value as T;
  const value = build();
  cache.parts.set(key, { sources, value });
  return value;
}

/** `build(item)`, or what it gave last time for this very item object. */
function item<I extends object, T>(cache: ViewCache | undefined, key: string, source: I, build: (item: I) => T): T {
  if (!cache) return build(source);
  let seen = cache.items.get(key);
  if (!seen) cache.items.set(key, (seen = new WeakMap()));
  if (seen.has(source)) return seen.get(source) as T;
  const value = build(source);
  seen.set(source, value);
  return value;
}

/**
 * The entries of an append-only log this seat may see, as `show` gives them (null: hidden).
 * The state's logs only ever grow at their end, so with a cache only the new entries are
 * looked at, and they are pushed onto the seat's list in place (see `ViewCache`).
 */
function fromLog<I, T>(cache: ViewCache | undefined, key: string, source: readonly I[], show: (entry: I) => T | null): T[] {
  const shownFrom = (from: number, into: T[]) => {
    for (let i = from; i < source.length; i++) {
      const shown = show(source[i]!);
      if (shown !== null) into.push(shown);
    }
    return into;
  };
  if (!cache) return shownFrom(0, []);
  const last = cache.logs.get(key) as { source: readonly I[]; read: number; value: T[] } | undefined;
  const grew = last !== undefined && source.length >= last.read && (last.read === 0 || source[last.read - 1] === last.source[last.read - 1]);
  if (!grew) {
    const value = shownFrom(0, []);
    cache.logs.set(key, { source, read: source.length, value });
    return value;
  }
  if (last.source !== source || last.read !== source.length) {
    shownFrom(last.read, last.value);
    last.source = source;
    last.read = source.length;
  }
  return last.value;
}

/**
 * What the holder of `seat` (or a participant without a seat, `null`) may see. Secrets —
 * other actors' orders, budgets, secret briefings and private messages, and the
 * scenario's hidden truth — appear only where this function puts them. With a `cache` (one
 * per seat), unchanged parts are the very objects of the previous view. `viewer`, the
 * participant the view is for, adds what is theirs alone: the delegation request they made
 * (so the view of an unseated participant with a pending request is their own, see
 * `viewKey`).
 */
export function playerView(state: ExerciseState, seat: SeatId | null, cache?: ViewCache, viewer?: string): PlayerView {
  const { scenario } = state;
  const myActor = actorOfSeat(seat);
  const control = isControlSeat(seat);
  return {
    exercise: part(cache, 'exercise', [scenario, state.phase, state.round, state.scenarioDate, state.endReason, state.branch], () => {
      const roundSpec = state.round > 0 ? scenario.calendar.rounds[state.round - 1] : undefined;
      return {
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
        legalRegime: scenario.legal.regime,
        branch: state.branch === null ? null : { parentId: state.branch.parentId, forkSeq: state.branch.forkSeq },
      };
    }),
    asteroid: part(cache, 'asteroid', [scenario], () => ({
      designation: scenario.asteroid.designation,
      diameterMinM: scenario.asteroid.diameterM.min,
      diameterMaxM: scenario.asteroid.diameterM.max,
      entrySpeedKmS: scenario.asteroid.entrySpeedKmS,
      entryAngleDeg: scenario.asteroid.entryAngleDeg,
      densityKgM3: scenario.asteroid.densityKgM3,
      captureRadiusKm: scenario.asteroid.captureRadiusKm,
    })),
    riskCorridor: part(cache, 'riskCorridor', [scenario], () => ({
      description: scenario.riskCorridor.description,
      points: scenario.riskCorridor.points.map((p) => ({ lat: p.lat, lon: p.lon, label: p.label ?? null })),
    })),
    actors: part(cache, 'actors', [scenario, state.actors], () =>
      scenario.actors.map((a) =>
        item(cache, 'actor', state.actors[a.id]!, (s) => ({
          id: a.id,
          name: a.name,
          kind: a.kind,
          stateOfNationality: a.stateOfNationality ?? null,
          briefing: a.briefing,
          ready: s.ready,
        })),
      ),
    ),
    seats: part(cache, 'seats', [scenario, state.participants], () => {
      const holders = Object.values(state.participants);
      return seatList(state).map(({ seat: s, label }) => ({
        seat: s,
        label,
        holders: holders.filter((p) => p.seat === s).map((p) => ({ participantId: p.id, name: p.name, role: p.role })),
      }));
    }),
    estimates: state.estimateHistory,
    news: state.news,
    messages: fromLog(cache, 'messages', state.messages, (m) => (canSeeMessage(seat, m) ? m : null)),
    results: fromLog(cache, 'results', state.results, (r) => ({
      round: r.round,
      date: r.date,
      observeTotalMUsd: r.observeTotalMUsd,
      deflectTotalMUsd: r.deflectTotalMUsd,
      impactProbability: r.estimate.impactProbability,
      torino: r.torino,
      palermo: r.palermo,
    })),
    missionTypes: part(cache, 'missionTypes', [scenario], () =>
      scenario.missionTypes.map((t) => ({
        id: t.id,
        name: t.name,
        kind: t.kind,
        costMUsd: t.costMUsd,
        buildMonths: t.buildMonths,
        flightMonths: t.flightMonths,
        reliability: t.reliability,
        impactorCount: t.kind === 'kinetic-impactor' ? t.impactorCount : null,
        impactorMassKg: t.kind === 'kinetic-impactor' ? t.impactorMassKg : null,
        relativeSpeedKmS: t.kind === 'kinetic-impactor' ? t.relativeSpeedKmS : null,
        yieldKt: t.kind === 'nuclear-standoff' ? t.yieldKt : null,
        spacecraftMassKg: t.kind === 'gravity-tractor' ? t.spacecraftMassKg : null,
        hoverDistanceM: t.kind === 'gravity-tractor' ? t.hoverDistanceM : null,
        towMonths: t.kind === 'gravity-tractor' ? t.towMonths : null,
        spec: t,
      })),
    ),
    missions: part(cache, 'missions', [state.missions], () =>
      Object.values(state.missions).map((m) =>
        item(cache, 'mission', m, () => {
          // Until a flyby measures it, a push is known to the table only as expected (rules v3).
          const hidden = !control && m.measured === false;
          return {
            ...m,
            contributions: { ...m.contributions },
            inKind: m.inKind.map((c) => ({ ...c })),
            deltaVMmPerS: hidden ? null : m.deltaVMmPerS,
            shiftKm: hidden ? null : m.shiftKm,
            expectedShiftKm: m.expectedShiftKm ?? null,
            shiftSigmaKm: m.shiftSigmaKm ?? null,
            measured: m.measured ?? null,
          };
        }),
      ),
    ),
    bids: part(cache, 'bids', [state.bids], () => Object.values(state.bids).map((b) => item(cache, 'bid', b, () => ({ ...b })))),
    evacuations: part(cache, 'evacuations', [state.evacuations], () => Object.keys(state.evacuations).sort()),
    shelters: part(cache, 'shelters', [state.shelters], () => Object.keys(state.shelters).sort()),
    iawnNotified: state.iawnNotified,
    smpagConvened: state.smpagConvened,
    paused: state.paused,
    phaseDeadline: state.phaseDeadline,
    votingRule: scenario.un.votingRule,
    evacuationCostMUsd: scenario.evacuation.costMUsd,
    shelterCostMUsd: scenario.evacuation.shelterCostMUsd ?? scenario.evacuation.costMUsd / 5,
    observationRules: part(cache, 'observationRules', [scenario, state.round, state.scenarioDate], () => observationRulesForRound(scenario, state.round, state.scenarioDate)),
    agreements: part(cache, 'agreements', [state.agreements], () =>
      Object.values(state.agreements)
        .filter((a) => control || (myActor !== null && (a.proposer === myActor || a.parties.includes(myActor))))
        .map((a) => item(cache, 'agreement', a, () => ({ ...a, parties: [...a.parties], shares: { ...a.shares }, responses: { ...a.responses }, breachedBy: [...a.breachedBy] }))),
    ),
    resolutions: part(cache, 'resolutions', [state.resolutions], () => Object.values(state.resolutions).map((r) => item(cache, 'resolution', r, () => ({ ...r, votes: { ...r.votes } })))),
    trust: part(cache, 'trust', [state.trust], () =>
      Object.entries(state.trust)
        .map(([key, value]) => {
          const [from, to] = key.split('>') as [string, string];
          return { from, to, value };
        })
        .sort((a, b) => (a.from + a.to < b.from + b.to ? -1 : 1)),
    ),
    scores: state.scores,
    injects: fromLog(cache, 'injects', state.injects, (i) =>
      control || i.targets === 'all' || (myActor !== null && i.targets.includes(myActor))
        ? { ...i, targets: i.targets === 'all' ? ('all' as const) : [...i.targets], controllerNote: control ? i.controllerNote : null }
        : null,
    ),
    claims: part(cache, 'claims', [state.claims], () => state.claims.map((c) => item(cache, 'claim', c, () => ({ ...c, against: [...c.against] })))),
    outcome: state.outcome,
    delegationRequests: part(cache, 'delegationRequests', [state.delegationRequests, state.participants, seat, viewer], () =>
      Object.values(state.delegationRequests)
        .filter((r) => canSeeDelegationRequest(seat, viewer, r))
        .map((r) => ({ id: r.id, participantId: r.participantId, participantName: state.participants[r.participantId]?.name ?? r.participantId, actorId: r.actorId })),
    ),
    talk: part(cache, 'talk', [state.talkQuota, myActor === null ? null : (state.talkUsed[myActor] ?? 0), control], () =>
      myActor !== null ? { used: state.talkUsed[myActor] ?? 0, quota: state.talkQuota } : control ? { used: null, quota: state.talkQuota } : null,
    ),
    me:
      myActor !== null
        ? part(cache, 'me', [scenario, state.actors[myActor], state.withheldTracking[myActor]], () => actorPrivate(state, myActor))
        : null,
    control: control ? controlView(state, cache) : null,
  };
}

/** The control cell's part of the view: everything, hidden truth included; the same object while nothing in it changed. */
function controlView(state: ExerciseState, cache: ViewCache | undefined): ControlView {
  const { scenario } = state;
  const observations = fromLog(cache, 'observations', state.observations, (o) => ({ ...o }));
  const overrides = fromLog(cache, 'overrides', state.overrides, (o) => ({ ...o }));
  const injectTimeline = part(cache, 'injectTimeline', [scenario, state.injects, state.skippedInjects], () => buildInjectTimeline(state));
  const truth = part(cache, 'truth', [scenario, state.trueEncounterKm, state.fragment], () => {
    const { diameterM, densityKgM3, encounterKm } = scenario.asteroid.truth;
    return { diameterM, densityKgM3, encounterKm, currentEncounterKm: state.trueEncounterKm, fragment: state.fragment && { ...state.fragment } };
  });
  const actors = part(cache, 'privates', [scenario, state.actors, state.withheldTracking], () =>
    scenario.actors.map((a) => part(cache, `private:${a.id}`, [state.actors[a.id], state.withheldTracking[a.id]], () => actorPrivate(state, a.id))),
  );
  const spending = part(cache, 'spending', [state.results], () =>
    state.results.flatMap((r) =>
      Object.entries(r.spentMUsd).map(([actorId, p]) => ({
        round: r.round,
        actorId,
        observeMUsd: p.observeMUsd,
        missionMUsd: Object.values(p.missionFunding).reduce((a, b) => a + b, 0),
      })),
    ),
  );
  const talkUsed = part(cache, 'talkUsed', [state.talkUsed], () => ({ ...state.talkUsed }));
  // The log lists grow in place: their lengths say whether they changed.
  return part(
    cache,
    'control',
    [observations, observations.length, overrides, overrides.length, injectTimeline, truth, state.estimate, actors, spending, talkUsed, state.talkQuota],
    () => ({
      observations,
      overrides,
      injectTimeline,
      truth,
      estimate: state.estimate,
      actors,
      spending,
      talkUsed,
      talkQuota: state.talkQuota,
    }),
  );
}

/** Every scenario inject with what became of it, for the control cell's timeline. */
export function buildInjectTimeline(state: ExerciseState): InjectTimelineEntry[] {
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
      expectedAction: inj.expectedAction ?? null,
      status,
      firedInRound: fired?.round ?? null,
    };
  });
}

/**
 * The form of an event a seat may be told about, or null if it may not learn of it.
 * Follows the same rules as `playerView`, and fails closed: every event type has its line
 * here (the switch is exhaustive, so a new event type does not compile until it has one).
 * Orders, private messages and agreements stay with their actors and the control cell; a
 * round's resolution is told without others' spending, agreements or estimates, the
 * observation noise, the true encounter point or the generator state; no seat learns a
 * participant's rejoin key hash. Delegation requests and their answers reach the control cell,
 * the actor's delegation and the requester (`viewer`, the participant the events are for), and
 * so does a seat change's word that it ended one.
 */
export function eventForSeat(event: DomainEvent, seat: SeatId | null, state?: ExerciseState, viewer?: string): DomainEvent | null {
  const control = isControlSeat(seat);
  const myActor = actorOfSeat(seat);
  const isMine = (actorId: string) => control || actorId === myActor;
  // A delegation request named by id, as `state` holds it: seen by those `canSeeDelegationRequest` lets see it, else by nobody but the control cell.
  const seesRequest = (id: string) => {
    const request = state?.delegationRequests[id];
    return request !== undefined && canSeeDelegationRequest(seat, viewer, request);
  };
  const isMember = (a: { proposer: string; parties: readonly string[] } | undefined) =>
    control || (a !== undefined && myActor !== null && (a.proposer === myActor || a.parties.includes(myActor)));
  switch (event.type) {
    // Public facts: the table, the calendar, missions, votes, news and the outcome.
    case 'ParticipantLeft':
    case 'SeatClaimed':
    case 'SeatReleased': {
      // Seat changes are public; the delegation requests they ended only where the request itself was seen (`state`, before the event), else not at all.
      if (control || event.mootRequests === undefined || event.mootRequests.length === 0) return event;
      return { ...event, mootRequests: event.mootRequests.filter((id) => seesRequest(id)) };
    }
    case 'NewsPublished':
    case 'PhaseChanged':
    case 'StatementPosted':
    case 'MissionProposed':
    case 'MissionAuthorised':
    case 'BidSubmitted':
    case 'BidAccepted':
    case 'ExercisePaused':
    case 'ExerciseResumed':
    case 'PhaseTimerSet':
    case 'PhaseTimerExpired':
    case 'InKindContributed':
    case 'MissionLaunchOrdered':
    case 'EvacuationOrdered':
    case 'ResolutionProposed':
    case 'VoteCast':
    case 'TrustChanged':
    case 'SmpagOptionsPublished':
    case 'ClaimFiled':
    case 'IawnNotificationIssued':
    case 'ReadinessChanged':
    case 'TalkQuotaSet':
    case 'ExerciseEnded':
      return event;
    case 'ParticipantJoined': {
      const { rejoinKeyHash: _secret, ...told } = event;
      return told;
    }
    case 'RoundStarted': {
      if (control) return event;
      const income = myActor !== null ? event.incomeMUsd[myActor] : undefined;
      return { ...event, incomeMUsd: income === undefined ? {} : { [myActor!]: income } };
    }
    case 'MessagePosted':
      return canSeeMessage(seat, { ...event, id: event.messageId }) ? event : null;
    case 'OrdersSubmitted':
    case 'TrackingDataPolicySet':
      return isMine(event.actorId) ? event : null;
    // The control cell's own records and the scenario's script.
    case 'ObservationRecorded':
    case 'ValueOverridden':
    case 'InjectSkipped':
      return control ? event : null;
    case 'DelegationRequested': {
      if (!canSeeDelegationRequest(seat, viewer, event)) return null;
      // The requests it replaced were for other delegations: named only to those who saw them.
      if (control || event.replaces === undefined || event.replaces.length === 0) return event;
      return { ...event, replaces: event.replaces.filter((id) => seesRequest(id)) };
    }
    case 'DelegationRequestAnswered':
      return canSeeDelegationRequest(seat, viewer, event) ? event : null;
    case 'InjectFired':
      if (control) return event;
      if (event.targets !== 'all' && (myActor === null || !event.targets.includes(myActor))) return null;
      return { ...event, controllerNote: null };
    case 'AgreementProposed':
      return isMember(event) ? event : null;
    case 'AgreementResponded':
    case 'AgreementWithdrawn':
      // Only the agreement's members learn what became of it.
      return isMember(state?.agreements[event.agreementId]) ? event : null;
    case 'RoundResolved': {
      if (control) return event;
      const spentMUsd: typeof event.spentMUsd = {};
      if (myActor !== null && event.spentMUsd[myActor]) spentMUsd[myActor] = event.spentMUsd[myActor];
      const privateEstimates: typeof event.privateEstimates = {};
      if (myActor !== null && event.privateEstimates[myActor]) privateEstimates[myActor] = event.privateEstimates[myActor];
      const agreements = event.agreements.filter((a) => isMember(state?.agreements[a.agreementId]));
      // A push's realised Δv, its draws and where a fragment went stay hidden; the table learns of them by measuring (rules v3).
      const missions = event.missions.map((p) => {
        if (p.expectedShiftKm === undefined) return p;
        const { burst: _burst, fragmentCloud: _cloud, ...rest } = p;
        return { ...rest, deltaVMmPerS: null, beta: null, shiftKm: null };
      });
      return { ...event, spentMUsd, privateEstimates, agreements, missions, noiseZ: null, trueEncounterKm: null, fragment: null, rngAfter: [] };
    }
    case 'ExerciseBranched':
      // Public: everyone may know the table is a what-if and from where. The generator state and its seed stay with the control cell (as a resolution's do).
      return control ? event : { ...event, seed: null, rngAfter: [] };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
