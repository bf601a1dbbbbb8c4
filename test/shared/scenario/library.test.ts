// The library's scenarios after real exercises play as their headers say: each is driven
// through the engine to its end and meets the facts it claims (the probabilities of the
// exercise it follows, where the body strikes, what an early or a late decision does).
import { describe, expect, it } from 'vitest';
import { greatCircleKm } from '../../../shared/geo/corridor.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { Table, actorsSeated, facilitatorSeated, playerOf, type OrdersTuple } from '../engine/given.js';
import { bundledScenario, worldData } from '../engine/playthroughs.js';

/** A table of this scenario with every seat taken, the world data loaded. */
function tableOf(scenario: Scenario, seed: number): Table {
  const t = new Table(seed, [...facilitatorSeated(), ...actorsSeated(scenario.actors.map((a) => a.id))], scenario);
  t.world = worldData();
  return t;
}

/** Plays every round with nobody acting, then ends the exercise. */
function playToEnd(t: Table): void {
  for (let r = 1; r <= t.scenarioOfTable.calendar.rounds.length; r++) t.playRound();
  t.advance();
}

/** The published impact probabilities, at round 0 (the first briefing) and after each resolution. */
const probabilities = (t: Table): number[] => t.state.estimateHistory.map((e) => e.impactProbability);

/**
 * Proposes `missionTypeId` for `lead` in round 1 and has `payers` pay for it in order, round
 * after round, until it is paid; launches it as soon as it is ready; plays to the end.
 */
function campaign(scenario: Scenario, seed: number, lead: string, missionTypeId: string, payers: readonly string[], fromRound = 1): Table {
  const t = tableOf(scenario, seed);
  const cost = scenario.missionTypes.find((m) => m.id === missionTypeId)!.costMUsd;
  let missionId: string | null = null;
  for (let round = 1; round <= scenario.calendar.rounds.length; round++) {
    t.toPhase('deliberation');
    if (round === fromRound) missionId = t.propose(lead, missionTypeId, 'toward-end');
    if (missionId && t.state.missions[missionId]!.status === 'ready') t.do({ type: 'LaunchMission', missionId }, playerOf(lead));
    const orders: Record<string, OrdersTuple> = {};
    if (missionId) {
      let lacking = cost - t.state.missions[missionId]!.fundedMUsd;
      for (const id of payers) {
        if (lacking <= 0) break;
        const pay = Math.min(lacking, scenario.actors.find((a) => a.id === id)!.budgetPerRoundMUsd);
        orders[id] = [0, { [missionId]: pay }];
        lacking -= pay;
      }
    }
    t.playRound(orders);
  }
  t.advance();
  return t;
}

describe('PDC 2021 (scenarios/pdc-2021.yaml)', () => {
  const pdc = bundledScenario('pdc-2021.yaml');

  it('starts near 5%, is certain from 2 May, and strikes Czechia near the Germany–Czechia–Austria border when nobody acts', () => {
    const t = tableOf(pdc, 2021);
    playToEnd(t);
    const [first, second] = probabilities(t);
    expect(first).toBeGreaterThan(0.04);
    expect(first).toBeLessThan(0.06);
    expect(second).toBeGreaterThan(0.99);
    const point = t.state.outcome!.impactPoint!;
    expect(point.countryIso3).toBe('CZE');
    expect(greatCircleKm(point, { lat: 48.771, lon: 13.84 })).toBeLessThan(25);
  });

  it('no mission in its catalogue reaches the body: the flyby launched as soon as it is built arrives too late', () => {
    const t = campaign(pdc, 2021, 'usa', 'recon-rapid', ['usa']);
    const [flyby] = Object.values(t.state.missions);
    expect(flyby!.status).toBe('too-late');
    expect(t.state.outcome!.kind).toBe('impact');
  });
});

