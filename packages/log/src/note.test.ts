import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, toHex, utf8 } from '@plenum/kernel';
import {
  MAX_NOTE_SIGNATURES,
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  TlogError,
  computeKeyId,
  ed25519Signer,
  ed25519Verifier,
  formatKeyId,
  formatNote,
  formatSignerKey,
  formatVerifierKey,
  generateSignerKey,
  isValidKeyName,
  keyLabel,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  type NoteSigner,
  type TlogErrorReason,
} from './note.ts';
import { tlogErrorOf } from './test-support/tlog-error.ts';

// Go's golang.org/x/mod/sumdb/note documentation example (a published test key).
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_LINE =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

function seed(n: number): Uint8Array {
  return Uint8Array.from({ length: 32 }, (_, i) => (i * 7 + n) & 0xff);
}

function keys(name: string, n: number) {
  const { signerKey, verifierKey } = generateSignerKey(name, seed(n));
  return { signer: ed25519Signer(signerKey), verifier: ed25519Verifier(verifierKey), signerKey, verifierKey };
}

function reasonOf(fn: () => unknown): TlogErrorReason {
  try {
    fn();
  } catch (error) {
    if (error instanceof TlogError) return error.reason;
    throw error;
  }
  throw new Error('expected a TlogError, nothing was thrown');
}

