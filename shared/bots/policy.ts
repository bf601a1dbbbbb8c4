// What a bot does, apart from how it talks to the server: from the seat's view and the
// legal commands the server sent, the moves it would make now, most urgent first. Every
// move is one the legal commands allow, so a bot never tries to break a rule on purpose.
import { addMonths, daysBetween } from '../calendar.js';
import type { ActorKind } from '../scenario/schema.js';
import type { ClientCommand, CommandType, Orders, PushDirection } from '../engine/commands.js';
import { expectedStrikeKm } from '../engine/foresight.js';
import { missionEffect } from '../engine/mission-effect.js';
import type { LegalCommands } from '../engine/legal-commands.js';
import type { AgreementState } from '../engine/state.js';
import type { PlayerView } from '../engine/view.js';
import type { Xorshift32 } from './random.js';

/** A balance (M USD) from which a bot grants a request for assistance. */
export const RICH_BALANCE_MUSD = 200;

/**
 * What the policy reads of a seat's legal commands: a `LegalCommands` will do; the simulator
 * hands in one that works each answer out when it is first asked for.
 */
export type PolicyLegality = Pick<
  LegalCommands,
  'missionProviders' | 'launchableMissions' | 'fundableMissions' | 'respondableAgreements' | 'votableResolutions' | 'biddableMissions' | 'acceptableBids' | 'authorisableMissions'
> & {
  commands: { includes(type: CommandType): boolean };
};

/** A move a bot would make, and the intent it fulfils: a bot attempts each intent at most once. */
export interface Move {
  intent: string;
  command: ClientCommand;
}

/** A bot's choices for one round, drawn once when it first sees the round so a rehearsal replays the same way. */
export interface RoundPlan {
  round: number;
  /** Whether it speaks up in this round's deliberation, how, and which line it picks (a draw in [0, 1)). */
  speaks: boolean;
  channel: 'message' | 'statement';
  line: number;
  /** Shares of its balance for observation and for missions still being funded. */
  observeShare: number;
  missionShare: number;
}

/** Draws a bot's plan for a round: always the same five draws, in the same order. */
export function drawRoundPlan(rng: Xorshift32, round: number): RoundPlan {
  return {
    round,
    speaks: rng.next() < 0.5,
    channel: rng.next() < 0.5 ? 'message' : 'statement',
    line: rng.next(),
    observeShare: rng.between(0.15, 0.25),
    missionShare: rng.between(0.35, 0.45),
  };
}

/**
 * When a state at risk orders the evacuation of its territory (or, while it cannot pay for one,
 * the sheltering of its people; the legal commands allow it only where the corridor crosses the
 * state): never; early (once the published probability reaches 50 %, or in the last round at
 * 1 % or more); or late (in the last round, at 10 % or more).
 */
export type EvacuationHabit = 'never' | 'early' | 'late';

/**
 * A bot's character for a whole game: how eagerly it proposes and funds a deflection, how
 * much it observes, when it evacuates, which way it pushes and whether it signs agreements.
 * The simulator draws one per actor and game, so that games explore plausible plays; the
 * bots at a table play `DEFAULT_TEMPERAMENT`.
 */
export interface Temperament {
  /** The first round in which a space-faring state may propose a deflection mission (when the table's campaign needs one); null: it never proposes one. */
  proposesFromRound: number | null;
  /** The mission type it proposes (a deflection in the catalogue); null: the kinetic impactor the campaign needs (`proposalType`). */
  missionTypeId: string | null;
  /**
   * The direction it insists on (a contrarian: its own interest, say sparing its territory,
   * before the table's); null: it follows the table (`tableDirection`), the campaign already
   * paid for or else the nearer exit of the capture disc.
   */
  direction: PushDirection | null;
  /** Factors on the round plan's shares of the balance for missions and for observation. */
  missionScale: number;
  observeScale: number;
  evacuation: EvacuationHabit;
  /** Whether it accepts agreements on the usual terms (`acceptsAgreement`), or refuses all but consultation. */
  agreeable: boolean;
  /** Whether it speaks up in deliberation when its round plan says so. */
  talks: boolean;
}

