import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Rational } from '../../packages/tally/src/apportionment.ts';

/**
 * Reading the Bundeswahlleiterin's seat calculations (pdftotext -layout extracts, see
 * ../shared/data/counting/SOURCES.md): the shared number formats, and parsers for the tables of
 * the second distribution — 6.1.3 (minimum seats), 6.1.4 with 6.2.3 (the increase of the total),
 * 6.1.5 with 6.2.4 (the 2. Unterverteilung and its iterations) and 6.1.6 (the result). Every
 * figure the tests use is read here from the extract; none is typed in.
 */

const DATA = join(import.meta.dirname, '../../../shared/data/counting');

export function readData(relativePath: string): string {
  const path = join(DATA, relativePath);
  if (!existsSync(path)) {
    throw new Error(
      `counting data ${relativePath} is missing: expected it at ${path}. The data live in the shared ` +
        'folder beside the repository (shared/data/counting/SOURCES.md); they are required, not optional.',
    );
  }
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
}

/** "1.669.995" → 1669995n. */
export function integer(text: string): bigint {
  return BigInt(text.replaceAll('.', ''));
}

/** "122.704,569" → 122704569/1000 exactly. */
export function german(text: string): Rational {
  const [whole = '', fraction = ''] = text.replaceAll('.', '').split(',');
  return new Rational(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}

/** A seat count as printed: "12", "–" (none) or "–1" (minus one). */
export function seats(text: string): number {
  if (text === '–') return 0;
  if (!/^–?\d+$/.test(text)) throw new Error(`not a seat count: ${JSON.stringify(text)}`);
  return text.startsWith('–') ? -Number(text.slice(1)) : Number(text);
}

/** x to 3 places as the tables show it: rounded half up (2017) or truncated ("abgerundet", 2021). */
export function shown(x: Rational, mode: 'round' | 'truncate'): Rational {
  const scaled = x.mul(new Rational(1000n)).add(new Rational(mode === 'round' ? 1n : 0n, 2n));
  return new Rational(scaled.floor(), 1000n);
}

/** "n/d" or "n" → Rational. */
export function exact(text: string): Rational {
  const [n = '0', d = '1'] = text.split('/');
  return new Rational(BigInt(n), BigInt(d));
}

const NUMBER = /^–?\d{1,3}(?:\.\d{3})*(?:,\d+)?$/;
const MULTIPLIER = /^\d+,5$/;

function isNumber(text: string): boolean {
  return text === '–' || NUMBER.test(text);
}

/** The cells of a line: the text between runs of two or more spaces. */
function cells(line: string): string[] {
  const trimmed = line.trim();
  return trimmed === '' ? [] : trimmed.split(/\s{2,}/);
}

/** The lines of one section: from its heading ("6.1.3 …") to the next one's. */
function section(text: string, from: string, to: string | null): string[] {
  const lines = text.split('\n');
  const heading = (number: string): number =>
    lines.findIndex((l) => new RegExp(`^${number.replaceAll('.', '\\.')}\\s`).test(l.trim()));
  const start = heading(from);
  const end = to === null ? lines.length : heading(to);
  if (start < 0 || end < 0 || end < start) throw new Error(`section ${from} not found`);
  return lines.slice(start, end);
}

/** Splits a section into the blocks after each line that names a party ("CDU"; "noch: CDU" continues it). */
function byParty(lines: readonly string[], parties: readonly string[]): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trim();
    const party = parties.find((p) => trimmed === p || trimmed === `noch: ${p}`);
    if (party !== undefined) {
      current = blocks.get(party) ?? [];
      blocks.set(party, current);
    } else current?.push(line);
  }
  return blocks;
}

function field(lines: readonly string[], pattern: RegExp, what: string): RegExpExecArray {
  for (const line of lines) {
    const m = pattern.exec(line.trim());
    if (m !== null) return m;
  }
  throw new Error(`${what}: ${String(pattern)} not found`);
}

function maybeField(lines: readonly string[], pattern: RegExp): RegExpExecArray | null {
  for (const line of lines) {
    const m = pattern.exec(line.trim());
    if (m !== null) return m;
  }
  return null;
}

