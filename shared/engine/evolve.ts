import type { DomainEvent, EventOf } from './events.js';
import { applyMissionProgress } from './missions.js';
import { v5WithoutMootRequests, v4AgreementStatus, v4BidReliability, v4InjectSeq, v4Mandates, v4MissionCatalogue, v4SmpagNews, v4StatementHeadline, v4TrustAfter } from './legacy.js';
import { actorOfSeat, type ParticipantRole } from './seats.js';
import type { ActorState, AgreementState, DelegationRequest, ExerciseState, MissionState } from './state.js';
import type { TrustChange } from './events.js';

function mapActors(state: ExerciseState, f: (id: string, a: ActorState) => ActorState): Record<string, ActorState> {
  const out: Record<string, ActorState> = {};
  for (const [id, a] of Object.entries(state.actors)) out[id] = f(id, a);
  return out;
}

/** The state's (mutable-typed) lists: logs that only ever grow by one entry at their end. The rng, a readonly tuple, is not one. */
type LogKey = { [K in keyof ExerciseState]: ExerciseState[K] extends unknown[] ? K : never }[keyof ExerciseState];
type LogEntry<K extends LogKey> = ExerciseState[K][number];

/** How one of the state's log lists gets an entry: copied by `evolve`, pushed in place by `replay` into lists it owns. */
type Append = <K extends LogKey>(state: ExerciseState, key: K, entry: LogEntry<K>) => ExerciseState[K];

const appendToCopy: Append = (state, key, entry) => [...state[key], entry] as ExerciseState[typeof key];

const appendInPlace: Append = (state, key, entry) => {
  (state[key] as LogEntry<typeof key>[]).push(entry);
  return state[key];
};

/**
 * Applies one event to the state and returns the next state. Pure and total: it never
 * draws random numbers, reads a clock or rejects an event (that was `decide`'s job).
 */
export function evolve(state: ExerciseState, event: DomainEvent): ExerciseState {
  return { ...applyEvent(state, event, appendToCopy), eventCount: state.eventCount + 1 };
}

