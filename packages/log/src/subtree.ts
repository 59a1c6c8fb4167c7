import { PlenumError, bytesEqual, toHex } from '@plenum/kernel';
import { EMPTY_ROOT, hashChildren } from './hash.ts';
import {
  MAX_TREE_SIZE,
  type HashReader,
  type LeafRange,
  type RootResult,
  type VerifyResult,
  mismatch,
  pathRanges,
  proofHashProblem,
  rangeHashes,
  rangeIndexes,
  rootFromInclusionProof,
} from './merkle.ts';

/**
 * Subtrees `[start, end)` of an RFC 9162 Merkle tree, with their inclusion and consistency
 * proofs, as defined in §4 ("Subtrees") of draft-ietf-plants-merkle-tree-certs — the editor's
 * copy after draft-05 (github.com/ietf-plants-wg/merkle-tree-certs, commit d7362d6, 2026-08-20),
 * which admits empty subtrees `[x, x)`; draft-05 itself required start < end. That is the version
 * the transparency-dev/merkle subtree test vectors follow.
 *
 * A subtree is MTH(D[start:end]) for an interval aligned with the big tree, so that it can be
 * proven consistent with any later tree head. Generators read stored hashes exactly like those
 * in merkle.ts (one call to the reader, with the indexes of the `…Indexes` twin); verifiers
 * return a {@link VerifyResult} and never throw for bad input.
 */

/** A half-open interval of leaf indexes. */
export interface Subtree {
  readonly start: number;
  readonly end: number;
}

const VERIFIED: VerifyResult = Object.freeze({ ok: true });

function fail(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}

function isCount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function lsb(value: number): boolean {
  return value % 2 === 1;
}

function half(value: number): number {
  return Math.floor(value / 2);
}

/** BIT_CEIL(n): the smallest power of two ≥ n (BIT_CEIL(0) = 1). Exact for safe integers. */
function bitCeil(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** RFC 9162 §2.1.1's k: the largest power of two smaller than `n` (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function hashes(count: number): string {
  return `${count} hash${count === 1 ? '' : 'es'}`;
}

/**
 * §4.1: `[start, end)` is a subtree iff 0 ≤ start ≤ end and start is a multiple of
 * BIT_CEIL(end − start). JS numbers hold BIT_CEIL of any safe integer exactly (at most 2^53), so
 * the fixed-width overflow the draft warns about cannot happen here.
 */
export function isValidSubtree(start: number, end: number): boolean {
  return isCount(start) && isCount(end) && start <= end && start % bitCeil(end - start) === 0;
}

function subtreeProblem(start: number, end: number): string | undefined {
  if (!isCount(start) || !isCount(end)) {
    return `subtree bounds must be non-negative safe integers, got [${String(start)}, ${String(end)})`;
  }
  if (start > end) return `subtree [${start}, ${end}) has start > end`;
  if (!isValidSubtree(start, end)) {
    return `[${start}, ${end}) is not a subtree: start must be a multiple of BIT_CEIL(${end - start}) = ${bitCeil(end - start)}`;
  }
  return undefined;
}

