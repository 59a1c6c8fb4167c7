// Published test vectors for the C2SP signed-note, tlog-checkpoint and tlog-cosignature code in
// packages/log (note.ts, checkpoint.ts, cosignature.ts). The data lives outside the repository,
// in ../shared/data/tlog (see its SOURCES.md); it is read, never written, and every case in it
// becomes a test named after its source file. A missing data folder fails, never skips.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from '@plenum/kernel';
import { formatCheckpoint, openCheckpoint, parseCheckpoint } from '../../packages/log/src/checkpoint.ts';
import {
  COSIGNATURE_V1_SIZE,
  cosignatureMessage,
  cosignatureSigner,
  cosignatureVerifier,
  decodeCosignature,
  verifierFromKey,
} from '../../packages/log/src/cosignature.ts';
import { EMPTY_ROOT, hashLeaf } from '../../packages/log/src/hash.ts';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  TlogError,
  computeKeyId,
  ed25519Signer,
  ed25519Verifier,
  formatKeyId,
  formatNote,
  formatSignerKey,
  formatVerifierKey,
  keyLabel,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  type NoteVerifier,
  type OpenedNote,
} from '../../packages/log/src/note.ts';
import { tlogErrorOf } from '../../packages/log/src/test-support/tlog-error.ts';
import { TLOG_DATA, readVector, readVectorJson } from './vectors.ts';
import { rootOf } from '../../packages/log/src/merkle.ts';
import { decodeEntryBundle } from '../../packages/log/src/tiles.ts';

if (!existsSync(join(TLOG_DATA, 'SOURCES.md'))) {
  throw new Error(
    `the transparency-log test vectors are missing: ${TLOG_DATA}/SOURCES.md does not exist. ` +
      'Check out the shared data folder next to the repository (../shared/data/tlog).',
  );
}

// ---------------------------------------------------------------------------------------------
// derived/signed-note-vectors.json

interface SignedNoteVectors {
  keyIdVectors: {
    label: string;
    vkey: string;
    name: string;
    signatureType: number;
    publicKeyHex: string;
    keyIdPreimageHex: string;
    keyId: string;
  }[];
  testPrivateKeys: Record<string, string>;
  notes: { label: string; text?: string; signedNote: string; verifierKeys: string[]; expect: string }[];
  malformedNotes: { signedNote: string; verifierKeys: string[]; expect: string }[];
  cosignatureExample: {
    signatureLine: string;
    decoded: { keyId: string; timestamp: number; ed25519SignatureHex: string; totalBytes: number };
    signedMessage: string;
  };
}

const SIGNED_NOTE = 'derived/signed-note-vectors.json';
const vectors = readVectorJson(SIGNED_NOTE) as SignedNoteVectors;

/** Our verifier for any vkey of the vectors (Ed25519 note keys and cosigner keys). */
function verifiersOf(vkeys: readonly string[]): NoteVerifier[] {
  return vkeys.map((vkey) => verifierFromKey(vkey));
}

