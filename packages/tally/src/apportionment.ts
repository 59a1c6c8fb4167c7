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
