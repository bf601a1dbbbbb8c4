// The outcome beside the undeflected body's, judged under every regime, on whole playthroughs of
// 2031 KX: a US impactor pushed toward the start of the corridor moves the impact from Kenya
// into Uganda (and the blast into the Democratic Republic of the Congo).
import { describe, expect, it } from 'vitest';
import { changeFor, compareOutcomes } from '../../../shared/debrief/counterfactual.js';
import { encounterOutcome } from '../../../shared/engine/consequences.js';
import type { ExerciseState } from '../../../shared/engine/index.js';
import { isFinding } from '../../../shared/law/finding.js';
import { regimeSummaries } from '../../../shared/law/liability.js';
import { regimeIds } from '../../../shared/law/regimes.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { Table, playerOf, scenario as kx, tableSeated } from '../engine/given.js';
import { playKxObserveOnly, worldData } from '../engine/playthroughs.js';

/** 2031 KX with Uganda at the table too (Kenya's twin): a state the security community counts as a member. */
function kxWithUganda(): Scenario {
  const kenya = kx.actors.find((a) => a.id === 'kenya')!;
  return { ...kx, actors: [...kx.actors, { ...kenya, id: 'uganda', name: 'Uganda', stateOfNationality: 'UGA' }] };
}

/** Seed 2031: the USA's single impactor, funded in round 1 and launched when ready, arrives and moves the impact Kenya → Uganda. */
function playUsImpactor(scenario: Scenario = kx, rounds = 5): Table {
  const t = new Table(2031, tableSeated(), scenario);
  t.world = worldData();
  let mission = '';
  for (let round = 1; round <= rounds; round++) {
    t.toPhase('deliberation');
    if (round === 1) mission = t.propose('usa', 'ki-single', 'toward-start');
    if (round >= 3 && t.state.missions[mission]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: mission }, playerOf('usa'));
    t.playRound(round === 1 ? { usa: [0, { [mission]: 500 }] } : {});
  }
  if (rounds === 5) t.advance();
  return t;
}

/** What the server computes beside the outcome: the same state with no mission, at the undeflected encounter point. */
function undeflectedOf(state: ExerciseState) {
  return encounterOutcome({ ...state, missions: {} }, state.scenario.asteroid.truth.encounterKm, worldData());
}

describe('compareOutcomes on a deflection that moved the impact from Kenya into Uganda', () => {
  const state = playUsImpactor().state;
  const undeflected = undeflectedOf(state);
  const comparison = compareOutcomes(state, undeflected);
  const country = (iso3: string) => comparison.countries.find((c) => c.countryIso3 === iso3);

  it('sets the outcome beside the undeflected one, which strikes Kenya', () => {
    expect(comparison.encounterPlayed).toBe(true);
    expect(comparison.actual).toBe(state.outcome);
    expect(state.outcome?.impactPoint?.countryIso3).toBe('UGA');
    expect(comparison.undeflected?.impactPoint?.countryIso3).toBe('KEN');
  });

  it('finds Kenya saved from the blast and Uganda newly hit by it, with each one’s figures from both outcomes', () => {
    expect(country('KEN')?.change).toBe('saved');
    expect(country('UGA')?.change).toBe('newly-hit');
    expect(country('COD')?.change).toBe('newly-hit');
    const uganda = state.outcome!.consequences!.byCountry.find((c) => c.countryIso3 === 'UGA')!;
    const kenyaUndeflected = undeflected.consequences!.byCountry.find((c) => c.countryIso3 === 'KEN')!;
    expect(country('UGA')?.actual).toEqual({ casualties: uganda.casualties, damageMUsd: uganda.damageMUsd, exposedPopulation: uganda.exposedPopulation });
    expect(country('KEN')?.undeflected).toEqual({ casualties: kenyaUndeflected.casualties, damageMUsd: kenyaUndeflected.damageMUsd, exposedPopulation: kenyaUndeflected.exposedPopulation });
    expect(country('KEN')!.actual.exposedPopulation).toBe(0);
    expect(country('UGA')!.undeflected.exposedPopulation).toBe(0);
  });

  it('lists every country harmed with or without the deflection, once, the worst hit first', () => {
    const harmed = new Set([...state.outcome!.consequences!.byCountry, ...undeflected.consequences!.byCountry].filter((c) => c.damageMUsd > 0).map((c) => c.countryIso3));
    expect(new Set(comparison.countries.map((c) => c.countryIso3))).toEqual(harmed);
    expect(comparison.countries).toHaveLength(harmed.size);
    const worst = comparison.countries.map((c) => Math.max(c.actual.damageMUsd, c.undeflected.damageMUsd));
    expect(worst).toEqual([...worst].sort((a, b) => b - a));
  });

  it('judges the facts under every regime, the one in force giving the findings recorded at the table', () => {
    expect(comparison.regimes.map((r) => r.regime)).toEqual([...regimeIds]);
    expect(comparison.regimes.filter((r) => r.inForce).map((r) => r.regime)).toEqual([state.scenario.legal.regime]);
    for (const r of comparison.regimes) expect(r.summary).toBe(regimeSummaries[r.regime]);
    const inForce = comparison.regimes.find((r) => r.inForce)!;
    expect(inForce.findings).toEqual(state.outcome!.consequences!.liability.findings);
  });

  it('says in one sentence per damage who pays whom, for how much, why and under which law — the words of the players’ screens', () => {
    const asWritten = comparison.regimes.find((r) => r.regime === 'liability-convention')!;
    expect(asWritten.sentences).toHaveLength(asWritten.findings.length);
    const uganda = asWritten.sentences[asWritten.findings.findIndex((f) => f.damageId === 'impact-uga')]!;
    expect(uganda).toMatch(/^The United States pays Uganda for its [\d.]+ B USD of damage — because it did not consult Uganda before the deflection, under general international law\.$/);
    // Names with abbreviations ("Dem. Rep. Congo", "S. Sudan") do not cut the reason short.
    for (const sentence of asWritten.sentences) expect(sentence).toMatch(/ — because it did not consult .+ before the deflection, under general international law\.$/);
    expect(asWritten.sentences.some((x) => x.includes('did not consult Dem. Rep. Congo before'))).toBe(true);
    const strict = comparison.regimes.find((r) => r.regime === 'liability-convention-strict')!;
    expect(strict.sentences.every((s) => /^The United States pays .+ — liable whether or not at fault, under the Liability Convention, strictly read\.$/.test(s))).toBe(true);
  });
});

