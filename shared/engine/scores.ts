// The final scores: each actor's safety, budget kept and trust, weighted as the scenario
// says, with what each was computed from and a sentence that says how.
import { NEUTRAL_TRUST } from './diplomacy.js';
import type { EventOf, Outcome } from './events.js';
import type { ActorScore, ExerciseState } from './state.js';

/** The deaths that halve an actor's safety score unless the scenario says otherwise (a documented game value). */
export const DEFAULT_CASUALTIES_AT_HALF_SAFETY = 1000;
/** How much of a state's safety is its own people, the rest everyone's, unless the scenario says otherwise. */
export const DEFAULT_OWN_PEOPLE_SHARE = 0.5;

/** The share of a safety score that `casualties` deaths take away: c / (c + c½), 0 with none, ½ at c½, towards 1 beyond. */
export function harmShare(casualties: number, casualtiesAtHalfSafety: number): number {
  return casualties <= 0 ? 0 : casualties / (casualties + casualtiesAtHalfSafety);
}

const isState = (kind: string) => kind === 'space-faring-state' || kind === 'non-space-faring-state';
const pct = (x: number) => Math.round(x * 100);
const num = (x: number) => Math.round(x).toLocaleString('en-US');

/**
 * The final scores, each component in 0–1, the total their weighted mean (scenario weights):
 * safety falls with the deaths — a state's own people (`ownPeopleShare` of it) and everyone's
 * (the rest: planetary defence protects all or none, so every actor answers for the toll), each
 * through `harmShare`; budget is the balance kept over all income; trust is the others'
 * average trust in the actor, which broken agreements and unilateral acts lower.
 */
export function finalScores(
  state: ExerciseState,
  balances: Record<string, number>,
  trust: Record<string, number>,
  outcome: Outcome,
  settledNow: EventOf<'RoundResolved'>['agreements'] = [],
): Record<string, ActorScore> {
  const { scenario } = state;
  const w = scenario.scoring;
  const weights = { safety: w.safety, budget: w.budget, trust: w.trust };
  const weightSum = w.safety + w.budget + w.trust || 1;
  const half = w.casualtiesAtHalfSafety ?? DEFAULT_CASUALTIES_AT_HALF_SAFETY;
  const ownShare = w.ownPeopleShare ?? DEFAULT_OWN_PEOPLE_SHARE;
  const consequences = outcome.kind === 'impact' ? outcome.consequences : null;
  const totalCasualties = consequences?.casualties ?? 0;
  const rounds = scenario.calendar.rounds.length;
  const out: Record<string, ActorScore> = {};
  for (const a of scenario.actors) {
    const ownCasualties = isState(a.kind) ? (consequences?.byCountry.filter((c) => c.countryIso3 !== null && c.countryIso3 === a.stateOfNationality).reduce((s, c) => s + c.casualties, 0) ?? 0) : null;
    const safety = 1 - ownShare * harmShare(ownCasualties ?? 0, half) - (1 - ownShare) * harmShare(totalCasualties, half);
    const incomeMUsd = a.budgetPerRoundMUsd * rounds;
    const balanceMUsd = balances[a.id] ?? 0;
    const budget = incomeMUsd > 0 ? Math.max(0, Math.min(1, balanceMUsd / incomeMUsd)) : 1;
    const others = scenario.actors.filter((b) => b.id !== a.id);
    const trustFromOthers = others.reduce((s, b) => s + (trust[`${b.id}>${a.id}`] ?? NEUTRAL_TRUST), 0) / Math.max(1, others.length);
    const breachedNow = settledNow.filter((s) => s.breachedBy.includes(a.id)).map((s) => s.agreementId);
    const agreementsBroken = new Set([...Object.values(state.agreements).filter((g) => g.breachedBy.includes(a.id)).map((g) => g.id), ...breachedNow]).size;
    const total = (w.safety * safety + w.budget * budget + w.trust * (trustFromOthers / 100)) / weightSum;
    const explanation = [
      `Safety ${pct(safety)}: ${ownCasualties === null ? 'it has no territory of its own' : `${num(ownCasualties)} of its own people died`}, ${num(totalCasualties)} in all (${num(half)} deaths halve the score; its own people weigh ${pct(ownCasualties === null ? 0 : ownShare)}%, everyone's the rest).`,
      `Budget ${pct(budget)}: ${num(balanceMUsd)} of the ${num(incomeMUsd)} M USD it received is left.`,
      `Trust ${pct(trustFromOthers / 100)}: the others' average trust in it${agreementsBroken > 0 ? `, after ${agreementsBroken} broken agreement${agreementsBroken > 1 ? 's' : ''}` : ''}.`,
      `Total ${pct(total)}: weighted ${w.safety}/${w.budget}/${w.trust}.`,
    ].join(' ');
    out[a.id] = {
      safety,
      budget,
      trust: trustFromOthers / 100,
      total,
      breakdown: { ownCasualties, totalCasualties, casualtiesAtHalfSafety: half, ownPeopleShare: ownShare, balanceMUsd, incomeMUsd, trustFromOthers, agreementsBroken, weights, explanation },
    };
  }
  return out;
}
