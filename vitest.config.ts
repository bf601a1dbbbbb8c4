import { defineConfig } from 'vitest/config';

// Unit (test/shared) and integration (test/server: real server, real port, real colyseus.js clients).
// Each file runs in its own process: Colyseus' matchmaker is a per-process singleton.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