describe('compareOutcomes with Uganda, where the impact moved, at the table', () => {
  const state = playUsImpactor(kxWithUganda()).state;
  const comparison = compareOutcomes(state, undeflectedOf(state));
  const ugandaFinding = (regime: string) => {
    const r = comparison.regimes.find((x) => x.regime === regime)!;
    const i = r.findings.findIndex((f) => f.damageId === 'impact-uga');
    const f = r.findings[i]!;
    if (!isFinding(f)) throw new Error(f.error);
    return { finding: f, sentence: r.sentences[i]! };
  };

  it('gives each regime its own basis for Uganda’s damage: state responsibility, absolute liability, fault, a shared burden', () => {
    expect(ugandaFinding('liability-convention').finding).toMatchObject({ basis: 'state-responsibility', liable: ['usa'], claimants: ['uganda'] });
    expect(ugandaFinding('liability-convention-strict').finding).toMatchObject({ basis: 'absolute', liable: ['usa'], claimants: ['uganda'] });
    // No UN mandate: the protocol leaves the mission's states liable for fault, not the common fund.
    expect(ugandaFinding('pd-protocol').finding).toMatchObject({ basis: 'fault', liable: ['usa'] });
    expect(ugandaFinding('security-community').finding).toMatchObject({ basis: 'shared-burden', liable: ['community'], claimants: [] });
  });

  it('says who bears what under the security community, by share, and that no state claims against another', () => {
    const { finding, sentence } = ugandaFinding('security-community');
    const usaShare = Math.round(finding.apportionment.find((a) => a.state === 'usa')!.share * 100);
    expect(sentence).toMatch(/^The members of the security community pay for the [\d.]+ B USD of damage to Uganda together — damage to one member is borne by all, under the rules of the security community\. Between themselves they share it by capacity: /);
    expect(sentence).toContain(`United States ${usaShare}%`);
    expect(ugandaFinding('pd-protocol').sentence).toMatch(/^The United States pays Uganda for .+ — because it did not consult Uganda before the deflection, under the proposed planetary-defence protocol\.$/);
  });
});

describe('compareOutcomes when nothing was deflected, or nothing has struck yet', () => {
  it('finds every country as harmed as without a deflection, and nobody liable under any regime', () => {
    const state = playKxObserveOnly().state;
    expect(state.outcome?.kind).toBe('impact');
    const comparison = compareOutcomes(state, undeflectedOf(state));
    expect(comparison.countries.length).toBeGreaterThan(0);
    expect(comparison.countries.every((c) => c.change === 'same')).toBe(true);
    expect(comparison.regimes.map((r) => [r.regime, r.findings, r.sentences])).toEqual(regimeIds.map((r) => [r, [], []]));
  });

  it('says the encounter is not played before it is, with nothing else', () => {
    const state = playUsImpactor(kx, 2).state;
    expect(state.outcome).toBeNull();
    expect(compareOutcomes(state, null)).toEqual({ encounterPlayed: false, actual: null, undeflected: null, countries: [], regimes: [] });
  });
});

describe('changeFor', () => {
  const h = (exposedPopulation: number, casualties: number, damageMUsd: number) => ({ exposedPopulation, casualties, damageMUsd });
  it('calls a country brought into the blast, or into any harm, newly hit, and one taken out of it saved', () => {
    expect(changeFor(h(1000, 10, 5), h(0, 2, 1))).toBe('newly-hit');
    expect(changeFor(h(0, 2, 1), h(0, 0, 0))).toBe('newly-hit');
    expect(changeFor(h(0, 2, 1), h(1000, 10, 5))).toBe('saved');
    expect(changeFor(h(0, 0, 0), h(0, 1, 0.1))).toBe('saved');
  });
  it('otherwise weighs casualties first, then damage', () => {
    expect(changeFor(h(10, 5, 100), h(10, 6, 1))).toBe('less-harm');
    expect(changeFor(h(10, 6, 1), h(10, 6, 2))).toBe('less-harm');
    expect(changeFor(h(10, 7, 1), h(10, 6, 2))).toBe('more-harm');
    expect(changeFor(h(10, 6, 2), h(10, 6, 2))).toBe('same');
  });
});
