import { z } from 'zod';
import { recordedFindingSchema } from '../law/finding.js';
import { isoDate, slug } from '../validation.js';
import { delegationRequestId, missionId, ordersSchema, pushDirection } from './commands.js';
import { participantRole, seatId } from './seats.js';
import { agreementKind, evacuationLevel, hseepRating, inKindContribution, injectTrigger, leaveReason, missionChange, phase, resolutionKind, settlement, vote } from './vocabulary.js';
import { injectChannel, missionKinds } from '../scenario/schema.js';
import { regimeIds } from '../law/regimes.js';

const estimateSchema = z.strictObject({
  meanKm: z.number(),
  sigmaKm: z.number().positive(),
  impactProbability: z.number().min(0).max(1),
});
export type Estimate = z.infer<typeof estimateSchema>;

const impactPointSchema = z.strictObject({
  lat: z.number(),
  lon: z.number(),
  /** Distance along the risk corridor from its start (km). */
  corridorKm: z.number(),
  countryIso3: z.string().nullable(),
  countryName: z.string().nullable(),
});

/** What the impact did: effects, people exposed, damage and the liability findings under the regime in force. */
const consequencesSchema = z.strictObject({
  energyMt: z.number(),
  airburst: z.boolean(),
  burstAltitudeKm: z.number().nullable(),
  craterDiameterKm: z.number().nullable(),
  severeRadiusKm: z.number().nullable(),
  exposedRadiusKm: z.number().nullable(),
  exposedPopulation: z.number(),
  severePopulation: z.number(),
  /** The 0.69 kPa ring where windows may shatter, and the people beyond the exposed zone but inside it (absent in older logs). */
  glassRingRadiusKm: z.number().nullable().optional(),
  glassRingPopulation: z.number().optional(),
  /** An ocean impact: the depth used (stated by the scenario or assumed), the water cavity, the rim wave, its reach and the coastal towns' people (absent in older logs). */
  tsunami: z
    .strictObject({
      waterDepthM: z.number(),
      waterDepthStated: z.boolean(),
      waterCavityDiameterKm: z.number(),
      rimAmplitudeM: z.number(),
      reachKm: z.number(),
      coastalPopulation: z.number(),
    })
    .nullable()
    .optional(),
  largestCities: z.array(z.strictObject({ name: z.string(), population: z.number(), distanceKm: z.number() })),
  evacuated: z.boolean(),
  casualties: z.number(),
  damageMUsd: z.number(),
  /** The harm split by the country each exposed town lies in (the map decides, town by town). */
  byCountry: z.array(
    z.strictObject({
      countryIso3: z.string().nullable(),
      countryName: z.string(),
      exposedPopulation: z.number(),
      severePopulation: z.number(),
      glassRingPopulation: z.number().optional(),
      evacuated: z.boolean(),
      sheltered: z.boolean(),
      casualties: z.number(),
      damageMUsd: z.number(),
    }),
  ),
  /** Where the undeflected body would have struck, when a deflection moved the point. */
  undeflectedPoint: impactPointSchema.nullable(),
  liability: z.strictObject({
    regime: z.string(),
    /** Findings of the law module (`judgeCase`), one per damage; or the error that kept it from judging. */
    findings: z.array(recordedFindingSchema),
  }),
});
export type Consequences = z.infer<typeof consequencesSchema>;

/** The encounter: a miss (with or without a deflection to thank), or an impact with where it struck and what it did. */
const outcomeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('no-impact'), summary: z.string(), impactPoint: z.null(), consequences: z.null() }),
  z.strictObject({ kind: z.literal('deflected'), summary: z.string(), impactPoint: z.null(), consequences: z.null() }),
  z.strictObject({
    kind: z.literal('impact'),
    summary: z.string(),
    /** Where the body strikes: a point on the risk corridor. */
    impactPoint: impactPointSchema,
    consequences: consequencesSchema,
  }),
]);
export type Outcome = z.infer<typeof outcomeSchema>;

const trustChangeSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  delta: z.number(),
  reason: z.string(),
  /** The trust of `from` in `to` after this change, kept within 0–100 (rules v5; absent before: `evolve` clamps as v4 did). */
  after: z.number().optional(),
});
export type TrustChange = z.infer<typeof trustChangeSchema>;

