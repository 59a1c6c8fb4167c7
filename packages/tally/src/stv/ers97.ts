import type { Election } from '../election.ts';
import { SeededLot } from '../lot.ts';
import type { CountReport, Round, RoundAction, TieBreak } from '../report.ts';
import { chooseAmong, readPapers, show, type Paper } from './stv-common.ts';

/**
 * ERS97 STV: the Electoral Reform Society's rules for counting an election by the single
 * transferable vote (R. A. Newland and F. S. Britton, "How to Conduct an Election by the
 * Single Transferable Vote", 3rd edition, 1997), section 5, with the glossary of section 6.
 *
 * - 5.1.6 quota: the total valid vote / (places + 1) to two decimal places; if not exact, the
 *   remainder ignored and 0.01 added. 5.4.8: while nobody is deemed elected, the quota is
 *   recalculated without the non-transferable vote whenever papers become non-transferable.
 * - 5.1.7, 5.3.13, 5.4.9: in descending order of votes, a continuing candidate is deemed
 *   elected with (a) the quota, or (b) the total active vote / (places unfilled + 1), up to
 *   the places left; 5.6.2 equal votes with too few places: earliest point where they
 *   differed, else none of them at that stage.
 * - 5.2.2 the largest surplus is transferred unless the total of surpluses does not exceed
 *   (a) the difference between the two lowest candidates or (b) the difference between the
 *   total of the lowest candidates who could be excluded together and the next above: then
 *   the surpluses are deferred. 5.2.3 equal surpluses: earliest point where they differed,
 *   then lot.
 * - 5.3 a surplus is transferred from the last received batch only (all the papers at the
 *   first stage): each transferable paper at surplus / transferable papers, to two decimals,
 *   the remainder ignored — or at its present value if the batch is worth no more than the
 *   surplus; the non-transferable difference is recorded.
 * - 5.2.5 exclusion of as many of the lowest candidates together as (a) leaves enough
 *   candidates and (b) whose votes with the deferred surpluses do not exceed the next above;
 *   equal lowest: earliest point where they differed, then lot. 5.4 their papers are
 *   transferred batch by batch, highest transfer value first; candidates are deemed elected
 *   after each batch (5.4.9) and receive no more (5.4.10).
 * - 5.5.1 a proposed exclusion that would leave as many continuing candidates as places:
 *   they are all deemed elected. 5.5.2 all places filled: no further transfers.
 *
 * One round of the report is one ERS97 stage; an exclusion whose papers carry several
 * transfer values is one stage of several sub-stages (one per batch), reported within it.
 * Every number is in hundredths (BigInt); no float is used.
 *
 * Where the text leaves a choice, this count decides (and says so in its report):
 * - "the candidate next above" (5.2.2(b), 5.2.5(b)) exists only when the next candidate has
 *   more votes than the last one of the group: a group of two or more never splits candidates
 *   with equal votes (a single lowest candidate among equals is chosen by 5.2.5's tie rule);
 * - rule (b) of 5.1.7 elects only candidates with some votes (a total active vote of nothing
 *   elects nobody; the count goes on to 5.5.1).
 */
export interface Ers97Options {
  /** Seed for draws by lot (5.2.3, 5.2.5); defaults to the election's title. */
  readonly lotSeed?: string;
}

/** One batch of an exclusion: papers of one transfer value (6.1), and the count after it. */
export interface Ers97SubStage {
  /** The transfer value of the batch's papers. */
  readonly value: string;
  readonly votes: readonly string[];
  readonly nonTransferable: string;
  readonly quota: string;
}

export interface Ers97Round extends Round {
  /** For an exclusion whose papers had several transfer values: the count after each batch. */
  readonly substages: readonly Ers97SubStage[];
}

export interface Ers97Report extends CountReport {
  readonly rounds: readonly Ers97Round[];
}

const PLACES = 2;
const ONE = 10n ** BigInt(PLACES);
const RULE =
  'Electoral Reform Society, How to Conduct an Election by the Single Transferable Vote, 3rd edition (1997), section 5 (ERS97)';
const R = (clause: string): string => `ERS97 ${clause}`;

type State = 'hopeful' | 'elected' | 'excluded' | 'withdrawn';

/** Papers of one value received by a candidate in one transfer (ERS97 6.1 "batch"). */
interface Batch {
  readonly value: bigint;
  readonly papers: Paper[];
}

