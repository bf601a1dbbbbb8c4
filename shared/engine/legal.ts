import type { Command, CommandContext, CommandType, WorldData } from './commands.js';
import { decide } from './decide.js';
import { gateRefusal } from './gates.js';
import { NO_LEGAL_COMMANDS, type LegalCommands } from './legal-commands.js';
import { actorOfSeat } from './seats.js';
import type { ExerciseState } from './state.js';
import { seatList } from './view.js';

export { NO_LEGAL_COMMANDS, type LegalCommands };

/**
 * The commands a participant may issue in this state. Each is found by asking `decide`
 * about a harmless probe of that command, with the world data the server decides with, so
 * the UI and the server cannot disagree.
 */
export function legalCommands(state: ExerciseState, participantId: string, world?: WorldData): LegalCommands {
  const me = state.participants[participantId];
  if (!me) return { ...NO_LEGAL_COMMANDS };
  const ctx: CommandContext = { participantId, at: '1970-01-01T00:00:00.000Z', probe: true, ...(world ? { world } : {}) };
  // The gates (gates.ts) answer for a whole kind of command at once: a shut one is not probed.
  const open = new Map<CommandType, boolean>();
  const gateOpen = (type: CommandType) => {
    let o = open.get(type);
    if (o === undefined) open.set(type, (o = gateRefusal(state, type, me) === null));
    return o;
  };
  const accepted = (command: Command) => gateOpen(command.type) && decide(state, command, ctx).ok;
  const changes = (command: Command) => {
    if (!gateOpen(command.type)) return false;
    const d = decide(state, command, ctx);
    return d.ok && d.events.length > 0;
  };

  const claimableSeats = seatList(state)
    .map((s) => s.seat)
    .filter((seat) => changes({ type: 'ClaimSeat', seat }));
  const myActor = actorOfSeat(me.seat);
  const joinableDelegations = state.scenario.actors.map((a) => a.id).filter((actorId) => changes({ type: 'RequestDelegation', actorId }));
  const answerableDelegationRequests = Object.keys(state.delegationRequests).filter((requestId) => accepted({ type: 'AnswerDelegationRequest', requestId, accept: false }));
  const privateRecipients = state.scenario.actors
    .map((a) => a.id)
    .filter((id) => id !== myActor && accepted({ type: 'SendMessage', to: [id], text: 'probe' }));
  const readyNow = myActor !== null && state.actors[myActor]!.ready;

  const missionType = state.scenario.missionTypes[0]!.id;
  const missionProviders = state.scenario.actors
    .map((a) => a.id)
    .filter((providerId) => accepted({ type: 'ProposeMission', missionTypeId: missionType, direction: 'toward-end', providerId }));
  const missionIds = Object.keys(state.missions);
  const launchableMissions = missionIds.filter((missionId) => accepted({ type: 'LaunchMission', missionId }));
  const authorisableMissions = missionIds.filter((missionId) => accepted({ type: 'AuthoriseMission', missionId, granted: true }));
  const fundableMissions =
    myActor === null ? [] : missionIds.filter((id) => accepted({ type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: { [id]: 0.000001 } } }));

  const agreementIds = Object.keys(state.agreements);
  const respondableAgreements = agreementIds.filter((agreementId) => accepted({ type: 'RespondToAgreement', agreementId, accept: true }));
  const withdrawableAgreements = agreementIds.filter((agreementId) => accepted({ type: 'WithdrawAgreement', agreementId }));
  const votableResolutions = Object.keys(state.resolutions).filter((resolutionId) => accepted({ type: 'CastVote', resolutionId, vote: 'abstain' }));
  const biddableMissions = missionIds.filter((id) => accepted({ type: 'BidForContract', missionId: id, priceMUsd: 1e6, buildMonths: 12, reliability: 0.9 }));
  const acceptableBids = Object.keys(state.bids).filter((bidId) => accepted({ type: 'AcceptBid', bidId }));
  const inKindMissions = missionIds.filter(
    (id) => accepted({ type: 'ContributeInKind', missionId: id, contribution: 'ground-station' }) || accepted({ type: 'ContributeInKind', missionId: id, contribution: 'science' }),
  );
  const fireableInjects = state.scenario.injects.map((i) => i.id).filter((injectId) => accepted({ type: 'FireInject', injectId }));
  const skippableInjects = state.scenario.injects.map((i) => i.id).filter((injectId) => accepted({ type: 'SkipInject', injectId }));
  const someoneElse = state.scenario.actors.find((a) => a.id !== myActor)?.id ?? '';

  const probes: Command[] = [
    { type: 'ReleaseSeat' },
    { type: 'AdvancePhase' },
    { type: 'SendMessage', to: 'public', text: 'probe' },
    { type: 'SubmitOrders', orders: { observeMUsd: 0, missionFunding: {} } },
    { type: 'SetReady', ready: !readyNow },
    { type: 'EndExercise', reason: 'probe' },
    { type: 'PostStatement', text: 'probe' },
    { type: 'OrderEvacuation', level: 'evacuate' },
    { type: 'OrderEvacuation', level: 'shelter' },
    { type: 'IssueIawnNotification' },
    { type: 'ProposeAgreement', kind: 'assistance', parties: [someoneElse], shares: {}, text: 'probe' },
    { type: 'ProposeResolution', kind: 'create-common-fund' },
    { type: 'ConveneSmpag' },
    { type: 'ShareTrackingData', share: myActor !== null && state.withheldTracking[myActor] !== undefined },
    { type: 'FileClaim', against: [someoneElse] },
    { type: 'PauseExercise' },
    { type: 'ResumeExercise' },
    { type: 'SetPhaseTimer', seconds: 60 },
    { type: 'SetTalkQuota', messagesPerPhase: state.talkQuota },
    { type: 'OverrideValue', target: { kind: 'true-encounter', valueKm: state.trueEncounterKm }, reason: 'probe' },
    { type: 'PostInject', targets: 'all', persona: 'probe', channel: 'news', headline: 'probe', body: 'probe' },
    { type: 'RecordObservation', capability: 'probe', text: 'probe' },
  ];
  const commands: CommandType[] = [...new Set(probes.filter(accepted).map((c) => c.type))];
  if (claimableSeats.length > 0) commands.unshift('ClaimSeat');
  if (joinableDelegations.length > 0) commands.push('RequestDelegation');
  if (answerableDelegationRequests.length > 0) commands.push('AnswerDelegationRequest');
  if (missionProviders.length > 0) commands.push('ProposeMission');
  if (launchableMissions.length > 0) commands.push('LaunchMission');
  if (authorisableMissions.length > 0) commands.push('AuthoriseMission');
  if (respondableAgreements.length > 0) commands.push('RespondToAgreement');
  if (withdrawableAgreements.length > 0) commands.push('WithdrawAgreement');
  if (votableResolutions.length > 0) commands.push('CastVote');
  if (biddableMissions.length > 0) commands.push('BidForContract');
  if (acceptableBids.length > 0) commands.push('AcceptBid');
  if (inKindMissions.length > 0) commands.push('ContributeInKind');
  if (fireableInjects.length > 0) commands.push('FireInject');
  if (skippableInjects.length > 0) commands.push('SkipInject');
  if (me.seat === 'facilitator' && gateOpen('MoveParticipant')) commands.push('MoveParticipant');
  return {
    commands,
    claimableSeats,
    joinableDelegations,
    answerableDelegationRequests,
    privateRecipients,
    missionProviders,
    launchableMissions,
    authorisableMissions,
    fundableMissions,
    respondableAgreements,
    withdrawableAgreements,
    votableResolutions,
    biddableMissions,
    acceptableBids,
    inKindMissions,
    fireableInjects,
    skippableInjects,
  };
}

