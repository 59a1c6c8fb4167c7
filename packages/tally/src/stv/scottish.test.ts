import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Election } from '../election.ts';
import {
  assertOrderIndependent,
  assertWithdrawalIsRemoval,
  rankedElections,
} from '../test-support/random-elections.ts';
import { countScottishStv } from './scottish.ts';

/** Small random elections: 2–6 candidates, fewer seats, up to 30 distinct ballots. */
const elections = rankedElections({ maxCandidates: 6, maxBallots: 30, maxCount: 20 });

const units = (text: string): bigint => BigInt(text.replace('.', ''));

describe('Scottish STV: properties', () => {
  it('conserves votes: candidates plus non-transferable (truncation included) equal the valid poll, every stage', () => {
    fc.assert(
      fc.property(elections, (election) => {
        const report = countScottishStv(election);
        const valid = BigInt(report.voters) * 100000n;
        for (const round of report.rounds) {
          const held = round.votes.reduce((sum, v) => sum + units(v), 0n);
          expect(held + units(round.nonTransferable)).toBe(valid);
          expect(units(round.lostToRounding)).toBeGreaterThanOrEqual(0n);
          expect(units(round.lostToRounding)).toBeLessThanOrEqual(units(round.nonTransferable));
        }
        expect(report.elected.length).toBeLessThanOrEqual(election.seats);
        expect(new Set(report.elected).size).toBe(report.elected.length);
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the ballots', () => {
    assertOrderIndependent((e) => countScottishStv(e), elections);
  });

  it('counts a withdrawn candidate as if they had never stood', () => {
    assertWithdrawalIsRemoval((e) => countScottishStv(e), elections);
  });

  it('refuses equal rankings, which the Order does not allow', () => {
    const election: Election = {
      title: 't',
      seats: 1,
      candidates: [
        { name: 'A', withdrawn: false },
        { name: 'B', withdrawn: false },
      ],
      ballots: [{ count: 1, ranking: [[0, 1]] }],
    };
    expect(() => countScottishStv(election)).toThrow(/equal rankings/);
  });

  it('breaks a tie at every stage by lot, reporting the seed and the draw', () => {
    // A and B have 5 first preferences each, C has 2 and goes first (no transfers: C's papers
    // have no second preference); A and B are then equal at every stage and one seat is left.
    const election: Election = {
      title: 'tie',
      seats: 1,
      candidates: [
        { name: 'A', withdrawn: false },
        { name: 'B', withdrawn: false },
        { name: 'C', withdrawn: false },
      ],
      ballots: [
        { count: 5, ranking: [[0]] },
        { count: 5, ranking: [[1]] },
        { count: 2, ranking: [[2]] },
      ],
    };
    const report = countScottishStv(election, { lotSeed: 'seed-1' });
    expect(report.tieBreaks).toHaveLength(1);
    const tie = report.tieBreaks[0];
    expect(tie?.between).toEqual([0, 1]);
    expect(tie?.purpose).toBe('exclude');
    expect(tie?.lot?.seed).toBe('seed-1');
    expect(tie?.how).toContain('r.51(2)(b)');
    expect(report.elected).toEqual([tie?.chosen === 0 ? 1 : 0]);
    // The same seed draws the same way.
    expect(countScottishStv(election, { lotSeed: 'seed-1' })).toEqual(report);
  });
});
