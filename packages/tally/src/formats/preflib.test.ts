import { describe, expect, it } from 'vitest';
import { BallotFileError } from './format-error.ts';
import { formatPreflib, parsePreflib } from './preflib.ts';

const HEADER = [
  '# TITLE: Test',
  '# DATA TYPE: toi',
  '# NUMBER ALTERNATIVES: 3',
  '# NUMBER VOTERS: 6',
  '# NUMBER UNIQUE ORDERS: 2',
  '# ALTERNATIVE NAME 1: Ada',
  '# ALTERNATIVE NAME 2: Bo',
  '# ALTERNATIVE NAME 3: Cy',
];

describe('parsePreflib', () => {
  it('reads the header, counts and equal rankings', () => {
    const e = parsePreflib([...HEADER, '4: 2,{1,3}', '2: 3'].join('\n'), { seats: 2 });
    expect(e.title).toBe('Test');
    expect(e.seats).toBe(2);
    expect(e.dataType).toBe('toi');
    expect(e.candidates.map((c) => c.name)).toEqual(['Ada', 'Bo', 'Cy']);
    expect(e.ballots).toEqual([
      { count: 4, ranking: [[1], [0, 2]] },
      { count: 2, ranking: [[2]] },
    ]);
  });

  const bad: [string, string[], number, RegExp][] = [
    ['ties in SOI', ['# DATA TYPE: soi', ...HEADER.slice(2), '4: 2,{1,3}', '2: 3'], 8, /not allowed in SOI/],
    ['an unknown alternative', [...HEADER, '4: 2,4', '2: 3'], 9, /alternative 4 does not exist/],
    ['an alternative twice', [...HEADER, '4: 2,{1,2}', '2: 3'], 9, /ranked twice/],
    ['a wrong voter total', [...HEADER, '4: 2', '1: 3'], 4, /declares 6 voters, the orders count 5/],
    ['a missing name', HEADER.filter((l) => !l.includes('NAME 2')), 8, /alternative 2 has no/],
    ['a count of 0', [...HEADER, '0: 2', '6: 3'], 9, /at least 1/],
    ['no count', [...HEADER, '2,3'], 9, /an order is "count: a,b/],
    ['a trailing comma', [...HEADER, '4: 2,', '2: 3'], 9, /ends with a comma/],
    [
      'an incomplete TOC order',
      ['# DATA TYPE: toc', ...HEADER.slice(2), '4: 2,1', '2: 3,2,1'],
      8,
      /rank every alternative/,
    ],
    ['a header after the orders', [...HEADER, '4: 2', '# X: y'], 10, /before the orders/],
  ];
  for (const [what, lines, line, message] of bad) {
    it(`refuses ${what} at line ${line}`, () => {
      let error: unknown;
      try {
        parsePreflib(lines.join('\n'));
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BallotFileError);
      expect((error as BallotFileError).line).toBe(line);
      expect((error as BallotFileError).detail).toMatch(message);
    });
  }
});

describe('formatPreflib', () => {
  it('round-trips, writing TOI only when there are ties', () => {
    const e = parsePreflib([...HEADER, '4: 2,{1,3}', '2: 3'].join('\n'));
    const text = formatPreflib(e);
    expect(text).toContain('# DATA TYPE: toi');
    const again = parsePreflib(text);
    expect(again.ballots).toEqual(e.ballots);
    expect(again.candidates).toEqual(e.candidates);
    expect(formatPreflib({ ...e, ballots: [{ count: 1, ranking: [[0], [2]] }] })).toContain('# DATA TYPE: soi');
  });

  it('refuses what PrefLib cannot say: a withdrawn candidate, a skipped rank', () => {
    const e = parsePreflib([...HEADER, '4: 2,{1,3}', '2: 3'].join('\n'));
    expect(() => formatPreflib({ ...e, candidates: [{ name: 'A', withdrawn: true }] })).toThrow(/withdrew/);
    expect(() => formatPreflib({ ...e, ballots: [{ count: 1, ranking: [[0], [], [1]] }] })).toThrow(/skipped rank/);
  });
});
