// The HTTP side of scenario authoring: the JSON Schema for editors, the YAML source of a listed
// scenario for the browser's preview, and the upload of a checked scenario by the holder of the
// server's admin key, after which the running server lists it at once.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import { checkScenarioText, type Finding } from '../shared/authoring/check.js';
import { formatIssues } from '../shared/validation.js';
import { uploadedScenariosDir, type Config } from './config.js';
import { MAX_SCENARIO_UPLOAD_BYTES } from './guard.js';
import { HttpProblem, hasBody, rateLimited, send, wrap } from './http-support.js';
import { memoryLimits, type Clock, type Limits } from './limits.js';
import type { Logger } from './log.js';
import { reloadScenarioCatalog, type ScenarioCatalog } from './scenarios.js';

/** The JSON Schema of scenario files, generated from the zod schema and shipped beside the bundled scenarios. */
export const SCENARIO_SCHEMA_PATH = fileURLToPath(new URL('../scenarios/scenario.schema.json', import.meta.url));

/** The media types a scenario upload may be sent as: the YAML text itself. */
export const SCENARIO_UPLOAD_TYPES = ['text/yaml', 'application/yaml', 'application/x-yaml', 'text/x-yaml', 'text/plain'];

/** What `POST /api/scenarios` answers when the scenario is stored. */
export interface ScenarioUploadResponse {
  id: string;
  title: string;
  /** The stored file's name in the uploaded-scenarios folder. */
  file: string;
  /** Whether it replaced an uploaded scenario of the same id. */
  replaced: boolean;
  /** The check's warnings: what a table would meet. */
  warnings: Finding[];
}

const uploadQuerySchema = z.object({ replace: z.enum(['0', '1', 'true', 'false']).optional() });
const sourceParamsSchema = z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a scenario id') });

export interface AuthoringDeps {
  config: Pick<Config, 'adminKey' | 'scenariosDir' | 'dataDir' | 'uploadedScenariosDir' | 'joinFreeMisses'>;
  catalog: ScenarioCatalog;
  log: Logger;
  addressOf(req: Request): string;
  now?: Clock;
  /** Where wrong admin keys are counted (Redis, shared by the processes, with REDIS_URL); this process's memory when absent. */
  limits?: Limits;
  /** The JSON Schema file (SCENARIO_SCHEMA_PATH when absent). */
  schemaPath?: string;
}

