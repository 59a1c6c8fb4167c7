import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { mailContract, storageContract, type StorageHarness } from '@plenum/storage-contract';
import { Plenum } from '@plenum/app';
import { openPostgresStorage, redactedLocation } from './postgres-storage.ts';
import { createTestDatabase } from './test-support/test-database.ts';

async function postgresHarness(): Promise<StorageHarness> {
  const database = await createTestDatabase();
  return { open: () => openPostgresStorage(database.url), dispose: () => database.drop() };
}

storageContract('postgres', postgresHarness);
mailContract('postgres', postgresHarness);

describe('postgres storage', () => {
  it('refuses to UPDATE, DELETE or TRUNCATE the record, even from a SQL prompt', async () => {
    const database = await createTestDatabase();
    try {
      const store = await openPostgresStorage(database.url);
      await new Plenum(store, { origin: 'plenum.test/postgres' }).ensureDemo();
      await store.close();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        for (const statement of [
          "UPDATE events SET payload = '{}'",
          'DELETE FROM events',
          'TRUNCATE events',
          'DELETE FROM log_hashes',
          'UPDATE checkpoints SET note = note',
          'DELETE FROM actor_keys',
        ]) {
          await expect(client.query(statement), statement).rejects.toThrow(/append-only/);
        }
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });

  it("refuses a database holding tables that are not Plenum's, and leaves them as they were", async () => {
    const database = await createTestDatabase();
    try {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query('CREATE TABLE invoices (id integer PRIMARY KEY)');
      await expect(openPostgresStorage(database.url)).rejects.toMatchObject({
        code: 'storage_unavailable',
        messageKey: 'error.databaseCorrupt',
      });
      const tables = await client.query<{ tablename: string }>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
      expect(tables.rows.map((r) => r.tablename)).toEqual(['invoices']);
      await client.end();
    } finally {
      await database.drop();
    }
  });

  it('refuses a database written by a newer Plenum', async () => {
    const database = await createTestDatabase();
    try {
      await (await openPostgresStorage(database.url)).close();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      await client.query("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future', '2030-01-01')");
      await client.end();
      await expect(openPostgresStorage(database.url)).rejects.toMatchObject({ messageKey: 'error.databaseTooNew' });
    } finally {
      await database.drop();
    }
  });

  it('says it cannot reach a server that is not there, without the password', async () => {
    const url = 'postgres://plenum:s3cret-pass@127.0.0.1:1/plenum';
    const error = await openPostgresStorage(url).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'storage_unavailable', messageKey: 'error.databaseUnreachable' });
    expect(JSON.stringify(error) + String(error)).not.toContain('s3cret-pass');
    expect(redactedLocation(url)).toBe('postgres://plenum@127.0.0.1:1/plenum');
  });
});
