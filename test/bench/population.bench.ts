// Exposed-population lookups: the kd-tree index (kdbush + geokdbush) against the linear
// scan over the same cities, timed in one run. The ratio is the speed-up, never asserted.
import { pathToFileURL } from 'node:url';
import { createKdbushPopulationIndex, linearScanPopulation, loadCityData } from '../../server/geo/population.js';
import type { PopulationIndex } from '../../shared/geo/population.js';
import { median } from './timing.js';

/** How many lookups, at what radius, how many timed repetitions, and the seed of the points. */
export interface PopulationBenchOptions {
  lookups: number;
  radiusKm: number;
  reps: number;
  seed: number;
}

// 500 lookups keep the linear scan's six passes near 20 s; pass --lookups=2000 for the longer run.
const DEFAULTS: PopulationBenchOptions = { lookups: 500, radiusKm: 100, reps: 5, seed: 20310521 };

/** Times `lookups` exposed-population queries through the index and through the linear scan, and returns linear time / index time. */
export async function benchPopulation(options: Partial<PopulationBenchOptions> = {}): Promise<{ name: string; ratio: number; details: string }> {
  const { lookups, radiusKm, reps, seed } = { ...DEFAULTS, ...options };
  collectGarbage();
  const heapBeforeMb = process.memoryUsage().heapUsed / 2 ** 20;
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const { cities, stats } = loadCityData();
  collectGarbage();
  const heapCitiesMb = process.memoryUsage().heapUsed / 2 ** 20 - heapBeforeMb;
  const rssCitiesMb = process.memoryUsage().rss / 2 ** 20 - rssBeforeMb;

  const t0 = performance.now();
  const index = createKdbushPopulationIndex(cities);
  const buildMs = performance.now() - t0;
  const linear = linearScanPopulation(cities);

  // Impact-like points: near a random city (±0.5°), where lookups find something to count.
  const random = mulberry32(seed);
  const points = Array.from({ length: lookups }, () => {
    const c = cities[Math.floor(random() * cities.length)]!;
    return { lat: Math.max(-90, Math.min(90, c.lat + random() - 0.5)), lon: wrapLon(c.lon + random() - 0.5) };
  });

  const run = (impl: PopulationIndex) => {
    let people = 0;
    let found = 0;
    const start = performance.now();
    for (const p of points) {
      const e = impl.exposedPopulation(p.lat, p.lon, radiusKm);
      people += e.population;
      found += e.cities.length;
    }
    return { ms: performance.now() - start, people, found };
  };

  // Warm-up, and a check that both answer the same before their speeds are compared.
  const warmIndex = run(index);
  const warmLinear = run(linear);
  if (warmIndex.people !== warmLinear.people || warmIndex.found !== warmLinear.found) {
    throw new Error(`index and linear scan disagree: ${warmIndex.people} vs ${warmLinear.people} people`);
  }
  const indexMs: number[] = [];
  const linearMs: number[] = [];
  for (let i = 0; i < reps; i++) {
    indexMs.push(run(index).ms);
    linearMs.push(run(linear).ms);
  }
  const indexMedianMs = median(indexMs);
  const linearMedianMs = median(linearMs);
  const perSecond = (ms: number) => Math.round((lookups / ms) * 1000).toLocaleString('en-US');
  const details = [
    `${lookups} lookups within ${radiusKm} km of points near cities (seed ${seed}), median of ${reps} after warm-up;`,
    `index ${indexMedianMs.toFixed(1)} ms (${perSecond(indexMedianMs)} lookups/s), linear scan ${linearMedianMs.toFixed(0)} ms (${perSecond(linearMedianMs)} lookups/s);`,
    `${(warmIndex.found / lookups).toFixed(1)} cities per lookup on average;`,
    `city data: ${stats.keptCount} of ${stats.rawCount} places kept, loaded in ${stats.loadMs.toFixed(0)} ms,`,
    `+${heapCitiesMb.toFixed(0)} MB heap / +${rssCitiesMb.toFixed(0)} MB RSS${hasGc() ? '' : ' (run with --expose-gc for exact heap)'};`,
    `kd-tree built in ${buildMs.toFixed(0)} ms.`,
  ].join(' ');
  return { name: 'population: kd-tree index vs linear scan', ratio: linearMedianMs / indexMedianMs, details };
}

// A small seeded generator (mulberry32), so every run times the same points.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function wrapLon(lon: number): number {
  return lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
}

function hasGc(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

function collectGarbage(): void {
  if (hasGc()) (globalThis as unknown as { gc: () => void }).gc();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Optional overrides: --lookups=2000 --radiusKm=50 --reps=7 --seed=1
  const overrides: Partial<PopulationBenchOptions> = {};
  for (const arg of process.argv.slice(2)) {
    const m = /^--(lookups|radiusKm|reps|seed)=(\d+(?:\.\d+)?)$/.exec(arg);
    if (m) overrides[m[1] as keyof PopulationBenchOptions] = Number(m[2]);
  }
  const result = await benchPopulation(overrides);
  console.log(`${result.name}: ratio ${result.ratio.toFixed(1)}\n  ${result.details}`);
}
