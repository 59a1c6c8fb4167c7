import { PlenumError, bytesEqual, toHex } from '@plenum/kernel';
import { EMPTY_ROOT, HASH_SIZE, hashChildren } from './hash.ts';

/**
 * RFC 9162 §2.1 Merkle trees: tree hashes, inclusion proofs and consistency proofs, generated
 * from *stored hashes* and verified exactly as §2.1.3.2 and §2.1.4.2 prescribe.
 *
 * ## Stored hashes
 *
 * A log never recomputes a tree from its leaves: that would cost O(n) per proof. Instead it
 * stores, once, the hash of every *complete* subtree — every aligned block of 2^level leaves
 * that is already full. When leaf `n` is appended, the hashes to store are the leaf hash and the
 * roots of the complete subtrees that this leaf closes (one per trailing 1-bit of `n`): see
 * {@link hashesToStore}. Each stored hash has an *index*, its position in that append-only
 * sequence ({@link storedHashIndex}). The numbering is the one Go's golang.org/x/mod/sumdb/tlog
 * uses, so a storage layout is interchangeable with it (the interop test checks this).
 *
 * Every hash a proof needs — MTH of an arbitrary range such as the right part of a tree — is a
 * right-to-left fold of at most ~log2(n) stored hashes, so a proof in a 10-million-leaf log reads
 * O(log n) hashes and never touches the leaves.
 *
 * ## Reading stored hashes: plan, then compute
 *
 * Proof generation is split in two so that a database adapter can load everything in one query
 * and keep this package synchronous and pure:
 *
 *   const indexes = inclusionProofIndexes(leaf, size); // pure arithmetic
 *   const hashes = await db.loadStoredHashes(indexes);  // one round trip, the adapter's job
 *   const proof = inclusionProof(leaf, size, () => hashes);
 *
 * Every generator (`treeRoot`, `inclusionProof`, `consistencyProof`, the subtree ones) calls its
 * {@link HashReader} at most once, with exactly the indexes its `…Indexes` twin returns, in that
 * order, and not at all when that list is empty. {@link hashReaderFromArray} and
 * {@link hashReaderFromMap} adapt in-memory storage.
 *
 * ## Numbers
 *
 * Sizes and indexes are JS numbers, exact as long as they are safe integers (< 2^53). Stored-hash
 * indexes reach about twice the tree size, so trees are limited to {@link MAX_TREE_SIZE} = 2^52
 * leaves — far beyond any organisation's record. All bit manipulation is done with arithmetic
 * (`% 2`, `Math.floor(x / 2)`, `2 ** k`) because JavaScript's bitwise operators truncate to
 * 32 bits and would silently corrupt sizes above 2^31.
 *
 * ## Verification outcomes
 *
 * A proof that does not verify is an expected outcome, not a fault: verifiers return a
 * {@link VerifyResult} with a precise reason and never throw for bad proofs, bad sizes or bad
 * hashes (all of which may come from an untrusted server). Generators, by contrast, throw
 * `PlenumError('invalid_input')` when asked for something that does not exist (a leaf beyond the
 * tree) and `PlenumError('internal')` when the storage misbehaves.
 */

/** The largest tree size supported: its stored-hash count, 2·2^52 − 1, is still a safe integer. */
export const MAX_TREE_SIZE = 2 ** 52;

/**
 * Reads stored hashes by index. It must return one hash per requested index, in the same order.
 * Synchronous on purpose: adapters prefetch with the `…Indexes` functions (see module comment).
 */
export type HashReader = (indexes: readonly number[]) => readonly Uint8Array[];

/** Outcome of a proof verification: a bad proof is a value with a reason, not an exception. */
export type VerifyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Outcome of evaluating a proof into the root it implies. */
export type RootResult =
  { readonly ok: true; readonly root: Uint8Array } | { readonly ok: false; readonly reason: string };

/**
 * A run of leaves `[lo, hi)` whose Merkle Tree Hash is one element of a proof.
 * @internal Shared with subtree.ts; not part of the package's public API.
 */
export type LeafRange = readonly [lo: number, hi: number];

const VERIFIED: VerifyResult = Object.freeze({ ok: true });