/**
 * The bots' character at a table: follows the table's direction, proposes the kinetic impactor
 * the campaign needs from the first round, funds and observes by the round plan, evacuates late,
 * signs fair agreements.
 */
export const DEFAULT_TEMPERAMENT: Temperament = {
  proposesFromRound: 1,
  missionTypeId: null,
  direction: null,
  missionScale: 1,
  observeScale: 1,
  evacuation: 'late',
  agreeable: true,
  talks: true,
};

/** The share of temperaments that leave the mission type to the campaign's need. */
const TABLE_TYPE_SHARE = 0.7;
/** The share of contrarians, who insist on a direction of their own. */
export const CONTRARIAN_SHARE = 0.125;

/** What the drawing of a temperament needs from the scenario: its round count and its deflection mission types (catalogue order). */
export interface TemperamentContext {
  rounds: number;
  deflectionTypes: readonly { id: string; kind: string }[];
}

/**
 * Draws a temperament: always eight draws in the same order. Three proposers in ten wait a
 * round or two and one in eight never proposes; seven in ten leave the mission type to the
 * campaign's need, the others insist on one (kinetic impactors twice as often as any other
 * deflection); one in eight is a contrarian insisting on a direction (either, evenly); mission
 * funding ranges from a token to nearly double the plan, observation from a third to double;
 * three in ten never evacuate, the rest late or (one in four) early; one in five refuses
 * agreements.
 */
export function drawTemperament(rng: Xorshift32, ctx: TemperamentContext): Temperament {
  const proposeDraw = rng.next();
  const proposesFromRound = proposeDraw < 0.125 ? null : proposeDraw < 0.7 ? 1 : Math.min(ctx.rounds, proposeDraw < 0.85 ? 2 : 3);
  const weighted = ctx.deflectionTypes.flatMap((t) => (t.kind === 'kinetic-impactor' ? [t.id, t.id] : [t.id]));
  const typeDraw = rng.next();
  const missionTypeId = weighted.length === 0 || typeDraw < TABLE_TYPE_SHARE ? null : weighted[Math.floor(((typeDraw - TABLE_TYPE_SHARE) / (1 - TABLE_TYPE_SHARE)) * weighted.length)]!;
  const directionDraw = rng.next();
  const direction: PushDirection | null = directionDraw < CONTRARIAN_SHARE / 2 ? 'toward-start' : directionDraw < CONTRARIAN_SHARE ? 'toward-end' : null;
  const missionScale = rng.pick([0.1, 0.5, 1, 1, 1.5, 1.9]);
  const observeScale = rng.between(0.33, 2);
  const evacuationDraw = rng.next();
  const evacuation: EvacuationHabit = evacuationDraw < 0.3 ? 'never' : evacuationDraw < 0.55 ? 'early' : 'late';
  const agreeable = rng.next() >= 0.2;
  const talks = rng.next() < 0.5;
  return { proposesFromRound, missionTypeId, direction, missionScale, observeScale, evacuation, agreeable, talks };
}

interface Context {
  name: string;
  designation: string;
  /** Latest published impact probability, as a percentage for people to read. */
  percent: string;
}

const LINES: Record<ActorKind, ((c: Context) => string)[]> = {
  'space-faring-state': [
    (c) => `${c.name} shares its tracking data on ${c.designation} and is ready to lead a deflection campaign.`,
    (c) => `At ${c.percent} we cannot wait: ${c.name} invites partners to fund a kinetic impactor.`,
    (c) => `${c.name} will keep observing ${c.designation} and report to IAWN every round.`,
  ],
  'non-space-faring-state': [
    (c) => `${c.name} asks the space-faring states to act early on ${c.designation} and to keep us informed.`,
    (c) => `With the probability at ${c.percent}, ${c.name} is preparing its civil protection plans.`,
    (c) => `${c.name}'s observatories will support the international tracking campaign.`,
  ],
  'private-company': [
    (c) => `${c.name} can build and fly a spacecraft to ${c.designation} on a short schedule.`,
    (c) => `${c.name} stands ready to offer launch services to any state leading a mission.`,
  ],
  'un-body': [
    (c) => `The ${c.name} urges all states to coordinate through IAWN and SMPAG on ${c.designation}.`,
    (c) => `The ${c.name} reminds states of their duty to consult under Article IX of the Outer Space Treaty.`,
  ],
};

