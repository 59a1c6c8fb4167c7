import type { Election } from './election.ts';
import { SeededLot, drawByLot } from './lot.ts';
import type { CountReport, RoundAction, TieBreak } from './report.ts';

/**
 * The Schulze method: M. Schulze, "A new monotonic, clone-independent, reversal symmetric,
 * and Condorcet-consistent single-winner election method", Social Choice and Welfare 36
 * (2011) 267–303. The strength of a link is measured by winning votes, with the losing votes
 * deciding between links of equal winning votes (the paper's ">win" relation of §2.1; this is
 * also what Debian's constitution A.6 does when it drops the weakest defeat).
 *
 * Ballots: candidates in one group are ranked equally (no preference between them); a
 * candidate a ballot does not rank is ranked below every candidate it ranks, and equally with
 * the other unranked ones (§2.1: N[a,b] counts the voters who strictly prefer a to b). Empty
 * groups (skipped ranks) change nothing. Withdrawn candidates are removed from the count, as
 * if they had never stood: they are in no matrix entry, no ranking and never elected.
 *
 * Winners: a candidate is a potential winner when no candidate beats them along strongest
 * paths (p[b,a] > p[a,b]; §2.2). The complete ranking lists the candidates in levels: each
 * level holds those not beaten by any candidate still unplaced. Several seats are filled by
 * the top of that ranking — this is NOT Schulze STV (which is proportional), only the Schulze
 * order cut at `seats`. Where a level straddles the last seat, the seat goes by seeded lot,
 * reported as a tie-break (the paper breaks such ties with a random tie-breaking ranking; a
 * draw from a published seed is reproducible by anyone).
 */
export interface SchulzeOptions {
  /** The published seed for draws by lot; needed only if potential winners tie for a seat. */
  readonly seed?: string;
}

export interface SchulzeReport extends CountReport {
  readonly method: 'schulze';
  /** d[i][j]: voters who rank candidate i strictly above candidate j (0 for withdrawn candidates). */
  readonly pairwise: readonly (readonly number[])[];
  /**
   * p[i][j]: the strength of the strongest path from i to j, as [winning votes, losing votes]
   * of its weakest link; [0, 0] where there is no path (and on the diagonal).
   */
  readonly strongestPaths: readonly (readonly (readonly [number, number])[])[];
  /** The Schulze ranking, best first, in levels of candidates tied with each other (withdrawn left out). */
  readonly ranking: readonly (readonly number[])[];
}

export const SCHULZE_RULE = 'Schulze method, winning votes (M. Schulze, Social Choice and Welfare 36 (2011) 267–303)';
const CITE_MATRIX = 'Schulze (2011) §2.1 (N[a,b]: voters strictly preferring a to b; unranked below ranked)';
const CITE_PATHS = 'Schulze (2011) §2.2 (strongest paths, winning votes: links compared by >win)';
const CITE_WINNER = 'Schulze (2011) §2.2 (potential winner: p[a,b] ≥ p[b,a] for every b)';
const CITE_RANKING = 'Schulze (2011) §2.2 (the relation O: a above b iff p[a,b] >win p[b,a])';
const CITE_TIE = 'Schulze (2011), tie-breaking (ties among potential winners broken at random; here by seeded lot)';

/** A link or path strength: winning votes, losing votes. NONE is weaker than every defeat. */
type Strength = readonly [bigint, bigint];
const NONE: Strength = [0n, 0n];

