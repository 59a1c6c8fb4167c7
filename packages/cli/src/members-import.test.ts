import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Plenum } from '@plenum/app';
import { demoActorSecret } from '@plenum/demo';
import type { Actor, DomainEvent } from '@plenum/domain';
import { SIGNATURE_TYPE_ED25519, formatSignerKey } from '@plenum/log';
import { openSqliteStorage, prepareDataDir } from '@plenum/storage-sqlite';
import { createFoundersKey } from './founders-key.ts';
import { createLogKey } from './log-key.ts';
import { memberIdOf } from './members-import.ts';
import { STACK_LINE, plenum, requireBuilt } from './test-support/run-bin.ts';

// `plenum members import` as an officer runs it, through the real bin, on a real data
// directory: every row admitted in one act of the record, or none.

let work: string;
beforeAll(() => {
  requireBuilt();
  work = mkdtempSync(join(tmpdir(), 'plenum-import-'));
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The events of a data directory's record, in order. */
async function recorded(dataDir: string): Promise<DomainEvent[]> {
  const storage = await openSqliteStorage(prepareDataDir(dataDir));
  try {
    const events = await storage.readEvents(0, 100_000);
    return events.map((e) => (JSON.parse(e.payload) as { event: DomainEvent }).event);
  } finally {
    await storage.close();
  }
}

/** A data directory whose founders adopted the demo statute and founded a small tree (no members yet). */
async function foundedDir(name: string): Promise<string> {
  const dataDir = join(work, name);
  const storage = await openSqliteStorage(prepareDataDir(dataDir));
  try {
    const log = createLogKey(dataDir, `plenum.test/${name}`);
    const p = new Plenum(storage, { log });
    const founders = p.localSigner({ kind: 'founders' }, createFoundersKey(dataDir));
    const on = '2026-01-05';
    const founded = await p.initialise('Sindicato dos Trabalhadores', founders, { on });
    expect(founded.ok).toBe(true);
    const unit = (id: string, level: string, unitName: string, parentId: string) => ({
      by: founders,
      command: { type: 'foundUnit' as const, unit: { id, level, name: unitName, parentId }, on },
    });
    const result = await p.execute([
      unit('sp', 'section', 'Seção São Paulo', 'root'),
      unit('centro', 'branch', 'Núcleo Centro', 'sp'),
      unit('norte', 'branch', 'Núcleo Norte', 'sp'),
    ]);
    expect(result.ok).toBe(true);
  } finally {
    await storage.close();
  }
  return dataDir;
}

/** A data directory holding the demo organisation (its congress exists: the founders' period is over). */
async function demoDir(name: string): Promise<string> {
  const dataDir = join(work, name);
  const storage = await openSqliteStorage(prepareDataDir(dataDir));
  try {
    await new Plenum(storage, { log: createLogKey(dataDir, `plenum.test/${name}`) }).ensureDemo();
  } finally {
    await storage.close();
  }
  return dataDir;
}

/** The demo actor's key as a signer-key file, as the body's secretary would keep it. */
function keyFile(actor: Actor, name: string): string {
  const file = join(work, name);
  const id = actor.kind === 'founders' || actor.kind === 'voter' ? actor.kind : `${actor.kind}:${actor.id}`;
  writeFileSync(
    file,
    `${formatSignerKey({ name: id, type: SIGNATURE_TYPE_ED25519, seed: demoActorSecret(actor) })}\n`,
    { mode: 0o600 },
  );
  return file;
}

function csv(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

const ROLL =
  '\uFEFFNome;Sobrenome;Núcleo;Data de filiação\r\nAna;Souza;Núcleo Centro;07/03/2019\r\nBeto;Lima;Núcleo Norte;15/11/2018\r\nCaio;Dias;centro;01/02/2024\r\n';

describe('plenum members import --by founders (the founding roll)', () => {
  /** The founders import the roll on the day after founding. */
  const importRoll = (file: string, dataDir: string) =>
    plenum(['members', 'import', file, '--by', 'founders', '--data-dir', dataDir, '--on', '2026-01-06']);

  it('admits every row in one act, each member keeping the date the file gives; a second import of the same file is refused row by row', async () => {
    const dataDir = await foundedDir('roll');
    const file = csv('roll.csv', ROLL);
    const before = (await recorded(dataDir)).length;
    const run = await importRoll(file, dataDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 members admitted in one act of the record');
    const events = await recorded(dataDir);
    const admitted = events.slice(before);
    expect(admitted.map((e) => e.type)).toEqual(['membership.admitted', 'membership.admitted', 'membership.admitted']);
    expect(admitted.map((e) => (e.type === 'membership.admitted' ? [e.member.unitId, e.since, e.on] : []))).toEqual([
      ['centro', '2019-03-07', '2026-01-06'],
      ['norte', '2018-11-15', '2026-01-06'],
      ['centro', '2024-02-01', '2026-01-06'],
    ]);

    const again = await importRoll(file, dataDir);
    expect(again.code).toBe(1);
    for (const line of [2, 3, 4]) expect(again.stderr).toContain(`${file}:${line}: Line ${line}: a member with the id`);
    expect(again.stderr).toContain('nothing was imported — 3 rows were rejected');
    expect(again.stderr).not.toMatch(STACK_LINE);
    expect(await recorded(dataDir)).toHaveLength(events.length);
  });

  it('writes nothing when one row of many is wrong, and names that row and why', async () => {
    const dataDir = await foundedDir('one-bad');
    const file = csv('one-bad.csv', `${ROLL}Dora;Reis;Atlântida;02/02/2020\r\n`);
    const before = (await recorded(dataDir)).length;
    const run = await plenum(['members', 'import', file, '--by', 'founders', '--data-dir', dataDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${file}:5: Line 5, column “Núcleo”: there is no unit with the id or name “Atlântida”.`,
    );
    expect(run.stderr).toContain('1 row was rejected');
    expect(await recorded(dataDir)).toHaveLength(before);
  });
});

describe('plenum members import: e-mail addresses', () => {
  const WITH_EMAIL =
    'Nome;Sobrenome;Núcleo;Data de filiação;E-mail\r\nAna;Souza;Núcleo Centro;07/03/2019;ana@example.org\r\nBeto;Lima;Núcleo Norte;15/11/2018;\r\nCaio;Dias;centro;01/02/2024;caio@example.org\r\n';
  const importRoll = (file: string, dataDir: string) =>
    plenum(['members', 'import', file, '--by', 'founders', '--data-dir', dataDir, '--on', '2026-01-06']);

  /** The addresses the data directory keeps for these members, by member id. */
  async function contacts(dataDir: string, ids: readonly string[]): Promise<Map<string, string>> {
    const storage = await openSqliteStorage(prepareDataDir(dataDir));
    try {
      return new Map((await storage.contactsOf(ids)).map((c) => [c.memberId, c.email]));
    } finally {
      await storage.close();
    }
  }
  const idOf = (givenName: string, familyName: string, unitRef: string, admittedOn: string) =>
    memberIdOf({ line: 0, givenName, familyName, unitRef, admittedOn });

  it('keeps the e-mail column beside the record once the admissions are in it, and never in it', async () => {
    const dataDir = await foundedDir('with-email');
    const run = await importRoll(csv('with-email.csv', WITH_EMAIL), dataDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 members admitted in one act of the record');
    expect(run.stdout).toContain('2 e-mail addresses were kept for circulation (private: never in the record).');
    const ana = idOf('Ana', 'Souza', 'Núcleo Centro', '2019-03-07');
    const beto = idOf('Beto', 'Lima', 'Núcleo Norte', '2018-11-15');
    const caio = idOf('Caio', 'Dias', 'centro', '2024-02-01');
    expect(await contacts(dataDir, [ana, beto, caio])).toEqual(
      new Map([
        [ana, 'ana@example.org'],
        [caio, 'caio@example.org'],
      ]),
    );
    expect(JSON.stringify(await recorded(dataDir))).not.toContain('@example.org');
  });

  it('keeps no address when the import is refused, an address Plenum could not mail to included', async () => {
    const dataDir = await foundedDir('bad-email');
    const before = (await recorded(dataDir)).length;
    // The file's own check takes it (one @, a dotted domain); Plenum could not put it in a To: header.
    const file = csv('bad-email.csv', `${WITH_EMAIL}Dora;Reis;centro;02/02/2020;<dora>@example.org\r\n`);
    const run = await importRoll(file, dataDir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:5: Line 5, column “E-mail”: “<dora>@example.org” is not an e-mail address.`);
    expect(await recorded(dataDir)).toHaveLength(before);
    const ana = idOf('Ana', 'Souza', 'Núcleo Centro', '2019-03-07');
    expect(await contacts(dataDir, [ana])).toEqual(new Map());
  });
});

describe('plenum members import --by body (after the founding)', () => {
  let dataDir: string;
  let assemblyKey: string;
  beforeAll(async () => {
    dataDir = await demoDir('demo');
    assemblyKey = keyFile({ kind: 'body', id: 'assembly-br-rio' }, 'rio.key');
  });
  /** `plenum members import <file> --by <actor> --key <file> --vote <count> --on <day>` on the demo directory. */
  const bodyImport = (file: string, by: string, key: string, vote: string, on: string) =>
    plenum(['members', 'import', file, '--by', by, '--key', key, '--vote', vote, '--on', on, '--data-dir', dataDir]);
  const newcomers = (date: string): string =>
    `given name,family name,branch,joined\nLia,Moura,br-rio,${date}\nRui,Costa,Núcleo Rio de Janeiro,${date}\n`;

  it('admits the rows by the assembly’s counted vote, membership beginning on its decision', async () => {
    const file = csv('rio.csv', newcomers('2026-05-02'));
    const before = (await recorded(dataDir)).length;
    const run = await bodyImport(file, 'body:assembly-br-rio', assemblyKey, '15,1,2,18', '2026-05-02');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const admitted = (await recorded(dataDir)).slice(before);
    expect(admitted).toHaveLength(2);
    for (const e of admitted) {
      expect(e).toMatchObject({ type: 'membership.admitted', on: '2026-05-02', since: '2026-05-02' });
      expect(e.type === 'membership.admitted' && e.vote).toMatchObject({ yes: 15, no: 1, abstain: 2, present: 18 });
    }
    const ids = admitted.map((e) => (e.type === 'membership.admitted' ? e.member.id : ''));
    expect(ids[0]).toBe(
      memberIdOf({ line: 2, givenName: 'Lia', familyName: 'Moura', unitRef: 'br-rio', admittedOn: '2026-05-02' }),
    );
  });

  it('rejects rows dated before the decision: only the founding roll keeps earlier dates', async () => {
    const file = csv('rio-old.csv', newcomers('2020-05-02'));
    const before = (await recorded(dataDir)).length;
    const run = await bodyImport(file, 'body:assembly-br-rio', assemblyKey, '18,0,0,18', '2026-05-09');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Plenum governance.founding-roll');
    expect(run.stderr).toContain(`${file}:2:`);
    expect(run.stderr).toContain(`${file}:3:`);
    expect(await recorded(dataDir)).toHaveLength(before);
  });

  it('refuses, citing the statute’s clause, a vote without quorum and a body that may not admit; nothing is written', async () => {
    const file = csv('rio-late.csv', newcomers('2026-05-16'));
    const before = (await recorded(dataDir)).length;
    const noQuorum = await bodyImport(file, 'body:assembly-br-rio', assemblyKey, '4,0,0,4', '2026-05-16');
    expect(noQuorum.code).toBe(1);
    expect(noQuorum.stderr).toContain('Statute §8.1');
    expect(noQuorum.stderr).toContain('nothing was imported');
    const committee = await bodyImport(
      file,
      'body:central-committee',
      keyFile({ kind: 'body', id: 'central-committee' }, 'cc.key'),
      '15,0,0,15',
      '2026-05-16',
    );
    expect(committee.code).toBe(1);
    expect(committee.stderr).toContain('Statute §3.2');
    expect(committee.stderr).not.toMatch(STACK_LINE);
    expect(await recorded(dataDir)).toHaveLength(before);
  });

  it('refuses a key that is not the one the record binds to the body, citing the rule', async () => {
    const file = csv('rio-forged.csv', newcomers('2026-05-23'));
    const forged = join(work, 'forged.key');
    writeFileSync(
      forged,
      `${formatSignerKey({ name: 'body:assembly-br-rio', type: SIGNATURE_TYPE_ED25519, seed: new Uint8Array(32).fill(7) })}\n`,
    );
    const run = await bodyImport(file, 'body:assembly-br-rio', forged, '18,0,0,18', '2026-05-23');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Plenum record.actor-key');
  });

  it('refuses a wrong command line with exit 2 and one line', async () => {
    const file = csv('any.csv', newcomers('2026-05-30'));
    for (const args of [
      ['--by', 'member:m0001'],
      ['--by', 'body:assembly-br-rio', '--key', assemblyKey],
      ['--by', 'body:assembly-br-rio', '--key', assemblyKey, '--vote', 'many'],
      ['--by', 'founders', '--vote', '1,0,0,1'],
      ['--by', 'founders', '--on', 'tomorrow'],
    ]) {
      const run = await plenum(['members', 'import', file, ...args, '--data-dir', dataDir]);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
