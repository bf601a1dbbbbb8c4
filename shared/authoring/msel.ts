// The master scenario events list (MSEL) as CSV, the format exercise designers keep in
// spreadsheets: one inject per row, RFC 4180, UTF-8 with a header row. Shared by the CLI
// (`deflect scenario msel`) and the browser's scenario preview. The cell syntax (targets,
// conditions) is documented in docs/authoring.md; it round-trips every inject exactly.
import { csvSeparator, csvText, readCsv, unguardCsvText } from '../csv.js';
import { injectConditionSchema, injectSchema, type Inject, type InjectChannel, type InjectCondition } from '../scenario/schema.js';
import { formatPath, slug } from '../validation.js';

/** The CSV columns, in order (header row). */
export const MSEL_COLUMNS = ['id', 'round', 'condition', 'persona', 'channel', 'targets', 'headline', 'body', 'controller note', 'expected action'] as const;
export type MselColumn = (typeof MSEL_COLUMNS)[number];

/** The columns a row must fill; the others may be left empty (or left out of the sheet). */
const REQUIRED_COLUMNS: readonly MselColumn[] = ['persona', 'channel', 'targets', 'headline', 'body'];

/** The inject field each column fills, for naming the column of a schema issue. */
const COLUMN_OF_FIELD: Readonly<Record<keyof Inject, MselColumn>> = {
  id: 'id',
  round: 'round',
  condition: 'condition',
  persona: 'persona',
  channel: 'channel',
  targets: 'targets',
  headline: 'headline',
  body: 'body',
  controllerNote: 'controller note',
  expectedAction: 'expected action',
};

const CHANNELS: readonly InjectChannel[] = ['news', 'official', 'intelligence'];

// ---------------------------------------------------------------- export

/** The injects as RFC 4180 CSV with a header row (no byte order mark: add `UTF8_BOM` for Excel). */
export function mselToCsv(injects: readonly Inject[]): string {
  return csvText(
    MSEL_COLUMNS,
    injects.map((inj) => [
      inj.id,
      inj.round ?? null,
      inj.condition === undefined ? null : conditionText(inj.condition),
      inj.persona,
      inj.channel,
      inj.targets === 'all' ? 'all' : inj.targets.join('; '),
      inj.headline,
      inj.body,
      inj.controllerNote ?? null,
      inj.expectedAction ?? null,
    ]),
  );
}

/**
 * A condition in the MSEL's words: `probability > 10%`, `probability < 1%`, `no mission funded
 * by round 3`, `mission failed`, `assistance refused`, `round >= 2`, joined by `and` / `or`, a
 * nested group in parentheses. A list of one (which the words cannot tell from its item) is
 * written as JSON instead, which `parseCondition` reads too.
 */
export function conditionText(c: InjectCondition): string {
  if (hasSingleItemList(c)) return JSON.stringify(c);
  return words(c, false);
}

function hasSingleItemList(c: InjectCondition): boolean {
  if ('all' in c) return c.all.length < 2 || c.all.some(hasSingleItemList);
  if ('any' in c) return c.any.length < 2 || c.any.some(hasSingleItemList);
  return false;
}

function words(c: InjectCondition, nested: boolean): string {
  if ('probabilityAbove' in c) return `probability > ${probabilityText(c.probabilityAbove)}`;
  if ('probabilityBelow' in c) return `probability < ${probabilityText(c.probabilityBelow)}`;
  if ('noMissionFundedByRound' in c) return `no mission funded by round ${c.noMissionFundedByRound}`;
  if ('missionFailed' in c) return 'mission failed';
  if ('assistanceRefused' in c) return 'assistance refused';
  if ('roundAtLeast' in c) return `round >= ${c.roundAtLeast}`;
  const [items, joiner] = 'all' in c ? [c.all, ' and '] : [c.any, ' or '];
  const text = items.map((item) => words(item, true)).join(joiner);
  return nested ? `(${text})` : text;
}

