// The one place that says which Plenum packages are pure and which are adapters.
//
// eslint.config.js, the `plenum/*` rules and tests/architecture/*.test.ts all read these
// lists, so adding a package means editing this file only. A folder under packages/ that
// is in neither list makes tests/architecture/lint-boundaries.test.ts fail: every new
// package has to be classified on purpose.

/**
 * Pure packages (folder names under packages/, package name `@plenum/<folder>`).
 *
 * They may import only other pure packages and the pure npm libraries below; never a
 * Node built-in, never an adapter, never an I/O library. That is what lets the rules,
 * the counts and the record be checked offline and in the browser (and by the offline
 * verifier). `app` holds the use cases and the storage *ports*; the adapters implement
 * those ports.
 *
 * `tally` and `crypto` do not exist yet; they are listed now so that the rules apply to
 * them from their first file.
 *
 * @type {readonly string[]}
 */
export const PURE_PACKAGES = Object.freeze([
  'kernel',
  'i18n',
  'domain',
  'demo',
  'api',
  'app',
  'tally',
  'crypto',
  'log',
  'record',
  'verifier',
]);

/**
 * Adapter packages: they do I/O (storage, HTTP, terminal, browser) around the pure core.
 * (`plenum/pure-imports` also treats any `@plenum/storage-*` as an adapter.)
 *
 * @type {readonly string[]}
 */
export const ADAPTER_PACKAGES = Object.freeze([
  'storage-contract',
  'storage-sql',
  'storage-sqlite',
  'storage-postgres',
  'server',
  'cli',
  'web',
]);

/**
 * npm libraries a pure package may list in its package.json `dependencies`.
 * Keep this short: each entry must be free of I/O and run unchanged in the browser.
 *
 * @type {readonly string[]}
 */
export const PURE_LIBRARIES = Object.freeze(['zod', '@formatjs/intl', '@noble/hashes', '@noble/curves', 'yaml']);

/**
 * Known I/O (or UI/runtime-bound) npm libraries that a pure package must never import.
 * An entry ending in `/*` matches a whole npm scope.
 *
 * @type {readonly string[]}
 */
export const IO_LIBRARIES = Object.freeze([
  // databases
  'better-sqlite3',
  'sqlite3',
  'pg',
  'pg-pool',
  'postgres',
  'mysql2',
  'kysely',
  'knex',
  // HTTP, sockets, mail
  'fastify',
  '@fastify/*',
  'express',
  'ws',
  'undici',
  'node-fetch',
  'axios',
  'nodemailer',
  // logging, environment, files
  'pino',
  'pino-pretty',
  'dotenv',
  'fs-extra',
  'chokidar',
  'glob',
  // browsers, UI, build tools
  'playwright',
  'playwright-core',
  'react',
  'react-dom',
  'react-intl',
  'vite',
]);

/** The npm scope of every Plenum workspace package. */
export const SCOPE = '@plenum/';

/**
 * @param {string} folder a folder name under packages/
 * @returns {string} its npm package name
 */
export function packageNameOf(folder) {
  return `${SCOPE}${folder}`;
}

/**
 * @param {string} name an npm package name such as `@plenum/domain`
 * @returns {boolean}
 */
export function isPurePackageName(name) {
  return name.startsWith(SCOPE) && PURE_PACKAGES.includes(name.slice(SCOPE.length));
}

/**
 * Globs (relative to the repository root) of the source files of the pure packages, for
 * eslint.config.js.
 *
 * @returns {string[]}
 */
export function purePackageSourceGlobs() {
  return PURE_PACKAGES.map((folder) => `packages/${folder}/src/**/*.{ts,tsx,mts,cts,js,mjs}`);
}
