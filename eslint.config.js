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
  { ignores: ['node_modules/', 'dist/', 'cdk.out/', '.newsroom/', 'coverage/', 'tests/fixtures/', 'tests/.tmp/'] },
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
      // `onClick={() => setOpen(true)}` and `.then((x) => resolve(x))`: a shorthand arrow that forwards a void call is
      // the idiom of Preact handlers and promise plumbing; a void value used as a value is still refused.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `_unused` names mark what a destructuring drops on purpose (e.g. the body left out of a list entry).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['tests/**'],
    rules: {
      // After an assertion on a list's length, `items[0]!` is how a test reads its first entry; a wrong guess fails
      // the test at once (a TypeError), which is what an assertion would do. Runtime code keeps the rule.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['tests/infra/**'],
    rules: {
      // Synthesized CloudFormation is `any` in aws-cdk-lib's own assertions API (Template.toJSON, findResources);
      // these tests compare it with literal expectations, where a wrong path fails the assertion. Typing the template
      // JSON would add casts, not safety. Runtime code and other tests keep these rules.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
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
    rules: { '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^handler$' }] },
  },
  prettier,
);
