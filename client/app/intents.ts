import type { ClientCommand, CommandType, Orders, PushDirection } from '../../shared/engine/commands.js';
import type { AgreementKind, ResolutionState } from '../../shared/engine/state.js';
import type { HseepRating } from '../../shared/engine/vocabulary.js';
import { actorOfSeat, type SeatId } from '../../shared/engine/seats.js';
import { leaveExercise, openRememberedSessionHere, requestViewAs, sendCommand } from '../net/session.js';
import type { DeflectState } from '../net/store.js';
import { fitsLimit, TEXT_LIMITS } from './textLimits.js';

// Every user intent is one object: buttons ask `isEnabled` (from the server's legal
// commands, never from rules of their own) and call `perform`. Tests drive the same buttons.

/** One thing a participant can ask for, with when it is allowed and how it is sent. */
export interface Intent<PerformArgs extends unknown[], EnableArgs extends unknown[] = []> {
  isEnabled(state: DeflectState, ...args: EnableArgs): boolean;
  perform(...args: PerformArgs): string | null | void;
}

/**
 * Whether the server lists a command as legal, the connection is up (while it comes back the
 * screen shows the last view, but nothing can be sent) and no earlier one of its kind awaits an answer.
 */
export function isCommandOpen(state: DeflectState, type: CommandType): boolean {
  return state.connection === 'connected' && state.legal.commands.includes(type) && !Object.values(state.pending).includes(type);
}

/** Whether a text to be sent has something in it and fits its limit (counted as shared/limits.ts counts). */
function sendable(text: string, limit: number): boolean {
  return text.trim().length > 0 && fitsLimit(text, limit);
}

/** What this actor may still say this phase (messages and statements together); null when no quota applies to the seat. */
export function selectTalk(s: DeflectState): { used: number; quota: number; left: number } | null {
  const talk = s.view?.talk ?? null;
  // The control cell's talk is not counted (`used` is null).
  if (talk === null || talk.used === null) return null;
  return { used: talk.used, quota: talk.quota, left: Math.max(0, talk.quota - talk.used) };
}

/** Whether the seat's talk quota for this phase has room for one more message or statement. */
function talkLeft(s: DeflectState): boolean {
  const talk = selectTalk(s);
  return talk === null || talk.left > 0;
}

/** Takes a seat at the table. */
export const claimSeat: Intent<[seat: SeatId], [seat: SeatId]> = {
  isEnabled: (s, seat) => isCommandOpen(s, 'ClaimSeat') && s.legal.claimableSeats.includes(seat),
  perform: (seat) => sendCommand({ type: 'ClaimSeat', seat }),
};

/** Asks to join the delegation that already holds an actor's seat; one of its members (or the facilitator) answers. */
export const requestDelegation: Intent<[actorId: string], [actorId: string]> = {
  isEnabled: (s, actorId) => isCommandOpen(s, 'RequestDelegation') && s.legal.joinableDelegations.includes(actorId),
  perform: (actorId) => sendCommand({ type: 'RequestDelegation', actorId }),
};

/** Lets someone who asked into this delegation join it, or turns them away (a member of it, or the facilitator). */
export const answerDelegationRequest: Intent<[requestId: string, accept: boolean], [requestId: string]> = {
  isEnabled: (s, requestId) => isCommandOpen(s, 'AnswerDelegationRequest') && s.legal.answerableDelegationRequests.includes(requestId),
  perform: (requestId, accept) => sendCommand({ type: 'AnswerDelegationRequest', requestId, accept }),
};

/** Gives up the seat but stays in the exercise. */
export const releaseSeat: Intent<[]> = {
  isEnabled: (s) => isCommandOpen(s, 'ReleaseSeat'),
  perform: () => sendCommand({ type: 'ReleaseSeat' }),
};

/** Leaves the exercise for good from this tab. */
export const leave: Intent<[]> = {
  isEnabled: (s) => s.connection !== 'idle',
  perform: () => void leaveExercise(),
};

/** Takes the session this browser remembers up in this tab (a tab that holds it goes back to its start page, saying why). */
export const openHereInstead: Intent<[]> = {
  isEnabled: (s) => s.rememberedSession !== null && (s.connection === 'idle' || s.connection === 'lost'),
  perform: () => void openRememberedSessionHere(),
};