/**
 * Parts of the state no rule reads to decide whether a command is allowed, or reads only in
 * part: the talk logs (read only to number the next entry), the event count, and the talk
 * counts (read only as "has this actor used its quota", compared below). Two states that differ
 * in nothing else allow the same commands, so a public message need not be followed by ~40
 * probes per seat — except the message that uses up an actor's quota. The property test over
 * random logs holds this against computing afresh.
 */
const IRRELEVANT_TO_LEGALITY: ReadonlySet<string> = new Set<keyof ExerciseState>(['messages', 'news', 'eventCount', 'talkUsed']);

/** Whether `legalCommands` answers the same in `before` as in `after` for every participant (compared by identity). */
export function sameLegality(before: ExerciseState, after: ExerciseState): boolean {
  if (before === after) return true;
  for (const key of Object.keys(after) as (keyof ExerciseState)[]) {
    if (!IRRELEVANT_TO_LEGALITY.has(key) && before[key] !== after[key]) return false;
  }
  return Object.keys(before).length === Object.keys(after).length && sameTalkAllowed(before, after);
}

/** Whether every actor that may still talk in `before` may in `after`, and the other way round (the quota is compared with the rest). */
function sameTalkAllowed(before: ExerciseState, after: ExerciseState): boolean {
  if (before.talkUsed === after.talkUsed) return true;
  const exhausted = (state: ExerciseState, actorId: string) => (state.talkUsed[actorId] ?? 0) >= state.talkQuota;
  for (const actorId of new Set([...Object.keys(before.talkUsed), ...Object.keys(after.talkUsed)])) {
    if (exhausted(before, actorId) !== exhausted(after, actorId)) return false;
  }
  return true;
}
