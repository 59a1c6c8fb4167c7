// ERS97 against an independent implementation: OpenSTV 1.7's "ERS97 STV" method (validated by
// its author against eSTV), run over real and test ballot files; its stage-by-stage output is
// kept in fixtures/ers97-openstv/ (see the README there: how it was produced, what was skipped).
// Every stage is compared: each candidate's votes, the non-transferable vote, the quota, who
// was deemed elected, and the count after every batch of an exclusion (sub-stages).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Election } from '../../packages/tally/src/election.ts';
import { parseBlt } from '../../packages/tally/src/formats/blt.ts';
import { parsePreflib } from '../../packages/tally/src/formats/preflib.ts';
import { countErs97, type Ers97Report } from '../../packages/tally/src/stv/ers97.ts';

const DATA = join(import.meta.dirname, '../../../shared/data/counting');
const FIXTURES = join(import.meta.dirname, 'fixtures/ers97-openstv');

interface Point {
  readonly votes: Record<string, string>;
  readonly nonTransferable: string;
  readonly quota: string;
}
interface Stage extends Point {
  readonly stage: number;
  readonly action: 'first' | 'surplus' | 'eliminate';
  readonly from: readonly string[];
  readonly elected: readonly string[];
  readonly substages?: readonly Point[];
}
interface Fixture {
  readonly source: string;
  readonly seats: number;
  readonly candidates: readonly string[];
  readonly totalValidVote: string;
  readonly stages: readonly Stage[];
  readonly elected: readonly string[];
  /** Stages where OpenSTV broke a tie by lot (run with lowest-index choice, not our seeded draw). */
  readonly strongTieBrokenByIndexAtStages?: readonly number[];
}

const IRISH: Record<string, string> = {
  'irish-2002-dublin-north.json': 'preflib/00001-irish/00001-00000001.soi',
  'irish-2002-dublin-west.json': 'preflib/00001-irish/00001-00000002.soi',
  'irish-2002-meath.json': 'preflib/00001-irish/00001-00000003.soi',
};

function readData(relativePath: string): string {
  const path = join(DATA, relativePath);
  if (!existsSync(path)) {
    throw new Error(`counting data ${relativePath} is missing: expected it at ${path} (shared/data/counting).`);
  }
  return readFileSync(path, 'utf8');
}

function electionOf(file: string, fixture: Fixture): Election {
  const irish = IRISH[file];
  if (irish !== undefined) return parsePreflib(readData(irish), { seats: fixture.seats });
  return parseBlt(readData(fixture.source));
}

/** Votes by name; OpenSTV lists no withdrawn candidate, so neither does this. */
function byName(report: Ers97Report, election: Election, votes: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    report.candidates.flatMap((name, c) =>
      election.candidates[c]?.withdrawn === true ? [] : [[name, votes[c] ?? '']],
    ),
  );
}

const files = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('ERS97 against OpenSTV 1.7, stage by stage', () => {
  it('has the 71 fixtures the README lists', () => {
    expect(files).toHaveLength(71);
  });

  for (const file of files) {
    it(file.replace(/\.json$/, ''), () => {
      const fixture = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as Fixture;
      const election = electionOf(file, fixture);
      const report = countErs97({ ...election, seats: fixture.seats });
      expect(report.candidates).toEqual(fixture.candidates);
      const stages = report.rounds.map((round) => ({
        stage: round.number,
        votes: byName(report, election, round.votes),
        nonTransferable: round.nonTransferable,
        quota: round.quota,
        substages: round.substages.map((s) => ({
          votes: byName(report, election, s.votes),
          nonTransferable: s.nonTransferable,
          quota: s.quota,
        })),
      }));
      const expected = fixture.stages.map((s) => ({
        stage: s.stage,
        votes: s.votes,
        nonTransferable: s.nonTransferable,
        quota: s.quota,
        substages: (s.substages ?? []).map((p) => ({
          votes: p.votes,
          nonTransferable: p.nonTransferable,
          quota: p.quota,
        })),
      }));
      // A draw by lot need not fall the same way in both: compare up to the first draw, and check
      // that this count also drew lots there.
      const firstDraw = Math.min(...(fixture.strongTieBrokenByIndexAtStages ?? [Infinity]));
      if (firstDraw === Infinity) {
        expect(stages).toEqual(expected);
        expect(report.elected.map((c) => report.candidates[c]).sort()).toEqual([...fixture.elected].sort());
      } else {
        expect(stages.slice(0, firstDraw - 1)).toEqual(expected.slice(0, firstDraw - 1));
        expect(report.tieBreaks.some((t) => t.round === firstDraw && t.lot !== undefined)).toBe(true);
      }
    });
  }
});
