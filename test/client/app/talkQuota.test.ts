import { describe, expect, it } from 'vitest';
import { talkQuotaSentence } from '../../../client/app/TalkQuota.js';

// Near the message box an actor reads how many messages are left once few remain, and why
// nothing can be sent once none does.

describe('the talk quota sentence', () => {
  it('says nothing while plenty is left', () => {
    expect(talkQuotaSentence({ left: 11, quota: 40 })).toBeNull();
    expect(talkQuotaSentence(null)).toBeNull();
  });

  it('counts down from 10 left (or a quarter of a large quota)', () => {
    expect(talkQuotaSentence({ left: 10, quota: 40 })).toBe('10 of 40 messages left this phase.');
    expect(talkQuotaSentence({ left: 1, quota: 40 })).toBe('1 of 40 messages left this phase.');
    expect(talkQuotaSentence({ left: 250, quota: 1000 })).toBe('250 of 1\u00a0000 messages left this phase.');
  });

  it('says why nothing can be sent at 0, and who can change that', () => {
    expect(talkQuotaSentence({ left: 0, quota: 40 })).toMatch(/^No messages left this phase: .*all 40.*facilitator raises the limit\.$/);
  });
});
