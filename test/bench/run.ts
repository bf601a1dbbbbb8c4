// `npm run bench`: speed measured as ratios within one run, never as timed assertions.
import { benchMonteCarlo } from './montecarlo.bench.js';
import { benchPopulation } from './population.bench.js';
import { benchReplay } from './replay.bench.js';
import { benchRoom } from './room.bench.js';

const benches = [benchMonteCarlo, benchPopulation, benchReplay, benchRoom];

console.log('Deflect benchmarks (each a ratio of two timings taken in this run)\n');
for (const bench of benches) {
  const result = await bench();
  console.log(`${result.name}: ratio ${result.ratio.toFixed(2)}\n  ${result.details}\n`);
}
