import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkScenarioText } from '../../../shared/authoring/check.js';
import { loadCountryLocator } from '../../../server/geo/countries.js';

// Every scenario shipped in scenarios/ passes the check with no error (warnings say what a
// table will meet, and are allowed); a new file is covered as soon as it is added.

const dir = new URL('../../../scenarios/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
const locator = loadCountryLocator('50m');

describe('the bundled scenarios', () => {
  it('are there', () => {
    expect(files).toContain('2031-kx.yaml');
  });

  it.each(files)('%s passes the scenario check with no error', (file) => {
    const report = checkScenarioText(readFileSync(new URL(file, dir), 'utf8'), `scenarios/${file}`, { countryAt: (lat, lon) => locator.countryAt(lat, lon) });
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.scenario).not.toBeNull();
  });
});
