import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../decimal.ts';
import type { Ballot, Election } from '../election.ts';
import { countMeek } from './meek.ts';

/** Random small elections: 2–7 candidates, 1–3 seats, up to 12 distinct ballots. */
const elections = fc
  .integer({ min: 2, max: 7 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      seats: fc.integer({ min: 1, max: Math.min(3, n - 1) }),
      ballots: fc.array(
        fc.record({
          count: fc.integer({ min: 1, max: 40 }),
          ranking: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }),
        }),
        { minLength: 1, maxLength: 12 },
      ),
      withdrawn: fc.integer({ min: -1, max: n - 1 }),
    }),
  )
  .map(({ n, seats, ballots, withdrawn }): Election => ({
    title: 'random',
    seats,
    candidates: Array.from({ length: n }, (_, i) => ({ name: `c${i}`, withdrawn: i === withdrawn })),
    ballots: ballots.map((b) => ({ count: b.count, ranking: b.ranking.map((c) => [c]) })),
  }));

const units = (text: string): bigint => Decimal.parse(text, 9).units;

describe('countMeek', () => {
  it('conserves the votes exactly in every round: votes + non-transferable = voters', () => {
    fc.assert(
      fc.property(elections, (election) => {
        const report = countMeek(election, { lotSeed: 'prop' });
        for (const round of report.rounds) {
          const total = round.votes.reduce((s, v) => s + units(v), 0n) + units(round.nonTransferable);
          expect(total).toBe(BigInt(report.voters) * 10n ** 9n);
        }
        expect(report.elected.length).toBeLessThanOrEqual(election.seats);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same report whatever the order of the ballots', () => {
    fc.assert(
      fc.property(
        elections.chain((e) =>
          fc.tuple(fc.constant(e), fc.shuffledSubarray([...e.ballots], { minLength: e.ballots.length })),
        ),
        ([election, shuffled]) => {
          const a = countMeek(election, { lotSeed: 'order' });
          const b = countMeek({ ...election, ballots: shuffled }, { lotSeed: 'order' });
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('counts a withdrawn candidate exactly as if they were not on the ballot paper', () => {
    fc.assert(
      fc.property(
        elections.filter((e) => e.candidates.some((c) => c.withdrawn) && e.candidates.length > e.seats + 1),
        (election) => {
          const w = election.candidates.findIndex((c) => c.withdrawn);
          const renumber = (c: number): number => (c > w ? c - 1 : c);
          const without: Election = {
            ...election,
            candidates: election.candidates.filter((_, i) => i !== w),
            ballots: election.ballots.map((b): Ballot => ({
              count: b.count,
              ranking: b.ranking.map((g) => g.filter((c) => c !== w).map(renumber)),
            })),
          };
          const a = countMeek(election, { lotSeed: 'withdrawn' });
          const b = countMeek(without, { lotSeed: 'withdrawn' });
          expect(b.elected.map((c) => b.candidates[c])).toEqual(a.elected.map((c) => a.candidates[c]));
          expect(b.rounds.map((r) => r.votes)).toEqual(a.rounds.map((r) => r.votes.filter((_, i) => i !== w)));
          expect(b.rounds.map((r) => r.nonTransferable)).toEqual(a.rounds.map((r) => r.nonTransferable));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives exactly the BigInt results with the safe-integer fast path, in both variants', () => {
    fc.assert(
      fc.property(elections, fc.constantFrom('stv-rs' as const, 'prf' as const), (election, variant) => {
        const fast = countMeek(election, { lotSeed: 'fast', variant });
        const slow = countMeek(election, { lotSeed: 'fast', variant, arithmetic: 'bigint' });
        expect(fast).toEqual(slow);
      }),
      { numRuns: 300 },
    );
  });

  it('records keep values and cites the rule for every decision', () => {
    // Two seats, quota 33.333333334: A (60) is elected and passes about 26.67 on to B, who
    // then has about 41.67 against C's 25.
    const report = countMeek({
      title: 't',
      seats: 2,
      candidates: ['A', 'B', 'C'].map((name) => ({ name, withdrawn: false })),
      ballots: [
        { count: 60, ranking: [[0], [1]] },
        { count: 25, ranking: [[2]] },
        { count: 15, ranking: [[1]] },
      ],
    });
    expect(report.elected).toEqual([0, 1]);
    for (const round of report.rounds) {
      for (const action of round.actions) expect(action.rule).toMatch(/^PRF Meek [ABC]/);
    }
    const notes = report.rounds.flatMap((r) => r.actions).filter((a) => a.kind === 'note');
    expect(notes.some((a) => /keep values: A 0\.\d{9}/.test(a.reason))).toBe(true);
  });

  it('refuses a tie it cannot break, and the NZ variant it does not implement', () => {
    const tied: Election = {
      title: 't',
      seats: 1,
      candidates: ['A', 'B', 'C'].map((name) => ({ name, withdrawn: false })),
      ballots: [
        { count: 3, ranking: [[0]] },
        { count: 3, ranking: [[1]] },
        { count: 1, ranking: [[2]] },
        { count: 1, ranking: [[2]] },
      ],
    };
    // C is lowest alone; then A and B tie exactly.
    expect(() => countMeek(tied)).toThrow(/lot/);
    const byLot = countMeek(tied, { lotSeed: 'seed' });
    expect(byLot.tieBreaks).toHaveLength(1);
    expect(byLot.tieBreaks[0]?.lot?.seed).toBe('seed');
    expect(() => countMeek(tied, { variant: 'nz' })).toThrow(/not implemented/);
  });
});
