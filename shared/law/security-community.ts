// The planetary-defence security community (a proposal; Deutsch 1957, Ruggie 1992):
// indivisibility and diffuse reciprocity.
import { COMMUNITY } from './case.js';
import { conventionFinding } from './convention.js';
import { causedByAsteroid, type Ctx, emptyFinding, finish, missionName, nameOf, tidy, whatCaused, withPrefix } from './core.js';
import { deflectionFaultFinding } from './deflection.js';
import type { Finding } from './finding.js';

/** A damage judged under the planetary-defence security community (a proposal). */
export function communityFinding(c: Ctx): Finding {
  const { facts, damage } = c;
  const members = facts.states.filter((s) => s.communityMember !== false);
  if (!members.some((s) => s.id === damage.victimState)) {
    c.notes.push('The security community binds its members only; a non-member keeps its rights under the Liability Convention as written.');
    const prefix = `${nameOf(facts, damage.victimState)} is not a member of the security community, so its claim is judged under the Convention as written: `;
    return causedByAsteroid(damage) ? withPrefix(deflectionFaultFinding(c, 'state-responsibility'), prefix) : conventionFinding(c, prefix);
  }
  const f = emptyFinding(damage.id);
  // Diffuse reciprocity: members contribute unequally, by capacity; with no capacities stated
  // (or none above zero) the shares are equal, and the finding says so.
  const byCapacity = members.every((s) => s.capacity !== undefined) && members.some((s) => (s.capacity ?? 0) > 0);
  const weight = (s: (typeof members)[number]) => (byCapacity ? (s.capacity ?? 0) : 1);
  const total = members.reduce((sum, s) => sum + weight(s), 0);
  if (!byCapacity) c.notes.push('The case gives no capacities, so every member bears an equal share; diffuse reciprocity would weight shares by capacity.');
  c.notes.push('The security community is a proposal (Deutsch 1957; Ruggie 1992): indivisibility and diffuse reciprocity are political commitments that no treaty in force makes binding, and members that are parties to the Convention keep its rights against non-members.');
  if (damage.claimantFault !== 'none') c.notes.push('The community shares the burden without inquiring into fault; the victim\'s own gross negligence or intent is for the members to weigh politically.');
  return finish(c, {
    ...f,
    applies: true,
    basis: 'shared-burden',
    liable: [COMMUNITY],
    // Indivisibility: the victim bears its own share like every other member.
    apportionment: tidy(members.map((s) => ({ state: s.id, share: weight(s) / total }))),
    articles: ['SC indivisibility', 'SC diffuse reciprocity'],
    reasoning: `Within the security community the damage to ${nameOf(facts, damage.victimState)} caused by ${whatCaused(c)} is borne by all ${members.length} members (indivisibility), ${byCapacity ? 'each by its capacity' : 'in equal shares'} (diffuse reciprocity), and there is no bilateral claim against the states that flew ${missionName(c.mission)}.`,
  });
}
