// The debrief's words: money, probabilities, distances, lists and people as a non-specialist
// reads them, said the same way in the timeline, the key moments, the tables and the report.
import type { Consequences } from '../engine/events.js';
import type { Participant } from '../engine/state.js';
import { COMMON_FUND, COMMUNITY } from '../law/case.js';
import type { SeatId } from '../engine/seats.js';
import type { Scenario } from '../scenario/schema.js';

/** A whole number with thousands separated by commas: 12,500. */
export function wholeNumber(n: number): string {
  const rounded = Math.round(n);
  const digits = String(Math.abs(rounded));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return rounded < 0 ? `−${grouped}` : grouped;
}

/** Money as a reader sees it: "150 M USD" (to one decimal below 10). */
export function moneyMUsd(mUsd: number): string {
  if (Math.abs(mUsd) < 10 && !Number.isInteger(mUsd)) return `${(Math.round(mUsd * 10) / 10).toFixed(1)} M USD`;
  return `${wholeNumber(mUsd)} M USD`;
}

/** A probability (a fraction) as a percentage: "3.4 %", "0.012 %", "100 %". */
export function percent(p: number): string {
  const pct = p * 100;
  if (pct === 0 || pct >= 99.95) return `${Math.round(pct)} %`;
  if (pct >= 10) return `${pct.toFixed(1).replace(/\.0$/, '')} %`;
  if (pct >= 0.1) return `${pct.toFixed(1)} %`;
  return `${pct.toPrecision(2)} %`;
}

/** A distance: "1,250 km". */
export function km(distanceKm: number): string {
  return `${wholeNumber(distanceKm)} km`;
}

/** A signed shift along the corridor, in words: "4,200 km toward the end of the risk corridor". */
export function shiftWords(shiftKm: number): string {
  if (Math.round(shiftKm) === 0) return 'no measurable distance';
  return `${km(Math.abs(shiftKm))} toward the ${shiftKm < 0 ? 'start' : 'end'} of the risk corridor`;
}

/** Names joined as a sentence says them: "A", "A and B", "A, B and C". */
export function listWords(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'nobody';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Text shortened for a one-sentence summary, on a word boundary, with an ellipsis. */
export function excerpt(text: string, maxChars = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxChars) return flat;
  const cut = flat.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** A sentence's text without its final full stop, to embed in another sentence. */
export function clause(text: string): string {
  return text.trim().replace(/[.]+$/, '');
}

/** The scenario actor's name, or its id when the scenario does not know it. */
export function actorName(scenario: Scenario, actorId: string): string {
  return scenario.actors.find((a) => a.id === actorId)?.name ?? actorId;
}

/** Whom a seat speaks for: an actor's name, "control cell", "evaluator", "public display". */
export function seatRole(scenario: Scenario, seat: SeatId): string {
  if (seat.startsWith('actor:')) return actorName(scenario, seat.slice('actor:'.length));
  if (seat === 'facilitator') return 'control cell';
  if (seat === 'evaluator') return 'evaluator';
  return 'public display';
}

/** A person as the table knew them: "Amina Odhiambo (Kenya)", "Fran (control cell)", "Eve (evaluator)"; the name alone without a seat. */
export function personWords(scenario: Scenario, name: string, seat: SeatId | null): string {
  return seat === null ? name : `${name} (${seatRole(scenario, seat)})`;
}

/** A participant by id, with the seat they held; the id itself when nobody of that id ever joined. */
export function participantWords(scenario: Scenario, participants: Readonly<Record<string, Pick<Participant, 'name' | 'seat'>>>, participantId: string): string {
  const p = participants[participantId];
  return p ? personWords(scenario, p.name, p.seat) : participantId;
}

/** A phase in words: "deliberation", "before the first round". */
export function phaseWords(phase: string): string {
  if (phase === 'lobby') return 'before the first round';
  if (phase === 'ended') return 'after the end';
  return phase;
}

/** A party a finding names: an actor by its name, another harmed state (`state-<iso3>`) by the country's, the common fund, the security community. */
export function partyName(scenario: Scenario, consequences: Pick<Consequences, 'byCountry'>, id: string): string {
  if (id === COMMON_FUND) return 'the common fund';
  if (id === COMMUNITY) return 'the security community';
  const iso3 = /^state-([a-z]{3})$/.exec(id)?.[1]?.toUpperCase();
  if (iso3) return consequences.byCountry.find((b) => b.countryIso3 === iso3)?.countryName ?? iso3;
  return actorName(scenario, id);
}
