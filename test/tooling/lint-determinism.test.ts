import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The lint rule is what keeps replay possible: prove it fires on each kind of nondeterminism in shared/.
// The snippets are not files of any TypeScript project, so the type-aware rules are off here
// (lint-boundaries.test.ts proves those).
const eslint = new ESLint({ overrideConfig: tseslint.configs.disableTypeChecked });

async function problems(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('the determinism lint rule for shared/', () => {
  it.each([
    ['Math.random', 'export const r = () => Math.random();'],
    ['Date.now', 'export const t = () => Date.now();'],
    ['new Date()', 'export const t = () => new Date().getTime();'],
    ['module-level let', 'let count = 0;\nexport const next = () => ++count;'],
    ['a Node import', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;"],
    ['a transport import', "import { Room } from '@colyseus/core';\nexport const R = Room;"],
  ])('rejects %s in shared/', async (_what, code) => {
    expect(await problems(code, 'shared/engine/example.ts')).not.toEqual([]);
  });

  it('allows the same code outside shared/', async () => {
    expect(await problems('export const r = () => Math.random() + Date.now();', 'server/example.ts')).toEqual([]);
  });

  it('allows pure code in shared/', async () => {
    expect(await problems("export const parse = (s: string) => Date.parse(`${s}T00:00:00Z`);", 'shared/engine/example.ts')).toEqual([]);
  });
});
