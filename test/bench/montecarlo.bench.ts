// Benchmark: the Monte Carlo deflection resolver against a hand-inlined loop doing the same
// arithmetic with the same generator and the same draws. Reported as a ratio of two timings
// taken in the same run, never as an absolute assertion. Run alone with
//   node --import tsx test/bench/montecarlo.bench.ts
import { pathToFileURL } from 'node:url';
import { nextStandardNormal, nextUniform, seedRng, type RngState } from '../../shared/random.js';
import { SECONDS_PER_DAY } from '../../shared/physics/constants.js';
import { captureRadiusKmFor, DISRUPTION_THRESHOLD_ANCHORS } from '../../shared/physics/deflection.js';
import { quantilesOfSorted, resolveDeflectionMonteCarlo, type DeflectionCampaignInput } from '../../shared/physics/montecarlo.js';
import { normalCdf, normalQuantile } from '../../shared/physics/observation.js';

const SAMPLES = 100_000;
const REPETITIONS = 7;
const SEED = 2031;

/** A PDC-2017-like campaign: three impactors five years ahead, every uncertainty switched on, disruption modelled. */
const COUNT = 3;
const MASS_KG = 600;
const MASS_SD_KG = 30;
const SPEED_KMS = 6;
const LEAD_DAYS = 5 * 365.25;
const D_MIN = 120;
const D_MAX = 320;
const RHO_MIN = 1500;
const RHO_MAX = 2500;
const MEAN_KM = 300;
const SIGMA_KM = 500;
const BETA = { mean: 3.61, sd: 0.7, min: 2.2, max: 4.9 };
const CAPTURE_KM = captureRadiusKmFor(10);
const FRAGMENT_FRACTION = 0.03;

const campaign: DeflectionCampaignInput = {
  impactors: [{ count: COUNT, massKg: MASS_KG, massSdKg: MASS_SD_KG, relativeSpeedKmS: SPEED_KMS }],
  beta: { distribution: 'normal', ...BETA },
  leadTimeDays: LEAD_DAYS,
  body: { diameterM: { min: D_MIN, max: D_MAX }, densityKgM3: { min: RHO_MIN, max: RHO_MAX } },
  encounter: { meanKm: MEAN_KM, sigmaKm: SIGMA_KM },
  captureRadiusKm: CAPTURE_KM,
  disruption: { onCourseFragmentMassFraction: FRAGMENT_FRACTION },
};

/** The numbers both versions must agree on, to prove they did the same work. */
interface Summary {
  missCount: number;
  fragmentImpactCount: number;
  disruptionCount: number;
  meanDeltaVMmPerS: number;
  p50ImpactKm: number;
  rngAfter: RngState;
}

function viaResolver(): Summary {
  const r = resolveDeflectionMonteCarlo(campaign, SAMPLES, seedRng(SEED));
  return {
    missCount: r.missCount,
    fragmentImpactCount: r.fragmentImpactCount,
    disruptionCount: r.disruptionCount,
    meanDeltaVMmPerS: r.meanDeltaVMmPerS,
    p50ImpactKm: r.impactPositionQuantilesKm?.p50 ?? Number.NaN,
    rngAfter: r.rngAfter,
  };
}

