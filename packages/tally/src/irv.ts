import type { Election } from './election.ts';
import { SeededLot } from './lot.ts';
import type { CountReport, Round, RoundAction, TieBreak } from './report.ts';

/**
 * Instant-runoff voting (single seat, ranked ballots), with the options in which real
 * jurisdictions differ. Two rule sets are cited: the City of Minneapolis's (Code of
 * Ordinances, Title 8.5, ch. 167, as applied in 2013: `MINNEAPOLIS_2013`) and RCTab's
 * configuration (Maine's 21-A M.R.S. §723-A and others: `rctabOptions`).
 *
 * Ballots: a group of one candidate is a vote; an empty group a skipped rank; a group of two
 * or more continuing-or-not candidates is an overvote (formats/csv.ts maps the ES&S mark to
 * one); a candidate in a group when already in an earlier group is a repeated (duplicate)
 * ranking. Withdrawn candidates are removed from every ballot before the count, exactly as if
 * they had never been on it (a group left empty by their removal disappears; it is not a
 * skipped rank).
 */
export interface IrvOptions {
  /** Which rule text the report cites. Default 'rctab'. */
  readonly rules?: 'minneapolis' | 'rctab';
  /**
   * An overvote: 'exhaust' — the ballot becomes inactive when the overvote is reached (Maine;
   * RCTab `exhaustImmediately`); 'skip' — the overvoted ranking is passed over (Minneapolis;
   * RCTab `alwaysSkipToNextRank`). Default 'exhaust'.
   */
  readonly overvote?: 'exhaust' | 'skip';
  /**
   * How many consecutive skipped ranks a ballot may have and still move on to a later ranking
   * (RCTab `maxSkippedRanksAllowed`); more exhaust it. null: any number (Minneapolis). Default null.
   */
  readonly maxSkippedRanks?: number | null;
  /**
   * A candidate ranked again at a later rank (a "duplicate ranking", Minneapolis §167.20):
   * 'skip' — the repeat is passed over like any ranking of a candidate no longer continuing
   * (RCTab `exhaustOnDuplicateCandidate: false`); 'exhaust' — the ballot becomes inactive when
   * the count reaches the rank of the first repeat, reported as a repeated ranking (RCTab
   * `exhaustOnDuplicateCandidate: true`: checked after the skipped ranks before it, before the
   * overvote rule at that rank; a candidate in an overvote counts as ranked there). Default 'skip'.
   */
  readonly repeatedCandidate?: 'skip' | 'exhaust';
  /** Eliminate at once every candidate who cannot win (Minneapolis §167.20 "batch elimination"). Default false. */
  readonly batchElimination?: boolean;
  /** Candidates standing for undeclared write-ins, eliminated first, before anyone else. */
  readonly undeclaredWriteIns?: readonly number[];
  /**
   * When undeclared write-ins are eliminated, eliminate with them the batch that batch
   * elimination would defeat (Minneapolis 2013: ward 5 defeated the write-ins and two
   * candidates together). false: the write-ins go alone (RCTab). Default false.
   */
  readonly undeclaredWriteInsWithBatch?: boolean;
  /**
   * 'continuing': a majority of the votes for continuing candidates in each round (Maine,
   * RCTab); 'first-round': half the first round's votes + 1, disregarding fractions, fixed
   * (Minneapolis 2013). Default 'continuing'.
   */
  readonly threshold?: 'continuing' | 'first-round';
  /**
   * Go on eliminating until two candidates remain after one has been elected (RCTab
   * `continueUntilTwoCandidatesRemain`; no statute requires it, it shows the final pairing).
   * As RCTab does it: the candidate reaching the threshold is elected in that round, with no
   * elimination in it; the threshold is fixed from then on; the elected candidate stays in the
   * count and keeps receiving transfers; each later round eliminates as usual (never leaving
   * fewer than two); and a last round shows the two remaining, with nothing decided in it.
   * Default false. In any rule, when two (or fewer) candidates remain and none has been
   * elected, the one with more votes is elected.
   */
  readonly continueUntilTwo?: boolean;
  /**
   * Ballots that reach no candidate in the first round though marked (only overvotes, or too
   * many skips): 'inactive' — counted, and inactive from round 1 (RCTab); 'uncounted' — not
   * votes cast for the office (Minneapolis: with the blank ballots, "undervotes"). Ballots with
   * no mark at all are never counted. Default 'inactive'.
   */
  readonly unmarkedFirstChoice?: 'inactive' | 'uncounted';
  /**
   * Ties for last place (and for the win between two): 'lot' (Minneapolis), or 'previous-rounds'
   * — the candidate with fewer votes in the latest round in which the tied differed, then by
   * lot (RCTab `previousRoundCountsThenRandom`). Default 'lot'.
   */
  readonly tieBreak?: 'lot' | 'previous-rounds';
  /** The published seed for draws by lot (see lot.ts). Needed only if a tie needs a draw. */
  readonly seed?: string;
}

