import type { Election } from './election.ts';
import { SeededLot } from './lot.ts';
import type { CountMethod, CountOptions } from './methods.ts';
import type { CountReport, RoundAction, TieBreak } from './report.ts';

/**
 * Apportionment: seats shared among parties (or Länder) in proportion to their votes (or
 * population), in exact arithmetic (bigint rationals). Three methods:
 *
 * - **Sainte-Laguë/Schepers** (divisor method with standard rounding), as the German
 *   Bundeswahlgesetz prescribes it (BWahlG §6(2), version of 2013 to 2023) and the
 *   Bundeswahlleiterin publishes it: each party gets votes ÷ divisor rounded to the nearest
 *   whole number, the divisor chosen so that the seats add up. The report gives the starting
 *   divisor (votes ÷ seats), the interval of divisors that give the result, the divisor
 *   chosen from it (the "roundest" value, as in the official tables) and every quotient;
 *   also the equivalent highest-averages sequence (votes ÷ 0.5, 1.5, 2.5, …).
 * - **D'Hondt** (divisor method rounding down; highest averages votes ÷ 1, 2, 3, …): the same
 *   arithmetic as above with rounding down.
 * - **Hare-Niemeyer** (largest remainders; BWahlG §6(2) in its 1985–2008 version): each party's
 *   quota votes × seats ÷ total, its whole part, then the remaining seats to the largest
 *   remainders.
 *
 * A tie that decides a seat (equal averages, or equal remainders, for fewer seats than tied
 * parties) is drawn by lot with a SeededLot, as the rules say ("entscheidet das vom
 * Bundeswahlleiter zu ziehende Los"), and reported with the seed and the draw.
 *
 * For the second distribution of the Bundestag (BWahlG § 6 (4)–(6), versions of 2013 and
 * 2020), at the end of this file: `minimumSeats` (each party's minimum from its Landeslisten),
 * `increaseSeats` (the smallest house, and its divisor, in which Sainte-Laguë gives every party
 * its minimum — the Erhöhung) and `apportionWithMinimum` (Sainte-Laguë with a minimum per list,
 * by the iterative procedure the Bundeswahlleiterin publishes — the 2. Unterverteilung).
 */

export type ApportionmentMethod = 'sainte-lague' | 'dhondt' | 'hare-niemeyer';

export interface ApportionmentParty {
  readonly name: string;
  readonly votes: number | bigint;
}

export interface ApportionmentOptions {
  /**
   * A threshold as a percentage of all votes, e.g. "5" or "0.5": parties with fewer votes
   * than that share take no part (BWahlG §6(3): 5 %). Exact: "5" means votes × 100 ≥ 5 × total.
   */
  readonly threshold?: string;
  /** Seed for draws by lot; required only if a tie must actually be drawn. */
  readonly seed?: string;
}

/** One seat of the highest-averages sequence: which party, with which average. */
export interface AverageStep {
  readonly seat: number;
  readonly party: number;
  /** votes ÷ divisor, exact ("n/d" reduced) and as a decimal (6 places, truncated). */
  readonly average: string;
  readonly exact: string;
  /** The divisor of that seat for that party (1, 2, 3… for D'Hondt; 0.5, 1.5, … for Sainte-Laguë). */
  readonly divisor: string;
}

export interface DivisorArithmetic {
  /** total votes ÷ seats, and the seats it would give. */
  readonly initialDivisor: string;
  readonly initialSeats: number;
  /** Every divisor D with lower < D ≤ upper gives the result (exact values and 6-place decimals). */
  readonly lower: string;
  readonly upper: string;
  readonly lowerExact: string;
  readonly upperExact: string;
  /** The divisor chosen from the interval: the roundest value (1, 2 or 5 × a power of ten). */
  readonly divisor: string;
  /** Each party's votes ÷ chosen divisor (6 places, truncated; exact in `quotientsExact`). */
  readonly quotients: readonly string[];
  readonly quotientsExact: readonly string[];
}

export interface QuotaArithmetic {
  /** Votes per seat: total ÷ seats. */
  readonly quota: string;
  /** Each party's votes × seats ÷ total (6 places, truncated; exact in `quotasExact`). */
  readonly quotas: readonly string[];
  readonly quotasExact: readonly string[];
  readonly whole: readonly number[];
  readonly remainders: readonly string[];
  /** Parties given a remainder seat, in order of their remainders. */
  readonly remainderSeats: readonly number[];
}

export interface ApportionmentReport {
  readonly method: ApportionmentMethod;
  readonly rule: string;
  readonly seats: number;
  readonly parties: readonly string[];
  readonly votes: readonly string[];
  readonly totalVotes: string;
  /** Whether each party passed the threshold (all true without one). */
  readonly eligible: readonly boolean[];
  readonly allocation: readonly number[];
  /** Divisor methods. */
  readonly divisor: DivisorArithmetic | null;
  readonly sequence: readonly AverageStep[] | null;
  /** Hare-Niemeyer. */
  readonly quota: QuotaArithmetic | null;
  readonly tieBreaks: readonly TieBreak[];
  readonly notes: readonly { readonly rule: string; readonly reason: string }[];
}

const RULES: Record<ApportionmentMethod, string> = {
  'sainte-lague': 'Sainte-Laguë/Schepers divisor method with standard rounding (BWahlG §6(2), 2013 version)',
  dhondt: "D'Hondt divisor method (highest averages votes ÷ 1, 2, 3, …; rounding down)",
  'hare-niemeyer': 'Hare-Niemeyer largest remainders (BWahlG §6(2), 1985–2008 version)',
};

const CLAUSE: Record<ApportionmentMethod, { seats: string; tie: string }> = {
  'sainte-lague': {
    seats: 'BWahlG §6(2) S.2–3 (2013): votes ÷ divisor, fractions rounded to the nearest whole number',
    tie: 'BWahlG §6(2) S.3 (2013): fractions of exactly 0.5 are drawn by lot (Los)',
  },
  dhondt: {
    seats: "D'Hondt: each seat to the highest average votes ÷ (seats held + 1)",
    tie: "D'Hondt: equal highest averages for the last seats are drawn by lot",
  },
  'hare-niemeyer': {
    seats: 'BWahlG §6(2) S.2–3 (1985): whole parts of votes × seats ÷ total, then the largest remainders',
    tie: 'BWahlG §6(2) S.4 (1985): equal remainders are drawn by lot (Los)',
  },
};

