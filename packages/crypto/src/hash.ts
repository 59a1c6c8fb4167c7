import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64, utf8 } from '@plenum/kernel';
import { bytesToBigInt, mod } from './bigint.ts';

/**
 * The hashes of the Belenios specification (2.0, §4): every challenge is SHA-256 over a
 * string of verbatim tags, vertical bars, commas and numbers (written as the group writes
 * them), read as a 256-bit big-endian number and reduced modulo q.
 */
export function hashToZq(text: string, q: bigint): bigint {
  return mod(bytesToBigInt(sha256(utf8(text))), q);
}

/** H_JSON (§4.15): unpadded base64 of SHA-256 — the election fingerprint, ballot hashes and trackers. */
export function hashJson(text: string): string {
  return toBase64(sha256(utf8(text))).replace(/=+$/, '');
}

/** Lower-case hexadecimal SHA-256, as the archive names its files. */
export function sha256Hex(text: string): string {
  let out = '';
  for (const b of sha256(utf8(text))) out += b.toString(16).padStart(2, '0');
  return out;
}
