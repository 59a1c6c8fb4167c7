import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { PlenumError, concatBytes, fromBase64, toBase64, toHex, utf8 } from '@plenum/kernel';

/**
 * C2SP signed notes (c2sp.org/signed-note): a UTF-8 text signed by one or more keys, the
 * envelope of every checkpoint and cosignature of the public record.
 *
 *     <text, ending in a newline>
 *     <blank line>
 *     — <key name> base64(4-byte key ID || signature)
 *     …
 *
 * Errors: every refusal in this module (and in checkpoint.ts and cosignature.ts) is a
 * {@link TlogError}: a PlenumError with code `invalid_input` — the input came from outside
 * and failed validation — plus a stable, finer `reason`, and where it applies the 1-based
 * `line` of the note and the `key` (`<name>+<hex key ID>`) concerned. An error rather than a
 * result value because every such refusal means the data is broken or forged: there is no
 * decision of the rules to report, and callers that must go on (an auditor listing every
 * bad checkpoint) catch and read `reason`.
 */

/** Signature type byte for Ed25519 note signatures (signed-note §Signature types, §Ed25519 signatures). */
export const SIGNATURE_TYPE_ED25519 = 0x01;
/** Signature type byte for timestamped Ed25519 cosignatures (tlog-cosignature §Format). */
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;
/** The signature types this package can verify and sign with. */
export type SupportedSignatureType = typeof SIGNATURE_TYPE_ED25519 | typeof SIGNATURE_TYPE_COSIGNATURE_V1;

/**
 * signed-note §Format: verifiers SHOULD cap the number of signatures and MUST accept at
 * least 16. We accept up to 100, the limit of Go's golang.org/x/mod/sumdb/note, so any note
 * the Go tooling accepts we accept too; every line counts, duplicates included.
 */
export const MAX_NOTE_SIGNATURES = 100;

const ED25519_PUBLIC_KEY_SIZE = 32;
const ED25519_SEED_SIZE = 32;
const KEY_ID_SIZE = 4;
const SIGNATURE_PREFIX = '\u2014 '; // em dash, space (signed-note §Format)

/** Stable, machine-readable reasons for a {@link TlogError}. */
export type TlogErrorReason =
  /** The signed note breaks a rule of signed-note §Format. */
  | 'malformed_note'
  /** More than {@link MAX_NOTE_SIGNATURES} signature lines. */
  | 'too_many_signatures'
  /** A signature by a known key (name and key ID both match) does not verify. */
  | 'invalid_signature'
  /** No signature in the note is by a known key, so nothing vouches for its text. */
  | 'unverified_note'
  /** Two verifiers given for one note share both key name and key ID. */
  | 'ambiguous_verifier'
  /** A verifier or signer key string is not of the expected form. */
  | 'malformed_key'
  /** A key name is empty or contains a Unicode space or a plus sign. */
  | 'invalid_key_name'
  /** A key's stated key ID is not the one its name, type and public key give. */
  | 'key_id_mismatch'
  /** A key or signer has a signature type this package does not implement. */
  | 'unsupported_key_type'
  /** The text to sign cannot be a note text. */
  | 'invalid_note_text'
  /** A checkpoint body breaks a rule of tlog-checkpoint §Note text. */
  | 'malformed_checkpoint'
  /** A checkpoint's tree size is valid but larger than this implementation supports. */
  | 'unsupported_tree_size'
  /** A checkpoint note verifies, but not with the log's own key. */
  | 'missing_log_signature'
  /** A checkpoint's origin is not the one the caller expects. */
  | 'unexpected_origin'
  /** A cosignature's bytes or timestamp break tlog-cosignature §Format. */
  | 'malformed_cosignature';

/** Where in a note, or for which key, a {@link TlogError} arose. */
export interface TlogErrorDetails {
  /** 1-based line number within the signed note. */
  readonly line?: number;
  /** The key concerned, as `<name>+<8 hex digits of key ID>`. */
  readonly key?: string;
}

export class TlogError extends PlenumError {
  readonly reason: TlogErrorReason;
  readonly line: number | undefined;
  readonly key: string | undefined;

