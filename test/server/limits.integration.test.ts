import { pack } from '@colyseus/msgpackr';
import { describe, expect, it } from 'vitest';
import { TEXT_LIMITS } from '../../shared/limits.js';
import { ClientMessage, MAX_CLIENT_MESSAGE_BYTES } from '../../shared/protocol.js';
import { TestPlayer, createExercise, useTestServer } from '../helpers/server.js';

/** Texts the UI allows go through whatever their script; one character more is refused with a sentence, never a disconnection. */

const testServer = useTestServer();

const repeat = (char: string, n: number) => Array.from({ length: n }, () => char).join('');
const japanese = (n: number) => repeat('隕', n);
const cyrillic = (n: number) => repeat('Ж', n);
const emoji = (n: number) => repeat('🌍', n); // 4 bytes in UTF-8, 2 UTF-16 units

async function table() {
  const created = await createExercise(testServer().url, 3);
  const facilitator = await TestPlayer.join(testServer().url, created.joinCode, 'Fran', created.facilitatorKey);
  await facilitator.do({ type: 'ClaimSeat', seat: 'facilitator' });
  const japan = await TestPlayer.join(testServer().url, created.joinCode, 'Haru');
  await japan.do({ type: 'ClaimSeat', seat: 'actor:japan' });
  const kenya = await TestPlayer.join(testServer().url, created.joinCode, 'Kofi');
  await kenya.do({ type: 'ClaimSeat', seat: 'actor:kenya' });
  await facilitator.do({ type: 'AdvancePhase' });
  await facilitator.do({ type: 'AdvancePhase' });
  return { facilitator, japan, kenya, all: [facilitator, japan, kenya] };
}

describe('text limits over the wire', () => {
  it('delivers a message at its limit in Japanese, in emoji and in Cyrillic, and refuses one character more with protocol/too_large', async () => {
    const { japan, kenya, all } = await table();
    for (const text of [japanese(TEXT_LIMITS.message), emoji(TEXT_LIMITS.message), cyrillic(TEXT_LIMITS.message)]) {
      await japan.do({ type: 'SendMessage', to: 'public', text });
      await kenya.until('the long message', () => kenya.view.messages.at(-1)?.text === text);
    }
    for (const text of [japanese(TEXT_LIMITS.message + 1), emoji(TEXT_LIMITS.message + 1)]) {
      const answer = await japan.send({ type: 'SendMessage', to: 'public', text });
      expect(answer).toMatchObject({ code: 'protocol/too_large', kind: 'protocol' });
      expect((answer as { message: string }).message).toMatch(/at most 2000 characters/);
    }
    expect(japan.room.connection.isOpen).toBe(true);
    await japan.do({ type: 'SendMessage', to: 'public', text: 'still connected' });
    for (const p of all) await p.close();
  });

  it('delivers an ad-hoc inject with every text at its limit in Cyrillic', async () => {
    const { facilitator, kenya, all } = await table();
    await facilitator.do({
      type: 'PostInject',
      targets: 'all',
      persona: cyrillic(TEXT_LIMITS.injectPersona),
      channel: 'news',
      headline: cyrillic(TEXT_LIMITS.headline),
      body: cyrillic(TEXT_LIMITS.body),
      controllerNote: cyrillic(TEXT_LIMITS.controllerNote),
    });
    await kenya.until('the inject', () => kenya.view.injects.some((i) => i.body === cyrillic(TEXT_LIMITS.body)));
    const over = await facilitator.send({ type: 'PostInject', targets: 'all', persona: 'Desk', channel: 'news', headline: 'x', body: cyrillic(TEXT_LIMITS.body + 1) });
    expect(over).toMatchObject({ code: 'protocol/too_large' });
    for (const p of all) await p.close();
  });

  it('refuses a message larger than the size limit with protocol/too_large and keeps the connection', async () => {
    const { japan, all } = await table();
    const answer = new Promise<unknown>((resolve) => japan.room.onMessage('rejected', resolve));
    japan.room.send(ClientMessage.command, { commandId: 'huge', command: { type: 'SendMessage', to: 'public', text: 'x'.repeat(200_000) } });
    expect(await answer).toMatchObject({ commandId: 'huge', code: 'protocol/too_large' });
    expect(japan.room.connection.isOpen).toBe(true);
    await japan.do({ type: 'SendMessage', to: 'public', text: 'still here' });
    for (const p of all) await p.close();
  });

  it('the largest legal command fits well inside the message size limit', () => {
    const four = (n: number) => emoji(n);
    const largest = {
      commandId: 'c'.repeat(64),
      command: {
        type: 'PostInject',
        targets: Array.from({ length: 20 }, (_, i) => `actor-${'x'.repeat(30)}${i}`),
        persona: four(TEXT_LIMITS.injectPersona),
        channel: 'intelligence',
        headline: four(TEXT_LIMITS.headline),
        body: four(TEXT_LIMITS.body),
        controllerNote: four(TEXT_LIMITS.controllerNote),
      },
    };
    const bytes = pack(largest).byteLength + 16; // plus the frame's code and message type
    expect(bytes).toBeLessThan(MAX_CLIENT_MESSAGE_BYTES / 2);
  });
});
