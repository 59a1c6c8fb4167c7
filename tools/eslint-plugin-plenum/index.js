// @plenum/eslint-plugin: Plenum's architecture rules for ESLint (flat config).
//
//   import plenum from '@plenum/eslint-plugin';
//   export default [{ plugins: { plenum }, rules: { 'plenum/pure-imports': 'error' } }];
//
// The lists of pure and adapter packages live in ./architecture.js (re-exported here).

import { readFileSync } from 'node:fs';
import noCrossPackageRelative from './rules/no-cross-package-relative.js';
import pureImports from './rules/pure-imports.js';

export {
  ADAPTER_PACKAGES,
  IO_LIBRARIES,
  PURE_LIBRARIES,
  PURE_PACKAGES,
  SCOPE,
  isPurePackageName,
  packageNameOf,
  purePackageSourceGlobs,
} from './architecture.js';

/** @type {{ name: string, version: string }} */
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @type {import('eslint').ESLint.Plugin} */
const plugin = {
  meta: { name: pkg.name, version: pkg.version },
  rules: {
    'pure-imports': pureImports,
    'no-cross-package-relative': noCrossPackageRelative,
  },
};

export default plugin;
