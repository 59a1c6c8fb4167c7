// The architecture, checked: pure packages (no I/O, no adapters) stay pure.
//
// 1. Through the real eslint.config.js: snippets linted as if they were files of a package
//    get (or do not get) a plenum/pure-imports error, with a message that says why.
// 2. Through the manifests: what each package may depend on, and that every workspace
//    dependency is mirrored in the tsconfig project references that `tsc -b` follows.
//
// Which packages are pure is decided in tools/eslint-plugin-plenum/architecture.js.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ADAPTER_PACKAGES, PURE_LIBRARIES, PURE_PACKAGES, SCOPE, packageNameOf } from '@plenum/eslint-plugin';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const packagesDir = path.join(repoRoot, 'packages');

/** Package folders that exist on disk (PURE_PACKAGES also lists packages still to come). */
const existingPackages = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(packagesDir, entry.name, 'package.json')))
  .map((entry) => entry.name)
  .sort();
const existingPure = existingPackages.filter((folder) => PURE_PACKAGES.includes(folder));
const existingAdapters = existingPackages.filter((folder) => ADAPTER_PACKAGES.includes(folder));

// ---------------------------------------------------------------------------------------
// 1. Lint rules, through the real configuration
// ---------------------------------------------------------------------------------------

// One ESLint instance for the whole file, created on first use: it loads eslint.config.js
// exactly as `npx eslint .` does.
let eslint: ESLint | undefined;
const linter = (): ESLint => (eslint ??= new ESLint({ cwd: repoRoot }));

/**
 * Lint `code` as if it were the file packages/<folder>/src/__lint-fixture__.ts.
 *
 * That file does not exist on disk, so no package tsconfig.json includes it; eslint.config.js
 * lets exactly that name use the project service's default project instead. Nothing is
 * written into packages/, so this test neither races with other processes nor leaves files
 * behind, and since every call passes the whole file text, no case depends on another or on
 * the order they run in. (typescript-eslint caps how many files may use the default project,
 * so there is one fixture name per package rather than one per case.)
 */
async function lintAs(folder: string, code: string): Promise<Linter.LintMessage[]> {
  const filePath = path.join(packagesDir, folder, 'src', '__lint-fixture__.ts');
  expect(existsSync(filePath), `${filePath} must not exist`).toBe(false);
  const [result] = await linter().lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  // A parsing or configuration problem would hide every rule: fail loudly on it.
  const fatal = result.messages.filter((message) => message.fatal === true || message.ruleId === null);
  expect(fatal.map((message) => message.message)).toEqual([]);
  return result.messages;
}

const pureImportErrors = (messages: Linter.LintMessage[]): Linter.LintMessage[] =>
  messages.filter((message) => message.ruleId === 'plenum/pure-imports' && message.severity === 2);

/** Every message must say what is wrong, and why it matters. */
function expectExplained(message: Linter.LintMessage | undefined, specifier: string, folder: string): void {
  expect(message, `expected a plenum/pure-imports error for '${specifier}'`).toBeDefined();
  const text = message?.message ?? '';
  expect(text).toContain(`'${specifier}'`);
  expect(text).toContain(`${SCOPE}${folder} is a pure package (no I/O, no adapters)`);
  expect(text).toContain('checked offline and in the browser');
  expect(text).toContain('docs/ARCHITECTURE.md');
}

const FORBIDDEN_IN_PURE: { name: string; code: string; specifier: string; because: RegExp }[] = [
  {
    name: "a 'node:' built-in",
    code: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    specifier: 'node:fs',
    because: /Node built-in/,
  },
  {
    name: 'a bare built-in name',
    code: "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n",
    specifier: 'fs',
    because: /Node built-in/,
  },
  {
    name: 'an adapter package',
    code: "import * as storage from '@plenum/storage-sqlite';\nexport { storage };\n",
    specifier: '@plenum/storage-sqlite',
    because: /is an adapter/,
  },
  {
    name: 'an I/O library',
    code: "import Database from 'better-sqlite3';\nexport { Database };\n",
    specifier: 'better-sqlite3',
    because: /I\/O \(or UI\) library/,
  },
  {
    name: 'a relative path into another package',
    code: "import * as server from '../../server/src/index.ts';\nexport { server };\n",
    specifier: '../../server/src/index.ts',
    because: /reaches outside packages\/\w+\/ \(to packages\/server\/src\/index\.ts\)/,
  },
  {
    name: 'a dynamic import() of a built-in',
    code: "export async function connect(): Promise<unknown> {\n  return import('node:net');\n}\n",
    specifier: 'node:net',
    because: /Node built-in/,
  },
  {
    name: 'a re-export from an adapter',
    code: "export * from '@plenum/server';\n",
    specifier: '@plenum/server',
    because: /is an adapter/,
  },
  {
    name: 'a type-only import of an I/O library',
    code: "import type { FastifyInstance } from 'fastify';\nexport type Server = FastifyInstance;\n",
    specifier: 'fastify',
    because: /I\/O \(or UI\) library/,
  },
];