/** An exact rational with a positive denominator, always reduced. */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  constructor(num: bigint, den = 1n) {
    if (den === 0n) throw new RangeError('division by zero');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num < 0n ? -num : num, den);
    this.num = g === 0n ? 0n : num / g;
    this.den = g === 0n ? 1n : den / g;
  }

  add(other: Rational): Rational {
    return new Rational(this.num * other.den + other.num * this.den, this.den * other.den);
  }

  sub(other: Rational): Rational {
    return new Rational(this.num * other.den - other.num * this.den, this.den * other.den);
  }

  mul(other: Rational): Rational {
    return new Rational(this.num * other.num, this.den * other.den);
  }

  div(other: Rational): Rational {
    return new Rational(this.num * other.den, this.den * other.num);
  }

  compare(other: Rational): -1 | 0 | 1 {
    const a = this.num * other.den;
    const b = other.num * this.den;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** The largest integer ≤ this. */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** "n/d", or "n" for an integer. */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }

  /** A decimal with `places` digits, truncated toward −∞ (exact if the value allows). */
  toFixed(places: number): string {
    const scaled = new Rational(this.num * 10n ** BigInt(places), this.den).floor();
    const negative = scaled < 0n;
    const digits = (negative ? -scaled : scaled).toString().padStart(places + 1, '0');
    const whole = digits.slice(0, digits.length - places);
    const fraction = digits.slice(digits.length - places);
    return `${negative ? '-' : ''}${whole}${places > 0 ? `.${fraction}` : ''}`;
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const PLACES = 6;

/** Shares `seats` among `parties` by `method`; see the module comment. */
export function apportion(
  method: ApportionmentMethod,
  seats: number,
  parties: readonly ApportionmentParty[],
  options: ApportionmentOptions = {},
): ApportionmentReport {
  if (!Number.isSafeInteger(seats) || seats < 0) throw new RangeError(`seats must be a whole number ≥ 0, got ${seats}`);
  if (parties.length === 0) throw new RangeError('there must be at least one party');
  const votes = parties.map((p) => {
    const v = typeof p.votes === 'bigint' ? p.votes : BigInt(checkVotes(p.votes, p.name));
    if (v < 0n) throw new RangeError(`${p.name}: votes must not be negative`);
    return v;
  });
  const total = votes.reduce((a, b) => a + b, 0n);
  const notes: { rule: string; reason: string }[] = [];
  const eligible = votes.map(() => true);
  if (options.threshold !== undefined) {
    const share = parseDecimal(options.threshold);
    votes.forEach((v, i) => {
      // v / total ≥ share / 100  ⇔  100·v ≥ share·total
      if (new Rational(100n * v).compare(share.mul(new Rational(total))) < 0) {
        eligible[i] = false;
        notes.push({
          rule: 'threshold (BWahlG §6(3))',
          reason: `${parties[i]?.name ?? i} has ${v} of ${total} votes, under ${options.threshold ?? ''} %: no seats`,
        });
      }
    });
  }
  const counted = votes.map((v, i) => (eligible[i] === true ? v : 0n));
  const countedTotal = counted.reduce((a, b) => a + b, 0n);
  if (seats > 0 && countedTotal === 0n) throw new RangeError('no votes to share the seats by');
  const lot = options.seed === undefined ? null : new SeededLot(options.seed);
  const tieBreaks: TieBreak[] = [];
  const draw = (tied: readonly number[], needed: number, seat: number): number[] => {
    // Chooses `needed` of the tied parties by lot, one draw each.
    if (lot === null) {
      throw new RangeError(
        `parties ${tied.map((i) => parties[i]?.name ?? i).join(', ')} tie for ${needed} seat(s): ` +
          'the rule draws lots, so a seed is required',
      );
    }
    const pool = [...tied];
    const chosen: number[] = [];
    for (let k = 0; k < needed; k += 1) {
      const { value, draw: n } = lot.draw(pool.length);
      const pick = pool.splice(value, 1)[0] ?? -1;
      chosen.push(pick);
      tieBreaks.push({
        round: seat,
        between: [...tied],
        chosen: pick,
        purpose: 'elect',
        how: `lot (${CLAUSE[method].tie})`,
        lot: { seed: lot.seed, draw: n, of: pool.length + 1 },
      });
    }
    return chosen;
  };

  const base = {
    method,
    rule: RULES[method],
    seats,
    parties: parties.map((p) => p.name),
    votes: votes.map(String),
    totalVotes: total.toString(),
    eligible,
  };
  if (method === 'hare-niemeyer') {
    const quota = hareNiemeyer(seats, counted, countedTotal, eligible, draw);
    return {
      ...base,
      allocation: quota.allocation,
      divisor: null,
      sequence: null,
      quota: quota.arithmetic,
      tieBreaks,
      notes,
    };
  }
  const divisor = divisorMethod(method, seats, counted, eligible, draw);
  return {
    ...base,
    allocation: divisor.allocation,
    divisor: divisor.arithmetic,
    sequence: divisor.sequence,
    quota: null,
    tieBreaks,
    notes,
  };
}

function checkVotes(votes: number, name: string): number {
  if (!Number.isSafeInteger(votes)) throw new RangeError(`${name}: votes must be a safe integer, got ${votes}`);
  return votes;
}

function parseDecimal(text: string): Rational {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null)
    throw new RangeError(`threshold must be a percentage like "5" or "0.5", got ${JSON.stringify(text)}`);
  const fraction = match[2] ?? '';
  return new Rational(BigInt(`${match[1] ?? '0'}${fraction}`), 10n ** BigInt(fraction.length));
}

type Draw = (tied: readonly number[], needed: number, seat: number) => number[];

/** The divisor for a party's next seat, given the seats it holds: s + 1/2 or s + 1. */
function nextDivisor(method: ApportionmentMethod, held: number): Rational {
  return method === 'sainte-lague' ? new Rational(BigInt(2 * held + 1), 2n) : new Rational(BigInt(held + 1));
}

/** Seats a divisor gives: round half up (Sainte-Laguë) or down (D'Hondt). */
function seatsFor(method: ApportionmentMethod, votes: bigint, divisor: Rational): bigint {
  const q = new Rational(votes).div(divisor);
  return method === 'sainte-lague' ? q.add(new Rational(1n, 2n)).floor() : q.floor();
}

