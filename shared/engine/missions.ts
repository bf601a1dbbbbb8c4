// Missions, from proposal to arrival: who may propose, lead, authorise and launch them,
// how contributions pay for them, and what happens to each between one round and the next.
import { addMonths, daysBetween } from '../calendar.js';
import { sampleDeflection } from '../physics/montecarlo.js';
import { nextUniform, type RngState } from '../random.js';
import type { MissionType, NuclearStandoffType, Scenario } from '../scenario/schema.js';
import type { Command } from './commands.js';
import { accept, reject, type Decision } from './decision.js';
import { ruleError, type RuleError } from './errors.js';
import type { MissionProgress } from './events.js';
import { escapeSpeedMmPerS, missionEffect, missionEffectBand, NUCLEAR_ENERGY_COUPLING_RANGE, NUCLEAR_MOMENTUM_COUPLING_RANGE } from './mission-effect.js';
import { alongTrackShiftKmFor } from '../physics/deflection.js';
import { actorOfSeat } from './seats.js';
import type { ExerciseState, MissionState, Participant, Payment } from './state.js';
import { v4ArrivalDate, v4ReadyDate } from './legacy.js';


const actorSpec = (scenario: Scenario, id: string) => scenario.actors.find((a) => a.id === id);

/** The state actor that must authorise a company's space activity (OST art. VI): the state actor of its nationality. */
export function authorisingStateOf(scenario: Scenario, companyId: string): string | null {
  const company = actorSpec(scenario, companyId);
  if (!company || company.kind !== 'private-company') return null;
  const state = scenario.actors.find((a) => a.kind !== 'private-company' && a.kind !== 'un-body' && a.stateOfNationality === company.stateOfNationality);
  return state?.id ?? null;
}

