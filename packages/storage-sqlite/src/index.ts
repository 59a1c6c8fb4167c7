// @plenum/storage-sqlite — the embedded default store: the storage port on SQLite.
export { openSqliteStorage } from './sqlite-storage.ts';
export { DATABASE_FILE, prepareDataDir } from './data-dir.ts';
