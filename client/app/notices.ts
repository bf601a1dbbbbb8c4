import { useMemo, useSyncExternalStore } from 'react';
import type { InjectChannel } from '../../shared/scenario/schema.js';
import { actorOfSeat, type SeatId } from '../../shared/engine/seats.js';
import type { PlayerView } from '../../shared/engine/view.js';
import { useDeflect } from './useDeflect.js';

// What has reached an actor's seat (news, injects) and which of it the seat has read. Read
// state lives in the browser's localStorage, per exercise and seat, so that it survives a
// reload and is shared by the tabs of one browser; a change in another tab shows here too.

/** One item that reached a seat: a news item, or an inject sent to the whole table or to it alone. */
export interface NoticeItem {
  /** Unique within an exercise: `news:<id>` or `inject:<id>`. */
  key: string;
  round: number;
  /** 'news' for the round's published news; an inject's channel otherwise. */
  channel: 'published' | InjectChannel;
  /** Who speaks (an inject's persona); null for published news. */
  persona: string | null;
  headline: string;
  body: string;
  /** Sent to this actor (and perhaps a few others), not to the whole table: it expects an answer. */
  addressedToMe: boolean;
}

/** What a seat has read, as stored. */
export interface ReadRecord {
  /** Items of earlier rounds count as read: the round the seat was first seen in this browser. */
  sinceRound: number;
  /** Keys of the items read since. */
  read: string[];
}

const PREFIX = 'deflect:notices:';

/** The storage key of a seat's read state in one exercise. */
export function readRecordKey(exerciseId: string, seat: SeatId): string {
  return `${PREFIX}${exerciseId}:${seat}`;
}

/** Every item that reached an actor's seat, oldest first; none for the other seats (the control cell sends injects, the projector shows them). */
export function noticeItems(view: PlayerView, seat: SeatId | null): NoticeItem[] {
  const actorId = actorOfSeat(seat);
  if (actorId === null) return [];
  const news = view.news.map(
    (n): NoticeItem => ({ key: `news:${n.id}`, round: n.round, channel: 'published', persona: null, headline: n.headline, body: n.body, addressedToMe: false }),
  );
  // An actor's view holds only the injects sent to it; the check keeps a wider view (the control cell's look as this actor) honest.
  const injects = view.injects
    .filter((i) => i.targets === 'all' || i.targets.includes(actorId))
    .map(
      (i): NoticeItem => ({
        key: `inject:${i.id}`,
        round: i.round,
        channel: i.channel,
        persona: i.persona,
        headline: i.headline,
        body: i.body,
        addressedToMe: i.targets !== 'all',
      }),
    );
  // Within a round, the news came first and the injects fired with the briefing after it.
  return [...news, ...injects].map((item, order) => ({ item, order })).sort((a, b) => a.item.round - b.item.round || a.order - b.order).map(({ item }) => item);
}

/** The items not yet read: those of `record.sinceRound` or later whose key is not in `record.read`. */
export function unreadItems(items: readonly NoticeItem[], record: ReadRecord): NoticeItem[] {
  const read = new Set(record.read);
  return items.filter((item) => item.round >= record.sinceRound && !read.has(item.key));
}

/**
 * The record of a seat first seen in `round`. A participant arriving mid-exercise is not buried
 * under every headline of the rounds before: items older than the current round count as
 * read (the news feed still holds them).
 */
export function firstRecord(round: number): ReadRecord {
  return { sinceRound: round, read: [] };
}

/** A stored record, or null when there is none or it is not one. */
export function parseReadRecord(raw: string | null): ReadRecord | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<ReadRecord> | null;
    if (parsed === null || typeof parsed !== 'object' || typeof parsed.sinceRound !== 'number' || !Array.isArray(parsed.read)) return null;
    return { sinceRound: parsed.sinceRound, read: parsed.read.filter((k): k is string => typeof k === 'string') };
  } catch {
    return null;
  }
}

function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- the read-state store

const listeners = new Set<() => void>();
/** Bumped at every change, so that `useSyncExternalStore` re-reads. */
let version = 0;
/** Records read this session, by storage key (also where they live when the browser has no storage). */
const records = new Map<string, ReadRecord>();

