import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apportion, Rational, roundestIn } from '../../packages/tally/src/apportionment.ts';

/**
 * Sainte-Laguë/Schepers against the Bundeswahlleiterin's own seat calculations
 * (../shared/data/counting/bundestag, see its SOURCES.md). Every figure is parsed from the
 * pdftotext extracts of the official PDFs, none is retyped. Covered: the 1. Oberverteilung
 * (598 seats to the 16 Länder by German population) and the 16 tables of the
 * 1. Unterverteilung (each Land's contingent to the parties' Landeslisten), for 2017 and
 * 2021: the seats, the starting divisor and the seats it gives, the interval of divisors,
 * the chosen divisor and every unrounded quotient. Not covered: the 2. Ober- and
 * Unterverteilung (they add minimum-seat conditions, another procedure).
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
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
}

/** "1.669.995" → 1669995n. */
function integer(text: string): bigint {
  return BigInt(text.replaceAll('.', ''));
}

/** "122.704,569" → 122704569/1000 exactly. */
function german(text: string): Rational {
  const [whole = '', fraction = ''] = text.replaceAll('.', '').split(',');
  return new Rational(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}

interface Table {
  readonly name: string;
  readonly line: number;
  readonly seats: number;
  readonly total: bigint;
  readonly initial: Rational;
  /** "würden insgesamt X statt N": X; "genau getroffen": N. */
  readonly initialSeats: number;
  readonly lower: Rational;
  readonly upper: Rational;
  readonly divisor: Rational;
  readonly rows: readonly { name: string; votes: bigint; quotient: Rational; seats: number }[];
  readonly sum: bigint;
  readonly seatSum: number;
}

const ROW = /^(\S.*?)\s{2,}(\d{1,3}(?:\.\d{3})*)\s+(?:(\d{1,3}(?:\.\d{3})+)\s+)?(\d+(?:,\d+)?)\s+(\d+|–)\s*$/;

/** The plain Sainte-Laguë tables of sections 6.1.1 and 6.1.2 of a seat calculation. */
function parseTables(text: string): Table[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^6\.1\.1\s/.test(l.trim()));
  const end = lines.findIndex((l) => /^6\.1\.3\s/.test(l.trim()));
  if (start < 0 || end < 0) throw new Error('sections 6.1.1 and 6.1.3 not found');
  const tables: Table[] = [];
  for (let i = start; i < end; i += 1) {
    const seatsMatch = /^Zu verteilende Sitze:\s+(\d+)$/.exec((lines[i] ?? '').trim());
    if (seatsMatch === null) continue;
    let j = i - 1;
    while (j > start && !/^(Zu berücksichtigende Zweitstimmen|Deutsche Bevölkerung)/.test((lines[j] ?? '').trim()))
      j -= 1;
    const totalMatch = /:\s+([\d.]+)$/.exec((lines[j] ?? '').trim());
    let k = j - 1;
    while (k > start && (lines[k] ?? '').trim() === '') k -= 1;
    const name = (lines[j] ?? '').trim().startsWith('Deutsche') ? 'Länder' : (lines[k] ?? '').trim();
    const field = (pattern: RegExp): RegExpExecArray => {
      for (let n = i; n < end; n += 1) {
        const m = pattern.exec((lines[n] ?? '').trim());
        if (m !== null) return m;
      }
      throw new Error(`${name}: ${String(pattern)} not found after line ${i + 1}`);
    };
    const initial = field(/^Anfangsdivisor:\s+[\d.]+ : \d+ [=≈] ([\d.,]+)$/);
    const statement = field(/(würden insgesamt (\d+) statt \d+ Sitze|genau getroffen)/);
    const span = field(/^Mögliche Divisorspanne:\s+> ([\d.,]+) und (?:<=|≤) ([\d.,]+)$/);
    const divisor = field(/^Ausgewählter Divisor:\s+([\d.,]+)$/);
    const rows: { name: string; votes: bigint; quotient: Rational; seats: number }[] = [];
    let n = i + 1;
    let sumMatch: RegExpExecArray | null = null;
    for (; n < end; n += 1) {
      const line = (lines[n] ?? '').trim();
      sumMatch = /^(?:Zusammen|Bundesgebiet)\s+([\d.]+)\s+(\d+)$/.exec(line);
      if (sumMatch !== null) break;
      const row = ROW.exec(line);
      if (row === null) continue;
      rows.push({
        name: row[1] ?? '',
        votes: integer(row[2] ?? ''),
        quotient: german(row[4] ?? ''),
        seats: row[5] === '–' ? 0 : Number(row[5]),
      });
    }
    if (sumMatch === null) throw new Error(`${name}: no total line after line ${i + 1}`);
    const seats = Number(seatsMatch[1]);
    tables.push({
      name,
      line: i + 1,
      seats,
      total: integer(totalMatch?.[1] ?? ''),
      initial: german(initial[1] ?? ''),
      initialSeats: statement[2] === undefined ? seats : Number(statement[2]),
      lower: german(span[1] ?? ''),
      upper: german(span[2] ?? ''),
      divisor: german(divisor[1] ?? ''),
      rows,
      sum: integer(sumMatch[1] ?? ''),
      seatSum: Number(sumMatch[2]),
    });
    i = n;
  }
  return tables;
}

