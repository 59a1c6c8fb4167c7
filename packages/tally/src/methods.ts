import type { Election } from './election.ts';
import type { CountReport } from './report.ts';

/** What `plenum count` passes to every method besides the election. */
export interface CountOptions {
  /** The seed of draws by lot, for the rules that leave a tie to chance (reported with each draw). */
  readonly seed?: string;
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
  count(election: Election, options: CountOptions): CountReport;
}

/** Every method, by name, in the order `--help` lists them. */
export const COUNT_METHODS: readonly CountMethod[] = [];

export function countMethod(name: string): CountMethod | undefined {
  return COUNT_METHODS.find((method) => method.name === name);
}
