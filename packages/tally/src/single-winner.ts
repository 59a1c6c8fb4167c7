import type { Election } from './election.ts';
import { SeededLot, drawByLot } from './lot.ts';
import type { CountReport, RoundAction, TieBreak } from './report.ts';

/**
 * Counts by marks: plurality (first preferences; with several seats, block voting: each
 * ballot's first `seats` preferences) and approval (every candidate a ballot ranks), and the
 * decision of a motion by a majority of some base. Whole numbers only, exact.
 *
 * Withdrawn candidates are removed from every ballot before the count, as if they had never
 * been on it. Empty groups (skipped ranks) are passed over.
 */
export interface MarkOptions {
  /** The published seed for draws by lot; needed only if candidates tie for the last seat. */
  readonly seed?: string;
}

export const PLURALITY_RULE = 'Plurality: most first preferences (with several seats, block voting: most votes)';
export const APPROVAL_RULE = 'Approval voting: most approvals';
const CITE_PLURALITY = 'plurality: most first preferences';
const CITE_BLOCK = 'block voting: each voter marks up to as many candidates as there are seats; most votes';
const CITE_OVERVOTE =
  'plurality: a ballot marking more candidates than it may is an overvote and counts for none of them';
const CITE_APPROVAL = 'approval voting: one vote for every candidate the ballot approves; most approvals';
const CITE_TIE = 'a tie for the last seat is decided by lot';

export interface PluralityReport extends CountReport {
  readonly method: 'plurality';
  /** Ballots that counted for nobody because their first marks were an overvote. */
  readonly overvotes: number;
  /** Ballots that count for fewer candidates than they marked: the group that overflowed was not counted. */
  readonly partialOvervotes: number;
  /** Ballots marking no (non-withdrawn) candidate. */
  readonly blank: number;
}

export interface ApprovalReport extends CountReport {
  readonly method: 'approval';
  /** Ballots approving no (non-withdrawn) candidate. */
  readonly blank: number;
}

/** The ballot's groups with withdrawn candidates and empty groups removed, duplicates kept once. */
function cleanGroups(election: Election, ranking: readonly (readonly number[])[]): number[][] {
  const n = election.candidates.length;
  const seen = new Set<number>();
  const groups: number[][] = [];
  for (const group of ranking) {
    const kept: number[] = [];
    for (const c of group) {
      if (!Number.isInteger(c) || c < 0 || c >= n) throw new RangeError(`no candidate ${c}`);
      if (election.candidates[c]?.withdrawn === true || seen.has(c)) continue;
      seen.add(c);
      kept.push(c);
    }
    if (kept.length > 0) groups.push(kept);
  }
  return groups;
}

function checkElection(election: Election): number[] {
  const live = election.candidates.flatMap((c, i) => (c.withdrawn ? [] : [i]));
  const seats = election.seats;
  if (!Number.isSafeInteger(seats) || seats < 1) throw new RangeError(`seats must be a whole number ≥ 1, got ${seats}`);
  if (seats > live.length)
    throw new RangeError(`${seats} seats but only ${live.length} candidates who have not withdrawn`);
  for (const ballot of election.ballots) {
    if (!Number.isSafeInteger(ballot.count) || ballot.count < 1) {
      throw new RangeError(`a ballot's count must be a whole number ≥ 1, got ${ballot.count}`);
    }
  }
  return live;
}

/**
 * The top `seats` by votes: whole groups of equal votes while they fit; a group straddling the
 * last seat is drawn by lot. Returns the elected (in order) and the actions and tie-breaks.
 */
