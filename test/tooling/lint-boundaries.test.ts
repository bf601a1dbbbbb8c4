import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// A rule nobody proves fires is a defect: lint snippets as if they sat at a given path and
// read the messages. Import boundaries need no types, so that linter runs without them.
const untyped = new ESLint({ overrideConfig: tseslint.configs.disableTypeChecked });

async function importProblems(code: string, filePath: string): Promise<string[]> {
  const [result] = await untyped.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('the import boundaries', () => {
  it.each([
    ['the client imports the server', 'client/app/Example.tsx', "import { loadConfig } from '../../server/config.js';\nexport const c = loadConfig;"],
    ['the client imports tools/', 'client/example.ts', "import { runBot } from '../tools/bots/bot.js';\nexport const b = runBot;"],
    ['the server imports the client', 'server/example.ts', "import { formatKm } from '../client/app/format.js';\nexport const f = formatKm;"],
    ['a server subfolder imports the client', 'server/cli/example.ts', "import type { DeflectState } from '../../client/net/store.js';\nexport type S = DeflectState;"],
    ['the server imports tools/', 'server/example.ts', "import { runBot } from '../tools/bots/bot.js';\nexport const b = runBot;"],
    ['a bot imports the client', 'tools/bots/example.ts', "import { formatKm } from '../../client/app/format.js';\nexport const f = formatKm;"],
    ['shared/ imports the server', 'shared/engine/example.ts', "import { loadConfig } from '../../server/config.js';\nexport const c = loadConfig;"],
    ['physics imports the engine', 'shared/physics/example.ts', "import { nextUniform } from '../engine/index.js';\nexport const u = nextUniform;"],
    ['physics imports an engine type', 'shared/physics/example.ts', "import type { ExerciseState } from '../engine/state.js';\nexport type S = ExerciseState;"],
    ['law imports the scenario format', 'shared/law/example.ts', "import { slug } from '../scenario/schema.js';\nexport const s = slug;"],
    ['geo imports the engine', 'shared/geo/example.ts', "import { decide } from '../engine/decide.js';\nexport const d = decide;"],
    ['the scenario format imports the engine', 'shared/scenario/example.ts', "import type { Command } from '../engine/commands.js';\nexport type C = Command;"],
    ['the engine imports the wire protocol', 'shared/engine/example.ts', "import { EXERCISE_ROOM } from '../protocol.js';\nexport const r = EXERCISE_ROOM;"],
    ['a leaf of shared/ imports a layer above it', 'shared/calendar.ts', "import { slug } from './scenario/schema.js';\nexport const s = slug;"],
  ])('fails when %s', async (_what, filePath, code) => {
    const problems = await importProblems(code, filePath);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^no-restricted-imports: /);
  });

  it.each([
    ['the client imports shared/', 'client/app/Example.tsx', "import { daysBetween } from '../../shared/calendar.js';\nexport const d = daysBetween;"],
    ['the server imports shared/', 'server/example.ts', "import { decide } from '../shared/engine/index.js';\nexport const d = decide;"],
    ['a bot imports the server and shared/', 'tools/bots/example.ts', "import { loadConfig } from '../../server/config.js';\nimport { decide } from '../../shared/engine/index.js';\nexport const x = [loadConfig, decide];"],
    ['physics imports the seeded generator', 'shared/physics/example.ts', "import { nextUniform } from '../random.js';\nexport const u = nextUniform;"],
    ['law imports the calendar and the zod primitives', 'shared/law/example.ts', "import { addMonths } from '../calendar.js';\nimport { slug } from '../validation.js';\nexport const x = [addMonths, slug];"],
    ['the scenario format imports law', 'shared/scenario/example.ts', "import { regimeIds } from '../law/regimes.js';\nexport const r = regimeIds;"],
    ['the engine imports physics and the scenario', 'shared/engine/example.ts', "import { sampleDeflection } from '../physics/montecarlo.js';\nimport type { Scenario } from '../scenario/schema.js';\nexport const s = sampleDeflection;\nexport type S = Scenario;"],
    ['the wire protocol imports the engine', 'shared/protocol.ts', "import { decide } from './engine/index.js';\nexport const d = decide;"],
  ])('allows it when %s', async (_what, filePath, code) => {
    expect(await importProblems(code, filePath)).toEqual([]);
  });
});

// The type-aware rules need a TypeScript program: the probe is linted in the project
// service's default project, which only this test allows.
const PROBE = 'test/tooling/__lint_probe__.ts';
const typed = new ESLint({
  overrideConfig: { files: ['**/*.ts'], languageOptions: { parserOptions: { projectService: { allowDefaultProject: [PROBE], defaultProject: 'tsconfig.base.json' } } } },
});

async function typedProblems(code: string): Promise<string[]> {
  const [result] = await typed.lintText(code, { filePath: PROBE });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('the type-aware rules', () => {
  it('fails a switch over a union that leaves a member to `default`', async () => {
    const code = "type Event = { type: 'Started' } | { type: 'Ended' };\nexport function label(e: Event): string {\n  switch (e.type) {\n    case 'Started':\n      return 'started';\n    default:\n      return 'other';\n  }\n}\n";
    expect(await typedProblems(code)).toEqual([expect.stringMatching(/^@typescript-eslint\/switch-exhaustiveness-check: .*"Ended"/)]);
  }, 30_000);

  it('fails a promise that is neither awaited, caught nor marked void', async () => {
    const code = 'async function save(): Promise<void> {}\nexport function onClick(): void {\n  save();\n}\nexport function onClose(): void {\n  void save();\n}\n';
    expect(await typedProblems(code)).toEqual([expect.stringMatching(/^@typescript-eslint\/no-floating-promises: /)]);
  }, 30_000);
});
