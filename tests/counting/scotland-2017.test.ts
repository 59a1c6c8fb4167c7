// The Scottish council elections of 4 May 2017: all 351 wards, counted with Scottish STV (SSI
// 2007/42) from the published ballot-level BLT files and compared, stage by stage and
// candidate by candidate, with the councils' own declared result tables (official JSON),
// at the precision each council published. The data is in ../shared/data/counting/
// scotland-2017 (see SOURCES.md there); index.csv pairs each BLT with its table.
import { describe, expect, it } from 'vitest';
import { parseBlt } from '../../packages/tally/src/formats/blt.ts';
import { countScottishStv } from '../../packages/tally/src/stv/scottish.ts';
import type { CountReport } from '../../packages/tally/src/report.ts';
import { readCountingText } from './data.ts';

interface IndexRow {
  readonly blt: string;
  readonly officialJson: string;
  readonly wardTitle: string;
  readonly council: string;
  readonly seats: number;
  readonly validVotes: number;
  readonly quota: number;
  readonly stages: number;
  readonly electedInOrder: readonly string[];
  readonly status: string;
  readonly note: string;
}

/** index.csv: a header, then one row per ward; fields may be quoted CSV-style. */
function readIndex(): IndexRow[] {
  const lines = readCountingText('scotland-2017/index.csv')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const [header = '', ...rows] = lines;
  const columns = splitCsv(header);
  return rows.map((line) => {
    const cells = splitCsv(line);
    const get = (name: string): string => {
      const i = columns.indexOf(name);
      if (i < 0) throw new Error(`index.csv has no column ${name}`);
      return cells[i] ?? '';
    };
    return {
      blt: get('blt'),
      officialJson: get('official_json'),
      wardTitle: get('ward_title'),
      council: get('council'),
      seats: Number(get('seats')),
      validVotes: Number(get('valid_votes')),
      quota: Number(get('quota')),
      stages: Number(get('stages')),
      electedInOrder: get('elected_in_order').split(' | '),
      status: get('status'),
      note: get('note'),
    };
  });
}

function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line.charAt(i);
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

interface OfficialEntry {
  readonly Count_Number: number | string;
  readonly id: number | string;
  readonly Surname: string;
  readonly Firstname: string;
  readonly Total_Votes: number | string;
  readonly Status: string;
  readonly Occurred_On_Count: number | string;
}

interface Official {
  readonly quota: number;
  /** stages[s][c]: candidate c's total at stage s+1, as published. */
  readonly stages: readonly (readonly string[])[];
  readonly surnames: readonly string[];
  /** The stage at which each candidate was elected (Occurred_On_Count), undefined if not. */
  readonly electedAt: readonly (number | undefined)[];
}

function readOfficial(path: string): Official {
  const json = JSON.parse(readCountingText(`scotland-2017/${path}`)) as {
    Constituency: { countInfo: { Valid_Poll: string | number; Quota: string | number }; countGroup: OfficialEntry[] };
  };
  const groups = [...json.Constituency.countGroup].sort((a, b) => Number(a.id) - Number(b.id));
  const stageCount = Math.max(...groups.map((g) => Number(g.Count_Number)));
  const stages: string[][] = [];
  for (let s = 1; s <= stageCount; s += 1) {
    stages.push(groups.filter((g) => Number(g.Count_Number) === s).map((g) => String(g.Total_Votes)));
  }
  const surnames = groups.filter((g) => Number(g.Count_Number) === 1).map((g) => g.Surname);
  const last = groups.filter((g) => Number(g.Count_Number) === stageCount);
  const electedAt = last.map((g) => (g.Status === 'Elected' ? Number(g.Occurred_On_Count) : undefined));
  return {
    electedAt,
    quota: Number(json.Constituency.countInfo.Quota),
    stages,
    surnames,
  };
}

/**
 * Our five-decimal value shown at the precision of the published one: councils that published
 * fewer decimals (Glasgow, Dundee and some others in places) dropped or rounded the rest, so
 * the value matches if truncating or rounding ours to that many decimals gives theirs.
 */
function matchesPublished(ours: string, published: string): boolean {
  const digits = published.includes('.') ? (published.split('.')[1] ?? '').length : 0;
  const units = BigInt(ours.replace('.', ''));
  const scale = 10n ** BigInt(5 - digits);
  const want = BigInt(published.replace('.', ''));
  const truncated = units / scale;
  const rounded = (units + scale / 2n) / scale;
  return truncated === want || rounded === want;
}

/** The stage at which each elected candidate was elected, from the report's actions. */
function electedStages(report: CountReport): Map<number, number> {
  const stages = new Map<number, number>();
  for (const round of report.rounds) {
    for (const action of round.actions) {
      if (action.kind === 'elected') for (const c of action.candidates) stages.set(c, round.number);
    }
  }
  return stages;
}

/**
 * An order of election as the list of sets elected at each stage: candidates elected at the
 * same stage (e.g. two reaching the quota together) form one set, in no order.
 */
function electedByStage(report: CountReport, order: readonly number[], stageOf: Map<number, number>): string[][] {
  const groups: string[][] = [];
  let lastStage = -1;
  for (const c of order) {
    const stage = stageOf.get(c) ?? -1;
    if (stage !== lastStage || groups.length === 0) groups.push([]);
    groups.at(-1)?.push(report.candidates[c] ?? `#${c}`);
    lastStage = stage;
  }
  return groups.map((g) => g.sort());
}

