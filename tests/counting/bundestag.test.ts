import { describe, expect, it } from 'vitest';
import {
  apportion,
  apportionWithMinimum,
  type BundestagLaw,
  increaseSeats,
  minimumSeats,
  type MinimumSeatsReport,
  Rational,
  roundestIn,
} from '../../packages/tally/src/apportionment.ts';
import {
  exact,
  german,
  integer,
  parseIncrease,
  parseIncreaseSteps,
  parseIterations,
  parseMinimums,
  parseResults,
  parseSubdistributions,
  readData,
  shown,
} from './bundestag-second.ts';

/**
 * Sainte-Laguë/Schepers against the Bundeswahlleiterin's own seat calculations
 * (../shared/data/counting/bundestag, see its SOURCES.md). Every figure is parsed from the
 * pdftotext extracts of the official PDFs (the parsers are in ./bundestag-second.ts), none is
 * retyped. Covered, for 2017 and 2021:
 *
 * - the first distribution: the 1. Oberverteilung (598 seats to the 16 Länder by German
 *   population) and the 16 tables of the 1. Unterverteilung (each Land's contingent to the
 *   parties' Landeslisten): the seats, the starting divisor and the seats it gives, the
 *   interval of divisors, the chosen divisor and every unrounded quotient;
 * - the second distribution (below): the minimum seats of every Landesliste and party (6.1.3),
 *   the increase of the total with every step (6.1.4, 6.2.3), the 2. Unterverteilung of each
 *   party's seats to its Landeslisten with their minimums, with every iteration of the
 *   divisor search (6.1.5, 6.2.4), and the resulting seats per Landesliste (6.1.6).
 *
 * Not covered: the iteration tables 6.2.1 and 6.2.2 of the first distribution (their results,
 * the intervals and divisors, are covered through 6.1.1 and 6.1.2).
 */
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
        const lower = exact(d.lowerExact);
        const upper = exact(d.upperExact);
        expect(shown(lower, mode)).toEqual(table.lower);
        expect(shown(upper, mode)).toEqual(table.upper);
        expect(roundestIn(lower, upper)).toEqual(table.divisor);
        expect(d.divisor).toBe(table.divisor.toString());
        // Every unrounded quotient, at the published precision.
        for (const [i, row] of table.rows.entries()) {
          expect(shown(exact(d.quotientsExact[i]!), quotients), row.name).toEqual(row.quotient);
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

// ---------------------------------------------------------------------------------------------
// The second distribution: minimum seats (6.1.3), the increase of the total (6.1.4 with its
// steps in 6.2.3), the 2. Unterverteilung (6.1.5 with its iterations in 6.2.4) and the result
// (6.1.6). 2017 under BWahlG § 6 in its 2013 version; 2021 (the edition after the partial
// repeat in Berlin in 2024) under its 2020 version — which is what the extract shows: the
// Mindestsitzanspruch with the rounded-up mean and up to three unbalanced overhang seats, not
// the 2023 law (Zweitstimmendeckung), which first applied in 2025.
// ---------------------------------------------------------------------------------------------

type Mode = 'round' | 'truncate';

interface Display {
  /** Divisors: the starting divisor, the interval ends, the candidate and party divisors. */
  readonly divisor: Mode;
  /** Quotients votes ÷ divisor. */
  readonly quotient: Mode;
}

const SECOND = [
  { year: 2017, law: '2013', file: YEARS[0].file, display: { divisor: 'round', quotient: 'round' } },
  { year: 2021, law: '2020', file: YEARS[1].file, display: { divisor: 'round', quotient: 'truncate' } },
] as const satisfies readonly { year: 2017 | 2021; law: BundestagLaw; file: string; display: Display }[];

/** "199.5" (as the reports give multipliers) → 1995/10. */
function decimal(text: string): Rational {
  return german(text.replace('.', ','));
}

for (const { year, law, file, display } of SECOND) {
  describe(`Bundestag ${year}: the second distribution (BWahlG § 6, ${law} version)`, () => {
    const text = readData(file);
    const first = parseTables(text);
    const laender = first[0]!.rows.map((r) => r.name);
    const increaseTable = parseIncrease(text, year);
    const parties = increaseTable.rows.map((r) => r.party);
    const minimumTables = parseMinimums(text, parties, laender);
    const as = (x: Rational | string, mode: Mode): Rational => shown(typeof x === 'string' ? exact(x) : x, mode);

    // A Landesliste may carry a longer name than its party (2021: "GRÜNE/B 90" in Brandenburg).
    const partyOf = (list: string): string => parties.find((p) => list === p || list.startsWith(`${p}/`)) ?? list;
    // Our first distribution (the 1. Unterverteilung from the votes of 6.1.2): party → Land → seats.
    const firstSeats = new Map<string, Map<string, number>>();
    for (const table of first.slice(1)) {
      const result = apportion(
        'sainte-lague',
        table.seats,
        table.rows.map((r) => ({ name: r.name, votes: r.votes })),
      );
      table.rows.forEach((row, i) => {
        const byLand = firstSeats.get(partyOf(row.name)) ?? new Map<string, number>();
        byLand.set(table.name, result.allocation[i]!);
        firstSeats.set(partyOf(row.name), byLand);
      });
    }
    // Our minimum seats, from the Sitzkontingente and Wahlkreissitze of 6.1.3.
    const minimum = new Map(
      parties.map((party) => {
        const rows = minimumTables.get(party)!.rows;
        return [
          party,
          minimumSeats(
            law,
            rows.map((r) => ({ name: r.land, seats: r.values[0]!, direct: r.values[1]! })),
          ),
        ] as const;
      }),
    );
    // Our increase (2. Oberverteilung).
    const increase = increaseSeats(
      increaseTable.rows.map((row) => {
        const m = minimum.get(row.party)!;
        return law === '2013'
          ? { name: row.party, votes: row.votes, minimum: m.claim }
          : {
              name: row.party,
              votes: row.votes,
              minimum: m.claimWithoutOverhang,
              claim: m.claim,
              overhang: m.overhang,
            };
      }),
      { unbalanced: law === '2013' ? 0 : 3 }, // § 6 (5) S.4 (2020): "bis zu einer Zahl von drei"
    );
    const partySeats = (party: string): number => increase.allocation[parties.indexOf(party)]!;
    const subdistributions = parseSubdistributions(text, parties, laender);
    const iterationTables = parseIterations(text, parties, laender);
    // Our 2. Unterverteilung: party → Land → seats (a party with one Landesliste keeps its total there).
    const secondSeats = new Map<string, Map<string, number>>();
    const secondReports = new Map(
      subdistributions.map((sub) => {
        const report = apportionWithMinimum(
          partySeats(sub.party),
          sub.rows.map((r) => ({ name: r.land, votes: r.votes, minimum: r.minimum })),
        );
        secondSeats.set(sub.party, new Map(sub.rows.map((r, i) => [r.land, report.allocation[i]!])));
        return [sub.party, report] as const;
      }),
    );
    for (const party of parties) {
      if (secondSeats.has(party)) continue;
      const lists = minimumTables.get(party)!.rows;
      expect(lists, `${party} has one Landesliste`).toHaveLength(1);
      secondSeats.set(party, new Map([[lists[0]!.land, partySeats(party)]]));
    }

    it('6.1.3: every party table, and each Sitzkontingent is the seats of the 1. Unterverteilung', () => {
      expect([...minimumTables.keys()].sort()).toEqual(['Insgesamt', ...parties].sort());
      for (const party of parties) {
        for (const row of minimumTables.get(party)!.rows) {
          expect(row.values[0], `${party} ${row.land}`).toBe(firstSeats.get(party)?.get(row.land) ?? 0);
        }
      }
    });

    for (const party of parties) {
      it(`6.1.3 ${party}: the minimum seats of each Landesliste and of the party`, () => {
        const { rows, sum } = minimumTables.get(party)!;
        const m = minimum.get(party)!;
        expect(m.rule).toMatch(/BWahlG § 6 \(5\)/);
        expect(rows.length).toBeGreaterThan(0);
        m.lists.forEach((list, i) => {
          const printed = rows[i]!.values;
          // 2017: K, direct, max, Überhang. 2021: K, direct, drohender Überhang, mean, minimum.
          const ours =
            law === '2013'
              ? [list.seats, list.direct, list.minimum, list.overhang]
              : [list.seats, list.direct, list.overhang, list.mean, list.minimum];
          expect(ours, `${party} ${list.name}`).toEqual(printed);
        });
        if (sum === null) expect(rows, `${party}: no sum row, one Landesliste`).toHaveLength(1);
        else
          expect(sum).toEqual(
            law === '2013' ? [m.seats, m.direct, m.minimum, m.overhang] : [m.seats, m.direct, m.overhang, m.minimum],
          );
      });
    }

    it('6.1.3 Insgesamt: each Land’s Sitzkontingent, Wahlkreissitze and minimum seats over the parties', () => {
      const { rows, sum } = minimumTables.get('Insgesamt')!;
      const over = (land: string, f: (l: MinimumSeatsReport['lists'][number]) => number): number =>
        parties.reduce(
          (a, p) =>
            a +
            minimum
              .get(p)!
              .lists.filter((l) => l.name === land)
              .reduce((b, l) => b + f(l), 0),
          0,
        );
      expect(rows.map((r) => r.land)).toEqual(laender);
      for (const row of rows) {
        const ours =
          law === '2013'
            ? [
                over(row.land, (l) => l.seats),
                over(row.land, (l) => l.direct),
                over(row.land, (l) => l.minimum),
                over(row.land, (l) => l.overhang),
              ]
            : [over(row.land, (l) => l.seats), over(row.land, (l) => l.direct), over(row.land, (l) => l.overhang)];
        expect(ours, row.land).toEqual(row.values);
      }
      const total = (f: (m: MinimumSeatsReport) => number): number =>
        parties.reduce((a, p) => a + f(minimum.get(p)!), 0);
      expect(sum).toEqual(
        law === '2013'
          ? [total((m) => m.seats), total((m) => m.direct), total((m) => m.minimum), total((m) => m.overhang)]
          : [total((m) => m.seats), total((m) => m.direct), total((m) => m.overhang)],
      );
    });

    it('6.1.4: the increase of the total — minimums, divisor interval, every quotient and seat', () => {
      const t = increaseTable;
      expect(increase.rule).toMatch(/BWahlG § 6 \(5\)/);
      // The votes of each party are the sum of its Landeslisten in the 1. Unterverteilung.
      for (const row of t.rows) {
        const votes = first
          .slice(1)
          .reduce((a, table) => a + (table.rows.find((r) => partyOf(r.name) === row.party)?.votes ?? 0n), 0n);
        expect(votes, row.party).toBe(row.votes);
      }
      if (t.votes !== null) expect(BigInt(increase.totalVotes)).toBe(t.votes);
      if (t.claimTotal !== null) expect(increase.claimTotal).toBe(t.claimTotal);
      if (t.initial !== null) expect(as(increase.initialDivisorExact, display.divisor)).toEqual(t.initial);
      if (t.initialMeetsMinimum !== null) expect(increase.initialMeetsMinimum).toBe(t.initialMeetsMinimum);
      expect(as(increase.lowerExact, display.divisor)).toEqual(t.lower);
      expect(as(increase.upperExact, display.divisor)).toEqual(t.upper);
      expect(exact(increase.divisorExact)).toEqual(t.divisor);
      expect(t.rows.map((row) => row.party)).toEqual(increase.parties);
      t.rows.forEach((row, i) => {
        const m = minimum.get(row.party)!;
        expect(increase.claim[i], row.party).toBe(row.claim);
        expect(m.claim, row.party).toBe(row.claim);
        expect(as(increase.quotientsExact[i]!, display.quotient), row.party).toEqual(row.quotient);
        expect(increase.proportional[i], row.party).toBe(row.rounded);
        expect(increase.allocation[i], row.party).toBe(row.total);
        if (row.overhang !== null) expect(m.overhang, row.party).toBe(row.overhang);
        if (row.unbalanced !== null) expect(increase.unbalanced[i], row.party).toBe(row.unbalanced);
        if (row.firstSeats !== null) expect(m.seats, row.party).toBe(row.firstSeats);
        expect(increase.allocation[i]! - (row.firstSeats ?? row.claim), row.party).toBe(row.increase);
      });
      const sumOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
      const increases = increase.allocation.map((s, i) => s - (t.rows[i]!.firstSeats ?? t.rows[i]!.claim));
      expect(t.sum.map((x) => x.replaceAll('.', ''))).toEqual(
        (law === '2013'
          ? [increase.claimTotal, increase.totalVotes, increase.total, sumOf(increases)]
          : [
              increase.claimTotal,
              sumOf(parties.map((p) => minimum.get(p)!.overhang)),
              increase.totalVotes,
              increase.proportionalTotal,
              sumOf(increase.unbalanced),
              increase.total,
              sumOf(parties.map((p) => minimum.get(p)!.seats)),
              sumOf(increases),
            ]
        ).map(String),
      );
    });

    it('6.2.3: the steps of the increase — party divisors, upper end, seats there, lower end', () => {
      const s = parseIncreaseSteps(text, year, parties);
      expect([...s.partyDivisors.keys()]).toEqual(parties);
      expect([...s.overhangDivisors.keys()]).toEqual(law === '2013' ? [] : parties);
      expect([...s.atUpper.keys()]).toEqual(parties);
      for (const [i, party] of parties.entries()) {
        const ours = increase.partyDivisors.find((d) => d.party === i)!;
        const printed = s.partyDivisors.get(party)!;
        expect(decimal(ours.multiplier), party).toEqual(printed.multiplier);
        expect(as(ours.exact, display.divisor), party).toEqual(printed.divisor);
        if (law === '2020') {
          const oursOverhang = increase.overhangDivisors.filter((d) => d.party === i);
          const printedOverhang = s.overhangDivisors.get(party)!;
          // Only the parties with threatened overhang have divisors "mit Überhang" ("–" for the others).
          expect(
            oursOverhang.map((d) => [decimal(d.multiplier), as(d.exact, display.divisor)]),
            party,
          ).toEqual(printedOverhang.map((d) => [d.multiplier, d.divisor]));
        }
        const atUpper = s.atUpper.get(party)!;
        expect(atUpper.votes, party).toBe(BigInt(increase.votes[i]!));
        expect(as(increase.upperQuotientsExact[i]!, display.quotient), party).toEqual(atUpper.quotient);
        expect(increase.upperSeats[i], party).toBe(atUpper.seats);
        const lower = increase.lowerDivisors.find((d) => d.party === i)!;
        expect(decimal(lower.multiplier), party).toEqual(atUpper.multiplier);
        expect(as(lower.exact, display.divisor), party).toEqual(atUpper.divisor);
      }
      if (s.smallestPartyDivisor !== null)
        expect(as(increase.smallestPartyDivisorExact, display.divisor)).toEqual(s.smallestPartyDivisor);
      if (s.overhangBound !== null) expect(as(increase.overhangBoundExact!, display.divisor)).toEqual(s.overhangBound);
      expect(as(increase.upperExact, display.divisor)).toEqual(s.upper);
      expect(increase.upperSeats.reduce((a, b) => a + b, 0)).toBe(s.upperSeatsTotal);
      expect(as(increase.lowerExact, display.divisor)).toEqual(s.lower);
      expect(as(increase.upperExact, display.divisor)).toEqual(s.upper2);
      expect(exact(increase.divisorExact)).toEqual(s.divisor);
    });

    it('6.1.5 and 6.2.4: a table for every party with more than one Landesliste', () => {
      const several = parties.filter((p) => minimumTables.get(p)!.rows.length > 1);
      expect(subdistributions.map((s) => s.party)).toEqual(several);
      expect(iterationTables.map((s) => s.party)).toEqual(several);
    });

    for (const sub of subdistributions) {
      it(`6.1.5 ${sub.party}: ${sub.seats} seats to the Landeslisten with minimums — every step`, () => {
        const r = secondReports.get(sub.party)!;
        expect(r.rule).toMatch(/BWahlG § 6 \(6\) S\.2/);
        // The seats are the party's from the increase; the minimums those of 6.1.3.
        expect(partySeats(sub.party)).toBe(sub.seats);
        const lists = minimum.get(sub.party)!.lists;
        expect(sub.rows.map((row) => row.land)).toEqual(lists.map((l) => l.name));
        sub.rows.forEach((row, i) => {
          expect(row.minimum, row.land).toBe(law === '2013' ? lists[i]!.direct : lists[i]!.minimum);
        });
        expect(sub.rows.reduce((a, row) => a + row.votes, 0n)).toBe(sub.votes);
        expect(sub.sum.votes).toBe(sub.votes);
        expect(BigInt(r.totalVotes)).toBe(sub.votes);
        expect(sub.votes).toBe(increaseTable.rows.find((row) => row.party === sub.party)!.votes);
        // Starting divisor, the seats it gives and which way the divisor must go.
        expect(as(new Rational(sub.votes, BigInt(sub.seats)), display.divisor)).toEqual(sub.initial);
        expect(as(r.initial.divisorExact, display.divisor)).toEqual(sub.initial);
        expect(r.initial.total).toBe(sub.initialTotal);
        expect(r.direction).toBe(sub.direction);
        // The interval, the divisor, every quotient and seat.
        expect(as(r.lowerExact, display.divisor)).toEqual(sub.lower);
        expect(as(r.upperExact!, display.divisor)).toEqual(sub.upper);
        expect(exact(r.divisorExact)).toEqual(sub.divisor);
        sub.rows.forEach((row, i) => {
          expect(as(r.quotientsExact[i]!, display.quotient), row.land).toEqual(row.quotient);
          expect(r.rounded[i], row.land).toBe(row.rounded);
          expect(r.allocation[i], row.land).toBe(row.seats);
        });
        expect(r.minimum.reduce((a, b) => a + b, 0)).toBe(sub.sum.minimum);
        expect(r.allocation.reduce((a, b) => a + b, 0)).toBe(sub.sum.seats);
      });

      it(`6.2.4 ${sub.party}: the starting divisor and every iteration (candidates, interval, divisor, seats)`, () => {
        const r = secondReports.get(sub.party)!;
        const t = iterationTables.find((x) => x.party === sub.party)!;
        expect(t.seats).toBe(sub.seats);
        expect(t.initialRows).toHaveLength(sub.rows.length);
        expect(as(r.initial.divisorExact, display.divisor)).toEqual(t.initial);
        t.initialRows.forEach((row, i) => {
          expect(row.land).toBe(sub.rows[i]!.land);
          expect(row.votes, row.land).toBe(sub.rows[i]!.votes);
          expect(as(r.initial.quotientsExact[i]!, display.quotient), row.land).toEqual(row.quotient);
          expect(r.initial.rounded[i], row.land).toBe(row.rounded);
          expect(r.minimum[i], row.land).toBe(row.minimum);
          expect(r.initial.seats[i], row.land).toBe(row.seats);
        });
        expect(t.initialSum).toEqual({ votes: sub.votes, minimum: sub.sum.minimum, seats: r.initial.total });
        expect(r.direction).toBe(t.direction);
        expect(r.steps.map((step) => (r.direction === 'exact' ? 0 : step.step))).toEqual(
          t.iterations.map((it) => it.number),
        );
        r.steps.forEach((step, k) => {
          const printed = t.iterations[k]!;
          const where = `step ${printed.number}`;
          expect(printed.rows, where).toHaveLength(sub.rows.length);
          printed.rows.forEach((row, i) => {
            expect(row.land, where).toBe(sub.rows[i]!.land);
            expect(row.votes, `${where} ${row.land}`).toBe(sub.rows[i]!.votes);
            const ours = step.candidates[i]!.map((c) => [decimal(c.multiplier), as(c.exact, display.divisor)]);
            expect(ours, `${where} ${row.land}: candidates`).toEqual(
              row.candidates.map((c) => [c.multiplier, c.divisor]),
            );
            expect(step.rounded[i], `${where} ${row.land}`).toBe(row.rounded);
            expect(step.seats[i], `${where} ${row.land}`).toBe(row.seats);
          });
          expect(as(step.lowerExact, display.divisor), where).toEqual(printed.lower);
          expect(as(step.upperExact!, display.divisor), where).toEqual(printed.upper);
          expect(exact(step.divisorExact), where).toEqual(printed.divisor);
          expect(step.total, where).toBe(printed.total);
        });
        expect(as(r.lowerExact, display.divisor)).toEqual(t.lower);
        expect(as(r.upperExact!, display.divisor)).toEqual(t.upper);
        expect(exact(r.divisorExact)).toEqual(t.divisor);
      });
    }

    it('6.1.6: the seats of every Landesliste after the second distribution, per party and in all', () => {
      const results = parseResults(text, parties, laender);
      expect([...results.keys()].sort()).toEqual(['Insgesamt', ...parties].sort());
      const perLand = new Map<string, number[]>();
      for (const party of parties) {
        const { rows, sum } = results.get(party)!;
        const m = minimum.get(party)!;
        const totals = [0, 0, 0, 0, 0, 0];
        expect(rows.map((r) => r.land)).toEqual(m.lists.map((l) => l.name));
        m.lists.forEach((list, i) => {
          const seats = secondSeats.get(party)!.get(list.name)!;
          // 2017: direct, first stage (the minimum), Überhang, second stage, list seats, increase.
          // 2021: direct, Sitzkontingent, drohender Überhang, seats after the increase, list seats, increase.
          const before = law === '2013' ? list.minimum : list.seats;
          const ours = [list.direct, before, list.overhang, seats, Math.max(0, seats - list.direct), seats - before];
          expect(ours, `${party} ${list.name}`).toEqual(rows[i]!.values);
          ours.forEach((x, k) => (totals[k] = totals[k]! + x));
          const land = perLand.get(list.name) ?? [0, 0, 0, 0, 0, 0];
          ours.forEach((x, k) => (land[k] = land[k]! + x));
          perLand.set(list.name, land);
        });
        if (sum === null) expect(rows, `${party}: no sum row, one Landesliste`).toHaveLength(1);
        else expect(totals, party).toEqual(sum);
      }
      const { rows, sum } = results.get('Insgesamt')!;
      expect(rows.map((r) => r.land)).toEqual(laender);
      for (const row of rows) expect(perLand.get(row.land), row.land).toEqual(row.values);
      const all = [...perLand.values()].reduce((a, l) => a.map((x, k) => x + l[k]!), [0, 0, 0, 0, 0, 0]);
      expect(all).toEqual(sum);
      expect(all[3]).toBe(increase.total);
    });
  });
}

describe('Bundestag 2017: the constituency seats behind the minimums', () => {
  it('the Wahlkreissitze of 6.1.3 are the constituency winners of the official result CSV', () => {
    // Party names as the CSV spells them (Gesamtergebnis, btw17_kerg.csv), to those of the PDF.
    const names: Record<string, string> = {
      'Christlich Demokratische Union Deutschlands': 'CDU',
      'Sozialdemokratische Partei Deutschlands': 'SPD',
      'DIE LINKE': 'DIE LINKE',
      'BÜNDNIS 90/DIE GRÜNEN': 'GRÜNE',
      'Christlich-Soziale Union in Bayern e.V.': 'CSU',
      'Freie Demokratische Partei': 'FDP',
      'Alternative für Deutschland': 'AfD',
    };
    const text = readData(YEARS[0].file);
    const laender = parseTables(text)[0]!.rows.map((r) => r.name);
    const parties = parseIncrease(text, 2017).rows.map((r) => r.party);
    const lines = readData('bundestag/2017_gesamtergebnis.csv')
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .map((l) => l.trim().split(';'));
    const header = lines.find((l) => l[0] === 'Nr')!;
    // Each party has four columns: Erststimmen (final, previous), Zweitstimmen (final, previous).
    const columns = header.flatMap((name, i) => (name !== '' && i >= 19 ? [{ name, column: i }] : []));
    const landOf = new Map(lines.filter((l) => l[2] === '99').map((l) => [l[0]!, l[1]!]));
    const won = new Map<string, number>(); // "party|Land" → constituencies
    let constituencies = 0;
    for (const row of lines) {
      if (!/^\d+$/.test(row[0] ?? '') || row[2] === '99' || row[2] === '' || row[2] === undefined) continue;
      const first = columns.map(({ name, column }) => ({
        name,
        votes: Number(row[column] ?? '') /* an empty cell: no candidate */,
      }));
      const top = Math.max(...first.map((f) => f.votes));
      const winners = first.filter((f) => f.votes === top);
      expect(winners, row[1]).toHaveLength(1);
      const key = `${names[winners[0]!.name] ?? winners[0]!.name}|${landOf.get(row[2])!}`;
      won.set(key, (won.get(key) ?? 0) + 1);
      constituencies += 1;
    }
    expect(constituencies).toBe(299);
    const minimums = parseMinimums(text, parties, laender);
    let compared = 0;
    for (const party of parties) {
      for (const row of minimums.get(party)!.rows) {
        expect(won.get(`${party}|${row.land}`) ?? 0, `${party} ${row.land}`).toBe(row.values[1]);
        compared += row.values[1]!;
      }
    }
    expect(compared).toBe(299); // every constituency winner is a candidate of one of these parties
  });
});
