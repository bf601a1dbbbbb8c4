// CONTRACT (issue 15): `deflect scenario check`. Owned by the "check" helper.
import type { CliResult } from './scenario.js';

/** Runs `deflect scenario check …`. */
export async function runScenarioCheck(_argv: string[]): Promise<CliResult> {
  return { stdout: '', stderr: 'deflect scenario check: not implemented yet\n', code: 1 };
}