interface Mismatch {
  readonly stage: number;
  readonly candidate: string;
  readonly expected: string;
  readonly got: string;
}

/**
 * Which of our candidates is each of the table's: the BLT and the table mostly list them in
 * the same order, but not always (and some names differ between the two), so they are paired
 * as index.csv was made, by first-preference totals; equal totals are told apart by surname.
 */
function lineUp(report: CountReport, official: Official, where: string): number[] {
  const firsts = official.stages[0] ?? [];
  const taken = new Set<number>();
  return official.surnames.map((surname, i) => {
    const want = firsts[i] ?? '';
    const same = report.candidates
      .map((_, c) => c)
      .filter((c) => !taken.has(c) && matchesPublished(report.rounds[0]?.votes[c] ?? '', want));
    const bySurname = same.filter((c) => report.candidates[c]?.toUpperCase().includes(surname.toUpperCase()));
    const chosen = same.length === 1 ? same[0] : bySurname[0];
    if (chosen === undefined) throw new Error(`${where}: no candidate of the BLT matches ${surname} (${want})`);
    taken.add(chosen);
    return chosen;
  });
}

function compareStages(
  report: CountReport,
  names: readonly string[],
  official: Official,
  order: readonly number[],
): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const stages = Math.max(report.rounds.length, official.stages.length);
  for (let s = 0; s < stages; s += 1) {
    const ours = report.rounds[s]?.votes;
    const theirs = official.stages[s];
    if (ours === undefined || theirs === undefined) {
      mismatches.push({
        stage: s + 1,
        candidate: '(stage)',
        expected: theirs === undefined ? 'no such stage' : 'a stage',
        got: ours === undefined ? 'no such stage' : 'a stage',
      });
      continue;
    }
    order.forEach((c, i) => {
      const name = names[i] ?? '';
      const expected = theirs[i] ?? '(missing)';
      const got = ours[c] ?? '(missing)';
      if (!matchesPublished(got, expected)) mismatches.push({ stage: s + 1, candidate: name, expected, got });
    });
  }
  return mismatches;
}

/** The cells index.csv's note says are typos in the official JSON, with our (correct) value. */
const KNOWN_TYPOS: Record<string, readonly Mismatch[]> = {
  // "official JSON stage 3 Digney=393 is a typo (stage 2=293, stage 4=310); recount gives 303.00000"
  'blt/glasgow_2017_ward1.blt': [{ stage: 3, candidate: 'Alan DIGNEY (Grn)', expected: '393', got: '303.00000' }],
  // "official JSON stage 3 Wallace=832.84154 is internally inconsistent (...); recount gives 832.84152"
  'blt/midlothian_2017_ward1.blt': [
    { stage: 3, candidate: 'Joe WALLACE (SNP)', expected: '832.84154', got: '832.84152' },
  ],
};

const rows = readIndex();

describe('Scottish STV against the official 2017 council results (351 wards)', () => {
  it('has all 351 wards, two of them with a known typo in the official table', () => {
    expect(rows).toHaveLength(351);
    expect(rows.filter((r) => r.status !== 'exact').map((r) => r.blt)).toEqual(Object.keys(KNOWN_TYPOS));
  });

  for (const row of rows) {
    it(`${row.council}: ${row.wardTitle} (${row.blt})`, () => {
      const election = parseBlt(readCountingText(`scotland-2017/${row.blt}`));
      const report = countScottishStv(election);
      const official = readOfficial(row.officialJson);
      const where = `${row.blt} against ${row.officialJson}`;

      // The valid poll: index.csv's figure, and the sum of the table's first stage. (The table's
      // own countInfo.Valid_Poll is not used: for Bearsden North it says 7034 while its
      // first-stage totals add up to 7035.)
      expect(report.voters, `${where}: valid poll`).toBe(row.validVotes);
      expect(report.rounds[0]?.votes.reduce((sum, v) => sum + BigInt(v.replace('.', '')), 0n)).toBe(
        BigInt(row.validVotes) * 100000n,
      );
      expect(report.quota, `${where}: quota`).toBe(`${official.quota}.00000`);
      expect(report.rounds, `${where}: number of stages`).toHaveLength(row.stages);
      // Elected: the same candidates at the same stages as the table says ("Elected" with
      // Occurred_On_Count), and in index.csv's order, except that the order among those elected
      // at one stage is not part of the official result (see electedByStage).
      const stageOf = electedStages(report);
      const order = lineUp(report, official, where);
      const officialElected = order.flatMap((c, i) => {
        const stage = official.electedAt[i];
        return stage === undefined ? [] : [`${report.candidates[c] ?? c} at stage ${stage}`];
      });
      const ourElected = report.elected.map((c) => `${report.candidates[c] ?? c} at stage ${stageOf.get(c) ?? 'none'}`);
      expect([...ourElected].sort(), `${where}: elected`).toEqual([...officialElected].sort());
      expect(electedByStage(report, report.elected, stageOf), `${where}: elected, in order`).toEqual(
        electedByStage(
          report,
          row.electedInOrder.map((name) => report.candidates.indexOf(name)),
          stageOf,
        ),
      );

      const mismatches = compareStages(
        report,
        order.map((c) => report.candidates[c] ?? ''),
        official,
        order,
      );
      const described = mismatches
        .map((m) => `${row.wardTitle} stage ${m.stage}, ${m.candidate}: official ${m.expected}, counted ${m.got}`)
        .join('\n');
      expect(mismatches, `${where}:\n${described}`).toEqual(KNOWN_TYPOS[row.blt] ?? []);
    });
  }
});