/** Decides the mission commands: proposing, authorising and launching. */
export function decideMission(
  state: ExerciseState,
  me: Participant,
  command: Extract<Command, { type: 'ProposeMission' | 'AuthoriseMission' | 'LaunchMission' | 'BidForContract' | 'AcceptBid' | 'ContributeInKind' }>,
): Decision {
  const { scenario } = state;
  const actorId = actorOfSeat(me.seat);
  if (actorId === null) return reject(ruleError('role/not_actor', 'Only a participant in an actor’s seat can act on missions.'));
  const me_ = actorSpec(scenario, actorId)!;
  switch (command.type) {
    case 'ProposeMission': {
      // A space-faring state leads with its agency or a company; a company may also act on its own (OST art. VI).
      if (me_.kind !== 'space-faring-state' && me_.kind !== 'private-company') {
        return reject(ruleError('mission/not_capable', 'Only a space-faring state or a private space company can propose and lead a mission.'));
      }
      const type = scenario.missionTypes.find((m) => m.id === command.missionTypeId);
      if (!type) {
        return reject(ruleError('mission/unknown_type', `There is no mission type '${command.missionTypeId}'; choose one of ${scenario.missionTypes.map((m) => m.id).join(', ')}.`));
      }
      const provider = actorSpec(scenario, command.providerId);
      if (!provider) return reject(ruleError('mission/unknown_provider', `There is no actor '${command.providerId}' to build and launch the mission.`));
      const ownAgency = provider.id === actorId;
      if (!(ownAgency && me_.capabilities.launch) && provider.kind !== 'private-company') {
        return reject(
          ruleError('mission/bad_provider', `${provider.name} cannot launch it: choose your own agency (if you can launch) or a private company.`),
        );
      }
      if (me_.kind === 'private-company' && !ownAgency) {
        return reject(ruleError('mission/bad_provider', 'A company proposes missions that it flies itself.'));
      }
      const burst = burstChoice(type, command.yieldKt, command.standoffM);
      if ('code' in burst) return reject(burst);
      const missionId = `mission-${Object.keys(state.missions).length + 1}`;
      return accept({
        type: 'MissionProposed',
        missionId,
        typeId: type.id,
        name: `${type.name} (${me_.name})`,
        lead: actorId,
        provider: provider.id,
        direction: command.direction,
        costMUsd: type.costMUsd,
        authorisingActor: provider.kind === 'private-company' ? authorisingStateOf(scenario, provider.id) : null,
        ...(burst.burst ? { burst: burst.burst } : {}),
        kind: type.kind,
        buildMonths: type.buildMonths,
        flightMonths: type.flightMonths,
        reliability: type.reliability,
      });
    }
    case 'AuthoriseMission': {
      const mission = state.missions[command.missionId];
      if (!mission) return reject(unknownMission(command.missionId));
      if (mission.authorisingActor !== actorId) {
        return reject(ruleError('mission/not_authoriser', 'Only the company’s state of nationality authorises its space activities (OST art. VI).'));
      }
      if (mission.status !== 'proposed' && mission.status !== 'building' && mission.status !== 'ready') {
        return reject(ruleError('mission/already_launched', 'The mission has already been launched; authorisation comes before launch.'));
      }
      return accept({ type: 'MissionAuthorised', missionId: mission.id, by: actorId, granted: command.granted });
    }
    case 'BidForContract': {
      if (me_.kind !== 'private-company') return reject(ruleError('bid/not_company', 'Only a private space company bids for mission contracts.'));
      const mission = state.missions[command.missionId];
      if (!mission) return reject(unknownMission(command.missionId));
      if (mission.status !== 'proposed') return reject(ruleError('mission/fully_funded', `${mission.name} is already under way; bids are for missions still being funded.`));
      if (mission.provider === actorId) return reject(ruleError('mission/bad_provider', 'You already fly this mission.'));
      if (command.priceMUsd < mission.fundedMUsd) {
        return reject(ruleError('bid/too_cheap', `${mission.name} has already raised ${Math.round(mission.fundedMUsd)} M USD; bid at least that much.`));
      }
      return accept({
        type: 'BidSubmitted',
        bidId: `bid-${Object.keys(state.bids).length + 1}`,
        missionId: mission.id,
        company: actorId,
        priceMUsd: command.priceMUsd,
        buildMonths: command.buildMonths,
        reliability: command.reliability,
      });
    }
    case 'AcceptBid': {
      const bid = state.bids[command.bidId];
      if (!bid || bid.status !== 'open') return reject(ruleError('bid/unknown', `There is no open bid '${command.bidId}'.`));
      const mission = state.missions[bid.missionId]!;
      if (mission.lead !== actorId) return reject(ruleError('mission/not_lead', 'Only the mission’s lead chooses who builds and flies it.'));
      if (mission.status !== 'proposed') return reject(ruleError('mission/fully_funded', `${mission.name} is already under way.`));
      return accept({
        type: 'BidAccepted',
        bidId: bid.id,
        missionId: mission.id,
        authorisingActor: authorisingStateOf(scenario, bid.company),
        reliability: reliabilityWithBid(scenario, mission, bid.reliability),
      });
    }
    case 'ContributeInKind': {
      const mission = state.missions[command.missionId];
      if (!mission) return reject(unknownMission(command.missionId));
      const can = command.contribution === 'ground-station' ? me_.capabilities.deepSpaceNetwork || me_.capabilities.observatories : me_.capabilities.observatories || me_.capabilities.industry;
      if (!can) {
        return reject(ruleError('inkind/not_capable', command.contribution === 'ground-station' ? 'You have no ground station or tracking network to offer.' : 'You have no observatories or industry whose science you could offer.'));
      }
      if (mission.status === 'in-flight' || mission.status === 'arrived' || mission.status === 'failed' || mission.status === 'too-late' || mission.status === 'launch-ordered') {
        return reject(ruleError('mission/already_launched', 'Contributions in kind are made before launch.'));
      }
      if (mission.inKind.some((c) => c.actorId === actorId && c.contribution === command.contribution)) {
        return reject(ruleError('inkind/already', 'You have already made that contribution to this mission.'));
      }
      // A tracking station improves navigation; science (shape, spin, mass estimates) improves targeting: +3% / +2% reliability (documented game values).
      const reliabilityGain = Math.min(command.contribution === 'ground-station' ? 0.03 : 0.02, 0.99 - mission.reliability);
      return accept({ type: 'InKindContributed', missionId: mission.id, actorId, contribution: command.contribution, reliabilityGain: Math.max(0, reliabilityGain) });
    }
    case 'LaunchMission': {
      const mission = state.missions[command.missionId];
      if (!mission) return reject(unknownMission(command.missionId));
      if (mission.lead !== actorId) return reject(ruleError('mission/not_lead', 'Only the mission’s lead decides when to launch it.'));
      if (mission.status !== 'ready') {
        return reject(ruleError('mission/not_ready', `The mission cannot launch: it is ${describeStatus(mission)}.`));
      }
      return accept({ type: 'MissionLaunchOrdered', missionId: mission.id, round: state.round });
    }
  }
}

