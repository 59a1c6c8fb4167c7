import { describe, expect, it } from 'vitest';
import { FixedBase, bytesToBigInt, mod, modInverse, modPow, modPow2, parseNatural } from './bigint.ts';
import { BELENIOS_2048 } from './group.ts';

const { p, q, g } = BELENIOS_2048;

/** The textbook square-and-multiply, as the reference for the windowed versions. */
function naivePow(b: bigint, e: bigint, m: bigint): bigint {
  let result = 1n;
  let base = mod(b, m);
  for (let x = e; x > 0n; x >>= 1n) {
    if (x & 1n) result = (result * base) % m;
    base = (base * base) % m;
  }
  return result;
}

const exponents = [0n, 1n, 2n, 31n, 32n, 65537n, q - 1n, q, (1n << 255n) + 12345n, 0xdeadbeefcafebaben];

describe('modular arithmetic', () => {
  it('modPow agrees with square-and-multiply', () => {
    for (const e of exponents) expect(modPow(g, e, p)).toBe(naivePow(g, e, p));
    expect(modPow(3n, 100n, 1000003n)).toBe(naivePow(3n, 100n, 1000003n));
  });

  it('modPow2 is the product of two powers', () => {
    for (const [x, y] of [
      [0n, 0n],
      [1n, q - 1n],
      [q - 2n, 7n],
      [12345678901234567890n, 98765432109876543210n],
    ] as const) {
      expect(modPow2(g, x, 5n, y, p)).toBe((naivePow(g, x, p) * naivePow(5n, y, p)) % p);
    }
  });

  it('fixed-base tables give the same powers', () => {
    const table = new FixedBase(g, p, 256);
    for (const e of exponents.filter((x) => x < 1n << 256n)) expect(table.pow(e)).toBe(naivePow(g, e, p));
    expect(() => table.pow(1n << 300n)).toThrow(RangeError);
  });

  it('inverts modulo a prime and refuses a non-invertible number', () => {
    for (const a of [1n, 2n, q - 1n, 123456789n]) expect(mod(a * modInverse(a, q), q)).toBe(1n);
    expect(() => modInverse(6n, 9n)).toThrow(RangeError);
  });

  it('reads only canonical base-10 naturals', () => {
    expect(parseNatural('0')).toBe(0n);
    expect(parseNatural('1234')).toBe(1234n);
    for (const bad of ['', '-1', '+1', '01', '1e5', ' 1', '0x10', '1.0', '９'])
      expect(parseNatural(bad)).toBeUndefined();
    expect(parseNatural('9'.repeat(1001))).toBeUndefined();
  });

  it('reads big-endian bytes', () => {
    expect(bytesToBigInt(new Uint8Array([1, 0]))).toBe(256n);
    expect(bytesToBigInt(new Uint8Array())).toBe(0n);
  });
});
