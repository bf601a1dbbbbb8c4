// CONTRACT (issue 15): `deflect scenario msel`. Owned by the "msel" helper.
import type { CliResult } from './scenario.js';

/** Runs `deflect scenario msel …`. */
export async function runScenarioMsel(_argv: string[]): Promise<CliResult> {
  return { stdout: '', stderr: 'deflect scenario msel: not implemented yet\n', code: 1 };
}
