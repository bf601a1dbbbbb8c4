// Agreements, UN resolutions, trust and scores: the negotiation side of the exercise.
import type { Command } from './commands.js';
import { ruleError, type RuleError } from './errors.js';
import type { DomainEvent, EventOf, TrustChange } from './events.js';
import { actorOfSeat } from './seats.js';
import type { AgreementState, ExerciseState, Participant, Payment } from './state.js';

type Decision = { ok: true; events: DomainEvent[] } | { ok: false; error: RuleError };
const accept = (...events: DomainEvent[]): Decision => ({ ok: true, events });
const reject = (error: RuleError): Decision => ({ ok: false, error });

/** Trust every actor starts with in every other, on a 0–100 scale. */
export const NEUTRAL_TRUST = 50;
// How far trust moves (documented game parameters).
const KEPT = 5;
const BROKEN = -15;
const REFUSED_ASSISTANCE = -10;
const UNILATERAL = -10;

/** Trust of `from` in `to`. */
export function trustOf(state: ExerciseState, from: string, to: string): number {
  return state.trust[`${from}>${to}`] ?? NEUTRAL_TRUST;
}

const isStateActor = (state: ExerciseState, id: string) => {
  const kind = state.scenario.actors.find((a) => a.id === id)?.kind;
  return kind === 'space-faring-state' || kind === 'non-space-faring-state';
};

/** Decides agreements and UN business: proposing, answering and withdrawing agreements; resolutions and votes. */
export function decideDiplomacy(
  state: ExerciseState,
  me: Participant,
  command: Extract<Command, { type: 'ProposeAgreement' | 'RespondToAgreement' | 'WithdrawAgreement' | 'ProposeResolution' | 'CastVote' }>,
): Decision {
  const actorId = actorOfSeat(me.seat);
  if (actorId === null) return reject(ruleError('role/not_actor', 'Only a participant in an actor’s seat can negotiate.'));
  switch (command.type) {
    case 'ProposeAgreement':
      return proposeAgreement(state, actorId, command);
    case 'RespondToAgreement': {
      const a = state.agreements[command.agreementId];
      if (!a) return reject(ruleError('agreement/unknown', `There is no agreement '${command.agreementId}'.`));
      if (!a.parties.includes(actorId)) return reject(ruleError('agreement/not_party', 'Only the parties named in an agreement answer it.'));
      if (a.status !== 'proposed' || a.responses[actorId] !== undefined) {
        return reject(ruleError('agreement/closed', 'This agreement has already been answered or closed.'));
      }
      const { status } = applyResponse(a, actorId, command.accept);
      const events: DomainEvent[] = [{ type: 'AgreementResponded', agreementId: a.id, actorId, accept: command.accept, status }];
      // Refusing assistance costs the refuser the requester's trust (a documented game rule).
      if (!command.accept && a.kind === 'assistance') {
        const changes = withTrustAfter(state.trust, [{ from: a.proposer, to: actorId, delta: REFUSED_ASSISTANCE, reason: `refused assistance (${a.id})` }]);
        events.push({ type: 'TrustChanged', changes });
      }
      return accept(...events);
    }
    case 'WithdrawAgreement': {
      const a = state.agreements[command.agreementId];
      if (!a) return reject(ruleError('agreement/unknown', `There is no agreement '${command.agreementId}'.`));
      if (a.proposer !== actorId) return reject(ruleError('agreement/not_proposer', 'Only the actor who proposed an agreement can withdraw it.'));
      if (a.status !== 'proposed') return reject(ruleError('agreement/closed', 'Only an agreement still awaiting answers can be withdrawn.'));
      return accept({ type: 'AgreementWithdrawn', agreementId: a.id });
    }
    case 'ProposeResolution': {
      const kind = state.scenario.actors.find((x) => x.id === actorId)!.kind;
      if (kind !== 'un-body') return reject(ruleError('role/not_un', 'Only the UN body puts resolutions to the vote.'));
      const needsMission = command.kind === 'endorse-mission' || command.kind === 'mandate-mission' || command.kind === 'authorise-nuclear';
      if (needsMission && (!command.missionId || !state.missions[command.missionId])) {
        return reject(ruleError('resolution/bad_terms', 'Name the mission the resolution is about.'));
      }
      return accept({
        type: 'ResolutionProposed',
        resolutionId: `resolution-${Object.keys(state.resolutions).length + 1}`,
        kind: command.kind,
        missionId: needsMission ? command.missionId! : null,
        round: state.round,
      });
    }
    case 'CastVote': {
      const r = state.resolutions[command.resolutionId];
      if (!r) return reject(ruleError('resolution/unknown', `There is no resolution '${command.resolutionId}'.`));
      if (r.status !== 'open') return reject(ruleError('resolution/closed', 'The vote on this resolution is over.'));
      if (!isStateActor(state, actorId)) return reject(ruleError('vote/not_state', 'Only states vote on resolutions.'));
      return accept({ type: 'VoteCast', resolutionId: r.id, actorId, vote: command.vote });
    }
  }
}

