// PDC 2015 and PDC 2019 turn on a kinetic campaign that deflects a rubble pile but knocks a
// 50–80 m fragment off it, which stays on course. A scenario says so with the optional
// `asteroid.truth.kineticDisruption`: the first impactor to strike sheds the fragment, which
// keeps the course the body had before the strike and drifts from it along-track; the
// decision records it in the arrival and the resolution, and `evolve` only replays it.
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../../shared/calendar.js';
import { initialState, playerView, replay, stateHash, type EventOf } from '../../../shared/engine/index.js';
import type { Scenario } from '../../../shared/scenario/schema.js';
import { playerOf, scenario, Table } from './given.js';
import { worldData } from './playthroughs.js';

type Shedding = NonNullable<Scenario['asteroid']['truth']['kineticDisruption']>;

/** 2031 KX as a rubble pile that sheds an ~80 m fragment (5.5% of its mass) drifting at up to 5 mm/s. */
function shedding(overrides: Partial<Shedding> = {}): Scenario {
  const kineticDisruption: Shedding = { fragmentMassFraction: 0.055, probability: 1, separationSpeedMmPerS: 5, ...overrides };
  return { ...scenario, asteroid: { ...scenario.asteroid, truth: { ...scenario.asteroid.truth, kineticDisruption } } };
}

/**
 * The USA and Japan fund the eight-impactor campaign in rounds 1–2; the USA launches it in
 * round 3 (toward the corridor's end); it strikes in round 4; round 5 resolves the encounter.
 */
function campaign(s: Scenario, seed: number): { table: Table; resolutions: EventOf<'RoundResolved'>[]; missionId: string } {
  const t = new Table(seed, undefined, s);
  t.world = worldData();
  t.toPhase('deliberation');
  const missionId = t.propose('usa', 'ki-campaign');
  t.do({ type: 'OverrideValue', target: { kind: 'mission-reliability', missionId, value: 1 }, reason: 'The story needs the launch.' });
  t.playRound({ usa: [0, { [missionId]: 600 }], japan: [0, { [missionId]: 300 }] });
  t.playRound({ usa: [0, { [missionId]: 600 }], japan: [0, { [missionId]: 300 }] });
  t.toPhase('deliberation');
  t.do({ type: 'LaunchMission', missionId }, playerOf('usa'));
  t.playRound();
  t.playRound();
  t.playRound();
  return { table: t, resolutions: t.resolutions(), missionId };
}

const arrivalOf = (resolutions: readonly EventOf<'RoundResolved'>[], missionId: string) =>
  resolutions.flatMap((r) => r.missions).find((p) => p.missionId === missionId && p.change === 'arrived')!;

