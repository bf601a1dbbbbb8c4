// The studio's HTTP calls (shapes in shared/debrief/api.ts). The key goes in a header, never in
// the address, so it does not land in a server's or a proxy's log.
import type { BranchRequest, BranchResponse, ExerciseLogResponse, OutcomeComparison, SessionsListResponse } from '../../shared/debrief/api.js';
import type { HttpError } from '../../shared/protocol.js';

/** A refusal or failure of the server, with its sentence. */
export class StudioApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
  }
}

async function call<T>(path: string, key: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      headers: { 'x-debrief-key': key, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      // Keys are not cookies: nothing ambient goes with the request.
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new StudioApiError(`Could not reach the Deflect server (${(e as Error).message}).`, 0, null);
  }
  const body = (await res.json().catch(() => null)) as T | HttpError | null;
  if (!res.ok) {
    const error = (body as HttpError | null)?.error;
    throw new StudioApiError(error?.message ?? `The server answered ${res.status}.`, res.status, error?.code ?? null);
  }
  return body as T;
}

const exercisePath = (exerciseId: string) => `/api/exercises/${encodeURIComponent(exerciseId)}`;

/** The exercises the key's group holds (its tables and their branches), newest first. */
export function fetchSessions(key: string): Promise<SessionsListResponse> {
  return call<SessionsListResponse>('/api/exercises', key);
}

/** An exercise's whole log, with its scenario and seed. */
export function fetchLog(exerciseId: string, key: string): Promise<ExerciseLogResponse> {
  return call<ExerciseLogResponse>(`${exercisePath(exerciseId)}/events`, key);
}

/** The outcome beside the undeflected body's, judged under every regime. */
export function fetchCounterfactual(exerciseId: string, key: string): Promise<OutcomeComparison> {
  return call<OutcomeComparison>(`${exercisePath(exerciseId)}/counterfactual`, key);
}

/** Starts a what-if branch from an event of the exercise. */
export function startBranch(exerciseId: string, key: string, request: BranchRequest): Promise<BranchResponse> {
  return call<BranchResponse>(`${exercisePath(exerciseId)}/branch`, key, { method: 'POST', body: request });
}
