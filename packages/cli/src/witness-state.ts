import { createHash, randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  ed25519Verifier,
  formatVerifierKey,
  generateSignerKey,
  isTlogError,
  openCheckpoint,
  parseSignerKey,
  parseVerifierKey,
  type Checkpoint,
  type NoteVerifier,
  type SignerKey,
} from '@plenum/log';
import type { WitnessMessageKey } from '@plenum/i18n';

/**
 * The witness's state directory (`plenum witness --dir`, default ./plenum-witness):
 *
 *     witness-key     the witness's cosigner key (Ed25519, C2SP cosignature/v1, type 0x04),
 *                     mode 0600: SECRET, refused if others can read it, never printed
 *     log-vkey        the log's verifier key, pinned on the first run, never replaced
 *     latest          the latest checkpoint the witness verified and cosigned, as a signed
 *                     note (the log's signature and the witness's cosignature): what the next
 *                     checkpoint must be consistent with. Usable as `plenum verify record
 *                     --remembered`.
 *     history.jsonl   one JSON line per checkpoint accepted (see HistoryRecord)
 *     evidence-*.json two signed, mutually inconsistent checkpoints: proof of a fork
 *     lock            the process id of the witness using the directory: two witnesses with
 *                     one key could each cosign one side of a fork
 *
 * Writes are crash-safe: `latest` and `log-vkey` are written to a temporary file, synced and
 * renamed over the old one (the directory is synced too); history lines are appended and
 * synced. The key is written once, with O_EXCL, mode 0600 from the first byte.
 */
export const WITNESS_KEY_FILE = 'witness-key';
export const PINNED_KEY_FILE = 'log-vkey';
export const LATEST_FILE = 'latest';
export const HISTORY_FILE = 'history.jsonl';
export const LOCK_FILE = 'lock';

/** Something about the state directory that stops the witness: exit 2 (`usage`) or 1. */
export class WitnessStateError extends Error {
  readonly messageKey: WitnessMessageKey;
  readonly params: Readonly<Record<string, string>>;
  readonly usage: boolean;

  constructor(messageKey: WitnessMessageKey, params: Record<string, string>, usage = false) {
    super(messageKey);
    this.name = 'WitnessStateError';
    this.messageKey = messageKey;
    this.params = params;
    this.usage = usage;
  }
}

/** The log being witnessed, as pinned. */
export interface PinnedLog {
  /** Its verifier key, exactly as pinned. */
  readonly vkey: string;
  /** Its origin: the key's name (C2SP tlog-checkpoint). */
  readonly origin: string;
  readonly verifier: NoteVerifier;
}

export interface WitnessKey {
  /** SECRET. */
  readonly signer: SignerKey;
  /** The verifier key others check the witness's cosignatures with. */
  readonly vkey: string;
}

export interface RememberedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The signed note as kept in `latest`. */
  readonly note: string;
}

export interface OpenedState {
  readonly dir: string;
  readonly log: PinnedLog;
  readonly key: WitnessKey;
  readonly latest: RememberedCheckpoint | undefined;
  /** What this run did to the directory, for the messages. */
  readonly createdKey: boolean;
  readonly pinnedNow: boolean;
}

/** One line of history.jsonl. */
export interface HistoryRecord {
  readonly size: number;
  /** Base64, as in the checkpoint. */
  readonly root: string;
  /** When the witness accepted it (ISO 8601). */
  readonly seenAt: string;
  /** Where the checkpoint was fetched from. */
  readonly url: string;
  /** The signed checkpoint note as served (with any cosignatures of other witnesses). */
  readonly note: string;
  /** The note the witness cosigned and sent: the log's signature and the witness's cosignature. */
  readonly cosigned: string;
  /** Whether the server took the cosignature, and if not what it said. */
  readonly cosignature:
    { readonly accepted: true } | { readonly accepted: false; readonly status: number | null; readonly error: string };
}

/** Random bytes for a new key; tests may pass their own. */
export type RandomBytes = (length: number) => Uint8Array;

export const defaultRandom: RandomBytes = (length) => new Uint8Array(randomBytes(length));

/** A default name for a new witness key: unique, clearly not a real host. */
export function defaultWitnessName(random: RandomBytes = defaultRandom): string {
  return `witness.invalid/${Buffer.from(random(6)).toString('hex')}`;
}

/**
 * Opens (on the first run: makes) the state directory. Checks everything before writing
 * anything: a first run without --vkey, or with a bad one, leaves no key behind.
 */
