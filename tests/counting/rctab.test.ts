// RCTab's expected reports (../shared/data/counting/rctab/, see SOURCES.md and rctab/README.md)
// for the single-winner contests whose rules irv.ts implements: each contest's own RCTab
// configuration read into IRV options (rctabOptions), its cast-vote records read as RCTab reads
// them, and every round compared with the expected report: each continuing candidate's tally,
// the threshold, the inactive ballots by reason, who is eliminated and who is elected; then the
// summary (final threshold, ballots, blank ballots).
//
// Cast-vote records: the Minneapolis mayors' ES&S xlsx files as the aggregated CSVs in
// rctab/derived/ (formats/csv.ts); the synthetic rule tests test_set_0…8 as NIST CDF JSON
// (./rctab-cvr.ts). NOT run, because their CVRs are ES&S xlsx with no derived CSV and no xlsx
// reader is installed: skip_to_next_test, duplicate_test,
// continue_until_two_with_batch_elimination_test, tiebreak_previous_round_counts_then_random_test
// and 2015_portland_mayor (the last two also tie-break with settings not reproduced here: Java's
// random generator, and `useCandidateOrder`). Multi-winner contests are out of scope, except
// round 1 of the 2013 Park Board at-large count below.
import { describe, expect, it } from 'vitest';
import type { Election } from '../../packages/tally/src/election.ts';
import { parseCompactCsv } from '../../packages/tally/src/formats/csv.ts';
import {
  countIrv,
  rctabBallotOptions,
  rctabOptions,
  type IrvReport,
  type RctabRules,
} from '../../packages/tally/src/irv.ts';
import { readCountingText } from './data.ts';
import { readCdfCvr, UNDECLARED_WRITE_INS } from './rctab-cvr.ts';

interface RctabConfig {
  readonly candidates: readonly { readonly name: string; readonly excluded: boolean }[];
  readonly cvrFileSources: readonly {
    readonly filePath: string;
    readonly contestId: string;
    readonly provider: string;
  }[];
  readonly rules: RctabRules;
}

interface ExpectedRound {
  readonly round: number;
  readonly tally: Record<string, string>;
  readonly threshold: string;
  readonly inactiveBallots: {
    readonly overvotes: string;
    readonly skippedRankings: string;
    readonly repeatedRankings: string;
    readonly exhaustedChoices: string;
  };
  readonly tallyResults: readonly { readonly eliminated?: string; readonly elected?: string }[];
}

interface ExpectedReport {
  readonly results: readonly ExpectedRound[];
  readonly summary: {
    readonly finalThreshold: string;
    readonly totalNumBallots: string;
    readonly undervotes: number;
  };
}

/** An RCTab contest's configuration (rctab/<contest>/<contest>_config.json). */
function readConfig(contest: string): RctabConfig {
  return JSON.parse(readCountingText(`rctab/${contest}/${contest}_config.json`)) as RctabConfig;
}

/** An RCTab contest's expected report (rctab/<contest>/<contest>_expected_detailed_report.json). */
function readExpected(contest: string): ExpectedReport {
  return JSON.parse(readCountingText(`rctab/${contest}/${contest}_expected_detailed_report.json`)) as ExpectedReport;
}

/** Marks the candidates the config excludes as withdrawn. */
function withExclusions(election: Election, config: RctabConfig): Election {
  const excluded = new Set(config.candidates.filter((c) => c.excluded).map((c) => c.name));
  return {
    ...election,
    candidates: election.candidates.map((c) => ({ ...c, withdrawn: c.withdrawn || excluded.has(c.name) })),
  };
}

/** Our name for a candidate as RCTab's report prints it (the ES&S CSV's `UWI`). */
const label = (name: string): string => (name === 'UWI' ? UNDECLARED_WRITE_INS : name);

/**
 * Compares our count with RCTab's expected report, round by round. RCTab lists the tallies of
 * the candidates continuing in a round (the elected one too, when the count goes on until two
 * remain); ours lists every candidate, so only those neither withdrawn nor eliminated earlier
 * are compared, and all of them.
 */