/** Moves the exercise to its next phase (facilitator). */
export const advancePhase: Intent<[]> = {
  isEnabled: (s) => isCommandOpen(s, 'AdvancePhase'),
  perform: () => sendCommand({ type: 'AdvancePhase' }),
};

/** Ends the exercise early, with the reason everyone will read (facilitator). */
export const endExercise: Intent<[reason: string], [reason: string]> = {
  isEnabled: (s, reason) => isCommandOpen(s, 'EndExercise') && sendable(reason, TEXT_LIMITS.endReason),
  perform: (reason) => sendCommand({ type: 'EndExercise', reason: reason.trim() }),
};

/** Posts a message to everyone ('public') or privately to one actor. */
export const sendMessage: Intent<[to: 'public' | string, text: string], [to: 'public' | string, text: string]> = {
  isEnabled: (s, to, text) =>
    isCommandOpen(s, 'SendMessage') &&
    sendable(text, TEXT_LIMITS.message) &&
    talkLeft(s) &&
    (to === 'public' || (to === 'delegation' && s.mySeat !== null && s.mySeat.startsWith('actor:')) || s.legal.privateRecipients.includes(to)),
  perform: (to, text) =>
    sendCommand({ type: 'SendMessage', to: to === 'public' || to === 'delegation' ? to : [to], text: text.trim() }),
};

/** Submits this round's secret orders. */
export const submitOrders: Intent<[orders: Orders]> = {
  isEnabled: (s) => isCommandOpen(s, 'SubmitOrders'),
  perform: (orders) => sendCommand({ type: 'SubmitOrders', orders }),
};

/** Marks the actor ready (or withdraws readiness) for the round to resolve. */
export const setReady: Intent<[ready: boolean]> = {
  isEnabled: (s) => isCommandOpen(s, 'SetReady'),
  perform: (ready) => sendCommand({ type: 'SetReady', ready }),
};

/** Makes a public statement, which the table reads in the news. */
export const postStatement: Intent<[text: string], [text: string]> = {
  isEnabled: (s, text) => isCommandOpen(s, 'PostStatement') && sendable(text, TEXT_LIMITS.statement) && talkLeft(s),
  perform: (text) => sendCommand({ type: 'PostStatement', text: text.trim() }),
};

/**
 * Proposes a mission of a catalogue type, pushing one way along the corridor, built and flown by
 * a provider; for a nuclear stand-off, with the yield and burst height chosen within the
 * catalogue's ranges (absent: the nominal yield at the optimum height).
 */
export const proposeMission: Intent<
  [missionTypeId: string, direction: PushDirection, providerId: string, burst?: { yieldKt?: number; standoffM?: number }],
  [missionTypeId: string, providerId: string]
> = {
  isEnabled: (s, missionTypeId, providerId) =>
    isCommandOpen(s, 'ProposeMission') &&
    s.legal.missionProviders.includes(providerId) &&
    (s.view?.missionTypes.some((t) => t.id === missionTypeId) ?? false),
  perform: (missionTypeId, direction, providerId, burst = {}) =>
    sendCommand({
      type: 'ProposeMission',
      missionTypeId,
      direction,
      providerId,
      ...(burst.yieldKt !== undefined ? { yieldKt: burst.yieldKt } : {}),
      ...(burst.standoffM !== undefined ? { standoffM: burst.standoffM } : {}),
    }),
};

/** Grants or refuses a company's mission the authorisation its state must give (OST art. VI). */
export const authoriseMission: Intent<[missionId: string, granted: boolean], [missionId: string]> = {
  isEnabled: (s, missionId) => isCommandOpen(s, 'AuthoriseMission') && s.legal.authorisableMissions.includes(missionId),
  perform: (missionId, granted) => sendCommand({ type: 'AuthoriseMission', missionId, granted }),
};

/** Orders a built mission to launch at the next resolution (its lead). */
export const launchMission: Intent<[missionId: string], [missionId: string]> = {
  isEnabled: (s, missionId) => isCommandOpen(s, 'LaunchMission') && s.legal.launchableMissions.includes(missionId),
  perform: (missionId) => sendCommand({ type: 'LaunchMission', missionId }),
};