// ---------------------------------------------------------------------------------------------
// Arithmetic on safe integers (no 32-bit bitwise operators: see the module comment).

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function lsb(value: number): boolean {
  return value % 2 === 1;
}

function half(value: number): number {
  return Math.floor(value / 2);
}

function popcount(value: number): number {
  let count = 0;
  for (let x = value; x > 0; x = half(x)) if (lsb(x)) count += 1;
  return count;
}

function trailingOnes(value: number): number {
  let count = 0;
  for (let x = value; lsb(x); x = half(x)) count += 1;
  return count;
}

/** Whether `value` (≥ 1) is 2^k for some k. */
function isPowerOfTwo(value: number): boolean {
  let x = value;
  while (x > 1 && !lsb(x)) x = half(x);
  return x === 1;
}

/** RFC 9162 §2.1.1's k: the largest power of two smaller than `n` (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function requireCount(what: string, value: number, max: number): void {
  if (!isCount(value) || value > max) {
    throw new PlenumError('invalid_input', `${what} must be an integer from 0 to ${max}, got ${String(value)}`);
  }
}

function countProblem(what: string, value: number): string | undefined {
  return isCount(value) ? undefined : `${what} must be a non-negative safe integer, got ${String(value)}`;
}

function hashes(count: number): string {
  return `${count} hash${count === 1 ? '' : 'es'}`;
}

function fail(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}

/** @internal Rejects proof elements that are not SHA-256 outputs before any hashing. */
export function proofHashProblem(proof: readonly Uint8Array[]): string | undefined {
  const at = proof.findIndex((p) => p.length !== HASH_SIZE);
  const bad = proof[at];
  return bad === undefined ? undefined : `proof hash ${at} has ${bad.length} bytes, expected ${HASH_SIZE}`;
}

/** @internal A "computed X, expected Y" reason, in hex. */
export function mismatch(what: string, computed: Uint8Array, expected: Uint8Array): string {
  return `${what} mismatch: computed ${toHex(computed)}, expected ${toHex(expected)}`;
}

// ---------------------------------------------------------------------------------------------
// Stored-hash numbering.

/**
 * How many hashes a log of `size` leaves has stored: the number of complete subtrees, which is
 * Σ_level ⌊size / 2^level⌋ = 2·size − popcount(size).
 */
export function storedHashCount(size: number): number {
  requireCount('tree size', size, MAX_TREE_SIZE);
  return 2 * size - popcount(size);
}

/**
 * The index of the stored hash of the complete subtree at `level` number `n`, i.e. of leaves
 * [n·2^level, (n+1)·2^level). That hash is stored when its last leaf, m = (n+1)·2^level − 1, is
 * appended: after the storedHashCount(m) hashes of leaves 0…m−1, at offset `level` in leaf m's
 * batch (leaf hash first, then the closed subtrees bottom-up).
 */
export function storedHashIndex(level: number, n: number): number {
  requireCount('level', level, 52);
  requireCount('node number', n, MAX_TREE_SIZE);
  const lastLeaf = (n + 1) * 2 ** level - 1;
  if (lastLeaf >= MAX_TREE_SIZE) {
    throw new PlenumError('invalid_input', `node ${n} at level ${level} lies beyond the largest tree, 2^52 leaves`);
  }
  return 2 * lastLeaf - popcount(lastLeaf) + level;
}

/** The inverse of {@link storedHashIndex}. */
export function splitStoredHashIndex(index: number): { readonly level: number; readonly n: number } {
  requireCount('stored hash index', index, 2 * MAX_TREE_SIZE - 2);
  const countBefore = (leaf: number): number => 2 * leaf - popcount(leaf);
  // Leaf m's batch starts at countBefore(m) ≤ 2m, so leaf ⌊index/2⌋ starts at or before `index`;
  // batches are 1 + trailingOnes(m) long, so a few dozen steps forward find the batch holding it.
  let leaf = Math.floor(index / 2);
  while (countBefore(leaf + 1) <= index) leaf += 1;
  const level = index - countBefore(leaf);
  return { level, n: (leaf + 1) / 2 ** level - 1 };
}

