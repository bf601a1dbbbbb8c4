// `deflect scenario msel export FILE` and `deflect scenario msel import FILE MSEL.csv`: a
// scenario's injects to a spreadsheet and back (shared/authoring/msel.ts). The import replaces
// only the `injects:` block of the YAML file, found through the yaml package's document, so
// every comment and every other line of the file stays as the author wrote it; the result is
// validated like any scenario file and not written if it is invalid.
import { readFile, writeFile } from 'node:fs/promises';
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { z } from 'zod';
import { mselFromCsv, mselToCsv, MSEL_COLUMNS } from '../../shared/authoring/msel.js';
import { UTF8_BOM } from '../../shared/csv.js';
import { parseScenarioYaml } from '../../shared/scenario/parse.js';
import { injectSchema, type Inject } from '../../shared/scenario/schema.js';
import { formatIssues } from '../../shared/validation.js';
import { readYaml } from '../../shared/yaml.js';
import type { CliResult } from './result.js';

const USAGE = `usage:
  deflect scenario msel export FILE [--out MSEL.csv] [--no-bom]
      the scenario's injects as CSV (UTF-8 with a byte order mark, for Excel), on stdout or into MSEL.csv
  deflect scenario msel import FILE MSEL.csv [--out OUT.yaml]
      replaces the scenario's injects with the sheet's rows, in FILE or in OUT.yaml;
      nothing is written if the result is not a valid scenario
columns: ${MSEL_COLUMNS.join(', ')}`;

const usage = (problem: string): CliResult => ({ stdout: '', stderr: `deflect scenario msel: ${problem}\n${USAGE}\n`, code: 2 });
const failure = (lines: readonly string[]): CliResult => ({ stdout: '', stderr: `${lines.join('\n')}\n`, code: 1 });

/** Splits `--out X` and `--no-bom` from the positional arguments; a usage problem as a string. */
function options(argv: readonly string[]): { positional: string[]; out: string | null; bom: boolean } | string {
  const positional: string[] = [];
  let out: string | null = null;
  let bom = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--out') {
      const value = argv[++i];
      if (value === undefined) return '--out needs a file name.';
      out = value;
    } else if (a === '--no-bom') bom = false;
    else if (a.startsWith('--')) return `unknown flag '${a}'.`;
    else positional.push(a);
  }
  return { positional, out, bom };
}

async function readText(file: string): Promise<string | CliResult> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    return { stdout: '', stderr: `deflect scenario msel: cannot read ${file}: ${reason}.\n`, code: 2 };
  }
}

/** Runs `deflect scenario msel …`. */
export async function runScenarioMsel(argv: string[]): Promise<CliResult> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '--help' || action === 'help' || rest.includes('--help')) {
    return { stdout: `${USAGE}\n`, stderr: '', code: action === undefined ? 2 : 0 };
  }
  const parsed = options(rest);
  if (typeof parsed === 'string') return usage(parsed);
  switch (action) {
    case 'export':
      if (parsed.positional.length !== 1) return usage('export names one scenario file.');
      return exportMsel(parsed.positional[0]!, parsed.out, parsed.bom);
    case 'import':
      if (parsed.positional.length !== 2) return usage('import names the scenario file, then the CSV file.');
      if (!parsed.bom) return usage('--no-bom is for export.');
      return importMsel(parsed.positional[0]!, parsed.positional[1]!, parsed.out);
    default:
      return usage(`unknown action '${action}' (export or import).`);
  }
}

/** The scenario's injects as CSV. Only the injects need to be valid, so a scenario still being written can be exported. */
async function exportMsel(file: string, out: string | null, bom: boolean): Promise<CliResult> {
  const text = await readText(file);
  if (typeof text !== 'string') return text;
  const read = readYaml(text, file);
  if (!read.ok) return failure(read.errors);
  const raw = (read.value as { injects?: unknown } | null)?.injects ?? [];
  const injects = z.array(injectSchema).safeParse(raw);
  if (!injects.success) return failure(formatIssues(injects.error.issues, `${file}: `, 'injects'));
  const csv = (bom ? UTF8_BOM : '') + mselToCsv(injects.data);
  if (out === null) return { stdout: csv, stderr: '', code: 0 };
  await writeFile(out, csv, 'utf8');
  return { stdout: `${out}: ${injects.data.length} injects from ${file}\n`, stderr: '', code: 0 };
}

