import type { CommandType, Orders, PushDirection } from '../../shared/engine/commands.js';
import type { AgreementKind, ResolutionState } from '../../shared/engine/state.js';
import type { SeatId } from '../../shared/engine/seats.js';
import { leaveExercise, sendCommand } from '../net/session.js';
import type { DeflectState } from '../net/store.js';

// Every user intent is one object: buttons ask `isEnabled` (from the server's legal
// commands, never from rules of their own) and call `perform`. Tests drive the same buttons.

/** One thing a participant can ask for, with when it is allowed and how it is sent. */
export interface Intent<PerformArgs extends unknown[], EnableArgs extends unknown[] = []> {
  isEnabled(state: DeflectState, ...args: EnableArgs): boolean;
  perform(...args: PerformArgs): string | null | void;
}

/** Whether the server lists a command as legal and no earlier one of its kind awaits an answer. */
export function isCommandOpen(state: DeflectState, type: CommandType): boolean {
  return state.legal.commands.includes(type) && !Object.values(state.pending).includes(type);
}

/** Takes a seat at the table. */
export const claimSeat: Intent<[seat: SeatId], [seat: SeatId]> = {
  isEnabled: (s, seat) => isCommandOpen(s, 'ClaimSeat') && s.legal.claimableSeats.includes(seat),
  perform: (seat) => sendCommand({ type: 'ClaimSeat', seat }),
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

/** Moves the exercise to its next phase (facilitator). */
export const advancePhase: Intent<[]> = {
  isEnabled: (s) => isCommandOpen(s, 'AdvancePhase'),
  perform: () => sendCommand({ type: 'AdvancePhase' }),
};

/** Ends the exercise early, with the reason everyone will read (facilitator). */
export const endExercise: Intent<[reason: string], [reason: string]> = {
  isEnabled: (s, reason) => isCommandOpen(s, 'EndExercise') && reason.trim().length > 0,
  perform: (reason) => sendCommand({ type: 'EndExercise', reason: reason.trim() }),
};

/** Posts a message to everyone ('public') or privately to one actor. */
export const sendMessage: Intent<[to: 'public' | string, text: string], [to: 'public' | string, text: string]> = {
  isEnabled: (s, to, text) =>
    isCommandOpen(s, 'SendMessage') && text.trim().length > 0 && (to === 'public' || s.legal.privateRecipients.includes(to)),
  perform: (to, text) => sendCommand({ type: 'SendMessage', to: to === 'public' ? 'public' : [to], text: text.trim() }),
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
  isEnabled: (s, text) => isCommandOpen(s, 'PostStatement') && text.trim().length > 0,
  perform: (text) => sendCommand({ type: 'PostStatement', text: text.trim() }),
};

/** Proposes a mission of a catalogue type, pushing one way along the corridor, built and flown by a provider. */
export const proposeMission: Intent<[missionTypeId: string, direction: PushDirection, providerId: string], [missionTypeId: string, providerId: string]> = {
  isEnabled: (s, missionTypeId, providerId) =>
    isCommandOpen(s, 'ProposeMission') &&
    s.legal.missionProviders.includes(providerId) &&
    (s.view?.missionTypes.some((t) => t.id === missionTypeId) ?? false),
  perform: (missionTypeId, direction, providerId) => sendCommand({ type: 'ProposeMission', missionTypeId, direction, providerId }),
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

/** Orders the evacuation of the state's territory at risk, paid from its budget at once. */
export const orderEvacuation: Intent<[]> = {
  isEnabled: (s) => isCommandOpen(s, 'OrderEvacuation'),
  perform: () => sendCommand({ type: 'OrderEvacuation' }),
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
  isEnabled: (s, terms) => isCommandOpen(s, 'ProposeAgreement') && terms.parties.length > 0 && terms.text.trim().length > 0,
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
