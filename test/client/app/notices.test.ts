import { describe, expect, it } from 'vitest';
import { firstRecord, forgetReadRecords, markNoticesRead, noticeItems, parseReadRecord, readRecord, readRecordKey, unreadItems } from '../../../client/app/notices.js';
import { playerView, type SeatId } from '../../../shared/engine/index.js';
import { Table } from '../../shared/engine/given.js';

// Notices: what reached an actor's seat (news, injects) and which of it is unread, the read
// state kept per exercise and seat in the browser's storage.

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
}

const kenya: SeatId = 'actor:kenya';
const usa: SeatId = 'actor:usa';

/** Round 1's briefing, then the control cell sends Kenya an official note; round 2 begins. */
function table(): { round1: Table['state']; round2: Table['state'] } {
  const t = new Table();
  t.advance();
  t.do({ type: 'PostInject', targets: ['kenya'], persona: 'Kenyan Space Agency', channel: 'official', headline: 'Nairobi asks for imagery', body: 'Which districts first?' });
  const round1 = t.state;
  t.playRound();
  t.advance();
  return { round1, round2: t.state };
}
const { round1, round2 } = table();

describe('noticeItems', () => {
  it('gives Kenya the round news and the note sent to it alone, marked as addressed to it', () => {
    const items = noticeItems(playerView(round1, kenya), kenya);
    const note = items.find((i) => i.headline === 'Nairobi asks for imagery')!;
    expect(note).toMatchObject({ channel: 'official', persona: 'Kenyan Space Agency', addressedToMe: true, round: 1 });
    const news = items.filter((i) => i.channel === 'published');
    expect(news.length).toBe(playerView(round1, kenya).news.length);
    expect(news.length).toBeGreaterThan(0);
    expect(news.every((i) => !i.addressedToMe)).toBe(true);
  });

  it('does not give the United States the note sent to Kenya', () => {
    expect(noticeItems(playerView(round1, usa), usa).map((i) => i.headline)).not.toContain('Nairobi asks for imagery');
  });

  it('gives the seats that are not actors no notices', () => {
    for (const seat of ['facilitator', 'evaluator', 'display'] as const) expect(noticeItems(playerView(round1, seat), seat)).toEqual([]);
  });

  it("does not hand the control cell's look at Kenya injects meant for others", () => {
    const controlView = playerView(round1, 'facilitator');
    expect(noticeItems(controlView, usa).map((i) => i.headline)).not.toContain('Nairobi asks for imagery');
    expect(noticeItems(controlView, kenya).map((i) => i.headline)).toContain('Nairobi asks for imagery');
  });
});

describe('unread notices', () => {
  it('counts everything of the current round as unread for a seat first seen in it', () => {
    const items = noticeItems(playerView(round1, kenya), kenya);
    expect(unreadItems(items, firstRecord(1))).toEqual(items);
  });

  it('treats the rounds before a late arrival as read, and only the new round as unread', () => {
    const items = noticeItems(playerView(round2, kenya), kenya);
    const unread = unreadItems(items, firstRecord(2));
    expect(unread.length).toBeGreaterThan(0);
    expect(unread.every((i) => i.round === 2)).toBe(true);
    expect(unread.length).toBeLessThan(items.length);
  });

  it('keeps what was marked read across a reload, per exercise and seat', () => {
    const storage = new MemoryStorage();
    const items = noticeItems(playerView(round1, kenya), kenya);
    const note = items.find((i) => i.addressedToMe)!;
    expect(unreadItems(items, readRecord('ex-1', kenya, 1, storage))).toContainEqual(note);
    markNoticesRead('ex-1', kenya, [note.key], 1, storage);
    forgetReadRecords(); // a reload: only storage remains
    expect(unreadItems(items, readRecord('ex-1', kenya, 1, storage))).not.toContainEqual(note);
    expect(unreadItems(items, readRecord('ex-1', kenya, 1, storage)).length).toBe(items.length - 1);
    // Another exercise, or another seat in this browser, has read nothing.
    expect(unreadItems(items, readRecord('ex-2', kenya, 1, storage))).toContainEqual(note);
    expect(parseReadRecord(storage.getItem(readRecordKey('ex-1', usa)))).toBeNull();
  });

  it('keeps the round a seat was first seen in, so later rounds are not taken as old', () => {
    const storage = new MemoryStorage();
    readRecord('ex-3', kenya, 1, storage);
    forgetReadRecords();
    expect(readRecord('ex-3', kenya, 4, storage).sinceRound).toBe(1);
  });

  it('ignores stored read state that is not a record', () => {
    expect(parseReadRecord('not json')).toBeNull();
    expect(parseReadRecord('{"read":[]}')).toBeNull();
    expect(parseReadRecord('{"sinceRound":2,"read":["news:n1",3]}')).toEqual({ sinceRound: 2, read: ['news:n1'] });
  });
});
