import { sha256 } from '@noble/hashes/sha2.js';
import type { TieBreak } from './report.ts';
import { utf8 } from '@plenum/kernel';

/**
 * Drawing lots reproducibly. Where a rule leaves a tie to chance, the count takes a seed
 * (given by whoever runs it, published with the result) and the i-th draw picks among n
 * tied candidates with SHA-256(seed ‖ ":" ‖ i), read as a big-endian integer, modulo n —
 * after rejecting values that would bias the modulus. Anyone holding the seed gets the same
 * draws: each draw is reported with its number.
 */
export class SeededLot {
  #next = 0;

  constructor(readonly seed: string) {}

  /** A number in [0, n), and which draw it was. */
  draw(n: number): { readonly value: number; readonly draw: number } {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`cannot draw among ${n}`);
    const limit = (1n << 256n) - ((1n << 256n) % BigInt(n));
    for (;;) {
      const draw = this.#next;
      this.#next += 1;
      const digest = sha256(utf8(`${this.seed}:${draw}`));
      let value = 0n;
      for (const byte of digest) value = (value << 8n) | BigInt(byte);
      if (value < limit) return { value: Number(value % BigInt(n)), draw };
    }
  }
}

/**
 * Draws `room` of the tied candidates in `tied` by lot, one draw at a time, and records each
 * draw as a tie-break (round 1, to elect) citing `how`. Returns the chosen, in draw order.
 */
export function drawByLot(
  lot: SeededLot,
  tied: readonly number[],
  room: number,
  how: string,
  tieBreaks: TieBreak[],
): number[] {
  const pool = [...tied];
  const chosen: number[] = [];
  while (chosen.length < room && pool.length > 0) {
    const draw = lot.draw(pool.length);
    const pick = pool[draw.value] ?? -1;
    tieBreaks.push({
      round: 1,
      between: [...pool],
      chosen: pick,
      purpose: 'elect',
      how,
      lot: { seed: lot.seed, draw: draw.draw, of: pool.length },
    });
    chosen.push(pick);
    pool.splice(draw.value, 1);
  }
  return chosen;
}
