import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STACK_LINE, plenum, requireBuilt } from './test-support/run-bin.ts';

// The offline checks as a user runs them, through the real bin.
let work: string;
beforeAll(() => {
  requireBuilt();
  work = mkdtempSync(join(tmpdir(), 'plenum-check-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('plenum statute', () => {
  it('prints an example statute that its own check accepts', async () => {
    const example = await plenum(['statute', 'example', '1921']);
    expect(example.code).toBe(0);
    expect(example.stdout).toContain('organise: pre-congress-discussion');
    const file = join(work, 'statute.yaml');
    writeFileSync(file, example.stdout);
    const check = await plenum(['statute', 'check', file]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('version 1; units party → region → cell; 4 bodies');
  });

  it('lists every problem of a broken statute with its line, path and a translated message; exit 1', async () => {
    const example = await plenum(['statute', 'example', 'demo']);
    const broken = example.stdout
      .replace('    seats: 15\n', '    seats: many\n')
      .replace('  by: congress\n  majority: two-thirds', '  by: central-committee\n  majority: two-thirds');
    const file = join(work, 'broken.yaml');
    writeFileSync(file, broken);
    const lineOf = (text: string): number => broken.split('\n').findIndex((l) => l.includes(text)) + 1;
    const check = await plenum(['statute', 'check', file]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`${file}:${lineOf('seats: many')}:12: bodies.central-committee.seats:`);
    expect(check.stderr).not.toMatch(STACK_LINE);
    const pt = await plenum(['statute', 'check', file], { PLENUM_LANG: 'pt-BR' });
    expect(pt.stderr).toContain('recusado, 1 problema');
  });

  it('refuses an unknown example or a missing file in one line', async () => {
    const unknown = await plenum(['statute', 'example', '1917']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await plenum(['statute', 'check', join(work, 'none.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('there is no file');
  });
});

describe('plenum members check', () => {
  it('reads a Brazilian export and lists each rejected row with its line and reason', async () => {
    const file = join(work, 'filiados.csv');
    writeFileSync(
      file,
      '\uFEFFNome;Sobrenome;Núcleo;Data de filiação\r\nAna;Souza;Centro;07/03/2019\r\nBeto;;Centro;31/02/2020\r\nCaio;Lima;Norte;15/11/2018\r\n',
    );
    const result = await plenum(['members', 'check', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:3:`);
    expect(result.stdout).toContain('2 rows read, 1 row rejected (separator “;”, dates dmy)');
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it('accepts a clean export (exit 0) and refuses a bad --date-order (exit 2)', async () => {
    const file = join(work, 'members.csv');
    writeFileSync(file, 'First name,Last name,Branch,Joined\nAna,Reis,North,2019-03-07\n');
    const ok = await plenum(['members', 'check', file]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toBe('');
    const noUnit = join(work, 'no-unit.csv');
    writeFileSync(noUnit, 'First name,Last name,Joined\nAna,Reis,2019-03-07\n');
    const missing = await plenum(['members', 'check', noUnit]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toContain('unitRef');
    const bad = await plenum(['members', 'check', file, '--date-order', 'yyyy']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});
