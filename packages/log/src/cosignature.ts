import { ed25519 } from '@noble/curves/ed25519.js';
import { concatBytes, utf8 } from '@plenum/kernel';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  TlogError,
  describeType,
  ed25519Verifier,
  keyLabel,
  parseSignerKey,
  parseVerifierKey,
  readUint32,
  verifyEd25519,
  writeUint32,
  type NoteSigner,
  type NoteVerifier,
  type SignerKey,
  type VerifierKey,
} from './note.ts';

/**
 * C2SP tlog-cosignature, the Ed25519 "cosignature/v1" type (signature type 0x04): a
 * witness's statement that, at a given time, the checkpoint it cosigns is the largest
 * consistent tree head it has seen for that log. It is a signed-note signature line on the
 * checkpoint note whose signature bytes are a `timestamped_signature`:
 *
 *     key ID (4, in the note line) || timestamp (u64, big-endian) || Ed25519 signature (64)
 *
 * over the message `cosignature/v1\ntime <timestamp>\n` || checkpoint note text.
 * (The ML-DSA-44 type, 0x06, is not implemented.)
 */

/** The header line of the signed message, without its newline (tlog-cosignature §Ed25519 signed message). */
export const COSIGNATURE_V1_HEADER = 'cosignature/v1';

/** Bytes of a cosignature/v1 signature after the key ID: 8 timestamp + 64 Ed25519. */
export const COSIGNATURE_V1_SIZE = 8 + 64;

/**
 * tlog-cosignature §Format: the timestamp MUST NOT exceed 2^63 - 1 and verifiers MAY refuse
 * timestamps in the future. We represent timestamps as JavaScript numbers and refuse any
 * above 2^53 - 1 seconds (Number.MAX_SAFE_INTEGER, some 285 million years from now): such a
 * timestamp is always in the future, so refusing it is allowed, and every accepted value
 * is exact.
 */
export const MAX_COSIGNATURE_TIMESTAMP = Number.MAX_SAFE_INTEGER;

/** The decoded `timestamped_signature` of a cosignature/v1 (tlog-cosignature §Format). */
export interface CosignatureV1 {
  /** POSIX seconds at which the cosigner signed. */
  readonly timestamp: number;
  /** The 64-byte Ed25519 signature. */
  readonly signature: Uint8Array;
}

/**
 * The message a cosignature/v1 signs (tlog-cosignature §Ed25519 signed message):
 * `cosignature/v1\ntime <decimal timestamp, no leading zeroes>\n` followed by the whole
 * checkpoint note text, final newline included, signature lines excluded.
 */
export function cosignatureMessage(checkpointText: string | Uint8Array, timestamp: number): Uint8Array {
  checkTimestamp(timestamp);
  const text = typeof checkpointText === 'string' ? utf8(checkpointText) : checkpointText;
  if (text.length === 0 || text[text.length - 1] !== 0x0a) {
    throw new TlogError(
      'malformed_cosignature',
      'a cosigned checkpoint text must end in a newline (tlog-cosignature §Ed25519 signed message)',
    );
  }
  return concatBytes(utf8(`${COSIGNATURE_V1_HEADER}\ntime ${timestamp.toString()}\n`), text);
}

/** Encodes timestamp || signature, the bytes after the key ID (tlog-cosignature §Format). */
export function encodeCosignature(cosignature: CosignatureV1): Uint8Array {
  checkTimestamp(cosignature.timestamp);
  if (cosignature.signature.length !== 64) {
    throw new TlogError(
      'malformed_cosignature',
      `an Ed25519 cosignature has 64 signature bytes, got ${cosignature.signature.length}`,
    );
  }
  const out = new Uint8Array(COSIGNATURE_V1_SIZE);
  // u64 big-endian (RFC 8446 §3.3). The value is below 2^53, so the high word is exact.
  const high = Math.floor(cosignature.timestamp / 2 ** 32);
  const low = cosignature.timestamp % 2 ** 32;
  writeUint32(out, 0, high);
  writeUint32(out, 4, low);
  out.set(cosignature.signature, 8);
  return out;
}

/**
 * Decodes the bytes after the key ID of a cosignature/v1 signature line: exactly 72 bytes,
 * a timestamp of at most {@link MAX_COSIGNATURE_TIMESTAMP}, then the Ed25519 signature.
 */