  constructor(reason: TlogErrorReason, message: string, details: TlogErrorDetails = {}, cause?: unknown) {
    const params: Record<string, string | number> = { reason };
    if (details.line !== undefined) params['line'] = details.line;
    if (details.key !== undefined) params['key'] = details.key;
    super('invalid_input', message, cause === undefined ? { params } : { params, cause });
    this.reason = reason;
    this.line = details.line;
    this.key = details.key;
  }
}

export function isTlogError(value: unknown): value is TlogError {
  return value instanceof TlogError;
}

// ---------------------------------------------------------------------------------------
// Key names and key IDs

/**
 * signed-note §Format: key names MUST be non-empty and MUST NOT contain Unicode spaces
 * (the Unicode White_Space property, which is also what Go's unicode.IsSpace tests) or `+`.
 * A JavaScript string with a lone surrogate is not text and is refused too.
 */
export function isValidKeyName(name: string): boolean {
  return name !== '' && !/[\p{White_Space}+]/u.test(name) && !hasLoneSurrogate(name);
}

/**
 * signed-note §Signatures: key ID = SHA-256(key name || 0x0A || signature type || public
 * key)[:4], read as a big-endian uint32. tlog-cosignature §Format uses the same rule with
 * type 0x04.
 */
export function computeKeyId(name: string, type: number, publicKey: Uint8Array): number {
  if (!Number.isInteger(type) || type < 0 || type > 0xff) {
    throw new RangeError(`signature type must be a byte, got ${type}`);
  }
  const digest = sha256(concatBytes(utf8(name), Uint8Array.of(0x0a, type), publicKey));
  return readUint32(digest, 0);
}

/** A key ID as the 8 lower-case hex digits used in vkeys and error messages. */
export function formatKeyId(keyId: number): string {
  assertKeyId(keyId);
  return keyId.toString(16).padStart(8, '0');
}

/** `<name>+<hex key ID>`: how errors and reports name a key. */
export function keyLabel(name: string, keyId: number): string {
  return `${name}+${formatKeyId(keyId)}`;
}

// ---------------------------------------------------------------------------------------
// Verifier keys (signed-note §Verifier keys) and signer keys

/** A decoded verifier key: `<name>+<hex key ID>+base64(type || public key)`. */
export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: SupportedSignatureType;
  /** The 32-byte Ed25519 public key (for both supported types). */
  readonly publicKey: Uint8Array;
}

/**
 * Parses a vkey (signed-note §Verifier keys). The key ID must be 8 lower-case hex digits and
 * must equal the one computed from the name, type and public key (the rule of signed-note
 * §Signatures, which both supported types use). Types other than Ed25519 (0x01) and
 * cosignature/v1 (0x04) are refused with `unsupported_key_type`.
 */
export function parseVerifierKey(vkey: string): VerifierKey {
  const parts = splitKey(vkey, 3, 'verifier key');
  const [name, idHex, keyBase64] = parts;
  const keyId = parseKeyIdHex(idHex, 'verifier key', vkey);
  checkKeyName(name, 'verifier key');
  const material = decodeKeyMaterial(keyBase64, 'verifier key', name);
  const type = supportedType(material, 'verifier key', keyLabel(name, keyId));
  const publicKey = material.subarray(1);
  if (publicKey.length !== ED25519_PUBLIC_KEY_SIZE) {
    throw new TlogError(
      'malformed_key',
      `verifier key ${keyLabel(name, keyId)}: an Ed25519 public key has ${ED25519_PUBLIC_KEY_SIZE} bytes, got ${publicKey.length}`,
      { key: keyLabel(name, keyId) },
    );
  }
  const expected = computeKeyId(name, type, publicKey);
  if (expected !== keyId) {
    throw new TlogError(
      'key_id_mismatch',
      `verifier key ${keyLabel(name, keyId)}: key ID should be ${formatKeyId(expected)} (SHA-256 of name, newline, type and public key; signed-note §Signatures)`,
      { key: keyLabel(name, keyId) },
    );
  }
  return { name, keyId, type, publicKey: publicKey.slice() };
}

