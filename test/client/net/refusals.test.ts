import { describe, expect, it } from 'vitest';
import { describeRefusal, refusedCommand } from '../../../client/net/refusals.js';

// A refusal is shown next to the control whose command caused it, as a sentence that says
// whether anything happened and what to do.

describe('what the client says about a refusal', () => {
  it('says a rate-limited command was not applied and to wait, whatever the server wrote', () => {
    expect(describeRefusal({ code: 'rate/limited', message: 'rate limited' })).toBe('You are sending too fast: wait a moment and send it again. This was not applied.');
  });

  it('says a message too large to read was not applied', () => {
    expect(describeRefusal({ code: 'protocol/too_large', message: '' })).toMatch(/too large to send.*Nothing was applied/);
  });

  it('keeps the server’s sentence for rule errors, and says something for a talk quota refusal without one', () => {
    expect(describeRefusal({ code: 'talk/quota', message: 'Japan has sent its 40 messages this phase; the facilitator can raise the limit.' })).toBe(
      'Japan has sent its 40 messages this phase; the facilitator can raise the limit.',
    );
    expect(describeRefusal({ code: 'talk/quota', message: ' ' })).toMatch(/all its messages for this phase/);
    expect(describeRefusal({ code: 'phase/not_orders', message: 'Orders are given in the orders phase.' })).toBe('Orders are given in the orders phase.');
  });
});

describe('which command a refusal answers', () => {
  it('is the command it names', () => {
    expect(refusedCommand({ c1: 'SendMessage', c2: 'SetReady' }, 'c2')).toEqual({ commandId: 'c2', commandType: 'SetReady' });
  });

  it('is nothing when it names a command no longer waiting (answered on an earlier connection)', () => {
    expect(refusedCommand({ c3: 'SendMessage' }, 'c1')).toBeNull();
  });

  it('without an id, is none of the commands waiting: the server names every command it refuses, so an id-less refusal is about the join or a look through another seat', () => {
    expect(refusedCommand({ c9: 'SendMessage', c10: 'SetReady' }, null)).toBeNull();
  });
});
