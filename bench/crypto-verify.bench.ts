// Ballot verification (packages/crypto) on one core, in each group: the shape, two
// questions with eight answers in all (3 + blank allowed, and 5 with up to 3 chosen). Every
// ballot is checked completely: parsing, group membership of every element, signature,
// individual, overall and blank proofs. Reports ballots per second from the median run.
import { performance } from 'node:perf_hooks';
import {
  credentialSecret,
  generatePrivateCredential,
  generateTrusteeKey,
  group,
  makeBallot,
  makeElection,
  verifyBallot,
  type GroupName,
} from '../packages/crypto/src/index.ts';
import { header, measure } from './harness.ts';

const BALLOTS = Number(process.env['CRYPTO_BENCH_BALLOTS'] ?? 20);

function setup(name: GroupName): { election: ReturnType<typeof build>; ballots: string[] } {
  const election = build(name);
  const G = election.group;
  const ballots = Array.from({ length: BALLOTS }, (_, i) => {
    const secret = credentialSecret(G, election.uuid, generatePrivateCredential());
    if (!secret.ok) throw new Error('credential');
    const vote = [i % 4 === 0 ? [1, 0, 0, 0] : [0, 0, 1, 0], [1, 0, i % 2, 0, 1]];
    const b = makeBallot(election, secret.value, vote);
    if (!b.ok) throw new Error(JSON.stringify(b));
    return b.value;
  });
  return { election, ballots };
}

function build(name: GroupName) {
  const G = group(name);
  const e = makeElection({
    uuid: 'Bench3456789ABCDEFab',
    name: 'Benchmark',
    description: 'Two questions, eight answers',
    group: name,
    publicKey: G.toString(generateTrusteeKey(G).publicKey.publicKey),
    questions: [
      { question: 'Chair', answers: ['A', 'B', 'C'], blank: true, min: 1, max: 1 },
      { question: 'Committee', answers: ['D', 'E', 'F', 'G', 'H'], blank: false, min: 0, max: 3 },
    ],
  });
  if (!e.ok) throw new Error(JSON.stringify(e));
  return e.value;
}

for (const name of ['Ed25519', 'BELENIOS-2048'] as const) {
  const { election, ballots } = setup(name);
  header(`Ballot verification, ${name}, ${BALLOTS} ballots, one core`);
  let elapsed = 0;
  await measure(`verifyBallot × ${BALLOTS}`, 3, () => {
    const start = performance.now();
    for (const b of ballots) if (!verifyBallot(election, b).ok) throw new Error('refused');
    elapsed = performance.now() - start;
    return Promise.resolve();
  });
  console.log(`\n${name}: ${((BALLOTS / elapsed) * 1000).toFixed(1)} ballots/s (last run)`);
  header(`Ballot encryption, ${name}`);
  const secret = credentialSecret(election.group, election.uuid, generatePrivateCredential());
  if (!secret.ok) throw new Error('credential');
  await measure('makeBallot (2 questions, 8 answers)', 5, () =>
    Promise.resolve(
      makeBallot(election, secret.value, [
        [0, 1, 0, 0],
        [1, 1, 0, 0, 0],
      ]),
    ),
  );
}

// The ballot box's pool of worker threads (packages/server), as `plenum serve` uses it: the
// same ballots checked on every core at once. Ed25519, the shape.
{
  const { createBallotVerifierPool } = await import('../packages/server/src/ballot-workers.ts');
  const { election, ballots } = setup('Ed25519');
  const pool = createBallotVerifierPool();
  header(`Ballot verification on ${pool.size} worker threads, Ed25519, ${BALLOTS} ballots`);
  // A first round loads every thread (module load, the election's tables).
  await Promise.all(ballots.map((b) => pool.verify(election.json, b)));
  let elapsed = 0;
  await measure(`pool.verify × ${BALLOTS}`, 3, async () => {
    const start = performance.now();
    const results = await Promise.all(ballots.map((b) => pool.verify(election.json, b)));
    if (results.some((r) => !r.ok)) throw new Error('refused');
    elapsed = performance.now() - start;
  });
  console.log(`\nEd25519 on ${pool.size} threads: ${((BALLOTS / elapsed) * 1000).toFixed(1)} ballots/s (last run)`);
  await pool.close();
}
