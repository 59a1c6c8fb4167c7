import type { Ballot, Election } from '../election.ts';
import { BallotFileError } from './format-error.ts';

/**
 * PrefLib's ordinal formats (PrefLib-Data FORMAT_SPECIFICATION): SOC and SOI (strict orders,
 * complete or incomplete), TOC and TOI (orders with ties, complete or incomplete):
 *
 *     # TITLE: 2002 Dublin North                  metadata: "# KEY: value" lines, first
 *     # DATA TYPE: soi
 *     # NUMBER ALTERNATIVES: 12
 *     # NUMBER VOTERS: 43942
 *     # NUMBER UNIQUE ORDERS: 19299
 *     # ALTERNATIVE NAME 1: Cathal Boland F.G.    one per alternative, numbered from 1
 *     800: 12,6,4                                 count: preferences, most preferred first
 *     3: 1,{2,3},4                                braces: equally ranked (TOC, TOI only)
 *
 * The file is checked against its own header: every alternative named, the data type obeyed
 * (no ties in SOC/SOI, every alternative ranked in SOC/TOC), the voters and unique orders
 * counted as declared. PrefLib has no seats: they are given by the caller. Anything wrong is
 * refused with its line number.
 */
export interface PreflibElection extends Election {
  /** The metadata lines, key (upper case, as written) → value, in file order. */
  readonly metadata: readonly { readonly key: string; readonly value: string }[];
  readonly dataType: 'soc' | 'soi' | 'toc' | 'toi';
}

const FORMAT = 'PrefLib';
const TYPES = ['soc', 'soi', 'toc', 'toi'] as const;

