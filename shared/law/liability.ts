// Judges the facts of a case under one legal regime. The same facts can be judged under
// every regime, so the debrief can show what a different treaty would have changed.
//
// Article labels in findings: 'LIAB' Liability Convention 1972, 'OST' Outer Space Treaty
// 1967, 'PTBT' Partial Test Ban Treaty 1963, 'ARSIWA' ILC Articles on Responsibility of
// States for Internationally Wrongful Acts 2001, 'ILC Prevention' ILC Articles on
// Prevention of Transboundary Harm from Hazardous Activities 2001,
// 'PDP' the planetary-defence liability protocol and 'SC' the security community (both
// proposals, not law in force). '(analogy)' marks a Convention rule a proposal borrows.
import { addMonths, addYears } from '../calendar.js';
import { COMMON_FUND, COMMUNITY, type Case, type Damage } from './case.js';
import { communityFinding } from './security-community.js';
import { conventionFinding } from './convention.js';
import { causedByAsteroid, claimDeadline, type Ctx } from './core.js';
import { deflectionFaultFinding } from './deflection.js';
import type { Finding } from './finding.js';
import { protocolFinding } from './pd-protocol.js';
import type { RegimeId } from './regimes.js';

export { COMMON_FUND, COMMUNITY, claimDeadline };
export { regimeIds, type RegimeId } from './regimes.js';
export { findingSchema, recordedFindingSchema, isFinding, type Apportionment, type Finding, type FindingBasis, type FindingError, type RecordedFinding } from './finding.js';

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
