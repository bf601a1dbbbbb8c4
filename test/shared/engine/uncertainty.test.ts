// Item 7 of issue 12: after a deflection the public estimate's uncertainty grows — β and the
// body's mass are unknown — until a flyby measures them; the realised push stays hidden
// from participants until then. And the DART scalar form, Δv = β·m·U/M, is a head-on bound.
import { describe, expect, it } from 'vitest';
import { eventForSeat, observationRulesForRound, playerView, refineEstimate, type EventOf, type ExerciseState } from '../../../shared/engine/index.js';
import { kineticDeltaVMmPerS } from '../../../shared/physics/deflection.js';
import { Table, playerOf, scenario } from './given.js';
import { playKxNuclear } from './playthroughs.js';

/** The estimate observation alone would have published at this resolution (the same noise, money and truth). */
function observedOnly(before: ExerciseState, resolved: EventOf<'RoundResolved'>) {
  const fraction = observationRulesForRound(scenario, before.round, before.scenarioDate).observableFraction;
  return refineEstimate(scenario, before.estimate, resolved.observeTotalMUsd, resolved.noiseZ!, fraction, before.trueEncounterKm);
}

/** The USA's kinetic impactor arrives at round 4's resolution; Japan's flyby, launched at round 5, measures it. */
function impactorThenFlyby() {
  const t = new Table(2031);
  t.toPhase('deliberation');
  const impactor = t.propose('usa', 'ki-single');
  const flyby = t.propose('japan', 'recon');
  for (const id of [impactor, flyby]) t.do({ type: 'OverrideValue', target: { kind: 'mission-reliability', missionId: id, value: 1 }, reason: 'The story needs both.' });
  t.playRound({ usa: [0, { [impactor]: 500 }], japan: [0, { [flyby]: 300 }] });
  t.playRound();
  t.toPhase('deliberation');
  t.do({ type: 'LaunchMission', missionId: impactor }, playerOf('usa'));
  t.playRound();
  t.toPhase('orders');
  const beforeArrival = t.state;
  const arrivalRound = t.playRound();
  const afterArrival = t.state;
  t.toPhase('deliberation');
  t.do({ type: 'LaunchMission', missionId: flyby }, playerOf('japan'));
  const beforeFlyby = t.state;
  const flybyRound = t.playRound();
  return { t, impactor, flyby, beforeArrival, arrivalRound, afterArrival, beforeFlyby, flybyRound };
}

describe('after a deflection, until it is measured', () => {
  const story = impactorThenFlyby();

  it('moves the published estimate by the expected push, not the realised one, and widens it by the push’s spread', () => {
    const { arrivalRound, beforeArrival, impactor } = story;
    const arrival = arrivalRound.missions.find((p) => p.missionId === impactor && p.change === 'arrived')!;
    expect(arrival.expectedShiftKm).toBeDefined();
    expect(arrival.shiftSigmaKm!).toBeGreaterThan(0);
    // β 2.2–4.9 over a 120–320 m body: the realised push is not the expected one.
    expect(arrival.shiftKm).not.toBeCloseTo(arrival.expectedShiftKm!, 0);
    const observed = observedOnly(beforeArrival, arrivalRound);
    expect(arrivalRound.estimate.meanKm).toBeCloseTo(observed.meanKm + arrival.expectedShiftKm!, 6);
    expect(arrivalRound.estimate.sigmaKm).toBeCloseTo(Math.hypot(observed.sigmaKm, arrival.shiftSigmaKm!), 6);
    expect(arrivalRound.estimate.sigmaKm).toBeGreaterThan(observed.sigmaKm);
  });

  it('hides the realised Δv and shift from participants, in the event and in the mission, but not from the control cell', () => {
    const { arrivalRound, afterArrival, impactor } = story;
    const forKenya = eventForSeat(arrivalRound, 'actor:kenya', afterArrival) as EventOf<'RoundResolved'>;
    const seen = forKenya.missions.find((p) => p.missionId === impactor && p.change === 'arrived')!;
    expect(seen).toMatchObject({ deltaVMmPerS: null, beta: null, shiftKm: null });
    expect(seen.expectedShiftKm).toBe(arrivalRound.missions.find((p) => p.change === 'arrived')!.expectedShiftKm);
    const kenyaMission = playerView(afterArrival, 'actor:kenya').missions.find((m) => m.id === impactor)!;
    expect(kenyaMission).toMatchObject({ deltaVMmPerS: null, shiftKm: null, measured: false });
    expect(kenyaMission.expectedShiftKm).not.toBeNull();
    const controlMission = playerView(afterArrival, 'facilitator').missions.find((m) => m.id === impactor)!;
    expect(controlMission.shiftKm).toBe(afterArrival.missions[impactor]!.shiftKm);
    expect(eventForSeat(arrivalRound, 'facilitator', afterArrival)).toBe(arrivalRound);
  });

  it('is measured by the next flyby: the push becomes known and the estimate is drawn toward the truth', () => {
    const { flybyRound, beforeFlyby, t, impactor, flyby } = story;
    const arrival = flybyRound.missions.find((p) => p.missionId === flyby && p.change === 'arrived')!;
    expect(arrival.measured).toEqual([impactor]);
    const observed = observedOnly(beforeFlyby, flybyRound);
    const f = arrival.sigmaFactor!;
    expect(flybyRound.estimate.sigmaKm).toBeCloseTo(observed.sigmaKm * f, 6);
    expect(flybyRound.estimate.meanKm).toBeCloseTo(flybyRound.trueEncounterKm! + f * (observed.meanKm - flybyRound.trueEncounterKm!), 6);
    const kenyaMission = playerView(t.state, 'actor:kenya').missions.find((m) => m.id === impactor)!;
    expect(kenyaMission.measured).toBe(true);
    expect(kenyaMission.shiftKm).toBe(t.state.missions[impactor]!.shiftKm);
  });
});

describe('a flyby', () => {
  it('measures only the pushes that arrived before it, whatever order the missions were launched in', () => {
    // 2031 KX's busy playthrough: the flyby arrives on 2033-08-01, the nuclear burst on 2034-04-01, in one resolution.
    const t = playKxNuclear();
    const arrivals = t.resolutions().flatMap((r) => r.missions.filter((p) => p.change === 'arrived'));
    expect(arrivals.map((p) => p.date)).toEqual([...arrivals.map((p) => p.date)].sort());
    const flyby = arrivals.find((p) => p.sigmaFactor !== null)!;
    expect(flyby.measured).toBeUndefined();
    expect(t.state.missions['mission-2']!.measured).toBe(false);
  });
});

describe('the DART scalar form', () => {
  it('is a head-on bound: 2.99 mm/s from β·m·U/M against the 2.70 ± 0.10 mm/s measured along-track', () => {
    // Cheng et al. 2023: β = 3.61, m = 579.4 kg, U = 6.1449 km/s, M = 4.3e9 kg.
    const scalar = kineticDeltaVMmPerS(579.4, 6.1449, 3.61, 4.3e9);
    expect(scalar).toBeCloseTo(2.99, 2);
    const measuredAlongTrack = { value: 2.7, sigma: 0.1 };
    expect(scalar).toBeGreaterThan(measuredAlongTrack.value + measuredAlongTrack.sigma);
  });
});
