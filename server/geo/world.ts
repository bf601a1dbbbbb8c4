import type { WorldData } from '../../shared/engine/commands.js';
import { loadCountryLocator } from './countries.js';
import { loadPopulationIndex } from './population.js';

/** The world data the engine consults at an impact: the 1:50m country map and the city index. */
export function loadWorldData(): WorldData {
  const countries = loadCountryLocator();
  const population = loadPopulationIndex();
  return {
    countryAt: (lat, lon) => countries.countryAt(lat, lon),
    exposedPopulation: (lat, lon, radiusKm, maxCities) => population.exposedPopulation(lat, lon, radiusKm, maxCities),
  };
}
