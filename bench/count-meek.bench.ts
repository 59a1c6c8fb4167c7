// Meek STV (packages/tally/src/stv/meek.ts): one count of 1,000,000 voters, 20 candidates,
// 10 seats, in BigInt fixed point (9 places).
//
// The voters are generated deterministically (xorshift32, fixed seed): each ranks between 1
// and 20 candidates (lengths roughly geometric, mean about 5), drawing each next preference
// from the candidates left with unequal popularity weights, so that rankings are diverse and
// transfers matter. Identical rankings are then aggregated into one ballot with a count, as
// real ballot files do; the number of distinct ballots left is printed with the table.
import type { Ballot, Election } from '../packages/tally/src/election.ts';
import { countMeek } from '../packages/tally/src/stv/meek.ts';
import { header, measure } from './harness.ts';

const VOTERS = 1_000_000;
const CANDIDATES = 20;
const SEATS = 10;

let state = 0x9e3779b9;
const next = (): number => {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 2 ** 32;
};

// Popularity weights: a few strong candidates, a long tail.
const weights = Array.from({ length: CANDIDATES }, (_, i) => 1 / (1 + i * 0.35));

function generate(): Election {
  const counts = new Map<string, number>();
  for (let v = 0; v < VOTERS; v += 1) {
    let length = 1;
    while (length < CANDIDATES && next() < 0.8) length += 1;
    const left = Array.from({ length: CANDIDATES }, (_, i) => i);
    const ranking: number[] = [];
    for (let r = 0; r < length; r += 1) {
      let total = 0;
      for (const c of left) total += weights[c] ?? 0;
      let pick = next() * total;
      let at = 0;
      while (at < left.length - 1 && pick >= (weights[left[at] ?? 0] ?? 0)) {
        pick -= weights[left[at] ?? 0] ?? 0;
        at += 1;
      }
      ranking.push(left[at] ?? 0);
      left.splice(at, 1);
    }
    const key = ranking.join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const ballots: Ballot[] = [];
  for (const [key, count] of counts) ballots.push({ count, ranking: key.split(' ').map((c) => [Number(c)]) });
  return {
    title: 'benchmark',
    seats: SEATS,
    candidates: Array.from({ length: CANDIDATES }, (_, i) => ({ name: `C${i + 1}`, withdrawn: false })),
    ballots,
  };
}

const election = generate();
header(
  `Meek STV: ${VOTERS.toLocaleString('en')} voters, ${CANDIDATES} candidates, ${SEATS} seats ` +
    `(${election.ballots.length.toLocaleString('en')} distinct ballots)`,
);
let rounds = 0;
let iterations = 0;
await measure('countMeek (stv-rs variant, 9 places, exact safe-integer path)', 3, async () => {
  const report = countMeek(election, { lotSeed: 'bench' });
  rounds = report.rounds.length;
  iterations = 0;
  for (const round of report.rounds) {
    for (const action of round.actions) {
      const m = action.kind === 'note' ? /^(\d+) iteration/.exec(action.reason) : null;
      if (m !== null) iterations += Number(m[1]);
    }
  }
  await Promise.resolve();
});
console.log(`\n${rounds} rounds, ${iterations} iterations (each a full distribution of the ballots).`);
