// Joining a delegation by consent. A delegation member reads the actor's secret briefing and
// private messages and speaks for it, so someone without a seat asks, and a member of the
// delegation or the facilitator answers. The request lasts while it can still be granted.
import { describe, expect, it } from 'vitest';
import {
  createViewCache,
  eventForSeat,
  legalCommands,
  playerView,
  viewKey,
  type Command,
  type DomainEvent,
  type EventOf,
} from '../../../shared/engine/index.js';
import { FACILITATOR, given, joined, playerOf, scenario, seated, tableSeated } from './given.js';

const KIP = 'p-kip';
const request = (actorId: string): Command => ({ type: 'RequestDelegation', actorId });
const answer = (requestId: string, accept: boolean): Command => ({ type: 'AnswerDelegationRequest', requestId, accept });
const requested = (n: number, actorId = 'kenya', participantId = KIP, replaces: string[] = []): EventOf<'DelegationRequested'> => ({
  type: 'DelegationRequested',
  requestId: `delegation-request-${n}`,
  participantId,
  actorId,
  replaces,
});
const answered = (n: number, accepted: boolean, answeredBy: string, actorId = 'kenya'): EventOf<'DelegationRequestAnswered'> => ({
  type: 'DelegationRequestAnswered',
  requestId: `delegation-request-${n}`,
  participantId: KIP,
  actorId,
  accepted,
  answeredBy,
});

/** The table seated (all actors, the facilitator), an evaluator, and Kip, who joined without a seat. */
const kipArrived = (): DomainEvent[] => [...tableSeated(), joined('p-eve', 'Eve', 'evaluator'), seated('p-eve', 'evaluator'), joined(KIP, 'Kip')];
/** …and Kip has asked to join Kenya's delegation. */
const kipAsked = (): DomainEvent[] => [...kipArrived(), requested(1)];

describe('RequestDelegation', () => {
  it('records a numbered request from someone without a seat to join a held seat, and keeps it pending', () => {
    const { state } = given(...kipArrived()).when(request('kenya'), KIP).then(requested(1));
    expect(Object.values(state.delegationRequests)).toEqual([{ id: 'delegation-request-1', participantId: KIP, actorId: 'kenya' }]);
    expect(state.participants[KIP]?.seat).toBeNull();
  });

  it('changes nothing when the same request is still pending', () => {
    given(...kipAsked()).when(request('kenya'), KIP).then();
  });

  it('replaces a pending request when another delegation is asked for: one pending request per participant', () => {
    const { state } = given(...kipAsked()).when(request('japan'), KIP).then(requested(2, 'japan', KIP, ['delegation-request-1']));
    expect(Object.keys(state.delegationRequests)).toEqual(['delegation-request-2']);
  });

  it('refuses a seat nobody holds with seat/none (it is simply claimed), an unknown actor with seat/unknown, and the seated with seat/already_seated', () => {
    given(...tableSeated(['usa']), joined(KIP, 'Kip')).when(request('kenya'), KIP).thenRejects('seat/none');
    given(...kipArrived()).when(request('atlantis'), KIP).thenRejects('seat/unknown');
    given(...kipArrived()).when(request('kenya'), playerOf('usa')).thenRejects('seat/already_seated');
    given(...kipArrived()).when(request('kenya'), FACILITATOR).thenRejects('seat/already_seated');
  });

  it('no longer seats anyone by itself: only an answer does', () => {
    const { state } = given(...kipArrived()).when(request('kenya'), KIP).then(requested(1));
    expect(playerView(state, 'actor:kenya').seats.find((s) => s.seat === 'actor:kenya')!.holders.map((h) => h.participantId)).toEqual([playerOf('kenya')]);
  });
});