/** How far a state goes to protect its people: a full evacuation, or only sheltering in place (cheaper, spares fewer). */
export type EvacuationLevel = 'evacuate' | 'shelter';

/**
 * Orders the evacuation of the state's territory at risk, or its people to shelter in place,
 * paid from its budget at once. A state that already sheltered may still evacuate, not shelter again.
 */
export const orderEvacuation: Intent<[level: EvacuationLevel], [level: EvacuationLevel]> = {
  isEnabled: (s, level) => {
    if (!isCommandOpen(s, 'OrderEvacuation')) return false;
    if (level === 'evacuate') return true;
    // The server lists the command from a full-evacuation probe; a second shelter order is refused, and who sheltered is public.
    const me = actorOfSeat(s.mySeat);
    return me !== null && !(s.view?.shelters.includes(me) ?? false);
  },
  perform: (level) => sendCommand({ type: 'OrderEvacuation', level }),
};

/** A company's offer to build and fly a mission, as the bid form collects it. */
export interface BidTerms {
  priceMUsd: number;
  buildMonths: number;
  /** Chance of success, 0–1 (the form shows it as a percentage). */
  reliability: number;
}

/** A company offers to build and fly a mission still being funded; the mission's lead may hire it. */
export const bidForContract: Intent<[missionId: string, terms: BidTerms], [missionId: string]> = {
  isEnabled: (s, missionId) => isCommandOpen(s, 'BidForContract') && s.legal.biddableMissions.includes(missionId),
  perform: (missionId, terms) => sendCommand({ type: 'BidForContract', missionId, ...terms }),
};

/** The mission's lead hires the company whose bid it accepts: provider, price, schedule and reliability change. */
export const acceptBid: Intent<[bidId: string], [bidId: string]> = {
  isEnabled: (s, bidId) => isCommandOpen(s, 'AcceptBid') && s.legal.acceptableBids.includes(bidId),
  perform: (bidId) => sendCommand({ type: 'AcceptBid', bidId }),
};

/** What an actor may give a mission instead of money. */
export type InKindContribution = 'ground-station' | 'science';

/** Offers a mission a ground station (tracking) or science (shape, spin, mass), which raises its reliability. */
export const contributeInKind: Intent<[missionId: string, contribution: InKindContribution], [missionId: string, contribution: InKindContribution]> = {
  isEnabled: (s, missionId, contribution) => {
    if (!isCommandOpen(s, 'ContributeInKind') || !s.legal.inKindMissions.includes(missionId)) return false;
    // The same gift twice is refused; what each actor gave is public on the mission.
    const me = actorOfSeat(s.mySeat);
    const mission = s.view?.missions.find((m) => m.id === missionId);
    return me !== null && !(mission?.inKind.some((c) => c.actorId === me && c.contribution === contribution) ?? false);
  },
  perform: (missionId, contribution) => sendCommand({ type: 'ContributeInKind', missionId, contribution }),
};

/** Shares an actor's astrometry with the world (the default), or keeps it for a sharper estimate of its own. */
export const shareTrackingData: Intent<[share: boolean]> = {
  isEnabled: (s) => isCommandOpen(s, 'ShareTrackingData'),
  perform: (share) => sendCommand({ type: 'ShareTrackingData', share }),
};

/** Has IAWN issue its impact notification through the UN (the UN body). */
export const issueIawnNotification: Intent<[]> = {
  isEnabled: (s) => isCommandOpen(s, 'IssueIawnNotification'),
  perform: () => sendCommand({ type: 'IssueIawnNotification' }),
};

/** The terms of an agreement as the propose form collects them. */
export interface AgreementTerms {
  kind: AgreementKind;
  parties: string[];
  missionId: string | null;
  /** Cost sharing: M USD per member; apportionment: fractions per launching state. */
  shares: Record<string, number>;
  text: string;
}

