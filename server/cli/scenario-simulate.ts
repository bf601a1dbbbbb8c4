// `deflect scenario simulate FILE --games N [--seed S] [--json]`: N seeded games of a scenario
// played by bots of varied temperament through the engine alone (shared/bots/simulate.ts),
// with the world map and cities for the encounter, reported as a distribution: outcomes,
// impact countries, casualties, losses, liability. Usage mistakes and a file that does not
// parse exit with code 2; --json prints the report (timing under `timing`).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { simulateGames, type Quantiles, type SimulationReport } from '../../shared/bots/simulate.js';
import { parseScenarioYaml } from '../../shared/scenario/parse.js';
import { loadWorldData } from '../geo/world.js';
import type { CliResult } from './scenario.js';

const USAGE = 'usage: deflect scenario simulate FILE --games N [--seed S] [--json]\n  N games (1–100000) played by bots whose temperament varies with the seed (default 1).';
/** The most games one run may play (about an hour of play at a few hundred games a second). */
export const MAX_GAMES = 100_000;

/** What `--json` prints: the report, and the time it took to load the world data. */
export type SimulateJson = SimulationReport & { timing: NonNullable<SimulationReport['timing']> & { worldLoadMs: number } };

const usageError = (problem: string): CliResult => ({ stdout: '', stderr: `deflect scenario simulate: ${problem}\n${USAGE}\n`, code: 2 });

/** A whole number within bounds from a flag's text, or the problem with it. */
function wholeNumber(flag: string, text: string, min: number, max: number): number | string {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n)) return `--${flag} must be a whole number, got '${text}'.`;
  if (n < min || n > max) return `--${flag} must be between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}, got ${n}.`;
  return n;
}

/** Runs `deflect scenario simulate …`. */
export async function runScenarioSimulate(argv: string[]): Promise<CliResult> {
  if (argv.includes('--help')) return { stdout: `${USAGE}\n`, stderr: '', code: 0 };
  let parsed: ReturnType<typeof parseArgs<{ options: { games: { type: 'string' }; seed: { type: 'string' }; json: { type: 'boolean' } }; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: { games: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    return usageError(`${(e as Error).message.split('\n')[0]}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) return usageError('name one scenario file.');
  if (values.games === undefined) return usageError('--games N is required.');
  const games = wholeNumber('games', values.games, 1, MAX_GAMES);
  if (typeof games === 'string') return usageError(games);
  const seed = values.seed === undefined ? 1 : wholeNumber('seed', values.seed, 0, 0xffff_ffff);
  if (typeof seed === 'string') return usageError(seed);

  const file = positionals[0]!;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { stdout: '', stderr: `deflect scenario simulate: cannot read ${file}: ${reason}.\n`, code: 2 };
  }
  const result = parseScenarioYaml(text, file);
  if (!result.ok) return { stdout: '', stderr: `${result.errors.join('\n')}\n`, code: 2 };

  const loadStart = performance.now();
  const world = loadWorldData();
  // The countries under the corridor are walked once per process (under a second): part of loading the world.
  world.countriesUnder?.(result.scenario.riskCorridor.points);
  const worldLoadMs = performance.now() - loadStart;
  let report: SimulationReport;
  try {
    report = simulateGames(result.scenario, world, { games, seed, clock: () => performance.now() });
  } catch (e) {
    return { stdout: '', stderr: `deflect scenario simulate: ${(e as Error).message}\n`, code: 1 };
  }
  const out: SimulateJson = { ...report, timing: { ...report.timing!, worldLoadMs } };
  return { stdout: `${values.json ? JSON.stringify(out, null, 2) : describeReport(out)}\n`, stderr: '', code: 0 };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1).padStart(5)} %`;
const quant = (q: Quantiles, unit = '') => `mean ${int(q.mean)}${unit}, p50 ${int(q.p50)}${unit}, p90 ${int(q.p90)}${unit}, max ${int(q.max)}${unit}`;
const byActor = (games: Record<string, number>) => (Object.keys(games).length ? `  (${Object.entries(games).map(([a, g]) => `${a} ${g}`).join(', ')})` : '');
const row = (label: string, n: number, of: number, extra = '') => `  ${label.padEnd(34)} ${String(n).padStart(7)}  ${pct(n, of)}${extra}`;

/** The report as a person reads it: outcomes with percentages, impact countries, casualty quantiles, liable parties, timing. */
export function describeReport(r: SimulateJson): string {
  const n = r.games;
  const lines = [
    `${r.scenarioId}: ${int(n)} simulated games, seed ${r.seed}, liability under ${r.regime}`,
    '',
    'Outcome',
    row('miss (no deflection needed)', r.outcomes.miss, n),
    row('deflected off the Earth', r.outcomes.deflected, n),
    row('impact', r.outcomes.impact, n),
    ...(r.outcomes.none > 0 ? [row('no outcome', r.outcomes.none, n)] : []),
    row('breakup (nuclear disruption)', r.fragments.breakups, n),
    row('  the fragment struck', r.fragments.fragmentImpacts, n),
    row('an evacuation was ordered', r.evacuations.games, n, byActor(r.evacuations.byActor)),
    row('people sheltered in place', r.shelters.games, n, byActor(r.shelters.byActor)),
    '',
    'Impacts by country',
    ...(r.impactCountries.length === 0 ? ['  none'] : r.impactCountries.map((c) => row(c.countryName, c.games, n, `  mean casualties ${int(c.meanCasualties)}`))),
    '',
    `Casualties per game        ${quant(r.casualties)}; games with any ${int(r.casualties.gamesWithAny)} (${pct(r.casualties.gamesWithAny, n).trim()})`,
    `Economic loss per game     ${quant(r.economicLossMUsd, ' M USD')}`,
    `Deflection spending        ${quant(r.spendingMUsd.deflect, ' M USD')}`,
    `Observation spending       ${quant(r.spendingMUsd.observe, ' M USD')}`,
    `Deflection missions        ${int(r.missions.proposed)} proposed, ${int(r.missions.launched)} launched (${int(r.missions.launchFailed)} launch failures), ${int(r.missions.arrived)} arrived, ${int(r.missions.arrivedTooLate)} too late; games with an arrival ${int(r.missions.gamesWithArrival)} (${pct(r.missions.gamesWithArrival, n).trim()})`,
    `Rounds per game            mean ${r.rounds.mean.toFixed(1)}, min ${r.rounds.min}, max ${r.rounds.max}`,
    '',
    `Found liable (${r.regime})`,
    ...(r.liable.length === 0 ? ['  nobody'] : r.liable.map((l) => row(l.party, l.games, n))),
    ...(r.liabilityErrors > 0 ? [`  findings could not be made in ${r.liabilityErrors} games`] : []),
    ...(r.rejections > 0 ? ['', `The engine refused ${r.rejections} bot commands (a policy defect: please report it).`] : []),
    '',
    `${int(n)} games in ${(r.timing.totalMs / 1000).toFixed(1)} s (${r.timing.perGameMs.toFixed(1)} ms a game; world data loaded in ${(r.timing.worldLoadMs / 1000).toFixed(1)} s)`,
  ];
  return lines.join('\n');
}
