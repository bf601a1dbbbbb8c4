// Keys per role: the facilitator key runs the exercise, the evaluator key watches everything
// and takes notes, the join code alone makes a participant. The role a participant joined
// with decides which control seats they may take; the seat decides what they may do.
import { describe, expect, it } from 'vitest';
import { legalCommands, playerView, type Command, type DomainEvent, type ParticipantRole } from '../../../shared/engine/index.js';
import { FACILITATOR, given, joined, playerOf, roundStarted, seated, tableSeated, toOrdersPhase } from './given.js';

const claim = (seat: 'facilitator' | 'evaluator'): Command => ({ type: 'ClaimSeat', seat });
const EVE = 'p-eve';

/** The table seated and round 1 in deliberation, with Eve, who joined with the evaluator key, in the evaluator seat. */
const evaluatorAtTable = (): DomainEvent[] => [...tableSeated(), joined(EVE, 'Eve', 'evaluator'), seated(EVE, 'evaluator'), ...roundStarted(1), toOrdersPhase(1)[0]!];

describe('control seats by role', () => {
  it.each<[ParticipantRole, 'facilitator' | 'evaluator', boolean]>([
    ['facilitator', 'facilitator', true],
    ['facilitator', 'evaluator', true],
    ['evaluator', 'evaluator', true],
    ['evaluator', 'facilitator', false],
    ['participant', 'facilitator', false],
    ['participant', 'evaluator', false],
  ])('given someone who joined as %s, when they claim the %s seat, then it is %s', (role, seat, allowed) => {
    const when = given(joined('p-x', 'X', role)).when(claim(seat), 'p-x');
    if (allowed) when.then(seated('p-x', seat));
    else {
      const error = when.thenRejects('seat/not_authorised');
      expect(error.message).toContain(seat === 'facilitator' ? 'the facilitator key' : 'the facilitator or evaluator key');
    }
  });

  it('offers an evaluator the evaluator seat and actors’ seats, never the facilitator’s', () => {
    const { state } = given(...tableSeated(['usa']), joined(EVE, 'Eve', 'evaluator'));
    const seats = legalCommands(state, EVE).claimableSeats;
    expect(seats).toContain('evaluator');
    expect(seats).toContain('actor:kenya');
    expect(seats).not.toContain('facilitator');
  });

  it('lets the facilitator move an evaluator to the evaluator seat but not to the facilitator seat, nor a participant to either', () => {
    const events = [...tableSeated(['usa']), joined(EVE, 'Eve', 'evaluator'), joined('p-ada', 'Ada')];
    given(...events).when({ type: 'MoveParticipant', participantId: EVE, seat: 'evaluator' }).then(seated(EVE, 'evaluator'));
    expect(given(...events).when({ type: 'MoveParticipant', participantId: EVE, seat: 'facilitator' }).thenRejects('seat/not_authorised').message).toContain('Eve');
    given(...events).when({ type: 'MoveParticipant', participantId: 'p-ada', seat: 'evaluator' }).thenRejects('seat/not_authorised');
    given(...events).when({ type: 'MoveParticipant', participantId: 'p-ada', seat: 'facilitator' }).thenRejects('seat/not_authorised');
  });
});

describe('an evaluator in the evaluator seat', () => {
  const facilitatorOnly: Command[] = [
    { type: 'AdvancePhase' },
    { type: 'EndExercise', reason: 'I have seen enough.' },
    { type: 'PauseExercise' },
    { type: 'SetPhaseTimer', seconds: 300 },
    { type: 'SetTalkQuota', messagesPerPhase: 100 },
    { type: 'MoveParticipant', participantId: playerOf('usa'), seat: 'display' },
    { type: 'OverrideValue', target: { kind: 'actor-budget', actorId: 'kenya', valueMUsd: 10 }, reason: 'A donor conference.' },
    { type: 'FireInject', injectId: 'astra-goes-alone' },
    { type: 'SkipInject', injectId: 'astra-goes-alone' },
    { type: 'PostInject', targets: 'all', persona: 'Wire', channel: 'news', headline: 'Rumours', body: 'A leak.' },
  ];

  it.each(facilitatorOnly)('is refused $type with role/not_facilitator', (command) => {
    given(...evaluatorAtTable()).when(command, EVE).thenRejects('role/not_facilitator');
  });

  it('records observations and sees everything the facilitator sees', () => {
    const { state } = given(...evaluatorAtTable());
    given(...evaluatorAtTable())
      .when({ type: 'RecordObservation', actorId: 'kenya', capability: 'coordination', text: 'Kenya spoke first.' }, EVE)
      .then(expect.objectContaining({ type: 'ObservationRecorded', by: EVE }) as never);
    expect(playerView(state, 'evaluator').control).toEqual(playerView(state, 'facilitator').control);
  });

  it('is offered observations and its seat back, and nothing of the facilitator’s', () => {
    const { state } = given(...evaluatorAtTable());
    expect(legalCommands(state, EVE).commands.sort()).toEqual(['RecordObservation', 'ReleaseSeat']);
    expect(legalCommands(state, FACILITATOR).commands).toEqual(expect.arrayContaining(['AdvancePhase', 'SetTalkQuota', 'MoveParticipant', 'RecordObservation']));
  });
});

describe('the role in the view', () => {
  it('shows each holder’s role next to their name', () => {
    const { state } = given(...evaluatorAtTable());
    const holders = (seat: string) => playerView(state, 'actor:usa').seats.find((s) => s.seat === seat)!.holders;
    expect(holders('evaluator')).toEqual([{ participantId: EVE, name: 'Eve', role: 'evaluator' }]);
    expect(holders('facilitator')).toEqual([{ participantId: FACILITATOR, name: 'Fran (control)', role: 'facilitator' }]);
    expect(holders('actor:usa')).toEqual([{ participantId: playerOf('usa'), name: 'Player for usa', role: 'participant' }]);
  });
});
