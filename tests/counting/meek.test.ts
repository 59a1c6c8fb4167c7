import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBlt, type CountReport, type Round } from '@plenum/tally';
import { countMeek } from '../../packages/tally/src/stv/meek.ts';

/**
 * Meek STV against the reference transcripts in ../shared/data/counting (see its SOURCES.md):
 * stv-rs's `meek/**.fixed9.log` (and `.bigfixed9.log`), which are byte-identical to Droop's
 * `meek fixed precision=9 omega=6 defeat_batch=none`, and Droop's own dumps of the PR
 * Foundation reference rule (`droop/ref/dump/*-meek-prf-o6-fixed-p9-d9.txt`). Every round is
 * compared: each candidate's votes, the quota, the residual, the total surplus, who was
 * elected or defeated — and, for Droop, each elected candidate's keep value.
 *
 * The data is required: a missing file fails with the path it was expected at.
 */
const DATA = join(import.meta.dirname, '../../../shared/data/counting');

function readData(relativePath: string): string {
  const path = join(DATA, relativePath);
  if (!existsSync(path)) {
    throw new Error(
      `counting data ${relativePath} is missing: expected it at ${path}. The data lives in the shared ` +
        'folder beside the repository (shared/data/counting/SOURCES.md); it is required, not optional.',
    );
  }
  return readFileSync(path, 'utf8');
}

// ---------------------------------------------------------------------------------------
// stv-rs transcripts

interface Snapshot {
  /** Candidate name → votes, for every candidate listed (defeated-with-zero included). */
  readonly votes: Map<string, string>;
  readonly quota: string;
  readonly residual: string;
  readonly surplus: string;
}

interface TranscriptRound {
  readonly elected: string[];
  readonly defeated: string[];
  /** The count the round's decisions were taken on (printed with its Elect/Defeat actions). */
  counts: Snapshot | null;
  /** Stats printed with "Iterate (…)": the surplus the round ended with. */
  surplus: string | null;
}

interface Transcript {
  readonly begin: Snapshot;
  readonly rounds: TranscriptRound[];
  readonly remaining: { readonly kind: 'elect' | 'defeat'; readonly name: string }[];
  readonly complete: Snapshot;
}

function parseTranscript(text: string): Transcript {
  const lines = text.split('\n');
  let begin: Snapshot | null = null;
  let complete: Snapshot | null = null;
  const rounds: TranscriptRound[] = [];
  const remaining: Transcript['remaining'] = [];
  let at = 0;
  const readBlock = (): Snapshot => {
    const votes = new Map<string, string>();
    const stats = new Map<string, string>();
    while (at < lines.length && (lines[at] ?? '').startsWith('\t')) {
      const line = (lines[at] ?? '').trim();
      at += 1;
      const cand = /^(Elected|Hopeful|Defeated):\s+(.*) \((-?\d+\.\d+)\)$/.exec(line);
      if (cand !== null) {
        const [, state, names = '', value = ''] = cand;
        if (state === 'Defeated' && value === '0.000000000') {
          for (const name of names.split(', ')) votes.set(name, value);
        } else {
          votes.set(names, value);
        }
        continue;
      }
      const stat = /^(\w+): (-?\d+\.\d+)$/.exec(line);
      if (stat !== null) stats.set(stat[1] ?? '', stat[2] ?? '');
    }
    return {
      votes,
      quota: stats.get('Quota') ?? '?',
      residual: stats.get('Residual') ?? '?',
      surplus: stats.get('Surplus') ?? '?',
    };
  };
  while (at < lines.length) {
    const line = lines[at] ?? '';
    at += 1;
    if (/^Round \d+:$/.test(line)) {
      rounds.push({ elected: [], defeated: [], counts: null, surplus: null });
      continue;
    }
    const action = /^Action: (.*)$/.exec(line);
    if (action === null) continue;
    const what = action[1] ?? '';
    const block = readBlock();
    const round = rounds.at(-1);
    let m: RegExpExecArray | null;
    if (what === 'Begin Count') begin = block;
    else if (what === 'Count Complete') complete = block;
    else if ((m = /^Elect remaining: (.*)$/.exec(what)) !== null) remaining.push({ kind: 'elect', name: m[1] ?? '' });
    else if ((m = /^Defeat remaining: (.*)$/.exec(what)) !== null) remaining.push({ kind: 'defeat', name: m[1] ?? '' });
    else if ((m = /^Elect: (.*)$/.exec(what)) !== null && round !== undefined) {
      round.elected.push(m[1] ?? '');
      round.counts = block;
    } else if ((m = /^Defeat \(.*\): (.*)$/.exec(what)) !== null && round !== undefined) {
      round.defeated.push(m[1] ?? '');
      round.counts = block;
    } else if (what.startsWith('Iterate') && round !== undefined) {
      round.surplus = block.surplus;
    }
  }
  if (begin === null || complete === null) throw new Error('transcript without Begin Count or Count Complete');
  return { begin, rounds, remaining, complete };
}

