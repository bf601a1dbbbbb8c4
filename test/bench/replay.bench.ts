// Rebuilding an exercise from its log: `replay` (a fold of `evolve`) against `JSON.parse` of the
// same log, the floor any restore pays, for logs of several sizes so that growth shows (a linear
// replay keeps the same ratio at every size). Reported as ratios of two timings taken in one run,
// never as an absolute assertion. Run alone with
//   node --import tsx test/bench/replay.bench.ts [--sizes=2000,10000] [--reps=5]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { decide, eventSchema, evolve, initialState, replay, stateHash, type Command, type DomainEvent, type ExerciseState } from '../../shared/engine/index.js';
import { parseScenarioYaml } from '../../shared/scenario/parse.js';
import type { Scenario } from '../../shared/scenario/schema.js';
import { median, timeMs } from './timing.js';

/** How many events each timed log holds at least, and how many timed repetitions. */
export interface ReplayBenchOptions {
  sizes: readonly number[];
  reps: number;
}

const DEFAULTS: ReplayBenchOptions = { sizes: [2_000, 10_000], reps: 5 };
const SEED = 1;
const SCENARIO_FILE = 'scenarios/2031-kx.yaml';

function loadScenario(): Scenario {
  const result = parseScenarioYaml(readFileSync(new URL(`../../${SCENARIO_FILE}`, import.meta.url), 'utf8'), SCENARIO_FILE);
  if (!result.ok) throw new Error(`the bundled scenario does not parse:\n${result.errors.join('\n')}`);
  return result.scenario;
}

/**
 * Plays a whole exercise through `decide` and `evolve`: a facilitator and every actor take
 * their seats, then each round has a long deliberation (public and private messages, a few
 * statements), orders and readiness, until the log holds at least `minEvents` events and the
 * last round is played. Returns the log and the state the engine reached.
 */
function playExercise(scenario: Scenario, minEvents: number): { events: DomainEvent[]; final: ExerciseState } {
  let state = initialState(scenario, SEED);
  const events: DomainEvent[] = [];
  const startMs = Date.UTC(2031, 0, 5, 9, 0, 0);
  const act = (participantId: string, command: Command) => {
    // A fixed clock: one second per command, so the log is the same on every run.
    const decision = decide(state, command, { participantId, at: new Date(startMs + events.length * 1000).toISOString() });
    if (!decision.ok) throw new Error(`${participantId} ${command.type} refused: ${decision.error.code}: ${decision.error.message}`);
    for (const e of decision.events) {
      events.push(e);
      state = evolve(state, e);
    }
  };

  const actorIds = scenario.actors.map((a) => a.id);
  act('control', { type: 'JoinExercise', name: 'Fran (control)', role: 'facilitator' });
  act('control', { type: 'ClaimSeat', seat: 'facilitator' });
  // Far more talk per phase than a table would post: lift the quota.
  act('control', { type: 'SetTalkQuota', messagesPerPhase: 10_000 });
  for (const id of actorIds) {
    act(`p-${id}`, { type: 'JoinExercise', name: `Delegate of ${id}`, role: 'participant' });
    act(`p-${id}`, { type: 'ClaimSeat', seat: `actor:${id}` });
  }
  const rounds = scenario.calendar.rounds.length;
  const messagesPerRound = Math.ceil(minEvents / rounds);
  for (let round = 1; round <= rounds; round++) {
    act('control', { type: 'AdvancePhase' }); // → briefing (round started, news)
    act('control', { type: 'AdvancePhase' }); // → deliberation
    for (let i = 0; i < messagesPerRound; i++) {
      const from = actorIds[i % actorIds.length]!;
      const to = actorIds[(i + 1) % actorIds.length]!;
      if (i % 50 === 49) {
        act(`p-${from}`, { type: 'PostStatement', text: `Round ${round}: ${from} restates its position on the deflection campaign (${i}).` });
      } else if (i % 3 === 0) {
        act(`p-${from}`, { type: 'SendMessage', to: [to], text: `Round ${round}, note ${i}: can ${to} share its tracking data and cost estimate privately?` });
      } else {
        act(`p-${from}`, { type: 'SendMessage', to: 'public', text: `Round ${round}, message ${i}: ${from} proposes pooling observation time on 2031 KX.` });
      }
    }
    act('control', { type: 'AdvancePhase' }); // → orders
    for (const id of actorIds) {
      act(`p-${id}`, { type: 'SubmitOrders', orders: { observeMUsd: 1, missionFunding: {} } });
      act(`p-${id}`, { type: 'SetReady', ready: true }); // the last one resolves the round
    }
  }
  act('control', { type: 'AdvancePhase' }); // after the last resolution: the exercise ends
  if (state.phase !== 'ended') throw new Error(`expected the exercise to have ended, it is in ${state.phase}`);
  return { events, final: state };
}

interface SizeTiming {
  events: number;
  jsonMb: number;
  parseMs: number;
  replayMs: number;
  ratio: number;
}

