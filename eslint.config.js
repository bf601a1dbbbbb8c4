// ESLint (flat config) with typescript-eslint. The block for shared/ keeps the rules
// module pure: no clock, no Math.random, no Node or network APIs, no module-level
// mutable state — anything nondeterministic would break replay.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nondeterminism = 'The rules in shared/ must be deterministic: time comes in the command context, randomness from the seeded generator in the game state.';

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
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net'], message: 'shared/ runs in the browser: no Node modules.' },
            { group: ['@colyseus/*', 'colyseus.js', 'better-sqlite3', 'pg', 'express', 'pino', 'react', 'react-dom'], message: 'shared/ holds the rules only: no transport, storage, logging or UI.' },
            { group: ['**/server/**', '**/client/**'], message: 'shared/ must not depend on server/ or client/.' },
          ],
        },
      ],
    },
  },
);