function readStored(read: HashReader, indexes: readonly number[]): readonly Uint8Array[] {
  if (indexes.length === 0) return [];
  const found = read(indexes);
  if (found.length !== indexes.length) {
    throw new PlenumError('internal', `hash reader returned ${hashes(found.length)} for ${indexes.length} indexes`);
  }
  found.forEach((hash, i) => {
    if (hash.length !== HASH_SIZE) {
      throw new PlenumError('internal', `stored hash ${String(indexes[i])} has ${hash.length} bytes`);
    }
  });
  return found;
}

function at(list: readonly Uint8Array[], i: number): Uint8Array {
  const item = list[i];
  if (item === undefined) throw new PlenumError('internal', `stored hash position ${i} is missing`);
  return item;
}

/**
 * The hashes to store when appending leaf number `n` (0-based, so `n` is the size before the
 * append): `[leafHash, …]` followed by the root of each complete subtree this leaf closes, bottom
 * up — one per trailing 1-bit of `n`. Their indexes are storedHashCount(n), storedHashCount(n)+1, …
 * `read` supplies the left siblings, which were stored earlier.
 */
export function hashesToStore(n: number, leafHash: Uint8Array, read: HashReader): Uint8Array[] {
  requireCount('leaf number', n, MAX_TREE_SIZE - 1);
  if (leafHash.length !== HASH_SIZE) {
    throw new PlenumError('invalid_input', `leaf hash has ${leafHash.length} bytes, expected ${HASH_SIZE}`);
  }
  const closes = trailingOnes(n);
  const leftIndexes: number[] = [];
  for (let level = 0; level < closes; level += 1) {
    leftIndexes.push(storedHashIndex(level, Math.floor(n / 2 ** level) - 1));
  }
  const lefts = readStored(read, leftIndexes);
  const out = [leafHash];
  let hash = leafHash;
  for (let level = 0; level < closes; level += 1) {
    hash = hashChildren(at(lefts, level), hash);
    out.push(hash);
  }
  return out;
}

/** A reader over an in-memory array where `stored[i]` is the hash with index `i`. */
export function hashReaderFromArray(stored: readonly Uint8Array[]): HashReader {
  return (indexes) =>
    indexes.map((index) => {
      const hash = stored[index];
      if (hash === undefined) {
        throw new PlenumError('not_found', `stored hash ${index} does not exist (${stored.length} are stored)`);
      }
      return hash;
    });
}

/** A reader over hashes prefetched by index, e.g. the rows a database adapter loaded. */
export function hashReaderFromMap(stored: ReadonlyMap<number, Uint8Array>): HashReader {
  return (indexes) =>
    indexes.map((index) => {
      const hash = stored.get(index);
      if (hash === undefined) throw new PlenumError('not_found', `stored hash ${index} was not loaded`);
      return hash;
    });
}

/** Every stored hash of a tree over `leafHashes`, in index order (for in-memory logs and tests). */
export function storedHashesOf(leafHashes: readonly Uint8Array[]): Uint8Array[] {
  const stored: Uint8Array[] = [];
  const read = hashReaderFromArray(stored);
  leafHashes.forEach((leafHash, n) => {
    for (const hash of hashesToStore(n, leafHash, read)) stored.push(hash);
  });
  return stored;
}

// ---------------------------------------------------------------------------------------------
// From ranges of leaves to stored hashes.

/**
 * Appends the stored-hash indexes whose right-to-left fold is MTH(D[lo:hi]).
 *
 * Every range a proof asks for is a node of the RFC 9162 §2.1.1 recursion (or a valid subtree in
 * the sense of draft-ietf-plants-merkle-tree-certs §4.1): `lo` is a multiple of BIT_CEIL(hi − lo).
 * Cutting it greedily into the largest powers of two therefore yields aligned, complete subtrees —
 * each one stored hash — and, because §2.1.1 always splits off the largest power of two on the
 * left, MTH(D[lo:hi]) = HASH(0x01 || piece1 || HASH(0x01 || piece2 || …)).
 */
function pushRangeIndexes(lo: number, hi: number, out: number[]): void {
  let start = lo;
  while (start < hi) {
    let size = 1;
    let level = 0;
    while (size * 2 <= hi - start) {
      size *= 2;
      level += 1;
    }
    if (start % size !== 0) throw new PlenumError('internal', `range [${lo}, ${hi}) is not aligned`);
    out.push(storedHashIndex(level, start / size));
    start += size;
  }
}

