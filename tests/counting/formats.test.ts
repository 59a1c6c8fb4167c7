import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Election } from '../../packages/tally/src/election.ts';
import { formatBlt, parseBlt } from '../../packages/tally/src/formats/blt.ts';
import { parseCompactCsv } from '../../packages/tally/src/formats/csv.ts';
import { BallotFileError } from '../../packages/tally/src/formats/format-error.ts';
import { formatBallotJson, parseBallotJson } from '../../packages/tally/src/formats/json.ts';
import { formatPreflib, parsePreflib } from '../../packages/tally/src/formats/preflib.ts';

/**
 * Every ballot file of ../shared/data/counting (SOURCES.md) read by our readers, and written
 * back: BLT → BLT, BLT → JSON → BLT, BLT → PrefLib → BLT, PrefLib → JSON → PrefLib. Then a
 * table of malformed inputs, each refused at its line with its message.
 */
const DATA = join(import.meta.dirname, '../../../shared/data/counting');

function dataPath(relativePath: string): string {
  const path = join(DATA, relativePath);
  if (!existsSync(path)) {
    throw new Error(
      `counting data ${relativePath} is missing: expected it at ${path}. The data live in the shared ` +
        'folder beside the repository (shared/data/counting/SOURCES.md); they are required, not optional.',
    );
  }
  return path;
}

function filesUnder(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return filesUnder(path, extensions);
      return extensions.some((ext) => entry.name.endsWith(ext)) ? [path] : [];
    })
    .sort();
}

const OVERFLOW = 'stv-rs/ballots/bigint/ballot_sum_overflows.blt';

/** The parts every format carries (BLT extras such as `[tie]` are not part of an Election). */
function core(e: Election): Election {
  return {
    title: e.title,
    seats: e.seats,
    candidates: e.candidates.map((c) => ({ name: c.name, withdrawn: c.withdrawn })),
    ballots: e.ballots.map((b) => ({ count: b.count, ranking: b.ranking.map((g) => [...g]) })),
  };
}

describe('every BLT file of the counting data', () => {
  const files = filesUnder(dataPath(''), ['.blt']).map((f) => relative(DATA, f));

  it('there are the files SOURCES.md lists (351 Scottish wards among them)', () => {
    expect(files.filter((f) => f.startsWith('scotland-2017/')).length).toBe(351);
    expect(files.length).toBeGreaterThan(400);
  });

  it(`${OVERFLOW} is refused at line 3: a count above 2^53 − 1`, () => {
    expect(() => parseBlt(readFileSync(dataPath(OVERFLOW), 'utf8'))).toThrow(
      new BallotFileError('BLT', 3, 'the ballot count 9223372036854775807 is too large (at most 9007199254740991)'),
    );
  });

  // One test per folder, so that each stays well within the time limit. Elections are
  // compared by their canonical JSON text (formatBallotJson writes every field, in order).
  const folders = [...new Set(files.map((f) => f.split('/').slice(0, 2).join('/')))];
  let preflib = 0;
  for (const folder of folders) {
    it(`${folder}: every file is read and round-trips through BLT, JSON and (where it can say it) PrefLib`, () => {
      for (const file of files.filter((f) => f !== OVERFLOW && f.startsWith(`${folder}/`))) {
        const election = core(parseBlt(readFileSync(dataPath(file), 'utf8')));
        expect(election.candidates.length, file).toBeGreaterThan(0);
        const json = formatBallotJson(election);
        expect(formatBallotJson(parseBlt(formatBlt(election))), file).toBe(json);
        expect(formatBallotJson(parseBallotJson(json)), file).toBe(json);
        expect(formatBallotJson(parseBlt(formatBlt(parseBallotJson(json)))), file).toBe(json);
        const expressible =
          election.candidates.every((c) => !c.withdrawn) &&
          election.ballots.every((b) => b.ranking.length > 0 && b.ranking.every((g) => g.length > 0));
        if (!expressible) continue;
        preflib += 1;
        expect(formatBallotJson(parsePreflib(formatPreflib(election), { seats: election.seats })), file).toBe(json);
      }
    }, 120_000);
  }

  it('most files can be written as PrefLib; the rest have withdrawn candidates or skipped ranks', () => {
    expect(preflib).toBeGreaterThan(380);
  });
});

describe('every PrefLib file of the counting data', () => {
  const files = filesUnder(dataPath('preflib'), ['.soi', '.toi', '.toc', '.soc']);

  it('is read, its header checked, and round-trips through JSON and PrefLib', () => {
    expect(files.length).toBe(23);
    for (const path of files) {
      const file = relative(DATA, path);
      const parsed = parsePreflib(readFileSync(path, 'utf8'), { seats: 3 });
      const election = core(parsed);
      const voters = Number(parsed.metadata.find((m) => m.key === 'NUMBER VOTERS')?.value);
      expect(
        election.ballots.reduce((a, b) => a + b.count, 0),
        file,
      ).toBe(voters);
      const json = formatBallotJson(election);
      expect(formatBallotJson(parseBallotJson(json)), file).toBe(json);
      expect(formatBallotJson(parsePreflib(formatPreflib(election), { seats: 3 })), file).toBe(json);
      expect(formatBallotJson(parseBlt(formatBlt(election))), file).toBe(json);
    }
  }, 120_000);
});