/** Proposes an agreement to other actors; whether its terms hold is the server's to say. */
export const proposeAgreement: Intent<[terms: AgreementTerms], [terms: AgreementTerms]> = {
  isEnabled: (s, terms) => isCommandOpen(s, 'ProposeAgreement') && terms.parties.length > 0 && sendable(terms.text, TEXT_LIMITS.agreementText),
  perform: (terms) =>
    sendCommand({
      type: 'ProposeAgreement',
      kind: terms.kind,
      parties: terms.parties,
      ...(terms.missionId ? { missionId: terms.missionId } : {}),
      shares: terms.shares,
      text: terms.text.trim(),
    }),
};

/** Accepts or rejects an agreement this actor is a party to. */
export const respondToAgreement: Intent<[agreementId: string, accept: boolean], [agreementId: string]> = {
  isEnabled: (s, agreementId) => isCommandOpen(s, 'RespondToAgreement') && s.legal.respondableAgreements.includes(agreementId),
  perform: (agreementId, accept) => sendCommand({ type: 'RespondToAgreement', agreementId, accept }),
};

/** Withdraws an agreement this actor proposed while it still awaits answers. */
export const withdrawAgreement: Intent<[agreementId: string], [agreementId: string]> = {
  isEnabled: (s, agreementId) => isCommandOpen(s, 'WithdrawAgreement') && s.legal.withdrawableAgreements.includes(agreementId),
  perform: (agreementId) => sendCommand({ type: 'WithdrawAgreement', agreementId }),
};

/** Puts a resolution to the states' vote (the UN body). */
export const proposeResolution: Intent<[kind: ResolutionState['kind'], missionId: string | null]> = {
  isEnabled: (s) => isCommandOpen(s, 'ProposeResolution'),
  perform: (kind, missionId) => sendCommand({ type: 'ProposeResolution', kind, ...(missionId ? { missionId } : {}) }),
};

/** Convenes SMPAG, which publishes the mission options (the UN body). */
export const conveneSmpag: Intent<[]> = {
  isEnabled: (s) => isCommandOpen(s, 'ConveneSmpag'),
  perform: () => sendCommand({ type: 'ConveneSmpag' }),
};

/** Casts (or changes) a state's vote on an open resolution. */
export const castVote: Intent<[resolutionId: string, vote: 'yes' | 'no' | 'abstain'], [resolutionId: string]> = {
  isEnabled: (s, resolutionId) => isCommandOpen(s, 'CastVote') && s.legal.votableResolutions.includes(resolutionId),
  perform: (resolutionId, vote) => sendCommand({ type: 'CastVote', resolutionId, vote }),
};

/** Presents a state's claim for the impact's damage against the actors it names (Liability Convention arts. VIII–IX). */
export const fileClaim: Intent<[against: string[]], [against: string[]]> = {
  isEnabled: (s, against) => isCommandOpen(s, 'FileClaim') && against.length > 0,
  perform: (against) => sendCommand({ type: 'FileClaim', against }),
};

// ——— The control cell ———

/** Freezes play for everyone; talk goes on (facilitator). */
export const pauseExercise: Intent<[]> = {
  isEnabled: (s) => isCommandOpen(s, 'PauseExercise'),
  perform: () => sendCommand({ type: 'PauseExercise' }),
};

/** Lets play go on after a pause (facilitator). */
export const resumeExercise: Intent<[]> = {
  isEnabled: (s) => isCommandOpen(s, 'ResumeExercise'),
  perform: () => sendCommand({ type: 'ResumeExercise' }),
};

/** The longest phase timer the server takes, in seconds (four hours). */
export const MAX_PHASE_TIMER_SECONDS = 4 * 3600;

/** Gives the current phase a deadline `seconds` from now, or clears it with 0 (facilitator). */
export const setPhaseTimer: Intent<[seconds: number], [seconds: number]> = {
  isEnabled: (s, seconds) => isCommandOpen(s, 'SetPhaseTimer') && Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_PHASE_TIMER_SECONDS,
  perform: (seconds) => sendCommand({ type: 'SetPhaseTimer', seconds }),
};

/** The most talk items per phase the server lets the facilitator allow each actor. */
export const MAX_TALK_QUOTA = 10_000;