interface Plan {
  readonly indexes: readonly number[];
  /** How many consecutive stored hashes fold into each output hash. */
  readonly counts: readonly number[];
}

function planOf(ranges: readonly LeafRange[]): Plan {
  const indexes: number[] = [];
  const counts: number[] = [];
  for (const [lo, hi] of ranges) {
    const before = indexes.length;
    pushRangeIndexes(lo, hi, indexes);
    counts.push(indexes.length - before);
  }
  return { indexes, counts };
}

function runPlan(plan: Plan, read: HashReader): Uint8Array[] {
  const stored = readStored(read, plan.indexes);
  const out: Uint8Array[] = [];
  let offset = 0;
  for (const count of plan.counts) {
    let hash = at(stored, offset + count - 1);
    for (let i = offset + count - 2; i >= offset; i -= 1) hash = hashChildren(at(stored, i), hash);
    // A single stored hash is copied, so that callers never hold (and mutate) the storage's bytes.
    out.push(count === 1 ? hash.slice() : hash);
    offset += count;
  }
  return out;
}

/** @internal The stored-hash indexes needed to compute the MTH of each range. */
export function rangeIndexes(ranges: readonly LeafRange[]): number[] {
  return [...planOf(ranges).indexes];
}

/** @internal The MTH of each range, from stored hashes, with a single call to `read`. */
export function rangeHashes(ranges: readonly LeafRange[], read: HashReader): Uint8Array[] {
  return runPlan(planOf(ranges), read);
}

/**
 * @internal RFC 9162 §2.1.3.1 PATH(m, D[lo:hi]) as ranges, innermost sibling first: at each step
 * the tree splits at k (the largest power of two below its size) and the proof takes the half
 * the leaf is *not* in.
 */
export function pathRanges(leaf: number, lo: number, hi: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let a = lo;
  let b = hi;
  while (b - a > 1) {
    const k = splitPoint(b - a);
    if (leaf < a + k) {
      ranges.push([a + k, b]);
      b = a + k;
    } else {
      ranges.push([a, a + k]);
      a += k;
    }
  }
  return ranges.reverse();
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D_n) = SUBPROOF(m, D_n, true), as ranges in proof order. `known` is
 * the RFC's boolean: whether the verifier already has MTH(D[lo:m]) (true until the recursion
 * first turns right), which decides if the base case contributes a hash.
 */
function consistencyRanges(m: number, n: number): LeafRange[] {
  const ranges: LeafRange[] = [];
  let lo = 0;
  let hi = n;
  let known = true;
  while (m !== hi) {
    const k = splitPoint(hi - lo);
    if (m - lo <= k) {
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else {
      ranges.push([lo, lo + k]);
      lo += k;
      known = false;
    }
  }
  if (!known) ranges.push([lo, hi]);
  return ranges.reverse();
}

// ---------------------------------------------------------------------------------------------
// Tree hashes and proofs.

/**
 * MTH over a list of leaf hashes (RFC 9162 §2.1.1), bottom-up without recursion. Pairing nodes
 * left to right and carrying an unpaired last node up unchanged builds exactly the §2.1.1 tree:
 * its left halves are always complete power-of-two blocks, so the only incomplete nodes lie on
 * the right edge, where a lone node *is* the MTH of the remaining leaves.
 */
export function rootOf(leafHashes: readonly Uint8Array[]): Uint8Array {
  leafHashes.forEach((leafHash, i) => {
    if (leafHash.length !== HASH_SIZE) {
      throw new PlenumError('invalid_input', `leaf hash ${i} has ${leafHash.length} bytes, expected ${HASH_SIZE}`);
    }
  });
  if (leafHashes.length === 0) return EMPTY_ROOT.slice();
  let level: readonly Uint8Array[] = leafHashes;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(hashChildren(at(level, i), at(level, i + 1)));
    if (lsb(level.length)) next.push(at(level, level.length - 1));
    level = next;
  }
  return at(level, 0);
}