function electTop(
  live: readonly number[],
  votes: readonly bigint[],
  seats: number,
  names: readonly string[],
  cite: string,
  lot: SeededLot | null,
): { elected: number[]; actions: RoundAction[]; tieBreaks: TieBreak[] } {
  const byVotes = [...live].sort((a, b) => {
    const d = (votes[b] ?? 0n) - (votes[a] ?? 0n);
    return d > 0n ? 1 : d < 0n ? -1 : a - b;
  });
  const elected: number[] = [];
  const actions: RoundAction[] = [];
  const tieBreaks: TieBreak[] = [];
  let i = 0;
  while (elected.length < seats) {
    const v = votes[byVotes[i] ?? -1] ?? 0n;
    const group = byVotes.filter((c) => votes[c] === v);
    i += group.length;
    const room = seats - elected.length;
    if (group.length <= room) {
      elected.push(...group);
      actions.push({
        kind: 'elected',
        candidates: group,
        rule: cite,
        reason: `${v} votes${group.length > 1 ? ` each (${group.length} tied, all within the seats)` : ''}: among the ${seats} highest`,
      });
      continue;
    }
    if (lot === null) {
      throw new RangeError(
        `candidates ${group.map((c) => names[c] ?? c).join(', ')} tie with ${v} votes for ${room} seat(s): the tie must be drawn by lot: give a seed`,
      );
    }
    const chosen = drawByLot(lot, group, room, `lot (${CITE_TIE})`, tieBreaks);
    elected.push(...chosen);
    actions.push({
      kind: 'elected',
      candidates: chosen,
      rule: `${cite}; ${CITE_TIE}`,
      reason: `${v} votes, tied with ${group.length - 1} other(s) for ${room} seat(s): drawn by lot`,
    });
  }
  const rest = byVotes.filter((c) => !elected.includes(c));
  if (rest.length > 0) {
    actions.push({ kind: 'excluded', candidates: rest, rule: cite, reason: `not among the ${seats} highest` });
  }
  return { elected, actions, tieBreaks };
}

/**
 * Plurality: each ballot votes for its first preference; with several seats (block voting)
 * for its first `seats` preferences. Equal rankings: a group is counted only if it fits in
 * what the ballot may still mark; a first group that does not fit (two or more candidates
 * ranked first for one seat) is an overvote and the ballot counts for none; a later group
 * that does not fit is not counted, the ballot keeps its earlier marks (reported as partial).
 */
export function countPlurality(election: Election, options: MarkOptions = {}): PluralityReport {
  const live = checkElection(election);
  const seats = election.seats;
  const votes = new Array<bigint>(election.candidates.length).fill(0n);
  let voters = 0n;
  let overvotes = 0n;
  let partial = 0n;
  let blank = 0n;
  for (const ballot of election.ballots) {
    const k = BigInt(ballot.count);
    voters += k;
    const groups = cleanGroups(election, ballot.ranking);
    if (groups.length === 0) {
      blank += k;
      continue;
    }
    let room = seats;
    for (const [g, group] of groups.entries()) {
      if (room === 0) break;
      if (group.length > room) {
        if (g === 0) overvotes += k;
        else partial += k;
        break;
      }
      for (const c of group) votes[c] = (votes[c] ?? 0n) + k;
      room -= group.length;
    }
  }
  const names = election.candidates.map((c) => c.name);
  const cite = seats === 1 ? CITE_PLURALITY : CITE_BLOCK;
  const lot = options.seed === undefined ? null : new SeededLot(options.seed);
  const top = electTop(live, votes, seats, names, cite, lot);
  const note: RoundAction = {
    kind: 'note',
    rule: CITE_OVERVOTE,
    reason:
      `${voters} ballots: ${blank} blank, ${overvotes} overvoted (counted for nobody)` +
      (seats > 1 ? `, ${partial} partly overvoted (the group that overflowed not counted)` : '') +
      `; each ballot votes for ${seats === 1 ? 'its first preference' : `its first ${seats} preferences`}`,
  };
  return {
    method: 'plurality',
    rule: PLURALITY_RULE,
    title: election.title,
    seats,
    candidates: names,
    places: 0,
    voters: Number(voters),
    quota: null,
    rounds: [
      {
        number: 1,
        votes: votes.map(String),
        transfers: null,
        nonTransferable: (blank + overvotes).toString(),
        quota: null,
        actions: [note, ...top.actions],
      },
    ],
    elected: top.elected,
    tieBreaks: top.tieBreaks,
    overvotes: Number(overvotes),
    partialOvervotes: Number(partial),
    blank: Number(blank),
  };
}

