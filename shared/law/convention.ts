// The Liability Convention 1972 (and OST art. VII where the Convention does not bind both
// sides): the regime `liability-convention-strict` for every damage, and `liability-convention`
// for damage by the spacecraft and its debris.
import { boundByConvention, causationOf, causationSentence, causedByAsteroid, claimantOrder, claimantShare, conventionProcedure, type Ctx, emptyFinding, finish, isParty, listNames, lossAllocation, memberStatesLiableAfter, mergeShares, missionName, nameOf, noteCausation, noteLaunchingFacts, percent, sharesWithin, stateOf, unique, uniqueEntries, unlawfulNuclear, verb, whatCaused, wherePhrase } from './core.js';
import type { Apportionment, Finding } from './finding.js';
import { launchingStates, type LaunchingStateEntry } from './launching.js';

/** A damage judged under the Liability Convention as written (arts. I–XXII), with a prefix for the regime that falls back on it. */
export function conventionFinding(c: Ctx, prefix = ''): Finding {
  const { facts, damage, mission } = c;
  const f = emptyFinding(damage.id);
  const articles: string[] = [];
  const say = (text: string) => prefix + text;

  if (causedByAsteroid(damage)) {
    // Liability Convention art. I(d), read as the regime 'liability-convention-strict' reads it.
    articles.push('LIAB I(d)');
    // Art. II makes liability absolute, not causation presumed: the damage must still be "caused by" the object.
    if (causationOf(c)) noteCausation(c);
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
    return finish(c, lossAllocation(c, {
      ...f,
      articles: [...articles, 'LIAB I(c)'],
      reasoning: say(`No state launched, procured the launch of, or provided the territory or facility for ${missionName(mission)}, so there is no launching state under art. I(c) and the Convention names no one liable.`),
    }));
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
  const causation = causationSentence(c);
  const judged = { ...withProcedure, reasoning: say(first + (exoneration || claimSentence) + (causation === '' ? '' : ` ${causation}`)) };
  return finish(c, faultExcluded ? lossAllocation(c, judged) : judged);
}

/** Outside the Convention (a non-party on either side): OST art. VII liability, with no stated standard or procedure. */
export function outerSpaceTreatyFinding(c: Ctx, f: Finding, launching: LaunchingStateEntry[], candidates: string[], articles: string[], prefix: string): Finding {
  const { facts } = c;
  const liable = launching.filter((e) => e.kind === 'state' && isParty(c, e.id, 'partyToOst')).map((e) => e.id);
  const claimants = candidates.filter((id) => isParty(c, id, 'partyToOst'));
  const outside = [...launching.map((e) => e.id), ...candidates].filter((id) => stateOf(facts, id)?.partyToLiabilityConvention === false);
  const why = outside.length > 0 ? `${listNames(facts, unique(outside))} ${verb(unique(outside), 'is', 'are')} not a party` : 'no launching state is bound by it';
  if (liable.length === 0 || claimants.length === 0) {
    return lossAllocation(c, {
      ...f,
      articles: [...articles, 'OST VII'],
      reasoning: `${prefix}The Liability Convention does not apply because ${why}, and the OST does not bind both sides either, so no treaty names anyone liable.`,
    });
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
