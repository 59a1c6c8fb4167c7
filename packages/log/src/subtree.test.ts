import { sha256 } from '@noble/hashes/sha2.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlenumError, concatBytes, toHex, utf8 } from '@plenum/kernel';
import { EMPTY_ROOT, HASH_SIZE, hashLeaf } from './hash.ts';
import {
  consistencyProof,
  hashReaderFromArray,
  inclusionProof,
  rootOf,
  storedHashesOf,
  treeRoot,
  type HashReader,
} from './merkle.ts';
import {
  coveringSubtrees,
  isValidSubtree,
  rootFromSubtreeInclusionProof,
  subtreeConsistencyProof,
  subtreeConsistencyProofIndexes,
  subtreeHash,
  subtreeHashIndexes,
  subtreeInclusionProof,
  subtreeInclusionProofIndexes,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
} from './subtree.ts';

const hex = (list: readonly Uint8Array[]): string => list.map((h) => ` ${toHex(h)}`).join('');

/** Every valid subtree [start, end) with end ≤ limit, in the draft's enumeration order. */
function* subtreesUpTo(limit: number): Generator<[number, number]> {
  for (let end = 0; end <= limit; end += 1) {
    for (let start = 0; start <= end; start += 1) if (isValidSubtree(start, end)) yield [start, end];
  }
}

/** The "accumulated" test vectors of the draft's Appendix C: SHA-256 over lines of output. */
function accumulate(lines: Iterable<string>): string {
  const rolling = sha256.create();
  for (const line of lines) rolling.update(utf8(`${line}\n`));
  return toHex(rolling.digest());
}

describe('draft-ietf-plants-merkle-tree-certs Appendix C test vectors', () => {
  // d[0] = 0x00, d[1] = 0x01, …: one stored tree of 130 entries serves every smaller tree,
  // because stored (complete) subtrees never change as a log grows.
  const leaves = Array.from({ length: 130 }, (_, i) => hashLeaf(new Uint8Array([i])));
  const read = hashReaderFromArray(storedHashesOf(leaves));

  it('subtree hashes', () => {
    const lines = function* (): Generator<string> {
      for (const [start, end] of subtreesUpTo(130)) yield `[${start}, ${end}) ${toHex(subtreeHash(start, end, read))}`;
    };
    expect(accumulate(lines())).toBe('b82806ad4265bb151c1119c0f4db437bb4d1a1f887b3a7fba1cd4ebf552e3e81');
  });

  it('subtree inclusion proofs', () => {
    const lines = function* (): Generator<string> {
      for (const [start, end] of subtreesUpTo(130)) {
        for (let index = start; index < end; index += 1) {
          yield `${index} [${start}, ${end})${hex(subtreeInclusionProof(index, start, end, read))}`;
        }
      }
    };
    expect(accumulate(lines())).toBe('ac2a8f989e44d99e399db448050ff5f19757df53cfb716aa81015d3955d8163f');
  });

  it('subtree consistency proofs', () => {
    const lines = function* (): Generator<string> {
      for (let n = 0; n <= 130; n += 1) {
        for (const [start, end] of subtreesUpTo(n)) {
          yield `[${start}, ${end}) ${n}${hex(subtreeConsistencyProof(start, end, n, read))}`;
        }
      }
    };
    expect(accumulate(lines())).toBe('10fa99b37bf9bf9ffa26b412fbd98bd75363256d0b75d61bc4538b9c9c5a0a74');
  });

  it('efficient covering subtrees', () => {
    const lines = function* (): Generator<string> {
      for (let end = 0; end <= 130; end += 1) {
        for (let start = 0; start <= end; start += 1) {
          const { left, right } = coveringSubtrees(start, end);
          yield `[${left.start}, ${left.end}) [${right.start}, ${right.end})`;
        }
      }
    };
    expect(accumulate(lines())).toBe('7fd9c8b926e9d2b5cf831560e8ce295a5ef97ad5c5ede4ea0dea28a8c8fc8bb0');
  });
});

// ---------------------------------------------------------------------------------------------

interface Tree {
  readonly leaves: readonly Uint8Array[];
  readonly read: HashReader;
}

const treeArb = fc
  .integer({ min: 1, max: 200 })
  .chain((length) => fc.array(fc.uint8Array({ maxLength: 16 }), { minLength: length, maxLength: length }))
  .map((entries): Tree => {
    const leaves = entries.map((entry, i) => hashLeaf(concatBytes(utf8(`entry ${i}:`), entry)));
    return { leaves, read: hashReaderFromArray(storedHashesOf(leaves)) };
  });

/** A tree, a size n within it, and a valid subtree [start, end) of the tree of size n. */
const caseArb = treeArb.chain((tree) =>
  fc.integer({ min: 1, max: tree.leaves.length }).chain((size) =>
    fc.integer({ min: 0, max: size }).chain((end) => {
      // Valid starts for this end: end − s must fit in an aligned block, so walk the candidates.
      const starts: number[] = [];
      for (let start = 0; start <= end; start += 1) if (isValidSubtree(start, end)) starts.push(start);
      return fc.record({
        tree: fc.constant(tree),
        size: fc.constant(size),
        end: fc.constant(end),
        start: fc.constantFrom(...starts),
        bit: fc.nat(HASH_SIZE * 8 - 1),
        pick: fc.nat(),
      });
    }),
  ),
);

