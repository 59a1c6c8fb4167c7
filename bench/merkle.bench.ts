// Merkle log (packages/log/src/merkle.ts): proof generation and verification in a log of ten
// million entries, and raw hashing throughput.
//
// Storing 10M leaves' worth of hashes (2·10^7 − popcount ≈ 20M × 32 bytes ≈ 640 MB) just to
// benchmark would be slow and memory-hungry, and proof generation does not depend on the hash
// *values*, only on which stored hashes it reads and folds. So the log here is a real, consistent
// RFC 9162 tree in which every entry is the same: then every complete subtree at a given level
// has the same hash, and the stored-hash reader answers any index from a 64-entry table after
// decoding the index's level (splitStoredHashIndex). Proofs come out valid, so verification
// runs to the final comparison and succeeds, exactly as it would for a log of distinct entries.
import { utf8 } from '@plenum/kernel';
import { hashChildren, hashLeaf } from '../packages/log/src/hash.ts';
import {
  type HashReader,
  consistencyProof,
  hashReaderFromArray,
  hashesToStore,
  inclusionProof,
  splitStoredHashIndex,
  treeRoot,
  verifyConsistency,
  verifyInclusion,
} from '../packages/log/src/merkle.ts';
import { header, measure } from './harness.ts';

const SIZE = 10_000_000;
const BATCH = 1_000;

const leafHash = hashLeaf(utf8('the same entry, ten million times'));
const byLevel = [leafHash];
for (let level = 1; level <= 52; level += 1) byLevel.push(hashChildren(byLevel[level - 1]!, byLevel[level - 1]!));
let reads = 0;
const read: HashReader = (indexes) => {
  reads += indexes.length;
  return indexes.map((index) => byLevel[splitStoredHashIndex(index).level]!);
};

// Reproducible "random" positions.
let state = 0x2545f491;
const randomBelow = (n: number): number => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return Math.floor(((state >>> 0) / 2 ** 32) * n);
};
const leaves = Array.from({ length: BATCH }, () => randomBelow(SIZE));
const firstSizes = Array.from({ length: BATCH }, () => 1 + randomBelow(SIZE - 1));

const root = treeRoot(SIZE, read);
const inclusionProofs = leaves.map((leaf) => inclusionProof(leaf, SIZE, read));
const oldRoots = firstSizes.map((size1) => treeRoot(size1, read));
const consistencyProofs = firstSizes.map((size1) => consistencyProof(size1, SIZE, read));
for (let i = 0; i < BATCH; i += 1) {
  if (!verifyInclusion(leaves[i]!, SIZE, leafHash, inclusionProofs[i]!, root).ok) throw new Error('inclusion');
  if (!verifyConsistency(firstSizes[i]!, SIZE, oldRoots[i]!, root, consistencyProofs[i]!).ok) throw new Error('cons');
}

header(`Merkle proofs in a log of ${SIZE.toLocaleString('en')} entries (${BATCH.toLocaleString('en')} per run)`);

await measure(`tree root ×${BATCH.toLocaleString('en')}`, 10, async () => {
  for (let i = 0; i < BATCH; i += 1) treeRoot(SIZE, read);
  await Promise.resolve();
});
await measure(`inclusion proof: generate ×${BATCH.toLocaleString('en')}`, 10, async () => {
  for (const leaf of leaves) inclusionProof(leaf, SIZE, read);
  await Promise.resolve();
});
await measure(`inclusion proof: verify ×${BATCH.toLocaleString('en')}`, 10, async () => {
  leaves.forEach((leaf, i) => verifyInclusion(leaf, SIZE, leafHash, inclusionProofs[i]!, root));
  await Promise.resolve();
});
await measure(`inclusion proof: generate + verify ×${BATCH.toLocaleString('en')}`, 10, async () => {
  for (const leaf of leaves) verifyInclusion(leaf, SIZE, leafHash, inclusionProof(leaf, SIZE, read), root);
  await Promise.resolve();
});
await measure(`consistency proof: generate ×${BATCH.toLocaleString('en')}`, 10, async () => {
  for (const size1 of firstSizes) consistencyProof(size1, SIZE, read);
  await Promise.resolve();
});
await measure(`consistency proof: verify ×${BATCH.toLocaleString('en')}`, 10, async () => {
  firstSizes.forEach((size1, i) => verifyConsistency(size1, SIZE, oldRoots[i]!, root, consistencyProofs[i]!));
  await Promise.resolve();
});
await measure(`consistency check (old root + proof + verify) ×${BATCH.toLocaleString('en')}`, 10, async () => {
  for (const size1 of firstSizes) {
    verifyConsistency(size1, SIZE, treeRoot(size1, read), root, consistencyProof(size1, SIZE, read));
  }
  await Promise.resolve();
});
const proofLengths = inclusionProofs.map((proof) => proof.length);
console.log(
  `\nProof sizes at ${SIZE.toLocaleString('en')} entries: inclusion ${Math.min(...proofLengths)}–${Math.max(...proofLengths)} hashes; ` +
    `stored hashes read per inclusion proof ≈ ${(countReads(() => leaves.forEach((l) => inclusionProof(l, SIZE, read))) / BATCH).toFixed(1)}, ` +
    `per consistency proof ≈ ${(countReads(() => firstSizes.forEach((s) => consistencyProof(s, SIZE, read))) / BATCH).toFixed(1)}.`,
);

function countReads(work: () => void): number {
  reads = 0;
  work();
  return reads;
}

// ---------------------------------------------------------------------------------------------

const ENTRIES = 100_000;
const entries = Array.from({ length: ENTRIES }, (_, i) =>
  utf8(`{"seq":${i},"type":"membership.admitted","padding":"${'x'.repeat(64)}"}`),
);

header(`Hashing (${ENTRIES.toLocaleString('en')} entries of ~${entries[0]!.length} bytes per run)`);
let leafMs = Number.NaN;
await measure(`leaf hashes ×${ENTRIES.toLocaleString('en')}`, 5, async () => {
  const start = performance.now();
  for (const entry of entries) hashLeaf(entry);
  leafMs = performance.now() - start;
  await Promise.resolve();
});
await measure(`append ×${ENTRIES.toLocaleString('en')} (leaf hash + hashesToStore, in memory)`, 5, async () => {
  const stored: Uint8Array[] = [];
  const storedRead = hashReaderFromArray(stored);
  entries.forEach((entry, n) => {
    for (const hash of hashesToStore(n, hashLeaf(entry), storedRead)) stored.push(hash);
  });
  await Promise.resolve();
});
console.log(
  `\nLeaf hashing throughput (last run): ${Math.round(ENTRIES / (leafMs / 1000)).toLocaleString('en')} leaf hashes/s.`,
);