const floorCents = (x: number) => Math.max(0, Math.floor(x * 100 + 1e-6) / 100);

/** Whether a bot accepts an agreement it is party to: assistance if it can afford it, fair shares, any consultation. */
export function acceptsAgreement(agreement: AgreementState, actorId: string, balanceMUsd: number, temperament: Temperament = DEFAULT_TEMPERAMENT): boolean {
  const share = agreement.shares[actorId] ?? 0;
  if (!temperament.agreeable) return agreement.kind === 'consultation';
  switch (agreement.kind) {
    case 'assistance':
      return balanceMUsd >= RICH_BALANCE_MUSD;
    case 'consultation':
      return true;
    case 'cost-sharing':
      return share <= balanceMUsd * 0.5;
    case 'apportionment':
      // No more than an even split of the liability among the launching states.
      return share <= 1 / (agreement.parties.length + 1) + 1e-9;
  }
}

/** The published probability from which the table takes the threat seriously and funds its campaign in earnest (0.5 %). */
export const THREAT_PROBABILITY = 0.005;
/** How much more of its balance a bot offers its campaign once the threat is serious: a deadline does not wait for the next budget. */
const THREAT_FUNDING_FACTOR = 2.5;
/** A company's price for building and flying a mission, as a share of the catalogue's cost (a documented game value: commercial procurement, as for rideshare launches). */
export const COMPANY_PRICE_SHARE = 0.9;
/** The least time (days) before the encounter at which a push is worth flying for. */
const MIN_LEAD_DAYS = 30;

type MissionViewOf = PlayerView['missions'][number];

/** Mission statuses of a push still to come or already made (not lost, not too late). */
const CAMPAIGN_STATUSES: ReadonlySet<MissionViewOf['status']> = new Set(['proposed', 'building', 'ready', 'launch-ordered', 'in-flight', 'arrived']);

const signOf = (direction: PushDirection) => (direction === 'toward-end' ? 1 : -1);

/** Where the body strikes if it strikes (km on the target plane, `expectedStrikeKm` of the latest published estimate); null when it leaves no chance. */
function strikeKmOf(view: PlayerView): number | null {
  const latest = view.estimates.at(-1);
  return latest ? expectedStrikeKm(latest.meanKm, latest.sigmaKm, view.asteroid.captureRadiusKm) : null;
}

/**
 * The push that leaves the capture disc soonest as the table knows it: toward the edge nearer
 * the point where the body strikes if it strikes (positive encounter km: toward the corridor's
 * end); toward the end when the estimate leaves no chance of a strike or points at the centre.
 */
export function nearerExit(view: PlayerView): PushDirection {
  const strike = strikeKmOf(view);
  return strike !== null && strike < 0 ? 'toward-start' : 'toward-end';
}

/**
 * The direction the table pushes: that of the deflection campaign money has already gone into
 * (the direction with more funding among deflections not lost), so that no one undoes a push
 * paid for when the estimate wavers about the centre; else the nearer exit. Once the estimate
 * shows clearly (by more than half its spread) that the body strikes on the other side, the
 * table turns to the nearer exit if the push still needed that way is less than the long way
 * round — the long way's missions not yet launched then stay on the ground.
 */
