import { Decimal } from '../decimal.ts';
import type { Election } from '../election.ts';
import { SeededLot } from '../lot.ts';
import type { CountReport, Round, RoundAction, TieBreak } from '../report.ts';

/**
 * Meek's method of STV (Hill, Wichmann & Woodall, "Algorithm 123", 1987, after Meek 1969),
 * as the Proportional Representation Foundation's reference Meek rule states it and as
 * Droop ("meek", fixed point, 9 places, omega 10^-6, defeat_batch=none) and stv-rs count it:
 *
 *  - every hopeful candidate keeps all of a vote reaching them (keep value 1), a defeated
 *    candidate none (0), an elected candidate the fraction `kf` that leaves them the quota;
 *  - each iteration distributes every ballot down its ranking with those keep values, in
 *    fixed-point arithmetic of 9 decimal places (products truncated), recomputes the quota
 *    from the votes that are still live, elects whoever reaches it, and updates the keep
 *    values (kf × quota rounded up, ÷ votes rounded up) until the total surplus is within
 *    omega (or stops falling);
 *  - then the hopeful candidate with fewest votes is defeated (candidates within the total
 *    surplus of the lowest are treated as tied, broken by the [tie] order or by lot), and
 *    the count goes on until the seats are filled or the hopefuls just fill them.
 *
 * Equal rankings (`a=b`) follow Droop's interpretation: the weight reaching the group is
 * split evenly (truncated) among its members who are not defeated, and what each member
 * passes on goes to the next rank; a group whose members are all defeated ends the ballot.
 * Withdrawn candidates are removed from the ballots before the count, and ballots left
 * empty are not counted (as stv-rs does).
 *
 * The arithmetic is BigInt throughout: values are integers in units of 10^-9. Ballots are
 * grouped into a tree by their common prefixes, so a prefix shared by many ballots is
 * computed once; since each step of a ballot's distribution depends only on its prefix, the
 * result is exactly the ballot-by-ballot one.
 */

export interface MeekOptions {
  /**
   * Which statement of the rule: 'stv-rs' (Droop's parametric Meek as stv-rs counts it: 9
   * places, omega 10^-6, products truncated); 'prf' (the PR Foundation's reference Meek rule
   * as Droop counts it: each candidate's share of a ballot rounded up (B.2.a), the total
   * surplus not below 0 (B.2.d), iteration ends when it is below omega (B.2.e); as in Droop, candidates within
   * the total surplus of the lowest are tied (B.3)).
   * 'nz' (NZ Local Electoral Regulations 2001, Schedule 1A) is refused: there is no
   * reference data to check it against yet.
   */
  readonly variant?: 'stv-rs' | 'prf' | 'nz';
  /** The seed for draws by lot, needed only if a tie has no [tie] order to break it. */
  readonly lotSeed?: string;
  /**
   * The order for breaking ties (first listed wins, i.e. is defeated last), as stv-rs's
   * `[tie …]`: the candidate listed first among the tied is the one defeated. If absent, a BLT election's own `tieOrder` is used; failing that, lot.
   */
  readonly tieOrder?: readonly number[];
  /**
   * Count an elected candidate below the quota as a surplus of 0, not a negative one
   * (stv-rs `--force-positive-surplus`; PRF Meek B.2.d "but not less than 0"). Off by
   * default, as in Droop's and stv-rs's default count.
   */
  readonly positiveSurplus?: boolean;
  /**
   * 'bigint' forces BigInt for every step. By default, a count whose total (voters × 10^9)
   * fits in a safe integer distributes the ballots without equal rankings in exact integer
   * arithmetic on safe integers instead (the same results, several times faster).
   */
  readonly arithmetic?: 'auto' | 'bigint';
}

const PLACES = 9;
const ONE = 10n ** BigInt(PLACES);
/** omega = 10^-6 in units of 10^-9. */
const OMEGA = 10n ** 3n;
const RULE = 'Meek STV (PRF Reference Meek Rule; Droop/stv-rs Meek parametric, 9 places, omega 10^-6)';
const C = {
  init: 'PRF Meek A (initialize: keep value 1, withdrawn removed)',
  complete: 'PRF Meek B.1 (test count complete)',
  distribute: 'PRF Meek B.2.a (distribute votes)',
  quota: 'PRF Meek B.2.b (update quota)',
  winners: 'PRF Meek B.2.c (find winners: v ≥ q)',
  surplus: 'PRF Meek B.2.d (total surplus)',
  finished: 'PRF Meek B.2.e (test for iteration finished)',
  keep: 'PRF Meek B.2.f (update keep factors)',
  defeat: 'PRF Meek B.3 (defeat low candidate)',
  remaining: 'PRF Meek C (elect or defeat remaining)',
} as const;

