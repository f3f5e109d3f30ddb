import { defineConfig } from 'vitest/config';

/**
 * Files that hold no call and shape no link: pages, forms, axe and requests, one Chromium (or
 * WebKit) and one server each. They wait on their server and browser for much of their time, so
 * two of them share the two cores well. Every other file runs alone afterwards: a call decodes
 * video on both cores and its expectations are polled against a deadline, and `tc` on the
 * namespace's loopback (weak-link, firefox-call) would slow whatever ran beside it. A new file runs
 * alone until it is named here.
 */
const pageFiles = [
  'accessibility',
  'accessibility-roles',
  'accounts',
  'analytics-consent',
  'billing',
  'contact-operator',
  'contacts-ui',
  'help',
  'my-data',
  'passkeys',
  'pwa',
  'second-factor',
  'site',
  'third-party',
  'webkit-join',
].map((name) => `e2e/${name}.e2e.ts`);

/** What both groups share; the server build in globalSetup is the root's, so it runs once. */
const shared = {
  environment: 'node',
  pool: 'forks',
  testTimeout: 90_000,
  hookTimeout: 120_000,
  env: { NODE_ENV: 'test' },
} as const;

/** Browser tests: each file starts its own app server on PGlite and drives the system Chromium. */
export default defineConfig({
  test: {
    // Compiles the server and prepares the embedded database once for every server the files start.
    globalSetup: ['e2e/support/global-setup.ts'],
    projects: [
      // Group 0: the page files, two at a time.
      { test: { ...shared, name: 'pages', include: pageFiles, maxWorkers: 2, sequence: { groupOrder: 0 } } },
      // Group 1, after them: calls and shaped links, one file at a time.
      {
        test: {
          ...shared,
          name: 'calls',
          include: ['e2e/**/*.e2e.ts'],
          exclude: pageFiles,
          maxWorkers: 1,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
