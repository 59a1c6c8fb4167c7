import { sql, type Kysely } from 'kysely';

/**
 * Creates the private tables of e-mail circulation, the same on every SQL database but for
 * how the outbox numbers its rows. None of this is the record, and none of it may ever be:
 * members' addresses are private (the record is public), and the outbox only says how the
 * delivery the record made (platform.circulated, letter.delivered) went by e-mail.
 */
export async function createMailTables(db: Kysely<unknown>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('contacts')
    .addColumn('member_id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('sent_at', 'text')
    .addUniqueConstraint('mail_outbox_ref_member', ['ref', 'member_id'])
    .execute();
  await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('mail_outbox_by_member').on('mail_outbox').column('member_id').execute();
  // The last event turned into mail: one row, moved in the same transaction as the messages it queued.
  await db.schema
    .createTable('mail_cursor')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO mail_cursor (id, seq) VALUES (1, 0)`.execute(db);
}
