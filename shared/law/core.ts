// The shared core of the law module: the facts of one damage being judged, the helpers every
// regime uses to name states and write sentences, and the Convention's own procedure (claims,
// deadlines, the Claims Commission), which the proposals borrow by analogy.
import { addYears, laterOf } from '../calendar.js';
import { COMMON_FUND, COMMUNITY, type Case, type CaseState, type Damage, type Mission } from './case.js';
import type { Apportionment, Causation, Finding } from './finding.js';
import { launchingStates, type LaunchingStateEntry } from './launching.js';

/** The last day to present a claim: one year after the damage or after the liable state was identified (LIAB art. X(1)–(2)). */
export function claimDeadline(damage: Pick<Damage, 'date' | 'dateLiableStateIdentified'>): string {
  return addYears(laterOf(damage.date, damage.dateLiableStateIdentified ?? damage.date), 1);
}

/** One damage being judged: the case, the damage, its mission and the unsettled points gathered on the way. */
export interface Ctx {
  facts: Case;
  damage: Damage;
  mission: Mission;
  /** Unsettled points gathered while judging; each finding copies them. */
  notes: string[];
}

/** Whether the deflected body (or a fragment of it), not the spacecraft, did the damage. */
export function causedByAsteroid(damage: Damage): boolean {
  return damage.cause === 'deflected-asteroid' || damage.cause === 'fragment-of-deflected-asteroid';
}