/** Rows of a table: lines whose first cell is one of `names` and whose other cells are all numbers. */
function rows(lines: readonly string[], names: readonly string[]): { name: string; values: string[] }[] {
  const out: { name: string; values: string[] }[] = [];
  for (const line of lines) {
    const [name = '', ...values] = cells(line);
    if (names.includes(name) && values.length > 0 && values.every(isNumber)) out.push({ name, values });
  }
  return out;
}

const SPAN = /^Mögliche Divisorspanne:\s+> ([\d.,]+) und (?:<=|≤) ([\d.,]+)$/;
const CHOSEN = /^Ausgewählter Divisor:\s+([\d.,]+)$/;
const STATEMENT = /^Bei der Berechnung mit dem Anfangsdivisor (.*)$/;

export type Direction = 'up' | 'down' | 'exact';

/** "… würden insgesamt 216 statt 200 Sitze … heraufzusetzen." → the seats and the direction. */
function statement(text: string, seats: number): { total: number; direction: Direction } {
  const m = /insgesamt (\d+) statt (\d+) Sitze/.exec(text);
  const direction: Direction = text.includes('heraufzusetzen')
    ? 'up'
    : text.includes('herabzusetzen')
      ? 'down'
      : text.includes('genau getroffen')
        ? 'exact'
        : (() => {
            throw new Error(`statement not understood: ${text}`);
          })();
  return { total: m === null ? seats : Number(m[1]), direction };
}

// --- 6.1.4: the parties -----------------------------------------------------------------------

export interface IncreaseRow {
  readonly party: string;
  /** 2017: garantierte Mindestsitzzahl; 2021: Mindestsitzanspruch (with overhang). */
  readonly claim: number;
  /** 2021: drohender Überhang. */
  readonly overhang: number | null;
  readonly votes: bigint;
  readonly quotient: Rational;
  readonly rounded: number;
  /** 2021: verbleibender Überhang, Sitze insgesamt, Sitze nach Sitzkontingenten. */
  readonly unbalanced: number | null;
  readonly total: number;
  readonly firstSeats: number | null;
  /** Erhöhung um … Sitze. */
  readonly increase: number;
}

export interface IncreaseTable {
  readonly votes: bigint | null;
  readonly claimTotal: number | null;
  /** 2017: "Anfangsdivisor: 44.189.959 : 644 = 68.617,949", and that the minimum is not met with it. */
  readonly initial: Rational | null;
  readonly initialMeetsMinimum: boolean | null;
  readonly lower: Rational;
  readonly upper: Rational;
  readonly divisor: Rational;
  readonly rows: readonly IncreaseRow[];
  /** The "Insgesamt" row, its numbers in order. */
  readonly sum: readonly string[];
}

export function parseIncrease(text: string, year: 2017 | 2021): IncreaseTable {
  const lines = section(text, '6.1.4', '6.1.5');
  const span = field(lines, SPAN, '6.1.4');
  const initial = maybeField(lines, /^Anfangsdivisor:\s+[\d.]+ : \d+ [=≈] ([\d.,]+)$/);
  const said = maybeField(lines, STATEMENT);
  const parsed: IncreaseRow[] = [];
  let sum: string[] | null = null;
  for (const line of lines) {
    const [name = '', ...values] = cells(line);
    if (values.length < 4 || !values.every(isNumber)) continue;
    if (name === 'Insgesamt') {
      sum = values;
      continue;
    }
    if (values.length < 5) continue;
    const base = year === 2017 ? 5 : 9;
    // The divisor is printed once, in the middle row, after the votes.
    const v = values.length === base + 1 ? values.filter((_, i) => i !== (year === 2017 ? 2 : 3)) : values;
    if (v.length !== base) throw new Error(`6.1.4: unexpected row ${line}`);
    const at = (i: number): string => v[i] ?? '';
    parsed.push(
      year === 2017
        ? {
            party: name,
            claim: seats(at(0)),
            overhang: null,
            votes: integer(at(1)),
            quotient: german(at(2)),
            rounded: seats(at(3)),
            unbalanced: null,
            total: seats(at(3)),
            firstSeats: null,
            increase: seats(at(4)),
          }
        : {
            party: name,
            claim: seats(at(0)),
            overhang: seats(at(1)),
            votes: integer(at(2)),
            quotient: german(at(3)),
            rounded: seats(at(4)),
            unbalanced: seats(at(5)),
            total: seats(at(6)),
            firstSeats: seats(at(7)),
            increase: seats(at(8)),
          },
    );
  }
  if (sum === null) throw new Error('6.1.4: no Insgesamt row');
  return {
    votes:
      year === 2017 ? integer(field(lines, /^Zu berücksichtigende Zweitstimmen:\s+([\d.]+)$/, '6.1.4')[1] ?? '') : null,
    claimTotal: year === 2017 ? Number(field(lines, /^Mindestsitzzahl:\s+(\d+)$/, '6.1.4')[1]) : null,
    initial: initial === null ? null : german(initial[1] ?? ''),
    initialMeetsMinimum: said === null ? null : !(said[1] ?? '').includes('nicht für jede Partei erreicht'),
    lower: german(span[1] ?? ''),
    upper: german(span[2] ?? ''),
    divisor: german(field(lines, CHOSEN, '6.1.4')[1] ?? ''),
    rows: parsed,
    sum,
  };
}

