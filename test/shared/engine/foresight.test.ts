// Warnings before a commitment, foreseen by the rules that will judge the outcome (issue 14:
// "Kenya, the state at risk, is found liable for not consulting Uganda, with nothing ever having
// warned it when it paid in"), on the real 2031 KX table: a US impactor pushed toward the
// corridor's start moves the predicted point from Kenya toward Uganda.
import { describe, expect, it } from 'vitest';
import { commitmentWarnings, expectedStrikeKm } from '../../../shared/engine/foresight.js';
import { playerView } from '../../../shared/engine/view.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { Table, actorSeat, playerOf, scenario as kx, tableSeated } from './given.js';
import { worldData } from './playthroughs.js';

/** 2031 KX with Uganda at the table too, so that it can be consulted. */
function kxWithUganda(): Scenario {
  const kenya = kx.actors.find((a) => a.id === 'kenya')!;
  return { ...kx, actors: [...kx.actors, { ...kenya, id: 'uganda', name: 'Uganda', stateOfNationality: 'UGA' }] };
}

/** Round 1's deliberation with the USA's single impactor proposed in `direction`. */
function withUsImpactor(direction: 'toward-start' | 'toward-end', scenario: Scenario = kx) {
  const t = new Table(2031, tableSeated(scenario.actors.map((a) => a.id)), scenario);
  t.world = worldData();
  t.toPhase('deliberation');
  const mission = t.propose('usa', 'ki-single', direction);
  return { t, mission };
}

/**
 * What `actorId`'s seat sees, with the estimate the table reaches once observation has
 * narrowed it onto the truth (2031 KX strikes 300 km from the disc's centre: Kenya, near Uganda).
 */
function seen(t: Table, actorId: string) {
  return { ...playerView(t.state, actorSeat(actorId)), estimates: [{ meanKm: t.state.scenario.asteroid.truth.encounterKm, sigmaKm: 300 }] };
}

const countryAt = (lat: number, lon: number) => worldData().countryAt(lat, lon);

describe('warnings before paying into a mission', () => {
  it('tells Kenya that paying does not make it a launching state on this reading, but would on a broader one — contested', () => {
    const { t, mission } = withUsImpactor('toward-start');
    const warnings = commitmentWarnings(playerView(t.state, actorSeat('kenya')), 'kenya', { kind: 'contribution', missionId: mission, amountMUsd: 100 });
    expect(warnings).toEqual([
      "Paying into a mission does not make you a launching state under the reading this exercise uses (only the lead procures the launch), but a broader reading of 'procures' (art. I(c)) would — contested.",
    ]);
  });

  it('tells the lead that it procures the launch and so is a launching state', () => {
    const { t, mission } = withUsImpactor('toward-start');
    const [first] = commitmentWarnings(playerView(t.state, actorSeat('usa')), 'usa', { kind: 'contribution', missionId: mission, amountMUsd: 500 });
    expect(first).toMatch(/^You lead this mission: you procure its launch, which makes you a launching state/);
  });

  it('warns that a push toward the corridor’s start heads for Uganda, which nobody consulted', () => {
    const { t, mission } = withUsImpactor('toward-start');
    const warnings = commitmentWarnings(seen(t, 'kenya'), 'kenya', { kind: 'contribution', missionId: mission, amountMUsd: 100 }, countryAt);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/^This push moves the predicted impact point toward Uganda, which has not been consulted \(OST art\. IX\): if it strikes there, the states behind the mission may be found at fault\./);
  });

  it('does not warn of Uganda for a push the other way', () => {
    const { t, mission } = withUsImpactor('toward-end');
    const warnings = commitmentWarnings(seen(t, 'kenya'), 'kenya', { kind: 'contribution', missionId: mission, amountMUsd: 100 }, countryAt);
    expect(warnings.join(' ')).not.toContain('Uganda');
  });

  it('stops warning of Uganda once Uganda has accepted a consultation agreement about the mission', () => {
    const { t, mission } = withUsImpactor('toward-start', kxWithUganda());
    const before = commitmentWarnings(seen(t, 'usa'), 'usa', { kind: 'contribution', missionId: mission, amountMUsd: 100 }, countryAt);
    expect(before.some((w) => w.includes('toward Uganda'))).toBe(true);
    t.do({ type: 'ProposeAgreement', kind: 'consultation', parties: ['uganda'], missionId: mission, shares: {}, text: 'OST art. IX consultation on the push' }, playerOf('usa'));
    t.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, playerOf('uganda'));
    const after = commitmentWarnings(seen(t, 'usa'), 'usa', { kind: 'contribution', missionId: mission, amountMUsd: 100 }, countryAt);
    expect(after.some((w) => w.includes('Uganda'))).toBe(false);
  });

  it('warns nothing for no money, and nothing to a company (it is no state)', () => {
    const { t, mission } = withUsImpactor('toward-start');
    expect(commitmentWarnings(playerView(t.state, actorSeat('kenya')), 'kenya', { kind: 'contribution', missionId: mission, amountMUsd: 0 }, countryAt)).toEqual([]);
    const company = kx.actors.find((a) => a.kind === 'private-company')!;
    expect(commitmentWarnings(playerView(t.state, actorSeat(company.id)), company.id, { kind: 'contribution', missionId: mission, amountMUsd: 100 }, countryAt)).toEqual([]);
  });
});

describe('warnings before proposing a mission', () => {
  it('tells the proposer it becomes the lead and a launching state, and names the unconsulted country its push heads for', () => {
    const t = new Table(2031, tableSeated(), kx);
    t.world = worldData();
    t.toPhase('deliberation');
    const warnings = commitmentWarnings(seen(t, 'usa'), 'usa', { kind: 'proposal', direction: 'toward-start' }, countryAt);
    expect(warnings[0]).toMatch(/^Proposing a mission makes you its lead/);
    expect(warnings[1]).toContain('toward Uganda');
  });
});

describe('where the asteroid is expected to strike if it strikes', () => {
  it('is the estimate’s mean cut to the capture disc: on the Earth even while the mean lies off it', () => {
    expect(expectedStrikeKm(0, 1_000, 8_000)).toBeCloseTo(0, 6);
    const off = expectedStrikeKm(11_175, 11_727, 8_286)!;
    expect(off).toBeGreaterThan(0);
    expect(off).toBeLessThan(8_286);
    expect(expectedStrikeKm(-11_175, 11_727, 8_286)).toBeCloseTo(-off, 6);
    expect(expectedStrikeKm(500, 0, 8_000)).toBe(500);
    expect(expectedStrikeKm(9_000, 0, 8_000)).toBeNull();
  });

  it('names the country the table’s own estimate points toward, while its mean still lies off the Earth (2031 KX after three rounds: off Somalia)', () => {
    const t = new Table(2031, tableSeated(), kx);
    t.world = worldData();
    for (let round = 1; round <= 3; round++) t.playRound({});
    t.toPhase('deliberation');
    const latest = t.state.estimateHistory.at(-1)!;
    expect(Math.abs(latest.meanKm)).toBeGreaterThan(kx.asteroid.captureRadiusKm);
    const [, toward] = commitmentWarnings(playerView(t.state, actorSeat('usa')), 'usa', { kind: 'proposal', direction: 'toward-start' }, countryAt);
    expect(toward).toMatch(/^This push moves the predicted impact point toward Somalia,/);
  });
});
