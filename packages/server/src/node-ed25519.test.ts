import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nobleEd25519 } from '@plenum/record';
import { nodeEd25519 } from './node-ed25519.ts';

describe('nodeEd25519', () => {
  const node = nodeEd25519();

  it('gives the same keys and signatures as the pure @noble/curves scheme, and each verifies the other', () => {
    for (let i = 0; i < 20; i += 1) {
      const secret = new Uint8Array(randomBytes(32));
      const message = new Uint8Array(randomBytes(i * 13));
      const publicKey = node.publicKey(secret);
      expect(publicKey).toEqual(nobleEd25519.publicKey(secret));
      const signature = node.sign(message, secret);
      expect(signature).toEqual(nobleEd25519.sign(message, secret));
      expect(node.verify(signature, message, publicKey)).toBe(true);
      expect(nobleEd25519.verify(signature, message, publicKey)).toBe(true);
    }
  });

  it('refuses a changed message, signature or key, and malformed ones, without throwing', () => {
    const secret = new Uint8Array(32).fill(5);
    const publicKey = node.publicKey(secret);
    const message = new TextEncoder().encode('member.admitted');
    const signature = node.sign(message, secret);
    const flipped = (bytes: Uint8Array, at: number): Uint8Array => {
      const copy = bytes.slice();
      copy[at] = (copy[at] ?? 0) ^ 1;
      return copy;
    };
    expect(node.verify(signature, flipped(message, 3), publicKey)).toBe(false);
    expect(node.verify(flipped(signature, 10), message, publicKey)).toBe(false);
    expect(node.verify(signature, message, flipped(publicKey, 0))).toBe(false);
    expect(node.verify(signature.subarray(0, 63), message, publicKey)).toBe(false);
    expect(node.verify(signature, message, publicKey.subarray(0, 31))).toBe(false);
    expect(node.verify(signature, message, new Uint8Array(32).fill(0xff))).toBe(false);
  });
});
