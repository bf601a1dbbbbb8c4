// Simulating games against replaying their logs: `simulateGames` plays N seeded games of
// 2031 KX with bots (every move decided, its legality probed, the encounter's consequences
// worked out with the world data), and the same N logs, stored as the event store keeps them
// (JSON with the rules version), are parsed and folded by `replayStored`, the floor any game
// costs. Reported as the ratio of the two timings taken in one run. Run alone with
//   node --import tsx test/bench/simulate.bench.ts [--games=1000] [--reps=3]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { PlayedGame } from '../../shared/bots/game.js';
import { simulateGames } from '../../shared/bots/simulate.js';
import { initialState, replayStored, RULES_VERSION, stateHash, type StoredEventData } from '../../shared/engine/index.js';
import { parseScenarioYaml } from '../../shared/scenario/parse.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { loadWorldData } from '../../server/geo/world.js';
import { median, timeMs } from './timing.js';

/** How many games, and how many timed replays of their logs. */
export interface SimulateBenchOptions {
  games: number;
  reps: number;
}

const DEFAULTS: SimulateBenchOptions = { games: 200, reps: 3 };
const SEED = 1;
const SCENARIO_FILE = 'scenarios/2031-kx.yaml';

function loadScenario(): Scenario {
  const result = parseScenarioYaml(readFileSync(new URL(`../../${SCENARIO_FILE}`, import.meta.url), 'utf8'), SCENARIO_FILE);
  if (!result.ok) throw new Error(`the bundled scenario does not parse:\n${result.errors.join('\n')}`);
  return result.scenario;
}

/** Times `games` simulated games against parsing and replaying their stored logs, checking first that each replay rebuilds the game's state. */
export async function benchSimulate(options: Partial<SimulateBenchOptions> = {}): Promise<{ name: string; ratio: number; details: string }> {
  const { games, reps } = { ...DEFAULTS, ...options };
  const scenario = loadScenario();
  const [worldMs, world] = timeMs(() => {
    const w = loadWorldData();
    w.countriesUnder?.(scenario.riskCorridor.points);
    return w;
  });
  // Warm-up: a few games, so the timed run does not pay for compiling the engine.
  simulateGames(scenario, world, { games: 5, seed: SEED + 1 });

  const played: PlayedGame[] = [];
  const cpuBefore = process.cpuUsage();
  const [simulateMs, report] = timeMs(() => simulateGames(scenario, world, { games, seed: SEED, onGame: (game) => played.push(game) }));
  const cpu = process.cpuUsage(cpuBefore);
  const simulateCpuMs = (cpu.user + cpu.system) / 1000;
  // The store keeps each event's data as JSON with the version of the rules that wrote it.
  const logs = played.map((game) => ({
    seed: game.seed,
    text: JSON.stringify(game.events.map((data): StoredEventData => ({ data, rulesVersion: RULES_VERSION }))),
    hash: stateHash(game.state),
    events: game.events.length,
  }));
  const replayAll = () => logs.map((log) => replayStored(initialState(scenario, log.seed), JSON.parse(log.text) as StoredEventData[]));
  for (const [i, state] of replayAll().entries()) {
    if (stateHash(state) !== logs[i]!.hash) throw new Error(`replaying game ${i} did not rebuild the state the simulation reached`);
  }
  const replayMs = median(Array.from({ length: reps }, () => timeMs(replayAll)[0]));
  const events = logs.reduce((s, l) => s + l.events, 0);
  const ratio = simulateMs / replayMs;
  const lines = [
    `${games.toLocaleString('en-US')} games (${events.toLocaleString('en-US')} events): simulated in ${(simulateMs / 1000).toFixed(2)} s ` +
      `(${(simulateMs / games).toFixed(1)} ms a game; ${(simulateCpuMs / 1000).toFixed(2)} s of CPU on all threads), their stored logs parsed and replayed in ${replayMs.toFixed(0)} ms ` +
      `(${((replayMs * 1000) / events).toFixed(1)} µs an event; median of ${reps}), ratio ${ratio.toFixed(1)}`,
    `outcomes: ${report.outcomes.miss} miss, ${report.outcomes.deflected} deflected, ${report.outcomes.impact} impact; world data loaded in ${(worldMs / 1000).toFixed(1)} s (not counted)`,
  ];
  const name = `simulating ${games.toLocaleString('en-US')} games of 2031 KX vs replaying their stored logs`;
  return { name, ratio, details: lines.join('\n  ') };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const overrides: Partial<SimulateBenchOptions> = {};
  for (const arg of process.argv.slice(2)) {
    const games = /^--games=(\d+)$/.exec(arg);
    const reps = /^--reps=(\d+)$/.exec(arg);
    if (games) overrides.games = Number(games[1]);
    else if (reps) overrides.reps = Number(reps[1]);
    else throw new Error(`unknown argument ${arg}; expected --games=1000 or --reps=3`);
  }
  const result = await benchSimulate(overrides);
  console.log(`${result.name}: ratio ${result.ratio.toFixed(2)}\n  ${result.details}`);
}
