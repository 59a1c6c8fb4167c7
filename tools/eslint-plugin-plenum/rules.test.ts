// Unit tests of the plenum/* rules on their own (no project config, no type information).
// tests/architecture/lint-boundaries.test.ts checks them again through eslint.config.js.

import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import plugin from './index.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const rules = plugin.rules ?? {};
const pureImports = rules['pure-imports'];
const noCrossPackageRelative = rules['no-cross-package-relative'];
if (!pureImports || !noCrossPackageRelative) throw new Error('the plugin does not export its rules');

const tester = new RuleTester({
  languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
});

const DOMAIN_FILE = '/repo/packages/domain/src/sub/file.ts';
const SERVER_FILE = '/repo/packages/server/src/file.ts';

const domain = (code: string) => ({ code, filename: DOMAIN_FILE });

tester.run('pure-imports', pureImports, {
  valid: [
    domain("import { ok } from '@plenum/kernel';"),
    domain("import type { Id } from '@plenum/kernel';"),
    domain("export * from '@plenum/i18n';"),
    domain("import { x } from './x.ts';"),
    domain("import { y } from '../y.ts';"),
    domain("import { z } from 'zod/mini';"),
    domain("import { createIntl } from '@formatjs/intl';"),
    domain("export const f = () => import('./lazy.ts');"),
    domain("import { describe } from 'vitest';"),
    domain("const domainName = 'fs'; export { domainName };"),
  ],
  invalid: [
    { ...domain("import { readFileSync } from 'node:fs';"), errors: [{ messageId: 'builtin' }] },
    { ...domain("import { readFileSync } from 'fs';"), errors: [{ messageId: 'builtin' }] },
    { ...domain("import { readFile } from 'fs/promises';"), errors: [{ messageId: 'builtin' }] },
    { ...domain("import { createHash } from 'node:crypto';"), errors: [{ messageId: 'builtin' }] },
    { ...domain("import crypto from 'crypto';"), errors: [{ messageId: 'builtin' }] },
    { ...domain("import test from 'node:test';"), errors: [{ messageId: 'builtin' }] },
    { ...domain("import type { Server } from 'node:net';"), errors: [{ messageId: 'builtin' }] },
    { ...domain("export { join } from 'node:path';"), errors: [{ messageId: 'builtin' }] },
    { ...domain("export * from 'node:os';"), errors: [{ messageId: 'builtin' }] },
    { ...domain("const fs = require('fs');"), errors: [{ messageId: 'builtin' }] },
    { ...domain("import fs = require('node:fs');"), errors: [{ messageId: 'builtin' }] },
    { ...domain("type Fs = typeof import('node:fs');"), errors: [{ messageId: 'builtin' }] },
    { ...domain("export const net = () => import('node:net');"), errors: [{ messageId: 'builtin' }] },
    { ...domain('export const net = () => import(`node:net`);'), errors: [{ messageId: 'builtin' }] },
    {
      ...domain("import { openSqliteStorage } from '@plenum/storage-sqlite';"),
      errors: [{ messageId: 'adapter' }],
    },
    { ...domain("import '@plenum/storage-postgres';"), errors: [{ messageId: 'adapter' }] },
    { ...domain("import { startServer } from '@plenum/server';"), errors: [{ messageId: 'adapter' }] },
    { ...domain("import { main } from '@plenum/cli';"), errors: [{ messageId: 'adapter' }] },
    { ...domain("import { App } from '@plenum/web';"), errors: [{ messageId: 'adapter' }] },
    { ...domain("import { storageContract } from '@plenum/storage-contract';"), errors: [{ messageId: 'adapter' }] },
    { ...domain("import plugin from '@plenum/eslint-plugin';"), errors: [{ messageId: 'notPure' }] },
    { ...domain("import Database from 'better-sqlite3';"), errors: [{ messageId: 'ioLibrary' }] },
    { ...domain("import type { FastifyInstance } from 'fastify';"), errors: [{ messageId: 'ioLibrary' }] },
    { ...domain("import fastifyStatic from '@fastify/static';"), errors: [{ messageId: 'ioLibrary' }] },
    { ...domain("import { Kysely } from 'kysely';"), errors: [{ messageId: 'ioLibrary' }] },
    { ...domain("import { createRoot } from 'react-dom/client';"), errors: [{ messageId: 'ioLibrary' }] },
    { ...domain("import pino from 'pino';"), errors: [{ messageId: 'ioLibrary' }] },
    { ...domain("import { Pool } from 'pg';"), errors: [{ messageId: 'ioLibrary' }] },
    {
      ...domain("import { startServer } from '../../../server/src/index.ts';"),
      errors: [{ messageId: 'escapes' }],
    },
    { ...domain("import { ok } from '../../../kernel/src/index.ts';"), errors: [{ messageId: 'escapes' }] },
    { ...domain("import { x } from '/repo/packages/storage-sqlite/src/x.ts';"), errors: [{ messageId: 'escapes' }] },
    { ...domain("import { x } from 'file:///repo/packages/app/src/x.ts';"), errors: [{ messageId: 'escapes' }] },
    { ...domain('export const load = (name: string) => import(name);'), errors: [{ messageId: 'computed' }] },
    { ...domain('const m = require(process.argv[2]);'), errors: [{ messageId: 'computed' }] },
    {
      code: "import { readFileSync } from 'node:fs';",
      filename: '/anywhere/else.ts',
      options: [{ packageName: '@plenum/verifier' }],
      errors: [
        {
          message:
            "'node:fs' is a Node built-in (I/O, or it ties the code to Node): @plenum/verifier is a pure package (no I/O, no adapters) so that the rules, counts and record can be checked offline and in the browser. Move this to an adapter and pass data in. See docs/ARCHITECTURE.md.",
        },
      ],
    },
  ],
});

tester.run('no-cross-package-relative', noCrossPackageRelative, {
  valid: [
    { code: "import { readFileSync } from 'node:fs';", filename: SERVER_FILE },
    { code: "import { x } from './x.ts';", filename: SERVER_FILE },
    { code: "import { ok } from '@plenum/kernel';", filename: SERVER_FILE },
    { code: "import { x } from '../../../elsewhere.ts';", filename: '/repo/scripts/x.ts' },
  ],
  invalid: [
    {
      code: "import { decide } from '../../domain/src/commands.ts';",
      filename: SERVER_FILE,
      errors: [{ messageId: 'escapes' }],
    },
    {
      code: "export const load = () => import('../../storage-sqlite/src/index.ts');",
      filename: SERVER_FILE,
      errors: [{ messageId: 'escapes' }],
    },
  ],
});
