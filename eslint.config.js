// ESLint (flat config) with typescript-eslint. Three kinds of rules beyond the recommended:
// - shared/ stays pure: no clock, no Math.random, no Node or network APIs, no module-level
//   mutable state — anything nondeterministic would break replay;
// - import boundaries: client and server never import each other, and inside shared/ each
//   layer imports only the layers below it (the compiler's project references keep the
//   runtimes apart too, see tsconfig.json; test/tooling proves both fire);
// - type-aware checks: every switch over a union is exhaustive, and no promise is dropped.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nondeterminism = 'The rules in shared/ must be deterministic: time comes in the command context, randomness from the seeded generator in the game state.';

// What each directory may not import. Patterns are matched against the import specifier
// (gitignore syntax), so they catch relative paths from any depth.
const nodeModules = { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net'], message: 'shared/ runs in the browser: no Node modules.' };
const runtimeLibraries = { group: ['@colyseus/*', 'colyseus.js', 'better-sqlite3', 'pg', 'express', 'pino', 'react', 'react-dom'], message: 'shared/ holds the rules only: no transport, storage, logging or UI.' };
const outsideShared = { group: ['**/server/**', '**/client/**', '**/tools/**', '**/test/**'], message: 'shared/ must not depend on server/, client/, tools/ or tests.' };
const engine = { group: ['**/engine/**', '**/engine'], message: 'The engine is built on physics, geo, law and the scenario, not the other way round.' };
const scenario = { group: ['**/scenario/**', '**/scenario'], message: 'The scenario format is built on physics, geo and law (the scenario names their parameters), not the other way round.' };
const wire = { group: ['**/protocol.js', '**/sync.js'], message: 'The wire protocol sits on top of the engine; the rules do not know how they are sent.' };
const subdirectories = { group: ['./*/**'], message: 'The leaf modules at the root of shared/ (random, calendar, validation, yaml) import nothing above them.' };
const server = { group: ['**/server/**', '**/server'], message: 'The client never imports the server: they share only shared/ (and talk over the wire).' };
const client = { group: ['**/client/**', '**/client'], message: 'The server never imports the client: they share only shared/ (and talk over the wire).' };
const toolsFromServer = { group: ['**/tools/**', '**/tools'], message: 'tools/ are programs that drive the server from outside; the server does not depend on them.' };
const clientFromTools = { group: ['**/client/**', '**/client'], message: 'tools/ (the bots) are Node programs: they may use shared/ and the server, never the browser client.' };

const sharedBase = [nodeModules, runtimeLibraries, outsideShared];
const restrict = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // STYLE 8: a switch over commands, events or any union lists every member, so a new
      // member is a compiler-visible decision, never swallowed by a `default`.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false }],
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: nondeterminism },
        { object: 'Date', property: 'now', message: nondeterminism },
        { object: 'performance', property: 'now', message: nondeterminism },
        { object: 'crypto', property: 'getRandomValues', message: nondeterminism },
        { object: 'crypto', property: 'randomUUID', message: nondeterminism },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'shared/ runs in the browser too: no Node globals.' },
        { name: 'setTimeout', message: nondeterminism },
        { name: 'setInterval', message: nondeterminism },
        { name: 'fetch', message: 'shared/ does no I/O.' },
        { name: 'performance', message: nondeterminism },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: nondeterminism },
        { selector: "CallExpression[callee.name='Date']", message: nondeterminism },
        { selector: "Program > VariableDeclaration[kind='let']", message: 'No module-level mutable state in shared/.' },
        { selector: "Program > ExportNamedDeclaration > VariableDeclaration[kind='let']", message: 'No module-level mutable state in shared/.' },
      ],
    },
  },
  // Import boundaries. A later block replaces an earlier one's patterns for the files it
  // matches, so each block lists all that applies to its files.
  restrict(['shared/**/*.ts'], sharedBase),
  restrict(['shared/random.ts', 'shared/calendar.ts', 'shared/validation.ts', 'shared/yaml.ts'], [...sharedBase, subdirectories, wire]),
  restrict(['shared/physics/**/*.ts', 'shared/geo/**/*.ts', 'shared/law/**/*.ts'], [...sharedBase, engine, scenario, wire]),
  restrict(['shared/scenario/**/*.ts'], [...sharedBase, engine, wire]),
  restrict(['shared/engine/**/*.ts'], [...sharedBase, wire]),
  restrict(['client/**/*.ts', 'client/**/*.tsx'], [server, { ...toolsFromServer, message: 'The client does not import tools/.' }]),
  restrict(['server/**/*.ts'], [client, toolsFromServer]),
  restrict(['tools/**/*.ts'], [clientFromTools]),
);
