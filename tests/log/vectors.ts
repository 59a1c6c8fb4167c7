import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The published transparency-log vectors in ../shared/data/tlog (see its SOURCES.md). The
 * repository is checked out beside `shared/`, here and in CI; the vectors are required: a
 * missing file fails the test that needs it with this message, it is never skipped.
 */
export const TLOG_DATA = join(import.meta.dirname, '../../../shared/data/tlog');

export function vectorPath(relativePath: string): string {
  const path = join(TLOG_DATA, relativePath);
  if (!existsSync(path)) {
    throw new Error(
      `test vector ${relativePath} is missing: expected it at ${path}. The vectors live in the shared ` +
        'data folder beside the repository (shared/data/tlog/SOURCES.md); they are required, not optional.',
    );
  }
  return path;
}

export function readVector(relativePath: string): Uint8Array {
  return new Uint8Array(readFileSync(vectorPath(relativePath)));
}

/** The file as strict UTF-8 (a byte-order mark is kept, not stripped). */
export function readVectorText(relativePath: string): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readVector(relativePath));
}

export function readVectorJson(relativePath: string): unknown {
  return JSON.parse(readVectorText(relativePath));
}
