import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toHex, utf8 } from '@plenum/kernel';
import {
  COSIGNATURE_V1_SIZE,
  MAX_COSIGNATURE_TIMESTAMP,
  cosignatureMessage,
  cosignatureSigner,
  cosignatureVerifier,
  decodeCosignature,
  encodeCosignature,
  verifierFromKey,
} from './cosignature.ts';
import { formatCheckpoint } from './checkpoint.ts';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  TlogError,
  computeKeyId,
  formatKeyId,
  formatNote,
  generateSignerKey,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  verifyEd25519,
  type TlogErrorReason,
} from './note.ts';
import { tlogErrorOf } from './test-support/tlog-error.ts';

// tlog-cosignature's example: a checkpoint and a witness signature line.
const SOFA = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
const W1 =
  '\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n';

function reasonOf(fn: () => unknown): TlogErrorReason {
  return tlogErrorOf(fn).reason;
}

const witness = generateSignerKey('witness.example/w', new Uint8Array(32).fill(3), SIGNATURE_TYPE_COSIGNATURE_V1);
const other = generateSignerKey('witness.example/w', new Uint8Array(32).fill(4), SIGNATURE_TYPE_COSIGNATURE_V1);

describe('cosignature/v1 encoding (tlog-cosignature §Format, §Ed25519 signed message)', () => {
  it('decodes the spec example: key ID, big-endian timestamp, 64-byte signature', () => {
    const [sig] = parseNote(SOFA + '\n' + W1).signatures;
    expect(sig!.name).toBe('witness.example.com/w1');
    expect(formatKeyId(sig!.keyId)).toBe('8d66cf3f');
    expect(sig!.signature).toHaveLength(COSIGNATURE_V1_SIZE);
    const decoded = decodeCosignature(sig!.signature);
    expect(decoded.timestamp).toBe(1679315147);
    expect(toHex(decoded.signature)).toBe(
      '119307c1245a24d8880e87bd0d89ffcd772bb4f1dea25308e4e59712164207d765ac326c5f76f6a328a7d673d9aa17f99cda34c547be99b2140640487d9faa9c',
    );
  });

  it('builds the signed message of the spec example', () => {
    expect(cosignatureMessage(SOFA, 1679315147)).toEqual(utf8('cosignature/v1\ntime 1679315147\n' + SOFA));
    expect(cosignatureMessage(utf8(SOFA), 0)).toEqual(utf8('cosignature/v1\ntime 0\n' + SOFA));
  });

  it('encodes and decodes timestamps across the 32-bit boundary', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: MAX_COSIGNATURE_TIMESTAMP }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        (t, s) => {
          expect(decodeCosignature(encodeCosignature({ timestamp: t, signature: s }))).toEqual({
            timestamp: t,
            signature: s,
          });
        },
      ),
    );
    const bytes = encodeCosignature({ timestamp: 2 ** 32 + 5, signature: new Uint8Array(64) });
    expect(toHex(bytes.subarray(0, 8))).toBe('0000000100000005');
  });

  it('refuses malformed cosignature bytes and timestamps', () => {
    const ok = encodeCosignature({ timestamp: 1, signature: new Uint8Array(64) });
    expect(reasonOf(() => decodeCosignature(ok.subarray(0, 71)))).toBe('malformed_cosignature');
    expect(reasonOf(() => decodeCosignature(Uint8Array.of(...ok, 0)))).toBe('malformed_cosignature');
    const over63 = ok.slice();
    over63[0] = 0x80; // > 2^63 - 1: MUST NOT
    expect(reasonOf(() => decodeCosignature(over63))).toBe('malformed_cosignature');
    const over53 = ok.slice();
    over53[1] = 0x20; // 2^53: beyond what we represent exactly
    expect(reasonOf(() => decodeCosignature(over53))).toBe('malformed_cosignature');
    expect(reasonOf(() => encodeCosignature({ timestamp: -1, signature: new Uint8Array(64) }))).toBe(
      'malformed_cosignature',
    );
    expect(reasonOf(() => encodeCosignature({ timestamp: 1, signature: new Uint8Array(63) }))).toBe(
      'malformed_cosignature',
    );
    expect(reasonOf(() => cosignatureMessage('no newline', 1))).toBe('malformed_cosignature');
    expect(reasonOf(() => cosignatureMessage(SOFA, 1.5))).toBe('malformed_cosignature');
  });
});