/** Minneapolis practice in 2013 (Code of Ordinances ch. 167), which the official tabulations follow. */
export const MINNEAPOLIS_2013: IrvOptions = {
  rules: 'minneapolis',
  overvote: 'skip',
  maxSkippedRanks: null,
  batchElimination: true,
  undeclaredWriteInsWithBatch: true,
  threshold: 'first-round',
  continueUntilTwo: false,
  unmarkedFirstChoice: 'uncounted',
  tieBreak: 'lot',
};

/** The RCTab configuration keys that decide how a ballot is read, whatever the count (see `rctabBallotOptions`). */
export interface RctabBallotRules {
  readonly overvoteRule: string;
  readonly maxSkippedRanksAllowed: string;
  /** Absent in older configurations: false. */
  readonly exhaustOnDuplicateCandidate?: boolean;
}

/**
 * The RCTab configuration keys that IRV reads (the `rules` object of an RCTab config file).
 * The optional ones are checked when present: a value this count does not implement is refused.
 */
export interface RctabRules extends RctabBallotRules {
  readonly batchElimination: boolean;
  readonly continueUntilTwoCandidatesRemain: boolean;
  readonly tiebreakMode: string;
  readonly randomSeed?: string;
  /** Must be `singleWinnerMajority`. */
  readonly winnerElectionMode?: string;
  /** Must be 1. */
  readonly numberOfWinners?: string | number;
  /** Must be 0 (no minimum). */
  readonly minimumVoteThreshold?: string | number;
  /** Must be false: the threshold is a majority of the continuing votes. */
  readonly hareQuota?: boolean;
  /** Must be false: the threshold is recomputed every round. */
  readonly doesFirstRoundDetermineThreshold?: boolean;
  /** Must be false: whole-vote threshold. */
  readonly nonIntegerWinningThreshold?: boolean;
  /** Must be empty: the count runs to the end. */
  readonly stopTabulationEarlyAfterRound?: string | number;
}

/**
 * How RCTab's configuration reads a ballot (overvotes, skipped ranks, repeated candidates,
 * ballots reaching no candidate in round 1), usable for a count of any number of seats: the
 * first round of a multi-seat RCTab count reads ballots the same way.
 */
export function rctabBallotOptions(
  rules: RctabBallotRules,
): Pick<IrvOptions, 'overvote' | 'maxSkippedRanks' | 'repeatedCandidate' | 'unmarkedFirstChoice'> {
  const overvote =
    rules.overvoteRule === 'exhaustImmediately'
      ? 'exhaust'
      : rules.overvoteRule === 'alwaysSkipToNextRank'
        ? 'skip'
        : unsupported(`overvoteRule ${rules.overvoteRule}`);
  const skips = rules.maxSkippedRanksAllowed;
  const maxSkippedRanks =
    skips === 'unlimited' ? null : /^\d+$/.test(skips) ? Number(skips) : unsupported(`maxSkippedRanksAllowed ${skips}`);
  return {
    overvote,
    maxSkippedRanks,
    repeatedCandidate: rules.exhaustOnDuplicateCandidate === true ? 'exhaust' : 'skip',
    unmarkedFirstChoice: 'inactive',
  };
}

