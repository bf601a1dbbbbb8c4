import { z } from 'zod';

/**
 * A seat at the exercise table: one per scenario actor (`actor:usa`), plus the control
 * cell (`facilitator`), evaluators (`evaluator`) and the projector (`display`).
 */
export const seatId = z
  .string()
  .regex(/^(actor:[a-z0-9][a-z0-9-]{0,39}|facilitator|evaluator|display)$/, "expected 'actor:<id>', 'facilitator', 'evaluator' or 'display'");
export type SeatId = z.infer<typeof seatId>;

export type SeatKind = 'actor' | 'facilitator' | 'evaluator' | 'display';

/**
 * What the key a participant joined with lets them do: the facilitator key runs the
 * exercise, the evaluator key lets them watch everything and take notes, and the join code
 * alone makes a participant.
 */
export const participantRole = z.enum(['facilitator', 'evaluator', 'participant']);
export type ParticipantRole = z.infer<typeof participantRole>;

/** Whether a participant of this role may take this seat: the control cell's seats need the keys that open them. */
export function roleMayTake(role: ParticipantRole, seat: SeatId): boolean {
  const kind = seatKind(seat);
  if (kind === 'facilitator') return role === 'facilitator';
  // The evaluator sees everything the facilitator sees, hidden truth included.
  if (kind === 'evaluator') return role === 'facilitator' || role === 'evaluator';
  return true;
}

/** Who may take a control seat, in words, for refusals. */
export function keyNeededFor(seat: 'facilitator' | 'evaluator'): string {
  return seat === 'facilitator' ? 'the facilitator key' : 'the facilitator or evaluator key';
}

/** The kind of a seat id. */
export function seatKind(seat: SeatId): SeatKind {
  return seat.startsWith('actor:') ? 'actor' : (seat as SeatKind);
}

/** The actor a seat speaks for, or null for the non-playing seats. */
export function actorOfSeat(seat: SeatId | null): string | null {
  return seat !== null && seat.startsWith('actor:') ? seat.slice('actor:'.length) : null;
}

/** The seat id of an actor. */
export function actorSeat(actorId: string): SeatId {
  return `actor:${actorId}`;
}

/** Seats that see everything, hidden truth included. */
export function isControlSeat(seat: SeatId | null): boolean {
  return seat === 'facilitator' || seat === 'evaluator';
}
