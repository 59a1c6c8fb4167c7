import { fromBase64, toBase64 } from '@plenum/kernel';
import { decodeCosignature } from './cosignature.ts';
import { HASH_SIZE } from './hash.ts';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  TlogError,
  keyLabel,
  openNote,
  type NoteVerifier,
  type OpenedNote,
} from './note.ts';

/**
 * C2SP tlog-checkpoint: the note text a log signs to commit to its Merkle tree at a size.
 *
 *     <origin>\n
 *     <tree size, decimal>\n
 *     <root hash, base64>\n
 *     [<extension line>\n]…
 */

/**
 * The largest tree size we accept: 2^53 - 1 (Number.MAX_SAFE_INTEGER). tlog-checkpoint
 * §Note text sets no bound (Go uses 64-bit integers), but sizes and leaf indices are
 * JavaScript numbers throughout this package, exact only up to 2^53 - 1. No log will reach
 * nine quadrillion entries (at a million appends a second that takes 285 years), so a
 * larger size is refused (`unsupported_tree_size`) rather than silently rounded.
 */
export const MAX_CHECKPOINT_SIZE = Number.MAX_SAFE_INTEGER;

/** A parsed checkpoint body (tlog-checkpoint §Note text). */
export interface Checkpoint {
  /** The log's identity, e.g. `example.com/log42`. Non-empty; opaque to clients. */
  readonly origin: string;
  /** The number of leaves in the tree. */
  readonly size: number;
  /** The RFC 6962 Merkle tree hash at `size` (32 bytes). */
  readonly rootHash: Uint8Array;
  /** Opaque extension lines, each non-empty, without newlines (use is NOT RECOMMENDED). */
  readonly extensions: readonly string[];
}

/**
 * Parses a checkpoint body strictly (tlog-checkpoint §Note text): at least three lines, each
 * ending in a newline and none empty; a non-empty origin; a tree size in decimal with no
 * leading zeroes (just `0` for the empty tree) of at most {@link MAX_CHECKPOINT_SIZE}; a root hash
 * that is strict standard base64 of exactly 32 bytes; then any non-empty extension lines.
 * Since the body is note text, the note rules apply too: no control character but newline.
 */
export function parseCheckpoint(text: string): Checkpoint {
  checkText(text, 'checkpoint');
  if (!text.endsWith('\n')) throw malformedCheckpoint('the text must end in a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) {
    throw malformedCheckpoint(`it needs at least 3 lines (origin, tree size, root hash), got ${lines.length}`);
  }
  const empty = lines.indexOf('');
  if (empty >= 0) {
    const what =
      empty === 0 ? 'the origin' : empty === 1 ? 'the tree size' : empty === 2 ? 'the root hash' : 'an extension line';
    throw malformedCheckpoint(`line ${empty + 1} is empty: ${what} must not be`, empty + 1);
  }
  const [origin = '', sizeText = '', rootText = '', ...extensions] = lines;
  return { origin, size: parseTreeSize(sizeText), rootHash: parseRootHash(rootText), extensions };
}

/** Formats a checkpoint body; the inverse of {@link parseCheckpoint}, with the same rules. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, extensions } = checkpoint;
  if (origin === '') throw malformedCheckpoint('the origin must not be empty');
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new TlogError(
      size > MAX_CHECKPOINT_SIZE ? 'unsupported_tree_size' : 'malformed_checkpoint',
      `checkpoint: the tree size must be an integer from 0 to ${MAX_CHECKPOINT_SIZE}, got ${size}`,
    );
  }
  if (rootHash.length !== HASH_SIZE) {
    throw malformedCheckpoint(`the root hash must have ${HASH_SIZE} bytes, got ${rootHash.length}`);
  }
  const lines = [origin, size.toString(), toBase64(rootHash), ...extensions];
  lines.forEach((line, i) => {
    if (line === '') throw malformedCheckpoint(`line ${i + 1} (an extension line) must not be empty`);
    if (line.includes('\n')) throw malformedCheckpoint(`line ${i + 1} must not contain a newline`);
  });
  const text = `${lines.join('\n')}\n`;
  checkText(text, 'checkpoint');
  return text;
}

/** A verified checkpoint note. */
export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  readonly note: OpenedNote;
  /** Verified signatures by the given cosigners (not the log), with their timestamps for cosignature/v1. */
  readonly cosignatures: readonly VerifiedCosignature[];
}