export function tableDirection(view: PlayerView): PushDirection {
  let funded = 0;
  for (const m of view.missions) if (m.kind !== 'reconnaissance' && CAMPAIGN_STATUSES.has(m.status)) funded += signOf(m.direction) * m.fundedMUsd;
  const nearer = nearerExit(view);
  if (funded === 0) return nearer;
  const campaign: PushDirection = funded > 0 ? 'toward-end' : 'toward-start';
  const strike = strikeKmOf(view);
  if (nearer === campaign || strike === null) return campaign;
  const clear = Math.abs(strike) > Math.min(view.estimates.at(-1)!.sigmaKm, view.asteroid.captureRadiusKm) / 2;
  return clear && campaignShortfallKm(view, nearer) < campaignShortfallKm(view, campaign) ? nearer : campaign;
}

/** The direction a bot of this temperament pushes: a contrarian's own, else the table's. */
export function pushDirectionOf(view: PlayerView, temperament: Temperament = DEFAULT_TEMPERAMENT): PushDirection {
  return temperament.direction ?? tableDirection(view);
}

/** When a mission would arrive, as the table can foresee it now (funded this round, launched as soon as built); null once it has arrived or is lost. */
function foreseenArrival(view: PlayerView, m: Pick<MissionViewOf, 'status' | 'buildMonths' | 'flightMonths' | 'readyDate' | 'arrivalDate'>): string | null {
  const today = view.exercise.scenarioDate;
  switch (m.status) {
    case 'proposed':
      return addMonths(today, m.buildMonths + m.flightMonths);
    case 'building':
      return addMonths(m.readyDate !== null && m.readyDate > today ? m.readyDate : today, m.flightMonths);
    case 'ready':
    case 'launch-ordered':
      return addMonths(today, m.flightMonths);
    case 'in-flight':
      return m.arrivalDate;
    case 'arrived':
    case 'failed':
    case 'too-late':
      return null;
  }
}

/** Whether a push arriving on that date comes in time to matter. */
const inTime = (view: PlayerView, arrival: string | null) => arrival !== null && daysBetween(arrival, view.exercise.potentialImpactDate) >= MIN_LEAD_DAYS;

/** The push (km on the target plane) a mission type delivers arriving on that date, for a body of the published mid-size (nominal unknowns; 0 for a reconnaissance). */
function foreseenShiftKm(view: PlayerView, typeId: string, arrival: string): number {
  const type = view.missionTypes.find((t) => t.id === typeId);
  if (!type) return 0;
  const a = view.asteroid;
  const effect = missionEffect(type.spec, { diameterM: (a.diameterMinM + a.diameterMaxM) / 2, densityKgM3: a.densityKgM3 }, daysBetween(arrival, view.exercise.potentialImpactDate));
  return effect?.shiftKm ?? 0;
}

/** Whether a mission can still be paid for and arrive in time (a reconnaissance too). */
export function arrivesInTime(view: PlayerView, m: MissionViewOf): boolean {
  return inTime(view, foreseenArrival(view, m));
}

/**
 * How far (km on the target plane) the table's pushes in `direction` still fall short: from
 * where the body strikes if it strikes to the disc's edge that way, plus half the estimate's
 * spread (at most half the capture radius) as a margin, less what the deflections still to
 * arrive in time will push (those the other way count against once launched). 0 when the
 * estimate leaves no chance of a strike.
 */
export function campaignShortfallKm(view: PlayerView, direction: PushDirection): number {
  const strike = strikeKmOf(view);
  if (strike === null) return 0;
  const radius = view.asteroid.captureRadiusKm;
  const sign = signOf(direction);
  const sigma = view.estimates.at(-1)!.sigmaKm;
  let planned = 0;
  for (const m of view.missions) {
    if (m.kind === 'reconnaissance' || (m.direction !== direction && m.status !== 'launch-ordered' && m.status !== 'in-flight')) continue;
    const arrival = foreseenArrival(view, m);
    if (!inTime(view, arrival)) continue;
    planned += signOf(m.direction) * sign * foreseenShiftKm(view, m.typeId, arrival!);
  }
  return Math.max(0, radius - sign * strike + Math.min(sigma, radius) / 2 - planned);
}

