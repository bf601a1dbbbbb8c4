import { z } from 'zod';
import { slug } from '../scenario/schema.js';
import { seatId } from './seats.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const moneyMUsd = z.number().finite().min(0, 'must not be negative').max(1e6, 'is implausibly large');

/** Secret, simultaneous orders of one actor for the round (M USD): observation effort and contributions to missions. */
export const ordersSchema = z.strictObject({
  observeMUsd: moneyMUsd,
  /** Contribution to each mission by id; paid at resolution up to what the mission still lacks. */
  missionFunding: z.record(z.string().regex(/^mission-\d+$/, "expected a mission id such as 'mission-1'"), moneyMUsd).default({}),
});

/** Which way along the risk corridor a deflection pushes the impact point. */
export const pushDirection = z.enum(['toward-start', 'toward-end']);
export type PushDirection = z.infer<typeof pushDirection>;
export const missionId = z.string().regex(/^mission-\d+$/, "expected a mission id such as 'mission-1'");
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
  z.strictObject({ type: z.literal('PostStatement'), text: text(1000) }),
  z.strictObject({ type: z.literal('ProposeMission'), missionTypeId: slug, direction: pushDirection, providerId: slug }),
  z.strictObject({ type: z.literal('AuthoriseMission'), missionId, granted: z.boolean() }),
  z.strictObject({ type: z.literal('LaunchMission'), missionId }),
  /** Evacuate the territory at risk, or only order people to shelter in place (cheaper, spares fewer). */
  z.strictObject({ type: z.literal('OrderEvacuation'), level: z.enum(['evacuate', 'shelter']).optional() }),
  z.strictObject({ type: z.literal('IssueIawnNotification') }),
  z.strictObject({
    type: z.literal('ProposeAgreement'),
    kind: z.enum(['cost-sharing', 'consultation', 'apportionment', 'assistance']),
    parties: z.array(slug).min(1).max(20),
    missionId: missionId.optional(),
    /** Cost sharing: M USD per actor; apportionment: fractions per launching state, adding up to 1. */
    shares: z.record(slug, z.number().finite().min(0).max(1e6)).default({}),
    text: text(1000),
  }),
  z.strictObject({ type: z.literal('RespondToAgreement'), agreementId: z.string().regex(/^agreement-\d+$/), accept: z.boolean() }),
  z.strictObject({ type: z.literal('WithdrawAgreement'), agreementId: z.string().regex(/^agreement-\d+$/) }),
  z.strictObject({
    type: z.literal('ProposeResolution'),
    kind: z.enum(['endorse-mission', 'mandate-mission', 'authorise-nuclear', 'create-common-fund']),
    missionId: missionId.optional(),
  }),
  z.strictObject({ type: z.literal('ConveneSmpag') }),
  /** An actor with observatories shares its astrometry with the world (the default) or keeps it for itself. */
  z.strictObject({ type: z.literal('ShareTrackingData'), share: z.boolean() }),
  z.strictObject({
    type: z.literal('BidForContract'),
    missionId,
    priceMUsd: moneyMUsd,
    buildMonths: z.number().int().min(0).max(240),
    reliability: z.number().min(0).max(1),
  }),
  z.strictObject({ type: z.literal('AcceptBid'), bidId: z.string().regex(/^bid-\d+$/) }),
  z.strictObject({ type: z.literal('ContributeInKind'), missionId, contribution: z.enum(['ground-station', 'science']) }),
  z.strictObject({ type: z.literal('FileClaim'), against: z.array(slug).min(1).max(20) }),
  z.strictObject({ type: z.literal('CastVote'), resolutionId: z.string().regex(/^resolution-\d+$/), vote: z.enum(['yes', 'no', 'abstain']) }),
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export const commandTypes = commandSchema.options.map((o) => o.shape.type.value) as CommandType[];

/** Commands a client may send over the wire: all but joining and leaving, which the server issues itself. */
export const clientCommandSchema = z.discriminatedUnion('type', [
  commandSchema.options[2],
  commandSchema.options[3],
  commandSchema.options[4],
  commandSchema.options[5],
  commandSchema.options[6],
  commandSchema.options[7],
  commandSchema.options[8],
  commandSchema.options[9],
  commandSchema.options[10],
  commandSchema.options[11],
  commandSchema.options[12],
  commandSchema.options[13],
  commandSchema.options[14],
  commandSchema.options[15],
  commandSchema.options[16],
  commandSchema.options[17],
  commandSchema.options[18],
  commandSchema.options[19],
  commandSchema.options[20],
  commandSchema.options[21],
  commandSchema.options[22],
  commandSchema.options[23],
  commandSchema.options[24],
  commandSchema.options[25],
]);
export type ClientCommand = z.infer<typeof clientCommandSchema>;

/**
 * The map and the city data the rules consult when an impact happens. Large, so the server
 * loads them and hands them in; whatever they answer is written into the event, so replay
 * never needs them.
 */
export interface WorldData {
  countryAt(lat: number, lon: number): { iso3: string | null; name: string } | null;
  exposedPopulation(lat: number, lon: number, radiusKm: number, maxCities?: number): {
    population: number;
    cities: readonly { name: string; countryIso2: string; population: number; distanceKm: number; lat: number; lon: number }[];
  };
}

/** What the engine is told about a command besides its content: who issued it, when (server clock) and the world data. */
export interface CommandContext {
  participantId: string;
  /** ISO-8601 wall-clock time at which the server accepted the command. */
  at: string;
  world?: WorldData;
}
