import { randomBytes } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlenumError } from '@plenum/kernel';
import { generateSignerKey } from '@plenum/log';

/**
 * The founders' key signs the founding of an organisation by `plenum init` (the founders are
 * the only actor before any body exists, and may act only until the congress is
 * constituted). It is written once, readable by its owner only, in the C2SP signed-note
 * signer-key format with the name "founders"; the founders should move it off the server.
 */
export const FOUNDERS_KEY_FILE = 'founders-key';

export function foundersKeyPath(dataDir: string): string {
  return join(dataDir, FOUNDERS_KEY_FILE);
}

/** Makes the key and returns its secret (an Ed25519 seed). Never overwrites an existing file. */
export function createFoundersKey(dataDir: string): Uint8Array {
  const file = foundersKeyPath(dataDir);
  const seed = new Uint8Array(randomBytes(32));
  const { signerKey } = generateSignerKey('founders', seed);
  try {
    writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new PlenumError('conflict', `${file} exists`, { messageKey: 'error.foundersKeyExists', params: { file } });
  }
  chmodSync(file, 0o600);
  return seed;
}