describe('a rubble pile that sheds a fragment when a kinetic impactor strikes it', () => {
  const seeds = [1, 2, 3, 4, 5, 6];
  const runs = seeds.map((seed) => ({ seed, ...campaign(shedding(), seed) }));

  it('records the fragment on the arrival: the course before the strike plus a drift of at most 3·v·t', () => {
    for (const { resolutions, missionId } of runs) {
      const arrival = arrivalOf(resolutions, missionId);
      const strikeRound = resolutions.find((r) => r.missions.includes(arrival))!;
      const before = resolutions[resolutions.indexOf(strikeRound) - 1]!.trueEncounterKm!;
      expect(arrival.disrupted).toBe(true);
      expect(arrival.fragmentMassFraction).toBe(0.055);
      const cloud = arrival.fragmentCloud!;
      expect(cloud.separationSpeedMmPerS).toBe(5);
      expect(Math.abs(cloud.dispersalDraw)).toBeLessThanOrEqual(1);
      const leadDays = daysBetween(arrival.date, scenario.asteroid.potentialImpactDate);
      expect(cloud.dispersalShiftKm).toBeCloseTo(3 * cloud.dispersalDraw * 5e-6 * leadDays * 86400, 6);
      expect(cloud.encounterKm).toBeCloseTo(before + cloud.dispersalShiftKm, 6);
      // The bulk takes the whole push.
      expect(strikeRound.trueEncounterKm).toBeCloseTo(before + arrival.shiftKm!, 6);
      expect(strikeRound.fragment).toEqual({ massFraction: 0.055, encounterKm: cloud.encounterKm });
    }
    expect(new Set(runs.map((r) => arrivalOf(r.resolutions, r.missionId).fragmentCloud!.dispersalDraw)).size).toBe(seeds.length);
  });

  it('ends with the fragment striking when the bulk is pushed clear, and with the bulk less the fragment when it is not', () => {
    const captureKm = scenario.asteroid.captureRadiusKm;
    let fragmentStrikes = 0;
    for (const { resolutions } of runs) {
      const last = resolutions.at(-1)!;
      expect(last.outcome).not.toBeNull();
      const bulkMisses = Math.abs(last.trueEncounterKm!) > captureKm;
      const fragmentMisses = Math.abs(last.fragment!.encounterKm) > captureKm;
      if (!bulkMisses) {
        expect(last.outcome!.summary).toMatch(/broke up; its main mass \(\d+ m\) strikes/);
      } else if (!fragmentMisses) {
        fragmentStrikes++;
        // (0.055)^(1/3) × 210 m ≈ 80 m.
        expect(last.outcome!.summary).toMatch(/broke up; a 80 m fragment strikes/);
      } else {
        expect(last.outcome!.kind).toBe('miss');
      }
    }
    expect(fragmentStrikes, 'a campaign that pushes the bulk clear leaves the fragment on course').toBeGreaterThan(0);
  });

  it('sheds once: a second impactor does not shed another fragment', () => {
    const t = new Table(7, undefined, shedding());
    t.world = worldData();
    t.toPhase('deliberation');
    const first = t.propose('usa', 'ki-single');
    const second = t.propose('japan', 'ki-single');
    for (const id of [first, second]) t.do({ type: 'OverrideValue', target: { kind: 'mission-reliability', missionId: id, value: 1 }, reason: 'Both fly.' });
    t.playRound({ usa: [0, { [first]: 500 }], japan: [0, { [second]: 300 }] });
    t.playRound({ japan: [0, { [second]: 200 }] });
    t.toPhase('deliberation');
    t.do({ type: 'LaunchMission', missionId: first }, playerOf('usa'));
    t.playRound();
    t.toPhase('deliberation');
    t.do({ type: 'LaunchMission', missionId: second }, playerOf('japan'));
    t.playRound();
    const arrivals = t.resolutions().flatMap((r) => r.missions).filter((p) => p.change === 'arrived');
    expect(arrivals).toHaveLength(2);
    expect(arrivals.filter((p) => p.disrupted)).toHaveLength(1);
  });

  it('sheds nothing when its probability is not drawn, and nothing in a scenario without the field', () => {
    for (const s of [shedding({ probability: 0 }), scenario]) {
      const { resolutions, missionId } = campaign(s, 3);
      const arrival = arrivalOf(resolutions, missionId);
      expect(arrival.disrupted).toBe(false);
      expect(arrival.fragmentCloud).toBeUndefined();
      expect(resolutions.every((r) => r.fragment === null)).toBe(true);
    }
  });

  it('shows the fragment to the control cell, and to no actor', () => {
    const { table } = runs[0]!;
    const fragment = table.resolutions().at(-1)!.fragment!;
    expect(playerView(table.state, 'facilitator').control?.truth.fragment).toEqual(fragment);
    expect(JSON.stringify(playerView(table.state, 'actor:usa'))).not.toContain(String(fragment.encounterKm));
  });

  it('replays from its log to the same state: evolve only records the fragment', () => {
    const { table } = runs[0]!;
    expect(stateHash(replay(initialState(shedding(), 1), table.events))).toBe(stateHash(table.state));
  });
});
