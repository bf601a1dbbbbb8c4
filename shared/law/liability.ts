// Judges the facts of a case under one legal regime. The same facts can be judged under
// every regime, so the debrief can show what a different treaty would have changed.
//
// Article labels in findings: 'LIAB' Liability Convention 1972, 'OST' Outer Space Treaty
// 1967, 'PTBT' Partial Test Ban Treaty 1963, 'ARSIWA' ILC Articles on Responsibility of
// States for Internationally Wrongful Acts 2001, 'ILC Prevention' ILC Articles on
// Prevention of Transboundary Harm from Hazardous Activities 2001,
// 'PDP' the planetary-defence liability protocol and 'SC' the security community (both
// proposals, not law in force). '(analogy)' marks a Convention rule a proposal borrows.
import { addMonths, addYears, laterOf } from '../calendar.js';
import { COMMON_FUND, COMMUNITY, type Case, type CaseState, type Damage, type Mission } from './case.js';
import { launchingStates, type LaunchingStateEntry } from './launching.js';

export { COMMON_FUND, COMMUNITY };

export { regimeIds, type RegimeId } from './regimes.js';
import type { RegimeId } from './regimes.js';

/** What each regime decides, in a sentence a facilitator can read out. */
export const regimeSummaries: Record<RegimeId, string> = {
  'liability-convention':
    'The Liability Convention as written; a deflected asteroid is not a space object (SMPAG-RP-004), so its damage falls under general state responsibility: due diligence, prior consultation (OST art. IX), necessity.',
  'liability-convention-strict':
    'The Liability Convention, reading the deflected asteroid and its fragments as a space object of the deflecting mission\'s launching states (Mitchell 2021): absolute liability on the surface.',
  'pd-protocol':
    'A planetary-defence liability protocol (proposed): UN-mandated missions are shielded and their victims paid from a common fund; other missions stay liable, for the deflected body on proof of fault.',
  'security-community':
    'A planetary-defence security community (proposed; Deutsch 1957, Ruggie 1992): damage to one member is borne by all by capacity; no bilateral claims.',
};

export type FindingBasis = 'absolute' | 'fault' | 'state-responsibility' | 'common-fund' | 'shared-burden' | 'none';

export interface Apportionment {
  state: string;
  share: number;
}

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
 */
export interface Finding {
  damageId: string;
  applies: boolean;
  basis: FindingBasis;
  liable: string[];
  jointAndSeveral: boolean;
  exoneratedShare: number;
  claimants: string[];
  claimDeadline: string | null;
  commissionFrom: string | null;
  commissionBinding: boolean;
  apportionment: Apportionment[];
  articles: string[];
  reasoning: string;
  unsettled: string[];
}

export interface Judgement {
  regime: RegimeId;
  findings: Finding[];
}

/** Judges every damage of a case under one regime, in the order the case lists them. */
export function judgeCase(facts: Case, regime: RegimeId): Judgement {
  return { regime, findings: facts.damages.map((damage) => judgeDamage(facts, damage, regime)) };
}

/** Judges one damage of a case under one regime. */
export function judgeDamage(facts: Case, damage: Damage, regime: RegimeId): Finding {
  const mission = facts.missions.find((m) => m.id === damage.missionId);
  if (!mission) throw new RangeError(`damage ${damage.id} names mission '${damage.missionId}', which the case does not have`);
  const c: Ctx = { facts, damage, mission, notes: [] };
  switch (regime) {
    case 'liability-convention':
      return causedByAsteroid(damage) ? deflectionFaultFinding(c, 'state-responsibility') : conventionFinding(c);
    case 'liability-convention-strict':
      return conventionFinding(c);
    case 'pd-protocol':
      return protocolFinding(c);
    case 'security-community':
      return communityFinding(c);
  }
}

/** The last day to present a claim: one year after the damage or after the liable state was identified (LIAB art. X(1)–(2)). */
export function claimDeadline(damage: Pick<Damage, 'date' | 'dateLiableStateIdentified'>): string {
  return addYears(laterOf(damage.date, damage.dateLiableStateIdentified ?? damage.date), 1);
}

export interface ClaimsCommissionTimetable {
  /** Each party appoints its member within two months of the request (LIAB art. XV(1)). */
  membersAppointedBy: string;
  /** The chair is chosen by agreement within four months of the request (art. XV(2)). */
  chairAgreedBy: string;
  /** Failing agreement, the UN Secretary-General appoints the chair within two further months (art. XV(2)). */
  chairAppointedBySecretaryGeneralBy: string;
  /** The decision is due within a year of the Commission's establishment, unless extended (art. XIX(3)). */
  decisionDueBy: string;
}

/**
 * The Claims Commission's timetable from the day either party requests it (LIAB arts. XV,
 * XIX(3)); `establishedOn` defaults to the latest day the chair can be appointed.
 */
export function claimsCommissionTimetable(requestedOn: string, establishedOn?: string): ClaimsCommissionTimetable {
  const chairAppointedBySecretaryGeneralBy = addMonths(requestedOn, 6);
  return {
    membersAppointedBy: addMonths(requestedOn, 2),
    chairAgreedBy: addMonths(requestedOn, 4),
    chairAppointedBySecretaryGeneralBy,
    decisionDueBy: addYears(establishedOn ?? chairAppointedBySecretaryGeneralBy, 1),
  };
}

// ---------------------------------------------------------------------------------------
// Shared helpers

interface Ctx {
  facts: Case;
  damage: Damage;
  mission: Mission;
  /** Unsettled points gathered while judging; each finding copies them. */
  notes: string[];
}

