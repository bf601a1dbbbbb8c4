// `deflect scenario simulate FILE --games N [--seed S] [--json]`: N seeded games of a scenario
// played by bots of varied temperament through the engine alone (shared/bots/simulate.ts),
// with the world map and cities for the encounter, reported as a distribution: outcomes,
// impact countries, casualties, losses, liability. Usage mistakes and a file that does not
// parse exit with code 2; --json prints the report (timing under `timing`).
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { reportOf, simulatePart, timingOf, type Quantiles, type SimulationPart, type SimulationReport } from '../../shared/bots/simulate.js';
import { parseScenarioYaml } from '../../shared/scenario/parse.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { loadWorldData } from '../geo/world.js';
import type { CliResult } from './result.js';

/** From how many games a run spreads them over worker threads by default (each thread loads the world data, a few seconds). */
export const THREADS_FROM_GAMES = 500;
/** How many worker threads a run uses by default, at most. */
export const DEFAULT_THREADS = 2;
/** The most threads one may ask for. */
const MAX_THREADS = 16;

const USAGE =
  'usage: deflect scenario simulate FILE --games N [--seed S] [--threads T] [--json]\n' +
  '  N games (1–100000) played by bots whose temperament varies with the seed (default 1),\n' +
  `  on T worker threads (default ${THREADS_FROM_GAMES} games or more: up to ${DEFAULT_THREADS}, as the machine has cores; else 1).`;
/** The most games one run may play (about an hour of play at a few hundred games a second). */
export const MAX_GAMES = 100_000;

/** What `--json` prints: the report, and the time it took to load the world data. */
export type SimulateJson = SimulationReport & { timing: NonNullable<SimulationReport['timing']> & { worldLoadMs: number; threads: number } };

/** What a worker thread is asked to play, and what it hands back. */
interface WorkerTask {
  kind: 'deflect-simulate';
  scenario: Scenario;
  seed: number;
  from: number;
  to: number;
}
interface WorkerAnswer {
  part: SimulationPart;
  worldLoadMs: number;
}

/** Loads the world data with the corridor's countries walked (once per process, tens of milliseconds); how long it took. */
function loadWorld(scenario: Scenario) {
  const start = performance.now();
  const world = loadWorldData();
  world.countriesUnder?.(scenario.riskCorridor.points);
  return { world, worldLoadMs: performance.now() - start };
}

// In a worker thread started by `playInThreads`: play the games asked for and hand them back.
if (!isMainThread && (workerData as Partial<WorkerTask> | null)?.kind === 'deflect-simulate') {
  const task = workerData as WorkerTask;
  const { world, worldLoadMs } = loadWorld(task.scenario);
  const answer: WorkerAnswer = { part: simulatePart(task.scenario, world, task), worldLoadMs };
  parentPort!.postMessage(answer);
}

/**
 * What a worker thread runs: this module. Run as TypeScript (under tsx, as `npm run deflect`
 * does), the thread first registers tsx's loader, which a worker does not inherit.
 */
function workerEntry(): URL {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new URL(self);
  const code = `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};\nregister();\nawait import(${JSON.stringify(self)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/** Plays games 0 to `games` − 1 split evenly over `threads` worker threads (this module, run again in each); the parts in order and the slowest world load. */
async function playInThreads(scenario: Scenario, seed: number, games: number, threads: number): Promise<{ parts: SimulationPart[]; worldLoadMs: number }> {
  const bounds = Array.from({ length: threads + 1 }, (_, i) => Math.round((i * games) / threads));
  const answers = await Promise.all(
    bounds.slice(0, -1).map(
      (from, i) =>
        new Promise<WorkerAnswer>((resolve, reject) => {
          const task: WorkerTask = { kind: 'deflect-simulate', scenario, seed, from, to: bounds[i + 1]! };
          const worker = new Worker(workerEntry(), { workerData: task });
          worker.once('message', (answer: WorkerAnswer) => resolve(answer));
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`a simulation thread stopped (exit code ${code}) before it answered`)));
        }),
    ),
  );
  return { parts: answers.map((a) => a.part), worldLoadMs: Math.max(...answers.map((a) => a.worldLoadMs)) };
}

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
  const options = { games: { type: 'string' }, seed: { type: 'string' }, threads: { type: 'string' }, json: { type: 'boolean' } } as const;
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
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
  const threads = values.threads === undefined ? (games >= THREADS_FROM_GAMES ? Math.min(DEFAULT_THREADS, availableParallelism()) : 1) : wholeNumber('threads', values.threads, 1, MAX_THREADS);
  if (typeof threads === 'string') return usageError(threads);

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

  const started = performance.now();
  let report: SimulationReport;
  let worldLoadMs: number;
  try {
    if (threads > 1) {
      const played = await playInThreads(result.scenario, seed, games, Math.min(threads, games));
      report = reportOf(result.scenario, seed, played.parts);
      worldLoadMs = played.worldLoadMs;
    } else {
      const loaded = loadWorld(result.scenario);
      worldLoadMs = loaded.worldLoadMs;
      const gamesStart = performance.now();
      report = reportOf(result.scenario, seed, [simulatePart(result.scenario, loaded.world, { seed, from: 0, to: games })]);
      report.timing = timingOf(performance.now() - gamesStart, games);
    }
  } catch (e) {
    return { stdout: '', stderr: `deflect scenario simulate: ${(e as Error).message}\n`, code: 1 };
  }
  // On threads the games' time is the whole run's, the world loading (in every thread at once) included.
  const timing = report.timing ?? timingOf(performance.now() - started, games);
  const out: SimulateJson = { ...report, timing: { ...timing, worldLoadMs, threads } };
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
    row('breakup (nuclear or kinetic)', r.fragments.breakups, n),
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
    r.timing.threads > 1
      ? `${int(n)} games in ${(r.timing.totalMs / 1000).toFixed(1)} s on ${r.timing.threads} threads, each loading the world data (${(r.timing.worldLoadMs / 1000).toFixed(1)} s) first`
      : `${int(n)} games in ${(r.timing.totalMs / 1000).toFixed(1)} s (${r.timing.perGameMs.toFixed(1)} ms a game; world data loaded in ${(r.timing.worldLoadMs / 1000).toFixed(1)} s)`,
  ];
  return lines.join('\n');
}
