import { defineConfig } from 'vitest/config';

/** Browser tests: each file starts its own app server on PGlite and drives the system Chromium. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test' },
  },
});
