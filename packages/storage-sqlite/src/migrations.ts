import { createMailTables } from '@plenum/storage-sql';
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { utf8 } from '@plenum/kernel';
import { hashLeaf, hashReaderFromMap, hashesToStore, storedHashIndex } from '@plenum/log';

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
  '0002_merkle_log': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('log_hashes')
        .addColumn('idx', 'integer', (c) => c.primaryKey())
        .addColumn('hash', 'blob', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('checkpoints')
        .addColumn('size', 'integer', (c) => c.primaryKey())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      for (const table of ['log_hashes', 'checkpoints']) {
        await sql`CREATE TRIGGER ${sql.raw(`${table}_no_update`)} BEFORE UPDATE ON ${sql.table(table)}
          BEGIN SELECT RAISE(ABORT, 'the record is append-only'); END`.execute(db);
        await sql`CREATE TRIGGER ${sql.raw(`${table}_no_delete`)} BEFORE DELETE ON ${sql.table(table)}
          BEGIN SELECT RAISE(ABORT, 'the record is append-only'); END`.execute(db);
      }
      await backfillLogHashes(db);
    },
  },
  '0003_cosignatures': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('cosignatures')
        .addColumn('witness', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('line', 'text', (c) => c.notNull())
        .addColumn('timestamp', 'integer', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('cosignatures_pk', ['witness', 'size'])
        .execute();
      await db.schema.createIndex('cosignatures_by_size').on('cosignatures').column('size').execute();
    },
  },
  '0004_actor_keys': {
    async up(db: Kysely<unknown>): Promise<void> {
      // The key the record binds to each actor (`member:<id>`, `body:<id>`, `founders`): the key
      // of the first event the actor signed. A read model of the signed leaves; append-only
      // because a binding is never undone (a replacement key will be a new, recorded act).
      // Stores written before events were signed hold unsigned leaves and bind no key.
      await db.schema
        .createTable('actor_keys')
        .addColumn('actor', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('first_seq', 'integer', (c) => c.notNull())
        .execute();
      await sql`CREATE TRIGGER actor_keys_no_update BEFORE UPDATE ON actor_keys
        BEGIN SELECT RAISE(ABORT, 'the record is append-only'); END`.execute(db);
      await sql`CREATE TRIGGER actor_keys_no_delete BEFORE DELETE ON actor_keys
        BEGIN SELECT RAISE(ABORT, 'the record is append-only'); END`.execute(db);
    },
  },
  '0005_fold_state': {
    async up(db: Kysely<unknown>): Promise<void> {
      // The organisation's state is now the fold of the record's events (the use cases
      // evolve it from `events`), so the read models 0001 created are not kept any more. They
      // were never the record — only copies of it, which a fold rebuilds exactly — so dropping
      // them loses nothing; the record's own tables keep their append-only triggers.
      // Children before the parent they refer to (foreign keys are on).
      await db.schema.dropTable('members').execute();
      await db.schema.dropTable('bodies').execute();
      await db.schema.dropTable('units').execute();
    },
  },
  '0006_mail': {
    async up(db: Kysely<unknown>): Promise<void> {
      // E-mail circulation. None of this is the record, and none of it may ever be: members'
      // addresses are private (the record is public), and the outbox only says how the
      // delivery the record made (platform.circulated, letter.delivered) went by e-mail.
      await createMailTables(db, 'sqlite');
    },
  },
};

/**
 * A store created before the Merkle log existed holds events but no tree: hash them now,
 * in order, so that leaf i is the event with seq i + 1 exactly as for new events.
 */
async function backfillLogHashes(db: Kysely<unknown>): Promise<void> {
  const typed = db as Kysely<{
    events: { seq: number; payload: string };
    log_hashes: { idx: number; hash: Uint8Array };
  }>;
  const events = await typed.selectFrom('events').select(['seq', 'payload']).orderBy('seq').execute();
  const stored = new Map<number, Uint8Array>();
  for (const [n, event] of events.entries()) {
    const hashes = hashesToStore(n, hashLeaf(utf8(event.payload)), hashReaderFromMap(stored));
    const first = storedHashIndex(0, n);
    hashes.forEach((hash, k) => stored.set(first + k, hash));
  }
  const rows = [...stored].map(([idx, hash]) => ({ idx, hash }));
  for (let i = 0; i < rows.length; i += 500) {
    await typed
      .insertInto('log_hashes')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export const KNOWN_SCHEMA_VERSION = Object.keys(migrations).length;

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export function isKnownMigration(name: string): boolean {
  return Object.hasOwn(migrations, name);
}
