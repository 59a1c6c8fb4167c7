import { randomBytes } from '@noble/hashes/utils.js';
import { bytesToBigInt, mod } from './bigint.ts';

/** Source of randomness: the platform's CSPRNG by default; tests may pass their own. */
export type RandomSource = (length: number) => Uint8Array;

export const systemRandom: RandomSource = (length) => randomBytes(length);

/** A uniform scalar in [0, q): 64 random bytes reduced modulo q, bias below 2^-250. */
export function randomScalar(q: bigint, random: RandomSource = systemRandom): bigint {
  return mod(bytesToBigInt(random(64)), q);
}