function expectSameAsRctab(report: IrvReport, expected: ExpectedReport, election: Election): void {
  const names = report.candidates.map(label);
  const out = new Set<number>(election.candidates.flatMap((c, k) => (c.withdrawn ? [k] : [])));
  expect(report.rounds.length).toBe(expected.results.length);
  for (const [k, want] of expected.results.entries()) {
    const round = report.rounds[k];
    const number = k + 1;
    if (round === undefined) throw new Error(`no round ${number} in our report`);
    expect(want.round).toBe(number);
    const tally: Record<string, string> = {};
    for (const [c, name] of names.entries()) if (!out.has(c)) tally[name] = round.votes[c] ?? '';
    expect({ round: number, tally }).toEqual({ round: number, tally: want.tally });
    expect({ round: number, threshold: round.quota }).toEqual({ round: number, threshold: want.threshold });
    expect({ round: number, inactive: report.inactive[k] }).toEqual({
      round: number,
      inactive: {
        overvotes: want.inactiveBallots.overvotes,
        skippedRankings: want.inactiveBallots.skippedRankings,
        repeatedRankings: want.inactiveBallots.repeatedRankings,
        exhaustedChoices: want.inactiveBallots.exhaustedChoices,
      },
    });
    const decided = (kind: 'excluded' | 'elected'): string[] =>
      round.actions.flatMap((a) => (a.kind === kind ? a.candidates.map((c) => names[c] ?? '') : [])).sort();
    const named = (key: 'eliminated' | 'elected'): string[] =>
      want.tallyResults.flatMap((t) => (t[key] === undefined ? [] : [t[key]])).sort();
    expect({ round: number, eliminated: decided('excluded') }).toEqual({
      round: number,
      eliminated: named('eliminated'),
    });
    expect({ round: number, elected: decided('elected') }).toEqual({ round: number, elected: named('elected') });
    for (const a of round.actions) {
      expect(a.rule).not.toBe('');
      if (a.kind === 'excluded') for (const c of a.candidates) out.add(c);
    }
  }
  expect(report.quota).toBe(expected.summary.finalThreshold);
  expect(String(report.voters + report.uncounted)).toBe(expected.summary.totalNumBallots);
  expect(report.uncounted).toBe(expected.summary.undervotes);
}

/** Counts an RCTab contest whose CVR is an aggregated ES&S CSV in rctab/derived/. */
function countCsvContest(contest: string): { report: IrvReport; expected: ExpectedReport; election: Election } {
  const config = readConfig(contest);
  const { election, marks } = parseCompactCsv(readCountingText(`rctab/derived/${contest}_ballots_aggregated.csv`), {
    candidates: config.candidates.map((c) => c.name),
  });
  const uwi = marks.undeclaredWriteIn === null ? [] : [marks.undeclaredWriteIn];
  const counted = withExclusions(election, config);
  return {
    report: countIrv(counted, rctabOptions(config.rules, uwi)),
    expected: readExpected(contest),
    election: counted,
  };
}

/** Counts an RCTab contest whose CVRs are NIST CDF JSON files. */
function countCdfContest(contest: string): { report: IrvReport; expected: ExpectedReport; election: Election } {
  const config = readConfig(contest);
  const sources = config.cvrFileSources.map((source) => {
    if (source.provider !== 'cdf') throw new Error(`${contest}: provider ${source.provider} is not CDF`);
    const file = `rctab/${contest}/${source.filePath}`;
    return { file, text: readCountingText(file), contestName: source.contestId };
  });
  const { election, undeclaredWriteIn } = readCdfCvr(
    sources,
    config.candidates.map((c) => c.name),
    contest,
  );
  const counted = withExclusions(election, config);
  return {
    report: countIrv(counted, rctabOptions(config.rules, undeclaredWriteIn === null ? [] : [undeclaredWriteIn])),
    expected: readExpected(contest),
    election: counted,
  };
}

describe('RCTab expected reports: the Minneapolis mayors (ES&S CVRs, aggregated CSV)', () => {
  const cases = [
    ['2013_minneapolis_mayor', 33, 'BETSY HODGES', '38852', 'MARK ANDREW', '24942'],
    ['2017_minneapolis_mayor', 6, 'Jacob Frey', '46704', 'Raymond Dehn', '34970'],
  ] as const;
  for (const [contest, roundCount, winner, winnerVotes, runnerUp, runnerUpVotes] of cases) {
    it(`${contest}: all ${roundCount} rounds, tallies, thresholds, inactive ballots and decisions`, () => {
      const { report, expected, election } = countCsvContest(contest);
      expect(expected.results.length).toBe(roundCount);
      expectSameAsRctab(report, expected, election);
      const last = report.rounds[roundCount - 1]?.votes ?? [];
      expect(report.elected.map((c) => report.candidates[c])).toEqual([winner]);
      expect(last[report.candidates.indexOf(winner)]).toBe(winnerVotes);
      expect(last[report.candidates.indexOf(runnerUp)]).toBe(runnerUpVotes);
    });
  }
});