/** One event's changes, lists grown only through `append`; returns `state` itself or a shallow copy of it, as `replay` relies on. */
function applyEvent(state: ExerciseState, event: DomainEvent, append: Append): ExerciseState {
  switch (event.type) {
    case 'ParticipantJoined':
      return {
        ...state,
        participants: {
          ...state.participants,
          [event.participantId]: { id: event.participantId, name: event.name, role: roleOf(event), seat: null, rejoinKeyHash: event.rejoinKeyHash ?? null },
        },
      };
    case 'ParticipantLeft': {
      const participants = { ...state.participants };
      delete participants[event.participantId];
      return withoutRequests({ ...state, participants }, event.mootRequests);
    }
    case 'SeatClaimed':
    case 'SeatReleased': {
      const p = state.participants[event.participantId];
      if (!p) return state;
      const seat = event.type === 'SeatClaimed' ? event.seat : null;
      return withoutRequests({ ...state, participants: { ...state.participants, [p.id]: { ...p, seat } } }, event.mootRequests);
    }
    case 'DelegationRequested': {
      // The request replaces those it names (before rules v6: the one its requester still had pending).
      const replaced = (r: DelegationRequest) => (event.replaces !== undefined ? event.replaces.includes(r.id) : r.participantId === event.participantId);
      const delegationRequests: Record<string, DelegationRequest> = {};
      for (const r of Object.values(state.delegationRequests)) if (!replaced(r)) delegationRequests[r.id] = r;
      delegationRequests[event.requestId] = { id: event.requestId, participantId: event.participantId, actorId: event.actorId };
      return { ...state, delegationRequests, delegationRequestCount: state.delegationRequestCount + 1 };
    }
    case 'DelegationRequestAnswered': {
      if (!state.delegationRequests[event.requestId]) return state;
      const delegationRequests = { ...state.delegationRequests };
      delete delegationRequests[event.requestId];
      return { ...state, delegationRequests };
    }
    case 'TalkQuotaSet':
      return { ...state, talkQuota: event.messagesPerPhase };
    case 'RoundStarted':
      return {
        ...state,
        round: event.round,
        phase: 'briefing',
        phaseDeadline: null,
        talkUsed: talkReset(state),
        scenarioDate: event.date,
        actors: mapActors(state, (id, a) => ({
          ...a,
          balanceMUsd: a.balanceMUsd + (event.incomeMUsd[id] ?? 0),
          orders: null,
          ready: false,
        })),
      };
    case 'NewsPublished':
      return {
        ...state,
        news: append(state, 'news', { id: event.newsId, round: event.round, headline: event.headline, body: event.body }),
      };
    case 'PhaseChanged':
      return { ...state, phase: event.to, phaseDeadline: null, talkUsed: talkReset(state) };
    case 'MessagePosted': {
      const sender = actorOfSeat(event.from);
      return {
        ...state,
        ...(sender !== null ? { talkUsed: talked(state, sender) } : {}),
        messages: append(state, 'messages', {
          id: event.messageId,
          round: event.round,
          from: event.from,
          fromName: event.fromName,
          to: event.to,
          text: event.text,
          at: event.at,
        }),
      };
    }
    case 'OrdersSubmitted':
      return { ...state, actors: { ...state.actors, [event.actorId]: { ...state.actors[event.actorId]!, orders: event.orders } } };
    case 'ReadinessChanged':
      return { ...state, actors: { ...state.actors, [event.actorId]: { ...state.actors[event.actorId]!, ready: event.ready } } };
    case 'StatementPosted':
      return {
        ...state,
        talkUsed: talked(state, event.actorId),
        news: append(state, 'news', { id: event.newsId, round: event.round, headline: event.headline ?? v4StatementHeadline(event), body: event.text }),
      };
    case 'IawnNotificationIssued':
      return {
        ...state,
        iawnNotified: true,
        news: append(state, 'news', { id: event.newsId, round: event.round, headline: event.headline, body: event.body }),
      };
    case 'MissionProposed':
      return {
        ...state,
        missions: {
          ...state.missions,
          [event.missionId]: {
            id: event.missionId,
            typeId: event.typeId,
            name: event.name,
            lead: event.lead,
            provider: event.provider,
            direction: event.direction,
            costMUsd: event.costMUsd,
            ...proposedCatalogue(state, event),
            fundedMUsd: 0,
            contributions: {},
            inKind: [],
            status: 'proposed',
            authorisingActor: event.authorisingActor,
            authorised: null,
            unMandate: 'none',
            readyDate: null,
            launchDate: null,
            arrivalDate: null,
            deltaVMmPerS: null,
            shiftKm: null,
            burst: burstOf(state, event),
          },
        },
      };
    case 'AgreementProposed':
      return {
        ...state,
        agreements: {
          ...state.agreements,
          [event.agreementId]: {
            id: event.agreementId,
            kind: event.kind,
            proposer: event.proposer,
            parties: event.parties,
            missionId: event.missionId,
            shares: event.shares,
            text: event.text,
            dueRound: event.dueRound,
            responses: {},
            status: 'proposed',
            breachedBy: [],
          },
        },
      };
    case 'AgreementResponded':
      if (!state.agreements[event.agreementId]) return state;
      return {
        ...state,
        agreements: { ...state.agreements, [event.agreementId]: answered(state.agreements[event.agreementId]!, event) },
      };
    case 'AgreementWithdrawn':
      if (!state.agreements[event.agreementId]) return state;
      return { ...state, agreements: { ...state.agreements, [event.agreementId]: { ...state.agreements[event.agreementId]!, status: 'withdrawn' } } };
    case 'ResolutionProposed':
      return {
        ...state,
        resolutions: {
          ...state.resolutions,
          [event.resolutionId]: { id: event.resolutionId, kind: event.kind, missionId: event.missionId, proposedRound: event.round, votes: {}, status: 'open' },
        },
      };
    case 'VoteCast': {
      const r = state.resolutions[event.resolutionId];
      if (!r) return state;
      return { ...state, resolutions: { ...state.resolutions, [r.id]: { ...r, votes: { ...r.votes, [event.actorId]: event.vote } } } };
    }
    case 'ExercisePaused':
      return { ...state, paused: true };
    case 'ExerciseResumed':
      return { ...state, paused: false };
    case 'PhaseTimerSet':
      return { ...state, phaseDeadline: event.deadline };
    case 'PhaseTimerExpired':
      return { ...state, phaseDeadline: null };
    case 'ValueOverridden': {
      const overrides = append(state, 'overrides', { target: event.target, subject: event.subject, from: event.from, to: event.to, reason: event.reason, round: event.round });
      if (event.target === 'actor-budget' && event.subject && state.actors[event.subject]) {
        return { ...state, overrides, actors: { ...state.actors, [event.subject]: { ...state.actors[event.subject]!, balanceMUsd: event.to } } };
      }
      if (event.target === 'mission-reliability' && event.subject && state.missions[event.subject]) {
        return { ...state, overrides, missions: { ...state.missions, [event.subject]: { ...state.missions[event.subject]!, reliability: event.to } } };
      }
      if (event.target === 'true-encounter') return { ...state, overrides, trueEncounterKm: event.to };
      return { ...state, overrides };
    }
    case 'InjectSkipped':
      return { ...state, skippedInjects: append(state, 'skippedInjects', event.injectId) };
    case 'ObservationRecorded':
      return {
        ...state,
        observations: append(state, 'observations', {
          id: event.observationId,
          round: event.round,
          phase: event.phase,
          by: event.by,
          byName: event.byName,
          actorId: event.actorId,
          capability: event.capability,
          text: event.text,
          at: event.at,
          ...(event.rating !== undefined ? { rating: event.rating } : {}),
        }),
      };
    case 'InjectFired':
      return {
        ...state,
        injects: append(state, 'injects', {
          seq: event.seq ?? v4InjectSeq(state),
          trigger: event.trigger,
          id: event.injectId,
          round: event.round,
          targets: event.targets,
          persona: event.persona,
          channel: event.channel,
          headline: event.headline,
          body: event.body,
          controllerNote: event.controllerNote,
        }),
      };
    case 'SmpagOptionsPublished':
      return {
        ...state,
        smpagConvened: true,
        news: append(state, 'news', {
          id: event.newsId,
          round: event.round,
          ...(event.headline !== undefined && event.body !== undefined ? { headline: event.headline, body: event.body } : v4SmpagNews(event)),
        }),
      };
    case 'ClaimFiled':
      return {
        ...state,
        claims: append(state, 'claims', { id: event.claimId, claimant: event.claimant, against: event.against, round: event.round, amountMUsd: event.amountMUsd }),
      };
    case 'TrustChanged':
      return { ...state, trust: trustAfter(state.trust, event.changes) };
    case 'BidSubmitted':
      return {
        ...state,
        bids: {
          ...state.bids,
          [event.bidId]: {
            id: event.bidId,
            missionId: event.missionId,
            company: event.company,
            priceMUsd: event.priceMUsd,
            buildMonths: event.buildMonths,
            reliability: event.reliability,
            status: 'open',
          },
        },
      };
    case 'BidAccepted': {
      const bid = state.bids[event.bidId];
      const m = state.missions[event.missionId];
      if (!bid || !m) return state;
      const bids = { ...state.bids };
      for (const b of Object.values(bids)) if (b.missionId === m.id && b.status === 'open') bids[b.id] = { ...b, status: b.id === bid.id ? 'accepted' : 'superseded' };
      return {
        ...state,
        bids,
        missions: {
          ...state.missions,
          [m.id]: {
            ...m,
            provider: bid.company,
            costMUsd: bid.priceMUsd,
            buildMonths: bid.buildMonths,
            reliability: event.reliability ?? v4BidReliability(state, m, bid),
            authorisingActor: event.authorisingActor,
            authorised: null,
          },
        },
      };
    }
    case 'TrackingDataPolicySet': {
      const withheldTracking = { ...state.withheldTracking };
      // A withholder starts from what everyone knows; sharing again folds its data back into the public estimate next round.
      if (event.share) delete withheldTracking[event.actorId];
      else withheldTracking[event.actorId] = state.estimate;
      return { ...state, withheldTracking };
    }
    case 'InKindContributed': {
      const m = state.missions[event.missionId];
      if (!m) return state;
      return {
        ...state,
        missions: {
          ...state.missions,
          [m.id]: { ...m, reliability: m.reliability + event.reliabilityGain, inKind: [...m.inKind, { actorId: event.actorId, contribution: event.contribution }] },
        },
      };
    }
    case 'MissionAuthorised':
      if (!state.missions[event.missionId]) return state;
      return { ...state, missions: { ...state.missions, [event.missionId]: { ...state.missions[event.missionId]!, authorised: event.granted } } };
    case 'MissionLaunchOrdered':
      if (!state.missions[event.missionId]) return state;
      return { ...state, missions: { ...state.missions, [event.missionId]: { ...state.missions[event.missionId]!, status: 'launch-ordered' } } };
    case 'EvacuationOrdered':
      return {
        ...state,
        ...(event.level === 'shelter'
          ? { shelters: { ...state.shelters, [event.actorId]: event.round } }
          : { evacuations: { ...state.evacuations, [event.actorId]: event.round } }),
        actors: {
          ...state.actors,
          [event.actorId]: {
            ...state.actors[event.actorId]!,
            balanceMUsd: state.actors[event.actorId]!.balanceMUsd - event.costMUsd,
            totalSpentMUsd: state.actors[event.actorId]!.totalSpentMUsd + event.costMUsd,
          },
        },
      };
    case 'RoundResolved':
      return {
        ...state,
        phase: 'resolution',
        phaseDeadline: null,
        talkUsed: talkReset(state),
        rng: event.rngAfter,
        estimate: event.estimate,
        estimateHistory: append(state, 'estimateHistory', { round: event.round, date: event.date, ...event.estimate }),
        trueEncounterKm: event.trueEncounterKm ?? state.trueEncounterKm,
        fragment: event.fragment ?? state.fragment,
        withheldTracking: { ...state.withheldTracking, ...pick(event.privateEstimates, state.withheldTracking) },
        missions: applyMissionProgress(mandated(state, event), event.spentMUsd, event.missions, state.scenario),
        agreements: settle(state, event.agreements),
        resolutions: closeResolutions(state, event.resolutions),
        trust: trustAfter(state.trust, event.trustChanges),
        scores: event.scores ?? state.scores,
        actors: mapActors(state, (id, a) => {
          const spent = event.spentMUsd[id];
          const total = spent ? spent.observeMUsd + Object.values(spent.missionFunding).reduce((x, y) => x + y, 0) : 0;
          return { ...a, balanceMUsd: a.balanceMUsd - total, totalSpentMUsd: a.totalSpentMUsd + total };
        }),
        results: append(state, 'results', {
          round: event.round,
          date: event.date,
          observeTotalMUsd: event.observeTotalMUsd,
          deflectTotalMUsd: event.deflectTotalMUsd,
          estimate: event.estimate,
          torino: event.hazard.torino,
          palermo: event.hazard.palermo,
          spentMUsd: event.spentMUsd,
        }),
        outcome: event.outcome ?? state.outcome,
      };
    case 'ExerciseBranched':
      // The parent's people are not at the branch's table: everyone joins afresh, and play waits for the facilitator.
      return {
        ...state,
        rng: event.rngAfter,
        ...(event.regime !== null ? { scenario: { ...state.scenario, legal: { ...state.scenario.legal, regime: event.regime } } } : {}),
        participants: {},
        delegationRequests: {},
        phaseDeadline: null,
        paused: true,
        branch: { parentId: event.parentId, forkSeq: event.forkSeq },
      };
    case 'ExerciseEnded':
      return { ...state, phase: 'ended', phaseDeadline: null, talkUsed: talkReset(state), paused: false, outcome: event.outcome ?? state.outcome, endReason: event.reason };
  }
}

