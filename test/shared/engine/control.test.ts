import { describe, expect, it } from 'vitest';
import { commandSchema, decide, eventForSeat, eventSchema, playerView, type Command } from '../../../shared/engine/index.js';
import { conditionHolds } from '../../../shared/engine/control.js';
import { FACILITATOR, SEED, Table, expectSentence, joined, playerOf, scenario } from './given.js';

const at = (iso: string) => ({ participantId: FACILITATOR, at: iso });

function refused(t: Table, command: Command, participantId: string, code: string) {
  const d = t.try(command, participantId);
  expect(d.ok).toBe(false);
  if (!d.ok) {
    expect(d.error.code).toBe(code);
    expectSentence(d.error.message);
  }
}

describe('pause and resume', () => {
  it('freezes play but not talk while paused, for everyone but the control cell', () => {
    const t = new Table();
    t.toPhase('orders');
    refused(t, { type: 'PauseExercise' }, playerOf('usa'), 'role/not_facilitator');
    t.do({ type: 'PauseExercise' });
    refused(t, { type: 'SubmitOrders', orders: { observeMUsd: 1, missionFunding: {} } }, playerOf('usa'), 'exercise/paused');
    refused(t, { type: 'AdvancePhase' }, FACILITATOR, 'exercise/paused');
    t.do({ type: 'SendMessage', to: 'public', text: 'While we wait…' }, playerOf('usa'));
    refused(t, { type: 'PauseExercise' }, FACILITATOR, 'exercise/paused');
    t.do({ type: 'ResumeExercise' });
    t.submit('usa', [1]);
    expect(playerView(t.state, 'display').paused).toBe(false);
  });
});

describe('phase timers', () => {
  it('advances the phase when the deadline has passed, resolving with no orders for those who gave none', () => {
    const t = new Table();
    t.toPhase('orders');
    t.submit('usa', [100]);
    const [set] = t.do({ type: 'SetPhaseTimer', seconds: 120 });
    expect(set).toEqual({ type: 'PhaseTimerSet', deadline: '2031-03-10T09:02:00.000Z' });
    const early = decide(t.state, { type: 'ExpireTimer' }, { participantId: 'system', at: '2031-03-10T09:01:59.000Z' });
    expect(early.ok ? 'accepted' : early.error.code).toBe('timer/not_due');
    const due = decide(t.state, { type: 'ExpireTimer' }, { participantId: 'system', at: '2031-03-10T09:02:00.000Z' });
    expect(due.ok).toBe(true);
    if (!due.ok) return;
    expect(due.events.map((e) => e.type)).toEqual(['PhaseTimerExpired', 'RoundResolved']);
    const resolved = due.events[1]!;
    if (resolved.type !== 'RoundResolved') throw new Error('no resolution');
    expect(resolved.spentMUsd.usa?.observeMUsd).toBe(100);
    expect(resolved.spentMUsd.japan?.observeMUsd).toBe(0);
  });

  it('clears the deadline when the phase changes, and a timer of 0 clears it', () => {
    const t = new Table();
    t.toPhase('deliberation');
    t.do({ type: 'SetPhaseTimer', seconds: 60 });
    t.advance();
    expect(t.state.phaseDeadline).toBeNull();
    t.do({ type: 'SetPhaseTimer', seconds: 60 });
    t.do({ type: 'SetPhaseTimer', seconds: 0 });
    expect(t.state.phaseDeadline).toBeNull();
    const none = decide(t.state, { type: 'ExpireTimer' }, at('2040-01-01T00:00:00.000Z'));
    expect(none.ok ? 'accepted' : none.error.code).toBe('timer/none');
  });
});

describe('moving participants and overriding values', () => {
  it('moves a participant to a free seat and refuses a taken one', () => {
    const t = new Table();
    t.do({ type: 'MoveParticipant', participantId: playerOf('astra'), seat: 'display' });
    expect(t.state.participants[playerOf('astra')]?.seat).toBe('display');
    refused(t, { type: 'MoveParticipant', participantId: playerOf('astra'), seat: 'actor:usa' }, FACILITATOR, 'seat/taken');
    refused(t, { type: 'MoveParticipant', participantId: playerOf('astra'), seat: 'evaluator' }, FACILITATOR, 'seat/not_authorised');
    refused(t, { type: 'MoveParticipant', participantId: playerOf('kenya'), seat: 'display' }, playerOf('usa'), 'role/not_facilitator');
  });

  it('records an override with its reason and previous value, for the control cell and the debrief only', () => {
    const t = new Table();
    t.toPhase('deliberation');
    const [event] = t.do({ type: 'OverrideValue', target: { kind: 'actor-budget', actorId: 'kenya', valueMUsd: 500 }, reason: 'A donor conference pledged funds.' });
    expect(event).toMatchObject({ type: 'ValueOverridden', target: 'actor-budget', subject: 'kenya', from: 50, to: 500, reason: 'A donor conference pledged funds.' });
    expect(t.state.actors.kenya?.balanceMUsd).toBe(500);
    expect(playerView(t.state, 'facilitator').control?.overrides).toHaveLength(1);
    expect(eventForSeat(event!, 'actor:kenya')).toBeNull();
    t.do({ type: 'OverrideValue', target: { kind: 'true-encounter', valueKm: 20000 }, reason: 'Rehearse a miss.' });
    expect(t.state.trueEncounterKm).toBe(20000);
  });
});

