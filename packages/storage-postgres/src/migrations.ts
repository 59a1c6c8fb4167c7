import { createMailTables } from '@plenum/storage-sql';
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * PostgreSQL migrations, in order. Never edit one that has shipped: add the next. A new
 * PostgreSQL store starts at the schema the SQLite one reached through its migrations 0001–0005
 * (the record's tables, the state being folded from the events, and the private tables of
 * e-mail circulation), so there is nothing to backfill. The record is append-only: triggers refuse UPDATE, DELETE and TRUNCATE on its
 * tables, so even an operator at a psql prompt cannot quietly rewrite it (and the Merkle log
 * makes such a rewrite detectable anyway).
 */
const migrations: Record<string, Migration> = {
  '0001_record': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('events')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('log_hashes')
        .addColumn('idx', 'bigint', (c) => c.primaryKey())
        .addColumn('hash', 'bytea', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('checkpoints')
        .addColumn('size', 'bigint', (c) => c.primaryKey())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('cosignatures')
        .addColumn('witness', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('line', 'text', (c) => c.notNull())
        .addColumn('timestamp', 'bigint', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('cosignatures_pk', ['witness', 'size'])
        .execute();
      await db.schema.createIndex('cosignatures_by_size').on('cosignatures').column('size').execute();
      await db.schema
        .createTable('actor_keys')
        .addColumn('actor', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('first_seq', 'bigint', (c) => c.notNull())
        .execute();
      // E-mail circulation: private, never part of the record (addresses, the outbox, the cursor).
      await createMailTables(db, 'postgres');
      await sql`CREATE FUNCTION plenum_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the record is append-only'; END $$`.execute(db);
      for (const table of ['events', 'log_hashes', 'checkpoints', 'actor_keys']) {
        // Per statement, so that even an UPDATE that matches no row is refused.
        await sql`CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE OR TRUNCATE
          ON ${sql.table(table)} FOR EACH STATEMENT EXECUTE FUNCTION plenum_append_only()`.execute(db);
      }
    },
  },
};

export const KNOWN_SCHEMA_VERSION = Object.keys(migrations).length;

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export function isKnownMigration(name: string): boolean {
  return Object.hasOwn(migrations, name);
}