/** The state without the delegation requests a seat change made moot, as recorded (before rules v6: as `evolve` worked them out). */
function withoutRequests(state: ExerciseState, moot: readonly string[] | undefined): ExerciseState {
  if (moot === undefined) return v5WithoutMootRequests(state);
  if (moot.length === 0) return state;
  const delegationRequests = { ...state.delegationRequests };
  for (const id of moot) delete delegationRequests[id];
  return { ...state, delegationRequests };
}

/** The role a join records; `upcastEvent` gives every stored join one (rules v1's `controller` becomes it), so none lacks it here. */
function roleOf(event: EventOf<'ParticipantJoined'>): ParticipantRole {
  return event.role ?? 'participant';
}

/** The talk counts after one more item from `actorId`. */
function talked(state: ExerciseState, actorId: string): Record<string, number> {
  return { ...state.talkUsed, [actorId]: (state.talkUsed[actorId] ?? 0) + 1 };
}

/** The talk counts of a new phase: none (the same object when already none, so nothing looks changed). */
function talkReset(state: ExerciseState): Record<string, number> {
  return Object.keys(state.talkUsed).length === 0 ? state.talkUsed : {};
}

/** The entries of `values` whose keys are in `keys`. */
function pick<T>(values: Record<string, T>, keys: Record<string, unknown>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(keys)) if (values[k] !== undefined) out[k] = values[k];
  return out;
}