/** IRV options equivalent to an RCTab configuration; refuses settings this count does not implement. */
export function rctabOptions(rules: RctabRules, undeclaredWriteIns: readonly number[] = []): IrvOptions {
  const must = (
    key: string,
    value: string | number | boolean | undefined,
    allowed: readonly (string | number | boolean)[],
  ): void => {
    if (value !== undefined && !allowed.includes(value)) unsupported(`${key} ${String(value)}`);
  };
  must('winnerElectionMode', rules.winnerElectionMode, ['singleWinnerMajority']);
  must('numberOfWinners', rules.numberOfWinners, ['1', 1]);
  must('minimumVoteThreshold', rules.minimumVoteThreshold, ['0', 0, '']);
  must('hareQuota', rules.hareQuota, [false]);
  must('doesFirstRoundDetermineThreshold', rules.doesFirstRoundDetermineThreshold, [false]);
  must('nonIntegerWinningThreshold', rules.nonIntegerWinningThreshold, [false]);
  must('stopTabulationEarlyAfterRound', rules.stopTabulationEarlyAfterRound, ['']);
  const tieBreak =
    rules.tiebreakMode === 'random'
      ? 'lot'
      : rules.tiebreakMode === 'previousRoundCountsThenRandom'
        ? 'previous-rounds'
        : unsupported(`tiebreakMode ${rules.tiebreakMode}`);
  return {
    rules: 'rctab',
    ...rctabBallotOptions(rules),
    batchElimination: rules.batchElimination,
    threshold: 'continuing',
    continueUntilTwo: rules.continueUntilTwoCandidatesRemain,
    tieBreak,
    undeclaredWriteIns,
    ...(rules.randomSeed === undefined ? {} : { seed: rules.randomSeed }),
  };
}

function unsupported(what: string): never {
  throw new RangeError(`IRV does not implement the RCTab setting ${what}`);
}

/** Why ballots stopped counting, per round (cumulative), as RCTab's `inactiveBallots` reports them. */
export interface IrvInactive {
  /** Reached an overvote under the 'exhaust' rule. */
  readonly overvotes: string;
  /** Reached more consecutive skipped ranks than allowed. */
  readonly skippedRankings: string;
  /** Reached a candidate ranked again, under `repeatedCandidate: 'exhaust'`. */
  readonly repeatedRankings: string;
  /** No continuing candidate left on the ballot. */
  readonly exhaustedChoices: string;
}

export interface IrvReport extends CountReport {
  readonly method: 'irv';
  /** Ballots not counted at all: blank, or (under 'uncounted') reaching no candidate in round 1. */
  readonly uncounted: number;
  /** For each round (same order as `rounds`), the inactive ballots by reason. */
  readonly inactive: readonly IrvInactive[];
}

interface Citations {
  readonly name: string;
  readonly threshold: string;
  readonly elected: string;
  readonly lastTwo: string;
  readonly uwi: string;
  readonly batch: string;
  readonly lowest: string;
  readonly tie: string;
  readonly ballots: string;
}

