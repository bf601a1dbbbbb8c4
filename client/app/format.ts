import type { Phase } from '../../shared/engine/state.js';

// Display formatting: numbers, money, probabilities and dates as the exercise shows them.

const DAY_MS = 86_400_000;

/** An impact probability (0..1) as a percentage that keeps small values readable: 0.0042 → "0.42%". */
export function formatProbability(probability: number): string {
  const percent = probability * 100;
  if (percent === 0) return '0%';
  if (percent < 0.001) return '<0.001%';
  if (percent >= 99.95 && percent < 100) return '>99.9%';
  if (percent >= 10) return `${percent.toFixed(1)}%`;
  return `${Number(percent.toPrecision(2))}%`;
}

/** An amount in millions of US dollars: 1500 → "1,500 M USD". */
export function formatMUsd(amountMUsd: number): string {
  return `${amountMUsd.toLocaleString('en-US', { maximumFractionDigits: 1 })} M USD`;
}

/** A distance in kilometres with thousands separators. */
export function formatKm(distanceKm: number): string {
  return `${Math.round(distanceKm).toLocaleString('en-US')} km`;
}

/** An ISO calendar date (YYYY-MM-DD) as "10 March 2031", read in UTC so it never shifts by a day. */
export function formatScenarioDate(isoDate: string): string {
  const ms = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) return isoDate;
  return new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Whole days from one ISO calendar date to a later one (negative if it lies before). */
export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  const from = Date.parse(`${fromIsoDate.slice(0, 10)}T00:00:00Z`);
  const to = Date.parse(`${toIsoDate.slice(0, 10)}T00:00:00Z`);
  return Math.round((to - from) / DAY_MS);
}

/** A wall-clock ISO timestamp as a short local time of day. */
export function formatClockTime(isoTimestamp: string): string {
  const ms = Date.parse(isoTimestamp);
  if (Number.isNaN(ms)) return '';
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
}

const PHASE_NAMES: Record<string, string> = {
  lobby: 'Lobby',
  briefing: 'Briefing',
  deliberation: 'Deliberation',
  orders: 'Orders',
  resolution: 'Resolution',
  ended: 'Ended',
};

/** The name of a phase as shown to people. */
export function phaseName(phase: string): string {
  return PHASE_NAMES[phase] ?? phase;
}

const ACTOR_KIND_NAMES: Record<string, string> = {
  'space-faring-state': 'Space-faring state',
  'non-space-faring-state': 'Non-space-faring state',
  'private-company': 'Private space company',
  'un-body': 'UN body',
};

/** The name of an actor kind as shown to people. */
export function actorKindName(kind: string): string {
  return ACTOR_KIND_NAMES[kind] ?? kind;
}

/** The label of the facilitator's next step, from where the exercise stands. */
export function advancePhaseLabel(phase: Phase, round: number, roundCount: number): string {
  switch (phase) {
    case 'lobby':
      return 'Start round 1';
    case 'briefing':
      return 'Advance to deliberation';
    case 'deliberation':
      return 'Open orders';
    case 'orders':
      return 'Resolve round';
    case 'resolution':
      return round < roundCount ? `Start round ${round + 1}` : 'Close exercise';
    case 'ended':
      return 'Exercise ended';
  }
}
