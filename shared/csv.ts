// CSV as spreadsheets read and write it (RFC 4180): the after-action report's exports and the
// scenario's events list (MSEL) share this one writer and reader, and its guard against
// spreadsheet formula injection.

/** Text a spreadsheet would run as a formula starts with one of these (OWASP's CSV injection list). */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes
 * doubled. Text that a spreadsheet would run as a formula (= + - @, tab, carriage return first)
 * is prefixed with a single quote (OWASP's CSV injection guard), as is text that already starts
 * with quotes before such a character, so `unguardCsvText` restores every text exactly;
 * numbers are written as they are.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The text a guarded cell stood for: drops the single quote `csvField` put before a formula character. */
export function unguardCsvText(cell: string): string {
  return FORMULA_START.test(cell) && cell.startsWith("'") ? cell.slice(1) : cell;
}

/** A header row and data rows as CSV text, lines ended by CRLF as RFC 4180 asks. */
export function csvText(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The byte order mark Excel needs to open a CSV file as UTF-8 rather than the local code page. */
export const UTF8_BOM = '\uFEFF';

/** CSV text read into records of fields, or the place where its quoting breaks. */
export type CsvReadResult = { ok: true; records: string[][] } | { ok: false; record: number; message: string };

/**
 * Reads CSV text (RFC 4180): fields quoted or not, doubled quotes, CR, LF or CRLF inside quoted
 * fields kept as they are, records ended by CRLF, LF or CR, a leading byte order mark and a
 * final line break ignored. A quote inside an unquoted field is kept as a character (as
 * spreadsheets do); a quoted field left open, or text after its closing quote, is an error
 * naming the 1-based record where it starts. The separator is a comma unless told (Excel in
 * locales whose decimal mark is a comma saves with semicolons).
 */
export function readCsv(text: string, separator: ',' | ';' = ','): CsvReadResult {
  const src = text.startsWith(UTF8_BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const n = src.length;
  if (n === 0) return { ok: true, records };
  for (;;) {
    // One field, starting at i.
    let field = '';
    if (src[i] === '"') {
      const start = records.length + 1;
      i++;
      for (;;) {
        const q = src.indexOf('"', i);
        if (q < 0) return { ok: false, record: start, message: 'a quoted field is never closed' };
        field += src.slice(i, q);
        if (src[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (i < n && src[i] !== separator && src[i] !== '\r' && src[i] !== '\n') {
        return { ok: false, record: start, message: 'text after a closing quote (a quote inside a quoted field must be doubled)' };
      }
    } else {
      let j = i;
      while (j < n && src[j] !== separator && src[j] !== '\r' && src[j] !== '\n') j++;
      field = src.slice(i, j);
      i = j;
    }
    record.push(field);
    if (i >= n) {
      records.push(record);
      return { ok: true, records };
    }
    if (src[i] === separator) {
      i++;
      continue;
    }
    // A line break ends the record.
    i += src[i] === '\r' && src[i + 1] === '\n' ? 2 : 1;
    records.push(record);
    record = [];
    if (i >= n) return { ok: true, records };
  }
}

/** The separator of a CSV file: a semicolon when its first line has semicolons and no comma, else a comma. */
export function csvSeparator(text: string): ',' | ';' {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}
