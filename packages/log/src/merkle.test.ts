import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlenumError, bytesEqual, concatBytes, toHex, utf8 } from '@plenum/kernel';
import { EMPTY_ROOT, HASH_SIZE, hashChildren, hashLeaf } from './hash.ts';
import {
  MAX_TREE_SIZE,
  type HashReader,
  consistencyProof,
  consistencyProofIndexes,
  hashReaderFromArray,
  hashReaderFromMap,
  hashesToStore,
  inclusionProof,
  inclusionProofIndexes,
  rootFromInclusionProof,
  rootOf,
  splitStoredHashIndex,
  storedHashCount,
  storedHashIndex,
  storedHashesOf,
  treeRoot,
  treeRootIndexes,
  verifyConsistency,
  verifyInclusion,
} from './merkle.ts';

// ---------------------------------------------------------------------------------------------
// Oracle: RFC 9162 §2.1.1–§2.1.4.1 transcribed literally — recursive, over ranges of leaves —
// to check the iterative, stored-hash implementation against.

type Range = readonly [lo: number, hi: number];

/** The k of §2.1.1: the largest power of two smaller than n (n > 1). */
function k(n: number): number {
  let p = 1;
  while (p * 2 < n) p *= 2;
  return p;
}

/** §2.1.3.1 PATH(m, D[lo:hi]), with m relative to lo. */
function PATH(m: number, lo: number, hi: number): Range[] {
  if (hi - lo <= 1) return [];
  const split = k(hi - lo);
  return m < split
    ? [...PATH(m, lo, lo + split), [lo + split, hi]]
    : [...PATH(m - split, lo + split, hi), [lo, lo + split]];
}

/** §2.1.4.1 SUBPROOF(m, D[lo:hi], b), with m relative to lo. */
function SUBPROOF(m: number, lo: number, hi: number, b: boolean): Range[] {
  if (m === hi - lo) return b ? [] : [[lo, hi]];
  const split = k(hi - lo);
  return m <= split
    ? [...SUBPROOF(m, lo, lo + split, b), [lo + split, hi]]
    : [...SUBPROOF(m - split, lo + split, hi, false), [lo, lo + split]];
}

/** §2.1.1 MTH over D[lo:hi], memoised per tree. */
function mthOracle(leafHashes: readonly Uint8Array[]): (range: Range) => Uint8Array {
  const memo = new Map<string, Uint8Array>();
  const mth = ([lo, hi]: Range): Uint8Array => {
    if (hi === lo) return EMPTY_ROOT;
    if (hi - lo === 1) return leafHashes[lo]!;
    const key = `${lo},${hi}`;
    let hash = memo.get(key);
    if (hash === undefined) {
      const split = k(hi - lo);
      hash = hashChildren(mth([lo, lo + split]), mth([lo + split, hi]));
      memo.set(key, hash);
    }
    return hash;
  };
  return mth;
}

/**
 * What a proof *structurally* proves. `shape([lo, hi))` spells out the tree over D[lo:hi] with
 * leaf numbers; `rebuild` recomputes a range's shape the way a verifier would when it takes the
 * proof elements to be the nodes in `named`. A verifier given a proof built for one claim but
 * asked about another succeeds exactly when the shapes it rebuilds equal the real ones — so this
 * predicts, independently of the verifier's bit manipulation, when a changed index or size must
 * be detected and when RFC 9162 cannot tell (tree sizes are authenticated by the signed tree
 * head, not by the proof).
 */
function shape([lo, hi]: Range): string {
  if (hi - lo === 1) return String(lo);
  const split = k(hi - lo);
  return `(${shape([lo, lo + split])} ${shape([lo + split, hi])})`;
}
function rebuild([lo, hi]: Range, named: ReadonlyMap<string, string>): string {
  const known = named.get(`${lo},${hi}`);
  if (known !== undefined) return known;
  if (hi - lo <= 1) return '?';
  const split = k(hi - lo);
  return `(${rebuild([lo, lo + split], named)} ${rebuild([lo + split, hi], named)})`;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && k(n + 1) === n;
}

