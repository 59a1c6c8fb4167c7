import { describe, expect, it } from 'vitest';
import { parseStatute } from '../../packages/domain/src/statute/parse.ts';
import { DEMO_STATUTE_YAML } from '../../packages/domain/src/statute/examples.ts';
import { apportionDelegates } from '../../packages/domain/src/congress/congress.ts';
import { german, integer, readData } from './bundestag-second.ts';

/**
 * The congress's apportionment of delegates (G2) against the Bundeswahlleiterin's own tables:
 * apportionDelegates, with the units as the Länder, their members as the German population,
 * no minimum and Sainte-Laguë, must give each Land its official Sitzkontingent of the
 * 1. Oberverteilung 2017 (598 seats), and each Land's seats to the parties' Landeslisten
 * (1. Unterverteilung). Every figure is read from the pdftotext extract (see
 * ./bundestag-second.ts and ./bundestag.test.ts); none is typed in.
 */
interface Table {
  readonly name: string;
  readonly seats: number;
  readonly rows: readonly { name: string; votes: bigint; quotient: string; seats: number }[];
}

const ROW = /^(\S.*?)\s{2,}(\d{1,3}(?:\.\d{3})*)\s+(?:(\d{1,3}(?:\.\d{3})+)\s+)?(\d+(?:,\d+)?)\s+(\d+|–)\s*$/;

/** The tables of section 6.1.1 and 6.1.2: seats to share, and each row's name, votes (or population), quotient and seats. */
function tables(text: string): Table[] {
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.findIndex((l) => /^6\.1\.1\s/.test(l));
  const end = lines.findIndex((l) => /^6\.1\.3\s/.test(l));
  const found: Table[] = [];
  let current: { name: string; seats: number; rows: Table['rows'][number][] } | null = null;
  for (let i = start; i < end; i += 1) {
    const line = lines[i] ?? '';
    const seats = /^Zu verteilende Sitze:\s+(\d+)$/.exec(line);
    if (seats !== null) {
      let j = i - 1;
      while (j > start && !/^(Zu berücksichtigende Zweitstimmen|Deutsche Bevölkerung)/.test(lines[j] ?? '')) j -= 1;
      let k = j - 1;
      while (k > start && (lines[k] ?? '') === '') k -= 1;
      const name = (lines[j] ?? '').startsWith('Deutsche') ? 'Länder' : (lines[k] ?? '');
      current = { name, seats: Number(seats[1]), rows: [] };
      found.push(current);
      continue;
    }
    if (current === null) continue;
    if (/^(Zusammen|Bundesgebiet)\s/.test(line)) {
      current = null;
      continue;
    }
    const row = ROW.exec(line);
    if (row !== null) {
      current.rows.push({
        name: row[1] ?? '',
        votes: integer(row[2] ?? ''),
        quotient: row[4] ?? '',
        seats: row[5] === '–' ? 0 : Number(row[5]),
      });
    }
  }
  return found;
}

const parsed = parseStatute(DEMO_STATUTE_YAML);
if (!parsed.ok) throw new Error('the demo statute does not parse');
const DELEGATES = parsed.statute.delegates;

describe('apportionDelegates on the Bundestag 2017 first distribution (Sainte-Laguë, no minimum)', () => {
  const [laender, ...lists] = tables(readData('bundestag/2017_btw17_sitzberechnung.pdftotext-layout.txt'));

  it('gives each of the 16 Länder its official Sitzkontingent of the 598 seats, with the published quotients', () => {
    expect(laender?.name).toBe('Länder');
    expect(laender?.seats).toBe(598);
    expect(laender?.rows).toHaveLength(16);
    const rows = laender?.rows ?? [];
    const shared = apportionDelegates(
      rows.map((r) => ({ unitId: r.name, members: Number(r.votes) })),
      { ...DELEGATES, seats: 598, minimumPerUnit: 0, apportionment: 'sainte-lague' },
      'bundestag-2017',
    );
    if (!shared.ok) throw new Error(shared.messageKey);
    expect(shared.value.units.map((u) => u.seats)).toEqual(rows.map((r) => r.seats));
    expect(shared.value.divisor).toBe('122650');
    // The quotients, to the three places the table shows (rounded half up there).
    for (const [i, row] of rows.entries()) {
      const ours = german((shared.value.quotients[i] ?? '').replace('.', ','));
      const published = german(row.quotient);
      const diff = ours.sub(published);
      expect(
        diff.compare(german('0,0005')) < 0 && diff.compare(german('0,0005').mul(german('-1'))) >= 0,
        row.name,
      ).toBe(true);
    }
  });

  it('gives each Land’s Landeslisten their seats of the 1. Unterverteilung', () => {
    expect(lists).toHaveLength(16);
    for (const table of lists) {
      const shared = apportionDelegates(
        table.rows.map((r) => ({ unitId: `list-${table.rows.indexOf(r)}`, members: Number(r.votes) })),
        { ...DELEGATES, seats: table.seats, minimumPerUnit: 0, apportionment: 'sainte-lague' },
        'bundestag-2017',
      );
      if (!shared.ok) throw new Error(shared.messageKey);
      expect(
        shared.value.units.map((u) => u.seats),
        table.name,
      ).toEqual(table.rows.map((r) => r.seats));
    }
  });
});