const MPLS = 'Minneapolis Code of Ordinances';
const CITATIONS: Record<'minneapolis' | 'rctab', Citations> = {
  minneapolis: {
    name: 'Minneapolis ranked-choice voting, single seat (Code of Ordinances Title 8.5, ch. 167)',
    threshold: `${MPLS} §167.20 "threshold", §167.60`,
    elected: `${MPLS} §167.70`,
    lastTwo: `${MPLS} §167.70 (two continuing candidates: the one with more votes is elected)`,
    uwi: `${MPLS} §167.70 (undeclared write-ins defeated first)`,
    batch: `${MPLS} §167.20 "batch elimination", §167.70`,
    lowest: `${MPLS} §167.70 (the candidate with the fewest votes is defeated)`,
    tie: `${MPLS} §167.70 (tie decided by lot)`,
    ballots: `${MPLS} §167.20 "overvote", "skipped ranking", "duplicate ranking", "undervote"; §167.60`,
  },
  rctab: {
    name: 'Instant runoff as configured in RCTab (Maine: 21-A M.R.S. §723-A)',
    threshold: '21-A M.R.S. §723-A(2); RCTab winnerElectionMode singleWinnerMajority',
    elected: '21-A M.R.S. §723-A(2); RCTab singleWinnerMajority',
    lastTwo: '21-A M.R.S. §723-A(2) (two continuing candidates: the one with more votes is elected)',
    uwi: 'RCTab undeclaredWriteInLabel (undeclared write-ins eliminated in the first round)',
    batch: 'RCTab batchElimination',
    lowest: '21-A M.R.S. §723-A(2) (the last-place candidate is defeated)',
    tie: '21-A M.R.S. §723-A(2)(C); RCTab tiebreakMode',
    ballots: '21-A M.R.S. §723-A(1)–(2); RCTab overvoteRule, maxSkippedRanksAllowed, exhaustOnDuplicateCandidate',
  },
};

const NONE = -1;
/** Inactive ballots so far, by reason. */
interface Off {
  overvotes: bigint;
  skipped: bigint;
  repeated: bigint;
  exhausted: bigint;
}
type Status = 'active' | 'overvote' | 'skipped' | 'repeated' | 'exhausted';

