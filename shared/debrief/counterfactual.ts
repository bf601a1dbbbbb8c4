// The outcome beside what the undeflected body would have done, judged under every regime.
import { liabilityFindings } from '../engine/consequences.js';
import type { Consequences, Outcome } from '../engine/events.js';
import type { ExerciseState } from '../engine/state.js';
import { isFinding, type Finding, type RecordedFinding } from '../law/finding.js';
import { COMMON_FUND, COMMUNITY, regimeSummaries } from '../law/liability.js';
import { regimeIds, type RegimeId } from '../law/regimes.js';
import type { CountryComparison, OutcomeComparison, RegimeJudgement } from './api.js';
import { findingWords } from './findingWords.js';

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

/**
 * One finding in one plain sentence — who pays whom, for what damage, on what basis, under which
 * law — followed by the shares when several answer for all of it: the words of the players'
 * outcome banner (findingWords.ts), so the studio and the live screens say the same thing.
 */
export function findingSentence(
  finding: RecordedFinding,
  damageByVictim: (finding: Finding) => { victim: string; damageMUsd: number | null },
  partyName: (id: string) => string,
  regime: RegimeId,
): string {
  if (!isFinding(finding)) return `The facts of damage ${finding.damageId} could not be judged: ${finding.error}`;
  const { victim, damageMUsd } = damageByVictim(finding);
  const words = findingWords(finding, { victim, damageMUsd, regime, partyName });
  return words.shares === null ? words.sentence : `${words.sentence} ${words.shares}`;
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
      sentences: findings.map((f) => findingSentence(f, damageByVictim, partyName, regime)),
    };
  });
  return { encounterPlayed: true, actual, undeflected, countries: compareCountries(actual, undeflected), regimes };
}
