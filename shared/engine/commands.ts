import { z } from 'zod';
import { injectChannel } from '../scenario/schema.js';
import { agreementKind, evacuationLevel, hseepRating, inKindContribution, leaveReason, resolutionKind, vote } from './vocabulary.js';
import { TEXT_LIMITS, characterCount, type TextField } from '../limits.js';
import { slug } from '../validation.js';
import { participantRole, seatId } from './seats.js';

/**
 * A person's text for one field: trimmed, not empty, at most the field's limit in characters
 * as the UI counts them (code points, `characterCount`); longer is a `too_big` issue.
 */
function text(field: TextField) {
  const max = TEXT_LIMITS[field];
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .check((ctx) => {
      // Cheap bound first: a string of at most `max` UTF-16 units has at most `max` code points.
      if (ctx.value.length <= max) return;
      const count = characterCount(ctx.value);
      if (count <= max) return;
      ctx.issues.push({
        code: 'too_big',
        origin: 'string',
        maximum: max,
        inclusive: true,
        input: ctx.value,
        message: `must be at most ${max} characters (this is ${count})`,
      });
    });
}
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
export const delegationRequestId = z.string().regex(/^delegation-request-\d+$/, "expected a request id such as 'delegation-request-1'");

/**
 * Everything a participant (or the server on a participant's behalf) may ask the engine
 * to do. Commands are imperative; the engine answers with events or a rule error.
 */
export const commandSchema = z.discriminatedUnion('type', [
  // Issued by the server when a connection is admitted; `role` follows the key shown (none: a participant).
  z.strictObject({
    type: z.literal('JoinExercise'),
    name: text('participantName'),
    role: participantRole,
    /** SHA-256 of the secret the participant's tab keeps to take its seat back after a server restart. */
    rejoinKeyHash: z.string().max(128).optional(),
  }),
  z.strictObject({ type: z.literal('LeaveExercise'), reason: leaveReason }),
  z.strictObject({ type: z.literal('ClaimSeat'), seat: seatId }),
  z.strictObject({ type: z.literal('ReleaseSeat') }),
  /**
   * Asks to join the delegation holding an actor's seat (one actor may be played by several
   * people); its members or the facilitator answer. A new request replaces one still pending.
   */
  z.strictObject({ type: z.literal('RequestDelegation'), actorId: slug }),
  /** A member of the delegation asked to be joined, or the facilitator, accepts (seating the requester) or declines. */
  z.strictObject({ type: z.literal('AnswerDelegationRequest'), requestId: delegationRequestId, accept: z.boolean() }),
  z.strictObject({ type: z.literal('AdvancePhase') }),
  z.strictObject({
    type: z.literal('SendMessage'),
    /** 'public', 'delegation' (only the people seated for the sender's actor, and the control cell), or private recipients. */
    to: z.union([z.literal('public'), z.literal('delegation'), z.array(slug).min(1).max(20)]),
    text: text('message'),
  }),
  z.strictObject({ type: z.literal('SubmitOrders'), orders: ordersSchema }),
  z.strictObject({ type: z.literal('SetReady'), ready: z.boolean() }),
  z.strictObject({ type: z.literal('EndExercise'), reason: text('endReason') }),
  z.strictObject({ type: z.literal('PostStatement'), text: text('statement') }),
  z.strictObject({
    type: z.literal('ProposeMission'),
    missionTypeId: slug,
    direction: pushDirection,
    providerId: slug,
    /** Nuclear stand-off: the yield of each device (kt) and the burst height above the surface (m), within the catalogue's ranges. */
    yieldKt: z.number().positive().finite().optional(),
    standoffM: z.number().positive().finite().optional(),
  }),
  z.strictObject({ type: z.literal('AuthoriseMission'), missionId, granted: z.boolean() }),
  z.strictObject({ type: z.literal('LaunchMission'), missionId }),
  /** Evacuate the territory at risk, or only order people to shelter in place (cheaper, spares fewer). */
  z.strictObject({ type: z.literal('OrderEvacuation'), level: evacuationLevel.optional() }),
  z.strictObject({ type: z.literal('IssueIawnNotification') }),
  z.strictObject({
    type: z.literal('ProposeAgreement'),
    kind: agreementKind,
    parties: z.array(slug).min(1).max(20),
    missionId: missionId.optional(),
    /** Cost sharing: M USD per actor; apportionment: fractions per launching state, adding up to 1. */
    shares: z.record(slug, z.number().finite().min(0).max(1e6)).default({}),
    text: text('agreementText'),
  }),
  z.strictObject({ type: z.literal('RespondToAgreement'), agreementId: z.string().regex(/^agreement-\d+$/), accept: z.boolean() }),
  z.strictObject({ type: z.literal('WithdrawAgreement'), agreementId: z.string().regex(/^agreement-\d+$/) }),
  z.strictObject({
    type: z.literal('ProposeResolution'),
    kind: resolutionKind,
    missionId: missionId.optional(),
  }),
  z.strictObject({ type: z.literal('ConveneSmpag') }),
  // The control cell.
  z.strictObject({ type: z.literal('PauseExercise') }),
  z.strictObject({ type: z.literal('ResumeExercise') }),
  /** Sets (or, with 0, clears) a deadline for the current phase; at the deadline the phase advances, missing orders counting as none. */
  z.strictObject({ type: z.literal('SetPhaseTimer'), seconds: z.number().int().min(0).max(4 * 3600) }),
  /** Issued by the server when a phase deadline passes. */
  z.strictObject({ type: z.literal('ExpireTimer') }),
  /** How many talk items (messages of any kind and statements) each actor may post per phase; the control cell is not counted. */
  z.strictObject({ type: z.literal('SetTalkQuota'), messagesPerPhase: z.number().int().min(1).max(10_000) }),
  z.strictObject({ type: z.literal('MoveParticipant'), participantId: z.string().min(1).max(64), seat: seatId }),
  z.strictObject({
    type: z.literal('OverrideValue'),
    target: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('actor-budget'), actorId: slug, valueMUsd: z.number().finite().min(0).max(1e6) }),
      z.strictObject({ kind: z.literal('mission-reliability'), missionId, value: z.number().min(0).max(1) }),
      z.strictObject({ kind: z.literal('true-encounter'), valueKm: z.number().finite().min(-1e6).max(1e6) }),
    ]),
    reason: text('overrideReason'),
  }),
  z.strictObject({ type: z.literal('FireInject'), injectId: slug }),
  z.strictObject({ type: z.literal('SkipInject'), injectId: slug }),
  z.strictObject({
    type: z.literal('PostInject'),
    targets: z.union([z.literal('all'), z.array(slug).min(1).max(20)]),
    persona: text('injectPersona'),
    channel: injectChannel,
    headline: text('headline'),
    body: text('body'),
    controllerNote: text('controllerNote').optional(),
  }),
  /** An evaluator's note, tied to the round and optionally to an actor, a capability and an HSEEP rating of its performance. */
  z.strictObject({
    type: z.literal('RecordObservation'),
    actorId: slug.optional(),
    capability: text('observationCapability'),
    text: text('observationText'),
    rating: hseepRating.optional(),
  }),
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
  z.strictObject({ type: z.literal('ContributeInKind'), missionId, contribution: inKindContribution }),
  z.strictObject({ type: z.literal('FileClaim'), against: z.array(slug).min(1).max(20) }),
  z.strictObject({ type: z.literal('CastVote'), resolutionId: z.string().regex(/^resolution-\d+$/), vote: vote }),
]);
export type Command = z.infer<typeof commandSchema>;
export type CommandType = Command['type'];
export const commandTypes = commandSchema.options.map((o) => o.shape.type.value) as CommandType[];

