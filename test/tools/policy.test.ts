// The bots' choices, from a seat's view and legal commands built by the engine itself.
import { describe, expect, it } from 'vitest';
import { legalCommands, playerView } from '../../shared/engine/index.js';
import { candidateMoves, type RoundPlan } from '../../shared/bots/policy.js';
import { Table, joined, playerOf, tableSeated } from '../shared/engine/given.js';

const SPEAKS: RoundPlan = { round: 1, speaks: true, channel: 'message', line: 0, observeShare: 0.2, missionShare: 0.4 };

describe('a bot in an actor’s seat', () => {
  it('leaves a request to join its delegation to the facilitator, though it may answer it', () => {
    const t = new Table(undefined, [...tableSeated(), joined('p-kip', 'Kip')]);
    t.toPhase('deliberation');
    t.do({ type: 'RequestDelegation', actorId: 'kenya' }, 'p-kip');
    const legal = legalCommands(t.state, playerOf('kenya'));
    expect(legal.answerableDelegationRequests).toEqual(['delegation-request-1']);
    const moves = candidateMoves(playerView(t.state, 'actor:kenya'), legal, SPEAKS);
    expect(moves.map((m) => m.command.type)).not.toContain('AnswerDelegationRequest');
  });

  it('does not try to speak once its talk quota for the phase is used up', () => {
    const t = new Table();
    t.toPhase('deliberation');
    t.do({ type: 'SetTalkQuota', messagesPerPhase: 1 });
    const view = () => playerView(t.state, 'actor:kenya');
    expect(candidateMoves(view(), legalCommands(t.state, playerOf('kenya')), SPEAKS).map((m) => m.intent)).toContain('speak:1');
    t.do({ type: 'SendMessage', to: 'public', text: 'Kenya has spoken.' }, playerOf('kenya'));
    expect(candidateMoves(view(), legalCommands(t.state, playerOf('kenya')), SPEAKS).map((m) => m.intent)).not.toContain('speak:1');
  });
});
