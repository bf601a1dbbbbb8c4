import { z } from 'zod';
import { createCorridor } from '../geo/corridor.js';
import { regimeIds } from '../law/regimes.js';
import { isoDate, slug } from '../validation.js';

export const actorKinds = ['space-faring-state', 'non-space-faring-state', 'private-company', 'un-body'] as const;
export const actorKind = z.enum(actorKinds);
export type ActorKind = z.infer<typeof actorKind>;

const range = z
  .strictObject({ min: z.number().positive(), max: z.number().positive() })
  .refine((r) => r.min <= r.max, 'min must not exceed max');

const geoPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  label: z.string().min(1).optional(),
});

/** What an actor can bring to a campaign besides money. */
export const capabilitiesSchema = z.strictObject({
  /** Can launch deep-space missions from its own territory (or, for a company, its own vehicles). */
  launch: z.boolean().default(false),
  observatories: z.boolean().default(false),
  deepSpaceNetwork: z.boolean().default(false),
  /** Can build spacecraft. */
  industry: z.boolean().default(false),
});

export const actorSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  kind: actorKind,
  /** ISO 3166-1 alpha-3 code of the state the actor is or, for a company, of its state of nationality. */
  stateOfNationality: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 code such as USA').optional(),
  budgetPerRoundMUsd: z.number().min(0),
  capabilities: capabilitiesSchema.default({ launch: false, observatories: false, deepSpaceNetwork: false, industry: false }),
  briefing: z.string().min(1),
  secretBriefing: z.string().min(1),
  objectives: z.array(z.string().min(1)).default([]),
  /**
   * A state's economic weight, in any unit shared by the scenario's states (e.g. its UN scale
   * of assessment, %): its share of the security community's burden (diffuse reciprocity).
   * Default: its budget per round, the scenario's own measure of what it can spend.
   */
  economicWeight: z.number().min(0).optional(),
  /** Whether a state belongs to the planetary-defence security community; default: every state at the table does. */
  communityMember: z.boolean().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const missionKinds = ['reconnaissance', 'kinetic-impactor', 'gravity-tractor', 'nuclear-standoff'] as const;

/** A kind of mission the table may fund: what it costs, how long it takes and what it delivers. */
export const missionTypeSchema = z
  .strictObject({
    id: slug,
    name: z.string().min(1),
    kind: z.enum(missionKinds),
    costMUsd: z.number().positive(),
    buildMonths: z.number().int().min(0).max(240),
    flightMonths: z.number().int().min(0).max(240),
    /** Probability that the launch and the cruise succeed. */
    reliability: z.number().min(0).max(1),
    /** Kinetic impactor: number of spacecraft, mass at impact and speed relative to the body. */
    impactorCount: z.number().int().min(1).optional(),
    impactorMassKg: z.number().positive().optional(),
    relativeSpeedKmS: z.number().positive().optional(),
    /** Reconnaissance: how much the arrival shrinks the uncertainty of the encounter point (0–1). */
    uncertaintyReduction: z.number().min(0).max(1).optional(),
    /** Nuclear stand-off: yield of each device (kt) and how many. */
    yieldKt: z.number().positive().optional(),
    deviceCount: z.number().int().min(1).optional(),
    /** Gravity tractor: spacecraft mass, hover distance from the body's centre, months of towing. */
    spacecraftMassKg: z.number().positive().optional(),
    hoverDistanceM: z.number().positive().optional(),
    towMonths: z.number().int().min(1).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.kind === 'kinetic-impactor') {
      for (const key of ['impactorCount', 'impactorMassKg', 'relativeSpeedKmS'] as const) {
        if (m[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a kinetic impactor needs ${key}` });
      }
    }
    if (m.kind === 'reconnaissance' && m.uncertaintyReduction === undefined) {
      ctx.addIssue({ code: 'custom', path: ['uncertaintyReduction'], message: 'a reconnaissance mission needs uncertaintyReduction' });
    }
    if (m.kind === 'nuclear-standoff' && m.yieldKt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['yieldKt'], message: 'a nuclear stand-off mission needs yieldKt' });
    }
    if (m.kind === 'gravity-tractor') {
      for (const key of ['spacecraftMassKg', 'hoverDistanceM', 'towMonths'] as const) {
        if (m[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a gravity tractor needs ${key}` });
      }
    }
  });
export type MissionType = z.infer<typeof missionTypeSchema>;

/**
 * A condition over the exercise, for conditional injects: a small declarative language,
 * checked when each round starts.
 */