/** Counts `election` by IRV with `options`; pure and deterministic (draws by lot from `options.seed`). */
export function countIrv(election: Election, options: IrvOptions = {}): IrvReport {
  if (election.seats !== 1) throw new RangeError(`IRV fills one seat, not ${election.seats}`);
  const cite = CITATIONS[options.rules ?? 'rctab'];
  const overvoteExhausts = (options.overvote ?? 'exhaust') === 'exhaust';
  const maxSkips = options.maxSkippedRanks ?? null;
  const repeatExhausts = options.repeatedCandidate === 'exhaust';
  const n = election.candidates.length;
  const withdrawn = election.candidates.map((c) => c.withdrawn);
  const uwi = new Set(options.undeclaredWriteIns ?? []);
  for (const c of uwi) if (!Number.isInteger(c) || c < 0 || c >= n) throw new RangeError(`no candidate ${c}`);

  // Ballots with withdrawn candidates removed: -1 = skipped rank, -2 = overvote, else the candidate.
  const SKIP = -1;
  const OVER = -2;
  const marks: Int32Array[] = [];
  const counts: bigint[] = [];
  // Under repeatedCandidate 'exhaust': the index in `marks[i]` of ballot i's first repeated ranking, or NONE.
  const repeatAt: number[] = [];
  const seen = new Set<number>();
  for (const ballot of election.ballots) {
    if (!Number.isSafeInteger(ballot.count) || ballot.count < 1) throw new RangeError(`ballot count ${ballot.count}`);
    const row: number[] = [];
    let repeat = NONE;
    seen.clear();
    // As RCTab: each candidate of a group in turn is a repeat if seen at an earlier rank (or earlier in the group).
    const see = (c: number): void => {
      if (!repeatExhausts || repeat !== NONE) return;
      if (seen.has(c)) repeat = row.length;
      else seen.add(c);
    };
    for (const group of ballot.ranking) {
      if (group.length === 0) {
        row.push(SKIP);
        continue;
      }
      if (group.length === 1) {
        const only = group[0] ?? -1;
        if (!Number.isInteger(only) || only < 0 || only >= n) throw new RangeError(`no candidate ${only}`);
        if (withdrawn[only] !== true) {
          see(only);
          row.push(only);
        }
        continue;
      }
      const present = group.filter((c) => {
        if (!Number.isInteger(c) || c < 0 || c >= n) throw new RangeError(`no candidate ${c}`);
        return withdrawn[c] !== true;
      });
      for (const c of present) see(c);
      if (present.length === 1) row.push(present[0] ?? SKIP);
      else if (present.length > 1) row.push(OVER);
    }
    marks.push(Int32Array.from(row));
    counts.push(BigInt(ballot.count));
    repeatAt.push(repeat);
  }

  const continuing = withdrawn.map((w) => !w);
  const position = new Int32Array(marks.length); // the rank each ballot is at (or ended at)
  const status: Status[] = marks.map(() => 'active');
  const holder = new Int32Array(marks.length).fill(NONE);
  const piles: number[][] = Array.from({ length: n }, () => []);

  /** Moves ballot i from rank `from` to its next continuing candidate, or marks it inactive. */
  const advance = (i: number, from: number): void => {
    const row = marks[i] ?? new Int32Array();
    const repeat = repeatAt[i] ?? NONE;
    let skips = 0;
    for (let r = from; r < row.length; r += 1) {
      const mark = row[r] ?? SKIP;
      if (mark === SKIP) {
        skips += 1;
        continue;
      }
      if (maxSkips !== null && skips > maxSkips) {
        position[i] = r;
        status[i] = 'skipped';
        holder[i] = NONE;
        return;
      }
      skips = 0;
      if (r === repeat) {
        position[i] = r;
        status[i] = 'repeated';
        holder[i] = NONE;
        return;
      }
      if (mark === OVER) {
        if (overvoteExhausts) {
          position[i] = r;
          status[i] = 'overvote';
          holder[i] = NONE;
          return;
        }
        continue;
      }
      if (continuing[mark] === true) {
        position[i] = r;
        holder[i] = mark;
        status[i] = 'active';
        piles[mark]?.push(i);
        return;
      }
    }
    position[i] = row.length;
    status[i] = 'exhausted';
    holder[i] = NONE;
  };

  const running = new Array<bigint>(n).fill(0n);
  const off = { overvotes: 0n, skipped: 0n, repeated: 0n, exhausted: 0n };
  /** Adds counted ballot i where it now lies: to its candidate, or to its reason for being inactive. */
  const account = (i: number): void => {
    const k = counts[i] ?? 0n;
    const s = status[i];
    if (s === 'active') running[holder[i] ?? NONE] = (running[holder[i] ?? NONE] ?? 0n) + k;
    else if (s === 'overvote') off.overvotes += k;
    else if (s === 'skipped') off.skipped += k;
    else if (s === 'repeated') off.repeated += k;
    else off.exhausted += k;
  };

  let uncounted = 0n;
  let voters = 0n;
  for (let i = 0; i < marks.length; i += 1) {
    const row = marks[i] ?? new Int32Array();
    const blank = row.every((m) => m === SKIP);
    advance(i, 0);
    const drop = blank || (status[i] !== 'active' && options.unmarkedFirstChoice === 'uncounted');
    if (drop) uncounted += counts[i] ?? 0n;
    else {
      voters += counts[i] ?? 0n;
      account(i);
    }
  }

  const tally = (): bigint[] => running.map((v, c) => (continuing[c] === true ? v : 0n));
  const inactiveNow = (): Off => ({ ...off });

  const lot = options.seed === undefined ? null : new SeededLot(options.seed);
  const history: bigint[][] = [];
  const rounds: Round[] = [];
  const inactive: IrvInactive[] = [];
  const tieBreaks: TieBreak[] = [];
  const elected: number[] = [];
  let fixedThreshold: bigint | null = null;
  let threshold = 0n;

  const breakTie = (tied: number[], round: number, purpose: 'exclude' | 'elect'): number => {
    // For 'exclude' the chosen is the one with fewest votes earlier; for 'elect' the most.
    if ((options.tieBreak ?? 'lot') === 'previous-rounds') {
      for (let back = history.length - 2; back >= 0; back -= 1) {
        const earlier = history[back] ?? [];
        const values = tied.map((c) => earlier[c] ?? 0n);
        const best = values.reduce((a, b) => ((purpose === 'exclude' ? b < a : b > a) ? b : a));
        const at = tied.filter((_, k) => values[k] === best);
        if (at.length === 1 && at[0] !== undefined) {
          tieBreaks.push({
            round,
            between: tied,
            chosen: at[0],
            purpose,
            how: `votes in round ${back + 1} (${cite.tie}; RCTab previousRoundCountsThenRandom)`,
          });
          return at[0];
        }
        if (at.length < tied.length) tied = at;
      }
    }
    if (lot === null) {
      throw new RangeError(
        `round ${round}: a tie between candidates ${tied.join(', ')} must be drawn by lot: give a seed`,
      );
    }
    const draw = lot.draw(tied.length);
    const chosen = tied[draw.value] ?? NONE;
    tieBreaks.push({
      round,
      between: tied,
      chosen,
      purpose,
      how: `lot (${cite.tie})`,
      lot: { seed: lot.seed, draw: draw.draw, of: tied.length },
    });
    return chosen;
  };

  for (let number = 1; ; number += 1) {
    const votes = tally();
    history.push(votes);
    const live = continuing.flatMap((isOn, c) => (isOn ? [c] : []));
    const active = live.reduce((sum, c) => sum + (votes[c] ?? 0n), 0n);
    if (number === 1) fixedThreshold = voters / 2n + 1n;
    // Once a candidate is elected (and the count goes on until two remain), the threshold stays (RCTab).
    const afterWin = elected.length > 0;
    if (!afterWin) {
      threshold = (options.threshold ?? 'continuing') === 'first-round' ? (fixedThreshold ?? 0n) : active / 2n + 1n;
    }
    const now = inactiveNow();
    inactive.push({
      overvotes: now.overvotes.toString(),
      skippedRankings: now.skipped.toString(),
      repeatedRankings: now.repeated.toString(),
      exhaustedChoices: now.exhausted.toString(),
    });
    const previous = history[history.length - 2];
    const actions: RoundAction[] = [];
    if (number === 1) {
      actions.push({
        kind: 'note',
        rule: cite.ballots,
        reason:
          `${voters} ballots counted, ${uncounted} not counted (no candidate marked` +
          `${options.unmarkedFirstChoice === 'uncounted' ? ', or none reachable in the first round' : ''}); ` +
          `threshold ${threshold} (${(options.threshold ?? 'continuing') === 'first-round' ? 'half the first-round votes + 1, fixed' : 'a majority of the votes for continuing candidates'})`,
      });
    }
    const finish = (winner: number, rule: string, reason: string): void => {
      actions.push({ kind: 'elected', candidates: [winner], rule, reason });
      elected.push(winner);
    };
    let top = live[0] ?? NONE;
    for (const c of live) if ((votes[c] ?? 0n) > (votes[top] ?? 0n)) top = c;
    const leaders = live.filter((c) => votes[c] === votes[top]);
    const reachesThreshold = top !== NONE && (votes[top] ?? 0n) >= threshold && leaders.length === 1;
    let eliminate = false;
    if (live.length === 0) {
      // Nothing left to count (no candidate at all).
    } else if (afterWin) {
      // Elected already; the count goes on until two candidates remain, then shows them (RCTab).
      eliminate = live.length > 2;
    } else if (reachesThreshold) {
      const goOn = options.continueUntilTwo === true && live.length > 2;
      finish(
        top,
        goOn ? `${cite.elected}; RCTab continueUntilTwoCandidatesRemain` : cite.elected,
        `${String(votes[top])} votes reach the threshold of ${threshold}` +
          (goOn ? '; the count goes on until two candidates remain, with the threshold fixed' : ''),
      );
      if (goOn) {
        rounds.push(makeRound(number, votes, previous, now, threshold, actions));
        continue;
      }
    } else if (live.length <= 2) {
      const winner = leaders.length === 1 ? top : breakTie(leaders, number, 'elect');
      finish(
        winner,
        cite.lastTwo,
        `${live.length} continuing candidates remain; ${String(votes[winner])} votes is the most`,
      );
    } else {
      eliminate = true;
    }
    if (eliminate) {
      // Elimination.
      const uwiLive = live.filter((c) => uwi.has(c));
      const order = [...live].sort((a, b) => {
        const d = (votes[a] ?? 0n) - (votes[b] ?? 0n);
        return d < 0n ? -1 : d > 0n ? 1 : a - b;
      });
      let batch = 0;
      if (options.batchElimination === true) {
        let sum = 0n;
        for (let k = 0; k < order.length - 2; k += 1) {
          sum += votes[order[k] ?? NONE] ?? 0n;
          if (k >= 1 && sum < (votes[order[k + 1] ?? NONE] ?? 0n)) batch = k + 1;
        }
      }
      const batchText = (): string => {
        const total = order.slice(0, batch).reduce((s, c) => s + (votes[c] ?? 0n), 0n);
        return `together ${total} votes, fewer than the next lowest candidate's ${votes[order[batch] ?? NONE] ?? 0n}: none of them can be elected`;
      };
      let out: number[];
      let rule: string;
      let reason: string;
      if (uwiLive.length > 0) {
        out = uwiLive;
        rule = cite.uwi;
        reason = 'undeclared write-ins are eliminated first';
        if (options.undeclaredWriteInsWithBatch === true && batch >= 2) {
          out = [...new Set([...order.slice(0, batch), ...uwiLive])];
          rule = `${cite.uwi}; ${cite.batch}`;
          reason = `${reason}, with the batch ${batchText()}`;
        }
      } else if (batch >= 2) {
        out = order.slice(0, batch);
        rule = cite.batch;
        reason = batchText();
      } else {
        const least = votes[order[0] ?? NONE] ?? 0n;
        const lowest = order.filter((c) => votes[c] === least);
        const loser = lowest.length === 1 ? (lowest[0] ?? NONE) : breakTie(lowest, number, 'exclude');
        out = [loser];
        rule = cite.lowest;
        reason = `fewest votes (${least})${lowest.length > 1 ? `, tied with ${lowest.length - 1} other(s)` : ''}`;
      }
      if (afterWin) {
        rule = `${rule}; RCTab continueUntilTwoCandidatesRemain`;
        reason = `${reason} (a candidate is elected; the count goes on until two remain)`;
      }
      actions.push({ kind: 'excluded', candidates: out, rule, reason });
      for (const c of out) continuing[c] = false;
      rounds.push(makeRound(number, votes, previous, now, threshold, actions));
      for (const c of out) {
        const pile = piles[c] ?? [];
        piles[c] = [];
        running[c] = 0n;
        for (const i of pile) {
          advance(i, (position[i] ?? 0) + 1);
          account(i);
        }
      }
      continue;
    }
    rounds.push(makeRound(number, votes, previous, now, threshold, actions));
    break;
  }

  return {
    method: 'irv',
    rule: cite.name,
    title: election.title,
    seats: 1,
    candidates: election.candidates.map((c) => c.name),
    places: 0,
    voters: Number(voters),
    quota: threshold.toString(),
    rounds,
    elected,
    tieBreaks,
    uncounted: Number(uncounted),
    inactive,
  };
}

function makeRound(
  number: number,
  votes: readonly bigint[],
  previous: readonly bigint[] | undefined,
  off: Off,
  threshold: bigint,
  actions: readonly RoundAction[],
): Round {
  return {
    number,
    votes: votes.map(String),
    transfers: previous === undefined ? null : votes.map((v, c) => (v - (previous[c] ?? 0n)).toString()),
    nonTransferable: (off.overvotes + off.skipped + off.repeated + off.exhausted).toString(),
    quota: threshold.toString(),
    actions,
  };
}
