import { createHash } from 'node:crypto';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { hashReaderFromMap, hashesToStore, storedHashIndex, treeRoot, treeRootIndexes } from '@plenum/log';
import type { ActorRef } from '@plenum/domain';
import type { ActorKeys } from '@plenum/record';
import { recordMoved } from '@plenum/app';
import type {
  CheckpointSigner,
  MailCounts,
  MailOutcome,
  MailStatus,
  MemberContact,
  NewMail,
  QueuedMail,
  RecordLeaf,
  SignedCheckpoint,
  StoredCosignature,
  StoragePort,
  StoredEvent,
} from '@plenum/app';
import type { SqlDatabase } from './schema.ts';

/** SQLite answers COUNT(*) with a number, PostgreSQL with a bigint string: normalise once. */
type Count = number | bigint | string;

/** A row of `events`. */
export type EventRow = SqlDatabase['events'];
/** A row of `log_hashes`. */
export type HashRow = SqlDatabase['log_hashes'];

/**
 * The storage port over Kysely, the same on every SQL database: the record's reads, the
 * checkpoints and cosignatures, the actors' keys, e-mail circulation, and the append itself.
 * An adapter gives only what differs by database: how an append is serialised across
 * processes, and how the hottest statements (the tree's hashes, the new rows) are run.
 */
export abstract class SqlStore implements StoragePort {
  abstract readonly location: string;
  protected readonly db: Kysely<SqlDatabase>;

  protected constructor(db: Kysely<SqlDatabase>) {
    this.db = db;
  }

  /** Called first in every append's transaction: where other processes may append too, wait for them here. */
  protected abstract lockForAppend(trx: Transaction<SqlDatabase>): Promise<void>;
  /** The stored hashes at `indexes`, in that order, as `db` (the append's transaction, or not) sees them. */
  protected abstract readHashesIn(db: Kysely<SqlDatabase>, indexes: readonly number[]): Promise<Uint8Array[]>;
  /** Inserts an append's rows of `events` and `log_hashes` in its transaction. */
  protected abstract insertLeaves(
    trx: Transaction<SqlDatabase>,
    events: readonly EventRow[],
    hashes: readonly HashRow[],
  ): Promise<void>;

