import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ballot, Election } from './election.ts';
import { countSchulze } from './schulze.ts';

const election = (
  candidates: number,
  ballots: readonly Ballot[],
  options: { seats?: number; withdrawn?: readonly number[] } = {},
): Election => ({
  title: 't',
  seats: options.seats ?? 1,
  candidates: Array.from({ length: candidates }, (_, c) => ({
    name: 'ABCDEFGHIJ'[c] ?? `C${c}`,
    withdrawn: options.withdrawn?.includes(c) ?? false,
  })),
  ballots,
});

/** "ACBED" → [[0],[2],[1],[4],[3]]. */
const order = (letters: string): number[][] =>
  Array.from({ length: letters.length }, (_, i) => [letters.charCodeAt(i) - 65]);

describe('countSchulze: Schulze’s own worked example', () => {
  // Example 1 of Markus Schulze's worked examples (45 voters, 5 candidates), the same profile
  // as the paper's first example. The expected d and p below are the tables printed with the
  // example; they can be checked by hand: e.g. d[A,B] = 5 (ACBED) + 5 (ADECB) + 3 (CABED) +
  // 7 (CAEBD) = 20, d[B,A] = 8 + 2 + 7 + 8 = 25; the strongest path from A to C is A-(30)-D-(28)-C,
  // of strength 28. E is better than every other candidate (p[E,X] > p[X,E]: 25>24, 28>24,
  // 28>24, 31>24), and the Schulze ranking is E > A > C > B > D.
  const ballots: Ballot[] = [
    { count: 5, ranking: order('ACBED') },
    { count: 5, ranking: order('ADECB') },
    { count: 8, ranking: order('BEDAC') },
    { count: 3, ranking: order('CABED') },
    { count: 7, ranking: order('CAEBD') },
    { count: 2, ranking: order('CBADE') },
    { count: 7, ranking: order('DCEBA') },
    { count: 8, ranking: order('EBADC') },
  ];
  const report = countSchulze(election(5, ballots));

  it('computes the pairwise matrix d', () => {
    expect(report.pairwise).toEqual([
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
  });

  it('computes the strongest paths p (winning votes of the weakest link)', () => {
    expect(report.strongestPaths.map((row) => row.map((s) => s[0]))).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
  });

  it('elects E and ranks E > A > C > B > D, reporting the matrices', () => {
    expect(report.elected).toEqual([4]);
    expect(report.ranking).toEqual([[4], [0], [2], [1], [3]]);
    expect(report.voters).toBe(45);
    const round = report.rounds[0];
    expect(round?.votes).toEqual(['3', '1', '2', '0', '4']);
    const notes = round?.actions.filter((a) => a.kind === 'note').map((a) => a.reason) ?? [];
    expect(notes.some((r) => r.includes('A: · 20 26 30 22'))).toBe(true);
    expect(notes.some((r) => r.includes('E: 25 28 28 31 ·'))).toBe(true);
    expect(notes.some((r) => r.includes('E > A > C > B > D'))).toBe(true);
    const elected = round?.actions.find((a) => a.kind === 'elected');
    expect(elected?.rule).toMatch(/Schulze \(2011\) §2\.2/);
  });

  it('fills two seats with the top two of the ranking, saying it is not Schulze STV', () => {
    const two = countSchulze(election(5, ballots, { seats: 2 }));
    expect(two.elected).toEqual([4, 0]);
    expect(two.rounds[0]?.actions.some((a) => a.kind === 'note' && a.reason.includes('not Schulze STV'))).toBe(true);
  });
});

describe('countSchulze: ballots and ties', () => {
  it('equal rankings and unranked candidates: no preference among them; unranked below ranked', () => {
    // 3 voters: A = B > C; 2 voters: C only (A and B unranked, below C).
    const report = countSchulze(
      election(3, [
        { count: 3, ranking: [[0, 1], [2]] },
        { count: 2, ranking: [[], [2]] },
      ]),
      { seed: 's' },
    );
    expect(report.pairwise).toEqual([
      [0, 0, 3],
      [0, 0, 3],
      [2, 2, 0],
    ]);
    // A and B each beat C 3 to 2 and tie with each other: two potential winners, one seat.
    expect(report.ranking).toEqual([[0, 1], [2]]);
    expect(report.tieBreaks).toHaveLength(1);
    expect(report.tieBreaks[0]).toMatchObject({
      between: [0, 1],
      purpose: 'elect',
      lot: { seed: 's', draw: 0, of: 2 },
    });
    expect(report.elected).toEqual([report.tieBreaks[0]?.chosen]);
  });

  it('a tie for the seat needs a seed, and the same seed gives the same draw', () => {
    const tie = election(2, [
      { count: 1, ranking: [[0], [1]] },
      { count: 1, ranking: [[1], [0]] },
    ]);
    expect(() => countSchulze(tie)).toThrow(/seed/);
    expect(countSchulze(tie, { seed: 'x' }).elected).toEqual(countSchulze(tie, { seed: 'x' }).elected);
  });

  it('a withdrawn candidate is in no ranking and never elected', () => {
    // A would be the Condorcet winner, but has withdrawn: B beats C 2 to 1.
    const report = countSchulze(
      election(
        3,
        [
          { count: 2, ranking: order('ABC') },
          { count: 1, ranking: order('ACB') },
        ],
        { withdrawn: [0] },
      ),
    );
    expect(report.elected).toEqual([1]);
    expect(report.ranking).toEqual([[1], [2]]);
  });

  it('refuses impossible input', () => {
    expect(() => countSchulze(election(2, [{ count: 0, ranking: [[0]] }]))).toThrow(RangeError);
    expect(() => countSchulze(election(2, [{ count: 1, ranking: [[5]] }]))).toThrow(/no candidate 5/);
    expect(() => countSchulze(election(2, [], { seats: 3 }))).toThrow(/seats/);
  });

  it('equal winning votes: the defeat with more losing votes is the weaker (>win)', () => {
    // d: A>B 5 to 2, B>C 5 to 4, C>A 5 to 3 — a cycle in which every defeat has 5 winning
    // votes. By losing votes the weakest is B>C (4 against). Strongest paths: p[A,C] = A-B-C,
    // weakest link B>C (5/4), against p[C,A] = C>A (5/3): C beats A; p[C,B] = C-A-B (5/3)
    // against p[B,C] = 5/4: C beats B; p[A,B] = 5/2 against p[B,A] = B-C-A (5/4): A beats B.
    // Ranking C > A > B. (With winning votes alone all three would tie.)
    const b: Ballot[] = [
      { count: 1, ranking: [[0, 2], [1]] },
      { count: 2, ranking: [[0, 1], [2]] },
      { count: 1, ranking: order('ABC') },
      { count: 2, ranking: order('BCA') },
      { count: 3, ranking: order('CAB') },
    ];
    const report = countSchulze(election(3, b));
    expect(report.pairwise).toEqual([
      [0, 5, 3],
      [2, 0, 5],
      [5, 4, 0],
    ]);
    expect(report.strongestPaths[0]?.[2]).toEqual([5, 4]);
    expect(report.strongestPaths[2]?.[0]).toEqual([5, 3]);
    expect(report.ranking).toEqual([[2], [0], [1]]);
    expect(report.elected).toEqual([2]);
    // The losing votes decided, so the path matrix is reported as winning/losing.
    expect(report.rounds[0]?.actions.some((a) => a.kind === 'note' && a.reason.includes('C: 5/3 5/3 ·'))).toBe(true);
  });
});

// Properties over random profiles: up to 5 candidates, up to 12 distinct ballots.
const profile = (candidates: number) =>
  fc.array(
    fc.record({
      count: fc.integer({ min: 1, max: 20 }),
      ranking: fc
        .shuffledSubarray(
          Array.from({ length: candidates }, (_, c) => c),
          { minLength: 0 },
        )
        .chain((cs) =>
          fc.array(fc.boolean(), { minLength: cs.length, maxLength: cs.length }).map((cuts) => {
            // Split the shuffled candidates into groups of equal rank where cuts[i] is true.
            const groups: number[][] = [];
            cs.forEach((c, i) => {
              if (i === 0 || cuts[i] === true) groups.push([c]);
              else groups[groups.length - 1]?.push(c);
            });
            return groups;
          }),
        ),
    }),
    { minLength: 0, maxLength: 12 },
  );

describe('countSchulze: properties', () => {
  const withCandidates = fc.integer({ min: 2, max: 5 }).chain((n) => fc.tuple(fc.constant(n), profile(n)));

  it('a Condorcet winner (beats every other pairwise) is the only winner', () => {
    fc.assert(
      fc.property(withCandidates, ([n, ballots]) => {
        const report = countSchulze(election(n, ballots), { seed: 'p' });
        const d = report.pairwise;
        for (let a = 0; a < n; a += 1) {
          const condorcet = Array.from({ length: n }, (_, b) => b).every(
            (b) => b === a || (d[a]?.[b] ?? 0) > (d[b]?.[a] ?? 0),
          );
          if (condorcet) {
            expect(report.elected).toEqual([a]);
            expect(report.ranking[0]).toEqual([a]);
            expect(report.tieBreaks).toEqual([]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the order of the ballots never changes the result', () => {
    fc.assert(
      fc.property(
        withCandidates.chain(([n, ballots]) =>
          fc.tuple(fc.constant(n), fc.constant(ballots), fc.shuffledSubarray(ballots, { minLength: ballots.length })),
        ),
        ([n, ballots, shuffled]) => {
          const a = countSchulze(election(n, ballots), { seed: 'p' });
          const b = countSchulze(election(n, shuffled), { seed: 'p' });
          expect(b.pairwise).toEqual(a.pairwise);
          expect(b.ranking).toEqual(a.ranking);
          expect(b.elected).toEqual(a.elected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('withdrawing a candidate is the same as removing them from the election', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 3, max: 5 })
          .chain((n) => fc.tuple(fc.constant(n), profile(n), fc.integer({ min: 0, max: n - 1 }))),
        ([n, ballots, gone]) => {
          const withdrawn = countSchulze(election(n, ballots, { withdrawn: [gone] }), { seed: 'p' });
          // The same ballots without `gone`, candidates renumbered.
          const renumber = (c: number): number => (c > gone ? c - 1 : c);
          const removed: Ballot[] = ballots.map((b) => ({
            count: b.count,
            ranking: b.ranking.map((g) => g.filter((c) => c !== gone).map(renumber)),
          }));
          const without = countSchulze(election(n - 1, removed), { seed: 'p' });
          expect(withdrawn.ranking.map((level) => level.map(renumber))).toEqual(without.ranking);
          expect(withdrawn.elected.map(renumber)).toEqual(without.elected);
          expect(
            withdrawn.pairwise.filter((_, a) => a !== gone).map((row) => row.filter((_, b) => b !== gone)),
          ).toEqual(without.pairwise);
        },
      ),
      { numRuns: 200 },
    );
  });
});