describe(SIGNED_NOTE, () => {
  for (const v of vectors.keyIdVectors) {
    it(`keyIdVectors[${v.label}]: ${v.vkey} parses, its key ID is recomputed, and it re-formats identically`, () => {
      const key = parseVerifierKey(v.vkey);
      expect(key.name).toBe(v.name);
      expect(key.type).toBe(v.signatureType);
      expect(toHex(key.publicKey)).toBe(v.publicKeyHex);
      expect(formatKeyId(key.keyId)).toBe(v.keyId);
      // The preimage is name || 0x0A || type || public key (signed-note §Signatures).
      const preimage = toHex(utf8(v.name)) + '0a' + v.signatureType.toString(16).padStart(2, '0') + v.publicKeyHex;
      expect(preimage).toBe(v.keyIdPreimageHex);
      expect(toHex(sha256(fromHex(v.keyIdPreimageHex))).slice(0, 8)).toBe(v.keyId);
      expect(formatKeyId(computeKeyId(v.name, v.signatureType, key.publicKey))).toBe(v.keyId);
      expect(formatVerifierKey(key)).toBe(v.vkey);
      // Every listed key is one we can verify with.
      expect(verifierFromKey(v.vkey).type).toBe(v.signatureType);
    });
  }

  for (const [label, skey] of Object.entries(vectors.testPrivateKeys)) {
    it(`testPrivateKeys[${label}]: the signer key's public key is the vkey of keyIdVectors[${label}]`, () => {
      const vkey = vectors.keyIdVectors.find((v) => v.label === label)?.vkey;
      expect(vkey, `no keyIdVectors entry labelled ${label}`).toBeDefined();
      const key = parseSignerKey(skey);
      expect(formatVerifierKey(key)).toBe(vkey);
      expect(formatSignerKey(key)).toBe(skey);
    });
  }

  vectors.notes.forEach((n, i) => {
    it(`notes[${i}] ${n.label}: ${n.expect}`, () => {
      const verifiers = verifiersOf(n.verifierKeys);
      if (n.expect.startsWith('reject')) {
        const error = tlogErrorOf(() => openNote(n.signedNote, verifiers));
        const invalidFor = /^reject: invalid signature for key (\S+)$/.exec(n.expect);
        if (invalidFor !== null) {
          expect(error.reason).toBe('invalid_signature');
          expect(error.key).toBe(invalidFor[1]);
          expect(error.line).toBe(4);
          expect(error.message).toContain(`known key ${invalidFor[1] ?? ''}`);
        } else {
          expect(n.expect).toBe('reject: note has no verifiable signatures');
          expect(error.reason).toBe('unverified_note');
          for (const s of parseNote(n.signedNote).signatures) {
            expect(error.message).toContain(keyLabel(s.name, s.keyId));
          }
        }
        return;
      }
      expect(n.expect).toMatch(/^valid/);
      const opened: OpenedNote = openNote(n.signedNote, verifiers);
      if (n.text !== undefined) expect(opened.text).toBe(n.text);
      const count = /(\d+) verified signature/.exec(n.expect)?.[1];
      const parsed = parseNote(n.signedNote);
      const knownLabels = new Set(verifiers.map((v) => keyLabel(v.name, v.keyId)));
      expect(opened.verified).toHaveLength(count === undefined ? knownLabels.size : Number(count));
      // Every signature by an unknown key is reported as unverified (e.g. EnochRoot when only
      // PeterNeumann is known), never dropped and never trusted.
      const unknown = parsed.signatures.filter((s) => !knownLabels.has(keyLabel(s.name, s.keyId)));
      expect(opened.unverified.map((s) => keyLabel(s.name, s.keyId))).toEqual(
        unknown.map((s) => keyLabel(s.name, s.keyId)),
      );
      if (n.expect.includes('EnochRoot signature is from an unknown key')) {
        expect(opened.unverified.map((s) => s.name)).toEqual(['EnochRoot']);
      }
      // Where we hold the private key of every signer, signing the text again gives the note.
      const skeys = parsed.signatures.map((s) =>
        Object.values(vectors.testPrivateKeys).find((k) => parseSignerKey(k).keyId === s.keyId),
      );
      if (skeys.every((k) => k !== undefined)) {
        expect(
          signNote(
            opened.text,
            skeys.map((k) => ed25519Signer(k)),
          ),
        ).toBe(n.signedNote);
      }
    });
  });

  it(`notes: the single-signature note re-signs byte for byte with testPrivateKeys.PeterNeumann`, () => {
    const single = vectors.notes.find((n) => n.label === 'go-note single signature');
    const skey = vectors.testPrivateKeys['PeterNeumann'];
    expect(single?.text).toBeDefined();
    expect(skey).toBeDefined();
    expect(signNote(single!.text!, [ed25519Signer(skey!)])).toBe(single!.signedNote);
  });

  vectors.malformedNotes.forEach((n, i) => {
    it(`malformedNotes[${i}]: ${JSON.stringify(n.signedNote.slice(-40))} — ${n.expect}`, () => {
      expect(n.expect).toBe('reject: malformed note');
      const error = tlogErrorOf(() => openNote(n.signedNote, verifiersOf(n.verifierKeys)));
      expect(error.reason).toBe('malformed_note');
      // The same refusal when the note arrives as bytes.
      expect(tlogErrorOf(() => openNote(utf8(n.signedNote), verifiersOf(n.verifierKeys))).reason).toBe(
        'malformed_note',
      );
    });
  });

  it('malformedNotes: Go\'s "\\xff" case (left out of the JSON, which cannot hold it) is rebuilt here and refused', () => {
    const good = vectors.notes[0]!.signedNote;
    const bytes = Uint8Array.of(0xff, ...utf8(good));
    const error = tlogErrorOf(() => openNote(bytes, verifiersOf(vectors.notes[0]!.verifierKeys)));
    expect(error.reason).toBe('malformed_note');
    expect(error.message).toContain('line 1 is not valid UTF-8');
  });

  it('cosignatureExample: the C2SP signature line decodes to key ID, timestamp and Ed25519 signature', () => {
    const ex = vectors.cosignatureExample;
    const body = ex.signedMessage.split('\n').slice(2).join('\n');
    expect(ex.signedMessage.startsWith(`cosignature/v1\ntime ${ex.decoded.timestamp}\n`)).toBe(true);
    const note = `${body}\n${ex.signatureLine}\n`;
    const [sig] = parseNote(note).signatures;
    expect(sig!.name).toBe('witness.example.com/w1');
    expect(formatKeyId(sig!.keyId)).toBe(ex.decoded.keyId);
    expect(4 + sig!.signature.length).toBe(ex.decoded.totalBytes);
    expect(sig!.signature.length).toBe(COSIGNATURE_V1_SIZE);
    const decoded = decodeCosignature(sig!.signature);
    expect(decoded.timestamp).toBe(ex.decoded.timestamp);
    expect(toHex(decoded.signature)).toBe(ex.decoded.ed25519SignatureHex);
    // The message a cosigner signs, byte for byte (tlog-cosignature §Ed25519 signed message).
    expect(cosignatureMessage(body, decoded.timestamp)).toEqual(utf8(ex.signedMessage));
    expect(parseCheckpoint(body).size).toBe(20852163);
    // The witness's public key is not published: the signature is reported, not verified.
    const error = tlogErrorOf(() => openNote(note, []));
    expect(error.reason).toBe('unverified_note');
    expect(error.message).toContain('witness.example.com/w1+8d66cf3f');
  });
});