function changed(): void {
  version++;
  for (const listener of listeners) listener();
}

/** Another tab of this browser read something: forget what this page holds of it and re-read. */
function onStorage(e: StorageEvent): void {
  if (e.key !== null && !e.key.startsWith(PREFIX)) return;
  if (e.key === null) records.clear();
  else records.delete(e.key);
  changed();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) globalThis.addEventListener?.('storage', onStorage);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) globalThis.removeEventListener?.('storage', onStorage);
  };
}

/** A seat's read record: stored, or created (and stored) now with the current round as its start. */
export function readRecord(exerciseId: string, seat: SeatId, currentRound: number, storage: Storage | null = browserStorage()): ReadRecord {
  const key = readRecordKey(exerciseId, seat);
  const known = records.get(key) ?? parseReadRecord(storage?.getItem(key) ?? null);
  if (known) {
    records.set(key, known);
    return known;
  }
  const fresh = firstRecord(currentRound);
  records.set(key, fresh);
  try {
    storage?.setItem(key, JSON.stringify(fresh));
  } catch {
    // A full or forbidden storage keeps the record for this session only.
  }
  return fresh;
}

/** Marks items of a seat as read, in storage and for every component showing them. */
export function markNoticesRead(exerciseId: string, seat: SeatId, keys: readonly string[], currentRound: number, storage: Storage | null = browserStorage()): void {
  const record = readRecord(exerciseId, seat, currentRound, storage);
  const read = [...new Set([...record.read, ...keys])];
  if (read.length === record.read.length) return;
  const next: ReadRecord = { sinceRound: record.sinceRound, read };
  const key = readRecordKey(exerciseId, seat);
  records.set(key, next);
  try {
    storage?.setItem(key, JSON.stringify(next));
  } catch {
    // As above: read for this session only.
  }
  changed();
}

/** Forgets the records read this session (tests start from what storage holds). */
export function forgetReadRecords(): void {
  records.clear();
  changed();
}

// ---------------------------------------------------------------- asking the notices to open an item

let openRequest: { key: string; n: number } | null = null;

/** Asks the notices to open one item (from "Waiting for you"): it unfolds and takes the focus. */
export function requestOpenNotice(key: string): void {
  openRequest = { key, n: (openRequest?.n ?? 0) + 1 };
  changed();
}

/** The latest request to open an item, if any (a new object for each request). */
export function useOpenNoticeRequest(): { key: string; n: number } | null {
  useSyncExternalStore(subscribe, () => version);
  return openRequest;
}

// ---------------------------------------------------------------- hooks

const NO_ITEMS: NoticeItem[] = [];

/** What reached this seat, which of it is unread, and how to mark items read. */
export function useNotices(): { items: NoticeItem[]; unread: NoticeItem[]; markRead(keys: readonly string[]): void } {
  const view = useDeflect((s) => s.view);
  const seat = useDeflect((s) => s.mySeat);
  const exerciseId = useDeflect((s) => s.exerciseId);
  const readVersion = useSyncExternalStore(subscribe, () => version);
  const round = view?.exercise.round ?? 0;
  // Only the lists the items come from matter; a new view with the same news and injects keeps the same items.
  const news = view?.news;
  const injects = view?.injects;
  const items = useMemo(() => (view ? noticeItems(view, seat) : NO_ITEMS), [news, injects, seat]);
  const unread = useMemo(
    () => (exerciseId === null || seat === null || items.length === 0 ? NO_ITEMS : unreadItems(items, readRecord(exerciseId, seat, round))),
    // readVersion: a change of the read state re-reads the record.
    [items, exerciseId, seat, round, readVersion],
  );
  return {
    items,
    unread,
    markRead: (keys) => {
      if (exerciseId !== null && seat !== null) markNoticesRead(exerciseId, seat, keys, round);
    },
  };
}

/** How many items that reached this seat are unread: the badge of a tab or a heading. */
export function useUnreadNotices(): number {
  return useNotices().unread.length;
}
