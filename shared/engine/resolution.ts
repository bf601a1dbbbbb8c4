// The round's resolution: every order, agreement, vote and mission of the round resolved in
// the fixed order the README states, each step a named function below, and the outcome
// written into one `RoundResolved` event (every random draw with it), so `evolve` only records.
import { encounterMisses } from '../physics/deflection.js';
import type { HazardAssessment } from '../physics/hazard.js';
import { nextStandardNormal, type RngState } from '../random.js';
import type { CommandContext } from './commands.js';
import { encounterOutcome } from './consequences.js';
import { applyTrust, missionsWithMandates, settleAgreements, tallyResolutions, trustForLaunches, trustForSettlements, withTrustAfter } from './diplomacy.js';
import type { DomainEvent, Estimate, EventOf, Outcome, TrustChange } from './events.js';
import { payOrders, progressMissions } from './missions.js';
import { finalScores } from './scores.js';
import { impactProbability, observationRulesForRound, refineEstimate } from './observation.js';
import type { ExerciseState, Payment } from './state.js';
import { iawnNotification, tableHazard } from './warning.js';

type Resolved = EventOf<'RoundResolved'>;

/**
 * Resolves the round, in a fixed and documented order:
 * 1. payments — observation in full, mission contributions up to what each lacks (missing
 *    orders spend nothing);
 * 2. observation — the estimate is refined (not during blackout windows);
 * 3. agreements and votes — cost shares due are kept or broken, resolutions tallied (a
 *    mandate or endorsement reaches its mission);
 * 4. missions — each moves to the next round's date (the encounter date at the last round):
 *    funded ones start building, built ones become ready, ordered launches fly or fail (a
 *    reliability draw), arrivals push the body (a sampled Δv) or refine the orbit; the
 *    hazard scales of the estimate that results are published;
 * 5. trust — moves with kept and broken agreements and unilateral launches;
 * 6. at the last round, the encounter, its consequences (effects, people exposed with
 *    evacuation counted, damage) and the liability findings;
 * 7. at the last round, the scores.
 * Every random draw is recorded in the event, with the generator state after drawing.
 */
export function resolveRound(state: ExerciseState, ctx: CommandContext): DomainEvent[] {
  const { scenario } = state;
  const rounds = scenario.calendar.rounds;
  const isLast = state.round === rounds.length;
  const horizonDate = isLast ? scenario.asteroid.potentialImpactDate : rounds[state.round]!.date;

  const paid = payments(state);
  const observed = observation(state, paid.payments);
  const diplomacy = agreementsAndVotes(state, paid.payments);
  const moved = missions(diplomacy.mandated, paid.fundedAfter, horizonDate, observed);
  const hazard = hazardScales(state, moved.estimate);
  const trustChanges = trust(state, diplomacy, moved.progress);
  const outcome = isLast ? encounter(diplomacy.mandated, moved, ctx) : null;
  const scores = isLast && outcome ? finalScoresOf(state, paid.payments, trustChanges, outcome, diplomacy.agreements) : null;

  const resolved: DomainEvent = {
    type: 'RoundResolved',
    round: state.round,
    date: state.scenarioDate,
    spentMUsd: paid.payments,
    observeTotalMUsd: paid.observeTotalMUsd,
    deflectTotalMUsd: paid.deflectTotalMUsd,
    noiseZ: observed.noiseZ,
    estimate: moved.estimate,
    privateEstimates: moved.privateEstimates,
    hazard: { torino: hazard.torino, palermo: hazard.palermo, iawnThresholdCrossed: hazard.iawnNotify },
    missions: moved.progress,
    agreements: diplomacy.agreements,
    resolutions: diplomacy.resolutions,
    trustChanges,
    mandates: mandatesOf(state, diplomacy.mandated),
    scores,
    trueEncounterKm: moved.trueEncounterKm,
    fragment: moved.fragment,
    outcome,
    rngAfter: [...moved.rng],
  };
  // Where the scenario says so, IAWN notifies by itself once its threshold is crossed.
  if (scenario.un.automaticIawnNotification && !state.iawnNotified && hazard.iawnNotify && !isLast) {
    return [resolved, iawnNotification(state, moved.estimate.impactProbability)];
  }
  return [resolved];
}

