import type { KnipConfig } from 'knip';

/**
 * Dead-code check run by `npm run lint`. Entries are what starts a process or a bundle; the test
 * files come from the three vitest configs. Files listed here beyond that are started by path
 * (spawned by a test or bench, or run by hand as the README says), which knip cannot see.
 */
const config: KnipConfig = {
  entry: [
    'server/**/cli.ts',
    'server/**/*-cli.ts',
    // Spawned by path from tests and bench runs.
    'server/test-support/lock-racer.ts',
    'e2e/support/pglite-writer.ts',
    'bench/api-target.ts',
    'bench/api-floor.ts',
    // Run by hand on the profiles of `BENCH_BURST_PROFILE=1 npm run bench -- login-burst`.
    'bench/profile-burst.ts',
    'scripts/*.ts',
    // Bundled by web/pwa/plugin.ts into /sw.js.
    'web/src/pwa/service-worker.ts',
    // Reached through the `zod` alias in web/vite.config.ts.
    'web/src/zod-jitless.ts',
    // Developer tools run by hand (web/README.md, web/call/README.md).
    'web/call/testing/smoke/run.mjs',
    'web/call/testing/smoke/page.ts',
    'web/src/room/dev/walkthrough.mjs',
  ],
  project: ['server/**/*.ts', 'common/**/*.ts', 'web/**/*.{ts,tsx,mjs}', 'bench/**/*.ts', 'e2e/**/*.ts', 'scripts/**/*.ts', '*.config.ts'],
  vitest: { config: ['vitest.config.ts', 'vitest.e2e.config.ts', 'vitest.deploy.config.ts'] },
  // System binaries the test support starts, not npm packages.
  ignoreBinaries: ['redis-server'],
};

export default config;
