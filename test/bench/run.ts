// `npm run bench`: speed measured as ratios within one run, never as timed assertions.
import { benchMonteCarlo } from './montecarlo.bench.js';
import { benchPopulation } from './population.bench.js';
import { benchReplay } from './replay.bench.js';
import { benchRoom } from './room.bench.js';
import { benchScrub } from './scrub.bench.js';
import { benchSimulate } from './simulate.bench.js';
import { benchStore } from './store.bench.js';
import { benchWire } from './wire.bench.js';

const benches = [benchMonteCarlo, benchPopulation, benchReplay, benchScrub, benchSimulate, benchRoom, benchWire, benchStore];

console.log('Deflect benchmarks (each a ratio of two figures measured in this run)\n');
for (const bench of benches) {
  const results = await bench();
  for (const result of Array.isArray(results) ? results : [results]) console.log(`${result.name}: ratio ${result.ratio.toFixed(2)}\n  ${result.details}\n`);
}