describe('AnswerDelegationRequest', () => {
  it('seats the requester in the delegation when a member accepts, as joining a delegation always did', () => {
    const { state } = given(...kipAsked())
      .when(answer('delegation-request-1', true), playerOf('kenya'))
      .then(answered(1, true, playerOf('kenya')), seated(KIP, 'actor:kenya'));
    expect(state.participants[KIP]?.seat).toBe('actor:kenya');
    expect(state.delegationRequests).toEqual({});
    // The new member reads what Kenya's seat reads, secret briefing included.
    expect(playerView(state, 'actor:kenya').me?.secretBriefing).toBe(scenario.actors.find((a) => a.id === 'kenya')!.secretBriefing);
  });

  it('lets the facilitator answer for the delegation', () => {
    given(...kipAsked()).when(answer('delegation-request-1', true), FACILITATOR).then(answered(1, true, FACILITATOR), seated(KIP, 'actor:kenya'));
  });

  it('closes the request without a seat when declined; the requester may ask again', () => {
    const { state } = given(...kipAsked()).when(answer('delegation-request-1', false), playerOf('kenya')).then(answered(1, false, playerOf('kenya')));
    expect(state.delegationRequests).toEqual({});
    expect(state.participants[KIP]?.seat).toBeNull();
    given(...kipAsked(), answered(1, false, playerOf('kenya'))).when(request('kenya'), KIP).then(requested(2));
  });

  it('lets any member of the delegation answer, the newest too', () => {
    const events = [...kipAsked(), answered(1, true, playerOf('kenya')), seated(KIP, 'actor:kenya'), joined('p-lea', 'Lea'), requested(2, 'kenya', 'p-lea')];
    given(...events)
      .when(answer('delegation-request-2', false), KIP)
      .then({ ...answered(2, false, KIP), participantId: 'p-lea' });
  });

  it('refuses anyone else — another actor, the evaluator, the display, the requester — with delegation/not_member', () => {
    const events = [...kipAsked(), joined('p-wall', 'Wall'), seated('p-wall', 'display')];
    for (const who of [playerOf('usa'), 'p-eve', 'p-wall', KIP]) {
      const error = given(...events).when(answer('delegation-request-1', true), who).thenRejects('delegation/not_member');
      expect(error.message).toContain('Kenya');
    }
  });

  it('refuses a request that is not pending with delegation/unknown_request', () => {
    given(...kipAsked()).when(answer('delegation-request-9', true), playerOf('kenya')).thenRejects('delegation/unknown_request');
    given(...kipAsked(), answered(1, false, FACILITATOR)).when(answer('delegation-request-1', true), playerOf('kenya')).thenRejects('delegation/unknown_request');
  });

  it('goes on while the exercise is paused, like taking seats', () => {
    const paused: DomainEvent[] = [...kipArrived(), { type: 'ExercisePaused' }];
    given(...paused).when(request('kenya'), KIP).then(requested(1));
    given(...paused, requested(1)).when(answer('delegation-request-1', true), playerOf('kenya')).then(answered(1, true, playerOf('kenya')), seated(KIP, 'actor:kenya'));
  });
});

