import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Ballot, Election } from './election.ts';
import { countIrv, MINNEAPOLIS_2013, rctabBallotOptions, rctabOptions, type RctabRules } from './irv.ts';

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
    const maine: RctabRules = {
      overvoteRule: 'exhaustImmediately',
      maxSkippedRanksAllowed: '1',
      batchElimination: false,
      continueUntilTwoCandidatesRemain: false,
      tiebreakMode: 'random',
      winnerElectionMode: 'singleWinnerMajority',
      numberOfWinners: '1',
      minimumVoteThreshold: '0',
      hareQuota: false,
      doesFirstRoundDetermineThreshold: false,
      nonIntegerWinningThreshold: false,
      stopTabulationEarlyAfterRound: '',
    };
    expect(rctabOptions(maine).overvote).toBe('exhaust');
    const refused: [Partial<RctabRules>, RegExp][] = [
      [{ winnerElectionMode: 'multiWinnerAllowMultipleWinnersPerRound' }, /winnerElectionMode/],
      [{ numberOfWinners: '3' }, /numberOfWinners/],
      [{ minimumVoteThreshold: '10' }, /minimumVoteThreshold/],
      [{ hareQuota: true }, /hareQuota/],
      [{ doesFirstRoundDetermineThreshold: true }, /doesFirstRoundDetermineThreshold/],
      [{ nonIntegerWinningThreshold: true }, /nonIntegerWinningThreshold/],
      [{ stopTabulationEarlyAfterRound: '3' }, /stopTabulationEarlyAfterRound/],
      [{ tiebreakMode: 'useCandidateOrder' }, /tiebreakMode/],
    ];
    for (const [change, message] of refused) expect(() => rctabOptions({ ...maine, ...change })).toThrow(message);
  });

  it('reads RCTab ballot settings alone, for any number of seats', () => {
    expect(
      rctabBallotOptions({
        overvoteRule: 'alwaysSkipToNextRank',
        maxSkippedRanksAllowed: 'unlimited',
        exhaustOnDuplicateCandidate: true,
      }),
    ).toEqual({
      overvote: 'skip',
      maxSkippedRanks: null,
      repeatedCandidate: 'exhaust',
      unmarkedFirstChoice: 'inactive',
    });
    expect(rctabBallotOptions({ overvoteRule: 'exhaustImmediately', maxSkippedRanksAllowed: '2' })).toEqual({
      overvote: 'exhaust',
      maxSkippedRanks: 2,
      repeatedCandidate: 'skip',
      unmarkedFirstChoice: 'inactive',
    });
  });
});

describe('countIrv, a candidate ranked again (repeatedCandidate)', () => {
  // A 4, B 4, C 3 (two of them C, C, A; one C, B): 11 votes, threshold 6. C is last. Under
  // 'skip' the repeat of C is passed over and A gets 2: A 6 of 11 is elected. Under 'exhaust'
  // the two C, C, A ballots stop at the repeat and B gets 1: A 4, B 5 of 9 (threshold 5): B.
  const ballots: Ballot[] = [
    { count: 4, ranking: [[0]] },
    { count: 4, ranking: [[1]] },
    { count: 2, ranking: [[2], [2], [0]] },
    { count: 1, ranking: [[2], [1]] },
  ];
  it("'skip' passes the repeat over, as any candidate no longer continuing", () => {
    const report = countIrv(election(3, ballots), { repeatedCandidate: 'skip' });
    expect(report.rounds[1]?.votes).toEqual(['6', '5', '0']);
    expect(report.inactive[1]?.repeatedRankings).toBe('0');
    expect(report.elected).toEqual([0]);
  });

  it("'exhaust' makes the ballot inactive at the repeat, reported as a repeated ranking", () => {
    const report = countIrv(election(3, ballots), { repeatedCandidate: 'exhaust' });
    expect(report.rounds[1]?.votes).toEqual(['4', '5', '0']);
    expect(report.inactive[1]).toEqual({
      overvotes: '0',
      skippedRankings: '0',
      repeatedRankings: '2',
      exhaustedChoices: '0',
    });
    expect(report.rounds[1]?.nonTransferable).toBe('2');
    expect(report.elected).toEqual([1]);
  });

  it('a repeat is checked after the skipped ranks before it and before an overvote at its rank (RCTab order)', () => {
    // A 4, C 3, B 2. B, (skip), (skip), B: too many skipped ranks come first. B, A+B: the
    // repeat of B comes before the overvote. Both ballots reach the check when B is eliminated.
    const b: Ballot[] = [
      { count: 4, ranking: [[0]] },
      { count: 3, ranking: [[2]] },
      { count: 1, ranking: [[1], [], [], [1]] },
      { count: 1, ranking: [[1], [0, 1]] },
    ];
    const report = countIrv(election(3, b), {
      repeatedCandidate: 'exhaust',
      maxSkippedRanks: 1,
      overvote: 'exhaust',
    });
    expect(report.inactive[1]).toEqual({
      overvotes: '0',
      skippedRankings: '1',
      repeatedRankings: '1',
      exhaustedChoices: '0',
    });
  });

  it('a withdrawn candidate is not a repeat: the ballot is read as if they had never been on it', () => {
    // A 3, C 2, and B, D, D, A with D withdrawn: read as B, A. B is last; A gets 1: 4 of 6.
    const b: Ballot[] = [
      { count: 3, ranking: [[0]] },
      { count: 2, ranking: [[2]] },
      { count: 1, ranking: [[1], [3], [3], [0]] },
    ];
    const report = countIrv(election(4, b, [3]), { repeatedCandidate: 'exhaust' });
    expect(report.rounds[1]?.votes).toEqual(['4', '0', '2', '0']);
    expect(report.inactive[1]?.repeatedRankings).toBe('0');
  });
});

