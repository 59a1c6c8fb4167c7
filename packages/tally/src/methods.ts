import { APPORTIONMENT_METHODS } from './apportionment.ts';
import type { Election } from './election.ts';
import { MINNEAPOLIS_2013, countIrv } from './irv.ts';
import type { CountReport } from './report.ts';
import { countSchulze } from './schulze.ts';
import { countApproval, countPlurality } from './single-winner.ts';
import { countErs97 } from './stv/ers97.ts';
import { countMeek } from './stv/meek.ts';
import { countScottishStv } from './stv/scottish.ts';

/** What `plenum count` passes to every method besides the election. */
export interface CountOptions {
  /** The seed of draws by lot, for the rules that leave a tie to chance (reported with each draw). */
  readonly seed?: string;
  /** Candidates that stand for undeclared write-ins (as a CVR marks them), excluded first where the rule says so. */
  readonly undeclaredWriteIns?: readonly number[];
  /** Apportionment only: the legal threshold as a percentage of the votes, e.g. "5" (parties under it get no seat). */
  readonly threshold?: string;
}

/**
 * A counting method as `plenum count --method <name>` offers it. `equalRankings`: whether
 * the rule gives a meaning to equally ranked candidates; ballots with them are refused by
 * methods that do not.
 */
export interface CountMethod {
  readonly name: string;
  readonly equalRankings: boolean;
  /** Whether the method fills several seats (else --seats is refused above 1). */
  readonly multiWinner: boolean;
  /** Apportionment: a candidate is a party and may win several seats (so seats may exceed candidates). */
  readonly partySeats?: boolean;
  count(election: Election, options: CountOptions): CountReport;
}

const lotSeed = (options: CountOptions): { lotSeed?: string } =>
  options.seed === undefined ? {} : { lotSeed: options.seed };
const seed = (options: CountOptions): { seed?: string } => (options.seed === undefined ? {} : { seed: options.seed });

/** Every method, by name, in the order `--help` lists them. */
export const COUNT_METHODS: readonly CountMethod[] = [
  {
    name: 'scottish-stv',
    equalRankings: false,
    multiWinner: true,
    count: (election, options) => countScottishStv(election, lotSeed(options)),
  },
  {
    name: 'ers97',
    equalRankings: false,
    multiWinner: true,
    count: (election, options) => countErs97(election, lotSeed(options)),
  },
  {
    name: 'meek',
    equalRankings: true,
    multiWinner: true,
    count: (election, options) => countMeek(election, lotSeed(options)),
  },
  {
    // Maine / RCTab defaults: an overvote exhausts the ballot, the threshold is a majority of
    // the continuing votes, ties go to previous rounds then lot.
    name: 'irv',
    equalRankings: true,
    multiWinner: false,
    count: (election, options) =>
      countIrv(election, {
        tieBreak: 'previous-rounds',
        undeclaredWriteIns: options.undeclaredWriteIns ?? [],
        ...seed(options),
      }),
  },
  {
    // Minneapolis 2013 practice: overvotes and skipped ranks passed over, batch elimination,
    // threshold fixed from the first round.
    name: 'irv-minneapolis',
    equalRankings: true,
    multiWinner: false,
    count: (election, options) =>
      countIrv(election, {
        ...MINNEAPOLIS_2013,
        undeclaredWriteIns: options.undeclaredWriteIns ?? [],
        ...seed(options),
      }),
  },
  {
    name: 'schulze',
    equalRankings: true,
    multiWinner: true,
    count: (election, options) => countSchulze(election, seed(options)),
  },
  {
    name: 'plurality',
    equalRankings: true,
    multiWinner: true,
    count: (election, options) => countPlurality(election, seed(options)),
  },
  {
    name: 'approval',
    equalRankings: true,
    multiWinner: true,
    count: (election, options) => countApproval(election, seed(options)),
  },
  ...APPORTIONMENT_METHODS,
];

export function countMethod(name: string): CountMethod | undefined {
  return COUNT_METHODS.find((method) => method.name === name);
}