/** A nuclear mission's burst as proposed; logs before rules v3 recorded none: the catalogue's yield at the optimum height. */
function burstOf(state: ExerciseState, event: EventOf<'MissionProposed'>): MissionState['burst'] {
  if (event.burst) return event.burst;
  const t = state.scenario.missionTypes.find((x) => x.id === event.typeId);
  return t?.kind === 'nuclear-standoff' ? { yieldKt: t.yieldKt, standoffM: null } : null;
}

/** A proposed mission's kind, schedule and reliability as the proposal recorded them (rules v5), or as older rules read them from the catalogue. */
function proposedCatalogue(state: ExerciseState, event: EventOf<'MissionProposed'>): Pick<MissionState, 'kind' | 'buildMonths' | 'flightMonths' | 'reliability'> {
  const { kind, buildMonths, flightMonths, reliability } = event;
  if (kind !== undefined && buildMonths !== undefined && flightMonths !== undefined && reliability !== undefined) return { kind, buildMonths, flightMonths, reliability };
  return v4MissionCatalogue(state, event.typeId);
}

/** An agreement with one more answer, and the status the answer recorded (or, before rules v5, the status it implied). */
function answered(a: AgreementState, event: EventOf<'AgreementResponded'>): AgreementState {
  const responses = { ...a.responses, [event.actorId]: event.accept };
  return { ...a, responses, status: event.status ?? v4AgreementStatus(a, responses, event.accept) };
}

