// plenum/pure-imports: a pure package (see ../architecture.js) must not load anything that
// does I/O or ties it to one runtime, so that the rules, the counts and the record can be
// checked offline and in the browser.

import path from 'node:path';
import { ADAPTER_PACKAGES, IO_LIBRARIES, PURE_PACKAGES, SCOPE, packageNameOf } from '../architecture.js';
import {
  importVisitor,
  isInside,
  isNodeBuiltin,
  matchPackageList,
  npmPackageName,
  packageOfFile,
  resolvePathSpecifier,
} from '../lib/imports.js';

/**
 * @typedef {object} PureImportsOptions
 * @property {string} [packageName] the npm name used in messages; by default derived from
 *   the file path (`packages/<folder>/…` → `@plenum/<folder>`)
 * @property {string[]} [purePackages] folder names of the pure packages (default:
 *   PURE_PACKAGES from architecture.js)
 * @property {string[]} [ioLibraries] forbidden npm libraries, `@scope/*` allowed (default:
 *   IO_LIBRARIES from architecture.js)
 */

const WHY =
  '{{pkg}} is a pure package (no I/O, no adapters) so that the rules, counts and record can be checked offline and in the browser.';
const SEE = 'See docs/ARCHITECTURE.md.';
const MOVE = 'Move this to an adapter and pass data in.';

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Pure packages must not import Node built-ins, adapters, I/O libraries, or files outside their own folder.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          packageName: { type: 'string' },
          purePackages: { type: 'array', items: { type: 'string' } },
          ioLibraries: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      builtin: `'{{source}}' is a Node built-in (I/O, or it ties the code to Node): ${WHY} ${MOVE} ${SEE}`,
      adapter: `'{{source}}' is an adapter (it does I/O): ${WHY} Adapters depend on pure packages, never the reverse: declare a port (an interface) here and let the adapter implement it. ${SEE}`,
      notPure: `'{{source}}' is not one of the pure packages: ${WHY} Import only pure packages (listed in tools/eslint-plugin-plenum/architecture.js). ${SEE}`,
      ioLibrary: `'{{source}}' is an I/O (or UI) library: ${WHY} ${MOVE} ${SEE}`,
      escapes: `'{{source}}' reaches outside {{dir}}/ (to {{target}}): ${WHY} Import another pure package by its name (@plenum/<name>, declared in package.json and tsconfig references); anything else belongs in an adapter. ${SEE}`,
      computed: `This {{kind}} has a computed module name, so it cannot be checked: ${WHY} Use a static import or a string literal. ${SEE}`,
    },
  },

  create(context) {
    const options = /** @type {PureImportsOptions} */ (context.options[0] ?? {});
    const purePackages = options.purePackages ?? PURE_PACKAGES;
    const ioLibraries = options.ioLibraries ?? IO_LIBRARIES;
    const filename = context.filename;
    const cwd = context.cwd;
    const location = packageOfFile(filename, cwd);
    const pkg = options.packageName ?? (location ? packageNameOf(location.folder) : 'this package');
    const repoRoot = location ? path.dirname(path.dirname(location.dir)) : cwd;

    /**
     * @param {string} absolute
     * @returns {string}
     */
    const display = (absolute) => {
      const relative = path.relative(repoRoot, absolute).split(path.sep).join('/');
      return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
    };

    return importVisitor(({ source, node, kind }) => {
      if (source === null) {
        context.report({
          node,
          messageId: 'computed',
          data: { pkg, kind: kind === 'dynamic' ? 'import()' : 'require()' },
        });
        return;
      }

      if (isNodeBuiltin(source)) {
        context.report({ node, messageId: 'builtin', data: { source, pkg } });
        return;
      }

      const target = resolvePathSpecifier(source, filename);
      if (target !== null) {
        if (location && !isInside(target, location.dir)) {
          context.report({
            node,
            messageId: 'escapes',
            data: { source, pkg, dir: display(location.dir), target: display(target) },
          });
        }
        return;
      }

      const name = npmPackageName(source);
      if (name.startsWith(SCOPE)) {
        const folder = name.slice(SCOPE.length);
        if (purePackages.includes(folder)) return;
        const messageId = ADAPTER_PACKAGES.includes(folder) || folder.startsWith('storage-') ? 'adapter' : 'notPure';
        context.report({ node, messageId, data: { source, pkg } });
        return;
      }

      if (matchPackageList(name, ioLibraries)) {
        context.report({ node, messageId: 'ioLibrary', data: { source, pkg } });
      }
    });
  },
};

export default rule;
