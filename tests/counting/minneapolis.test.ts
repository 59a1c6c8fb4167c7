// The City of Minneapolis's own 2013 ranked-choice tabulations, recounted from the cast-vote
// records with Minneapolis rules (MINNEAPOLIS_2013 in packages/tally/src/irv.ts). Sources and
// what each file is: ../shared/data/counting/SOURCES.md (folder minneapolis-2013-official/,
// and rctab/derived/ for the mayor's and Park at-large CVRs, which the City published once).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCompactCsv } from '../../packages/tally/src/formats/csv.ts';
import { countIrv, MINNEAPOLIS_2013, type IrvReport } from '../../packages/tally/src/irv.ts';

const DATA = join(import.meta.dirname, '../../../shared/data/counting');

/** A counting data file as text; a missing file fails the test with where it was expected (never skips). */
function readData(relativePath: string): string {
  const path = join(DATA, relativePath);
  if (!existsSync(path)) {
    throw new Error(
      `counting data ${relativePath} is missing: expected it at ${path}. The data live in the shared folder ` +
        'beside the repository (shared/data/counting/SOURCES.md); they are required, not optional.',
    );
  }
  return readFileSync(path, 'utf8');
}

/** Names as the City prints them ("Bob "Again" Carney Jr") and as the CVR has them ("BOB AGAIN CARNEY JR"). */
function normalName(name: string): string {
  const plain = name.replaceAll('\u00ad', '-').replaceAll('"', '').replace(/\s+/g, ' ').trim().toUpperCase();
  return plain.startsWith('UNDECLARED WRITE-IN') ? 'UWI' : plain;
}

/** RFC 4180 rows (quoted fields may hold commas, quotes and newlines). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function count(file: string): IrvReport {
  const { election, marks } = parseCompactCsv(readData(file));
  return countIrv(election, {
    ...MINNEAPOLIS_2013,
    undeclaredWriteIns: marks.undeclaredWriteIn === null ? [] : [marks.undeclaredWriteIn],
  });
}

/** Each candidate's (normalised name's) votes in a round of our report. */
function roundVotes(report: IrvReport, round: number): Map<string, string> {
  const votes = report.rounds[round - 1]?.votes ?? [];
  return new Map(report.candidates.map((name, c) => [normalName(name), votes[c] ?? '']));
}

describe('Minneapolis 2013 mayor: the official round-by-round tabulation (City xlsx)', () => {
  const report = count('rctab/derived/2013_minneapolis_mayor_ballots_aggregated.csv');
  const sheet = csvRows(readData('minneapolis-2013-official/derived/2013-mayor-final-rvc.csv'));
  const total = sheet.find((row) => row[0]?.startsWith('Total votes cast') === true)?.[1];
  const threshold = sheet.find((row) => row[0] === 'Threshold:')?.[1];
  const undervotes = sheet.find((row) => row[0] === 'Undervotes:')?.[1];
  const start = sheet.findIndex((row) => row[1] === 'First preference votes');
  const end = sheet.findIndex((row) => row[0] === 'TOTAL');
  // Round 1 in column 1; round r ≥ 2 as (change, total) in columns 2r−2 and 2r−1.
  const official = sheet
    .slice(start + 1, end)
    .filter((row) => row[0] !== undefined && row[0] !== 'Exhausted' && /^\d+$/.test(row[1] ?? ''));
  const exhausted = sheet.slice(start + 1, end).find((row) => row[0] === 'Exhausted') ?? [];
  // The row above names each round's eliminations: 32 of them, then "Elected Hodges".
  const rounds = sheet[start - 1]?.filter((cell) => cell.trim() !== '').length ?? 0;

  it('has the official header figures: votes cast, threshold, undervotes', () => {
    expect(total).toBe('79415');
    expect(String(report.voters)).toBe(total);
    expect(report.quota).toBe(threshold);
    expect(String(report.uncounted)).toBe(undervotes);
  });

  it('matches every candidate in all 33 official rounds, and the exhausted ballots', () => {
    expect(official.length).toBe(36);
    expect(rounds).toBe(33);
    expect(report.rounds.length).toBe(33);
    for (let round = 1; round <= 33; round += 1) {
      const ours = roundVotes(report, round);
      for (const row of official) {
        const cell = round === 1 ? row[1] : row[2 * round - 1];
        expect({ round, name: row[0], votes: ours.get(normalName(row[0] ?? '')) }).toEqual({
          round,
          name: row[0],
          votes: cell,
        });
      }
      const exhaustedCell = round === 1 ? '0' : exhausted[2 * round - 1];
      expect({ round, exhausted: report.rounds[round - 1]?.nonTransferable }).toEqual({
        round,
        exhausted: exhaustedCell,
      });
    }
  });

  it('elects Hodges 38,870 to Andrew 24,972, with the eliminations the sheet names', () => {
    expect(report.elected.map((c) => report.candidates[c])).toEqual(['BETSY HODGES']);
    const last = roundVotes(report, 33);
    expect([last.get('BETSY HODGES'), last.get('MARK ANDREW')]).toEqual(['38870', '24972']);
    // The sheet heads round 32's column "Defeated Fine, Cherryhomes" and round 33's "Defeated
    // Winton, Samuels": decided on the totals of rounds 31 and 32, where our report records them.
    const names = (round: number): string[] =>
      report.rounds[round - 1]?.actions.flatMap((a) =>
        a.kind === 'excluded' ? a.candidates.map((c) => report.candidates[c] ?? '') : [],
      ) ?? [];
    expect(names(31).sort()).toEqual(['BOB FINE', 'JACKIE CHERRYHOMES']);
    expect(names(32).sort()).toEqual(['CAM WINTON', 'DON SAMUELS']);
    expect(names(1)).toEqual(['UWI']);
    for (const round of report.rounds) for (const action of round.actions) expect(action.rule).toMatch(/§167\.\d\d/);
  });
});