describe('a request that can no longer be granted', () => {
  const pendingAfter = (...events: DomainEvent[]) => Object.keys(given(...kipAsked(), ...events).state.delegationRequests);
  const MOOT = ['delegation-request-1'];

  it('disappears when the requester leaves, claims a seat or is moved: the event records it as moot', () => {
    expect(pendingAfter()).toEqual(MOOT);
    const left = given(...kipAsked()).when({ type: 'LeaveExercise', reason: 'left' }, KIP).then({ type: 'ParticipantLeft', participantId: KIP, reason: 'left', mootRequests: MOOT });
    expect(left.state.delegationRequests).toEqual({});
    expect(given(...kipAsked()).when({ type: 'ClaimSeat', seat: 'display' }, KIP).then(seated(KIP, 'display', MOOT)).state.delegationRequests).toEqual({});
    // MoveParticipant seats them directly: a SeatClaimed like any other.
    expect(given(...kipAsked()).when({ type: 'MoveParticipant', participantId: KIP, seat: 'display' }).then(seated(KIP, 'display', MOOT)).state.delegationRequests).toEqual({});
  });

  it('disappears when the seat becomes empty (then it is claimed instead), and not while someone still holds it', () => {
    const released = { type: 'SeatReleased', participantId: playerOf('kenya'), seat: 'actor:kenya' } as const;
    const empty = given(...kipAsked()).when({ type: 'ReleaseSeat' }, playerOf('kenya')).then({ ...released, mootRequests: MOOT });
    expect(empty.state.delegationRequests).toEqual({});
    given(...kipAsked()).when({ type: 'LeaveExercise', reason: 'connection-lost' }, playerOf('kenya')).then({ type: 'ParticipantLeft', participantId: playerOf('kenya'), reason: 'connection-lost', mootRequests: MOOT });
    given(...kipAsked(), { ...released, mootRequests: MOOT }).when({ type: 'ClaimSeat', seat: 'actor:kenya' }, KIP).then(seated(KIP, 'actor:kenya'));
    // A second member stays: the delegation is still there to answer.
    const twoMembers = [joined('p-lea', 'Lea'), seated('p-lea', 'actor:kenya')];
    const stays = given(...kipAsked(), ...twoMembers).when({ type: 'ReleaseSeat' }, playerOf('kenya')).then({ ...released, mootRequests: [] });
    expect(Object.keys(stays.state.delegationRequests)).toEqual(MOOT);
  });

  it('ends only as the event records: evolve works nothing out for an event of rules v6', () => {
    expect(pendingAfter({ type: 'ParticipantLeft', participantId: KIP, reason: 'left', mootRequests: [] })).toEqual(MOOT);
    expect(pendingAfter({ type: 'SeatReleased', participantId: playerOf('usa'), seat: 'actor:usa', mootRequests: MOOT })).toEqual([]);
  });

  it('in a log of rules v5 (no `mootRequests`), ends as v5 worked it out: when its requester left or sat, or the seat emptied', () => {
    expect(pendingAfter({ type: 'ParticipantLeft', participantId: KIP, reason: 'left' })).toEqual([]);
    expect(pendingAfter({ type: 'SeatClaimed', participantId: KIP, seat: 'display' })).toEqual([]);
    expect(pendingAfter({ type: 'SeatReleased', participantId: playerOf('kenya'), seat: 'actor:kenya' })).toEqual([]);
    expect(pendingAfter({ type: 'SeatReleased', participantId: playerOf('usa'), seat: 'actor:usa' })).toEqual(MOOT);
    // A v5 request replaced its requester's pending one.
    const { participantId, actorId } = requested(2, 'japan');
    expect(pendingAfter({ type: 'DelegationRequested', requestId: 'delegation-request-2', participantId, actorId })).toEqual(['delegation-request-2']);
  });
});