export interface VerifiedCosignature {
  readonly name: string;
  readonly keyId: number;
  /** POSIX seconds, for cosignature/v1 (type 0x04) signatures. */
  readonly timestamp?: number;
  /** 1-based line of the signed note. */
  readonly line: number;
}

/**
 * Opens a signed checkpoint: verifies the note (see openNote: any invalid signature by a
 * known key refuses it), requires a valid signature by the log's own key (a cosignature
 * alone does not make a checkpoint: `missing_log_signature`), parses the body, and, when
 * `origin` is given, requires that origin (`unexpected_origin`). Cosignatures by the given
 * cosigners are returned with their timestamps; a quorum policy is the caller's to apply.
 */
export function openCheckpoint(
  note: Uint8Array | string,
  options: { readonly log: NoteVerifier; readonly origin?: string; readonly cosigners?: readonly NoteVerifier[] },
): OpenedCheckpoint {
  const cosigners = options.cosigners ?? [];
  const opened = openNote(note, [options.log, ...cosigners]);
  const logLabel = keyLabel(options.log.name, options.log.keyId);
  const byLabel = new Map(cosigners.map((v) => [keyLabel(v.name, v.keyId), v] as const));
  if (!opened.verified.some((s) => keyLabel(s.name, s.keyId) === logLabel)) {
    const signers = opened.verified.map((s) => keyLabel(s.name, s.keyId)).join(', ');
    throw new TlogError(
      'missing_log_signature',
      `the checkpoint has no signature by the log key ${logLabel} (verified signatures only by: ${signers})`,
      { key: logLabel },
    );
  }
  const checkpoint = parseCheckpoint(opened.text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new TlogError(
      'unexpected_origin',
      `the checkpoint's origin is ${JSON.stringify(checkpoint.origin)}, expected ${JSON.stringify(options.origin)}`,
      { line: 1 },
    );
  }
  const cosignatures: VerifiedCosignature[] = [];
  for (const s of opened.verified) {
    const verifier = byLabel.get(keyLabel(s.name, s.keyId));
    if (verifier === undefined) continue; // the log's own signature
    const base = { name: s.name, keyId: s.keyId, line: s.line };
    cosignatures.push(
      verifier.type === SIGNATURE_TYPE_COSIGNATURE_V1
        ? { ...base, timestamp: decodeCosignature(s.signature).timestamp }
        : base,
    );
  }
  return { checkpoint, note: opened, cosignatures };
}

function parseTreeSize(text: string): number {
  if (!/^(0|[1-9][0-9]*)$/.test(text)) {
    throw malformedCheckpoint(
      `line 2: the tree size must be ASCII decimal digits with no leading zeroes, got ${JSON.stringify(text)}`,
      2,
    );
  }
  const size = Number(text);
  if (text.length > 16 || !Number.isSafeInteger(size)) {
    throw new TlogError(
      'unsupported_tree_size',
      `checkpoint line 2: tree size ${text} is larger than ${MAX_CHECKPOINT_SIZE} (2^53 - 1), the largest this implementation handles exactly`,
      { line: 2 },
    );
  }
  return size;
}

function parseRootHash(text: string): Uint8Array {
  let root: Uint8Array;
  try {
    root = fromBase64(text, 'checkpoint line 3: root hash');
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid base64';
    throw new TlogError(
      'malformed_checkpoint',
      `malformed checkpoint: ${reason} (standard base64 required)`,
      { line: 3 },
      error,
    );
  }
  if (root.length !== HASH_SIZE) {
    throw malformedCheckpoint(`line 3: the root hash must have ${HASH_SIZE} bytes, got ${root.length}`, 3);
  }
  return root;
}

function checkText(text: string, what: string): void {
  if (/\p{Surrogate}/u.test(text)) throw malformedCheckpoint(`the ${what} is not valid Unicode (lone surrogate)`);
  let line = 1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line += 1;
    else if (c < 0x20) {
      throw malformedCheckpoint(
        `line ${line}: control character U+${c.toString(16).toUpperCase().padStart(4, '0')} is not allowed in note text`,
        line,
      );
    }
  }
}

function malformedCheckpoint(message: string, line?: number): TlogError {
  return new TlogError(
    'malformed_checkpoint',
    `malformed checkpoint: ${message} (tlog-checkpoint §Note text)`,
    line === undefined ? {} : { line },
  );
}