// ---------------------------------------------------------------------------------------------
// derived/go-sumdb-tree-note.json
//
// The Go checksum database signs "tree notes" in its own, older format (golang.org/x/mod
// sumdb/tlog FormatTree/ParseTree), which predates C2SP tlog-checkpoint but has its shape: a
// fixed first line "go.sum database tree" where a checkpoint has its origin, then the tree size
// in decimal and the root hash in base64. These helpers check that format with our checkpoint
// parser plus the one extra rule (the first line). Go ignores any text after the third line; our
// parser reads it as checkpoint extension lines, which must be non-empty, so we are stricter
// there (no vector exercises it).

const GO_TREE_ORIGIN = 'go.sum database tree';

function parseGoSumdbTree(text: string): { size: number; hash: Uint8Array } {
  const checkpoint = parseCheckpoint(text);
  if (checkpoint.origin !== GO_TREE_ORIGIN) {
    throw new Error(`not a go.sum tree note: first line is ${JSON.stringify(checkpoint.origin)}`);
  }
  return { size: checkpoint.size, hash: checkpoint.rootHash };
}

function formatGoSumdbTree(size: number, hash: Uint8Array): string {
  return formatCheckpoint({ origin: GO_TREE_ORIGIN, size, rootHash: hash, extensions: [] });
}

