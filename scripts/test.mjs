#!/usr/bin/env node
// `npm test`: build, type-check the tests, lint, check formatting, then run every test with
// vitest, and end with the one line CI reads: "N passed, N failed, N skipped".
// A failed step before the tests counts as a failure in that line, so it cannot go unseen.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const REPORT = '.vitest-report.json';
const steps = [
  ['build', 'npm', ['run', 'build']],
  ['type-check tests and benchmarks', 'npx', ['tsc', '-p', 'tsconfig.tests.json']],
  ['type-check the lint plugin', 'npx', ['tsc', '-p', 'tools/eslint-plugin-plenum']],
  ['lint', 'npm', ['run', 'lint']],
  ['format', 'npm', ['run', 'format:check']],
];

const failedSteps = [];
for (const [name, command, args] of steps) {
  console.log(`\n── ${name} ──`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) failedSteps.push(name);
}

console.log('\n── tests ──');
rmSync(REPORT, { force: true });
const extra = process.argv.slice(2);
const vitest = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT}`, ...extra],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(REPORT)) {
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  // A test file that fails to load has no tests in it: count it as a failure.
  failed += report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
} else {
  failedSteps.push('tests (no report)');
}
if (vitest.status !== 0 && failed === 0) failedSteps.push('tests (vitest exited with an error)');

if (failedSteps.length > 0) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
failed += failedSteps.length;
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
