import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { scenarioSchema, type Scenario } from './schema.js';

export type ScenarioParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/** Formats a zod issue path as `actors[2].kind`, the way people read nested YAML. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Turns zod issues into one sentence per problem, each prefixed with where it is:
 * `prefix` names the document (`scenarios/x.yaml: `), `root` the object the paths start from.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], prefix: string, root?: string): string[] {
  return issues.map((issue) => {
    const path = issue.path.length === 0 && root ? root : root ? `${root}.${formatPath(issue.path)}`.replace('.[', '[') : formatPath(issue.path);
    return `${prefix}${path}: ${issue.message}`;
  });
}

/** Reads YAML text into a plain value, or into errors that name the file, line and column. */
export function readYaml(text: string, fileName: string): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length === 0) return { ok: true, value: doc.toJS() };
  return {
    ok: false,
    errors: doc.errors.map((e) => {
      const where = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : 'YAML';
      const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return `${fileName}: ${where}: ${message}`;
    }),
  };
}

/**
 * Parses scenario YAML text into a typed scenario, or into errors that name the file,
 * the path inside it and what is wrong (`scenarios/x.yaml: actors[2].kind: …`).
 */
export function parseScenarioYaml(text: string, fileName: string): ScenarioParseResult {
  const read = readYaml(text, fileName);
  return read.ok ? parseScenarioObject(read.value, fileName) : read;
}

/** Validates an already-parsed scenario object (from YAML, JSON or the store). */
export function parseScenarioObject(input: unknown, fileName: string): ScenarioParseResult {
  const version = (input as { version?: unknown } | null)?.version;
  if (version === 1) {
    return { ok: false, errors: [`${fileName}: version: scenario format 1 is no longer read; format 2 adds missionTypes, evacuation, legal, asteroid.entryAngleDeg and asteroid.truth.densityKgM3 and drops deflection (see scenarios/2031-kx.yaml)`] };
  }
  const result = scenarioSchema.safeParse(input);
  if (result.success) return { ok: true, scenario: result.data };
  return { ok: false, errors: formatIssues(result.error.issues, `${fileName}: `) };
}
