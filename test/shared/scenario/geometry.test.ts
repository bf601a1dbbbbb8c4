import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { captureRadiusKmFor } from '../../../shared/physics/deflection.js';
import { parseScenarioObject, parseScenarioYaml } from '../../../shared/scenario/parse.js';
import { CORRIDOR_LENGTH_KM, captureRadiusKmForEntrySpeed } from '../../../shared/scenario/geometry.js';

const read = (file: string) => readFileSync(new URL(`../../../scenarios/${file}`, import.meta.url), 'utf8');
const kxText = read('2031-kx.yaml');
const pdcText = read('pdc-2021.yaml');

describe('capture radius from the entry speed', () => {
  it('17.5 km/s at entry is v∞ ≈ 13.5 km/s far away, so b ≈ 8 290 km, not 9 560; 15 km/s gives ≈ 9 567 km', () => {
    expect(captureRadiusKmForEntrySpeed(17.5)).toBeCloseTo(8286, 0);
    expect(captureRadiusKmForEntrySpeed(15)).toBeCloseTo(9567, 0);
    const vInf = Math.sqrt(17.5 ** 2 - 11.19 ** 2);
    expect(captureRadiusKmForEntrySpeed(17.5)).toBeCloseTo(captureRadiusKmFor(vInf), 9);
  });
});

describe('the scenario loader checks the geometry', () => {
  it.each(readdirSync(new URL('../../../scenarios/', import.meta.url)).filter((f) => f.endsWith('.yaml')))('the bundled %s agrees with itself', (file) => {
    const result = parseScenarioYaml(read(file), `scenarios/${file}`);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('rejects a capture radius its entry speed contradicts, naming the file, the field and the radius the speed gives', () => {
    const result = parseScenarioYaml(kxText.replace('captureRadiusKm: 8286', 'captureRadiusKm: 9560'), 'scenarios/2031-kx.yaml');
    expect(result.ok ? [] : result.errors).toEqual([
      'scenarios/2031-kx.yaml: asteroid.captureRadiusKm: 9560 km contradicts the entry speed of 17.5 km/s, which gives 8286 km (v∞ = √(v0² − vesc²), b = RE·v0/v∞)',
    ]);
  });

  it('rejects a corridor shorter than the capture disc\'s trace on the ground (PDC 2021\'s region of risk alone, 3 321 km, would move the ground 0.17 km per km of push, not 0.67)', () => {
    const doc = parse(pdcText);
    doc.riskCorridor.points = doc.riskCorridor.points.slice(3, 11); // the exercise's region of risk, Jutland to Alexandria
    delete doc.riskCorridor.waterDepths;
    const result = parseScenarioYaml(JSON.stringify(doc), 'scenarios/pdc-2021.yaml'); // JSON is YAML
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^scenarios\/pdc-2021\.yaml: riskCorridor\.points: the corridor is 3321 km long, but the capture disc's trace on the ground is 12742–20015 km: the ground would move 0\.17 km per km of push instead of 0\.67 near the centre$/);
    expect(CORRIDOR_LENGTH_KM.min).toBeCloseTo(2 * 6371, 9);
  });

  it('still reads back a session stored with the old geometry: a log replays with the scenario it was played with', () => {
    const old = parse(kxText);
    old.asteroid.captureRadiusKm = 9560;
    expect(parseScenarioObject(old, 'session s1 scenario').ok).toBe(true);
  });
});