function proposeAgreement(state: ExerciseState, proposer: string, c: Extract<Command, { type: 'ProposeAgreement' }>): Decision {
  const parties = [...new Set(c.parties)];
  if (parties.includes(proposer)) return reject(ruleError('agreement/bad_parties', 'Name the other parties; you are a party as the proposer.'));
  const unknown = parties.find((p) => !state.actors[p]);
  if (unknown) return reject(ruleError('agreement/bad_parties', `There is no actor '${unknown}'.`));
  const mission = c.missionId ? state.missions[c.missionId] : undefined;
  if (c.kind !== 'assistance' && !mission) return reject(ruleError('agreement/bad_terms', `A ${c.kind} agreement is about a mission: name one that exists.`));
  if (c.kind === 'assistance' && parties.length !== 1) return reject(ruleError('agreement/bad_parties', 'Ask one actor for assistance at a time.'));
  const members = new Set([proposer, ...parties]);
  const shareIds = Object.keys(c.shares);
  if (shareIds.some((id) => !members.has(id))) return reject(ruleError('agreement/bad_terms', 'Shares may only name the parties to the agreement.'));
  if (c.kind === 'cost-sharing') {
    if (mission!.status !== 'proposed') return reject(ruleError('agreement/bad_terms', `${mission!.name} is already fully funded.`));
    if (shareIds.length === 0) return reject(ruleError('agreement/bad_terms', 'Say how many M USD each party pays.'));
  }
  if (c.kind === 'apportionment') {
    const total = Object.values(c.shares).reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-6) return reject(ruleError('agreement/bad_terms', `The shares of an apportionment must add up to 1 (they add up to ${total}).`));
  }
  return accept({
    type: 'AgreementProposed',
    agreementId: `agreement-${Object.keys(state.agreements).length + 1}`,
    kind: c.kind,
    proposer,
    parties,
    missionId: mission?.id ?? null,
    shares: c.kind === 'cost-sharing' || c.kind === 'apportionment' ? { ...c.shares } : {},
    text: c.text,
    // Cost shares are due at this round's resolution: the parties pay them with their orders.
    dueRound: c.kind === 'cost-sharing' ? state.round : null,
  });
}

/** Cost-sharing agreements due at this resolution: kept if every party's payments to the mission reach its share. */
export function settleAgreements(state: ExerciseState, payments: Record<string, Payment>): EventOf<'RoundResolved'>['agreements'] {
  const out: EventOf<'RoundResolved'>['agreements'] = [];
  for (const a of Object.values(state.agreements)) {
    if (a.kind !== 'cost-sharing' || a.status !== 'accepted' || a.dueRound === null || a.dueRound > state.round) continue;
    const breachedBy = Object.entries(a.shares)
      .filter(([actorId, share]) => {
        const paidNow = payments[actorId]?.missionFunding[a.missionId!] ?? 0;
        const paidBefore = state.missions[a.missionId!]?.contributions[actorId] ?? 0;
        // A mission that filled up before the share was due does not make its backers breachers.
        const missionFull = (state.missions[a.missionId!]?.fundedMUsd ?? 0) + sumPaid(payments, a.missionId!) >= (state.missions[a.missionId!]?.costMUsd ?? 0);
        return paidNow + paidBefore + 1e-9 < share && !missionFull;
      })
      .map(([actorId]) => actorId);
    out.push({ agreementId: a.id, result: breachedBy.length > 0 ? 'breached' : 'fulfilled', breachedBy });
  }
  return out;
}

