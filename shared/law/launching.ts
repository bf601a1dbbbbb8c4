// Who answers for a mission. Two different questions, kept apart on purpose:
//
// - Liability (Liability Convention art. I(c), OST art. VII): the *launching States* are those
//   that launch or procure the launch of the object, and those from whose territory or
//   facility it is launched. Only they are liable under the Convention.
// - Responsibility (OST art. VI): a state bears international responsibility for its
//   national activities in outer space, including those of its companies, which it must
//   authorise and continually supervise (it is the "appropriate State").
//
// A company's state of nationality is therefore a launching state only when the facts give
// it an art. I(c) basis of its own: it launched (its agency did), it procured the launch
// (it bought or ordered it, e.g. under a government contract), or the launch was from its
// territory or facility. Authorising and supervising the company is not, by itself, one of
// those bases. Some writers read "launches" to cover a launch by a state's nationals that
// the state authorised, and UN General Assembly resolution 59/115 (2004) invites states to
// consider such links in their laws, but neither makes the home state a launching state as a
// matter of treaty law; this module reports it as responsible (OST art. VI) and not liable
// under the Convention unless it has an art. I(c) basis. The findings say so where it matters.
import type { Case, Mission } from './case.js';

export type LaunchingBasis =
  /** Launched the object (Liability Convention art. I(c)(i); OST art. VII). */
  | 'launches'
  /** Procured the launch (art. I(c)(i); OST art. VII). */
  | 'procures'
  /** The launch was from its territory or facility (art. I(c)(ii); a participant per art. V(3); OST art. VII). */
  | 'territory-or-facility'
  /**
   * Paid into the mission without launching, procuring or hosting its launch. Whether paying is
   * "procuring" (art. I(c)(i)) is contested; this module holds that it is not: not an art. I(c) basis.
   */
  | 'contributes'
  /** Operates the object itself: a national activity (OST art. VI), not an art. I(c) basis. */
  | 'operates'
  /** Its company operates the object: responsible for and must authorise it (OST art. VI). */
  | 'responsible-for-national-activity'
  /** Member of an intergovernmental organisation that operates the object (OST art. VI, last sentence). */
  | 'member-of-operating-organisation';

export interface LaunchingBasisEntry {
  basis: LaunchingBasis;
  articles: string[];
  /** The fact behind this basis is contested (the mission's `uncertain` list names it). */
  uncertain: boolean;
}

export interface LaunchingStateEntry {
  /** A state id, or the id of an intergovernmental organisation. */
  id: string;
  kind: 'state' | 'intergovernmental';
  /** Whether it is a launching State in the sense of Liability Convention art. I(c). */
  launchingState: boolean;
  /** Whether it is the "appropriate State" that must authorise and supervise a company's activity (OST art. VI). */
  appropriateState: boolean;
  /** Whether every art. I(c) basis it has rests on a contested fact. */
  uncertain: boolean;
  bases: LaunchingBasisEntry[];
}

const liabilityBases: readonly LaunchingBasis[] = ['launches', 'procures', 'territory-or-facility'];

/**
 * The states (and intergovernmental organisations) linked to a mission, each with the bases
 * and articles of its link: launching states under Liability Convention art. I(c), and the
 * states responsible for the mission under OST art. VI, in the order the facts name them.
 */
export function launchingStates(mission: Mission, facts: Case): LaunchingStateEntry[] {
  const entries = new Map<string, LaunchingStateEntry>();
  const organisations = new Map(facts.organisations.map((o) => [o.id, o]));
  const add = (id: string, basis: LaunchingBasis, articles: string[], uncertain = false) => {
    const entry = entries.get(id) ?? {
      id,
      kind: organisations.get(id)?.kind === 'intergovernmental' ? 'intergovernmental' : 'state',
      launchingState: false,
      appropriateState: false,
      uncertain: false,
      bases: [],
    };
    entry.bases.push({ basis, articles, uncertain });
    entries.set(id, entry);
  };
  const contested = new Set(mission.uncertain);

  // Liability Convention art. I(c)(i); OST art. VII.
  for (const id of mission.launchedBy) add(id, 'launches', ['LIAB I(c)(i)', 'OST VII'], contested.has('launchedBy'));
  // Liability Convention art. I(c)(i); OST art. VII ("procures the launching").
  for (const id of mission.procuredBy) add(id, 'procures', ['LIAB I(c)(i)', 'OST VII'], contested.has('procuredBy'));
  // Liability Convention art. I(c)(ii); art. V(3) makes it a participant in a joint launch.
  for (const id of mission.territoryOrFacilityOf) add(id, 'territory-or-facility', ['LIAB I(c)(ii)', 'LIAB V(3)', 'OST VII'], contested.has('territoryOrFacilityOf'));

  // Liability Convention art. I(c)(i) says "procures the launching", not "pays towards it": a
  // contributor is recorded (its link is contested) but does not become a launching state by paying.
  for (const { id, amountMUsd } of mission.contributions) {
    if (amountMUsd > 0 && !entries.has(id)) add(id, 'contributes', ['LIAB I(c)(i) (contested)'], true);
  }

  const operator = organisations.get(mission.operator);
  if (!operator) {
    // OST art. VI: a state's own agency flying the mission is a national activity of that state.
    add(mission.operator, 'operates', ['OST VI']);
  } else if (operator.kind === 'company') {
    // OST art. VI: the company's state of nationality answers for it and must authorise it.
    add(operator.stateOfNationality, 'responsible-for-national-activity', ['OST VI']);
    entries.get(operator.stateOfNationality)!.appropriateState = true;
  } else {
    // OST art. VI, last sentence: the organisation and its member states parties to the OST share responsibility.
    add(operator.id, 'operates', ['OST VI']);
    for (const member of operator.members) add(member, 'member-of-operating-organisation', ['OST VI']);
  }

  return [...entries.values()].map((e) => {
    const liabilityLinks = e.bases.filter((b) => liabilityBases.includes(b.basis));
    return { ...e, launchingState: liabilityLinks.length > 0, uncertain: liabilityLinks.length > 0 && liabilityLinks.every((b) => b.uncertain) };
  });
}

/** Whether a basis makes its holder a launching state under Liability Convention art. I(c). */
export function isLiabilityBasis(basis: LaunchingBasis): boolean {
  return liabilityBases.includes(basis);
}