function surplusNote(round: Round): string {
  for (const action of round.actions) {
    const m = action.kind === 'note' ? /total surplus (-?\d+\.\d+)/.exec(action.reason) : null;
    if (m !== null) return m[1] ?? '';
  }
  return '(no surplus note)';
}

function namesOf(report: CountReport, round: Round, kind: 'elected' | 'excluded'): string[] {
  return round.actions.flatMap((a) => (a.kind === kind ? a.candidates.map((c) => report.candidates[c] ?? '') : []));
}

function votesOf(report: CountReport, round: Round, names: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of names) out.set(name, round.votes[report.candidates.indexOf(name)] ?? '(unknown candidate)');
  return out;
}

/**
 * The transcripts with an input in the data. Left out, with reasons:
 *  - `*.equalize.*`: stv-rs's "equalized counting" of equal rankings, another rule;
 *  - `*.approx.log`: other arithmetic (rationals rounded per round);
 *  - `bigint/ballot_sum_overflows`: ballot counts of 2^63−1, beyond what parseBlt accepts
 *    (safe integers), and stv-rs itself ends that count in a failed assertion;
 *  - `bigint/rand_hypergeometric_many`: only an equalize transcript;
 *  - `random/rand_hypergeometric_{10k,100k}`: the ballot files are not in the data;
 *  - `crashes/rand_geometric`: NOT VERIFIED — its ballots rank up to 11 candidates equally in
 *    several groups, and Droop's interpretation splits the weight recursively through every
 *    elected member of every group; in BigInt this did not finish within 60 s here (stv-rs
 *    counts it natively). Left out for time, not because it fails.
 */
const STV_RS: readonly (readonly [ballots: string, log: string, positiveSurplus: boolean])[] = [
  ['vegetables', 'vegetables.fixed9', false],
  ['skewed', 'skewed.fixed9', false],
  ['ties/tie_break_explicit', 'ties/tie_break_explicit.fixed9', false],
  ['ties/tie_break_implicit', 'ties/tie_break_implicit.fixed9', false],
  ['recursive_descent/transfer', 'recursive_descent/transfer.fixed9', false],
  ['recursive_descent/transfer_is_blocked', 'recursive_descent/transfer_is_blocked.fixed9', false],
  ['negative_surplus/below_quota', 'negative_surplus/below_quota.fixed9', false],
  ['equal_preference/always_behind', 'equal_preference/always_behind.fixed9', false],
  ['equal_preference/equal_preference', 'equal_preference/equal_preference.fixed9', false],
  ['equal_preference/equal_preference_droop', 'equal_preference/equal_preference_droop.fixed9', false],
  ['equal_preference/equal_preference_equalize', 'equal_preference/equal_preference_equalize.fixed9', false],
  // stv-rs made these with --force-positive-surplus (its integration workflow says so)
  ['crashes/crash', 'crashes/crash.fixed9', true],
  ['crashes/minimal', 'crashes/minimal.fixed9', true],
  ['crashes/minimal10', 'crashes/minimal10.fixed9', true],
  ['negative_surplus/below_quota', 'negative_surplus/force_positive_surplus.fixed9', true],
  ['random/rand_2x10', 'random/rand_2x10.fixed9', false],
  ['random/rand_5x4', 'random/rand_5x4.fixed9', false],
  ['random/rand_hypergeometric', 'random/rand_hypergeometric.fixed9', false],
  ['random/rand_mixed_5k', 'random/rand_mixed_5k.fixed9', false],
  ['bigint/ballot_count_overflows', 'bigint/ballot_count_overflows.bigfixed9', false],
];

