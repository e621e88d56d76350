import js from '@eslint/js';
import pluginQuery from '@tanstack/eslint-plugin-query';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import playwright from 'eslint-plugin-playwright';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';
import globals from 'globals';
import type { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

// Architecture boundaries (STYLE.md): web → domain, server → domain; never web ↔ server; nothing imports the
// sandbox and the sandbox imports none of ours; domain stays pure; a feature never imports another feature.
const restrict = (
  ...patterns: Array<{ group?: string[]; regex?: string; message: string }>
): Linter.RulesRecord => ({
  'no-restricted-imports': ['error', { patterns }],
});
const features = readdirSync(new URL('./src/web/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      'src/server/db/migrations/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      'import-x/no-self-import': 'error',
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      'react-hooks/refs': 'off',
      ...jsxA11y.flatConfigs.recommended.rules,
      'jsx-a11y/no-autofocus': 'off',
      // Our own form controls wrap a native one; a label around them labels it.
      'jsx-a11y/label-has-associated-control': [
        'error',
        { controlComponents: ['ProcessTypeSelect'], depth: 3 },
      ],
      ...pluginQuery.configs['flat/recommended'][0]!.rules,
      ...restrict(
        { group: ['@server/*', '**/server/**'], message: 'The SPA talks to the server over HTTP only.' },
        { group: ['@sandbox/*', '**/sandbox/**'], message: 'Nothing imports the sandbox.' },
      ),
    },
  },
  ...features.map((feature) => ({
    files: [`src/web/features/${feature}/**/*.{ts,tsx}`],
    rules: restrict(
      { group: ['@server/*', '**/server/**'], message: 'The SPA talks to the server over HTTP only.' },
      { group: ['@sandbox/*', '**/sandbox/**'], message: 'Nothing imports the sandbox.' },
      {
        // Query factories (`features/<x>/api/`) are a feature's public surface; everything else stays private.
        regex: `^@web/features/(?!${feature}/)[^/]+/(?!api/)`,
        message:
          'A feature never imports another feature (only its api/ query factories); compose them in a route.',
      },
    ),
  })),
  {
    // Server code and its tests alike: tests reach the sandbox only through test-support/, which composes server and
    // sandbox over HTTP as scripts/stack.ts does.
    files: ['src/server/**/*.ts'],
    rules: restrict(
      { group: ['@web/*', '**/web/**'], message: 'The server does not import the SPA.' },
      {
        group: ['@sandbox/*', '**/sandbox/**'],
        message: 'The server never imports the sandbox; test-support/ and scripts/stack.ts compose them.',
      },
    ),
  },
  {
    files: ['test-support/**/*.ts'],
    rules: restrict({
      group: ['@web/*', '**/web/**'],
      message: 'Test support composes server and sandbox, not the SPA.',
    }),
  },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: restrict({
      group: ['@domain/*', '@server/*', '@web/*', '**/domain/**', '**/server/**', '**/web/**'],
      message:
        'The sandbox shares no code with the product, so a misreading of the contract cannot hide in both.',
    }),
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict(
      {
        group: ['@web/*', '@server/*', '@sandbox/*', '**/web/**', '**/server/**', '**/sandbox/**'],
        message: 'Domain imports nothing of ours but domain.',
      },
      {
        group: ['node:*', 'react', 'react-dom', 'pg', 'hono'],
        message: 'Domain is pure TypeScript: no Node APIs, no DOM libraries.',
      },
    ),
  },
  {
    files: ['e2e/**/*.ts'],
    ...playwright.configs['flat/recommended'],
    rules: {
      ...playwright.configs['flat/recommended'].rules,
      'playwright/expect-expect': ['warn', { assertFunctionNames: ['login', 'expect*'] }],
    },
  },
);