export type InjectCondition =
  | { probabilityAbove: number }
  | { probabilityBelow: number }
  | { noMissionFundedByRound: number }
  | { missionFailed: true }
  | { assistanceRefused: true }
  | { roundAtLeast: number }
  | { all: InjectCondition[] }
  | { any: InjectCondition[] };

export const injectConditionSchema: z.ZodType<InjectCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ probabilityAbove: z.number().min(0).max(1) }),
    z.strictObject({ probabilityBelow: z.number().min(0).max(1) }),
    z.strictObject({ noMissionFundedByRound: z.number().int().min(1) }),
    z.strictObject({ missionFailed: z.literal(true) }),
    z.strictObject({ assistanceRefused: z.literal(true) }),
    z.strictObject({ roundAtLeast: z.number().int().min(1) }),
    z.strictObject({ all: z.array(injectConditionSchema).min(1) }),
    z.strictObject({ any: z.array(injectConditionSchema).min(1) }),
  ]),
);

/**
 * A scripted event of the master scenario events list: fired when its round starts, when
 * its condition first holds at the start of a round, or by hand by the facilitator; from a
 * sender persona, through a channel, to all actors or some; the controller note (the
 * expected action) is for the control cell only.
 */
export const injectSchema = z.strictObject({
  id: slug,
  /** Fire when this round starts (with `condition`: not before it, and only if the condition holds). */
  round: z.number().int().min(1).optional(),
  condition: injectConditionSchema.optional(),
  targets: z.union([z.literal('all'), z.array(slug).min(1)]),
  persona: z.string().min(1),
  channel: z.enum(['news', 'official', 'intelligence']),
  headline: z.string().min(1),
  body: z.string().min(1),
  controllerNote: z.string().min(1).optional(),
});
export type Inject = z.infer<typeof injectSchema>;

export const roundSchema = z.strictObject({
  date: isoDate,
  title: z.string().min(1),
  /** Public news published at the start of the round's briefing. */
  news: z.array(z.strictObject({ headline: z.string().min(1), body: z.string().min(1) })).default([]),
});

/**
 * Scenario file format, version 2: the asteroid (with its hidden truth), the observation
 * model, the risk corridor, the calendar of rounds, the actors, the catalogue of missions,
 * evacuation, and the legal regime in force.
 */
