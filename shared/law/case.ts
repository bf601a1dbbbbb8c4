// The facts of a liability case: who launched what, what it damaged, and what has happened
// since (claims, settlements). The law module judges these facts under a chosen regime;
// the facts themselves take no side on the unsettled questions (is a deflected asteroid a
// space object?), they only state what happened.
import { z } from 'zod';
import { isCalendarDate } from '../calendar.js';
import { formatIssues, isoDate, slug } from '../validation.js';

/** Ids the findings use for payers that are not states; a case may not give them to anything else. */
export const COMMON_FUND = 'common-fund';
export const COMMUNITY = 'community';
const reservedIds: readonly string[] = [COMMON_FUND, COMMUNITY];

/** An enum whose error lists the allowed values in plain words (`expected one of a, b, c`). */
function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, {
    error: (issue) => (issue.input === undefined ? `required: one of ${values.join(', ')}` : `expected one of ${values.join(', ')}`),
  });
}

const name = z.string().min(1, 'must not be empty');
const ids = z.array(slug);

export const missionKinds = ['reconnaissance', 'kinetic-impactor', 'gravity-tractor', 'nuclear-standoff', 'other-space-object'] as const;
export type MissionKind = (typeof missionKinds)[number];
/** Mission kinds that push the asteroid; only their damage can be caused by a deflected body. */
export const deflectingKinds: readonly MissionKind[] = ['kinetic-impactor', 'gravity-tractor', 'nuclear-standoff'];

export const unMandates = ['none', 'endorsed', 'mandated'] as const;
export const dueDiligenceFindings = ['exercised', 'failed', 'disputed'] as const;
export const faultFindings = ['established', 'not-established', 'disputed'] as const;
export const damagePlaces = ['surface', 'aircraft-in-flight', 'outer-space'] as const;
export const damageCauses = ['spacecraft', 'spacecraft-debris', 'deflected-asteroid', 'fragment-of-deflected-asteroid'] as const;
export const claimantFaults = ['none', 'gross-negligence', 'intent'] as const;
export const uncertainFacts = ['launchedBy', 'procuredBy', 'territoryOrFacilityOf'] as const;

export const stateSchema = z.strictObject({
  id: slug,
  name,
  iso3: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 3166-1 alpha-3 code such as USA (XAA–XZZ for fictional states)'),
  /** Treaty status; when omitted the state is taken to be a party and each finding that relies on it says so. */
  partyToOst: z.boolean().optional(),
  partyToLiabilityConvention: z.boolean().optional(),
  /** Partial Test Ban Treaty 1963: no nuclear explosion in outer space (art. I(1)(a)). */
  partyToPtbt: z.boolean().optional(),
  /** Member of the planetary-defence security community (regime `security-community`); default true. */
  communityMember: z.boolean().optional(),
  /** Party to the planetary-defence liability protocol (regime `pd-protocol`); default true. A treaty binds only its parties. */
  partyToProtocol: z.boolean().optional(),
  /** Relative capacity to contribute (e.g. its UN scale-of-assessment percentage), for burden sharing; 0 bears nothing. */
  capacity: z.number().min(0).optional(),
});
export type CaseState = z.infer<typeof stateSchema>;

export const companySchema = z.strictObject({
  id: slug,
  name,
  kind: z.literal('company'),
  /** The state whose national the company is: the "appropriate State" of OST art. VI. */
  stateOfNationality: slug,
  /** Whether that state authorised the company's activity in outer space (OST art. VI). */
  authorisedUnderOstVi: z.boolean(),
});

export const intergovernmentalSchema = z.strictObject({
  id: slug,
  name,
  kind: z.literal('intergovernmental'),
  members: ids.min(1, 'an intergovernmental organisation needs at least one member state'),
  /** Whether it declared acceptance of the Liability Convention's rights and obligations (art. XXII(1)). */
  acceptsLiabilityConvention: z.boolean(),
});

export const organisationSchema = z.discriminatedUnion('kind', [companySchema, intergovernmentalSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'expected one of company, intergovernmental' : undefined),
});
export type Organisation = z.infer<typeof organisationSchema>;
export type Company = z.infer<typeof companySchema>;
export type IntergovernmentalOrganisation = z.infer<typeof intergovernmentalSchema>;

export const apportionmentAgreementSchema = z.strictObject({
  /** Participants in a joint launch who agreed how to share what they owe (Liability Convention art. V(2)). */
  parties: ids.min(2, 'an apportionment agreement needs at least two parties'),
  /** Fractions in the order of `parties`, summing to 1. */
  shares: z.array(z.number().min(0).max(1)),
});

