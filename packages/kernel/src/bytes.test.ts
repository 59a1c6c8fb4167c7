import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromBase64, fromHex, fromUtf8, toBase64, toHex, utf8 } from './bytes.ts';

describe('base64 (RFC 4648 §4)', () => {
  it('matches the RFC 4648 §10 test vectors', () => {
    const vectors = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64(utf8(plain!))).toBe(encoded);
      expect(fromUtf8(fromBase64(encoded!))).toBe(plain);
    }
  });

  it('round-trips any bytes, and agrees with Node', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const encoded = toBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(encoded)).toEqual(bytes);
      }),
    );
  });

  it('refuses non-canonical or malformed text', () => {
    for (const bad of ['Zg', 'Zh==', 'Zm9=', 'Zm 9v', 'Zm9v-_==', '====', 'Z===', 'Zg==Zg==']) {
      expect(() => fromBase64(bad), bad).toThrow();
    }
  });
});

describe('hex and UTF-8', () => {
  it('round-trips hex and refuses odd or upper-case text', () => {
    expect(toHex(fromHex('00ff10'))).toBe('00ff10');
    expect(() => fromHex('abc')).toThrow();
    expect(() => fromHex('AB')).toThrow();
  });

  it('refuses invalid UTF-8 instead of replacing it', () => {
    expect(() => fromUtf8(new Uint8Array([0xff, 0xfe]))).toThrow();
  });
});
