// The zod building blocks every schema in shared/ shares — the scenario, the liability case
// files, commands, events and the wire protocol — and the one way their issues are told to
// a person. A leaf: scenario/ and law/ both build on it, so neither needs the other for it.
import { z } from 'zod';
import { isCalendarDate } from './calendar.js';

/** A calendar date written as YYYY-MM-DD (scenario time, not wall-clock time); 2031-02-30 is refused, not rolled over. */
export const isoDate = z.string().refine(isCalendarDate, 'expected a real calendar date written YYYY-MM-DD');

/** Identifiers used in commands and events: lower-case, digits and dashes. */
export const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a lower-case id of letters, digits and dashes (at most 40)');

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