/** Formats a vkey; the key ID is computed (signed-note §Verifier keys). */
export function formatVerifierKey(key: {
  readonly name: string;
  readonly type: SupportedSignatureType;
  readonly publicKey: Uint8Array;
}): string {
  checkKeyName(key.name, 'verifier key');
  checkSupportedType(key.type, 'verifier key');
  if (key.publicKey.length !== ED25519_PUBLIC_KEY_SIZE) {
    throw new TlogError(
      'malformed_key',
      `verifier key ${key.name}: an Ed25519 public key has ${ED25519_PUBLIC_KEY_SIZE} bytes, got ${key.publicKey.length}`,
    );
  }
  const keyId = computeKeyId(key.name, key.type, key.publicKey);
  return `${key.name}+${formatKeyId(keyId)}+${toBase64(concatBytes(Uint8Array.of(key.type), key.publicKey))}`;
}

/**
 * A decoded signer key, `PRIVATE+KEY+<name>+<hex key ID>+base64(type || 32-byte seed)`: the
 * format of Go's golang.org/x/mod/sumdb/note (NewSigner/GenerateKey), which tessera and the
 * published test keys use. C2SP does not specify private keys. The key ID is that of the
 * derived public key. SECRET: whoever holds it signs as the log or witness.
 */
export interface SignerKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: SupportedSignatureType;
  /** The 32-byte Ed25519 seed (RFC 8032 private key). */
  readonly seed: Uint8Array;
  /** The Ed25519 public key derived from the seed. */
  readonly publicKey: Uint8Array;
}

/** Parses a signer key and checks its key ID against the derived public key. */
export function parseSignerKey(skey: string): SignerKey {
  const parts = splitKey(skey, 5, 'signer key');
  const [private1, private2, name, idHex, keyBase64] = parts;
  if (private1 !== 'PRIVATE' || private2 !== 'KEY') {
    throw new TlogError('malformed_key', 'signer key: must start with "PRIVATE+KEY+"');
  }
  // The secret is never echoed in messages: only the name and the stated key ID.
  checkKeyName(name, 'signer key');
  const keyId = parseKeyIdHex(idHex, 'signer key', name);
  const material = decodeKeyMaterial(keyBase64, 'signer key', name);
  const type = supportedType(material, 'signer key', keyLabel(name, keyId));
  const seed = material.slice(1);
  if (seed.length !== ED25519_SEED_SIZE) {
    throw new TlogError(
      'malformed_key',
      `signer key ${keyLabel(name, keyId)}: an Ed25519 seed has ${ED25519_SEED_SIZE} bytes, got ${seed.length}`,
      { key: keyLabel(name, keyId) },
    );
  }
  const publicKey = ed25519.getPublicKey(seed);
  const expected = computeKeyId(name, type, publicKey);
  if (expected !== keyId) {
    throw new TlogError(
      'key_id_mismatch',
      `signer key ${keyLabel(name, keyId)}: the key ID of its public key is ${formatKeyId(expected)}`,
      { key: keyLabel(name, keyId) },
    );
  }
  return { name, keyId, type, seed, publicKey };
}

/** Formats a signer key from a name, type and 32-byte seed; the key ID is computed. */
export function formatSignerKey(key: {
  readonly name: string;
  readonly type: SupportedSignatureType;
  readonly seed: Uint8Array;
}): string {
  checkKeyName(key.name, 'signer key');
  checkSupportedType(key.type, 'signer key');
  if (key.seed.length !== ED25519_SEED_SIZE) {
    throw new TlogError(
      'malformed_key',
      `signer key ${key.name}: an Ed25519 seed has ${ED25519_SEED_SIZE} bytes, got ${key.seed.length}`,
    );
  }
  const keyId = computeKeyId(key.name, key.type, ed25519.getPublicKey(key.seed));
  return `PRIVATE+KEY+${key.name}+${formatKeyId(keyId)}+${toBase64(concatBytes(Uint8Array.of(key.type), key.seed))}`;
}

