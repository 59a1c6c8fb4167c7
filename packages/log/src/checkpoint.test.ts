import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '@plenum/kernel';
import {
  MAX_CHECKPOINT_SIZE,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  type Checkpoint,
} from './checkpoint.ts';
import { cosignatureSigner, cosignatureVerifier } from './cosignature.ts';
import { EMPTY_ROOT } from './hash.ts';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  ed25519Signer,
  ed25519Verifier,
  generateSignerKey,
  signNote,
  type TlogErrorReason,
} from './note.ts';
import { tlogErrorOf } from './test-support/tlog-error.ts';

// The example of tlog-checkpoint and tlog-cosignature.
const SOFA = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('parseCheckpoint (tlog-checkpoint §Note text)', () => {
  it('parses the spec example', () => {
    const cp = parseCheckpoint(SOFA);
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.size).toBe(20852163);
    expect(toBase64(cp.rootHash)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(cp.extensions).toEqual([]);
    expect(formatCheckpoint(cp)).toBe(SOFA);
  });

  it('parses the empty tree and extension lines', () => {
    const empty = `log\n0\n${toBase64(EMPTY_ROOT)}\n`;
    expect(parseCheckpoint(empty).size).toBe(0);
    const ext = parseCheckpoint(`${SOFA}ext one\n\u2014 two\n`);
    expect(ext.extensions).toEqual(['ext one', '\u2014 two']);
  });

  it('accepts sizes up to 2^53 - 1 and refuses larger ones as unsupported', () => {
    const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
    expect(parseCheckpoint(`o\n9007199254740991\n${root}\n`).size).toBe(MAX_CHECKPOINT_SIZE);
    for (const size of ['9007199254740992', '18446744073709551615', '99999999999999999999999']) {
      const error = tlogErrorOf(() => parseCheckpoint(`o\n${size}\n${root}\n`));
      expect(error.reason).toBe('unsupported_tree_size');
      expect(error.line).toBe(2);
    }
  });

  const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
  const bad: [string, string, TlogErrorReason, number | undefined][] = [
    ['no final newline', `o\n1\n${root}`, 'malformed_checkpoint', undefined],
    ['two lines', `o\n1\n`, 'malformed_checkpoint', undefined],
    ['empty origin', `\n1\n${root}\n`, 'malformed_checkpoint', 1],
    ['empty size', `o\n\n${root}\n`, 'malformed_checkpoint', 2],
    ['empty root', `o\n1\n\n`, 'malformed_checkpoint', 3],
    ['empty extension line', `o\n1\n${root}\n\n`, 'malformed_checkpoint', 4],
    ['leading zero', `o\n01\n${root}\n`, 'malformed_checkpoint', 2],
    ['zero with a leading zero', `o\n00\n${root}\n`, 'malformed_checkpoint', 2],
    ['plus sign', `o\n+1\n${root}\n`, 'malformed_checkpoint', 2],
    ['negative size', `o\n-1\n${root}\n`, 'malformed_checkpoint', 2],
    ['hex size', `o\n0x1f\n${root}\n`, 'malformed_checkpoint', 2],
    ['exponent', `o\n1e3\n${root}\n`, 'malformed_checkpoint', 2],
    ['space in size', `o\n 1\n${root}\n`, 'malformed_checkpoint', 2],
    ['non-ASCII digit', `o\n\u0661\n${root}\n`, 'malformed_checkpoint', 2],
    ['31-byte root', `o\n1\n${toBase64(new Uint8Array(31))}\n`, 'malformed_checkpoint', 3],
    ['33-byte root', `o\n1\n${toBase64(new Uint8Array(33))}\n`, 'malformed_checkpoint', 3],
    ['unpadded root', `o\n1\n${root.slice(0, -1)}\n`, 'malformed_checkpoint', 3],
    ['URL-safe root', `o\n1\n${root.replace('/', '_')}\n`, 'malformed_checkpoint', 3],
    ['non-canonical root', `o\n1\n${root.slice(0, -2)}J=\n`, 'malformed_checkpoint', 3],
    ['CRLF', `o\r\n1\r\n${root}\r\n`, 'malformed_checkpoint', 1],
    ['control character in an extension', `o\n1\n${root}\nx\u0000\n`, 'malformed_checkpoint', 4],
  ];
  for (const [label, text, reason, line] of bad) {
    it(`refuses a checkpoint with ${label}`, () => {
      const error = tlogErrorOf(() => parseCheckpoint(text));
      expect(error.reason).toBe(reason);
      expect(error.line).toBe(line);
    });
  }

  it('round-trips any checkpoint through format and parse', () => {
    const line = fc
      .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
      .map((s) => Array.from(s, (c) => (c.charCodeAt(0) < 0x20 ? 'x' : c)).join(''));
    const checkpoint: fc.Arbitrary<Checkpoint> = fc.record({
      origin: line,
      size: fc.nat({ max: MAX_CHECKPOINT_SIZE }),
      rootHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
      extensions: fc.array(line, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(checkpoint, (cp) => {
        expect(parseCheckpoint(formatCheckpoint(cp))).toEqual(cp);
      }),
    );
  });

  it('refuses to format an invalid checkpoint', () => {
    const cp: Checkpoint = { origin: 'o', size: 1, rootHash: fromBase64(root), extensions: [] };
    expect(tlogErrorOf(() => formatCheckpoint({ ...cp, origin: '' })).reason).toBe('malformed_checkpoint');
    expect(tlogErrorOf(() => formatCheckpoint({ ...cp, origin: 'a\nb' })).reason).toBe('malformed_checkpoint');
    expect(tlogErrorOf(() => formatCheckpoint({ ...cp, size: -1 })).reason).toBe('malformed_checkpoint');
    expect(tlogErrorOf(() => formatCheckpoint({ ...cp, size: 1.5 })).reason).toBe('malformed_checkpoint');
    expect(tlogErrorOf(() => formatCheckpoint({ ...cp, size: 2 ** 53 })).reason).toBe('unsupported_tree_size');
    expect(tlogErrorOf(() => formatCheckpoint({ ...cp, rootHash: new Uint8Array(20) })).reason).toBe(
      'malformed_checkpoint',
    );
    expect(tlogErrorOf(() => formatCheckpoint({ ...cp, extensions: [''] })).reason).toBe('malformed_checkpoint');
    expect(tlogErrorOf(() => formatCheckpoint({ ...cp, extensions: ['a\tb'] })).reason).toBe('malformed_checkpoint');
  });
});

describe('openCheckpoint', () => {
  const log = generateSignerKey('example.com/log', new Uint8Array(32).fill(1));
  const witness = generateSignerKey('witness.example', new Uint8Array(32).fill(2), SIGNATURE_TYPE_COSIGNATURE_V1);
  const body = formatCheckpoint({
    origin: 'example.com/log',
    size: 3,
    rootHash: new Uint8Array(32).fill(7),
    extensions: [],
  });

  it('verifies the log signature, parses the body and reports cosignatures with timestamps', () => {
    const note = signNote(body, [ed25519Signer(log.signerKey), cosignatureSigner(witness.signerKey, 1_700_000_000)]);
    const opened = openCheckpoint(note, {
      log: ed25519Verifier(log.verifierKey),
      origin: 'example.com/log',
      cosigners: [cosignatureVerifier(witness.verifierKey)],
    });
    expect(opened.checkpoint.size).toBe(3);
    expect(opened.cosignatures).toEqual([
      expect.objectContaining({ name: 'witness.example', timestamp: 1_700_000_000, line: 6 }),
    ]);
  });

  it('refuses a checkpoint verified only by a cosigner', () => {
    const note = signNote(body, [cosignatureSigner(witness.signerKey, 1)]);
    const error = tlogErrorOf(() =>
      openCheckpoint(note, {
        log: ed25519Verifier(log.verifierKey),
        cosigners: [cosignatureVerifier(witness.verifierKey)],
      }),
    );
    expect(error.reason).toBe('missing_log_signature');
  });

  it('refuses a checkpoint of another origin', () => {
    const note = signNote(body, [ed25519Signer(log.signerKey)]);
    expect(
      tlogErrorOf(() => openCheckpoint(note, { log: ed25519Verifier(log.verifierKey), origin: 'other' })).reason,
    ).toBe('unexpected_origin');
  });

  it('refuses a signed note whose text is not a checkpoint', () => {
    const note = signNote('just text\n', [ed25519Signer(log.signerKey)]);
    expect(tlogErrorOf(() => openCheckpoint(note, { log: ed25519Verifier(log.verifierKey) })).reason).toBe(
      'malformed_checkpoint',
    );
  });
});
