// Retention: exercises do not stay in the database for ever. Ended ones go after a while
// (the debrief is done), open ones nobody has touched for long are abandoned, and ones nobody
// ever joined (made and forgotten, or made by a script) go within a day.
import type { Config } from './config.js';
import type { Clock } from './limits.js';
import type { Logger } from './log.js';
import type { EventStore, SessionActivity } from './store/types.js';

export interface RetentionPolicy {
  /** An ended exercise is deleted this many days after its last event. */
  endedDays: number;
  /** An open exercise with events is deleted after this many days without a new one. */
  idleDays: number;
  /** An exercise whose log is empty (nobody ever joined) is deleted this many hours after its creation. */
  unusedHours: number;
}

export type ExpiryReason = 'ended' | 'idle' | 'unused';

export interface Expired {
  id: string;
  reason: ExpiryReason;
  /** The last event's time, or the creation time for an empty log. */
  lastActivityAt: string;
}

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** The retention policy the configuration sets. */
export function retentionPolicy(config: Pick<Config, 'retentionEndedDays' | 'retentionIdleDays' | 'retentionUnusedHours'>): RetentionPolicy {
  return { endedDays: config.retentionEndedDays, idleDays: config.retentionIdleDays, unusedHours: config.retentionUnusedHours };
}

/** The exercises past their retention at `nowMs`, each with the rule that expires it; a time that does not parse keeps its exercise. */
export function expiredSessions(activity: readonly SessionActivity[], nowMs: number, policy: RetentionPolicy): Expired[] {
  const expired: Expired[] = [];
  for (const a of activity) {
    const lastActivityAt = a.lastEventAt ?? a.createdAt;
    const age = nowMs - Date.parse(lastActivityAt);
    if (!Number.isFinite(age)) continue;
    const [reason, limitMs]: [ExpiryReason, number] =
      a.status === 'ended' ? ['ended', policy.endedDays * DAY_MS] : a.lastEventAt === null ? ['unused', policy.unusedHours * HOUR_MS] : ['idle', policy.idleDays * DAY_MS];
    if (age >= limitMs) expired.push({ id: a.id, reason, lastActivityAt });
  }
  return expired;
}

export interface JanitorOptions {
  store: EventStore;
  policy: RetentionPolicy;
  log: Logger;
  /** Whether the exercise's room runs (in this process, or with Redis in any) or is starting: such an exercise is never touched. */
  isActive: (exerciseId: string) => boolean | Promise<boolean>;
  now?: Clock;
}

/** One pass: deletes every expired exercise whose room is not running, and logs each one. */
export async function sweepExpired(options: JanitorOptions): Promise<Expired[]> {
  const { store, policy, log, isActive } = options;
  const now = options.now ?? Date.now;
  const removed: Expired[] = [];
  for (const e of expiredSessions(await store.listActivity(), now(), policy)) {
    // Checked right before the delete: a room restored since the listing keeps its exercise.
    if (await isActive(e.id)) continue;
    if (await store.deleteSession(e.id)) {
      removed.push(e);
      log.info({ exerciseId: e.id, reason: e.reason, lastActivityAt: e.lastActivityAt }, 'retention: exercise deleted');
    }
  }
  if (removed.length > 0) {
    const count = (reason: ExpiryReason) => removed.filter((r) => r.reason === reason).length;
    log.info({ ended: count('ended'), idle: count('idle'), unused: count('unused') }, `retention: ${removed.length} exercise(s) deleted`);
  }
  return removed;
}

/** Runs `sweepExpired` now and then every `intervalMs` (an hour) until stopped; a failed pass is logged and the next one tries again. */
export function startJanitor(options: JanitorOptions & { intervalMs?: number }): { stop(): void; idle(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const pass = () => {
    if (busy) return;
    busy = true;
    running = sweepExpired(options)
      .then(() => undefined)
      .catch((err: unknown) => options.log.error({ err }, 'retention: pass failed'))
      .finally(() => (busy = false));
  };
  pass();
  const timer = setInterval(pass, options.intervalMs ?? HOUR_MS);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    /** Resolves when the pass under way (if any) is done: close the store only after it. */
    idle: () => running,
  };
}
