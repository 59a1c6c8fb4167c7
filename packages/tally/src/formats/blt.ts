import type { Ballot, Candidate, Election } from '../election.ts';
import { BallotFileError } from './format-error.ts';

/**
 * The BLT ballot format (Hill, Wichmann & Woodall; used by OpenSTV, Droop, eSTV, the
 * Scottish councils' published preference data), as found in real files:
 *
 *     7 4                      candidates, seats
 *     -2 -5                    optional: withdrawn candidates, negated (any number of such lines)
 *     [nick a b c]             optional (stv-rs): candidates' nicknames, usable in ballots
 *     [withdrawn a b]          optional (stv-rs): withdrawn candidates by nickname
 *     [tie c a b]              optional (stv-rs): an order for breaking ties (kept, see `tieOrder`)
 *     64 1 0                   ballots: count, preferences (number or nickname), 0
 *     1 1=2 3 0                equal rankings joined by '=' (where the rule allows them)
 *     0                        end of ballots
 *     Barney CROCKETT (Lab)    one name per candidate: quoted ("…", "" for a quote) or not
 *     "Ward title"             the title (quoted or not; may lack a final newline)
 *
 * Blank lines and lines starting with '#' are ignored between sections; other bracketed
 * options are kept for the rules that know them, lines after the title as comments. Anything
 * wrong is refused with its line number; nothing is guessed.
 */
export interface BltElection extends Election {
  /** stv-rs `[tie …]`: the order in which ties are broken (stv-rs defeats the tied candidate listed first), if given. */
  readonly tieOrder: readonly number[] | null;
  /** Other bracketed options (Droop's `[droop …]`, `[undeclared …]`), for the rules that read them. */
  readonly options: readonly { readonly keyword: string; readonly words: readonly string[] }[];
  /** Lines after the title (sources, notes), which the format treats as comments. */
  readonly comments: readonly string[];
}

export function parseBlt(text: string): BltElection {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // The number of the file's last line (a final newline ends that line, it does not start one).
  const lastLine = lines.at(-1) === '' ? lines.length - 1 : lines.length;
  let at = 0;
  const fail = (detail: string, line = at + 1): never => {
    throw new BallotFileError('BLT', line, detail);
  };
  const skipBlank = (): void => {
    while (at < lines.length && (lines[at]?.trim() === '' || lines[at]?.trim().startsWith('#'))) at += 1;
  };

  skipBlank();
  const header = (lines[at] ?? '').trim().split(/\s+/);
  if (header.length !== 2 || !header.every((w) => /^\d+$/.test(w))) {
    fail(`the first line must be "<candidates> <seats>", got ${quote(lines[at] ?? '')}`);
  }
  const candidateCount = Number(header[0]);
  const seats = Number(header[1]);
  if (candidateCount < 1) fail('there must be at least one candidate');
  if (seats < 1) fail('there must be at least one seat');
  at += 1;

  const withdrawn = new Set<number>();
  let nicknames: Map<string, number> | null = null;
  let tieOrder: number[] | null = null;
  const options: { keyword: string; words: string[] }[] = [];
  const candidateOf = (word: string, line: number): number => {
    if (/^\d+$/.test(word)) {
      const n = Number(word);
      if (n < 1 || n > candidateCount) fail(`candidate ${word} does not exist (there are ${candidateCount})`, line);
      return n - 1;
    }
    const index = nicknames?.get(word);
    return index ?? fail(`${quote(word)} is neither a candidate number nor a nickname`, line);
  };

  // Options: withdrawn lines and stv-rs bracketed lines, in any order, before the ballots.
  for (;;) {
    skipBlank();
    const line = (lines[at] ?? '').trim();
    if (/^-\d+(\s+-\d+)*$/.test(line)) {
      for (const word of line.split(/\s+/)) withdrawn.add(candidateOf(word.slice(1), at + 1));
      at += 1;
      continue;
    }
    const bracket = /^\[(\w+)((?:\s+\S+)*)\s*\]$/.exec(line);
    if (bracket === null) break;
    const [, keyword, rest = ''] = bracket;
    const words = rest.trim() === '' ? [] : rest.trim().split(/\s+/);
    if (keyword === 'nick') {
      if (words.length !== candidateCount)
        fail(`[nick] names ${words.length} candidates, the header says ${candidateCount}`);
      if (new Set(words).size !== words.length) fail('[nick] gives the same nickname twice');
      nicknames = new Map(words.map((w, i) => [w, i]));
    } else if (keyword === 'withdrawn') {
      for (const word of words) withdrawn.add(candidateOf(word, at + 1));
    } else if (keyword === 'tie') {
      tieOrder = words.map((word) => candidateOf(word, at + 1));
      if (new Set(tieOrder).size !== tieOrder.length) fail('[tie] lists a candidate twice');
    } else {
      options.push({ keyword: keyword ?? '', words });
    }
    at += 1;
  }

  const ballots: Ballot[] = [];
  const seenOn = new Float64Array(candidateCount);
  let ballotNumber = 0;
  for (;;) {
    if (at >= lines.length) fail('the ballots never end: a line "0" must follow the last ballot', lastLine);
    const raw = (lines[at] ?? '').trim();
    if (raw === '' || raw.startsWith('#')) {
      at += 1;
      continue;
    }
    if (raw === '0') {
      at += 1;
      break;
    }
    const words = (raw.startsWith('(') ? raw.replace(/^\(\S*\)\s+/, '') : raw).split(/\s+/); // an optional "(ballot id)"
    const countWord = words[0] ?? '';
    if (!/^\d+$/.test(countWord)) fail(`a ballot starts with how many voters cast it, got ${quote(countWord)}`);
    const count = Number(countWord);
    if (!Number.isSafeInteger(count))
      fail(`the ballot count ${countWord} is too large (at most ${Number.MAX_SAFE_INTEGER})`);
    if (words.length < 2 || words[words.length - 1] !== '0') fail('a ballot ends with 0');
    const ranking: number[][] = [];
    // Candidates seen on this ballot: marked with the ballot's number, so no set per ballot.
    ballotNumber += 1;
    for (let w = 1; w < words.length - 1; w += 1) {
      const word = words[w] ?? '';
      if (word === '-') {
        ranking.push([]); // a skipped rank, kept so that rules about skipped ranks can see it
        continue;
      }
      const small = smallNumber(word);
      const group =
        small >= 1 && small <= candidateCount ? [small - 1] : word.split('=').map((part) => candidateOf(part, at + 1));
      for (const c of group) {
        if (seenOn[c] === ballotNumber) fail(`candidate ${c + 1} is ranked twice on this ballot`);
        seenOn[c] = ballotNumber;
      }
      ranking.push(group);
    }
    if (count > 0) ballots.push({ count, ranking });
    at += 1;
  }

  const names: string[] = [];
  for (let i = 0; i < candidateCount; i += 1) {
    skipBlank();
    if (at >= lines.length) fail(`${candidateCount} candidate names are needed, found ${i}`, lastLine);
    names.push(unquote(lines[at] ?? '', at + 1));
    at += 1;
  }
  skipBlank();
  const title = at < lines.length ? unquote(lines[at] ?? '', at + 1) : '';
  at += 1;
  const comments = lines
    .slice(at)
    .map((line) => line.trim())
    .filter((line) => line !== '');

  const candidates: Candidate[] = names.map((name, i) => ({ name, withdrawn: withdrawn.has(i) }));
  return { title, seats, candidates, ballots, tieOrder, options, comments };
}

