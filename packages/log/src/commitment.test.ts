import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, fromHex, toHex, utf8 } from '@plenum/kernel';
import { COMMITMENT_SALT_SIZE, commitToContent, verifyDisclosure } from './commitment.ts';

const salt = fromHex('11'.repeat(COMMITMENT_SALT_SIZE));

describe('salted commitments', () => {
  it('is SHA-256 over the domain prefix, the salt and the content', () => {
    const content = utf8('hearing of 3 March: the member was heard');
    const expected = sha256(concatBytes(utf8('plenum/commitment/v1\n'), salt, content));
    expect(toHex(commitToContent(content, salt))).toBe(toHex(expected));
  });

  it('verifies the disclosed content and salt, and nothing else', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.nat(),
        (content, s, flip) => {
          const commitment = commitToContent(content, s);
          expect(verifyDisclosure(commitment, content, s)).toBe(true);
          const otherSalt = s.slice();
          otherSalt[flip % 32] = (otherSalt[flip % 32] ?? 0) ^ 1;
          expect(verifyDisclosure(commitment, content, otherSalt)).toBe(false);
          const otherContent = concatBytes(content, new Uint8Array([flip % 256]));
          expect(verifyDisclosure(commitment, otherContent, s)).toBe(false);
        },
      ),
    );
  });

  it('hides short content: the same verdict under two salts gives unrelated commitments', () => {
    const verdict = utf8('not guilty');
    expect(toHex(commitToContent(verdict, salt))).not.toBe(toHex(commitToContent(verdict, fromHex('22'.repeat(32)))));
  });

  it('refuses a salt of the wrong size, and a malformed disclosure is simply false', () => {
    expect(() => commitToContent(utf8('x'), new Uint8Array(16))).toThrow(/32 bytes/);
    expect(verifyDisclosure(new Uint8Array(31), utf8('x'), salt)).toBe(false);
    expect(verifyDisclosure(commitToContent(utf8('x'), salt), utf8('x'), new Uint8Array(3))).toBe(false);
  });
});