/** Approval: every candidate a ballot ranks (in any position, equal or not) gets one vote from it. */
export function countApproval(election: Election, options: MarkOptions = {}): ApprovalReport {
  const live = checkElection(election);
  const votes = new Array<bigint>(election.candidates.length).fill(0n);
  let voters = 0n;
  let blank = 0n;
  for (const ballot of election.ballots) {
    const k = BigInt(ballot.count);
    voters += k;
    const groups = cleanGroups(election, ballot.ranking);
    if (groups.length === 0) blank += k;
    for (const group of groups) for (const c of group) votes[c] = (votes[c] ?? 0n) + k;
  }
  const names = election.candidates.map((c) => c.name);
  const lot = options.seed === undefined ? null : new SeededLot(options.seed);
  const top = electTop(live, votes, election.seats, names, CITE_APPROVAL, lot);
  return {
    method: 'approval',
    rule: APPROVAL_RULE,
    title: election.title,
    seats: election.seats,
    candidates: names,
    places: 0,
    voters: Number(voters),
    quota: null,
    rounds: [
      {
        number: 1,
        votes: votes.map(String),
        transfers: null,
        nonTransferable: blank.toString(),
        quota: null,
        actions: [
          {
            kind: 'note',
            rule: CITE_APPROVAL,
            reason: `${voters} ballots, ${blank} approving nobody; every candidate ranked on a ballot is approved once`,
          },
          ...top.actions,
        ],
      },
    ],
    elected: top.elected,
    tieBreaks: top.tieBreaks,
    blank: Number(blank),
  };
}

/** A motion's vote and the majority it needs. */
export interface MajorityInput {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  /** Members entitled to vote (needed for base 'members'). */
  readonly members?: number;
  /** Members present (needed for base 'present'). */
  readonly present?: number;
  /**
   * 'simple': more yes than no (base 'votes-cast' only); 'absolute': more than half of the
   * base; 'qualified': at least `fraction` of the base.
   */
  readonly kind: 'simple' | 'absolute' | 'qualified';
  /** [numerator, denominator] for 'qualified', e.g. [2, 3]; 0 < numerator < denominator. */
  readonly fraction?: readonly [number, number];
  /** What the majority is of: the votes cast, the members present, or all members. */
  readonly base: 'votes-cast' | 'present' | 'members';
  /**
   * Whether abstentions count as votes cast (and so against the motion under 'simple', and
   * in the base of 'absolute' and 'qualified'). With base 'present' or 'members' abstainers
   * are part of the base, necessarily: only 'counted' is accepted there.
   */
  readonly abstentions: 'excluded' | 'counted';
}

export interface MajorityDecision {
  readonly passed: boolean;
  /** The threshold in exact terms, e.g. "more than 12 of 25" or "at least 2/3 of 31 = 20.67 → 21". */
  readonly threshold: string;
  /** The comparison made, in whole numbers. */
  readonly arithmetic: string;
  /** The rule applied, in words. */
  readonly rule: string;
}