function causedByAsteroid(damage: Damage): boolean {
  return damage.cause === 'deflected-asteroid' || damage.cause === 'fragment-of-deflected-asteroid';
}

function emptyFinding(damageId: string): Finding {
  return {
    damageId,
    applies: false,
    basis: 'none',
    liable: [],
    jointAndSeveral: false,
    exoneratedShare: 0,
    claimants: [],
    claimDeadline: null,
    commissionFrom: null,
    commissionBinding: false,
    apportionment: [],
    articles: [],
    reasoning: '',
    unsettled: [],
  };
}

function finish(c: Ctx, f: Finding): Finding {
  return { ...f, articles: unique(f.articles), unsettled: unique([...f.unsettled, ...c.notes]) };
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

function stateOf(facts: Case, id: string): CaseState | undefined {
  return facts.states.find((s) => s.id === id);
}

function nameOf(facts: Case, id: string): string {
  if (id === COMMON_FUND) return 'the common fund';
  if (id === COMMUNITY) return 'the security community';
  return stateOf(facts, id)?.name ?? facts.organisations.find((o) => o.id === id)?.name ?? id;
}

function missionName(m: Mission): string {
  return m.name ?? m.id;
}

/** "A", "A and B", "A, B and C". */
function listNames(facts: Case, ids: readonly string[]): string {
  const names = ids.map((id) => nameOf(facts, id));
  if (names.length <= 1) return names[0] ?? 'no state';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

const verb = (xs: readonly unknown[], one: string, many: string) => (xs.length === 1 ? one : many);

function percent(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

function whatCaused(c: Ctx): string {
  const m = missionName(c.mission);
  switch (c.damage.cause) {
    case 'spacecraft':
      return `the spacecraft of ${m}`;
    case 'spacecraft-debris':
      return `debris of ${m}'s spacecraft`;
    case 'deflected-asteroid':
      return `the asteroid deflected by ${m}`;
    case 'fragment-of-deflected-asteroid':
      return `a fragment of the asteroid deflected by ${m}`;
  }
}

function wherePhrase(damage: Damage): string {
  if (damage.where === 'surface') return 'on the surface of the Earth';
  if (damage.where === 'aircraft-in-flight') return 'to an aircraft in flight';
  return 'in outer space';
}

/** Whether a state is a party to a treaty; an unstated status is taken as party and noted. */
function isParty(c: Ctx, id: string, treaty: 'partyToOst' | 'partyToLiabilityConvention' | 'partyToPtbt'): boolean {
  const state = stateOf(c.facts, id);
  if (!state) return false;
  const status = state[treaty];
  if (status === undefined) {
    const label = treaty === 'partyToOst' ? 'the Outer Space Treaty' : treaty === 'partyToPtbt' ? 'the Partial Test Ban Treaty' : 'the Liability Convention';
    c.notes.push(`The case does not state whether ${state.name} is a party to ${label}; it is taken to be one.`);
    return true;
  }
  return status;
}

/**
 * Whether a launching entity is bound by the Convention: a state party, or an organisation
 * that declared acceptance with a majority of members parties to the Convention and the OST.
 */
function boundByConvention(c: Ctx, entry: LaunchingStateEntry): boolean {
  if (entry.kind === 'state') return isParty(c, entry.id, 'partyToLiabilityConvention');
  const org = c.facts.organisations.find((o) => o.id === entry.id);
  if (!org || org.kind !== 'intergovernmental') return false;
  // Liability Convention art. XXII(1).
  const qualified = org.members.filter((m) => isParty(c, m, 'partyToLiabilityConvention') && isParty(c, m, 'partyToOst')).length;
  const bound = org.acceptsLiabilityConvention && qualified * 2 > org.members.length;
  if (!bound) {
    c.notes.push(
      `${org.name} is not bound by the Convention (art. XXII(1): it must declare acceptance and a majority of its members must be parties to the Convention and the OST); whether its member states answer in its place is unsettled.`,
    );
  }
  return bound;
}

/** Members of a liable organisation that are parties: jointly and severally liable after it (art. XXII(3)). */
function memberStatesLiableAfter(c: Ctx, orgId: string): string[] {
  const org = c.facts.organisations.find((o) => o.id === orgId);
  if (!org || org.kind !== 'intergovernmental') return [];
  return org.members.filter((m) => isParty(c, m, 'partyToLiabilityConvention'));
}

/** Claimant states in the order of LIAB art. VIII, without the excluded ones. */
function claimantOrder(damage: Damage, excluded: ReadonlySet<string>): string[] {
  const territory = damage.occurredInTerritoryOf ?? (damage.where === 'surface' ? damage.victimState : undefined);
  const order = [
    damage.victimState, // art. VIII(1): the state that suffers damage
    ...damage.victimsNationals, // art. VIII(1): the state whose natural or juridical persons suffer damage
    ...(territory ? [territory] : []), // art. VIII(2): the state in whose territory the damage was sustained
    ...damage.victimsPermanentResidence, // art. VIII(3): the state of permanent residence
  ];
  return unique(order).filter((id) => !excluded.has(id));
}

/**
 * Shares among the liable participants of one launch: per their agreement when one covers
 * exactly them (LIAB art. V(2)), else equal.
 */
function sharesWithin(c: Ctx, mission: Mission, liable: readonly string[]): Apportionment[] {
  if (liable.length === 0) return [];
  const set = new Set(liable);
  const agreement = mission.apportionmentAgreements.find((a) => a.parties.length === set.size && a.parties.every((p) => set.has(p)));
  if (agreement) return liable.map((state) => ({ state, share: agreement.shares[agreement.parties.indexOf(state)]! }));
  if (mission.apportionmentAgreements.length > 0) {
    c.notes.push(`No apportionment agreement for ${missionName(mission)} covers exactly ${listNames(c.facts, liable)}; the burden is split equally among them.`);
  }
  return tidy(liable.map((state) => ({ state, share: 1 / liable.length })));
}

/** Shares rounded to 12 decimals, so that 0.8 × 0.25 reads 0.2 and not 0.19999999999999996. */
function tidy(parts: Apportionment[]): Apportionment[] {
  return parts.map((p) => ({ state: p.state, share: Math.round(p.share * 1e12) / 1e12 }));
}

function mergeShares(parts: Apportionment[]): Apportionment[] {
  const total = new Map<string, number>();
  for (const p of parts) total.set(p.state, (total.get(p.state) ?? 0) + p.share);
  return tidy([...total].map(([state, share]) => ({ state, share })));
}

/**
 * Whether the mission's activity was not in conformity with international law in the way
 * that bars exoneration (LIAB art. VI(2)): a nuclear explosion in outer space without a
 * Security Council decision, contrary to PTBT art. I(1)(a) for launching states bound by it.
 */
function unlawfulNuclear(c: Ctx, mission: Mission): boolean {
  if (!mission.nuclear) return false;
  if (mission.unMandate === 'mandated') {
    c.notes.push(
      `${missionName(mission)} used a nuclear device under a Security Council decision, taken here to make it lawful (UN Charter arts. 25, 103); whether such a decision can set aside the PTBT and OST art. IV for this purpose is debated.`,
    );
    return false;
  }
  const bound = launchingStates(mission, c.facts).filter((e) => e.launchingState && e.kind === 'state' && isParty(c, e.id, 'partyToPtbt'));
  if (bound.length === 0) {
    c.notes.push(
      `No launching state of ${missionName(mission)} is bound by the PTBT, and whether OST art. IV forbids a nuclear device sent straight at an asteroid is debated, so exoneration is not barred under art. VI(2).`,
    );
    return false;
  }
  c.notes.push(`Whether OST art. IV also forbids a nuclear device sent straight at an asteroid (not placed in orbit or stationed in space) is debated; the PTBT suffices here.`);
  return true;
}

/** The part of the damage the claimant's gross negligence or intent caused (0 when none). */
function claimantShare(damage: Damage): number {
  return damage.claimantFault === 'none' ? 0 : (damage.claimantFaultShare ?? 0);
}

/** Claim deadline, Claims Commission and binding force under the Convention's procedure (LIAB arts. VIII–XX). */
function conventionProcedure(c: Ctx, f: Finding, withCommission: boolean, analogy: boolean): Finding {
  const { damage, facts } = c;
  const tag = (a: string) => (analogy ? `${a} (analogy)` : a);
  const deadline = claimDeadline(damage);
  const articles = [...f.articles, tag('LIAB VIII'), tag('LIAB X(1)')];
  if (damage.dateLiableStateIdentified && damage.dateLiableStateIdentified > damage.date) {
    // Liability Convention art. X(2): the later identification counts only if it could not reasonably have come sooner.
    articles.push(tag('LIAB X(2)'));
    c.notes.push(
      `The claim period runs from the identification of the liable state (${damage.dateLiableStateIdentified}) only if it could not reasonably have been identified sooner with due diligence (art. X(2)).`,
    );
  }
  let timeBarred = false;
  if (damage.claimPresentedOn && damage.claimPresentedOn > deadline) {
    timeBarred = true;
    c.notes.push(`The claim was presented on ${damage.claimPresentedOn}, after the one-year limit of art. X (${deadline}); it is out of time unless the respondent waives the limit.`);
  } else if (!damage.claimPresentedOn && facts.date > deadline) {
    timeBarred = true;
    c.notes.push(`No claim had been presented by ${deadline}, the one-year limit of art. X; on ${facts.date} it is out of time unless the respondent waives the limit.`);
  }
  let commissionFrom: string | null = null;
  if (withCommission && damage.claimPresentedOn && !timeBarred && !damage.settledOn) {
    // Liability Convention art. XIV: no settlement within one year of the claim → either party may request a Claims Commission.
    commissionFrom = addYears(damage.claimPresentedOn, 1);
    articles.push(tag('LIAB XIV'));
  }
  if (withCommission) articles.push(tag('LIAB XIX(2)'));
  return {
    ...f,
    claimDeadline: deadline,
    commissionFrom,
    // Liability Convention art. XIX(2): binding only if the parties have so agreed, otherwise recommendatory.
    commissionBinding: withCommission && damage.bindingAgreement,
    articles,
  };
}

// ---------------------------------------------------------------------------------------
// The Liability Convention (and OST art. VII where the Convention does not bind)

function conventionFinding(c: Ctx, prefix = ''): Finding {
  const { facts, damage, mission } = c;
  const f = emptyFinding(damage.id);
  const articles: string[] = [];
  const say = (text: string) => prefix + text;

  if (causedByAsteroid(damage)) {
    // Liability Convention art. I(d), read as the regime 'liability-convention-strict' reads it.
    articles.push('LIAB I(d)');
    c.notes.push(
      'The deflected asteroid (and any fragment) is treated as a space object of the deflecting mission\'s launching states, as Mitchell (2021) argues; the SMPAG legal working group (SMPAG-RP-004) leans to the view that a pushed natural body does not become one, in which case the Convention would not apply.',
    );
  }
  if (damage.cause === 'spacecraft-debris') articles.push('LIAB I(d)');

  const own = launchingStates(mission, facts).filter((e) => e.launchingState);
  noteLaunchingFacts(c, mission);
  const otherMission = damage.collision ? facts.missions.find((m) => m.id === damage.collision!.withMissionId) : undefined;
  const other = otherMission ? launchingStates(otherMission, facts).filter((e) => e.launchingState) : [];
  if (otherMission) noteLaunchingFacts(c, otherMission);
  const involved = new Set([...own, ...other].map((e) => e.id));
  // Liability Convention art. IV(1): a collision of two states' objects that damages a third state.
  const thirdState = otherMission !== undefined && !involved.has(damage.victimState);
  const launching = thirdState ? uniqueEntries([...own, ...other]) : own;
  const launchingIds = new Set(launching.map((e) => e.id));

  if (launching.length === 0) {
    c.notes.push('A launch that no state launched, procured or hosted (for instance a private launch from the high seas) leaves a gap in the Convention; the operator\'s state still bears responsibility under OST art. VI.');
    return finish(c, {
      ...f,
      articles: [...articles, 'LIAB I(c)'],
      reasoning: say(`No state launched, procured the launch of, or provided the territory or facility for ${missionName(mission)}, so there is no launching state under art. I(c) and the Convention names no one liable.`),
    });
  }

  // Liability Convention art. I(c): the launching states found above.
  articles.push('LIAB I(c)');

  // Liability Convention art. VII(b): foreign nationals taking part in the operation, or invited near the launch or recovery area.
  if (damage.victimsParticipating) {
    return finish(c, {
      ...f,
      articles: [...articles, 'LIAB VII(b)'],
      reasoning: say(`The victims were taking part in the operation of ${missionName(mission)} (or were invited near its launch or recovery area), so the Convention does not apply to their damage (art. VII(b)); their remedies lie in contract and domestic law.`),
    });
  }

  // Liability Convention art. VII(a): nationals of the launching state.
  const coveredNationals = damage.victimsNationals.filter((n) => !launchingIds.has(n));
  const excludedNationals = damage.victimsNationals.filter((n) => launchingIds.has(n));
  if (damage.victimsNationals.length > 0 && coveredNationals.length === 0) {
    return finish(c, {
      ...f,
      articles: [...articles, 'LIAB VII(a)'],
      reasoning: say(`The victims are nationals of ${listNames(facts, excludedNationals)}, a launching state of ${missionName(mission)}, so the Convention does not apply to their damage (art. VII(a)); it is a matter for that state's domestic law.`),
    });
  }
  if (excludedNationals.length > 0) {
    articles.push('LIAB VII(a)');
    c.notes.push(`Damage to the victims who are nationals of ${listNames(facts, excludedNationals)} (a launching state) is excluded by art. VII(a); split the damage by nationality to quantify what remains claimable.`);
  }
  if (damage.victimsNationals.length === 0 && launchingIds.has(damage.victimState)) {
    if (launching.length > 1) {
      c.notes.push(
        `Whether a co-launching state may claim under the Convention against its partners for damage to its own property is unsettled; art. V(2) leaves their relations to their agreements.`,
      );
    }
    return finish(c, {
      ...f,
      articles: [...articles, 'LIAB VIII'],
      reasoning: say(`${nameOf(facts, damage.victimState)} is itself a launching state of ${missionName(mission)}, and the Convention gives a launching state no claim for damage to its own property caused by its own space object.`),
    });
  }

  const candidates = claimantOrder(damage, launchingIds);
  const boundLaunching = launching.filter((e) => boundByConvention(c, e));
  const boundClaimants = candidates.filter((id) => isParty(c, id, 'partyToLiabilityConvention'));
  if (boundLaunching.length === 0 || boundClaimants.length === 0) {
    return finish(c, outerSpaceTreatyFinding(c, f, launching, candidates, articles, prefix));
  }
  // Organisations that are not bound have their own note (art. XXII(1)).
  const unbound = launching.filter((e) => !boundLaunching.includes(e) && e.kind === 'state');
  if (unbound.length > 0) {
    c.notes.push(`${listNames(facts, unbound.map((e) => e.id))} ${verb(unbound, 'is', 'are')} not bound by the Convention; OST art. VII still makes a launching state party to the OST internationally liable, on a standard the OST does not state.`);
  }
  const unboundClaimants = candidates.filter((id) => !boundClaimants.includes(id));
  if (unboundClaimants.length > 0) c.notes.push(`${listNames(facts, unboundClaimants)} cannot claim under the Convention, to which ${verb(unboundClaimants, 'it is', 'they are')} not a party.`);

  const onSurface = damage.where !== 'outer-space';
  const basis = onSurface ? 'absolute' : 'fault';
  // Liability Convention arts. II (surface, aircraft in flight), III (elsewhere), IV(1)(a)/(b) (collision, third state).
  articles.push(thirdState ? (onSurface ? 'LIAB IV(1)(a)' : 'LIAB IV(1)(b)') : onSurface ? 'LIAB II' : 'LIAB III');

  const primary = boundLaunching.map((e) => e.id);
  const after = unique(boundLaunching.filter((e) => e.kind === 'intergovernmental').flatMap((e) => memberStatesLiableAfter(c, e.id))).filter((id) => !primary.includes(id));
  if (after.length > 0) {
    articles.push('LIAB XXII(3)');
    c.notes.push(`${listNames(facts, after)} ${verb(after, 'answers as a member', 'answer as members')} of a liable organisation only if it has not paid within six months of the sum being agreed or determined (art. XXII(3)).`);
  }
  const faultExcluded = !onSurface && damage.launchingStateFault === 'not-established';
  const liable = faultExcluded ? [] : unique([...primary, ...after]);
  if (!onSurface && damage.launchingStateFault === 'disputed') {
    c.notes.push(`Fault is disputed: ${listNames(facts, primary)} ${verb(primary, 'is', 'are')} liable only if ${nameOf(facts, boundClaimants[0]!)} proves fault (art. ${thirdState ? 'IV(1)(b)' : 'III'}); the Convention does not define fault.`);
  }

  // Liability Convention art. V(1): joint launch → joint and several; art. IV(1): both colliding states towards the third.
  const jointLaunch = own.length > 1;
  if (jointLaunch) articles.push('LIAB V(1)');
  if (own.some((e) => e.bases.some((b) => b.basis === 'territory-or-facility')) && jointLaunch) articles.push('LIAB V(3)');
  const jointAndSeveral = liable.length > 1;

  // Liability Convention art. VI: exoneration from absolute liability, barred by unlawful activity.
  let exoneratedShare = 0;
  const share = claimantShare(damage);
  if (share > 0) {
    if (basis === 'absolute') {
      const unlawful = unlawfulNuclear(c, mission) || (otherMission !== undefined && thirdState && unlawfulNuclear(c, otherMission));
      if (unlawful) articles.push('LIAB VI(2)', 'PTBT I(1)(a)');
      else {
        exoneratedShare = share;
        articles.push('LIAB VI(1)');
      }
    } else {
      exoneratedShare = share;
      articles.push('ARSIWA 39');
      c.notes.push('Art. VI exonerates only from absolute liability; under fault liability the claimant\'s own gross negligence or intent reduces compensation as contribution to the injury (ARSIWA art. 39, by analogy).');
    }
  }

  // Liability Convention arts. IV(2) and V(2): the burden among the liable states; never binding on the victim.
  let apportionment: Apportionment[] = [];
  if (liable.length > 0) {
    if (thirdState && otherMission) {
      articles.push('LIAB IV(2)');
      const ownBound = primary.filter((id) => own.some((e) => e.id === id));
      const otherBound = primary.filter((id) => other.some((e) => e.id === id));
      const degree = damage.collision!.degreeOfFault;
      const ownFraction = ownBound.length === 0 ? 0 : otherBound.length === 0 ? 1 : (degree ?? 0.5);
      if (degree === undefined) c.notes.push('The degree of fault of each colliding state could not be established, so the burden is split equally between them (art. IV(2)).');
      apportionment = mergeShares([
        ...sharesWithin(c, mission, ownBound).map((a) => ({ state: a.state, share: a.share * ownFraction })),
        ...sharesWithin(c, otherMission, otherBound).map((a) => ({ state: a.state, share: a.share * (1 - ownFraction) })),
      ]).filter((a) => a.share > 0);
    } else {
      if (primary.length > 1) articles.push('LIAB V(2)');
      apportionment = sharesWithin(c, mission, primary);
    }
  }

  const liableNames = listNames(facts, primary);
  const faultArticle = `art. ${thirdState ? 'IV(1)(b)' : 'III'}`;
  const joint = thirdState ? ', jointly and severally as launching states of the two colliding objects (art. IV(1))' : jointAndSeveral ? ', jointly and severally (art. V(1))' : '';
  const caused = `the damage ${wherePhrase(damage)} caused by ${whatCaused(c)}`;
  const first = faultExcluded
    ? `Damage ${wherePhrase(damage)} by ${whatCaused(c)} engages liability only for fault (${faultArticle}), and the facts establish none, so ${liableNames} ${verb(primary, 'is', 'are')} not liable.`
    : basis === 'absolute'
      ? `${liableNames} ${verb(primary, 'is', 'are')} absolutely liable for ${caused}${joint}.`
      : damage.launchingStateFault === 'established'
        ? `${liableNames} ${verb(primary, 'is', 'are')} liable for ${caused}, ${verb(primary, 'its', 'their')} fault being established (${faultArticle})${joint}.`
        : `${liableNames} ${verb(primary, 'is', 'are')} liable for ${caused} only if fault is proven (${faultArticle})${joint}.`;
  const exoneration =
    share > 0 && basis === 'absolute'
      ? exoneratedShare > 0
        ? ` ${verb(primary, 'It is', 'They are')} exonerated to the extent of ${percent(exoneratedShare)} of the damage, which resulted from the claimant's ${damage.claimantFault.replace('-', ' ')} (art. VI(1)).`
        : ` No exoneration despite the claimant's ${damage.claimantFault.replace('-', ' ')}: the activity was not in conformity with international law (art. VI(2)).`
      : '';
  const withProcedure = conventionProcedure(c, { ...f, applies: true, basis, liable, jointAndSeveral, exoneratedShare, apportionment, articles, claimants: boundClaimants }, true, false);
  const claimSentence = faultExcluded || exoneration !== '' ? '' : ` ${nameOf(facts, boundClaimants[0]!)} may present the claim through diplomatic channels until ${withProcedure.claimDeadline} (arts. IX, X).`;
  return finish(c, { ...withProcedure, reasoning: say(first + (exoneration || claimSentence)) });
}

function uniqueEntries(entries: LaunchingStateEntry[]): LaunchingStateEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

/** Notes on the launching facts of a mission: contested bases, a company operator's state. */
function noteLaunchingFacts(c: Ctx, mission: Mission): void {
  const entries = launchingStates(mission, c.facts);
  const contested = entries.filter((e) => e.launchingState && e.uncertain);
  if (contested.length > 0) {
    c.notes.push(`${listNames(c.facts, contested.map((e) => e.id))}'s status as launching state of ${missionName(mission)} rests on contested facts (${mission.uncertain.join(', ')}); the finding keeps ${verb(contested, 'it', 'them')} liable until the facts are settled.`);
  }
  const operator = c.facts.organisations.find((o) => o.id === mission.operator);
  if (operator?.kind === 'company') {
    const home = entries.find((e) => e.id === operator.stateOfNationality)!;
    if (!home.launchingState) {
      c.notes.push(
        `${nameOf(c.facts, home.id)} is responsible for ${operator.name} under OST art. VI but is not a launching state: it did not launch, procure or host the launch (art. I(c)); some writers and UNGA res. 59/115 would look to the authorising state, the Convention does not.`,
      );
    }
    if (!operator.authorisedUnderOstVi) {
      c.notes.push(`${operator.name} acted without the authorisation OST art. VI requires of ${nameOf(c.facts, home.id)}: a breach by that state, which does not change who the launching states are; whether it bars exoneration under art. VI(2) is unsettled.`);
    }
  }
}

/** Outside the Convention (a non-party on either side): OST art. VII liability, with no stated standard or procedure. */
function outerSpaceTreatyFinding(c: Ctx, f: Finding, launching: LaunchingStateEntry[], candidates: string[], articles: string[], prefix: string): Finding {
  const { facts } = c;
  const liable = launching.filter((e) => e.kind === 'state' && isParty(c, e.id, 'partyToOst')).map((e) => e.id);
  const claimants = candidates.filter((id) => isParty(c, id, 'partyToOst'));
  const outside = [...launching.map((e) => e.id), ...candidates].filter((id) => stateOf(facts, id)?.partyToLiabilityConvention === false);
  const why = outside.length > 0 ? `${listNames(facts, unique(outside))} ${verb(unique(outside), 'is', 'are')} not a party` : 'no launching state is bound by it';
  if (liable.length === 0 || claimants.length === 0) {
    return {
      ...f,
      articles: [...articles, 'OST VII'],
      reasoning: `${prefix}The Liability Convention does not apply because ${why}, and the OST does not bind both sides either, so no treaty names anyone liable.`,
    };
  }
  // OST art. VII: the launching state party is internationally liable; the standard of liability is not stated.
  c.notes.push('OST art. VII states liability without saying whether it is absolute or for fault, or how it is claimed.');
  return {
    ...f,
    basis: 'state-responsibility',
    liable,
    claimants,
    articles: [...articles, 'OST VII'],
    apportionment: sharesWithin(c, c.mission, liable),
    reasoning: `${prefix}The Liability Convention does not apply because ${why}; OST art. VII still makes ${listNames(facts, liable)} internationally liable to ${listNames(facts, claimants)}.`,
  };
}

// ---------------------------------------------------------------------------------------
// The deflected asteroid outside the Convention: state responsibility, or protocol fault

type DeflectionMode = 'state-responsibility' | 'protocol-fault';

/** Links that make a state's own conduct part of the deflection (a host state's territory alone does not). */
const conductBases: readonly string[] = ['launches', 'procures', 'operates', 'responsible-for-national-activity'];

function deflectionFaultFinding(c: Ctx, mode: DeflectionMode): Finding {
  const { facts, damage, mission } = c;
  const f = emptyFinding(damage.id);
  const entries = launchingStates(mission, facts);
  noteLaunchingFacts(c, mission);
  // The states whose conduct the deflection is: OST art. VI attributes a company's activity to its state.
  const deflecting = entries.filter((e) => e.bases.some((b) => conductBases.includes(b.basis)));
  const hostsOnly = entries.filter((e) => !deflecting.includes(e) && e.launchingState);
  if (hostsOnly.length > 0) {
    c.notes.push(`${listNames(facts, hostsOnly.map((e) => e.id))} only provided the launch site; ${verb(hostsOnly, 'it is', 'they are')} not treated as deflecting, though whether a host state owes due diligence over the deflection is unsettled.`);
  }
  const articles =
    mode === 'state-responsibility' ? ['LIAB I(d)', 'ARSIWA 2', 'ARSIWA 31', 'OST VI', 'OST IX', 'ILC Prevention 3'] : ['PDP fault', 'OST VI', 'OST IX', 'ILC Prevention 3'];
  const intro =
    mode === 'state-responsibility'
      ? `The Convention does not reach damage by ${whatCaused(c)}, which on the reading of SMPAG-RP-004 is not a space object (art. I(d))`
      : `Under the protocol ${missionName(mission)} is not shielded (${mission.unMandate === 'endorsed' ? 'endorsed but not mandated by the UN' : 'no UN mandate'}), so its states keep fault liability for damage by ${whatCaused(c)}`;
  if (mode === 'state-responsibility') {
    c.notes.push('Whether a deflected asteroid is a space object is unsettled; this regime follows SMPAG-RP-004 (not one), the regime liability-convention-strict follows Mitchell (2021).');
  } else {
    c.notes.push('The protocol is a proposal: fault liability for the deflected body, and the Convention\'s procedure and joint and several liability borrowed by analogy, are settings of this engine.');
    if (mission.unMandate === 'endorsed') c.notes.push('Whether a General Assembly or COPUOS endorsement should earn the shield is a choice of protocol design; this engine shields only Security Council mandates.');
  }
  c.notes.push('Causation is contested: without the deflection the asteroid would have struck elsewhere, and how far the deflecting states answer for damage the natural body would have done anyway is unsettled.');

  const deflectingIds = deflecting.map((e) => e.id);
  const coveredNationals = damage.victimsNationals.filter((n) => !deflectingIds.includes(n));
  if (deflectingIds.includes(damage.victimState) && coveredNationals.length === 0) {
    return finish(c, {
      ...f,
      articles,
      reasoning: `${intro}; the damage fell on ${nameOf(facts, damage.victimState)}, itself a deflecting state, and to its own nationals or property, which is a matter for its domestic law.`,
    });
  }
  const victimDeflected = deflectingIds.includes(damage.victimState);
  if (victimDeflected) {
    c.notes.push(`${nameOf(facts, damage.victimState)} is itself a deflecting state; only the damage to foreign nationals is claimed here, by their states.`);
  }
  const candidates = deflectingIds;

  // Due diligence (ILC Prevention art. 3) and prior consultation (OST art. IX; ILC Prevention arts. 8–9).
  const consulted = victimDeflected || mission.priorConsultation.includes(damage.victimState);
  const ddFailed = mission.dueDiligence === 'failed';
  const operator = facts.organisations.find((o) => o.id === mission.operator);
  const unauthorisedHome = operator?.kind === 'company' && !operator.authorisedUnderOstVi ? operator.stateOfNationality : undefined;
  let liable: string[];
  let because: string;
  if (!consulted || ddFailed) {
    liable = candidates;
    const reasons = [
      ...(!consulted ? [`did not consult ${nameOf(facts, damage.victimState)} before the deflection (OST art. IX)`] : []),
      ...(ddFailed ? ['failed to exercise due diligence'] : []),
    ];
    because = `${verb(liable, 'it', 'they')} ${reasons.join(' and ')}`;
    if (!consulted) {
      articles.push('ILC Prevention 8–9');
      c.notes.push('OST art. IX speaks of harmful interference with other states\' space activities; whether it requires consulting states on Earth whose risk a deflection changes is debated, but notification and consultation of states likely to be affected is part of due diligence in general international law (ILC Prevention arts. 8–9).');
    }
  } else if (unauthorisedHome && candidates.includes(unauthorisedHome)) {
    liable = [unauthorisedHome];
    because = `it let ${operator!.name} deflect the asteroid without the authorisation and supervision OST art. VI requires`;
  } else if (mission.dueDiligence === 'exercised') {
    liable = [];
    because = `the deflecting states consulted ${nameOf(facts, damage.victimState)} and exercised due diligence`;
  } else {
    liable = candidates;
    because = '';
  }
  const igos = liable.filter((id) => facts.organisations.some((o) => o.id === id && o.kind === 'intergovernmental'));
  if (igos.length > 0) {
    c.notes.push(`The responsibility of ${listNames(facts, igos)} follows the ILC Articles on the Responsibility of International Organizations (2011); how far its member states answer is unsettled.`);
  }

  if (liable.length > 0 && mode === 'state-responsibility') {
    articles.push('ARSIWA 25', 'ARSIWA 27(b)');
    c.notes.push('Necessity (ARSIWA art. 25) may be pleaded for averting a grave and imminent peril, but it fails if the deflection seriously impaired an essential interest of the state it put at risk, and it never excludes compensation for material loss (art. 27(b)).');
    if (liable.length > 1) {
      articles.push('ARSIWA 47');
      c.notes.push('Several states responsible for the same act are each answerable for their own conduct (ARSIWA art. 47); general international law knows no joint and several liability like the Convention\'s art. V.');
    }
  }

  let exoneratedShare = 0;
  const share = claimantShare(damage);
  if (share > 0 && liable.length > 0) {
    exoneratedShare = share;
    articles.push(mode === 'state-responsibility' ? 'ARSIWA 39' : 'LIAB VI(1) (analogy)');
  }

  const answer = mode === 'state-responsibility' ? 'state responsibility' : 'liability for fault';
  const sentence =
    liable.length === 0
      ? `${intro}; no state is ${mode === 'state-responsibility' ? 'responsible' : 'liable'} because ${because}.`
      : because === ''
        ? `${intro}; ${listNames(facts, liable)} would bear ${answer} only if ${nameOf(facts, damage.victimState)} shows a failure of due diligence, which is disputed.`
        : `${intro}; ${listNames(facts, liable)} ${verb(liable, 'bears', 'bear')} ${answer} because ${because}.`;

  if (mode === 'state-responsibility') {
    c.notes.push('General international law sets no time limit for the claim (a right to invoke responsibility may be lost by waiver or acquiescence, ARSIWA art. 45) and offers no Claims Commission.');
    return finish(c, {
      ...f,
      basis: 'state-responsibility',
      liable,
      exoneratedShare,
      // ARSIWA art. 42: the injured state; and the states of nationality through diplomatic protection.
      claimants: liable.length === 0 ? [] : unique([damage.victimState, ...coveredNationals]).filter((id) => !deflectingIds.includes(id)),
      articles: liable.length > 0 ? [...articles, 'ARSIWA 42'] : articles,
      reasoning: sentence,
    });
  }
  const found: Finding = {
    ...f,
    applies: true,
    basis: 'fault',
    liable,
    jointAndSeveral: liable.length > 1,
    exoneratedShare,
    claimants: liable.length === 0 ? [] : claimantOrder(damage, new Set(deflectingIds)),
    apportionment: sharesWithin(c, mission, liable),
    articles: liable.length > 1 ? [...articles, 'LIAB V(1) (analogy)'] : articles,
    reasoning: sentence,
  };
  return finish(c, liable.length === 0 ? found : conventionProcedure(c, found, true, true));
}

// ---------------------------------------------------------------------------------------
// The planetary-defence liability protocol

function protocolFinding(c: Ctx): Finding {
  const { facts, damage, mission } = c;
  const asteroid = causedByAsteroid(damage);
  const shielded = mission.unMandate === 'mandated';
  if (!shielded && !asteroid) {
    c.notes.push('The protocol cannot lighten the Convention for the damage its spacecraft cause, so a mission outside the shield answers for them under the Convention as written.');
    const found = conventionFinding(c, `Not shielded by the protocol (${mission.unMandate === 'endorsed' ? 'endorsed, not mandated' : 'no UN mandate'}): `);
    return { ...found, articles: unique(['PDP shield', ...found.articles]) };
  }

  // The protocol's scope follows the Convention's exclusions (art. VII) by analogy: nationals
  // of the states that flew the mission, and participants in it, are not its concern.
  const f = emptyFinding(damage.id);
  const entries = launchingStates(mission, facts);
  const flewIt = new Set(entries.filter((e) => e.launchingState || e.bases.some((b) => conductBases.includes(b.basis))).map((e) => e.id));
  const articles = shielded ? ['PDP shield', 'PDP fund'] : ['PDP fault'];
  const payer = shielded ? 'the fund does not pay' : 'the protocol gives no claim';
  if (damage.victimsParticipating) {
    c.notes.push('The protocol is a proposal: its exclusions are borrowed from the Convention\'s art. VII by analogy.');
    return finish(c, {
      ...f,
      articles: [...articles, 'LIAB VII(b) (analogy)'],
      reasoning: `The victims took part in the operation of ${missionName(mission)}, so ${payer} for their damage (art. VII(b), by analogy).`,
    });
  }
  const covered = damage.victimsNationals.filter((n) => !flewIt.has(n));
  if ((damage.victimsNationals.length > 0 && covered.length === 0) || (damage.victimsNationals.length === 0 && flewIt.has(damage.victimState))) {
    c.notes.push('The protocol is a proposal: its exclusions are borrowed from the Convention\'s art. VII by analogy.');
    const victims = damage.victimsNationals.length > 0 ? damage.victimsNationals : [damage.victimState];
    return finish(c, {
      ...f,
      articles: [...articles, 'LIAB VII(a) (analogy)'],
      reasoning: `The damage fell on ${verb(victims, 'a state', 'states')} that flew ${missionName(mission)} or on ${verb(victims, 'its', 'their')} nationals (${listNames(facts, victims)}), for which ${payer} (art. VII(a), by analogy).`,
    });
  }
  if (!shielded) return deflectionFaultFinding(c, 'protocol-fault');

  // The shield: a UN-mandated mission's collateral damage is paid by the common fund.
  c.notes.push('The protocol is a proposal: its scope (the Convention\'s exclusions of art. VII), its claim period (art. X) and its exoneration (art. VI) are borrowed from the Convention by analogy, and how the fund is financed is for its parties to set.');
  const share = claimantShare(damage);
  if (share > 0) articles.push('LIAB VI(1) (analogy)');
  const found = conventionProcedure(
    c,
    {
      ...f,
      applies: true,
      basis: 'common-fund',
      liable: [COMMON_FUND],
      exoneratedShare: share,
      claimants: claimantOrder(damage, flewIt),
      articles,
    },
    false,
    true,
  );
  return finish(c, {
    ...found,
    reasoning: `${missionName(mission)} acted under a UN Security Council mandate, so the protocol shields the states that flew it and the damage ${wherePhrase(damage)} caused by ${whatCaused(c)} is paid from the common fund. ${nameOf(facts, found.claimants[0]!)} may claim on the fund until ${found.claimDeadline}.`,
  });
}

// ---------------------------------------------------------------------------------------
// The planetary-defence security community

function communityFinding(c: Ctx): Finding {
  const { facts, damage } = c;
  const members = facts.states.filter((s) => s.communityMember !== false);
  if (!members.some((s) => s.id === damage.victimState)) {
    c.notes.push('The security community binds its members only; a non-member keeps its rights under the Liability Convention as written.');
    const prefix = `${nameOf(facts, damage.victimState)} is not a member of the security community, so its claim is judged under the Convention as written: `;
    return causedByAsteroid(damage) ? withPrefix(deflectionFaultFinding(c, 'state-responsibility'), prefix) : conventionFinding(c, prefix);
  }
  const f = emptyFinding(damage.id);
  const withCapacity = members.every((s) => s.capacity !== undefined);
  const total = members.reduce((sum, s) => sum + (s.capacity ?? 1), 0);
  if (!withCapacity) c.notes.push('The case gives no capacities, so every member bears an equal share; diffuse reciprocity would weight shares by capacity.');
  c.notes.push('The security community is a proposal (Deutsch 1957; Ruggie 1992): indivisibility and diffuse reciprocity are political commitments that no treaty in force makes binding, and members that are parties to the Convention keep its rights against non-members.');
  if (damage.claimantFault !== 'none') c.notes.push('The community shares the burden without inquiring into fault; the victim\'s own gross negligence or intent is for the members to weigh politically.');
  return finish(c, {
    ...f,
    applies: true,
    basis: 'shared-burden',
    liable: [COMMUNITY],
    // Indivisibility: the victim bears its own share like every other member.
    apportionment: tidy(members.map((s) => ({ state: s.id, share: (s.capacity ?? 1) / total }))),
    articles: ['SC indivisibility', 'SC diffuse reciprocity'],
    reasoning: `Within the security community the damage to ${nameOf(facts, damage.victimState)} caused by ${whatCaused(c)} is borne by all ${members.length} members by capacity (indivisibility), and there is no bilateral claim against the states that flew ${missionName(c.mission)}.`,
  });
}

function withPrefix(f: Finding, prefix: string): Finding {
  return { ...f, reasoning: prefix + f.reasoning.charAt(0).toLowerCase() + f.reasoning.slice(1) };
}