/**
 * The mission type a bot proposes to cover a shortfall: the one its temperament insists on, or
 * else the cheapest kinetic impactor whose foreseen push covers it, or the strongest that can
 * still arrive in time; when none can, the quickest, so that the table learns it is too late.
 */
export function proposalType(view: PlayerView, shortfallKm: number, temperament: Temperament = DEFAULT_TEMPERAMENT): string | null {
  if (temperament.missionTypeId !== null) return view.missionTypes.some((t) => t.id === temperament.missionTypeId) ? temperament.missionTypeId : null;
  const today = view.exercise.scenarioDate;
  const options = view.missionTypes
    .filter((t) => t.kind === 'kinetic-impactor')
    .map((t) => {
      const arrival = addMonths(today, t.buildMonths + t.flightMonths);
      return { id: t.id, costMUsd: t.costMUsd, arrival, inTime: inTime(view, arrival), shiftKm: inTime(view, arrival) ? foreseenShiftKm(view, t.id, arrival) : 0 };
    });
  const timely = options.filter((o) => o.inTime);
  if (timely.length === 0) return options.sort((a, b) => (a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : 0))[0]?.id ?? null;
  const enough = timely.filter((o) => o.shiftKm >= shortfallKm).sort((a, b) => a.costMUsd - b.costMUsd)[0];
  return (enough ?? timely.sort((a, b) => b.shiftKm - a.shiftKm)[0]!).id;
}

/**
 * Whether a space-faring state would now propose a deflection pushing `direction`: not while a
 * deflection that way still being paid for can arrive in time (it joins that one instead), nor
 * while the campaign's pushes cover the shortfall, nor in the last round (nothing proposed then
 * can launch); when no deflection can arrive in time any more, only if the table has proposed
 * none at all.
 */
function wantsToPropose(view: PlayerView, direction: PushDirection, temperament: Temperament): string | null {
  // A mission proposed in the last round could never be launched: the exercise ends with it.
  if (view.exercise.round >= view.exercise.roundCount) return null;
  const deflections = view.missions.filter((m) => m.kind !== 'reconnaissance');
  if (deflections.some((m) => m.direction === direction && m.status === 'proposed' && arrivesInTime(view, m))) return null;
  const shortfall = campaignShortfallKm(view, direction);
  if (shortfall <= 0) return null;
  const typeId = proposalType(view, shortfall, temperament);
  if (typeId === null) return null;
  const type = view.missionTypes.find((t) => t.id === typeId)!;
  if (!inTime(view, addMonths(view.exercise.scenarioDate, type.buildMonths + type.flightMonths)) && deflections.length > 0) return null;
  return typeId;
}

/**
 * A bot's orders: what it owes under cost-sharing agreements due this round, then about
 * `missionShare` of its balance (`THREAT_FUNDING_FACTOR` times that once the published
 * probability reaches `THREAT_PROBABILITY`, leaving observation at least half its share; the
 * engine takes no more than a mission lacks, the rest stays in the budget) for the missions that can
 * still arrive in time and push its way (reconnaissance after deflections; none in the last
 * round, when nothing funded could launch), completing the
 * nearest to being paid for before the next (never more than each lacks); and about
 * `observeShare` for observation. Never more than its balance.
 */