/** The same draws and arithmetic as the resolver, written out for this one campaign. */
function inlined(): Summary {
  const cdfLow = normalCdf((BETA.min - BETA.mean) / BETA.sd);
  const cdfSpan = normalCdf((BETA.max - BETA.mean) / BETA.sd) - cdfLow;
  const meanTotalKg = COUNT * MASS_KG;
  const sdTotalKg = Math.sqrt(COUNT) * MASS_SD_KG;
  const shiftKmPerMmPerS = 1 * 3 * 1e-6 * LEAD_DAYS * SECONDS_PER_DAY;
  const a = DISRUPTION_THRESHOLD_ANCHORS;
  const deltaVs = new Float64Array(SAMPLES);
  const afters = new Float64Array(SAMPLES);
  const strikes = new Float64Array(SAMPLES);
  let struck = 0;
  let fragmentImpactCount = 0;
  let disruptionCount = 0;
  let deltaVSum = 0;
  let rng = seedRng(SEED);
  for (let i = 0; i < SAMPLES; i++) {
    const [zEncounter, r1] = nextStandardNormal(rng);
    const [uDiameter, r2] = nextUniform(r1);
    const [uDensity, r3] = nextUniform(r2);
    const [uBeta, r4] = nextUniform(r3);
    const [zMass, r5] = nextStandardNormal(r4);
    rng = r5;
    const beforeKm = MEAN_KM + SIGMA_KM * zEncounter;
    const d = D_MIN + (D_MAX - D_MIN) * uDiameter;
    const rho = RHO_MIN + (RHO_MAX - RHO_MIN) * uDensity;
    const targetKg = (Math.PI / 6) * rho * d * d * d;
    const beta = Math.min(BETA.max, Math.max(BETA.min, BETA.mean + BETA.sd * normalQuantile(cdfLow + cdfSpan * uBeta)));
    const massKg = Math.max(0, meanTotalKg + sdTotalKg * zMass);
    const momentum = 0 + massKg * SPEED_KMS;
    const specificJPerKg = (0.5 * (massKg / COUNT) * SPEED_KMS * SPEED_KMS * 1e6) / targetKg;
    const deltaV = (beta * momentum * 1e6) / targetKg;
    const afterKm = beforeKm + deltaV * shiftKmPerMmPerS;
    const dc = Math.min(a.largeDiameterM, Math.max(a.smallDiameterM, d));
    const t = Math.log(dc / a.smallDiameterM) / Math.log(a.largeDiameterM / a.smallDiameterM);
    const disrupted = specificJPerKg > a.smallJPerKg * Math.pow(a.largeJPerKg / a.smallJPerKg, t);
    deltaVs[i] = deltaV;
    deltaVSum += deltaV;
    if (disrupted) {
      disruptionCount++;
      afters[i] = beforeKm;
      if (Math.abs(beforeKm) <= CAPTURE_KM) {
        strikes[struck++] = beforeKm;
        fragmentImpactCount++;
      }
    } else {
      afters[i] = afterKm;
      if (Math.abs(afterKm) <= CAPTURE_KM) strikes[struck++] = afterKm;
    }
  }
  // The resolver's summaries: quantiles of Δv, of the final point and of the strikes.
  quantilesOfSorted(deltaVs.sort());
  quantilesOfSorted(afters.sort());
  const positions = strikes.slice(0, struck);
  const p50ImpactKm = struck > 0 ? quantilesOfSorted(positions.slice().sort()).p50 : Number.NaN;
  return { missCount: SAMPLES - struck, fragmentImpactCount, disruptionCount, meanDeltaVMmPerS: deltaVSum / SAMPLES, p50ImpactKm, rngAfter: rng };
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
}

function timeMs(run: () => Summary): [number, Summary] {
  const t0 = performance.now();
  const summary = run();
  return [performance.now() - t0, summary];
}

/** Times the resolver against the inlined loop for 100 000 samples (median of 7 alternating repetitions after warm-up) and returns their ratio. */
export async function benchMonteCarlo(): Promise<{ name: string; ratio: number; details: string }> {
  // Warm-up lets the JIT compile both before any timing counts.
  const reference = inlined();
  const check = viaResolver();
  if (JSON.stringify(check) !== JSON.stringify(reference)) {
    throw new Error(`the resolver and the inlined loop disagree:\n${JSON.stringify(check)}\n${JSON.stringify(reference)}`);
  }
  inlined();
  viaResolver();
  const resolverMs: number[] = [];
  const inlinedMs: number[] = [];
  for (let i = 0; i < REPETITIONS; i++) {
    // Alternate so that drift in machine load hits both alike.
    resolverMs.push(timeMs(viaResolver)[0]);
    inlinedMs.push(timeMs(inlined)[0]);
  }
  const resolver = median(resolverMs);
  const inline = median(inlinedMs);
  const perSecond = (ms: number) => Math.round(SAMPLES / (ms / 1000)).toLocaleString('en-US');
  return {
    name: 'Monte Carlo deflection resolver vs hand-inlined loop',
    ratio: resolver / inline,
    details:
      `${SAMPLES.toLocaleString('en-US')} samples, median of ${REPETITIONS}: resolver ${resolver.toFixed(1)} ms ` +
      `(${perSecond(resolver)} samples/s), inlined ${inline.toFixed(1)} ms (${perSecond(inline)} samples/s); ` +
      `P(impact) ${((SAMPLES - reference.missCount) / SAMPLES).toFixed(4)}, mean Δv ${reference.meanDeltaVMmPerS.toFixed(3)} mm/s`,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchMonteCarlo();
  console.log(`${result.name}: ratio ${result.ratio.toFixed(2)}\n  ${result.details}`);
}
