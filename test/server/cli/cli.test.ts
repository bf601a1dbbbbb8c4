import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../server/cli/main.js';

async function json(args: string): Promise<Record<string, unknown>> {
  const r = await runCli([...args.split(/\s+/), '--json']);
  expect(r.stderr, `stderr of deflect ${args}`).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('the deflect command line', () => {
  it('effects: answers with the contract fields, with local effects at a distance', async () => {
    const r = await json('effects --diameter-m 19 --density-kg-m3 3300 --velocity-km-s 19.16 --angle-deg 18.3 --distance-km 30');
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining([
        'massKg', 'energyJ', 'energyMt', 'strengthPa', 'airburst', 'breakupAltitudeKm', 'burstAltitudeKm', 'airburstYieldMt',
        'impactSpeedKmS', 'craterDiameterKm', 'seismicMagnitude', 'fireballRadiusKm', 'recurrenceYears', 'radiiKm', 'atDistance',
      ]),
    );
    expect(Object.keys(r.radiiKm as object).sort()).toEqual(['clothingIgnites', 'thirdDegreeBurns', 'wallBearingCollapse', 'windowsMayShatter', 'windowsShatter', 'woodFrameCollapse']);
    expect((r.radiiKm as { windowsMayShatter: number }).windowsMayShatter).toBeGreaterThan(40); // Chelyabinsk's glass
    expect(Object.keys(r.atDistance as object).sort()).toEqual(['overpressurePa', 'seismicMagnitude', 'thermalJm2', 'windMs']);
    expect(r.airburst).toBe(true);
    expect(r.craterDiameterKm).toBeNull(); // an airburst makes no crater: null, not 0
    expect(r.burstAltitudeKm as number).toBeCloseTo(31, 0);
  });

  it('effects: leaves out local effects without a distance, and reports a crater for a body that lands', async () => {
    const r = await json('effects --diameter-m 50 --density-kg-m3 7800 --velocity-km-s 12.8 --angle-deg 45 --target crystalline');
    expect(r.atDistance).toBeUndefined();
    expect(r.airburst).toBe(false);
    expect(r.craterDiameterKm as number).toBeGreaterThan(0.9);
  });

  it('effects: blastEnergyMt is the energy deposited in the air plus at the ground (2021 PDC: 42 Mt, not 4.8)', async () => {
    const r = await json('effects --diameter-m 105 --density-kg-m3 2600 --velocity-km-s 15 --angle-deg 45');
    expect(r.airburst).toBe(false);
    expect(r.blastEnergyMt as number).toBeCloseTo(42.37, 1);
    expect(r.blastEnergyMt).toBe(r.energyMt);
    const text = await runCli('effects --diameter-m 105 --density-kg-m3 2600 --velocity-km-s 15 --angle-deg 45'.split(' '));
    expect(text.stdout).toMatch(/blast and heat driven by\s+42\.\d+ Mt/);
  });

  it('effects --target water: the water cavity and the tsunami (rim wave, and the wave at --distance-km)', async () => {
    const r = await json('effects --diameter-m 210 --density-kg-m3 2000 --velocity-km-s 17.5 --angle-deg 45 --target water --water-depth-m 4000 --distance-km 500');
    expect(r.waterCavityDiameterKm as number).toBeGreaterThan(3.5);
    expect(r.craterDiameterKm).toBeNull(); // the cavity does not reach the floor 4 km down
    const tsunami = r.tsunami as { rimAmplitudeM: number; amplitudeAtDistanceM: number };
    expect(Object.keys(tsunami).sort()).toEqual(['amplitudeAtDistanceM', 'rimAmplitudeM']);
    expect(tsunami.rimAmplitudeM).toBeCloseTo(0.07 * (r.waterCavityDiameterKm as number) * 1000, 6);
    expect(tsunami.amplitudeAtDistanceM).toBeCloseTo((tsunami.rimAmplitudeM * (r.waterCavityDiameterKm as number) * 500) / 500_000, 6);
    const land = await json('effects --diameter-m 210 --density-kg-m3 2000 --velocity-km-s 17.5 --angle-deg 45');
    expect(land).toMatchObject({ waterCavityDiameterKm: null, tsunami: null });
  });

  it('blast, kinetic, shift, tractor and hazard answer with their named fields', async () => {
    expect(await json('blast --energy-kt 1 --distance-km 0.29')).toEqual({ overpressurePa: 75000, windMs: expect.any(Number) });
    const dart = await json('kinetic --impactor-mass-kg 579.4 --relative-speed-km-s 6.1449 --beta 3.61 --target-mass-kg 4.3e9');
    expect(dart.deltaVMmPerS as number).toBeCloseTo(2.99, 1);
    expect(dart).not.toHaveProperty('alongTrackShiftKm');
    const withLead = await json('kinetic --impactor-mass-kg 579.4 --relative-speed-km-s 6.1449 --beta 3.61 --target-diameter-m 151 --target-density-kg-m3 2400 --count 2 --lead-time-days 365');
    expect(Object.keys(withLead).sort()).toEqual(['alongTrackShiftKm', 'deltaVMmPerS']);
    const shift = await json('shift --delta-v-mm-s 1 --lead-time-days 3652.5 --v-inf-km-s 10');
    expect(Object.keys(shift).sort()).toEqual(['alongTrackShiftKm', 'captureRadiusKm', 'missesEarth']);
    expect(shift.alongTrackShiftKm as number).toBeCloseTo(947, -1);
    expect(Object.keys(await json('tractor --spacecraft-mass-kg 20000 --hover-distance-m 150 --duration-days 365')).sort()).toEqual(['accelerationMS2', 'deltaVMmPerS']);
    expect(await json('hazard --impact-probability 0.027 --energy-mt 880 --years-to-impact 25 --diameter-m 300')).toMatchObject({
      torino: 4,
      palermo: expect.any(Number),
      iawnNotify: true,
      smpagOptions: true,
      terrestrialPreparedness: false,
    });
  });

  it('where and exposure answer from the world map and the city data, negative coordinates included', async () => {
    expect(await json('where --lat -1.29 --lon 36.82')).toMatchObject({ countryIso3: 'KEN', countryName: 'Kenya' });
    expect(await json('where --lat 0 --lon -30')).toMatchObject({ countryIso3: null, ocean: true });
    const e = await json('exposure --lat -1.29 --lon 36.82 --radius-km 50');
    expect(e.population as number).toBeGreaterThan(2_500_000);
    expect((e.cities as { name: string }[]).length).toBeLessThanOrEqual(5);
    expect((e.cities as { name: string }[])[0]?.name).toBe('Nairobi');
  }, 30_000);

  it('liability judges a case file under each regime with the contract fields', async () => {
    for (const regime of ['liability-convention', 'liability-convention-strict', 'pd-protocol', 'security-community']) {
      const r = await json(`liability --case scenarios/cases/2038-kx-partial-deflection.yaml --regime ${regime}`);
      expect(r.regime).toBe(regime);
      const findings = r.findings as Record<string, unknown>[];
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) {
        expect(Object.keys(f)).toEqual(
          expect.arrayContaining(['damageId', 'applies', 'basis', 'liable', 'jointAndSeveral', 'exoneratedShare', 'claimants', 'claimDeadline', 'commissionFrom', 'articles']),
        );
      }
    }
  });

  it.each([
    ['a flag that is not a number', 'effects --diameter-m abc --density-kg-m3 3000 --velocity-km-s 20 --angle-deg 45', /--diameter-m must be a number/],
    ['a missing required flag', 'blast --energy-kt 1', /--distance-km is required/],
    ['an unknown flag', 'blast --energy-kt 1 --distance-km 2 --colour red', /Unknown option '--colour'/],
    ['a value outside its enum', 'effects --diameter-m 20 --density-kg-m3 3000 --velocity-km-s 20 --angle-deg 45 --target lava', /--target must be one of sedimentary, crystalline, water/],
    ['a value the rules reject', 'effects --diameter-m 20 --density-kg-m3 3000 --velocity-km-s 20 --angle-deg 120', /angleDeg/],
    ['both ways of giving the target', 'kinetic --impactor-mass-kg 500 --relative-speed-km-s 6 --beta 3 --target-mass-kg 1e9 --target-diameter-m 100', /not both/],
    ['a latitude off the globe', 'where --lat 95 --lon 0', /--lat must be between -90 and 90/],
    ['an unknown command', 'deflect-it', /unknown command 'deflect-it'/],
    ['a case file that does not exist', 'liability --case nowhere.yaml', /cannot read --case nowhere\.yaml/],
  ])('answers %s with a usage error and exit code 2', async (_what, args, message) => {
    const r = await runCli(args.split(' '));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('runs as `npm run --silent deflect -- … --json`, printing one JSON object, and exits 2 on bad flags', () => {
    const ok = spawnSync('npm', ['run', '--silent', 'deflect', '--', 'shift', '--delta-v-mm-s', '10', '--lead-time-days', '3652.5', '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ missesEarth: false });
    const bad = spawnSync('npm', ['run', '--silent', 'deflect', '--', 'shift', '--delta-v-mm-s', 'lots'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--delta-v-mm-s must be a number/);
  }, 30_000);
});
