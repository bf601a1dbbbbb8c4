// Talk quotas: each actor (its whole delegation) may post a number of talk items — messages
// of any kind and statements — per phase, so a flooding seat is stopped by the rules. The
// control cell is not counted; the facilitator sets the quota; a new phase starts afresh.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TALK_QUOTA,
  clientCommandSchema,
  eventForSeat,
  legalCommands,
  playerView,
  sameLegality,
  type Command,
  type DomainEvent,
} from '../../../shared/engine/index.js';
import { Table, given, joined, playerOf, seated, tableSeated } from './given.js';

const say = (text = 'A word to the table.', to: 'public' | 'delegation' | string[] = 'public'): Command => ({ type: 'SendMessage', to, text });
const statement: Command = { type: 'PostStatement', text: 'Kenya asks the world for help.' };
const setQuota = (messagesPerPhase: number): Command => ({ type: 'SetTalkQuota', messagesPerPhase });

/** Round 1 in deliberation, Kenya having posted `n` talk items in it (public messages). */
function kenyaTalked(n: number, prefix: readonly DomainEvent[] = tableSeated()): Table {
  const t = new Table(undefined, prefix);
  t.toPhase('deliberation');
  for (let i = 0; i < n; i++) t.do(say(`Kenya, message ${i + 1}.`), playerOf('kenya'));
  return t;
}

describe('the talk quota', () => {
  it(`allows ${DEFAULT_TALK_QUOTA} talk items per actor and phase until the facilitator says otherwise`, () => {
    expect(DEFAULT_TALK_QUOTA).toBe(40);
    const t = kenyaTalked(DEFAULT_TALK_QUOTA - 1);
    expect(t.state.talkQuota).toBe(40);
    t.do(say('The fortieth.'), playerOf('kenya'));
    const error = given(...t.events).when(say('One more.'), playerOf('kenya')).thenRejects('talk/quota');
    expect(error.message).toBe('Kenya has sent its 40 messages this phase; the facilitator can raise the limit.');
  });

  it('counts messages of every kind and statements together, and refuses each of them once used up', () => {
    const t = kenyaTalked(0);
    t.do(setQuota(3));
    t.do(say('Public.'), playerOf('kenya'));
    t.do(say('Private.', ['usa']), playerOf('kenya'));
    t.do(statement, playerOf('kenya'));
    expect(t.state.talkUsed).toEqual({ kenya: 3 });
    for (const command of [say('Public again.'), say('Private again.', ['usa']), say('Among ourselves.', 'delegation'), statement]) {
      given(...t.events).when(command, playerOf('kenya')).thenRejects('talk/quota');
    }
  });

  it('is shared by the whole delegation: a second member cannot post once the first used it up', () => {
    const t = kenyaTalked(0, [...tableSeated(), joined('p-kip', 'Kip'), seated('p-kip', 'actor:kenya')]);
    t.do(setQuota(2));
    t.do(say('One.'), playerOf('kenya'));
    t.do(say('Two.', 'delegation'), 'p-kip');
    given(...t.events).when(say('Three.'), 'p-kip').thenRejects('talk/quota');
  });

  it('leaves the other actors and the control cell free to talk', () => {
    const t = kenyaTalked(0);
    t.do(setQuota(1));
    t.do(say('One.'), playerOf('kenya'));
    t.do(say('Japan speaks.'), playerOf('japan'));
    for (let i = 0; i < 3; i++) t.do(say(`Control, ${i}.`));
    expect(t.state.talkUsed).toEqual({ kenya: 1, japan: 1 });
  });

  it('starts afresh with every phase: deliberation, orders, resolution and the next round', () => {
    const t = kenyaTalked(0);
    t.do(setQuota(1));
    const usedUpThenNextPhase = () => {
      t.do(say('Once.'), playerOf('kenya'));
      expect(t.try(say('Twice.'), playerOf('kenya'))).toMatchObject({ ok: false, error: { code: 'talk/quota' } });
      t.advance();
    };
    usedUpThenNextPhase(); // deliberation → orders
    usedUpThenNextPhase(); // orders → resolution
    usedUpThenNextPhase(); // resolution → round 2's briefing
    expect(t.state.phase).toBe('briefing');
    t.do(say('Round two.'), playerOf('kenya'));
  });
});

