// What a bot does, apart from how it talks to the server: from the seat's view and the
// legal commands the server sent, the moves it would make now, most urgent first. Every
// move is one the legal commands allow, so a bot never tries to break a rule on purpose.
import type { ActorKind } from '../scenario/schema.js';
import type { ClientCommand, Orders } from '../engine/commands.js';
import type { LegalCommands } from '../engine/legal-commands.js';
import type { AgreementState } from '../engine/state.js';
import type { PlayerView } from '../engine/view.js';
import type { Xorshift32 } from './random.js';

/** A balance (M USD) from which a bot grants a request for assistance. */
export const RICH_BALANCE_MUSD = 200;

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
export function acceptsAgreement(agreement: AgreementState, actorId: string, balanceMUsd: number): boolean {
  const share = agreement.shares[actorId] ?? 0;
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
export function ordersFor(view: PlayerView, legal: LegalCommands, plan: RoundPlan): Orders {
  const me = view.me!;
  const balance = me.balanceMUsd;
  const fundable = legal.fundableMissions.flatMap((id) => view.missions.filter((m) => m.id === id));
  const funding: Record<string, number> = {};
  for (const a of view.agreements) {
    const share = a.shares[me.actorId] ?? 0;
    if (a.kind !== 'cost-sharing' || a.status !== 'accepted' || a.dueRound !== view.exercise.round || share <= 0) continue;
    if (a.missionId !== null && fundable.some((m) => m.id === a.missionId)) funding[a.missionId] = (funding[a.missionId] ?? 0) + share;
  }
  let missionBudget = balance * plan.missionShare;
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
  const observeMUsd = floorCents(Math.min(balance * plan.observeShare, balance - committed));
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
export function candidateMoves(view: PlayerView, legal: LegalCommands, plan: RoundPlan): Move[] {
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
    moves.push({ intent: `respond:${agreementId}`, command: { type: 'RespondToAgreement', agreementId, accept: acceptsAgreement(a, me.actorId, me.balanceMUsd) } });
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

  const kineticType = view.missionTypes.find((t) => t.kind === 'kinetic-impactor');
  if (
    phase === 'deliberation' &&
    self.kind === 'space-faring-state' &&
    kineticType &&
    can('ProposeMission') &&
    legal.missionProviders.includes(me.actorId) &&
    !view.missions.some((m) => m.lead === me.actorId && m.kind === 'kinetic-impactor')
  ) {
    moves.push({ intent: 'propose-kinetic-impactor', command: { type: 'ProposeMission', missionTypeId: kineticType.id, direction: 'toward-end', providerId: me.actorId } });
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

  if (phase === 'deliberation' && plan.speaks) {
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