/** The stored hashes {@link treeRoot} reads. */
export function treeRootIndexes(size: number): number[] {
  requireCount('tree size', size, MAX_TREE_SIZE);
  return size === 0 ? [] : rangeIndexes([[0, size]]);
}

/** MTH(D[0:size]) from stored hashes; the empty tree's root is SHA-256 of nothing (§2.1.1). */
export function treeRoot(size: number, read: HashReader): Uint8Array {
  requireCount('tree size', size, MAX_TREE_SIZE);
  if (size === 0) return EMPTY_ROOT.slice();
  return at(rangeHashes([[0, size]], read), 0);
}

function requireLeafInTree(leaf: number, size: number): void {
  requireCount('tree size', size, MAX_TREE_SIZE);
  requireCount('leaf index', leaf, MAX_TREE_SIZE);
  if (leaf >= size) throw new PlenumError('invalid_input', `leaf ${leaf} is not in a tree of size ${size}`);
}

/** The stored hashes {@link inclusionProof} reads. */
export function inclusionProofIndexes(leaf: number, size: number): number[] {
  requireLeafInTree(leaf, size);
  return rangeIndexes(pathRanges(leaf, 0, size));
}

/** The RFC 9162 §2.1.3.1 inclusion proof PATH(leaf, D[0:size]), from stored hashes. */
export function inclusionProof(leaf: number, size: number, read: HashReader): Uint8Array[] {
  requireLeafInTree(leaf, size);
  return rangeHashes(pathRanges(leaf, 0, size), read);
}

function requireGrowth(size1: number, size2: number): void {
  requireCount('size1', size1, MAX_TREE_SIZE);
  requireCount('size2', size2, MAX_TREE_SIZE);
  if (size1 === 0) {
    throw new PlenumError('invalid_input', 'a consistency proof needs size1 > 0 (RFC 9162 §2.1.4.1: 0 < m)');
  }
  if (size1 > size2) throw new PlenumError('invalid_input', `size1 ${size1} is larger than size2 ${size2}`);
}

/** The stored hashes {@link consistencyProof} reads. */
export function consistencyProofIndexes(size1: number, size2: number): number[] {
  requireGrowth(size1, size2);
  return rangeIndexes(consistencyRanges(size1, size2));
}

/**
 * The RFC 9162 §2.1.4.1 consistency proof PROOF(size1, D[0:size2]), from stored hashes. Equal
 * sizes give the empty proof; size1 = 0 is refused (every tree extends the empty one).
 */
export function consistencyProof(size1: number, size2: number, read: HashReader): Uint8Array[] {
  requireGrowth(size1, size2);
  return rangeHashes(consistencyRanges(size1, size2), read);
}

// ---------------------------------------------------------------------------------------------
// Verification.

/**
 * The number of hashes in the inclusion proof of leaf `fn` in a tree whose last leaf is `sn`
 * (draft-ietf-plants-merkle-tree-certs Appendix B: BIT_WIDTH(fn XOR sn) hashes while the paths
 * to fn and sn differ, then one per set bit of the common remainder).
 */
function inclusionProofLength(leaf: number, size: number): number {
  let fn = leaf;
  let sn = size - 1;
  let length = 0;
  while (fn !== sn) {
    fn = half(fn);
    sn = half(sn);
    length += 1;
  }
  return length + popcount(fn);
}

/**
 * Evaluates an inclusion proof into the root it implies: RFC 9162 §2.1.3.2 steps 1–4 and the
 * `sn = 0` half of step 5. Use {@link verifyInclusion} to also compare with a known root.
 */
