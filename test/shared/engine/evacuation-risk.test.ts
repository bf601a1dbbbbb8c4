import { describe, expect, it } from 'vitest';
import type { WorldData } from '../../../shared/engine/commands.js';
import { legalCommands } from '../../../shared/engine/legal.js';
import { territoryAtRisk } from '../../../shared/engine/orders.js';
import { given, inOrdersPhase, playerOf } from './given.js';
import { worldData } from './playthroughs.js';

// A map with only Kenya on it, roughly its box: the 2031-KX corridor crosses it near Nairobi, and nothing else is land.
const KENYA_ONLY: WorldData = {
  countryAt: (lat, lon) => (lat > -4.7 && lat < 5 && lon > 34 && lon < 41.9 ? { iso3: 'KEN', name: 'Kenya' } : null),
  exposedPopulation: () => ({ population: 0, cities: [] }),
};

describe('territoryAtRisk', () => {
  it('finds Kenya and Bangladesh under the 2031-KX corridor on the world map, and not the United States or Japan', () => {
    const { state } = given(...inOrdersPhase());
    const world = worldData();
    expect(territoryAtRisk(state, 'KEN', world)).toBe(true);
    expect(territoryAtRisk(state, 'BGD', world)).toBe(true);
    expect(territoryAtRisk(state, 'USA', world)).toBe(false);
    expect(territoryAtRisk(state, 'JPN', world)).toBe(false);
  });

  it('cannot tell without a world map, or for a state without an ISO code', () => {
    const { state } = given(...inOrdersPhase());
    expect(territoryAtRisk(state, 'USA', undefined)).toBeNull();
    expect(territoryAtRisk(state, undefined, KENYA_ONLY)).toBeNull();
  });
});

describe('OrderEvacuation for a state with no territory at risk', () => {
  it('refuses the United States an evacuation with evacuation/not_at_risk and a sentence that says why', () => {
    const error = given(...inOrdersPhase())
      .when({ type: 'OrderEvacuation', level: 'evacuate' }, playerOf('usa'), KENYA_ONLY)
      .thenRejects('evacuation/not_at_risk');
    expect(error.message).toContain('risk corridor');
  });

  it('refuses the United States sheltering in place too', () => {
    given(...inOrdersPhase())
      .when({ type: 'OrderEvacuation', level: 'shelter' }, playerOf('usa'), KENYA_ONLY)
      .thenRejects('evacuation/not_at_risk');
  });

  it('lets Kenya, under the corridor, shelter its people and charges it', () => {
    const { state } = given(...inOrdersPhase())
      .when({ type: 'OrderEvacuation', level: 'shelter' }, playerOf('kenya'), KENYA_ONLY)
      .then({ type: 'EvacuationOrdered', actorId: 'kenya', round: 1, costMUsd: 30, level: 'shelter' });
    expect(state.shelters).toEqual({ kenya: 1 });
  });

  it('offers evacuation and shelter in the legal commands only to the state at risk', () => {
    const { state } = given(...inOrdersPhase());
    expect(legalCommands(state, playerOf('usa'), KENYA_ONLY).commands).not.toContain('OrderEvacuation');
    expect(legalCommands(state, playerOf('kenya'), KENYA_ONLY).commands).toContain('OrderEvacuation');
  });
});
