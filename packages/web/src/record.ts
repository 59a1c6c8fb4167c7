import type { PublicRecord } from './api/client.ts';

// Pure helpers that read the public record as the page shows it.

export type Witness = PublicRecord['log']['witnesses'][number];

/** The tree size witnesses are measured against: the latest checkpoint's, else the log's event count. */
export function latestSize(record: PublicRecord): number {
  return record.checkpoint?.size ?? record.log.size;
}

/** How many events a witness's latest cosignature is behind the latest checkpoint (0: up to date). */
export function eventsBehind(record: PublicRecord, witness: Witness): number {
  return Math.max(0, latestSize(record) - witness.size);
}

/** A key's name: the part of a note verifier key before its first '+' (C2SP signed-note). */
export function keyName(verifierKey: string): string {
  const plus = verifierKey.indexOf('+');
  return plus < 0 ? verifierKey : verifierKey.slice(0, plus);
}
