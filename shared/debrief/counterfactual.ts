// The outcome beside what the undeflected body would have done, judged under every regime.
import { liabilityFindings } from '../engine/consequences.js';
import type { Consequences, Outcome } from '../engine/events.js';
import type { ExerciseState } from '../engine/state.js';
import { money } from '../law/core.js';
import { isFinding, type Finding, type RecordedFinding } from '../law/finding.js';
import { COMMON_FUND, COMMUNITY, regimeSummaries } from '../law/liability.js';
import { regimeIds, type RegimeId } from '../law/regimes.js';
import type { CountryComparison, OutcomeComparison, RegimeJudgement } from './api.js';

type CountryHarm = Consequences['byCountry'][number];
type Harm = CountryComparison['actual'];

const NO_HARM: Harm = { casualties: 0, damageMUsd: 0, exposedPopulation: 0 };

/**
 * How hard a country was hit: 2 when people of it lived inside the blast's exposed zone (windows
 * shatter and closer), 1 when it was harmed only beyond it (the glass ring), 0 when not at all.
 */
function hitLevel(h: Harm): 0 | 1 | 2 {
  if (h.exposedPopulation > 0) return 2;
  return h.casualties > 0 || h.damageMUsd > 0 ? 1 : 0;
}

/**
 * What the deflection changed for one country. `newly-hit`: the deflection brought it into the
 * blast (or into any harm at all) — harmed only because of it; `saved`: the deflection took it
 * out of the blast (or out of all harm). Otherwise the casualties decide, then the damage.
 */
export function changeFor(actual: Harm, undeflected: Harm): CountryComparison['change'] {
  const now = hitLevel(actual);
  const without = hitLevel(undeflected);
  if (now > without) return 'newly-hit';
  if (now < without) return 'saved';
  const diff = actual.casualties - undeflected.casualties || actual.damageMUsd - undeflected.damageMUsd;
  return diff < 0 ? 'less-harm' : diff > 0 ? 'more-harm' : 'same';
}

const harmOf = (h: CountryHarm | undefined): Harm => (h ? { casualties: h.casualties, damageMUsd: h.damageMUsd, exposedPopulation: h.exposedPopulation } : NO_HARM);

/** Every country harmed with the deflection or without it, the worse hit first. */
function compareCountries(actual: Outcome, undeflected: Outcome | null): CountryComparison[] {
  const keyOf = (h: CountryHarm) => h.countryIso3 ?? h.countryName;
  const withDeflection = new Map((actual.consequences?.byCountry ?? []).map((h) => [keyOf(h), h]));
  const without = new Map((undeflected?.consequences?.byCountry ?? []).map((h) => [keyOf(h), h]));
  const rows: CountryComparison[] = [];
  for (const key of new Set([...withDeflection.keys(), ...without.keys()])) {
    const a = withDeflection.get(key);
    const u = without.get(key);
    const row = { actual: harmOf(a), undeflected: harmOf(u) };
    if (hitLevel(row.actual) === 0 && hitLevel(row.undeflected) === 0) continue;
    rows.push({ countryIso3: (a ?? u)!.countryIso3, countryName: (a ?? u)!.countryName, ...row, change: changeFor(row.actual, row.undeflected) });
  }
  const worst = (r: CountryComparison) => Math.max(r.actual.damageMUsd, r.undeflected.damageMUsd);
  return rows.sort((x, y) => worst(y) - worst(x) || (x.countryName < y.countryName ? -1 : 1));
}

/**
 * Names the parties of a finding as people read them: actors by their names, states outside the
 * table (`state-<iso3>`) by the harmed countries' and impact points' names, the common fund and
 * the security community in words.
 */
