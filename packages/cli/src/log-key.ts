import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlenumError } from '@plenum/kernel';
import { ed25519Signer, formatVerifierKey, generateSignerKey, isTlogError, parseSignerKey } from '@plenum/log';
import type { LogIdentity } from '@plenum/app';

/**
 * The log key signs the record's checkpoints. It lives in the data directory, readable by
 * its owner only (mode 0600), like an SSH host key: a key others can read is refused, not
 * used. It is made once, by `plenum init` (or the first `plenum demo`); losing it would make
 * the next checkpoints unverifiable against the old ones, so it is never silently replaced.
 */
export const LOG_KEY_FILE = 'log-key';

export function logKeyPath(dataDir: string): string {
  return join(dataDir, LOG_KEY_FILE);
}

export function createLogKey(dataDir: string, origin: string): LogIdentity {
  const file = logKeyPath(dataDir);
  const { signerKey } = generateSignerKey(origin, new Uint8Array(randomBytes(32)));
  // 'wx': never overwrite an existing key; mode 0600 from the first byte written.
  writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return loadLogKey(dataDir);
}

export function hasLogKey(dataDir: string): boolean {
  try {
    statSync(logKeyPath(dataDir));
    return true;
  } catch {
    return false;
  }
}

export function loadLogKey(dataDir: string): LogIdentity {
  const file = logKeyPath(dataDir);
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new PlenumError('storage_unavailable', `${file} is readable by others`, {
      messageKey: 'error.logKeyPermissions',
      params: { file, mode: mode.toString(8) },
    });
  }
  try {
    const key = parseSignerKey(readFileSync(file, 'utf8').trim());
    const verifierKey = formatVerifierKey({ name: key.name, type: key.type, publicKey: key.publicKey });
    return { origin: key.name, signer: ed25519Signer(key), verifierKey };
  } catch (error) {
    if (!isTlogError(error)) throw error;
    throw new PlenumError('storage_unavailable', `${file}: ${error.message}`, {
      messageKey: 'error.logKeyMalformed',
      params: { file, reason: error.message },
    });
  }
}

/** A default origin for a new log: unique, schema-less, and clearly not a real host. */
export function defaultOrigin(): string {
  return `plenum.invalid/${randomBytes(6).toString('hex')}`;
}
