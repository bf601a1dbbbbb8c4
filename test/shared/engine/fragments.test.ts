// Item 5 of issue 12: fragments obey momentum. A nuclear stand-off that breaks the body up
// pushes its bulk and its fragment cloud alike; the fragment drifts from the cloud's centre
// at about the escape speed; the proposer chooses the yield and the burst height within the
// catalogue's ranges; the couplings are drawn from their documented ranges and recorded.
import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../../shared/calendar.js';
import { initialState, replay, stateHash, type EventOf } from '../../../shared/engine/index.js';
import {
  escapeSpeedMmPerS,
  missionEffect,
  NUCLEAR_ENERGY_COUPLING_RANGE,
  NUCLEAR_MOMENTUM_COUPLING_RANGE,
  optimumStandoffM,
  standoffCoupling,
} from '../../../shared/engine/mission-effect.js';
import { kineticEnergyJ, impactorMassKg, joulesToMt } from '../../../shared/physics/impact.js';
import type { MissionType, NuclearStandoffType, Scenario } from '../../../shared/scenario/schema.js';
import { playerOf, scenario, Table } from './given.js';
import { worldData } from './playthroughs.js';

const truth = scenario.asteroid.truth;
const nuclearType = scenario.missionTypes.find((t): t is NuclearStandoffType => t.id === 'nuclear' && t.kind === 'nuclear-standoff')!;

/** 2031 KX with the encounter moved to 2035-12-15: a device launched at the last round (2035-01-15) arrives 30 days before it. */
const thirtyDaysOut: Scenario = { ...scenario, asteroid: { ...scenario.asteroid, potentialImpactDate: '2035-12-15' } };

/** Plays the USA's 1 Mt stand-off, funded in rounds 1–2, launched at the last round; returns the table and the last resolution. */
function standoffThirtyDaysOut(seed: number): { table: Table; last: EventOf<'RoundResolved'>; missionId: string } {
  const t = new Table(seed, undefined, thirtyDaysOut);
  t.world = worldData();
  t.toPhase('deliberation');
  const missionId = t.propose('usa', 'nuclear');
  t.do({ type: 'OverrideValue', target: { kind: 'mission-reliability', missionId, value: 1 }, reason: 'The story needs the launch.' });
  t.playRound({ usa: [0, { [missionId]: 600 }], japan: [0, { [missionId]: 300 }] });
  t.playRound({ usa: [0, { [missionId]: 300 }] });
  t.playRound();
  t.playRound();
  t.toPhase('deliberation');
  t.do({ type: 'LaunchMission', missionId }, playerOf('usa'));
  const last = t.playRound();
  return { table: t, last, missionId };
}