describe('the 2022 interagency exercise (scenarios/interagency-2022.yaml)', () => {
  const ttx = bundledScenario('interagency-2022.yaml');

  it('starts at 71% six months out and strikes within 30 km of Winston-Salem', () => {
    const t = tableOf(ttx, 2022);
    playToEnd(t);
    expect(probabilities(t)[0]).toBeCloseTo(0.71, 2);
    const point = t.state.outcome!.impactPoint!;
    expect(point.countryIso3).toBe('USA');
    expect(greatCircleKm(point, { lat: 36.1, lon: -80.24 })).toBeLessThan(30);
  });
});

describe('TTX5 2024 (scenarios/interagency-2024-ttx5.yaml)', () => {
  const ttx5 = bundledScenario('interagency-2024-ttx5.yaml');

  it('starts at 72%, learns nothing in its first round (the body is out of sight), and strikes Spain when nobody acts', () => {
    const t = tableOf(ttx5, 2024);
    playToEnd(t);
    const [first, second] = probabilities(t);
    expect(first).toBeCloseTo(0.72, 2);
    expect(second).toBe(first);
    expect(t.state.outcome!.impactPoint!.countryIso3).toBe('ESP');
  });

  it('a campaign proposed in round 1 and paid for by rounds 1–2 launches in round 4 and pushes the body off the Earth; one begun in round 3 never flies', () => {
    const early = campaign(ttx5, 3, 'usa', 'ki-campaign', ['usa', 'spain', 'meridian', 'mexico', 'egypt']);
    expect(early.state.outcome!.kind).toBe('deflected');
    const late = campaign(ttx5, 3, 'usa', 'ki-campaign', ['usa', 'spain', 'meridian', 'mexico', 'egypt'], 3);
    expect(Object.values(late.state.missions)[0]!.launchDate).toBeNull();
    expect(late.state.outcome!.impactPoint!.countryIso3).toBe('ESP');
  });
});

describe('the 2024 YR4-like false alarm (scenarios/yr4-like.yaml)', () => {
  const yr4 = bundledScenario('yr4-like.yaml');

  it.each([1, 2, 3, 7])('seed %i: IAWN notifies by itself, the probability rises past 1.5% and falls below 1%, and the body misses', (seed) => {
    const t = tableOf(yr4, seed);
    playToEnd(t);
    const p = probabilities(t);
    expect(p[0]).toBeGreaterThan(0.01);
    expect(Math.max(...p)).toBeGreaterThan(0.015);
    expect(Math.max(...p)).toBeLessThan(0.05);
    expect(p.at(-2)).toBeLessThan(0.01);
    expect(t.events.some((e) => e.type === 'IawnNotificationIssued')).toBe(true);
    expect(t.state.outcome!.kind).toBe('no-impact');
  });
});

describe('the 45-minute classroom scenario (scenarios/teaching-45min.yaml)', () => {
  const teaching = bundledScenario('teaching-45min.yaml');

  it('has three rounds and four seats: a space-faring state, a state at risk, a company and the UN body', () => {
    expect(teaching.calendar.rounds).toHaveLength(3);
    expect(teaching.actors.map((a) => a.kind).sort()).toEqual(['non-space-faring-state', 'private-company', 'space-faring-state', 'un-body']);
  });

  it('rewards early action: an impactor paid for in round 1 deflects the body, one first paid for in round 3 never flies, and Manila is struck', () => {
    const early = campaign(teaching, 2, 'japan', 'impactor', ['japan', 'kestrel']);
    expect(early.state.outcome!.kind).toBe('deflected');
    const late = campaign(teaching, 2, 'japan', 'impactor', ['japan', 'kestrel'], 3);
    expect(Object.values(late.state.missions)[0]!.launchDate).toBeNull();
    expect(late.state.outcome!.impactPoint!.countryIso3).toBe('PHL');
  });

  it('Japan cannot pay for the impactor alone in one round', () => {
    const japan = teaching.actors.find((a) => a.id === 'japan')!;
    expect(japan.budgetPerRoundMUsd).toBeLessThan(teaching.missionTypes.find((m) => m.id === 'impactor')!.costMUsd);
  });
});