export const scenarioSchema = z
  .strictObject({
    version: z.literal(2),
    id: slug,
    title: z.string().min(1),
    summary: z.string().min(1),
    asteroid: z.strictObject({
      designation: z.string().min(1),
      diameterM: range,
      densityKgM3: z.number().positive(),
      entrySpeedKmS: z.number().min(11).max(73),
      entryAngleDeg: z.number().gt(0).max(90),
      potentialImpactDate: isoDate,
      /** Capture radius on the target plane (km); an encounter inside ±this hits the Earth. */
      captureRadiusKm: z.number().positive(),
      /** First published estimate of the encounter point along the line of variations. */
      initialEstimate: z.strictObject({ meanKm: z.number(), sigmaKm: z.number().positive() }),
      /** Hidden from every participant: only the control cell and evaluators see it. */
      truth: z.strictObject({
        diameterM: z.number().positive(),
        densityKgM3: z.number().positive(),
        encounterKm: z.number(),
      }),
    }),
    observation: z.strictObject({
      /** Fraction by which the uncertainty shrinks in a round with no extra funding. */
      baseShrink: z.number().min(0).max(0.95),
      /** Extra observation funding (M USD) that doubles the round's shrink effect. */
      fundingForDoubleEffectMUsd: z.number().positive(),
      /** Periods when the body is too close to the Sun to observe: no refinement then. */
      blackouts: z.array(z.strictObject({ from: isoDate, to: isoDate })).default([]),
    }),
    missionTypes: z.array(missionTypeSchema).min(1),
    injects: z.array(injectSchema).default([]),
    evacuation: z.strictObject({
      /** What ordering the evacuation of its territory at risk costs a state (M USD), paid when ordered, wasted on a false alarm. */
      costMUsd: z.number().min(0),
      /** Fraction of casualties avoided where the evacuation was ordered. */
      effectiveness: z.number().min(0).max(1),
      /** Sheltering in place instead: cheaper, spares fewer (defaults: a fifth of the cost, half the effect). */
      shelterCostMUsd: z.number().min(0).optional(),
      shelterEffectiveness: z.number().min(0).max(1).optional(),
    }),
    /**
     * How the impact's effects become harm: documented game parameters, not measurements.
     * Severe zone: inside the wood-frame-collapse radius (26.8 kPa); exposed zone: inside
     * the window-shatter radius (6.9 kPa). Beyond it, out to 0.69 kPa (windows may shatter),
     * the engine's glass-injury rate applies (shared/engine/consequences.ts).
     */
    consequences: z.strictObject({
      fatalityRateSevere: z.number().min(0).max(1),
      fatalityRateExposed: z.number().min(0).max(1),
      /** Economic loss per exposed inhabitant (USD). */
      lossUsdPerExposedPerson: z.number().min(0),
    }),
    legal: z.strictObject({ regime: z.enum(regimeIds) }),
    /** How the states vote on resolutions the UN body puts to them: abstentions do not count. */
    un: z
      .strictObject({
        votingRule: z.enum(['simple-majority', 'two-thirds', 'consensus']),
        /** IAWN notifies on its own as soon as its threshold is crossed, instead of waiting for the UN body's seat. */
        automaticIawnNotification: z.boolean().default(false),
      })
      .default({ votingRule: 'simple-majority', automaticIawnNotification: false }),
    /** Weights of the final score: safety of the actor's people, budget kept, trust earned. */
    scoring: z
      .strictObject({ safety: z.number().min(0), budget: z.number().min(0), trust: z.number().min(0) })
      .default({ safety: 0.5, budget: 0.2, trust: 0.3 }),
    riskCorridor: z.strictObject({
      description: z.string().min(1),
      points: z.array(geoPoint).min(2),
    }),
    calendar: z.strictObject({ rounds: z.array(roundSchema).min(1) }),
    actors: z.array(actorSchema).min(2),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.actors.forEach((a, i) => {
      if (seen.has(a.id)) ctx.addIssue({ code: 'custom', path: ['actors', i, 'id'], message: `duplicate actor id '${a.id}'` });
      seen.add(a.id);
      if (a.kind === 'private-company' && !a.stateOfNationality) {
        ctx.addIssue({
          code: 'custom',
          path: ['actors', i, 'stateOfNationality'],
          message: 'a private company needs its state of nationality (OST art. VI)',
        });
      }
    });
    for (let i = 1; i < s.calendar.rounds.length; i++) {
      const prev = s.calendar.rounds[i - 1]!.date;
      const cur = s.calendar.rounds[i]!.date;
      if (cur <= prev) {
        ctx.addIssue({ code: 'custom', path: ['calendar', 'rounds', i, 'date'], message: `must come after the previous round (${prev})` });
      }
    }
    const last = s.calendar.rounds[s.calendar.rounds.length - 1]?.date;
    if (last && s.asteroid.potentialImpactDate <= last) {
      ctx.addIssue({ code: 'custom', path: ['asteroid', 'potentialImpactDate'], message: `must come after the last round (${last})` });
    }
    const missionIds = new Set<string>();
    s.missionTypes.forEach((m, i) => {
      if (missionIds.has(m.id)) ctx.addIssue({ code: 'custom', path: ['missionTypes', i, 'id'], message: `duplicate mission type id '${m.id}'` });
      missionIds.add(m.id);
    });
    try {
      createCorridor(s.riskCorridor.points);
    } catch (e) {
      ctx.addIssue({ code: 'custom', path: ['riskCorridor', 'points'], message: (e as Error).message });
    }
    if (!s.actors.some((a) => a.kind === 'space-faring-state' || a.kind === 'private-company')) {
      ctx.addIssue({ code: 'custom', path: ['actors'], message: 'no actor can lead a mission: add a space-faring state or a private company' });
    }
    const actorIds = new Set(s.actors.map((a) => a.id));
    const injectIds = new Set<string>();
    s.injects.forEach((inj, i) => {
      if (injectIds.has(inj.id)) ctx.addIssue({ code: 'custom', path: ['injects', i, 'id'], message: `duplicate inject id '${inj.id}'` });
      injectIds.add(inj.id);
      if (inj.round !== undefined && inj.round > s.calendar.rounds.length) {
        ctx.addIssue({ code: 'custom', path: ['injects', i, 'round'], message: `there are only ${s.calendar.rounds.length} rounds` });
      }
      if (inj.targets !== 'all') {
        inj.targets.forEach((t, j) => {
          if (!actorIds.has(t)) ctx.addIssue({ code: 'custom', path: ['injects', i, 'targets', j], message: `there is no actor '${t}'` });
        });
      }
    });
    s.observation.blackouts.forEach((b, i) => {
      if (b.to < b.from) ctx.addIssue({ code: 'custom', path: ['observation', 'blackouts', i, 'to'], message: `must not come before 'from' (${b.from})` });
    });
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
