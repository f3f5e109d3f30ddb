import { defineConfig } from 'vitest/config';

/** Browser tests: each file starts its own app server on PGlite and drives the system Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    // Compiles the server and prepares the embedded database once for every server the files start.
    globalSetup: ['e2e/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
