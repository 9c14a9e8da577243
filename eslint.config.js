import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import { importX } from 'eslint-plugin-import-x'

// Besides the usual checks, this file enforces the direction of dependencies (docs/decisions/001):
// web → shared, server → shared, never web ↔ server; shared is pure (no node:*, no DOM libraries);
// a feature may call another feature's service, never its repo; and no module imports itself back
// through a loop (import-x/no-cycle), so every arrow in the import graph points one way.

const restrict = (patterns) => ['error', { patterns }]

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-results/', 'playwright-report/', 'src/server/db/types.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/extensions': ['.ts', '.tsx'], 'import-x/resolver': { node: { extensions: ['.ts', '.tsx'] } } },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['src/web/**'],
    rules: { 'no-restricted-imports': restrict([{ group: ['**/server/**'], message: 'The web app may import only src/shared, never server code.' }]) },
  },
  {
    // What every page loads (router, menu, layout, header, guards) takes page addresses from
    // menu-paths.ts, not from a feature's api module, which would bring that feature's contracts
    // into the first download (decision 047). Signing in and out is the one api it needs.
    files: ['src/web/app/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/server/**'], message: 'The web app may import only src/shared, never server code.' },
        { group: ['../features/*/*.api.ts', '!../features/auth/auth.api.ts'], message: 'The shell every page loads imports addresses from menu-paths.ts, not feature api modules (decision 047).' },
      ]),
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/server/**', '**/web/**'], message: 'src/shared is used by both sides and depends on neither.' },
        { group: ['node:*'], message: 'src/shared runs in the browser too: no Node built-ins.' },
        { group: ['react', 'react-dom', 'react-router'], message: 'src/shared holds contracts, not UI.' },
      ]),
    },
  },
  {
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/web/**'], message: 'The server never imports the web app.' },
        { group: ['../*/*.repo.ts', '../*/*.repo'], message: "Call the other feature's service, not its repo." },
        { group: ['**/server/app.ts', '../../app.ts', '../app.ts'], message: 'Routes take what they need from lib/request.ts; app.ts assembles them and is imported by nobody but main.' },
      ]),
    },
  },
  {
    files: ['bin/**', '*.config.*', 'tests/**', 'bench/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // Playwright fixtures that need no other fixture are written `async ({}, use) => …`.
    files: ['tests/e2e/**'],
    rules: { 'no-empty-pattern': 'off' },
  },
)
