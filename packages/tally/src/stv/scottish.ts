import type { Election } from '../election.ts';
import { SeededLot } from '../lot.ts';
import type { CountReport, Round, RoundAction, TieBreak } from '../report.ts';
import { chooseAmong, readPapers, show, type Paper } from './stv-common.ts';

/**
 * Scottish STV: the Scottish Local Government Elections Order 2007 (SSI 2007/42), Schedule 1,
 * rules 45–52, as used for every Scottish council election since 2007.
 *
 * - r.45 first stage: each valid paper counts one vote for its first preference.
 * - r.46 quota: floor(valid papers / (seats + 1)) + 1.
 * - r.47 a candidate whose votes equal or exceed the quota at any stage is elected.
 * - r.48 surplus: every paper the elected candidate holds goes on to its next continuing
 *   preference with transfer value (surplus × value when received) / total votes, to five
 *   decimal places, any remainder ignored (the Weighted Inclusive Gregory method). The votes
 *   credited are the sum of the transferred papers' values; what the truncation loses and
 *   the papers with no next preference are non-transferable.
 * - r.49 the largest surplus first; equal surpluses by the most votes at the most recent
 *   stage where the candidates differed; equal at every stage, by lot.
 * - r.50 with no surplus to transfer, the candidate with the fewest votes is excluded and
 *   all their papers go on at the value they had when received; r.51 equal lowest by the
 *   fewest votes at the most recent stage where they differed, then by lot.
 * - r.52 when the continuing candidates are as many as the vacancies left, they are
 *   elected and no further transfer is made.
 *
 * One round of the report is one stage of the Order: the first count, then one transfer (a
 * surplus or an exclusion) per stage, so rounds compare one to one with councils' tables.
 * Every number has five decimal places; no float is used (BigInt units of 10^-5).
 */
export interface ScottishStvOptions {
  /** Seed for draws by lot (r.49(3), r.51(2)); defaults to the election's title. */
  readonly lotSeed?: string;
}

/**
 * A Scottish STV report: each round also says how much of its non-transferable total was lost
 * to the five-decimal truncation of transfer values (r.48(3)) rather than carried by papers
 * with no further preference. Droop, for one, reports only the latter as non-transferable.
 */
export interface ScottishStvRound extends Round {
  /** Cumulative votes lost to truncation, included in `nonTransferable`. */
  readonly lostToRounding: string;
}

export interface ScottishStvReport extends CountReport {
  readonly rounds: readonly ScottishStvRound[];
}

const PLACES = 5;
const ONE = 10n ** BigInt(PLACES);
const RULE = 'Scottish Local Government Elections Order 2007 (SSI 2007/42), Schedule 1 rules 45–52';
const R = (clause: string): string => `SSI 2007/42 r.${clause}`;

type State = 'hopeful' | 'elected' | 'excluded' | 'withdrawn';