export function openWitnessState(
  dir: string,
  options: { readonly vkey?: string | undefined; readonly name?: string | undefined },
  random: RandomBytes = defaultRandom,
): OpenedState & { readonly unlock: () => void } {
  // The command line first: a first run without --vkey, or a bad --vkey, makes nothing at all.
  if (options.vkey !== undefined) logKeyOrUsageError(options.vkey.trim());
  else if (readIfExists(join(dir, PINNED_KEY_FILE)) === undefined) {
    throw new WitnessStateError('witness.error.vkeyMissing', {}, true);
  }
  prepareDir(dir);
  const unlock = lockState(dir);
  try {
    return { ...openLocked(dir, options, random), unlock };
  } catch (error) {
    unlock();
    throw error;
  }
}

function openLocked(
  dir: string,
  options: { readonly vkey?: string | undefined; readonly name?: string | undefined },
  random: RandomBytes,
): OpenedState {
  const pinnedFile = join(dir, PINNED_KEY_FILE);
  const pinnedText = readIfExists(pinnedFile);
  let log: PinnedLog;
  if (pinnedText === undefined) {
    if (options.vkey === undefined) throw new WitnessStateError('witness.error.vkeyMissing', {}, true);
    log = logKeyOrUsageError(options.vkey.trim());
  } else {
    log = pinnedLogKey(pinnedText.trim(), pinnedFile);
    if (options.vkey !== undefined && options.vkey.trim() !== log.vkey) {
      throw new WitnessStateError(
        'witness.error.vkeyMismatch',
        { given: options.vkey.trim(), file: pinnedFile, pinned: log.vkey },
        true,
      );
    }
  }

  const keyFile = join(dir, WITNESS_KEY_FILE);
  let createdKey = false;
  if (!existsSync(keyFile)) {
    const { signerKey } = generateSignerKey(
      options.name ?? defaultWitnessName(random),
      random(32),
      SIGNATURE_TYPE_COSIGNATURE_V1,
    );
    writeNew(keyFile, `${signerKey}\n`, 0o600);
    createdKey = true;
  }
  const key = loadWitnessKey(keyFile);
  if (options.name !== undefined && options.name !== key.signer.name) {
    throw new WitnessStateError(
      'witness.error.nameMismatch',
      { file: keyFile, name: key.signer.name, given: options.name },
      true,
    );
  }

  const pinnedNow = pinnedText === undefined;
  if (pinnedNow) replaceFile(dir, PINNED_KEY_FILE, `${log.vkey}\n`, 0o644);
  return { dir, log, key, latest: readLatest(dir, log), createdKey, pinnedNow };
}

/** The verifier key of a log's checkpoints: an Ed25519 note key (type 0x01). */
function parseLogKey(vkey: string): PinnedLog {
  const parsed = parseVerifierKey(vkey);
  if (parsed.type !== SIGNATURE_TYPE_ED25519) {
    throw new Error('a log signs its checkpoints with an Ed25519 key (type 0x01); this is a cosigner key');
  }
  return { vkey: formatVerifierKey(parsed), origin: parsed.name, verifier: ed25519Verifier(parsed) };
}

function logKeyOrUsageError(vkey: string): PinnedLog {
  try {
    const log = parseLogKey(vkey);
    if (log.vkey !== vkey) throw new Error(`its canonical form is ${log.vkey}`);
    return log;
  } catch (error) {
    throw new WitnessStateError('witness.error.vkey', { reason: reasonOf(error) }, true);
  }
}

function pinnedLogKey(vkey: string, file: string): PinnedLog {
  try {
    return parseLogKey(vkey);
  } catch (error) {
    throw new WitnessStateError('witness.error.pinnedMalformed', { file, reason: reasonOf(error) });
  }
}

/** Loads the witness key; refuses it if others can read it, as log-key.ts does for the log key. */
export function loadWitnessKey(file: string): WitnessKey {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new WitnessStateError('witness.error.keyPermissions', { file, mode: mode.toString(8) });
  }
  let signer: SignerKey;
  try {
    signer = parseSignerKey(readFileSync(file, 'utf8').trim());
  } catch (error) {
    // parseSignerKey never echoes the secret: only the name and the key ID.
    throw new WitnessStateError('witness.error.keyMalformed', {
      file,
      reason: isTlogError(error) ? error.message : 'not a signer key',
    });
  }
  if (signer.type !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw new WitnessStateError('witness.error.keyMalformed', {
      file,
      reason: 'a witness key must be a cosignature/v1 key (type 0x04)',
    });
  }
  return { signer, vkey: formatVerifierKey({ name: signer.name, type: signer.type, publicKey: signer.publicKey }) };
}