// --- 6.2.3: the steps of the increase ---------------------------------------------------------

export interface PublishedDivisor {
  readonly multiplier: Rational;
  readonly divisor: Rational;
}

export interface IncreaseSteps {
  /** Step 1: votes ÷ (minimum − 0.5) per party (2021: without overhang). */
  readonly partyDivisors: ReadonlyMap<string, PublishedDivisor>;
  /** Step 1, 2021: votes ÷ (claim − 0.5, − 1.5, …) for the parties with overhang. */
  readonly overhangDivisors: ReadonlyMap<string, readonly PublishedDivisor[]>;
  /** 2021: the smallest party divisor and the fourth smallest overhang divisor, as stated. */
  readonly smallestPartyDivisor: Rational | null;
  readonly overhangBound: Rational | null;
  readonly upper: Rational;
  /** Step 2, per party: votes at the upper end, the quotient, its seats, and votes ÷ (seats + 0.5). */
  readonly atUpper: ReadonlyMap<
    string,
    { votes: bigint; quotient: Rational; seats: number; multiplier: Rational; divisor: Rational }
  >;
  readonly upperSeatsTotal: number;
  readonly lower: Rational;
  readonly upper2: Rational;
  readonly divisor: Rational;
}

export function parseIncreaseSteps(text: string, year: 2017 | 2021, parties: readonly string[]): IncreaseSteps {
  const lines = section(text, '6.2.3', '6.2.4');
  const split = lines.findIndex((l) => l.trim().startsWith('2. Berechnungsschritt'));
  const first = lines.slice(0, split);
  const second = lines.slice(split);
  const partyDivisors = new Map<string, PublishedDivisor>();
  const overhangDivisors = new Map<string, PublishedDivisor[]>();
  for (const { name, values } of rows(first, parties)) {
    const [, m0 = '', d0 = '', ...rest] = values;
    partyDivisors.set(name, { multiplier: german(m0), divisor: german(d0) });
    if (year === 2021) {
      const list: PublishedDivisor[] = [];
      for (let i = 0; i < rest.length; i += 1) {
        if (rest[i] === '–') continue;
        list.push({ multiplier: german(rest[i] ?? ''), divisor: german(rest[i + 1] ?? '') });
        i += 1;
      }
      overhangDivisors.set(name, list);
    }
  }
  const upper =
    year === 2017
      ? field(
          first,
          /^Der kleinste dieser Divisoren bildet die Obergrenze für die Divisorspanne:\s+([\d.,]+)$/,
          '6.2.3',
        )
      : field(first, /^Minimum aus beiden Divisoren bildet Obergrenze für Divisorspanne:\s+([\d.,]+)\.?$/, '6.2.3');
  const atUpper = new Map<
    string,
    { votes: bigint; quotient: Rational; seats: number; multiplier: Rational; divisor: Rational }
  >();
  for (const { name, values } of rows(second, parties)) {
    const v = values.length === 6 ? values.filter((_, i) => i !== 1) : values;
    const [votes = '', quotient = '', rounded = '', multiplier = '', divisor = ''] = v;
    atUpper.set(name, {
      votes: integer(votes),
      quotient: german(quotient),
      seats: seats(rounded),
      multiplier: german(multiplier),
      divisor: german(divisor),
    });
  }
  const total = field(second, /^Insgesamt\s+[\d.]+\s+(\d+)$/, '6.2.3');
  const span = field(second, SPAN, '6.2.3');
  const smallest = maybeField(first, /^Kleinster Parteien-Divisor für Mindestsitzanspruch ohne Überhang:\s+([\d.,]+)$/);
  const bound = maybeField(
    first,
    /^Viertkleinster Parteien-Divisor für Mindestsitzanspruch mit Überhang:\s+([\d.,]+)$/,
  );
  return {
    partyDivisors,
    overhangDivisors,
    smallestPartyDivisor: smallest === null ? null : german(smallest[1] ?? ''),
    overhangBound: bound === null ? null : german(bound[1] ?? ''),
    upper: german(upper[1] ?? ''),
    atUpper,
    upperSeatsTotal: Number(total[1]),
    lower: german(span[1] ?? ''),
    upper2: german(span[2] ?? ''),
    divisor: german(field(second, CHOSEN, '6.2.3')[1] ?? ''),
  };
}

