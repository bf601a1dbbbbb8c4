import { z } from 'zod';
import { slug, isoDate } from '../scenario/schema.js';
import { ordersSchema } from './commands.js';
import { seatId } from './seats.js';

const estimateSchema = z.strictObject({
  meanKm: z.number(),
  sigmaKm: z.number().positive(),
  impactProbability: z.number().min(0).max(1),
});
export type Estimate = z.infer<typeof estimateSchema>;

const outcomeSchema = z.strictObject({
  kind: z.enum(['no-impact', 'deflected', 'impact']),
  summary: z.string(),
  /** Where the body strikes, when it does: a point on the risk corridor. */
  impactPoint: z.strictObject({ lat: z.number(), lon: z.number(), nearest: z.string().nullable() }).nullable(),
  /** The uniform draw compared with the campaign's reliability, when a campaign flew. */
  reliabilityDraw: z.number().min(0).max(1).nullable(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

/**
 * Everything that has happened in an exercise, in the past tense. Random outcomes are
 * recorded here (with the generator state after drawing), so `evolve` never draws.
 */
export const eventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ParticipantJoined'), participantId: z.string(), name: z.string(), controller: z.boolean() }),
  z.strictObject({ type: z.literal('ParticipantLeft'), participantId: z.string(), reason: z.enum(['left', 'connection-lost']) }),
  z.strictObject({ type: z.literal('SeatClaimed'), participantId: z.string(), seat: seatId }),
  z.strictObject({ type: z.literal('SeatReleased'), participantId: z.string(), seat: seatId }),
  z.strictObject({
    type: z.literal('RoundStarted'),
    round: z.number().int().min(1),
    date: isoDate,
    title: z.string(),
    incomeMUsd: z.record(z.string(), z.number()),
  }),
  z.strictObject({
    type: z.literal('NewsPublished'),
    newsId: z.string(),
    round: z.number().int(),
    headline: z.string(),
    body: z.string(),
  }),
  z.strictObject({
    type: z.literal('PhaseChanged'),
    round: z.number().int(),
    from: z.enum(['briefing', 'deliberation', 'orders']),
    to: z.enum(['deliberation', 'orders']),
  }),
  z.strictObject({
    type: z.literal('MessagePosted'),
    messageId: z.string(),
    round: z.number().int(),
    from: seatId,
    fromName: z.string(),
    to: z.union([z.literal('public'), z.array(slug)]),
    text: z.string(),
    at: z.string(),
  }),
  z.strictObject({ type: z.literal('OrdersSubmitted'), actorId: slug, round: z.number().int(), orders: ordersSchema }),
  z.strictObject({ type: z.literal('ReadinessChanged'), actorId: slug, ready: z.boolean() }),
  z.strictObject({
    type: z.literal('RoundResolved'),
    round: z.number().int(),
    date: isoDate,
    spentMUsd: z.record(z.string(), ordersSchema),
    observeTotalMUsd: z.number(),
    deflectTotalMUsd: z.number(),
    /** The observation noise drawn this round; null in the copy sent to participants (with it they could solve for the hidden truth). */
    noiseZ: z.number().nullable(),
    estimate: estimateSchema,
    campaignPooledMUsd: z.number(),
    campaignLaunched: z.boolean(),
    outcome: outcomeSchema.nullable(),
    rngAfter: z.array(z.number()),
  }),
  z.strictObject({ type: z.literal('ExerciseEnded'), reason: z.string(), outcome: outcomeSchema.nullable() }),
]);
export type DomainEvent = z.infer<typeof eventSchema>;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
