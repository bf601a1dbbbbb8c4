import type { CommandType, Orders } from '../../shared/engine/commands.js';
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