describe('countIrv, continuing until two candidates remain (RCTab continueUntilTwoCandidatesRemain)', () => {
  // The ballots of RCTab's continue_until_two_with_batch_elimination_test (its xlsx CVR read by
  // hand: A 60, B 15, C 14, D 3, D then C 2, E 4, F 1, G 1) and the rounds of its expected
  // report: A is elected in round 1 with nothing eliminated; round 2 has the same tallies and
  // batch-eliminates D, E, F and G; round 3 eliminates B; round 4 shows A and C, deciding nothing.
  // The threshold stays 51 throughout.
  const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
  const ballots: Ballot[] = [
    { count: 60, ranking: [[0]] },
    { count: 15, ranking: [[1]] },
    { count: 14, ranking: [[2]] },
    { count: 3, ranking: [[3]] },
    { count: 2, ranking: [[3], [2]] },
    { count: 4, ranking: [[4]] },
    { count: 1, ranking: [[5]] },
    { count: 1, ranking: [[6]] },
  ];
  const report = countIrv(election(7, ballots), {
    overvote: 'exhaust',
    maxSkippedRanks: 1,
    batchElimination: true,
    continueUntilTwo: true,
  });
  const decided = (round: number, kind: 'elected' | 'excluded'): string[] =>
    (report.rounds[round - 1]?.actions ?? [])
      .flatMap((a) => (a.kind === kind ? a.candidates.map((c) => names[c] ?? '') : []))
      .sort();

  it('elects at the threshold, then eliminates in the following rounds, then shows the last two', () => {
    expect(report.rounds.map((r) => r.votes)).toEqual([
      ['60', '15', '14', '5', '4', '1', '1'],
      ['60', '15', '14', '5', '4', '1', '1'],
      ['60', '15', '16', '0', '0', '0', '0'],
      ['60', '0', '16', '0', '0', '0', '0'],
    ]);
    expect(report.rounds.map((r) => r.quota)).toEqual(['51', '51', '51', '51']);
    expect(report.inactive.map((i) => i.exhaustedChoices)).toEqual(['0', '0', '9', '24']);
    expect([decided(1, 'elected'), decided(1, 'excluded')]).toEqual([['A'], []]);
    expect([decided(2, 'elected'), decided(2, 'excluded')]).toEqual([[], ['D', 'E', 'F', 'G']]);
    expect([decided(3, 'elected'), decided(3, 'excluded')]).toEqual([[], ['B']]);
    expect(report.rounds[3]?.actions).toEqual([]);
    expect(report.elected).toEqual([0]);
    expect(report.rounds[0]?.actions.find((a) => a.kind === 'elected')?.rule).toMatch(
      /continueUntilTwoCandidatesRemain/,
    );
    expect(report.rounds[1]?.actions[0]?.rule).toMatch(/batchElimination; RCTab continueUntilTwoCandidatesRemain/);
  });

  it('without the setting, the count stops at the election', () => {
    const once = countIrv(election(7, ballots), { batchElimination: true });
    expect(once.rounds.length).toBe(1);
    expect(once.elected).toEqual([0]);
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
  { repeatedCandidate: 'exhaust' as const, continueUntilTwo: true, tieBreak: 'previous-rounds' as const },
  { repeatedCandidate: 'exhaust' as const, batchElimination: true, continueUntilTwo: true, overvote: 'skip' as const },
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