/**
 * The burst a proposer chose for a nuclear stand-off, checked against the catalogue: a yield
 * within its range (the nominal one unless chosen), a height within its stand-off range
 * (the optimum unless the catalogue offers one and the proposer chose). Other kinds take no
 * burst, and refuse one.
 */
function burstChoice(type: MissionType, yieldKt: number | undefined, standoffM: number | undefined): { burst: MissionState['burst'] } | RuleError {
  if (type.kind !== 'nuclear-standoff') {
    if (yieldKt !== undefined || standoffM !== undefined) return ruleError('mission/out_of_range', `${type.name} carries no nuclear device: choose no yield and no stand-off.`);
    return { burst: null };
  }
  const yields = type.yieldKtRange ?? { min: type.yieldKt, max: type.yieldKt };
  const chosenYield = yieldKt ?? type.yieldKt;
  if (chosenYield < yields.min || chosenYield > yields.max) {
    return ruleError('mission/out_of_range', yields.min === yields.max ? `${type.name} has one yield, ${yields.min} kt.` : `${type.name} offers yields from ${yields.min} to ${yields.max} kt.`);
  }
  if (standoffM !== undefined && (!type.standoffM || standoffM < type.standoffM.min || standoffM > type.standoffM.max)) {
    return ruleError(
      'mission/out_of_range',
      type.standoffM ? `${type.name} bursts between ${type.standoffM.min} and ${type.standoffM.max} m above the surface.` : `${type.name} bursts at the optimum height; its height cannot be chosen.`,
    );
  }
  return { burst: { yieldKt: chosenYield, standoffM: standoffM ?? null } };
}

/**
 * A mission's reliability once the lead accepts a company's bid: the bid's, plus what
 * contributions in kind added above the catalogue's, at most 0.99 (no mission is certain).
 */
function reliabilityWithBid(scenario: Scenario, mission: MissionState, bidReliability: number): number {
  const catalogue = scenario.missionTypes.find((t) => t.id === mission.typeId)?.reliability ?? 0;
  const inKindGain = mission.inKind.length > 0 ? mission.reliability - catalogue : 0;
  return Math.min(0.99, bidReliability + inKindGain);
}

const unknownMission = (id: string) => ruleError('mission/unknown', `There is no mission '${id}'.`);

/** A mission's status in words, for messages and the UI. */
export function describeStatus(m: MissionState): string {
  switch (m.status) {
    case 'proposed':
      return `proposed, ${Math.round(m.fundedMUsd)} of ${m.costMUsd} M USD funded`;
    case 'building':
      return `being built, ready by ${m.readyDate}`;
    case 'ready':
      return 'built and ready to launch';
    case 'launch-ordered':
      return 'ordered to launch at this resolution';
    case 'in-flight':
      return `in flight, arriving ${m.arrivalDate}`;
    case 'arrived':
      return `arrived on ${m.arrivalDate}`;
    case 'failed':
      return 'lost at launch';
    case 'too-late':
      return 'arriving after the encounter, too late to act';
  }
}

/** Checks one actor's mission contributions against the missions that exist and can still take money. */
export function checkMissionFunding(state: ExerciseState, funding: Record<string, number>): RuleError | null {
  for (const [id, amount] of Object.entries(funding)) {
    if (amount === 0) continue;
    const mission = state.missions[id];
    if (!mission) return unknownMission(id);
    if (mission.status !== 'proposed') return ruleError('mission/fully_funded', `${mission.name} is already fully funded.`);
  }
  return null;
}

/**
 * Pays the round's orders: observation in full; mission contributions in actor order, each
 * capped at what the mission still lacks (the rest stays in the actor's budget).
 */
export function payOrders(state: ExerciseState): { payments: Record<string, Payment>; fundedAfter: Record<string, number> } {
  const fundedAfter: Record<string, number> = {};
  for (const m of Object.values(state.missions)) fundedAfter[m.id] = m.fundedMUsd;
  const payments: Record<string, Payment> = {};
  for (const a of state.scenario.actors) {
    const orders = state.actors[a.id]!.orders;
    const payment: Payment = { observeMUsd: orders?.observeMUsd ?? 0, missionFunding: {} };
    for (const [id, pledged] of Object.entries(orders?.missionFunding ?? {})) {
      const m = state.missions[id];
      if (!m || m.status !== 'proposed' || pledged <= 0) continue;
      const paid = Math.min(pledged, m.costMUsd - fundedAfter[id]!);
      if (paid <= 0) continue;
      payment.missionFunding[id] = paid;
      fundedAfter[id] = fundedAfter[id]! + paid;
    }
    payments[a.id] = payment;
  }
  return { payments, fundedAfter };
}

