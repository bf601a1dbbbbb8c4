// When each command may be issued at all: the phases it belongs to, whether it goes on while
// the control cell has paused play, and whether the encounter having been played ends it.
// Declared once, as boardgame.io's phases declare their moves; `decide` refuses a command
// whose gate is shut before asking its rule, and `legalCommands` skips probing it.
import type { Command, CommandType } from './commands.js';
import { encounterPlayed, notActor } from './decision.js';
import { ruleError, type RuleError } from './errors.js';
import { actorOfSeat, type SeatId } from './seats.js';
import type { ExerciseState, Participant, Phase } from './state.js';

/** Who may issue a command, checked before its phase (the gatekeeper's order: auth, then phase). */
export type Issuer = 'facilitator' | 'actor' | 'state' | 'un-body';

/** When a command may be issued. */
export interface Gate {
  /** Who may issue it, with the refusal of anyone else; absent: the rule itself says. */
  who?: { seat: Issuer; refusal: RuleError };
  /** The phases it belongs to, with the refusal outside them; absent: every phase until the end. */
  phases?: { in: readonly Phase[]; refusal: (state: ExerciseState) => RuleError };
  /** It goes on while the control cell has paused play (talk, seats, the control cell's own tools). */
  whilePaused: boolean;
  /** Refused once the encounter has been played, for this reason (a clause ending "…: <reason>."). */
  beforeEncounter?: string;
  /** It may still be issued once the exercise has ended (joining and leaving). */
  afterEnd?: boolean;
}

const actorsOnly = (doing: string) => ({ seat: 'actor' as const, refusal: notActor(doing) });
const facilitatorOnly = (doing: string) => ({ seat: 'facilitator' as const, refusal: ruleError('role/not_facilitator', `Only the facilitator can ${doing}.`) });
const unBodyOnly = (sentence: string) => ({ seat: 'un-body' as const, refusal: ruleError('role/not_un', sentence) });
const missionActor = actorsOnly('act on missions');
const negotiator = actorsOnly('negotiate');

const RUNNING: readonly Phase[] = ['briefing', 'deliberation', 'orders', 'resolution'];
const NEGOTIATING: readonly Phase[] = ['deliberation', 'orders'];
const notStarted = (sentence: string) => () => ruleError('exercise/not_started', sentence);
const closed = (sentence: (state: ExerciseState) => string) => (state: ExerciseState) => ruleError('phase/closed', sentence(state));
const ordersOnly = {
  in: ['orders'] as const,
  refusal: (state: ExerciseState) => ruleError('phase/not_orders', `Orders are given in the orders phase; the exercise is in the ${state.phase} phase.`),
};
const missionPhases = {
  in: NEGOTIATING,
  refusal: closed((s) => `Missions are decided in the deliberation and orders phases; the exercise is in the ${s.phase} phase.`),
};
const diplomacyPhases = {
  in: NEGOTIATING,
  refusal: closed((s) => `Agreements and votes happen in the deliberation and orders phases; the exercise is in the ${s.phase} phase.`),
};
const injectPhases = { in: RUNNING, refusal: closed(() => 'Injects fire while the exercise runs.') };

