import { defineConfig } from 'vitest/config';

/** Unit and integration tests. Files named *.db.test.ts touch the database and run again on PostgreSQL in CI. */
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'web/**/*.test.{ts,tsx}'],
    environment: 'node',
    // One migrated PGlite dumped once per run; every test database starts from it.
    globalSetup: ['server/test-support/pglite-template.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: 'test' },
  },
});