/** A node of the prefix tree of ballots without equal rankings. */
interface Node {
  readonly candidate: number;
  /** The number of voters whose ballot passes through this node. */
  count: bigint;
  /** The same, as a safe integer (used only when every total fits in one: see `safe`). */
  countN: number;
  readonly children: Node[];
}

/** A ballot with equal rankings, counted on its own (Droop's recursive split). */
interface TiedBallot {
  readonly count: bigint;
  readonly groups: readonly (readonly number[])[];
}

interface Tally {
  readonly votes: bigint[];
  readonly exhausted: bigint;
}

type Status = 'hopeful' | 'elected' | 'defeated' | 'withdrawn';

export function countMeek(election: Election, options: MeekOptions = {}): CountReport {
  if (options.variant === 'nz') {
    throw new RangeError(
      'Meek variant "nz" (NZ LER 2001 Sch. 1A) is not implemented: no reference counts to check it against',
    );
  }
  const prf = options.variant === 'prf';
  const n = election.candidates.length;
  const seats = election.seats;
  if (!Number.isSafeInteger(seats) || seats < 1) throw new RangeError(`seats must be a positive integer, got ${seats}`);
  const tieOrder = options.tieOrder ?? bltTieOrder(election);
  if (tieOrder !== null) {
    for (const c of tieOrder) {
      if (!Number.isInteger(c) || c < 0 || c >= n) throw new RangeError(`tie order names candidate ${c + 1}`);
    }
  }
  const lot = options.lotSeed === undefined ? null : new SeededLot(options.lotSeed);

  // Ballots: withdrawn candidates removed, empty ranks dropped, empty ballots not counted.
  const roots: Node[] = [];
  const rootIndex = new Map<number, Node>();
  const tied: TiedBallot[] = [];
  let voters = 0n;
  for (const ballot of election.ballots) {
    if (!Number.isSafeInteger(ballot.count) || ballot.count < 0) {
      throw new RangeError(`a ballot's count must be a non-negative integer, got ${ballot.count}`);
    }
    if (ballot.count === 0) continue;
    const groups: number[][] = [];
    const seen = new Set<number>();
    for (const group of ballot.ranking) {
      const kept: number[] = [];
      for (const c of group) {
        if (!Number.isInteger(c) || c < 0 || c >= n) throw new RangeError(`a ballot names candidate ${c + 1}`);
        if (seen.has(c)) throw new RangeError(`a ballot ranks candidate ${c + 1} twice`);
        seen.add(c);
        if (election.candidates[c]?.withdrawn !== true) kept.push(c);
      }
      if (kept.length > 0) groups.push(kept);
    }
    if (groups.length === 0) continue;
    const count = BigInt(ballot.count);
    voters += count;
    if (groups.some((g) => g.length !== 1)) {
      tied.push({ count, groups });
      continue;
    }
    let level = roots;
    let index: Map<number, Node> | null = rootIndex;
    let node: Node | undefined;
    for (const [c] of groups) {
      const candidate = c ?? -1;
      node = index?.get(candidate) ?? level.find((x) => x.candidate === candidate);
      if (node === undefined) {
        node = { candidate, count: 0n, countN: 0, children: [] };
        level.push(node);
        index?.set(candidate, node);
      }
      node.count += count;
      node.countN += ballot.count;
      level = node.children;
      index = null;
    }
  }

  // The tree flattened in preorder for the safe-integer path: each node's candidate, depth,
  // voters, and the index just past its subtree.
  const flatNodes: { node: Node; depth: number }[] = [];
  const walk = (nodes: readonly Node[], depth: number): void => {
    for (const node of nodes) {
      flatNodes.push({ node, depth });
      walk(node.children, depth + 1);
    }
  };
  walk(roots, 0);
  const flat = {
    cand: new Int32Array(flatNodes.length),
    depth: new Int32Array(flatNodes.length),
    end: new Int32Array(flatNodes.length),
    count: new Float64Array(flatNodes.length),
  };
  let maxDepth = 0;
  {
    const stack: number[] = [];
    flatNodes.forEach(({ node, depth }, i) => {
      while (stack.length > depth) flat.end[stack.pop() ?? 0] = i;
      stack.push(i);
      flat.cand[i] = node.candidate;
      flat.depth[i] = depth;
      flat.count[i] = node.countN;
      if (depth > maxDepth) maxDepth = depth;
    });
    while (stack.length > 0) flat.end[stack.pop() ?? 0] = flatNodes.length;
  }
  const total = voters * ONE;
  /** Whether every sum of the count fits in a safe integer (up to 9,007,199 voters). */
  const safe = options.arithmetic !== 'bigint' && total <= BigInt(Number.MAX_SAFE_INTEGER);
  const keep: bigint[] = election.candidates.map((c) => (c.withdrawn ? 0n : ONE));
  const status: Status[] = election.candidates.map((c) => (c.withdrawn ? 'withdrawn' : 'hopeful'));

  const distribute = (): Tally => {
    const votes = new Array<bigint>(n).fill(0n);
    const visit = (nodes: readonly Node[], weight: bigint): void => {
      for (const node of nodes) {
        const k = keep[node.candidate] ?? 0n;
        if (k === ONE) {
          votes[node.candidate] = (votes[node.candidate] ?? 0n) + weight * node.count;
        } else if (k === 0n) {
          visit(node.children, weight);
        } else if (prf) {
          const used = ceilDiv(weight * k, ONE);
          votes[node.candidate] = (votes[node.candidate] ?? 0n) + used * node.count;
          const rest = weight - used;
          if (rest !== 0n) visit(node.children, rest);
        } else {
          votes[node.candidate] = (votes[node.candidate] ?? 0n) + ((weight * k) / ONE) * node.count;
          const rest = (weight * (ONE - k)) / ONE;
          if (rest !== 0n) visit(node.children, rest);
        }
      }
    };
    if (safe) {
      // The same distribution in exact integer arithmetic on safe integers (see mulTrunc):
      // every value is an integer below voters × 10^9 ≤ 2^53, so nothing is ever rounded.
      const kf = keep.map(Number);
      const acc = new Array<number>(n).fill(0);
      const { cand, depth, end, count } = flat;
      const weightAt = new Array<number>(maxDepth + 2).fill(0);
      weightAt[0] = ONE_N;
      const size = cand.length;
      let i = 0;
      while (i < size) {
        const c = cand[i] ?? 0;
        const d = depth[i] ?? 0;
        const w = weightAt[d] ?? 0;
        const k = kf[c] ?? 0;
        if (k === ONE_N) {
          acc[c] = (acc[c] ?? 0) + w * (count[i] ?? 0);
          i = end[i] ?? size; // a hopeful candidate keeps it all: skip the rest of the ranking
        } else if (k === 0) {
          weightAt[d + 1] = w;
          i += 1;
        } else {
          const used = prf ? mulCeilN(w, k) : mulTruncN(w, k);
          acc[c] = (acc[c] ?? 0) + used * (count[i] ?? 0);
          const rest = prf ? w - used : mulTruncN(w, ONE_N - k);
          if (rest === 0) {
            i = end[i] ?? size;
          } else {
            weightAt[d + 1] = rest;
            i += 1;
          }
        }
      }
      for (let c = 0; c < n; c += 1) votes[c] = BigInt(acc[c] ?? 0);
    } else {
      visit(roots, ONE);
    }
    for (const ballot of tied) {
      const down = (weight: bigint, at: number): void => {
        const group = ballot.groups[at];
        if (group === undefined) return;
        const live = group.filter((c) => (keep[c] ?? 0n) !== 0n);
        // Droop: a rank whose candidates are all defeated passes nothing on.
        if (live.length === 0) return;
        const share = weight / BigInt(live.length);
        for (const c of live) {
          const k = keep[c] ?? 0n;
          const used = prf ? ceilDiv(share * k, ONE) : (share * k) / ONE;
          votes[c] = (votes[c] ?? 0n) + used * ballot.count;
          const rest = prf ? share - used : (share * (ONE - k)) / ONE;
          if (rest !== 0n) down(rest, at + 1);
        }
      };
      down(ONE, 0);
    }
    let used = 0n;
    for (const v of votes) used += v;
    return { votes, exhausted: total - used };
  };
  const quotaOf = (tally: Tally): bigint => (total - tally.exhausted) / BigInt(seats + 1) + 1n;

  const show = (units: bigint): string => Decimal.fromUnits(units, PLACES).toString();
  const rounds: Round[] = [];
  const elected: number[] = [];
  const tieBreaks: TieBreak[] = [];
  let previous: readonly bigint[] | null = null;
  const pushRound = (tally: Tally, quota: bigint, actions: RoundAction[]): void => {
    const prev = previous;
    rounds.push({
      number: rounds.length + 1,
      votes: tally.votes.map(show),
      transfers: prev === null ? null : tally.votes.map((v, i) => show(v - (prev[i] ?? 0n))),
      nonTransferable: show(tally.exhausted),
      quota: show(quota),
      actions,
    });
    previous = tally.votes;
  };
  const keepNote = (): RoundAction => ({
    kind: 'note',
    rule: C.keep,
    reason: `keep values: ${status
      .flatMap((s, i) => (s === 'elected' ? [`${election.candidates[i]?.name ?? i} ${show(keep[i] ?? 0n)}`] : []))
      .join(', ')}`,
  });
  const surplusOf = (tally: Tally, quota: bigint): bigint => {
    let s = 0n;
    for (const c of elected) {
      const d = (tally.votes[c] ?? 0n) - quota;
      s += options.positiveSurplus === true && d < 0n ? 0n : d;
    }
    return prf && s < 0n ? 0n : s;
  };

  let tally = distribute();
  let quota = quotaOf({ votes: tally.votes, exhausted: 0n });
  let toElect = seats;
  pushRound(tally, quota, [
    {
      kind: 'note',
      rule: C.init,
      reason: `first preferences of ${voters} voters; quota = votes ÷ ${seats + 1}, truncated, + 0.000000001`,
    },
  ]);

  const elect = (c: number, actions: RoundAction[], rule: string, reason: string): void => {
    status[c] = 'elected';
    elected.push(c);
    toElect -= 1;
    actions.push({ kind: 'elected', candidates: [c], rule, reason });
  };

  for (;;) {
    const hopeful = status.flatMap((s, i) => (s === 'hopeful' ? [i] : []));
    if (toElect === 0 || hopeful.length <= toElect) break;
    const round = rounds.length + 1;
    const actions: RoundAction[] = [];

    // B.2: iterate until someone is elected, the surplus is within omega, or it stops falling.
    let last = total;
    let iterations = 0;
    let outcome: 'elected' | 'omega' | 'stable';
    let surplus: bigint;
    for (;;) {
      iterations += 1;
      tally = distribute();
      quota = quotaOf(tally);
      let any = false;
      for (let c = 0; c < n; c += 1) {
        if (status[c] !== 'hopeful' || toElect === 0) continue;
        const v = tally.votes[c] ?? 0n;
        if (v >= quota) {
          elect(c, actions, C.winners, `${show(v)} ≥ quota ${show(quota)} (iteration ${iterations})`);
          any = true;
        }
      }
      surplus = surplusOf(tally, quota);
      if (any) {
        outcome = 'elected';
        break;
      }
      if (prf ? surplus < OMEGA : surplus <= OMEGA) {
        outcome = 'omega';
        break;
      }
      if (surplus >= last) {
        outcome = 'stable';
        break;
      }
      last = surplus;
      for (const c of elected) {
        const v = tally.votes[c] ?? 0n;
        if (v === 0n) continue;
        keep[c] = ceilDiv(ceilDiv((keep[c] ?? 0n) * quota, ONE) * ONE, v);
      }
    }
    actions.unshift({
      kind: 'note',
      rule: C.finished,
      reason: `${iterations} iteration${iterations === 1 ? '' : 's'}; total surplus ${show(surplus)}; ${
        outcome === 'elected'
          ? 'a candidate reached the quota'
          : outcome === 'omega'
            ? 'surplus within omega 0.000001'
            : 'surplus stopped falling (stable)'
      }`,
    });
    actions.push(keepNote());
    const decided = tally;
    const decidedQuota = quota;

    if (outcome !== 'elected') {
      // B.3: defeat the lowest hopeful; those within the total surplus of it are tied.
      const live = status.flatMap((s, i) => (s === 'hopeful' ? [i] : []));
      let min = decided.votes[live[0] ?? 0] ?? 0n;
      for (const c of live) if ((decided.votes[c] ?? 0n) < min) min = decided.votes[c] ?? 0n;
      // (A negative total surplus would leave no one within it: then the lowest are tied.)
      const margin = surplus < 0n ? 0n : surplus;
      const low = live.filter((c) => (decided.votes[c] ?? 0n) <= min + margin);
      let loser = low[0] ?? -1;
      if (low.length > 1) {
        const broken = breakTie(low, tieOrder, lot, round);
        loser = broken.chosen;
        tieBreaks.push(broken.tieBreak);
      }
      status[loser] = 'defeated';
      keep[loser] = 0n;
      actions.push({
        kind: 'excluded',
        candidates: [loser],
        rule: C.defeat,
        reason:
          (outcome === 'omega'
            ? `surplus ${show(surplus)} ≤ omega: `
            : `surplus ${show(surplus)} stable (not below the last iteration's): `) +
          `lowest vote ${show(decided.votes[loser] ?? 0n)}` +
          (low.length > 1 ? ` (${low.length} candidates within the surplus of the lowest, tie broken)` : ''),
      });
      tally = distribute();
    }
    pushRound(decided, decidedQuota, actions);
  }

  // C: elect the remaining hopefuls if they just fill the seats, else defeat them.
  const actions: RoundAction[] = [];
  for (let c = 0; c < n; c += 1) {
    if (status[c] !== 'hopeful') continue;
    if (elected.length < seats) {
      elect(c, actions, C.remaining, 'the hopeful candidates left do not outnumber the seats left');
    } else {
      status[c] = 'defeated';
      keep[c] = 0n;
      actions.push({ kind: 'excluded', candidates: [c], rule: C.remaining, reason: 'all seats are filled' });
    }
    tally = distribute();
  }
  actions.unshift({ kind: 'note', rule: C.complete, reason: 'count complete' });
  pushRound(tally, quota, actions);

  return {
    method: 'meek',
    rule: RULE,
    title: election.title,
    seats,
    candidates: election.candidates.map((c) => c.name),
    places: PLACES,
    voters: Number(voters),
    quota: show(quota),
    rounds,
    elected,
    tieBreaks,
  };
}

