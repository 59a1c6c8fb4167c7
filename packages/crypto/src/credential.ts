import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ok, utf8, type Result } from '@plenum/kernel';
import { bytesToBigInt, mod, parseNatural } from './bigint.ts';
import { cryptoRefusal } from './errors.ts';
import { sha256Hex } from './hash.ts';
import type { Group } from './group.ts';
import { systemRandom, type RandomSource } from './random.ts';

/**
 * Voter credentials. Two styles, told apart by their shape:
 *  - Belenios 2.0 (§4.8), what belenios-tool 2.0 issues: 15 Base58 characters, written
 *    XXX-XXX-XXX-XXX-XXX, the last one a checksum; the secret exponent is PBKDF2 of the
 *    credential with the election's uuid as salt;
 *  - "full" credentials of later Belenios versions (specification 3.1, §4.8): 22 random
 *    Base58 characters written XXXXX-XXXXXX-XXXXX-XXXXXX, no checksum; the secret is
 *    SHA256(derive_credential|uuid|0|c) ‖ SHA256(derive_credential|uuid|1|c) mod q.
 * The public credential is g to the secret.
 */
export const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const DIGITS = 14;

function digitsOf(credential: string): number[] | undefined {
  const compact = /^[1-9A-HJ-NP-Za-km-z]{3}(-[1-9A-HJ-NP-Za-km-z]{3}){4}$/.test(credential)
    ? credential.replaceAll('-', '')
    : credential;
  if (!/^[1-9A-HJ-NP-Za-km-z]{15}$/.test(compact)) return undefined;
  return Array.from(compact, (ch) => BASE58_ALPHABET.indexOf(ch));
}

function valueOf(digits: readonly number[]): bigint {
  let n = 0n;
  for (const d of digits.slice(0, DIGITS)) n = n * 58n + BigInt(d);
  return n;
}

/** The checksum digit belenios-tool writes: 53 − (n mod 53), so 53 (not 0) when 53 divides n. */
function checksum(digits: readonly number[]): number {
  return 53 - Number(valueOf(digits) % 53n);
}

/** Is this a well-formed private credential with a correct checksum (a typing error caught)? */
export function isPrivateCredential(credential: string): boolean {
  const digits = digitsOf(credential);
  if (digits === undefined) return false;
  // What the specification asks: the value plus the checksum is a multiple of 53.
  return (valueOf(digits) + BigInt(digits[DIGITS] ?? -1)) % 53n === 0n;
}

const FULL = /^[1-9A-HJ-NP-Za-km-z]{5}-[1-9A-HJ-NP-Za-km-z]{6}-[1-9A-HJ-NP-Za-km-z]{5}-[1-9A-HJ-NP-Za-km-z]{6}$/;

/** Is this a "full" (22-character) credential of later Belenios versions? */
export function isFullCredential(credential: string): boolean {
  return FULL.test(credential);
}

function randomDigits(count: number, random: RandomSource): number[] {
  const digits: number[] = [];
  // Rejection sampling keeps each digit uniform: 58 does not divide 256.
  while (digits.length < count) {
    for (const byte of random(32)) if (byte < 232 && digits.length < count) digits.push(byte % 58);
  }
  return digits;
}

const text = (digits: readonly number[]): string => digits.map((d) => BASE58_ALPHABET.charAt(d)).join('');

export type CredentialStyle = 'belenios-2.0' | 'full';

/** A new private credential, written with dashes as Belenios writes them. */
export function generatePrivateCredential(
  random: RandomSource = systemRandom,
  style: CredentialStyle = 'belenios-2.0',
): string {
  if (style === 'full') {
    const t = text(randomDigits(22, random));
    return `${t.slice(0, 5)}-${t.slice(5, 11)}-${t.slice(11, 16)}-${t.slice(16)}`;
  }
  const digits = randomDigits(DIGITS, random);
  digits.push(checksum(digits));
  const t = text(digits);
  return [0, 3, 6, 9, 12].map((k) => t.slice(k, k + 3)).join('-');
}

/** secret(c): by PBKDF2 for a Belenios 2.0 credential, by SHA-256 for a full one (see above). */
export function credentialSecret(group: Group, uuid: string, credential: string): Result<bigint> {
  if (isFullCredential(credential)) {
    const hex = [0, 1].map((i) => sha256Hex(`derive_credential|${uuid}|${i}|${credential}`)).join('');
    return ok(mod(BigInt(`0x${hex}`), group.q));
  }
  if (!isPrivateCredential(credential)) {
    return cryptoRefusal('malformed', '4.8', '$', 'not a private credential (15 Base58 characters with a checksum)');
  }
  const key = pbkdf2(sha256, utf8(credential), utf8(uuid), { c: 1000, dkLen: 32 });
  return ok(mod(bytesToBigInt(key), group.q));
}

/** public(c) = g^secret(c), as written in the public credentials. */
export function publicCredential(group: Group, secret: bigint): string {
  return group.toString(group.powG(secret));
}

/** The largest weight of one voter. */
export const MAX_WEIGHT = 1_000_000n;

/** One entry of the public credentials list (§4.8): `credential` or `credential,weight`. */
export interface PublicCredential {
  readonly credential: string;
  readonly weight: number;
}

/**
 * Reads a public credentials line. belenios-tool's .pubcreds files add a third field (the
 * voter's id, with an empty weight meaning 1); the archive keeps only the first one or two.
 */
export function parsePublicCredential(group: Group, line: string): PublicCredential | undefined {
  const [credential = '', weightText = '', ...rest] = line.split(',');
  if (rest.length > 1 || group.parse(credential) === undefined) return undefined;
  if (weightText === '') return { credential, weight: 1 };
  const weight = parseNatural(weightText);
  // Weights are small (§1): their sum is the discrete logarithm the result decrypts.
  if (weight === undefined || weight < 1n || weight > MAX_WEIGHT) return undefined;
  return { credential, weight: Number(weight) };
}