/**
 * Makes a new key pair from 32 random bytes, which the caller supplies (this package does
 * no I/O, randomness included): they become the Ed25519 seed. `type` is 0x01 for a log's
 * note key, 0x04 for a cosigner (witness) key.
 */
export function generateSignerKey(
  name: string,
  random: Uint8Array,
  type: SupportedSignatureType = SIGNATURE_TYPE_ED25519,
): { readonly signerKey: string; readonly verifierKey: string } {
  if (random.length !== ED25519_SEED_SIZE) {
    throw new TlogError(
      'malformed_key',
      `key generation needs ${ED25519_SEED_SIZE} random bytes, got ${random.length}`,
    );
  }
  const seed = random.slice();
  return {
    signerKey: formatSignerKey({ name, type, seed }),
    verifierKey: formatVerifierKey({ name, type, publicKey: ed25519.getPublicKey(seed) }),
  };
}

// ---------------------------------------------------------------------------------------
// Verifiers and signers

/** Checks signatures by one key; see ed25519Verifier and cosignature.ts's cosignatureVerifier. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** The signature type byte of the key (0x01 note signature, 0x04 cosignature/v1, …). */
  readonly type: number;
  /**
   * Whether `signature` (the bytes after the 4-byte key ID) is a valid signature of
   * `text` (the note text, final newline included). May throw a TlogError to say why the
   * signature is malformed; openNote turns both into an `invalid_signature` refusal.
   */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** Signs note texts with one key; see ed25519Signer and cosignature.ts's cosignatureSigner. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  /** The signature of `text` (without the key ID, which signNote prepends). */
  sign(text: Uint8Array): Uint8Array;
}

/**
 * A verifier for Ed25519 note signatures (signed-note §Ed25519 signatures): an RFC 8032
 * signature over the note text. Verification is strict RFC 8032 (canonical encodings, not
 * the laxer ZIP-215 rules).
 */
export function ed25519Verifier(key: string | VerifierKey): NoteVerifier {
  const parsed = typeof key === 'string' ? parseVerifierKey(key) : key;
  requireType(parsed.type, SIGNATURE_TYPE_ED25519, keyLabel(parsed.name, parsed.keyId), 'ed25519Verifier');
  const publicKey = parsed.publicKey.slice();
  return {
    name: parsed.name,
    keyId: parsed.keyId,
    type: SIGNATURE_TYPE_ED25519,
    verify: (text, signature) => {
      if (signature.length !== 64) {
        throw new TlogError('invalid_signature', `an Ed25519 signature has 64 bytes, got ${signature.length}`);
      }
      return verifyEd25519(signature, text, publicKey);
    },
  };
}

/** A signer of Ed25519 note signatures (signed-note §Ed25519 signatures). */
export function ed25519Signer(key: string | SignerKey): NoteSigner {
  const parsed = typeof key === 'string' ? parseSignerKey(key) : key;
  requireType(parsed.type, SIGNATURE_TYPE_ED25519, keyLabel(parsed.name, parsed.keyId), 'ed25519Signer');
  const seed = parsed.seed.slice();
  return {
    name: parsed.name,
    keyId: parsed.keyId,
    type: SIGNATURE_TYPE_ED25519,
    sign: (text) => ed25519.sign(text, seed),
  };
}

/** Strict RFC 8032 Ed25519 verification that never throws. */
export function verifyEd25519(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== ED25519_PUBLIC_KEY_SIZE) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------
// Parsing and formatting notes (signed-note §Format)

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature proper: the decoded bytes after the 4-byte key ID. */
  readonly signature: Uint8Array;
  /** 1-based line number in the signed note. */
  readonly line: number;
}

/** A signed note split into its parts, no signature checked. */
export interface ParsedNote {
  /** The note text, final newline included, separating blank line excluded. */
  readonly text: string;
  /** The exact bytes of the text: what the signatures sign. */
  readonly textBytes: Uint8Array;
  readonly signatures: readonly NoteSignature[];
}

