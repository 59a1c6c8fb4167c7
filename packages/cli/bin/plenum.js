#!/usr/bin/env node
// The `plenum` command. The TypeScript sources are compiled to ../dist by `npm run build`
// (which `npm start` and `npm test` run first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/run.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(`plenum: not built yet (${fileURLToPath(entry)} is missing). Run "npm run build" first.\n`);
  process.exit(1);
}
await import(entry.href);
