// Debrief logs built with the engine itself: a scripted table played command by command
// through `decide` and `evolve`, each event stored as the server stores it (who caused it,
// when, under which rules), from a small busy table to a conference-sized session.
import type { LoggedEvent } from '../../../shared/debrief/api.js';
import type { DebriefLog } from '../../../shared/debrief/log.js';
import { RULES_VERSION, type Command, type DomainEvent } from '../../../shared/engine/index.js';
import { FACILITATOR, Table, playerOf } from '../engine/given.js';
import { worldData } from '../engine/playthroughs.js';

/** The evaluator of the debrief tables. */
export const EVALUATOR = 'p-eval';
export const EVALUATOR_NAME = 'Eve Evaluator';

/** A table that remembers which participant's command caused each event. */
export class LoggedTable extends Table {
  readonly actors: string[] = [];

  override do(command: Command, participantId: string = FACILITATOR): DomainEvent[] {
    const before = this.events.length;
    const events = super.do(command, participantId);
    this.fillActors(before, participantId);
    return events;
  }

  /** The events so far as the store keeps them, a wall clock 20 s apart from `startIso`. */
  logged(startIso = '2031-03-10T09:00:00.000Z'): LoggedEvent[] {
    this.fillActors(this.events.length, 'system');
    const start = Date.parse(startIso);
    return this.events.map((data, i) => ({
      seq: i + 1,
      type: data.type,
      data,
      actor: this.actors[i]!,
      at: new Date(start + i * 20_000).toISOString(),
      rulesVersion: RULES_VERSION,
    }));
  }

  /** The log of this table for the debrief. */
  debriefLog(exerciseId = 'ex-1'): DebriefLog {
    return { exerciseId, scenario: this.scenarioOfTable, seed: this.seed, events: this.logged() };
  }

  /** Events before `upTo` not yet attributed: the seating prefix is its participants' own, the rest `participantId`'s. */
  private fillActors(upTo: number, participantId: string): void {
    for (let i = this.actors.length; i < upTo; i++) {
      const e = this.events[i]!;
      this.actors.push(e.type === 'ParticipantJoined' || e.type === 'SeatClaimed' ? e.participantId : participantId);
    }
    for (let i = this.actors.length; i < this.events.length; i++) this.actors.push(participantId);
  }
}

/** How much talk and control-cell activity each round gets besides the script. */
export interface DebriefSize {
  messagesPerRound: number;
  injectsPerRound: number;
  agreementsPerRound: number;
  observationsPerRound: number;
}

export const SMALL: DebriefSize = { messagesPerRound: 6, injectsPerRound: 1, agreementsPerRound: 1, observationsPerRound: 1 };
/** A conference session: CONFERENCE_SESSION's injects and agreements, several times its talk (thousands of events). */
export const CONFERENCE: DebriefSize = { messagesPerRound: 600, injectsPerRound: 8, agreementsPerRound: 4, observationsPerRound: 6 };

const CAPABILITIES = ['Operational coordination', 'Public information and warning', 'Planning'];
const TALKERS = ['usa', 'japan', 'kenya', 'bangladesh', 'copuos'];

/**
 * 2031 KX, seed 2031, as playKxNuclear plays it, with an evaluator at the table, Kenya keeping
 * its tracking data to itself, private and delegation talk, an assistance request the United
 * States refuses, injects (some to one actor, with a note for the control cell), an override
 * and evaluator observations, scaled by `size`.
 */