export function countScottishStv(election: Election, options: ScottishStvOptions = {}): ScottishStvReport {
  const n = election.candidates.length;
  const names = election.candidates.map((c) => c.name);
  const nameOf = (c: number): string => names[c] ?? `#${c + 1}`;
  const lot = new SeededLot(options.lotSeed ?? election.title);
  const { papers } = readPapers(election, ONE, 'Scottish STV');
  let valid = 0n;
  for (const p of papers) valid += p.count;
  const quota = (valid / BigInt(election.seats + 1) + 1n) * ONE;

  const state: State[] = election.candidates.map((c) => (c.withdrawn ? 'withdrawn' : 'hopeful'));
  const votes: bigint[] = new Array<bigint>(n).fill(0n);
  const piles: Paper[][] = Array.from({ length: n }, () => []);
  const pending: number[] = []; // elected with a surplus not yet transferred
  const elected: number[] = [];
  const history: bigint[][] = [];
  const rounds: ScottishStvRound[] = [];
  const tieBreaks: TieBreak[] = [];
  let nonTransferable = 0n;
  let lostToRounding = 0n;

  /** Moves a paper on to its next continuing preference; false if there is none. */
  const place = (paper: Paper): number => {
    while (paper.pos < paper.prefs.length) {
      const c = paper.prefs[paper.pos] ?? -1;
      if (state[c] === 'hopeful') return c;
      paper.pos += 1;
    }
    return -1;
  };

  // r.45: the first stage.
  for (const paper of papers) {
    const c = place(paper);
    if (c < 0) continue; // cannot happen: readPapers keeps only papers with a first preference
    piles[c]?.push(paper);
    votes[c] = (votes[c] ?? 0n) + paper.count * ONE;
  }

  /**
   * Transfers the papers of `from`, each at the value `valueOf` gives; returns the value moved
   * to continuing candidates and the value of the papers with no further preference.
   */
  const transfer = (from: number, valueOf: (weight: bigint) => bigint): { moved: bigint; exhausted: bigint } => {
    let moved = 0n;
    let exhausted = 0n;
    const pile = piles[from] ?? [];
    piles[from] = [];
    for (const paper of pile) {
      paper.weight = valueOf(paper.weight);
      paper.pos += 1;
      const to = place(paper);
      const value = paper.count * paper.weight;
      if (to < 0) {
        exhausted += value;
        continue;
      }
      piles[to]?.push(paper);
      votes[to] = (votes[to] ?? 0n) + value;
      moved += value;
    }
    return { moved, exhausted };
  };

  /** r.47: elects every continuing candidate at or over the quota, most votes first. */
  const electByQuota = (roundNumber: number, actions: RoundAction[]): void => {
    let reached = state.flatMap((s, c) => (s === 'hopeful' && (votes[c] ?? 0n) >= quota ? [c] : []));
    const order: number[] = [];
    while (reached.length > 0) {
      const top = reached.reduce((m, c) => ((votes[c] ?? 0n) > m ? (votes[c] ?? 0n) : m), -1n);
      const tied = reached.filter((c) => votes[c] === top);
      const chosen = chooseAmong(tieBreaks, {
        tied,
        history,
        want: 'highest',
        lot,
        round: roundNumber,
        purpose: 'elect',
        earlier: `order of election among equal votes: most votes at the most recent stage where they differed (as ${R('49(2)')})`,
        lotRule: R('49(3)'),
      });
      order.push(chosen);
      reached = reached.filter((c) => c !== chosen);
    }
    for (const c of order) {
      state[c] = 'elected';
      elected.push(c);
      if ((votes[c] ?? 0n) > quota) pending.push(c);
    }
    if (order.length > 0) {
      actions.push({
        kind: 'elected',
        candidates: order,
        rule: R('47(1)'),
        reason: `${order.map((c) => `${nameOf(c)} (${show(votes[c] ?? 0n, PLACES)})`).join(', ')} reached the quota of ${show(quota, PLACES)}`,
      });
    }
  };

  const finishRound = (actions: RoundAction[]): void => {
    const previous = history.at(-1);
    const snapshot = [...votes];
    history.push(snapshot);
    rounds.push({
      number: rounds.length + 1,
      votes: snapshot.map((v) => show(v, PLACES)),
      transfers: previous === undefined ? null : snapshot.map((v, c) => show(v - (previous[c] ?? 0n), PLACES)),
      nonTransferable: show(nonTransferable, PLACES),
      lostToRounding: show(lostToRounding, PLACES),
      quota: show(quota, PLACES),
      actions,
    });
  };

  const firstActions: RoundAction[] = [
    {
      kind: 'note',
      rule: R('46'),
      reason: `${valid} valid ballot papers, ${election.seats} seats: quota ${valid} / ${election.seats + 1} (decimals ignored) + 1 = ${show(quota, PLACES)}`,
    },
  ];
  electByQuota(1, firstActions);
  finishRound(firstActions);

  for (;;) {
    const vacancies = election.seats - elected.length;
    if (vacancies <= 0) break;
    const continuing = state.flatMap((s, c) => (s === 'hopeful' ? [c] : []));
    const last = rounds.at(-1);
    if (continuing.length <= vacancies) {
      // r.52: the last vacancies; no further transfer.
      if (continuing.length > 0 && last !== undefined) {
        for (const c of continuing) {
          state[c] = 'elected';
          elected.push(c);
        }
        (last.actions as RoundAction[]).push({
          kind: 'elected',
          candidates: continuing,
          rule: R('52(1)'),
          reason: `${continuing.length} continuing candidate(s) for ${vacancies} vacancies: deemed elected, no further transfer (${R('52(2)')})`,
        });
      }
      break;
    }
    const roundNumber = rounds.length + 1;
    const actions: RoundAction[] = [];
    if (pending.length > 0) {
      // r.48, r.49: the largest surplus first.
      const top = pending.reduce((m, c) => ((votes[c] ?? 0n) > m ? (votes[c] ?? 0n) : m), -1n);
      const tied = pending.filter((c) => votes[c] === top);
      const from = chooseAmong(tieBreaks, {
        tied,
        history,
        want: 'highest',
        lot,
        round: roundNumber,
        purpose: 'surplus-order',
        earlier: `equal surpluses: most votes at the most recent preceding stage where they differed (${R('49(2)')})`,
        lotRule: R('49(3)'),
      });
      pending.splice(pending.indexOf(from), 1);
      const total = votes[from] ?? 0n;
      const surplus = total - quota;
      const { moved, exhausted } = transfer(from, (weight) => (weight * surplus) / total);
      votes[from] = quota;
      nonTransferable += surplus - moved;
      lostToRounding += surplus - moved - exhausted;
      actions.push({
        kind: 'surplus',
        candidate: from,
        amount: show(surplus, PLACES),
        rule: R('48(3)'),
        reason: `surplus of ${nameOf(from)} (${show(surplus, PLACES)} of ${show(total, PLACES)}) transferred: each paper at surplus × its value / ${show(total, PLACES)}, to five decimal places, remainder ignored; ${show(moved, PLACES)} transferred, ${show(exhausted, PLACES)} on papers with no further preference, ${show(surplus - moved - exhausted, PLACES)} lost to truncation`,
      });
    } else {
      // r.50, r.51: exclude the lowest.
      const low = continuing.reduce(
        (m, c) => ((votes[c] ?? 0n) < m ? (votes[c] ?? 0n) : m),
        votes[continuing[0] ?? 0] ?? 0n,
      );
      const tied = continuing.filter((c) => votes[c] === low);
      const out = chooseAmong(tieBreaks, {
        tied,
        history,
        want: 'lowest',
        lot,
        round: roundNumber,
        purpose: 'exclude',
        earlier: `equal lowest: fewest votes at the most recent preceding stage where they differed (${R('51(2)(a)')})`,
        lotRule: R('51(2)(b)'),
      });
      state[out] = 'excluded';
      const total = votes[out] ?? 0n;
      const { moved } = transfer(out, (weight) => weight);
      votes[out] = 0n;
      nonTransferable += total - moved;
      actions.push({
        kind: 'excluded',
        candidates: [out],
        rule: R('50(1)'),
        reason: `${nameOf(out)} has the fewest votes (${show(total, PLACES)}): excluded, papers transferred at the value they were received at (${R('50(4)')}); ${show(moved, PLACES)} transferred, ${show(total - moved, PLACES)} non-transferable`,
      });
    }
    electByQuota(roundNumber, actions);
    finishRound(actions);
  }

  return {
    method: 'scottish-stv',
    rule: RULE,
    title: election.title,
    seats: election.seats,
    candidates: names,
    places: PLACES,
    voters: Number(valid),
    quota: show(quota, PLACES),
    rounds,
    elected,
    tieBreaks,
  };
}