export function rootFromInclusionProof(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): RootResult {
  const problem = countProblem('leaf index', leafIndex) ?? countProblem('tree size', treeSize);
  if (problem !== undefined) return fail(problem);
  // Step 1.
  if (leafIndex >= treeSize) return fail(`leaf index ${leafIndex} is not below the tree size ${treeSize}`);
  // Hashes are SHA-256 outputs (§2.1.1); anything else is refused before hashing.
  if (leafHash.length !== HASH_SIZE) return fail(`leaf hash has ${leafHash.length} bytes, expected ${HASH_SIZE}`);
  const badHash = proofHashProblem(proof);
  if (badHash !== undefined) return fail(badHash);
  const wrongLength = (): string =>
    `proof has ${hashes(proof.length)}; an inclusion proof for leaf ${leafIndex} in a tree of size ${treeSize} has ${inclusionProofLength(leafIndex, treeSize)}`;
  // Step 2.
  let fn = leafIndex;
  let sn = treeSize - 1;
  // Step 3.
  let r = leafHash;
  // Step 4.
  for (const p of proof) {
    // 4a: the path reached the root with hashes left over.
    if (sn === 0) return fail(wrongLength());
    // 4b: p is a left sibling when fn is a right child, or when fn is on the right edge (fn = sn)
    // and so has no right sibling at this level.
    if (lsb(fn) || fn === sn) {
      r = hashChildren(p, r);
      // Levels where fn is a lone right-edge node have no sibling in the proof: skip them.
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    // 4c.
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5, first half: the proof must end exactly at the root.
  if (sn !== 0) return fail(wrongLength());
  return { ok: true, root: r };
}

/** Verifies an inclusion proof (RFC 9162 §2.1.3.2). Never throws for a bad proof. */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): VerifyResult {
  const computed = rootFromInclusionProof(leafIndex, treeSize, leafHash, proof);
  if (!computed.ok) return computed;
  // Step 5, second half.
  return bytesEqual(computed.root, root) ? VERIFIED : fail(mismatch('root', computed.root, root));
}

/**
 * Verifies a consistency proof that the tree of `size1` leaves with root `root1` is a prefix of
 * the tree of `size2` leaves with root `root2` (RFC 9162 §2.1.4.2). Never throws for a bad proof.
 *
 * §2.1.4.2 covers 0 < size1 < size2. The edges are pinned as in the transparency-dev test
 * vectors: size1 = 0 always fails (§2.1.4.1 defines proofs only for 0 < m, and a claim about the
 * empty tree proves nothing); size1 = size2 needs the empty proof and equal roots.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  root1: Uint8Array,
  root2: Uint8Array,
  proof: readonly Uint8Array[],
): VerifyResult {
  const problem = countProblem('size1', size1) ?? countProblem('size2', size2);
  if (problem !== undefined) return fail(problem);
  if (size1 > size2) return fail(`size1 ${size1} is larger than size2 ${size2}: a log only grows`);
  if (size1 === 0) return fail('size1 is 0: RFC 9162 §2.1.4 defines consistency only from a non-empty tree');
  if (size1 === size2) {
    if (proof.length !== 0)
      return fail(`sizes are equal (${size1}), so the proof must be empty; it has ${hashes(proof.length)}`);
    if (bytesEqual(root1, root2)) return VERIFIED;
    return fail(`sizes are equal (${size1}) but the roots differ: ${toHex(root1)} and ${toHex(root2)}`);
  }
  const badHash = proofHashProblem(proof);
  if (badHash !== undefined) return fail(badHash);
  const wrongLength = (): string =>
    `proof has ${hashes(proof.length)}; a consistency proof from size ${size1} to size ${size2} has ${consistencyRanges(size1, size2).length}`;
  // Step 1.
  if (proof.length === 0) return fail(wrongLength());
  // Step 2: when size1 is a power of two its root is a node of the larger tree, so PROOF omits it
  // (the verifier already has it); put it back as the starting node.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  // Step 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // Step 4: climb to the highest node whose subtree ends at leaf size1 − 1 and is complete.
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5.
  const [first, ...rest] = path;
  if (first === undefined) return fail(wrongLength());
  let fr = first;
  let sr = first;
  // Step 6.
  for (const c of rest) {
    // 6a.
    if (sn === 0) return fail(wrongLength());
    // 6b: left siblings belong to both trees; right siblings only to the larger one.
    if (lsb(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!lsb(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    // 6c.
    fn = half(fn);
    sn = half(sn);
  }
  // Step 7.
  if (sn !== 0) return fail(wrongLength());
  if (!bytesEqual(fr, root1)) return fail(mismatch('root1', fr, root1));
  if (!bytesEqual(sr, root2)) return fail(mismatch('root2', sr, root2));
  return VERIFIED;
}