/**
 * Splits a signed note into text and signatures, enforcing every rule of signed-note
 * §Format: valid UTF-8; no control character but newline; the text ends in a newline and
 * is separated from the signatures by the note's last blank line; one or more signature
 * lines `— <name> <base64>\n`, each with a valid key name and a strict standard base64
 * signature of at least 4 + 1 bytes; at most {@link MAX_NOTE_SIGNATURES} of them.
 * Does not verify anything: use {@link openNote}.
 */
export function parseNote(note: Uint8Array | string): ParsedNote {
  const bytes = typeof note === 'string' ? encodeNoteString(note) : note;
  const whole = typeof note === 'string' ? note : decodeNoteBytes(note);
  checkControlCharacters(whole, 'malformed_note', 'signed note');

  // signed-note §Format: "the text is separated from the signatures by the last empty line".
  const split = whole.lastIndexOf('\n\n');
  if (split < 0) {
    throw malformed('no blank line separates the text from the signature lines (signed-note §Format)');
  }
  const text = whole.slice(0, split + 1);
  const block = whole.slice(split + 2);
  const firstLine = countNewlines(text) + 2; // text lines, then the blank line
  if (block === '') {
    throw malformed('there are no signature lines after the blank line (signed-note §Format)');
  }
  const lines = block.split('\n');
  const last = lines.pop(); // '' when the block ends in a newline
  if (last !== '') {
    throw malformed(`line ${firstLine + lines.length}: the last signature line does not end in a newline`, {
      line: firstLine + lines.length,
    });
  }
  if (lines.length > MAX_NOTE_SIGNATURES) {
    throw new TlogError(
      'too_many_signatures',
      `signed note has ${lines.length} signature lines; at most ${MAX_NOTE_SIGNATURES} are accepted (signed-note §Format)`,
      { line: firstLine + MAX_NOTE_SIGNATURES },
    );
  }
  const signatures = lines.map((line, i) => parseSignatureLine(line, firstLine + i));
  const textBytes = bytes.slice(0, utf8(text).length);
  return { text, textBytes, signatures };
}

/**
 * Formats a signed note from a text and signature lines (signed-note §Format): the text,
 * a blank line, then one `— <name> base64(key ID || signature)` line per signature, in the
 * order given. Use this to add cosignatures to a note parsed with {@link parseNote}.
 */
export function formatNote(
  text: string,
  signatures: readonly { readonly name: string; readonly keyId: number; readonly signature: Uint8Array }[],
): string {
  checkNoteText(text);
  if (signatures.length === 0) {
    throw new TlogError('invalid_note_text', 'a signed note needs at least one signature (signed-note §Format)');
  }
  if (signatures.length > MAX_NOTE_SIGNATURES) {
    throw new TlogError(
      'too_many_signatures',
      `cannot format ${signatures.length} signatures; at most ${MAX_NOTE_SIGNATURES} are accepted`,
    );
  }
  let out = `${text}\n`;
  for (const s of signatures) {
    if (!isValidKeyName(s.name)) {
      throw new TlogError('invalid_key_name', `invalid key name ${JSON.stringify(s.name)} (signed-note §Format)`);
    }
    assertKeyId(s.keyId);
    if (s.signature.length === 0) {
      throw new TlogError('invalid_signature', `empty signature for key ${keyLabel(s.name, s.keyId)}`, {
        key: keyLabel(s.name, s.keyId),
      });
    }
    const idBytes = new Uint8Array(KEY_ID_SIZE);
    writeUint32(idBytes, 0, s.keyId);
    out += `${SIGNATURE_PREFIX}${s.name} ${toBase64(concatBytes(idBytes, s.signature))}\n`;
  }
  return out;
}