function count(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number ≥ 0, got ${String(value)}`);
  }
  return value;
}

function oneOf(name: string, value: unknown, options: readonly string[]): void {
  if (typeof value !== 'string' || !options.includes(value)) {
    throw new RangeError(`${name} must be one of ${options.join(', ')}, got ${String(value)}`);
  }
}

/** num/den to two decimals, rounded half up, exactly (num, den ≥ 0, den > 0). */
function twoPlaces(num: bigint, den: bigint): string {
  const hundredths = (num * 200n + den) / (2n * den);
  const frac = (hundredths % 100n).toString().padStart(2, '0');
  return `${hundredths / 100n}.${frac}`;
}

/** Decides a motion: exact whole-number comparisons, every input checked. */
export function decideMajority(input: MajorityInput): MajorityDecision {
  const yes = count('yes', input.yes);
  const no = count('no', input.no);
  const abstain = count('abstain', input.abstain);
  const members = input.members === undefined ? undefined : count('members', input.members);
  const present = input.present === undefined ? undefined : count('present', input.present);
  // Checked at run time too: the input may come from JSON, not from typed code.
  oneOf('kind', input.kind, ['simple', 'absolute', 'qualified']);
  oneOf('base', input.base, ['votes-cast', 'present', 'members']);
  oneOf('abstentions', input.abstentions, ['excluded', 'counted']);
  const voted = yes + no + abstain;
  if (!Number.isSafeInteger(voted)) throw new RangeError('yes + no + abstain is too large');
  if (present !== undefined && present < voted) {
    throw new RangeError(`present (${present}) cannot be fewer than those who voted yes, no or abstained (${voted})`);
  }
  if (members !== undefined && members < (present ?? voted)) {
    throw new RangeError(
      `members (${members}) cannot be fewer than ${present === undefined ? `those who voted (${voted})` : `those present (${present})`}`,
    );
  }
  if (input.kind === 'qualified') {
    const f = input.fraction;
    if (f === undefined) throw new RangeError('a qualified majority needs fraction [numerator, denominator]');
    const [num, den] = f;
    if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || num <= 0 || den <= 0 || num >= den) {
      throw new RangeError(
        `fraction must be whole numbers with 0 < numerator < denominator, got ${String(num)}/${String(den)}`,
      );
    }
  } else if (input.fraction !== undefined) {
    throw new RangeError(`a fraction is given only for a qualified majority, not a ${input.kind} one`);
  }
  if (input.base !== 'votes-cast' && input.abstentions === 'excluded') {
    throw new RangeError(
      `abstainers are among the ${input.base === 'present' ? 'members present' : 'members'}: with base '${input.base}' abstentions must be 'counted'`,
    );
  }
  if (input.kind === 'simple' && input.base !== 'votes-cast') {
    throw new RangeError(
      `a simple majority compares the yes and no votes cast: base must be 'votes-cast' (for more than half of the ${input.base === 'present' ? 'members present' : 'members'}, use kind 'absolute')`,
    );
  }
  if (input.base === 'present' && present === undefined)
    throw new RangeError("base 'present' needs the number present");
  if (input.base === 'members' && members === undefined)
    throw new RangeError("base 'members' needs the number of members");

  const counted = input.abstentions === 'counted';
  const baseValue =
    input.base === 'votes-cast'
      ? yes + no + (counted ? abstain : 0)
      : input.base === 'present'
        ? (present ?? 0)
        : (members ?? 0);
  const baseWords =
    input.base === 'votes-cast'
      ? `the votes cast (${counted ? 'abstentions counted' : 'abstentions not counted'})`
      : input.base === 'present'
        ? 'the members present'
        : 'all members';
  const Y = BigInt(yes);
  const B = BigInt(baseValue);

  if (input.kind === 'simple') {
    const against = no + (counted ? abstain : 0);
    return {
      passed: yes > against,
      threshold: `more yes than ${counted ? 'no and abstentions together' : 'no'} (${against})`,
      arithmetic: `yes ${yes} ${yes > against ? '>' : '≤'} ${counted ? `no ${no} + abstain ${abstain} = ${against}` : `no ${no}`}`,
      rule: `simple majority of ${baseWords}: more yes than ${counted ? 'no and abstentions' : 'no'}`,
    };
  }
  if (input.kind === 'absolute') {
    const passed = 2n * Y > B;
    return {
      passed,
      threshold: `more than half of ${baseValue} = ${twoHalf(baseValue)}: at least ${Math.floor(baseValue / 2) + 1}`,
      arithmetic: `2 × yes = 2 × ${yes} = ${2n * Y} ${passed ? '>' : '≤'} ${baseValue}`,
      rule: `absolute majority: more than half of ${baseWords}`,
    };
  }
  const [num, den] = input.fraction ?? [1, 2];
  const N = BigInt(num);
  const D = BigInt(den);
  const needed = (N * B + D - 1n) / D; // the smallest whole number ≥ num/den of the base
  const passed = B > 0n && Y * D >= N * B;
  const exact = (N * B) % D === 0n ? `${(N * B) / D}` : `${twoPlaces(N * B, D)} → ${needed}`;
  return {
    passed,
    threshold: `at least ${num}/${den} of ${baseValue} = ${exact}`,
    arithmetic:
      B === 0n
        ? `the base is 0: nobody ${input.base === 'votes-cast' ? 'voted' : input.base === 'present' ? 'is present' : 'is a member'}, so the motion is not carried`
        : `yes × ${den} = ${Y * D} ${passed ? '≥' : '<'} ${num} × ${baseValue} = ${N * B}`,
    rule: `qualified majority: at least ${num}/${den} of ${baseWords}`,
  };
}

/** Half of n, exactly: "12" or "12.5". */
function twoHalf(n: number): string {
  return n % 2 === 0 ? `${n / 2}` : `${(n - 1) / 2}.5`;
}
