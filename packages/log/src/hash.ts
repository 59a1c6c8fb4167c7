import { sha256 } from '@noble/hashes/sha2.js';

/**
 * RFC 9162 §2.1.1: the Merkle Tree Hash uses SHA-256 with domain separation between leaves
 * (prefix 0x00) and interior nodes (prefix 0x01), so that a leaf can never be passed off as
 * a node or the reverse (the second-preimage attack on plain Merkle trees).
 */
export const HASH_SIZE = 32;

/** MTH({}) = SHA-256() — the root of the empty tree. */
export const EMPTY_ROOT: Uint8Array = sha256(new Uint8Array(0));

/** MTH({d(0)}) = SHA-256(0x00 || d(0)). */
export function hashLeaf(data: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + data.length);
  input[0] = 0x00;
  input.set(data, 1);
  return sha256(input);
}

/** SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = new Uint8Array(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}