describe('who learns of a delegation request', () => {
  const events = kipAsked();
  const { state } = given(...events);
  const req = requested(1);
  const ans = answered(1, false, playerOf('kenya'));

  it('tells the request and its answer to the requester, the delegation and the control cell only', () => {
    for (const event of [req, ans]) {
      for (const seat of ['actor:kenya', 'facilitator', 'evaluator'] as const) expect(eventForSeat(event, seat, state), `${event.type} to ${seat}`).toEqual(event);
      for (const seat of ['actor:usa', 'display', null] as const) expect(eventForSeat(event, seat, state), `${event.type} to ${seat}`).toBeNull();
      expect(eventForSeat(event, null, state, KIP), `${event.type} to Kip`).toEqual(event);
      expect(eventForSeat(event, null, state, 'p-someone-else')).toBeNull();
    }
  });

  it('tells that a seat change ended a request only to those who could see the request', () => {
    const ended: DomainEvent = { type: 'SeatClaimed', participantId: KIP, seat: 'display', mootRequests: ['delegation-request-1'] };
    for (const seat of ['actor:kenya', 'facilitator', 'evaluator'] as const) expect(eventForSeat(ended, seat, state)).toEqual(ended);
    expect(eventForSeat(ended, null, state, KIP)).toEqual(ended);
    for (const seat of ['actor:usa', 'display', null] as const) expect(eventForSeat(ended, seat, state)).toEqual({ ...ended, mootRequests: [] });
    // A new request names the one it replaces to those who saw that one: the requester, the control cell.
    const toJapan: DomainEvent = { ...requested(2, 'japan'), replaces: ['delegation-request-1'] };
    expect(eventForSeat(toJapan, null, state, KIP)).toEqual(toJapan);
    expect(eventForSeat(toJapan, 'facilitator', state)).toEqual(toJapan);
    expect(eventForSeat(toJapan, 'actor:japan', state)).toEqual({ ...toJapan, replaces: [] });
    // Without the state the request was in, only the control cell learns of it.
    expect(eventForSeat(ended, 'actor:kenya')).toEqual({ ...ended, mootRequests: [] });
    expect(eventForSeat(ended, 'facilitator')).toEqual(ended);
  });

  it('shows pending requests, with the requester’s name, to the delegation, the control cell and the requester', () => {
    const shown = [{ id: 'delegation-request-1', participantId: KIP, participantName: 'Kip', actorId: 'kenya' }];
    expect(playerView(state, 'actor:kenya').delegationRequests).toEqual(shown);
    expect(playerView(state, 'facilitator').delegationRequests).toEqual(shown);
    expect(playerView(state, 'evaluator').delegationRequests).toEqual(shown);
    expect(playerView(state, null, undefined, KIP).delegationRequests).toEqual(shown);
    expect(playerView(state, 'actor:usa').delegationRequests).toEqual([]);
    expect(playerView(state, 'display').delegationRequests).toEqual([]);
    expect(playerView(state, null).delegationRequests).toEqual([]);
    expect(playerView(state, null, undefined, 'p-someone-else').delegationRequests).toEqual([]);
  });

  it('builds the view of an unseated participant with a request under a key of its own, and shares the others', () => {
    expect(viewKey(state, KIP)).toBe(`participant:${KIP}`);
    expect(viewKey(given(...kipArrived()).state, KIP)).toBe('');
    expect(viewKey(state, playerOf('kenya'))).toBe('actor:kenya');
    // One cache used for two unseated viewers still gives each its own requests.
    const cache = createViewCache();
    expect(playerView(state, null, cache, KIP).delegationRequests).toHaveLength(1);
    expect(playerView(state, null, cache, 'p-other').delegationRequests).toEqual([]);
    expect(playerView(state, null, cache, KIP).delegationRequests).toHaveLength(1);
  });
});

describe('legalCommands for delegation requests', () => {
  const { state } = given(...kipAsked());

  it('offers the requester every other held seat to ask for, and not the one already asked', () => {
    const legal = legalCommands(state, KIP);
    expect(legal.commands).toContain('RequestDelegation');
    expect(legal.joinableDelegations).not.toContain('kenya');
    expect(legal.joinableDelegations).toContain('japan');
    expect(legal.answerableDelegationRequests).toEqual([]);
    expect(legal.commands).not.toContain('AnswerDelegationRequest');
  });

  it('offers the answer to the delegation and the facilitator, and to nobody else', () => {
    for (const who of [playerOf('kenya'), FACILITATOR]) {
      const legal = legalCommands(state, who);
      expect(legal.commands, who).toContain('AnswerDelegationRequest');
      expect(legal.answerableDelegationRequests, who).toEqual(['delegation-request-1']);
    }
    for (const who of [playerOf('usa'), 'p-eve']) {
      expect(legalCommands(state, who).commands, who).not.toContain('AnswerDelegationRequest');
      expect(legalCommands(state, who).answerableDelegationRequests, who).toEqual([]);
    }
  });

  it('offers asking to join to nobody who is seated', () => {
    expect(legalCommands(state, playerOf('usa')).joinableDelegations).toEqual([]);
    expect(legalCommands(state, playerOf('usa')).commands).not.toContain('RequestDelegation');
  });
});