export const missionSchema = z.strictObject({
  id: slug,
  name: name.optional(),
  /** `other-space-object`: any space object that is not a planetary-defence mission (a satellite), for collisions. */
  kind: oneOf(missionKinds),
  /** States (or intergovernmental organisations) that launched it (Liability Convention art. I(c)(i)). */
  launchedBy: ids.default([]),
  /** States (or intergovernmental organisations) that procured the launch (art. I(c)(i)). */
  procuredBy: ids.default([]),
  /** States (or organisations) from whose territory or facility it was launched (art. I(c)(ii)). */
  territoryOrFacilityOf: ids.default([]),
  /**
   * What each state or organisation paid into the mission (M USD), the procurers' own money
   * included. Paying is not by itself procuring the launch (art. I(c)(i)): a contributor named
   * nowhere else is not a launching state, and the findings say that this is contested. The
   * shares also set the default art. V(2) apportionment among the launching states.
   */
  contributions: z.array(z.strictObject({ id: slug, amountMUsd: z.number().min(0) })).default([]),
  /** Who flies it: a state, a company or an intergovernmental organisation. */
  operator: slug,
  /** Facts above that the parties contest; the findings keep such states but say so. */
  uncertain: z.array(oneOf(uncertainFacts)).default([]),
  /** `endorsed`: welcomed by the General Assembly or COPUOS, not binding; `mandated`: decided by the Security Council. */
  unMandate: oneOf(unMandates),
  /** Carries a nuclear explosive device. */
  nuclear: z.boolean(),
  /** Whether the deflecting states exercised due diligence in planning and flying the deflection. */
  dueDiligence: oneOf(dueDiligenceFindings).default('disputed'),
  /** States with which prior international consultation (OST art. IX) was held before the mission. */
  priorConsultation: ids.default([]),
  apportionmentAgreements: z.array(apportionmentAgreementSchema).default([]),
  /**
   * For a deflection: the harm the asteroid did with it, and what the undeflected body would
   * have done (the counterfactual), over all victims. Whether the deflection reduced harm
   * overall is what the necessity defence (ARSIWA art. 25) turns on.
   */
  counterfactual: z
    .strictObject({
      withDeflection: z.strictObject({ damageMUsd: z.number().min(0), casualties: z.number().min(0) }),
      withoutDeflection: z.strictObject({ damageMUsd: z.number().min(0), casualties: z.number().min(0) }),
    })
    .optional(),
});
export type Mission = z.infer<typeof missionSchema>;

export const damageSchema = z.strictObject({
  id: slug,
  /** Day the damage occurred. */
  date: isoDate,
  where: oneOf(damagePlaces),
  cause: oneOf(damageCauses),
  /** The mission whose object (or whose deflected asteroid) caused the damage. */
  missionId: slug,
  /** The state that suffered the damage, or whose nationals or residents suffered it. */
  victimState: slug,
  /** Nationality of the persons who suffered the damage; empty when the damage is to the victim state's own property. */
  victimsNationals: ids,
  /** Foreign nationals taking part in the operation or invited near the launch or recovery area (art. VII(b)). */
  victimsParticipating: z.boolean(),
  /** Where the damage was sustained when that is not the victim state (art. VIII(2)); surface damage defaults to the victim state. */
  occurredInTerritoryOf: slug.optional(),
  /** States where the victims permanently reside (art. VIII(3)). */
  victimsPermanentResidence: ids.default([]),
  amountMUsd: z.number().min(0),
  /** What the undeflected asteroid would have done to this victim (M USD), when the damage came from a deflected body. */
  undeflectedAmountMUsd: z.number().min(0).optional(),
  /** Gross negligence or intent of the claimant state or of the persons it represents (art. VI(1)). */
  claimantFault: oneOf(claimantFaults),
  /** The part of the damage (0–1) that resulted from the claimant's fault; required when there is fault. */
  claimantFaultShare: z.number().min(0).max(1).optional(),
  /** Fault of the launching states or of persons for whom they are responsible (arts. III, IV(1)(b)). */
  launchingStateFault: oneOf(faultFindings).default('disputed'),
  /** The mission's object collided with another space object, and the collision caused this damage (art. IV). */
  collision: z
    .strictObject({
      withMissionId: slug,
      /** This mission's share (0–1) of the fault in the collision; omitted when it cannot be established (art. IV(2)). */
      degreeOfFault: z.number().min(0).max(1).optional(),
    })
    .optional(),
  /** When the claimant identified the liable launching state, if later than the damage (art. X(1)–(2)). */
  dateLiableStateIdentified: isoDate.optional(),
  /** When the claimant notified the respondent that it had submitted its claim's documentation (arts. IX, XIV). */
  claimPresentedOn: isoDate.optional(),
  settledOn: isoDate.optional(),
  /** Whether the parties agreed that a Claims Commission's decision binds them (art. XIX(2)). */
  bindingAgreement: z.boolean(),
});
export type Damage = z.infer<typeof damageSchema>;