/** A finding that names no one, for a regime to fill in. */
export function emptyFinding(damageId: string): Finding {
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

/** The finding with its articles once each, the unsettled points gathered while judging, and the damage's causation when known. */
export function finish(c: Ctx, f: Finding): Finding {
  const causation = causationOf(c);
  const wrongful = wrongfulActs(c);
  return {
    ...f,
    articles: unique([...f.articles, ...wrongful.articles]),
    reasoning: [f.reasoning, ...wrongful.sentences].join(' '),
    unsettled: unique([...f.unsettled, ...c.notes]),
    ...(causation ? { causation } : {}),
  };
}

// ---------------------------------------------------------------------------------------
// General international law beside the regimes: loss allocation, the clearest wrongful acts

/**
 * Where no state is liable for a damage to others, the finding points to the ILC Draft
 * Principles on the Allocation of Loss in the case of Transboundary Harm arising out of
 * Hazardous Activities (2006): prompt and adequate compensation, by the operator first and the
 * state of origin where that falls short (principle 4) — recommendations, not binding law.
 */
export function lossAllocation(c: Ctx, f: Finding): Finding {
  c.notes.push(
    'No state is liable, so the loss lies where it fell unless someone takes it up. The ILC Principles on the Allocation of Loss (2006) recommend prompt and adequate compensation for the victims of transboundary harm: by the operator, backed by insurance or funds, and by the state of origin where that falls short (principle 4(1), 4(5)); they are recommendations, not binding law.',
  );
  return {
    ...f,
    articles: [...f.articles, 'ILC Loss Allocation 4'],
    reasoning: `${f.reasoning} The ILC loss-allocation principles (2006) would have the state of origin ensure prompt and adequate compensation all the same (principle 4), though they bind no one.`,
  };
}

/**
 * The clearest internationally wrongful acts of the mission, whatever the regime (ARSIWA art. 2):
 * a company flown without its state's authorisation (OST art. VI), and a nuclear explosion in
 * outer space without a Security Council decision by states bound by the PTBT (art. I(1)(a)).
 */
export function wrongfulActs(c: Ctx): { sentences: string[]; articles: string[] } {
  const { facts, mission } = c;
  const sentences: string[] = [];
  const articles: string[] = [];
  const operator = facts.organisations.find((o) => o.id === mission.operator);
  if (operator?.kind === 'company' && !operator.authorisedUnderOstVi) {
    // OST art. VI: activities of non-governmental entities require authorisation and continuing supervision.
    sentences.push(`${nameOf(facts, operator.stateOfNationality)} breached OST art. VI: its company ${operator.name} flew ${missionName(mission)} without the authorisation and continuing supervision the article requires.`);
    articles.push('OST VI');
  }
  if (mission.nuclear && mission.unMandate !== 'mandated') {
    const flew = launchingStates(mission, facts).filter((e) => e.kind === 'state' && (e.launchingState || e.bases.some((b) => conductBases.includes(b.basis))));
    const bound = flew.filter((e) => isParty(c, e.id, 'partyToPtbt')).map((e) => e.id);
    if (bound.length > 0) {
      // PTBT art. I(1)(a): no nuclear explosion "beyond its limits [of the atmosphere], including outer space".
      sentences.push(`The nuclear explosion of ${missionName(mission)} in outer space, with no Security Council decision, breached PTBT art. I(1)(a) for ${listNames(facts, bound)}.`);
      articles.push('PTBT I(1)(a)');
    }
  }
  return { sentences, articles };
}

// ---------------------------------------------------------------------------------------
// Causation: the damage beside what the undeflected body would have done

/**
 * The counterfactual of a damage by a deflected body: what the undeflected asteroid would have
 * done to the same victim, and whether the deflection reduced the harm over all victims —
 * fewer casualties, or as many and less damage (lives first: a choice of this engine).
 */
export function causationOf(c: Ctx): Causation | undefined {
  const { damage, mission } = c;
  if (!causedByAsteroid(damage) || damage.undeflectedAmountMUsd === undefined) return undefined;
  const overall = mission.counterfactual;
  const reducedHarmOverall =
    overall === undefined
      ? null
      : overall.withDeflection.casualties !== overall.withoutDeflection.casualties
        ? overall.withDeflection.casualties < overall.withoutDeflection.casualties
        : overall.withDeflection.damageMUsd < overall.withoutDeflection.damageMUsd;
  return {
    undeflectedAmountMUsd: damage.undeflectedAmountMUsd,
    addedByDeflectionMUsd: Math.max(0, damage.amountMUsd - damage.undeflectedAmountMUsd),
    harmedOnlyBecauseOfDeflection: damage.amountMUsd > 0 && damage.undeflectedAmountMUsd === 0,
    reducedHarmOverall,
  };
}

/** M USD in words ("4.7 B USD", "350 M USD"). */
export function money(mUsd: number): string {
  return mUsd >= 1000 ? `${(Math.round(mUsd / 100) / 10).toLocaleString('en-US')} B USD` : `${Math.round(mUsd).toLocaleString('en-US')} M USD`;
}

/**
 * What the counterfactual says about this damage, in a sentence: harmed only because of the
 * deflection, or partly, or not at all, and whether the deflection reduced the harm overall.
 * Empty when the counterfactual is not known.
 */
export function causationSentence(c: Ctx): string {
  const k = causationOf(c);
  if (!k) return '';
  const victim = nameOf(c.facts, c.damage.victimState);
  const own = k.harmedOnlyBecauseOfDeflection
    ? `Without the deflection the asteroid would not have harmed ${victim}: it was harmed only because of it`
    : k.addedByDeflectionMUsd > 0
      ? `Without the deflection the asteroid would have done ${money(k.undeflectedAmountMUsd)} of damage to ${victim}; the deflection added ${money(k.addedByDeflectionMUsd)}`
      : `Without the deflection the asteroid would have done ${victim} as much harm or more (${money(k.undeflectedAmountMUsd)})`;
  const overall = k.reducedHarmOverall === null ? '' : k.reducedHarmOverall ? '; over all victims the deflection reduced the harm' : '; over all victims it did not reduce the harm';
  return `${own}${overall}.`;
}

/** The unsettled point causation leaves, stated with the counterfactual when it is known. */
export function noteCausation(c: Ctx): void {
  const k = causationOf(c);
  if (!k) {
    c.notes.push('Causation is contested: without the deflection the asteroid would have struck elsewhere, and how far the deflecting states answer for damage the natural body would have done anyway is unsettled.');
    return;
  }
  if (k.addedByDeflectionMUsd === 0) {
    c.notes.push(
      `Causation is contested: the undeflected asteroid would have done this victim as much damage or more (${money(k.undeflectedAmountMUsd)}), so the deflection added none of it; whether the deflecting states answer for damage that would have happened anyway is unsettled.`,
    );
    return;
  }
  c.notes.push(
    k.addedByDeflectionMUsd < c.damage.amountMUsd
      ? `Causation is contested: ${money(c.damage.amountMUsd - k.addedByDeflectionMUsd)} of this damage the undeflected asteroid would have done anyway; whether the deflecting states answer for all of it or only for the ${money(k.addedByDeflectionMUsd)} the deflection added is unsettled (the finding reports both).`
      : 'Causation: the undeflected asteroid would have done none of this damage, so the deflection is its cause in fact (but for it, no harm); whether harm displaced by a rescue is attributable like any other is still debated.',
  );
}

// ---------------------------------------------------------------------------------------
// Names, parties, claimants, shares and the Convention's procedure

/** The items in first-seen order, each once. */
export function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** The state of the case with this id, if any. */
export function stateOf(facts: Case, id: string): CaseState | undefined {
  return facts.states.find((s) => s.id === id);
}

/** The name a sentence uses for a state, an organisation, the common fund or the community. */
export function nameOf(facts: Case, id: string): string {
  if (id === COMMON_FUND) return 'the common fund';
  if (id === COMMUNITY) return 'the security community';
  return stateOf(facts, id)?.name ?? facts.organisations.find((o) => o.id === id)?.name ?? id;
}

/** The name a sentence uses for a mission. */
export function missionName(m: Mission): string {
  return m.name ?? m.id;
}

/** "A", "A and B", "A, B and C". */
export function listNames(facts: Case, ids: readonly string[]): string {
  const names = ids.map((id) => nameOf(facts, id));
  if (names.length <= 1) return names[0] ?? 'no state';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The singular or plural form, by the number of subjects. */
export const verb = (xs: readonly unknown[], one: string, many: string) => (xs.length === 1 ? one : many);

/** A share as a percentage with one decimal (0.305 → "30.5%"). */
export function percent(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}

/** What did the damage, in words ("a fragment of the asteroid deflected by …"). */
export function whatCaused(c: Ctx): string {
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

/** Where the damage occurred, in words, in the categories of LIAB arts. II and III. */
export function wherePhrase(damage: Damage): string {
  if (damage.where === 'surface') return 'on the surface of the Earth';
  if (damage.where === 'aircraft-in-flight') return 'to an aircraft in flight';
  return 'in outer space';
}

/** Whether a state is a party to a treaty; an unstated status is taken as party and noted. */
export function isParty(c: Ctx, id: string, treaty: 'partyToOst' | 'partyToLiabilityConvention' | 'partyToPtbt'): boolean {
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
export function boundByConvention(c: Ctx, entry: LaunchingStateEntry): boolean {
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
export function memberStatesLiableAfter(c: Ctx, orgId: string): string[] {
  const org = c.facts.organisations.find((o) => o.id === orgId);
  if (!org || org.kind !== 'intergovernmental') return [];
  return org.members.filter((m) => isParty(c, m, 'partyToLiabilityConvention'));
}

/** Claimant states in the order of LIAB art. VIII, without the excluded ones. */
export function claimantOrder(damage: Damage, excluded: ReadonlySet<string>): string[] {
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
 * exactly them (LIAB art. V(2)); else by what each paid into the mission; else equal.
 */
export function sharesWithin(c: Ctx, mission: Mission, liable: readonly string[]): Apportionment[] {
  if (liable.length === 0) return [];
  const set = new Set(liable);
  const agreement = mission.apportionmentAgreements.find((a) => a.parties.length === set.size && a.parties.every((p) => set.has(p)));
  if (agreement) return liable.map((state) => ({ state, share: agreement.shares[agreement.parties.indexOf(state)]! }));
  const paid = (id: string) => mission.contributions.find((x) => x.id === id)?.amountMUsd ?? 0;
  const totalPaid = liable.reduce((s, id) => s + paid(id), 0);
  const byContribution = liable.length > 1 && totalPaid > 0;
  const none = mission.apportionmentAgreements.length > 0 ? `No apportionment agreement for ${missionName(mission)} covers exactly ${listNames(c.facts, liable)}` : '';
  if (byContribution) {
    // Liability Convention art. V(2) leaves the sharing to the participants' agreements; without one,
    // what each paid is the engine's default measure of its part in the joint launch.
    c.notes.push(
      `${none || `${listNames(c.facts, liable)} made no apportionment agreement`}; the burden is split among them by what each paid into ${missionName(mission)}, a default of this engine (art. V(2) leaves it to their agreement).`,
    );
    return tidy(liable.map((state) => ({ state, share: paid(state) / totalPaid })));
  }
  if (none) c.notes.push(`${none}; the burden is split equally among them.`);
  return tidy(liable.map((state) => ({ state, share: 1 / liable.length })));
}

/** Shares rounded to 12 decimals, so that 0.8 × 0.25 reads 0.2 and not 0.19999999999999996. */
export function tidy(parts: Apportionment[]): Apportionment[] {
  return parts.map((p) => ({ state: p.state, share: Math.round(p.share * 1e12) / 1e12 }));
}

/** Adds up the shares of each state across several lists. */
export function mergeShares(parts: Apportionment[]): Apportionment[] {
  const total = new Map<string, number>();
  for (const p of parts) total.set(p.state, (total.get(p.state) ?? 0) + p.share);
  return tidy([...total].map(([state, share]) => ({ state, share })));
}

/**
 * Whether the mission's activity was not in conformity with international law in the way
 * that bars exoneration (LIAB art. VI(2)): a nuclear explosion in outer space without a
 * Security Council decision, contrary to PTBT art. I(1)(a) for launching states bound by it.
 */
export function unlawfulNuclear(c: Ctx, mission: Mission): boolean {
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
export function claimantShare(damage: Damage): number {
  return damage.claimantFault === 'none' ? 0 : (damage.claimantFaultShare ?? 0);
}

/** Claim deadline, Claims Commission and binding force under the Convention's procedure (LIAB arts. VIII–XX). */
export function conventionProcedure(c: Ctx, f: Finding, withCommission: boolean, analogy: boolean): Finding {
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

/** Launching-state entries, each state once (the first entry wins). */
export function uniqueEntries(entries: LaunchingStateEntry[]): LaunchingStateEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

/** Notes on the launching facts of a mission: contested bases, a company operator's state. */
export function noteLaunchingFacts(c: Ctx, mission: Mission): void {
  const entries = launchingStates(mission, c.facts);
  const contested = entries.filter((e) => e.launchingState && e.uncertain);
  if (contested.length > 0) {
    c.notes.push(`${listNames(c.facts, contested.map((e) => e.id))}'s status as launching state of ${missionName(mission)} rests on contested facts (${mission.uncertain.join(', ')}); the finding keeps ${verb(contested, 'it', 'them')} liable until the facts are settled.`);
  }
  const contributors = entries.filter((e) => e.bases.some((b) => b.basis === 'contributes') && !e.launchingState);
  if (contributors.length > 0) {
    const total = mission.contributions.reduce((s, x) => s + x.amountMUsd, 0);
    const part = (id: string) => percent((mission.contributions.find((x) => x.id === id)?.amountMUsd ?? 0) / (total || 1));
    c.notes.push(
      `${contributors.map((e) => `${nameOf(c.facts, e.id)} (${part(e.id)})`).join(', ')} paid into ${missionName(mission)} but did not launch it, contract for it or host it; this engine holds that paying is not procuring the launch (art. I(c)(i)), so ${verb(contributors, 'it is', 'they are')} not a launching state. That reading is contested: were a contributor a procurer, it would be jointly and severally liable (art. V(1)) and lose its own claim (art. VII(a)).`,
    );
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
    c.notes.push(companyLayer(c.facts, operator, nameOf(c.facts, home.id)));
  }
}

/**
 * Between a company and its state: the licence (the OST art. VI authorisation), the company's
 * third-party insurance and the state's indemnification above it — national law, which never
 * limits what a victim state may claim internationally. The US model (51 U.S.C. §§ 50914–50915)
 * is the reference's example; other states' laws differ, so it is a note, not a rule.
 */
export function companyLayer(facts: Case, operator: { name: string; authorisedUnderOstVi: boolean }, home: string): string {
  if (!operator.authorisedUnderOstVi) {
    return `The company layer: ${operator.name} flew without a licence, so no insurance was required of it and no indemnification is owed by ${home}; ${home} answers internationally and may seek recourse against the company under its own law.`;
  }
  const us = facts.states.find((s) => s.name === home)?.iso3 === 'USA';
  return us
    ? `The company layer: under its licence (51 U.S.C. ch. 509) ${operator.name} insures third-party liability up to the maximum probable loss (at most 500 M USD); the United States may pay claims above that up to 1.5 B USD in 1989 dollars, inflation-adjusted (the current ceiling is uncertain), and the licensee answers beyond it (§§ 50914–50915). This is domestic allocation: it does not limit what a victim state may claim from the United States.`
    : `The company layer: ${home}'s licensing law decides what ${operator.name} must insure and whether ${home} indemnifies it above that (the US model: insurance up to the maximum probable loss, the state above it up to a ceiling, 51 U.S.C. §§ 50914–50915); none of it limits what a victim state may claim from ${home}.`;
}

/** Links that make a state's own conduct part of the deflection (a host state's territory alone does not). */
export const conductBases: readonly string[] = ['launches', 'procures', 'operates', 'responsible-for-national-activity'];

/** The finding with a clause before its reasoning (the reasoning's first letter lowered). */
export function withPrefix(f: Finding, prefix: string): Finding {
  return { ...f, reasoning: prefix + f.reasoning.charAt(0).toLowerCase() + f.reasoning.slice(1) };
}
