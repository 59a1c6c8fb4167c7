import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { PlenumError } from '@plenum/kernel';
import type { StoragePort } from '@plenum/app';
import { SqlStore, type EventRow, type HashRow, type SqlDatabase } from '@plenum/storage-sql';
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
  const db = new Kysely<SqlDatabase>({ dialect: new SqliteDialect({ database: raw }) });
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

/** The storage port on SQLite: one connection, and prepared statements for the hottest paths. */
class SqliteStorage extends SqlStore {
  readonly location: string;
  readonly #readHashes: HashStatement;
  readonly #insertEvent: SqliteDatabase.Statement<[number, string, string, string]>;
  readonly #insertHash: SqliteDatabase.Statement<[number, Uint8Array]>;

  constructor(db: Kysely<SqlDatabase>, raw: SqliteDatabase.Database, file: string) {
    super(db);
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

  /**
   * One connection runs one transaction at a time; another process writing the same file makes
   * this one wait (busy_timeout) or fail, never share a seq (it is the primary key).
   */
  protected lockForAppend(): Promise<void> {
    return Promise.resolve();
  }

  protected readHashesIn(_db: Kysely<SqlDatabase>, indexes: readonly number[]): Promise<Uint8Array[]> {
    return Promise.resolve().then(() => readHashes(this.#readHashes, indexes));
  }

  protected insertLeaves(_trx: unknown, events: readonly EventRow[], hashes: readonly HashRow[]): Promise<void> {
    for (const e of events) this.#insertEvent.run(e.seq, e.type, e.payload, e.recorded_at);
    for (const h of hashes) this.#insertHash.run(h.idx, h.hash);
    return Promise.resolve();
  }
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
