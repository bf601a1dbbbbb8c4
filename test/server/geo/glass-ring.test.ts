// The glass-injury rate of the engine, held against Chelyabinsk 2013 on the real city data.
import { describe, expect, it } from 'vitest';
import { GLASS_INJURY_RATE } from '../../../shared/engine/consequences.js';
import { impactEffects } from '../../../shared/physics/impact.js';
import { loadPopulationIndex } from '../../../server/geo/population.js';

describe('Chelyabinsk 2013 on the real map', () => {
  it('its 0.69 kPa ring around the point of peak brightness (54.8° N, 61.1° E) holds ~1.4 million people; at the glass-injury rate ~1 400 are hurt, against ~1 500 observed', () => {
    const effects = impactEffects({ diameterM: 19, densityKgM3: 3300, velocityKmS: 19.16, angleDeg: 18.3 });
    const ring = loadPopulationIndex().exposedPopulation(54.84, 61.12, effects.radiiKm.windowsMayShatter!);
    expect(ring.cities.map((c) => c.name)).toContain('Chelyabinsk');
    const injured = ring.population * GLASS_INJURY_RATE;
    expect(injured).toBeGreaterThan(1000);
    expect(injured).toBeLessThan(2000);
  });
});