/**
 * What one arrival tells the table about the encounter point. A push: the table knows the
 * push only as the published facts give it (`missionEffectBand`): its mean moves by the
 * nominal shift and its uncertainty grows by the band's spread, for β and the body's mass
 * are unknown — did it work? only observation or a flyby will tell. A measurement: a flyby
 * weighs the body, so every push before it is known; the uncertainty shrinks by its factor
 * and the mean is drawn toward the truth by the same factor.
 */
export type EstimateUpdate = { kind: 'push'; expectedShiftKm: number; sigmaKm: number } | { kind: 'measurement'; sigmaFactor: number; truthKm: number };

/**
 * Moves every mission forward to `horizonDate` (the next round's date, or the encounter
 * date at the last round), in a fixed order: newly funded missions start building; built
 * ones become ready; ordered launches fly or fail (one reliability draw each); arrivals
 * before the encounter push the body (one sampled deflection each) or refine the orbit.
 * Random draws come from `rng` and are recorded in the returned progress.
 */
export function progressMissions(
  state: ExerciseState,
  fundedAfter: Record<string, number>,
  horizonDate: string,
  rng: RngState,
): {
  progress: MissionProgress[];
  rng: RngState;
  trueEncounterKm: number;
  /** What the arrivals tell the table about the encounter point, in date order (see `EstimateUpdate`). */
  estimateUpdates: EstimateUpdate[];
  fragment: { massFraction: number; encounterKm: number } | null;
} {
  const { scenario } = state;
  const encounterDate = scenario.asteroid.potentialImpactDate;
  const today = state.scenarioDate;
  const progress: MissionProgress[] = [];
  let trueEncounterKm = state.trueEncounterKm;
  const estimateUpdates: EstimateUpdate[] = [];
  let fragment = state.fragment;
  // Pushes no flyby has measured yet: those before this resolution, then this resolution's own.
  const unmeasured = Object.values(state.missions).filter((m) => m.status === 'arrived' && m.shiftKm !== null && m.measured === false).map((m) => m.id);
  const arrivals: { m: MissionState; type: MissionType; date: string }[] = [];
  const arrive = (m: MissionState, type: MissionType, arrivalDate: string) => {
    const arrival = resolveArrival(scenario, type, m, trueEncounterKm, arrivalDate, rng, fragment !== null);
    rng = arrival.rng;
    fragment ??= fragmentOf(arrival.progress);
    trueEncounterKm += arrival.progress.shiftKm ?? 0;
    const p = arrival.progress;
    if (p.sigmaFactor !== null) {
      // A flyby measures the body: the pushes before it are known, the estimate drawn toward the truth.
      estimateUpdates.push({ kind: 'measurement', sigmaFactor: p.sigmaFactor, truthKm: trueEncounterKm });
      if (unmeasured.length > 0) p.measured = unmeasured.splice(0);
    } else if (p.expectedShiftKm !== undefined && p.shiftSigmaKm !== undefined) {
      estimateUpdates.push({ kind: 'push', expectedShiftKm: p.expectedShiftKm, sigmaKm: p.shiftSigmaKm });
      unmeasured.push(m.id);
    }
    progress.push(p);
  };
  const blank = { reliabilityDraw: null, deltaVMmPerS: null, beta: null, shiftKm: null, sigmaFactor: null, disrupted: false, fragmentMassFraction: 0 };
  for (const m of Object.values(state.missions)) {
    const type = scenario.missionTypes.find((t) => t.id === m.typeId)!;
    let status = m.status;
    let readyDate = m.readyDate;
    if (status === 'proposed' && fundedAfter[m.id]! >= m.costMUsd) {
      status = 'building';
      readyDate = addMonths(today, m.buildMonths);
      progress.push({ missionId: m.id, change: 'funded', date: today, ...blank, readyDate });
    }
    if (status === 'building' && readyDate! <= horizonDate) {
      status = 'ready';
      progress.push({ missionId: m.id, change: 'ready', date: readyDate!, ...blank });
    }
    if (status !== 'launch-ordered') continue;
    const [draw, afterLaunchDraw] = nextUniform(rng);
    rng = afterLaunchDraw;
    if (draw >= m.reliability) {
      progress.push({ missionId: m.id, change: 'launch-failed', date: today, ...blank, reliabilityDraw: draw });
      continue;
    }
    const arrivalDate = addMonths(today, m.flightMonths);
    progress.push({ missionId: m.id, change: 'launched', date: today, ...blank, reliabilityDraw: draw, arrivalDate });
    // Arriving on or after the encounter is too late, whatever the horizon.
    if (arrivalDate >= encounterDate) {
      progress.push({ missionId: m.id, change: 'arrives-too-late', date: arrivalDate, ...blank });
      continue;
    }
    if (arrivalDate > horizonDate) continue;
    arrivals.push({ m, type, date: arrivalDate });
  }
  // Missions already in flight from earlier rounds arrive too; all arrivals in date order (a
  // flyby measures only the pushes before it), each one's draws after the launches' (rules v3).
  for (const m of Object.values(state.missions)) {
    if (m.status !== 'in-flight') continue;
    const type = scenario.missionTypes.find((t) => t.id === m.typeId)!;
    if (m.arrivalDate! >= encounterDate) progress.push({ missionId: m.id, change: 'arrives-too-late', date: m.arrivalDate!, ...blank });
    else if (m.arrivalDate! <= horizonDate) arrivals.push({ m, type, date: m.arrivalDate! });
  }
  arrivals.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.m.id < b.m.id ? -1 : 1));
  for (const a of arrivals) arrive(a.m, a.type, a.date);
  return { progress, rng, trueEncounterKm, estimateUpdates, fragment };
}