/** Replaces the scenario's injects with the sheet's rows, keeping the rest of the file as written; writes nothing if the result is invalid. */
async function importMsel(file: string, csvFile: string, out: string | null): Promise<CliResult> {
  const text = await readText(file);
  if (typeof text !== 'string') return text;
  const csv = await readText(csvFile);
  if (typeof csv !== 'string') return csv;
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const read = readYaml(text, file);
    return failure(read.ok ? [`${file}: not readable YAML`] : read.errors);
  }
  if (!isMap(doc.contents)) return failure([`${file}: (root): expected a scenario (a mapping of fields)`]);

  const raw = doc.toJS() as { actors?: { id?: unknown }[]; calendar?: { rounds?: unknown[] } };
  const actorIds = Array.isArray(raw.actors) ? raw.actors.map((a) => a?.id).filter((id): id is string => typeof id === 'string') : undefined;
  const roundCount = Array.isArray(raw.calendar?.rounds) ? raw.calendar.rounds.length : undefined;
  const sheet = mselFromCsv(csv, csvFile, { ...(actorIds ? { actorIds } : {}), ...(roundCount !== undefined ? { roundCount } : {}) });
  if (!sheet.ok) return failure([...sheet.errors, `${out ?? file}: not written.`]);

  const written = replaceInjects(text, doc.contents.items as Pair[], sheet.injects);
  const target = out ?? file;
  const check = parseScenarioYaml(written, target);
  if (!check.ok) return failure([...check.errors.map((e) => rowOfError(e, target, csvFile, sheet.rows)), `${target}: not written.`]);
  await writeFile(target, written, 'utf8');
  const before = (raw as { injects?: unknown[] }).injects?.length ?? 0;
  return { stdout: `${target}: ${sheet.injects.length} injects from ${csvFile} (there were ${before}); the rest of the file is unchanged.\n`, stderr: '', code: 0 };
}

/**
 * The file's text with its `injects:` block (key, list and the lines up to the next key)
 * replaced by the given injects in block style, or with the block added at the end if the file
 * had none. Every other byte of the file is kept, comments included.
 */
export function replaceInjects(text: string, items: readonly Pair[], injects: readonly Inject[]): string {
  const block = injectsYaml(injects);
  const pair = items.find((p) => isScalar(p.key) && p.key.value === 'injects');
  const keyRange = (pair?.key as Node | undefined)?.range;
  if (!pair || !keyRange) return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}\n${block}`;
  const end = (pair.value as Node | null)?.range?.[2] ?? keyRange[2];
  // The node's end lies after its last line break; keep whatever blank lines followed it.
  const after = text.slice(end);
  return `${text.slice(0, keyRange[0])}${block}${after.startsWith('\n') || after === '' || block.endsWith('\n') ? '' : '\n'}${after}`;
}

/** The injects as the `injects:` block of a scenario file: block style, targets as a flow list, long lines unfolded. */
function injectsYaml(injects: readonly Inject[]): string {
  const doc = new Document({ injects });
  const seq = doc.get('injects', true);
  if (isSeq(seq)) {
    for (const item of seq.items) {
      const targets = isMap(item) ? item.get('targets', true) : undefined;
      if (isSeq(targets)) targets.flow = true;
    }
  }
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return injects.length === 0 ? 'injects: []\n' : yaml;
}

/** A scenario error about an inject (`FILE: injects[3].targets[0]: …`) as the sheet's row and column, which the author edits. */
function rowOfError(error: string, file: string, csvFile: string, rows: readonly number[]): string {
  const prefix = `${file}: injects[`;
  if (!error.startsWith(prefix)) return error;
  const m = /^(\d+)\](?:\.([A-Za-z]+))?[^:]*: (.*)$/s.exec(error.slice(prefix.length));
  if (!m) return error;
  const column = { controllerNote: 'controller note', expectedAction: 'expected action' }[m[2] ?? ''] ?? m[2] ?? 'id';
  const row = rows[Number(m[1])];
  return row === undefined ? error : `${csvFile}: row ${row}, ${column}: ${m[3]}`;
}