describe('a 1 Mt stand-off 30 days before the encounter (the story of issue 12)', () => {
  const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => ({ seed, ...standoffThirtyDaysOut(seed) }));

  it('arrives 30 days out, at the optimum height, with couplings drawn from their documented ranges and recorded', () => {
    for (const { last, missionId } of runs) {
      const arrival = last.missions.find((p) => p.missionId === missionId && p.change === 'arrived')!;
      expect(daysBetween(arrival.date, thirtyDaysOut.asteroid.potentialImpactDate)).toBe(30);
      const burst = arrival.burst!;
      expect(burst.yieldKt).toBe(1000);
      expect(burst.standoffM).toBeCloseTo(optimumStandoffM(truth.diameterM), 9);
      // At the optimum height the scale is 1: the recorded couplings are the draws themselves.
      expect(burst.momentumCouplingNsPerJ).toBeGreaterThanOrEqual(NUCLEAR_MOMENTUM_COUPLING_RANGE.min * (1 - 1e-9));
      expect(burst.momentumCouplingNsPerJ).toBeLessThanOrEqual(NUCLEAR_MOMENTUM_COUPLING_RANGE.max * (1 + 1e-9));
      expect(burst.energyCouplingFraction).toBeGreaterThanOrEqual(NUCLEAR_ENERGY_COUPLING_RANGE.min * (1 - 1e-9));
      expect(burst.energyCouplingFraction).toBeLessThanOrEqual(NUCLEAR_ENERGY_COUPLING_RANGE.max * (1 + 1e-9));
      expect(arrival.disrupted).toBe(burst.specificEnergyJPerKg > burst.disruptionThresholdJPerKg);
    }
    // The draws differ from seed to seed: the couplings are not fixed any more.
    expect(new Set(runs.map((r) => r.last.missions.find((p) => p.change === 'arrived')!.burst!.energyCouplingFraction)).size).toBe(runs.length);
  });

  it('leaves the bulk on the deflected course, where it still strikes — the outcome is the bulk, not a 65 m fragment', () => {
    const fullEnergyMt = joulesToMt(kineticEnergyJ(impactorMassKg(truth.diameterM, truth.densityKgM3), scenario.asteroid.entrySpeedKmS * 1000));
    const disrupted = runs.filter((r) => r.last.missions.some((p) => p.disrupted));
    expect(disrupted.length, 'some draws break the body up').toBeGreaterThan(0);
    expect(disrupted.length, 'and some do not').toBeLessThan(runs.length);
    for (const { last } of runs) {
      const arrival = last.missions.find((p) => p.change === 'arrived')!;
      // A push of ~0.1 m/s thirty days out moves the point ~1 000 km: still inside the capture radius.
      expect(last.trueEncounterKm).toBeCloseTo(truth.encounterKm + arrival.shiftKm!, 6);
      expect(Math.abs(last.trueEncounterKm!)).toBeLessThan(scenario.asteroid.captureRadiusKm);
      expect(last.outcome?.kind).toBe('impact');
      const energyMt = last.outcome!.kind === 'impact' ? last.outcome!.consequences.energyMt : 0;
      if (arrival.disrupted) {
        expect(last.outcome!.summary).toMatch(/broke up; its main mass \(208 m\) strikes/);
        expect(energyMt).toBeCloseTo(fullEnergyMt * (1 - arrival.fragmentMassFraction), 3);
      } else {
        expect(last.outcome!.summary).not.toMatch(/broke up/);
        expect(energyMt).toBeCloseTo(fullEnergyMt, 3);
      }
    }
  });

  it('gives the fragment cloud the same Δv and lets the fragment drift from it at no more than the escape speed', () => {
    const escape = escapeSpeedMmPerS(truth);
    // √(2GM/R) for 210 m at 2000 kg/m³: about 0.11 m/s.
    expect(escape).toBeGreaterThan(100);
    expect(escape).toBeLessThan(120);
    for (const { last } of runs) {
      const arrival = last.missions.find((p) => p.change === 'arrived')!;
      if (!arrival.disrupted) {
        expect(arrival.fragmentCloud).toBeUndefined();
        expect(last.fragment).toBeNull();
        continue;
      }
      const cloud = arrival.fragmentCloud!;
      expect(cloud.escapeSpeedMmPerS).toBeCloseTo(escape, 9);
      expect(Math.abs(cloud.dispersalDraw)).toBeLessThanOrEqual(1);
      // Δx = 3·u·v_esc·t over the 30 days left.
      expect(cloud.dispersalShiftKm).toBeCloseTo(3 * cloud.dispersalDraw * escape * 1e-6 * 30 * 86400, 6);
      expect(cloud.encounterKm).toBeCloseTo(last.trueEncounterKm! + cloud.dispersalShiftKm, 6);
      expect(last.fragment).toEqual({ massFraction: arrival.fragmentMassFraction, encounterKm: cloud.encounterKm });
    }
  });

  it('replays from its log to the same state: evolve only records the draws', () => {
    const { table } = runs[0]!;
    expect(stateHash(replay(initialState(thirtyDaysOut, 1), table.events))).toBe(stateHash(table.state));
  });
});

