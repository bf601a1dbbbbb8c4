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
  /** Whether a state is party to the planetary-defence liability protocol; default: every state at the table is. */
  partyToProtocol: z.boolean().optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const missionKinds = ['reconnaissance', 'kinetic-impactor', 'gravity-tractor', 'nuclear-standoff'] as const;
export type MissionKind = (typeof missionKinds)[number];

/** The channels an inject arrives by. */
export const injectChannel = z.enum(['news', 'official', 'intelligence']);
export type InjectChannel = z.infer<typeof injectChannel>;

/** A kind of mission the table may fund: what it costs, how long it takes and what it delivers. */
const missionTypeFields = z.strictObject({
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
  /** Nuclear stand-off: the yields (kt) the proposer may choose from; only `yieldKt` unless given. */
  yieldKtRange: range.optional(),
  /** Nuclear stand-off: the burst heights above the surface (m) the proposer may choose from; the optimum, (√2 − 1)·radius, unless given. */
  standoffM: range.optional(),
  /** Gravity tractor: spacecraft mass, hover distance from the body's centre, months of towing. */
  spacecraftMassKg: z.number().positive().optional(),
  hoverDistanceM: z.number().positive().optional(),
  towMonths: z.number().int().min(1).optional(),
});

type MissionTypeCommon = Pick<z.infer<typeof missionTypeFields>, 'id' | 'name' | 'costMUsd' | 'buildMonths' | 'flightMonths' | 'reliability'>;
/** A reconnaissance flyby: it pushes nothing, its arrival shrinks the uncertainty. */
export type ReconnaissanceType = MissionTypeCommon & { kind: 'reconnaissance'; uncertaintyReduction: number };
/** One or more kinetic impactors of the same make. */
export type KineticImpactorType = MissionTypeCommon & { kind: 'kinetic-impactor'; impactorCount: number; impactorMassKg: number; relativeSpeedKmS: number };
/** A gravity tractor hovering by the body. */
export type GravityTractorType = MissionTypeCommon & { kind: 'gravity-tractor'; spacecraftMassKg: number; hoverDistanceM: number; towMonths: number };
/** Nuclear stand-off devices: the nominal yield and the ranges the proposer may choose within. */
export type NuclearStandoffType = MissionTypeCommon & {
  kind: 'nuclear-standoff';
  yieldKt: number;
  deviceCount: number;
  /** The yields the proposer may choose within; absent: only `yieldKt`. */
  yieldKtRange?: { min: number; max: number };
  /** The burst heights above the surface (m) the proposer may choose within; absent: the optimum, (√2 − 1)·radius. */
  standoffM?: { min: number; max: number };
};
/** A kind of mission the table may fund, discriminated by `kind`: each has the numbers its kind needs. */
export type MissionType = ReconnaissanceType | KineticImpactorType | GravityTractorType | NuclearStandoffType;

/**
 * A mission type as the scenario file writes it (flat), checked to have the numbers its kind
 * needs and narrowed to the discriminated `MissionType`.
 */
