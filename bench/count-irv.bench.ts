// IRV (packages/tally/src/irv.ts) over the 2013 Minneapolis mayor CVR scaled ×13: 1,041,313
// ballots, as RCTab's scale test (../shared/data/counting/rctab/2013_minneapolis_mayor_scale).
// The aggregated CSV's 7,084 rows are REPEATED 13 times (92,092 rows, each with its original
// count), not multiplied, so the count walks 13× the ballot rows. Checked before timing: every
// round's every tally is exactly 13× the 2013 count's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCompactCsv } from '../packages/tally/src/formats/csv.ts';
import { countIrv, rctabOptions, type RctabRules } from '../packages/tally/src/irv.ts';
import { header, measure } from './harness.ts';

const DATA = join(import.meta.dirname, '../../shared/data/counting/rctab');
const config = JSON.parse(
  readFileSync(join(DATA, '2013_minneapolis_mayor_scale/2013_minneapolis_mayor_scale_config.json'), 'utf8'),
) as { rules: RctabRules };
const { election, marks } = parseCompactCsv(
  readFileSync(join(DATA, 'derived/2013_minneapolis_mayor_ballots_aggregated.csv'), 'utf8'),
);
const options = rctabOptions(config.rules, marks.undeclaredWriteIn === null ? [] : [marks.undeclaredWriteIn]);
const scaled = { ...election, ballots: Array.from({ length: 13 }, () => election.ballots).flat() };
const total = scaled.ballots.reduce((sum, ballot) => sum + ballot.count, 0);
if (total !== 1_041_313) throw new Error(`scaled to ${total} ballots, not 1,041,313`);

const once = countIrv(election, options);
const big = countIrv(scaled, options);
if (big.rounds.length !== once.rounds.length) throw new Error('the scaled count has a different number of rounds');
for (const [k, round] of big.rounds.entries()) {
  const small = once.rounds[k]?.votes ?? [];
  round.votes.forEach((v, c) => {
    if (BigInt(v) !== 13n * BigInt(small[c] ?? 'x'))
      throw new Error(`round ${k + 1}: ${v} is not 13 × ${String(small[c])}`);
  });
}

header('IRV: 2013 Minneapolis mayor ×13 (1,041,313 ballots in 92,092 rows, 33 rounds)');
await measure('countIrv, RCTab (Maine) rules', 10, () => Promise.resolve(countIrv(scaled, options)));
