// Start-up: how long `plenum demo` takes from launch to serving, first start and restart.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const BIN = fileURLToPath(new URL('../packages/cli/bin/plenum.js', import.meta.url));

function startOnce(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [BIN, 'demo', '--data-dir', dataDir, '--port', '0'], {
      env: { ...process.env, LANG: 'C' },
    });
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('http://')) {
        const elapsed = performance.now() - start;
        child.kill('SIGTERM');
        child.on('close', () => resolve(elapsed));
      }
    });
    child.on('error', reject);
  });
}

console.log(
  '\n### Start-up of `plenum demo` (compiled, new process)\n\n| case | median | best | runs |\n| --- | --- | --- | --- |',
);
for (const [label, reuse] of [
  ['first start (creates the demo)', false],
  ['restart (reuses the data)', true],
] as const) {
  const times: number[] = [];
  const shared = mkdtempSync(join(tmpdir(), 'plenum-bench-start-'));
  if (reuse) await startOnce(shared);
  for (let i = 0; i < 5; i += 1) {
    const dir = reuse ? shared : mkdtempSync(join(tmpdir(), 'plenum-bench-start-'));
    times.push(await startOnce(dir));
    if (!reuse) rmSync(dir, { recursive: true, force: true });
  }
  rmSync(shared, { recursive: true, force: true });
  times.sort((a, b) => a - b);
  console.log(`| ${label} | ${times[2]!.toFixed(0)} ms | ${times[0]!.toFixed(0)} ms | 5 |`);
}