function divisorMethod(
  method: ApportionmentMethod,
  seats: number,
  votes: readonly bigint[],
  eligible: readonly boolean[],
  draw: Draw,
): { allocation: number[]; arithmetic: DivisorArithmetic | null; sequence: AverageStep[] } {
  const allocation = votes.map(() => 0);
  const sequence: AverageStep[] = [];
  const parties = votes.map((_, i) => i).filter((i) => eligible[i] === true && (votes[i] ?? 0n) > 0n);
  while (sequence.length < seats) {
    let best: Rational | null = null;
    let tied: number[] = [];
    for (const i of parties) {
      const average = new Rational(votes[i] ?? 0n).div(nextDivisor(method, allocation[i] ?? 0));
      const c = best === null ? 1 : average.compare(best);
      if (c > 0) {
        best = average;
        tied = [i];
      } else if (c === 0) tied.push(i);
    }
    if (best === null) break;
    const remaining = seats - sequence.length;
    const winners = tied.length <= remaining ? tied : draw(tied, remaining, sequence.length + 1);
    for (const i of winners) {
      const divisor = nextDivisor(method, allocation[i] ?? 0);
      allocation[i] = (allocation[i] ?? 0) + 1;
      sequence.push({
        seat: sequence.length + 1,
        party: i,
        average: best.toFixed(PLACES),
        exact: best.toString(),
        divisor: divisor.den === 1n ? divisor.toString() : divisor.toFixed(1),
      });
    }
  }
  if (seats === 0 || parties.length === 0) return { allocation, arithmetic: null, sequence };

  // The divisors that give this allocation: votes ÷ next divisor < D ≤ votes ÷ last divisor.
  let lower = new Rational(0n);
  let upper: Rational | null = null;
  for (const i of parties) {
    const v = new Rational(votes[i] ?? 0n);
    const held = allocation[i] ?? 0;
    const low = v.div(nextDivisor(method, held));
    if (low.compare(lower) > 0) lower = low;
    if (held > 0) {
      const high = v.div(nextDivisor(method, held - 1));
      if (upper === null || high.compare(upper) < 0) upper = high;
    }
  }
  const high = upper ?? lower.add(new Rational(1n));
  const total = parties.reduce((a, i) => a + (votes[i] ?? 0n), 0n);
  const initial = new Rational(total, BigInt(seats));
  const initialSeats = parties.reduce((a, i) => a + Number(seatsFor(method, votes[i] ?? 0n, initial)), 0);
  // With a tie drawn by lot the interval is empty (lower = upper): the divisor is that value
  // and the lot decided the rounding of the exact .5 (or whole) quotients.
  const chosen = lower.compare(high) < 0 ? roundestIn(lower, high) : high;
  const quotients = votes.map((v, i) => (eligible[i] === true ? new Rational(v).div(chosen) : new Rational(0n)));
  return {
    allocation,
    sequence,
    arithmetic: {
      initialDivisor: initial.toFixed(PLACES),
      initialSeats,
      lower: lower.toFixed(PLACES),
      upper: high.toFixed(PLACES),
      lowerExact: lower.toString(),
      upperExact: high.toString(),
      divisor: chosen.den === 1n ? chosen.toString() : chosen.toFixed(PLACES),
      quotients: quotients.map((q) => q.toFixed(PLACES)),
      quotientsExact: quotients.map((q) => q.toString()),
    },
  };
}

/**
 * The "roundest" divisor in (lower, upper]: the largest step 1, 2 or 5 × 10^k that has a
 * multiple in the interval, and of those multiples the one nearest the interval's middle
 * (the lower on a tie). This reproduces the "ausgewählter Divisor" of the official tables.
 */
export function roundestIn(lower: Rational, upper: Rational): Rational {
  const middle = lower.add(upper).div(new Rational(2n));
  let exponent = upper.floor().toString().length;
  for (;;) {
    for (const mantissa of [5n, 2n, 1n]) {
      const step =
        exponent >= 0
          ? new Rational(mantissa * 10n ** BigInt(exponent))
          : new Rational(mantissa, 10n ** BigInt(-exponent));
      const first = lower.div(step).floor() + 1n; // smallest multiple above lower
      const last = upper.div(step).floor();
      if (first > last) continue;
      // nearest multiple to the middle
      const m = middle.div(step);
      let k = m.floor();
      if (m.sub(new Rational(k)).compare(new Rational(1n, 2n)) > 0) k += 1n;
      if (k < first) k = first;
      if (k > last) k = last;
      return step.mul(new Rational(k));
    }
    exponent -= 1;
  }
}

function hareNiemeyer(
  seats: number,
  votes: readonly bigint[],
  total: bigint,
  eligible: readonly boolean[],
  draw: Draw,
): { allocation: number[]; arithmetic: QuotaArithmetic } {
  const quotas = votes.map((v) => (total === 0n ? new Rational(0n) : new Rational(v * BigInt(seats), total)));
  const whole = quotas.map((q) => Number(q.floor()));
  const remainders = quotas.map((q, i) => q.sub(new Rational(BigInt(whole[i] ?? 0))));
  const allocation = [...whole];
  let remaining = seats - whole.reduce((a, b) => a + b, 0);
  const candidates = votes.map((_, i) => i).filter((i) => eligible[i] === true && (votes[i] ?? 0n) > 0n);
  // Sort by remainder, largest first; parties with equal remainders form one group.
  const order = [...candidates].sort((a, b) =>
    (remainders[b] ?? new Rational(0n)).compare(remainders[a] ?? new Rational(0n)),
  );
  const remainderSeats: number[] = [];
  let at = 0;
  while (remaining > 0 && at < order.length) {
    const r = remainders[order[at] ?? 0] ?? new Rational(0n);
    let end = at;
    while (end < order.length && (remainders[order[end] ?? 0] ?? new Rational(0n)).compare(r) === 0) end += 1;
    const group = order.slice(at, end);
    const winners = group.length <= remaining ? group : draw(group, remaining, seats - remaining + 1);
    for (const i of winners) {
      allocation[i] = (allocation[i] ?? 0) + 1;
      remainderSeats.push(i);
    }
    remaining -= winners.length;
    at = end;
  }
  return {
    allocation,
    arithmetic: {
      quota: total === 0n || seats === 0 ? '0' : new Rational(total, BigInt(seats)).toFixed(PLACES),
      quotas: quotas.map((q) => q.toFixed(PLACES)),
      quotasExact: quotas.map((q) => q.toString()),
      whole,
      remainders: remainders.map((r) => r.toFixed(PLACES)),
      remainderSeats,
    },
  };
}

/** Options of the apportionment methods as `plenum count` methods. */
export interface ApportionmentCountOptions extends CountOptions {
  readonly threshold?: string;
}

/**
 * An election counted as an apportionment: each candidate is a party, each ballot's first
 * rank a vote for it. A ballot whose first rank is blank, marks several parties or a
 * withdrawn one is not counted (it is reported as non-transferable). One round.
 */