function bltTieOrder(election: Election): readonly number[] | null {
  if (!('tieOrder' in election)) return null;
  const order: unknown = election.tieOrder;
  if (!Array.isArray(order)) return null;
  const out: number[] = [];
  for (const c of order as unknown[]) {
    if (typeof c !== 'number') return null;
    out.push(c);
  }
  return out;
}

/** Chooses whom to defeat among `low`: the one listed last in the tie order, else by lot. */
function breakTie(
  low: readonly number[],
  tieOrder: readonly number[] | null,
  lot: SeededLot | null,
  round: number,
): { readonly chosen: number; readonly tieBreak: TieBreak } {
  const between = [...low];
  if (tieOrder !== null) {
    // stv-rs: the candidate earliest in the [tie] order is the one defeated; candidates the
    // order leaves out come after every listed one.
    const rank = (c: number): number => {
      const at = tieOrder.indexOf(c);
      return at < 0 ? tieOrder.length + c : at;
    };
    const chosen = between.reduce((a, b) => (rank(b) < rank(a) ? b : a));
    return {
      chosen,
      tieBreak: { round, between, chosen, purpose: 'exclude', how: `tie order given with the ballots (${C.defeat})` },
    };
  }
  if (lot === null) {
    throw new RangeError(
      `a tie among candidates ${between.map((c) => c + 1).join(', ')} must be broken by lot: give a lotSeed or a tie order`,
    );
  }
  const { value, draw } = lot.draw(between.length);
  const chosen = between[value] ?? -1;
  return {
    chosen,
    tieBreak: {
      round,
      between,
      chosen,
      purpose: 'exclude',
      how: `lot (${C.defeat}: ties broken by lot)`,
      lot: { seed: lot.seed, draw, of: between.length },
    },
  };
}

