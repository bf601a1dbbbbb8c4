import { describe, expect, it } from 'vitest';
import { TestPlayer, createExercise, useTestServer } from '../helpers/server.js';

const testServer = useTestServer();

describe('joining a delegation over the wire', () => {
  it('needs the holder’s consent: the asker sees their own request and its answer, and nothing of the delegation before', async () => {
    const created = await createExercise(testServer().url, 4);
    const japan = await TestPlayer.join(testServer().url, created.joinCode, 'Haru');
    await japan.do({ type: 'ClaimSeat', seat: 'actor:japan' });
    const asker = await TestPlayer.join(testServer().url, created.joinCode, 'Aiko');
    const other = await TestPlayer.join(testServer().url, created.joinCode, 'Bystander');
    await japan.do({ type: 'SendMessage', to: 'delegation', text: 'delegation only' });

    await asker.do({ type: 'RequestDelegation', actorId: 'japan' });
    await asker.until('its own request in its view', () => asker.view.delegationRequests.length === 1);
    expect(other.view.delegationRequests).toEqual([]);
    await japan.until('the request', () => japan.view.delegationRequests.length === 1);
    expect(japan.view.delegationRequests[0]).toMatchObject({ participantName: 'Aiko', actorId: 'japan' });
    expect(asker.seat).toBeNull();
    expect(JSON.stringify(asker.view)).not.toContain('delegation only');

    await japan.do({ type: 'AnswerDelegationRequest', requestId: japan.view.delegationRequests[0]!.id, accept: false });
    await asker.until('the answer', () => asker.events.some((e) => e.event.type === 'DelegationRequestAnswered'));
    expect(asker.view.delegationRequests).toEqual([]);
    expect(asker.seat).toBeNull();
    expect(other.events.some((e) => e.event.type === 'DelegationRequestAnswered' || e.event.type === 'DelegationRequested')).toBe(false);

    await asker.do({ type: 'RequestDelegation', actorId: 'japan' });
    await japan.until('the second request', () => japan.view.delegationRequests.length === 1);
    await japan.do({ type: 'AnswerDelegationRequest', requestId: japan.view.delegationRequests[0]!.id, accept: true });
    await asker.until('the seat', () => asker.seat === 'actor:japan');
    expect(asker.view.messages.some((m) => m.text === 'delegation only')).toBe(true);
    for (const p of [japan, asker, other]) await p.close();
  });
});
