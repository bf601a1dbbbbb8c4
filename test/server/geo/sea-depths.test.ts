// Every ocean stretch of a bundled scenario's corridor has a stated sea-floor depth, so an
// ocean impact there never falls back to the assumed 4 000 m.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCountryLocator } from '../../../server/geo/countries.js';
import { corridorCountries, createCorridor } from '../../../shared/geo/index.js';
import { parseScenarioYaml } from '../../../shared/scenario/parse.js';

const dir = new URL('../../../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

describe('bundled scenarios state the depth of their seas', () => {
  it.each(files)('%s: every ocean stretch of the corridor (1:10m map) lies in a waterDepths stretch', (file) => {
    const parsed = parseScenarioYaml(readFileSync(new URL(file, dir), 'utf8'), `scenarios/${file}`);
    if (!parsed.ok) expect.fail(parsed.errors.join('\n'));
    const { points, waterDepths = [] } = parsed.scenario.riskCorridor;
    const sea = corridorCountries(loadCountryLocator('10m'), createCorridor(points), 20).filter((s) => s.country === null);
    const covered = (km: number) => waterDepths.some((w) => km >= w.fromKm && km <= w.toKm);
    const uncovered = sea.filter((s) => !covered(s.fromKm + 1) || !covered(s.toKm - 1) || !covered((s.fromKm + s.toKm) / 2));
    expect(uncovered.map((s) => `${Math.round(s.fromKm)}–${Math.round(s.toKm)} km`)).toEqual([]);
  });
});