/** Whether PATH(i, D[0:n]) must verify when claimed as leaf i2 of a tree of size n2. */
function inclusionStillProves(i: number, n: number, i2: number, n2: number): boolean {
  if (i2 >= n2) return false;
  const actual = PATH(i, 0, n);
  const claimed = PATH(i2, 0, n2);
  if (actual.length !== claimed.length) return false;
  const named = new Map<string, string>([[`${i2},${i2 + 1}`, String(i)]]);
  claimed.forEach((range, j) => named.set(`${range[0]},${range[1]}`, shape(actual[j]!)));
  return rebuild([0, n2], named) === shape([0, n]);
}

/** Whether PROOF(m, D[0:n]) must verify when claimed as a proof from m2 to n2. */
function consistencyStillProves(m: number, n: number, m2: number, n2: number): boolean {
  if (m2 === 0 || m2 > n2) return false;
  const actual = SUBPROOF(m, 0, n, true);
  if (m2 === n2) return actual.length === 0 && m === n;
  const claimed = SUBPROOF(m2, 0, n2, true);
  if (actual.length !== claimed.length || actual.length === 0) return false;
  const named = new Map<string, string>();
  claimed.forEach((range, j) => named.set(`${range[0]},${range[1]}`, shape(actual[j]!)));
  // §2.1.4.2 step 2: for a power-of-two first size the verifier uses root1 as the node [0, m2).
  const firstRoot = isPowerOfTwo(m2) ? shape([0, m]) : rebuild([0, m2], named);
  if (isPowerOfTwo(m2)) named.set(`0,${m2}`, shape([0, m]));
  return firstRoot === shape([0, m]) && rebuild([0, n2], named) === shape([0, n]);
}

// ---------------------------------------------------------------------------------------------
// Fixtures.

interface Tree {
  readonly leaves: readonly Uint8Array[];
  readonly stored: readonly Uint8Array[];
  readonly read: HashReader;
  readonly mth: (range: Range) => Uint8Array;
}

function treeOf(leaves: readonly Uint8Array[]): Tree {
  const stored = storedHashesOf(leaves);
  return { leaves, stored, read: hashReaderFromArray(stored), mth: mthOracle(leaves) };
}

/** Leaf hashes of distinct entries: the index is part of each entry, so no two leaves collide. */
// The size is drawn first: fast-check keeps arrays short (about ten items) unless told the length.
const leafHashesArb = (maxLength: number): fc.Arbitrary<Uint8Array[]> =>
  fc
    .integer({ min: 1, max: maxLength })
    .chain((length) => fc.array(fc.uint8Array({ maxLength: 24 }), { minLength: length, maxLength: length }))
    .map((entries) => entries.map((entry, i) => hashLeaf(concatBytes(utf8(`entry ${i}:`), entry))));

const treeArb = (maxLength = 300): fc.Arbitrary<Tree> => leafHashesArb(maxLength).map(treeOf);

/** A tree and a size from 1 to its length. */
const treeAndSizeArb = treeArb().chain((tree) =>
  fc.tuple(fc.constant(tree), fc.integer({ min: 1, max: tree.leaves.length })),
);

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  const byte = Math.floor(bit / 8) % copy.length;
  copy[byte] = (copy[byte] ?? 0) ^ (1 << (bit % 8));
  return copy;
}

const hex = (list: readonly Uint8Array[]): string[] => list.map(toHex);
const OK = { ok: true };

function fixedTree(size: number): Tree {
  return treeOf(Array.from({ length: size }, (_, i) => hashLeaf(utf8(`leaf ${i}`))));
}

function expectError(code: string, work: () => unknown): void {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(PlenumError);
    expect((error as PlenumError).code).toBe(code);
    return;
  }
  expect.fail(`expected a PlenumError '${code}'`);
}

