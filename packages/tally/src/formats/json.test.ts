import { describe, expect, it } from 'vitest';
import type { Election } from '../election.ts';
import { BallotFileError } from './format-error.ts';
import { formatBallotJson, parseBallotJson } from './json.ts';

const ELECTION: Election = {
  title: 'Ward "1"',
  seats: 2,
  candidates: [
    { name: 'Ada', withdrawn: false },
    { name: 'Bo', withdrawn: true },
    { name: 'Cy', withdrawn: false },
  ],
  ballots: [
    { count: 12, ranking: [[0], [1, 2]] },
    { count: 1, ranking: [[2], [], [0]] },
  ],
};

describe('formatBallotJson / parseBallotJson', () => {
  it('writes one canonical text and reads it back to the same election', () => {
    const text = formatBallotJson(ELECTION);
    expect(text).toBe(
      [
        '{',
        '  "format": "plenum-ballots/v1",',
        '  "title": "Ward \\"1\\"",',
        '  "seats": 2,',
        '  "candidates": [',
        '    { "name": "Ada" },',
        '    { "name": "Bo", "withdrawn": true },',
        '    { "name": "Cy" }',
        '  ],',
        '  "ballots": [',
        '    { "count": 12, "ranking": [[0], [1, 2]] },',
        '    { "count": 1, "ranking": [[2], [], [0]] }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(parseBallotJson(text)).toEqual(ELECTION);
    expect(formatBallotJson(parseBallotJson(text))).toBe(text);
    expect(formatBallotJson({ ...ELECTION, ballots: [] })).toContain('"ballots": []');
  });

  it('reads any layout of the same JSON', () => {
    const compact = JSON.stringify({
      format: 'plenum-ballots/v1',
      title: 'Ward "1"',
      seats: 2,
      candidates: [{ name: 'Ada', withdrawn: false }, { name: 'Bo', withdrawn: true }, { name: 'Cy' }],
      ballots: ELECTION.ballots,
    });
    expect(parseBallotJson(compact)).toEqual(ELECTION);
  });

  const text = formatBallotJson(ELECTION);
  const bad: [string, string, number, string][] = [
    ['an unknown key', text.replace('"seats": 2,', '"seats": 2, "quota": 3,'), 4, '$.quota: unknown key'],
    ['a repeated key', text.replace('"seats": 2,', '"seats": 2, "seats": 2,'), 4, '$.seats: the key is given twice'],
    ['a missing key', text.replace('  "seats": 2,\n', ''), 1, '$: the key "seats" is missing'],
    [
      'another format',
      text.replace('v1"', 'v2"'),
      2,
      '$.format: must be "plenum-ballots/v1", found "plenum-ballots/v2"',
    ],
    ['seats 0', text.replace('"seats": 2', '"seats": 0'), 4, '$.seats: must be at least 1, found 0'],
    [
      'a fractional count',
      text.replace('"count": 12', '"count": 1.5'),
      11,
      '$.ballots[0].count: must be a whole number, found 1.5',
    ],
    ['a count of 0', text.replace('"count": 1,', '"count": 0,'), 12, '$.ballots[1].count: must be at least 1, found 0'],
    [
      'an unsafe count',
      text.replace('"count": 12', '"count": 9007199254740993'),
      11,
      '$.ballots[0].count: 9007199254740993 is too large',
    ],
    [
      'an index out of range',
      text.replace('[[2], [], [0]]', '[[2], [], [3]]'),
      12,
      '$.ballots[1].ranking[2][0]: candidate 3 does not exist',
    ],
    [
      'a duplicate on a ballot',
      text.replace('[[0], [1, 2]]', '[[0], [1, 0]]'),
      11,
      '$.ballots[0].ranking[1][1]: candidate 0 is ranked twice',
    ],
    ['a negative index', text.replace('[[0], [1, 2]]', '[[-1]]'), 11, '$.ballots[0].ranking[0][0]: must be at least 0'],
    [
      'a non-boolean withdrawn',
      text.replace('"withdrawn": true', '"withdrawn": 1'),
      7,
      '$.candidates[1].withdrawn: must be true or false',
    ],
    [
      'a name that is not a string',
      text.replace('"name": "Cy"', '"name": 3'),
      8,
      '$.candidates[2].name: must be a string, found 3',
    ],
    ['a trailing comma', text.replace('"Cy" }\n', '"Cy" },\n'), 9, 'not valid JSON: unexpected "]'],
    ['text after the end', `${text}x`, 15, 'not valid JSON: text after the end'],
  ];
  for (const [what, input, line, detail] of bad) {
    it(`refuses ${what} at line ${line}`, () => {
      let error: unknown;
      try {
        parseBallotJson(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(BallotFileError);
      expect((error as BallotFileError).line).toBe(line);
      expect((error as BallotFileError).detail.startsWith(detail), (error as BallotFileError).detail).toBe(true);
    });
  }
});
