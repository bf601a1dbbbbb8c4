// `deflect scenario check FILE [--json]`: the scenario check of shared/authoring/check.ts on a
// file, with the world map so that states away from the corridor are told apart. Readable
// output is one line per finding, `FILE:LINE: error|warning [code] path: message`, then a
// summary; --json prints the report without the parsed scenario (a client that wants it
// reads the file), with each mission type's deadlines instead. Exit code 1 on errors.
import { readFile } from 'node:fs/promises';
import { checkScenarioText, missionDeadlines, type CheckReport, type Finding, type MissionDeadline } from '../../shared/authoring/check.js';
import { loadCountryLocator } from '../geo/countries.js';
import type { CliResult } from './result.js';

const USAGE = `usage: deflect scenario check FILE [--json]

Checks a scenario file: its YAML, the schema, then the physics, the calendar, the missions,
the budgets, the injects and the actors. Prints FILE:LINE: error|warning [code] path: message
per finding and a summary; --json prints {file, ok, errors, warnings, findings,
missionDeadlines} (no parsed scenario). Exit code 1 if there is an error, 2 on a usage error.`;

/** What `--json` prints: the report without the parsed scenario, with counts and the mission deadlines (empty when the schema refused the file). */
export interface CheckJson {
  file: string;
  ok: boolean;
  errors: number;
  warnings: number;
  findings: Finding[];
  missionDeadlines: MissionDeadline[];
}

/** The report as `--json` prints it. */
export function checkJson(report: CheckReport): CheckJson {
  return {
    file: report.file,
    ok: report.ok,
    errors: report.findings.filter((f) => f.severity === 'error').length,
    warnings: report.findings.filter((f) => f.severity === 'warning').length,
    findings: report.findings,
    missionDeadlines: report.scenario ? missionDeadlines(report.scenario) : [],
  };
}

/** One finding as a compiler would print it: `FILE:LINE: error [code] path: message`. */
export function formatFinding(file: string, f: Finding): string {
  const where = f.line === undefined ? file : `${file}:${f.line}`;
  return `${where}: ${f.severity} [${f.code}] ${f.path === '' ? '' : `${f.path}: `}${f.message}`;
}

const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Runs `deflect scenario check …`. */
export async function runScenarioCheck(argv: string[]): Promise<CliResult> {
  const json = argv.includes('--json');
  const rest = argv.filter((a) => a !== '--json');
  if (rest.includes('--help')) return { stdout: `${USAGE}\n`, stderr: '', code: 0 };
  const unknown = rest.find((a) => a.startsWith('--'));
  if (unknown) return { stdout: '', stderr: `deflect scenario check: unknown flag '${unknown}'.\n${USAGE}\n`, code: 2 };
  if (rest.length !== 1) return { stdout: '', stderr: `deflect scenario check: name one scenario file.\n${USAGE}\n`, code: 2 };
  const file = rest[0]!;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { stdout: '', stderr: `deflect scenario check: cannot read ${file}: ${reason}.\n`, code: 2 };
  }
  // The map the engine judges impacts with (server/geo/world.ts): a sea the check reports is a sea the game sees.
  const locator = loadCountryLocator('10m');
  const report = checkScenarioText(text, file, { countryAt: (lat, lon) => locator.countryAt(lat, lon) });
  const code = report.ok ? 0 : 1;
  if (json) return { stdout: `${JSON.stringify(checkJson(report), null, 2)}\n`, stderr: '', code };
  const { errors, warnings } = checkJson(report);
  const lines = report.findings.map((f) => formatFinding(file, f));
  lines.push(errors + warnings === 0 ? `${file}: no errors, no warnings` : `${count(errors, 'error')}, ${count(warnings, 'warning')}`);
  return { stdout: `${lines.join('\n')}\n`, stderr: '', code };
}
