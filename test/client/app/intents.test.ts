import { describe, expect, it } from 'vitest';
import type { CommandType } from '../../../shared/engine/commands.js';
import { NO_LEGAL_COMMANDS, type LegalCommands } from '../../../shared/engine/legal-commands.js';
import type { PlayerView } from '../../../shared/engine/view.js';
import { answerDelegationRequest, postStatement, recordObservation, requestDelegation, selectTalk, sendMessage } from '../../../client/app/intents.js';
import { createDeflectStore, type DeflectState } from '../../../client/net/store.js';

// Buttons are enabled from what the server allows, and from the limits every text shares with
// the server's schemas: a text too long or a talk quota used up never reaches the wire.

function given(over: { commands: CommandType[]; legal?: Partial<LegalCommands>; talk?: PlayerView['talk']; mySeat?: DeflectState['mySeat'] }): DeflectState {
  return {
    ...createDeflectStore().getState(),
    connection: 'connected',
    mySeat: over.mySeat ?? 'actor:usa',
    legal: { ...NO_LEGAL_COMMANDS, ...over.legal, commands: over.commands },
    view: { talk: over.talk ?? { used: 0, quota: 40 }, delegationRequests: [] } as unknown as PlayerView,
  };
}

describe('sending a message', () => {
  const talking = given({ commands: ['SendMessage', 'PostStatement'] });

  it('is allowed up to 2 000 characters as the server counts them, and not at 2 001', () => {
    expect(sendMessage.isEnabled(talking, 'public', '𠮷'.repeat(2000))).toBe(true);
    expect(sendMessage.isEnabled(talking, 'public', '𠮷'.repeat(2001))).toBe(false);
    expect(sendMessage.isEnabled(talking, 'public', '   ')).toBe(false);
  });

  it('is not allowed once the actor has used its talk quota for the phase, nor is a statement', () => {
    const spent = given({ commands: ['SendMessage', 'PostStatement'], talk: { used: 40, quota: 40 } });
    expect(sendMessage.isEnabled(spent, 'public', 'hello')).toBe(false);
    expect(postStatement.isEnabled(spent, 'We act.')).toBe(false);
    const oneLeft = given({ commands: ['SendMessage', 'PostStatement'], talk: { used: 39, quota: 40 } });
    expect(sendMessage.isEnabled(oneLeft, 'public', 'hello')).toBe(true);
    expect(selectTalk(oneLeft)).toEqual({ used: 39, quota: 40, left: 1 });
  });

  it('is not counted against a quota for the control cell', () => {
    const control = given({ commands: ['SendMessage'], talk: { used: null, quota: 40 }, mySeat: 'facilitator' });
    expect(selectTalk(control)).toBeNull();
    expect(sendMessage.isEnabled(control, 'public', 'Control here.')).toBe(true);
  });

  it('keeps a statement to its own, shorter limit', () => {
    expect(postStatement.isEnabled(talking, 'あ'.repeat(1000))).toBe(true);
    expect(postStatement.isEnabled(talking, 'あ'.repeat(1001))).toBe(false);
  });
});

describe('an evaluator’s observation', () => {
  it('needs a capability of at most 80 characters and a text of at most 2 000', () => {
    const evaluator = given({ commands: ['RecordObservation'], mySeat: 'evaluator', talk: null });
    expect(recordObservation.isEnabled(evaluator, 'Decision to act', 'x'.repeat(2000))).toBe(true);
    expect(recordObservation.isEnabled(evaluator, 'c'.repeat(81), 'Seen.')).toBe(false);
    expect(recordObservation.isEnabled(evaluator, 'Decision to act', 'x'.repeat(2001))).toBe(false);
  });
});

describe('joining a delegation', () => {
  it('can be asked for only for the delegations the server lists', () => {
    const unseated = given({ commands: ['RequestDelegation'], legal: { joinableDelegations: ['usa'] }, mySeat: null, talk: null });
    expect(requestDelegation.isEnabled(unseated, 'usa')).toBe(true);
    expect(requestDelegation.isEnabled(unseated, 'kenya')).toBe(false);
  });

  it('can be answered only for the requests the server lets this seat answer, and not twice at once', () => {
    const holder = given({ commands: ['AnswerDelegationRequest'], legal: { answerableDelegationRequests: ['delegation-request-2'] } });
    expect(answerDelegationRequest.isEnabled(holder, 'delegation-request-2')).toBe(true);
    expect(answerDelegationRequest.isEnabled(holder, 'delegation-request-1')).toBe(false);
    const answering = { ...holder, pending: { c7: 'AnswerDelegationRequest' as const } };
    expect(answerDelegationRequest.isEnabled(answering, 'delegation-request-2')).toBe(false);
  });

  it('cannot be asked or answered while the connection is coming back', () => {
    const reconnecting = { ...given({ commands: ['RequestDelegation'], legal: { joinableDelegations: ['usa'] }, mySeat: null }), connection: 'reconnecting' as const };
    expect(requestDelegation.isEnabled(reconnecting, 'usa')).toBe(false);
  });
});
