import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { PlenumError } from '@plenum/kernel';

export const DATABASE_FILE = 'plenum.sqlite';

/**
 * Makes sure `dir` is a directory Plenum can write to, creating it if needed, and returns
 * the path of the database file in it. Writability is probed by writing a file, because
 * permission bits alone do not tell (root ignores them; a read-only mount does not show them).
 */
export function prepareDataDir(dir: string): string {
  const absolute = resolve(dir);
  try {
    ensureDirectory(absolute);
  } catch (error) {
    throw unwritable(absolute, error);
  }
  if (!statSync(absolute).isDirectory()) {
    throw new PlenumError('storage_unavailable', `${absolute} is not a directory`, {
      messageKey: 'error.dataDirNotDirectory',
      params: { dir: absolute },
    });
  }
  const probe = join(absolute, `.plenum-write-probe-${process.pid}`);
  try {
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    throw unwritable(absolute, error);
  }
  return join(absolute, DATABASE_FILE);
}

/**
 * mkdir -p, written out: Node's own recursive mkdirSync never returns for a path under /proc
 * (it keeps retrying the ENOENT), and a data dir pointed there must fail, not hang.
 */
function ensureDirectory(path: string): void {
  try {
    statSync(path);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const parent = dirname(path);
  if (parent !== path) ensureDirectory(parent);
  mkdirSync(path);
}

function unwritable(dir: string, error: unknown): PlenumError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = code ?? (error instanceof Error ? error.message : String(error));
  if (code === 'EEXIST' || code === 'ENOTDIR') {
    return new PlenumError('storage_unavailable', `${dir} is not a directory`, {
      messageKey: 'error.dataDirNotDirectory',
      params: { dir },
      cause: error,
    });
  }
  return new PlenumError('storage_unavailable', `${dir} cannot be written (${reason})`, {
    messageKey: 'error.dataDirUnwritable',
    params: { dir, reason },
    cause: error,
  });
}