/** 1. Payments: what each actor actually pays, the missions' funding after it, and the round's totals. */
function payments(state: ExerciseState) {
  const { payments, fundedAfter } = payOrders(state);
  let observeTotalMUsd = 0;
  let deflectTotalMUsd = 0;
  for (const p of Object.values(payments)) {
    observeTotalMUsd += p.observeMUsd;
    for (const paid of Object.values(p.missionFunding)) deflectTotalMUsd += paid;
  }
  return { payments, fundedAfter, observeTotalMUsd, deflectTotalMUsd };
}

interface Observed {
  noiseZ: number;
  rng: RngState;
  estimate: Estimate;
  privateEstimates: Record<string, Estimate>;
}

/**
 * 2. Observation over the time since the previous round (none is lost to a blackout before
 * round 1): one noise draw refines the published estimate and each withholder's own.
 */
function observation(state: ExerciseState, payments: Record<string, Payment>): Observed {
  const { scenario } = state;
  const [noiseZ, rng] = nextStandardNormal(state.rng);
  const fraction = observationRulesForRound(scenario, state.round, state.scenarioDate).observableFraction;
  const observeTotalMUsd = Object.values(payments).reduce((s, p) => s + p.observeMUsd, 0);
  // Tracking data kept back does not reach the published estimate; each withholder refines its own, from everything.
  const withheldMUsd = Object.keys(state.withheldTracking).reduce((s, id) => s + (payments[id]?.observeMUsd ?? 0), 0);
  const estimate = refineEstimate(scenario, state.estimate, observeTotalMUsd - withheldMUsd, noiseZ, fraction, state.trueEncounterKm);
  const privateEstimates: Record<string, Estimate> = {};
  for (const [id, own] of Object.entries(state.withheldTracking)) {
    privateEstimates[id] = refineEstimate(scenario, own, observeTotalMUsd, noiseZ, fraction, state.trueEncounterKm);
  }
  return { noiseZ, rng, estimate, privateEstimates };
}

/** 3. Agreements due now are kept or broken; resolutions put to the vote are tallied and reach their missions. */
function agreementsAndVotes(state: ExerciseState, payments: Record<string, Payment>) {
  const agreements = settleAgreements(state, payments);
  const resolutions = tallyResolutions(state);
  const mandated: ExerciseState = { ...state, missions: missionsWithMandates(state, resolutions) };
  return { agreements, resolutions, mandated };
}

/**
 * 4. Missions move to the horizon. The true point moves by each push as it really was; the
 * published estimate (and each withholder's) only as the table can know it: by the expected
 * shift, its uncertainty growing by the push's spread, until a flyby measures the body.
 */
function missions(mandated: ExerciseState, fundedAfter: Record<string, number>, horizonDate: string, observed: Observed) {
  const { scenario } = mandated;
  const moved = progressMissions(mandated, fundedAfter, horizonDate, observed.rng);
  if (moved.estimateUpdates.length === 0) return { ...moved, estimate: observed.estimate, privateEstimates: observed.privateEstimates };
  const updated = (e: Estimate): Estimate => {
    let { meanKm, sigmaKm } = e;
    for (const u of moved.estimateUpdates) {
      if (u.kind === 'push') {
        meanKm += u.expectedShiftKm;
        sigmaKm = Math.hypot(sigmaKm, u.sigmaKm);
      } else {
        meanKm = u.truthKm + u.sigmaFactor * (meanKm - u.truthKm);
        sigmaKm *= u.sigmaFactor;
      }
    }
    return { meanKm, sigmaKm, impactProbability: impactProbability(meanKm, sigmaKm, scenario.asteroid.captureRadiusKm) };
  };
  const privateEstimates: Record<string, Estimate> = {};
  for (const [id, own] of Object.entries(observed.privateEstimates)) privateEstimates[id] = updated(own);
  return { ...moved, estimate: updated(observed.estimate), privateEstimates };
}

