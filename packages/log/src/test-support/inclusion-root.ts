import { rootFromInclusionProof } from '../merkle.ts';

/** For tests: the root an inclusion proof leads to (RFC 9162 §2.1.3.2), or undefined if malformed. */
export function inclusionRoot(
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  const result = rootFromInclusionProof(leafIndex, treeSize, leafHash, proof);
  return result.ok ? result.root : undefined;
}
