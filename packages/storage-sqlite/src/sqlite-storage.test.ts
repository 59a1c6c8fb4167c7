import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storageContract } from '@plenum/storage-contract';
import { PlenumError } from '@plenum/kernel';
import { Plenum } from '@plenum/app';
import { openSqliteStorage } from './sqlite-storage.ts';
import { prepareDataDir } from './data-dir.ts';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'plenum-sqlite-'));
}

storageContract('sqlite', () => {
  const dir = tempDir();
  return Promise.resolve({
    open: () => openSqliteStorage(join(dir, 'plenum.sqlite')),
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  });
});

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