export function ordersFor(view: PlayerView, legal: PolicyLegality, plan: RoundPlan, temperament: Temperament = DEFAULT_TEMPERAMENT): Orders {
  const me = view.me!;
  const balance = me.balanceMUsd;
  const fundable = legal.fundableMissions.flatMap((id) => view.missions.filter((m) => m.id === id));
  const funding: Record<string, number> = {};
  for (const a of view.agreements) {
    const share = a.shares[me.actorId] ?? 0;
    if (a.kind !== 'cost-sharing' || a.status !== 'accepted' || a.dueRound !== view.exercise.round || share <= 0) continue;
    if (a.missionId !== null && fundable.some((m) => m.id === a.missionId)) funding[a.missionId] = (funding[a.missionId] ?? 0) + share;
  }
  const observeShare = Math.min(1, plan.observeShare * temperament.observeScale);
  const threat = (view.estimates.at(-1)?.impactProbability ?? 0) >= THREAT_PROBABILITY;
  let missionBudget = balance * Math.max(0, Math.min(1 - observeShare / 2, plan.missionShare * temperament.missionScale * (threat ? THREAT_FUNDING_FACTOR : 1)));
  // In the last round nothing funded now could launch before the exercise ends.
  const direction = fundable.length > 0 && view.exercise.round < view.exercise.roundCount ? pushDirectionOf(view, temperament) : null;
  const lacking = fundable
    .filter((m) => direction !== null && (m.kind === 'reconnaissance' || m.direction === direction) && arrivesInTime(view, m))
    .map((m) => ({ id: m.id, recon: m.kind === 'reconnaissance', lack: Math.max(0, m.costMUsd - m.fundedMUsd - (funding[m.id] ?? 0)) }))
    .filter((m) => m.lack > 0)
    .sort((a, b) => Number(a.recon) - Number(b.recon) || a.lack - b.lack || (a.id < b.id ? -1 : 1));
  // One campaign at a time: the nearest to being paid for first, what is left to the next.
  for (const m of lacking) {
    const paid = Math.min(missionBudget, m.lack);
    if (paid <= 0) break;
    funding[m.id] = (funding[m.id] ?? 0) + paid;
    missionBudget -= paid;
  }
  let missionTotal = Object.values(funding).reduce((s, v) => s + v, 0);
  if (missionTotal > balance) {
    for (const id of Object.keys(funding)) funding[id] = (funding[id]! * balance) / missionTotal;
    missionTotal = balance;
  }
  const missionFunding: Record<string, number> = {};
  for (const [id, amount] of Object.entries(funding)) {
    const cents = floorCents(amount);
    if (cents > 0) missionFunding[id] = cents;
  }
  const committed = Object.values(missionFunding).reduce((s, v) => s + v, 0);
  const observeMUsd = floorCents(Math.min(balance * observeShare, balance - committed));
  return { observeMUsd, missionFunding };
}

/**
 * The moves a bot would make now, most urgent first: answers to agreements and votes
 * (even when ready), then — unless it is ready — the UN's notifications and resolutions,
 * a space-faring state's deflection when the table's campaign needs one (or, for a contrarian, its own way) and its launch, a request for assistance, a word in
 * deliberation, and in the orders phase its orders and readiness. Empty when there is
 * nothing to do (outside deliberation and orders, or without an actor seat). A bot never
 * answers a request to join its delegation: it cannot judge who may read its actor's
 * secrets, so that consent is left to the facilitator. It speaks at most once a round, well
 * inside the talk quota, and only when the legal commands still offer it.
 */
