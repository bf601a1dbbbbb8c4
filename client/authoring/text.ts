// What the scenario preview does to the text an author edits, and how it words what it shows:
// pure functions, so that they are tested without a browser. The YAML parser lives in this
// chunk only: the pages players load never download it.
import { isMap, parseDocument } from 'yaml';
import type { Finding } from '../../shared/authoring/check.js';
import type { Inject, InjectCondition } from '../../shared/scenario/schema.js';

/**
 * The scenario text with its `injects` replaced by `injects`, everything else — comments,
 * key order, quoting, block scalars — kept as the author wrote it (the yaml Document API).
 * Null when the text is not a YAML mapping to put them in.
 */
export function replaceInjects(text: string, injects: readonly Inject[]): string | null {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  // Drop the fields a CSV row left empty: an absent key, not `round: null`.
  const plain = injects.map((inject) => Object.fromEntries(Object.entries(inject).filter(([, v]) => v !== undefined)));
  doc.set('injects', doc.createNode(plain));
  // lineWidth 0: long plain lines stay on one line instead of being folded at 80 columns.
  return doc.toString({ lineWidth: 0 });
}

/** The offsets of the start and end of a 1-based line in `text` (clamped to the text), for moving the caret there. */
export function lineRange(text: string, line: number): { start: number; end: number } {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next === -1) break;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return { start, end: end === -1 ? text.length : end };
}

/** The check's verdict in a few words: "2 errors and 1 warning", "no errors, 3 warnings", "no errors or warnings". */
export function findingsHeadline(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (errors === 0 && warnings === 0) return 'No errors or warnings.';
  if (errors === 0) return `No errors, ${count(warnings, 'warning')}.`;
  return warnings === 0 ? `${count(errors, 'error')}.` : `${count(errors, 'error')} and ${count(warnings, 'warning')}.`;
}

/** Findings in reading order: errors first, then by line (those without a line last). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding) => (f.severity === 'error' ? 0 : 1);
  return [...findings].sort((a, b) => rank(a) - rank(b) || (a.line ?? Infinity) - (b.line ?? Infinity));
}

const percent = (p: number) => `${Math.round(p * 1000) / 10}%`;

/** A conditional inject's condition as a sentence fragment ("the impact probability is above 50%"). */
export function conditionWords(condition: InjectCondition): string {
  if ('probabilityAbove' in condition) return `the impact probability is above ${percent(condition.probabilityAbove)}`;
  if ('probabilityBelow' in condition) return `the impact probability is below ${percent(condition.probabilityBelow)}`;
  if ('noMissionFundedByRound' in condition) return `no mission is funded by round ${condition.noMissionFundedByRound}`;
  if ('missionFailed' in condition) return 'a mission has failed';
  if ('assistanceRefused' in condition) return 'an offer of assistance was refused';
  if ('roundAtLeast' in condition) return `round ${condition.roundAtLeast} or later`;
  if ('all' in condition) return condition.all.map(conditionWords).join(' and ');
  return `${condition.any.map(conditionWords).join(' or ')}`;
}

/** When an inject fires, in words: its round, its condition, both, or only by the facilitator's hand. */
export function injectTiming(inject: Pick<Inject, 'round' | 'condition'>): string {
  const when = inject.round !== undefined ? `Round ${inject.round}` : null;
  const condition = inject.condition ? conditionWords(inject.condition) : null;
  if (when && condition) return `${when}, if ${condition}`;
  if (when) return when;
  if (condition) return `When ${condition}`;
  return 'By the facilitator';
}

/** The file name an author's download gets: the scenario's id, else a plain default. */
export function downloadName(id: string | null | undefined, extension: 'yaml' | 'csv'): string {
  const base = id && /^[a-z0-9][a-z0-9-]{0,39}$/.test(id) ? id : 'scenario';
  return extension === 'csv' ? `${base}-msel.csv` : `${base}.yaml`;
}