/** >win: more winning votes, or as many and fewer losing votes. NONE is below every real link. */
function stronger(a: Strength, b: Strength): boolean {
  if (a === NONE || b === NONE) return a !== NONE && b === NONE;
  return a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** Counts `election` by the Schulze method; pure and deterministic (draws by lot from `options.seed`). */
export function countSchulze(election: Election, options: SchulzeOptions = {}): SchulzeReport {
  const n = election.candidates.length;
  const seats = election.seats;
  const live = election.candidates.flatMap((c, i) => (c.withdrawn ? [] : [i]));
  if (!Number.isSafeInteger(seats) || seats < 1) throw new RangeError(`seats must be a whole number ≥ 1, got ${seats}`);
  if (seats > live.length) {
    throw new RangeError(`${seats} seats but only ${live.length} candidates who have not withdrawn`);
  }

  // §2.1: the pairwise matrix. rank[c] = position of c's group among the ballot's non-empty
  // groups (withdrawn removed); unranked = Infinity, below every ranked candidate.
  const d: bigint[][] = Array.from({ length: n }, () => new Array<bigint>(n).fill(0n));
  let voters = 0n;
  const rank = new Array<number>(n);
  for (const ballot of election.ballots) {
    if (!Number.isSafeInteger(ballot.count) || ballot.count < 1) {
      throw new RangeError(`a ballot's count must be a whole number ≥ 1, got ${ballot.count}`);
    }
    const k = BigInt(ballot.count);
    voters += k;
    rank.fill(Infinity);
    let level = 0;
    for (const group of ballot.ranking) {
      let used = false;
      for (const c of group) {
        if (!Number.isInteger(c) || c < 0 || c >= n) throw new RangeError(`no candidate ${c}`);
        if (election.candidates[c]?.withdrawn === true || (rank[c] ?? Infinity) !== Infinity) continue;
        rank[c] = level;
        used = true;
      }
      if (used) level += 1;
    }
    for (const a of live) {
      const ra = rank[a] ?? Infinity;
      if (ra === Infinity) continue; // an unranked candidate is preferred to nobody
      const row = d[a] ?? [];
      for (const b of live) if (ra < (rank[b] ?? Infinity)) row[b] = (row[b] ?? 0n) + k;
    }
  }
  const at = (a: number, b: number): bigint => d[a]?.[b] ?? 0n;

  // §2.2: strongest paths by the widest-path form of Floyd–Warshall, strengths compared by >win.
  const p: Strength[][] = Array.from({ length: n }, () => new Array<Strength>(n).fill(NONE));
  for (const a of live) {
    for (const b of live) {
      if (a !== b && at(a, b) > at(b, a)) (p[a] ?? [])[b] = [at(a, b), at(b, a)];
    }
  }
  const path = (a: number, b: number): Strength => p[a]?.[b] ?? NONE;
  for (const i of live) {
    for (const j of live) {
      if (i === j) continue;
      const ji = path(j, i);
      if (ji === NONE) continue;
      for (const k of live) {
        if (k === i || k === j) continue;
        const ik = path(i, k);
        const via = stronger(ji, ik) ? ik : ji; // the weaker of the two links
        if (stronger(via, path(j, k))) (p[j] ?? [])[k] = via;
      }
    }
  }
  const beats = (a: number, b: number): boolean => stronger(path(a, b), path(b, a));

  // The ranking, in levels: those beaten by no candidate still unplaced.
  const ranking: number[][] = [];
  let unplaced = [...live];
  while (unplaced.length > 0) {
    const top = unplaced.filter((a) => !unplaced.some((b) => b !== a && beats(b, a)));
    // O is transitive (§2.2 proof), so some unplaced candidate is always unbeaten.
    if (top.length === 0) throw new Error('internal: the Schulze relation has a cycle');
    ranking.push(top);
    unplaced = unplaced.filter((a) => !top.includes(a));
  }

  const names = election.candidates.map((c) => c.name);
  const lot = options.seed === undefined ? null : new SeededLot(options.seed);
  const tieBreaks: TieBreak[] = [];
  const elected: number[] = [];
  const actions: RoundAction[] = [];
  actions.push({
    kind: 'note',
    rule: CITE_MATRIX,
    reason: `${voters} voters. Pairwise preferences d[row,column]: ${matrixText(live, names, (a, b) => at(a, b).toString())}`,
  });
  const hinges = live.some((a) => live.some((b) => a !== b && path(a, b)[0] === path(b, a)[0] && path(a, b) !== NONE));
  actions.push({
    kind: 'note',
    rule: CITE_PATHS,
    reason:
      `Strongest paths p[row,column] (${hinges ? 'winning/losing votes of the weakest link' : 'winning votes of the weakest link'}; – = no path): ` +
      matrixText(live, names, (a, b) => {
        const s = path(a, b);
        return s === NONE ? '–' : hinges ? `${s[0]}/${s[1]}` : s[0].toString();
      }),
  });
  actions.push({
    kind: 'note',
    rule: CITE_RANKING,
    reason: `Schulze ranking: ${ranking.map((level) => level.map((c) => names[c] ?? c).join(' = ')).join(' > ')}`,
  });

  for (const level of ranking) {
    if (elected.length >= seats) break;
    const room = seats - elected.length;
    let chosen: number[];
    let rule: string;
    let reason: string;
    if (level.length <= room) {
      chosen = level;
      rule = CITE_WINNER;
      reason =
        elected.length === 0
          ? `${level.length === 1 ? 'the only potential winner' : 'potential winners, all within the seats'}: p[a,b] ≥ p[b,a] against every other candidate`
          : `next in the Schulze ranking (seat ${elected.length + 1}${level.length > 1 ? `–${elected.length + level.length}` : ''} of ${seats}; the top ${seats} of the ranking, not Schulze STV)`;
    } else {
      if (lot === null) {
        throw new RangeError(
          `candidates ${level.map((c) => names[c] ?? c).join(', ')} are tied for ${room} seat(s): the tie must be drawn by lot: give a seed`,
        );
      }
      chosen = drawByLot(lot, level, room, `lot (${CITE_TIE})`, tieBreaks);
      rule = `${CITE_WINNER}; ${CITE_TIE}`;
      reason = `tied in the Schulze ranking with ${level.length} candidates for ${room} seat(s): drawn by lot`;
    }
    elected.push(...chosen);
    actions.push({ kind: 'elected', candidates: chosen, rule, reason });
  }
  if (seats > 1) {
    actions.push({
      kind: 'note',
      rule: SCHULZE_RULE,
      reason: `${seats} seats filled by the top ${seats} of the Schulze ranking: block, not proportional (this is not Schulze STV)`,
    });
  }

  // The round's "votes": for each candidate, how many candidates they beat along strongest paths.
  const wins = names.map((_, a) => live.filter((b) => b !== a && beats(a, b)).length);
  actions.unshift({
    kind: 'note',
    rule: CITE_RANKING,
    reason:
      'the votes column of this round is, for each candidate, the number of candidates they beat (p[a,b] >win p[b,a])',
  });
  return {
    method: 'schulze',
    rule: SCHULZE_RULE,
    title: election.title,
    seats,
    candidates: names,
    places: 0,
    voters: Number(voters),
    quota: null,
    rounds: [
      {
        number: 1,
        votes: wins.map(String),
        transfers: null,
        nonTransferable: '0',
        quota: null,
        actions,
      },
    ],
    elected,
    tieBreaks,
    pairwise: d.map((row) => row.map(Number)),
    strongestPaths: p.map((row) => row.map((s) => [Number(s[0]), Number(s[1])] as const)),
    ranking,
  };
}

function matrixText(live: readonly number[], names: readonly string[], cell: (a: number, b: number) => string): string {
  return live.map((a) => `${names[a] ?? a}: ${live.map((b) => (a === b ? '·' : cell(a, b))).join(' ')}`).join('; ');
}