describe('plenum/pure-imports, through eslint.config.js', () => {
  for (const folder of ['domain', 'kernel']) {
    describe(`in packages/${folder}/src`, () => {
      for (const { name, code, specifier, because } of FORBIDDEN_IN_PURE) {
        it(`reports ${name} (${specifier})`, async () => {
          const errors = pureImportErrors(await lintAs(folder, code));
          expect(errors).toHaveLength(1);
          expectExplained(errors[0], specifier, folder);
          expect(errors[0]?.message).toMatch(because);
        });
      }
    });
  }

  it('allows a pure package to import another pure package', async () => {
    const messages = await lintAs('domain', "import * as kernel from '@plenum/kernel';\nexport { kernel };\n");
    expect(pureImportErrors(messages)).toEqual([]);
    // The snippet is clean, so any message at all would mean the fixture setup is broken
    // (for instance, '@plenum/kernel' not resolving to its sources).
    expect(messages.map((message) => `${message.ruleId ?? 'fatal'}: ${message.message}`)).toEqual([]);
  });

  it('allows relative imports inside the package and the pure libraries', async () => {
    const code = [
      "import { z } from 'zod/mini';",
      "import { createIntl } from '@formatjs/intl';",
      "import * as local from './index.ts';",
      'export { z, createIntl, local };',
      '',
    ].join('\n');
    expect(pureImportErrors(await lintAs('domain', code))).toEqual([]);
  });

  it.each(existingPure)('applies to every pure package: packages/%s', async (folder) => {
    const errors = pureImportErrors(
      await lintAs(folder, "import { readFileSync } from 'node:fs';\nexport { readFileSync };\n"),
    );
    expect(errors).toHaveLength(1);
    expectExplained(errors[0], 'node:fs', folder);
  });

  it.each(existingAdapters)('does not apply to adapters: packages/%s', async (folder) => {
    const code = [
      "import { readFileSync } from 'node:fs';",
      "import * as storage from '@plenum/storage-sqlite';",
      'export { readFileSync, storage };',
      '',
    ].join('\n');
    expect(pureImportErrors(await lintAs(folder, code))).toEqual([]);
  });

  it("stops adapters from reaching into another package's files", async () => {
    const messages = await lintAs(
      'server',
      "import * as domain from '../../domain/src/index.ts';\nexport { domain };\n",
    );
    const errors = messages.filter((message) => message.ruleId === 'plenum/no-cross-package-relative');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('import another package by its name');
  });
});

// ---------------------------------------------------------------------------------------
// 2. Package manifests and project references
// ---------------------------------------------------------------------------------------

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function readManifest(folder: string): Manifest {
  return JSON.parse(readFileSync(path.join(packagesDir, folder, 'package.json'), 'utf8')) as Manifest;
}

/** Runtime dependencies: what the package may load when it runs. */
function runtimeDependencies(manifest: Manifest): string[] {
  return [
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ];
}

/** A tsconfig file, read the way tsc reads it (comments and trailing commas allowed). */
function readTsconfig(file: string): { references?: { path: string }[] } {
  const read = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  return read.config as { references?: { path: string }[] };
}

/** The package folders a tsconfig references, by folder name under packages/. */
function referencedPackages(tsconfigFile: string): string[] {
  const references = readTsconfig(tsconfigFile).references ?? [];
  return references.map(({ path: reference }) => {
    const target = path.resolve(path.dirname(tsconfigFile), reference);
    const dir = target.endsWith('.json') ? path.dirname(target) : target;
    const relative = path.relative(packagesDir, dir);
    expect(relative.startsWith('..') || path.isAbsolute(relative), `${tsconfigFile}: reference ${reference}`).toBe(
      false,
    );
    return relative.split(path.sep)[0] ?? relative;
  });
}

describe('package manifests', () => {
  it('classifies every package as pure or adapter (tools/eslint-plugin-plenum/architecture.js)', () => {
    const unclassified = existingPackages.filter(
      (folder) => !PURE_PACKAGES.includes(folder) && !ADAPTER_PACKAGES.includes(folder),
    );
    expect(unclassified).toEqual([]);
    expect(PURE_PACKAGES.filter((folder) => ADAPTER_PACKAGES.includes(folder))).toEqual([]);
  });

  it.each(existingPackages)('packages/%s is named @plenum/<folder>', (folder) => {
    expect(readManifest(folder).name).toBe(packageNameOf(folder));
  });

  it.each(existingPure)('pure packages/%s depends only on pure packages and pure libraries', (folder) => {
    const forbidden = runtimeDependencies(readManifest(folder)).filter(
      (name) =>
        !(name.startsWith(SCOPE) && PURE_PACKAGES.includes(name.slice(SCOPE.length))) && !PURE_LIBRARIES.includes(name),
    );
    expect(forbidden, `allowed: pure @plenum/* packages and ${PURE_LIBRARIES.join(', ')}`).toEqual([]);
  });

  it.each(existingPackages)('packages/%s: @plenum/* dependencies and tsconfig references match', (folder) => {
    const dependencies = runtimeDependencies(readManifest(folder))
      .filter((name) => name.startsWith(SCOPE))
      .map((name) => name.slice(SCOPE.length));
    for (const dependency of dependencies) {
      expect(existingPackages, `${packageNameOf(folder)} depends on a package that does not exist`).toContain(
        dependency,
      );
    }
    expect(dependencies, `${packageNameOf(folder)} must not depend on itself`).not.toContain(folder);
    const references = referencedPackages(path.join(packagesDir, folder, 'tsconfig.json'));
    expect([...references].sort(), `packages/${folder}/tsconfig.json "references" vs package.json`).toEqual(
      [...new Set(dependencies)].sort(),
    );
  });

  it('builds every package from the root tsconfig.json (tsc -b)', () => {
    expect([...referencedPackages(path.join(repoRoot, 'tsconfig.json'))].sort()).toEqual(existingPackages);
  });
});