describe('Meek STV against the stv-rs transcripts (fixed point, 9 places)', () => {
  it.each(STV_RS)(
    '%s matches %s.log round by round',
    (ballots: string, log: string, positiveSurplus: boolean) => {
      const election = parseBlt(readData(`stv-rs/ballots/${ballots}.blt`));
      const expected = parseTranscript(readData(`stv-rs/meek/${log}.log`));
      // stv-rs breaks ties by the [tie] order, or else by the order of the candidates in the file.
      const tieOrder = election.tieOrder ?? election.candidates.map((_, i) => i);
      const report = countMeek(election, { tieOrder, positiveSurplus });

      const first = report.rounds[0];
      expect(first).toBeDefined();
      if (first === undefined) return;
      expect(votesOf(report, first, expected.begin.votes.keys())).toEqual(expected.begin.votes);
      expect(first.quota).toBe(expected.begin.quota);
      // (the transcript prints the first count's residual as 0 by convention, so it is not compared)

      // Rounds 2.. of the report are the transcript's rounds 1..; the last is "count complete".
      expect(report.rounds.length).toBe(expected.rounds.length + 2);
      expected.rounds.forEach((want, k) => {
        const got = report.rounds[k + 1];
        expect(got, `round ${k + 1}`).toBeDefined();
        if (got === undefined || want.counts === null) throw new Error(`round ${k + 1} has no count`);
        const where = `transcript round ${k + 1}`;
        expect(namesOf(report, got, 'elected'), where).toEqual(want.elected);
        expect(namesOf(report, got, 'excluded'), where).toEqual(want.defeated);
        expect(votesOf(report, got, want.counts.votes.keys()), where).toEqual(want.counts.votes);
        expect(got.quota, where).toBe(want.counts.quota);
        expect(got.nonTransferable, where).toBe(want.counts.residual);
        expect(surplusNote(got), where).toBe(want.surplus);
      });

      const last = report.rounds.at(-1);
      if (last === undefined) throw new Error('no rounds');
      const remaining = last.actions.flatMap((a) =>
        a.kind === 'elected' || a.kind === 'excluded'
          ? a.candidates.map((c) => ({ kind: a.kind === 'elected' ? 'elect' : 'defeat', name: report.candidates[c] }))
          : [],
      );
      expect(remaining).toEqual(expected.remaining);
      expect(votesOf(report, last, expected.complete.votes.keys())).toEqual(expected.complete.votes);
      expect(last.nonTransferable).toBe(expected.complete.residual);
      expect(report.quota).toBe(expected.complete.quota);
    },
    60_000,
  );
});

// ---------------------------------------------------------------------------------------
// Droop dumps of the PR Foundation reference Meek rule (fixed point, 9 places, omega 10^-6)

interface DumpRow {
  readonly round: string;
  readonly action: string;
  readonly quota: string;
  readonly votes: string;
  readonly surplus: string;
  readonly residual: string;
  readonly candidates: readonly { name: string; state: string; vote: string; kf: string }[];
}

function parseDump(text: string): DumpRow[] {
  const rows: DumpRow[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cells = line.split('\t');
    const [round = '', action = '', quota = '', votes = '', surplus = '', residual = ''] = cells;
    if (!['begin', 'elect', 'defeat', 'end'].includes(action)) continue;
    const candidates: DumpRow['candidates'][number][] = [];
    for (let i = 6; i + 3 < cells.length + 1 && cells[i] !== undefined && cells[i] !== ''; i += 4) {
      candidates.push({
        name: cells[i] ?? '',
        state: cells[i + 1] ?? '',
        vote: cells[i + 2] ?? '',
        kf: cells[i + 3] ?? '',
      });
    }
    rows.push({ round, action, quota, votes, surplus, residual, candidates });
  }
  return rows;
}

