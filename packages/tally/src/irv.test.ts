import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ballot, Election } from './election.ts';
import { countIrv, MINNEAPOLIS_2013, rctabOptions } from './irv.ts';

const election = (candidates: number, ballots: Ballot[], withdrawn: readonly number[] = []): Election => ({
  title: 't',
  seats: 1,
  candidates: Array.from({ length: candidates }, (_, c) => ({ name: `C${c}`, withdrawn: withdrawn.includes(c) })),
  ballots,
});

describe('countIrv, worked by hand', () => {
  // A 8, B 7 (→ C second), C 4 (→ B second). Round 1: 19 votes, threshold 10; C is last and
  // goes; round 2: A 8, B 11 ≥ 10: B elected.
  const ballots: Ballot[] = [
    { count: 8, ranking: [[0]] },
    { count: 7, ranking: [[1], [2]] },
    { count: 4, ranking: [[2], [1]] },
  ];
  it('eliminates the last and elects at the majority threshold', () => {
    const report = countIrv(election(3, ballots));
    expect(report.rounds.map((r) => r.votes)).toEqual([
      ['8', '7', '4'],
      ['8', '11', '0'],
    ]);
    expect(report.elected).toEqual([1]);
    expect(report.rounds[1]?.quota).toBe('10');
  });

  it('overvote: exhausts under Maine rules, is skipped under Minneapolis rules', () => {
    const ov: Ballot[] = [...ballots, { count: 3, ranking: [[0, 1], [0]] }];
    expect(countIrv(election(3, ov)).inactive[0]?.overvotes).toBe('3');
    expect(countIrv(election(3, ov), { ...MINNEAPOLIS_2013, seed: 'x' }).rounds[0]?.votes[0]).toBe('11');
  });

  it('consecutive skipped ranks exhaust beyond the allowed number', () => {
    const skip: Ballot[] = [
      { count: 2, ranking: [[], [], [0]] },
      { count: 1, ranking: [[1]] },
    ];
    const strict = countIrv(election(2, skip), { maxSkippedRanks: 1 });
    expect(strict.inactive[0]?.skippedRankings).toBe('2');
    expect(countIrv(election(2, skip), { maxSkippedRanks: 2 }).rounds[0]?.votes).toEqual(['2', '1']);
  });

  it('batch elimination defeats every candidate who cannot catch the next', () => {
    // D 1, C 2, B 4, A 10, E 9: 1+2 < 4 and 1+2+4 = 7 < 9: D, C and B go together.
    const b: Ballot[] = [
      { count: 10, ranking: [[0]] },
      { count: 4, ranking: [[1]] },
      { count: 2, ranking: [[2]] },
      { count: 1, ranking: [[3]] },
      { count: 9, ranking: [[4]] },
    ];
    const report = countIrv(election(5, b), { batchElimination: true });
    const first = report.rounds[0]?.actions.find((a) => a.kind === 'excluded');
    expect(first?.kind === 'excluded' ? [...first.candidates].sort() : []).toEqual([1, 2, 3]);
  });

  it('a tie for last is drawn by lot from the seed and reported', () => {
    // A 4 of 8 is short of the threshold 5; B and C tie for last with 2 each.
    const b: Ballot[] = [
      { count: 4, ranking: [[0]] },
      { count: 2, ranking: [[1]] },
      { count: 2, ranking: [[2]] },
    ];
    expect(() => countIrv(election(3, b))).toThrow(/seed/);
    const report = countIrv(election(3, b), { seed: 's' });
    expect(report.tieBreaks[0]?.between).toEqual([1, 2]);
    expect(report.tieBreaks[0]?.lot).toEqual({ seed: 's', draw: 0, of: 2 });
  });

  it('refuses RCTab settings it does not implement', () => {
    expect(() =>
      rctabOptions({
        overvoteRule: 'exhaustIfMultipleContinuing',
        maxSkippedRanksAllowed: '1',
        batchElimination: false,
        continueUntilTwoCandidatesRemain: false,
        tiebreakMode: 'random',
      }),
    ).toThrow(/overvoteRule/);
  });
});

const ballotArb = (candidates: number): fc.Arbitrary<Ballot> =>
  fc.record({
    count: fc.integer({ min: 1, max: 50 }),
    ranking: fc.array(
      fc.oneof(
        fc.constant<number[]>([]),
        fc.integer({ min: 0, max: candidates - 1 }).map((c) => [c]),
        fc.uniqueArray(fc.integer({ min: 0, max: candidates - 1 }), { minLength: 2, maxLength: 2 }),
      ),
      { maxLength: 5 },
    ),
  });
const profile = fc
  .integer({ min: 2, max: 6 })
  .chain((n) => fc.tuple(fc.constant(n), fc.array(ballotArb(n), { maxLength: 30 })));
const optionsArb = fc.constantFrom(
  MINNEAPOLIS_2013,
  {},
  { batchElimination: true, maxSkippedRanks: 1, overvote: 'skip' as const },
);

describe('countIrv, properties', () => {
  it('conserves votes: every round, tallies + inactive = ballots counted', () => {
    fc.assert(
      fc.property(profile, optionsArb, ([n, ballots], options) => {
        const report = countIrv(election(n, ballots), { ...options, seed: 'p' });
        for (const round of report.rounds) {
          const sum = round.votes.reduce((s, v) => s + BigInt(v), BigInt(round.nonTransferable));
          expect(sum).toBe(BigInt(report.voters));
        }
      }),
    );
  });

  it('the order of the ballots does not change the result', () => {
    fc.assert(
      fc.property(profile, optionsArb, fc.integer(), ([n, ballots], options, shift) => {
        const k = ballots.length === 0 ? 0 : Math.abs(shift) % ballots.length;
        const turned = [...ballots.slice(k), ...ballots.slice(0, k)].reverse();
        const a = countIrv(election(n, ballots), { ...options, seed: 'p' });
        const b = countIrv(election(n, turned), { ...options, seed: 'p' });
        expect(b.rounds.map((r) => r.votes)).toEqual(a.rounds.map((r) => r.votes));
        expect(b.elected).toEqual(a.elected);
      }),
    );
  });

  it('withdrawing a candidate is the same as removing them from every ballot', () => {
    fc.assert(
      fc.property(profile, optionsArb, ([n, ballots], options) => {
        const gone = n - 1;
        const withdrawn = countIrv(election(n, ballots, [gone]), { ...options, seed: 'p' });
        const removed = countIrv(
          election(
            n - 1,
            ballots.map((b) => ({
              count: b.count,
              ranking: b.ranking.flatMap((g) => {
                const kept = g.filter((c) => c !== gone);
                return g.length > 0 && kept.length === 0 ? [] : [kept];
              }),
            })),
          ),
          { ...options, seed: 'p' },
        );
        expect(withdrawn.rounds.map((r) => r.votes.slice(0, n - 1))).toEqual(removed.rounds.map((r) => r.votes));
        expect(withdrawn.elected).toEqual(removed.elected);
      }),
    );
  });
});