export function candidateMoves(view: PlayerView, legal: PolicyLegality, plan: RoundPlan, temperament: Temperament = DEFAULT_TEMPERAMENT): Move[] {
  const me = view.me;
  const phase = view.exercise.phase;
  if (me === null || (phase !== 'deliberation' && phase !== 'orders')) return [];
  const self = view.actors.find((a) => a.id === me.actorId);
  if (!self) return [];
  const round = view.exercise.round;
  const can = (type: ClientCommand['type']) => legal.commands.includes(type);
  const moves: Move[] = [];

  for (const agreementId of legal.respondableAgreements) {
    const a = view.agreements.find((x) => x.id === agreementId);
    if (!a) continue;
    moves.push({ intent: `respond:${agreementId}`, command: { type: 'RespondToAgreement', agreementId, accept: acceptsAgreement(a, me.actorId, me.balanceMUsd, temperament) } });
  }
  for (const resolutionId of legal.votableResolutions) {
    const r = view.resolutions.find((x) => x.id === resolutionId);
    if (!r || r.votes[me.actorId] !== undefined) continue;
    const vote = r.kind === 'endorse-mission' || r.kind === 'mandate-mission' ? 'yes' : 'abstain';
    moves.push({ intent: `vote:${resolutionId}`, command: { type: 'CastVote', resolutionId, vote } });
  }
  if (me.ready) return moves;

  if (can('IssueIawnNotification')) moves.push({ intent: 'iawn', command: { type: 'IssueIawnNotification' } });
  if (can('ConveneSmpag')) moves.push({ intent: 'smpag', command: { type: 'ConveneSmpag' } });
  if (self.kind === 'un-body' && can('ProposeResolution')) {
    // The UN puts the first deflection mission still on the ground to the states for endorsement, once.
    const candidate = view.missions.find(
      (m) => m.kind !== 'reconnaissance' && ['proposed', 'building', 'ready'].includes(m.status) && !view.resolutions.some((r) => r.missionId === m.id),
    );
    if (candidate) moves.push({ intent: `endorse:${candidate.id}`, command: { type: 'ProposeResolution', kind: 'endorse-mission', missionId: candidate.id } });
  }

  if (
    phase === 'deliberation' &&
    self.kind === 'space-faring-state' &&
    temperament.proposesFromRound !== null &&
    round >= temperament.proposesFromRound &&
    can('ProposeMission') &&
    legal.missionProviders.includes(me.actorId)
  ) {
    // The table's direction (or its own, for a contrarian); a deflection that way still being paid for is joined, not rivalled.
    const direction = pushDirectionOf(view, temperament);
    const missionTypeId = wantsToPropose(view, direction, temperament);
    if (missionTypeId !== null) moves.push({ intent: `propose-deflection:${round}`, command: { type: 'ProposeMission', missionTypeId, direction, providerId: me.actorId } });
  }
  if (phase === 'deliberation') moves.push(...contractMoves(view, legal, self.kind, temperament));
  if (legal.launchableMissions.length > 0) {
    // A push against the table's direction (or a contrarian's own) stays on the ground: it would undo the campaign.
    const direction = pushDirectionOf(view, temperament);
    for (const missionId of legal.launchableMissions) {
      const m = view.missions.find((x) => x.id === missionId);
      if (m && (m.kind === 'reconnaissance' || m.direction === direction)) moves.push({ intent: `launch:${missionId}`, command: { type: 'LaunchMission', missionId } });
    }
  }

  if (phase === 'deliberation' && self.kind === 'non-space-faring-state' && can('ProposeAgreement') && !view.agreements.some((a) => a.proposer === me.actorId && a.kind === 'assistance')) {
    const helper = view.actors.find((a) => a.kind === 'space-faring-state' && a.id !== me.actorId);
    if (helper) {
      moves.push({
        intent: 'request-assistance',
        command: {
          type: 'ProposeAgreement',
          kind: 'assistance',
          parties: [helper.id],
          shares: {},
          text: `${self.name} asks ${helper.name} for help with tracking and civil protection should the impact be confirmed.`,
        },
      });
    }
  }

  if (phase === 'deliberation' && wantsToEvacuate(view, temperament) && can('OrderEvacuation')) {
    // A full evacuation if it can pay for one; else its people shelter in place, once, until it can.
    if (me.balanceMUsd >= view.evacuationCostMUsd) moves.push({ intent: `evacuate:${round}`, command: { type: 'OrderEvacuation', level: 'evacuate' } });
    else if (me.balanceMUsd >= view.shelterCostMUsd && !view.shelters.includes(me.actorId)) moves.push({ intent: `shelter:${round}`, command: { type: 'OrderEvacuation', level: 'shelter' } });
  }

  if (phase === 'deliberation' && plan.speaks && temperament.talks) {
    const lines = LINES[self.kind];
    const latest = view.estimates.at(-1)?.impactProbability;
    const text = lines[Math.floor(plan.line * lines.length)]!({
      name: self.name,
      designation: view.asteroid.designation,
      percent: latest === undefined ? 'this probability' : `${(latest * 100).toFixed(1)}%`,
    });
    if (plan.channel === 'statement' && can('PostStatement')) moves.push({ intent: `speak:${round}`, command: { type: 'PostStatement', text } });
    else if (can('SendMessage')) moves.push({ intent: `speak:${round}`, command: { type: 'SendMessage', to: 'public', text } });
  }

  if (phase === 'orders') {
    if (me.orders === null && can('SubmitOrders')) moves.push({ intent: `orders:${round}`, command: { type: 'SubmitOrders', orders: ordersFor(view, legal, plan, temperament) } });
    else if (me.orders !== null && can('SetReady')) moves.push({ intent: `ready:${round}`, command: { type: 'SetReady', ready: true } });
  }
  return moves;
}

