import { describe, expect, it } from 'vitest';
import { Outbox, RESEND_WITHIN_MS } from '../../../client/net/outbox.js';
import { commandEnvelopeSchema } from '../../../shared/protocol.js';

// The browser client's memory of commands without an answer: what goes again after a
// reconnection (once, thanks to the ids), and what is too old to send.

const say = (text: string) => ({ type: 'SendMessage' as const, to: 'public' as const, text });

describe('the outbox of unanswered commands', () => {
  it('gives every command an id no other page load shares, which the server’s envelope schema takes', () => {
    const a = new Outbox();
    const b = new Outbox();
    const ids = [a.add(say('1'), 0).commandId, a.add(say('2'), 0).commandId, b.add(say('1'), 0).commandId];
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(commandEnvelopeSchema.safeParse({ commandId: id, command: say('x') }).success).toBe(true);
    expect(ids[0]!.split('.')[0]).toMatch(/^[0-9a-z]{12}$/);
    // 2 000 page loads: no prefix twice.
    expect(new Set(Array.from({ length: 2000 }, () => new Outbox().add(say('x'), 0).commandId)).size).toBe(2000);
  });

  it('sends again, marked as a retry and oldest first, only what has had no answer', () => {
    const box = new Outbox('p');
    const first = box.add(say('first'), 1000);
    const second = box.add(say('second'), 2000);
    const third = box.add(say('third'), 3000);
    expect(box.answered(second.commandId)).toBe(true);
    expect(box.answered(second.commandId)).toBe(false);
    const { resend, tooOld } = box.takeForResend(4000);
    expect(resend).toEqual([
      { ...first, retry: true },
      { ...third, retry: true },
    ]);
    expect(tooOld).toEqual([]);
    for (const e of resend) expect(commandEnvelopeSchema.safeParse(e).success).toBe(true);
    // Sent again, they still wait for their answer: another drop sends them once more, with the same ids.
    expect(box.takeForResend(5000).resend.map((e) => e.commandId)).toEqual([first.commandId, third.commandId]);
  });

  it('does not send again what was given more than two minutes before, and forgets it', () => {
    const box = new Outbox('p');
    const old = box.add(say('old'), 0);
    const recent = box.add(say('recent'), RESEND_WITHIN_MS);
    const { resend, tooOld } = box.takeForResend(RESEND_WITHIN_MS + 1);
    expect(resend.map((e) => e.commandId)).toEqual([recent.commandId]);
    expect(tooOld.map((u) => u.envelope.commandId)).toEqual([old.commandId]);
    expect(box.has(old.commandId)).toBe(false);
    expect(box.has(recent.commandId)).toBe(true);
  });

  it('drops everything when the participant is gone', () => {
    const box = new Outbox('p');
    box.add(say('a'), 0);
    box.add(say('b'), 0);
    expect(box.dropAll().map((u) => u.envelope.command)).toEqual([say('a'), say('b')]);
    expect(box.takeForResend(0)).toEqual({ resend: [], tooOld: [] });
  });
});
