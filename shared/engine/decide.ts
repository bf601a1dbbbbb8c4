// `decide`: which rule a command falls under. The rules themselves live in the modules it
// dispatches to; the round's resolution in resolution.ts.
import type { Command, CommandContext } from './commands.js';
import { decideControl } from './control.js';
import { accept, reject, type Decision } from './decision.js';
import { decideDiplomacy } from './diplomacy.js';
import { ruleError } from './errors.js';
import { gateRefusal } from './gates.js';
import { decideMission } from './missions.js';
import { fileClaim, leaveExercise, orderEvacuation, setReady, shareTrackingData, submitOrders } from './orders.js';
import { advancePhase, expireTimer } from './rounds.js';
import { answerDelegationRequest, claimSeat, releaseSeat, requestDelegation } from './seating.js';
import type { ExerciseState } from './state.js';
import { postStatement, sendMessage } from './talk.js';
import { conveneSmpag, issueIawnNotification } from './warning.js';

export type { Decision } from './decision.js';

/**
 * Decides what a command means in the current state: the events it causes, or the rule it
 * breaks. Pure: time comes in `ctx`, randomness from the generator state in `state`.
 */
export function decide(state: ExerciseState, command: Command, ctx: CommandContext): Decision {
  if (command.type === 'JoinExercise') {
    if (state.participants[ctx.participantId]) {
      return reject(ruleError('participant/already_joined', 'You have already joined this exercise.'));
    }
    return accept({
      type: 'ParticipantJoined',
      participantId: ctx.participantId,
      name: command.name,
      role: command.role,
      ...(command.rejoinKeyHash ? { rejoinKeyHash: command.rejoinKeyHash } : {}),
    });
  }
  if (command.type === 'ExpireTimer') return expireTimer(state, ctx);
  const me = state.participants[ctx.participantId];
  if (!me) return reject(ruleError('participant/unknown', 'Join the exercise before you act in it.'));
  if (command.type === 'LeaveExercise') return leaveExercise(state, me, command.reason, ctx);
  const shut = gateRefusal(state, command.type, me);
  if (shut) return reject(shut);

  switch (command.type) {
    case 'ClaimSeat':
      return claimSeat(state, me, command.seat);
    case 'RequestDelegation':
      return requestDelegation(state, me, command.actorId);
    case 'AnswerDelegationRequest':
      return answerDelegationRequest(state, me, command.requestId, command.accept);
    case 'ReleaseSeat':
      return releaseSeat(state, me);
    case 'AdvancePhase':
      return advancePhase(state, ctx);
    case 'EndExercise':
      return accept({ type: 'ExerciseEnded', reason: command.reason, outcome: null });
    case 'SendMessage':
      return sendMessage(state, me, command, ctx);
    case 'PostStatement':
      return postStatement(state, me, command.text);
    case 'SubmitOrders':
      return submitOrders(state, me, command.orders);
    case 'SetReady':
      return setReady(state, me, command.ready, ctx);
    case 'ProposeMission':
    case 'AuthoriseMission':
    case 'LaunchMission':
    case 'BidForContract':
    case 'AcceptBid':
    case 'ContributeInKind':
      return decideMission(state, me, command);
    case 'ConveneSmpag':
      return conveneSmpag(state, me);
    case 'IssueIawnNotification':
      return issueIawnNotification(state, me);
    case 'PauseExercise':
    case 'ResumeExercise':
    case 'SetPhaseTimer':
    case 'SetTalkQuota':
    case 'MoveParticipant':
    case 'OverrideValue':
    case 'FireInject':
    case 'SkipInject':
    case 'PostInject':
    case 'RecordObservation':
      return decideControl(state, me, command, ctx);
    case 'ShareTrackingData':
      return shareTrackingData(state, me, command.share);
    case 'FileClaim':
      return fileClaim(state, me, command.against);
    case 'ProposeAgreement':
    case 'RespondToAgreement':
    case 'WithdrawAgreement':
    case 'ProposeResolution':
    case 'CastVote':
      return decideDiplomacy(state, me, command);
    case 'OrderEvacuation':
      return orderEvacuation(state, me, command.level, ctx.world);
    default: {
      const _never: never = command;
      return _never;
    }
  }
}