describe('injects', () => {
  const conditional = {
    ...scenario,
    injects: [
      ...scenario.injects,
      {
        id: 'nobody-acts',
        round: 2,
        condition: { noMissionFundedByRound: 2 },
        targets: 'all' as const,
        persona: 'Newspaper editorial',
        channel: 'news' as const,
        headline: 'Still no mission',
        body: 'Two rounds in, no mission has been funded.',
        controllerNote: 'Push the space-faring states to commit.',
      },
      { id: 'manual-only', targets: ['kenya'], persona: 'Embassy', channel: 'official' as const, headline: 'A note', body: 'For Kenya.', expectedAction: 'Kenya asks for assistance.' },
    ],
  };

  it('shows the MSEL’s expected action to the control cell only', () => {
    const t = new Table(SEED, undefined, conditional);
    const entry = playerView(t.state, 'facilitator').control?.injectTimeline.find((i) => i.id === 'manual-only');
    expect(entry).toMatchObject({ expectedAction: 'Kenya asks for assistance.', controllerNote: null });
    expect(playerView(t.state, 'actor:kenya').control).toBeNull();
  });

  it('fires a conditional inject when its round comes and its condition holds, once', () => {
    const t = new Table(SEED, undefined, conditional);
    t.playRound();
    t.advance();
    const fired = t.state.injects.filter((i) => i.id === 'nobody-acts');
    expect(fired).toEqual([expect.objectContaining({ trigger: 'condition', round: 2 })]);
    t.playRound();
    t.advance();
    expect(t.state.injects.filter((i) => i.id === 'nobody-acts')).toHaveLength(1);
  });

  it('does not fire it when a mission was funded in time', () => {
    const t = new Table(SEED, undefined, conditional);
    t.toPhase('deliberation');
    const m = t.propose('usa', 'ki-single');
    t.playRound({ usa: [0, { [m]: 500 }] });
    t.advance();
    expect(t.state.injects.some((i) => i.id === 'nobody-acts')).toBe(false);
    expect(conditionHolds(t.state, { noMissionFundedByRound: 2 })).toBe(false);
  });

  it('fires by hand, skips, and writes ad-hoc injects that reach only their targets; controller notes stay with control', () => {
    const t = new Table(SEED, undefined, conditional);
    t.toPhase('deliberation');
    t.do({ type: 'FireInject', injectId: 'manual-only' });
    refused(t, { type: 'FireInject', injectId: 'manual-only' }, FACILITATOR, 'inject/already_fired');
    t.do({ type: 'SkipInject', injectId: 'astra-goes-alone' });
    expect(playerView(t.state, 'facilitator').control?.injectTimeline.find((i) => i.id === 'astra-goes-alone')?.status).toBe('skipped');
    const [adhoc] = t.do({ type: 'PostInject', targets: ['japan'], persona: 'JAXA', channel: 'intelligence', headline: 'Launch slip', body: 'The launcher slips six months.', controllerNote: 'Does Japan tell anyone?' });
    expect(playerView(t.state, 'actor:kenya').injects.map((i) => i.id)).toEqual(['manual-only']);
    expect(playerView(t.state, 'actor:japan').injects.map((i) => [i.id, i.controllerNote])).toEqual([['adhoc-1', null]]);
    expect(playerView(t.state, 'facilitator').injects.find((i) => i.id === 'adhoc-1')?.controllerNote).toBe('Does Japan tell anyone?');
    expect(eventForSeat(adhoc!, 'actor:usa')).toBeNull();
    expect(eventForSeat(adhoc!, 'actor:japan')).toMatchObject({ controllerNote: null });
    refused(t, { type: 'PostInject', targets: 'all', persona: 'x', channel: 'news', headline: 'x', body: 'x' }, playerOf('usa'), 'role/not_facilitator');
  });
});