// --- 6.1.3: minimum seats ---------------------------------------------------------------------

export interface MinimumRow {
  readonly land: string;
  readonly values: readonly number[];
}

/**
 * The tables of 6.1.3, per party and "Insgesamt": each Land's numbers in the printed column
 * order, and the sum row (Zusammen / Bundesgebiet). 2017: Sitzkontingent, Wahlkreissitze,
 * Maximum, Überhang ("Insgesamt": Sitzkontingent, Wahlkreissitze, Sitze nach erster
 * Unterverteilung, Überhang). 2021: Sitzkontingent, Wahlkreissitze, drohender Überhang,
 * Mittelwert, Mindestsitzzahl ("Insgesamt": the first three); the sum row has no Mittelwert.
 * A party with a single Landesliste may have no sum row (null).
 */
export function parseMinimums(
  text: string,
  parties: readonly string[],
  laender: readonly string[],
): Map<string, { rows: MinimumRow[]; sum: number[] | null }> {
  const blocks = byParty(section(text, '6.1.3', '6.1.4'), ['Insgesamt', ...parties]);
  const out = new Map<string, { rows: MinimumRow[]; sum: number[] | null }>();
  for (const [party, lines] of blocks) {
    const table = rows(lines, laender).map((r) => ({ land: r.name, values: r.values.map(seats) }));
    // A party with one Landesliste may have no sum row (2017: CSU).
    const sum = rows(lines, ['Zusammen', 'Bundesgebiet'])[0]?.values.map(seats) ?? null;
    out.set(party, { rows: table, sum });
  }
  return out;
}

// --- 6.1.5: the 2. Unterverteilung ------------------------------------------------------------

export interface ListRow {
  readonly land: string;
  readonly votes: bigint;
  readonly quotient: Rational;
  readonly rounded: number;
  readonly minimum: number;
  readonly seats: number;
}

export interface Subdistribution {
  readonly party: string;
  readonly votes: bigint;
  readonly seats: number;
  readonly initial: Rational;
  readonly initialTotal: number;
  readonly direction: Direction;
  readonly lower: Rational;
  readonly upper: Rational;
  readonly divisor: Rational;
  readonly rows: readonly ListRow[];
  /** Bundesgebiet: votes, Σ minimum, Σ seats. */
  readonly sum: { votes: bigint; minimum: number; seats: number };
}

/** Rows "Land votes [divisor] quotient rounded minimum seats" (6.1.5 and the first step of 6.2.4). */
function listRows(lines: readonly string[], laender: readonly string[]): ListRow[] {
  return rows(lines, laender).map(({ name, values }) => {
    const v = values.length === 6 ? values.filter((_, i) => i !== 1) : values;
    if (v.length !== 5) throw new Error(`unexpected list row for ${name}: ${values.join(' | ')}`);
    const [votes = '', quotient = '', rounded = '', minimum = '', allocated = ''] = v;
    return {
      land: name,
      votes: integer(votes),
      quotient: german(quotient),
      rounded: seats(rounded),
      minimum: seats(minimum),
      seats: seats(allocated),
    };
  });
}