describe('key names and key IDs (signed-note §Format, §Signatures)', () => {
  it('computes the key ID as SHA-256(name || 0x0A || type || public key)[:4]', () => {
    const { publicKey } = parseVerifierKey(PETER_VKEY);
    expect(formatKeyId(computeKeyId('PeterNeumann', SIGNATURE_TYPE_ED25519, publicKey))).toBe('c74f20a3');
    // The same key as a cosigner key (type 0x04) has another ID.
    expect(computeKeyId('PeterNeumann', SIGNATURE_TYPE_COSIGNATURE_V1, publicKey)).not.toBe(0xc74f20a3);
  });

  it('accepts non-empty names without Unicode spaces or plus signs', () => {
    for (const good of ['a', 'example.com/log42', 'oid/1.3.6.1', 'caf\u00e9', '\u2014dash']) {
      expect(isValidKeyName(good), good).toBe(true);
    }
    for (const bad of ['', 'a b', 'a+b', 'a\tb', 'a\nb', 'a\u00a0b', 'a\u0085b', 'a\u2028b', 'a\u3000b', 'a\ud800']) {
      expect(isValidKeyName(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('formats key IDs as 8 lower-case hex digits and labels keys name+id', () => {
    expect(formatKeyId(0)).toBe('00000000');
    expect(formatKeyId(0xffffffff)).toBe('ffffffff');
    expect(keyLabel('a', 0xabc)).toBe('a+00000abc');
    expect(() => formatKeyId(2 ** 32)).toThrow(RangeError);
  });
});

describe('verifier keys (signed-note §Verifier keys)', () => {
  it('parses and re-formats a vkey', () => {
    const key = parseVerifierKey(PETER_VKEY);
    expect(key).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3, type: SIGNATURE_TYPE_ED25519 });
    expect(toHex(key.publicKey)).toBe('1a5cd907143c384c41e830c5bce12aa8817ec5649aaabf2c31388b35b2d744d6');
    expect(formatVerifierKey(key)).toBe(PETER_VKEY);
  });

  it('keeps a "+" of the base64 key material', () => {
    const key = parseVerifierKey('sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8');
    expect(key.name).toBe('sum.golang.org');
    expect(key.publicKey).toHaveLength(32);
  });

  it('refuses malformed vkeys with a precise reason', () => {
    const material = PETER_VKEY.split('+').slice(2).join('+');
    const cases: [string, TlogErrorReason][] = [
      ['PeterNeumann', 'malformed_key'],
      ['PeterNeumann+c74f20a3', 'malformed_key'],
      ['PeterNeumann+C74F20A3+' + material, 'malformed_key'],
      ['PeterNeumann+c74f20a+' + material, 'malformed_key'],
      ['PeterNeumann+c74f20a30+' + material, 'malformed_key'],
      ['PeterNeumann+c74f20a4+' + material, 'key_id_mismatch'],
      ['Peter+c74f20a3+' + material, 'key_id_mismatch'],
      ['+c74f20a3+' + material, 'invalid_key_name'],
      ['Peter Neumann+c74f20a3+' + material, 'invalid_key_name'],
      ['PeterNeumann+c74f20a3+', 'malformed_key'],
      ['PeterNeumann+c74f20a3+' + material.slice(0, -4), 'malformed_key'],
      ['PeterNeumann+c74f20a3+' + material.replace('/', '_'), 'malformed_key'],
      ['PeterNeumann+c74f20a3+' + toBase64(Uint8Array.of(0x01, 1, 2, 3)), 'malformed_key'],
      ['PeterNeumann+c74f20a3+' + toBase64(Uint8Array.of(0x02, ...new Uint8Array(32))), 'unsupported_key_type'],
      ['PeterNeumann+c74f20a3+' + toBase64(Uint8Array.of(0x05, ...new Uint8Array(32))), 'unsupported_key_type'],
      ['PeterNeumann+c74f20a3+' + toBase64(Uint8Array.of(0x06, ...new Uint8Array(32))), 'unsupported_key_type'],
    ];
    for (const [vkey, reason] of cases)
      expect(
        reasonOf(() => parseVerifierKey(vkey)),
        vkey,
      ).toBe(reason);
  });

  it('names the signature type it does not support', () => {
    const vkey = 'log.example+00000000+' + toBase64(Uint8Array.of(0x05, ...new Uint8Array(32)));
    expect(tlogErrorOf(() => parseVerifierKey(vkey)).message).toContain('0x05 (RFC 6962 TreeHeadSignature');
  });

  it('refuses to use a cosigner key (0x04) as a note signature key', () => {
    const { verifierKey } = generateSignerKey('w.example', seed(1), SIGNATURE_TYPE_COSIGNATURE_V1);
    expect(reasonOf(() => ed25519Verifier(verifierKey))).toBe('unsupported_key_type');
  });
});

describe('signer keys (Go sumdb/note PRIVATE+KEY format)', () => {
  it('parses the published test key; its public key is that of the vkey', () => {
    const key = parseSignerKey(PETER_SKEY);
    expect(key.name).toBe('PeterNeumann');
    expect(formatKeyId(key.keyId)).toBe('c74f20a3');
    expect(formatVerifierKey(key)).toBe(PETER_VKEY);
    expect(formatSignerKey(key)).toBe(PETER_SKEY);
  });

  it('refuses malformed signer keys without echoing the secret', () => {
    const material = PETER_SKEY.split('+').slice(4).join('+');
    const cases: [string, TlogErrorReason][] = [
      ['PRIVATE+KEY+PeterNeumann+c74f20a3', 'malformed_key'],
      ['PUBLIC+KEY+PeterNeumann+c74f20a3+' + material, 'malformed_key'],
      ['PRIVATE+KEY+PeterNeumann+c74f20a4+' + material, 'key_id_mismatch'],
      ['PRIVATE+KEY+Bad Name+c74f20a3+' + material, 'invalid_key_name'],
      ['PRIVATE+KEY+PeterNeumann+c74f20a3+' + material.slice(0, -4), 'malformed_key'],
      ['PRIVATE+KEY+PeterNeumann+c74f20a3+' + toBase64(Uint8Array.of(0x07, ...seed(0))), 'unsupported_key_type'],
    ];
    for (const [skey, reason] of cases) {
      const error = tlogErrorOf(() => parseSignerKey(skey));
      expect(error.reason, skey).toBe(reason);
      expect(error.message).not.toContain(material.slice(4, 20));
    }
  });

  it('generates a key pair from 32 caller-supplied random bytes, deterministically', () => {
    const a = generateSignerKey('log.example/1', seed(9));
    expect(generateSignerKey('log.example/1', seed(9))).toEqual(a);
    expect(a.signerKey).toMatch(/^PRIVATE\+KEY\+log\.example\/1\+[0-9a-f]{8}\+A/);
    expect(parseVerifierKey(a.verifierKey).keyId).toBe(parseSignerKey(a.signerKey).keyId);
    const cosigner = generateSignerKey('w.example', seed(9), SIGNATURE_TYPE_COSIGNATURE_V1);
    expect(parseVerifierKey(cosigner.verifierKey).type).toBe(SIGNATURE_TYPE_COSIGNATURE_V1);
    expect(reasonOf(() => generateSignerKey('x', new Uint8Array(31)))).toBe('malformed_key');
    expect(reasonOf(() => generateSignerKey('bad name', seed(1)))).toBe('invalid_key_name');
  });
});

describe('parseNote (signed-note §Format)', () => {
  const note = PETER_TEXT + '\n' + PETER_LINE;

  it('splits text and signatures, with line numbers', () => {
    const parsed = parseNote(note);
    expect(parsed.text).toBe(PETER_TEXT);
    expect(parsed.textBytes).toEqual(utf8(PETER_TEXT));
    expect(parsed.signatures).toHaveLength(1);
    expect(parsed.signatures[0]).toMatchObject({ name: 'PeterNeumann', keyId: 0xc74f20a3, line: 4 });
    expect(parsed.signatures[0]!.signature).toHaveLength(64);
    expect(parseNote(utf8(note))).toEqual(parsed);
  });

  it('separates text from signatures at the last blank line; the text may hold blank lines', () => {
    const text = 'a\n\nb\n\n\u2014 not a signature, text\n';
    const parsed = parseNote(text + '\n' + PETER_LINE);
    expect(parsed.text).toBe(text);
    expect(parsed.signatures[0]!.line).toBe(7);
  });

  it('keeps a leading U+FEFF: the text is exactly what was signed', () => {
    const bytes = utf8('\ufeffhello\n\n' + PETER_LINE);
    const parsed = parseNote(bytes);
    expect(parsed.text).toBe('\ufeffhello\n');
    expect(parsed.textBytes).toEqual(utf8('\ufeffhello\n'));
  });

  const malformed: [string, string | Uint8Array, number | undefined][] = [
    ['no blank line', PETER_TEXT + PETER_LINE, undefined],
    ['no signature lines', PETER_TEXT + '\n', undefined],
    ['last line without newline', PETER_TEXT + '\n' + PETER_LINE.slice(0, -1), 4],
    ['control character', 'a\u0001\n\n' + PETER_LINE, 1],
    ['carriage return', 'a\r\n\n' + PETER_LINE, 1],
    ['tab in signature line', PETER_TEXT + '\n' + PETER_LINE.replace(' x08', '\tx08'), 4],
    ['hyphen instead of em dash', PETER_TEXT + '\n' + PETER_LINE.replace('\u2014', '-'), 4],
    ['en dash instead of em dash', PETER_TEXT + '\n' + PETER_LINE.replace('\u2014', '\u2013'), 4],
    ['no space after the dash', PETER_TEXT + '\n' + PETER_LINE.replace('\u2014 ', '\u2014'), 4],
    ['two spaces after the dash', PETER_TEXT + '\n' + PETER_LINE.replace('\u2014 ', '\u2014  '), 4],
    ['no signature after the name', PETER_TEXT + '\n\u2014 PeterNeumann\n', 4],
    ['empty signature', PETER_TEXT + '\n\u2014 PeterNeumann \n', 4],
    ['name with a plus', PETER_TEXT + '\n' + PETER_LINE.replace('Peter', 'Pe+ter'), 4],
    ['name with NBSP', PETER_TEXT + '\n' + PETER_LINE.replace('Peter', 'Pe\u00a0ter'), 4],
    ['two spaces before signature', PETER_TEXT + '\n' + PETER_LINE.replace(' x08', '  x08'), 4],
    ['trailing space', PETER_TEXT + '\n' + PETER_LINE.replace('=\n', '= \n'), 4],
    ['unpadded base64', PETER_TEXT + '\n' + PETER_LINE.replace('=\n', '\n'), 4],
    ['URL-safe base64', PETER_TEXT + '\n' + PETER_LINE.replace('/', '_'), 4],
    ['signature shorter than 5 bytes', PETER_TEXT + '\n\u2014 PeterNeumann x08gow==\n', 4],
    ['blank line between signatures', PETER_TEXT + '\n' + PETER_LINE + '\n' + 'x\n', 6],
    ['invalid UTF-8', Uint8Array.of(...utf8('ok\n'), 0xff, 0x0a, 0x0a, ...utf8(PETER_LINE)), 2],
    ['lone surrogate', 'a\ud800\n\n' + PETER_LINE, undefined],
  ];
  for (const [label, input, line] of malformed) {
    it(`refuses a note with ${label}`, () => {
      const error = tlogErrorOf(() => parseNote(input));
      expect(error.reason).toBe('malformed_note');
      expect(error.code).toBe('invalid_input');
      expect(error.line).toBe(line);
      if (line !== undefined) expect(error.message).toContain(`line ${line}`);
    });
  }

  it(`accepts ${MAX_NOTE_SIGNATURES} signatures and refuses more (the spec requires at least 16)`, () => {
    const lines = (n: number) => PETER_TEXT + '\n' + PETER_LINE.repeat(n);
    expect(parseNote(lines(16)).signatures).toHaveLength(16);
    expect(parseNote(lines(MAX_NOTE_SIGNATURES)).signatures).toHaveLength(MAX_NOTE_SIGNATURES);
    expect(reasonOf(() => parseNote(lines(MAX_NOTE_SIGNATURES + 1)))).toBe('too_many_signatures');
  });
});

describe('signNote and formatNote', () => {
  it('reproduces the Go documentation example byte for byte', () => {
    expect(signNote(PETER_TEXT, [ed25519Signer(PETER_SKEY)])).toBe(PETER_TEXT + '\n' + PETER_LINE);
  });

  it('writes one line per signer, in order', () => {
    const a = keys('a.example', 1);
    const b = keys('b.example', 2);
    const note = signNote('hello\n', [a.signer, b.signer]);
    expect(parseNote(note).signatures.map((s) => s.name)).toEqual(['a.example', 'b.example']);
  });

  it('refuses texts that cannot be note texts, and bad signers', () => {
    const { signer } = keys('a.example', 1);
    expect(reasonOf(() => signNote('no newline', [signer]))).toBe('invalid_note_text');
    expect(reasonOf(() => signNote('bell\u0007\n', [signer]))).toBe('invalid_note_text');
    expect(reasonOf(() => signNote('lone \udc00\n', [signer]))).toBe('invalid_note_text');
    expect(reasonOf(() => signNote('ok\n', []))).toBe('invalid_note_text');
    const badName: NoteSigner = { ...signer, name: 'a b' };
    expect(reasonOf(() => signNote('ok\n', [badName]))).toBe('invalid_key_name');
    expect(reasonOf(() => formatNote('ok\n', [{ name: 'a', keyId: 1, signature: new Uint8Array(0) }]))).toBe(
      'invalid_signature',
    );
  });

  it('lets a parsed note be re-formatted with an added signature', () => {
    const a = keys('a.example', 1);
    const b = keys('b.example', 2);
    const parsed = parseNote(signNote('hello\n', [a.signer]));
    const added = signNote('hello\n', [b.signer]);
    const merged = formatNote(parsed.text, [...parsed.signatures, ...parseNote(added).signatures]);
    expect(openNote(merged, [a.verifier, b.verifier]).verified).toHaveLength(2);
  });
});

describe('openNote (signed-note §Signatures)', () => {
  const a = keys('a.example', 1);
  const b = keys('b.example', 2);
  const text = 'the record\nsays this\n';

  it('returns the text and the verified signatures', () => {
    const opened = openNote(signNote(text, [a.signer, b.signer]), [a.verifier, b.verifier]);
    expect(opened.text).toBe(text);
    expect(opened.verified.map((s) => keyLabel(s.name, s.keyId))).toEqual([
      keyLabel('a.example', a.signer.keyId),
      keyLabel('b.example', b.signer.keyId),
    ]);
    expect(opened.unverified).toEqual([]);
  });

  it('ignores but reports signatures by unknown keys', () => {
    const opened = openNote(signNote(text, [a.signer, b.signer]), [a.verifier]);
    expect(opened.verified.map((s) => s.name)).toEqual(['a.example']);
    expect(opened.unverified.map((s) => s.name)).toEqual(['b.example']);
  });

  it('treats a key sharing only the name, or only the key ID, as unknown', () => {
    const sameName = keys('a.example', 3); // same name as a, another key (and ID)
    const note = signNote(text, [a.signer, sameName.signer]);
    expect(openNote(note, [a.verifier]).unverified.map((s) => s.keyId)).toEqual([sameName.signer.keyId]);
    const sameId: NoteSigner = { ...b.signer, keyId: a.signer.keyId }; // b's name with a's ID
    const note2 = signNote(text, [a.signer, sameId]);
    expect(openNote(note2, [a.verifier]).unverified.map((s) => s.name)).toEqual(['b.example']);
  });

  it('refuses a note with no signature by a known key, listing who signed it', () => {
    const error = tlogErrorOf(() => openNote(signNote(text, [b.signer]), [a.verifier]));
    expect(error.reason).toBe('unverified_note');
    expect(error.message).toContain(keyLabel('b.example', b.signer.keyId));
    expect(reasonOf(() => openNote(signNote(text, [b.signer]), []))).toBe('unverified_note');
  });

  it('refuses the whole note when a known key signature is invalid, naming line and key', () => {
    const forged: NoteSigner = { ...b.signer, name: a.signer.name, keyId: a.signer.keyId }; // right ID, wrong key
    const note = signNote(text, [b.signer, forged]);
    const error = tlogErrorOf(() => openNote(note, [a.verifier, b.verifier]));
    expect(error.reason).toBe('invalid_signature');
    expect(error.line).toBe(5);
    expect(error.key).toBe(keyLabel('a.example', a.signer.keyId));
    expect(error.message).toContain(`line 5: the signature by known key ${keyLabel('a.example', a.signer.keyId)}`);
  });

  it('verifies every line by a known key, not only the first', () => {
    const good = signNote(text, [a.signer]);
    const bad = formatNote(text, [
      ...parseNote(good).signatures,
      { name: a.signer.name, keyId: a.signer.keyId, signature: new Uint8Array(64) },
    ]);
    expect(reasonOf(() => openNote(bad, [a.verifier]))).toBe('invalid_signature');
    // A repeated valid line is accepted and listed once.
    const twice = formatNote(text, [...parseNote(good).signatures, ...parseNote(good).signatures]);
    expect(openNote(twice, [a.verifier]).verified).toHaveLength(1);
  });

  it('lists a repeated unknown signature once', () => {
    const one = parseNote(signNote(text, [b.signer])).signatures;
    const note = formatNote(text, [...one, ...parseNote(signNote(text, [a.signer])).signatures, ...one]);
    expect(openNote(note, [a.verifier]).unverified).toHaveLength(1);
  });

  it('refuses two verifiers with the same name and key ID', () => {
    expect(reasonOf(() => openNote(signNote(text, [a.signer]), [a.verifier, a.verifier]))).toBe('ambiguous_verifier');
  });

  it('round-trips any valid text with any keys', () => {
    const textArb = fc
      .string({ unit: 'grapheme', maxLength: 60 })
      .map((s) => Array.from(s, (c) => (c !== '\n' && c.charCodeAt(0) < 0x20 ? '' : c)).join('') + '\n');
    fc.assert(
      fc.property(textArb, fc.uint8Array({ minLength: 32, maxLength: 32 }), (t, random) => {
        const k = generateSignerKey('k.example/x', random);
        const opened = openNote(signNote(t, [ed25519Signer(k.signerKey)]), [ed25519Verifier(k.verifierKey)]);
        expect(opened.text).toBe(t);
      }),
      { numRuns: 50 },
    );
  });

  it('detects a flipped byte anywhere in a signed note', () => {
    const note = utf8(signNote('size 5\nroot abc\n', [a.signer]));
    fc.assert(
      fc.property(fc.nat(note.length - 1), fc.integer({ min: 1, max: 255 }), (at, mask) => {
        const flipped = note.slice();
        flipped[at] = flipped[at]! ^ mask;
        expect(() => openNote(flipped, [a.verifier])).toThrow(TlogError);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes the signature bytes after the key ID', () => {
    const note = signNote(text, [a.signer]);
    const line = note.split('\n').at(-2)!;
    const raw = fromBase64(line.split(' ')[2]!);
    expect(parseNote(note).signatures[0]!.signature).toEqual(raw.slice(4));
    expect(toHex(raw.slice(0, 4))).toBe(formatKeyId(a.signer.keyId));
  });
});