/**
 * Signs `text` (which must end in a newline and be valid note text) with every signer, in
 * order, and returns the signed note. Ed25519 is deterministic, so signing the same text
 * with the same key always gives the same note.
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkNoteText(text);
  const textBytes = utf8(text);
  const signatures = signers.map((signer) => {
    if (!isValidKeyName(signer.name)) {
      throw new TlogError('invalid_key_name', `signer has an invalid key name ${JSON.stringify(signer.name)}`);
    }
    return { name: signer.name, keyId: signer.keyId, signature: signer.sign(textBytes) };
  });
  return formatNote(text, signatures);
}

/** A note whose signatures were checked against the known keys. */
export interface OpenedNote {
  readonly text: string;
  readonly textBytes: Uint8Array;
  /**
   * Signatures by known keys, all verified: one entry per key (the first of its lines; any
   * further line by the same key was verified too), so a quorum can count entries.
   */
  readonly verified: readonly NoteSignature[];
  /**
   * Signatures by unknown keys (name or key ID, or both, unlike every known key — an
   * unsupported signature type is just an unknown key). signed-note §Signatures says to
   * ignore them; they are reported, not trusted. Repeated identical lines appear once.
   */
  readonly unverified: readonly NoteSignature[];
}

/**
 * Opens a signed note (signed-note §Signatures): parses it (see {@link parseNote}), then
 * checks every signature whose key name AND key ID match a known verifier. Refuses with a
 * TlogError when the note is malformed, when any signature by a known key fails to verify
 * (`invalid_signature`: the spec says SHOULD reject the whole note, and we do), or when no
 * signature is by a known key (`unverified_note`: MUST reject).
 */
export function openNote(note: Uint8Array | string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    if (!isValidKeyName(v.name)) {
      throw new TlogError('invalid_key_name', `verifier has an invalid key name ${JSON.stringify(v.name)}`);
    }
    const label = keyLabel(v.name, v.keyId);
    if (known.has(label)) {
      throw new TlogError(
        'ambiguous_verifier',
        `two verifiers share the key name and key ID ${label}: a signature by that key would be ambiguous`,
        { key: label },
      );
    }
    known.set(label, v);
  }

  const parsed = parseNote(note);
  const verified = new Map<string, NoteSignature>();
  const unverified = new Map<string, NoteSignature>();
  for (const sig of parsed.signatures) {
    const label = keyLabel(sig.name, sig.keyId);
    const verifier = known.get(label);
    if (verifier === undefined) {
      const lineKey = `${label} ${toHex(sig.signature)}`;
      if (!unverified.has(lineKey)) unverified.set(lineKey, sig);
      continue;
    }
    let valid: boolean;
    let detail = '';
    let cause: unknown;
    try {
      valid = verifier.verify(parsed.textBytes, sig.signature);
    } catch (error) {
      valid = false;
      cause = error;
      detail = error instanceof Error ? `: ${error.message}` : '';
    }
    if (!valid) {
      throw new TlogError(
        'invalid_signature',
        `line ${sig.line}: the signature by known key ${label} does not verify${detail} (signed-note §Signatures)`,
        { line: sig.line, key: label },
        cause,
      );
    }
    if (!verified.has(label)) verified.set(label, sig);
  }

  if (verified.size === 0) {
    const unknown = [...new Set([...unverified.values()].map((s) => keyLabel(s.name, s.keyId)))];
    throw new TlogError(
      'unverified_note',
      `no signature in the note is by a known key (signed only by unknown keys: ${unknown.join(', ')}); ` +
        `known keys: ${known.size === 0 ? 'none' : [...known.keys()].join(', ')} (signed-note §Signatures)`,
    );
  }
  return {
    text: parsed.text,
    textBytes: parsed.textBytes,
    verified: [...verified.values()],
    unverified: [...unverified.values()],
  };
}

// ---------------------------------------------------------------------------------------
// Helpers

