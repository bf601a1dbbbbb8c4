// The debrief studio's routes: the exercises a key may see, an exercise's log and replayed
// state, the outcome beside the undeflected body's, and what-if branches. Every key of an
// exercise reads every exercise of its group (a conference's tables and their branches); the
// debrief key writes nothing but a new branch, which is a new exercise.
import express, { type Request } from 'express';
import {
  branchRequestSchema,
  type BranchResponse,
  type ExerciseLogResponse,
  type ExerciseSummary,
  type LoggedEvent,
  type OutcomeComparison,
  type SessionsListResponse,
} from '../shared/debrief/api.js';
import { compareOutcomes } from '../shared/debrief/counterfactual.js';
import { branchEvent } from '../shared/engine/branch.js';
import { encounterOutcome } from '../shared/engine/consequences.js';
import { RULES_VERSION, initialState, replayStored, stateHash, type ExerciseState, type WorldData } from '../shared/engine/index.js';
import { formatIssues } from '../shared/validation.js';
import { loadWorldData } from './geo/world.js';
import { HttpProblem, hasBody, newSessionRecord, send, wrap, type CreationGate, type KeyAccess } from './http-support.js';
import type { Logger } from './log.js';
import type { EventStore, SessionRecord, StoredEvent } from './store/types.js';

export interface DebriefDeps {
  store: EventStore;
  log: Logger;
  /** Starts an exercise's room if it is not running (http.ts's RoomKeeper); resolves to its room id. */
  rooms: { ensure(exerciseId: string): Promise<string> };
  keys: KeyAccess;
  creation: CreationGate;
  /** The address a request counts under for the limits. */
  addressOf(req: Request): string;
  /** The map and city data; loaded on first use when absent. */
  world?: WorldData;
}

/** Comparisons kept at most: one per exercise, for the log length it was computed at. */
const MAX_CACHED_COMPARISONS = 200;

/** The exercise as the sessions list shows it, from its record and its log. */
export function summaryOf(session: SessionRecord, events: readonly StoredEvent[]): ExerciseSummary {
  let round = 0;
  for (const e of events) if (e.data.type === 'RoundStarted') round = Math.max(round, e.data.round);
  return {
    id: session.id,
    title: session.scenario.title,
    scenarioId: session.scenario.id,
    createdAt: session.createdAt,
    status: session.status,
    groupId: session.groupId,
    parentId: session.parentId,
    forkSeq: session.forkSeq,
    eventCount: events.length,
    lastEventAt: events.at(-1)?.at ?? null,
    round,
  };
}

/** An event as the API hands it out: what the store keeps, less the session id the URL already says. */
function logged(e: StoredEvent): LoggedEvent {
  return { seq: e.seq, type: e.type, data: e.data, actor: e.actor, at: e.at, rulesVersion: e.rulesVersion };
}

/** The exercise's state after its first `at` events (all of them by default). */
function replayed(session: SessionRecord, events: readonly StoredEvent[], at = events.length): ExerciseState {
  return replayStored(initialState(session.scenario, session.seed), events.slice(0, at));
}

