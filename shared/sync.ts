// Per-seat updates: how a seat's view travels from the server to a client and is kept there.
// The server diffs the seat's view before and after a command into an RFC 6902 JSON patch;
// the client applies it immutably, so every part of the view the command did not change
// keeps its identity on both sides. Pure: the server, the browser, the bots and the tests
// all use this one module.
import { existsIn, immutableJSONPatch, parsePath, type JSONPatchOperation } from 'immutable-json-patch';
import type { LegalCommands } from './engine/legal-commands.js';
import type { SeatId } from './engine/seats.js';
import type { PlayerView } from './engine/view.js';
import type { WireEvent } from './protocol.js';

export type PatchOperation = Extract<JSONPatchOperation, { op: 'add' | 'remove' | 'replace' }>;

/** Who is connected now, by participant id (not game state: it travels beside the view). */
export type Presence = Record<string, boolean>;

/**
 * One message to one connection after each change it may see: a snapshot of its seat's view
 * (on join, reconnection or when asked) or the patch from the view it last received.
 */
export interface SeatUpdate {
  /** This connection's update number: 1 for its first, then consecutive. A gap means something was lost. */
  seq: number;
  /** How many events of the exercise log the view reflects. */
  logSeq: number;
  /** The seat the view is for (null: no seat yet). */
  seat: SeatId | null;
  view: { snapshot: PlayerView } | { patch: PatchOperation[] };
  /** The events of this change the seat may know of (redacted for it). */
  events: WireEvent[];
  /** What this participant may do now; absent when unchanged since the last update. */
  allowed?: LegalCommands;
  /** Who is connected; absent when unchanged since the last update. */
  presence?: Presence;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** For a log list that grows in place: how many of its entries the receiver already has (else undefined). */
export type LogLength = (list: readonly unknown[]) => number | undefined;

function diffInto(before: unknown, after: unknown, path: string, ops: PatchOperation[], logLength: LogLength | undefined): void {
  if (Array.isArray(before) && Array.isArray(after)) {
    const common = Math.min(before.length, after.length);
    // Identity first: an element the command did not touch is the same object, so nothing
    // about it is compared or built (not even its path). Append-only logs cost a pointer
    // comparison per entry.
    for (let i = 0; i < common; i++) if (before[i] !== after[i]) diffInto(before[i], after[i], `${path}/${i}`, ops, logLength);
    for (let i = before.length - 1; i >= after.length; i--) ops.push({ op: 'remove', path: `${path}/${i}` });
    for (let i = before.length; i < after.length; i++) ops.push({ op: 'add', path: `${path}/-`, value: after[i] });
    return;
  }
  if (isRecord(before) && isRecord(after)) {
    // Own members only: a key such as 'toString' must not find the prototype's.
    const own = (o: Record<string, unknown>, key: string) => (Object.hasOwn(o, key) ? o[key] : undefined);
    for (const key of Object.keys(before)) {
      if (before[key] !== undefined && own(after, key) === undefined) ops.push({ op: 'remove', path: `${path}/${escapeToken(key)}` });
    }
    for (const key of Object.keys(after)) {
      const next = after[key];
      if (next === undefined) continue;
      const prev = own(before, key);
      if (prev === next) {
        // The same list, grown in place since the receiver last had it: its new entries are the difference.
        if (Array.isArray(next)) {
          const had = logLength?.(next);
          if (had !== undefined) for (let i = had; i < next.length; i++) ops.push({ op: 'add', path: `${path}/${escapeToken(key)}/-`, value: next[i] });
        }
        continue;
      }
      if (prev === undefined) ops.push({ op: 'add', path: `${path}/${escapeToken(key)}`, value: next });
      else diffInto(prev, next, `${path}/${escapeToken(key)}`, ops, logLength);
    }
    return;
  }
  if (before !== after && !(Number.isNaN(before) && Number.isNaN(after))) ops.push({ op: 'replace', path, value: after });
}

/**
 * The RFC 6902 patch that turns `before` into `after` (JSON values; `undefined` counts as absent).
 * Compares by identity first, so its cost follows what changed, not the size of the view:
 * `playerView` with a view cache keeps every unchanged part the same object. The cache's log
 * lists grow in place, so `before` and `after` share them: `logLength` says how many entries
 * of each the receiver of `before` has (`logLengths` of the cache, taken when `before` was read).
 */
export function diffView(before: unknown, after: unknown, logLength?: LogLength): PatchOperation[] {
  const ops: PatchOperation[] = [];
  if (before !== after) diffInto(before, after, '', ops, logLength);
  return ops;
}

/**
 * Applies a patch without touching `view`: changed parts are new objects, the rest keep their
 * identity. Throws when an operation does not fit the view (RFC 6902: a `replace` or `remove`
 * of a member that is not there, an `add` into a parent that is not there), so that a client
 * holding another view than the server thinks finds out instead of drifting. (A member named
 * '-' would be read as the end of an array by the library; views have none: ids are slugs.)
 */
export function applyViewPatch<T>(view: T, patch: readonly PatchOperation[]): T {
  return immutableJSONPatch(view, patch as JSONPatchOperation[], {
    before: (document: unknown, operation: JSONPatchOperation) => {
      const path = parsePath(document, operation.path);
      const target = operation.op === 'add' ? path.slice(0, -1) : path;
      if (!existsIn(document, target)) throw new Error(`${operation.op} ${operation.path}: no such member`);
      return {};
    },
  }) as T;
}

/** What a client holds of its seat: the last update applied and the view it produced. */
export interface FollowedView {
  seq: number;
  logSeq: number;
  seat: SeatId | null;
  view: PlayerView;
}

/** Why an update could not be applied: the client must ask for a snapshot. */
export interface UpdateGap {
  gap: true;
  reason: string;
}

/**
 * Folds one update into what the client holds. A snapshot always applies; a patch applies only
 * to the update just before it. Anything else (a gap, a patch that does not fit) is returned as
 * an `UpdateGap`, and the client asks for a snapshot rather than show stale or broken data.
 */
export function followUpdate(held: FollowedView | null, update: SeatUpdate): FollowedView | UpdateGap {
  if ('snapshot' in update.view) return { seq: update.seq, logSeq: update.logSeq, seat: update.seat, view: update.view.snapshot };
  if (held === null) return { gap: true, reason: `update ${update.seq} is a patch, and no snapshot came before it` };
  if (update.seq !== held.seq + 1) return { gap: true, reason: `update ${update.seq} follows update ${held.seq}` };
  try {
    const view = update.view.patch.length === 0 ? held.view : applyViewPatch(held.view, update.view.patch);
    return { seq: update.seq, logSeq: update.logSeq, seat: update.seat, view };
  } catch (e) {
    return { gap: true, reason: `update ${update.seq} does not apply: ${(e as Error).message}` };
  }
}

/** Whether `followUpdate` answered with a gap. */
export function isGap(result: FollowedView | UpdateGap): result is UpdateGap {
  return 'gap' in result;
}
