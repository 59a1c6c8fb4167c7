export { openPostgresStorage, redactedLocation } from './postgres-storage.ts';