const sumPaid = (payments: Record<string, Payment>, missionId: string) =>
  Object.values(payments).reduce((s, p) => s + (p.missionFunding[missionId] ?? 0), 0);

/** Trust moves for agreements settled at this resolution: kept raises the parties' trust in each other, broken lowers everyone's in the breacher. */
export function trustForSettlements(state: ExerciseState, settled: EventOf<'RoundResolved'>['agreements']): TrustChange[] {
  const changes: TrustChange[] = [];
  for (const s of settled) {
    const a = state.agreements[s.agreementId]!;
    const members = [a.proposer, ...a.parties];
    if (s.result === 'fulfilled') {
      for (const from of members) for (const to of members) if (from !== to) changes.push({ from, to, delta: KEPT, reason: `kept ${a.id}` });
    } else {
      for (const breacher of s.breachedBy) {
        for (const from of members) if (from !== breacher) changes.push({ from, to: breacher, delta: BROKEN, reason: `broke ${a.id}` });
      }
    }
  }
  return changes;
}

/**
 * Unilateral acts at a launch cost every other actor's trust: a company flying without its
 * state's authorisation (OST art. VI), and a nuclear device flown without the UN's
 * authorisation (OST art. IV, the PTBT), which costs its lead more.
 */
export function trustForLaunches(state: ExerciseState, launchedMissionIds: readonly string[]): TrustChange[] {
  const changes: TrustChange[] = [];
  for (const id of launchedMissionIds) {
    const m = state.missions[id]!;
    if (m.authorisingActor !== null && m.authorised !== true) {
      for (const a of state.scenario.actors) {
        if (a.id !== m.provider) changes.push({ from: a.id, to: m.provider, delta: UNILATERAL, reason: `launched ${m.id} without authorisation` });
      }
    }
    if (m.kind === 'nuclear-standoff' && m.unMandate !== 'mandated') {
      for (const a of state.scenario.actors) {
        if (a.id !== m.lead) changes.push({ from: a.id, to: m.lead, delta: BROKEN, reason: `flew a nuclear device (${m.id}) without UN authorisation` });
      }
    }
  }
  return changes;
}

/** UN Charter art. 23(1): the permanent members of the Security Council, by ISO 3166-1 alpha-3 code. */
export const PERMANENT_MEMBERS: readonly string[] = ['CHN', 'FRA', 'RUS', 'GBR', 'USA'];

/** Resolutions that only a Security Council decision can adopt: they mandate a mission, or authorise a nuclear device. */
export const councilKinds: readonly ResolutionKind[] = ['mandate-mission', 'authorise-nuclear'];

type ResolutionKind = ExerciseState['resolutions'][string]['kind'];
type Tally = EventOf<'RoundResolved'>['resolutions'][number];

/**
 * The states at the table that hold a veto: scenario actors that are states and whose state of
 * nationality is a permanent member of the Security Council (UN Charter art. 23(1)).
 */
export function permanentMembersAtTable(state: ExerciseState): string[] {
  return state.scenario.actors.filter((a) => isStateActor(state, a.id) && a.stateOfNationality !== undefined && PERMANENT_MEMBERS.includes(a.stateOfNationality)).map((a) => a.id);
}

/**
 * Tallies the open resolutions. A mandate or a nuclear authorisation is a Security Council
 * decision; the table's states stand in for the Council: it needs the affirmative votes of
 * three fifths of them (nine of fifteen, UN Charter art. 27(3)), so an abstention is not a
 * "yes", and no permanent member at the table may vote against it (its veto, art. 27(3); an
 * abstention is no veto, per the Council's practice the ICJ accepted in Namibia, 1971, §22).
 * Scaling nine of fifteen to the table is a choice of this engine. An endorsement, or a common
 * fund, is a General Assembly or COPUOS resolution under the scenario's voting rule, with
 * abstentions not counted; it mandates nothing.
 */