/** A probability as the shortest percentage that reads back to exactly the same number, or as the fraction itself when that is shorter. */
function probabilityText(p: number): string {
  const fraction = String(p);
  const percent = p * 100;
  for (let digits = 1; digits <= 17; digits++) {
    const text = `${Number(percent.toPrecision(digits))}%`;
    if (Number(text.slice(0, -1)) / 100 === p) return text.length <= fraction.length + 1 ? text : fraction;
  }
  return fraction;
}

// ---------------------------------------------------------------- condition words

/** A condition read from its MSEL words (or JSON), or why it cannot be read. */
export type ConditionParse = { ok: true; condition: InjectCondition } | { ok: false; message: string };

/** Reads a condition written as `conditionText` writes it; case and spacing do not matter, `≥` and `=>` mean `>=`. */
export function parseCondition(text: string): ConditionParse {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      return { ok: false, message: 'starts with { but is not JSON' };
    }
    const r = injectConditionSchema.safeParse(json);
    if (r.success) return { ok: true, condition: r.data };
    return { ok: false, message: `is not a condition: ${r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ')}` };
  }
  const tokens = tokenize(trimmed);
  if (tokens.length === 0) return { ok: false, message: 'is empty' };
  const parser = new ConditionParser(tokens);
  try {
    const condition = parser.expression();
    if (!parser.done()) throw new ConditionError(`did not expect '${parser.peek()}'`);
    return { ok: true, condition };
  } catch (e) {
    if (e instanceof ConditionError) return { ok: false, message: e.syntax ? `${e.message}; ${CONDITION_HELP}` : e.message };
    throw e;
  }
}

const CONDITION_HELP =
  "write e.g. 'probability > 10%', 'probability < 1%', 'no mission funded by round 3', 'mission failed', 'assistance refused' or 'round >= 2', joined by 'and' or 'or'";

class ConditionError extends Error {
  /** Whether the words could not be read at all (then the message shows what can be written). */
  constructor(
    message: string,
    readonly syntax = true,
  ) {
    super(message);
  }
}

function tokenize(text: string): string[] {
  return (text.toLowerCase().match(/\(|\)|>=|=>|≥|<|>|\d+(?:\.\d+)?(?:e[+-]?\d+)?(?:\s*%)?|[a-z]+|\S/g) ?? []).map((t) => t.replace(/\s+/g, ''));
}

/** Recursive descent over `term ((and|or) term)*`, one operator per level, groups in parentheses. */
class ConditionParser {
  private i = 0;
  constructor(private readonly tokens: readonly string[]) {}

  done(): boolean {
    return this.i >= this.tokens.length;
  }

  peek(): string {
    return this.tokens[this.i] ?? 'the end';
  }

  expression(): InjectCondition {
    const first = this.term();
    const items = [first];
    let op: 'and' | 'or' | null = null;
    while (this.tokens[this.i] === 'and' || this.tokens[this.i] === 'or') {
      const next = this.tokens[this.i] as 'and' | 'or';
      if (op !== null && next !== op) throw new ConditionError("mixes 'and' with 'or': put one side in parentheses");
      op = next;
      this.i++;
      items.push(this.term());
    }
    if (op === null) return first;
    return op === 'and' ? { all: items } : { any: items };
  }

