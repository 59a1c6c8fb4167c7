import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Election } from '../../packages/tally/src/election.ts';
import { parsePreflib, type PreflibElection } from '../../packages/tally/src/formats/preflib.ts';
import type { CountReport } from '../../packages/tally/src/report.ts';

/**
 * The 2002 Irish general election e-voting pilot (PrefLib 00001, ../shared/data/counting/
 * preflib/00001-irish): Dublin North, Dublin West and Meath. The Irish count rules (random
 * selection of surplus papers) cannot be reproduced exactly, so no count is run here. What
 * is checked, against SOURCES.md (parsed, not retyped): each constituency's seats, its valid
 * votes, and that the elected candidates it names are on the ballot. The first count per
 * candidate is not in the files nor in SOURCES.md, so it cannot be asserted against official
 * figures; the first preferences derived from the ballots are checked to add up to the valid
 * votes, and each ballot to have a first preference.
 *
 * For the lead: `irish2002()` gives the three elections with their seats and the expected
 * elected (by surname) from SOURCES.md, and `electedSurnames(report, election)` the surnames an
 * STV count elected, to assert e.g.
 *     for (const c of irish2002()) expect(electedSurnames(stv(c.election), c.election).sort()).toEqual([...c.elected].sort());
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
