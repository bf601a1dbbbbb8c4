// Reading a case file: YAML text to typed facts. Apart from case.ts so that code which only
// needs the case's types and constants (the browser's findings and warnings) does not carry
// a YAML parser.
import { parseCaseObject, type CaseParseResult } from './case.js';
import { readYaml } from '../yaml.js';

/**
 * Parses a case file (YAML) into typed facts, or into errors that name the file, the path
 * inside it and what is wrong (`cases/x.yaml: damages[0].where: expected one of …`).
 */
export function parseCase(text: string, fileName: string): CaseParseResult {
  const read = readYaml(text, fileName);
  return read.ok ? parseCaseObject(read.value, fileName) : read;
}