/** The trust after these changes, each as recorded (or, before rules v5, as it was computed). */
function trustAfter(trust: Record<string, number>, changes: readonly TrustChange[]): Record<string, number> {
  if (changes.length === 0) return trust;
  const out = { ...trust };
  for (const c of changes) out[`${c.from}>${c.to}`] = c.after ?? v4TrustAfter(out, c);
  return out;
}

/** The missions with the UN standing this resolution recorded (or, before rules v5, derived from its tallies). */
function mandated(state: ExerciseState, event: EventOf<'RoundResolved'>): ExerciseState['missions'] {
  if (event.mandates === undefined) return v4Mandates(state, event.resolutions);
  if (event.mandates.length === 0) return state.missions;
  const missions = { ...state.missions };
  for (const { missionId, unMandate } of event.mandates) {
    const m = missions[missionId];
    if (m) missions[missionId] = { ...m, unMandate };
  }
  return missions;
}

function settle(state: ExerciseState, settled: EventOf<'RoundResolved'>['agreements']): ExerciseState['agreements'] {
  if (settled.length === 0) return state.agreements;
  const out = { ...state.agreements };
  for (const s of settled) {
    const a = out[s.agreementId];
    if (a) out[s.agreementId] = { ...a, status: s.result, breachedBy: s.breachedBy };
  }
  return out;
}

function closeResolutions(state: ExerciseState, tallies: EventOf<'RoundResolved'>['resolutions']): ExerciseState['resolutions'] {
  if (tallies.length === 0) return state.resolutions;
  const out = { ...state.resolutions };
  for (const t of tallies) {
    const r = out[t.resolutionId];
    if (r) out[t.resolutionId] = { ...r, status: t.adopted ? 'adopted' : 'failed' };
  }
  return out;
}

/** Folds a log of events over a starting state: the one way state is ever rebuilt. Same result as folding `evolve`, in time linear in the log. */
export function replay(state: ExerciseState, events: readonly DomainEvent[]): ExerciseState {
  if (events.length === 0) return state;
  // Copying every log list on every event made replay quadratic. Every state below is replay's own (this copy, then
  // applyEvent's fresh object or the same one) and no caller sees one before the end, so they may change in place.
  let current: ExerciseState = { ...state, ...copyOfLogs(state) };
  for (const event of events) {
    const next = applyEvent(current, event, appendInPlace);
    next.eventCount = current.eventCount + 1;
    current = next;
  }
  return current;
}

/** Fresh copies of all the state's log lists (the mapped type makes the compiler insist on every one). */
function copyOfLogs(state: ExerciseState): { [K in LogKey]: ExerciseState[K] } {
  return {
    messages: [...state.messages],
    news: [...state.news],
    estimateHistory: [...state.estimateHistory],
    injects: [...state.injects],
    claims: [...state.claims],
    skippedInjects: [...state.skippedInjects],
    overrides: [...state.overrides],
    observations: [...state.observations],
    results: [...state.results],
  };
}