// ---------------------------------------------------------------------------------------------

describe('stored hash numbering', () => {
  it('numbers hashes in append order, like Go tlog', () => {
    // Leaf 0; leaf 1 and [0,2); leaf 2; leaf 3, [2,4) and [0,4); leaf 4 …
    const expected: [number, number, number][] = [
      [0, 0, 0],
      [0, 1, 1],
      [1, 0, 2],
      [0, 2, 3],
      [0, 3, 4],
      [1, 1, 5],
      [2, 0, 6],
      [0, 4, 7],
      [0, 5, 8],
      [1, 2, 9],
      [0, 6, 10],
      [0, 7, 11],
      [1, 3, 12],
      [2, 1, 13],
      [3, 0, 14],
    ];
    for (const [level, n, index] of expected) {
      expect(storedHashIndex(level, n), `level ${level} node ${n}`).toBe(index);
      expect(splitStoredHashIndex(index)).toEqual({ level, n });
    }
    expect([0, 1, 2, 3, 4, 5, 8].map(storedHashCount)).toEqual([0, 1, 3, 4, 7, 8, 15]);
  });

  it('splitStoredHashIndex inverts storedHashIndex, up to 2^52 leaves', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 52 })
          .chain((level) => fc.tuple(fc.constant(level), fc.integer({ min: 0, max: MAX_TREE_SIZE / 2 ** level - 1 }))),
        ([level, n]) => {
          const index = storedHashIndex(level, n);
          expect(Number.isSafeInteger(index)).toBe(true);
          expect(splitStoredHashIndex(index)).toEqual({ level, n });
        },
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * MAX_TREE_SIZE - 2 }), (index) => {
        const { level, n } = splitStoredHashIndex(index);
        expect(storedHashIndex(level, n)).toBe(index);
      }),
    );
    // The last hash of the largest tree is its root.
    expect(splitStoredHashIndex(storedHashCount(MAX_TREE_SIZE) - 1)).toEqual({ level: 52, n: 0 });
  });

  it('stores exactly the complete subtrees, each at its index', () => {
    fc.assert(
      fc.property(treeArb(200), ({ leaves, stored, mth }) => {
        expect(stored.length).toBe(storedHashCount(leaves.length));
        for (let index = 0; index < stored.length; index += 1) {
          const { level, n } = splitStoredHashIndex(index);
          const range: Range = [n * 2 ** level, (n + 1) * 2 ** level];
          expect(range[1]).toBeLessThanOrEqual(leaves.length);
          expect(toHex(stored[index]!)).toBe(toHex(mth(range)));
        }
        // Leaf n's batch starts at storedHashCount(n).
        leaves.forEach((_, n) => expect(storedHashIndex(0, n)).toBe(storedHashCount(n)));
      }),
      { numRuns: 30 },
    );
  });

  it('hashesToStore reads only the left siblings it needs', () => {
    const { leaves, stored } = fixedTree(16);
    const seen: number[][] = [];
    const read: HashReader = (indexes) => {
      seen.push([...indexes]);
      return indexes.map((i) => stored[i]!);
    };
    // Appending leaf 15 closes [14,16), [12,16), [8,16) and [0,16).
    const batch = hashesToStore(15, leaves[15]!, read);
    expect(hex(batch)).toEqual(hex(stored.slice(storedHashCount(15))));
    expect(seen).toEqual([
      [storedHashIndex(0, 14), storedHashIndex(1, 6), storedHashIndex(2, 2), storedHashIndex(3, 0)],
    ]);
    // Appending an even leaf closes nothing and reads nothing.
    seen.length = 0;
    expect(hex(hashesToStore(4, leaves[4]!, read))).toEqual([toHex(leaves[4]!)]);
    expect(seen).toEqual([]);
  });

  it('refuses impossible positions', () => {
    expectError('invalid_input', () => storedHashIndex(53, 0));
    expectError('invalid_input', () => storedHashIndex(0, MAX_TREE_SIZE));
    expectError('invalid_input', () => storedHashIndex(1, 0.5));
    expectError('invalid_input', () => storedHashIndex(-1, 0));
    expectError('invalid_input', () => splitStoredHashIndex(-1));
    expectError('invalid_input', () => splitStoredHashIndex(2 * MAX_TREE_SIZE - 1));
    expectError('invalid_input', () => storedHashCount(MAX_TREE_SIZE + 1));
    expectError('invalid_input', () => hashesToStore(0, new Uint8Array(31), () => []));
  });
});

