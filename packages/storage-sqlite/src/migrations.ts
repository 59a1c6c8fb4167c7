import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/**
 * Migrations, in order. Never edit one that has shipped: add the next. Their names sort in
 * the order they run. The record (`events`) is append-only: triggers refuse UPDATE and
 * DELETE, so even a careless operator with a SQL prompt cannot quietly rewrite it
 * (the Merkle log makes such a rewrite detectable as well).
 */
const migrations: Record<string, Migration> = {
  '0001_foundation': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('events')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await sql`CREATE TRIGGER events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the record is append-only'); END`.execute(db);
      await sql`CREATE TRIGGER events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the record is append-only'); END`.execute(db);
      await db.schema
        .createTable('units')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text', (c) => c.references('units.id'))
        .addColumn('country', 'text')
        .addColumn('created_seq', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('members')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('given_name', 'text', (c) => c.notNull())
        .addColumn('family_name', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('admitted_on', 'text', (c) => c.notNull())
        .addColumn('created_seq', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('members_by_unit').on('members').column('unit_id').execute();
      await db.schema
        .createTable('bodies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
        .addColumn('seats', 'integer')
        .addColumn('created_seq', 'integer', (c) => c.notNull())
        .execute();
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
