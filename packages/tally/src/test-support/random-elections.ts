import fc from 'fast-check';
import { expect } from 'vitest';
import type { Ballot, Election } from '../election.ts';
import type { CountReport } from '../report.ts';

/**
 * Random small ranked elections for the property tests of the STV rules: 2 to `maxCandidates`
 * candidates, fewer seats than candidates, up to `maxBallots` distinct ballots of 1 to
 * `maxCount` voters, each ranking a random non-empty subset in a random order.
 */
export function rankedElections(options: {
  readonly maxCandidates: number;
  readonly maxBallots: number;
  readonly maxCount: number;
}): fc.Arbitrary<Election> {
  return fc
    .integer({ min: 2, max: options.maxCandidates })
    .chain((n) =>
      fc.record({
        n: fc.constant(n),
        seats: fc.integer({ min: 1, max: n - 1 }),
        ballots: fc.array(
          fc.record({
            count: fc.integer({ min: 1, max: options.maxCount }),
            ranking: fc
              .shuffledSubarray(
                Array.from({ length: n }, (_, i) => i),
                { minLength: 1, maxLength: n },
              )
              .map((order) => order.map((c) => [c])),
          }),
          { minLength: 1, maxLength: options.maxBallots },
        ),
      }),
    )
    .map(({ n, seats, ballots }): Election => ({
      title: 'property',
      seats,
      candidates: Array.from({ length: n }, (_, i) => ({ name: `C${i + 1}`, withdrawn: false })),
      ballots,
    }));
}

/**
 * The same election with candidate `gone` marked withdrawn, and the election as if they had
 * never stood (removed from the list and every ballot, later candidates renumbered), with the
 * renumbering: the two must count alike.
 */
export function withdrawnAndRemoved(
  election: Election,
  gone: number,
): { readonly withdrawn: Election; readonly removed: Election; readonly renumber: (c: number) => number } {
  const renumber = (c: number): number => (c > gone ? c - 1 : c);
  const ballots: Ballot[] = election.ballots.flatMap((b) => {
    const ranking = b.ranking.filter((g) => g[0] !== gone).map((g) => g.map(renumber));
    return ranking.length === 0 ? [] : [{ count: b.count, ranking }];
  });
  return {
    withdrawn: { ...election, candidates: election.candidates.map((c, i) => ({ ...c, withdrawn: i === gone })) },
    removed: { ...election, candidates: election.candidates.filter((_, i) => i !== gone), ballots },
    renumber,
  };
}

/** Property: shuffling the ballots never changes the report. */
export function assertOrderIndependent(
  count: (election: Election) => CountReport,
  elections: fc.Arbitrary<Election>,
): void {
  fc.assert(
    fc.property(
      elections.chain((e) =>
        fc.tuple(fc.constant(e), fc.shuffledSubarray([...e.ballots], { minLength: e.ballots.length })),
      ),
      ([e, shuffled]) => {
        expect(count({ ...e, ballots: shuffled })).toEqual(count(e));
      },
    ),
    { numRuns: 200 },
  );
}

/** Property: a withdrawn candidate counts as if they had never stood — same elected, same rounds. */
export function assertWithdrawalIsRemoval(
  count: (election: Election) => CountReport,
  elections: fc.Arbitrary<Election>,
): void {
  fc.assert(
    fc.property(
      elections.filter((e) => e.candidates.length >= 3 && e.seats < e.candidates.length - 1),
      fc.nat(),
      (e, pick) => {
        const gone = pick % e.candidates.length;
        const { withdrawn: w, removed: r, renumber } = withdrawnAndRemoved(e, gone);
        const withdrawn = count(w);
        const removed = count(r);
        expect(withdrawn.elected.map(renumber)).toEqual(removed.elected);
        expect(withdrawn.rounds.map((round) => round.votes.filter((_, c) => c !== gone))).toEqual(
          removed.rounds.map((round) => round.votes),
        );
        expect(withdrawn.rounds.map((round) => round.nonTransferable)).toEqual(
          removed.rounds.map((round) => round.nonTransferable),
        );
      },
    ),
    { numRuns: 200 },
  );
}
