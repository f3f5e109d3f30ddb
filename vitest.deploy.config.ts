import { defineConfig } from 'vitest/config';

/** The production kit's test (deploy/): nginx, two app processes, PostgreSQL, Redis and coturn in one namespace. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.deploy.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 150_000,
    env: { NODE_ENV: 'test' },
  },
});