const missionProgressSchema = z.strictObject({
  missionId,
  change: missionChange,
  date: isoDate,
  /** The uniform draw compared with the mission's reliability, for a launch. */
  reliabilityDraw: z.number().nullable(),
  /** For a kinetic impactor's arrival: the sampled Δv and the shift of the encounter point (km, signed). */
  deltaVMmPerS: z.number().nullable(),
  beta: z.number().nullable(),
  shiftKm: z.number().nullable(),
  /** For a reconnaissance arrival: the factor the uncertainty was multiplied by. */
  sigmaFactor: z.number().nullable(),
  /** For a nuclear stand-off: whether the body broke up, and the mass fraction of its on-course fragment. */
  disrupted: z.boolean().default(false),
  fragmentMassFraction: z.number().default(0),
  /**
   * Nuclear stand-off (rules v3): the burst as it went — yield, height, the couplings drawn from
   * their documented ranges, the specific energy against Q*D. Absent before v3 (fixed couplings).
   */
  burst: z
    .strictObject({
      yieldKt: z.number(),
      standoffM: z.number(),
      momentumCouplingNsPerJ: z.number(),
      energyCouplingFraction: z.number(),
      specificEnergyJPerKg: z.number(),
      disruptionThresholdJPerKg: z.number(),
    })
    .optional(),
  /**
   * After a disruption (rules v3): the fragment cloud's centroid takes the same Δv as the bulk
   * and the fragment drifts from it along-track at `dispersalDraw` (−1…1) times the body's
   * escape speed; where it crosses the target plane. Absent before v3 (fragment on the old course).
   * A fragment a kinetic impactor sheds (`asteroid.truth.kineticDisruption`) keeps the course
   * before the strike and drifts from it at `dispersalDraw` times `separationSpeedMmPerS`.
   */
  fragmentCloud: z
    .strictObject({
      escapeSpeedMmPerS: z.number(),
      dispersalDraw: z.number(),
      dispersalShiftKm: z.number(),
      encounterKm: z.number(),
      separationSpeedMmPerS: z.number().optional(),
    })
    .optional(),
  /**
   * A push (rules v3): the shift the table can infer from the published facts, signed, and its
   * spread (1σ, km) — the realised Δv and shift stay hidden from participants until measured.
   */
  expectedShiftKm: z.number().optional(),
  shiftSigmaKm: z.number().optional(),
  /** A flyby (rules v3): the earlier pushes it measured, whose realised Δv and shift the table now knows. */
  measured: z.array(missionId).optional(),
  /** Rules v5: when a funded mission will be built (on 'funded'), and when a launched one arrives (on 'launched'). Absent before: `evolve` adds the months as v4 did. */
  readyDate: isoDate.optional(),
  arrivalDate: isoDate.optional(),
});
export type MissionProgress = z.infer<typeof missionProgressSchema>;

/**
 * Everything that has happened in an exercise, in the past tense. Random outcomes are
 * recorded here (with the generator state after drawing), so `evolve` never draws.
 */
