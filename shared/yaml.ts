// Reading YAML documents (scenarios, liability case files) with errors a person can act on.
// Kept apart from validation.ts so that code which only checks values does not pull in the
// YAML parser.
import { parseDocument } from 'yaml';

/** Reads YAML text into a plain value, or into errors that name the file, line and column. */
export function readYaml(text: string, fileName: string): { ok: true; value: unknown } | { ok: false; errors: string[] } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length === 0) return { ok: true, value: doc.toJS() };
  return {
    ok: false,
    errors: doc.errors.map((e) => {
      const where = e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : 'YAML';
      const message = (e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return `${fileName}: ${where}: ${message}`;
    }),
  };
}