describe('cosigner keys', () => {
  it('use signature type 0x04 in the key ID', () => {
    const key = parseVerifierKey(witness.verifierKey);
    expect(key.type).toBe(SIGNATURE_TYPE_COSIGNATURE_V1);
    expect(key.keyId).toBe(computeKeyId(key.name, 0x04, key.publicKey));
    expect(key.keyId).not.toBe(computeKeyId(key.name, 0x01, key.publicKey));
    expect(fromBase64(witness.verifierKey.split('+').slice(2).join('+'))[0]).toBe(0x04);
  });

  it('are refused where an Ed25519 note key is expected and the reverse', () => {
    const noteKey = generateSignerKey('log.example', new Uint8Array(32).fill(5));
    expect(reasonOf(() => cosignatureVerifier(noteKey.verifierKey))).toBe('unsupported_key_type');
    expect(reasonOf(() => cosignatureSigner(noteKey.signerKey, 1))).toBe('unsupported_key_type');
    expect(verifierFromKey(noteKey.verifierKey).type).toBe(SIGNATURE_TYPE_ED25519);
    expect(verifierFromKey(witness.verifierKey).type).toBe(SIGNATURE_TYPE_COSIGNATURE_V1);
    expect(parseSignerKey(witness.signerKey).type).toBe(SIGNATURE_TYPE_COSIGNATURE_V1);
  });
});

describe('cosigning and verifying', () => {
  const body = formatCheckpoint({
    origin: 'example.com/log',
    size: 10,
    rootHash: new Uint8Array(32).fill(9),
    extensions: [],
  });

  it('verifies its own cosignatures at any timestamp', () => {
    for (const t of [0, 1, 1_767_139_200, 2 ** 32 + 1, MAX_COSIGNATURE_TIMESTAMP]) {
      const note = signNote(body, [cosignatureSigner(witness.signerKey, t)]);
      const [sig] = openNote(note, [cosignatureVerifier(witness.verifierKey)]).verified;
      expect(decodeCosignature(sig!.signature).timestamp).toBe(t);
    }
  });

  it('signs the cosignature/v1 message, not the bare checkpoint', () => {
    const note = signNote(body, [cosignatureSigner(witness.signerKey, 42)]);
    const [sig] = parseNote(note).signatures;
    const { publicKey } = parseVerifierKey(witness.verifierKey);
    const { signature } = decodeCosignature(sig!.signature);
    expect(verifyEd25519(signature, cosignatureMessage(body, 42), publicKey)).toBe(true);
    expect(verifyEd25519(signature, utf8(body), publicKey)).toBe(false);
    expect(cosignatureVerifier(witness.verifierKey).verify(utf8(body), sig!.signature)).toBe(true);
  });

  it('refuses a forged cosignature: right key ID, wrong signature', () => {
    const genuine = parseNote(signNote(body, [cosignatureSigner(witness.signerKey, 7)])).signatures[0]!;
    const forged = parseNote(signNote(body, [cosignatureSigner(other.signerKey, 7)])).signatures[0]!;
    const note = formatNote(body, [{ ...forged, keyId: genuine.keyId }]);
    const error = (() => {
      try {
        openNote(note, [cosignatureVerifier(witness.verifierKey)]);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(TlogError);
    expect((error as TlogError).reason).toBe('invalid_signature');
    expect((error as TlogError).key).toBe(`witness.example/w+${formatKeyId(genuine.keyId)}`);
  });

  it('refuses a cosignature moved to another checkpoint or another time', () => {
    const sig = parseNote(signNote(body, [cosignatureSigner(witness.signerKey, 7)])).signatures[0]!;
    const otherBody = formatCheckpoint({
      origin: 'example.com/log',
      size: 11,
      rootHash: new Uint8Array(32),
      extensions: [],
    });
    const verifiers = [cosignatureVerifier(witness.verifierKey)];
    expect(reasonOf(() => openNote(formatNote(otherBody, [sig]), verifiers))).toBe('invalid_signature');
    const retimed = sig.signature.slice();
    retimed[7] = retimed[7]! ^ 1;
    expect(reasonOf(() => openNote(formatNote(body, [{ ...sig, signature: retimed }]), verifiers))).toBe(
      'invalid_signature',
    );
  });

  it('says why a cosignature of the wrong shape is refused', () => {
    const sig = parseNote(signNote(body, [cosignatureSigner(witness.signerKey, 7)])).signatures[0]!;
    const note = formatNote(body, [{ ...sig, signature: sig.signature.subarray(0, 70) }]);
    try {
      openNote(note, [cosignatureVerifier(witness.verifierKey)]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TlogError);
      expect((error as TlogError).reason).toBe('invalid_signature');
      expect((error as TlogError).message).toContain('has 72 bytes after the key ID');
    }
  });

  it('cannot be verified from the spec example alone (no public key), so it is reported unverified', () => {
    const error = (() => {
      try {
        openNote(SOFA + '\n' + W1, []);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect((error as TlogError).reason).toBe('unverified_note');
    expect((error as TlogError).message).toContain('witness.example.com/w1+8d66cf3f');
    expect(fromBase64(W1.split(' ')[2]!.trim())).toHaveLength(4 + COSIGNATURE_V1_SIZE);
  });
});