const DROOP = ['42', '42t', '42u', '513', 'M135', 'SC-Vm-12', 'SC', 'SCw', 'SCwopt'] as const;

describe('Meek STV against Droop (PRF reference Meek rule, fixed point, 9 places)', () => {
  it.each(DROOP)('%s matches its meek-prf-o6-fixed-p9-d9 dump', (name) => {
    const election = parseBlt(readData(`droop/blt/${name}.blt`));
    const rows = parseDump(readData(`droop/ref/dump/${name}-meek-prf-o6-fixed-p9-d9.txt`));
    const tieOrder = election.tieOrder ?? election.candidates.map((_, i) => i);
    const report = countMeek(election, { tieOrder, variant: 'prf' });
    const index = (n: string): number => report.candidates.indexOf(n);

    const begin = rows.find((r) => r.action === 'begin');
    const first = report.rounds[0];
    if (begin === undefined || first === undefined) throw new Error('no first count');
    expect(first.quota).toBe(begin.quota);
    for (const c of begin.candidates) expect(first.votes[index(c.name)], c.name).toBe(c.vote);

    // The decisions, in order, and the count each decision of a round was taken on.
    const decisions = rows.filter((r) => r.action === 'elect' || r.action === 'defeat');
    const ours = report.rounds.slice(1).flatMap((round, k) =>
      round.actions.flatMap((a) =>
        a.kind === 'elected' || a.kind === 'excluded'
          ? a.candidates.map((c) => ({
              k,
              round,
              kind: a.kind === 'elected' ? 'elect' : 'defeat',
              name: report.candidates[c],
            }))
          : [],
      ),
    );
    expect(ours.map((d) => `${d.kind} ${d.name ?? '?'}`)).toEqual(
      decisions.map((r) => {
        const changed = r.candidates.find((c) => (r.action === 'elect' ? c.state === 'E' : c.state === 'D'));
        // the candidate the row decided: the one whose state this row is the first to show
        const before = rows[rows.indexOf(r) - 1];
        const newly = r.candidates.find(
          (c) =>
            (r.action === 'elect' ? c.state === 'E' : c.state === 'D') &&
            before?.candidates.find((b) => b.name === c.name)?.state !== c.state,
        );
        return `${r.action} ${(newly ?? changed)?.name ?? '?'}`;
      }),
    );
    // Counts: every decision before the final "remaining" ones was taken on a count that the
    // row prints; ours is that round's count.
    const lastRound = report.rounds.length - 1;
    decisions.forEach((row, i) => {
      const d = ours[i];
      if (d === undefined || d.k + 1 === lastRound) return;
      const where = `${row.round} ${row.action}`;
      expect(d.round.quota, where).toBe(row.quota);
      // an elect row prints the surplus of the previous round (as stv-rs's Elect action does)
      if (row.action === 'defeat') expect(surplusNote(d.round), where).toBe(row.surplus);
      expect(d.round.nonTransferable, where).toBe(row.residual);
      for (const c of row.candidates) {
        if (c.state === 'D' && c.vote === '0.000000000') continue; // defeated earlier
        expect(d.round.votes[index(c.name)], `${where} ${c.name}`).toBe(c.vote);
        if (c.state === 'E' && !(row.action === 'elect' && d.name === c.name)) {
          const note = d.round.actions.find((a) => a.kind === 'note' && a.reason.startsWith('keep values'));
          expect(note?.reason, `${where} kf ${c.name}`).toContain(`${c.name} ${c.kf}`);
        }
      }
    });
    // The end row: Droop does not recount after defeating the remaining candidates (stv-rs
    // and this count do), so only who was elected is compared there.
    const end = rows.find((r) => r.action === 'end');
    if (end === undefined) throw new Error('no end row');
    expect(new Set(report.elected.map((c) => report.candidates[c]))).toEqual(
      new Set(end.candidates.filter((c) => c.state === 'E').map((c) => c.name)),
    );
  });
});
