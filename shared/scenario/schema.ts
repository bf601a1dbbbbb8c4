import { z } from 'zod';

/** Whether a YYYY-MM-DD string names a real calendar day (rejects 2031-02-30, which Date.parse would roll over). */
function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const daysInMonth = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth[mo - 1]!;
}

/** A calendar date written as YYYY-MM-DD (scenario time, not wall-clock time). */
export const isoDate = z.string().refine(isCalendarDate, 'expected a real calendar date written YYYY-MM-DD');

/** Identifiers used in commands and events: lower-case, digits and dashes. */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a lower-case id of letters, digits and dashes (at most 40)');

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

export const actorSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  kind: actorKind,
  /** ISO 3166-1 alpha-3 code of the state the actor is or, for a company, of its state of nationality. */
  stateOfNationality: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 code such as USA').optional(),
  budgetPerRoundMUsd: z.number().min(0),
  briefing: z.string().min(1),
  secretBriefing: z.string().min(1),
});
export type Actor = z.infer<typeof actorSchema>;

export const roundSchema = z.strictObject({
  date: isoDate,
  title: z.string().min(1),
  /** Public news published at the start of the round's briefing. */
  news: z.array(z.strictObject({ headline: z.string().min(1), body: z.string().min(1) })).default([]),
});

/**
 * Scenario file format, version 1: the asteroid (with its hidden truth), the risk
 * corridor, the calendar of rounds and the actors. Later versions add missions,
 * injects and the legal regime.
 */
export const scenarioSchemaV1 = z
  .strictObject({
    version: z.literal(1),
    id: slug,
    title: z.string().min(1),
    summary: z.string().min(1),
    asteroid: z.strictObject({
      designation: z.string().min(1),
      diameterM: range,
      densityKgM3: z.number().positive(),
      entrySpeedKmS: z.number().min(11).max(73),
      potentialImpactDate: isoDate,
      /** Capture radius on the target plane (km); an encounter inside ±this hits the Earth. */
      captureRadiusKm: z.number().positive(),
      /** First published estimate of the encounter point along the line of variations. */
      initialEstimate: z.strictObject({ meanKm: z.number(), sigmaKm: z.number().positive() }),
      /** Hidden from every participant: only the control cell and evaluators see it. */
      truth: z.strictObject({
        diameterM: z.number().positive(),
        encounterKm: z.number(),
      }),
    }),
    observation: z.strictObject({
      /** Fraction by which the uncertainty shrinks in a round with no extra funding. */
      baseShrink: z.number().min(0).max(0.95),
      /** Extra observation funding (M USD) that doubles the round's shrink effect. */
      fundingForDoubleEffectMUsd: z.number().positive(),
    }),
    deflection: z.strictObject({
      /** Money that must be pooled into the deflection campaign before its launch deadline. */
      campaignCostMUsd: z.number().positive(),
      /** Last round whose resolution can still start the campaign in time. */
      launchDeadlineRound: z.number().int().min(1),
      /** Probability that a funded campaign pushes the body off the Earth. */
      reliability: z.number().min(0).max(1),
    }),
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
    if (s.deflection.launchDeadlineRound > s.calendar.rounds.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['deflection', 'launchDeadlineRound'],
        message: `there are only ${s.calendar.rounds.length} rounds`,
      });
    }
  });

export type Scenario = z.infer<typeof scenarioSchemaV1>;
export type ScenarioInput = z.input<typeof scenarioSchemaV1>;
