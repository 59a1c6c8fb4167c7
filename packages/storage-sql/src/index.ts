// @plenum/storage-sql — what the SQL storage adapters share: the tables, and the storage port over Kysely.
export type { SqlDatabase } from './schema.ts';
export { SqlStore, type EventRow, type HashRow } from './sql-store.ts';
export { createMailTables } from './mail-tables.ts';
