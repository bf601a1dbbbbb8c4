// What the HTTP routes share: the error they answer with, the keys a request shows and whose
// they are, and how a new exercise (a table or a what-if branch) gets its code, its keys and
// its place under the creation limits.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Config } from './config.js';
import { hashKey, keyMatches } from './keys.js';
import type { AddressBackoff, AddressRateLimiter, Clock, Limits, Verdict } from './limits.js';
import type { Logger } from './log.js';
import type { EventStore, KeyRole, SessionRecord } from './store/types.js';

/** A refusal with its status, its error code and a sentence: the error handler answers it as `{error:{code,message}}`. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function send(res: Response, status: number, body: unknown): void {
  res.status(status).json(body);
}

/** An async route handler whose failures go to express's error handler. */
export const wrap = (f: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
  f(req, res).catch(next);
};

/** Whether the request has a body (a length above zero, or chunks on the way). */
export function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
}

export function rateLimited(verdict: Verdict & { ok: false }, what: string): HttpProblem {
  return new HttpProblem(429, 'rate/limited', `${what}; try again in ${verdict.retryAfterS} s.`, undefined, { 'retry-after': String(verdict.retryAfterS) });
}

/** The keys a request presents, from X-Facilitator-Key, X-Evaluator-Key, X-Debrief-Key or Authorization: Bearer (never from the address: it lands in logs). */
export function presentedKeys(req: Request): string[] {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(req.header('authorization') ?? '')?.[1];
  return [req.header('x-facilitator-key'), req.header('x-evaluator-key'), req.header('x-debrief-key'), bearer].filter(
    (k): k is string => typeof k === 'string' && k.length > 0,
  );
}

const KEY_REQUIRED = 'Send an exercise’s facilitator, evaluator or debrief key (X-Facilitator-Key, X-Evaluator-Key, X-Debrief-Key or Authorization: Bearer).';

/**
 * Who may read what, by the key a request shows: keys are looked up by their SHA-256 hash (an
 * index, not a scan), and a key opens every exercise of its group — a conference's tables and
 * their branches. Wrong keys back off like wrong join codes, so keys cannot be guessed.
 */
export class KeyAccess {
  private readonly limiter: AddressRateLimiter;
  private readonly backoff: AddressBackoff;

  constructor(
    private readonly store: EventStore,
    private readonly config: Pick<Config, 'joinLookupsPerMinute' | 'joinFreeMisses'>,
    limits: Limits,
  ) {
    this.limiter = limits.rateLimiter('key-lookup', { capacity: config.joinLookupsPerMinute, refillPerSecond: config.joinLookupsPerMinute / 60 });
    this.backoff = limits.backoff('key-miss', { freeMisses: config.joinFreeMisses, firstWaitS: 1, maxWaitS: 300, forgetAfterS: 3600 });
  }

  /** The exercise and role of the first key the request shows that belongs to any exercise; 401 without a key, 403 for keys of none, 429 after too many. */
  async holder(req: Request, address: string): Promise<{ session: SessionRecord; role: KeyRole }> {
    const keys = await this.admit(req, address);
    for (const key of keys) {
      const found = await this.store.findSessionByKeyHash(hashKey(key));
      if (found) return found;
    }
    await this.backoff.miss(address);
    throw new HttpProblem(403, 'auth/key_invalid', 'That key is not valid for any exercise.');
  }

  /**
   * The exercise named in the URL, if the request shows a key of an exercise of its group (any
   * role's key reads); 404 for no such exercise, then as `holder`.
   */
  async exercise(req: Request, address: string): Promise<{ session: SessionRecord; role: KeyRole }> {
    const waiting = await this.backoff.check(address);
    if (!waiting.ok) throw rateLimited(waiting, 'Too many wrong keys from your address');
    const session = await this.store.getSession(String(req.params.id));
    if (!session) throw new HttpProblem(404, 'exercise/not_found', `There is no exercise '${String(req.params.id).slice(0, 100)}'.`);
    const keys = await this.admit(req, address);
    for (const key of keys) {
      const found = await this.store.findSessionByKeyHash(hashKey(key));
      if (found && found.session.groupId === session.groupId) return { session, role: found.role };
    }
    await this.backoff.miss(address);
    throw new HttpProblem(403, 'auth/key_invalid', 'That key is not valid for this exercise.');
  }