export function playDebriefTable(size: DebriefSize = SMALL, seed = 2031): LoggedTable {
  const t = new LoggedTable(seed);
  t.world = worldData();
  const usa = playerOf('usa');
  const japan = playerOf('japan');
  const kenya = playerOf('kenya');
  const un = playerOf('copuos');
  t.do({ type: 'JoinExercise', name: EVALUATOR_NAME, role: 'evaluator' }, EVALUATOR);
  t.do({ type: 'ClaimSeat', seat: 'evaluator' }, EVALUATOR);
  t.do({ type: 'SetTalkQuota', messagesPerPhase: 10_000 });
  let said = 0;
  let agreementCount = 0;
  const busyRound = (round: number) => {
    for (let i = 0; i < size.messagesPerRound; i++, said++) {
      const from = TALKERS[said % TALKERS.length]!;
      const to = TALKERS[(said + 1) % TALKERS.length]!;
      const kind = said % 5;
      const text = `Round ${round}, note ${said}: ${from} asks about tracking and cost shares.`;
      const message: Command =
        kind === 0 ? { type: 'SendMessage', to: [to], text } : kind === 1 ? { type: 'SendMessage', to: 'delegation', text } : { type: 'SendMessage', to: 'public', text };
      t.do(message, playerOf(from));
    }
    for (let k = 0; k < size.injectsPerRound; k++) {
      t.do({
        type: 'PostInject',
        targets: k % 2 === 0 ? 'all' : ['kenya'],
        persona: 'Reuters',
        channel: 'news',
        headline: `Inject ${round}.${k}: insurers suspend policies along the corridor`,
        body: 'Insurers along the risk corridor suspend new policies.',
        controllerNote: 'Expect Kenya to ask for assistance.',
      });
    }
    for (let k = 0; k < size.agreementsPerRound; k++) {
      t.do({ type: 'ProposeAgreement', kind: 'assistance', parties: ['japan'], shares: {}, text: `Assistance ${round}.${k}: share ground stations.` }, kenya);
      agreementCount++;
      t.do({ type: 'RespondToAgreement', agreementId: `agreement-${agreementCount}`, accept: k % 2 === 0 }, japan);
    }
    for (let k = 0; k < size.observationsPerRound; k++) {
      // The first observation of the first round is rated P (a strength); the others are not rated.
      const rating = round === 1 && k === 0 ? { rating: 'P' as const } : {};
      t.do({ type: 'RecordObservation', actorId: TALKERS[k % TALKERS.length]!, capability: CAPABILITIES[k % CAPABILITIES.length]!, text: `Round ${round}: observation ${k}.`, ...rating }, EVALUATOR);
    }
  };

  t.toPhase('deliberation');
  t.do({ type: 'ShareTrackingData', share: false }, kenya);
  t.do({ type: 'IssueIawnNotification' }, un);
  t.do({ type: 'ConveneSmpag' }, un);
  t.do({ type: 'SendMessage', to: ['usa'], text: 'Kenya to the United States: we keep our tracking data for now.' }, kenya);
  const recon = t.propose('usa', 'recon');
  const nuclear = t.propose('usa', 'nuclear');
  t.do({ type: 'ProposeAgreement', kind: 'cost-sharing', parties: ['japan'], missionId: nuclear, shares: { usa: 300, japan: 250 }, text: 'We share the device.' }, usa);
  t.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, japan);
  t.do({ type: 'ProposeAgreement', kind: 'assistance', parties: ['usa'], shares: {}, text: 'Kenya asks for help with evacuation planning.' }, kenya);
  t.do({ type: 'RespondToAgreement', agreementId: 'agreement-2', accept: false }, usa);
  agreementCount = 2;
  t.do({ type: 'ProposeResolution', kind: 'authorise-nuclear', missionId: nuclear }, un);
  for (const id of ['usa', 'japan', 'kenya', 'bangladesh']) t.do({ type: 'CastVote', resolutionId: 'resolution-1', vote: id === 'kenya' ? 'no' : 'yes' }, playerOf(id));
  t.do({
    type: 'PostInject',
    targets: ['kenya'],
    persona: 'Kenyan Ministry of Interior',
    channel: 'intelligence',
    headline: 'Nairobi asks for an evacuation plan',
    body: 'The cabinet wants a plan within the month.',
    controllerNote: 'Kenya should raise evacuation with its partners.',
  });
  t.do(
    { type: 'RecordObservation', actorId: 'kenya', capability: 'Public information and warning', text: 'Kenya kept its tracking data <script>alert(1)</script>, "quoted", a, b.', rating: 'M' },
    EVALUATOR,
  );
  t.do({ type: 'OverrideValue', target: { kind: 'mission-reliability', missionId: recon, value: 0.99 }, reason: 'The flyby is a proven design.' });
  busyRound(1);
  t.playRound({ usa: [100, { [recon]: 300, [nuclear]: 150 }], japan: [50, { [nuclear]: 250 }], kenya: [20] });
  t.toPhase('deliberation');
  busyRound(2);
  t.playRound({ usa: [50, { [nuclear]: 600 }], japan: [0, { [nuclear]: 200 }] });
  t.toPhase('deliberation');
  const impactor = t.propose('japan', 'ki-single', 'toward-start');
  for (const id of [recon, nuclear]) if (t.state.missions[id]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: id }, usa);
  busyRound(3);
  t.playRound({ japan: [0, { [impactor]: 300 }], usa: [0, { [impactor]: 200 }] });
  t.toPhase('deliberation');
  for (const id of [recon, nuclear, impactor]) if (t.state.missions[id]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: id }, playerOf(t.state.missions[id]!.lead));
  t.do({ type: 'OrderEvacuation', level: 'evacuate' }, kenya);
  busyRound(4);
  t.playRound({ usa: [20] });
  t.toPhase('deliberation');
  for (const id of [recon, nuclear, impactor]) if (t.state.missions[id]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: id }, playerOf(t.state.missions[id]!.lead));
  busyRound(5);
  t.playRound();
  t.advance();
  return t;
}

/**
 * 2031 KX, seed 2031, after the engine's liability playthrough: a US impactor Bangladesh helps
 * pay for under a cost-sharing agreement both keep moves the impact out of Kenya, so the
 * encounter is an impact with findings; Japan's flyby, its reliability overridden to nothing
 * by the control cell, is lost at launch.
 */
export function playImpactTable(seed = 2031): LoggedTable {
  const t = new LoggedTable(seed);
  t.world = worldData();
  let mission = '';
  let flyby = '';
  for (let round = 1; round <= 5; round++) {
    t.toPhase('deliberation');
    if (round === 1) {
      mission = t.propose('usa', 'ki-single', 'toward-start');
      flyby = t.propose('japan', 'recon');
      t.do({ type: 'ProposeAgreement', kind: 'cost-sharing', parties: ['bangladesh'], missionId: mission, shares: { usa: 490, bangladesh: 10 }, text: 'Bangladesh pays a token share.' }, playerOf('usa'));
      t.do({ type: 'RespondToAgreement', agreementId: 'agreement-1', accept: true }, playerOf('bangladesh'));
      t.do({ type: 'OverrideValue', target: { kind: 'mission-reliability', missionId: flyby, value: 0 }, reason: 'Exercise the loss of a mission.' });
    }
    if (round >= 3) {
      if (t.state.missions[mission]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: mission }, playerOf('usa'));
      if (t.state.missions[flyby]!.status === 'ready') t.do({ type: 'LaunchMission', missionId: flyby }, playerOf('japan'));
    }
    t.playRound(round === 1 ? { usa: [0, { [mission]: 490 }], bangladesh: [0, { [mission]: 10 }], japan: [0, { [flyby]: 300 }] } : {});
  }
  t.advance();
  return t;
}