/** sumdb/tlog FormatRecord: the record ID in decimal, newline, the record text, a blank line. */
function formatGoSumdbRecord(id: number, text: string): string {
  if (
    !text.endsWith('\n') ||
    text.includes('\n\n') ||
    Array.from(text).some((c) => c !== '\n' && c.charCodeAt(0) < 0x20)
  ) {
    throw new Error('malformed record text');
  }
  return `${id}\n${text}\n`;
}

interface GoSumdbTreeNote {
  formatTree: { treeSize: number; recordHashOf: string; recordHashBase64: string; text: string };
  parseTreeRejects: string[];
  formatRecord: { id: number; text: string; encoded: string };
}

const GO_TREE = 'derived/go-sumdb-tree-note.json';
const goTree = readVectorJson(GO_TREE) as GoSumdbTreeNote;

describe(GO_TREE, () => {
  it('formatTree: the golden tree note parses to its size and hash, and formats back byte for byte', () => {
    const { treeSize, recordHashOf, recordHashBase64, text } = goTree.formatTree;
    // The hash in the golden is RecordHash("hello world") = SHA-256(0x00 || data), a leaf hash.
    expect(toBase64(hashLeaf(utf8(recordHashOf)))).toBe(recordHashBase64);
    const tree = parseGoSumdbTree(text);
    expect(tree.size).toBe(treeSize);
    expect(toBase64(tree.hash)).toBe(recordHashBase64);
    expect(formatGoSumdbTree(treeSize, fromBase64(recordHashBase64))).toBe(text);
  });

  goTree.parseTreeRejects.forEach((text, i) => {
    it(`parseTreeRejects[${i}]: ${JSON.stringify(text.split('\n').slice(0, 3).join(' | '))} is refused`, () => {
      expect(() => parseGoSumdbTree(text)).toThrow();
    });
  });

  it('parseTreeRejects: each rejection is for the reason the variant was made', () => {
    const [origin, size, hash] = goTree.parseTreeRejects;
    expect(() => parseGoSumdbTree(origin!)).toThrow(/first line is "not-go.sum database tree"/);
    expect(tlogErrorOf(() => parseCheckpoint(size!))).toMatchObject({ reason: 'malformed_checkpoint', line: 2 });
    expect(tlogErrorOf(() => parseCheckpoint(hash!))).toMatchObject({ reason: 'malformed_checkpoint', line: 3 });
  });

  it('formatRecord: a record is framed as "<id>\\n<text>\\n"', () => {
    const { id, text, encoded } = goTree.formatRecord;
    expect(formatGoSumdbRecord(id, text)).toBe(encoded);
  });
});

// ---------------------------------------------------------------------------------------------
// tessera/testdata/log: 16 checkpoints of a tiny log, signed with a published test key

const TESSERA = 'tessera/testdata/log';
const TESSERA_ORIGIN = 'example.com/log/testdata';
const TESSERA_VKEY = 'example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx';
const TESSERA_SKEY = vectors.testPrivateKeys['tesseraTestdata'] ?? '';
const TESSERA_LEAVES = 'one two three four five six seven eit nain ten ileven twelf threeten fourten fivten'.split(' ');