/** The debrief routes, to mount on the API's express app. */
export function debriefRoutes(deps: DebriefDeps): express.Router {
  const { store, keys, addressOf } = deps;
  const router = express.Router();
  let world = deps.world;
  const comparisons = new Map<string, { eventCount: number; comparison: OutcomeComparison }>();

  /** The outcome beside the undeflected body's, computed once per exercise and log length. */
  function comparisonFor(session: SessionRecord, events: readonly StoredEvent[]): OutcomeComparison {
    const cached = comparisons.get(session.id);
    if (cached && cached.eventCount === events.length) return cached.comparison;
    const state = replayed(session, events);
    let undeflected = null;
    if (state.outcome !== null) {
      world ??= loadWorldData();
      // The same rules and the same evacuations, with no mission: what the body would have done untouched.
      undeflected = encounterOutcome({ ...state, missions: {} }, state.scenario.asteroid.truth.encounterKm, world);
    }
    const comparison = compareOutcomes(state, undeflected);
    comparisons.delete(session.id);
    comparisons.set(session.id, { eventCount: events.length, comparison });
    while (comparisons.size > MAX_CACHED_COMPARISONS) comparisons.delete(comparisons.keys().next().value!);
    return comparison;
  }

  router.get(
    '/api/exercises',
    wrap(async (req, res) => {
      const { session, role } = await keys.holder(req, addressOf(req));
      const body: SessionsListResponse = { role, sessions: await store.listGroup(session.groupId) };
      send(res, 200, body);
    }),
  );

  router.get(
    '/api/exercises/:id/events',
    wrap(async (req, res) => {
      const { session } = await keys.exercise(req, addressOf(req));
      const events = await store.readEvents(session.id);
      const body: ExerciseLogResponse = {
        exerciseId: session.id,
        scenarioId: session.scenario.id,
        seed: session.seed,
        exercise: summaryOf(session, events),
        scenario: session.scenario,
        events: events.map(logged),
      };
      send(res, 200, body);
    }),
  );

  router.get(
    '/api/exercises/:id/state',
    wrap(async (req, res) => {
      const { session } = await keys.exercise(req, addressOf(req));
      const events = await store.readEvents(session.id);
      let at = events.length;
      if (req.query.at !== undefined) {
        const n = typeof req.query.at === 'string' && /^\d+$/.test(req.query.at) ? Number(req.query.at) : NaN;
        if (!Number.isInteger(n) || n < 0 || n > events.length) {
          throw new HttpProblem(400, 'http/invalid_query', `at: expected a whole number from 0 to ${events.length} (the number of events to replay).`);
        }
        at = n;
      }
      const state = replayed(session, events, at);
      send(res, 200, { exerciseId: session.id, at, eventCount: events.length, hash: stateHash(state), state });
    }),
  );

  router.get(
    '/api/exercises/:id/counterfactual',
    wrap(async (req, res) => {
      const { session } = await keys.exercise(req, addressOf(req));
      const events = await store.readEvents(session.id);
      send(res, 200, comparisonFor(session, events));
    }),
  );

  router.post(
    '/api/exercises/:id/branch',
    wrap(async (req, res) => {
      if (hasBody(req) && !req.is('application/json')) {
        throw new HttpProblem(415, 'http/unsupported_media_type', 'Send the branch request as JSON (Content-Type: application/json).');
      }
      const address = addressOf(req);
      const { session: parent, role } = await keys.exercise(req, address);
      const parsed = branchRequestSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        throw new HttpProblem(400, 'http/invalid_body', 'The request body is not a valid branch request.', formatIssues(parsed.error.issues, '', 'body'));
      }
      const { atSeq, seed, regime } = parsed.data;
      const events = await store.readEvents(parent.id);
      if (atSeq > events.length) {
        throw new HttpProblem(400, 'branch/at_seq_out_of_range', `atSeq: expected a whole number from 0 to ${events.length} (how many of the exercise’s ${events.length} events the branch keeps).`);
      }
      const branched = branchEvent(replayed(parent, events, atSeq), { parentId: parent.id, forkSeq: atSeq, ...(seed !== undefined ? { seed } : {}), ...(regime !== undefined ? { regime } : {}) });
      const body = await deps.creation.create(address, async (createdAt) => {
        // The branch replays its parent's prefix from the parent's seed; its own seed, if any, is in ExerciseBranched.
        const { session, keys: secrets } = await newSessionRecord(store, {
          scenario: parent.scenario,
          seed: parent.seed,
          rulesVersion: RULES_VERSION,
          createdAt: createdAt.toISOString(),
          status: 'open',
          groupId: parent.groupId,
          parentId: parent.id,
          forkSeq: atSeq,
        });
        await store.createBranch({
          session: { ...session, parentId: parent.id, forkSeq: atSeq },
          events: [{ data: branched, actor: 'system', at: createdAt.toISOString() }],
          rulesVersion: RULES_VERSION,
        });
        const roomId = await deps.rooms.ensure(session.id);
        deps.log.info({ exerciseId: session.id, parentId: parent.id, forkSeq: atSeq, by: role }, 'branch created');
        return { exerciseId: session.id, roomId, joinCode: session.joinCode, ...secrets, parentId: parent.id, forkSeq: atSeq, groupId: session.groupId } satisfies BranchResponse;
      });
      send(res, 201, body);
    }),
  );

  return router;
}