export function parsePreflib(text: string, options: { readonly seats?: number } = {}): PreflibElection {
  const seats = options.seats ?? 1;
  if (!Number.isSafeInteger(seats) || seats < 1) throw new RangeError(`seats must be a whole number ≥ 1, got ${seats}`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const metadata: { key: string; value: string; line: number }[] = [];
  let at = 0;
  for (; at < lines.length; at += 1) {
    const line = (lines[at] ?? '').trim();
    if (line === '') continue;
    if (!line.startsWith('#')) break;
    // The value is kept as written after "KEY: " (a name may end in a space), but for the key.
    const match = /^\s*#\s*([^:]+?)\s*:\s?(.*)$/.exec(lines[at] ?? '');
    if (match === null) throw new BallotFileError(FORMAT, at + 1, `a header line is "# KEY: value", got ${show(line)}`);
    metadata.push({ key: (match[1] ?? '').toUpperCase(), value: match[2] ?? '', line: at + 1 });
  }
  const headerEnd = at + 1;
  const get = (key: string): { value: string; line: number } | undefined => metadata.find((m) => m.key === key);
  const number = (key: string): { value: number; line: number } | null => {
    const entry = get(key);
    if (entry === undefined) return null;
    if (!/^\d+$/.test(entry.value.trim()) || !Number.isSafeInteger(Number(entry.value))) {
      throw new BallotFileError(FORMAT, entry.line, `# ${key} must be a whole number, got ${show(entry.value)}`);
    }
    return { value: Number(entry.value), line: entry.line };
  };

  const alternatives = number('NUMBER ALTERNATIVES');
  if (alternatives === null)
    throw new BallotFileError(FORMAT, headerEnd, 'the header lacks "# NUMBER ALTERNATIVES: n"');
  if (alternatives.value < 1)
    throw new BallotFileError(FORMAT, alternatives.line, 'there must be at least one alternative');
  const n = alternatives.value;
  const names: (string | undefined)[] = Array.from({ length: n }, () => undefined);
  for (const entry of metadata) {
    const match = /^ALTERNATIVE NAME (\d+)$/.exec(entry.key);
    if (match === null) continue;
    const i = Number(match[1]);
    if (i < 1 || i > n) {
      throw new BallotFileError(FORMAT, entry.line, `alternative ${i} does not exist (there are ${n})`);
    }
    if (names[i - 1] !== undefined) throw new BallotFileError(FORMAT, entry.line, `alternative ${i} is named twice`);
    names[i - 1] = entry.value;
  }
  const missing = names.findIndex((name) => name === undefined);
  if (missing >= 0)
    throw new BallotFileError(
      FORMAT,
      headerEnd,
      `alternative ${missing + 1} has no "# ALTERNATIVE NAME ${missing + 1}:" line`,
    );

  const typeEntry = get('DATA TYPE');
  const dataType = (typeEntry?.value.trim().toLowerCase() ?? 'toi') as PreflibElection['dataType'];
  if (typeEntry !== undefined && !TYPES.includes(dataType)) {
    throw new BallotFileError(
      FORMAT,
      typeEntry.line,
      `the data type must be one of ${TYPES.join(', ')}, got ${show(typeEntry.value)}`,
    );
  }
  const ties = dataType === 'toc' || dataType === 'toi';
  const complete = dataType === 'soc' || dataType === 'toc';

  const ballots: Ballot[] = [];
  let voters = 0;
  let orders = 0;
  for (; at < lines.length; at += 1) {
    const line = (lines[at] ?? '').trim();
    if (line === '') continue;
    const fail = (detail: string): never => {
      throw new BallotFileError(FORMAT, at + 1, detail);
    };
    if (line.startsWith('#')) fail('header lines must come before the orders');
    const match = /^(\d+)\s*:\s*(.*)$/.exec(line);
    if (match === null) fail(`an order is "count: a,b,{c,d},…", got ${show(line)}`);
    const count = Number(match?.[1]);
    if (!Number.isSafeInteger(count))
      fail(`the count ${match?.[1] ?? ''} is too large (at most ${Number.MAX_SAFE_INTEGER})`);
    if (count < 1) fail('the count of an order must be at least 1');
    const ranking: number[][] = [];
    const seen = new Set<number>();
    const body = match?.[2] ?? '';
    // Tokens: a number, or {a,b,…}, separated by commas.
    const token = /\s*(?:\{([^{}]*)\}|([^,{}]+))\s*(,|$)/y;
    let pos = 0;
    while (pos < body.length) {
      token.lastIndex = pos;
      const t = token.exec(body);
      if (t === null) fail(`cannot read the order at ${show(body.slice(pos))}`);
      const braced = t?.[1];
      if (braced !== undefined && !ties) fail(`equal rankings {…} are not allowed in ${dataType.toUpperCase()} data`);
      const words = (braced ?? t?.[2] ?? '').split(',').map((w) => w.trim());
      const group = words.map((word) => {
        if (!/^\d+$/.test(word)) fail(`${show(word)} is not an alternative number`);
        const c = Number(word);
        if (c < 1 || c > n) fail(`alternative ${word} does not exist (there are ${n})`);
        if (seen.has(c - 1)) fail(`alternative ${word} is ranked twice in this order`);
        seen.add(c - 1);
        return c - 1;
      });
      ranking.push(group);
      pos = token.lastIndex;
      if (t?.[3] === ',' && pos >= body.length) fail('the order ends with a comma');
    }
    if (ranking.length === 0) fail('an order must rank at least one alternative');
    if (complete && seen.size !== n)
      fail(`${dataType.toUpperCase()} orders rank every alternative: this one ranks ${seen.size} of ${n}`);
    ballots.push({ count, ranking });
    voters += count;
    orders += 1;
  }
  const declaredVoters = number('NUMBER VOTERS');
  if (declaredVoters !== null && declaredVoters.value !== voters) {
    throw new BallotFileError(
      FORMAT,
      declaredVoters.line,
      `the header declares ${declaredVoters.value} voters, the orders count ${voters}`,
    );
  }
  const declaredOrders = number('NUMBER UNIQUE ORDERS');
  if (declaredOrders !== null && declaredOrders.value !== orders) {
    throw new BallotFileError(
      FORMAT,
      declaredOrders.line,
      `the header declares ${declaredOrders.value} unique orders, there are ${orders}`,
    );
  }
  return {
    title: get('TITLE')?.value ?? '',
    seats,
    candidates: names.map((name) => ({ name: name ?? '', withdrawn: false })),
    ballots,
    metadata: metadata.map(({ key, value }) => ({ key, value })),
    dataType,
  };
}

/**
 * Writes an election as PrefLib SOI (or TOI if a ballot ranks candidates equally). PrefLib
 * cannot say that a candidate withdrew or that a rank was skipped, nor give a name on
 * several lines: such elections are refused (RangeError), never written wrong.
 */
export function formatPreflib(election: Election): string {
  const withdrawn = election.candidates.findIndex((c) => c.withdrawn);
  if (withdrawn >= 0) throw new RangeError(`PrefLib cannot record that candidate ${withdrawn + 1} withdrew`);
  for (const c of [election.title, ...election.candidates.map((c) => c.name)]) {
    if (/[\r\n]/.test(c)) throw new RangeError(`PrefLib cannot hold a line break in ${JSON.stringify(c)}`);
  }
  const ties = election.ballots.some((b) => b.ranking.some((group) => group.length > 1));
  let voters = 0;
  const body: string[] = [];
  for (const ballot of election.ballots) {
    if (ballot.ranking.length === 0) throw new RangeError('PrefLib cannot hold a ballot that ranks no one');
    const parts = ballot.ranking.map((group) => {
      if (group.length === 0) throw new RangeError('PrefLib cannot hold a skipped rank');
      const numbers = group.map((c) => String(c + 1));
      return group.length === 1 ? (numbers[0] ?? '') : `{${numbers.join(',')}}`;
    });
    body.push(`${ballot.count}: ${parts.join(',')}`);
    voters += ballot.count;
  }
  const header = [
    `# TITLE: ${election.title}`,
    `# DATA TYPE: ${ties ? 'toi' : 'soi'}`,
    `# NUMBER ALTERNATIVES: ${election.candidates.length}`,
    `# NUMBER VOTERS: ${voters}`,
    `# NUMBER UNIQUE ORDERS: ${election.ballots.length}`,
    ...election.candidates.map((c, i) => `# ALTERNATIVE NAME ${i + 1}: ${c.name}`),
  ];
  return `${[...header, ...body].join('\n')}\n`;
}

function show(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