const ONE_N = 1e9;
const HALF = 32768;

/** floor(x / 10^9) for an integer 0 ≤ x < 2^53, exactly (the quotient is corrected). */
function divOneN(x: number): number {
  let q = Math.floor(x / ONE_N);
  const r = x - q * ONE_N;
  if (r < 0) q -= 1;
  else if (r >= ONE_N) q += 1;
  return q;
}

/**
 * floor(a × b / 10^9) for integers 0 ≤ a, b ≤ 10^9, exactly: b is split into 15-bit halves so
 * that every product and sum stays an integer below 2^53.
 */
function mulTruncN(a: number, b: number): number {
  const bh = Math.floor(b / HALF);
  const bl = b - bh * HALF;
  const hi = a * bh; // < 2^45
  const lo = a * bl; // < 2^45
  const q1 = divOneN(hi);
  const r1 = hi - q1 * ONE_N; // < 10^9
  return q1 * HALF + divOneN(r1 * HALF + lo); // r1 × 2^15 + lo < 2^46
}

/** ceil(a × b / 10^9) for integers 0 ≤ a, b ≤ 10^9, exactly. */
function mulCeilN(a: number, b: number): number {
  const q = mulTruncN(a, b);
  // a × b = q × 10^9 + r with 0 ≤ r < 10^9: r ≠ 0 iff (a × b) mod 10^9 ≠ 0; test it in halves.
  const bh = Math.floor(b / HALF);
  const bl = b - bh * HALF;
  const hi = a * bh;
  const r = (((hi % ONE_N) * HALF) % ONE_N) + ((a * bl) % ONE_N);
  return r % ONE_N === 0 ? q : q + 1;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a || a < 0n !== b < 0n ? q : q + 1n;
}
