// `simulateGames`: many seeded games of one scenario played by bots of varied temperament
// (game.ts), summed up as an author wants to see them: how often the body misses, is
// deflected or strikes and where, what it costs in lives and money, and who is found liable.
import type { WorldData } from '../engine/commands.js';
import type { DomainEvent, EventOf, Outcome } from '../engine/events.js';
import { isFinding } from '../law/finding.js';
import { encounterMisses } from '../physics/deflection.js';
import type { Scenario } from '../scenario/schema.js';
import { gameSeed, playGame, type PlayedGame } from './game.js';

/** How many games, from which seed; `clock` (ms, a monotonic timer the caller passes in) times the run when given. */
export interface SimulationOptions {
  games: number;
  seed: number;
  clock?: () => number;
  /** Called with each game as it ends (its log, for a benchmark or a debugger). */
  onGame?: (game: PlayedGame, index: number) => void;
}

/** Summary statistics of a quantity over games: its mean and quantiles (nearest rank). */
export interface Quantiles {
  mean: number;
  p50: number;
  p90: number;
  max: number;
}

/** One game in a line, so that an author can replay it (`seed`) and see how it went. */
export interface GameSummary {
  index: number;
  seed: number;
  outcome: 'miss' | 'deflected' | 'impact' | 'none';
  countryName: string | null;
  casualties: number;
  rounds: number;
}

/** The distribution of a simulation's games; everything but `timing` is the same for the same scenario, world, games and seed. */
export interface SimulationReport {
  scenarioId: string;
  games: number;
  seed: number;
  /** The legal regime under which liability was judged. */
  regime: string;
  /** How the encounter ended: a miss without help, a miss thanks to a deflection, an impact, or no outcome (never expected). */
  outcomes: { miss: number; deflected: number; impact: number; none: number };
  /** Impacts by the country of the impact point (`null` ISO code: the sea or no country), most frequent first. */
  impactCountries: { countryIso3: string | null; countryName: string; games: number; meanCasualties: number }[];
  /** Games in which a nuclear burst broke the body up, and those in which its fragment (not the bulk) struck. */
  fragments: { breakups: number; fragmentImpacts: number };
  /** Games with any full evacuation ordered, and per actor the games in which it ordered one; the same for sheltering in place. */
  evacuations: { games: number; byActor: Record<string, number> };
  shelters: { games: number; byActor: Record<string, number> };
  /** Casualties per game (zero for a miss), and the games with any. */
  casualties: Quantiles & { gamesWithAny: number };
  /** Economic loss per game (M USD, zero for a miss). */
  economicLossMUsd: Quantiles;
  /** Parties found liable under the regime (states, organisations, a common fund), with the number of games in which they were. */
  liable: { party: string; games: number }[];
  /** Games in which an impact's findings could not be made (the law module's errors). */
  liabilityErrors: number;
  /** Deflection missions: proposed, launched and arrived over all games, and the games with at least one arrival. */
  missions: { proposed: number; launched: number; launchFailed: number; arrived: number; arrivedTooLate: number; gamesWithArrival: number };
  /** Money spent per game on deflection and on observation (M USD). */
  spendingMUsd: { deflect: Quantiles; observe: Quantiles };
  /** Rounds played per game. */
  rounds: { mean: number; min: number; max: number };
  /** Commands the engine refused from the bots over all games (a policy that only makes legal moves should have none). */
  rejections: number;
  /** The first games, one line each, to replay by seed. */
  sample: GameSummary[];
  /** Wall-clock figures, only when a clock was given; never part of the comparable report. */
  timing?: { totalMs: number; perGameMs: number; gamesPerSecond: number };
}

/** How many games `sample` lists. */
const SAMPLE_SIZE = 10;