/** The remembered checkpoint, re-verified with the pinned key (a damaged file is refused, not ignored). */
function readLatest(dir: string, log: PinnedLog): RememberedCheckpoint | undefined {
  const file = join(dir, LATEST_FILE);
  const note = readIfExists(file);
  if (note === undefined) return undefined;
  try {
    const { checkpoint } = openCheckpoint(note, { log: log.verifier, origin: log.origin });
    return { checkpoint, note };
  } catch (error) {
    throw new WitnessStateError('witness.error.latestMalformed', { file, reason: reasonOf(error) });
  }
}

/** Makes `note` the remembered checkpoint: temporary file, fsync, rename, fsync of the directory. */
export function saveLatest(dir: string, note: string): void {
  replaceFile(dir, LATEST_FILE, note, 0o644);
}

export function appendHistory(dir: string, record: HistoryRecord): void {
  const file = join(dir, HISTORY_FILE);
  try {
    const fd = openSync(file, 'a', 0o644);
    try {
      appendFileSync(fd, `${JSON.stringify(record)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    throw new WitnessStateError('witness.error.write', { file, reason: reasonOf(error) });
  }
}

/**
 * Writes an evidence file, named by its kind, the two sizes and a digest of the two checkpoint
 * texts: the same misbehaviour seen again (a witness run by cron) finds its file already there
 * and leaves it as it is. Returns the path, and whether it was written now.
 */
export function writeEvidence(
  dir: string,
  evidence: { readonly kind: string; readonly remembered: EvidenceSide; readonly served: EvidenceSide },
): { readonly file: string; readonly existed: boolean } {
  const digest = createHash('sha256')
    .update(`${checkpointText(evidence.remembered.note)}\n${checkpointText(evidence.served.note)}`)
    .digest('hex')
    .slice(0, 16);
  const name = `evidence-${evidence.kind}-${evidence.remembered.size}-${evidence.served.size}-${digest}.json`;
  const file = join(dir, name);
  try {
    writeNew(file, `${JSON.stringify(evidence, null, 2)}\n`, 0o644);
    return { file, existed: false };
  } catch (error) {
    if (error instanceof WitnessStateError && error.params['code'] === 'EEXIST') return { file, existed: true };
    throw error;
  }
}

interface EvidenceSide {
  readonly size: number;
  readonly note: string;
}

/** The signed text of a note: what stays the same whoever cosigned it. */
function checkpointText(note: string): string {
  const end = note.lastIndexOf('\n\n');
  return end < 0 ? note : note.slice(0, end + 1);
}

/**
 * Takes the directory for this process (`lock`, made with O_EXCL, holding its pid) and
 * returns the function that gives it back. A lock whose process is gone (a crash, a kill -9)
 * is taken over; one whose process lives is refused.
 */
export function lockState(dir: string): () => void {
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      writeNew(file, `${process.pid}\n`, 0o644);
      return () => {
        try {
          unlinkSync(file);
        } catch {
          // gone already: nothing to give back
        }
      };
    } catch (error) {
      if (!(error instanceof WitnessStateError) || error.params['code'] !== 'EEXIST') throw error;
    }
    const holder = Number(readIfExists(file)?.trim());
    if (Number.isSafeInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
      throw new WitnessStateError('witness.error.locked', { dir, pid: String(holder), file });
    }
    try {
      unlinkSync(file); // left by a witness that is gone
    } catch {
      // taken away meanwhile: try again
    }
  }
  throw new WitnessStateError('witness.error.locked', { dir, pid: '?', file });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function prepareDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'not a directory' : reasonOf(error);
    throw new WitnessStateError('witness.error.dir', { dir, reason });
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new WitnessStateError('witness.error.dir', { dir: file, reason: reasonOf(error) });
  }
}

/** Creates `file` (failing if it exists) with `mode` from the first byte, synced. */
function writeNew(file: string, text: string, mode: number): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'wx', mode);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    chmodSync(file, mode); // the umask may have taken bits away; never adds any for 0600
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new WitnessStateError('witness.error.write', { file, reason: reasonOf(error), code });
  }
}

function replaceFile(dir: string, name: string, text: string, mode: number): void {
  const file = join(dir, name);
  const temporary = join(dir, `.${name}.${process.pid}.tmp`);
  try {
    try {
      unlinkSync(temporary); // left by a crash of this very process id
    } catch {
      // none: the usual case
    }
    writeNew(temporary, text, mode);
    renameSync(temporary, file);
    syncDir(dir);
  } catch (error) {
    if (error instanceof WitnessStateError) throw error;
    throw new WitnessStateError('witness.error.write', { file, reason: reasonOf(error) });
  }
}

function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot sync a directory; the rename itself is atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