describe(TESSERA, () => {
  const files = ['checkpoint', ...Array.from({ length: 16 }, (_, n) => `checkpoint.${n}`)];
  for (const file of files) {
    it(`${TESSERA}/${file}: verifies with the published vkey, and re-signing its body with the published test key reproduces the file byte for byte`, () => {
      const bytes = readVector(`${TESSERA}/${file}`);
      const opened = openCheckpoint(bytes, { log: ed25519Verifier(TESSERA_VKEY), origin: TESSERA_ORIGIN });
      const size = file === 'checkpoint' ? 15 : Number(file.slice('checkpoint.'.length));
      expect(opened.checkpoint.size).toBe(size);
      expect(opened.checkpoint.extensions).toEqual([]);
      expect(opened.note.verified.map((s) => keyLabel(s.name, s.keyId))).toEqual(['example.com/log/testdata+33d7b496']);
      expect(opened.note.unverified).toEqual([]);
      // The root is the MTH of the first `size` leaves the log was built from.
      expect(toBase64(opened.checkpoint.rootHash)).toBe(
        toBase64(rootOf(TESSERA_LEAVES.slice(0, size).map((leaf) => hashLeaf(utf8(leaf))))),
      );
      if (size === 0) expect(opened.checkpoint.rootHash).toEqual(EMPTY_ROOT);
      expect(formatCheckpoint(opened.checkpoint)).toBe(opened.note.text);
      expect(utf8(signNote(opened.note.text, [ed25519Signer(TESSERA_SKEY)]))).toEqual(bytes);
    });
  }

  it(`${TESSERA}/checkpoint is checkpoint.15, and the leaves are those of the entry bundles`, () => {
    expect(readVector(`${TESSERA}/checkpoint`)).toEqual(readVector(`${TESSERA}/checkpoint.15`));
    expect(decodeEntryBundle(readVector(`${TESSERA}/tile/entries/000.p/15`)).map((e) => fromUtf8(e))).toEqual(
      TESSERA_LEAVES,
    );
  });

  it(`${TESSERA}/checkpoint.15: a flipped byte anywhere in the note or its signature is detected`, () => {
    const bytes = readVector(`${TESSERA}/checkpoint.15`);
    const verifier = ed25519Verifier(TESSERA_VKEY);
    for (let at = 0; at < bytes.length; at += 1) {
      for (const mask of [0x01, 0x20, 0x80]) {
        const flipped = bytes.slice();
        flipped[at] = flipped[at]! ^ mask;
        expect(() => openNote(flipped, [verifier]), `byte ${at} ^ ${mask}`).toThrow(TlogError);
      }
    }
  });

  it(`${TESSERA}/checkpoint.5: a checkpoint of another size with this signature is refused`, () => {
    const five = parseNote(readVector(`${TESSERA}/checkpoint.5`));
    const six = parseNote(readVector(`${TESSERA}/checkpoint.6`));
    const swapped = formatNote(six.text, five.signatures);
    const error = tlogErrorOf(() => openNote(swapped, [ed25519Verifier(TESSERA_VKEY)]));
    expect(error).toMatchObject({ reason: 'invalid_signature', key: 'example.com/log/testdata+33d7b496', line: 5 });
  });
});

// ---------------------------------------------------------------------------------------------
// sunlight/cmd/skylight/testdata/witness: Ed25519 cosignatures (tlog-cosignature, type 0x04)

const SUNLIGHT = 'sunlight/cmd/skylight/testdata/witness';
const ORIGIN_HASH = '000de184301123b9278c086a7d9f68c9577e83872224c197058fd90784ea9706';
const MIRROR_CHECKPOINT = `${SUNLIGHT}/mirror/${ORIGIN_HASH}/checkpoint`;
const WITNESS_CHECKPOINT = `${SUNLIGHT}/${ORIGIN_HASH}/checkpoint`;
/** The cosigner description files of the generator (name and vkeys). */
interface CosignerConfig {
  name: string;
  verifier_keys: string[];
}
const mirrorConfig = readVectorJson(`${SUNLIGHT}/mirror/mirror.v0.json`) as CosignerConfig;
const witnessConfig = readVectorJson(`${SUNLIGHT}/witness.v0.json`) as CosignerConfig;
const COSIGNED_AT = 1767139200;

/** The generator's cosigner keys: Ed25519 seed = SHA-256 of a phrase (SOURCES.md §3). */
function cosignerKey(name: string, phrase: string): string {
  return formatSignerKey({ name, type: SIGNATURE_TYPE_COSIGNATURE_V1, seed: sha256(utf8(phrase)) });
}