/** Sets how many messages and statements each actor may post per phase (facilitator). */
export const setTalkQuota: Intent<[messagesPerPhase: number], [messagesPerPhase: number]> = {
  isEnabled: (s, n) => isCommandOpen(s, 'SetTalkQuota') && Number.isInteger(n) && n >= 1 && n <= MAX_TALK_QUOTA,
  perform: (messagesPerPhase) => sendCommand({ type: 'SetTalkQuota', messagesPerPhase }),
};

/** Moves a participant to another seat, releasing the one they held (facilitator). */
export const moveParticipant: Intent<[participantId: string, seat: SeatId]> = {
  isEnabled: (s) => isCommandOpen(s, 'MoveParticipant'),
  perform: (participantId, seat) => sendCommand({ type: 'MoveParticipant', participantId, seat }),
};

/** What the facilitator may override, and the value it takes. */
export type OverrideTarget = Extract<ClientCommand, { type: 'OverrideValue' }>['target'];

/** Overrides a budget, a mission's reliability or the true encounter distance, with the reason kept in the log (facilitator). */
export const overrideValue: Intent<[target: OverrideTarget, reason: string], [reason: string]> = {
  isEnabled: (s, reason) => isCommandOpen(s, 'OverrideValue') && sendable(reason, TEXT_LIMITS.overrideReason),
  perform: (target, reason) => sendCommand({ type: 'OverrideValue', target, reason: reason.trim() }),
};

/** Fires a scripted inject now, whatever its round or condition (facilitator). */
export const fireInject: Intent<[injectId: string], [injectId: string]> = {
  isEnabled: (s, injectId) => isCommandOpen(s, 'FireInject') && s.legal.fireableInjects.includes(injectId),
  perform: (injectId) => sendCommand({ type: 'FireInject', injectId }),
};

/** Skips a scripted inject so it never fires (facilitator). */
export const skipInject: Intent<[injectId: string], [injectId: string]> = {
  isEnabled: (s, injectId) => isCommandOpen(s, 'SkipInject') && s.legal.skippableInjects.includes(injectId),
  perform: (injectId) => sendCommand({ type: 'SkipInject', injectId }),
};

/** An inject written during play, as the composer collects it. */
export interface AdHocInject {
  targets: 'all' | string[];
  persona: string;
  channel: 'news' | 'official' | 'intelligence';
  headline: string;
  body: string;
  controllerNote: string;
}

/** Sends an inject written on the spot to the whole table or to chosen actors (facilitator). */
export const postInject: Intent<[inject: AdHocInject], [inject: AdHocInject]> = {
  isEnabled: (s, i) =>
    isCommandOpen(s, 'PostInject') &&
    sendable(i.persona, TEXT_LIMITS.injectPersona) &&
    sendable(i.headline, TEXT_LIMITS.headline) &&
    sendable(i.body, TEXT_LIMITS.body) &&
    fitsLimit(i.controllerNote, TEXT_LIMITS.controllerNote) &&
    (i.targets === 'all' || i.targets.length > 0),
  perform: (i) =>
    sendCommand({
      type: 'PostInject',
      targets: i.targets,
      persona: i.persona.trim(),
      channel: i.channel,
      headline: i.headline.trim(),
      body: i.body.trim(),
      ...(i.controllerNote.trim() ? { controllerNote: i.controllerNote.trim() } : {}),
    }),
};

/** Records an evaluator's observation, optionally about one actor and with an HSEEP rating, under a capability (control cell). */
export const recordObservation: Intent<[actorId: string | null, capability: string, text: string, rating?: HseepRating | null], [capability: string, text: string]> = {
  isEnabled: (s, capability, text) =>
    isCommandOpen(s, 'RecordObservation') && sendable(capability, TEXT_LIMITS.observationCapability) && sendable(text, TEXT_LIMITS.observationText),
  perform: (actorId, capability, text, rating = null) =>
    sendCommand({ type: 'RecordObservation', ...(actorId ? { actorId } : {}), capability: capability.trim(), text: text.trim(), ...(rating ? { rating } : {}) }),
};

/** Looks at the exercise as another seat sees it, or stops looking with null (control cell; not a command). */
export const viewAs: Intent<[seat: SeatId | null]> = {
  isEnabled: (s) => s.connection === 'connected' && s.controller && (s.view?.control ?? null) !== null,
  perform: (seat) => requestViewAs(seat),
};