describe('the burst the proposer chooses', () => {
  /** 2031 KX whose nuclear catalogue entry offers 100 kt–1 Mt and burst heights of 20–500 m. */
  const withRanges: Scenario = {
    ...scenario,
    missionTypes: scenario.missionTypes.map((t): MissionType => (t.kind === 'nuclear-standoff' ? { ...t, yieldKtRange: { min: 100, max: 1000 }, standoffM: { min: 20, max: 500 } } : t)),
  };

  it('is recorded with the proposal when it lies within the catalogue’s ranges', () => {
    const t = new Table(2031, undefined, withRanges);
    t.toPhase('deliberation');
    const [event] = t.do({ type: 'ProposeMission', missionTypeId: 'nuclear', direction: 'toward-end', providerId: 'usa', yieldKt: 250, standoffM: 300 }, playerOf('usa'));
    expect(event).toMatchObject({ type: 'MissionProposed', burst: { yieldKt: 250, standoffM: 300 } });
    expect(t.state.missions['mission-1']!.burst).toEqual({ yieldKt: 250, standoffM: 300 });
  });

  it('is refused outside the ranges, and for a catalogue that offers one yield only', () => {
    const t = new Table(2031, undefined, withRanges);
    t.toPhase('deliberation');
    for (const bad of [{ yieldKt: 2000 }, { yieldKt: 50 }, { standoffM: 10 }, { standoffM: 900 }]) {
      const d = t.try({ type: 'ProposeMission', missionTypeId: 'nuclear', direction: 'toward-end', providerId: 'usa', ...bad }, playerOf('usa'));
      expect(d.ok ? null : d.error.code).toBe('mission/out_of_range');
    }
    // A catalogue entry without ranges offers its one yield and the optimum height only.
    const oneYield: Scenario = {
      ...scenario,
      missionTypes: scenario.missionTypes.map((t): MissionType => {
        if (t.kind !== 'nuclear-standoff') return t;
        const { yieldKtRange: _y, standoffM: _s, ...fixed } = t;
        return fixed;
      }),
    };
    const fixed = new Table(2031, undefined, oneYield);
    fixed.toPhase('deliberation');
    for (const command of [
      { type: 'ProposeMission', missionTypeId: 'nuclear', direction: 'toward-end', providerId: 'usa', yieldKt: 500 },
      { type: 'ProposeMission', missionTypeId: 'ki-single', direction: 'toward-end', providerId: 'usa', yieldKt: 500 },
    ] as const) {
      const d = fixed.try(command, playerOf('usa'));
      expect(d.ok ? null : d.error.code).toBe('mission/out_of_range');
    }
  });

  it('trades push against disruption: a lower burst loads the bulk more; the push peaks at the optimum height', () => {
    const d = truth.diameterM;
    const optimum = optimumStandoffM(d);
    const low = standoffCoupling(d, optimum / 4);
    const at = standoffCoupling(d, optimum);
    const high = standoffCoupling(d, optimum * 4);
    expect(at.momentumScale).toBeCloseTo(1, 12);
    expect(low.momentumScale).toBeLessThan(1);
    expect(high.momentumScale).toBeLessThan(1);
    expect(low.energyScale).toBeGreaterThan(1);
    expect(high.energyScale).toBeLessThan(1);
    // A 100 kt burst high above a 210 m body keeps it whole where 1 Mt at the optimum breaks it.
    const nominal = missionEffect(nuclearType, truth, 30)!;
    expect(nominal.disrupted).toBe(true);
    const gentle = missionEffect({ ...nuclearType, yieldKtRange: { min: 100, max: 1000 } }, truth, 30, { yieldKt: 100, standoffM: 400 })!;
    expect(gentle.disrupted).toBe(false);
    expect(gentle.deltaVMmPerS).toBeGreaterThan(0);
  });
});