/** Case file format, version 1: the facts of one or more damages caused by planetary-defence missions. */
export const caseSchemaV1 = z
  .strictObject({
    version: z.literal(1),
    /** The scenario date at which the facts are stated; nothing in the case may happen after it. */
    date: isoDate,
    title: name.optional(),
    summary: name.optional(),
    states: z.array(stateSchema).min(1, 'a case needs at least one state'),
    organisations: z.array(organisationSchema).default([]),
    missions: z.array(missionSchema).min(1, 'a case needs at least one mission'),
    damages: z.array(damageSchema).min(1, 'a case needs at least one damage'),
    /** Whether the protocol's parties created its common fund (regime `pd-protocol`); default true, the protocol as designed. */
    commonFundCreated: z.boolean().default(true),
  })
  .superRefine((c, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const states = new Map(c.states.map((s) => [s.id, s]));
    const orgs = new Map(c.organisations.map((o) => [o.id, o]));
    const missions = new Map(c.missions.map((m) => [m.id, m]));
    const isState = (id: string) => states.has(id);
    const isIgo = (id: string) => orgs.get(id)?.kind === 'intergovernmental';

    const seen = new Set<string>();
    const checkId = (id: string, path: (string | number)[], what: string) => {
      if (reservedIds.includes(id)) issue(path, `'${id}' is reserved for findings; choose another id`);
      else if (seen.has(id)) issue(path, `duplicate ${what} id '${id}'`);
      seen.add(id);
    };
    c.states.forEach((s, i) => checkId(s.id, ['states', i, 'id'], 'state or organisation'));
    c.organisations.forEach((o, i) => checkId(o.id, ['organisations', i, 'id'], 'state or organisation'));
    seen.clear();
    c.missions.forEach((m, i) => checkId(m.id, ['missions', i, 'id'], 'mission'));
    seen.clear();
    c.damages.forEach((d, i) => checkId(d.id, ['damages', i, 'id'], 'damage'));

    const mustBeStates = (list: readonly string[], path: (string | number)[]) =>
      list.forEach((id, j) => {
        if (!isState(id)) issue([...path, j], `'${id}' is not a state of this case`);
      });
    const mustBeStateOrIgo = (list: readonly string[], path: (string | number)[]) =>
      list.forEach((id, j) => {
        if (!isState(id) && !isIgo(id)) issue([...path, j], `'${id}' is not a state or intergovernmental organisation of this case`);
      });

    c.organisations.forEach((o, i) => {
      if (o.kind === 'intergovernmental') mustBeStates(o.members, ['organisations', i, 'members']);
      else if (!isState(o.stateOfNationality)) issue(['organisations', i, 'stateOfNationality'], `'${o.stateOfNationality}' is not a state of this case`);
    });

    const members = c.states.filter((s) => s.communityMember !== false);
    const withCapacity = members.filter((s) => s.capacity !== undefined);
    if (withCapacity.length > 0 && withCapacity.length < members.length) {
      const index = c.states.findIndex((s) => s.communityMember !== false && s.capacity === undefined);
      issue(['states', index, 'capacity'], 'give a capacity to every community member or to none');
    }

    c.missions.forEach((m, i) => {
      const at = (field: string) => ['missions', i, field];
      mustBeStateOrIgo(m.launchedBy, at('launchedBy'));
      mustBeStateOrIgo(m.procuredBy, at('procuredBy'));
      mustBeStateOrIgo(m.territoryOrFacilityOf, at('territoryOrFacilityOf'));
      mustBeStates(m.priorConsultation, at('priorConsultation'));
      mustBeStateOrIgo(
        m.contributions.map((x) => x.id),
        at('contributions'),
      );
      if (new Set(m.contributions.map((x) => x.id)).size !== m.contributions.length) issue(at('contributions'), 'a contributor is listed twice: give each one total');
      if (!isState(m.operator) && !orgs.has(m.operator)) issue(at('operator'), `'${m.operator}' is not a state or organisation of this case`);
      if (m.kind === 'nuclear-standoff' && !m.nuclear) issue(at('nuclear'), 'a nuclear stand-off mission carries a nuclear device: set nuclear: true');
      const participants = new Set([...m.launchedBy, ...m.procuredBy, ...m.territoryOrFacilityOf]);
      m.apportionmentAgreements.forEach((a, k) => {
        const path = ['missions', i, 'apportionmentAgreements', k];
        a.parties.forEach((p, j) => {
          if (!participants.has(p)) issue([...path, 'parties', j], `'${p}' did not launch, procure or provide the territory or facility of ${m.id} (art. V(2) binds participants only)`);
        });
        if (new Set(a.parties).size !== a.parties.length) issue([...path, 'parties'], 'a party is listed twice');
        if (a.shares.length !== a.parties.length) issue([...path, 'shares'], `expected ${a.parties.length} shares, one per party`);
        else if (Math.abs(a.shares.reduce((s, x) => s + x, 0) - 1) > 1e-9) issue([...path, 'shares'], 'shares must add up to 1');
      });
    });

    c.damages.forEach((d, i) => {
      const at = (field: string) => ['damages', i, field];
      const mission = missions.get(d.missionId);
      if (!mission) issue(at('missionId'), `'${d.missionId}' is not a mission of this case`);
      if (!isState(d.victimState)) issue(at('victimState'), `'${d.victimState}' is not a state of this case`);
      mustBeStates(d.victimsNationals, at('victimsNationals'));
      mustBeStates(d.victimsPermanentResidence, at('victimsPermanentResidence'));
      if (d.occurredInTerritoryOf !== undefined && !isState(d.occurredInTerritoryOf)) issue(at('occurredInTerritoryOf'), `'${d.occurredInTerritoryOf}' is not a state of this case`);
      if (d.occurredInTerritoryOf !== undefined && d.where === 'outer-space') issue(at('occurredInTerritoryOf'), 'outer space is not subject to national appropriation (OST art. II): no territory there');
      if (mission && (d.cause === 'deflected-asteroid' || d.cause === 'fragment-of-deflected-asteroid') && !deflectingKinds.includes(mission.kind)) {
        issue(at('cause'), `mission ${mission.id} is a ${mission.kind} mission: it deflects no asteroid`);
      }
      if (d.undeflectedAmountMUsd !== undefined && d.cause !== 'deflected-asteroid' && d.cause !== 'fragment-of-deflected-asteroid') {
        issue(at('undeflectedAmountMUsd'), 'only for damage by a deflected asteroid or its fragment: the counterfactual is the undeflected body');
      }
      if (d.claimantFault !== 'none' && d.claimantFaultShare === undefined) issue(at('claimantFaultShare'), 'required when claimantFault is not none: the part of the damage (0–1) the claimant caused (art. VI(1) "to the extent")');
      if (d.claimantFault === 'none' && d.claimantFaultShare !== undefined) issue(at('claimantFaultShare'), 'only allowed when claimantFault is gross-negligence or intent');
      if (d.collision) {
        if (!missions.has(d.collision.withMissionId)) issue(['damages', i, 'collision', 'withMissionId'], `'${d.collision.withMissionId}' is not a mission of this case`);
        else if (d.collision.withMissionId === d.missionId) issue(['damages', i, 'collision', 'withMissionId'], 'a space object cannot collide with itself');
      }
      // Dates that failed their own check are reported once, not compared as well.
      if (![c.date, d.date, d.dateLiableStateIdentified, d.claimPresentedOn, d.settledOn].every((x) => x === undefined || isCalendarDate(x))) return;
      if (d.date > c.date) issue(at('date'), `is after the date of the case (${c.date})`);
      const after = (field: 'dateLiableStateIdentified' | 'claimPresentedOn' | 'settledOn', earliest: string, what: string) => {
        const v = d[field];
        if (v === undefined) return;
        if (v < earliest) issue(at(field), `must not come before ${what} (${earliest})`);
        else if (v > c.date) issue(at(field), `is after the date of the case (${c.date})`);
      };
      after('dateLiableStateIdentified', d.date, 'the damage');
      after('claimPresentedOn', d.date, 'the damage');
      if (d.settledOn !== undefined && d.claimPresentedOn === undefined) issue(at('settledOn'), 'a claim must be presented before it can be settled (claimPresentedOn)');
      else if (d.claimPresentedOn !== undefined) after('settledOn', d.claimPresentedOn, 'the claim');
    });
  });

export type Case = z.infer<typeof caseSchemaV1>;
export type CaseInput = z.input<typeof caseSchemaV1>;
export type CaseParseResult = { ok: true; facts: Case } | { ok: false; errors: string[] };

/** Validates an already-parsed case object (from YAML, JSON or a test). */
export function parseCaseObject(input: unknown, fileName: string): CaseParseResult {
  const result = caseSchemaV1.safeParse(input);
  if (result.success) return { ok: true, facts: result.data };
  return { ok: false, errors: formatIssues(result.error.issues, `${fileName}: `) };
}
