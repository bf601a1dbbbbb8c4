// The timeline of an exercise: every event, with who did it by name, when (scenario and wall
// clock), in which round and phase, what kind of thing it was, and who could see it.
import type { DomainEvent, EventOf } from '../engine/events.js';
import { actorOfSeat, type SeatId } from '../engine/seats.js';
import type { ExerciseState, Participant } from '../engine/state.js';
import { eventForSeat } from '../engine/view.js';
import type { Phase } from '../engine/vocabulary.js';
import { foldLog } from './fold.js';
import type { DebriefLog } from './log.js';
import { actorName, clause, excerpt, listWords, moneyMUsd, participantWords, percent, phaseWords, seatRole, shiftWords } from './words.js';

export const timelineKinds = ['seating', 'talk', 'mission', 'agreement', 'un', 'orders', 'inject', 'override', 'observation', 'round', 'science', 'outcome', 'control'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export interface TimelineEntry {
  seq: number;
  type: string;
  kind: TimelineKind;
  round: number;
  phase: Phase;
  /** The scenario's date when it happened. */
  scenarioDate: string;
  /** The wall-clock time it was stored (ISO). */
  at: string;
  /** The actor it concerns or that acted (scenario actor id), if any. */
  actorId: string | null;
  /** Who did it, as people at the table knew them: "Amina Odhiambo (Kenya)", "Control cell", "The rules". */
  who: string;
  /** What happened, in one plain sentence. */
  summary: string;
  /** Who could see it at the time: everyone, the control cell only, or these actors (and the control cell). */
  audience: 'everyone' | 'control' | string[];
  /** The full text the summary shortens (a message, a statement, news, an inject, an observation), or null. */
  detail: string | null;
  /** The participant whose command caused it ('system' for the server's own). */
  participantId: string;
}

/** Each event's kind in the timeline (the record is total, so a new event type must be given one). */
export const TIMELINE_KIND_OF: { readonly [T in DomainEvent['type']]: TimelineKind } = {
  ParticipantJoined: 'seating',
  DelegationRequested: 'seating',
  DelegationRequestAnswered: 'seating',
  ParticipantLeft: 'seating',
  SeatClaimed: 'seating',
  SeatReleased: 'seating',
  TalkQuotaSet: 'control',
  RoundStarted: 'round',
  NewsPublished: 'science',
  PhaseChanged: 'round',
  MessagePosted: 'talk',
  StatementPosted: 'talk',
  OrdersSubmitted: 'orders',
  ReadinessChanged: 'orders',
  EvacuationOrdered: 'orders',
  TrackingDataPolicySet: 'orders',
  MissionProposed: 'mission',
  MissionAuthorised: 'mission',
  BidSubmitted: 'mission',
  BidAccepted: 'mission',
  InKindContributed: 'mission',
  MissionLaunchOrdered: 'mission',
  AgreementProposed: 'agreement',
  AgreementResponded: 'agreement',
  AgreementWithdrawn: 'agreement',
  TrustChanged: 'agreement',
  ResolutionProposed: 'un',
  VoteCast: 'un',
  IawnNotificationIssued: 'science',
  SmpagOptionsPublished: 'science',
  InjectFired: 'inject',
  InjectSkipped: 'inject',
  ValueOverridden: 'override',
  ObservationRecorded: 'observation',
  ExercisePaused: 'control',
  ExerciseResumed: 'control',
  PhaseTimerSet: 'control',
  PhaseTimerExpired: 'control',
  RoundResolved: 'round',
  ClaimFiled: 'outcome',
  ExerciseEnded: 'outcome',
  ExerciseBranched: 'control',
};

/** The timeline of a log, one entry per event, in order. */
export function buildTimeline(log: DebriefLog): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const everyone: Record<string, Pick<Participant, 'name' | 'seat'>> = {};
  foldLog(log, ({ logged, event, before, after }) => {
    if (event.type === 'ParticipantJoined') everyone[event.participantId] = { name: event.name, seat: null };
    for (const p of Object.values(after.participants)) everyone[p.id] = { name: p.name, seat: p.seat };
    entries.push({
      seq: logged.seq,
      type: event.type,
      kind: TIMELINE_KIND_OF[event.type],
      round: after.round,
      phase: after.phase,
      scenarioDate: after.scenarioDate,
      at: logged.at,
      actorId: actorConcerned(before, event, logged.actor),
      who: whoDid(before, everyone, event, logged.actor),
      summary: summarise(before, after, everyone, event),
      audience: audienceOf(before, event),
      detail: detailOf(event),
      participantId: logged.actor,
    });
  });
  return entries;
}

