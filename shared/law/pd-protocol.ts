// The planetary-defence liability protocol (a proposal): UN-mandated missions shielded,
// their victims paid by a common fund; other missions keep fault liability.
import { COMMON_FUND } from './case.js';
import { conventionFinding } from './convention.js';
import { causationSentence, causedByAsteroid, lossAllocation, claimantOrder, claimantShare, conductBases, conventionProcedure, type Ctx, emptyFinding, finish, listNames, missionName, nameOf, noteLaunchingFacts, unique, verb, whatCaused, wherePhrase, withPrefix } from './core.js';
import { deflectionFaultFinding } from './deflection.js';
import type { Finding } from './finding.js';
import { launchingStates } from './launching.js';

/** A damage judged under the planetary-defence liability protocol (a proposal). */
export function protocolFinding(c: Ctx): Finding {
  const { facts, damage, mission } = c;
  const asteroid = causedByAsteroid(damage);
  // A treaty binds only its parties (Vienna Convention on the Law of Treaties art. 34): a
  // victim outside the protocol keeps its rights under the Convention as written, and states
  // outside it that flew the mission neither enjoy its shield nor owe its fault liability.
  const outside = (id: string) => facts.states.find((s) => s.id === id)?.partyToProtocol === false;
  const flyers = launchingStates(mission, facts).filter((e) => e.kind === 'state' && (e.launchingState || e.bases.some((b) => conductBases.includes(b.basis))));
  const outsideFlyers = flyers.filter((e) => outside(e.id)).map((e) => e.id);
  if (outside(damage.victimState) || outsideFlyers.length > 0) {
    const who = outside(damage.victimState) ? [damage.victimState, ...outsideFlyers] : outsideFlyers;
    c.notes.push('The protocol binds its parties only (VCLT art. 34); between a party and a non-party the Liability Convention as written applies.');
    if (!outside(damage.victimState)) {
      c.notes.push(`Whether the protocol could still shield the parties that flew ${missionName(mission)} beside ${listNames(facts, outsideFlyers)} is a choice of protocol design; this engine judges the whole damage under the Convention as written.`);
    }
    const prefix = `${listNames(facts, unique(who))} ${verb(unique(who), 'is', 'are')} not party to the protocol, so the damage is judged under the Convention as written: `;
    const found = asteroid ? withPrefix(deflectionFaultFinding(c, 'state-responsibility'), prefix) : conventionFinding(c, prefix);
    return { ...found, articles: unique(['VCLT 34', ...found.articles]) };
  }
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
  noteLaunchingFacts(c, mission);
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

  if (!facts.commonFundCreated) {
    c.notes.push(
      `The table created no common fund. Whether the shield stands without the fund that is its counterpart is a choice of protocol design; this engine keeps the shield, so that the debrief shows the gap it leaves.`,
    );
    return finish(
      c,
      lossAllocation(c, {
        ...f,
        applies: true,
        articles,
        reasoning: `${missionName(mission)} acted under a UN Security Council mandate, so the protocol shields the states that flew it; but no common fund was created, so no one pays the damage ${wherePhrase(damage)} caused by ${whatCaused(c)}.`,
      }),
    );
  }

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
    reasoning: `${missionName(mission)} acted under a UN Security Council mandate, so the protocol shields the states that flew it and the damage ${wherePhrase(damage)} caused by ${whatCaused(c)} is paid from the common fund. ${nameOf(facts, found.claimants[0]!)} may claim on the fund until ${found.claimDeadline}.${causationSentence(c) === '' ? '' : ` ${causationSentence(c)}`}`,
  });
}
