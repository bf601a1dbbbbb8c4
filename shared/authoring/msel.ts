// CONTRACT (issue 15) — the master scenario events list (MSEL) as CSV, the format exercise
// designers keep in spreadsheets: one inject per row. Owned by the "msel" helper.
import type { Inject } from '../scenario/schema.js';

/** The CSV columns, in order (header row). */
export const MSEL_COLUMNS = ['id', 'round', 'condition', 'persona', 'channel', 'targets', 'headline', 'body', 'controller note', 'expected action'] as const;

/** The injects as RFC 4180 CSV with a header row. */
export function mselToCsv(_injects: readonly Inject[]): string {
  throw new Error('not implemented');
}

/** CSV text to injects, or errors naming the file, row and column. */
export function mselFromCsv(_text: string, _file: string): { ok: true; injects: Inject[] } | { ok: false; errors: string[] } {
  throw new Error('not implemented');
}
