// What an operator and their monitoring see of a running server: liveness, readiness, Prometheus
// metrics and the Colyseus monitor, and the draining state a graceful shutdown starts with.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { RULES_VERSION } from '../shared/engine/index.js';
import { maskSecrets, type Config } from './config.js';
import { HttpProblem, rateLimited, send, wrap } from './http-support.js';
import { memoryLimits, type Clock, type Limits } from './limits.js';
import type { Logger } from './log.js';
import { serverMetrics, type ServerMetrics } from './metrics.js';
import type { EventStore } from './store/types.js';

/** How long one readiness check may take before it counts as failed. */
export const READY_CHECK_TIMEOUT_MS = 2000;

/** What a refused join or creation asks the client to wait before trying again, in seconds. */
export const DRAINING_RETRY_AFTER_S = 5;

/**
 * Whether this process still takes new exercises and joins. A graceful shutdown drains it first:
 * readiness answers 503 `draining`, joins and creations are refused with Retry-After, and the
 * rooms finish what they accepted before they close.
 */
export class Lifecycle {
  private drainingSinceMs: number | null = null;

  constructor(private readonly now: Clock = Date.now) {}

  /** Stops taking joins and new exercises (idempotent). */
  drain(): void {
    this.drainingSinceMs ??= this.now();
  }

  get draining(): boolean {
    return this.drainingSinceMs !== null;
  }

  /** Seconds since draining began; null while the process takes joins. */
  drainingForS(): number | null {
    return this.drainingSinceMs === null ? null : Math.round((this.now() - this.drainingSinceMs) / 1000);
  }

  /** Throws the 503 a join or a creation gets while the process drains. */
  refuseWhileDraining(what: string): void {
    if (!this.draining) return;
    throw new HttpProblem(
      503,
      'server/restarting',
      `This server is shutting down and takes no new ${what}; try again in ${DRAINING_RETRY_AFTER_S} s (another server may answer then).`,
      undefined,
      { 'retry-after': String(DRAINING_RETRY_AFTER_S) },
    );
  }
}

/** One thing the server needs in order to serve (the event store, Redis): `check` rejects when it is unreachable. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<void>;
}

/** One check's result as `/api/ready` reports it. */
export interface CheckResult {
  name: string;
  ok: boolean;
  /** How long it took (or until it timed out), in milliseconds. */
  ms: number;
  /** Why it failed: a short reason, secrets masked. */
  error?: string;
}

/** Runs a check with a time limit; the result says how long it took and, if it failed, why. */
export async function runCheck(check: ReadinessCheck, timeoutMs = READY_CHECK_TIMEOUT_MS): Promise<CheckResult & { cause?: unknown }> {
  const start = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return { name: check.name, ok: true, ms: elapsedMs(start) };
  } catch (err) {
    return { name: check.name, ok: false, ms: elapsedMs(start), error: reasonOf(err), cause: err };
  } finally {
    clearTimeout(timer);
  }
}

const elapsedMs = (start: number) => Math.round((performance.now() - start) * 10) / 10;

/** A failure as one short line: its code and message, URLs' passwords masked, at most 200 characters. */
function reasonOf(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  const message = typeof e?.message === 'string' && e.message !== '' ? e.message : String(err);
  const code = typeof e?.code === 'string' && !message.includes(e.code) ? `${e.code}: ` : '';
  return maskSecrets(`${code}${message}`).slice(0, 200);
}

/** The readiness check of a Colyseus presence backed by Redis (RedisPresence's `pub` client answers PING); null for the in-memory presence. */
export function presenceReadinessCheck(presence: unknown): ReadinessCheck | null {
  const pub = (presence as { pub?: { ping?: unknown } } | null | undefined)?.pub;
  if (typeof pub?.ping !== 'function') return null;
  const ping = pub.ping as () => Promise<unknown>;
  return { name: 'redis', check: async () => void (await ping.call(pub)) };
}

/** The same key, compared in constant time (hashes first: the lengths may differ). */
function sameKey(presented: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** The admin key a request shows: `Authorization: Bearer`, `X-Admin-Key`, or the password of `Authorization: Basic` (any user name). */
export function presentedAdminKey(req: Request): string | null {
  const authorization = req.header('authorization') ?? '';
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (bearer) return bearer;
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization)?.[1];
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0 && colon < decoded.length - 1) return decoded.slice(colon + 1);
  }
  const header = req.header('x-admin-key');
  return header === undefined || header === '' ? null : header;
}

export interface OpsDeps {
  config: Pick<Config, 'adminKey' | 'joinFreeMisses'>;
  store: Pick<EventStore, 'ping'>;
  lifecycle: Lifecycle;
  log: Logger;
  addressOf: (req: Request) => string;
  /** What else must answer for the process to be ready (Redis, when the presence uses it), read at each request; the store is always checked. */
  readinessChecks?: readonly ReadinessCheck[];
  /** The metrics to expose; the process's own when absent. */
  metrics?: ServerMetrics;
  now?: Clock;
  /** Where wrong admin keys are counted (Redis, shared by the processes, with REDIS_URL); this process's memory when absent. */
  limits?: Limits;
}

