import { createHash } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Transaction } from 'kysely';
import { PlenumError } from '@plenum/kernel';
import { hashReaderFromMap, hashesToStore, storedHashIndex, treeRoot, treeRootIndexes } from '@plenum/log';
import type { ActorRef } from '@plenum/domain';
import type { ActorKeys } from '@plenum/record';
import type {
  CheckpointSigner,
  RecordLeaf,
  SignedCheckpoint,
  StoredCosignature,
  StoragePort,
  StoredEvent,
} from '@plenum/app';
import type { Database } from './schema.ts';
import { KNOWN_SCHEMA_VERSION, isKnownMigration, migrationProvider } from './migrations.ts';

/**
 * Opens (creating if needed) the SQLite database in `file` and brings it to the latest schema.
 * Refuses, with storage_unavailable and nothing changed, a file that is not SQLite, a SQLite
 * file that is not Plenum's, and a database written by a newer Plenum.
 */
export async function openSqliteStorage(file: string): Promise<StoragePort> {
  const raw = openRaw(file);
  try {
    checkIsPlenumDatabase(raw, file);
  } catch (error) {
    raw.close();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (error !== undefined) {
    await db.destroy();
    throw corrupt(file, reasonOf(error), error);
  }
  return new SqliteStorage(db, raw, file);
}

function openRaw(file: string): SqliteDatabase.Database {
  let raw: SqliteDatabase.Database | undefined;
  try {
    raw = new SqliteDatabase(file);
    // The first statement reads the header: a file that is not SQLite fails here (SQLITE_NOTADB).
    raw.pragma('journal_mode = WAL');
    // Durable commits: in WAL mode FULL syncs the log on every commit, so a committed event
    // survives a power cut. (NORMAL would be faster and could lose the last commits.)
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    return raw;
  } catch (error) {
    raw?.close();
    throw corrupt(file, reasonOf(error), error);
  }
}

function checkIsPlenumDatabase(raw: SqliteDatabase.Database, file: string): void {
  const tables = raw
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all()
    .map((row) => row.name);
  if (tables.length === 0) return;
  if (!tables.includes('kysely_migration')) {
    throw corrupt(file, `it holds tables that are not Plenum's: ${tables.slice(0, 5).join(', ')}`);
  }
  const applied = raw.prepare<[], { name: string }>('SELECT name FROM kysely_migration').all();
  const unknown = applied.filter((row) => !isKnownMigration(row.name));
  if (unknown.length > 0) {
    throw new PlenumError('storage_unavailable', `${file}: written by a newer Plenum`, {
      messageKey: 'error.databaseTooNew',
      params: { file, found: applied.length, known: KNOWN_SCHEMA_VERSION },
    });
  }
}

/** SQLite answers COUNT(*) with a number, PostgreSQL with a bigint string: normalise once. */
type Count = number | bigint | string;

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

function corrupt(file: string, reason: string, cause?: unknown): PlenumError {
  return new PlenumError('storage_unavailable', `${file}: ${reason}`, {
    messageKey: 'error.databaseCorrupt',
    params: { file, reason },
    cause,
  });
}

class SqliteStorage implements StoragePort {
  readonly location: string;
  readonly #db: Kysely<Database>;
  readonly #readHashes: HashStatement;
  readonly #insertEvent: SqliteDatabase.Statement<[number, string, string, string]>;
  readonly #insertHash: SqliteDatabase.Statement<[number, Uint8Array]>;

  constructor(db: Kysely<Database>, raw: SqliteDatabase.Database, file: string) {
    this.#db = db;
    this.location = `sqlite:${file}`;
    // Proofs are the hottest read (every inclusion or consistency proof, every checkpoint):
    // one statement prepared once, taking the indexes as one JSON array, on the same
    // connection Kysely uses (so inside an append's transaction it sees that transaction).
    this.#readHashes = raw.prepare('SELECT idx, hash FROM log_hashes WHERE idx IN (SELECT value FROM json_each(?))');
    // The tables every append writes most to: a row per event and about two hashes per event,
    // through statements prepared once (Kysely would build and prepare a statement of hundreds
    // of parameters per chunk). Same connection, so inside the append's transaction.
    this.#insertEvent = raw.prepare('INSERT INTO events (seq, type, payload, recorded_at) VALUES (?, ?, ?, ?)');
    this.#insertHash = raw.prepare('INSERT INTO log_hashes (idx, hash) VALUES (?, ?)');
  }

  async schemaVersion(): Promise<number> {
    const row = await this.#db
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
  append(leaves: readonly RecordLeaf[], recordedAt: string, sign?: CheckpointSigner): Promise<readonly StoredEvent[]> {
    return this.#db.transaction().execute(async (trx) => {
      const size = await countEvents(trx);
      const edge = treeRootIndexes(size);
      const known = new Map<number, Uint8Array>();
      readHashes(this.#readHashes, edge).forEach((hash, i) => known.set(edge[i] ?? -1, hash));
      const rows = eventRows(leaves, size + 1, recordedAt);
      const newHashes: { idx: number; hash: Uint8Array }[] = [];
      rows.forEach((row, i) => {
        const hashes = hashesToStore(size + i, leafHash(row.payload), hashReaderFromMap(known));
        const first = storedHashIndex(0, size + i);
        hashes.forEach((hash, k) => {
          known.set(first + k, hash);
          newHashes.push({ idx: first + k, hash });
        });
      });
      for (const e of rows) this.#insertEvent.run(e.seq, e.type, e.payload, e.recorded_at);
      for (const h of newHashes) this.#insertHash.run(h.idx, h.hash);
      await bindActorKeys(trx, leaves, size + 1);
      if (sign !== undefined) {
        // The new tree's complete subtrees are old right-edge hashes or new ones: all in `known`.
        const newSize = size + leaves.length;
        const note = sign(newSize, treeRoot(newSize, hashReaderFromMap(known)));
        await trx.insertInto('checkpoints').values({ size: newSize, note, recorded_at: recordedAt }).execute();
      }
      const stored: StoredEvent[] = rows.map((row) => ({
        seq: row.seq,
        type: row.type as StoredEvent['type'],
        payload: row.payload,
        recordedAt,
      }));
      return stored;
    });
  }

  async actorKeys(): Promise<ActorKeys> {
    const rows = await this.#db.selectFrom('actor_keys').select(['actor', 'key']).execute();
    return new Map(rows.map((r) => [r.actor as ActorRef, r.key]));
  }

  readStoredHashes(indexes: readonly number[]): Promise<readonly Uint8Array[]> {
    return Promise.resolve().then(() => readHashes(this.#readHashes, indexes));
  }

  async saveCheckpoint(checkpoint: SignedCheckpoint): Promise<void> {
    await this.#db
      .insertInto('checkpoints')
      .values({ size: checkpoint.size, note: checkpoint.note, recorded_at: checkpoint.recordedAt })
      .onConflict((oc) => oc.column('size').doNothing())
      .execute();
  }

  async saveCosignature(c: StoredCosignature): Promise<void> {
    await this.#db
      .insertInto('cosignatures')
      .values({ witness: c.witness, size: c.size, line: c.line, timestamp: c.timestamp, recorded_at: c.recordedAt })
      .onConflict((oc) => oc.columns(['witness', 'size']).doNothing())
      .execute();
  }

  async cosignaturesFor(size: number): Promise<readonly StoredCosignature[]> {
    const rows = await this.#db
      .selectFrom('cosignatures')
      .selectAll()
      .where('size', '=', size)
      .orderBy('recorded_at')
      .orderBy('witness')
      .execute();
    return rows.map(toCosignature);
  }

  async latestCosignatures(): Promise<readonly StoredCosignature[]> {
    const rows = await this.#db
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
    const row = await this.#db.selectFrom('checkpoints').selectAll().where('size', '=', size).executeTakeFirst();
    return row === undefined ? undefined : { size: row.size, note: row.note, recordedAt: row.recorded_at };
  }

  async latestCheckpoint(): Promise<SignedCheckpoint | undefined> {
    const row = await this.#db
      .selectFrom('checkpoints')
      .selectAll()
      .orderBy('size', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : { size: row.size, note: row.note, recordedAt: row.recorded_at };
  }

  async readEvents(afterSeq: number, limit: number): Promise<readonly StoredEvent[]> {
    const rows = await this.#db
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
    return countEvents(this.#db);
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }
}

async function countEvents(db: Kysely<Database>): Promise<number> {
  // seq runs 1, 2, 3… without gaps, so the largest is the count — read from the index,
  // where COUNT(*) would scan the whole record.
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max<Count | null>('seq').as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}

/** The stored hashes at `indexes`, in that order; a missing one is a broken store. */
type HashStatement = SqliteDatabase.Statement<[string], { idx: number; hash: Uint8Array }>;

function readHashes(statement: HashStatement, indexes: readonly number[]): Uint8Array[] {
  if (indexes.length === 0) return [];
  const byIndex = new Map<number, Uint8Array>();
  for (const row of statement.all(JSON.stringify(indexes))) byIndex.set(row.idx, new Uint8Array(row.hash));
  return indexes.map((index) => {
    const hash = byIndex.get(index);
    if (hash === undefined) throw new PlenumError('internal', `the log is missing stored hash ${index}`);
    return hash;
  });
}

function toCosignature(r: Database['cosignatures']): StoredCosignature {
  return { witness: r.witness, size: r.size, line: r.line, timestamp: r.timestamp, recordedAt: r.recorded_at };
}

/**
 * Binds the key of each actor's first signed event (the app has checked that every other
 * event carries the same key); an actor bound before keeps its key.
 */
async function bindActorKeys(
  trx: Transaction<Database>,
  leaves: readonly RecordLeaf[],
  firstSeq: number,
): Promise<void> {
  const first = new Map<string, Database['actor_keys']>();
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
function eventRows(leaves: readonly RecordLeaf[], firstSeq: number, recordedAt: string): Database['events'][] {
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