/** The fragment a disruption set on its way, where its cloud's drift takes it (rules v3). */
function fragmentOf(progress: MissionProgress): { massFraction: number; encounterKm: number } | null {
  if (!progress.disrupted || !progress.fragmentCloud) return null;
  return { massFraction: progress.fragmentMassFraction, encounterKm: progress.fragmentCloud.encounterKm };
}

/**
 * The push as the table can infer it (`missionEffectBand` over the published size range, the
 * proposer's burst): the expected shift, signed, and its spread, a quarter of the band (the
 * band taken as ±2σ). Uncertain unknowns make a wide band; a tractor's has no width.
 */
function publicPush(scenario: Scenario, type: MissionType, m: MissionState, leadTimeDays: number): { expectedShiftKm: number; shiftSigmaKm: number } | Record<string, never> {
  const a = scenario.asteroid;
  const band = missionEffectBand(type, { diameterMinM: a.diameterM.min, diameterMaxM: a.diameterM.max, densityKgM3: a.densityKgM3 }, leadTimeDays, {
    ...(m.burst ? { yieldKt: m.burst.yieldKt, standoffM: m.burst.standoffM } : {}),
  });
  if (!band) return {};
  const sign = m.direction === 'toward-end' ? 1 : -1;
  return { expectedShiftKm: sign * band.shiftKm.nominal, shiftSigmaKm: Math.abs(band.shiftKm.max - band.shiftKm.min) / 4 };
}

/** A log-uniform draw in [min, max] from a uniform one. */
const logUniform = (u: number, range: { min: number; max: number }) => range.min * Math.pow(range.max / range.min, u);