/** SHA-256 digests compared in constant time: neither the key's content nor its length leaks through timing. */
function sameKey(presented: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/**
 * The authoring routes: `GET /api/scenario-schema.json`, `GET /api/scenarios/:id/source` and
 * `POST /api/scenarios`. Reads the uploaded-scenarios folder into the catalogue when mounted.
 */
export function authoringRoutes(deps: AuthoringDeps): Router {
  const { config, catalog, log } = deps;
  const uploadDir = uploadedScenariosDir(config);
  const reported = new Set(catalog.invalid.map((i) => i.file));
  reloadScenarioCatalog(catalog, config.scenariosDir, uploadDir);
  for (const bad of catalog.invalid) {
    if (!reported.has(bad.file)) log.error({ file: bad.file, errors: bad.errors }, `uploaded scenario file rejected:\n${bad.errors.join('\n')}`);
  }
  // Wrong admin keys back off like wrong join codes: free typos, then a doubling wait (1 s … 5 min).
  const limits = deps.limits ?? memoryLimits(deps.now ? { now: deps.now } : {});
  const backoff = limits.backoff('upload-admin-miss', { freeMisses: config.joinFreeMisses, firstWaitS: 1, maxWaitS: 300, forgetAfterS: 3600 });
  const router = Router();

  /** Lets the request on if it shows the admin key; 404 when uploads are off, 401 without a key, 403 for a wrong one, 429 after too many. */
  const requireAdmin = async (req: Request): Promise<void> => {
    if (config.adminKey === undefined) {
      throw new HttpProblem(404, 'uploads/disabled', 'This server takes no scenario uploads: its operator has not set ADMIN_KEY.');
    }
    const address = deps.addressOf(req);
    const waiting = await backoff.check(address);
    if (!waiting.ok) throw rateLimited(waiting, 'Too many wrong admin keys from your address');
    const presented = req.header('x-admin-key');
    if (presented === undefined || presented === '') {
      throw new HttpProblem(401, 'auth/admin_key_required', 'Send the server’s admin key in the X-Admin-Key header.');
    }
    if (!sameKey(presented, config.adminKey)) {
      await backoff.miss(address);
      throw new HttpProblem(403, 'auth/admin_key_invalid', 'That is not this server’s admin key.');
    }
  };

  router.get('/api/scenario-schema.json', (_req, res) => {
    let text: string;
    try {
      text = readFileSync(deps.schemaPath ?? SCENARIO_SCHEMA_PATH, 'utf8');
    } catch {
      throw new HttpProblem(503, 'schema/missing', 'The scenario JSON Schema (scenarios/scenario.schema.json) is missing from this server’s files.');
    }
    res.status(200).type('application/schema+json').send(text);
  });

  router.get(
    '/api/scenarios/:id/source',
    wrap(async (req, res) => {
      const params = sourceParamsSchema.safeParse(req.params);
      const id = params.success ? params.data.id : String(req.params.id).slice(0, 100);
      const source = params.success ? catalog.sources.get(id) : undefined;
      if (!source) throw new HttpProblem(404, 'scenario/not_found', `There is no scenario '${id}' on this server.`);
      // A bundled file is public (it ships with Deflect); an uploaded one holds its author's secret briefings and truth.
      if (source.origin === 'uploaded') await requireAdmin(req);
      let text: string;
      try {
        text = readFileSync(source.path, 'utf8');
      } catch {
        throw new HttpProblem(404, 'scenario/not_found', `The file of scenario '${id}' is gone from the server.`);
      }
      res.status(200).type('text/yaml; charset=utf-8').send(text);
    }),
  );

  router.post(
    '/api/scenarios',
    (req, _res, next) => {
      void requireAdmin(req)
        .then(() => {
          // An empty body is let through: the check then says the file is empty.
          if (hasBody(req) && !req.is(SCENARIO_UPLOAD_TYPES)) {
            throw new HttpProblem(415, 'http/unsupported_media_type', 'Send the scenario file itself as the body, as YAML (Content-Type: text/yaml).');
          }
        })
        .then(() => next(), next);
    },
    express.text({ type: SCENARIO_UPLOAD_TYPES, limit: MAX_SCENARIO_UPLOAD_BYTES }),
    wrap(async (req, res) => {
      const query = uploadQuerySchema.safeParse(req.query);
      if (!query.success) throw new HttpProblem(400, 'http/invalid_query', 'The query is not valid.', formatIssues(query.error.issues, '', 'query'));
      const replace = query.data.replace === '1' || query.data.replace === 'true';
      const text = typeof req.body === 'string' ? req.body : '';
      const report = checkScenarioText(text, 'uploaded scenario');
      const errors = report.findings.filter((f) => f.severity === 'error');
      if (!report.ok || !report.scenario) {
        res.status(422).json({
          error: {
            code: 'scenario/invalid',
            message: `The scenario has ${errors.length} error${errors.length === 1 ? '' : 's'}: fix ${errors.length === 1 ? 'it' : 'them'} and upload again.`,
            details: errors.map((f) => `${f.line !== undefined ? `line ${f.line}: ` : ''}${f.path ? `${f.path}: ` : ''}${f.message}`),
          },
          findings: report.findings,
        });
        return;
      }
      const { id, title } = report.scenario;
      const existing = catalog.sources.get(id);
      if (existing?.origin === 'bundled') {
        throw new HttpProblem(409, 'scenario/bundled_id', `'${id}' is the id of a scenario that ships with Deflect: give yours another id.`);
      }
      if (existing && !replace) {
        throw new HttpProblem(409, 'scenario/exists', `A scenario '${id}' was already uploaded: send ?replace=1 to replace it.`);
      }
      const file = `${id}.yaml`;
      const target = join(uploadDir, file);
      mkdirSync(uploadDir, { recursive: true });
      // Written beside its final name and renamed over it: a reader never sees half a file.
      const temporary = join(uploadDir, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
      writeFileSync(temporary, text, { encoding: 'utf8', flag: 'wx' });
      try {
        renameSync(temporary, target);
      } catch (e) {
        rmSync(temporary, { force: true });
        throw e;
      }
      // The same id under another file name (placed by hand) would now be listed twice.
      if (existing && existing.path !== target) rmSync(existing.path, { force: true });
      reloadScenarioCatalog(catalog, config.scenariosDir, uploadDir);
      if (!catalog.byId.has(id)) {
        const why = catalog.invalid.find((i) => i.file.endsWith(file))?.errors ?? [];
        rmSync(target, { force: true });
        reloadScenarioCatalog(catalog, config.scenariosDir, uploadDir);
        throw new HttpProblem(422, 'scenario/invalid', 'The scenario passed the check but the catalogue could not read it.', why);
      }
      log.info({ scenarioId: id, file: target, replaced: existing !== undefined }, 'scenario uploaded');
      const body: ScenarioUploadResponse = { id, title, file, replaced: existing !== undefined, warnings: report.findings.filter((f) => f.severity === 'warning') };
      send(res, 201, body);
    }),
  );

  // A body over the limit sent without a Content-Length (chunked) is stopped here, with the upload's own limit in the sentence.
  router.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    const type = (err as { type?: unknown } | null)?.type;
    if (type === 'entity.too.large') {
      next(new HttpProblem(413, 'http/too_large', `The scenario file is too large: ${MAX_SCENARIO_UPLOAD_BYTES / 1024} KiB at most.`, undefined, { connection: 'close' }));
      return;
    }
    next(err);
  });
  return router;
}
