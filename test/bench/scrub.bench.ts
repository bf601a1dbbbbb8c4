// Scrubbing the debrief's timeline: showing the exercise as it was at a random event of a
// 10 000-event log, from checkpoints kept every CHECKPOINT_EVERY events (`ReplayCheckpoints`),
// against replaying the whole log — what showing a point costs without them. Reported as ratios
// of timings taken in one run, never as an absolute assertion. Run alone with
//   node --expose-gc --import tsx test/bench/scrub.bench.ts [--events=10000] [--scrubs=200]
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CHECKPOINT_EVERY, ReplayCheckpoints } from '../../shared/debrief/checkpoints.js';
import { debriefEvents, debriefInitialState } from '../../shared/debrief/log.js';
import { replay, stateHash } from '../../shared/engine/index.js';
import { playDebriefTable } from '../shared/debrief/logs.js';
import { median, timeMs } from './timing.js';

export interface ScrubBenchOptions {
  /** How many events the log holds at least. */
  events: number;
  /** How many random points to scrub to. */
  scrubs: number;
  /** Timed repetitions of the full replay and of building the checkpoints. */
  reps: number;
}

const DEFAULTS: ScrubBenchOptions = { events: 10_000, scrubs: 200, reps: 7 };

/** The same points on every run: a linear congruential generator (Numerical Recipes' constants). */
function points(count: number, max: number): number[] {
  let x = 20_310_310;
  return Array.from({ length: count }, () => {
    x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0;
    return x % (max + 1);
  });
}

/** A garbage collection, if the process allows one (--expose-gc, or V8's flag set at run time); null otherwise. */
function collector(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

/**
 * Builds a conference table of at least `events` events with the engine, then times: building
 * the checkpoints once, a full replay of the log, and scrubbing (`stateAt`) to `scrubs` random
 * points, checked against fresh replays. Ratio: full replay / mean scrub.
 */
export async function benchScrub(options: Partial<ScrubBenchOptions> = {}): Promise<{ name: string; ratio: number; details: string }> {
  const { events: minEvents, scrubs, reps } = { ...DEFAULTS, ...options };
  const perRound = Math.ceil((minEvents - 250) / 5);
  const [playMs, table] = timeMs(() => playDebriefTable({ messagesPerRound: perRound, injectsPerRound: 8, agreementsPerRound: 4, observationsPerRound: 6 }));
  const log = table.debriefLog();
  const events = debriefEvents(log);
  const initial = debriefInitialState(log);

  // Memory the kept states hold: the heap after building them, less the heap before (both after a collection).
  const gc = collector();
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let checkpoints = new ReplayCheckpoints(initial, events, CHECKPOINT_EVERY);
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;

  const buildMs: number[] = [];
  const fullMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    const [b, built] = timeMs(() => new ReplayCheckpoints(initial, events, CHECKPOINT_EVERY));
    buildMs.push(b);
    checkpoints = built;
    fullMs.push(timeMs(() => replay(initial, events))[0]);
  }

  const targets = points(scrubs, events.length);
  // Warm-up and a check: a scrub gives the state a fresh replay to the same point gives.
  for (const t of targets.slice(0, 5)) {
    if (stateHash(checkpoints.stateAt(t)) !== stateHash(replay(initial, events.slice(0, t)))) throw new Error(`scrubbing to event ${t} did not give the replayed state`);
  }
  const scrubMs = targets.map((t) => timeMs(() => checkpoints.stateAt(t))[0]);
  // Without checkpoints, scrubbing to a point replays the log up to it.
  const prefixMs = targets.slice(0, 20).map((t) => timeMs(() => replay(initial, events.slice(0, t)))[0]);

  const meanScrub = scrubMs.reduce((a, b) => a + b, 0) / scrubMs.length;
  const full = median(fullMs);
  const ratio = full / meanScrub;
  const meanPrefix = prefixMs.reduce((a, b) => a + b, 0) / prefixMs.length;
  const memory =
    gc === null
      ? 'heap not measured (no garbage collector available)'
      : `the ${checkpoints.checkpointCount} kept states hold ${((heapAfter - heapBefore) / 2 ** 20).toFixed(1)} MB of heap (heap used after a collection, after building them less before; the log and the scenario they share are not counted)`;
  const details = [
    `${events.length.toLocaleString('en-US')} events, checkpoints every ${CHECKPOINT_EVERY}: scrub to a random event ${meanScrub.toFixed(2)} ms on average (median ${median(scrubMs).toFixed(2)}, slowest ${Math.max(...scrubMs).toFixed(2)}, over ${scrubs} points)`,
    `full replay ${full.toFixed(1)} ms (median of ${reps}); replay from the start to the same points ${meanPrefix.toFixed(1)} ms on average (20 points): ${(meanPrefix / meanScrub).toFixed(1)}× a scrub`,
    `building the checkpoints once ${median(buildMs).toFixed(1)} ms (median of ${reps}), ${(median(buildMs) / full).toFixed(2)}× a full replay`,
    memory,
    `playing the log through decide + evolve took ${playMs.toFixed(0)} ms`,
  ];
  return { name: `debrief scrub vs full replay (${events.length.toLocaleString('en-US')} events; ratio full replay / scrub)`, ratio, details: details.join('\n  ') };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const overrides: Partial<ScrubBenchOptions> = {};
  for (const arg of process.argv.slice(2)) {
    const events = /^--events=(\d+)$/.exec(arg);
    const scrubs = /^--scrubs=(\d+)$/.exec(arg);
    if (events) overrides.events = Number(events[1]);
    else if (scrubs) overrides.scrubs = Number(scrubs[1]);
    else throw new Error(`unknown argument ${arg}; expected --events=10000 or --scrubs=200`);
  }
  const result = await benchScrub(overrides);
  console.log(`${result.name}: ratio ${result.ratio.toFixed(2)}\n  ${result.details}`);
}
