// CONTRACT (issue 15): `deflect scenario simulate`. Owned by the "simulate" helper.
import type { CliResult } from './scenario.js';

/** Runs `deflect scenario simulate …`. */
export async function runScenarioSimulate(_argv: string[]): Promise<CliResult> {
  return { stdout: '', stderr: 'deflect scenario simulate: not implemented yet\n', code: 1 };
}
