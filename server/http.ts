import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { matchMaker } from '@colyseus/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import { RULES_VERSION, initialState, replay, stateHash } from '../shared/engine/index.js';
import { formatIssues } from '../shared/validation.js';
import { EXERCISE_ROOM, createExerciseRequestSchema, type CreateExerciseResponse, type HttpError, type JoinLookupResponse } from '../shared/protocol.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import { hashKey, keyMatches } from './keys.js';
import { listScenarios, type ScenarioCatalog } from './scenarios.js';
import type { EventStore, SessionRecord } from './store/types.js';

// Join codes avoid letters and digits that people confuse when read aloud or off a slide (0/O, 1/I/L, 5/S, 2/Z).
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRTUVWXY346789';

function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: string[],
  ) {
    super(message);
  }
}

function send(res: Response, status: number, body: unknown): void {
  res.status(status).json(body);
}

export interface HttpDeps {
  config: Config;
  store: EventStore;
  catalog: ScenarioCatalog;
  log: Logger;
}

/**
 * Makes sure an exercise's room is running, restoring it from its event log if it is not
 * (after a restart, or once everyone had left); concurrent callers share one creation.
 */
export function roomKeeper(): (exerciseId: string) => Promise<string> {
  const creating = new Map<string, Promise<string>>();
  return async (exerciseId) => {
    if (matchMaker.getLocalRoomById(exerciseId)) return exerciseId;
    let pending = creating.get(exerciseId);
    if (!pending) {
      pending = matchMaker
        .createRoom(EXERCISE_ROOM, { exerciseId })
        .then((r) => r.roomId)
        .finally(() => creating.delete(exerciseId));
      creating.set(exerciseId, pending);
    }
    return pending;
  };
}

/** The HTTP API (scenarios, exercises, joining, logs and replay, health) and the built client, on one express app. */
export function createHttpApp(deps: HttpDeps): express.Express {
  const { store, catalog, config } = deps;
  const ensureRoom = roomKeeper();
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '64kb' }));

  const wrap = (f: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    f(req, res).catch(next);
  };

  async function sessionWithKey(req: Request): Promise<SessionRecord> {
    const session = await store.getSession(String(req.params.id));
    if (!session) throw new HttpProblem(404, 'exercise/not_found', `There is no exercise '${req.params.id}'.`);
    const key = req.header('x-facilitator-key') ?? (req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
    if (!key) throw new HttpProblem(401, 'auth/key_required', 'Send the facilitator key in the X-Facilitator-Key header.');
    if (!keyMatches(key, session.facilitatorKeyHash)) throw new HttpProblem(403, 'auth/key_invalid', 'That facilitator key is not valid for this exercise.');
    return session;
  }

  app.get('/api/health', (_req, res) => {
    send(res, 200, { status: 'ok', rulesVersion: RULES_VERSION, uptimeS: Math.round(process.uptime()) });
  });

  app.get('/api/scenarios', (_req, res) => send(res, 200, listScenarios(catalog)));

  app.post(
    '/api/exercises',
    wrap(async (req, res) => {
      const parsed = createExerciseRequestSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        throw new HttpProblem(400, 'http/invalid_body', 'The request body is not a valid exercise request.', formatIssues(parsed.error.issues, '', 'body'));
      }
      const scenario = catalog.byId.get(parsed.data.scenarioId);
      if (!scenario) {
        const known = [...catalog.byId.keys()].join(', ') || 'none';
        throw new HttpProblem(404, 'scenario/not_found', `There is no scenario '${parsed.data.scenarioId}' (known: ${known}).`);
      }
      const facilitatorKey = randomBytes(18).toString('base64url');
      let session: SessionRecord | null = null;
      for (let attempt = 0; attempt < 5 && session === null; attempt++) {
        const joinCode = newJoinCode();
        if (await store.findSessionByJoinCode(joinCode)) continue;
        session = {
          id: randomUUID(),
          joinCode,
          facilitatorKeyHash: hashKey(facilitatorKey),
          scenario,
          seed: parsed.data.seed ?? randomInt(2 ** 31 - 1),
          rulesVersion: RULES_VERSION,
          createdAt: new Date().toISOString(),
          status: 'open',
        };
      }
      if (session === null) throw new HttpProblem(503, 'exercise/no_code', 'Could not find a free join code; try again.');
      await store.createSession(session);
      const roomId = await ensureRoom(session.id);
      deps.log.info({ exerciseId: session.id, scenarioId: scenario.id }, 'exercise created');
      const body: CreateExerciseResponse = { exerciseId: session.id, roomId, joinCode: session.joinCode, facilitatorKey };
      send(res, 201, body);
    }),
  );

  app.get(
    '/api/join/:code',
    wrap(async (req, res) => {
      const code = String(req.params.code).trim().toUpperCase();
      const session = await store.findSessionByJoinCode(code);
      if (!session) throw new HttpProblem(404, 'exercise/not_found', `No exercise has the join code '${code}'. Check it with your facilitator.`);
      const roomId = await ensureRoom(session.id);
      const body: JoinLookupResponse = { exerciseId: session.id, roomId, title: session.scenario.title, status: session.status };
      send(res, 200, body);
    }),
  );

  app.get(
    '/api/exercises/:id/events',
    wrap(async (req, res) => {
      const session = await sessionWithKey(req);
      const events = await store.readEvents(session.id);
      send(res, 200, { exerciseId: session.id, scenarioId: session.scenario.id, seed: session.seed, events });
    }),
  );

  app.get(
    '/api/exercises/:id/state',
    wrap(async (req, res) => {
      const session = await sessionWithKey(req);
      const events = await store.readEvents(session.id);
      let at = events.length;
      if (req.query.at !== undefined) {
        const n = Number(req.query.at);
        if (!Number.isInteger(n) || n < 0 || n > events.length) {
          throw new HttpProblem(400, 'http/invalid_query', `at: expected a whole number from 0 to ${events.length} (the number of events to replay).`);
        }
        at = n;
      }
      const state = replay(initialState(session.scenario, session.seed), events.slice(0, at).map((e) => e.data));
      send(res, 200, { exerciseId: session.id, at, eventCount: events.length, hash: stateHash(state), state });
    }),
  );

  app.use('/api', (req, _res, next) => next(new HttpProblem(404, 'http/not_found', `No API route ${req.method} ${req.originalUrl}.`)));

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

  // Errors become one JSON shape with a code and a sentence; nothing else leaks.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpProblem) {
      const body: HttpError = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
      send(res, err.status, body);
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e?.type === 'entity.parse.failed') {
      send(res, 400, { error: { code: 'http/bad_json', message: `The request body is not valid JSON: ${e.message}` } });
      return;
    }
    if (e?.type === 'entity.too.large') {
      send(res, 413, { error: { code: 'http/too_large', message: 'The request body is too large (64 kB at most).' } });
      return;
    }
    deps.log.error({ err }, 'unhandled HTTP error');
    send(res, 500, { error: { code: 'http/internal', message: 'The server failed to handle this request.' } });
  });
  return app;
}
