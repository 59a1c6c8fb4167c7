// Helpers shared by the plenum/* rules: finding every module specifier in a file, and
// working out which workspace package a file belongs to.

import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * @typedef {import('eslint').Rule.Node} Node
 * @typedef {import('eslint').Rule.RuleContext} RuleContext
 * @typedef {import('eslint').Rule.RuleListener} RuleListener
 */

/**
 * One module reference found in the source.
 *
 * @typedef {object} ImportReference
 * @property {string | null} source the specifier, or null when it is computed at run time
 * @property {Node} node the node to report on
 * @property {'static' | 'dynamic' | 'require'} kind how the module is loaded
 */

/** @type {ReadonlySet<string>} */
const BUILTINS = new Set(builtinModules);

/**
 * Is this specifier a Node built-in module (`node:*`, or a bare name such as `fs`,
 * `fs/promises`, `path`, `crypto`)? `node:`-only modules (`node:test`, `node:sqlite`, …)
 * are covered by the prefix check.
 *
 * @param {string} source
 * @returns {boolean}
 */
export function isNodeBuiltin(source) {
  return source.startsWith('node:') || BUILTINS.has(source);
}

/**
 * @param {string} source
 * @returns {boolean} true for `./x`, `../x`, `.`, `..`, absolute paths and `file:` URLs
 */
export function isPathSpecifier(source) {
  return (
    source === '.' ||
    source === '..' ||
    source.startsWith('./') ||
    source.startsWith('../') ||
    source.startsWith('/') ||
    source.startsWith('file:') ||
    /^[A-Za-z]:[\\/]/.test(source)
  );
}

/**
 * The npm package name of a bare specifier: `@scope/name/sub` → `@scope/name`,
 * `name/sub` → `name`.
 *
 * @param {string} source
 * @returns {string}
 */
export function npmPackageName(source) {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? source);
}

/**
 * Does an npm package name match a list entry (exact, or `@scope/*`)?
 *
 * @param {string} name
 * @param {readonly string[]} list
 * @returns {string | undefined} the matching entry
 */
export function matchPackageList(name, list) {
  return list.find((entry) => (entry.endsWith('/*') ? name.startsWith(entry.slice(0, -1)) : name === entry));
}

/**
 * The static value of a string literal or a template literal without expressions.
 *
 * @param {unknown} node
 * @returns {string | null}
 */
function staticString(node) {
  const n =
    /** @type {{ type?: string, value?: unknown, expressions?: unknown[], quasis?: { value: { cooked: string | null } }[] } | null | undefined} */ (
      node
    );
  if (!n) return null;
  if (n.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n.type === 'TemplateLiteral' && n.expressions?.length === 0 && n.quasis?.length === 1) {
    return n.quasis[0]?.value.cooked ?? null;
  }
  return null;
}

/**
 * Build a listener that calls `onImport` for every module the file loads:
 * `import … from`, `import '…'`, `export … from`, `import x = require('…')` (TypeScript),
 * `typeof import('…')` (TypeScript type), `import(…)` and `require(…)`.
 *
 * @param {(ref: ImportReference) => void} onImport
 * @returns {RuleListener}
 */
export function importVisitor(onImport) {
  /**
   * @param {Node & { source?: unknown }} node
   */
  const fromDeclaration = (node) => {
    const source = staticString(node.source);
    if (source !== null) onImport({ source, node, kind: 'static' });
  };

  return {
    ImportDeclaration: fromDeclaration,
    ExportNamedDeclaration: (node) => {
      if (node.source) fromDeclaration(node);
    },
    ExportAllDeclaration: fromDeclaration,
    ImportExpression: (node) => {
      onImport({ source: staticString(node.source), node, kind: 'dynamic' });
    },
    CallExpression: (node) => {
      const { callee } = node;
      const isRequire =
        (callee.type === 'Identifier' && callee.name === 'require') ||
        (callee.type === 'MemberExpression' &&
          callee.object.type === 'Identifier' &&
          callee.object.name === 'require' &&
          callee.property.type === 'Identifier' &&
          callee.property.name === 'resolve');
      if (!isRequire) return;
      const first = node.arguments[0];
      onImport({ source: first ? staticString(first) : null, node, kind: 'require' });
    },
    // TypeScript-only syntax (typescript-eslint AST); plain JS never produces these nodes.
    /** @param {any} node */
    TSImportEqualsDeclaration: (node) => {
      if (node.moduleReference?.type === 'TSExternalModuleReference') {
        const source = staticString(node.moduleReference.expression);
        onImport({ source, node, kind: 'require' });
      }
    },
    /** @param {any} node */
    TSImportType: (node) => {
      // typescript-eslint ≥ 8.x has `source` (a string literal); older versions only have the
      // now-deprecated `argument` (a TSLiteralType wrapping it). Read `argument` only as a
      // fallback, since touching it prints a deprecation warning.
      const source =
        'source' in node
          ? staticString(node.source)
          : staticString(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument);
      if (source !== null) onImport({ source, node, kind: 'static' });
    },
  };
}

/**
 * Where a file sits in the monorepo: `<root>/packages/<folder>/…`.
 *
 * @typedef {object} PackageLocation
 * @property {string} folder the folder name under packages/
 * @property {string} dir the absolute path of the package folder
 */

/**
 * Find the workspace package a file belongs to from its path. Prefers the path relative
 * to ESLint's cwd (so a checkout that itself lives under a `packages/` folder still
 * works), then falls back to the last `/packages/<name>/` segment.
 *
 * @param {string} filename absolute file path
 * @param {string} cwd ESLint's working directory
 * @returns {PackageLocation | null}
 */
export function packageOfFile(filename, cwd) {
  const normalized = path.resolve(filename);
  const relative = path.relative(cwd, normalized).split(path.sep).join('/');
  const direct = /^packages\/([^/]+)\//.exec(relative);
  if (direct?.[1]) return { folder: direct[1], dir: path.join(cwd, 'packages', direct[1]) };

  const posix = normalized.split(path.sep).join('/');
  const index = posix.lastIndexOf('/packages/');
  if (index < 0) return null;
  const folder = posix.slice(index + '/packages/'.length).split('/')[0];
  if (!folder) return null;
  return { folder, dir: path.join(normalized.slice(0, index), 'packages', folder) };
}

/**
 * Where a path specifier points, as an absolute path (null if it is not a path).
 *
 * @param {string} source
 * @param {string} filename the importing file
 * @returns {string | null}
 */
export function resolvePathSpecifier(source, filename) {
  if (!isPathSpecifier(source)) return null;
  if (source.startsWith('file:')) {
    try {
      return path.resolve(decodeURIComponent(new URL(source).pathname));
    } catch {
      return null;
    }
  }
  return path.resolve(path.dirname(filename), source);
}

/**
 * @param {string} target absolute path
 * @param {string} dir absolute directory
 * @returns {boolean} true if `target` is `dir` itself or inside it
 */
export function isInside(target, dir) {
  const relative = path.relative(dir, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