function resolveArrival(
  scenario: Scenario,
  type: Scenario['missionTypes'][number],
  m: MissionState,
  trueEncounterKm: number,
  arrivalDate: string,
  rng: RngState,
  fragmented: boolean,
): { progress: MissionProgress; rng: RngState } {
  const base = { missionId: m.id, change: 'arrived' as const, date: arrivalDate, reliabilityDraw: null, disrupted: false, fragmentMassFraction: 0 };
  const sign = m.direction === 'toward-end' ? 1 : -1;
  const truthBody = scenario.asteroid.truth;
  const leadTimeDays = Math.max(0, daysBetween(arrivalDate, scenario.asteroid.potentialImpactDate));
  if (type.kind === 'reconnaissance') {
    const sigmaFactor = 1 - type.uncertaintyReduction;
    return { progress: { ...base, deltaVMmPerS: null, beta: null, shiftKm: null, sigmaFactor }, rng };
  }
  if (type.kind === 'gravity-tractor') {
    // A documented model with no unknown drawn (reference §2).
    const effect = missionEffect(type, truthBody, leadTimeDays)!;
    return { progress: { ...base, deltaVMmPerS: effect.deltaVMmPerS, beta: null, shiftKm: sign * effect.shiftKm, sigmaFactor: null, ...publicPush(scenario, type, m, leadTimeDays) }, rng };
  }
  if (type.kind === 'nuclear-standoff') {
    const burst = resolveBurst(type, m, truthBody, trueEncounterKm, leadTimeDays, base, rng);
    return { progress: { ...burst.progress, ...publicPush(scenario, type, m, leadTimeDays) }, rng: burst.rng };
  }
  // Kinetic impactor: one Monte Carlo sample of β and the delivered mass against the body as it really is.
  const truth = scenario.asteroid.truth;
  const { sample, rngAfter } = sampleDeflection(
    {
      impactors: [{ count: type.impactorCount, massKg: type.impactorMassKg, massSdKg: type.impactorMassKg * 0.03, relativeSpeedKmS: type.relativeSpeedKmS }],
      leadTimeDays,
      pushDirection: sign,
      body: { diameterM: { min: truth.diameterM, max: truth.diameterM }, densityKgM3: { min: truth.densityKgM3, max: truth.densityKgM3 } },
      encounter: { meanKm: trueEncounterKm, sigmaKm: 0 },
      captureRadiusKm: scenario.asteroid.captureRadiusKm,
    },
    rng,
  );
  // The sample gives the draws; the push itself is the one `missionEffect` computes.
  const effect = missionEffect(type, truth, leadTimeDays, { beta: sample.beta, deliveredMassKg: sample.impactorMassKg })!;
  const progress: MissionProgress = {
    ...base,
    deltaVMmPerS: effect.deltaVMmPerS,
    beta: sample.beta,
    shiftKm: sign * effect.shiftKm,
    sigmaFactor: null,
    disrupted: sample.disrupted,
    fragmentMassFraction: sample.fragmentMassFraction,
    ...publicPush(scenario, type, m, leadTimeDays),
  };
  if (!truth.kineticDisruption || fragmented) return { progress, rng: rngAfter };
  return shedFragment(progress, truth.kineticDisruption, truth, trueEncounterKm, leadTimeDays, rngAfter);
}

/**
 * A rubble pile struck by the first kinetic impactor sheds a fragment (`kineticDisruption`),
 * with two draws, always in this order: whether it sheds (below the probability) and the
 * fragment's drift. The impactor's momentum goes to the bulk; the fragment keeps the course
 * the body had before the strike and drifts from it along-track at u·(separation speed),
 * which moves its crossing by 3·u·v·t (reference §2).
 */
function shedFragment(
  progress: MissionProgress,
  shedding: NonNullable<Scenario['asteroid']['truth']['kineticDisruption']>,
  body: { diameterM: number; densityKgM3: number },
  encounterBeforeKm: number,
  leadTimeDays: number,
  rng: RngState,
): { progress: MissionProgress; rng: RngState } {
  const [uShed, r1] = nextUniform(rng);
  const [uDrift, r2] = nextUniform(r1);
  if (uShed >= shedding.probability) return { progress, rng: r2 };
  const dispersalDraw = 2 * uDrift - 1;
  const dispersalShiftKm = alongTrackShiftKmFor(dispersalDraw * shedding.separationSpeedMmPerS, leadTimeDays);
  return {
    progress: {
      ...progress,
      disrupted: true,
      fragmentMassFraction: shedding.fragmentMassFraction,
      fragmentCloud: {
        escapeSpeedMmPerS: escapeSpeedMmPerS(body),
        dispersalDraw,
        dispersalShiftKm,
        encounterKm: encounterBeforeKm + dispersalShiftKm,
        separationSpeedMmPerS: shedding.separationSpeedMmPerS,
      },
    },
    rng: r2,
  };
}

/**
 * A nuclear stand-off burst at the proposer's yield and height, with three draws, always in
 * this order: the momentum coupling and the energy coupling, each log-uniform in its
 * documented range (mission-effect.ts), and the fragment's drift. When one device's specific
 * energy exceeds Q*D the body breaks up: the bulk keeps the deflected course (momentum is
 * conserved: the cloud's centroid takes the same Δv), and the on-course fragment drifts from
 * the centroid along-track at u·v_esc — the along-track component of a dispersal at about the
 * escape speed in a random direction is uniform in [−v_esc, v_esc] — which moves its
 * crossing by 3·u·v_esc·t (reference §2).
 */