describe('evaluators', () => {
  it('records observations tied to the round, an actor and a capability, seen by the control cell only', () => {
    const t = new Table(SEED, [...new Table().events, joined('p-eva', 'Eva', 'evaluator')]);
    t.do({ type: 'ClaimSeat', seat: 'evaluator' }, 'p-eva');
    t.toPhase('deliberation');
    const [o] = t.do({ type: 'RecordObservation', actorId: 'usa', capability: 'Decision to act', text: 'The US waited for Japan before committing.' }, 'p-eva');
    expect(o).toMatchObject({ type: 'ObservationRecorded', round: 1, phase: 'deliberation', actorId: 'usa', capability: 'Decision to act', byName: 'Eva' });
    expect(playerView(t.state, 'facilitator').control?.observations).toHaveLength(1);
    expect(eventForSeat(o!, 'actor:usa')).toBeNull();
    refused(t, { type: 'RecordObservation', capability: 'x', text: 'y' }, playerOf('usa'), 'role/not_control');
  });

  it('records an HSEEP rating with an observation when given, seen like the observation by the control cell only', () => {
    const t = new Table(SEED, [...new Table().events, joined('p-eva', 'Eva', 'evaluator')]);
    t.do({ type: 'ClaimSeat', seat: 'evaluator' }, 'p-eva');
    t.toPhase('deliberation');
    const [rated] = t.do({ type: 'RecordObservation', actorId: 'kenya', capability: 'Public warning', text: 'Kenya warned late and in one language.', rating: 'M' }, 'p-eva');
    const [unrated] = t.do({ type: 'RecordObservation', capability: 'Coordination', text: 'The table met once.' }, 'p-eva');
    expect(rated).toMatchObject({ type: 'ObservationRecorded', rating: 'M' });
    expect(unrated).not.toHaveProperty('rating');
    expect(eventSchema.parse(rated)).toEqual(rated);
    expect(playerView(t.state, 'facilitator').control?.observations.map((o) => o.rating)).toEqual(['M', undefined]);
    expect(playerView(t.state, 'evaluator').control?.observations[0]).toMatchObject({ capability: 'Public warning', rating: 'M' });
    for (const seat of ['actor:kenya', 'actor:usa', 'display', null] as const) {
      expect(eventForSeat(rated!, seat)).toBeNull();
      expect(playerView(t.state, seat).control).toBeNull();
      expect(JSON.stringify(playerView(t.state, seat))).not.toContain('Kenya warned late');
    }
    expect(commandSchema.safeParse({ type: 'RecordObservation', capability: 'x', text: 'y', rating: 'X' }).success).toBe(false);
  });
});

describe('delegations', () => {
  it('lets several people play one actor, and gives the delegation a channel only it and the control cell read', () => {
    const t = new Table(SEED, [...new Table().events, joined('p-usa-2', 'Second US delegate')]);
    refused(t, { type: 'ClaimSeat', seat: 'actor:usa' }, 'p-usa-2', 'seat/taken');
    t.do({ type: 'RequestDelegation', actorId: 'usa' }, 'p-usa-2');
    t.do({ type: 'AnswerDelegationRequest', requestId: 'delegation-request-1', accept: true }, playerOf('usa'));
    refused(t, { type: 'RequestDelegation', actorId: 'japan' }, 'p-usa-2', 'seat/already_seated');
    expect(playerView(t.state, 'display').seats.find((s) => s.seat === 'actor:usa')?.holders.map((h) => h.name)).toEqual(['Player for usa', 'Second US delegate']);
    t.toPhase('deliberation');
    const [posted] = t.do({ type: 'SendMessage', to: 'delegation', text: 'Let us not pay more than half.' }, 'p-usa-2');
    expect(posted).toMatchObject({ type: 'MessagePosted', from: 'actor:usa', to: 'delegation' });
    expect(playerView(t.state, 'actor:usa').messages.map((m) => m.text)).toContain('Let us not pay more than half.');
    expect(playerView(t.state, 'actor:japan').messages.map((m) => m.text)).not.toContain('Let us not pay more than half.');
    expect(playerView(t.state, 'facilitator').messages.map((m) => m.text)).toContain('Let us not pay more than half.');
    expect(eventForSeat(posted!, 'actor:japan')).toBeNull();
    refused(t, { type: 'SendMessage', to: 'delegation', text: 'x' }, FACILITATOR, 'role/cannot_post');
    // Either delegate gives the actor's orders.
    t.toPhase('orders');
    t.do({ type: 'SubmitOrders', orders: { observeMUsd: 5, missionFunding: {} } }, 'p-usa-2');
    expect(t.state.actors.usa?.orders).toEqual({ observeMUsd: 5, missionFunding: {} });
  });
});
