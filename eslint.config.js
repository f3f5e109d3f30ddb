import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'scratch/', 'coverage/', 'server/db/migrations/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
      'no-restricted-syntax': [
        'error',
        {
          // zod's `z` object holds every export, its ~40 locales included; used as a value it cannot be
          // tree-shaken, and it put 570 KB of zod into the server's bundle (150 KB as a namespace).
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: "Import zod as a namespace: import * as z from 'zod'.",
        },
      ],
    },
  },
  {
    // Type-aware: a promise nobody awaits or handles, or one passed where a void callback is expected,
    // is a swallowed failure.
    files: ['server/**/*.ts', 'common/**/*.ts', 'web/**/*.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    // Benchmarks and scripts report on the console by design.
    files: ['bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    // The two classic rules: hooks called unconditionally, effects listing what they read.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // docs/ARCHITECTURE.md: SQL lives only in stores, where personal fields are sealed (P-21); a route
    // calls its feature's service; features meet through services, never through each other's routes.
    files: ['server/**/routes.ts', 'server/**/*-routes.ts', 'server/**/service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'drizzle-orm', message: 'Queries belong in the feature’s store.' }],
          patterns: [
            { group: ['**/db/schema'], message: 'Tables are the store’s business.' },
            { group: ['../*/routes', '../*/*-routes'], message: 'Use the other feature’s service or presenter.' },
          ],
        },
      ],
    },
  },
  {
    // Shared code runs in the browser and in Node: neither's globals.
    files: ['common/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['node:*', 'react', 'react-dom'] }] },
  },
);
