import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import { PlenumError } from '@plenum/kernel';
import type { StoragePort } from '@plenum/app';
import { SqlStore, type EventRow, type HashRow, type SqlDatabase } from '@plenum/storage-sql';
import { KNOWN_SCHEMA_VERSION, isKnownMigration, migrationProvider } from './migrations.ts';

/** How many connections one process keeps to the database. */
const POOL_SIZE = 10;
/**
 * The advisory lock every append holds for its transaction: appends from every process on the
 * database take their turn, so each event gets exactly one seq and the tree is hashed in order.
 * (The number is arbitrary; it only has to be the same in every Plenum process: "PLNM".)
 */
const APPEND_LOCK = 0x504c4e4d;
/** Rows per INSERT: well under PostgreSQL's 65,535 parameters. */
const CHUNK = 2000;

/** int8 as a number (a record never reaches 2^53 entries); every other type as pg parses it. */
const TYPES = new pg.TypeOverrides();
TYPES.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

/**
 * Connects to the PostgreSQL database at `url` (postgres://user:password@host:port/database)
 * and brings it to the latest schema. Refuses, with storage_unavailable and nothing changed, a
 * database it cannot reach, one holding tables that are not Plenum's, and one written by a
 * newer Plenum. The password never appears in `location` or in any error.
 */
export async function openPostgresStorage(url: string): Promise<StoragePort> {
  const location = redactedLocation(url);
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, types: TYPES });
  // An idle connection the server drops (a restart) must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  const db = new Kysely<SqlDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await checkIsPlenumDatabase(db, location);
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    if (error !== undefined) throw unavailable(location, reasonOf(error), 'error.databaseCorrupt', error);
  } catch (error) {
    await db.destroy();
    throw error instanceof PlenumError
      ? error
      : unavailable(location, reasonOf(error), 'error.databaseUnreachable', error);
  }
  return new PostgresStorage(db, location);
}

/** The URL as it may be shown: `postgres://user@host:5432/db`, without the password. */
export function redactedLocation(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return `postgres:${u.toString().replace(/^[a-z]+:/, '')}`;
  } catch {
    return 'postgres:(unparsable URL)';
  }
}

async function checkIsPlenumDatabase(db: Kysely<SqlDatabase>, location: string): Promise<void> {
  const tables = (
    await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`.execute(db)
  ).rows.map((row) => row.name);
  if (tables.length === 0) return;
  if (!tables.includes('kysely_migration')) {
    throw unavailable(location, `it holds tables that are not Plenum's: ${tables.slice(0, 5).join(', ')}`);
  }
  const applied = (await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db)).rows;
  if (applied.some((row) => !isKnownMigration(row.name))) {
    throw new PlenumError('storage_unavailable', `${location}: written by a newer Plenum`, {
      messageKey: 'error.databaseTooNew',
      params: { file: location, found: applied.length, known: KNOWN_SCHEMA_VERSION },
    });
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

function unavailable(
  location: string,
  reason: string,
  messageKey: 'error.databaseCorrupt' | 'error.databaseUnreachable' = 'error.databaseCorrupt',
  cause?: unknown,
): PlenumError {
  return new PlenumError('storage_unavailable', `${location}: ${reason}`, {
    messageKey,
    params: { file: location, reason },
    cause,
  });
}

/** The storage port on PostgreSQL: a pool of connections, appends serialised across processes. */
class PostgresStorage extends SqlStore {
  readonly location: string;

  constructor(db: Kysely<SqlDatabase>, location: string) {
    super(db);
    this.location = location;
  }

  /**
   * Every append holds the advisory lock for its transaction: another process appending at the
   * same moment waits for it and then sees these events, so no seq is given twice or skipped.
   */
  protected async lockForAppend(trx: Transaction<SqlDatabase>): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(${APPEND_LOCK})`.execute(trx);
  }

  protected async readHashesIn(db: Kysely<SqlDatabase>, indexes: readonly number[]): Promise<Uint8Array[]> {
    if (indexes.length === 0) return [];
    const rows = await db
      .selectFrom('log_hashes')
      .select(['idx', 'hash'])
      .where(sql<boolean>`idx = ANY(${[...indexes]}::bigint[])`)
      .execute();
    const byIndex = new Map<number, Uint8Array>();
    for (const row of rows) byIndex.set(row.idx, new Uint8Array(row.hash));
    return indexes.map((index) => {
      const hash = byIndex.get(index);
      if (hash === undefined) throw new PlenumError('internal', `the log is missing stored hash ${index}`);
      return hash;
    });
  }

  protected async insertLeaves(
    trx: Transaction<SqlDatabase>,
    events: readonly EventRow[],
    hashes: readonly HashRow[],
  ): Promise<void> {
    for (let i = 0; i < events.length; i += CHUNK) {
      await trx
        .insertInto('events')
        .values(events.slice(i, i + CHUNK))
        .execute();
    }
    for (let i = 0; i < hashes.length; i += CHUNK) {
      await trx
        .insertInto('log_hashes')
        .values(hashes.slice(i, i + CHUNK))
        .execute();
    }
  }
}
