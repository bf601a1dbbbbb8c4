import { z } from 'zod';
import { slug } from '../scenario/schema.js';
import { seatId } from './seats.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const moneyMUsd = z.number().finite().min(0, 'must not be negative').max(1e6, 'is implausibly large');

/** Secret, simultaneous orders of one actor for the round (M USD). */
export const ordersSchema = z.strictObject({
  observeMUsd: moneyMUsd,
  deflectMUsd: moneyMUsd,
});
export type Orders = z.infer<typeof ordersSchema>;

/**
 * Everything a participant (or the server on a participant's behalf) may ask the engine
 * to do. Commands are imperative; the engine answers with events or a rule error.
 */
export const commandSchema = z.discriminatedUnion('type', [
  // Issued by the server when a connection is admitted; `controller` is true when the facilitator key was shown.
  z.strictObject({ type: z.literal('JoinExercise'), name: text(60), controller: z.boolean() }),
  z.strictObject({ type: z.literal('LeaveExercise'), reason: z.enum(['left', 'connection-lost']) }),
  z.strictObject({ type: z.literal('ClaimSeat'), seat: seatId }),
  z.strictObject({ type: z.literal('ReleaseSeat') }),
  z.strictObject({ type: z.literal('AdvancePhase') }),
  z.strictObject({
    type: z.literal('SendMessage'),
    to: z.union([z.literal('public'), z.array(slug).min(1).max(20)]),
    text: text(2000),
  }),
  z.strictObject({ type: z.literal('SubmitOrders'), orders: ordersSchema }),
  z.strictObject({ type: z.literal('SetReady'), ready: z.boolean() }),
  z.strictObject({ type: z.literal('EndExercise'), reason: text(500) }),
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export const commandTypes = commandSchema.options.map((o) => o.shape.type.value) as CommandType[];

/** Commands a client may send over the wire (the others are issued by the server itself). */
export const clientCommandSchema = z.discriminatedUnion('type', [
  commandSchema.options[2],
  commandSchema.options[3],
  commandSchema.options[4],
  commandSchema.options[5],
  commandSchema.options[6],
  commandSchema.options[7],
  commandSchema.options[8],
]);
export type ClientCommand = z.infer<typeof clientCommandSchema>;

/** What the engine is told about a command besides its content: who issued it and when (server clock). */
export interface CommandContext {
  participantId: string;
  /** ISO-8601 wall-clock time at which the server accepted the command. */
  at: string;
}
