import { randomUUID } from 'node:crypto';
import { matchMaker, type Room } from '@colyseus/core';
import { EXERCISE_ROOM } from '../shared/protocol.js';
import type { SharedLocks } from './cluster.js';
import type { Logger } from './log.js';

/**
 * The key ExerciseRoom.onCreate increments so that an exercise has one room wherever it runs
 * (room.ts's `roomLockKey`: the two must name the same key).
 */
export function roomLockKey(exerciseId: string): string {
  return `deflect:exercise-room:${exerciseId}`;
}

/** The key held by the process starting an exercise's room, so that two processes never start it at once. */
export function roomStartKey(exerciseId: string): string {
  return `deflect:exercise-start:${exerciseId}`;
}

/**
 * How long a room's lock outlives the last renewal by the process hosting it: a process that
 * dies (SIGKILL) lets its exercises be started elsewhere this long after its last renewal.
 */
export const ROOM_LEASE_MS = 6_000;
/** How often a process renews the leases of the rooms it hosts (and of a room it is starting). */
export const LEASE_RENEWAL_MS = 1_500;
/** How long `ensure` keeps trying (a dead process's lease to run out, another process's start to finish) before giving up. */
const ENSURE_TIMEOUT_MS = 20_000;
/** The pause between two looks at an exercise's room while another process starts it or a dead one's lease runs out. */
const ENSURE_RETRY_MS = 150;

/** How long a process that answered a health check counts as alive without being asked again. */
const ALIVE_FOR_MS = 1_000;

/** Raised when an exercise's room could be neither found nor started in time (the HTTP layer answers 503). */
export class RoomUnavailableError extends Error {}

export interface RoomKeeperOptions {
  /** The locks several processes share (REDIS_URL); none: this process is alone and its rooms are all there is. */
  locks?: SharedLocks | null;
  log?: Logger;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Makes sure an exercise's room is running, restoring it from its event log if it is not
 * (after a restart, or once everyone had left); concurrent callers share one creation. With
 * several processes it finds the room in whichever process runs it, and starts it (in the
 * process Colyseus picks, the one with fewest rooms) only when none does — under a lock in
 * Redis, and only once the previous room's lease has run out if its process died.
 */
export class RoomKeeper {
  private readonly creating = new Map<string, Promise<string>>();
  private readonly locks: SharedLocks | null;
  private readonly log: Logger | undefined;
  /** The exercise rooms this process hosts (when shared), whose leases it renews. */
  private readonly hosted = new Map<string, Room>();
  private renewal: ReturnType<typeof setInterval> | undefined;
  private renewing = false;
  /** Until when (ms since the epoch) each other process counts as alive after it last answered a health check. */
  private readonly aliveUntilMs = new Map<string, number>();

  constructor(options: RoomKeeperOptions = {}) {
    this.locks = options.locks ?? null;
    this.log = options.log;
  }

  /** Whether rooms are shared with other processes (REDIS_URL). */
  get shared(): boolean {
    return this.locks !== null;
  }

  /** The room id of the exercise's running room, started first if need be. */
  async ensure(exerciseId: string): Promise<string> {
    if (matchMaker.getLocalRoomById(exerciseId)) return exerciseId;
    let pending = this.creating.get(exerciseId);
    if (!pending) {
      pending = (this.locks ? this.findOrStart(exerciseId, this.locks) : matchMaker.createRoom(EXERCISE_ROOM, { exerciseId }).then((r) => r.roomId)).finally(() =>
        this.creating.delete(exerciseId),
      );
      this.creating.set(exerciseId, pending);
    }
    return pending;
  }

  /**
   * Whether the exercise's room runs (in this process, or with Redis in any) or is being
   * started: retention must leave it alone.
   */
  isActive(exerciseId: string): boolean | Promise<boolean> {
    if (this.creating.has(exerciseId) || matchMaker.getLocalRoomById(exerciseId) !== undefined) return true;
    const locks = this.locks;
    if (!locks) return false;
    return Promise.all([locks.held(roomLockKey(exerciseId)), locks.held(roomStartKey(exerciseId))]).then(([room, start]) => room || start);
  }

  /**
   * Starts keeping the leases of the rooms this process hosts (with Redis): each room's lock
   * is renewed every LEASE_RENEWAL_MS, and a room whose listing another process removed (it
   * took this one for dead) is listed again. Call once the room type is defined.
   */
  start(): void {
    if (!this.locks || this.renewal) return;
    const handler = matchMaker.getHandler(EXERCISE_ROOM);
    handler.on('create', (room: Room) => this.hosted.set(room.roomId, room));
    handler.on('dispose', (room: Room) => this.hosted.delete(room.roomId));
    this.renewal = setInterval(() => void this.renewLeases(), LEASE_RENEWAL_MS);
    this.renewal.unref();
  }