function resolveBurst(
  type: NuclearStandoffType,
  m: MissionState,
  body: { diameterM: number; densityKgM3: number },
  trueEncounterKm: number,
  leadTimeDays: number,
  base: Pick<MissionProgress, 'missionId' | 'change' | 'date' | 'reliabilityDraw'>,
  rng: RngState,
): { progress: MissionProgress; rng: RngState } {
  const [uMomentum, r1] = nextUniform(rng);
  const [uEnergy, r2] = nextUniform(r1);
  const [uDrift, r3] = nextUniform(r2);
  const sign = m.direction === 'toward-end' ? 1 : -1;
  const effect = missionEffect(type, body, leadTimeDays, {
    yieldKt: m.burst?.yieldKt ?? type.yieldKt,
    standoffM: m.burst?.standoffM ?? null,
    momentumCouplingNsPerJ: logUniform(uMomentum, NUCLEAR_MOMENTUM_COUPLING_RANGE),
    energyCouplingFraction: logUniform(uEnergy, NUCLEAR_ENERGY_COUPLING_RANGE),
  })!;
  const shiftKm = sign * effect.shiftKm;
  const burst = { ...effect.burst!, specificEnergyJPerKg: effect.specificEnergyJPerKg!, disruptionThresholdJPerKg: effect.disruptionThresholdJPerKg! };
  const progress: MissionProgress = {
    ...base,
    deltaVMmPerS: effect.deltaVMmPerS,
    beta: null,
    shiftKm,
    sigmaFactor: null,
    disrupted: effect.disrupted,
    fragmentMassFraction: effect.fragmentMassFraction,
    burst,
  };
  if (effect.disrupted) {
    const escape = escapeSpeedMmPerS(body);
    const dispersalDraw = 2 * uDrift - 1;
    const dispersalShiftKm = alongTrackShiftKmFor(dispersalDraw * escape, leadTimeDays);
    progress.fragmentCloud = { escapeSpeedMmPerS: escape, dispersalDraw, dispersalShiftKm, encounterKm: trueEncounterKm + shiftKm + dispersalShiftKm };
  }
  return { progress, rng: r3 };
}

/** Applies one resolution's mission progress to the missions, as recorded (used by `evolve`; older logs' dates from `legacy.ts`). */
export function applyMissionProgress(
  missions: Record<string, MissionState>,
  payments: Record<string, Payment>,
  progress: readonly MissionProgress[],
  scenario: Scenario,
): Record<string, MissionState> {
  const out: Record<string, MissionState> = {};
  for (const [id, m] of Object.entries(missions)) out[id] = { ...m, contributions: { ...m.contributions } };
  for (const [actorId, p] of Object.entries(payments)) {
    for (const [id, paid] of Object.entries(p.missionFunding)) {
      const m = out[id];
      if (!m) continue;
      m.fundedMUsd += paid;
      m.contributions[actorId] = (m.contributions[actorId] ?? 0) + paid;
    }
  }
  for (const step of progress) {
    const m = out[step.missionId];
    const type = m && scenario.missionTypes.find((t) => t.id === m.typeId);
    if (!m || !type) continue;
    switch (step.change) {
      case 'funded':
        m.status = 'building';
        m.readyDate = step.readyDate ?? v4ReadyDate(step, m);
        break;
      case 'ready':
        m.status = 'ready';
        break;
      case 'launched':
        m.status = 'in-flight';
        m.launchDate = step.date;
        m.arrivalDate = step.arrivalDate ?? v4ArrivalDate(step, m);
        break;
      case 'launch-failed':
        m.status = 'failed';
        m.launchDate = step.date;
        break;
      case 'arrived':
        m.status = 'arrived';
        m.deltaVMmPerS = step.deltaVMmPerS;
        m.shiftKm = step.shiftKm;
        if (step.expectedShiftKm !== undefined) {
          m.expectedShiftKm = step.expectedShiftKm;
          m.shiftSigmaKm = step.shiftSigmaKm ?? 0;
          m.measured = false;
        }
        for (const id of step.measured ?? []) if (out[id]) out[id] = { ...out[id], measured: true };
        break;
      case 'arrives-too-late':
        m.status = 'too-late';
        break;
    }
  }
  return out;
}
