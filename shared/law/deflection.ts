// The deflected asteroid outside the Convention: general state responsibility under the
// regime `liability-convention` (SMPAG-RP-004), or fault liability under the protocol.
import { causationOf, causationSentence, claimantOrder, claimantShare, conductBases, conventionProcedure, type Ctx, emptyFinding, finish, listNames, lossAllocation, missionName, nameOf, noteCausation, noteLaunchingFacts, sharesWithin, unique, verb, whatCaused } from './core.js';
import type { Finding } from './finding.js';
import { launchingStates } from './launching.js';

/** Under which regime the deflected body's damage is judged outside the Convention. */
export type DeflectionMode = 'state-responsibility' | 'protocol-fault';

/** Damage by a deflected body judged by due diligence and prior consultation: state responsibility (ARSIWA) or the protocol's fault liability. */
export function deflectionFaultFinding(c: Ctx, mode: DeflectionMode): Finding {
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
  noteCausation(c);

  const deflectingIds = deflecting.map((e) => e.id);
  const coveredNationals = damage.victimsNationals.filter((n) => !deflectingIds.includes(n));
  const victimDeflected = deflectingIds.includes(damage.victimState);
  if (victimDeflected && coveredNationals.length === 0) return coDeflectorFinding(c, mode, intro, articles, deflectingIds);
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
    c.notes.push(necessityNote(c));
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
    const judged: Finding = {
      ...f,
      basis: 'state-responsibility',
      liable,
      exoneratedShare,
      claimants: liable.length === 0 ? [] : injuredStates(c, deflectingIds),
      articles: liable.length > 0 ? [...articles, 'ARSIWA 42', ...(damage.victimsNationals.length > 0 ? ['ARSIWA 44(a)', 'ILC Diplomatic Protection 3'] : [])] : articles,
      reasoning: withCausation(c, sentence),
    };
    return finish(c, liable.length === 0 ? lossAllocation(c, judged) : judged);
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
    reasoning: withCausation(c, sentence),
  };
  return finish(c, liable.length === 0 ? lossAllocation(c, found) : conventionProcedure(c, found, true, true));
}

/**
 * The necessity defence (ARSIWA art. 25), judged with the counterfactual where it is known: it
 * needs an act that was the only way to safeguard an essential interest against a grave and
 * imminent peril (art. 25(1)(a)) without seriously impairing an essential interest of the state
 * it harmed (art. 25(1)(b)); and it never excludes compensation for material loss (art. 27(b)).
 */
function necessityNote(c: Ctx): string {
  const k = causationOf(c);
  const compensation = 'and even where it succeeds it does not exclude compensation for material loss (art. 27(b))';
  if (!k || k.reducedHarmOverall === null) {
    return `Necessity (ARSIWA art. 25) may be pleaded for averting a grave and imminent peril, but it fails if the deflection seriously impaired an essential interest of the state it put at risk, ${compensation}.`;
  }
  if (!k.reducedHarmOverall) {
    return `Necessity (ARSIWA art. 25) fails on the facts: the deflection did not reduce the harm overall, so it did not safeguard the essential interest it was to protect (art. 25(1)(a)); and even had it succeeded, it would not exclude compensation for material loss (art. 27(b)).`;
  }
  if (k.harmedOnlyBecauseOfDeflection) {
    return `Necessity (ARSIWA art. 25) can be pleaded, since the deflection reduced the harm overall, but ${nameOf(c.facts, c.damage.victimState)} would have been spared without it: whether moving the harm onto a state that was not at risk "seriously impairs an essential interest" of that state (art. 25(1)(b)) is unsettled, ${compensation}.`;
  }
  return `Necessity (ARSIWA art. 25) can be pleaded, since the deflection reduced the harm overall and ${nameOf(c.facts, c.damage.victimState)} was at risk without it, ${compensation}.`;
}

/** The reasoning followed by what the counterfactual says, when it is known. */
function withCausation(c: Ctx, sentence: string): string {
  const k = causationSentence(c);
  return k === '' ? sentence : `${sentence} ${k}`;
}