describe('tree hashes', () => {
  it('rootOf, treeRoot and the recursive MTH agree for every size up to 300', () => {
    const tree = fixedTree(300);
    for (let size = 0; size <= 300; size += 1) {
      const expected = toHex(tree.mth([0, size]));
      expect(toHex(rootOf(tree.leaves.slice(0, size))), `rootOf ${size}`).toBe(expected);
      expect(toHex(treeRoot(size, tree.read)), `treeRoot ${size}`).toBe(expected);
    }
  });

  it('rootOf equals treeRoot from stored hashes for random leaves', () => {
    fc.assert(
      fc.property(treeAndSizeArb, ([{ leaves, read }, size]) => {
        expect(toHex(treeRoot(size, read))).toBe(toHex(rootOf(leaves.slice(0, size))));
      }),
      { numRuns: 50 },
    );
  });

  it('the empty tree hashes to SHA-256 of nothing, and callers cannot corrupt it', () => {
    const root = rootOf([]);
    expect(toHex(root)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    root[0] = 0;
    expect(toHex(treeRoot(0, () => []))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(treeRootIndexes(0)).toEqual([]);
  });

  it('refuses leaf hashes that are not 32 bytes', () => {
    expectError('invalid_input', () => rootOf([new Uint8Array(HASH_SIZE), new Uint8Array(3)]));
  });
});

describe('proofs from stored hashes', () => {
  it('inclusion proofs equal RFC 9162 PATH and verify, for every leaf', () => {
    fc.assert(
      fc.property(treeAndSizeArb, ([{ leaves, read, mth }, size]) => {
        const root = treeRoot(size, read);
        for (let leaf = 0; leaf < size; leaf += 1) {
          const proof = inclusionProof(leaf, size, read);
          expect(hex(proof)).toEqual(hex(PATH(leaf, 0, size).map(mth)));
          expect(verifyInclusion(leaf, size, leaves[leaf]!, proof, root)).toEqual(OK);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('consistency proofs equal RFC 9162 PROOF and verify, for every earlier size', () => {
    fc.assert(
      fc.property(treeAndSizeArb, ([{ read, mth }, size2]) => {
        const root2 = treeRoot(size2, read);
        for (let size1 = 1; size1 <= size2; size1 += 1) {
          const proof = consistencyProof(size1, size2, read);
          expect(hex(proof)).toEqual(hex(SUBPROOF(size1, 0, size2, true).map(mth)));
          expect(verifyConsistency(size1, size2, mth([0, size1]), root2, proof)).toEqual(OK);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a proof at one size stays valid through every later consistency proof', () => {
    fc.assert(
      fc.property(
        treeAndSizeArb.chain(([tree, size2]) =>
          fc.tuple(fc.constant(tree), fc.constant(size2), fc.integer({ min: 1, max: size2 })),
        ),
        ([{ leaves, read }, size2, size1]) => {
          const [root1, root2] = [treeRoot(size1, read), treeRoot(size2, read)];
          expect(verifyConsistency(size1, size2, root1, root2, consistencyProof(size1, size2, read))).toEqual(OK);
          for (let leaf = 0; leaf < size1; leaf += 1) {
            expect(verifyInclusion(leaf, size1, leaves[leaf]!, inclusionProof(leaf, size1, read), root1)).toEqual(OK);
            expect(verifyInclusion(leaf, size2, leaves[leaf]!, inclusionProof(leaf, size2, read), root2)).toEqual(OK);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reads each stored hash once, in one call, O(log n) of them', () => {
    const size = 10_000_000;
    const log2 = Math.ceil(Math.log2(size));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 1, max: size }), (leaf, size1) => {
        for (const indexes of [inclusionProofIndexes(leaf, size), consistencyProofIndexes(size1, size)]) {
          expect(indexes.length).toBeLessThanOrEqual(2 * log2);
          expect(new Set(indexes).size).toBe(indexes.length);
          expect(Math.max(...indexes, 0)).toBeLessThan(storedHashCount(size));
        }
        expect(treeRootIndexes(size).length).toBeLessThanOrEqual(log2);
      }),
    );
    // Generators call the reader once with exactly the planned indexes (what DB adapters prefetch).
    const tree = fixedTree(100);
    const calls: number[][] = [];
    const spy: HashReader = (indexes) => {
      calls.push([...indexes]);
      return tree.read(indexes);
    };
    inclusionProof(37, 100, spy);
    consistencyProof(37, 100, spy);
    treeRoot(100, spy);
    expect(calls).toEqual([inclusionProofIndexes(37, 100), consistencyProofIndexes(37, 100), treeRootIndexes(100)]);
    const prefetched = new Map(calls.flat().map((i) => [i, tree.stored[i]!] as const));
    expect(hex(inclusionProof(37, 100, hashReaderFromMap(prefetched)))).toEqual(
      hex(inclusionProof(37, 100, tree.read)),
    );
  });

  it('refuses proofs that do not exist, and a storage that misbehaves', () => {
    const { read, stored } = fixedTree(8);
    expectError('invalid_input', () => inclusionProof(8, 8, read));
    expectError('invalid_input', () => inclusionProof(0, 0, read));
    expectError('invalid_input', () => inclusionProof(-1, 8, read));
    expectError('invalid_input', () => consistencyProof(0, 8, read));
    expectError('invalid_input', () => consistencyProof(0, 0, read));
    expectError('invalid_input', () => consistencyProof(5, 4, read));
    expectError('invalid_input', () => treeRoot(1.5, read));
    expect(consistencyProof(8, 8, read)).toEqual([]);
    expectError('not_found', () => inclusionProof(0, 9, read));
    expectError('not_found', () => inclusionProof(0, 8, hashReaderFromMap(new Map())));
    expectError('internal', () => inclusionProof(0, 8, () => []));
    expectError('internal', () => inclusionProof(0, 8, (indexes) => indexes.map(() => new Uint8Array(31))));
    expectError('internal', () => treeRoot(3, (indexes) => indexes.map((i) => stored[i]!).slice(1)));
  });
});

describe('verification detects tampering', () => {
  const caseArb = treeArb().chain((tree) =>
    fc.record({
      tree: fc.constant(tree),
      leaf: fc.integer({ min: 0, max: tree.leaves.length - 1 }),
      size1: fc.integer({ min: 1, max: tree.leaves.length }),
      bit: fc.nat(HASH_SIZE * 8 - 1),
      pick: fc.nat(),
    }),
  );

  it('any single-bit change in an inclusion proof, the leaf or the root', () => {
    fc.assert(
      fc.property(caseArb, ({ tree, leaf, bit, pick }) => {
        const size = tree.leaves.length;
        const proof = inclusionProof(leaf, size, tree.read);
        const root = treeRoot(size, tree.read);
        const leafHash = tree.leaves[leaf]!;
        expect(verifyInclusion(leaf, size, flipBit(leafHash, bit), proof, root).ok).toBe(false);
        expect(verifyInclusion(leaf, size, leafHash, proof, flipBit(root, bit)).ok).toBe(false);
        if (proof.length > 0) {
          const tampered = [...proof];
          const at = pick % proof.length;
          tampered[at] = flipBit(proof[at]!, bit);
          expect(verifyInclusion(leaf, size, leafHash, tampered, root).ok).toBe(false);
          expect(verifyInclusion(leaf, size, leafHash, proof.slice(1), root).ok).toBe(false);
          expect(verifyInclusion(leaf, size, leafHash, [...proof, proof[at]!], root).ok).toBe(false);
        }
      }),
    );
  });

  it('any single-bit change in a consistency proof or either root', () => {
    fc.assert(
      fc.property(caseArb, ({ tree, size1, bit, pick }) => {
        const size2 = tree.leaves.length;
        const proof = consistencyProof(size1, size2, tree.read);
        const [root1, root2] = [treeRoot(size1, tree.read), treeRoot(size2, tree.read)];
        expect(verifyConsistency(size1, size2, flipBit(root1, bit), root2, proof).ok).toBe(false);
        expect(verifyConsistency(size1, size2, root1, flipBit(root2, bit), proof).ok).toBe(false);
        if (proof.length > 0) {
          const tampered = [...proof];
          const at = pick % proof.length;
          tampered[at] = flipBit(proof[at]!, bit);
          expect(verifyConsistency(size1, size2, root1, root2, tampered).ok).toBe(false);
          expect(verifyConsistency(size1, size2, root1, root2, proof.slice(0, -1)).ok).toBe(false);
          expect(verifyConsistency(size1, size2, root1, root2, [proof[at]!, ...proof]).ok).toBe(false);
        }
      }),
    );
  });

  it('a rewritten history cannot be proven consistent', () => {
    fc.assert(
      fc.property(caseArb, ({ tree, size1, leaf, pick }) => {
        const size2 = tree.leaves.length;
        const changed = leaf % size1;
        // The log operator rewrites one entry before size1 and builds proofs from its new storage.
        const forged = treeOf(tree.leaves.map((h, i) => (i === changed ? hashLeaf(utf8(`forged ${pick}`)) : h)));
        const root1 = treeRoot(size1, tree.read);
        const forgedRoot2 = treeRoot(size2, forged.read);
        const result = verifyConsistency(size1, size2, root1, forgedRoot2, consistencyProof(size1, size2, forged.read));
        expect(result.ok).toBe(false);
      }),
    );
  });

  it('a changed leaf index is always detected', () => {
    fc.assert(
      fc.property(caseArb, ({ tree, leaf, pick }) => {
        const size = tree.leaves.length;
        fc.pre(size > 1);
        const other = (leaf + 1 + (pick % (size - 1))) % size;
        const proof = inclusionProof(leaf, size, tree.read);
        const root = treeRoot(size, tree.read);
        expect(verifyInclusion(other, size, tree.leaves[leaf]!, proof, root).ok).toBe(false);
        expect(inclusionStillProves(leaf, size, other, size)).toBe(false);
      }),
    );
  });

  // RFC 9162 proofs do not authenticate the tree size on their own — the signed tree head does.
  // A proof re-labelled with another size still verifies exactly when it rebuilds the same tree
  // shape; the oracle above predicts that without the verifier's bit arithmetic.
  it('a changed tree size is detected unless the proof rebuilds the same tree', () => {
    const sizeChange = (size: number): fc.Arbitrary<number> =>
      fc.oneof(
        fc.constantFrom(size - 1, size + 1, size * 2, Math.floor(size / 2), size + 2),
        fc.integer({ min: 0, max: 2 * size + 2 }),
      );
    fc.assert(
      fc.property(
        caseArb.chain((c) => fc.tuple(fc.constant(c), sizeChange(c.tree.leaves.length), sizeChange(c.size1))),
        ([{ tree, leaf, size1 }, otherSize2, otherSize1]) => {
          const size2 = tree.leaves.length;
          const [root1, root2] = [treeRoot(size1, tree.read), treeRoot(size2, tree.read)];
          const path = inclusionProof(leaf, size2, tree.read);
          expect(verifyInclusion(leaf, otherSize2, tree.leaves[leaf]!, path, root2).ok).toBe(
            otherSize2 === size2 || inclusionStillProves(leaf, size2, leaf, otherSize2),
          );
          const proof = consistencyProof(size1, size2, tree.read);
          for (const [m, n] of [
            [otherSize1, size2],
            [size1, otherSize2],
            [otherSize1, otherSize2],
          ] as const) {
            const same = m === size1 && n === size2;
            expect(verifyConsistency(m, n, root1, root2, proof).ok, `${size1}→${size2} as ${m}→${n}`).toBe(
              same || consistencyStillProves(size1, size2, m, n),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws, whatever the input', () => {
    const number = fc.oneof(
      fc.integer({ min: -2, max: 40 }),
      fc.constantFrom(Number.NaN, Infinity, 1.5, 2 ** 53, 2 ** 64, Number.MAX_SAFE_INTEGER),
    );
    const hash = fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 40 }));
    fc.assert(
      fc.property(number, number, hash, hash, fc.array(hash, { maxLength: 8 }), (a, b, h1, h2, proof) => {
        expect(typeof verifyInclusion(a, b, h1, proof, h2).ok).toBe('boolean');
        expect(typeof verifyConsistency(a, b, h1, h2, proof).ok).toBe('boolean');
        expect(typeof rootFromInclusionProof(a, b, h1, proof).ok).toBe('boolean');
      }),
    );
  });
});

describe('verification reasons', () => {
  const { leaves, read } = fixedTree(8);
  const root = treeRoot(8, read);
  const proof = inclusionProof(5, 8, read);

  it('says what is wrong', () => {
    const reason = (result: { ok: boolean; reason?: string }): string | undefined => result.reason;
    expect(reason(verifyInclusion(5, 8, leaves[5]!, proof.slice(1), root))).toBe(
      'proof has 2 hashes; an inclusion proof for leaf 5 in a tree of size 8 has 3',
    );
    expect(reason(verifyInclusion(8, 8, leaves[5]!, proof, root))).toBe('leaf index 8 is not below the tree size 8');
    expect(reason(verifyInclusion(5, 8, leaves[4]!, proof, root))).toMatch(
      /^root mismatch: computed [0-9a-f]{64}, expected /,
    );
    expect(reason(verifyInclusion(5, 2 ** 53, leaves[5]!, proof, root))).toMatch(
      /tree size must be a non-negative safe/,
    );
    expect(reason(verifyInclusion(5, 8, leaves[5]!, [...proof.slice(0, 2), new Uint8Array(3)], root))).toBe(
      'proof hash 2 has 3 bytes, expected 32',
    );
    const root3 = treeRoot(3, read);
    const c = consistencyProof(3, 8, read);
    expect(reason(verifyConsistency(3, 8, root3, root, c.slice(1)))).toBe(
      'proof has 3 hashes; a consistency proof from size 3 to size 8 has 4',
    );
    expect(reason(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, []))).toMatch(/^size1 is 0/);
    expect(reason(verifyConsistency(4, 3, root3, root3, []))).toMatch(/larger than size2/);
    expect(reason(verifyConsistency(3, 3, root3, root, []))).toMatch(/^sizes are equal \(3\) but the roots differ/);
    expect(reason(verifyConsistency(3, 3, root3, root3, c))).toMatch(/must be empty; it has 4 hashes/);
    expect(reason(verifyConsistency(3, 8, root, root, c))).toMatch(/^root1 mismatch/);
    expect(reason(verifyConsistency(3, 8, root3, root3, c))).toMatch(/^root2 mismatch/);
    expect(verifyConsistency(3, 3, root3, root3, [])).toEqual(OK);
  });

  it('evaluates a proof into the root it implies', () => {
    const evaluated = rootFromInclusionProof(5, 8, leaves[5]!, proof);
    expect(evaluated.ok && bytesEqual(evaluated.root, root)).toBe(true);
  });
});
