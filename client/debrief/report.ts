// Keeping the instructor's edits of the after-action report, and naming its files.
import type { AfterActionReport } from '../../shared/debrief/aar.js';

const DRAFT_PREFIX = 'deflect.aar.';

/** The storage item of an exercise's report draft. */
export function draftItem(exerciseId: string): string {
  return `${DRAFT_PREFIX}${exerciseId}`;
}

/** The instructor's saved draft of an exercise's report, or null (none, or not a report). */
export function loadDraft(storage: Pick<Storage, 'getItem'> | null, exerciseId: string): AfterActionReport | null {
  try {
    const parsed = JSON.parse(storage?.getItem(draftItem(exerciseId)) ?? 'null') as Partial<AfterActionReport> | null;
    if (parsed === null || typeof parsed !== 'object') return null;
    const lists = [parsed.strengths, parsed.areasForImprovement, parsed.improvementPlan, parsed.capabilities, parsed.moments, parsed.objectives];
    if (typeof parsed.title !== 'string' || typeof parsed.overview !== 'object' || parsed.overview === null || !lists.every(Array.isArray)) return null;
    return parsed as AfterActionReport;
  } catch {
    return null;
  }
}

/** Keeps the draft in this browser (storage refused or full: it lives as long as the page). */
export function saveDraft(storage: Pick<Storage, 'setItem'> | null, exerciseId: string, report: AfterActionReport): void {
  try {
    storage?.setItem(draftItem(exerciseId), JSON.stringify(report));
  } catch {
    // Nothing to do: the page still holds the draft.
  }
}

/** Forgets the draft (back to the report drafted from the log). */
export function discardDraft(storage: Pick<Storage, 'removeItem'> | null, exerciseId: string): void {
  try {
    storage?.removeItem(draftItem(exerciseId));
  } catch {
    // As above.
  }
}

/** A title as a file-name part: ASCII letters and digits joined by dashes, at most 60 characters. */
export function fileSlug(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'exercise';
}

/** `list` with the item at `index` replaced. */
export function replaced<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

/** `list` without the item at `index`. */
export function removed<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}