function requireSubtree(start: number, end: number, treeSize?: number): void {
  const problem = subtreeProblem(start, end);
  if (problem !== undefined) throw new PlenumError('invalid_input', problem);
  if (end > MAX_TREE_SIZE) throw new PlenumError('invalid_input', `subtree end ${end} exceeds 2^52`);
  if (treeSize !== undefined && (!isCount(treeSize) || treeSize < end || treeSize > MAX_TREE_SIZE)) {
    throw new PlenumError('invalid_input', `subtree [${start}, ${end}) is not in a tree of size ${String(treeSize)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Generation from stored hashes.

/** The stored hashes {@link subtreeHash} reads. */
export function subtreeHashIndexes(start: number, end: number): number[] {
  requireSubtree(start, end);
  return start === end ? [] : rangeIndexes([[start, end]]);
}

/** MTH(D[start:end]) from stored hashes; the empty subtree's hash is SHA-256 of nothing. */
export function subtreeHash(start: number, end: number, read: HashReader): Uint8Array {
  requireSubtree(start, end);
  if (start === end) return EMPTY_ROOT.slice();
  const [hash] = rangeHashes([[start, end]], read);
  if (hash === undefined) throw new PlenumError('internal', 'no subtree hash computed');
  return hash;
}

function requireEntry(index: number, start: number, end: number): void {
  requireSubtree(start, end);
  if (!isCount(index) || index < start || index >= end) {
    throw new PlenumError('invalid_input', `entry ${String(index)} is not in subtree [${start}, ${end})`);
  }
}

/** The stored hashes {@link subtreeInclusionProof} reads. */
export function subtreeInclusionProofIndexes(index: number, start: number, end: number): number[] {
  requireEntry(index, start, end);
  return rangeIndexes(pathRanges(index, start, end));
}

/**
 * §4.3: the inclusion proof of entry `index` in subtree `[start, end)` — RFC 9162 PATH over
 * D[start:end] with m = index − start. The RFC's split points, taken relative to `start`, are
 * aligned in absolute terms too (start is a multiple of BIT_CEIL(end − start)), so every proof
 * element is a fold of stored hashes.
 */
export function subtreeInclusionProof(index: number, start: number, end: number, read: HashReader): Uint8Array[] {
  requireEntry(index, start, end);
  return rangeHashes(pathRanges(index, start, end), read);
}

/**
 * §4.4.1 SUBTREE_PROOF(start, end, D_n) as ranges, in proof order. `known` is the draft's boolean:
 * whether the verifier already holds the hash the base case would contribute (the subtree's own
 * hash); it turns false when the subtree straddles the split point and only its right part is
 * followed further.
 */
function subtreeConsistencyRanges(start: number, end: number, treeSize: number): LeafRange[] {
  if (start === end) return [];
  const ranges: LeafRange[] = [];
  let s = start;
  let lo = 0;
  let hi = treeSize;
  let known = true;
  while (!(s === lo && end === hi)) {
    const k = splitPoint(hi - lo);
    if (end <= lo + k) {
      // The subtree lies left of the split: prove it against the left child, add the right one.
      ranges.push([lo + k, hi]);
      hi = lo + k;
    } else if (lo + k <= s) {
      // It lies right of the split: prove it against the right child, add the left one.
      ranges.push([lo, lo + k]);
      lo += k;
    } else {
      // It straddles the split, which forces s = lo: its left part is the whole left child, so
      // continue with the right part, whose hash the verifier does not have.
      ranges.push([lo, lo + k]);
      lo += k;
      s = lo;
      known = false;
    }
  }
  if (!known) ranges.push([lo, hi]);
  return ranges.reverse();
}

/** The stored hashes {@link subtreeConsistencyProof} reads. */
export function subtreeConsistencyProofIndexes(start: number, end: number, treeSize: number): number[] {
  requireSubtree(start, end, treeSize);
  return rangeIndexes(subtreeConsistencyRanges(start, end, treeSize));
}

/** §4.4.1: the proof that subtree `[start, end)` is consistent with the tree of `treeSize` leaves. */
export function subtreeConsistencyProof(start: number, end: number, treeSize: number, read: HashReader): Uint8Array[] {
  requireSubtree(start, end, treeSize);
  return rangeHashes(subtreeConsistencyRanges(start, end, treeSize), read);
}

/**
 * §4.5.1: two adjacent subtrees that together cover `[start, end)`, ending exactly at `end` and
 * starting less than half the left subtree's size before `start` (for a non-empty interval).
 * They are split at the lowest common ancestor of the interval's first and last entries.
 */
export function coveringSubtrees(start: number, end: number): { readonly left: Subtree; readonly right: Subtree } {
  if (!isCount(start) || !isCount(end) || start > end) {
    throw new PlenumError('invalid_input', `[${String(start)}, ${String(end)}) is not an interval`);
  }
  // Step 1.
  if (end - start <= 1) return { left: { start, end }, right: { start: end, end } };
  // Step 2.1.
  const last = end - 1;
  // Step 2.2: `split` is the height where the paths to start and last diverge — one less than the
  // number of halvings that makes them equal.
  let split = -1;
  for (let a = start, b = last; a !== b; a = half(a), b = half(b)) split += 1;
  // Step 2.3: clear the low `split` bits of last.
  const mid = last - (last % 2 ** split);
  // Step 2.4: the highest zero bit of start below bit `split`, plus one (or zero if none).
  let leftSplit = 0;
  for (let bit = split - 1; bit >= 0; bit -= 1) {
    if (!lsb(Math.floor(start / 2 ** bit))) {
      leftSplit = bit + 1;
      break;
    }
  }
  // Step 2.5: clear the low `leftSplit` bits of start.
  const leftStart = start - (start % 2 ** leftSplit);
  // Step 2.6.
  return { left: { start: leftStart, end: mid }, right: { start: mid, end } };
}

// ---------------------------------------------------------------------------------------------
// Verification.

/**
 * §4.3.2: evaluates the inclusion proof of entry `index` (hash `entryHash`) in subtree
 * `[start, end)` into the subtree hash it implies. After step 1's checks this is RFC 9162
 * §2.1.3.2 with leaf index − start and tree size end − start, which the draft says it is.
 */
export function rootFromSubtreeInclusionProof(
  index: number,
  start: number,
  end: number,
  entryHash: Uint8Array,
  proof: readonly Uint8Array[],
): RootResult {
  // Step 1.
  const problem = subtreeProblem(start, end);
  if (problem !== undefined) return fail(problem);
  if (!isCount(index) || index < start || index >= end) {
    return fail(`entry ${String(index)} is not in subtree [${start}, ${end})`);
  }
  // Steps 2–6.
  const result = rootFromInclusionProof(index - start, end - start, entryHash, proof);
  return result.ok ? result : fail(`in subtree [${start}, ${end}): ${result.reason}`);
}

/** §4.3.3: verifies that entry `index` is in the subtree `[start, end)` whose hash is `subtreeHash`. */
export function verifySubtreeInclusion(
  index: number,
  start: number,
  end: number,
  entryHash: Uint8Array,
  proof: readonly Uint8Array[],
  subtreeHash: Uint8Array,
): VerifyResult {
  const computed = rootFromSubtreeInclusionProof(index, start, end, entryHash, proof);
  if (!computed.ok) return computed;
  return bytesEqual(computed.root, subtreeHash) ? VERIFIED : fail(mismatch('subtree hash', computed.root, subtreeHash));
}

/**
 * §4.4.3: verifies that the subtree `[start, end)` with hash `nodeHash` is consistent with the
 * tree of `treeSize` leaves with root `rootHash`. Follows the draft's eight steps literally.
 */
export function verifySubtreeConsistency(
  start: number,
  end: number,
  treeSize: number,
  nodeHash: Uint8Array,
  rootHash: Uint8Array,
  proof: readonly Uint8Array[],
): VerifyResult {
  // Step 1.
  const problem = subtreeProblem(start, end);
  if (problem !== undefined) return fail(problem);
  if (!isCount(treeSize)) return fail(`tree size must be a non-negative safe integer, got ${String(treeSize)}`);
  if (end > treeSize) return fail(`subtree [${start}, ${end}) ends beyond the tree size ${treeSize}`);
  // Step 2: the empty subtree is consistent with every tree, and its hash is HASH().
  if (start === end) {
    if (proof.length !== 0)
      return fail(`the subtree is empty, so the proof must be empty; it has ${hashes(proof.length)}`);
    if (bytesEqual(nodeHash, EMPTY_ROOT)) return VERIFIED;
    return fail(`the subtree is empty, so its hash must be HASH() = ${toHex(EMPTY_ROOT)}; got ${toHex(nodeHash)}`);
  }
  const badHash = proofHashProblem(proof);
  if (badHash !== undefined) return fail(badHash);
  const wrongLength = (): string =>
    `proof has ${hashes(proof.length)}; a consistency proof for [${start}, ${end}) in a tree of size ${treeSize} has ${subtreeConsistencyRanges(start, end, treeSize).length}`;
  // Step 3: follow the paths to the subtree's first entry, its last entry and the tree's last.
  let fn = start;
  let sn = end - 1;
  let tn = treeSize - 1;
  const up = (): void => {
    fn = half(fn);
    sn = half(sn);
    tn = half(tn);
  };
  // Steps 4 and 5: climb to the starting node — the subtree root if it is a node of the tree,
  // else the highest complete subtree on the subtree's right edge.
  if (sn === tn) {
    while (fn !== sn) up();
  } else {
    while (fn !== sn && lsb(sn)) up();
  }
  // Steps 6 and 7: the verifier knows the starting node's hash only if it is the subtree root.
  let rest = proof;
  let fr = nodeHash;
  let sr = nodeHash;
  if (fn !== sn) {
    const [first, ...others] = proof;
    if (first === undefined) return fail(wrongLength());
    fr = first;
    sr = first;
    rest = others;
  }
  // Step 8.
  for (const c of rest) {
    // 8.1.
    if (tn === 0) return fail(wrongLength());
    // 8.2: left siblings enter the tree root, and the subtree hash while its paths still differ.
    if (lsb(sn) || sn === tn) {
      if (fn < sn) fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      // sn > 0 always holds here (sn = tn ≠ 0, or sn odd); the guard keeps the loop finite anyway.
      while (!lsb(sn) && sn > 0) up();
    } else {
      // 8.3: right siblings belong to the tree only.
      sr = hashChildren(sr, c);
    }
    // 8.4.
    up();
  }
  // Step 9.
  if (tn !== 0) return fail(wrongLength());
  if (!bytesEqual(fr, nodeHash)) return fail(mismatch('subtree hash', fr, nodeHash));
  if (!bytesEqual(sr, rootHash)) return fail(mismatch('root', sr, rootHash));
  return VERIFIED;
}