  /** Stops renewing leases (the rooms are closing; their locks go with them or run out). */
  stop(): void {
    clearInterval(this.renewal);
    this.renewal = undefined;
  }

  private async renewLeases(): Promise<void> {
    const locks = this.locks;
    if (!locks || this.renewing) return;
    this.renewing = true;
    try {
      await Promise.all(
        [...this.hosted.values()].map(async (room) => {
          await locks.extend(roomLockKey(room.roomId), ROOM_LEASE_MS);
          // Another process that took this one for dead (no answer within Colyseus's 2 s) removed its listings: list the room again, or nobody can join it.
          if (!(await matchMaker.driver.findOne({ roomId: room.roomId })) && this.hosted.has(room.roomId)) {
            this.log?.warn({ exerciseId: room.roomId }, 'room listing was removed by another process; listing it again');
            await room.listing.save();
          }
        }),
      );
    } catch (err) {
      this.log?.error({ err }, 'could not renew the leases of this process’s rooms');
    } finally {
      this.renewing = false;
    }
  }

  /**
   * Whether another process answers Colyseus's health check (a call over Redis); an answer counts
   * for ALIVE_FOR_MS, so that a crowd of lookups does not each cost a call. A process that does not
   * answer has its rooms' listings removed by Colyseus.
   */
  private async alive(processId: string): Promise<boolean> {
    if ((this.aliveUntilMs.get(processId) ?? 0) > Date.now()) return true;
    const answered = await matchMaker.healthCheckProcessId(processId);
    if (answered) this.aliveUntilMs.set(processId, Date.now() + ALIVE_FOR_MS);
    else this.aliveUntilMs.delete(processId);
    return answered;
  }

  /** Finds the exercise's room in any process, or starts it when none runs; retries while another process starts it or a dead process's lease runs out. */
  private async findOrStart(exerciseId: string, locks: SharedLocks): Promise<string> {
    const deadline = Date.now() + ENSURE_TIMEOUT_MS;
    for (;;) {
      const listing = await matchMaker.driver.findOne({ roomId: exerciseId });
      if (listing) {
        if (listing.processId === matchMaker.processId) {
          if (matchMaker.getLocalRoomById(exerciseId)) return exerciseId;
          // Listed here but gone: it is being disposed; its listing goes with it.
        } else if (await this.alive(listing.processId)) {
          return exerciseId;
        } else {
          // The process did not answer: Colyseus has removed its rooms' listings; its lease runs out on its own.
          this.log?.warn({ exerciseId, processId: listing.processId }, 'the process of an exercise’s room does not answer; restoring the exercise elsewhere');
        }
      } else if (await this.tryStart(exerciseId, locks)) {
        return exerciseId;
      }
      if (Date.now() > deadline) throw new RoomUnavailableError(`The room of exercise ${exerciseId} could not be found or started within ${ENSURE_TIMEOUT_MS / 1000} s.`);
      await sleep(ENSURE_RETRY_MS);
    }
  }

  /**
   * Starts the exercise's room if this process gets the start lock, no room is listed and no
   * room holds the exercise's lock; false when any of these fails (someone else is at it).
   */
  private async tryStart(exerciseId: string, locks: SharedLocks): Promise<boolean> {
    const owner = randomUUID();
    const startKey = roomStartKey(exerciseId);
    const lockKey = roomLockKey(exerciseId);
    if (!(await locks.acquire(startKey, owner, ROOM_LEASE_MS))) return false;
    const renewal = setInterval(() => {
      void locks.extend(startKey, ROOM_LEASE_MS).catch(() => undefined);
      void locks.extend(lockKey, ROOM_LEASE_MS).catch(() => undefined);
    }, LEASE_RENEWAL_MS);
    try {
      if (await matchMaker.driver.findOne({ roomId: exerciseId })) return false;
      // The room's lock, taken with a lease before the room exists: ExerciseRoom.onCreate's INCR keeps the
      // lease, so a process that dies while starting or running the room never holds the exercise for ever.
      if (!(await locks.acquire(lockKey, '0', ROOM_LEASE_MS))) return false;
      try {
        await matchMaker.createRoom(EXERCISE_ROOM, { exerciseId });
      } catch (err) {
        // A room that never incremented the lock leaves it to this start: give it back at once.
        await locks.release(lockKey, '0');
        // Still held: a room took it after all. Colyseus asked another process to start the room, gave up
        // waiting (2 s) and started one here too, which found the other's lock: the other one runs it.
        if (await locks.held(lockKey)) return false;
        throw err;
      }
      this.log?.info({ exerciseId }, 'exercise room started');
      return true;
    } finally {
      clearInterval(renewal);
      await locks.release(startKey, owner);
    }
  }
}
