import type { Ballot, Candidate, Election } from '../election.ts';
import { BallotFileError } from './format-error.ts';

/**
 * The compact ranked-ballot CSV: one row per distinct ballot, `count,rank1,rank2,…`, as in
 * the aggregated cast-vote records of Minneapolis (ES&S) and RCTab's test data:
 *
 *     count,rank1,rank2,rank3          optional header (first field not a number)
 *     3864,MARK ANDREW,undervote,undervote
 *     27,overvote,undervote,undervote
 *     18,UWI,undervote,undervote
 *
 * Marks are read verbatim. How they become an {@link Election} (election.ts is not changed
 * for this format):
 * - a candidate's name → a group of one candidate;
 * - the skipped-rank mark (`undervote`) or an empty field → an empty group (a skipped rank);
 * - the overvote mark (`overvote`) → a group of ALL the candidates of the election: a group of
 *   two or more candidates is what an overvote is to IRV (see irv.ts), and the ES&S record
 *   does not say which candidates were marked, so none is singled out;
 * - the undeclared write-in mark (`UWI`) → an ordinary candidate with that name, whose index
 *   is returned in `marks.undeclaredWriteIn` so the count can eliminate it first.
 *
 * Candidates are the names given in `options.candidates` (then any other name is an error),
 * or else the distinct names in order of first appearance. Fields may be quoted CSV-style
 * (`"…"`, `""` for a quote). Every error names its line.
 */
export interface CompactCsvOptions {
  readonly title?: string;
  readonly seats?: number;
  /** The candidates, in this order; a name on a ballot that is not here is refused. */
  readonly candidates?: readonly string[];
  /** Default `overvote`. */
  readonly overvoteLabel?: string;
  /** Default `undervote`. An empty field is always a skipped rank. */
  readonly skippedRankLabel?: string;
  /** Default `UWI`. */
  readonly undeclaredWriteInLabel?: string;
}

export interface CompactCsvMarks {
  /** The candidate index standing for undeclared write-ins, if any ballot has one (or it was listed). */
  readonly undeclaredWriteIn: number | null;
  /** How many ballots (weighted by count) carry at least one overvote mark. */
  readonly overvotedBallots: number;
  /** The number of rank columns (the widest row). */
  readonly ranks: number;
}

export interface CompactCsvElection {
  readonly election: Election;
  readonly marks: CompactCsvMarks;
}

const OVERVOTE = Symbol('overvote');
const SKIP = Symbol('skip');

export function parseCompactCsv(text: string, options: CompactCsvOptions = {}): CompactCsvElection {
  const overvoteLabel = options.overvoteLabel ?? 'overvote';
  const skipLabel = options.skippedRankLabel ?? 'undervote';
  const uwiLabel = options.undeclaredWriteInLabel ?? 'UWI';
  const fixed = options.candidates !== undefined;
  const names: string[] = [];
  const index = new Map<string, number>();
  for (const name of options.candidates ?? []) {
    if (index.has(name)) throw new BallotFileError('CSV', 0, `candidate ${JSON.stringify(name)} is listed twice`);
    index.set(name, names.length);
    names.push(name);
  }
  const rows: { count: number; marks: (number | typeof OVERVOTE | typeof SKIP)[] }[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let ranks = 0;
  let overvotedBallots = 0;
  const firstContent = lines.findIndex((line) => line.trim() !== '');
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const lineNumber = i + 1;
    if (line.trim() === '') continue;
    const fields = splitCsvLine(line, lineNumber);
    const first = (fields[0] ?? '').trim();
    if (i === firstContent && !/^\d+$/.test(first)) continue; // the header row
    if (!/^\d+$/.test(first)) {
      throw new BallotFileError('CSV', lineNumber, `the count ${JSON.stringify(first)} is not a whole number`);
    }
    const count = Number(first);
    if (!Number.isSafeInteger(count) || count < 1) {
      throw new BallotFileError('CSV', lineNumber, `the count ${first} must be a positive safe integer`);
    }
    const marks: (number | typeof OVERVOTE | typeof SKIP)[] = [];
    let overvoted = false;
    for (const raw of fields.slice(1)) {
      const field = raw.trim();
      if (field === '' || field === skipLabel) marks.push(SKIP);
      else if (field === overvoteLabel) {
        marks.push(OVERVOTE);
        overvoted = true;
      } else {
        let candidate = index.get(field);
        if (candidate === undefined) {
          if (fixed && field !== uwiLabel) {
            throw new BallotFileError('CSV', lineNumber, `${JSON.stringify(field)} is not one of the candidates`);
          }
          candidate = names.length;
          index.set(field, candidate);
          names.push(field);
        }
        marks.push(candidate);
      }
    }
    if (overvoted) overvotedBallots += count;
    ranks = Math.max(ranks, marks.length);
    rows.push({ count, marks });
  }
  if (overvotedBallots > 0 && names.length < 2) {
    throw new BallotFileError('CSV', 0, 'an overvote needs at least two candidates in the election');
  }
  const everyone = names.map((_, candidate) => candidate);
  const ballots: Ballot[] = rows.map(({ count, marks }) => ({
    count,
    ranking: marks.map((mark) => (mark === SKIP ? [] : mark === OVERVOTE ? everyone : [mark])),
  }));
  const candidates: Candidate[] = names.map((name) => ({ name, withdrawn: false }));
  return {
    election: { title: options.title ?? '', seats: options.seats ?? 1, candidates, ballots },
    marks: { undeclaredWriteIn: index.get(uwiLabel) ?? null, overvotedBallots, ranks },
  };
}