/** x to 3 places as the tables show it: rounded half up (2017) or truncated (2021). */
function shown(x: Rational, mode: 'round' | 'truncate'): Rational {
  const scaled = x.mul(new Rational(1000n)).add(new Rational(mode === 'round' ? 1n : 0n, 2n));
  return new Rational(scaled.floor(), 1000n);
}

const YEARS = [
  // 2017: "auf die dritte Dezimalstelle gerundet", all figures. 2021: "auf die dritte Dezimalstelle
  // abgerundet" holds for the quotients in the tables; the starting divisor and the interval
  // above them are rounded half up (found by testing both: truncation fails for 10 of 17 tables).
  { year: 2017, file: 'bundestag/2017_btw17_sitzberechnung.pdftotext-layout.txt', mode: 'round', quotients: 'round' },
  {
    year: 2021,
    file: 'bundestag/2021_btw21_sitzberechnung.pdftotext-layout.txt',
    mode: 'round',
    quotients: 'truncate',
  },
] as const;

for (const { year, file, mode, quotients } of YEARS) {
  describe(`Bundestag ${year}: Sainte-Laguë/Schepers, 1. Ober- and Unterverteilung`, () => {
    const tables = parseTables(readData(file));

    it('finds the Länder table and the 16 Landeslisten tables', () => {
      expect(tables.map((t) => t.name)).toEqual([
        'Länder',
        ...tables[0]!.rows.map((r) => r.name), // one Unterverteilung per Land, in the same order
      ]);
      expect(tables[0]!.seats).toBe(598);
      expect(tables[0]!.rows).toHaveLength(16);
    });

    it('each Land’s contingent from the Oberverteilung is the seats its Unterverteilung shares', () => {
      const [laender, ...lists] = tables;
      for (const [i, row] of laender!.rows.entries()) {
        expect(lists[i]!.seats, row.name).toBe(row.seats);
        expect(lists[i]!.total, row.name).toBe(lists[i]!.sum);
      }
    });

    for (const [index, table] of tables.entries()) {
      it(`${index === 0 ? 'Sitzkontingente der Länder' : table.name} (line ${table.line}): every step matches`, () => {
        expect(table.rows.reduce((a, r) => a + r.votes, 0n)).toBe(table.total);
        expect(table.sum).toBe(table.total);
        const result = apportion(
          'sainte-lague',
          table.seats,
          table.rows.map((r) => ({ name: r.name, votes: r.votes })),
        );
        expect(result.tieBreaks).toEqual([]);
        // The seats, party by party.
        expect(result.allocation).toEqual(table.rows.map((r) => r.seats));
        expect(result.allocation.reduce((a, b) => a + b, 0)).toBe(table.seatSum);
        const d = result.divisor!;
        // Starting divisor (votes ÷ seats), and the seats it would give.
        const initial = new Rational(table.total, BigInt(table.seats));
        expect(shown(initial, mode)).toEqual(table.initial);
        expect(d.initialSeats).toBe(table.initialSeats);
        // The interval of divisors and the divisor chosen from it.
        const lower = new Rational(...splitExact(d.lowerExact));
        const upper = new Rational(...splitExact(d.upperExact));
        expect(shown(lower, mode)).toEqual(table.lower);
        expect(shown(upper, mode)).toEqual(table.upper);
        expect(roundestIn(lower, upper)).toEqual(table.divisor);
        expect(d.divisor).toBe(table.divisor.toString());
        // Every unrounded quotient, at the published precision.
        for (const [i, row] of table.rows.entries()) {
          const exact = new Rational(...splitExact(d.quotientsExact[i]!));
          expect(shown(exact, quotients), row.name).toEqual(row.quotient);
        }
      });
    }
  });
}

describe('Bundestag 2017: the population behind the 598 seats', () => {
  it('the population table of the PDF equals the Strukturdaten CSV (in 1000, 3 places)', () => {
    const [laender] = parseTables(readData(YEARS[0].file));
    const csv = readData('bundestag/2017_strukturdaten.csv')
      .split('\n')
      .filter((l) => l.includes(';Land insgesamt;'))
      .map((l) => l.trim().split(';'));
    expect(csv).toHaveLength(16);
    for (const [land, , , thousands] of csv) {
      const row = laender!.rows.find((r) => r.name === land);
      expect(row, land).toBeDefined();
      expect(new Rational(row!.votes, 1000n), land).toEqual(german(thousands ?? ''));
    }
  });

  it('Schleswig-Holstein: 22 list seats, CDU 7, SPD 5, GRÜNE 3, FDP 3, DIE LINKE 2, AfD 2 (as published)', () => {
    const tables = parseTables(readData(YEARS[0].file));
    const sh = tables.find((t) => t.name === 'Schleswig-Holstein')!;
    const result = apportion(
      'sainte-lague',
      sh.seats,
      sh.rows.map((r) => ({ name: r.name, votes: r.votes })),
    );
    expect(sh.seats).toBe(22);
    expect(Object.fromEntries(result.parties.map((p, i) => [p, result.allocation[i]]))).toEqual(
      Object.fromEntries(sh.rows.map((r) => [r.name, r.seats])),
    );
  });
});

function splitExact(text: string): [bigint, bigint] {
  const [n = '0', d = '1'] = text.split('/');
  return [BigInt(n), BigInt(d)];
}