/** A word of 1–6 decimal digits as a number, or -1 (the common case of a preference, read fast). */
function smallNumber(word: string): number {
  if (word.length === 0 || word.length > 6) return -1;
  let n = 0;
  for (let i = 0; i < word.length; i += 1) {
    const digit = word.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * A candidate name or title: "quoted, with "" for a quote", or the whole line as it is.
 * Trailing commas (left by spreadsheet exports) are dropped.
 */
function unquote(line: string, lineNumber: number): string {
  const text = line.trim();
  if (!text.startsWith('"')) return text.replace(/,+$/, '').trim();
  let out = '';
  for (let i = 1; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (ch !== '"') {
      out += ch;
      continue;
    }
    if (text[i + 1] === '"') {
      out += '"';
      i += 1;
      continue;
    }
    const after = text.slice(i + 1);
    if (!/^[\s,]*$/.test(after)) {
      throw new BallotFileError('BLT', lineNumber, `text after the closing quote: ${quote(after)}`);
    }
    return out;
  }
  throw new BallotFileError('BLT', lineNumber, 'a quoted name has no closing quote');
}

/** Writes an election as BLT: numbered preferences, withdrawn line, quoted names and title. */
export function formatBlt(election: Election): string {
  const out: string[] = [`${election.candidates.length} ${election.seats}`];
  const withdrawn = election.candidates.flatMap((c, i) => (c.withdrawn ? [`-${i + 1}`] : []));
  if (withdrawn.length > 0) out.push(withdrawn.join(' '));
  for (const ballot of election.ballots) {
    const prefs = ballot.ranking.map((group) => (group.length === 0 ? '-' : group.map((c) => c + 1).join('=')));
    out.push([ballot.count, ...prefs, 0].join(' '));
  }
  out.push('0');
  for (const c of election.candidates) out.push(quoteName(c.name));
  out.push(quoteName(election.title));
  return `${out.join('\n')}\n`;
}

function quoteName(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