function splitCsvLine(line: string, lineNumber: number): string[] {
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    if (line[at] === '"') {
      let value = '';
      at += 1;
      for (;;) {
        const quote = line.indexOf('"', at);
        if (quote < 0) throw new BallotFileError('CSV', lineNumber, 'a quoted field is not closed');
        value += line.slice(at, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          at = quote + 2;
        } else {
          at = quote + 1;
          break;
        }
      }
      fields.push(value);
      if (at === line.length) return fields;
      if (line[at] !== ',') throw new BallotFileError('CSV', lineNumber, 'text after a closing quote');
      at += 1;
    } else {
      const comma = line.indexOf(',', at);
      if (comma < 0) {
        fields.push(line.slice(at));
        return fields;
      }
      fields.push(line.slice(at, comma));
      at = comma + 1;
    }
  }
}

export interface FormatCompactCsvOptions {
  /** Rank columns to write (default: the longest ranking); shorter rankings are padded with skips. */
  readonly ranks?: number;
  readonly header?: boolean;
  readonly overvoteLabel?: string;
  readonly skippedRankLabel?: string;
}

/**
 * Writes an election as compact CSV. A group of two or more candidates is written as the
 * overvote mark (the format cannot say which candidates: this loses information, as the
 * ES&S record itself does); an empty group as the skipped-rank mark. Names that contain a
 * comma, a quote or surrounding spaces are quoted.
 */
export function formatCompactCsv(election: Election, options: FormatCompactCsvOptions = {}): string {
  const overvoteLabel = options.overvoteLabel ?? 'overvote';
  const skipLabel = options.skippedRankLabel ?? 'undervote';
  let ranks = options.ranks ?? 0;
  if (options.ranks === undefined)
    for (const ballot of election.ballots) ranks = Math.max(ranks, ballot.ranking.length);
  const quote = (field: string): string =>
    /[",\r\n]/.test(field) || field.trim() !== field ? `"${field.replaceAll('"', '""')}"` : field;
  const out: string[] = [];
  if (options.header ?? true) {
    out.push(['count', ...Array.from({ length: ranks }, (_, i) => `rank${i + 1}`)].join(','));
  }
  for (const ballot of election.ballots) {
    if (ballot.ranking.length > ranks) throw new RangeError(`a ballot has more than ${ranks} rankings`);
    const fields = [String(ballot.count)];
    for (let i = 0; i < ranks; i += 1) {
      const group = ballot.ranking[i] ?? [];
      if (group.length === 0) fields.push(skipLabel);
      else if (group.length > 1) fields.push(overvoteLabel);
      else {
        const name = election.candidates[group[0] ?? -1]?.name;
        if (name === undefined) throw new RangeError(`no candidate ${String(group[0])}`);
        fields.push(quote(name));
      }
    }
    out.push(fields.join(','));
  }
  return `${out.join('\n')}\n`;
}