export const missionTypeSchema = missionTypeFields.transform((m, ctx): MissionType => {
  const needs = (what: string, keys: readonly (keyof typeof m)[]) => {
    for (const key of keys) if (m[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${what} needs ${key}`, input: m });
  };
  const common: MissionTypeCommon = { id: m.id, name: m.name, costMUsd: m.costMUsd, buildMonths: m.buildMonths, flightMonths: m.flightMonths, reliability: m.reliability };
  switch (m.kind) {
    case 'reconnaissance':
      if (m.uncertaintyReduction === undefined) break;
      return { ...common, kind: m.kind, uncertaintyReduction: m.uncertaintyReduction };
    case 'kinetic-impactor':
      if (m.impactorCount === undefined || m.impactorMassKg === undefined || m.relativeSpeedKmS === undefined) break;
      return { ...common, kind: m.kind, impactorCount: m.impactorCount, impactorMassKg: m.impactorMassKg, relativeSpeedKmS: m.relativeSpeedKmS };
    case 'gravity-tractor':
      if (m.spacecraftMassKg === undefined || m.hoverDistanceM === undefined || m.towMonths === undefined) break;
      return { ...common, kind: m.kind, spacecraftMassKg: m.spacecraftMassKg, hoverDistanceM: m.hoverDistanceM, towMonths: m.towMonths };
    case 'nuclear-standoff': {
      if (m.yieldKt === undefined) break;
      const { yieldKtRange, standoffM } = m;
      if (yieldKtRange && (m.yieldKt < yieldKtRange.min || m.yieldKt > yieldKtRange.max)) {
        ctx.addIssue({ code: 'custom', path: ['yieldKt'], message: `the nominal yield must lie within yieldKtRange (${yieldKtRange.min}–${yieldKtRange.max} kt)`, input: m });
        return z.NEVER;
      }
      return { ...common, kind: m.kind, yieldKt: m.yieldKt, deviceCount: m.deviceCount ?? 1, ...(yieldKtRange ? { yieldKtRange } : {}), ...(standoffM ? { standoffM } : {}) };
    }
  }
  needs(
    { reconnaissance: 'a reconnaissance mission', 'kinetic-impactor': 'a kinetic impactor', 'gravity-tractor': 'a gravity tractor', 'nuclear-standoff': 'a nuclear stand-off mission' }[m.kind],
    { reconnaissance: ['uncertaintyReduction'], 'kinetic-impactor': ['impactorCount', 'impactorMassKg', 'relativeSpeedKmS'], 'gravity-tractor': ['spacecraftMassKg', 'hoverDistanceM', 'towMonths'], 'nuclear-standoff': ['yieldKt'] }[m.kind] as readonly (keyof typeof m)[],
  );
  return z.NEVER;
});


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
  channel: injectChannel,
  headline: z.string().min(1),
  body: z.string().min(1),
  controllerNote: z.string().min(1).optional(),
  /** What the control cell expects the table to do in answer (the MSEL's "expected action"); control cell only. */
  expectedAction: z.string().min(1).optional(),
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
        /**
         * A rubble pile that sheds one fragment when a kinetic impactor strikes it (PDC 2015,
         * PDC 2019); absent, impactors never break it. The fragment keeps the course the body
         * had before the strike, drifting from it along-track at up to the separation speed.
         */
        kineticDisruption: z
          .strictObject({
            /** Mass fraction of the body the fragment carries away, e.g. (80/210)³ ≈ 0.055. */
            fragmentMassFraction: z.number().gt(0).lt(1),
            /** Probability that the first impactor to strike sheds it (one draw). */
            probability: z.number().min(0).max(1).default(1),
            /** Largest along-track speed of the fragment relative to the body before the strike (mm/s); drawn uniformly in ±. */
            separationSpeedMmPerS: z.number().min(0),
          })
          .optional(),
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
      .strictObject({
        safety: z.number().min(0),
        budget: z.number().min(0),
        trust: z.number().min(0),
        /** The deaths that halve an actor's safety score (engine default: 1 000; shared/engine/scores.ts). */
        casualtiesAtHalfSafety: z.number().positive().optional(),
        /** How much of a state's safety is its own people, the rest everyone's (engine default: 0.5). */
        ownPeopleShare: z.number().min(0).max(1).optional(),
      })
      .default({ safety: 0.5, budget: 0.2, trust: 0.3 }),
    riskCorridor: z.strictObject({
      description: z.string().min(1),
      points: z.array(geoPoint).min(2),
      /**
       * Depth of the sea floor (m) along the corridor's ocean stretches, by distance from its
       * first point (km): no npm package ships bathymetry, so the scenario states it. An ocean
       * impact outside every stretch assumes an abyssal plain of 4 000 m, and says so.
       */
      waterDepths: z
        .array(z.strictObject({ fromKm: z.number().min(0), toKm: z.number().positive(), depthM: z.number().positive().max(11_000) }))
        .optional(),
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
      const lengthKm = createCorridor(s.riskCorridor.points).lengthKm;
      checkWaterDepths(s.riskCorridor.waterDepths ?? [], lengthKm, ctx);
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

/** The water-depth stretches lie on the corridor, each from before to, in order and without overlap. */
function checkWaterDepths(stretches: readonly { fromKm: number; toKm: number }[], corridorLengthKm: number, ctx: z.RefinementCtx): void {
  stretches.forEach((w, i) => {
    const path = ['riskCorridor', 'waterDepths', i];
    if (!(w.fromKm < w.toKm)) ctx.addIssue({ code: 'custom', path: [...path, 'toKm'], message: `must be beyond fromKm (${w.fromKm} km)` });
    if (w.toKm > corridorLengthKm + 1) {
      ctx.addIssue({ code: 'custom', path: [...path, 'toKm'], message: `the corridor is only ${Math.round(corridorLengthKm)} km long` });
    }
    const prev = stretches[i - 1];
    if (prev && w.fromKm < prev.toKm) ctx.addIssue({ code: 'custom', path: [...path, 'fromKm'], message: `overlaps the stretch before it (to ${prev.toKm} km)` });
  });
}

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
