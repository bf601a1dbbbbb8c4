import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { RULES_VERSION, type WorldData } from '../shared/engine/index.js';
import { formatIssues } from '../shared/validation.js';
import { createExerciseRequestSchema, type CreateExerciseResponse, type HttpError, type JoinLookupResponse } from '../shared/protocol.js';
import { authoringRoutes } from './authoring.js';
import type { Config } from './config.js';
import { debriefRoutes } from './debrief.js';
import { CreationGate, HttpProblem, KeyAccess, hasBody, newSessionRecord, rateLimited, send, wrap } from './http-support.js';
import type { Logger } from './log.js';
import { Lifecycle, opsRoutes, type ReadinessCheck } from './ops.js';
import { clientAddress, memoryLimits, type Clock, type Limits } from './limits.js';
import { RoomKeeper, RoomUnavailableError } from './room-keeper.js';
import { listScenarios, type ScenarioCatalog } from './scenarios.js';
import type { EventStore } from './store/types.js';

export interface HttpDeps {
  config: Config;
  store: EventStore;
  catalog: ScenarioCatalog;
  log: Logger;
  /** The rooms this process runs; made here when absent. */
  rooms?: RoomKeeper;
  /** Time for the limits; Date.now when absent. */
  now?: Clock;
  /** Where the per-address limits are counted (Redis, shared by the processes, with REDIS_URL); this process's memory, by `now`, when absent. */
  limits?: Limits;
  /** The map and city data (the undeflected body's outcome needs them); loaded on first use when absent. */
  world?: WorldData;
  /** Whether the process still takes joins (a graceful shutdown drains it); made here when absent. */
  lifecycle?: Lifecycle;
  /** What must answer besides the store for `/api/ready` (Redis when the presence uses it). Read at each request: entries may be added after the app is made. */
  readinessChecks?: ReadinessCheck[];
}

export type { KeyRole } from './store/types.js';
export { RoomKeeper } from './room-keeper.js';

/** Messages for body-parser's client errors (its `type`), each answered with its own status. */
const BODY_ERRORS: Record<string, { code: string; message: (e: { message?: string }) => string }> = {
  'entity.parse.failed': { code: 'http/bad_json', message: (e) => `The request body is not valid JSON: ${e.message}.` },
  'entity.too.large': { code: 'http/too_large', message: () => 'The request body is too large: 64 KiB at most.' },
  'encoding.unsupported': { code: 'http/unsupported_encoding', message: () => 'The request body’s Content-Encoding is not supported: send it as is, or gzip or deflate it.' },
  'charset.unsupported': { code: 'http/unsupported_charset', message: () => 'The request body’s charset is not supported: send UTF-8.' },
  'request.aborted': { code: 'http/aborted', message: () => 'The request body stopped before its end.' },
  'request.size.invalid': { code: 'http/bad_length', message: () => 'The request body is not as long as its Content-Length says.' },
};

/** A client error thrown by express or body-parser (`status` 4xx), as the API's error code and a sentence. */
function clientError(err: unknown): { status: number; code: string; message: string } | null {
  const e = err as { status?: unknown; statusCode?: unknown; type?: unknown; code?: unknown; message?: string } | null;
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : NaN;
  if (!(status >= 400 && status < 500)) return null;
  const known = typeof e?.type === 'string' ? BODY_ERRORS[e.type] : undefined;
  if (known) return { status, code: known.code, message: known.message(e ?? {}) };
  // zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR…) reach here as 400s from body-parser's inflation.
  if (typeof e?.code === 'string' && e.code.startsWith('Z_')) {
    return { status, code: 'http/bad_encoding', message: 'The request body does not decompress: it is not valid data for its Content-Encoding.' };
  }
  if (e instanceof URIError) return { status, code: 'http/bad_url', message: 'The address has an invalid %-escape.' };
  return { status, code: 'http/bad_request', message: `The request could not be read (${e?.message ?? 'no reason given'}).` };
}

