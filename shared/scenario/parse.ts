import { formatIssues } from '../validation.js';
import { readYaml } from '../yaml.js';
import { scenarioGeometryIssues } from './geometry.js';
import { scenarioSchema, type Scenario } from './schema.js';

export type ScenarioParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: string[] };

/**
 * Parses scenario YAML text into a typed scenario, or into errors that name the file,
 * the path inside it and what is wrong (`scenarios/x.yaml: actors[2].kind: …`). A scenario
 * file's geometry is checked too (capture radius against entry speed, corridor length).
 */
export function parseScenarioYaml(text: string, fileName: string): ScenarioParseResult {
  const read = readYaml(text, fileName);
  if (!read.ok) return read;
  const parsed = parseScenarioObject(read.value, fileName);
  if (!parsed.ok) return parsed;
  const issues = scenarioGeometryIssues(parsed.scenario);
  if (issues.length === 0) return parsed;
  return { ok: false, errors: formatIssues(issues.map((i) => ({ code: 'custom' as const, input: undefined, ...i })), `${fileName}: `) };
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
