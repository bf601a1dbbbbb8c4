// `deflect scenario <check|simulate|msel> …`: the scenario author's commands. Each
// subcommand lives in its own file; this only dispatches.
import { runScenarioCheck } from './scenario-check.js';
import { runScenarioMsel } from './scenario-msel.js';
import { runScenarioSimulate } from './scenario-simulate.js';

import type { CliResult } from './result.js';

export type { CliResult };

const USAGE = `usage:
  deflect scenario check FILE [--json]
  deflect scenario simulate FILE --games N [--seed S] [--json]
  deflect scenario msel export FILE            (the injects as CSV on stdout)
  deflect scenario msel import FILE MSEL.csv   (replaces the file's injects)`;

/** Runs `deflect scenario …` (argv after the word `scenario`). */
export async function runScenarioCli(argv: string[]): Promise<CliResult> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'check':
      return runScenarioCheck(rest);
    case 'simulate':
      return runScenarioSimulate(rest);
    case 'msel':
      return runScenarioMsel(rest);
    case undefined:
    case '--help':
    case 'help':
      return { stdout: `${USAGE}\n`, stderr: '', code: sub ? 0 : 2 };
    default:
      return { stdout: '', stderr: `deflect scenario: unknown subcommand '${sub}'.\n\n${USAGE}\n`, code: 2 };
  }
}