function sumRow(lines: readonly string[], what: string): { votes: bigint; minimum: number; seats: number } {
  const row = rows(lines, ['Bundesgebiet'])[0];
  const [votes = '', minimum = '', allocated = ''] = row?.values ?? [];
  if (row?.values.length !== 3) throw new Error(`${what}: no Bundesgebiet row`);
  return { votes: integer(votes), minimum: seats(minimum), seats: seats(allocated) };
}

export function parseSubdistributions(
  text: string,
  parties: readonly string[],
  laender: readonly string[],
): Subdistribution[] {
  const out: Subdistribution[] = [];
  for (const [party, lines] of byParty(section(text, '6.1.5', '6.1.6'), parties)) {
    if (maybeField(lines, /^Zu verteilende Sitze:/) === null) continue; // a single Landesliste: "entfällt"
    const seatCount = Number(field(lines, /^Zu verteilende Sitze:\s+(\d+)$/, party)[1]);
    const span = field(lines, SPAN, party);
    const said = statement(field(lines, STATEMENT, party)[1] ?? '', seatCount);
    out.push({
      party,
      votes: integer(field(lines, /^Zu berücksichtigende Zweitstimmen:\s+([\d.]+)$/, party)[1] ?? ''),
      seats: seatCount,
      initial: german(field(lines, /^Anfangsdivisor:\s+[\d.]+ : \d+ [=≈] ([\d.,]+)$/, party)[1] ?? ''),
      initialTotal: said.total,
      direction: said.direction,
      lower: german(span[1] ?? ''),
      upper: german(span[2] ?? ''),
      divisor: german(field(lines, CHOSEN, party)[1] ?? ''),
      rows: listRows(lines, laender),
      sum: sumRow(lines, `6.1.5 ${party}`),
    });
  }
  return out;
}

// --- 6.2.4: the iterations of the 2. Unterverteilung ------------------------------------------

export interface IterationRow {
  readonly land: string;
  readonly votes: bigint;
  /** The published candidates: multiplier (seats ∓ 0.5 …) and divisor. */
  readonly candidates: readonly PublishedDivisor[];
  readonly rounded: number;
  readonly seats: number;
}

export interface Iteration {
  /** "1. Iterationsschritt" → 1; "Ermittlung der Divisorspanne" (seats met at once) → 0. */
  readonly number: number;
  readonly rows: readonly IterationRow[];
  readonly lower: Rational;
  readonly upper: Rational;
  readonly divisor: Rational;
  readonly total: number;
}

export interface IterationTables {
  readonly party: string;
  readonly seats: number;
  readonly initial: Rational;
  readonly initialRows: readonly ListRow[];
  readonly initialSum: { votes: bigint; minimum: number; seats: number };
  readonly direction: Direction;
  readonly iterations: readonly Iteration[];
  readonly lower: Rational;
  readonly upper: Rational;
  readonly divisor: Rational;
}

function iteration(number: number, lines: readonly string[], laender: readonly string[]): Iteration {
  const parsed: IterationRow[] = [];
  const span: { lower: Rational | null; upper: Rational | null } = { lower: null, upper: null };
  let divisor: Rational | null = null;
  let total: number | null = null;
  const marker = (cell: string): boolean => {
    const low = /^>\s*([\d.,]+)$/.exec(cell);
    const high = /^(?:<=|≤)\s*([\d.,]+)$/.exec(cell);
    if (low !== null) span.lower = german(low[1] ?? '');
    else if (high !== null) span.upper = german(high[1] ?? '');
    return low !== null || high !== null;
  };
  for (const line of lines) {
    const [name = '', ...rest] = cells(line);
    if (name === 'Bundesgebiet') {
      total = seats(rest[rest.length - 1] ?? '');
      continue;
    }
    if (!laender.includes(name)) {
      // A line of the middle column alone: "<= 63.643,822", or the divisor by itself.
      for (const cell of [name, ...rest]) marker(cell);
      if (rest.length === 0 && NUMBER.test(name) && /^\s*[\d.,]+\s*$/.test(line)) divisor = german(name);
      continue;
    }
    const [votes = '', ...middleAndSeats] = rest;
    const rounded = middleAndSeats[middleAndSeats.length - 2] ?? '';
    const allocated = middleAndSeats[middleAndSeats.length - 1] ?? '';
    const middle = middleAndSeats.slice(0, -2);
    const candidates: PublishedDivisor[] = [];
    for (let i = 0; i < middle.length; i += 1) {
      const cell = middle[i] ?? '';
      const next = middle[i + 1] ?? '';
      if (MULTIPLIER.test(cell) && NUMBER.test(next)) {
        candidates.push({ multiplier: german(cell), divisor: german(next) });
        i += 1;
      } else if (cell === '–' || marker(cell)) continue;
      else if (NUMBER.test(cell)) divisor = german(cell);
      // else a label of the middle column ("Divisorspanne:", "und", "Ausgewählter", "Divisor:")
    }
    parsed.push({ land: name, votes: integer(votes), candidates, rounded: seats(rounded), seats: seats(allocated) });
  }
  const { lower, upper } = span;
  if (lower === null || upper === null || divisor === null || total === null)
    throw new Error(`iteration ${number}: span, divisor or total not found`);
  return { number, rows: parsed, lower, upper, divisor, total };
}