/** The text extract of one of the City's PDF tabulations: its header figures, round 1 and the final round, by normalised name. */
function pdfTabulation(file: string): {
  total: string;
  seats: string;
  threshold: string;
  undervotes: string;
  first: Map<string, string>;
  final: Map<string, string> | null;
} {
  const lines = readData(`minneapolis-2013-official/derived/${file}`).split('\n');
  const row = /^ (\S.*?)\s{2,}(\S+)(?:\s{2,}(\S+))?\s*$/;
  const read = (from: number, columns: 1 | 2): Map<string, string> => {
    const out = new Map<string, string>();
    for (let i = from; i < lines.length; i += 1) {
      const match = row.exec(lines[i] ?? '');
      if (match === null) continue;
      const [, name = '', a = '', b] = match;
      if (name === 'TOTAL') break;
      if (name === 'Exhausted' || name === 'Candidate') continue;
      const value = columns === 1 ? a : b;
      if (value !== undefined) out.set(normalName(name), value.replaceAll('\u00ad', '-'));
    }
    return out;
  };
  const firstAt = lines.findIndex((line) => line.includes('First preference vote'));
  const finalAt = lines.findIndex((line) => line.includes('GRAND TOTAL'));
  const all = lines.join('\n');
  const figure = (name: string): string => new RegExp(`${name}:\\s+(\\d+)`).exec(all)?.[1] ?? '';
  return {
    total: figure('Total votes cast for the office'),
    seats: figure('Number to be elected'),
    threshold: figure('Threshold'),
    undervotes: figure('Undervotes'),
    first: read(firstAt + 1, 1),
    final: finalAt < 0 ? null : read(finalAt + 1, 2),
  };
}

describe('Minneapolis 2013 wards and boards: the official PDF tabulations', () => {
  const OFFICIAL = 'minneapolis-2013-official/derived';
  // [ballots (under the data folder), the City's tabulation (text extract), seats]
  const contests = [
    [`${OFFICIAL}/2013-ward-5_ballots_aggregated.csv`, '2013-ward-05-tabulation.pdftotext-layout.txt', 1],
    [`${OFFICIAL}/2013-ward-9_ballots_aggregated.csv`, '2013-ward-09-tabulation.pdftotext-layout.txt', 1],
    [`${OFFICIAL}/2013-ward-13_ballots_aggregated.csv`, '2013-ward-13-tabulation.pdftotext-layout.txt', 1],
    [
      `${OFFICIAL}/2013-park-district-2_ballots_aggregated.csv`,
      '2013-park-board-02-tabulation.pdftotext-layout.txt',
      1,
    ],
    [
      `${OFFICIAL}/2013-park-district-6_ballots_aggregated.csv`,
      '2013-park-board-06-tabulation.pdftotext-layout.txt',
      1,
    ],
    [`${OFFICIAL}/2013-boe_ballots_aggregated.csv`, '2013-boe-tabulation.pdftotext-layout.txt', 2],
    // The Park Board at-large CVR is the one RCTab's tests use (rctab/derived/); 3 seats.
    [
      'rctab/derived/2013_minneapolis_park_ballots_aggregated.csv',
      '2013-park-at-large-tabulation.pdftotext-layout.txt',
      3,
    ],
  ] as const;
  for (const [ballots, tabulation, seats] of contests) {
    it(`${ballots}: header figures, round 1 totals${seats === 1 ? ' and the final round' : ''} match`, () => {
      const official = pdfTabulation(tabulation);
      const { election, marks } = parseCompactCsv(readData(ballots));
      // Round 1 is the same under IRV and Minneapolis STV (the same ballot rules, no transfer
      // yet): a multi-seat contest's first preferences are read from a one-seat count's round 1.
      const report = countIrv(
        { ...election, seats: 1 },
        { ...MINNEAPOLIS_2013, undeclaredWriteIns: marks.undeclaredWriteIn === null ? [] : [marks.undeclaredWriteIn] },
      );
      expect(String(report.voters)).toBe(official.total);
      expect(String(report.uncounted)).toBe(official.undervotes);
      expect(official.seats).toBe(String(seats));
      // §167.20 "threshold": votes / (seats + 1) + 1, disregarding fractions.
      expect(String(BigInt(report.voters) / BigInt(seats + 1) + 1n)).toBe(official.threshold);
      const first = roundVotes(report, 1);
      expect(official.first.size).toBeGreaterThan(1);
      for (const [name, votes] of official.first) expect({ name, votes: first.get(name) }).toEqual({ name, votes });
      if (seats === 1 && official.final !== null) {
        const last = roundVotes(report, report.rounds.length);
        for (const [name, votes] of official.final) expect({ name, votes: last.get(name) }).toEqual({ name, votes });
      }
    });
  }
});
