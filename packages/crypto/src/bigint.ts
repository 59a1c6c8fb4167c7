/**
 * BigInt arithmetic for the finite-field groups. JavaScript has no fast modular
 * exponentiation, so the two costs that matter are the number of modular multiplications
 * (sliding windows, Shamir's trick for two bases) and the number of squarings (fixed-base
 * tables for g and the election key, which every proof uses).
 */

/** list[i] for an index the loop has bounded (the hot loops here cannot afford a call). */
function get(list: readonly bigint[], i: number): bigint {
  return list[i] ?? 0n;
}

/** Non-negative modulo (BigInt's % keeps the sign of the dividend). */
export function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** Strict base-10 natural number: digits only, no sign, no leading zero (except "0"). */
export function parseNatural(text: string): bigint | undefined {
  if (text.length === 0 || text.length > 1000 || !/^(0|[1-9][0-9]*)$/.test(text)) return undefined;
  return BigInt(text);
}

/** Big-endian bytes as a natural number. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex === '' ? 0n : BigInt(`0x${hex}`);
}

/** Modular inverse by the extended Euclidean algorithm; m must be prime to a. */
export function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const quotient = r0 / r1;
    [r0, r1] = [r1, r0 - quotient * r1];
    [s0, s1] = [s1, s0 - quotient * s1];
  }
  if (r0 !== 1n) throw new RangeError('not invertible');
  return mod(s0, m);
}

/** Window width for a sliding-window exponentiation of an exponent of `bits` bits. */
function windowFor(bits: number): number {
  if (bits <= 16) return 1;
  if (bits <= 64) return 3;
  if (bits <= 320) return 5;
  return 6;
}

/** Odd powers b, b^3, …, b^(2^w − 1) for a sliding window of width w. */
function oddPowers(base: bigint, width: number, m: bigint): bigint[] {
  const table = [base];
  const square = (base * base) % m;
  for (let i = 1; i < 1 << (width - 1); i += 1) table.push((get(table, i - 1) * square) % m);
  return table;
}

/** base^exponent mod m, left-to-right sliding window over the exponent's bits. */
export function modPow(base: bigint, exponent: bigint, m: bigint): bigint {
  if (exponent < 0n) throw new RangeError('negative exponent');
  const b = mod(base, m);
  if (exponent === 0n) return 1n % m;
  const bits = exponent.toString(2);
  const width = windowFor(bits.length);
  const table = oddPowers(b, width, m);
  let result = 1n;
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === '0') {
      result = (result * result) % m;
      i += 1;
      continue;
    }
    // The longest window of at most `width` bits starting here and ending on a 1.
    let end = Math.min(i + width, bits.length);
    while (bits[end - 1] === '0') end -= 1;
    for (let k = i; k < end; k += 1) result = (result * result) % m;
    result = (result * get(table, (Number.parseInt(bits.slice(i, end), 2) - 1) >> 1)) % m;
    i = end;
  }
  return result;
}

/** a^x · b^y mod m with shared squarings (Shamir's trick, 2-bit joint window). */
export function modPow2(a: bigint, x: bigint, b: bigint, y: bigint, m: bigint): bigint {
  if (x < 0n || y < 0n) throw new RangeError('negative exponent');
  const bx = x.toString(2);
  const by = y.toString(2);
  const n = Math.max(bx.length, by.length);
  const xs = bx.padStart(n, '0');
  const ys = by.padStart(n, '0');
  const A = mod(a, m);
  const B = mod(b, m);
  // table[4i + j] = a^i · b^j for i, j in 0..3: two bits of each exponent per step.
  const powA = [1n, A, (A * A) % m, 0n];
  powA[3] = (get(powA, 2) * A) % m;
  const powB = [1n, B, (B * B) % m, 0n];
  powB[3] = (get(powB, 2) * B) % m;
  const table = powA.flatMap((pa) => powB.map((pb) => (pa * pb) % m));
  let result = 1n;
  const start = n % 2;
  if (start === 1) result = get(table, 4 * Number(xs[0]) + Number(ys[0]));
  for (let i = start; i < n; i += 2) {
    result = (result * result) % m;
    result = (result * result) % m;
    const ix = Number.parseInt(xs.slice(i, i + 2), 2);
    const iy = Number.parseInt(ys.slice(i, i + 2), 2);
    if (ix !== 0 || iy !== 0) result = (result * get(table, 4 * ix + iy)) % m;
  }
  return result;
}

/**
 * Fixed-base exponentiation by precomputed tables: base^(d · 2^(w·k)) for every digit d of
 * every w-bit window k, so an exponentiation is one multiplication per window and no squaring.
 * Worth it for g and the election key, each raised to hundreds of exponents per ballot batch.
 */
export class FixedBase {
  private readonly tables: bigint[][];

  constructor(
    base: bigint,
    private readonly modulus: bigint,
    maxBits: number,
    private readonly width = 6,
  ) {
    const windows = Math.ceil(maxBits / width);
    this.tables = [];
    let current = mod(base, modulus);
    for (let k = 0; k < windows; k += 1) {
      const row = [1n, current];
      for (let d = 2; d < 1 << width; d += 1) row.push((get(row, d - 1) * current) % modulus);
      this.tables.push(row);
      current = (get(row, (1 << width) - 1) * current) % modulus;
    }
  }

  pow(exponent: bigint): bigint {
    const mask = BigInt((1 << this.width) - 1);
    const shift = BigInt(this.width);
    let result = 1n;
    let e = exponent;
    for (let k = 0; e > 0n; k += 1) {
      const row = this.tables[k];
      if (row === undefined) throw new RangeError('exponent larger than the fixed-base table');
      const digit = Number(e & mask);
      if (digit !== 0) result = (result * get(row, digit)) % this.modulus;
      e >>= shift;
    }
    return result;
  }
}