describe(SUNLIGHT, () => {
  it(`mirror/${ORIGIN_HASH}/checkpoint: the mirror's cosignature verifies with the key of mirror/mirror.v0.json and re-signs byte for byte`, () => {
    expect(toHex(sha256(utf8('rome2026h1.example.org')))).toBe(ORIGIN_HASH);
    const bytes = readVector(MIRROR_CHECKPOINT);
    const [vkey] = mirrorConfig.verifier_keys;
    const verifier = cosignatureVerifier(vkey!);
    expect(verifier.name).toBe(mirrorConfig.name);
    const opened = openNote(bytes, [verifier]);
    expect(opened.verified).toHaveLength(1);
    expect(opened.unverified).toEqual([]);
    expect(decodeCosignature(opened.verified[0]!.signature).timestamp).toBe(COSIGNED_AT);
    const checkpoint = parseCheckpoint(opened.text);
    expect(checkpoint).toMatchObject({ origin: 'rome2026h1.example.org', size: 300 });
    expect(toBase64(checkpoint.rootHash)).toBe('gw31yQrqZZCcEOPrzX+bpy3nJ6QgngTKn8G1m0i62uU=');
    const skey = cosignerKey('mirror.example.org', 'skylight test mirror key');
    expect(formatVerifierKey(parseSignerKey(skey))).toBe(vkey);
    expect(utf8(signNote(opened.text, [cosignatureSigner(skey, COSIGNED_AT)]))).toEqual(bytes);
  });

  it(`${ORIGIN_HASH}/checkpoint: the witness's cosignature verifies with the key of witness.v0.json; the log's type-0x05 signature is reported unverified`, () => {
    const bytes = readVector(WITNESS_CHECKPOINT);
    const [vkey] = witnessConfig.verifier_keys;
    const opened = openNote(bytes, [cosignatureVerifier(vkey!)]);
    expect(opened.verified.map((s) => s.name)).toEqual([witnessConfig.name]);
    expect(decodeCosignature(opened.verified[0]!.signature).timestamp).toBe(COSIGNED_AT);
    // The RFC 6962 TreeHeadSignature (static-ct-api, type 0x05): we have no key for it and do
    // not implement the type, so it is an unknown key's signature: reported, not verified.
    expect(opened.unverified).toHaveLength(1);
    expect(opened.unverified[0]).toMatchObject({ name: 'rome2026h1.example.org', line: 5 });
    // The root is fake: SHA-256("skylight test tree root"), not the real tree's.
    const checkpoint = parseCheckpoint(opened.text);
    expect(checkpoint.rootHash).toEqual(sha256(utf8('skylight test tree root')));
    // Re-signing: the log's line is copied, the witness's is signed again, identically.
    const skey = cosignerKey('witness.example.org', 'skylight test witness key');
    expect(formatVerifierKey(parseSignerKey(skey))).toBe(vkey);
    const witnessLine = parseNote(signNote(opened.text, [cosignatureSigner(skey, COSIGNED_AT)])).signatures;
    expect(utf8(formatNote(opened.text, [...opened.unverified, ...witnessLine]))).toEqual(bytes);
  });

  it(`${ORIGIN_HASH}/checkpoint: a vkey of the unsupported type 0x05 is refused by name, not crashed on`, () => {
    const material = Uint8Array.of(0x05, ...new Uint8Array(32));
    const vkey = `rome2026h1.example.org+${formatKeyId(computeKeyId('rome2026h1.example.org', 0x05, material.subarray(1)))}+${toBase64(material)}`;
    expect(tlogErrorOf(() => parseVerifierKey(vkey))).toMatchObject({ reason: 'unsupported_key_type' });
    // With no known key at all, the note is refused as unverified, listing both signers.
    const error = tlogErrorOf(() => openNote(readVector(WITNESS_CHECKPOINT), []));
    expect(error.reason).toBe('unverified_note');
    expect(error.message).toContain('rome2026h1.example.org+91507526');
    expect(error.message).toContain('witness.example.org+b8a2cf20');
  });

  it(`${ORIGIN_HASH}/checkpoint: a flipped byte is detected — refused, or for the unverified log line, reported changed`, () => {
    const bytes = readVector(WITNESS_CHECKPOINT);
    const verifier = cosignatureVerifier(witnessConfig.verifier_keys[0]!);
    const original = openNote(bytes, [verifier]);
    const originalUnverified = JSON.stringify(original.unverified.map((s) => [s.name, s.keyId, toHex(s.signature)]));
    const logLine = parseNote(bytes).signatures[0]!;
    expect(logLine.name).toBe('rome2026h1.example.org');
    const text = new TextDecoder().decode(bytes);
    const logLineStart = utf8(text.slice(0, text.indexOf('\u2014 rome2026h1'))).length;
    const logLineEnd = utf8(text.slice(0, text.indexOf('\n', text.indexOf('\u2014 rome2026h1')))).length;
    for (let at = 0; at < bytes.length; at += 1) {
      for (const mask of [0x01, 0x20, 0x80]) {
        const flipped = bytes.slice();
        flipped[at] = flipped[at]! ^ mask;
        let result: OpenedNote | undefined;
        try {
          result = openNote(flipped, [verifier]);
        } catch (error) {
          expect(error, `byte ${at} ^ ${mask}`).toBeInstanceOf(TlogError);
          continue;
        }
        // Only a change inside the log's (unknown-key) line can leave the note acceptable, and
        // then what is reported as unverified differs from the original.
        expect(at >= logLineStart && at < logLineEnd, `byte ${at} ^ ${mask} accepted`).toBe(true);
        const reported = JSON.stringify(result.unverified.map((s) => [s.name, s.keyId, toHex(s.signature)]));
        expect(reported, `byte ${at} ^ ${mask}`).not.toBe(originalUnverified);
      }
    }
  });

  it("a forged cosignature (the witness key ID, another key's signature) is refused", () => {
    const mirror = parseNote(readVector(MIRROR_CHECKPOINT));
    const witnessKey = parseVerifierKey(witnessConfig.verifier_keys[0]!);
    // The mirror's cosignature of this very checkpoint, relabelled as the witness's.
    const forged = formatNote(mirror.text, [
      { name: witnessKey.name, keyId: witnessKey.keyId, signature: mirror.signatures[0]!.signature },
    ]);
    const error = tlogErrorOf(() => openNote(forged, [cosignatureVerifier(witnessKey)]));
    expect(error).toMatchObject({ reason: 'invalid_signature', key: 'witness.example.org+b8a2cf20', line: 5 });
  });

  it('a cosignature over a different checkpoint is refused (the witness cosignature moved to the mirror checkpoint)', () => {
    const witnessNote = parseNote(readVector(WITNESS_CHECKPOINT));
    const mirrorNote = parseNote(readVector(MIRROR_CHECKPOINT));
    const witnessSig = witnessNote.signatures.find((s) => s.name === 'witness.example.org')!;
    const moved = formatNote(mirrorNote.text, [...mirrorNote.signatures, witnessSig]);
    const verifiers = [
      cosignatureVerifier(mirrorConfig.verifier_keys[0]!),
      cosignatureVerifier(witnessConfig.verifier_keys[0]!),
    ];
    const error = tlogErrorOf(() => openNote(moved, verifiers));
    expect(error).toMatchObject({ reason: 'invalid_signature', key: 'witness.example.org+b8a2cf20', line: 6 });
    // And the mirror checkpoint is not the witness's: its cosignature does not cover it.
    expect(tlogErrorOf(() => openNote(readVector(MIRROR_CHECKPOINT), [verifiers[1]!])).reason).toBe('unverified_note');
  });

  it('openCheckpoint: a checkpoint that carries only a cosignature is not taken as signed by the log', () => {
    const witnessAsLog = cosignatureVerifier(witnessConfig.verifier_keys[0]!);
    const mirror = cosignatureVerifier(mirrorConfig.verifier_keys[0]!);
    const error = tlogErrorOf(() =>
      openCheckpoint(readVector(MIRROR_CHECKPOINT), { log: witnessAsLog, cosigners: [mirror] }),
    );
    expect(error).toMatchObject({ reason: 'missing_log_signature', key: 'witness.example.org+b8a2cf20' });
  });
});
