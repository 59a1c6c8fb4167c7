// RCTab's expected reports for the Minneapolis mayoral races (../shared/data/counting/rctab/,
// see SOURCES.md): the CVR aggregated to compact CSV (rctab/derived/), the contest's own RCTab
// configuration read into IRV options (rctabOptions), and every round compared: each
// candidate's tally, the threshold, and the inactive ballots by reason.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCompactCsv } from '../../packages/tally/src/formats/csv.ts';
import { countIrv, rctabOptions, type RctabRules } from '../../packages/tally/src/irv.ts';

const DATA = join(import.meta.dirname, '../../../shared/data/counting');

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

interface ExpectedRound {
  readonly round: number;
  readonly tally: Record<string, string>;
  readonly threshold: string;
  readonly inactiveBallots: { overvotes: string; skippedRankings: string; exhaustedChoices: string };
  readonly tallyResults: readonly { eliminated?: string; elected?: string }[];
}

const cases = [
  ['2013_minneapolis_mayor', 33, 'BETSY HODGES', '38852', 'MARK ANDREW', '24942'],
  ['2017_minneapolis_mayor', 6, 'Jacob Frey', '46704', 'Raymond Dehn', '34970'],
] as const;

describe('RCTab expected reports', () => {
  for (const [contest, roundCount, winner, winnerVotes, runnerUp, runnerUpVotes] of cases) {
    it(`${contest}: all ${roundCount} rounds, tallies, thresholds and inactive ballots`, () => {
      const config = JSON.parse(readData(`rctab/${contest}/${contest}_config.json`)) as { rules: RctabRules };
      const expected = JSON.parse(readData(`rctab/${contest}/${contest}_expected_detailed_report.json`)) as {
        results: ExpectedRound[];
      };
      const { election, marks } = parseCompactCsv(readData(`rctab/derived/${contest}_ballots_aggregated.csv`));
      const report = countIrv(
        election,
        rctabOptions(config.rules, marks.undeclaredWriteIn === null ? [] : [marks.undeclaredWriteIn]),
      );
      const label = (name: string): string => (name === 'UWI' ? 'Undeclared Write-ins' : name);
      expect(expected.results.length).toBe(roundCount);
      expect(report.rounds.length).toBe(roundCount);
      for (const [k, round] of report.rounds.entries()) {
        const want = expected.results[k];
        if (want === undefined) throw new Error(`no expected round ${k + 1}`);
        const got: Record<string, string> = {};
        // RCTab lists only continuing candidates; ours has 0 for the eliminated.
        for (const [c, name] of report.candidates.entries()) {
          if ((round.votes[c] ?? '0') !== '0' || label(name) in want.tally) got[label(name)] = round.votes[c] ?? '';
        }
        expect({ round: k + 1, tally: got }).toEqual({ round: k + 1, tally: want.tally });
        expect({ round: k + 1, threshold: round.quota }).toEqual({ round: k + 1, threshold: want.threshold });
        const inactive = report.inactive[k];
        expect({ round: k + 1, ...inactive }).toEqual({
          round: k + 1,
          overvotes: want.inactiveBallots.overvotes,
          skippedRankings: want.inactiveBallots.skippedRankings,
          exhaustedChoices: want.inactiveBallots.exhaustedChoices,
        });
        const eliminated = want.tallyResults.flatMap((t) => (t.eliminated === undefined ? [] : [t.eliminated])).sort();
        const ours = round.actions
          .flatMap((a) => (a.kind === 'excluded' ? a.candidates.map((c) => label(report.candidates[c] ?? '')) : []))
          .sort();
        expect({ round: k + 1, eliminated: ours }).toEqual({ round: k + 1, eliminated });
      }
      const last = report.rounds[roundCount - 1]?.votes ?? [];
      expect(report.elected.map((c) => report.candidates[c])).toEqual([winner]);
      expect(last[report.candidates.indexOf(winner)]).toBe(winnerVotes);
      expect(last[report.candidates.indexOf(runnerUp)]).toBe(runnerUpVotes);
    });
  }
});
