import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Election } from '../../packages/tally/src/election.ts';
import { parsePreflib, type PreflibElection } from '../../packages/tally/src/formats/preflib.ts';
import type { CountReport } from '../../packages/tally/src/report.ts';
import { countErs97 } from '../../packages/tally/src/stv/ers97.ts';
import { countMeek } from '../../packages/tally/src/stv/meek.ts';
import { countScottishStv } from '../../packages/tally/src/stv/scottish.ts';

/**
 * The 2002 Irish general election e-voting pilot (PrefLib 00001, ../shared/data/counting/
 * preflib/00001-irish): Dublin North, Dublin West and Meath. The Irish count rules (random
 * selection of surplus papers, Electoral Act 1992 s.121) cannot be reproduced paper for
 * paper, so later counts are not compared. What is checked: each constituency's seats, valid
 * votes and elected candidates against SOURCES.md (parsed, not retyped); the first count by
 * party against the published results (Appendix 1, "Results of the General Election, 17 May
 * 2002", table of first preference votes per party, for the two Dublin constituencies); and
 * that every STV rule here — Scottish STV, ERS97 and Meek — elects the officially elected set
 * from the same ballots.
 */
const DATA = join(import.meta.dirname, '../../../shared/data/counting');

function readData(relativePath: string): string {
  const path = join(DATA, relativePath);
  if (!existsSync(path)) {
    throw new Error(
      `counting data ${relativePath} is missing: expected it at ${path}. The data live in the shared ` +
        'folder beside the repository (shared/data/counting/SOURCES.md); they are required, not optional.',
    );
  }
  return readFileSync(path, 'utf8');
}

export interface Irish2002Constituency {
  readonly name: string;
  readonly file: string;
  readonly seats: number;
  readonly validVotes: number;
  /** Surnames of the elected, as SOURCES.md lists them. */
  readonly elected: readonly string[];
  readonly election: PreflibElection;
}

const FILES: Record<string, { file: string; abbreviation: string }> = {
  'Dublin North': { file: 'preflib/00001-irish/00001-00000001.soi', abbreviation: 'DN' },
  'Dublin West': { file: 'preflib/00001-irish/00001-00000002.soi', abbreviation: 'DW' },
  Meath: { file: 'preflib/00001-irish/00001-00000003.soi', abbreviation: 'Meath' },
};

/** The three constituencies, their figures parsed from the SOURCES.md row of preflib/00001-irish/. */
export function irish2002(): Irish2002Constituency[] {
  const row = readData('SOURCES.md')
    .split('\n')
    .find((line) => line.startsWith('| `preflib/00001-irish/`'));
  if (row === undefined) throw new Error('SOURCES.md has no row for preflib/00001-irish/');
  const electedPart = /elected: (.*?) \|/.exec(row)?.[1] ?? '';
  return Object.entries(FILES).map(([name, { file, abbreviation }]) => {
    const figures = new RegExp(`${name} \\((\\d+) seats, ([\\d,]+) votes\\)`).exec(row);
    if (figures === null) throw new Error(`SOURCES.md gives no seats and votes for ${name}`);
    const list = new RegExp(`(?:^|; )${abbreviation} ([^;]+)`).exec(electedPart);
    if (list === null) throw new Error(`SOURCES.md names no elected for ${name}`);
    const seats = Number(figures[1]);
    return {
      name,
      file,
      seats,
      validVotes: Number((figures[2] ?? '').replaceAll(',', '')),
      elected: (list[1] ?? '').split(', ').map((s) => s.trim()),
      election: parsePreflib(readData(file), { seats }),
    };
  });
}

/** The surname of an Irish candidate as PrefLib names them: "Trevor Sargent G.P." → "Sargent". */
export function surnameOf(election: Election, candidate: number, surnames: readonly string[]): string | undefined {
  const name = election.candidates[candidate]?.name ?? '';
  return surnames.find((s) => new RegExp(`(^| )${s}( |$)`).test(name));
}

/** The surnames a count elected (undefined entries if a surname is not among `expected`). */
export function electedSurnames(
  report: CountReport,
  election: Election,
  expected: readonly string[],
): (string | undefined)[] {
  return report.elected.map((c) => surnameOf(election, c, expected));
}