export function decodeCosignature(bytes: Uint8Array): CosignatureV1 {
  if (bytes.length !== COSIGNATURE_V1_SIZE) {
    throw new TlogError(
      'malformed_cosignature',
      `a cosignature/v1 has ${COSIGNATURE_V1_SIZE} bytes after the key ID (8 timestamp, 64 Ed25519), got ${bytes.length} (tlog-cosignature §Format)`,
    );
  }
  const high = readUint32(bytes, 0);
  const low = readUint32(bytes, 4);
  if (high >= 2 ** 31) {
    throw new TlogError(
      'malformed_cosignature',
      'the cosignature timestamp exceeds 2^63 - 1 (tlog-cosignature §Format)',
    );
  }
  if (high > Math.floor(MAX_COSIGNATURE_TIMESTAMP / 2 ** 32)) {
    throw new TlogError(
      'malformed_cosignature',
      'the cosignature timestamp is beyond 2^53 - 1 seconds, far in the future; refused (tlog-cosignature §Format allows refusing future timestamps)',
    );
  }
  return { timestamp: high * 2 ** 32 + low, signature: bytes.slice(8) };
}

/**
 * A verifier for cosignature/v1 signatures by one cosigner (signed-note key type 0x04).
 * Its `verify` throws a TlogError (`malformed_cosignature`) for signature bytes of the wrong
 * shape, so openNote can say why; it returns false when the Ed25519 signature is wrong.
 */
export function cosignatureVerifier(key: string | VerifierKey): NoteVerifier {
  const parsed = typeof key === 'string' ? parseVerifierKey(key) : key;
  const label = keyLabel(parsed.name, parsed.keyId);
  if (parsed.type !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw new TlogError(
      'unsupported_key_type',
      `cosignatureVerifier: key ${label} has signature type ${describeType(parsed.type)}, expected ${describeType(SIGNATURE_TYPE_COSIGNATURE_V1)}`,
      { key: label },
    );
  }
  const publicKey = parsed.publicKey.slice();
  return {
    name: parsed.name,
    keyId: parsed.keyId,
    type: SIGNATURE_TYPE_COSIGNATURE_V1,
    verify: (text, signature) => {
      const { timestamp, signature: ed25519Signature } = decodeCosignature(signature);
      return verifyEd25519(ed25519Signature, cosignatureMessage(text, timestamp), publicKey);
    },
  };
}

/**
 * A signer of cosignature/v1 signatures at a fixed timestamp (this package reads no clock:
 * the caller supplies the time). Use with signNote, or formatNote to add the line to an
 * existing checkpoint note.
 */
export function cosignatureSigner(key: string | SignerKey, timestamp: number): NoteSigner {
  const parsed = typeof key === 'string' ? parseSignerKey(key) : key;
  const label = keyLabel(parsed.name, parsed.keyId);
  if (parsed.type !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw new TlogError(
      'unsupported_key_type',
      `cosignatureSigner: key ${label} has signature type ${describeType(parsed.type)}, expected ${describeType(SIGNATURE_TYPE_COSIGNATURE_V1)}`,
      { key: label },
    );
  }
  checkTimestamp(timestamp);
  const seed = parsed.seed.slice();
  return {
    name: parsed.name,
    keyId: parsed.keyId,
    type: SIGNATURE_TYPE_COSIGNATURE_V1,
    sign: (text) =>
      encodeCosignature({ timestamp, signature: ed25519.sign(cosignatureMessage(text, timestamp), seed) }),
  };
}

/**
 * A note verifier for any vkey this package supports: Ed25519 note keys (0x01, e.g. a
 * log's key) and cosignature/v1 keys (0x04, witnesses). Other types are refused with
 * `unsupported_key_type`.
 */
export function verifierFromKey(key: string | VerifierKey): NoteVerifier {
  const parsed = typeof key === 'string' ? parseVerifierKey(key) : key;
  return parsed.type === SIGNATURE_TYPE_ED25519 ? ed25519Verifier(parsed) : cosignatureVerifier(parsed);
}

function checkTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TlogError(
      'malformed_cosignature',
      `a cosignature timestamp is an integer number of seconds from 0 to ${MAX_COSIGNATURE_TIMESTAMP}, got ${timestamp}`,
    );
  }
}
