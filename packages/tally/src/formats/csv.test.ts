import { describe, expect, it } from 'vitest';
import { formatCompactCsv, parseCompactCsv } from './csv.ts';
import { BallotFileError } from './format-error.ts';

describe('compact CSV', () => {
  const text = 'count,rank1,rank2,rank3\n5,A,B,undervote\n2,overvote,"C, Jr.",undervote\n1,UWI,undervote,undervote\n';

  it('reads candidates, skips, overvotes and undeclared write-ins', () => {
    const { election, marks } = parseCompactCsv(text);
    expect(election.candidates.map((c) => c.name)).toEqual(['A', 'B', 'C, Jr.', 'UWI']);
    expect(election.ballots[0]).toEqual({ count: 5, ranking: [[0], [1], []] });
    expect(election.ballots[1]?.ranking[0]).toEqual([0, 1, 2, 3]);
    expect(marks).toEqual({ undeclaredWriteIn: 3, overvotedBallots: 2, ranks: 3 });
  });

  it('round-trips through formatCompactCsv', () => {
    const { election } = parseCompactCsv(text);
    expect(formatCompactCsv(election)).toBe(text);
  });

  it('reads a file without a header', () => {
    expect(parseCompactCsv('3,A,B\n').election.ballots).toEqual([{ count: 3, ranking: [[0], [1]] }]);
  });

  it('refuses bad counts, unknown candidates and open quotes, with the line', () => {
    const error = (input: string, options = {}): BallotFileError | undefined => {
      try {
        parseCompactCsv(input, options);
      } catch (e) {
        if (e instanceof BallotFileError) return e;
      }
      return undefined;
    };
    expect(error('count,rank1\n5,A\nx,B\n')?.line).toBe(3);
    expect(error('count,rank1\n0,A\n')?.detail).toMatch(/positive/);
    expect(error('1,D\n', { candidates: ['A'] })?.detail).toMatch(/not one of the candidates/);
    expect(error('1,"A\n')?.detail).toMatch(/not closed/);
  });
});