/**
 * The states that may invoke responsibility for this damage (ARSIWA art. 42): for injury to
 * persons, only their state of nationality, by diplomatic protection (ARSIWA art. 44(a); ILC
 * Articles on Diplomatic Protection 2006, art. 3); for damage to a state's own property, that
 * state. Deflecting states do not claim against themselves.
 */
function injuredStates(c: Ctx, deflectingIds: readonly string[]): string[] {
  const { damage } = c;
  if (damage.victimsNationals.length === 0) return [damage.victimState].filter((id) => !deflectingIds.includes(id));
  if (!damage.victimsNationals.includes(damage.victimState) && !deflectingIds.includes(damage.victimState)) {
    c.notes.push(
      `The victims are not nationals of ${nameOf(c.facts, damage.victimState)}, where the damage occurred: only their states of nationality claim for them (diplomatic protection); ${nameOf(c.facts, damage.victimState)} may invoke responsibility only for an injury of its own, such as the violation of its territory, which this finding does not value.`,
    );
  }
  return unique(damage.victimsNationals).filter((id) => !deflectingIds.includes(id));
}

/**
 * Damage to a deflecting state's own nationals or property. Alone, it harmed itself: no state
 * answers to it. With partners, it consented to the deflection (ARSIWA art. 20): consent
 * precludes the wrongfulness of the deflection toward it, but only within its limits — a
 * partner's failure of due diligence is not what it consented to, and its claim for that is
 * an international one, against the partners.
 */
function coDeflectorFinding(c: Ctx, mode: DeflectionMode, intro: string, articles: string[], deflectingIds: readonly string[]): Finding {
  const { facts, damage, mission } = c;
  const victim = nameOf(facts, damage.victimState);
  const partners = deflectingIds.filter((id) => id !== damage.victimState);
  const f = emptyFinding(damage.id);
  if (partners.length === 0) {
    return finish(c, {
      ...f,
      articles,
      reasoning: `${intro}; the damage fell on ${victim}, which deflected the asteroid alone, and on its own nationals or property: a state's own act gives it no international claim, and compensating its people is for its domestic law.`,
    });
  }
  const consentArticles = [...articles, 'ARSIWA 20'];
  c.notes.push(
    `${victim} took part in the deflection: its consent (ARSIWA art. 20) covers the deflection as planned and carried out with due care, not a partner's failure of due diligence; where the limits of that consent lay, and how the partners share the loss among themselves, is for their agreements (cf. LIAB art. V(2)) and otherwise unsettled.`,
  );
  const answer = mode === 'state-responsibility' ? 'state responsibility' : 'liability for fault';
  if (mission.dueDiligence === 'exercised') {
    return finish(c, {
      ...f,
      basis: mode === 'state-responsibility' ? 'state-responsibility' : 'fault',
      articles: consentArticles,
      reasoning: `${intro}; ${victim} took part in the deflection and so consented to it (ARSIWA art. 20), and its partners exercised due diligence, so none of them answers to ${victim} for the damage to its own nationals or property.`,
    });
  }
  const liable = partners;
  const failed = mission.dueDiligence === 'failed';
  const sentence = failed
    ? `${intro}; ${victim} took part in the deflection, but its consent (ARSIWA art. 20) did not extend to a failure of due diligence, so ${listNames(facts, liable)} ${verb(liable, 'bears', 'bear')} ${answer} toward it: an international claim between the deflecting states, not a matter of domestic law.`
    : `${intro}; ${victim} took part in the deflection, so its consent (ARSIWA art. 20) precludes a claim for the deflection itself, and ${listNames(facts, liable)} would bear ${answer} toward it only if it shows a failure of due diligence beyond what it consented to, which is disputed.`;
  const found: Finding = {
    ...f,
    applies: mode === 'protocol-fault',
    basis: mode === 'state-responsibility' ? 'state-responsibility' : 'fault',
    liable,
    jointAndSeveral: mode === 'protocol-fault' && liable.length > 1,
    claimants: [damage.victimState],
    apportionment: mode === 'protocol-fault' ? sharesWithin(c, mission, liable) : [],
    articles: mode === 'state-responsibility' ? [...consentArticles, 'ARSIWA 42'] : consentArticles,
    reasoning: withCausation(c, sentence),
  };
  return finish(c, mode === 'protocol-fault' ? conventionProcedure(c, found, true, true) : found);
}
