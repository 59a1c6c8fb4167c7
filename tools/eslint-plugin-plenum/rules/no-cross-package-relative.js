// plenum/no-cross-package-relative: a file in packages/<x>/ must not reach into another
// package's files with a relative (or absolute) path. Other packages are imported by
// name, so that the dependency is declared (package.json and tsconfig references) and
// only their public entry point is used. Pure packages get the same check (with a
// purity-specific message) from plenum/pure-imports.

import path from 'node:path';
import { importVisitor, isInside, packageOfFile, resolvePathSpecifier } from '../lib/imports.js';

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: "Relative imports must stay inside the importing package's folder.",
    },
    schema: [],
    messages: {
      escapes:
        "'{{source}}' reaches outside {{dir}}/ (to {{target}}): import another package by its name (@plenum/<name>, declared in package.json and tsconfig references) and use only what it exports. See docs/ARCHITECTURE.md.",
    },
  },

  create(context) {
    const filename = context.filename;
    const location = packageOfFile(filename, context.cwd);
    if (!location) return {};
    const repoRoot = path.dirname(path.dirname(location.dir));

    /**
     * @param {string} absolute
     * @returns {string}
     */
    const display = (absolute) => {
      const relative = path.relative(repoRoot, absolute).split(path.sep).join('/');
      return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
    };

    return importVisitor(({ source, node }) => {
      if (source === null) return;
      const target = resolvePathSpecifier(source, filename);
      if (target === null || isInside(target, location.dir)) return;
      context.report({
        node,
        messageId: 'escapes',
        data: { source, dir: display(location.dir), target: display(target) },
      });
    });
  },
};

export default rule;