/** The Torino and Palermo values of the estimate as it stands after the missions, and whether IAWN's threshold is crossed. */
function hazardScales(state: ExerciseState, estimate: Estimate): HazardAssessment {
  const hazard = tableHazard(state, estimate.impactProbability);
  // A probability of exactly 0 has a Palermo value of −∞, which JSON stores as null and the
  // event schema then refuses: record the value of the smallest positive probability instead.
  return Number.isFinite(hazard.palermo) ? hazard : { ...hazard, palermo: tableHazard(state, Number.MIN_VALUE).palermo };
}

/** 5. Trust moves with the agreements kept and broken and with the launches of the round. */
function trust(state: ExerciseState, diplomacy: ReturnType<typeof agreementsAndVotes>, progress: Resolved['missions']): TrustChange[] {
  const launched = progress.filter((p) => p.change === 'launched' || p.change === 'launch-failed').map((p) => p.missionId);
  return withTrustAfter(state.trust, [...trustForSettlements(state, diplomacy.agreements), ...trustForLaunches(diplomacy.mandated, launched)]);
}

/** The missions whose UN standing the adopted resolutions changed, and to what. */
function mandatesOf(state: ExerciseState, mandated: ExerciseState): NonNullable<Resolved['mandates']> {
  return Object.values(mandated.missions)
    .filter((m) => m.unMandate !== state.missions[m.id]?.unMandate)
    .map((m) => ({ missionId: m.id, unMandate: m.unMandate }));
}

/**
 * 6. The encounter: a miss, or an impact with its consequences and liability findings
 * (consequences.ts). After a disruption the bulk and the fragment are resolved apart: the
 * bulk, on the deflected course, strikes if that course is inside the capture radius; else
 * the fragment, where its drift took it; else nothing does. When both would strike, the
 * outcome is the bulk's (the consequences model one impact; the fragment's is the lesser).
 */
function encounter(mandated: ExerciseState, moved: ReturnType<typeof missions>, ctx: CommandContext): Outcome {
  const missionsAfter = { ...mandated.missions };
  for (const step of moved.progress) {
    const m = missionsAfter[step.missionId]!;
    if (step.change === 'arrived') missionsAfter[m.id] = { ...m, status: 'arrived', shiftKm: step.shiftKm, deltaVMmPerS: step.deltaVMmPerS };
  }
  const after = { ...mandated, missions: missionsAfter };
  const { fragment, trueEncounterKm } = moved;
  const captureRadiusKm = mandated.scenario.asteroid.captureRadiusKm;
  if (fragment === null) return encounterOutcome(after, trueEncounterKm, ctx.world, null);
  if (!encounterMisses(trueEncounterKm, captureRadiusKm)) {
    return encounterOutcome(after, trueEncounterKm, ctx.world, { massFraction: 1 - fragment.massFraction, encounterKm: trueEncounterKm });
  }
  if (fragment.massFraction > 0 && !encounterMisses(fragment.encounterKm, captureRadiusKm)) return encounterOutcome(after, trueEncounterKm, ctx.world, fragment);
  return encounterOutcome(after, trueEncounterKm, ctx.world, null);
}

/** 7. The scores (scores.ts), from the balances after this round's payments, the trust after its changes and the harm done. */
function finalScoresOf(state: ExerciseState, payments: Record<string, Payment>, trustChanges: TrustChange[], outcome: Outcome, settled: Resolved['agreements']): Resolved['scores'] {
  const balances: Record<string, number> = {};
  for (const a of state.scenario.actors) {
    const p = payments[a.id]!;
    balances[a.id] = state.actors[a.id]!.balanceMUsd - p.observeMUsd - Object.values(p.missionFunding).reduce((x, y) => x + y, 0);
  }
  return finalScores(state, balances, applyTrust(state.trust, trustChanges), outcome, settled);
}