describe('SetTalkQuota', () => {
  it('lets the facilitator raise the quota, which lets a silenced actor talk again at once', () => {
    const t = kenyaTalked(DEFAULT_TALK_QUOTA);
    given(...t.events).when(setQuota(100)).then({ type: 'TalkQuotaSet', messagesPerPhase: 100 });
    t.do(setQuota(100));
    t.do(say('Thank you, Control.'), playerOf('kenya'));
  });

  it('may lower the quota below what an actor already said, and says so', () => {
    const t = kenyaTalked(5);
    t.do(setQuota(2));
    expect(given(...t.events).when(say(), playerOf('kenya')).thenRejects('talk/quota').message).toBe(
      'Kenya has sent 5 messages this phase, more than its limit of 2; the facilitator can raise the limit.',
    );
  });

  it('changes nothing when the quota is already that', () => {
    given(...tableSeated()).when(setQuota(DEFAULT_TALK_QUOTA)).then();
  });

  it('is the facilitator’s alone', () => {
    const events = [...tableSeated(), joined('p-eve', 'Eve', 'evaluator'), seated('p-eve', 'evaluator')];
    for (const who of [playerOf('kenya'), 'p-eve']) given(...events).when(setQuota(100), who).thenRejects('role/not_facilitator');
  });

  it('takes whole numbers from 1 to 10 000 only', () => {
    const parses = (n: number) => clientCommandSchema.safeParse({ type: 'SetTalkQuota', messagesPerPhase: n }).success;
    expect([1, 40, 10_000].map(parses)).toEqual([true, true, true]);
    expect([0, -1, 10_001, 2.5].map(parses)).toEqual([false, false, false, false]);
  });

  it('is told to every seat: the rule applies to everyone', () => {
    const event: DomainEvent = { type: 'TalkQuotaSet', messagesPerPhase: 60 };
    for (const seat of ['actor:kenya', 'display', 'facilitator', null] as const) expect(eventForSeat(event, seat)).toEqual(event);
  });
});

describe('the talk quota in the view and in what may be done', () => {
  it('shows an actor’s seat its own count and the quota, the control cell every count and the quota, and the display nothing', () => {
    const t = kenyaTalked(3);
    t.do(say('Japan.'), playerOf('japan'));
    expect(playerView(t.state, 'actor:kenya').talk).toEqual({ used: 3, quota: 40 });
    expect(playerView(t.state, 'actor:usa').talk).toEqual({ used: 0, quota: 40 });
    expect(playerView(t.state, 'facilitator').talk).toEqual({ used: null, quota: 40 });
    expect(playerView(t.state, 'facilitator').control).toMatchObject({ talkQuota: 40, talkUsed: { kenya: 3, japan: 1 } });
    expect(playerView(t.state, 'display').talk).toBeNull();
    expect(playerView(t.state, null).talk).toBeNull();
    // Other actors' counts are the control cell's to know.
    expect(JSON.stringify(playerView(t.state, 'actor:usa'))).not.toContain('talkUsed');
  });

  it('stops offering messages and statements to an actor that used its quota, and nothing else changes for it', () => {
    const t = kenyaTalked(0);
    t.do(setQuota(1));
    const before = legalCommands(t.state, playerOf('kenya'));
    expect(before.commands).toEqual(expect.arrayContaining(['SendMessage', 'PostStatement']));
    t.do(say('Once.'), playerOf('kenya'));
    const after = legalCommands(t.state, playerOf('kenya'));
    expect(after.commands).not.toContain('SendMessage');
    expect(after.commands).not.toContain('PostStatement');
    expect(after.privateRecipients).toEqual([]);
    expect(after.commands).toEqual(before.commands.filter((c) => c !== 'SendMessage' && c !== 'PostStatement'));
    expect(legalCommands(t.state, playerOf('japan')).commands).toContain('SendMessage');
  });

  it('tells the server to recompute what may be done exactly when a quota is used up, set or renewed', () => {
    const t = kenyaTalked(0);
    t.do(setQuota(2));
    let before = t.state;
    t.do(say('One.'), playerOf('kenya'));
    expect(sameLegality(before, t.state)).toBe(true);
    before = t.state;
    t.do(say('Two: the last.'), playerOf('kenya'));
    expect(sameLegality(before, t.state)).toBe(false);
    before = t.state;
    t.do(say('Control is not counted.'));
    expect(sameLegality(before, t.state)).toBe(true);
    before = t.state;
    t.do(setQuota(3));
    expect(sameLegality(before, t.state)).toBe(false);
  });
});