function partyNamer(state: ExerciseState, outcomes: readonly (Outcome | null)[]): (id: string) => string {
  const names = new Map<string, string>(state.scenario.actors.map((a) => [a.id, a.name]));
  names.set(COMMON_FUND, 'the common fund');
  names.set(COMMUNITY, 'the security community');
  for (const o of outcomes) {
    for (const p of [...(o?.consequences?.byCountry ?? []), o?.impactPoint, o?.consequences?.undeflectedPoint]) {
      if (p?.countryIso3 && p.countryName) names.set(`state-${p.countryIso3.toLowerCase()}`, p.countryName);
    }
  }
  return (id) => names.get(id) ?? (id.startsWith('state-') ? id.slice('state-'.length).toUpperCase() : id);
}

/** Names joined as people write them: "A", "A and B", "A, B and C". */
function listed(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`;
}

const capitalised = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** Why a regime decides as it does, when the finding's reasoning names no cause of its own. */
const BASIS_WHY: Record<Finding['basis'], string> = {
  absolute: 'because a launching state is liable without proof of fault for damage on the surface of the Earth (Liability Convention art. II)',
  fault: 'because the deflecting states answer for the deflected body only where they were at fault',
  'state-responsibility': 'because the Liability Convention does not reach the damage and general international law holds a state to its duty of due diligence',
  'common-fund': 'because the protocol shields a UN-mandated mission and pays its victims from the common fund',
  'shared-burden': 'because within the security community damage to one member is borne by all, each by its capacity, with no bilateral claim',
  none: 'because no rule of the regime makes anyone answer for it',
};

/** Abbreviations of four letters or more that the law module writes before a full stop. */
const LONG_ABBREVIATIONS = new Set(['arts', 'para', 'paras']);

/**
 * Where the first sentence of the law module's reasoning ends (the index of its full stop), or
 * -1: a full stop before a capital, after a closing parenthesis, a figure or a word of four
 * letters or more — not after an abbreviation ("art. IX", "Dem. Rep. Congo", "S. Sudan").
 */
function sentenceEnd(text: string, from = 0): number {
  for (let i = text.indexOf('.', from); i !== -1; i = text.indexOf('.', i + 1)) {
    if (!(i === text.length - 1 || /^\s+[A-Z]/.test(text.slice(i + 1, i + 3)))) continue;
    const word = /[^\s(]*$/.exec(text.slice(0, i))?.[0] ?? '';
    if (/[)\d]$/.test(word) || (/^[A-Za-z]{4,}$/.test(word) && !LONG_ABBREVIATIONS.has(word.toLowerCase()))) return i;
  }
  return -1;
}

/** The reasoning's own cause ("because it did not consult Uganda…"), to the end of its clause or sentence, if it states one. */
function becauseClause(reasoning: string): string | null {
  const start = /\bbecause\b/.exec(reasoning)?.index;
  if (start === undefined) return null;
  const ends = [reasoning.indexOf(';', start), sentenceEnd(reasoning, start)].filter((i) => i !== -1);
  return reasoning.slice(start, ends.length > 0 ? Math.min(...ends) : reasoning.length).trim();
}

/** The reasoning's first sentence, with its full stop. */
function firstSentence(reasoning: string): string {
  const text = reasoning.trim();
  const end = sentenceEnd(text);
  return end === -1 ? text : text.slice(0, end + 1);
}

/**
 * One finding in one plain sentence: who answers to whom, for what damage, on which basis and
 * why (the words the players' outcome banner uses: "answers to", "jointly and severally").
 */
export function findingSentence(finding: RecordedFinding, damageByVictim: (finding: Finding) => { victim: string; damageMUsd: number | null }, partyName: (id: string) => string): string {
  if (!isFinding(finding)) return `The facts of damage ${finding.damageId} could not be judged: ${finding.error}`;
  const { victim, damageMUsd } = damageByVictim(finding);
  const what = damageMUsd === null ? `the damage in ${victim}` : `the ${money(damageMUsd)} of damage in ${victim}`;
  const why = finding.basis === 'shared-burden' || finding.basis === 'common-fund' || finding.basis === 'absolute' ? BASIS_WHY[finding.basis] : (becauseClause(finding.reasoning) ?? BASIS_WHY[finding.basis]);
  const exonerated = finding.exoneratedShare > 0 ? `, less ${Math.round(finding.exoneratedShare * 100)}% for the claimant’s own part in it` : '';
  const claimants = finding.claimants.length > 0 ? listed(finding.claimants.map(partyName)) : victim;
  switch (finding.basis) {
    case 'shared-burden': {
      const shares = finding.apportionment.map((a) => `${partyName(a.state)} ${Math.round(a.share * 100)}%`);
      return `The members of the security community bear ${what} together${shares.length > 0 ? ` (${shares.join(', ')})` : ''}, ${why}.`;
    }
    case 'common-fund':
      return `The common fund pays ${claimants} for ${what}${exonerated}, ${why}.`;
    case 'none':
      return `No one answers for ${what}: ${firstSentence(finding.reasoning)}`;
    case 'absolute':
    case 'fault':
    case 'state-responsibility': {
      if (finding.liable.length === 0) return `No one answers for ${what} on the facts as played: ${firstSentence(finding.reasoning)}`;
      const liable = finding.liable.map(partyName);
      const basis = { absolute: 'with absolute liability', fault: 'for fault', 'state-responsibility': 'under state responsibility in general international law' }[finding.basis];
      const jointly = finding.jointAndSeveral && liable.length > 1 ? ', jointly and severally' : '';
      return `${capitalised(listed(liable))} ${liable.length === 1 ? 'answers' : 'answer'} to ${claimants} for ${what}${jointly}${exonerated}, ${basis}, ${why}.`;
    }
  }
}

/** The same scenario with another regime in force: the facts unchanged, only the law that judges them. */
function underRegime(state: ExerciseState, regime: RegimeId): ExerciseState {
  if (state.scenario.legal.regime === regime) return state;
  return { ...state, scenario: { ...state.scenario, legal: { ...state.scenario.legal, regime } } };
}

/**
 * Compares the outcome recorded in `state` with `undeflected` (what the body would have done
 * with no mission, computed by the caller with the world data) and re-judges the same facts
 * under every regime. Pure.
 */
export function compareOutcomes(state: ExerciseState, undeflected: Outcome | null): OutcomeComparison {
  const actual = state.outcome;
  if (actual === null) return { encounterPlayed: false, actual: null, undeflected: null, countries: [], regimes: [] };
  const consequences = actual.consequences;
  // The facts the resolution judged (consequences.ts): the missions that arrived and moved the body, the harm per country, a fragment or not.
  const deflectors = Object.values(state.missions).filter((m) => m.status === 'arrived' && m.shiftKm !== null && m.shiftKm !== 0);
  const partyName = partyNamer(state, [actual, undeflected]);
  const damageByVictim = (f: Finding) => {
    const iso3 = /^impact-([a-z]{3})$/.exec(f.damageId)?.[1]?.toUpperCase();
    const harm = iso3 ? consequences?.byCountry.find((c) => c.countryIso3 === iso3) : undefined;
    if (harm) return { victim: harm.countryName, damageMUsd: harm.damageMUsd };
    return { victim: f.claimants[0] !== undefined ? partyName(f.claimants[0]) : 'the victim', damageMUsd: null };
  };
  const regimes: RegimeJudgement[] = regimeIds.map((regime) => {
    const findings =
      consequences !== null && deflectors.length > 0
        ? liabilityFindings(underRegime(state, regime), deflectors, consequences.byCountry, state.fragment !== null, undeflected?.consequences ?? null)
        : [];
    return {
      regime,
      inForce: regime === state.scenario.legal.regime,
      summary: regimeSummaries[regime],
      findings,
      sentences: findings.map((f) => findingSentence(f, damageByVictim, partyName)),
    };
  });
  return { encounterPlayed: true, actual, undeflected, countries: compareCountries(actual, undeflected), regimes };
}
