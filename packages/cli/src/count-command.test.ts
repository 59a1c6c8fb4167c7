import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_LINE, plenum, requireBuilt } from './test-support/run-bin.ts';

// `plenum count` as a user runs it, on a real ward of the Scottish 2017 council elections
// (../shared/data/counting, beside the repository; required, never skipped).
const COUNTING = join(import.meta.dirname, '../../../../shared/data/counting');
const WARD = join(COUNTING, 'scotland-2017/blt/aberdeen_2017_ward1.blt');
/** index.csv's elected_in_order for that ward, as the council declared it. */
const ELECTED = ['Avril MACKENZIE (Con)', 'Neil MACGREGOR (SNP)', 'Barney CROCKETT (Lab)', 'Gill SAMARAI (SNP)'];

let work: string;
beforeAll(() => {
  requireBuilt();
  if (!existsSync(WARD)) throw new Error(`the counting data is missing: expected ${WARD} (shared/data/counting)`);
  work = mkdtempSync(join(tmpdir(), 'plenum-count-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

function oneCleanLine(text: string): void {
  expect(text.trim().split('\n')).toHaveLength(1);
  expect(text).not.toMatch(STACK_LINE);
}

describe('plenum count', () => {
  it('counts a real ward by Scottish STV, stage by stage, and elects as the council declared', async () => {
    const result = await plenum(['count', '--method', 'scottish-stv', WARD]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Quota: 1322.00000');
    expect(result.stdout).toContain('SSI 2007/42 r.48(3)');
    expect(result.stdout).toContain(`Elected, in order: ${ELECTED.join(', ')}`);
  });

  it('prints the whole report as JSON, with the seed of any draw', async () => {
    const result = await plenum(['count', '--method', 'scottish-stv', '--json', WARD]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      elected: number[];
      candidates: string[];
      rounds: unknown[];
      seed: string;
    };
    expect(report.elected.map((c) => report.candidates[c])).toEqual(ELECTED);
    expect(report.rounds).toHaveLength(6);
    expect(report.seed).toMatch(/^[0-9a-f]{64}$/);
  });

  it('speaks Portuguese when asked', async () => {
    const result = await plenum(['count', '--method', 'scottish-stv', WARD], { PLENUM_LANG: 'pt-BR' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Rodada 1');
    expect(result.stdout).toContain(`Eleitos, em ordem: ${ELECTED.join(', ')}`);
  });

  it('refuses an impossible request with one line and exit 2', async () => {
    const unknown = await plenum(['count', '--method', 'borda', WARD]);
    expect(unknown.code).toBe(2);
    oneCleanLine(unknown.stderr);
    expect(unknown.stderr).toContain('there is no counting method “borda”');
    expect(unknown.stderr).toContain('scottish-stv');

    const tooMany = await plenum(['count', '--method', 'scottish-stv', '--seats', '9', WARD]);
    expect(tooMany.code).toBe(2);
    oneCleanLine(tooMany.stderr);
    expect(tooMany.stderr).toContain('9 seats cannot be filled from 7 candidates');

    const single = await plenum(['count', '--method', 'irv', '--seats', '2', WARD]);
    expect(single.code).toBe(2);
    expect(single.stderr).toContain('irv elects one candidate');

    for (const args of [
      ['count', WARD],
      ['count', '--method', 'meek'],
      ['count', '--method', 'meek', '--seats', 'x', WARD],
    ]) {
      const usage = await plenum(args);
      expect(usage.code, args.join(' ')).toBe(2);
      oneCleanLine(usage.stderr);
    }
    const format = await plenum(['count', '--method', 'meek', join(work, 'ballots.xlsx')]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('give --format');
  });

  it('refuses a malformed or missing file with the line and exit 1, and counts nothing', async () => {
    const bad = join(work, 'bad.blt');
    writeFileSync(bad, '3 1\n2 1 2 0\n1 9 0\n0\n"A"\n"B"\n"C"\n"Title"\n');
    const malformed = await plenum(['count', '--method', 'meek', bad]);
    expect(malformed.code).toBe(1);
    oneCleanLine(malformed.stderr);
    expect(malformed.stderr).toContain(`${bad}:3: candidate 9 does not exist (there are 3)`);
    expect(malformed.stdout).toBe('');

    const csv = join(work, 'bad.csv');
    writeFileSync(csv, 'count,rank1\n5,Alice\nmany,Bob\n');
    const badCsv = await plenum(['count', '--method', 'irv', csv]);
    expect(badCsv.code).toBe(1);
    expect(badCsv.stderr).toMatch(new RegExp(`${csv.replaceAll('.', '\\.')}:3: `));

    const missing = await plenum(['count', '--method', 'meek', join(work, 'none.blt')]);
    expect(missing.code).toBe(1);
    oneCleanLine(missing.stderr);
    expect(missing.stderr).toContain('no such file');
  });

  it('counts the other formats and methods from the same command', async () => {
    const csv = join(work, 'mayor.csv');
    writeFileSync(csv, 'count,rank1,rank2\n4,Ana,Bia\n3,Bia,Ana\n2,Caio,Bia\n');
    const irv = await plenum(['count', '--method', 'irv', csv]);
    expect(irv.stderr).toBe('');
    expect(irv.stdout).toContain('Elected, in order: Bia');
    // Apportionment: parties may win several seats, so seats may exceed the parties.
    const dhondt = await plenum(['count', '--method', 'dhondt', '--seats', '4', '--json', csv]);
    expect(dhondt.stderr).toBe('');
    const report = JSON.parse(dhondt.stdout) as { rounds: { votes: string[] }[]; candidates: string[] };
    expect(report.candidates).toEqual(['Ana', 'Bia', 'Caio']);
    expect(report.rounds[0]?.votes).toEqual(['4', '3', '2']);
    // Averages 4, 3, 2 (Ana), 2 (Caio): Ana 2 seats, Bia 1, Caio 1.
    const table = await plenum(['count', '--method', 'dhondt', '--seats', '4', csv]);
    for (const seats of [
      'Ana: 4 votes ÷ divisor 2 = 2.000000 → 2 seat(s)',
      'Bia: 3 votes ÷ divisor 2 = 1.500000 → 1 seat(s)',
      'Caio: 2 votes ÷ divisor 2 = 1.000000 → 1 seat(s)',
    ]) {
      expect(table.stdout).toContain(seats);
    }
  });

  it('applies a legal threshold to apportionment, and refuses it elsewhere or malformed', async () => {
    const csv = join(work, 'parties.csv');
    writeFileSync(csv, 'count,rank1\n4,Ana\n3,Bia\n2,Caio\n');
    // Caio has 2 of 9 votes (22.2 %): under a 25 % threshold, no seat; Ana and Bia share 4.
    const result = await plenum([
      'count',
      '--method',
      'sainte-lague',
      '--seats',
      '4',
      '--threshold',
      '25',
      '--json',
      csv,
    ]);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as { elected: number[]; rounds: { actions: { rule: string }[] }[] };
    expect(report.elected).toEqual([0, 1]);
    expect(report.rounds[0]?.actions.map((a) => a.rule)).toContain('threshold (BWahlG §6(3))');
    const without = await plenum(['count', '--method', 'sainte-lague', '--seats', '4', '--json', csv]);
    expect((JSON.parse(without.stdout) as { elected: number[] }).elected).toContain(2);

    const stv = await plenum(['count', '--method', 'ers97', '--threshold', '5', WARD]);
    expect(stv.code).toBe(2);
    oneCleanLine(stv.stderr);
    expect(stv.stderr).toContain('apportionment');
    const bad = await plenum(['count', '--method', 'dhondt', '--threshold', '5%', csv]);
    expect(bad.code).toBe(2);
    oneCleanLine(bad.stderr);
    expect(bad.stderr).toContain('5%');
  });

  it('counts the same ward by ERS97, citing its paragraphs', async () => {
    const result = await plenum(['count', '--method', 'ers97', '--json', WARD]);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      elected: number[];
      candidates: string[];
      places: number;
      rounds: { actions: { rule: string }[] }[];
    };
    expect(report.places).toBe(2);
    expect(report.rounds[0]?.actions[0]?.rule).toBe('ERS97 5.1.6');
    expect(report.elected.map((c) => report.candidates[c]).sort()).toEqual([...ELECTED].sort());
  });
});
