import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { mailContract, storageContract, type StorageHarness } from '@plenum/storage-contract';
import { Plenum, isRecordMoved, type StoragePort } from '@plenum/app';
import { demoActorSecret } from '@plenum/demo';
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

describe('several processes on one database', () => {
  it('sequences every event exactly once when two servers append at the same moments, each deciding on the record', async () => {
    const database = await createTestDatabase();
    const stores = [await openPostgresStorage(database.url), await openPostgresStorage(database.url)];
    let overtaken = 0;
    /** The store, counting the appends refused because the other server appended first. */
    const counting = (store: StoragePort): StoragePort => {
      const append = store.append.bind(store);
      store.append = (...args) =>
        append(...args).catch((error: unknown) => {
          if (isRecordMoved(error)) overtaken += 1;
          throw error;
        });
      return store;
    };
    try {
      const [a, b] = stores.map((s) => new Plenum(counting(s), { origin: 'plenum.test/postgres' }));
      if (a === undefined || b === undefined) throw new Error('two stores');
      await a.ensureDemo();
      const before = await stores[0]!.eventCount();
      const members = [...(await a.state()).members.values()].filter((m) => m.status === 'member').slice(0, 40);
      // Forty resignations, alternately through the two servers, all at once: each server's
      // decision may be overtaken by the other's append, and is then decided again.
      const results = await Promise.all(
        members.map((m, i) => {
          const plenum = i % 2 === 0 ? a : b;
          const actor = { kind: 'member', id: m.id } as const;
          return plenum.execute([
            {
              by: plenum.localSigner(actor, demoActorSecret(actor)),
              command: { type: 'resign', memberId: m.id, on: '2026-05-01' },
            },
          ]);
        }),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      // The race did happen, and was decided again rather than recorded on a stale state.
      expect(overtaken).toBeGreaterThan(0);
      const events = await stores[1]!.readEvents(0, 100_000);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.length).toBe(before + members.length);
      // Both servers fold the same state from the record: every member resigned once.
      const [sa, sb] = [await a.state(), await b.state()];
      expect(sa).toEqual(sb);
      for (const m of members) expect(sa.members.get(m.id)?.status).toBe('resigned');
      // And a second resignation of the same member is refused, whichever server gets it.
      const first = members[0]!;
      const again = await b.execute([
        {
          by: b.localSigner({ kind: 'member', id: first.id }, demoActorSecret({ kind: 'member', id: first.id })),
          command: { type: 'resign', memberId: first.id, on: '2026-05-01' },
        },
      ]);
      expect(again.ok).toBe(false);
    } finally {
      for (const s of stores) await s.close();
      await database.drop();
    }
  });
});