function parseSignatureLine(line: string, lineNo: number): NoteSignature {
  const at = { line: lineNo };
  if (!line.startsWith(SIGNATURE_PREFIX)) {
    throw malformed(
      `line ${lineNo}: a signature line must start with an em dash (U+2014) and a space (signed-note §Format)`,
      at,
    );
  }
  const rest = line.slice(SIGNATURE_PREFIX.length);
  const space = rest.indexOf(' ');
  if (space < 0) {
    throw malformed(`line ${lineNo}: no space separates the key name from the signature`, at);
  }
  const name = rest.slice(0, space);
  const encoded = rest.slice(space + 1);
  if (!isValidKeyName(name)) {
    throw malformed(
      `line ${lineNo}: invalid key name ${JSON.stringify(name)} (must be non-empty, without spaces or "+"; signed-note §Format)`,
      at,
    );
  }
  if (encoded === '') throw malformed(`line ${lineNo}: the signature of ${name} is empty`, at);
  let raw: Uint8Array;
  try {
    raw = fromBase64(encoded, `line ${lineNo}: signature of ${name}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid base64';
    throw new TlogError(
      'malformed_note',
      `malformed note: ${reason} (standard base64 required; signed-note §Format)`,
      at,
      error,
    );
  }
  if (raw.length < KEY_ID_SIZE + 1) {
    throw malformed(
      `line ${lineNo}: the signature of ${name} has ${raw.length} bytes; it needs a 4-byte key ID and a signature (signed-note §Format)`,
      at,
    );
  }
  return { name, keyId: readUint32(raw, 0), signature: raw.slice(KEY_ID_SIZE), line: lineNo };
}

function malformed(message: string, details: TlogErrorDetails = {}): TlogError {
  return new TlogError('malformed_note', `malformed note: ${message}`, details);
}

/** Note text rules for signing: those of signed-note §Format that apply to the text. */
function checkNoteText(text: string): void {
  if (hasLoneSurrogate(text)) {
    throw new TlogError('invalid_note_text', 'note text is not valid Unicode (it has a lone surrogate)');
  }
  checkControlCharacters(text, 'invalid_note_text', 'note text');
  if (!text.endsWith('\n')) {
    throw new TlogError('invalid_note_text', 'note text must end in a newline (signed-note §Format)');
  }
}

function checkControlCharacters(text: string, reason: TlogErrorReason, what: string): void {
  let line = 1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line += 1;
    else if (c < 0x20) {
      const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
      const prefix = reason === 'malformed_note' ? 'malformed note: ' : '';
      throw new TlogError(
        reason,
        `${prefix}${what} line ${line}: control character ${code} is not allowed (only newline; signed-note §Format)`,
        { line },
      );
    }
  }
}

function encodeNoteString(note: string): Uint8Array {
  if (hasLoneSurrogate(note)) {
    throw malformed(
      'the note is not valid Unicode (it has a lone surrogate), so it cannot be UTF-8 (signed-note §Format)',
    );
  }
  return utf8(note);
}

// TextDecoder is a Web-standard global (Node and browsers); pure packages compile without
// DOM types, so its shape is spelt out. Unlike the kernel's fromUtf8, this decoder keeps a
// leading U+FEFF: the text returned must be exactly the text that was signed.
interface WebTextDecoder {
  readonly TextDecoder: new (
    label: string,
    options: { fatal: boolean; ignoreBOM: boolean },
  ) => { decode(input: Uint8Array): string };
}
const noteDecoder = new (globalThis as unknown as WebTextDecoder).TextDecoder('utf-8', {
  fatal: true,
  ignoreBOM: true,
});

function decodeNoteBytes(bytes: Uint8Array): string {
  try {
    return noteDecoder.decode(bytes);
  } catch (error) {
    throw new TlogError(
      'malformed_note',
      `malformed note: line ${invalidUtf8Line(bytes)} is not valid UTF-8 (signed-note §Format)`,
      { line: invalidUtf8Line(bytes) },
      error,
    );
  }
}

/**
 * The 1-based line on which invalid UTF-8 starts. A newline byte is never part of a
 * multi-byte UTF-8 sequence, so each line decodes on its own.
 */
function invalidUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i += 1) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        noteDecoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line += 1;
      start = i + 1;
    }
  }
  return line;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

function hasLoneSurrogate(text: string): boolean {
  return /\p{Surrogate}/u.test(text);
}

function splitKey(key: string, parts: number, what: string): string[] {
  // Key names contain no "+" but base64 may: split on the first parts-1 pluses only.
  const out: string[] = [];
  let rest = key;
  for (let i = 0; i < parts - 1; i += 1) {
    const plus = rest.indexOf('+');
    if (plus < 0) {
      throw new TlogError('malformed_key', `${what}: expected ${parts} parts separated by "+", got ${i + 1}`);
    }
    out.push(rest.slice(0, plus));
    rest = rest.slice(plus + 1);
  }
  out.push(rest);
  return out;
}

function parseKeyIdHex(text: string | undefined, what: string, context: string): number {
  if (text === undefined || !/^[0-9a-f]{8}$/.test(text)) {
    throw new TlogError(
      'malformed_key',
      `${what} ${JSON.stringify(context)}: the key ID must be 8 lower-case hex digits, got ${JSON.stringify(text ?? '')}`,
    );
  }
  return Number.parseInt(text, 16);
}

function checkKeyName(name: string | undefined, what: string): asserts name is string {
  if (name === undefined || !isValidKeyName(name)) {
    throw new TlogError(
      'invalid_key_name',
      `${what}: invalid key name ${JSON.stringify(name ?? '')} (must be non-empty, without spaces or "+"; signed-note §Format)`,
    );
  }
}

function decodeKeyMaterial(text: string | undefined, what: string, name: string): Uint8Array {
  let material: Uint8Array;
  try {
    material = fromBase64(text ?? '', `${what} ${name}`);
  } catch (error) {
    throw new TlogError(
      'malformed_key',
      `${what} ${name}: the key material is not standard base64 (signed-note §Verifier keys)`,
      {},
      error,
    );
  }
  if (material.length === 0) {
    throw new TlogError('malformed_key', `${what} ${name}: the key material is empty`);
  }
  return material;
}

function supportedType(material: Uint8Array, what: string, label: string): SupportedSignatureType {
  const type = material[0] ?? -1;
  if (type === SIGNATURE_TYPE_ED25519 || type === SIGNATURE_TYPE_COSIGNATURE_V1) return type;
  throw new TlogError(
    'unsupported_key_type',
    `${what} ${label}: signature type ${describeType(type)} is not supported`,
    {
      key: label,
    },
  );
}

function checkSupportedType(type: number, what: string): void {
  if (type !== SIGNATURE_TYPE_ED25519 && type !== SIGNATURE_TYPE_COSIGNATURE_V1) {
    throw new TlogError('unsupported_key_type', `${what}: signature type ${describeType(type)} is not supported`);
  }
}

function requireType(actual: number, expected: number, label: string, where: string): void {
  if (actual !== expected) {
    throw new TlogError(
      'unsupported_key_type',
      `${where}: key ${label} has signature type ${describeType(actual)}, expected ${describeType(expected)}`,
      { key: label },
    );
  }
}

/** signed-note §Signature types. */
export function describeType(type: number): string {
  const hex = `0x${type.toString(16).padStart(2, '0')}`;
  switch (type) {
    case 0x01:
      return `${hex} (Ed25519)`;
    case 0x02:
      return `${hex} (ECDSA, transparency-dev/witness)`;
    case 0x04:
      return `${hex} (Ed25519 cosignature/v1)`;
    case 0x05:
      return `${hex} (RFC 6962 TreeHeadSignature, static-ct-api)`;
    case 0x06:
      return `${hex} (ML-DSA-44 cosignature)`;
    default:
      return hex;
  }
}

function assertKeyId(keyId: number): void {
  if (!Number.isInteger(keyId) || keyId < 0 || keyId > 0xffffffff) {
    throw new RangeError(`a key ID is a uint32, got ${keyId}`);
  }
}

/** Reads a big-endian uint32 (internal helper shared by this package's modules). */
export function readUint32(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset] ?? 0) << 24) |
      ((bytes[offset + 1] ?? 0) << 16) |
      ((bytes[offset + 2] ?? 0) << 8) |
      (bytes[offset + 3] ?? 0)) >>>
    0
  );
}

/** Writes a big-endian uint32 (internal helper shared by this package's modules). */
export function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = (value >>> 24) & 0xff;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}
