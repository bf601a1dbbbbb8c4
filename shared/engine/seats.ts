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