/** Every command's gate. */
export const GATES: { readonly [T in CommandType]: Gate } = {
  JoinExercise: { whilePaused: true, afterEnd: true },
  LeaveExercise: { whilePaused: true, afterEnd: true },
  ExpireTimer: { whilePaused: false },
  ClaimSeat: { whilePaused: true },
  RequestDelegation: { whilePaused: true },
  AnswerDelegationRequest: { whilePaused: true },
  ReleaseSeat: { whilePaused: true },
  AdvancePhase: { whilePaused: false, who: facilitatorOnly('advance the exercise') },
  EndExercise: { whilePaused: true, who: facilitatorOnly('end the exercise') },
  SendMessage: { whilePaused: true },
  PostStatement: { whilePaused: false, who: actorsOnly('make a public statement'), phases: { in: RUNNING, refusal: notStarted('Statements begin with the first round.') } },
  SubmitOrders: { whilePaused: false, who: actorsOnly('submit orders'), phases: ordersOnly },
  SetReady: { whilePaused: false, who: actorsOnly('mark yourself ready'), phases: ordersOnly },
  ProposeMission: { whilePaused: false, who: missionActor, phases: missionPhases },
  AuthoriseMission: { whilePaused: false, who: missionActor, phases: missionPhases },
  LaunchMission: { whilePaused: false, who: missionActor, phases: missionPhases },
  BidForContract: { whilePaused: false, who: missionActor, phases: missionPhases },
  AcceptBid: { whilePaused: false, who: missionActor, phases: missionPhases },
  ContributeInKind: { whilePaused: false, who: missionActor, phases: missionPhases },
  ProposeAgreement: { whilePaused: false, who: negotiator, phases: diplomacyPhases },
  RespondToAgreement: { whilePaused: false, who: negotiator, phases: diplomacyPhases },
  WithdrawAgreement: { whilePaused: false, who: negotiator, phases: diplomacyPhases },
  ProposeResolution: { whilePaused: false, who: negotiator, phases: diplomacyPhases },
  CastVote: { whilePaused: false, who: negotiator, phases: diplomacyPhases },
  OrderEvacuation: {
    whilePaused: false,
    who: { seat: 'state', refusal: ruleError('role/not_state', 'Only a state can order the evacuation of its territory.') },
    phases: { in: RUNNING, refusal: notStarted('Evacuation can be ordered once the exercise has begun.') },
    beforeEncounter: 'Evacuating or sheltering now would spare no one',
  },
  IssueIawnNotification: {
    whilePaused: false,
    who: unBodyOnly('Only the UN body (IAWN through COPUOS) issues the impact notification.'),
    phases: { in: RUNNING, refusal: notStarted('IAWN notifies once the exercise has begun.') },
    beforeEncounter: 'A warning of it would come too late',
  },
  ConveneSmpag: {
    whilePaused: false,
    who: unBodyOnly('Only the UN body convenes SMPAG.'),
    phases: { in: RUNNING, refusal: notStarted('SMPAG can be convened once the exercise has begun.') },
    beforeEncounter: 'Mission options can no longer change it',
  },
  ShareTrackingData: {
    whilePaused: false,
    who: actorsOnly('decide on tracking data'),
    phases: { in: RUNNING, refusal: notStarted('Tracking data flows once the exercise has begun.') },
    beforeEncounter: 'No estimate remains for tracking data to improve',
  },
  FileClaim: { whilePaused: false },
  PauseExercise: { whilePaused: true, who: facilitatorOnly('pause the exercise') },
  ResumeExercise: { whilePaused: true, who: facilitatorOnly('resume the exercise') },
  SetPhaseTimer: { whilePaused: true, who: facilitatorOnly('set the phase timer'), phases: { in: RUNNING, refusal: closed((s) => `There is no phase to time in the ${s.phase}.`) } },
  SetTalkQuota: { whilePaused: true, who: facilitatorOnly('set how much each actor may say per phase') },
  MoveParticipant: { whilePaused: true, who: facilitatorOnly('move a participant to another seat') },
  OverrideValue: { whilePaused: true, who: facilitatorOnly('override a value') },
  FireInject: { whilePaused: true, who: facilitatorOnly('fire an inject'), phases: injectPhases },
  SkipInject: { whilePaused: true, who: facilitatorOnly('skip an inject') },
  PostInject: { whilePaused: true, who: facilitatorOnly('write and send an inject'), phases: injectPhases },
  RecordObservation: { whilePaused: true },
};

/** Whether a paused exercise still takes this command. */
export function allowedWhilePaused(command: Pick<Command, 'type'>): boolean {
  return GATES[command.type].whilePaused;
}

/** Whether the holder of `seat` is an issuer of this kind. */
function isIssuer(state: ExerciseState, seat: SeatId | null, issuer: Issuer): boolean {
  if (issuer === 'facilitator') return seat === 'facilitator';
  const actorId = actorOfSeat(seat);
  const kind = actorId === null ? undefined : state.scenario.actors.find((a) => a.id === actorId)?.kind;
  if (kind === undefined) return false;
  if (issuer === 'state') return kind === 'space-faring-state' || kind === 'non-space-faring-state';
  return issuer === 'actor' || kind === issuer;
}

/**
 * The refusal of a command whose gate is shut in this state for this participant — the
 * exercise ended, play paused, the wrong seat, the wrong phase, the encounter played — or
 * null when its rule may be asked. Without a participant (the server's own commands) the
 * seat is not asked.
 */
export function gateRefusal(state: ExerciseState, type: CommandType, me?: Participant): RuleError | null {
  const gate = GATES[type];
  if (state.phase === 'ended' && !gate.afterEnd) return ruleError('exercise/ended', 'The exercise has ended; nothing more can be done in it.');
  if (state.paused && !gate.whilePaused) {
    return ruleError('exercise/paused', 'The control cell has paused the exercise; only talk goes on until it resumes.');
  }
  if (gate.who && me && !isIssuer(state, me.seat, gate.who.seat)) return gate.who.refusal;
  if (gate.phases && !gate.phases.in.includes(state.phase)) return gate.phases.refusal(state);
  if (gate.beforeEncounter !== undefined && state.outcome !== null) return encounterPlayed(gate.beforeEncounter);
  return null;
}