/** Which entries to show: any of these actors, kinds and rounds (absent: all), and every word of `text` somewhere in the entry. */
export interface TimelineFilter {
  actorIds?: readonly string[];
  kinds?: readonly TimelineKind[];
  rounds?: readonly number[];
  text?: string;
}

/** The entries that pass the filter, in order; the text search ignores case and accents. */
export function filterTimeline(entries: readonly TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  const words = filter.text ? folded(filter.text).split(/\s+/).filter((w) => w.length > 0) : [];
  const actors = filter.actorIds ? new Set(filter.actorIds) : null;
  const kinds = filter.kinds ? new Set(filter.kinds) : null;
  const rounds = filter.rounds ? new Set(filter.rounds) : null;
  return entries.filter((e) => {
    if (actors && (e.actorId === null || !actors.has(e.actorId))) return false;
    if (kinds && !kinds.has(e.kind)) return false;
    if (rounds && !rounds.has(e.round)) return false;
    if (words.length === 0) return true;
    const haystack = folded(`${e.who} ${e.summary} ${e.detail ?? ''} ${e.type}`);
    return words.every((w) => haystack.includes(w));
  });
}

export type TimelineGrouping = 'round' | 'phase' | 'actor' | 'kind';

/** One group of entries with a heading: "Round 2", "Round 2 · deliberation", "Kenya", "talk". */
export interface TimelineGroup {
  key: string;
  label: string;
  entries: TimelineEntry[];
}

/** The entries in groups, in order of first appearance: by round, by round and phase, by actor (names from the scenario) or by kind. */
export function groupTimeline(entries: readonly TimelineEntry[], by: TimelineGrouping, actorNames: Readonly<Record<string, string>> = {}): TimelineGroup[] {
  const groups = new Map<string, TimelineGroup>();
  for (const e of entries) {
    const [key, label] =
      by === 'round'
        ? [String(e.round), e.round === 0 ? 'Before the first round' : `Round ${e.round}`]
        : by === 'phase'
          ? [`${e.round}:${e.phase}`, `${e.round === 0 ? 'Before the first round' : `Round ${e.round}`} · ${phaseWords(e.phase)}`]
          : by === 'actor'
            ? [e.actorId ?? '', e.actorId === null ? 'No actor' : (actorNames[e.actorId] ?? e.actorId)]
            : [e.kind, e.kind];
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { key, label, entries: [] }));
    group.entries.push(e);
  }
  return [...groups.values()];
}