function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const copy = bytes.slice();
  const byte = Math.floor(bit / 8) % copy.length;
  copy[byte] = (copy[byte] ?? 0) ^ (1 << (bit % 8));
  return copy;
}

function expectError(code: string, work: () => unknown): void {
  expect(work).toThrow(PlenumError);
  try {
    work();
  } catch (error) {
    expect((error as PlenumError).code).toBe(code);
  }
}

describe('subtrees', () => {
  it('isValidSubtree follows §4.1', () => {
    expect(isValidSubtree(4, 8)).toBe(true);
    expect(isValidSubtree(8, 13)).toBe(true);
    expect(isValidSubtree(1, 5)).toBe(false);
    expect(isValidSubtree(7, 7)).toBe(true);
    expect(isValidSubtree(0, 2 ** 52 + 1)).toBe(true);
    expect(isValidSubtree(2 ** 52, 2 ** 53 - 1)).toBe(true);
    expect(isValidSubtree(2, 1)).toBe(false);
    expect(isValidSubtree(-1, 0)).toBe(false);
    expect(isValidSubtree(0, 2 ** 53)).toBe(false);
  });

  it('hashes equal the MTH of the entries', () => {
    fc.assert(
      fc.property(caseArb, ({ tree, start, end }) => {
        expect(toHex(subtreeHash(start, end, tree.read))).toBe(toHex(rootOf(tree.leaves.slice(start, end))));
        expect(subtreeHashIndexes(start, end).length).toBeLessThanOrEqual(Math.log2(end - start + 1) + 1);
      }),
    );
  });

  it('inclusion proofs verify for every entry, and a changed bit or index is detected', () => {
    fc.assert(
      fc.property(caseArb, ({ tree, start, end, bit, pick }) => {
        fc.pre(end > start);
        const hash = subtreeHash(start, end, tree.read);
        for (let index = start; index < end; index += 1) {
          const proof = subtreeInclusionProof(index, start, end, tree.read);
          const entry = tree.leaves[index]!;
          expect(verifySubtreeInclusion(index, start, end, entry, proof, hash)).toEqual({ ok: true });
          expect(verifySubtreeInclusion(index, start, end, flipBit(entry, bit), proof, hash).ok).toBe(false);
          expect(verifySubtreeInclusion(index, start, end, entry, proof, flipBit(hash, bit)).ok).toBe(false);
          if (proof.length > 0) {
            const tampered = [...proof];
            tampered[pick % proof.length] = flipBit(proof[pick % proof.length]!, bit);
            expect(verifySubtreeInclusion(index, start, end, entry, tampered, hash).ok).toBe(false);
          }
          if (end - start > 1) {
            const other = start + ((index - start + 1 + (pick % (end - start - 1))) % (end - start));
            expect(verifySubtreeInclusion(other, start, end, entry, proof, hash).ok).toBe(false);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('inclusion in [0, n) is RFC 9162 inclusion, and [i, i+1) needs no proof', () => {
    fc.assert(
      fc.property(caseArb, ({ tree, size, pick }) => {
        const index = pick % size;
        expect(subtreeInclusionProof(index, 0, size, tree.read)).toEqual(inclusionProof(index, size, tree.read));
        expect(subtreeInclusionProofIndexes(index, index, index + 1)).toEqual([]);
      }),
    );
  });

  it('consistency proofs verify, and a changed bit is detected', () => {
    fc.assert(
      fc.property(caseArb, ({ tree, size, start, end, bit, pick }) => {
        const node = subtreeHash(start, end, tree.read);
        const root = treeRoot(size, tree.read);
        const proof = subtreeConsistencyProof(start, end, size, tree.read);
        expect(verifySubtreeConsistency(start, end, size, node, root, proof)).toEqual({ ok: true });
        if (start === end) {
          // The empty subtree is consistent with every tree; only its hash and the proof matter.
          expect(proof).toEqual([]);
          return;
        }
        expect(verifySubtreeConsistency(start, end, size, flipBit(node, bit), root, proof).ok).toBe(false);
        expect(verifySubtreeConsistency(start, end, size, node, flipBit(root, bit), proof).ok).toBe(false);
        if (proof.length > 0) {
          const tampered = [...proof];
          tampered[pick % proof.length] = flipBit(proof[pick % proof.length]!, bit);
          expect(verifySubtreeConsistency(start, end, size, node, root, tampered).ok).toBe(false);
          expect(verifySubtreeConsistency(start, end, size, node, root, proof.slice(1)).ok).toBe(false);
        }
        expect(verifySubtreeConsistency(start, end, size, node, root, [...proof, root]).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a subtree of a rewritten history is not consistent with it', () => {
    fc.assert(
      fc.property(caseArb, ({ tree, size, start, end, pick }) => {
        fc.pre(end > start);
        const changed = start + (pick % (end - start));
        const forgedLeaves = tree.leaves.map((h, i) => (i === changed ? hashLeaf(utf8(`forged ${pick}`)) : h));
        const forged = hashReaderFromArray(storedHashesOf(forgedLeaves));
        const node = subtreeHash(start, end, tree.read);
        const proof = subtreeConsistencyProof(start, end, size, forged);
        expect(verifySubtreeConsistency(start, end, size, node, treeRoot(size, forged), proof).ok).toBe(false);
      }),
    );
  });

  it('SUBTREE_PROOF(0, m, D_n) is PROOF(m, D_n) and SUBTREE_PROOF(i, i+1, D_n) is PATH(i, D_n)', () => {
    fc.assert(
      fc.property(caseArb, ({ tree, size, pick }) => {
        const m = 1 + (pick % size);
        expect(subtreeConsistencyProof(0, m, size, tree.read)).toEqual(consistencyProof(m, size, tree.read));
        const i = pick % size;
        expect(subtreeConsistencyProof(i, i + 1, size, tree.read)).toEqual(inclusionProof(i, size, tree.read));
      }),
    );
  });

  it('reads O(log n) stored hashes at 10 million entries', () => {
    const size = 10_000_000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: size }), fc.integer({ min: 0, max: 23 }), (end, level) => {
        const start = end - (end % 2 ** level);
        const begin = Math.max(0, start - 2 ** level);
        for (const [s, e] of [
          [start, end],
          [begin, end],
        ] as const) {
          if (!isValidSubtree(s, e)) continue;
          expect(subtreeConsistencyProofIndexes(s, e, size).length).toBeLessThanOrEqual(2 * 24);
          if (e > s) expect(subtreeInclusionProofIndexes(s, s, e).length).toBeLessThanOrEqual(2 * 24);
        }
      }),
    );
  });

  it('covering subtrees are adjacent, valid, end at end, and waste less than half of the left one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 52 }), fc.integer({ min: 0, max: 2 ** 40 }), (start, length) => {
        const end = start + length;
        const { left, right } = coveringSubtrees(start, end);
        expect(left.end).toBe(right.start);
        expect(right.end).toBe(end);
        expect(left.start).toBeLessThanOrEqual(start);
        expect(isValidSubtree(left.start, left.end)).toBe(true);
        expect(isValidSubtree(right.start, right.end)).toBe(true);
        if (end > start) expect(start - left.start).toBeLessThan(left.end - start);
      }),
    );
  });

  it('refuses what is not a subtree', () => {
    const read: HashReader = () => [];
    expectError('invalid_input', () => subtreeHash(1, 5, read));
    expectError('invalid_input', () => subtreeInclusionProof(8, 4, 8, read));
    expectError('invalid_input', () => subtreeConsistencyProof(4, 8, 7, read));
    expectError('invalid_input', () => coveringSubtrees(3, 2));
    expect(toHex(subtreeHash(3, 3, read))).toBe(toHex(EMPTY_ROOT));
  });

  it('says what is wrong', () => {
    const leaves = Array.from({ length: 14 }, (_, i) => hashLeaf(utf8(`leaf ${i}`)));
    const read = hashReaderFromArray(storedHashesOf(leaves));
    const node = subtreeHash(8, 13, read);
    const root = treeRoot(14, read);
    const proof = subtreeConsistencyProof(8, 13, 14, read);
    expect(proof.length).toBe(4);
    const reason = (r: { ok: boolean; reason?: string }): string | undefined => r.reason;
    expect(reason(verifySubtreeConsistency(8, 13, 14, node, root, proof.slice(1)))).toBe(
      'proof has 3 hashes; a consistency proof for [8, 13) in a tree of size 14 has 4',
    );
    expect(reason(verifySubtreeConsistency(8, 13, 12, node, root, proof))).toBe(
      'subtree [8, 13) ends beyond the tree size 12',
    );
    expect(reason(verifySubtreeConsistency(9, 13, 14, node, root, proof))).toBe(
      '[9, 13) is not a subtree: start must be a multiple of BIT_CEIL(4) = 4',
    );
    expect(reason(verifySubtreeConsistency(8, 13, 14, root, root, proof))).toMatch(/^subtree hash mismatch/);
    expect(reason(verifySubtreeConsistency(8, 13, 14, node, node, proof))).toMatch(/^root mismatch/);
    const inclusion = subtreeInclusionProof(10, 8, 13, read);
    expect(reason(rootFromSubtreeInclusionProof(10, 8, 13, leaves[10]!, inclusion.slice(1)))).toBe(
      'in subtree [8, 13): proof has 2 hashes; an inclusion proof for leaf 2 in a tree of size 5 has 3',
    );
    expect(reason(verifySubtreeInclusion(13, 8, 13, leaves[10]!, inclusion, node))).toBe(
      'entry 13 is not in subtree [8, 13)',
    );
  });
});
