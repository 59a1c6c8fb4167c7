// `plenum verify election` side by side with `belenios-tool election verify` (Debian's 2.0) on
// the same BELENIOS-2048 archive: an election made by belenios-tool with CRYPTO_BENCH_VOTERS
// ballots (default 30) of two questions and eight answers, then verified whole by each.
// Needs belenios-tool on the PATH.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { verifyArchive } from '../packages/crypto/src/index.ts';
import { header, measure } from './harness.ts';

const VOTERS = Number(process.env['CRYPTO_BENCH_VOTERS'] ?? 30);
const dir = mkdtempSync(join(tmpdir(), 'plenum-bench-belenios-'));
const env = { ...process.env, BELENIOS_USE_URANDOM: '1' };
const tool = (args: string[], input = ''): string => {
  const r = spawnSync('belenios-tool', args, { cwd: dir, input, encoding: 'utf8', env, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`belenios-tool ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const only = (suffix: string): string => readdirSync(dir).find((f) => f.endsWith(suffix))!;

const uuid = tool(['setup', 'generate-token']).trim();
tool(['setup', 'generate-credentials', '--uuid', uuid, '--group', 'BELENIOS-2048', '--count', String(VOTERS)]);
renameSync(join(dir, only('.privcreds')), join(dir, 'private_creds.txt'));
renameSync(join(dir, only('.pubcreds')), join(dir, 'public_creds.json'));
tool(['setup', 'generate-trustee-key', '--group', 'BELENIOS-2048']);
writeFileSync(join(dir, 'public_keys.jsons'), readFileSync(join(dir, only('.pubkey'))));
tool(['setup', 'make-trustees']);
writeFileSync(
  join(dir, 'template.json'),
  JSON.stringify({
    description: 'Benchmark',
    name: 'Benchmark',
    questions: [
      { answers: ['A', 'B', 'C'], blank: true, min: 1, max: 1, question: 'Chair' },
      { answers: ['D', 'E', 'F', 'G', 'H'], min: 0, max: 3, question: 'Committee' },
    ],
  }),
);
tool(['setup', 'make-election', '--uuid', uuid, '--group', 'BELENIOS-2048', '--template', 'template.json']);
tool(['archive', 'init']);
for (const f of ['election.json', 'trustees.json', 'public_creds.json']) rmSync(join(dir, f));
for (const line of readFileSync(join(dir, 'private_creds.txt'), 'utf8').trim().split('\n')) {
  writeFileSync(join(dir, 'cred.txt'), `${line.split(' ')[1]!}\n`);
  writeFileSync(join(dir, 'vote.json'), '[[0,1,0,0],[1,0,1,0,1]]');
  const ballot = tool(['election', 'generate-ballot', '--privcred', 'cred.txt', '--ballot', 'vote.json']);
  tool(['archive', 'add-event', '--type=Ballot'], ballot);
}
const bytes = readFileSync(join(dir, only('.bel')));

header(`Verify a BELENIOS-2048 archive of ${VOTERS} ballots (2 questions, 8 answers), one core`);
await measure('belenios-tool election verify', 3, () => {
  tool(['election', 'verify']);
  return Promise.resolve();
});
let elapsed = 0;
await measure('verifyArchive (@plenum/crypto)', 3, () => {
  const start = performance.now();
  const r = verifyArchive(bytes);
  elapsed = performance.now() - start;
  if (!r.ok) throw new Error(JSON.stringify(r));
  return Promise.resolve();
});
console.log(`\n@plenum/crypto: ${((VOTERS / elapsed) * 1000).toFixed(1)} ballots/s (last run)`);
rmSync(dir, { recursive: true, force: true });
