// What a bot does, apart from how it talks to the server: from the seat's view and the
// legal commands the server sent, the moves it would make now, most urgent first. Every
// move is one the legal commands allow, so a bot never tries to break a rule on purpose.
import type { ActorKind } from '../scenario/schema.js';
import type { ClientCommand, CommandType, Orders, PushDirection } from '../engine/commands.js';
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
export type PolicyLegality = Pick<LegalCommands, 'missionProviders' | 'launchableMissions' | 'fundableMissions' | 'respondableAgreements' | 'votableResolutions'> & {
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
 * the sheltering of its people): never, early (the published probability at 1 % or more), or
 * late (in the last round, at 10 % or more).
 */
export type EvacuationHabit = 'never' | 'early' | 'late';

/**
 * A bot's character for a whole game: how eagerly it proposes and funds a deflection, how
 * much it observes, when it evacuates, which way it pushes and whether it signs agreements.
 * The simulator draws one per actor and game, so that games explore plausible plays; the
 * bots at a table play `DEFAULT_TEMPERAMENT`.
 */
export interface Temperament {
  /** The first round in which a space-faring state proposes its own deflection mission; null: it never proposes one. */
  proposesFromRound: number | null;
  /** The mission type it proposes (a deflection in the catalogue); null: the catalogue's first kinetic impactor. */
  missionTypeId: string | null;
  direction: PushDirection;
  /** Factors on the round plan's shares of the balance for missions and for observation. */
  missionScale: number;
  observeScale: number;
  evacuation: EvacuationHabit;
  /** Whether it accepts agreements on the usual terms (`acceptsAgreement`), or refuses all but consultation. */
  agreeable: boolean;
  /** Whether it speaks up in deliberation when its round plan says so. */
  talks: boolean;
}

/** The bots' character at a table: proposes a kinetic impactor toward the corridor's end at once, funds and observes by the round plan, never evacuates, signs fair agreements. */
export const DEFAULT_TEMPERAMENT: Temperament = {
  proposesFromRound: 1,
  missionTypeId: null,
  direction: 'toward-end',
  missionScale: 1,
  observeScale: 1,
  evacuation: 'never',
  agreeable: true,
  talks: true,
};

/** What the drawing of a temperament needs from the scenario: its round count and its deflection mission types (catalogue order). */
export interface TemperamentContext {
  rounds: number;
  deflectionTypes: readonly { id: string; kind: string }[];
}

/**
 * Draws a temperament: always eight draws in the same order. Three proposers in ten wait a
 * round or two and one in eight never proposes; kinetic impactors are chosen twice as often as
 * any other deflection; mission funding ranges from a token to nearly double the plan,
 * observation from a third to double; half never evacuate, the rest early or late; one in
 * five refuses agreements.
 */
export function drawTemperament(rng: Xorshift32, ctx: TemperamentContext): Temperament {
  const proposeDraw = rng.next();
  const proposesFromRound = proposeDraw < 0.125 ? null : proposeDraw < 0.7 ? 1 : Math.min(ctx.rounds, proposeDraw < 0.85 ? 2 : 3);
  const weighted = ctx.deflectionTypes.flatMap((t) => (t.kind === 'kinetic-impactor' ? [t.id, t.id] : [t.id]));
  const typeDraw = rng.next();
  const missionTypeId = weighted.length === 0 ? null : weighted[Math.floor(typeDraw * weighted.length)]!;
  const direction: PushDirection = rng.next() < 0.5 ? 'toward-start' : 'toward-end';
  const missionScale = rng.pick([0.1, 0.5, 1, 1, 1.5, 1.9]);
  const observeScale = rng.between(0.33, 2);
  const evacuationDraw = rng.next();
  const evacuation: EvacuationHabit = evacuationDraw < 0.5 ? 'never' : evacuationDraw < 0.75 ? 'early' : 'late';
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

/**
 * A bot's orders: about `observeShare` of its balance for observation and `missionShare`
 * spread over the missions it may still fund (never more than each lacks), plus what it
 * owes under cost-sharing agreements due this round; never more than its balance.
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
  let missionBudget = balance * Math.min(1, plan.missionShare * temperament.missionScale);
  const lacking = fundable
    .map((m) => ({ id: m.id, lack: Math.max(0, m.costMUsd - m.fundedMUsd - (funding[m.id] ?? 0)) }))
    .filter((m) => m.lack > 0)
    .sort((a, b) => a.lack - b.lack || (a.id < b.id ? -1 : 1));
  // Spread evenly, the nearly funded first, so what they cannot take goes to the others.
  for (let i = 0; i < lacking.length; i++) {
    const m = lacking[i]!;
    const paid = Math.min(missionBudget / (lacking.length - i), m.lack);
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
  const observeMUsd = floorCents(Math.min(balance * Math.min(1, plan.observeShare * temperament.observeScale), balance - committed));
  return { observeMUsd, missionFunding };
}

/**
 * The moves a bot would make now, most urgent first: answers to agreements and votes
 * (even when ready), then — unless it is ready — the UN's notifications and resolutions,
 * a state's own kinetic impactor and its launch, a request for assistance, a word in
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

  const missionType =
    temperament.missionTypeId === null ? view.missionTypes.find((t) => t.kind === 'kinetic-impactor') : view.missionTypes.find((t) => t.id === temperament.missionTypeId);
  if (
    phase === 'deliberation' &&
    self.kind === 'space-faring-state' &&
    missionType &&
    temperament.proposesFromRound !== null &&
    round >= temperament.proposesFromRound &&
    can('ProposeMission') &&
    legal.missionProviders.includes(me.actorId) &&
    !view.missions.some((m) => m.lead === me.actorId && m.kind !== 'reconnaissance')
  ) {
    moves.push({ intent: 'propose-deflection', command: { type: 'ProposeMission', missionTypeId: missionType.id, direction: temperament.direction, providerId: me.actorId } });
  }
  for (const missionId of legal.launchableMissions) moves.push({ intent: `launch:${missionId}`, command: { type: 'LaunchMission', missionId } });

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
    if (me.orders === null && can('SubmitOrders')) moves.push({ intent: `orders:${round}`, command: { type: 'SubmitOrders', orders: ordersFor(view, legal, plan) } });
    else if (me.orders !== null && can('SetReady')) moves.push({ intent: `ready:${round}`, command: { type: 'SetReady', ready: true } });
  }
  return moves;
}

/** Whether a bot of this temperament would order an evacuation now, by the latest published probability (not whether it may). */
function wantsToEvacuate(view: PlayerView, temperament: Temperament): boolean {
  if (view.me === null || view.evacuations.includes(view.me.actorId)) return false;
  const probability = view.estimates.at(-1)?.impactProbability ?? 0;
  switch (temperament.evacuation) {
    case 'never':
      return false;
    case 'early':
      return probability >= 0.01;
    case 'late':
      return view.exercise.round === view.exercise.roundCount && probability >= 0.1;
  }
}
