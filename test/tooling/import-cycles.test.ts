import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// No module imports itself through others: a cycle (engine/state → observation → missions →
// state was one, issue 10) means no layer can be read, tested or moved on its own. Type-only
// imports count: they couple the modules all the same.
const root = resolve(import.meta.dirname, '../..');

function sourcesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each source file and the source files of the project it imports or re-exports from. */
function importGraph(dirs: readonly string[]): Map<string, string[]> {
  const files = new Set(dirs.flatMap((d) => sourcesUnder(join(root, d))));
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => ts.resolveModuleName(i.fileName, file, options, ts.sys).resolvedModule?.resolvedFileName)
      .filter((f): f is string => f !== undefined && files.has(f));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The groups of modules that import one another in a circle (Tarjan's strongly connected components). */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import cycles', () => {
  it('are found, type-only imports included (the detector itself)', () => {
    const graph = new Map([
      ['state', ['observation', 'random']],
      ['observation', ['missions']],
      ['missions', ['state', 'random']],
      ['random', []],
      ['self', ['self']],
    ]);
    expect(cycles(graph)).toEqual([['missions', 'observation', 'state'], ['self']]);
  });

  it('are none in shared/, server/, client/ and tools/', () => {
    const graph = importGraph(['shared', 'server', 'client', 'tools']);
    expect(graph.size).toBeGreaterThan(50);
    expect(cycles(graph).map((group) => group.map((f) => relative(root, f)))).toEqual([]);
  });

  it('see the engine cycle issue 10 reported if it came back', () => {
    const graph = importGraph(['shared']);
    const at = (f: string) => join(root, 'shared', f);
    graph.get(at('engine/observation.ts'))!.push(at('engine/missions.ts'));
    expect(cycles(graph).map((group) => group.map((f) => relative(join(root, 'shared'), f)))).toEqual([
      expect.arrayContaining(['engine/missions.ts', 'engine/observation.ts', 'engine/state.ts']),
    ]);
  });
});