/** The HTTP API (scenarios, exercises, joining, health; the debrief's logs, replays and branches in debrief.ts) and the built client, on one express app. */
export function createHttpApp(deps: HttpDeps): express.Express {
  const { store, catalog, config } = deps;
  const rooms = deps.rooms ?? new RoomKeeper();
  const lifecycle = deps.lifecycle ?? new Lifecycle();
  const now = deps.now ?? Date.now;
  const limits = deps.limits ?? memoryLimits({ now });
  const creation = new CreationGate({ store, config, log: deps.log, now, limits });
  const keys = new KeyAccess(store, config, limits);
  const lookupLimiter = limits.rateLimiter('join-lookup', { capacity: config.joinLookupsPerMinute, refillPerSecond: config.joinLookupsPerMinute / 60 });
  // A room of people mistyping (one address behind a conference NAT) gets JOIN_FREE_MISSES typos free;
  // after that each wrong code doubles the wait (1 s, 2 s, 4 s … at most 5 minutes), forgotten after an
  // hour without one: about 300 guesses a day per address, of 27⁶ ≈ 3.9 × 10⁸ codes.
  const lookupBackoff = limits.backoff('join-miss', { freeMisses: config.joinFreeMisses, firstWaitS: 1, maxWaitS: 300, forgetAfterS: 3600 });
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '64kb' }));
  const addressOf = (req: Request) => clientAddress(req, config.trustProxy);

  app.use(opsRoutes({ config, store, lifecycle, log: deps.log, addressOf, now, limits, ...(deps.readinessChecks ? { readinessChecks: deps.readinessChecks } : {}) }));

  app.get('/api/scenarios', (_req, res) => send(res, 200, listScenarios(catalog)));

  app.post(
    '/api/exercises',
    wrap(async (req, res) => {
      lifecycle.refuseWhileDraining('exercises');
      if (hasBody(req) && !req.is('application/json')) {
        throw new HttpProblem(415, 'http/unsupported_media_type', 'Send the exercise request as JSON (Content-Type: application/json).');
      }
      const parsed = createExerciseRequestSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        throw new HttpProblem(400, 'http/invalid_body', 'The request body is not a valid exercise request.', formatIssues(parsed.error.issues, '', 'body'));
      }
      const scenario = catalog.byId.get(parsed.data.scenarioId);
      if (!scenario) {
        const known = [...catalog.byId.keys()].join(', ') || 'none';
        throw new HttpProblem(404, 'scenario/not_found', `There is no scenario '${parsed.data.scenarioId}' (known: ${known}).`);
      }
      const { tableOf } = parsed.data;
      // Another table of a conference joins the group of the exercise its facilitator runs.
      const sibling = tableOf === undefined ? null : await keys.facilitatorOf(req, addressOf(req), tableOf);
      if (sibling && sibling.scenario.id !== scenario.id) {
        throw new HttpProblem(400, 'exercise/other_scenario', `The tables of a conference play one scenario: exercise '${sibling.id}' plays '${sibling.scenario.id}', not '${scenario.id}'.`);
      }
      const body = await creation.create(addressOf(req), async (createdAt) => {
        const { session, keys: secrets } = await newSessionRecord(store, {
          scenario,
          seed: parsed.data.seed ?? randomInt(2 ** 31 - 1),
          rulesVersion: RULES_VERSION,
          createdAt: createdAt.toISOString(),
          status: 'open',
          parentId: null,
          forkSeq: null,
          ...(sibling ? { groupId: sibling.groupId } : {}),
        });
        await store.createSession(session);
        const roomId = await rooms.ensure(session.id);
        deps.log.info({ exerciseId: session.id, scenarioId: scenario.id, groupId: session.groupId }, 'exercise created');
        return { exerciseId: session.id, roomId, joinCode: session.joinCode, ...secrets } satisfies CreateExerciseResponse;
      });
      send(res, 201, body);
    }),
  );

  app.get(
    '/api/join/:code',
    wrap(async (req, res) => {
      lifecycle.refuseWhileDraining('joins');
      const address = addressOf(req);
      const waiting = await lookupBackoff.check(address);
      if (!waiting.ok) throw rateLimited(waiting, 'Too many wrong join codes from your address');
      const verdict = await lookupLimiter.take(address);
      if (!verdict.ok) throw rateLimited(verdict, `Your address has looked up ${config.joinLookupsPerMinute} join codes in the last minute, the most it may`);
      const code = String(req.params.code).trim().toUpperCase();
      const session = /^[A-Z0-9]{6}$/.test(code) ? await store.findSessionByJoinCode(code) : null;
      if (!session) {
        await lookupBackoff.miss(address);
        throw new HttpProblem(404, 'exercise/not_found', `No exercise has the join code '${code.slice(0, 12)}'. Check it with your facilitator.`);
      }
      const roomId = await rooms.ensure(session.id);
      const body: JoinLookupResponse = { exerciseId: session.id, roomId, title: session.scenario.title, status: session.status };
      send(res, 200, body);
    }),
  );

  app.use(authoringRoutes({ config, catalog, log: deps.log, addressOf, now, limits }));
  app.use(debriefRoutes({ store, log: deps.log, rooms, keys, creation, addressOf, ...(deps.world ? { world: deps.world } : {}) }));

  app.use('/api', (req, _res, next) => next(new HttpProblem(404, 'http/not_found', `No API route ${req.method} ${req.originalUrl.slice(0, 200)}.`)));

  const clientDir = resolve(config.clientDir);
  if (existsSync(join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/|matchmake\/).*/, (_req, res) => res.sendFile(join(clientDir, 'index.html')));
  } else {
    deps.log.warn({ clientDir }, 'no built client found; run `npm run build` to serve the browser app');
    app.get('/', (_req, res) => {
      res.status(503).type('text').send(`The browser client is not built. Run \`npm run build\` (it writes ${clientDir}).`);
    });
  }

  // Errors become one JSON shape with a code and a sentence; nothing else leaks. A client's
  // mistake is a 4xx; only the server's own failure is a 500.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpProblem) {
      const body: HttpError = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
      res.set(err.headers);
      send(res, err.status, body);
      return;
    }
    if (err instanceof RoomUnavailableError) {
      // Another process is starting the exercise's room, or a dead process's hold on it has not run out yet.
      res.set('retry-after', '2');
      send(res, 503, { error: { code: 'exercise/unavailable', message: `${err.message} Try again in a few seconds.` } } satisfies HttpError);
      return;
    }
    const client = clientError(err);
    if (client) {
      // A body refused part-way may still be arriving: close rather than read the rest.
      res.set('connection', 'close');
      const body: HttpError = { error: { code: client.code, message: client.message } };
      send(res, client.status, body);
      return;
    }
    deps.log.error({ err }, 'unhandled HTTP error');
    send(res, 500, { error: { code: 'http/internal', message: 'The server failed to handle this request.' } });
  });
  return app;
}
