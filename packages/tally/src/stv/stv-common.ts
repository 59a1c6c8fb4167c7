import { Decimal } from '../decimal.ts';
import type { Election } from '../election.ts';
import type { SeededLot } from '../lot.ts';
import type { TieBreak } from '../report.ts';

/**
 * Helpers shared by the Scottish STV and ERS97 counts: reading ballots into papers, breaking
 * ties by earlier stages then by lot, and formatting fixed-point units.
 */

/** A parcel of identical ballot papers as it moves through an STV count. */
export interface Paper {
  /** How many identical papers (voters). */
  readonly count: bigint;
  /** The candidates in order of preference (withdrawn candidates removed). */
  readonly prefs: readonly number[];
  /** The index in `prefs` of the candidate now holding the paper. */
  pos: number;
  /** The value of one paper, in units of 10^-places. */
  weight: bigint;
}

/**
 * The valid papers of an election, each with weight `one`. Preferences are read in order up
 * to the first skipped rank (a break in the sequence of preferences ends them); withdrawn
 * candidates are passed over. A ballot with no usable first preference is invalid and not
 * counted (`invalid`). Equal rankings are refused: neither rule allows them.
 */
export function readPapers(
  election: Election,
  one: bigint,
  method: string,
): { readonly papers: Paper[]; readonly invalid: number } {
  const papers: Paper[] = [];
  let invalid = 0;
  for (const ballot of election.ballots) {
    const prefs: number[] = [];
    for (const group of ballot.ranking) {
      if (group.length === 0) break;
      if (group.length > 1) {
        throw new RangeError(`${method} does not allow equal rankings (a ballot ranks ${group.length} equally)`);
      }
      const c = group[0] ?? -1;
      if (c < 0 || c >= election.candidates.length) throw new RangeError(`ballot names candidate ${c + 1}`);
      if (election.candidates[c]?.withdrawn === true) continue;
      if (prefs.includes(c)) throw new RangeError(`ballot ranks candidate ${c + 1} twice`);
      prefs.push(c);
    }
    if (prefs.length === 0) {
      invalid += ballot.count;
      continue;
    }
    papers.push({ count: BigInt(ballot.count), prefs, pos: 0, weight: one });
  }
  return { papers, invalid };
}

/** `units` of 10^-places as a decimal string. */
export function show(units: bigint, places: number): string {
  return Decimal.fromUnits(units, places).toString();
}

/**
 * Breaks a tie among `tied` by looking through `history` (each stage's votes, oldest first),
 * keeping at each stage the candidates with the fewest (`lowest`) or most votes, until one is
 * left; if they were equal at every stage, by lot. `from` says where the look starts: the most
 * recent stage backwards (`latest`, Scottish STV r.49, r.51) or the first stage forwards
 * (`earliest`, ERS97 5.2.3, 5.2.5). `earlier` describes the rule with its clause, `lotRule`
 * the draw's.
 */
export function breakTie(args: {
  readonly tied: readonly number[];
  readonly history: readonly (readonly bigint[])[];
  readonly want: 'lowest' | 'highest';
  readonly lot: SeededLot;
  readonly round: number;
  readonly purpose: TieBreak['purpose'];
  readonly earlier: string;
  readonly lotRule: string;
  readonly from?: 'latest' | 'earliest';
}): { readonly chosen: number; readonly tieBreak: TieBreak } {
  let remaining = [...args.tied].sort((a, b) => a - b);
  const stages = args.history.length;
  const forwards = args.from === 'earliest';
  for (let k = 0; k < stages && remaining.length > 1; k += 1) {
    const votes = args.history[forwards ? k : stages - 1 - k] ?? [];
    const values = remaining.map((c) => votes[c] ?? 0n);
    const best = values.reduce((m, v) => ((args.want === 'lowest' ? v < m : v > m) ? v : m));
    remaining = remaining.filter((c) => (votes[c] ?? 0n) === best);
  }
  const between = [...args.tied].sort((a, b) => a - b);
  if (remaining.length === 1) {
    const chosen = remaining[0] ?? -1;
    return { chosen, tieBreak: { round: args.round, between, chosen, purpose: args.purpose, how: args.earlier } };
  }
  const { value, draw } = args.lot.draw(remaining.length);
  const chosen = remaining[value] ?? -1;
  return {
    chosen,
    tieBreak: {
      round: args.round,
      between,
      chosen,
      purpose: args.purpose,
      how: `${args.lotRule}: equal at every stage; drawn by lot among ${remaining.map((c) => c + 1).join(', ')}`,
      lot: { seed: args.lot.seed, draw, of: remaining.length },
    },
  };
}

/**
 * The one of `args.tied` a rule picks: the only one, or the one breakTie chooses — in which
 * case the tie-break is recorded in `tieBreaks`.
 */
export function chooseAmong(tieBreaks: TieBreak[], args: Parameters<typeof breakTie>[0]): number {
  if (args.tied.length === 1) return args.tied[0] ?? -1;
  const broken = breakTie(args);
  tieBreaks.push(broken.tieBreak);
  return broken.chosen;
}