/** Times replay of one log against JSON.parse of its text (medians of `reps` after warm-up), checking first that replay rebuilds the engine's state. */
function timeSize(scenario: Scenario, minEvents: number, reps: number) {
  const [buildMs, { events, final }] = timeMs(() => playExercise(scenario, minEvents));
  // The store keeps each event's data as one JSON text (events.data); the log is those texts in order.
  const text = `[${events.map((e) => JSON.stringify(e)).join(',')}]`;
  const parse = () => JSON.parse(text) as DomainEvent[];
  const parseAndReplay = () => replay(initialState(scenario, SEED), parse());
  const replayOnly = () => replay(initialState(scenario, SEED), events);
  // What SqliteEventStore.readEvents does to each parsed row before the room replays it.
  const validateOnly = (parsed: unknown[]) => parsed.map((e) => eventSchema.parse(e));

  // Warm-up, and a check that replay rebuilds exactly the state the engine reached.
  const expected = stateHash(final);
  for (const rebuilt of [parseAndReplay(), replayOnly()]) {
    if (stateHash(rebuilt) !== expected) throw new Error('replaying the log did not rebuild the state the engine reached');
  }
  validateOnly(parse());

  const parseMs: number[] = [];
  const parseReplayMs: number[] = [];
  const replayMs: number[] = [];
  const validateMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    // Interleaved so that drift in machine load hits all alike.
    parseMs.push(timeMs(parse)[0]);
    parseReplayMs.push(timeMs(parseAndReplay)[0]);
    replayMs.push(timeMs(replayOnly)[0]);
    const parsed = parse();
    validateMs.push(timeMs(() => validateOnly(parsed))[0]);
  }
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  const timing: SizeTiming = {
    events: events.length,
    jsonMb: text.length / 2 ** 20,
    parseMs: median(parseMs),
    replayMs: median(replayMs),
    ratio: median(replayMs) / median(parseMs),
  };
  return { timing, parseReplayMs: median(parseReplayMs), validateMs: median(validateMs), buildMs, counts };
}

/**
 * Times replay against JSON.parse of the same log for each log size, and returns the ratio
 * for the largest: a ratio that stays put as the log grows means replay is linear like the parse.
 */
export async function benchReplay(options: Partial<ReplayBenchOptions> = {}): Promise<{ name: string; ratio: number; details: string }> {
  const { sizes, reps } = { ...DEFAULTS, ...options };
  const scenario = loadScenario();
  const runs = [...sizes].sort((a, b) => a - b).map((n) => timeSize(scenario, n, reps));
  const perEventUs = (ms: number, events: number) => ((ms * 1000) / events).toFixed(2);
  const lines = runs.map(
    ({ timing: t }) =>
      `${t.events.toLocaleString('en-US')} events (${t.jsonMb.toFixed(1)} MB): JSON.parse ${t.parseMs.toFixed(1)} ms, ` +
      `replay ${t.replayMs.toFixed(1)} ms (${perEventUs(t.replayMs, t.events)} µs/event), ratio ${t.ratio.toFixed(2)}`,
  );
  const first = runs[0]!.timing;
  const largest = runs.at(-1)!;
  const last = largest.timing;
  if (runs.length > 1) {
    const logGrowth = last.events / first.events;
    lines.push(
      `log ×${logGrowth.toFixed(1)} → replay time ×${(last.replayMs / first.replayMs).toFixed(1)} ` +
        `(×${logGrowth.toFixed(1)} would be linear, ×${(logGrowth ** 2).toFixed(0)} quadratic), ratio ×${(last.ratio / first.ratio).toFixed(2)}`,
    );
  }
  const mix = [...largest.counts].sort((x, y) => y[1] - x[1]).map(([type, n]) => `${n} ${type}`).join(', ');
  lines.push(
    `largest log: ${mix}; parse + replay ${largest.parseReplayMs.toFixed(1)} ms; zod validation of the parsed events (as readEvents does) ` +
      `${largest.validateMs.toFixed(1)} ms; building it through decide + evolve took ${largest.buildMs.toFixed(0)} ms; medians of ${reps} after warm-up.`,
  );
  const name = `replay vs JSON.parse of the same log (${runs.map((r) => r.timing.events.toLocaleString('en-US')).join(' and ')} events; ratio for the largest)`;
  return { name, ratio: last.ratio, details: lines.join('\n  ') };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const overrides: { sizes?: number[]; reps?: number } = {};
  for (const arg of process.argv.slice(2)) {
    const sizes = /^--sizes=(\d+(?:,\d+)*)$/.exec(arg);
    const reps = /^--reps=(\d+)$/.exec(arg);
    if (sizes) overrides.sizes = sizes[1]!.split(',').map(Number);
    else if (reps) overrides.reps = Number(reps[1]);
    else throw new Error(`unknown argument ${arg}; expected --sizes=2000,10000 or --reps=5`);
  }
  const result = await benchReplay(overrides);
  console.log(`${result.name}: ratio ${result.ratio.toFixed(2)}\n  ${result.details}`);
}
