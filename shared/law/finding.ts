// The finding: what the law module says about one damage under one regime. Its zod schema is
// the one definition: the engine's events carry findings through it, so a finding read back
// from a stored log has the same type as one the law module just wrote.
import { z } from 'zod';

export const findingBases = ['absolute', 'fault', 'state-responsibility', 'common-fund', 'shared-burden', 'none'] as const;
export type FindingBasis = (typeof findingBases)[number];

export const apportionmentSchema = z.strictObject({ state: z.string(), share: z.number().min(0).max(1) });
export type Apportionment = z.infer<typeof apportionmentSchema>;

/**
 * Causation for damage by a deflected body: the counterfactual (what the undeflected asteroid
 * would have done to the same victim) set beside what happened.
 */
export const causationSchema = z.strictObject({
  /** What the undeflected body would have done to this victim (M USD). */
  undeflectedAmountMUsd: z.number().min(0),
  /** The part of the damage the deflection added (M USD): the damage less the counterfactual, never below 0. */
  addedByDeflectionMUsd: z.number().min(0),
  /** The victim would have suffered nothing without the deflection: it was harmed only because of it. */
  harmedOnlyBecauseOfDeflection: z.boolean(),
  /** Over all victims, whether the deflection reduced the harm (fewer casualties; equal casualties, less damage); null when unknown. */
  reducedHarmOverall: z.boolean().nullable(),
});
export type Causation = z.infer<typeof causationSchema>;

/**
 * The legal consequence of one damage under one regime.
 *
 * - `applies`: whether the regime's own liability instrument (the Convention, the protocol or
 *   the community's rule) governs the damage. When it does not, `basis` says what general
 *   international law offers instead (`state-responsibility`, which also covers OST art. VII
 *   liability outside the Convention) or `none`.
 * - `liable`: state or organisation ids; `common-fund` (COMMON_FUND) when the protocol's fund
 *   pays, `community` (COMMUNITY) when the security community's members share the burden. For
 *   the `fault` and `state-responsibility` bases it names the states that answer once the fault
 *   (or failure of due diligence) is established; it is empty when the facts exclude fault, and
 *   `reasoning` says which. Members of a liable intergovernmental organisation follow it, liable
 *   only after the organisation has not paid for six months (LIAB art. XXII(3)).
 * - `exoneratedShare`: the part of the damage the liable states need not pay because of the
 *   claimant's gross negligence or intent: LIAB art. VI(1) for absolute liability; for the other
 *   bases the claimant's contribution to the injury (ARSIWA art. 39, by analogy).
 * - `claimants`: in the order of LIAB art. VIII: the damaged state, the states of nationality,
 *   the state where the damage occurred, the states of permanent residence.
 * - `apportionment`: how the liable states share the burden among themselves (LIAB arts. IV(2),
 *   V(2)); it never limits what the victim may claim from any one of them.
 * - `unsettled`: every point on which the finding rests on a contested reading or a setting of
 *   the regime rather than on settled law.
 * - `causation`: for a deflected body, what the undeflected one would have done.
 */
export const findingSchema = z.strictObject({
  damageId: z.string(),
  applies: z.boolean(),
  basis: z.enum(findingBases),
  liable: z.array(z.string()),
  jointAndSeveral: z.boolean(),
  exoneratedShare: z.number().min(0).max(1),
  claimants: z.array(z.string()),
  claimDeadline: z.string().nullable(),
  commissionFrom: z.string().nullable(),
  commissionBinding: z.boolean(),
  apportionment: z.array(apportionmentSchema),
  articles: z.array(z.string()),
  reasoning: z.string(),
  unsettled: z.array(z.string()),
  /** For damage by a deflected body whose counterfactual is known; absent otherwise (and in findings recorded before it existed). */
  causation: causationSchema.optional(),
});
export type Finding = z.infer<typeof findingSchema>;

/** What stands in for the findings when the game's facts did not make a valid case: the case's errors, for the debrief. */
export const findingErrorSchema = z.strictObject({ damageId: z.string(), error: z.string() });
export type FindingError = z.infer<typeof findingErrorSchema>;

/** A finding as an event records it: a finding, or the error that kept the law module from judging. */
export const recordedFindingSchema = z.union([findingSchema, findingErrorSchema]);
export type RecordedFinding = z.infer<typeof recordedFindingSchema>;

/** Whether a recorded finding is a finding (not the error that stood in for one). */
export function isFinding(f: RecordedFinding): f is Finding {
  return !('error' in f);
}