/**
 * The operations routes: `GET /api/health` (liveness), `GET /api/ready` (the store, and Redis
 * when used, answer; not draining), `GET /metrics` (Prometheus, admin key) and the Colyseus
 * monitor at `/colyseus` (basic auth with the admin key as password; absent without a key).
 */
export function opsRoutes(deps: OpsDeps): Router {
  const { config, lifecycle, log } = deps;
  const metrics = deps.metrics ?? serverMetrics;
  const storeCheck: ReadinessCheck = { name: 'store', check: () => deps.store.ping() };
  // Wrong admin keys back off as on the upload route: free typos, then a doubling wait (1 s … 5 min).
  const limits = deps.limits ?? memoryLimits(deps.now ? { now: deps.now } : {});
  const backoff = limits.backoff('ops-admin-miss', { freeMisses: config.joinFreeMisses, firstWaitS: 1, maxWaitS: 300, forgetAfterS: 3600 });
  const router = Router();

  /** Resolves if the request shows the admin key; 404 without one configured, 401 without a key shown, 403 for a wrong one, 429 after too many. */
  const admitAdmin = async (what: string, challenge: boolean, req: Request): Promise<void> => {
    const { adminKey } = config;
    if (adminKey === undefined) {
      throw new HttpProblem(404, 'ops/disabled', `This server has no ${what}: its operator has not set ADMIN_KEY.`);
    }
    const address = deps.addressOf(req);
    const waiting = await backoff.check(address);
    if (!waiting.ok) throw rateLimited(waiting, 'Too many wrong admin keys from your address');
    // A browser asks for a user name and password only when told to (WWW-Authenticate).
    const ask: Record<string, string> = challenge ? { 'www-authenticate': 'Basic realm="Deflect operator", charset="UTF-8"' } : {};
    const presented = presentedAdminKey(req);
    if (presented === null) {
      throw new HttpProblem(401, 'auth/admin_key_required', `The ${what} needs the server’s admin key: Authorization: Bearer <key>, X-Admin-Key, or basic auth with the key as password.`, undefined, ask);
    }
    if (!sameKey(presented, adminKey)) {
      await backoff.miss(address);
      throw new HttpProblem(challenge ? 401 : 403, 'auth/admin_key_invalid', 'That is not this server’s admin key.', undefined, ask);
    }
  };
  /** Lets the request on once `admitAdmin` does. */
  const requireAdmin = (what: string, challenge: boolean) => (req: Request, _res: Response, next: NextFunction) => {
    void admitAdmin(what, challenge, req).then(() => next(), next);
  };

  router.get('/api/health', (_req, res) => {
    send(res, 200, { status: 'ok', rulesVersion: RULES_VERSION, uptimeS: Math.round(process.uptime()), draining: lifecycle.draining });
  });

  router.get(
    '/api/ready',
    wrap(async (_req, res) => {
      res.set('cache-control', 'no-store');
      if (lifecycle.draining) {
        res.set('retry-after', String(DRAINING_RETRY_AFTER_S));
        send(res, 503, { status: 'draining', message: 'This server is shutting down: it takes no new joins.', drainingForS: lifecycle.drainingForS() });
        return;
      }
      const results = await Promise.all([storeCheck, ...(deps.readinessChecks ?? [])].map((c) => runCheck(c)));
      const failed = results.filter((r) => !r.ok);
      for (const f of failed) log.warn({ check: f.name, ms: f.ms, err: f.cause }, 'readiness check failed');
      const reported = results.map(({ cause: _cause, ...r }) => r);
      if (failed.length === 0) {
        send(res, 200, { status: 'ready', checks: reported });
        return;
      }
      const which = failed.map((f) => `${f.name} (${f.error} after ${f.ms} ms)`).join('; ');
      send(res, 503, { status: 'unready', message: `Not ready: ${which}.`, checks: reported });
    }),
  );

  router.get(
    '/metrics',
    requireAdmin('metrics', false),
    wrap(async (_req, res) => {
      const { contentType, text } = await metrics.exposition();
      res.status(200).set('cache-control', 'no-store').type(contentType).send(text);
    }),
  );

  if (config.adminKey === undefined) {
    // Not mounted: say so here rather than let the browser app's fallback answer with its page.
    router.use('/colyseus', (_req, _res, next) => next(new HttpProblem(404, 'ops/disabled', 'This server has no monitor: its operator has not set ADMIN_KEY.')));
  } else {
    // Loaded on first use: the monitor adds inspection methods to Colyseus's Room class.
    let monitor: Promise<Router> | null = null;
    router.use('/colyseus', requireAdmin('monitor', true), (req, res, next) => {
      // The monitor's room/call parses `args` outside its error handling: a bad one would be an unhandled rejection.
      if (req.path === '/api/room/call' && !parsesAsJson(req.query.args)) {
        next(new HttpProblem(400, 'http/invalid_query', 'The monitor call needs `args` as a JSON array.'));
        return;
      }
      monitor ??= import('@colyseus/monitor').then((m) => m.monitor() as unknown as Router);
      monitor.then((r) => r(req, res, next), next);
    });
  }
  return router;
}

/** Whether a query parameter is a string of valid JSON. */
function parsesAsJson(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}