export function countApportionment(
  method: ApportionmentMethod,
  election: Election,
  options: ApportionmentCountOptions = {},
): CountReport {
  const votes = election.candidates.map(() => 0);
  let invalid = 0;
  let voters = 0;
  for (const ballot of election.ballots) {
    const first = ballot.ranking[0];
    const party = first?.length === 1 ? first[0] : undefined;
    if (party === undefined || election.candidates[party]?.withdrawn !== false) invalid += ballot.count;
    else {
      votes[party] = (votes[party] ?? 0) + ballot.count;
      voters += ballot.count;
    }
  }
  const parties = election.candidates.map((c, i) => ({ name: c.name, votes: c.withdrawn ? 0 : (votes[i] ?? 0) }));
  const result = apportion(method, election.seats, parties, {
    ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
  const clause = CLAUSE[method];
  const actions: RoundAction[] = [];
  const elected = electedOrder(result);
  for (const i of elected) {
    const seats = result.allocation[i] ?? 0;
    const why =
      result.divisor !== null
        ? `${result.votes[i] ?? ''} votes ÷ divisor ${result.divisor.divisor} = ${result.divisor.quotients[i] ?? ''} → ${seats} seat(s)`
        : `quota ${result.quota?.quotas[i] ?? ''}: ${result.quota?.whole[i] ?? 0} whole + ${
            seats - (result.quota?.whole[i] ?? 0)
          } for the remainder → ${seats} seat(s)`;
    actions.push({
      kind: 'elected',
      candidates: [i],
      rule: clause.seats,
      reason: `${result.parties[i] ?? ''}: ${why}`,
    });
  }
  for (const note of result.notes) actions.push({ kind: 'note', rule: note.rule, reason: note.reason });
  if (result.divisor !== null) {
    const d = result.divisor;
    actions.push({
      kind: 'note',
      rule: clause.seats,
      reason:
        `starting divisor ${d.initialDivisor} (votes ÷ seats) gives ${d.initialSeats} seats; ` +
        `divisors in (${d.lower}, ${d.upper}] give ${election.seats}; chosen ${d.divisor}`,
    });
  }
  if (invalid > 0) {
    actions.push({
      kind: 'note',
      rule: 'first preference only',
      reason: `${invalid} ballot(s) with a blank, multiple or withdrawn first rank not counted`,
    });
  }
  return {
    method,
    rule: result.rule,
    title: election.title,
    seats: election.seats,
    candidates: election.candidates.map((c) => c.name),
    places: 0,
    voters,
    quota: result.quota?.quota ?? null,
    rounds: [
      {
        number: 1,
        votes: votes.map(String),
        transfers: null,
        nonTransferable: String(invalid),
        quota: result.quota?.quota ?? null,
        actions,
      },
    ],
    elected,
    tieBreaks: result.tieBreaks,
  };
}

/** Parties with a seat, in the order of their first seat (highest averages or quota order). */
function electedOrder(result: ApportionmentReport): number[] {
  const order: number[] = [];
  if (result.sequence !== null) {
    for (const step of result.sequence) if (!order.includes(step.party)) order.push(step.party);
  }
  const rest = result.allocation
    .map((s, i) => ({ s, i }))
    .filter(({ s, i }) => s > 0 && !order.includes(i))
    .sort((a, b) => b.s - a.s || a.i - b.i);
  return [...order, ...rest.map(({ i }) => i)];
}

function method(name: ApportionmentMethod): CountMethod {
  return {
    name,
    // Only first preferences count; a ballot whose first rank names several parties is not counted (reported).
    equalRankings: true,
    multiWinner: true,
    partySeats: true,
    count: (election, options) => countApportionment(name, election, options),
  };
}

export const SAINTE_LAGUE: CountMethod = method('sainte-lague');
export const DHONDT: CountMethod = method('dhondt');
export const HARE_NIEMEYER: CountMethod = method('hare-niemeyer');
export const APPORTIONMENT_METHODS: readonly CountMethod[] = [SAINTE_LAGUE, DHONDT, HARE_NIEMEYER];

// ---------------------------------------------------------------------------------------------
// The second distribution of the Bundestag (BWahlG § 6 (4) to (6), versions of 2013 and 2020):
// the minimum seats of each party, the increase of the house until every party has them, and
// the distribution of each party's seats to its Landeslisten with a minimum per list.
// ---------------------------------------------------------------------------------------------

/**
 * Which version of BWahlG § 6 a calculation follows: `2013` (Gesetz vom 3. Mai 2013, in force
 * for the elections of 2013 and 2017) or `2020` (Gesetz vom 14. November 2020, for 2021 and its
 * partial repeat in Berlin in 2024).
 */
export type BundestagLaw = '2013' | '2020';

/** One Landesliste after the first distribution: its seats (Sitzkontingent) and constituency seats. */
export interface FirstDistributionList {
  readonly name: string;
  /** Seats of the list in the first distribution (§ 6 (2) and (3)). */
  readonly seats: number;
  /** Seats its candidates won in the constituencies of the Land (§ 5). */
  readonly direct: number;
}

export interface MinimumSeatsReport {
  readonly law: BundestagLaw;
  readonly rule: string;
  readonly lists: readonly {
    readonly name: string;
    readonly seats: number;
    readonly direct: number;
    /** 2020: (seats + direct) ÷ 2 rounded up (§ 6 (5) S.2); null under the 2013 version. */
    readonly mean: number | null;
    /** The seats the list is guaranteed (2013: max(seats, direct); 2020: max(direct, mean)). */
    readonly minimum: number;
    /** Constituency seats beyond the list's first-distribution seats (Überhang / drohender Überhang). */
    readonly overhang: number;
  }[];
  /** Sums over the lists. */
  readonly seats: number;
  readonly direct: number;
  readonly minimum: number;
  readonly overhang: number;
  /**
   * The seats the party must get in the second distribution: 2013, the sum of the list
   * minimums (garantierte Mindestsitzzahl); 2020, the larger of the first-distribution seats
   * and that sum (Mindestsitzanspruch, § 6 (5) S.1 and S.3).
   */
  readonly claim: number;
  /** 2020: the claim without the threatened overhang, max(seats, minimum − overhang) (§ 6 (5) S.4); 2013: the claim. */
  readonly claimWithoutOverhang: number;
}

const MINIMUM_RULES: Record<BundestagLaw, string> = {
  '2013':
    'BWahlG § 6 (5) S.1 (2013 version): each party is to get at least its seats of the first distribution ' +
    'plus the constituency seats that cannot be deducted from them (§ 6 (4) S.1–2), i.e. the sum over ' +
    'its Landeslisten of max(list seats, constituency seats)',
  '2020':
    'BWahlG § 6 (5) S.1–4 (2020 version): each Landesliste is assigned the larger of its constituency ' +
    'seats and the mean of these and its first-distribution seats rounded up (S.2); the party gets at ' +
    'least the sum of these (S.1) and at least its first-distribution seats (S.3); up to three ' +
    'constituency seats beyond the list seats are disregarded in the increase (S.4)',
};

/**
 * The minimum seats of one party from its Landeslisten after the first distribution
 * (Feststellung der Mindestsitzzahlen):
 *
 * - 2013 version, BWahlG § 6 (5) S.1 with § 6 (4) S.1–2: each list counts max(seats, direct);
 *   their sum is the party's guaranteed minimum (garantierte Mindestsitzzahl).
 * - 2020 version, BWahlG § 6 (5) S.2: each list counts max(direct, ⌈(seats + direct) ÷ 2⌉);
 *   S.1 and S.3: the party's claim (Mindestsitzanspruch) is the larger of that sum and its
 *   first-distribution seats; S.4: the claim without the threatened overhang (direct − seats,
 *   where positive) is what it must get even when up to three overhang seats stay unbalanced.
 */
export function minimumSeats(law: BundestagLaw, lists: readonly FirstDistributionList[]): MinimumSeatsReport {
  const rows = lists.map((l) => {
    if (!Number.isSafeInteger(l.seats) || l.seats < 0 || !Number.isSafeInteger(l.direct) || l.direct < 0)
      throw new RangeError(`${l.name}: seats and direct seats must be whole numbers ≥ 0`);
    const mean = law === '2020' ? Math.ceil((l.seats + l.direct) / 2) : null;
    const minimum = mean === null ? Math.max(l.seats, l.direct) : Math.max(l.direct, mean);
    return { name: l.name, seats: l.seats, direct: l.direct, mean, minimum, overhang: Math.max(0, l.direct - l.seats) };
  });
  const sum = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((a, r) => a + f(r), 0);
  const seats = sum((r) => r.seats);
  const minimum = sum((r) => r.minimum);
  const overhang = sum((r) => r.overhang);
  return {
    law,
    rule: MINIMUM_RULES[law],
    lists: rows,
    seats,
    direct: sum((r) => r.direct),
    minimum,
    overhang,
    claim: law === '2013' ? minimum : Math.max(seats, minimum),
    claimWithoutOverhang: law === '2013' ? minimum : Math.max(seats, minimum - overhang),
  };
}

/** A party (or list) with its votes and the seats it must get at least. */
export interface MinimumParty {
  readonly name: string;
  readonly votes: number | bigint;
  /** Seats it must get at least (a whole number ≥ 0). */
  readonly minimum: number;
}

/** For the increase under the 2020 version: the claim with its threatened overhang. */
export interface IncreaseParty extends MinimumParty {
  /**
   * The claim including the threatened overhang (Mindestsitzanspruch mit Überhang, ≥ minimum),
   * and the number of threatened overhang seats (drohender Überhang). Without them the claim
   * is `minimum` and the party has no overhang to leave unbalanced.
   */
  readonly claim?: number;
  readonly overhang?: number;
}

/** One divisor of the search: votes ÷ multiplier (multiplier a whole number ± 0.5). */
export interface PartyDivisor {
  readonly party: number;
  /** The multiplier, e.g. "199.5". */
  readonly multiplier: string;
  /** votes ÷ multiplier, 6 places truncated, and exact ("n/d"). */
  readonly divisor: string;
  readonly exact: string;
}

export interface IncreaseReport {
  readonly rule: string;
  readonly parties: readonly string[];
  readonly votes: readonly string[];
  readonly totalVotes: string;
  readonly minimum: readonly number[];
  readonly claim: readonly number[];
  /** Σ claims (the seats the minimums add up to). */
  readonly claimTotal: number;
  /** total votes ÷ claimTotal, and whether every party reaches its minimum with it. */
  readonly initialDivisor: string;
  readonly initialDivisorExact: string;
  readonly initialMeetsMinimum: boolean;
  /** Step 1: votes ÷ (minimum − 0.5) for each party with votes, the largest divisor that still gives it its minimum. */
  readonly partyDivisors: readonly PartyDivisor[];
  /** Step 1, 2020: votes ÷ (claim − 0.5 − j), j = 0 … min(unbalanced, overhang), for each party with overhang. */
  readonly overhangDivisors: readonly PartyDivisor[];
  /** The smallest party divisor, and the (unbalanced + 1)-th smallest overhang divisor (null if none or no allowance). */
  readonly smallestPartyDivisorExact: string;
  readonly overhangBoundExact: string | null;
  /** The upper end of the interval: the smaller of the two. */
  readonly upper: string;
  readonly upperExact: string;
  /** Step 2: the quotients and seats with the upper end as divisor (a quotient of exactly x.5 rounds up). */
  readonly upperQuotients: readonly string[];
  readonly upperQuotientsExact: readonly string[];
  readonly upperSeats: readonly number[];
  /** Step 2: votes ÷ (seats + 0.5); the largest is the lower end of the interval (excluded). */
  readonly lowerDivisors: readonly PartyDivisor[];
  readonly lower: string;
  readonly lowerExact: string;
  /** The divisor chosen from (lower, upper]: the roundest value (see roundestIn). */
  readonly divisor: string;
  readonly divisorExact: string;
  readonly quotients: readonly string[];
  readonly quotientsExact: readonly string[];
  /** Seats by the chosen divisor (Sainte-Laguë), the overhang left unbalanced, and their sum per party. */
  readonly proportional: readonly number[];
  readonly unbalanced: readonly number[];
  readonly allocation: readonly number[];
  /** Σ proportional (the house before unbalanced overhang) and Σ allocation (the new total of seats). */
  readonly proportionalTotal: number;
  readonly total: number;
}

const HALF = new Rational(1n, 2n);

function ratio(votes: bigint, multiplier: Rational): Rational {
  return new Rational(votes).div(multiplier);
}

/** The multiplier k ± 0.5 as a string "k.5" (k + 0.5) for k ≥ 0. */
function halfString(value: Rational): string {
  return value.toFixed(1);
}

function decimal(value: Rational): string {
  return value.den === 1n ? value.toString() : value.toFixed(PLACES);
}

/** Sainte-Laguë seats for votes ÷ divisor: standard rounding, a fraction of exactly 0.5 rounded up. */
function roundHalfUp(votes: bigint, divisor: Rational): number {
  return Number(new Rational(votes).div(divisor).add(HALF).floor());
}

function toVotes(name: string, votes: number | bigint): bigint {
  const v = typeof votes === 'bigint' ? votes : BigInt(checkVotes(votes, name));
  if (v < 0n) throw new RangeError(`${name}: votes must not be negative`);
  return v;
}

function checkMinimum(name: string, minimum: number): number {
  if (!Number.isSafeInteger(minimum) || minimum < 0)
    throw new RangeError(`${name}: the minimum must be a whole number ≥ 0, got ${minimum}`);
  return minimum;
}

const INCREASE_RULE =
  'Increase of the total of seats until each party gets its minimum in the Sainte-Laguë/Schepers ' +
  'distribution among the parties: BWahlG § 6 (5) S.1–2 with (6) S.1 (2013 version); § 6 (5) S.1, ' +
  'S.3–5 with (6) S.1 (2020 version: up to three overhang seats may stay unbalanced, S.4). The ' +
  'divisor is the largest that gives every party its minimum; the distribution itself follows ' +
  '§ 6 (2) S.2–7';

/**
 * The smallest house in which Sainte-Laguë/Schepers gives every party at least its minimum
 * (2. Oberverteilung, "Erhöhung der Gesamtzahl der Sitze"), in the steps the
 * Bundeswahlleiterin publishes:
 *
 * 1. For each party votes ÷ (minimum − 0.5): the largest divisor with which it still reaches
 *    its minimum (a quotient of exactly x.5 rounds up). The smallest of these is the upper end
 *    of the interval of divisors. BWahlG § 6 (5) S.1 (2013 and 2020 versions).
 *    With `unbalanced` = u > 0 (2020 version, § 6 (5) S.4: "bis zu einer Zahl von drei"), a
 *    party with threatened overhang must get only its claim without that overhang (`minimum`),
 *    and the parties' shortfalls against their full claims (`claim`) may add up to u: the
 *    divisors votes ÷ (claim − 0.5 − j), j = 0 … min(u, overhang), are listed, and the
 *    (u + 1)-th smallest of all of them bounds the interval too.
 * 2. The seats with the upper end as divisor; then votes ÷ (seats + 0.5) for each party, the
 *    divisor at which it would gain a seat: the largest is the lower end (excluded).
 * 3. The roundest divisor of (lower, upper] (roundestIn). The seats it gives, plus the
 *    overhang left unbalanced (claim − seats where positive), are the parties' seats; their
 *    sum is the new total of seats (§ 6 (5) S.2 (2013) / S.5 (2020): "erhöht sich um die
 *    Unterschiedszahl"), distributed among the parties by § 6 (6) S.1.
 *
 * Exact arithmetic throughout. No lot is ever needed: the house size is the result, not a
 * given, so a quotient of exactly x.5 at the upper end simply rounds up (the published
 * procedure: "Man geht dabei davon aus, dass … eine ungerundete Sitzzahl von ,5 aufgerundet
 * wird").
 */
export function increaseSeats(
  parties: readonly IncreaseParty[],
  options: { readonly unbalanced?: number } = {},
): IncreaseReport {
  if (parties.length === 0) throw new RangeError('there must be at least one party');
  const allowance = options.unbalanced ?? 0;
  if (!Number.isSafeInteger(allowance) || allowance < 0) throw new RangeError('unbalanced must be a whole number ≥ 0');
  const votes = parties.map((p) => toVotes(p.name, p.votes));
  const minimum = parties.map((p) => checkMinimum(p.name, p.minimum));
  const claim = parties.map((p, i) => {
    const c = checkMinimum(p.name, p.claim ?? p.minimum);
    if (c < (minimum[i] ?? 0)) throw new RangeError(`${p.name}: the claim must not be below the minimum`);
    return c;
  });
  const overhang = parties.map((p) => checkMinimum(p.name, p.overhang ?? 0));
  parties.forEach((p, i) => {
    if ((votes[i] ?? 0n) === 0n && (minimum[i] ?? 0) > 0)
      throw new RangeError(`${p.name}: a party without votes cannot reach a minimum of ${minimum[i] ?? 0}`);
  });
  const totalVotes = votes.reduce((a, b) => a + b, 0n);
  if (totalVotes === 0n) throw new RangeError('no votes to share the seats by');
  const claimTotal = claim.reduce((a, b) => a + b, 0);

  const initial = claimTotal > 0 ? new Rational(totalVotes, BigInt(claimTotal)) : null;
  const initialMeetsMinimum = initial !== null && votes.every((v, i) => roundHalfUp(v, initial) >= (minimum[i] ?? 0));

  const entry = (party: number, multiplier: Rational): PartyDivisor & { value: Rational } => {
    const value = ratio(votes[party] ?? 0n, multiplier);
    return {
      party,
      multiplier: halfString(multiplier),
      divisor: value.toFixed(PLACES),
      exact: value.toString(),
      value,
    };
  };
  const partyDivisors = votes.flatMap((v, i) =>
    v > 0n && (minimum[i] ?? 0) > 0 ? [entry(i, new Rational(BigInt(2 * (minimum[i] ?? 0) - 1), 2n))] : [],
  );
  const overhangDivisors =
    allowance === 0
      ? []
      : votes.flatMap((v, i) => {
          const extra = Math.min(allowance, overhang[i] ?? 0);
          if (v === 0n || extra === 0) return [];
          return Array.from({ length: extra + 1 }, (_, j) => (claim[i] ?? 0) - j)
            .filter((seats) => seats > 0)
            .map((seats) => entry(i, new Rational(BigInt(2 * seats - 1), 2n)));
        });
  const smallest = (list: readonly { value: Rational }[]): Rational | null =>
    list.reduce<Rational | null>((m, d) => (m === null || d.value.compare(m) < 0 ? d.value : m), null);
  const smallestParty = smallest(partyDivisors);
  const sortedOverhang = [...overhangDivisors].sort((a, b) => a.value.compare(b.value));
  const overhangBound = sortedOverhang[allowance]?.value ?? null;
  let upper = smallestParty;
  if (overhangBound !== null && (upper === null || overhangBound.compare(upper) < 0)) upper = overhangBound;
  if (upper === null) throw new RangeError('no party has a minimum: there is nothing to increase the seats for');

  const upperQuotients = votes.map((v) => new Rational(v).div(upper));
  const upperSeats = votes.map((v) => roundHalfUp(v, upper));
  const lowerDivisors = votes.flatMap((v, i) =>
    v > 0n ? [entry(i, new Rational(BigInt(2 * (upperSeats[i] ?? 0) + 1), 2n))] : [],
  );
  const lower = lowerDivisors.reduce((m, d) => (d.value.compare(m) > 0 ? d.value : m), new Rational(0n));
  // lower < upper: a party with votes ÷ (s + 0.5) ≥ upper would have had s + 1 seats at upper.
  const chosen = roundestIn(lower, upper);
  const quotients = votes.map((v) => new Rational(v).div(chosen));
  const proportional = votes.map((v) => roundHalfUp(v, chosen));
  const unbalanced = proportional.map((s, i) => Math.max(0, (claim[i] ?? 0) - s));
  const allocation = proportional.map((s, i) => s + (unbalanced[i] ?? 0));
  const strip = ({ party, multiplier, divisor, exact }: PartyDivisor): PartyDivisor => ({
    party,
    multiplier,
    divisor,
    exact,
  });
  return {
    rule: INCREASE_RULE,
    parties: parties.map((p) => p.name),
    votes: votes.map(String),
    totalVotes: totalVotes.toString(),
    minimum,
    claim,
    claimTotal,
    initialDivisor: initial === null ? '' : initial.toFixed(PLACES),
    initialDivisorExact: initial === null ? '' : initial.toString(),
    initialMeetsMinimum,
    partyDivisors: partyDivisors.map(strip),
    overhangDivisors: overhangDivisors.map(strip),
    smallestPartyDivisorExact: smallestParty?.toString() ?? '',
    overhangBoundExact: overhangBound?.toString() ?? null,
    upper: decimal(upper),
    upperExact: upper.toString(),
    upperQuotients: upperQuotients.map((q) => q.toFixed(PLACES)),
    upperQuotientsExact: upperQuotients.map((q) => q.toString()),
    upperSeats,
    lowerDivisors: lowerDivisors.map(strip),
    lower: decimal(lower),
    lowerExact: lower.toString(),
    divisor: decimal(chosen),
    divisorExact: chosen.toString(),
    quotients: quotients.map((q) => q.toFixed(PLACES)),
    quotientsExact: quotients.map((q) => q.toString()),
    proportional,
    unbalanced,
    allocation,
    proportionalTotal: proportional.reduce((a, b) => a + b, 0),
    total: allocation.reduce((a, b) => a + b, 0),
  };
}

/** A divisor candidate of one list in a step of the iterative procedure. */
export interface ListCandidate {
  /** The seats by rounding it had before the step, minus or plus 0.5 (e.g. "25.5"). */
  readonly multiplier: string;
  readonly divisor: string;
  readonly exact: string;
}

/** The seats of every list with one divisor: by rounding, the larger of that and the minimum, the sum. */
export interface MinimumSeatsAt {
  readonly divisor: string;
  readonly divisorExact: string;
  readonly quotients: readonly string[];
  readonly quotientsExact: readonly string[];
  readonly rounded: readonly number[];
  readonly seats: readonly number[];
  readonly total: number;
}

/** One step of the iterative procedure (Iterationsschritt). */
export interface IterationStep extends MinimumSeatsAt {
  readonly step: number;
  /** Per list, its first and second candidate (none for a list whose change would not count). */
  readonly candidates: readonly (readonly ListCandidate[])[];
  /** The interval the divisor was chosen from: lower < divisor ≤ upper (upper null: unbounded). */
  readonly lower: string;
  readonly lowerExact: string;
  readonly upper: string | null;
  readonly upperExact: string | null;
}

export interface MinimumApportionmentReport {
  readonly rule: string;
  readonly seats: number;
  readonly lists: readonly string[];
  readonly votes: readonly string[];
  readonly totalVotes: string;
  readonly minimum: readonly number[];
  /** The starting divisor (total votes ÷ seats) and the seats it gives. */
  readonly initial: MinimumSeatsAt;
  /**
   * `up`: the starting divisor gives too many seats, the divisor is raised (heraufgesetzt);
   * `down`: too few, it is lowered (herabgesetzt); `exact`: the seats are met at once.
   */
  readonly direction: 'up' | 'down' | 'exact';
  /** The steps, each moving the divisor past one list's next change (one step for `exact`). */
  readonly steps: readonly IterationStep[];
  /** Every divisor D with lower < D ≤ upper gives the result; the one chosen, and its quotients. */
  readonly lower: string;
  readonly lowerExact: string;
  readonly upper: string | null;
  readonly upperExact: string | null;
  readonly divisor: string;
  readonly divisorExact: string;
  readonly quotients: readonly string[];
  readonly quotientsExact: readonly string[];
  /** Seats by rounding with the chosen divisor, and the allocation: the larger of that and the minimum. */
  readonly rounded: readonly number[];
  readonly allocation: readonly number[];
}

const MINIMUM_APPORTIONMENT_RULE =
  'BWahlG § 6 (6) S.2 (2013 and 2020 versions), 2. Unterverteilung: Sainte-Laguë/Schepers by the ' +
  'iterative divisor procedure of § 6 (2) S.2–7, each Landesliste getting at least the constituency ' +
  'seats its party won in the Land (2013 version) or its minimum under § 6 (5) S.2 (2020 version), ' +
  'the party keeping its total';

/**
 * Sainte-Laguë/Schepers with a minimum number of seats per list, computed by the iterative
 * procedure the Bundeswahlleiterin uses and publishes (the 2. Unterverteilung of a party's
 * seats to its Landeslisten, BWahlG § 6 (6) S.2 in the 2013 and 2020 versions, with the
 * procedure of § 6 (2) S.2–7): each list gets max(round(votes ÷ D), minimum), the divisor D
 * chosen so that these add up to `seats`.
 *
 * 1. Starting divisor (§ 6 (2) S.6): total votes ÷ seats, and the seats it gives.
 * 2. Too many seats (§ 6 (2) S.7, "heraufzusetzen"): each step lists, for every list whose
 *    seats count (a drop would not fall below its minimum), the divisors at which it would lose
 *    its next two seats, votes ÷ (s − 0.5) and votes ÷ (s − 1.5); the new divisor is the
 *    roundest value above the smallest candidate and at most the second smallest, so that one
 *    seat is lost per step. Too few seats ("herabzusetzen"): the mirror image, with
 *    votes ÷ (s + 0.5) and votes ÷ (s + 1.5) for the lists whose gain would count, the divisor
 *    above the second largest and at most the largest. Exactly met: one step with
 *    votes ÷ (s − 0.5) and votes ÷ (s + 0.5), the divisor above the largest of the latter and at
 *    most the smallest of the former. A quotient of exactly x.5 rounds up.
 * 3. The last interval is every divisor that gives the result; the divisor of the last step is
 *    the one chosen. (Where no list could lose a seat the interval has no upper end, reported
 *    as null; the divisor is then taken from (lower, 2 × lower].)
 *
 * A tie (two lists changing at the same divisor when only one seat is to move) would need a
 * draw by lot (§ 6 (2) S.4) and is refused with a RangeError.
 */
export function apportionWithMinimum(seats: number, lists: readonly MinimumParty[]): MinimumApportionmentReport {
  if (!Number.isSafeInteger(seats) || seats < 1) throw new RangeError(`seats must be a whole number ≥ 1, got ${seats}`);
  if (lists.length === 0) throw new RangeError('there must be at least one list');
  const votes = lists.map((l) => toVotes(l.name, l.votes));
  const minimum = lists.map((l) => checkMinimum(l.name, l.minimum));
  const minimumTotal = minimum.reduce((a, b) => a + b, 0);
  if (minimumTotal > seats)
    throw new RangeError(`the minimums add up to ${minimumTotal}, more than the ${seats} seats`);
  const totalVotes = votes.reduce((a, b) => a + b, 0n);
  if (totalVotes === 0n) throw new RangeError('no votes to share the seats by');
  const name = (i: number): string => lists[i]?.name ?? String(i);

  const at = (divisor: Rational): MinimumSeatsAt => {
    const quotients = votes.map((v) => new Rational(v).div(divisor));
    const rounded = votes.map((v) => roundHalfUp(v, divisor));
    const allocated = rounded.map((s, i) => Math.max(s, minimum[i] ?? 0));
    return {
      divisor: decimal(divisor),
      divisorExact: divisor.toString(),
      quotients: quotients.map((q) => q.toFixed(PLACES)),
      quotientsExact: quotients.map((q) => q.toString()),
      rounded,
      seats: allocated,
      total: allocated.reduce((a, b) => a + b, 0),
    };
  };
  const candidate = (i: number, multiplier: Rational): ListCandidate & { value: Rational; list: number } => {
    const value = ratio(votes[i] ?? 0n, multiplier);
    return {
      multiplier: halfString(multiplier),
      divisor: value.toFixed(PLACES),
      exact: value.toString(),
      value,
      list: i,
    };
  };
  // The divisors at which list i loses its next seats (rounded seats s → s − 1 → s − 2), where
  // the loss counts: the seats stay at or above the minimum.
  const downward = (i: number, s: number, count: number) =>
    Array.from({ length: count }, (_, k) => s - k)
      .filter((k) => k >= 1 && k - 1 >= (minimum[i] ?? 0))
      .map((k) => candidate(i, new Rational(BigInt(2 * k - 1), 2n)));
  // The divisors at which list i gains its next seats that count (above its minimum).
  const upward = (i: number, s: number, count: number) => {
    if ((votes[i] ?? 0n) === 0n) return [];
    const from = Math.max(s, minimum[i] ?? 0);
    return Array.from({ length: count }, (_, k) => candidate(i, new Rational(BigInt(2 * (from + k) + 1), 2n)));
  };
  const strip = ({ multiplier, divisor, exact }: ListCandidate): ListCandidate => ({ multiplier, divisor, exact });

  const start = new Rational(totalVotes, BigInt(seats));
  const initial = at(start);
  const direction = initial.total > seats ? 'up' : initial.total < seats ? 'down' : 'exact';
  const steps: IterationStep[] = [];
  let current = initial;
  let lower: Rational;
  let upper: Rational | null;
  let chosen: Rational;
  const tie = (value: Rational, tied: readonly number[]): never => {
    throw new RangeError(
      `lists ${tied.map(name).join(', ')} change seats at the same divisor ${value.toFixed(PLACES)}: ` +
        'the seats would be drawn by lot (BWahlG § 6 (2) S.4)',
    );
  };
  if (direction === 'exact') {
    const candidates = votes.map((_, i) => [
      ...downward(i, current.rounded[i] ?? 0, 1),
      ...upward(i, current.rounded[i] ?? 0, 1),
    ]);
    const downs = votes.flatMap((_, i) => downward(i, current.rounded[i] ?? 0, 1));
    const ups = votes.flatMap((_, i) => upward(i, current.rounded[i] ?? 0, 1));
    lower = ups.reduce((m, c) => (c.value.compare(m) > 0 ? c.value : m), new Rational(0n));
    upper = downs.reduce<Rational | null>((m, c) => (m === null || c.value.compare(m) < 0 ? c.value : m), null);
    if (upper !== null && lower.compare(upper) >= 0)
      tie(
        upper,
        [...downs, ...ups].filter((c) => c.value.compare(upper ?? lower) === 0).map((c) => c.list),
      );
    chosen = upper === null ? roundestIn(lower, lower.add(lower)) : roundestIn(lower, upper);
    current = at(chosen);
    steps.push({
      ...current,
      step: 1,
      candidates: candidates.map((c) => c.map(strip)),
      lower: decimal(lower),
      lowerExact: lower.toString(),
      upper: upper === null ? null : decimal(upper),
      upperExact: upper?.toString() ?? null,
    });
  } else {
    const up = direction === 'up';
    let previous = start;
    for (;;) {
      const perList = votes.map((_, i) =>
        up ? downward(i, current.rounded[i] ?? 0, 2) : upward(i, current.rounded[i] ?? 0, 2),
      );
      // Raising the divisor: the smallest candidates come first; lowering: the largest.
      const all = perList.flat().sort((a, b) => (up ? a.value.compare(b.value) : b.value.compare(a.value)));
      const first = all[0];
      if (first === undefined)
        throw new RangeError(`no list can ${up ? 'lose' : 'gain'} a seat: ${seats} seats cannot be met`);
      const group = all.filter((c) => c.value.compare(first.value) === 0);
      const need = Math.abs(current.total - seats);
      if (group.length > need)
        tie(
          first.value,
          group.map((c) => c.list),
        );
      const next = all.find((c) => c.value.compare(first.value) !== 0)?.value ?? null;
      if (up) {
        lower = first.value;
        upper = next;
        chosen = upper === null ? roundestIn(lower, lower.add(lower)) : roundestIn(lower, upper);
      } else {
        upper = first.value;
        lower = next ?? new Rational(0n);
        chosen = roundestIn(lower, upper);
      }
      current = at(chosen);
      steps.push({
        ...current,
        step: steps.length + 1,
        candidates: perList.map((c) => c.map(strip)),
        lower: decimal(lower),
        lowerExact: lower.toString(),
        upper: upper === null ? null : decimal(upper),
        upperExact: upper?.toString() ?? null,
      });
      if (current.total === seats) break;
      if (up ? current.total < seats : current.total > seats) throw new RangeError('the iteration overshot: a tie');
      if (chosen.compare(previous) === 0) throw new RangeError('the iteration does not progress');
      previous = chosen;
    }
  }
  return {
    rule: MINIMUM_APPORTIONMENT_RULE,
    seats,
    lists: lists.map((l) => l.name),
    votes: votes.map(String),
    totalVotes: totalVotes.toString(),
    minimum,
    initial,
    direction,
    steps,
    lower: decimal(lower),
    lowerExact: lower.toString(),
    upper: upper === null ? null : decimal(upper),
    upperExact: upper?.toString() ?? null,
    divisor: current.divisor,
    divisorExact: current.divisorExact,
    quotients: current.quotients,
    quotientsExact: current.quotientsExact,
    rounded: current.rounded,
    allocation: current.seats,
  };
}