/** Lower case without accents, for searching. */
function folded(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Events the rules produce by themselves, whoever's command set them off. */
function byTheRules(event: DomainEvent): boolean {
  return (
    event.type === 'RoundResolved' ||
    event.type === 'TrustChanged' ||
    event.type === 'NewsPublished' ||
    event.type === 'PhaseTimerExpired' ||
    event.type === 'ExerciseBranched' ||
    (event.type === 'InjectFired' && (event.trigger === 'round' || event.trigger === 'condition'))
  );
}

function whoDid(before: ExerciseState, everyone: Record<string, Pick<Participant, 'name' | 'seat'>>, event: DomainEvent, participantId: string): string {
  if (participantId === 'system' || byTheRules(event)) return 'The rules';
  // The seat they held when they acted (a seat just taken counts: "Fran (control cell) took the seat").
  const held = before.participants[participantId]?.seat ?? null;
  const known = everyone[participantId];
  if (!known) return participantId;
  return participantWords(before.scenario, { [participantId]: { name: known.name, seat: held ?? known.seat } }, participantId);
}

function actorConcerned(before: ExerciseState, event: DomainEvent, participantId: string): string | null {
  const ownActor = actorOfSeat(before.participants[participantId]?.seat ?? null);
  switch (event.type) {
    case 'ParticipantJoined':
    case 'ParticipantLeft':
    case 'SeatReleased':
      return ownActor;
    case 'SeatClaimed':
      return actorOfSeat(event.seat);
    case 'DelegationRequested':
    case 'DelegationRequestAnswered':
    case 'OrdersSubmitted':
    case 'StatementPosted':
    case 'TrackingDataPolicySet':
    case 'InKindContributed':
    case 'EvacuationOrdered':
    case 'VoteCast':
    case 'ReadinessChanged':
    case 'AgreementResponded':
    case 'ObservationRecorded':
      return event.actorId;
    case 'MessagePosted':
      return actorOfSeat(event.from);
    case 'MissionProposed':
      return event.lead;
    case 'MissionAuthorised':
      return event.by;
    case 'BidSubmitted':
      return event.company;
    case 'BidAccepted':
    case 'MissionLaunchOrdered':
      return before.missions[event.missionId]?.lead ?? ownActor;
    case 'AgreementProposed':
      return event.proposer;
    case 'AgreementWithdrawn':
      return before.agreements[event.agreementId]?.proposer ?? ownActor;
    case 'ClaimFiled':
      return event.claimant;
    case 'ValueOverridden':
      return event.target === 'actor-budget' ? event.subject : event.target === 'mission-reliability' && event.subject ? (before.missions[event.subject]?.lead ?? null) : null;
    case 'InjectFired':
      return event.targets !== 'all' && event.targets.length === 1 ? event.targets[0]! : null;
    case 'IawnNotificationIssued':
    case 'SmpagOptionsPublished':
    case 'ResolutionProposed':
      return ownActor ?? before.scenario.actors.find((a) => a.kind === 'un-body')?.id ?? null;
    case 'TalkQuotaSet':
    case 'RoundStarted':
    case 'NewsPublished':
    case 'PhaseChanged':
    case 'InjectSkipped':
    case 'ExercisePaused':
    case 'ExerciseResumed':
    case 'PhaseTimerSet':
    case 'PhaseTimerExpired':
    case 'TrustChanged':
    case 'RoundResolved':
    case 'ExerciseEnded':
    case 'ExerciseBranched':
      return null;
    default: {
      const _never: never = event;
      return _never;
    }
  }
}

/** Who could see an event: asked of `eventForSeat` (the one definition of visibility) for every actor's seat. */
function audienceOf(before: ExerciseState, event: DomainEvent): TimelineEntry['audience'] {
  const actorIds = before.scenario.actors.map((a) => a.id);
  const seeing = actorIds.filter((id) => eventForSeat(event, `actor:${id}`, before) !== null);
  if (seeing.length === actorIds.length) return 'everyone';
  if (seeing.length === 0) return 'control';
  return seeing;
}

function detailOf(event: DomainEvent): string | null {
  switch (event.type) {
    case 'MessagePosted':
    case 'StatementPosted':
    case 'AgreementProposed':
    case 'ObservationRecorded':
      return event.text;
    case 'NewsPublished':
    case 'IawnNotificationIssued':
      return `${event.headline}\n${event.body}`;
    case 'InjectFired':
      return `${event.headline}\n${event.body}${event.controllerNote ? `\nNote for the control cell: ${event.controllerNote}` : ''}`;
    case 'ValueOverridden':
      return event.reason;
    case 'ExerciseBranched':
      return event.note ?? null;
    case 'RoundResolved':
    case 'ExerciseEnded':
      return event.outcome?.summary ?? null;
    case 'ParticipantJoined':
    case 'DelegationRequested':
    case 'DelegationRequestAnswered':
    case 'TalkQuotaSet':
    case 'ParticipantLeft':
    case 'SeatClaimed':
    case 'SeatReleased':
    case 'RoundStarted':
    case 'PhaseChanged':
    case 'OrdersSubmitted':
    case 'MissionProposed':
    case 'MissionAuthorised':
    case 'BidSubmitted':
    case 'BidAccepted':
    case 'ExercisePaused':
    case 'ExerciseResumed':
    case 'PhaseTimerSet':
    case 'PhaseTimerExpired':
    case 'InjectSkipped':
    case 'TrackingDataPolicySet':
    case 'InKindContributed':
    case 'MissionLaunchOrdered':
    case 'EvacuationOrdered':
    case 'AgreementResponded':
    case 'AgreementWithdrawn':
    case 'ResolutionProposed':
    case 'VoteCast':
    case 'TrustChanged':
    case 'SmpagOptionsPublished':
    case 'ClaimFiled':
    case 'ReadinessChanged':
      return null;
    default: {
      const _never: never = event;
      return _never;
    }
  }
}

const AGREEMENT_WORDS: Record<string, string> = {
  'cost-sharing': 'cost-sharing',
  consultation: 'consultation',
  apportionment: 'liability-apportionment',
  assistance: 'assistance',
};

const RESOLUTION_WORDS: Record<string, string> = {
  'endorse-mission': 'endorse',
  'mandate-mission': 'mandate',
  'authorise-nuclear': 'authorise the nuclear device of',
  'create-common-fund': 'create a common fund',
};

/** What a resolution would do, in words: "authorise the nuclear device of the Nuclear stand-off device (United States)". */
export function resolutionWords(state: ExerciseState, kind: string, missionId: string | null): string {
  const verb = RESOLUTION_WORDS[kind] ?? kind;
  if (missionId === null) return verb;
  return `${verb} the ${missionName(state, missionId)}`;
}

function missionName(state: ExerciseState, missionId: string): string {
  return state.missions[missionId]?.name ?? missionId;
}

function name(state: ExerciseState, actorId: string): string {
  return actorName(state.scenario, actorId);
}

function names(state: ExerciseState, actorIds: readonly string[]): string {
  return listWords(actorIds.map((id) => name(state, id)));
}

function quoted(text: string): string {
  return `“${excerpt(text)}”`;
}

function summarise(before: ExerciseState, after: ExerciseState, everyone: Record<string, Pick<Participant, 'name' | 'seat'>>, event: DomainEvent): string {
  const person = (participantId: string) => everyone[participantId]?.name ?? participantId;
  switch (event.type) {
    case 'ParticipantJoined': {
      const role = event.role ?? (event.controller ? 'facilitator' : 'participant');
      return `${event.name} joined the exercise${role === 'facilitator' ? ' with the facilitator key' : role === 'evaluator' ? ' with the evaluator key' : ''}.`;
    }
    case 'DelegationRequested':
      return `${person(event.participantId)} asked to join the ${name(before, event.actorId)} delegation.`;
    case 'DelegationRequestAnswered':
      return `${person(event.answeredBy)} ${event.accepted ? 'accepted' : 'declined'} ${person(event.participantId)}'s request to join the ${name(before, event.actorId)} delegation.`;
    case 'TalkQuotaSet':
      return `The control cell allowed each actor ${event.messagesPerPhase} messages and statements per phase.`;
    case 'ParticipantLeft':
      return `${person(event.participantId)} ${event.reason === 'left' ? 'left the exercise' : 'lost their connection'}.`;
    case 'SeatClaimed':
      return `${person(event.participantId)} took the seat of ${seatTitle(before, event.seat)}.`;
    case 'SeatReleased':
      return `${person(event.participantId)} gave up the seat of ${seatTitle(before, event.seat)}.`;
    case 'RoundStarted':
      return `Round ${event.round} began on ${event.date}: ${clause(event.title)}.`;
    case 'NewsPublished':
      return `News: ${clause(event.headline)}.`;
    case 'PhaseChanged':
      return `Round ${event.round} moved from the ${event.from} phase to the ${event.to} phase.`;
    case 'MessagePosted': {
      const from = actorOfSeat(event.from) !== null ? seatRole(before.scenario, event.from) : `The ${seatRole(before.scenario, event.from)}`;
      const to =
        event.to === 'public' ? 'everyone' : event.to === 'delegation' ? 'its own delegation' : names(before, event.to.filter((id) => `actor:${id}` !== event.from));
      const privately = Array.isArray(event.to) ? ' privately' : '';
      return `${from} wrote${privately} to ${to}: ${quoted(event.text)}`;
    }
    case 'OrdersSubmitted': {
      const funding = Object.entries(event.orders.missionFunding).filter(([, m]) => m > 0);
      const missions = funding.length === 0 ? 'nothing for missions' : listWords(funding.map(([id, m]) => `${moneyMUsd(m)} for the ${missionName(before, id)}`));
      return `${name(before, event.actorId)} gave its secret orders for round ${event.round}: ${moneyMUsd(event.orders.observeMUsd)} for observation and ${missions}.`;
    }
    case 'StatementPosted':
      return `${event.actorName} stated publicly: ${quoted(event.text)}`;
    case 'MissionProposed': {
      const provider = event.provider === event.lead ? '' : `, built by ${name(before, event.provider)}`;
      return `${name(before, event.lead)} proposed the ${event.name}, costing ${moneyMUsd(event.costMUsd)}${provider}, to push the asteroid toward the ${event.direction === 'toward-start' ? 'start' : 'end'} of the risk corridor.`;
    }
    case 'MissionAuthorised':
      return `${name(before, event.by)} ${event.granted ? 'authorised' : 'refused to authorise'} the ${missionName(before, event.missionId)}.`;
    case 'BidSubmitted':
      return `${name(before, event.company)} offered to build the ${missionName(before, event.missionId)} for ${moneyMUsd(event.priceMUsd)} in ${event.buildMonths} months, ${percent(event.reliability)} reliable.`;
    case 'BidAccepted': {
      const bid = before.bids[event.bidId];
      const lead = before.missions[event.missionId]?.lead;
      return `${lead ? name(before, lead) : 'The lead'} hired ${bid ? name(before, bid.company) : 'a company'} to build the ${missionName(before, event.missionId)}${bid ? ` for ${moneyMUsd(bid.priceMUsd)}` : ''}.`;
    }
    case 'ExercisePaused':
      return 'The control cell paused the exercise.';
    case 'ExerciseResumed':
      return 'The control cell resumed the exercise.';
    case 'PhaseTimerSet':
      return event.deadline === null ? 'The control cell cleared the phase timer.' : `The control cell set the phase to end at ${event.deadline.slice(11, 16)} UTC.`;
    case 'PhaseTimerExpired':
      return `The timer of the ${event.phase} phase ran out.`;
    case 'ValueOverridden':
      return overrideSentence(before, event);
    case 'InjectSkipped': {
      const inject = before.scenario.injects.find((i) => i.id === event.injectId);
      return `The control cell chose not to fire the inject “${inject ? clause(inject.headline) : event.injectId}”.`;
    }
    case 'ObservationRecorded': {
      const about = event.actorId ? ` of ${name(before, event.actorId)}` : '';
      const rated = event.rating ? `, rated ${event.rating}` : '';
      return `${event.byName} observed${about} (${event.capability}${rated}): ${quoted(event.text)}`;
    }
    case 'TrackingDataPolicySet':
      return event.share ? `${name(before, event.actorId)} shared its tracking data with the table again.` : `${name(before, event.actorId)} began keeping its tracking data to itself.`;
    case 'InKindContributed':
      return `${name(before, event.actorId)} gave the ${missionName(before, event.missionId)} ${event.contribution === 'ground-station' ? 'a ground station' : 'its science team'}, making it ${percent(event.reliabilityGain)} more reliable.`;
    case 'MissionLaunchOrdered': {
      const m = before.missions[event.missionId];
      return `${m ? name(before, m.lead) : 'The lead'} ordered the launch of the ${missionName(before, event.missionId)}.`;
    }
    case 'EvacuationOrdered':
      return event.level === 'shelter'
        ? `${name(before, event.actorId)} told its people in the risk corridor to shelter in place, at a cost of ${moneyMUsd(event.costMUsd)}.`
        : `${name(before, event.actorId)} ordered the evacuation of its territory in the risk corridor, at a cost of ${moneyMUsd(event.costMUsd)}.`;
    case 'AgreementProposed': {
      const shares = Object.entries(event.shares).filter(([, v]) => v > 0);
      const terms =
        event.kind === 'cost-sharing' && shares.length > 0 ? ` (${listWords(shares.map(([id, v]) => `${name(before, id)} ${moneyMUsd(v)}`))}${event.dueRound ? `, due by round ${event.dueRound}` : ''})` : '';
      const about = event.missionId ? ` on the ${missionName(before, event.missionId)}` : '';
      const kind = AGREEMENT_WORDS[event.kind] ?? event.kind;
      return `${name(before, event.proposer)} proposed ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} agreement${about} to ${names(before, event.parties)}${terms}: ${quoted(event.text)}`;
    }
    case 'AgreementResponded': {
      const a = before.agreements[event.agreementId];
      const what = a ? `${name(before, a.proposer)}'s ${AGREEMENT_WORDS[a.kind] ?? a.kind} agreement` : `agreement ${event.agreementId}`;
      const concluded = after.agreements[event.agreementId]?.status === 'accepted' ? ', which concluded it' : '';
      return `${name(before, event.actorId)} ${event.accept ? 'accepted' : 'refused'} ${what}${concluded}.`;
    }
    case 'AgreementWithdrawn': {
      const a = before.agreements[event.agreementId];
      return a ? `${name(before, a.proposer)} withdrew its ${AGREEMENT_WORDS[a.kind] ?? a.kind} agreement with ${names(before, a.parties)}.` : `Agreement ${event.agreementId} was withdrawn.`;
    }
    case 'ResolutionProposed':
      return `A resolution to ${resolutionWords(before, event.kind, event.missionId)} was put to the vote.`;
    case 'VoteCast': {
      const r = before.resolutions[event.resolutionId];
      const what = r ? `the resolution to ${resolutionWords(before, r.kind, r.missionId)}` : `resolution ${event.resolutionId}`;
      return `${name(before, event.actorId)} ${event.vote === 'abstain' ? 'abstained on' : `voted ${event.vote} on`} ${what}.`;
    }
    case 'TrustChanged':
      return `Trust moved: ${trustWords(before, event.changes)}.`;
    case 'InjectFired': {
      const to = event.targets === 'all' ? 'everyone' : names(before, event.targets);
      return `${event.persona} (${event.channel}) to ${to}: ${clause(event.headline)}.`;
    }
    case 'SmpagOptionsPublished': {
      const inTime = event.options.filter((o) => o.arrivesBeforeEncounter).length;
      return `SMPAG published ${event.options.length} mission options; ${inTime} of them could arrive before the encounter.`;
    }
    case 'ClaimFiled':
      return `${name(before, event.claimant)} claimed ${moneyMUsd(event.amountMUsd)} in compensation from ${names(before, event.against)}.`;
    case 'IawnNotificationIssued':
      return `IAWN notified the United Nations that the asteroid has a ${percent(event.impactProbability)} probability of striking the Earth.`;
    case 'ReadinessChanged':
      return `${name(before, event.actorId)} ${event.ready ? 'said it is ready for the resolution' : 'said it is not ready yet'}.`;
    case 'RoundResolved':
      return roundResolvedWords(before, event);
    case 'ExerciseEnded':
      return `The exercise ended: ${clause(event.reason)}.${event.outcome ? ` ${event.outcome.summary}` : ''}`;
    case 'ExerciseBranched': {
      const changes = [...(event.seed !== null ? ['with new random draws'] : []), ...(event.regime !== null ? [`under the ${event.regime.replace(/-/g, ' ')} regime`] : [])];
      const why = event.note ? `: ${clause(event.note)}` : '';
      const said = `A what-if branch went on from the first ${event.forkSeq} events of exercise ${event.parentId}${changes.length > 0 ? `, ${listWords(changes)}` : ''}${why}`;
      return /[?!]$/.test(said) ? said : `${said}.`;
    }
    default: {
      const _never: never = event;
      return _never;
    }
  }
}

function seatTitle(state: ExerciseState, seat: SeatId): string {
  return seat.startsWith('actor:') ? seatRole(state.scenario, seat) : `the ${seatRole(state.scenario, seat)}`;
}

/** An override in a sentence: "The control cell changed the reliability of the Kinetic impactor from 90 % to 99 %: …". */
export function overrideSentence(state: ExerciseState, e: EventOf<'ValueOverridden'>): string {
  return `The control cell changed ${overrideTarget(state, e)}${e.from === null ? '' : ` from ${overrideValue(e, e.from)}`} to ${overrideValue(e, e.to)}: ${clause(e.reason)}.`;
}

/** What an override changed, in words: "the reliability of the Kinetic impactor". */
export function overrideTarget(state: ExerciseState, e: EventOf<'ValueOverridden'>): string {
  if (e.target === 'actor-budget') return `the budget of ${e.subject ? name(state, e.subject) : 'an actor'}`;
  if (e.target === 'mission-reliability') return `the reliability of the ${e.subject ? missionName(state, e.subject) : 'mission'}`;
  if (e.target === 'true-encounter') return 'where the asteroid really crosses (the hidden truth)';
  return e.target;
}

function overrideValue(e: EventOf<'ValueOverridden'>, v: number): string {
  if (e.target === 'actor-budget') return moneyMUsd(v);
  if (e.target === 'mission-reliability') return percent(v);
  if (e.target === 'true-encounter') return `${Math.round(v)} km along the corridor`;
  return String(v);
}

function trustWords(state: ExerciseState, changes: EventOf<'TrustChanged'>['changes']): string {
  if (changes.length === 0) return 'no change';
  return changes
    .map((c) => `${name(state, c.from)}'s trust in ${name(state, c.to)} ${c.delta < 0 ? 'fell' : 'rose'} by ${Math.abs(Math.round(c.delta))} (${withoutIds(c.reason)})`)
    .join('; ');
}

/** A reason the engine wrote, without the ids it names in brackets: "refused assistance (agreement-2)" → "refused assistance". */
function withoutIds(reason: string): string {
  return reason.replace(/\s*\((?:agreement|mission|resolution|claim)-\d+\)/g, '');
}

function roundResolvedWords(before: ExerciseState, e: EventOf<'RoundResolved'>): string {
  const parts = [`Round ${e.round} was resolved: the impact probability is now ${percent(e.estimate.impactProbability)} (Torino ${e.hazard.torino})`];
  const spent = e.observeTotalMUsd + e.deflectTotalMUsd;
  if (spent > 0) parts.push(`${moneyMUsd(e.observeTotalMUsd)} went to observation and ${moneyMUsd(e.deflectTotalMUsd)} to missions`);
  const launched = e.missions.filter((m) => m.change === 'launched').map((m) => missionName(before, m.missionId));
  const lost = e.missions.filter((m) => m.change === 'launch-failed').map((m) => missionName(before, m.missionId));
  const arrived = e.missions.filter((m) => m.change === 'arrived');
  if (launched.length > 0) parts.push(`the ${listWords(launched)} launched`);
  if (lost.length > 0) parts.push(`the ${listWords(lost)} ${lost.length === 1 ? 'was' : 'were'} lost at launch`);
  for (const a of arrived) {
    const shift = a.shiftKm ?? a.expectedShiftKm ?? null;
    parts.push(`the ${missionName(before, a.missionId)} arrived${shift === null ? '' : `, moving the impact point ${shiftWords(shift)}`}`);
  }
  const sentence = `${listWords(parts)}.`;
  return e.outcome ? `${sentence} ${e.outcome.summary}` : sentence;
}
