import type { CommandType, Orders, PushDirection } from '../../shared/engine/commands.js';
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