export const eventSchema = z.discriminatedUnion('type', [
  /**
   * Rules v2 record the participant's `role`; v1 logs recorded `controller` (the facilitator
   * key shown) instead, and still replay: `roleOfJoined` (version.ts) upcasts them.
   */
  z
    .strictObject({
      type: z.literal('ParticipantJoined'),
      participantId: z.string(),
      name: z.string(),
      role: participantRole.optional(),
      controller: z.boolean().optional(),
      rejoinKeyHash: z.string().optional(),
    })
    .refine((e) => e.role !== undefined || e.controller !== undefined, { message: 'a participant joins with a role (or, in rules v1 logs, controller)', path: ['role'] }),
  /** Someone without a seat asks to join an actor's delegation; its members or the facilitator answer. */
  z.strictObject({
    type: z.literal('DelegationRequested'),
    requestId: delegationRequestId,
    participantId: z.string(),
    actorId: slug,
    /** The requester's pending requests this one replaces (rules v6; absent before: `evolve` replaced the requester's own). */
    replaces: z.array(delegationRequestId).optional(),
  }),
  /** The answer to a delegation request; when accepted, a SeatClaimed for the requester follows. Names whom it concerned, so it is shown without the request. */
  z.strictObject({
    type: z.literal('DelegationRequestAnswered'),
    requestId: delegationRequestId,
    participantId: z.string(),
    actorId: slug,
    accepted: z.boolean(),
    answeredBy: z.string(),
  }),
  /** The facilitator sets how many talk items (messages and statements) each actor may post per phase. */
  z.strictObject({ type: z.literal('TalkQuotaSet'), messagesPerPhase: z.number().int().min(1) }),
  z.strictObject({
    type: z.literal('ParticipantLeft'),
    participantId: z.string(),
    reason: leaveReason,
    /** The delegation requests this made moot, which end with it (rules v6; absent before: `evolve` worked them out). */
    mootRequests: z.array(delegationRequestId).optional(),
  }),
  z.strictObject({
    type: z.literal('SeatClaimed'),
    participantId: z.string(),
    seat: seatId,
    /** The delegation requests this made moot, which end with it (rules v6; absent before: `evolve` worked them out). */
    mootRequests: z.array(delegationRequestId).optional(),
  }),
  z.strictObject({
    type: z.literal('SeatReleased'),
    participantId: z.string(),
    seat: seatId,
    /** The delegation requests this made moot, which end with it (rules v6; absent before: `evolve` worked them out). */
    mootRequests: z.array(delegationRequestId).optional(),
  }),
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
    from: phase.extract(['briefing', 'deliberation', 'orders']),
    to: phase.extract(['deliberation', 'orders']),
  }),
  z.strictObject({
    type: z.literal('MessagePosted'),
    messageId: z.string(),
    round: z.number().int(),
    from: seatId,
    fromName: z.string(),
    to: z.union([z.literal('public'), z.literal('delegation'), z.array(slug)]),
    text: z.string(),
    at: z.string(),
  }),
  z.strictObject({ type: z.literal('OrdersSubmitted'), actorId: slug, round: z.number().int(), orders: ordersSchema }),
  /** A public statement, published as news under `headline` (rules v5; absent before: "Statement by <actor>"). */
  z.strictObject({
    type: z.literal('StatementPosted'),
    newsId: z.string(),
    round: z.number().int(),
    actorId: slug,
    actorName: z.string(),
    text: z.string(),
    headline: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('MissionProposed'),
    missionId,
    typeId: slug,
    name: z.string(),
    lead: slug,
    provider: slug,
    direction: pushDirection,
    costMUsd: z.number(),
    /** The state whose authorisation a company provider needs (OST art. VI), or null. */
    authorisingActor: slug.nullable(),
    /**
     * Nuclear stand-off (rules v3): the yield of each device and the burst height the proposer
     * chose (null: the optimum, (√2 − 1)·radius). Absent before v3: the catalogue's yield, the optimum.
     */
    burst: z.strictObject({ yieldKt: z.number().positive(), standoffM: z.number().positive().nullable() }).optional(),
    /** Rules v5: the catalogue's kind, schedule and reliability as they stood at the proposal. Absent before: `evolve` reads the catalogue. */
    kind: z.enum(missionKinds).optional(),
    buildMonths: z.number().optional(),
    flightMonths: z.number().optional(),
    reliability: z.number().optional(),
  }),
  z.strictObject({ type: z.literal('MissionAuthorised'), missionId, by: slug, granted: z.boolean() }),
  z.strictObject({
    type: z.literal('BidSubmitted'),
    bidId: z.string(),
    missionId,
    company: slug,
    priceMUsd: z.number(),
    buildMonths: z.number().int(),
    reliability: z.number(),
  }),
  /** The lead hires the company: it becomes the provider, at its price, schedule and reliability; its state must authorise it. */
  z.strictObject({
    type: z.literal('BidAccepted'),
    bidId: z.string(),
    missionId,
    authorisingActor: slug.nullable(),
    /** The mission's reliability now: the bid's, plus what contributions in kind added, at most 0.99 (rules v5; absent before: `evolve` computed it). */
    reliability: z.number().optional(),
  }),
  z.strictObject({ type: z.literal('ExercisePaused') }),
  z.strictObject({ type: z.literal('ExerciseResumed') }),
  /** A deadline for the current phase (ISO time), or null when cleared. */
  z.strictObject({ type: z.literal('PhaseTimerSet'), deadline: z.string().nullable() }),
  z.strictObject({ type: z.literal('PhaseTimerExpired'), phase: z.string() }),
  z.strictObject({ type: z.literal('ValueOverridden'), target: z.string(), subject: z.string().nullable(), from: z.number().nullable(), to: z.number(), reason: z.string(), round: z.number().int() }),
  z.strictObject({ type: z.literal('InjectSkipped'), injectId: z.string() }),
  z.strictObject({
    type: z.literal('ObservationRecorded'),
    observationId: z.string(),
    round: z.number().int(),
    phase: z.string(),
    by: z.string(),
    byName: z.string(),
    actorId: z.string().nullable(),
    capability: z.string(),
    text: z.string(),
    at: z.string(),
    /** The HSEEP rating of the capability's performance, if the evaluator gave one (rules v5). */
    rating: hseepRating.optional(),
  }),
  z.strictObject({ type: z.literal('TrackingDataPolicySet'), actorId: slug, share: z.boolean() }),
  z.strictObject({ type: z.literal('InKindContributed'), missionId, actorId: slug, contribution: inKindContribution, reliabilityGain: z.number() }),
  z.strictObject({ type: z.literal('MissionLaunchOrdered'), missionId, round: z.number().int() }),
  z.strictObject({
    type: z.literal('EvacuationOrdered'),
    actorId: slug,
    round: z.number().int(),
    costMUsd: z.number(),
    /** Absent means a full evacuation. */
    level: evacuationLevel.optional(),
  }),
  z.strictObject({
    type: z.literal('AgreementProposed'),
    agreementId: z.string(),
    kind: agreementKind,
    proposer: slug,
    parties: z.array(slug),
    missionId: z.string().nullable(),
    shares: z.record(z.string(), z.number()),
    text: z.string(),
    dueRound: z.number().int().nullable(),
  }),
  z.strictObject({
    type: z.literal('AgreementResponded'),
    agreementId: z.string(),
    actorId: slug,
    accept: z.boolean(),
    /** The agreement's status after the answer: concluded when every party accepted, rejected on any refusal (rules v5; absent before: `evolve` decided it). */
    status: z.enum(['proposed', 'accepted', 'rejected']).optional(),
  }),
  z.strictObject({ type: z.literal('AgreementWithdrawn'), agreementId: z.string() }),
  z.strictObject({
    type: z.literal('ResolutionProposed'),
    resolutionId: z.string(),
    kind: resolutionKind,
    missionId: z.string().nullable(),
    round: z.number().int(),
  }),
  z.strictObject({ type: z.literal('VoteCast'), resolutionId: z.string(), actorId: slug, vote: vote }),
  /** Trust moves with kept and broken agreements, refusals of assistance and unilateral acts. */
  z.strictObject({ type: z.literal('TrustChanged'), changes: z.array(trustChangeSchema) }),
  z.strictObject({
    type: z.literal('InjectFired'),
    injectId: z.string(),
    round: z.number().int(),
    targets: z.union([z.literal('all'), z.array(z.string())]),
    persona: z.string(),
    channel: injectChannel,
    headline: z.string(),
    body: z.string(),
    /** For the control cell only: removed from every other seat's copy. */
    controllerNote: z.string().nullable(),
    /** How it came to fire: its round, its condition, or the facilitator's hand (scripted or ad hoc). */
    trigger: injectTrigger.default('round'),
    /** Its order of firing within the exercise, from 1 (rules v5; absent before: `evolve` counted). */
    seq: z.number().int().min(1).optional(),
  }),
  z.strictObject({
    type: z.literal('SmpagOptionsPublished'),
    newsId: z.string(),
    round: z.number().int(),
    options: z.array(
      z.strictObject({
        missionTypeId: z.string(),
        name: z.string(),
        costMUsd: z.number(),
        /** Launch no earlier than the end of the build, arrival after the flight. */
        earliestArrival: isoDate,
        /** Nominal along-track shift (β = 3.61, mid-range size) if it arrives then; null for reconnaissance. */
        nominalShiftKm: z.number().nullable(),
        arrivesBeforeEncounter: z.boolean(),
      }),
    ),
    /** The news item it is published as (rules v5; absent before: `evolve` wrote it from the options). */
    headline: z.string().optional(),
    body: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('ClaimFiled'), claimId: z.string(), claimant: slug, against: z.array(slug), round: z.number().int(), amountMUsd: z.number() }),
  z.strictObject({ type: z.literal('IawnNotificationIssued'), newsId: z.string(), round: z.number().int(), impactProbability: z.number(), headline: z.string(), body: z.string() }),
  z.strictObject({ type: z.literal('ReadinessChanged'), actorId: slug, ready: z.boolean() }),
  z.strictObject({
    type: z.literal('RoundResolved'),
    round: z.number().int(),
    date: isoDate,
    /** Each actor's payments: observation, and what each mission actually received. */
    spentMUsd: z.record(z.string(), z.strictObject({ observeMUsd: z.number(), missionFunding: z.record(z.string(), z.number()) })),
    observeTotalMUsd: z.number(),
    deflectTotalMUsd: z.number(),
    /** The observation noise drawn this round; null in the copy sent to participants (with it they could solve for the hidden truth). */
    noiseZ: z.number().nullable(),
    estimate: estimateSchema,
    /** The better estimates of actors who withheld their tracking data (each only to itself). */
    privateEstimates: z.record(z.string(), estimateSchema).default({}),
    hazard: z.strictObject({ torino: z.number().int(), palermo: z.number(), iawnThresholdCrossed: z.boolean() }),
    /** What happened to each mission between this round and the next, in date order. */
    missions: z.array(missionProgressSchema),
    /** Cost-sharing agreements due this round: kept or broken. */
    agreements: z.array(z.strictObject({ agreementId: z.string(), result: settlement, breachedBy: z.array(z.string()) })),
    /**
     * Resolutions put to the vote before this resolution: a Security Council decision (a mandate,
     * a nuclear authorisation) or a General Assembly / COPUOS resolution under the scenario's
     * voting rule, and the permanent members whose "no" vetoed it. Logs before these were
     * recorded tallied every resolution by the voting rule; `adopted` is what they decided.
     */
    resolutions: z.array(
      z.strictObject({
        resolutionId: z.string(),
        adopted: z.boolean(),
        yes: z.number(),
        no: z.number(),
        abstain: z.number(),
        body: z.enum(['security-council', 'general-assembly']).optional(),
        vetoedBy: z.array(slug).optional(),
      }),
    ),
    trustChanges: z.array(trustChangeSchema),
    /** The missions whose UN standing the adopted resolutions changed, and to what (rules v5; absent before: `evolve` derived it from the tallies). */
    mandates: z.array(z.strictObject({ missionId, unMandate: z.enum(['none', 'endorsed', 'mandated']) })).optional(),
    /** Published with the outcome at the last round. */
    scores: z
      .record(
        z.string(),
        z.strictObject({
          safety: z.number(),
          budget: z.number(),
          trust: z.number(),
          total: z.number(),
          /** What each component was computed from, and how (rules v3; absent in older logs). */
          breakdown: z
            .strictObject({
              ownCasualties: z.number().nullable(),
              totalCasualties: z.number(),
              casualtiesAtHalfSafety: z.number(),
              ownPeopleShare: z.number(),
              balanceMUsd: z.number(),
              incomeMUsd: z.number(),
              trustFromOthers: z.number(),
              agreementsBroken: z.number(),
              weights: z.strictObject({ safety: z.number(), budget: z.number(), trust: z.number() }),
              explanation: z.string(),
            })
            .optional(),
        }),
      )
      .nullable(),
    /** The hidden encounter point after this resolution's deflections; null in participants' copies. */
    trueEncounterKm: z.number().nullable(),
    /** Hidden: the fragment a disruption left on the old course; null when there is none (and in participants' copies). */
    fragment: z.strictObject({ massFraction: z.number(), encounterKm: z.number() }).nullable().default(null),
    outcome: outcomeSchema.nullable(),
    rngAfter: z.array(z.number()),
  }),
  z.strictObject({ type: z.literal('ExerciseEnded'), reason: z.string(), outcome: outcomeSchema.nullable() }),
  /**
   * A what-if branch begins (rules v4): its log is the parent's first `forkSeq` events, then this.
   * The generator goes on from `rngAfter` (a fresh one for a new `seed`, else the parent's as it
   * stood); `regime`, when set, replaces the legal regime in force. Nobody of the parent's table
   * is seated; the branch waits, paused, for the facilitator.
   */
  z.strictObject({
    type: z.literal('ExerciseBranched'),
    parentId: z.string(),
    forkSeq: z.number().int().min(0),
    seed: z.number().int().nullable(),
    regime: z.enum(regimeIds).nullable(),
    rngAfter: z.array(z.number()),
    note: z.string().optional(),
  }),
]);
export type DomainEvent = z.infer<typeof eventSchema>;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