describe('RCTab expected reports: the ballot-rule tests (NIST CDF JSON CVRs)', () => {
  // [contest, the rule it tests, ballots in the CVR file(s), rounds in the report]
  const cases = [
    ['test_set_0_skipped_first_choice', 'a skipped first rank is passed over (maxSkippedRanksAllowed 4)', 12, 3],
    ['test_set_1_exhaust_at_overvote', 'an overvote exhausts the ballot (exhaustImmediately)', 15, 3],
    [
      'test_set_2_overvote_skip_to_next',
      'an overvote is passed over (alwaysSkipToNextRank), no skipped rank allowed',
      15,
      3,
    ],
    ['test_set_3_skipped_choice_exhaust', 'one skipped rank exhausts (maxSkippedRanksAllowed 0)', 15, 3],
    ['test_set_4_skipped_choice_next', 'skipped ranks are passed over (maxSkippedRanksAllowed 4)', 15, 3],
    [
      'test_set_5_two_skipped_choice_exhaust',
      'two skipped ranks exhaust, one does not (maxSkippedRanksAllowed 1)',
      15,
      3,
    ],
    ['test_set_6_duplicate_exhaust', 'a repeated candidate exhausts (exhaustOnDuplicateCandidate)', 15, 3],
    ['test_set_7_duplicate_skip_to_next', 'a repeated candidate is passed over', 15, 3],
    ['test_set_8_multi_cdf', 'two CVR files tabulated as one contest', 24, 3],
  ] as const;
  for (const [contest, rule, ballots, rounds] of cases) {
    it(`${contest}: ${rule}; all ${rounds} rounds match`, () => {
      const { report, expected, election } = countCdfContest(contest);
      expect(election.ballots.length).toBe(ballots);
      expect(expected.results.length).toBe(rounds);
      expectSameAsRctab(report, expected, election);
    });
  }

  it('the rules make the difference: each test set counted with the opposite setting differs from its report', () => {
    // Guards against the cases passing whatever the option: flipping the setting each one tests
    // must change some round.
    const flips: readonly [string, (rules: RctabRules) => RctabRules][] = [
      ['test_set_1_exhaust_at_overvote', (r) => ({ ...r, overvoteRule: 'alwaysSkipToNextRank' })],
      ['test_set_2_overvote_skip_to_next', (r) => ({ ...r, overvoteRule: 'exhaustImmediately' })],
      ['test_set_3_skipped_choice_exhaust', (r) => ({ ...r, maxSkippedRanksAllowed: '4' })],
      ['test_set_5_two_skipped_choice_exhaust', (r) => ({ ...r, maxSkippedRanksAllowed: '0' })],
      ['test_set_6_duplicate_exhaust', (r) => ({ ...r, exhaustOnDuplicateCandidate: false })],
      ['test_set_7_duplicate_skip_to_next', (r) => ({ ...r, exhaustOnDuplicateCandidate: true })],
    ];
    for (const [contest, flip] of flips) {
      const { expected, election } = countCdfContest(contest);
      const config = readConfig(contest);
      const flipped = countIrv(election, rctabOptions(flip(config.rules)));
      expect({ contest, same: sameRounds(flipped, expected) }).toEqual({ contest, same: false });
    }
  });
});

/** Whether every round's tallies and inactive ballots equal the report's (no assertion). */
function sameRounds(report: IrvReport, expected: ExpectedReport): boolean {
  if (report.rounds.length !== expected.results.length) return false;
  return expected.results.every((want, k) => {
    const round = report.rounds[k];
    const inactive = report.inactive[k];
    if (round === undefined || inactive === undefined) return false;
    const tallies = Object.entries(want.tally).every(([name, votes]) => {
      const c = report.candidates.map(label).indexOf(name);
      return round.votes[c] === votes;
    });
    return (
      tallies &&
      inactive.overvotes === want.inactiveBallots.overvotes &&
      inactive.skippedRankings === want.inactiveBallots.skippedRankings &&
      inactive.repeatedRankings === want.inactiveBallots.repeatedRankings &&
      inactive.exhaustedChoices === want.inactiveBallots.exhaustedChoices
    );
  });
}

describe('RCTab expected report: Minneapolis Park Board at-large 2013, round 1 only', () => {
  // Three seats, counted by RCTab as multi-winner STV: out of scope beyond round 1, which is
  // the same for any count (no transfer yet). Round 1 reads the ballots by the report's config
  // (rctabBallotOptions: overvote skipped, two skipped ranks allowed); the later rounds, and
  // who is elected, are not checked here.
  const contest = '2013_minneapolis_park';
  const config = readConfig(contest);
  const expected = readExpected(contest);
  const { election, marks } = parseCompactCsv(readCountingText(`rctab/derived/${contest}_ballots_aggregated.csv`), {
    candidates: config.candidates.map((c) => c.name),
  });
  // countIrv counts one seat; its round 1 is every count's round 1.
  const report = countIrv({ ...election, seats: 1 }, rctabBallotOptions(config.rules));
  const first = report.rounds[0];
  const want = expected.results[0];
  const seats = BigInt(config.rules.numberOfWinners ?? 1);

  it('has each candidate’s first-round tally and the inactive ballots of the report', () => {
    if (first === undefined || want === undefined) throw new Error('no round 1');
    expect(seats).toBe(3n);
    expect(marks.undeclaredWriteIn).not.toBeNull();
    const tally = Object.fromEntries(report.candidates.map((name, c) => [label(name), first.votes[c] ?? '']));
    expect(tally).toEqual(want.tally);
    expect(report.inactive[0]).toEqual({ ...want.inactiveBallots });
    expect(report.uncounted).toBe(expected.summary.undervotes);
    expect(String(report.voters + report.uncounted)).toBe(expected.summary.totalNumBallots);
  });

  it('has 59,463 votes and the threshold 14,866 = floor(votes / (seats + 1)) + 1 (SOURCES.md, the report)', () => {
    if (first === undefined || want === undefined) throw new Error('no round 1');
    const votes = first.votes.reduce((sum, v) => sum + BigInt(v), 0n);
    expect(votes).toBe(59463n);
    expect(String(votes / (seats + 1n) + 1n)).toBe(want.threshold);
    expect(want.threshold).toBe('14866');
  });
});
