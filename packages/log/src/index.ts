// @plenum/log — the public record's cryptography, pure: RFC 9162 Merkle trees and proofs,
// C2SP signed notes, checkpoints, cosignatures and tiles. It takes bytes, never connections,
// so the verifier and the browser can run it offline.
export { EMPTY_ROOT, HASH_SIZE, hashChildren, hashLeaf } from './hash.ts';