export function tallyResolutions(state: ExerciseState): EventOf<'RoundResolved'>['resolutions'] {
  const rule = state.scenario.un.votingRule;
  const members = state.scenario.actors.filter((a) => isStateActor(state, a.id)).length;
  const vetoHolders = permanentMembersAtTable(state);
  return Object.values(state.resolutions)
    .filter((r) => r.status === 'open')
    .map((r): Tally => {
      const votes = Object.values(r.votes);
      const yes = votes.filter((v) => v === 'yes').length;
      const no = votes.filter((v) => v === 'no').length;
      const abstain = votes.filter((v) => v === 'abstain').length;
      if (councilKinds.includes(r.kind)) {
        const vetoedBy = vetoHolders.filter((id) => r.votes[id] === 'no');
        // UN Charter art. 27(3): nine affirmative votes of fifteen, the permanent members concurring.
        const adopted = yes * 5 >= members * 3 && vetoedBy.length === 0;
        return { resolutionId: r.id, adopted, yes, no, abstain, body: 'security-council', vetoedBy };
      }
      const adopted = rule === 'consensus' ? yes > 0 && no === 0 : rule === 'two-thirds' ? yes > 0 && yes * 3 >= (yes + no) * 2 : yes > no;
      return { resolutionId: r.id, adopted, yes, no, abstain, body: 'general-assembly', vetoedBy: [] };
    });
}

/** The changes in order, each with the trust it leaves (`after`, kept within 0–100), so that `evolve` only records it. */
export function withTrustAfter(trust: Record<string, number>, changes: readonly TrustChange[]): (TrustChange & { after: number })[] {
  const out = { ...trust };
  return changes.map((c) => {
    const key = `${c.from}>${c.to}`;
    const after = Math.max(0, Math.min(100, (out[key] ?? NEUTRAL_TRUST) + c.delta));
    out[key] = after;
    return { ...c, after };
  });
}

/** Applies trust changes, keeping every value within 0–100 (`withTrustAfter`). */
export function applyTrust(trust: Record<string, number>, changes: readonly TrustChange[]): Record<string, number> {
  const out = { ...trust };
  for (const c of withTrustAfter(trust, changes)) out[`${c.from}>${c.to}`] = c.after;
  return out;
}

/** The missions once adopted resolutions have given them their UN endorsement or mandate (the resolution records what changed). */
export function missionsWithMandates(state: ExerciseState, tallies: EventOf<'RoundResolved'>['resolutions']): ExerciseState['missions'] {
  let missions = state.missions;
  for (const t of tallies) {
    const r = state.resolutions[t.resolutionId];
    const m = r?.missionId ? missions[r.missionId] : undefined;
    if (!t.adopted || !r || !m) continue;
    // A Security Council decision is the route discussed to legitimise a nuclear device (reference §6): it counts as a mandate.
    const unMandate =
      r.kind === 'mandate-mission' || (r.kind === 'authorise-nuclear' && m.kind === 'nuclear-standoff')
        ? 'mandated'
        : r.kind === 'endorse-mission' && m.unMandate === 'none'
          ? 'endorsed'
          : m.unMandate;
    missions = { ...missions, [m.id]: { ...m, unMandate } };
  }
  return missions;
}

/** An agreement with one more answer: all parties accepting concludes it, any refusal ends it (the answer records the status). */
export function applyResponse(a: AgreementState, actorId: string, accepted: boolean): AgreementState & { status: 'proposed' | 'accepted' | 'rejected' } {
  const responses = { ...a.responses, [actorId]: accepted };
  const status = !accepted ? 'rejected' : a.parties.every((p) => responses[p] === true) ? 'accepted' : 'proposed';
  return { ...a, responses, status };
}