  /** The exercise `exerciseId`, if the request shows its facilitator key (that exercise's own: adding a table to a conference runs it); 404, 401, 403 or 429 otherwise. */
  async facilitatorOf(req: Request, address: string, exerciseId: string): Promise<SessionRecord> {
    const waiting = await this.backoff.check(address);
    if (!waiting.ok) throw rateLimited(waiting, 'Too many wrong keys from your address');
    const session = await this.store.getSession(exerciseId);
    if (!session) throw new HttpProblem(404, 'exercise/not_found', `There is no exercise '${exerciseId.slice(0, 100)}' to add a table to.`);
    const keys = await this.admit(req, address);
    if (keys.some((key) => keyMatches(key, session.facilitatorKeyHash))) return session;
    await this.backoff.miss(address);
    throw new HttpProblem(403, 'auth/key_invalid', `Only the facilitator key of exercise '${session.id}' adds a table to its conference.`);
  }

  /** The request's keys, once its address is allowed to try them. */
  private async admit(req: Request, address: string): Promise<string[]> {
    const waiting = await this.backoff.check(address);
    if (!waiting.ok) throw rateLimited(waiting, 'Too many wrong keys from your address');
    const keys = presentedKeys(req);
    if (keys.length === 0) throw new HttpProblem(401, 'auth/key_required', KEY_REQUIRED);
    const verdict = await this.limiter.take(address);
    if (!verdict.ok) throw rateLimited(verdict, `Your address has presented ${this.config.joinLookupsPerMinute} keys in the last minute, the most it may`);
    return keys;
  }
}

// Join codes avoid letters and digits that people confuse when read aloud or off a slide (0/O, 1/I/L, 5/S, 2/Z).
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789';

function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A new secret key: 18 random bytes, base64url (24 characters). */
function newKey(): string {
  return randomBytes(18).toString('base64url');
}

/** The three secret keys of a new exercise, shown once. */
export interface ExerciseKeys {
  facilitatorKey: string;
  evaluatorKey: string;
  debriefKey: string;
}

/**
 * A new exercise's record with a free join code and three new keys (only their hashes are
 * kept); `groupId` defaults to its own id. 503 when no free code turns up.
 */
export async function newSessionRecord(
  store: EventStore,
  fields: Omit<SessionRecord, 'id' | 'joinCode' | 'facilitatorKeyHash' | 'evaluatorKeyHash' | 'debriefKeyHash' | 'groupId'> & { groupId?: string },
): Promise<{ session: SessionRecord; keys: ExerciseKeys }> {
  const keys: ExerciseKeys = { facilitatorKey: newKey(), evaluatorKey: newKey(), debriefKey: newKey() };
  for (let attempt = 0; attempt < 5; attempt++) {
    const joinCode = newJoinCode();
    if (await store.findSessionByJoinCode(joinCode)) continue;
    const id = randomUUID();
    return {
      keys,
      session: {
        ...fields,
        id,
        joinCode,
        facilitatorKeyHash: hashKey(keys.facilitatorKey),
        evaluatorKeyHash: hashKey(keys.evaluatorKey),
        debriefKeyHash: hashKey(keys.debriefKey),
        groupId: fields.groupId ?? id,
      },
    };
  }
  throw new HttpProblem(503, 'exercise/no_code', 'Could not find a free join code; try again.');
}

/**
 * The creation limits every new exercise counts against, tables and branches alike: so many per
 * address per hour, and so many for the whole server (counting those being made right now).
 */
export class CreationGate {
  private readonly limiter: AddressRateLimiter;
  private inFlight = 0;

  constructor(
    private readonly deps: { store: EventStore; config: Pick<Config, 'createPerHour' | 'createGlobalPerHour'>; log: Logger; now: Clock; limits: Limits },
  ) {
    this.limiter = deps.limits.rateLimiter('create', { capacity: deps.config.createPerHour, refillPerSecond: deps.config.createPerHour / 3600 });
  }

  /** Runs `create` if the address and the server may make one more exercise now; 429 otherwise. */
  async create<T>(address: string, create: (createdAt: Date) => Promise<T>): Promise<T> {
    const { config, store, log, now } = this.deps;
    // One atomic take (in memory, or a script in Redis), so that concurrent requests cannot all pass one check.
    const verdict = await this.limiter.take(address);
    if (!verdict.ok) throw rateLimited(verdict, `Your address has created ${config.createPerHour} exercises in the last hour, the most it may`);
    this.inFlight++;
    try {
      const createdAt = new Date(now());
      const recent = await store.countSessionsCreatedSince(new Date(createdAt.getTime() - 3600_000).toISOString());
      if (recent + this.inFlight > config.createGlobalPerHour) {
        log.warn({ recent, cap: config.createGlobalPerHour }, 'exercise creation refused: the hourly cap for the server is reached');
        throw rateLimited({ ok: false, retryAfterS: 60 }, 'The server has created as many exercises in the last hour as it may');
      }
      return await create(createdAt);
    } finally {
      this.inFlight--;
    }
  }
}
