#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts and prints Markdown tables to paste into
// docs/benchmarks.md together with the machine and the date. Builds first (start-up bench
// runs the compiled `plenum`).
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readdirSync } from 'node:fs';

const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npx', ['tsc', '-b']);
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
console.log(`Date: ${new Date().toISOString().slice(0, 10)}`);
const only = process.argv[2];
for (const file of readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()) {
  if (only !== undefined && !file.includes(only)) continue;
  run(process.execPath, ['--conditions=development', '--import', 'tsx', `bench/${file}`]);
}