type Reader = (text: string) => unknown;
const READERS: Record<string, Reader> = {
  BLT: parseBlt,
  CSV: (text) => parseCompactCsv(text),
  PrefLib: (text) => parsePreflib(text),
  JSON: parseBallotJson,
};

const PREFLIB = '# NUMBER ALTERNATIVES: 2\n# ALTERNATIVE NAME 1: A\n# ALTERNATIVE NAME 2: B\n';
const JSON_HEAD =
  '{\n  "format": "plenum-ballots/v1",\n  "title": "t",\n  "seats": 1,\n  "candidates": [{ "name": "A" }],\n';

/** Malformed inputs: format, input, the line, the start of the message. */
const BAD: readonly (readonly [string, string, number, string])[] = [
  ['BLT', '2\n1 1 0\n0\n"A"\n"B"\n', 1, 'the first line must be "<candidates> <seats>"'],
  ['BLT', '2 0\n1 1 0\n0\n"A"\n"B"\n', 1, 'there must be at least one seat'],
  ['BLT', '2 1\n1 3 0\n0\n"A"\n"B"\n', 2, 'candidate 3 does not exist (there are 2)'],
  ['BLT', '2 1\n1 1 1 0\n0\n"A"\n"B"\n', 2, 'candidate 1 is ranked twice on this ballot'],
  ['BLT', '2 1\n1 1 2\n0\n"A"\n"B"\n', 2, 'a ballot ends with 0'],
  ['BLT', '2 1\nx 1 0\n0\n"A"\n"B"\n', 2, 'a ballot starts with how many voters cast it'],
  ['BLT', '2 1\n1 1 0', 2, 'the ballots never end'],
  ['BLT', '2 1\n1 1 0\n0\n"A"', 4, '2 candidate names are needed, found 1'],
  ['BLT', '2 1\n1 1 0\n0\n"A\n"B"\n', 4, 'a quoted name has no closing quote'],
  ['CSV', 'count,rank1\n3,A\nx,B\n', 3, 'the count "x" is not a whole number'],
  ['CSV', 'count,rank1\n3,"A\n', 2, 'a quoted field is not closed'],
  ['CSV', '0,A\n', 1, 'the count 0 must be a positive safe integer'],
  ['PrefLib', '# ALTERNATIVE NAME 1: A\n1: 1\n', 2, 'the header lacks "# NUMBER ALTERNATIVES: n"'],
  ['PrefLib', `${PREFLIB}1: 1,3\n`, 4, 'alternative 3 does not exist (there are 2)'],
  ['PrefLib', `${PREFLIB}1: 1,1\n`, 4, 'alternative 1 is ranked twice in this order'],
  ['PrefLib', `# DATA TYPE: soi\n${PREFLIB}1: {1,2}\n`, 5, 'equal rankings {…} are not allowed in SOI data'],
  ['PrefLib', `${PREFLIB}# NUMBER VOTERS: 3\n1: 1\n`, 4, 'the header declares 3 voters, the orders count 1'],
  ['PrefLib', `${PREFLIB}1; 1\n`, 4, 'an order is "count: a,b,{c,d},…"'],
  ['JSON', '', 1, 'not valid JSON: unexpected the end of the file'],
  [
    'JSON',
    '{"format": "plenum-ballots/v1",\n"title": "t",\n"seats": "1", "candidates": [], "ballots": []}',
    3,
    '$.seats: must be a whole number, found "1"',
  ],
  [
    'JSON',
    `${JSON_HEAD}  "ballots": [{ "count": 1, "ranking": [[1]] }]\n}`,
    6,
    '$.ballots[0].ranking[0][0]: candidate 1 does not exist',
  ],
  [
    'JSON',
    `${JSON_HEAD}  "ballots": [{ "count": 1, "ranking": [[0]], "weight": 2 }]\n}`,
    6,
    '$.ballots[0].weight: unknown key',
  ],
  [
    'JSON',
    `${JSON_HEAD}  "ballots": [{ "count": -1, "ranking": [] }]\n}`,
    6,
    '$.ballots[0].count: must be at least 1, found -1',
  ],
];

describe('malformed ballot files are refused with their line and what is wrong', () => {
  for (const [format, input, line, message] of BAD) {
    it(`${format} line ${line}: ${message}`, () => {
      let error: unknown;
      try {
        READERS[format]!(input);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(input)).toBeInstanceOf(BallotFileError);
      const e = error as BallotFileError;
      expect(e.format).toBe(format);
      expect(e.line).toBe(line);
      expect(e.detail.startsWith(message), e.detail).toBe(true);
    });
  }
});
