// The first thing every HTTP request meets, in front of express and of Colyseus's own
// matchmaker routes. Colyseus reads a /matchmake body of any size into memory before it looks
// at it (core Server.handleMatchMakeRequest), so sizes and rates are checked here, before any
// byte of a body is read.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Config } from './config.js';
import { clientAddress, memoryLimits, type AddressRateLimiter, type Clock, type Limits } from './limits.js';
import type { Logger } from './log.js';

/** The largest body a matchmaker request may have: joinById's options are a few hundred bytes. */
export const MAX_MATCHMAKE_BODY_BYTES = 4 * 1024;
/** The largest body any other route may have (express.json reads no more either). */
export const MAX_API_BODY_BYTES = 64 * 1024;
/** The largest scenario file `POST /api/scenarios` takes (the bundled ones are about 11 KiB). */
export const MAX_SCENARIO_UPLOAD_BYTES = 256 * 1024;

/** Whether Colyseus will take the request as a matchmaker call (its own test, in core Server.attachMatchMakingRoutes). */
export function isMatchmakeRequest(req: IncomingMessage): boolean {
  return (req.url ?? '').indexOf('/matchmake') !== -1;
}

/**
 * Refuses a request outright, closing the connection so that a body still on its way is not
 * read. Matchmaker refusals use Colyseus's error shape `{code, error}`, which colyseus.js
 * shows as the message of its ServerError; other routes use the API's `{error: {code, message}}`.
 */
function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
  const body = isMatchmakeRequest(req) ? { code, error: message } : { error: { code, message } };
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', connection: 'close', ...headers });
  res.end(JSON.stringify(body));
}

export interface GuardOptions {
  config: Config;
  log: Logger;
  now?: Clock;
  /** Where the matchmaker's budget is counted (Redis, shared by the processes, with REDIS_URL); this process's memory when absent. */
  limits?: Limits;
}

/**
 * Puts the guard in front of every 'request' listener the server has now (express, and
 * Colyseus's matchmaker wrapper around it): call it after `new Server({ transport })` has
 * attached its routes. Returns the matchmaker limiter.
 */
export function guardRequests(httpServer: HttpServer, options: GuardOptions): { matchmakeLimiter: AddressRateLimiter } {
  const { config } = options;
  const limits = options.limits ?? memoryLimits(options.now ? { now: options.now } : {});
  const matchmakeLimiter = limits.rateLimiter('matchmake', { capacity: config.matchmakePerMinute, refillPerSecond: config.matchmakePerMinute / 60 });
  const refuseAndNote = (req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string, headers?: Record<string, string>) => {
    options.log.debug({ status, code, url: (req.url ?? '').slice(0, 200), address: clientAddress(req, config.trustProxy) }, 'request refused before it was read');
    refuse(req, res, status, code, message, headers);
  };
  const listeners = httpServer.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  httpServer.removeAllListeners('request');
  const pass = (req: IncomingMessage, res: ServerResponse) => {
    for (const listener of listeners) listener.call(httpServer, req, res);
  };
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const matchmake = isMatchmakeRequest(req);
    const upload = req.method === 'POST' && /^\/api\/scenarios\/?(\?|$)/.test(req.url ?? '');
    const limit = matchmake ? MAX_MATCHMAKE_BODY_BYTES : upload ? MAX_SCENARIO_UPLOAD_BYTES : MAX_API_BODY_BYTES;
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) > limit) {
      refuseAndNote(req, res, 413, 'http/too_large', `The request body is too large: ${limit / 1024} KiB at most${matchmake ? ' for the matchmaker' : ''}.`);
      return;
    }
    if (matchmake) {
      // Colyseus answers only OPTIONS, POST and GET; any other method would be left hanging.
      if (req.method !== 'POST' && req.method !== 'OPTIONS' && req.method !== 'GET') {
        refuseAndNote(req, res, 405, 'http/method_not_allowed', `The matchmaker does not answer ${req.method}; it takes POST.`, { allow: 'POST, OPTIONS' });
        return;
      }
      if (req.method === 'POST') {
        if (length === undefined) {
          refuseAndNote(req, res, 411, 'http/length_required', 'A matchmaker request must say its size (Content-Length).');
          return;
        }
        // The body waits unread (nothing listens for it yet) while the budget is asked; the limits answer from memory when Redis fails, so this settles.
        void matchmakeLimiter.take(clientAddress(req, config.trustProxy)).then(
          (verdict) => {
            if (verdict.ok) pass(req, res);
            else {
              refuseAndNote(req, res, 429, 'rate/limited', `Too many attempts to join from your address; try again in ${verdict.retryAfterS} s.`, {
                'retry-after': String(verdict.retryAfterS),
              });
            }
          },
          (err: unknown) => {
            options.log.warn({ err }, 'the matchmaker limit failed; the request is let through');
            pass(req, res);
          },
        );
        return;
      }
    }
    pass(req, res);
  });
  return { matchmakeLimiter };
}
