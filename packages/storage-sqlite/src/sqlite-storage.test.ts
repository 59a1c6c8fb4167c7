import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { mailContract, storageContract, type StorageHarness } from '@plenum/storage-contract';
import { PlenumError } from '@plenum/kernel';
import { Plenum } from '@plenum/app';
import { openSqliteStorage } from './sqlite-storage.ts';
import { prepareDataDir } from './data-dir.ts';
import { migrationProvider } from './migrations.ts';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'plenum-sqlite-'));
}

function sqliteHarness(): Promise<StorageHarness> {
  const dir = tempDir();
  return Promise.resolve({
    open: () => openSqliteStorage(join(dir, 'plenum.sqlite')),
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
}

storageContract('sqlite', sqliteHarness);
mailContract('sqlite', sqliteHarness);

describe('sqlite storage', () => {
  it('refuses to UPDATE or DELETE the record, even from a SQL prompt', async () => {
    const dir = tempDir();
    const file = join(dir, 'plenum.sqlite');
    const store = await openSqliteStorage(file);
    await new Plenum(store, { origin: 'plenum.test/sqlite' }).ensureDemo();
    await store.close();
    const raw = new SqliteDatabase(file);
    expect(() => raw.prepare("UPDATE events SET payload = '{}'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    raw.close();
    rmSync(dir, { recursive: true });
  });

  it('refuses a file that is not SQLite, and leaves it as it was', async () => {
    const dir = tempDir();
    const file = join(dir, 'plenum.sqlite');
    writeFileSync(file, 'this is not a database, it is a shopping list\n'.repeat(200));
    const error = await openSqliteStorage(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlenumError);
    expect(error).toMatchObject({ code: 'storage_unavailable', messageKey: 'error.databaseCorrupt' });
    rmSync(dir, { recursive: true });
  });

  it("refuses a SQLite database that is not Plenum's", async () => {
    const dir = tempDir();
    const file = join(dir, 'plenum.sqlite');
    const raw = new SqliteDatabase(file);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    raw.close();
    await expect(openSqliteStorage(file)).rejects.toMatchObject({ messageKey: 'error.databaseCorrupt' });
    const after = new SqliteDatabase(file);
    const tables = after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    expect(tables).toEqual([{ name: 'invoices' }]);
    after.close();
    rmSync(dir, { recursive: true });
  });

  it('refuses a database migrated by a newer Plenum', async () => {
    const dir = tempDir();
    const file = join(dir, 'plenum.sqlite');
    await (await openSqliteStorage(file)).close();
    const raw = new SqliteDatabase(file);
    raw.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01')").run();
    raw.close();
    await expect(openSqliteStorage(file)).rejects.toMatchObject({ messageKey: 'error.databaseTooNew' });
    rmSync(dir, { recursive: true });
  });
});

/** The tables and triggers of a database, by name. */
function schemaOf(file: string): { tables: string[]; triggers: string[] } {
  const raw = new SqliteDatabase(file, { readonly: true });
  const names = (type: string): string[] =>
    raw
      .prepare<[string], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all(type)
      .map((r) => r.name);
  const schema = { tables: names('table'), triggers: names('trigger') };
  raw.close();
  return schema;
}

const RECORD_TABLES = ['actor_keys', 'checkpoints', 'cosignatures', 'events', 'log_hashes'];
/** E-mail circulation's private tables (migration 0006): beside the record, never in it. */
const MAIL_TABLES = ['contacts', 'mail_cursor', 'mail_outbox'];
const APPEND_ONLY_TRIGGERS = ['actor_keys', 'checkpoints', 'events', 'log_hashes'].flatMap((t) => [
  `${t}_no_delete`,
  `${t}_no_update`,
]);

describe('the schema: the record, and beside it the private tables of e-mail', () => {
  it('creates the record tables, each append-only, and the private mail tables', async () => {
    const dir = tempDir();
    const file = join(dir, 'plenum.sqlite');
    const store = await openSqliteStorage(file);
    expect(await store.schemaVersion()).toBe(6);
    await store.close();
    expect(schemaOf(file)).toEqual({
      tables: [...RECORD_TABLES, ...MAIL_TABLES, 'kysely_migration', 'kysely_migration_lock'].sort(),
      triggers: APPEND_ONLY_TRIGGERS,
    });
    rmSync(dir, { recursive: true });
  });

  it('migrates a store of schema 4: drops the read models, keeps the record exactly', async () => {
    const dir = tempDir();
    const file = join(dir, 'plenum.sqlite');
    // A store as the previous release left it: migrations 0001–0004 only, with rows in the
    // read models (members refer to units, so dropping them in the wrong order would fail).
    const raw = new SqliteDatabase(file);
    raw.pragma('foreign_keys = ON');
    const db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
    const migrated = await new Migrator({ db, provider: migrationProvider }).migrateTo('0004_actor_keys');
    expect(migrated.error).toBeUndefined();
    raw.exec(`
      INSERT INTO events (seq, type, payload, recorded_at) VALUES (1, 'organisation.founded', '{"a":1}', 't1');
      INSERT INTO events (seq, type, payload, recorded_at) VALUES (2, 'member.admitted', '{"b":2}', 't2');
      INSERT INTO units (id, kind, name, parent_id, country, created_seq) VALUES ('fed', 'federation', 'F', NULL, NULL, 1);
      INSERT INTO members (id, given_name, family_name, unit_id, admitted_on, created_seq)
        VALUES ('m1', 'Rosa', 'L', 'fed', '2001-01-01', 2);
      INSERT INTO bodies (id, kind, name, unit_id, seats, created_seq) VALUES ('cc', 'central-committee', 'CC', 'fed', 9, 1);
      INSERT INTO log_hashes (idx, hash) VALUES (0, x'00'), (1, x'01'), (2, x'02');
      INSERT INTO actor_keys (actor, key, first_seq) VALUES ('founders', 'k', 1);
    `);
    await db.destroy();
    expect(schemaOf(file).tables).toEqual(expect.arrayContaining(['units', 'members', 'bodies']));

    const store = await openSqliteStorage(file);
    expect(await store.schemaVersion()).toBe(6);
    expect(await store.readEvents(0, 10)).toEqual([
      { seq: 1, type: 'organisation.founded', payload: '{"a":1}', recordedAt: 't1' },
      { seq: 2, type: 'member.admitted', payload: '{"b":2}', recordedAt: 't2' },
    ]);
    expect(await store.readStoredHashes([0, 2])).toEqual([new Uint8Array([0]), new Uint8Array([2])]);
    expect(await store.actorKeys()).toEqual(new Map([['founders', 'k']]));
    await store.close();
    expect(schemaOf(file)).toEqual({
      tables: [...RECORD_TABLES, ...MAIL_TABLES, 'kysely_migration', 'kysely_migration_lock'].sort(),
      triggers: APPEND_ONLY_TRIGGERS,
    });
    rmSync(dir, { recursive: true });
  });
});

describe('migration 0006: e-mail circulation', () => {
  it('adds the private mail tables to a store of schema 5 and leaves its record as it was', async () => {
    const dir = tempDir();
    const file = join(dir, 'plenum.sqlite');
    const raw = new SqliteDatabase(file);
    const db = new Kysely({ dialect: new SqliteDialect({ database: raw }) });
    expect(
      (await new Migrator({ db, provider: migrationProvider }).migrateTo('0005_fold_state')).error,
    ).toBeUndefined();
    raw.exec(
      `INSERT INTO events (seq, type, payload, recorded_at) VALUES (1, 'organisation.founded', '{"a":1}', 't1');`,
    );
    await db.destroy();
    const store = await openSqliteStorage(file);
    expect(await store.schemaVersion()).toBe(6);
    expect(await store.readEvents(0, 10)).toEqual([
      { seq: 1, type: 'organisation.founded', payload: '{"a":1}', recordedAt: 't1' },
    ]);
    // Nothing of the record was turned into mail yet.
    expect(await store.mailCursor()).toBe(0);
    await store.close();
    expect(schemaOf(file).tables).toEqual(expect.arrayContaining(MAIL_TABLES));
    rmSync(dir, { recursive: true });
  });
});

describe('the data directory', () => {
  it('is created when missing', () => {
    const parent = tempDir();
    expect(prepareDataDir(join(parent, 'a', 'b'))).toBe(join(parent, 'a', 'b', 'plenum.sqlite'));
    rmSync(parent, { recursive: true });
  });

  it('must be a directory', () => {
    const parent = tempDir();
    const file = join(parent, 'file');
    writeFileSync(file, '');
    expect(() => prepareDataDir(file)).toThrow(expect.objectContaining({ messageKey: 'error.dataDirNotDirectory' }));
    expect(() => prepareDataDir(join(file, 'below'))).toThrow(expect.objectContaining({ code: 'storage_unavailable' }));
    rmSync(parent, { recursive: true });
  });

  it('must be writable', () => {
    // /proc is a filesystem no one, root included, can create files in.
    expect(() => prepareDataDir('/proc/plenum-data')).toThrow(expect.objectContaining({ code: 'storage_unavailable' }));
  });
});