  private term(): InjectCondition {
    const t = this.tokens[this.i];
    if (t === '(') {
      this.i++;
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (t === 'probability') {
      this.i++;
      const op = this.tokens[this.i++];
      if (op !== '>' && op !== '<') throw new ConditionError("expected '>' or '<' after 'probability'");
      const p = this.probability();
      return op === '>' ? { probabilityAbove: p } : { probabilityBelow: p };
    }
    if (t === 'round') {
      this.i++;
      const op = this.tokens[this.i++];
      if (op !== '>=' && op !== '=>' && op !== '≥') throw new ConditionError("expected '>=' after 'round'");
      return { roundAtLeast: this.roundNumber() };
    }
    if (t === 'no') {
      this.words('no', 'mission', 'funded', 'by', 'round');
      return { noMissionFundedByRound: this.roundNumber() };
    }
    if (t === 'mission') {
      this.words('mission', 'failed');
      return { missionFailed: true };
    }
    if (t === 'assistance') {
      this.words('assistance', 'refused');
      return { assistanceRefused: true };
    }
    throw new ConditionError(t === undefined ? 'ends too early' : `did not expect '${t}'`);
  }

  private words(...expected: string[]): void {
    for (const w of expected) this.expect(w);
  }

  private expect(token: string): void {
    if (this.tokens[this.i] !== token) throw new ConditionError(`expected '${token}' where it says '${this.peek()}'`);
    this.i++;
  }

  private probability(): number {
    const t = this.tokens[this.i++] ?? '';
    const percent = t.endsWith('%');
    const value = Number(percent ? t.slice(0, -1) : t);
    if (t === '' || !Number.isFinite(value)) throw new ConditionError(`expected a probability such as 10% where it says '${t || 'nothing'}'`);
    const p = percent ? value / 100 : value;
    if (p < 0 || p > 1) throw new ConditionError(`the probability ${t} is not between 0% and 100% (write 10% or 0.1)`, false);
    return p;
  }

  private roundNumber(): number {
    const t = this.tokens[this.i++] ?? '';
    if (!/^\d+$/.test(t)) throw new ConditionError(`expected a round number where it says '${t || 'nothing'}'`);
    if (Number(t) < 1) throw new ConditionError('rounds are numbered from 1', false);
    return Number(t);
  }
}

// ---------------------------------------------------------------- import

/** What the scenario the injects go into offers them: its actors (for `targets`) and its number of rounds. */
export interface MselContext {
  actorIds?: readonly string[];
  roundCount?: number;
}

/** The injects of a sheet with the spreadsheet row each came from (to name it in later errors), or what is wrong with the sheet. */
export type MselRead = { ok: true; injects: Inject[]; rows: number[] } | { ok: false; errors: string[] };

/** Where a cell of the sheet is, as a spreadsheet numbers it: the header is row 1. */
function where(file: string, row: number, column: string): string {
  return `${file}: row ${row}, ${column}: `;
}

/** A header cell in the words `MSEL_COLUMNS` uses: case, spaces, dashes and underscores do not matter (`controllerNote` is `controller note`). */
function columnOf(header: string): MselColumn | undefined {
  const key = header.trim().toLowerCase().replace(/[\s_-]+/g, '');
  return MSEL_COLUMNS.find((c) => c.replace(/ /g, '') === key);
}

/**
 * CSV text to injects, or errors naming the file, row and column (`msel.csv: row 4, channel:
 * expected news, official or intelligence`). Columns are found by their header, in any order;
 * a sheet saved with semicolons is read too; empty rows are skipped; a blank `id` is made from the headline. With a context, targets must
 * be the scenario's actors and rounds within its calendar.
 */
export function mselFromCsv(text: string, file: string, context: MselContext = {}): MselRead {
  const read = readCsv(text, csvSeparator(text));
  if (!read.ok) return { ok: false, errors: [`${file}: row ${read.record}: ${read.message}`] };
  const [header, ...rows] = read.records;
  if (!header || header.every((h) => h.trim() === '')) return { ok: false, errors: [`${file}: row 1: expected a header row naming the columns (${MSEL_COLUMNS.join(', ')})`] };

  const errors: string[] = [];
  const index = new Map<MselColumn, number>();
  header.forEach((h, i) => {
    if (h.trim() === '') return;
    const column = columnOf(h);
    if (!column) errors.push(`${file}: row 1, column ${i + 1}: unknown column '${h}' (expected ${MSEL_COLUMNS.join(', ')})`);
    else if (index.has(column)) errors.push(`${file}: row 1, column ${i + 1}: '${column}' appears twice`);
    else index.set(column, i);
  });
  for (const c of REQUIRED_COLUMNS) if (!index.has(c)) errors.push(`${file}: row 1: the column '${c}' is missing`);
  if (errors.length > 0) return { ok: false, errors };

  const injects: Inject[] = [];
  const rowOfId = new Map<string, number>();
  const rowNumbers: number[] = [];
  rows.forEach((cells, r) => {
    const row = r + 2;
    if (cells.every((c) => c.trim() === '')) return;
    const cell = (c: MselColumn): string => {
      const i = index.get(c);
      return i === undefined ? '' : unguardCsvText(cells[i] ?? '');
    };
    const taken = (id: string) => rowOfId.has(id);
    const inject = readRow(cell, (column, message) => errors.push(`${where(file, row, column)}${message}`), context, taken);
    if (!inject) return;
    const dup = rowOfId.get(inject.id);
    if (dup !== undefined) errors.push(`${where(file, row, 'id')}'${inject.id}' is already the id of row ${dup}`);
    rowOfId.set(inject.id, row);
    injects.push(inject);
    rowNumbers.push(row);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, injects, rows: rowNumbers };
}

/** One row to an inject, or null after reporting what is wrong with it. */
function readRow(cell: (c: MselColumn) => string, fail: (column: MselColumn, message: string) => void, context: MselContext, taken: (id: string) => boolean): Inject | null {
  let failed = false;
  const report = (column: MselColumn, message: string) => {
    failed = true;
    fail(column, message);
  };

  const headline = cell('headline');
  const idCell = cell('id').trim();
  const id = idCell !== '' ? idCell : idFromHeadline(headline, taken);
  if (idCell !== '' && !slug.safeParse(idCell).success) report('id', `'${idCell}' is not an id: use lower-case letters, digits and dashes (at most 40), or leave it empty`);

  let round: number | undefined;
  const roundCell = cell('round').trim();
  if (roundCell !== '') {
    round = Number(roundCell);
    if (!/^\d+$/.test(roundCell) || round < 1) report('round', `expected a round number (1 or more), not '${roundCell}'`);
    else if (context.roundCount !== undefined && round > context.roundCount) report('round', `the scenario has only ${context.roundCount} rounds`);
  }

  let condition: InjectCondition | undefined;
  const conditionCell = cell('condition');
  if (conditionCell.trim() !== '') {
    const parsed = parseCondition(conditionCell);
    if (parsed.ok) condition = parsed.condition;
    else report('condition', `'${conditionCell.trim()}' ${parsed.message}`);
  }

  const channelCell = cell('channel').trim().toLowerCase();
  if (!(CHANNELS as readonly string[]).includes(channelCell)) report('channel', `expected news, official or intelligence${channelCell ? `, not '${cell('channel').trim()}'` : ''}`);
  const channel = channelCell as InjectChannel;

  const targetsCell = cell('targets').trim();
  let targets: Inject['targets'] = 'all';
  if (targetsCell.toLowerCase() !== 'all') {
    const ids = targetsCell.split(/[;,]/).map((t) => t.trim()).filter((t) => t !== '');
    if (ids.length === 0) report('targets', "expected 'all' or actor ids separated by ';'");
    for (const t of ids) {
      if (!slug.safeParse(t).success) report('targets', `'${t}' is not an actor id (lower-case letters, digits and dashes)`);
      else if (context.actorIds && !context.actorIds.includes(t)) report('targets', `there is no actor '${t}' (the actors are ${context.actorIds.join(', ')})`);
    }
    targets = ids;
  }

  for (const c of ['persona', 'headline', 'body'] as const) if (cell(c) === '') report(c, `is empty: every inject needs a ${c}`);
  if (failed) return null;

  const controllerNote = cell('controller note');
  const expectedAction = cell('expected action');
  const inject = {
    id,
    ...(round !== undefined ? { round } : {}),
    ...(condition !== undefined ? { condition } : {}),
    targets,
    persona: cell('persona'),
    channel,
    headline,
    body: cell('body'),
    ...(controllerNote !== '' ? { controllerNote } : {}),
    ...(expectedAction !== '' ? { expectedAction } : {}),
  };
  // The checks above cover every field; the schema is the last word on anything they miss.
  const checked = injectSchema.safeParse(inject);
  if (!checked.success) {
    for (const issue of checked.error.issues) report(COLUMN_OF_FIELD[issue.path[0] as keyof Inject] ?? 'id', issue.message);
    return null;
  }
  return inject;
}

/** An id for a row that left it empty: its headline as a slug (`inject` if it has no letters), numbered when taken. */
function idFromHeadline(headline: string, taken: (id: string) => boolean): string {
  const base =
    headline
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '') || 'inject';
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base.slice(0, 40 - String(n).length - 1).replace(/-+$/, '')}-${n}`;
    if (!taken(id)) return id;
  }
}
