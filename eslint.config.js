// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * ESLint: typescript-eslint's strict, type-checked rules over all TypeScript; Prettier owns formatting
 * (eslint-config-prettier turns off every rule it would fight). Each tsconfig decides which globals a file sees
 * (web/src: the DOM; everything else: Node), so type-aware rules know them; the plain .js files get them here.
 * A rule turned off says why, next to it.
 */
export default defineConfig(
  { ignores: ['node_modules/', 'dist/', 'cdk.out/', '.newsroom/', 'coverage/', 'tests/fixtures/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Template literals with numbers are how messages are written here (`version ${n} is stale`); booleans,
      // objects and nullish values stay refused.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `_unused` names mark what a destructuring drops on purpose (e.g. the body left out of a list entry).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Plain JavaScript: CloudFront Functions (functions/edge, their own runtime) and config files. Not in any
    // tsconfig, so the type-aware rules cannot run on them.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // CloudFront Functions: `handler` is called by the runtime, never by this file.
    files: ['functions/edge/*.js'],
    languageOptions: { sourceType: 'script', globals: {} },
    rules: { 'no-unused-vars': ['error', { varsIgnorePattern: '^handler$' }] },
  },
  prettier,
);
