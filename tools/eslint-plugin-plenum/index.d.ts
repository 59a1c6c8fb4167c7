// Types for index.js (plain ESM with JSDoc), so TypeScript code such as
// tests/architecture/*.test.ts can import the plugin and its package lists.
// Keep in step with index.js and architecture.js; `npx tsc -p tools/eslint-plugin-plenum`
// checks the JavaScript against its JSDoc.

import type { ESLint } from 'eslint';

/** Folder names (under packages/) of the pure packages. */
export declare const PURE_PACKAGES: readonly string[];
/** Folder names (under packages/) of the adapter packages. */
export declare const ADAPTER_PACKAGES: readonly string[];
/** npm libraries a pure package may depend on. */
export declare const PURE_LIBRARIES: readonly string[];
/** npm libraries a pure package must never import (`@scope/*` matches a scope). */
export declare const IO_LIBRARIES: readonly string[];
/** `@plenum/` */
export declare const SCOPE: string;
/** `kernel` → `@plenum/kernel` */
export declare function packageNameOf(folder: string): string;
export declare function isPurePackageName(name: string): boolean;
/** Globs of the source files of the pure packages, relative to the repository root. */
export declare function purePackageSourceGlobs(): string[];

declare const plugin: ESLint.Plugin;
export default plugin;
