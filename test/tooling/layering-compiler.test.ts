import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layering is a compiler error (STYLE 17): each runtime is its own TypeScript project
// (tsconfig.json), and a project sees another only through a reference. Prove it: compile a
// few probe files, held in memory, into each project as `tsc -b` would and read the errors.
const root = resolve(import.meta.dirname, '../..');

/** The error codes TypeScript reports for each probe file compiled as part of `project`. */
function compileProbes(project: 'shared' | 'server' | 'client', probes: Record<string, string>): Record<string, number[]> {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, project, 'tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!config) throw new Error(`cannot read ${project}/tsconfig.json`);
  const virtual = new Map(Object.entries(probes).map(([name, text]) => [join(root, project, name), text]));
  const host = ts.createCompilerHost(config.options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, ...rest) => {
    const text = virtual.get(f);
    return text === undefined ? getSourceFile.call(host, f, language, ...rest) : ts.createSourceFile(f, text, language);
  };
  // Read the referenced projects' sources rather than their declarations, as the editor does,
  // so that this test does not depend on a previous `tsc -b`. (An internal hook of tsserver's;
  // were it gone, the allowed imports below would fail with TS6305, loudly.)
  (host as ts.CompilerHost & { useSourceOfProjectReferenceRedirect?: () => boolean }).useSourceOfProjectReferenceRedirect = () => true;
  const program = ts.createProgram({
    rootNames: [...config.fileNames, ...virtual.keys()],
    options: { ...config.options, noEmit: true, emitDeclarationOnly: false },
    projectReferences: config.projectReferences,
    host,
  });
  const diagnostics = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...virtual.keys()].flatMap((f) => program.getSemanticDiagnostics(program.getSourceFile(f))),
  ];
  return Object.fromEntries(
    Object.keys(probes).map((name) => [name, diagnostics.filter((d) => d.file?.fileName === join(root, project, name)).map((d) => d.code)]),
  );
}

const NOT_IN_PROJECT = 6307; // File is not listed within the file list of project
const NO_NODE_TYPES = 2591; // Cannot find name 'process'. Do you need to install type definitions for node?
const NO_DOM = 2584; // Cannot find name 'document'. Do you need to change your target library?

describe('the layering the compiler keeps', () => {
  it('compiles shared/ with neither the DOM nor Node, and without server/ or client/', () => {
    const errors = compileProbes('shared', {
      '__probe_dom.ts': 'export const title = document.title;',
      '__probe_node.ts': 'export const env = process.env;',
      '__probe_server.ts': "export { loadConfig } from '../server/config.js';",
      '__probe_client.ts': "export { formatKm } from '../client/app/format.js';",
      '__probe_ok.ts': "export { daysBetween } from './calendar.js';",
    });
    expect(errors['__probe_dom.ts']).toContain(NO_DOM);
    expect(errors['__probe_node.ts']).toContain(NO_NODE_TYPES);
    expect(errors['__probe_server.ts']).toContain(NOT_IN_PROJECT);
    expect(errors['__probe_client.ts']).toContain(NOT_IN_PROJECT);
    expect(errors['__probe_ok.ts']).toEqual([]);
  }, 30_000);

  it('compiles server/ with Node and without the DOM or client/', () => {
    const errors = compileProbes('server', {
      '__probe_dom.ts': 'export const title = document.title;',
      '__probe_client.ts': "export { formatKm } from '../client/app/format.js';",
      '__probe_ok.ts': "import { daysBetween } from '../shared/calendar.js';\nexport const uptime = () => process.uptime() + daysBetween('2031-01-01', '2031-01-02');",
    });
    expect(errors['__probe_dom.ts']).toContain(NO_DOM);
    expect(errors['__probe_client.ts']).toContain(NOT_IN_PROJECT);
    expect(errors['__probe_ok.ts']).toEqual([]);
  }, 30_000);

  it('compiles client/ with the DOM and without Node or server/', () => {
    const errors = compileProbes('client', {
      '__probe_node.ts': 'export const env = process.env;',
      '__probe_server.ts': "export { loadConfig } from '../server/config.js';",
      '__probe_ok.ts': "import { daysBetween } from '../shared/calendar.js';\nexport const title = () => document.title + daysBetween('2031-01-01', '2031-01-02');",
    });
    expect(errors['__probe_node.ts']).toContain(NO_NODE_TYPES);
    expect(errors['__probe_server.ts']).toContain(NOT_IN_PROJECT);
    expect(errors['__probe_ok.ts']).toEqual([]);
  }, 30_000);
});
