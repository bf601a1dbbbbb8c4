// Loads the Natural Earth world map bundled by world-atlas and builds the pure country
// locator of shared/geo from it, once per process.
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import type { Topology } from 'topojson-specification';
import { createCountryLocator, type CountryLocator } from '../../shared/geo/countries.js';

const require = createRequire(import.meta.url);

/** Map resolutions world-atlas ships: 1:10m (3.6 MB), 1:50m (0.75 MB) and 1:110m (0.1 MB). */
export type WorldAtlasResolution = '10m' | '50m' | '110m';

const locators = new Map<WorldAtlasResolution, CountryLocator>();

/** ISO 3166-1 alpha-3 for a numeric code (`"404"` → `KEN`); i18n-iso-countries needs no locale for codes. */
export function alpha3ByNumeric(numericId: string): string | undefined {
  return countries.numericToAlpha3(numericId);
}

/** ISO 3166-1 alpha-3 for an alpha-2 code (`"NG"` → `NGA`); undefined for a code ISO does not assign. */
export function alpha3ByCode(alpha2: string): string | undefined {
  // GeoNames and i18n-iso-countries give Kosovo the user-assigned XK/XKK; the map has it without a code.
  if (alpha2 === 'XK') return undefined;
  return countries.alpha2ToAlpha3(alpha2);
}

/** The country locator over world-atlas' `countries-50m` map (or another resolution), built on first use and kept for the process. */
export function loadCountryLocator(resolution: WorldAtlasResolution = '50m'): CountryLocator {
  const cached = locators.get(resolution);
  if (cached) return cached;
  const topology = require(`world-atlas/countries-${resolution}.json`) as Topology;
  const locator = createCountryLocator(topology, alpha3ByNumeric);
  locators.set(resolution, locator);
  return locator;
}
