import { describe, expect, it } from 'vitest';
import {
  countryWords,
  nearestCity,
  parseLargeCities,
  placeWords,
  predictionSentence,
  probabilityTrend,
  type PlaceFacts,
} from '../../../client/app/mapWords.js';
import { LARGE_CITY_ROWS } from '../../../client/app/largeCities.js';

// The map names a place by its country and the nearest large town, and never calls the
// prediction a miss beside a chance of impact that should worry the table.

const cities = parseLargeCities(LARGE_CITY_ROWS);

const place = (over: Partial<PlaceFacts>): PlaceFacts => ({ lat: -1.3, lon: 36.9, country: 'Kenya', nearest: { name: 'Nairobi', country: 'Kenya', distanceKm: 8 }, sea: null, ...over });

describe('the bundled list of large towns', () => {
  it('holds the towns of half a million people the corridors pass: Nairobi, Lagos, Mumbai, Dhaka, Madrid, Kyiv, Almaty', () => {
    const names = new Set(cities.map((c) => c.name));
    for (const name of ['Nairobi', 'Lagos', 'Mumbai', 'Dhaka', 'Madrid', 'Kyiv', 'Almaty']) expect(names).toContain(name);
    expect(cities.every((c) => c.populationThousands >= 500)).toBe(true);
  });

  it('finds the nearest town by great-circle distance: Nairobi from a point 30 km north-east of it', () => {
    const near = nearestCity(cities, -1.1, 37.0);
    expect(near?.city.name).toBe('Nairobi');
    expect(near!.distanceKm).toBeGreaterThan(10);
    expect(near!.distanceKm).toBeLessThan(40);
  });

  it('finds Mumbai the nearest large town to a point of the Arabian Sea off India', () => {
    expect(nearestCity(cities, 17.0, 70.0)?.city.name).toBe('Mumbai');
  });
});

describe('a place in words', () => {
  it('says "near" a town of the same country close by', () => {
    expect(placeWords(place({}))).toBe('near Nairobi, Kenya');
  });

  it('names the country and how far the town is when the town is further', () => {
    expect(placeWords(place({ nearest: { name: 'Nairobi', country: 'Kenya', distanceKm: 184 } }))).toBe('in Kenya, 184 km from Nairobi');
  });

  it("names the town's country when it lies across a border", () => {
    expect(placeWords(place({ country: 'Uganda', nearest: { name: 'Nairobi', country: 'Kenya', distanceKm: 300 } }))).toBe('in Uganda, 300 km from Nairobi (Kenya)');
  });

  it('names the sea from the corridor, with the nearest town', () => {
    expect(placeWords(place({ country: null, sea: 'Arabian Sea', nearest: { name: 'Mumbai', country: 'India', distanceKm: 300 } }))).toBe(
      'over the Arabian Sea, 300 km from Mumbai (India)',
    );
  });

  it('says "at sea" when no corridor point names the sea', () => {
    expect(placeWords(place({ country: null, sea: null, nearest: { name: 'Mumbai', country: 'India', distanceKm: 900 } }))).toBe('at sea, 900 km from Mumbai (India)');
  });

  it("spells out Natural Earth's abbreviated country names", () => {
    expect(countryWords('Dem. Rep. Congo')).toBe('the Democratic Republic of the Congo');
    expect(placeWords(place({ country: 'Central African Rep.', nearest: { name: 'Bangui', country: 'Central African Rep.', distanceKm: 20 } }))).toBe(
      'near Bangui, the Central African Republic',
    );
  });
});

describe('the prediction in words', () => {
  it('never says "Predicted to miss" beside a chance of impact above 1 %: it says the chance', () => {
    const words = predictionSentence({ inside: false, place: null, impactProbability: 0.051, trend: 'rising' });
    expect(words).not.toMatch(/miss/i);
    expect(words).toBe('The best estimate passes outside the capture radius, but the chance of impact is 5.1% (rising).');
  });

  it('never says "Predicted to miss" while the chance of impact is rising, however small', () => {
    expect(predictionSentence({ inside: false, place: null, impactProbability: 0.004, trend: 'rising' })).not.toMatch(/miss/i);
  });

  it('says "Predicted to miss" only at a small chance that is not rising, with the chance', () => {
    expect(predictionSentence({ inside: false, place: null, impactProbability: 0.004, trend: 'falling' })).toBe(
      'Predicted to miss: the best estimate passes outside the capture radius. Impact probability 0.4% (falling).',
    );
  });

  it('names the place of a likely impact as where it strikes', () => {
    expect(predictionSentence({ inside: true, place: 'near Nairobi, Kenya', impactProbability: 0.62, trend: 'rising' })).toBe(
      'Predicted impact near Nairobi, Kenya. Impact probability 62.0% (rising).',
    );
  });

  it('names the place of an unlikely impact as where it would strike if it does', () => {
    expect(predictionSentence({ inside: true, place: 'in Kenya, 184 km from Nairobi', impactProbability: 0.012, trend: null })).toBe(
      'If it strikes, the predicted impact point is in Kenya, 184 km from Nairobi. Impact probability 1.2%.',
    );
  });

  it('says so when there is no estimate yet', () => {
    expect(predictionSentence({ inside: null, place: null, impactProbability: null, trend: null })).toBe('No estimate of the impact point yet.');
  });

  it('calls a probability rising, falling or steady from the last two estimates', () => {
    expect(probabilityTrend([0.01])).toBeNull();
    expect(probabilityTrend([0.01, 0.05])).toBe('rising');
    expect(probabilityTrend([0.05, 0.01])).toBe('falling');
    expect(probabilityTrend([0.05, 0.0502])).toBe('steady');
  });
});