/** Commands only the server issues: joining and leaving (on connection events) and a phase deadline passing. */
export const serverOnlyCommands = ['JoinExercise', 'LeaveExercise', 'ExpireTimer'] as const;
type ServerOnly = (typeof serverOnlyCommands)[number];

/** Commands a client may send over the wire: all but those the server issues itself. */
export const clientCommandSchema = z.discriminatedUnion(
  'type',
  commandSchema.options.filter((o) => !(serverOnlyCommands as readonly string[]).includes(o.shape.type.value)) as unknown as typeof commandSchema.options,
);
export type ClientCommand = Exclude<z.infer<typeof commandSchema>, { type: ServerOnly }>;

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
  /**
   * The ISO codes of the countries under a risk corridor, as `countriesUnderCorridor` (orders.ts)
   * finds them with `countryAt`; a server may keep the answer per corridor, since the map never changes.
   */
  countriesUnder?(points: readonly { lat: number; lon: number }[]): ReadonlySet<string>;
}

/** What the engine is told about a command besides its content: who issued it, when (server clock) and the world data. */
export interface CommandContext {
  participantId: string;
  /** ISO-8601 wall-clock time at which the server accepted the command. */
  at: string;
  world?: WorldData;
  /**
   * Set when only the answer matters (`legalCommands` asking whether a command is allowed): a
   * decider may then leave out events that cost much to build and decide nothing — a round's
   * resolution — but must accept and refuse exactly as without it.
   */
  probe?: true;
}
