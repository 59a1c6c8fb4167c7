import { sha256 } from '@noble/hashes/sha2.js';
import { PlenumError, bytesEqual, concatBytes, utf8 } from '@plenum/kernel';

/**
 * Salted commitments: how private content (say, the details of a disciplinary hearing)
 * enters the public record. The log holds only the commitment, so the content's existence
 * and date are public and cannot be withheld or changed later; disclosing the content with
 * its salt proves it is what was recorded.
 *
 *   commitment = SHA-256("plenum/commitment/v1\n" || salt || content)
 *
 * The salt (32 random bytes, chosen by whoever records the content and kept with it) stops
 * anyone from confirming a guess of short content — "guilty" / "not guilty" — by hashing it.
 * The prefix separates these hashes from every other hash Plenum computes (tree hashes start
 * with 0x00 or 0x01, which no text prefix does).
 */
export const COMMITMENT_SALT_SIZE = 32;
const DOMAIN = utf8('plenum/commitment/v1\n');

export function commitToContent(content: Uint8Array, salt: Uint8Array): Uint8Array {
  if (salt.length !== COMMITMENT_SALT_SIZE) {
    throw new PlenumError('invalid_input', `a commitment salt has ${COMMITMENT_SALT_SIZE} bytes, got ${salt.length}`);
  }
  return sha256(concatBytes(DOMAIN, salt, content));
}

/** True if `content` with `salt` is what `commitment` committed to. Hostile input never throws. */
export function verifyDisclosure(commitment: Uint8Array, content: Uint8Array, salt: Uint8Array): boolean {
  if (salt.length !== COMMITMENT_SALT_SIZE || commitment.length !== 32) return false;
  return bytesEqual(commitToContent(content, salt), commitment);
}