describe('Irish general election 2002, e-voting pilot (PrefLib 00001)', () => {
  const constituencies = irish2002();

  it('SOURCES.md gives the three constituencies, with as many elected as seats', () => {
    expect(constituencies.map((c) => [c.name, c.seats, c.elected.length])).toEqual([
      ['Dublin North', 4, 4],
      ['Dublin West', 3, 3],
      ['Meath', 5, 5],
    ]);
  });

  for (const c of constituencies) {
    describe(c.name, () => {
      it(`has ${c.validVotes} valid votes, as officially declared (SOURCES.md), and as its header says`, () => {
        const voters = c.election.ballots.reduce((a, b) => a + b.count, 0);
        expect(voters).toBe(c.validVotes);
        expect(voters).toBe(Number(c.election.metadata.find((m) => m.key === 'NUMBER VOTERS')?.value));
        expect(c.election.title).toMatch(new RegExp(`^2002 ${c.name}$`));
      });

      it('every ballot has a first preference, and first preferences add up to the valid votes', () => {
        const first = c.election.candidates.map(() => 0);
        for (const b of c.election.ballots) {
          expect(b.ranking[0]).toHaveLength(1);
          const top = b.ranking[0]![0]!;
          first[top] = (first[top] ?? 0) + b.count;
        }
        expect(first.reduce((a, b) => a + b, 0)).toBe(c.validVotes);
        // The Droop quota of the first count: ⌊valid ÷ (seats + 1)⌋ + 1 (Electoral Act 1992 s.120(2)).
        const quota = Math.floor(c.validVotes / (c.seats + 1)) + 1;
        // Every elected candidate got first preferences; none of the others reached the quota
        // on the first count unless elected (a check on the candidate labels).
        for (const [i, votes] of first.entries()) {
          if (surnameOf(c.election, i, c.elected) === undefined)
            expect(votes, c.election.candidates[i]?.name).toBeLessThan(quota);
        }
      });

      it('each elected candidate named in SOURCES.md is on the ballot exactly once', () => {
        for (const surname of c.elected) {
          const matches = c.election.candidates.filter((_, i) => surnameOf(c.election, i, [surname]) !== undefined);
          expect(matches, surname).toHaveLength(1);
        }
      });
    });
  }
});

/**
 * First preferences by party as published (Appendix 1 of the 2002 results: Fianna Fáil, Fine
 * Gael, Labour, Progressive Democrats, Green Party, Sinn Féin, others), keyed by the party
 * abbreviations the PrefLib names end with. Meath's row is not in the extract we hold.
 */
const PARTY_FIRST_PREFERENCES: Record<string, Record<string, number>> = {
  'Dublin North': { 'F.F.': 16_803, 'F.G.': 5_189, Lab: 6_359, 'G.P.': 7_294, 'S.F.': 1_350, others: 6_947 },
  'Dublin West': {
    'F.F.': 10_386,
    'F.G.': 3_694,
    Lab: 3_810,
    'P.D.': 2_370,
    'G.P.': 748,
    'S.F.': 2_404,
    others: 6_576,
  },
};
const PARTIES = ['F.F.', 'F.G.', 'Lab', 'P.D.', 'G.P.', 'S.F.'];

describe('Irish general election 2002: first counts and elected sets', () => {
  const constituencies = irish2002();

  for (const c of constituencies) {
    const published = PARTY_FIRST_PREFERENCES[c.name];
    if (published !== undefined) {
      it(`${c.name}: the first count by party equals the published first preferences`, () => {
        const totals: Record<string, number> = {};
        const first = countScottishStv(c.election).rounds[0]?.votes ?? [];
        for (const [i, candidate] of c.election.candidates.entries()) {
          const party = PARTIES.find((p) => candidate.name.endsWith(` ${p}`)) ?? 'others';
          totals[party] = (totals[party] ?? 0) + Number(first[i]);
        }
        expect(totals).toEqual(published);
      });
    }

    const methods = [
      ['Scottish STV', countScottishStv],
      ['ERS97', countErs97],
      ['Meek', countMeek],
    ] as const;
    for (const [method, count] of methods) {
      it(`${c.name}: ${method} elects the ${c.seats} declared elected (${c.elected.join(', ')})`, () => {
        const report = count(c.election);
        const quota = Math.floor(c.validVotes / (c.seats + 1)) + 1;
        if (method === 'Scottish STV') expect(report.quota).toBe(`${quota}.00000`);
        expect(electedSurnames(report, c.election, c.elected).sort()).toEqual([...c.elected].sort());
      });
    }
  }
});