/** (total / divisor) in hundredths: to two decimals, remainder ignored and 0.01 added if not exact (5.1.6). */
function quotaOf(total: bigint, divisor: bigint): bigint {
  const q = total / divisor;
  return q * divisor === total ? q : q + 1n;
}

export function countErs97(election: Election, options: Ers97Options = {}): Ers97Report {
  const n = election.candidates.length;
  const names = election.candidates.map((c) => c.name);
  const nameOf = (c: number): string => names[c] ?? `#${c + 1}`;
  const lot = new SeededLot(options.lotSeed ?? election.title);
  const { papers } = readPapers(election, ONE, 'ERS97 STV');
  let valid = 0n;
  for (const p of papers) valid += p.count;
  const totalValid = valid * ONE;
  const divisor = BigInt(election.seats + 1);
  let quota = quotaOf(totalValid, divisor);

  const state: State[] = election.candidates.map((c) => (c.withdrawn ? 'withdrawn' : 'hopeful'));
  const votes: bigint[] = new Array<bigint>(n).fill(0n);
  const holdings: Batch[][] = Array.from({ length: n }, () => []);
  const pending: number[] = []; // deemed elected with a surplus not yet transferred
  const electedAt: number[] = new Array<number>(n).fill(0); // the stage at which each was deemed elected
  const elected: number[] = [];
  /** The count at the first stage and after every batch transferred (5.2.3, 5.2.5, 5.6.2). */
  const history: bigint[][] = [];
  const rounds: Ers97Round[] = [];
  const tieBreaks: TieBreak[] = [];
  let nonTransferable = 0n;

  const hopeful = (): number[] => state.flatMap((s, c) => (s === 'hopeful' ? [c] : []));
  const v = (c: number): bigint => votes[c] ?? 0n;
  const surplusOf = (c: number): bigint => (v(c) > quota ? v(c) - quota : 0n);
  const vacancies = (): number => election.seats - elected.length;

  /** The next available preference (6.10) of a paper, moving it there; -1 if none. */
  const nextPreference = (paper: Paper): number => {
    while (paper.pos < paper.prefs.length) {
      const c = paper.prefs[paper.pos] ?? -1;
      if (state[c] === 'hopeful') return c;
      paper.pos += 1;
    }
    return -1;
  };

  /** Sends `paper` at `value` to its next available preference; returns the candidate or -1. */
  const send = (paper: Paper, value: bigint, received: Map<number, Batch>): number => {
    paper.pos += 1;
    const to = nextPreference(paper);
    if (to < 0) return -1;
    paper.weight = value;
    let batch = received.get(to);
    if (batch === undefined) {
      batch = { value, papers: [] };
      received.set(to, batch);
      holdings[to]?.push(batch);
    }
    batch.papers.push(paper);
    votes[to] = v(to) + paper.count * value;
    return to;
  };

  /** Compares two candidates' votes from the first stage on: >0 if `a` was ahead at the earliest difference. */
  const earliestDifference = (a: number, b: number): number => {
    for (const stage of history) {
      const x = stage[a] ?? 0n;
      const y = stage[b] ?? 0n;
      if (x !== y) return x > y ? 1 : -1;
    }
    return 0;
  };

  /** 5.1.7 / 5.3.13 / 5.4.9 with 5.6.2: deems elected whoever has the quota or enough of the active vote. */
  const deemElected = (clause: string, actions: RoundAction[]): void => {
    for (;;) {
      const places = vacancies();
      if (places <= 0) return;
      const continuing = hopeful();
      // 6.20: continuing candidates' votes plus the votes awaiting transfer (surpluses, and the
      // papers of candidates being excluded not yet transferred).
      let active = 0n;
      for (const c of continuing) active += v(c);
      for (const c of pending) active += surplusOf(c);
      state.forEach((s, c) => {
        if (s === 'excluded') active += v(c);
      });
      const share = (c: number): boolean => v(c) > 0n && v(c) * BigInt(places + 1) >= active;
      const reaching = continuing.filter((c) => v(c) >= quota || share(c));
      if (reaching.length === 0) return;
      const top = reaching.reduce((m, c) => (v(c) > m ? v(c) : m), -1n);
      let tied = reaching.filter((c) => v(c) === top);
      let stop = false;
      if (tied.length > places) {
        // 5.6.2: by the earliest point where they differed; equal at every point, none of them now.
        tied.sort((a, b) => -earliestDifference(a, b) || a - b);
        const last = tied[places - 1] ?? -1;
        const first = tied[places] ?? -1;
        const chosen = tied.slice(0, places);
        tied =
          earliestDifference(last, first) === 0 ? chosen.filter((c) => earliestDifference(c, first) !== 0) : chosen;
        tieBreaks.push({
          round: rounds.length + 1,
          between: reaching.filter((c) => v(c) === top).sort((a, b) => a - b),
          chosen: tied[0] ?? -1,
          purpose: 'elect',
          how:
            tied.length === 0
              ? `${R('5.6.2')}: equal at every point of the count and too few places: none of them deemed elected at this stage`
              : `${R('5.6.2')}: most votes at the earliest point of the count where they differed`,
        });
        stop = true;
      } else if (tied.length > 1) {
        tied.sort((a, b) => -earliestDifference(a, b) || a - b);
      }
      for (const c of tied) {
        const byQuota = v(c) >= quota;
        state[c] = 'elected';
        elected.push(c);
        electedAt[c] = rounds.length + 1;
        if (v(c) > quota) pending.push(c);
        actions.push({
          kind: 'elected',
          candidates: [c],
          rule: R(`${clause}${byQuota ? '(a)' : '(b)'}`),
          reason: byQuota
            ? `${nameOf(c)} (${show(v(c), PLACES)}) reached the quota of ${show(quota, PLACES)}`
            : `${nameOf(c)} (${show(v(c), PLACES)}) has at least the total active vote ${show(active, PLACES)} / ${places + 1} (places unfilled + 1), less than the quota`,
        });
      }
      if (stop || tied.length === 0) return;
    }
  };

  const snapshot = (): void => {
    history.push([...votes]);
  };

  const finishRound = (actions: RoundAction[], substages: Ers97SubStage[], before: readonly bigint[] | null): void => {
    rounds.push({
      number: rounds.length + 1,
      votes: votes.map((x) => show(x, PLACES)),
      transfers: before === null ? null : votes.map((x, c) => show(x - (before[c] ?? 0n), PLACES)),
      nonTransferable: show(nonTransferable, PLACES),
      quota: show(quota, PLACES),
      actions,
      substages,
    });
  };

  // 5.1: the first stage.
  for (const paper of papers) {
    const c = nextPreference(paper);
    if (c < 0) continue; // readPapers keeps only papers with a first preference
    let batch = holdings[c]?.[0];
    if (batch === undefined) {
      batch = { value: ONE, papers: [] };
      holdings[c]?.push(batch);
    }
    batch.papers.push(paper);
    votes[c] = v(c) + paper.count * ONE;
  }
  snapshot();
  const firstActions: RoundAction[] = [
    {
      kind: 'note',
      rule: R('5.1.6'),
      reason: `total valid vote ${valid}, ${election.seats} places: quota ${valid} / ${election.seats + 1} to two decimals${quota * divisor === totalValid ? '' : ', remainder ignored, + 0.01'} = ${show(quota, PLACES)}`,
    },
  ];
  deemElected('5.1.7', firstActions);
  finishRound(firstActions, [], null);

  /**
   * The lowest continuing candidates in ascending order of votes, and the size of the largest
   * group of them that 5.2.5 lets be excluded together with `deferred` surpluses (0 if none).
   */
  const excludable = (deferred: bigint): { readonly ascending: number[]; readonly size: number } => {
    const ascending = hopeful().sort((a, b) => (v(a) < v(b) ? -1 : v(a) > v(b) ? 1 : 0));
    const places = vacancies();
    let size = 0;
    let total = 0n;
    for (let k = 1; k < ascending.length; k += 1) {
      total += v(ascending[k - 1] ?? -1);
      if (ascending.length - k < places) break; // 5.2.5(a)
      const next = v(ascending[k] ?? -1);
      const distinct = v(ascending[k - 1] ?? -1) < next;
      if (total + deferred <= next && (k === 1 || distinct)) size = k; // 5.2.5(b)
    }
    return { ascending, size };
  };

  for (;;) {
    const places = vacancies();
    if (places <= 0) {
      const rest = hopeful();
      const last = rounds.at(-1);
      if (rest.length > 0 && last !== undefined) {
        for (const c of rest) state[c] = 'excluded';
        (last.actions as RoundAction[]).push({
          kind: 'excluded',
          candidates: rest,
          rule: R('5.5.2'),
          reason:
            'every place is filled: no further transfers; the remaining continuing candidates are formally excluded',
        });
      }
      break;
    }
    const continuing = hopeful();
    const last = rounds.at(-1);
    if (continuing.length <= places) {
      // 4.3, 5.5.1: as many candidates left as places.
      if (continuing.length > 0 && last !== undefined) {
        for (const c of continuing) {
          state[c] = 'elected';
          elected.push(c);
        }
        (last.actions as RoundAction[]).push({
          kind: 'elected',
          candidates: continuing,
          rule: R('5.5.1'),
          reason: `${continuing.length} continuing candidate(s) for ${places} place(s): deemed elected`,
        });
      }
      break;
    }
    const roundNumber = rounds.length + 1;
    const actions: RoundAction[] = [];
    const before = [...votes];
    let deferredTotal = 0n;
    for (const c of pending) deferredTotal += surplusOf(c);

    if (pending.length > 0) {
      const { size } = excludable(deferredTotal);
      if (size === 0) {
        // 5.2.3, 5.3: transfer the largest surplus.
        const top = pending.reduce((m, c) => (surplusOf(c) > m ? surplusOf(c) : m), -1n);
        const tied = pending.filter((c) => surplusOf(c) === top);
        const from = chooseAmong(tieBreaks, {
          tied,
          history,
          want: 'highest',
          lot,
          round: roundNumber,
          purpose: 'surplus-order',
          earlier: `equal surpluses: the greatest vote at the earliest point of the count where they differed (${R('5.2.3')})`,
          lotRule: R('5.2.3'),
          from: 'earliest',
        });
        pending.splice(pending.indexOf(from), 1);
        const total = v(from);
        const surplus = total - quota;
        const firstStage = electedAt[from] === 1;
        const batch = holdings[from]?.at(-1);
        const selected = batch?.papers ?? [];
        const present = batch?.value ?? 0n;
        // 5.3.3: sort into next available preferences; count the transferable papers.
        const destinations = selected.map((paper) => {
          const probe = { ...paper, pos: paper.pos + 1 };
          return nextPreference(probe) >= 0;
        });
        let transferable = 0n;
        selected.forEach((paper, i) => {
          if (destinations[i] === true) transferable += paper.count;
        });
        // 5.3.7: the transfer value.
        const worth = transferable * present;
        const value = worth > surplus ? surplus / transferable : present;
        const received = new Map<number, Batch>();
        let moved = 0n;
        for (const [i, paper] of selected.entries()) {
          if (destinations[i] !== true) continue;
          if (send(paper, value, received) >= 0) moved += paper.count * value;
        }
        votes[from] = quota;
        nonTransferable += surplus - moved;
        holdings[from] = [];
        snapshot();
        actions.push({
          kind: 'surplus',
          candidate: from,
          amount: show(surplus, PLACES),
          rule: R(firstStage ? '5.3.1' : '5.3.2'),
          reason:
            `surplus of ${nameOf(from)} (${show(surplus, PLACES)}): ${firstStage ? 'all the papers received at the first stage' : 'the last batch received'} examined (${R(firstStage ? '5.3.1' : '5.3.2')}), ${transferable} transferable; ` +
            (worth > surplus
              ? `transfer value ${show(surplus, PLACES)} / ${transferable} = ${show(value, PLACES)}, remainder ignored (${R('5.3.7')})`
              : `their value ${show(worth, PLACES)} does not exceed the surplus: transferred at their present value ${show(present, PLACES)} (${R('5.3.7')})`) +
            `; ${show(moved, PLACES)} transferred, non-transferable difference ${show(surplus - moved, PLACES)} (${R('5.3.9')})`,
        });
        deemElected('5.3.13', actions);
        finishRound(actions, [], before);
        continue;
      }
      actions.push({
        kind: 'note',
        rule: R('5.2.2'),
        reason: `surpluses totalling ${show(deferredTotal, PLACES)} deferred: they do not exceed the difference between the lowest candidate(s) who can be excluded and the next above (${R(size > 1 ? '5.2.2(b)' : '5.2.2(a)')})`,
      });
    }

    // 5.2.5: exclude the lowest candidate or candidates.
    const { ascending, size } = excludable(deferredTotal);
    let out: number[];
    if (size > 1) {
      out = ascending.slice(0, size);
    } else {
      const low = v(ascending[0] ?? -1);
      const tied = ascending.filter((c) => v(c) === low);
      const chosen = chooseAmong(tieBreaks, {
        tied,
        history,
        want: 'lowest',
        lot,
        round: roundNumber,
        purpose: 'exclude',
        earlier: `equal lowest: the fewest votes at the earliest point of the count where they differed (${R('5.2.5')})`,
        lotRule: R('5.2.5'),
        from: 'earliest',
      });
      out = [chosen];
    }
    const remaining = continuing.length - out.length;
    if (remaining <= places) {
      // 5.5.1: the exclusion would leave as many continuing candidates as places.
      const rest = continuing.filter((c) => !out.includes(c));
      const target = last === undefined ? actions : (last.actions as RoundAction[]);
      for (const c of out) state[c] = 'excluded';
      target.push(...actions, {
        kind: 'excluded',
        candidates: out,
        rule: R('5.5.1'),
        reason: `excluding ${out.map(nameOf).join(', ')} would leave ${remaining} continuing candidate(s) for ${places} place(s): no transfer is made`,
      });
      for (const c of rest) {
        state[c] = 'elected';
        elected.push(c);
      }
      if (rest.length > 0) {
        target.push({
          kind: 'elected',
          candidates: rest,
          rule: R('5.5.1'),
          reason: `the ${rest.length} remaining continuing candidate(s) are deemed elected`,
        });
      }
      break;
    }
    let outVotes = 0n;
    for (const c of out) {
      state[c] = 'excluded';
      outVotes += v(c);
    }
    actions.push({
      kind: 'excluded',
      candidates: out,
      rule: R(out.length > 1 ? '5.2.5(b)' : '5.2.5'),
      reason:
        out.length > 1
          ? `${out.map((c) => `${nameOf(c)} (${show(v(c), PLACES)})`).join(', ')} excluded together: with the deferred surpluses (${show(deferredTotal, PLACES)}) their ${show(outVotes, PLACES)} votes do not exceed the next above (${show(v(ascending[out.length] ?? -1), PLACES)})`
          : `${nameOf(out[0] ?? -1)} has the fewest votes (${show(v(out[0] ?? -1), PLACES)})`,
    });
    // 5.4.1: the papers of the excluded, in batches of descending transfer value.
    const byValue = new Map<bigint, { owner: number; paper: Paper }[]>();
    for (const c of out) {
      for (const batch of holdings[c] ?? []) {
        const list = byValue.get(batch.value) ?? [];
        for (const paper of batch.papers) list.push({ owner: c, paper });
        byValue.set(batch.value, list);
      }
      holdings[c] = [];
    }
    const values = [...byValue.keys()].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0));
    const substages: Ers97SubStage[] = [];
    for (const value of values) {
      if (vacancies() <= 0) break; // 5.5.2
      const received = new Map<number, Batch>();
      let moved = 0n;
      let total = 0n;
      for (const { owner, paper } of byValue.get(value) ?? []) {
        const worth = paper.count * value;
        total += worth;
        votes[owner] = v(owner) - worth;
        if (send(paper, value, received) >= 0) moved += worth;
      }
      const lost = total - moved;
      nonTransferable += lost;
      snapshot();
      if (elected.length === 0 && lost > 0n) {
        // 5.4.8: recalculate the quota without the non-transferable vote.
        const recalculated = quotaOf(totalValid - nonTransferable, divisor);
        if (recalculated !== quota) {
          actions.push({
            kind: 'note',
            rule: R('5.4.8'),
            reason: `papers became non-transferable before anyone was deemed elected: quota (${show(totalValid, PLACES)} − ${show(nonTransferable, PLACES)}) / ${election.seats + 1} = ${show(recalculated, PLACES)}`,
          });
          quota = recalculated;
        }
      }
      deemElected('5.4.9', actions);
      substages.push({
        value: show(value, PLACES),
        votes: votes.map((x) => show(x, PLACES)),
        nonTransferable: show(nonTransferable, PLACES),
        quota: show(quota, PLACES),
      });
    }
    finishRound(actions, substages.length > 1 ? substages : [], before);
  }

  return {
    method: 'ers97',
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
