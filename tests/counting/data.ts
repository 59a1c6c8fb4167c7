import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The counting test data in ../shared/data/counting (see its SOURCES.md): ballot files and
 * the official or reference results that go with them. The repository is checked out beside
 * `shared/`, here and in CI; the data is required: a missing file fails the test that needs
 * it with this message, it is never skipped. Read only, never written.
 */
export const COUNTING_DATA = join(import.meta.dirname, '../../../shared/data/counting');

/** The absolute path of a data file, or an error saying where it was expected. */
export function countingPath(relativePath: string): string {
  const path = join(COUNTING_DATA, relativePath);
  if (!existsSync(path)) {
    throw new Error(
      `counting test data ${relativePath} is missing: expected it at ${path}. The data lives in the shared ` +
        'data folder beside the repository (shared/data/counting/SOURCES.md); it is required, not optional.',
    );
  }
  return path;
}

/** A data file as strict UTF-8 text. */
export function readCountingText(relativePath: string): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(countingPath(relativePath)));
}