export function parseIterations(
  text: string,
  parties: readonly string[],
  laender: readonly string[],
): IterationTables[] {
  const out: IterationTables[] = [];
  for (const [party, lines] of byParty(section(text, '6.2.4', null), parties)) {
    if (maybeField(lines, /^Zu verteilende Sitze:/) === null) continue; // a single Landesliste: "entfällt"
    const seatCount = Number(field(lines, /^Zu verteilende Sitze:\s+(\d+)$/, party)[1]);
    const said = lines.findIndex((l) => STATEMENT.test(l.trim()));
    const direction = statement(lines[said]?.trim() ?? '', seatCount).direction;
    const iterations: Iteration[] = [];
    let start = -1;
    let number = 0;
    for (let i = said; i < lines.length; i += 1) {
      const trimmed = (lines[i] ?? '').trim();
      const heading = /^(\d+)\. Iterationsschritt$/.exec(trimmed);
      if (heading !== null || trimmed === 'Ermittlung der Divisorspanne') {
        start = i + 1;
        number = heading === null ? 0 : Number(heading[1]);
      } else if (start >= 0 && /^Bundesgebiet\s/.test(trimmed)) {
        iterations.push(iteration(number, lines.slice(start, i + 1), laender));
        start = -1;
      }
    }
    const span = field(lines.slice(said), SPAN, party);
    out.push({
      party,
      seats: seatCount,
      initial: german(field(lines, /^Anfangsdivisor:\s+[\d.]+ : \d+ [=≈] ([\d.,]+)$/, party)[1] ?? ''),
      initialRows: listRows(lines.slice(0, said), laender),
      initialSum: sumRow(lines.slice(0, said), `6.2.4 ${party}`),
      direction,
      iterations,
      lower: german(span[1] ?? ''),
      upper: german(span[2] ?? ''),
      divisor: german(field(lines.slice(said), CHOSEN, party)[1] ?? ''),
    });
  }
  return out;
}

// --- 6.1.6: the result ------------------------------------------------------------------------

/**
 * The tables of 6.1.6, per party and "Insgesamt": each Land's six numbers in the printed order
 * and the sum row. 2017: Wahlkreissitze, Sitze nach erster Stufe, Überhang, Sitze nach zweiter
 * Stufe, Landeslistensitze, Erhöhung. 2021: Wahlkreissitze, Sitzkontingent, drohender Überhang,
 * Sitze nach Erhöhung, verbleibende Landeslistensitze, Erhöhung.
 */
export function parseResults(
  text: string,
  parties: readonly string[],
  laender: readonly string[],
): Map<string, { rows: MinimumRow[]; sum: number[] | null }> {
  const out = new Map<string, { rows: MinimumRow[]; sum: number[] | null }>();
  for (const [party, lines] of byParty(section(text, '6.1.6', '6.2'), ['Insgesamt', ...parties])) {
    const table = rows(lines, laender).map((r) => ({ land: r.name, values: r.values.map(seats) }));
    const sum = rows(lines, ['Zusammen', 'Bundesgebiet', 'Insgesamt'])[0]?.values.map(seats) ?? null;
    out.set(party, { rows: table, sum });
  }
  return out;
}