/**
 * The moves that let a company build and fly the table's campaign where the law allows it: a
 * company bids for each deflection pushing the table's way that can still arrive in time, at
 * `COMPANY_PRICE_SHARE` of its cost, on the catalogue's schedule and reliability; a lead
 * accepts a bid that is cheaper and no slower or less reliable; and the company's state of
 * nationality authorises (OST art. VI) each mission a company flies for the table's campaign.
 */
function contractMoves(view: PlayerView, legal: PolicyLegality, kind: ActorKind, temperament: Temperament): Move[] {
  const me = view.me!;
  const moves: Move[] = [];
  if (kind === 'private-company' && view.missions.some((m) => m.status === 'proposed' && m.kind !== 'reconnaissance' && m.provider !== me.actorId)) {
    const direction = pushDirectionOf(view, temperament);
    for (const missionId of legal.biddableMissions) {
      const m = view.missions.find((x) => x.id === missionId);
      if (!m || m.kind === 'reconnaissance' || m.direction !== direction || view.bids.some((b) => b.missionId === m.id && b.company === me.actorId) || !arrivesInTime(view, m)) continue;
      const priceMUsd = Math.max(m.fundedMUsd, floorCents(m.costMUsd * COMPANY_PRICE_SHARE));
      if (priceMUsd >= m.costMUsd) continue;
      moves.push({ intent: `bid:${m.id}`, command: { type: 'BidForContract', missionId: m.id, priceMUsd, buildMonths: m.buildMonths, reliability: m.reliability } });
    }
  }
  if (view.bids.some((b) => b.status === 'open' && view.missions.some((m) => m.id === b.missionId && m.lead === me.actorId))) {
    for (const bidId of legal.acceptableBids) {
      const bid = view.bids.find((b) => b.id === bidId);
      const m = bid && view.missions.find((x) => x.id === bid.missionId);
      if (!bid || !m || bid.priceMUsd >= m.costMUsd || bid.buildMonths > m.buildMonths || bid.reliability < m.reliability) continue;
      moves.push({ intent: `accept-bid:${bidId}`, command: { type: 'AcceptBid', bidId } });
      break;
    }
  }
  if (view.missions.some((m) => m.authorisingActor === me.actorId && m.authorised === null)) {
    const direction = pushDirectionOf(view, temperament);
    for (const missionId of legal.authorisableMissions) {
      const m = view.missions.find((x) => x.id === missionId);
      if (!m || m.authorised !== null) continue;
      moves.push({ intent: `authorise:${m.id}`, command: { type: 'AuthoriseMission', missionId: m.id, granted: m.kind === 'reconnaissance' || m.direction === direction } });
    }
  }
  return moves;
}

/** Whether a bot of this temperament would order an evacuation now, by the latest published probability (not whether it may). */
function wantsToEvacuate(view: PlayerView, temperament: Temperament): boolean {
  if (view.me === null || view.evacuations.includes(view.me.actorId)) return false;
  const probability = view.estimates.at(-1)?.impactProbability ?? 0;
  const lastRound = view.exercise.round === view.exercise.roundCount;
  switch (temperament.evacuation) {
    case 'never':
      return false;
    case 'early':
      return probability >= 0.5 || (lastRound && probability >= 0.01);
    case 'late':
      return lastRound && probability >= 0.1;
  }
}
