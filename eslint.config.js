// @ts-check
// ESLint flat config for the whole monorepo. Run `npm run lint` (eslint --max-warnings 0 .).
//
// Architecture rules come from the local plugin in tools/eslint-plugin-plenum; which
// packages are pure and which are adapters is decided in one place:
// tools/eslint-plugin-plenum/architecture.js.

import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import plenum, { ADAPTER_PACKAGES, PURE_PACKAGES, purePackageSourceGlobs } from '@plenum/eslint-plugin';

const TS_FILES = ['**/*.{ts,tsx,mts,cts}'];
const JS_FILES = ['**/*.{js,mjs,cjs,jsx}'];

// Files that belong to the root tsconfig.tests.json rather than to a package's tsconfig.json:
// the package tsconfigs exclude `src/**/*.test.ts` (tests are not built), and tests/,
// bench/ and the root config files belong to no package. packages/web is the exception:
// its tsconfig.json includes all of src/ (tests too) and vite.config.ts, and
// tsconfig.tests.json excludes it. A file matched here must be included by
// tsconfig.tests.json, or typescript-eslint reports a parsing error naming it.
const ROOT_TEST_PROJECT_FILES = [
  'packages/*/src/**/*.test.{ts,tsx}',
  'packages/*/src/test-support/**/*.ts',
  'tests/**/*.{ts,tsx}',
  'bench/**/*.{ts,tsx}',
  '*.{ts,mts,cts}',
];

// Virtual files used by tests/architecture/lint-boundaries.test.ts (see below).
const LINT_FIXTURE_GLOB = 'packages/*/src/__lint-fixture__.ts';

// TypeScript files that are in no tsconfig at all (the ESLint plugin's own tests live next
// to its plain-JS sources). They are linted without type information.
const UNTYPED_TS_FILES = ['tools/**/*.{ts,mts,cts}'];

// Plain-JS files that run on Node: scripts, tools, the CLI's bin shims, config files.
const NODE_JS_FILES = [
  'scripts/**/*.{js,mjs,cjs}',
  'tools/**/*.{js,mjs,cjs}',
  'packages/*/bin/**/*.{js,mjs,cjs}',
  '*.{js,mjs,cjs}',
];

export default defineConfig(
  globalIgnores([
    '**/dist/**',
    '**/node_modules/**',
    '**/coverage/**',
    'test-artifacts/**',
    'plenum-data/**',
    'packages/web/dist/**',
  ]),

  {
    name: 'plenum/linter-options',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,

  {
    name: 'plenum/type-information',
    files: TS_FILES,
    languageOptions: {
      parserOptions: {
        // Source files: the TypeScript project service finds each file's nearest tsconfig.json
        // (packages/<x>/tsconfig.json) and, like the editor, follows project references to the
        // *sources* of other packages, so lint does not need a build and sees exactly the
        // compiler options (`types: []` for pure packages, DOM for web) that `tsc -b` uses.
        projectService: {
          // tests/architecture/lint-boundaries.test.ts lints snippets with ESLint#lintText as if
          // they were a file of a package. That file never exists on disk, so no tsconfig.json
          // includes it; this pattern lets it use the default project (tsconfig.tests.json)
          // instead of writing temporary files into packages/*/src. No real file ever matches
          // (one that did would also be in its package's tsconfig, which is an error), so the
          // cap below only counts those virtual files: one per package.
          allowDefaultProject: [LINT_FIXTURE_GLOB],
          defaultProject: 'tsconfig.tests.json',
          maximumDefaultProjectFileMatchCount_THIS_WILL_SLOW_DOWN_LINTING:
            PURE_PACKAGES.length + ADAPTER_PACKAGES.length,
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // Test files are excluded from the package tsconfigs, so the project service cannot place
    // them: it reports "not found by the project service" (tried), and `allowDefaultProject`
    // does not accept `**` globs and is capped at a handful of files. They are exactly the
    // files of tsconfig.tests.json, so they are parsed with an explicit program for that
    // tsconfig, whose "development" condition resolves @plenum/* to sources too.
    // (Using `project: [every tsconfig]` for all files instead would resolve @plenum/* through
    // the package tsconfigs to dist/*.d.ts, i.e. lint would need `tsc -b` first.)
    name: 'plenum/type-information/tests',
    files: ROOT_TEST_PROJECT_FILES,
    ignores: ['packages/web/**'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './tsconfig.tests.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },

  {
    name: 'plenum/typescript',
    files: TS_FILES,
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // A switch over a union must name every member, unless it has a `default:` — so that
      // `switch (typeof x)` and switches over `string | undefined` with a default stay quiet.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: true },
      ],
      // With verbatimModuleSyntax, `import { type A } from 'x'` still loads 'x': write `import type`.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/consistent-type-exports': ['error', { fixMixedExportsWithInlineTypeSpecifier: true }],
      // Numbers and booleans read fine in messages; objects, null and undefined do not.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true, allowAny: false, allowNullish: false, allowRegExp: false },
      ],
      // `process.env['PORT']`: bracket access is the honest spelling for index signatures.
      '@typescript-eslint/dot-notation': ['error', { allowIndexSignaturePropertyAccess: true }],
      // `() => controller.abort()` and `(line) => stream.write(line)` are idiomatic callbacks.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  {
    name: 'plenum/everywhere',
    rules: { 'no-console': 'error' },
  },

  {
    name: 'plenum/tests',
    // storage-contract/src is a test suite that the storage adapters run; bench/ is not shipped.
    files: ['**/*.test.{ts,tsx}', 'tests/**/*.ts', 'bench/**/*.ts', 'packages/storage-contract/src/**/*.ts'],
    rules: {
      // Tests (and benchmarks) may use non-null assertions on fixtures they just built.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },

  {
    name: 'plenum/untyped',
    files: [...JS_FILES, ...UNTYPED_TS_FILES],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    name: 'plenum/node-scripts',
    files: [...NODE_JS_FILES, ...UNTYPED_TS_FILES],
    languageOptions: { globals: globals.node },
  },

  {
    // The CLI talks to the terminal, scripts print progress, benchmarks print their tables:
    // console is their output.
    name: 'plenum/console-allowed',
    files: ['packages/cli/**', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },

  {
    // Pure packages: no Node built-ins, no adapters, no I/O libraries, no reaching outside.
    name: 'plenum/pure-packages',
    files: purePackageSourceGlobs(),
    plugins: { plenum },
    rules: { 'plenum/pure-imports': 'error' },
  },
  {
    // Every other package may do I/O but still must not reach into another package's files.
    name: 'plenum/package-boundaries',
    files: ['packages/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'],
    ignores: purePackageSourceGlobs(),
    plugins: { plenum },
    rules: { 'plenum/no-cross-package-relative': 'error' },
  },

  // Last: turn off every stylistic rule that Prettier owns.
  prettier,
);
