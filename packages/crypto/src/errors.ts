import { refused, type Refusal, type RuleCitation } from '@plenum/kernel';

/**
 * What is wrong with a Belenios message, and where: `where` is a JSON path into it
 * (`$.answers[1].individual_proofs[0][1].challenge`). Thrown only inside this package, by
 * the readers; every public entry point turns it into a refusal (a value, never a throw).
 */
export class FormatError extends Error {
  constructor(
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${where}: ${detail}`);
    this.name = 'FormatError';
  }
}

export function isFormatError(error: unknown): error is FormatError {
  return error instanceof FormatError;
}

/** The kinds of refusal, each with a stable message key for the translation layer. */
export type CryptoProblem =
  /** Not the expected JSON shape: a field missing, unknown, of the wrong type or out of range. */
  | 'malformed'
  /** Well formed, but for another election (uuid or fingerprint). */
  | 'wrong-election'
  /** A zero-knowledge proof or signature does not verify. */
  | 'invalid-proof'
  /** The credential is not one of the election's public credentials. */
  | 'unknown-credential'
  /** Something Plenum does not support (a group, a question type). */
  | 'unsupported';

/** Every message key a refusal of this package can carry, for the translation catalogs. */
export const CRYPTO_MESSAGE_KEYS = [
  'crypto.malformed',
  'crypto.wrong-election',
  'crypto.invalid-proof',
  'crypto.unknown-credential',
  'crypto.unsupported',
] as const satisfies readonly `crypto.${CryptoProblem}`[];

/** Rules of the Belenios specification, cited by section of version 2.0. */
export function belenios(clause: string): RuleCitation {
  return { source: 'Belenios specification 2.0', clause };
}

export function cryptoRefusal(problem: CryptoProblem, clause: string, where: string, detail: string): Refusal {
  const rule = belenios(clause);
  return refused(rule, `crypto.${problem}`, { rule: `${rule.source} ${rule.clause}`, where, detail });
}

/** Runs a reader; a FormatError becomes a `malformed` refusal citing `clause`. */
export function catchFormat<T>(clause: string, read: () => T): { ok: true; value: T } | Refusal {
  try {
    return { ok: true, value: read() };
  } catch (error) {
    if (isFormatError(error)) return cryptoRefusal('malformed', clause, error.where, error.detail);
    throw error;
  }
}