  async schemaVersion(): Promise<number> {
    const row = await this.db
      .withTables<{ kysely_migration: { name: string } }>()
      .selectFrom('kysely_migration')
      .select((eb) => eb.fn.countAll<Count>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * One transaction: the events (leaf i of the log is the event with seq i + 1), the Merkle
   * tree hashes the new leaves complete (RFC 9162 via @plenum/log), the actors' keys they bind
   * and, with `sign`, the checkpoint of the new tree. There are no read models to keep in step:
   * the use cases fold the organisation's state from the events.
   * The tree's right edge (the roots of its complete subtrees) is all that hashing the new
   * leaves needs from before, so only those hashes are read.
   */
  append(
    leaves: readonly RecordLeaf[],
    recordedAt: string,
    sign?: CheckpointSigner,
    expectedSize?: number,
  ): Promise<readonly StoredEvent[]> {
    return this.db.transaction().execute(async (trx) => {
      await this.lockForAppend(trx);
      const size = await countEvents(trx);
      if (expectedSize !== undefined && size !== expectedSize) throw recordMoved(size, expectedSize);
      const edge = treeRootIndexes(size);
      const known = new Map<number, Uint8Array>();
      (await this.readHashesIn(trx, edge)).forEach((hash, i) => known.set(edge[i] ?? -1, hash));
      const rows = eventRows(leaves, size + 1, recordedAt);
      const newHashes: HashRow[] = [];
      rows.forEach((row, i) => {
        const hashes = hashesToStore(size + i, leafHash(row.payload), hashReaderFromMap(known));
        const first = storedHashIndex(0, size + i);
        hashes.forEach((hash, k) => {
          known.set(first + k, hash);
          newHashes.push({ idx: first + k, hash });
        });
      });
      await this.insertLeaves(trx, rows, newHashes);
      await bindActorKeys(trx, leaves, size + 1);
      if (sign !== undefined) {
        // The new tree's complete subtrees are old right-edge hashes or new ones: all in `known`.
        const newSize = size + leaves.length;
        const note = sign(newSize, treeRoot(newSize, hashReaderFromMap(known)));
        await trx.insertInto('checkpoints').values({ size: newSize, note, recorded_at: recordedAt }).execute();
      }
      return rows.map((row) => ({
        seq: row.seq,
        type: row.type as StoredEvent['type'],
        payload: row.payload,
        recordedAt,
      }));
    });
  }

  readStoredHashes(indexes: readonly number[]): Promise<readonly Uint8Array[]> {
    return this.readHashesIn(this.db, indexes);
  }

  async actorKeys(): Promise<ActorKeys> {
    const rows = await this.db.selectFrom('actor_keys').select(['actor', 'key']).execute();
    return new Map(rows.map((r) => [r.actor as ActorRef, r.key]));
  }

  async saveCheckpoint(checkpoint: SignedCheckpoint): Promise<void> {
    await this.db
      .insertInto('checkpoints')
      .values({ size: checkpoint.size, note: checkpoint.note, recorded_at: checkpoint.recordedAt })
      .onConflict((oc) => oc.column('size').doNothing())
      .execute();
  }

  async saveCosignature(c: StoredCosignature): Promise<void> {
    await this.db
      .insertInto('cosignatures')
      .values({ witness: c.witness, size: c.size, line: c.line, timestamp: c.timestamp, recorded_at: c.recordedAt })
      .onConflict((oc) => oc.columns(['witness', 'size']).doNothing())
      .execute();
  }

  async cosignaturesFor(size: number): Promise<readonly StoredCosignature[]> {
    const rows = await this.db
      .selectFrom('cosignatures')
      .selectAll()
      .where('size', '=', size)
      .orderBy('recorded_at')
      .orderBy('witness')
      .execute();
    return rows.map(toCosignature);
  }

  async latestCosignatures(): Promise<readonly StoredCosignature[]> {
    const rows = await this.db
      .selectFrom('cosignatures as c')
      .selectAll('c')
      .where((eb) =>
        eb(
          'c.size',
          '=',
          eb
            .selectFrom('cosignatures as d')
            .select((e) => e.fn.max('d.size').as('m'))
            .whereRef('d.witness', '=', 'c.witness'),
        ),
      )
      .orderBy('c.witness')
      .execute();
    return rows.map(toCosignature);
  }

  async checkpointAt(size: number): Promise<SignedCheckpoint | undefined> {
    const row = await this.db.selectFrom('checkpoints').selectAll().where('size', '=', size).executeTakeFirst();
    return row === undefined ? undefined : { size: row.size, note: row.note, recordedAt: row.recorded_at };
  }

  async latestCheckpoint(): Promise<SignedCheckpoint | undefined> {
    const row = await this.db.selectFrom('checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
    return row === undefined ? undefined : { size: row.size, note: row.note, recordedAt: row.recorded_at };
  }

  async readEvents(afterSeq: number, limit: number): Promise<readonly StoredEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      seq: r.seq,
      type: r.type as StoredEvent['type'],
      payload: r.payload,
      recordedAt: r.recorded_at,
    }));
  }

  eventCount(): Promise<number> {
    return countEvents(this.db);
  }

  // ─── E-mail circulation (private tables, not the record) ───────────────────────────────

  async setContacts(contacts: readonly MemberContact[]): Promise<void> {
    if (contacts.length === 0) return;
    // The last address given for a member wins, within the batch as across batches.
    const rows = [...new Map(contacts.map((c) => [c.memberId, { member_id: c.memberId, email: c.email }])).values()];
    await this.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 400) {
        await trx
          .insertInto('contacts')
          .values(rows.slice(i, i + 400))
          .onConflict((oc) => oc.column('member_id').doUpdateSet((eb) => ({ email: eb.ref('excluded.email') })))
          .execute();
      }
    });
  }

  async contactsOf(memberIds: readonly string[]): Promise<readonly MemberContact[]> {
    const found: MemberContact[] = [];
    const ids = [...new Set(memberIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('contacts')
        .select(['member_id', 'email'])
        .where('member_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) found.push({ memberId: r.member_id, email: r.email });
    }
    return found;
  }

  enqueueMail(messages: readonly NewMail[], throughSeq: number): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      let added = 0;
      for (let i = 0; i < messages.length; i += 100) {
        const rows = messages.slice(i, i + 100).map((m) => ({
          ref: m.ref,
          member_id: m.memberId,
          to_address: m.to,
          subject: m.subject,
          body: m.text,
          created_at: m.createdAt,
          next_attempt_at: m.createdAt,
        }));
        const result = await trx
          .insertInto('mail_outbox')
          .values(rows)
          .onConflict((oc) => oc.columns(['ref', 'member_id']).doNothing())
          .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0);
      }
      // Never back: only a later seq moves the cursor.
      await trx
        .updateTable('mail_cursor')
        .set({ seq: throughSeq })
        .where('id', '=', 1)
        .where('seq', '<', throughSeq)
        .execute();
      return added;
    });
  }

  async mailCursor(): Promise<number> {
    const row = await this.db.selectFrom('mail_cursor').select('seq').where('id', '=', 1).executeTakeFirst();
    return row?.seq ?? 0;
  }

  async pendingMail(limit: number, now: string): Promise<readonly QueuedMail[]> {
    const rows = await this.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toQueuedMail);
  }

  async mailOf(ref: string): Promise<readonly QueuedMail[]> {
    const rows = await this.db.selectFrom('mail_outbox').selectAll().where('ref', '=', ref).orderBy('id').execute();
    return rows.map(toQueuedMail);
  }

  async markMail(id: number, outcome: MailOutcome): Promise<void> {
    const update = this.db.updateTable('mail_outbox').where('id', '=', id).where('status', '=', 'pending');
    switch (outcome.kind) {
      case 'sent':
        await update
          .set((eb) => ({
            status: 'sent',
            attempts: eb('attempts', '+', 1),
            message_id: outcome.messageId,
            sent_at: outcome.at,
          }))
          .execute();
        return;
      case 'retry':
        await update
          .set((eb) => ({
            attempts: eb('attempts', '+', 1),
            last_error: outcome.error,
            next_attempt_at: outcome.retryAt,
          }))
          .execute();
        return;
      case 'gaveUp':
        await update
          .set((eb) => ({ status: 'failed', attempts: eb('attempts', '+', 1), last_error: outcome.error }))
          .execute();
        return;
    }
  }

  async mailSummary(ref: string): Promise<MailCounts> {
    const rows = await this.db
      .selectFrom('mail_outbox')
      .select(['status', (eb) => eb.fn.countAll<Count>().as('n')])
      .where('ref', '=', ref)
      .groupBy('status')
      .execute();
    const counts = { sent: 0, pending: 0, failed: 0 };
    for (const r of rows) if (r.status in counts) counts[r.status as MailStatus] = Number(r.n);
    return counts;
  }

  async mailTo(memberId: string): Promise<ReadonlyMap<string, MailStatus>> {
    const rows = await this.db
      .selectFrom('mail_outbox')
      .select(['ref', 'status'])
      .where('member_id', '=', memberId)
      .orderBy('id')
      .execute();
    return new Map(rows.map((r) => [r.ref, r.status as MailStatus]));
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

async function countEvents(db: Kysely<SqlDatabase>): Promise<number> {
  // seq runs 1, 2, 3… without gaps, so the largest is the count — read from the index,
  // where COUNT(*) would scan the whole record.
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max<Count | null>('seq').as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}

function toQueuedMail(r: Selectable<SqlDatabase['mail_outbox']>): QueuedMail {
  return {
    id: r.id,
    ref: r.ref,
    memberId: r.member_id,
    to: r.to_address,
    subject: r.subject,
    text: r.body,
    createdAt: r.created_at,
    status: r.status as MailStatus,
    attempts: r.attempts,
    lastError: r.last_error,
  };
}

function toCosignature(r: SqlDatabase['cosignatures']): StoredCosignature {
  return { witness: r.witness, size: r.size, line: r.line, timestamp: r.timestamp, recordedAt: r.recorded_at };
}

/**
 * Binds the key of each actor's first signed event (the app has checked that every other
 * event carries the same key); an actor bound before keeps its key.
 */
async function bindActorKeys(
  trx: Transaction<SqlDatabase>,
  leaves: readonly RecordLeaf[],
  firstSeq: number,
): Promise<void> {
  const first = new Map<string, SqlDatabase['actor_keys']>();
  leaves.forEach(({ signed }, i) => {
    if (!first.has(signed.actor))
      first.set(signed.actor, { actor: signed.actor, key: signed.key, first_seq: firstSeq + i });
  });
  const rows = [...first.values()];
  for (let i = 0; i < rows.length; i += 300) {
    await trx
      .insertInto('actor_keys')
      .values(rows.slice(i, i + 300))
      .onConflict((oc) => oc.column('actor').doNothing())
      .execute();
  }
}

/** The rows of `events` a batch of leaves adds, in order, numbered from `firstSeq`. */
function eventRows(leaves: readonly RecordLeaf[], firstSeq: number, recordedAt: string): SqlDatabase['events'][] {
  return leaves.map(({ signed: { event }, payload }, i) => ({
    seq: firstSeq + i,
    type: event.type,
    payload,
    recorded_at: recordedAt,
  }));
}

/**
 * RFC 9162 leaf hash, SHA-256(0x00 || entry), with node:crypto: the same bytes as @plenum/log
 * hashLeaf (the contract suite compares the stored roots with it), several times faster here.
 */
function leafHash(payload: string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(LEAF_PREFIX).update(payload, 'utf8').digest());
}
const LEAF_PREFIX = new Uint8Array([0]);