/** Nearest-rank quantiles and the mean of values (all zero for none). */
export function quantiles(values: readonly number[]): Quantiles {
  if (values.length === 0) return { mean: 0, p50: 0, p90: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { mean: sorted.reduce((s, v) => s + v, 0) / sorted.length, p50: rank(0.5), p90: rank(0.9), max: sorted.at(-1)! };
}

/** What one game contributes to the report. */
export interface GameFacts {
  outcome: GameSummary['outcome'];
  impact: Extract<Outcome, { kind: 'impact' }> | null;
  breakup: boolean;
  fragmentImpact: boolean;
  evacuated: string[];
  sheltered: string[];
  liable: string[];
  liabilityError: boolean;
  proposed: number;
  launched: number;
  launchFailed: number;
  arrived: number;
  arrivedTooLate: number;
  deflectMUsd: number;
  observeMUsd: number;
  rounds: number;
}

/** Entries a memoised lookup keeps before it starts afresh (bounds the memory of a long run). */
const MEMO_ENTRIES = 100_000;

/** A lookup that remembers its answers by key, starting afresh when it holds `MEMO_ENTRIES`. */
function memo<A extends unknown[], R>(key: (...args: A) => string, compute: (...args: A) => R): (...args: A) => R {
  const known = new Map<string, R>();
  return (...args) => {
    const k = key(...args);
    const hit = known.get(k);
    if (hit !== undefined || known.has(k)) return hit!;
    if (known.size >= MEMO_ENTRIES) known.clear();
    const value = compute(...args);
    known.set(k, value);
    return value;
  };
}

/**
 * The world data with its answers remembered by their inputs, for one simulation: many games
 * strike the same places (every undeflected counterfactual strikes the same point), and the
 * map and the cities never change, so a remembered answer is the answer.
 */
export function memoisedWorld(world: WorldData): WorldData {
  return {
    countryAt: memo(
      (lat, lon) => `${lat},${lon}`,
      (lat, lon) => world.countryAt(lat, lon),
    ),
    exposedPopulation: memo(
      (lat, lon, radiusKm, maxCities) => `${lat},${lon},${radiusKm},${maxCities}`,
      (lat, lon, radiusKm, maxCities) => world.exposedPopulation(lat, lon, radiusKm, maxCities),
    ),
    ...(world.countriesUnder ? { countriesUnder: world.countriesUnder.bind(world) } : {}),
  };
}

/** Reads what the report needs from a game's log. */
export function gameFacts(scenario: Scenario, events: readonly DomainEvent[]): GameFacts {
  const facts: GameFacts = {
    outcome: 'none',
    impact: null,
    breakup: false,
    fragmentImpact: false,
    evacuated: [],
    sheltered: [],
    liable: [],
    liabilityError: false,
    proposed: 0,
    launched: 0,
    launchFailed: 0,
    arrived: 0,
    arrivedTooLate: 0,
    deflectMUsd: 0,
    observeMUsd: 0,
    rounds: 0,
  };
  let last: EventOf<'RoundResolved'> | null = null;
  for (const e of events) {
    if (e.type === 'MissionProposed') {
      if (e.kind !== 'reconnaissance') facts.proposed++;
    } else if (e.type === 'EvacuationOrdered') {
      const list = e.level === 'shelter' ? facts.sheltered : facts.evacuated;
      if (!list.includes(e.actorId)) list.push(e.actorId);
    } else if (e.type === 'RoundResolved') {
      last = e;
      facts.rounds++;
      facts.deflectMUsd += e.deflectTotalMUsd;
      facts.observeMUsd += e.observeTotalMUsd;
      for (const step of e.missions) {
        if (step.disrupted) facts.breakup = true;
        if (step.change === 'launched') facts.launched++;
        else if (step.change === 'launch-failed') facts.launchFailed++;
        else if (step.change === 'arrived') facts.arrived++;
        else if (step.change === 'arrives-too-late') facts.arrivedTooLate++;
      }
    } else if (e.type === 'ExerciseEnded' && e.outcome !== null) {
      const outcome = e.outcome;
      facts.outcome = outcome.kind === 'no-impact' ? 'miss' : outcome.kind;
      if (outcome.kind !== 'impact') continue;
      facts.impact = outcome;
      const liable = new Set<string>();
      for (const f of outcome.consequences.liability.findings) {
        if (isFinding(f)) for (const party of f.liable) liable.add(party);
        else facts.liabilityError = true;
      }
      facts.liable = [...liable].sort();
      // After a breakup the bulk strikes if its course is inside the capture radius (resolution.ts), else the fragment did.
      facts.fragmentImpact = last?.fragment != null && encounterMisses(last.trueEncounterKm ?? 0, scenario.asteroid.captureRadiusKm);
    }
  }
  return facts;
}

/** Games `from` to `to` (exclusive) of a simulation, each read for the report: what a worker thread hands back. */
export interface SimulationPart {
  from: number;
  facts: GameFacts[];
  rejections: number;
}

/** Plays games `from` to `to` (exclusive) of a simulation seeded with `seed`, and reads each for the report. */
export function simulatePart(
  scenario: Scenario,
  world: WorldData | undefined,
  options: { seed: number; from: number; to: number; onGame?: SimulationOptions['onGame'] },
): SimulationPart {
  const { seed, from, to, onGame } = options;
  const lookups = world ? memoisedWorld(world) : undefined;
  const facts: GameFacts[] = [];
  let rejections = 0;
  for (let index = from; index < to; index++) {
    const game = playGame(scenario, { seed: gameSeed(seed, index), ...(lookups ? { world: lookups } : {}) });
    onGame?.(game, index);
    rejections += game.rejections;
    facts.push(gameFacts(scenario, game.events));
  }
  return { from, facts, rejections };
}

/** The report of a simulation from its parts, which must cover games 0 to N − 1 in order (however they were split). */
export function reportOf(scenario: Scenario, seed: number, parts: readonly SimulationPart[]): SimulationReport {
  const all: GameFacts[] = [];
  for (const part of parts) {
    if (part.from !== all.length) throw new Error(`the simulation's parts do not follow each other: game ${all.length} expected, ${part.from} found`);
    all.push(...part.facts);
  }
  if (all.length === 0) throw new Error('a simulation needs at least one game');
  const sample = all.slice(0, SAMPLE_SIZE).map(
    (facts, index): GameSummary => ({
      index,
      seed: gameSeed(seed, index),
      outcome: facts.outcome,
      countryName: facts.impact?.impactPoint.countryName ?? null,
      casualties: facts.impact?.consequences.casualties ?? 0,
      rounds: facts.rounds,
    }),
  );
  return summarise(
    scenario,
    seed,
    all,
    parts.reduce((s, p) => s + p.rejections, 0),
    sample,
  );
}

/**
 * Plays `games` games of a scenario, game i with the seed `gameSeed(seed, i)` and the bots'
 * temperaments drawn from it, and reports the distribution of their outcomes. The same
 * scenario, world, games and seed give the same report, `timing` apart.
 */
export function simulateGames(scenario: Scenario, world: WorldData | undefined, options: SimulationOptions): SimulationReport {
  const { games, seed, clock, onGame } = options;
  if (!Number.isInteger(games) || games < 1) throw new Error(`a simulation needs a whole number of games, at least 1 (got ${games})`);
  const started = clock?.();
  const report = reportOf(scenario, seed, [simulatePart(scenario, world, { seed, from: 0, to: games, ...(onGame ? { onGame } : {}) })]);
  if (clock && started !== undefined) report.timing = timingOf(clock() - started, games);
  return report;
}

/** Wall-clock figures of a run of `games` games that took `totalMs`. */
export function timingOf(totalMs: number, games: number): NonNullable<SimulationReport['timing']> {
  return { totalMs, perGameMs: totalMs / games, gamesPerSecond: totalMs > 0 ? (games * 1000) / totalMs : Infinity };
}

/** Counts games with any actor in a list, and the games of each actor. */
function tally() {
  let games = 0;
  const byActor: Record<string, number> = {};
  return {
    add(actors: readonly string[]) {
      if (actors.length > 0) games++;
      for (const a of actors) byActor[a] = (byActor[a] ?? 0) + 1;
    },
    report: () => ({ games, byActor: Object.fromEntries(Object.entries(byActor).sort(([a], [b]) => (a < b ? -1 : 1))) }),
  };
}

/** The report of games already played (their facts in order). */
function summarise(scenario: Scenario, seed: number, all: readonly GameFacts[], rejections: number, sample: GameSummary[]): SimulationReport {
  const outcomes = { miss: 0, deflected: 0, impact: 0, none: 0 };
  const countries = new Map<string, { countryIso3: string | null; countryName: string; games: number; casualties: number }>();
  const liable = new Map<string, number>();
  const evacuations = tally();
  const shelters = tally();
  const missions = { proposed: 0, launched: 0, launchFailed: 0, arrived: 0, arrivedTooLate: 0, gamesWithArrival: 0 };
  let breakups = 0;
  let fragmentImpacts = 0;
  let liabilityErrors = 0;
  for (const f of all) {
    outcomes[f.outcome]++;
    if (f.impact) {
      const iso3 = f.impact.impactPoint.countryIso3;
      const name = f.impact.impactPoint.countryName ?? 'open sea';
      const key = `${iso3 ?? ''}/${name}`;
      const c = countries.get(key) ?? { countryIso3: iso3, countryName: name, games: 0, casualties: 0 };
      c.games++;
      c.casualties += f.impact.consequences.casualties;
      countries.set(key, c);
    }
    for (const party of f.liable) liable.set(party, (liable.get(party) ?? 0) + 1);
    if (f.liabilityError) liabilityErrors++;
    if (f.breakup) breakups++;
    if (f.fragmentImpact) fragmentImpacts++;
    evacuations.add(f.evacuated);
    shelters.add(f.sheltered);
    missions.proposed += f.proposed;
    missions.launched += f.launched;
    missions.launchFailed += f.launchFailed;
    missions.arrived += f.arrived;
    missions.arrivedTooLate += f.arrivedTooLate;
    if (f.arrived > 0) missions.gamesWithArrival++;
  }
  const byCount = <T extends { games: number }>(a: T & { key: string }, b: T & { key: string }) => b.games - a.games || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const casualties = all.map((f) => f.impact?.consequences.casualties ?? 0);
  const rounds = all.map((f) => f.rounds);
  return {
    scenarioId: scenario.id,
    games: all.length,
    seed,
    regime: scenario.legal.regime,
    outcomes,
    impactCountries: [...countries.entries()]
      .map(([key, c]) => ({ key, ...c }))
      .sort(byCount)
      .map(({ countryIso3, countryName, games, casualties: total }) => ({ countryIso3, countryName, games, meanCasualties: total / games })),
    fragments: { breakups, fragmentImpacts },
    evacuations: evacuations.report(),
    shelters: shelters.report(),
    casualties: { ...quantiles(casualties), gamesWithAny: casualties.filter((c) => c > 0).length },
    economicLossMUsd: quantiles(all.map((f) => f.impact?.consequences.damageMUsd ?? 0)),
    liable: [...liable.entries()]
      .map(([party, games]) => ({ key: party, party, games }))
      .sort(byCount)
      .map(({ party, games }) => ({ party, games })),
    liabilityErrors,
    missions,
    spendingMUsd: { deflect: quantiles(all.map((f) => f.deflectMUsd)), observe: quantiles(all.map((f) => f.observeMUsd)) },
    rounds: { mean: rounds.reduce((s, r) => s + r, 0) / rounds.length, min: rounds.reduce((m, r) => Math.min(m, r)), max: rounds.reduce((m, r) => Math.max(m, r)) },
    rejections,
    sample,
  };
}
