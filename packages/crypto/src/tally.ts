import { ok, type Result } from '@plenum/kernel';
import { mod, modInverse } from './bigint.ts';
import type { Ballot } from './ballot.ts';
import type { Election } from './election.ts';
import { catchFormat, cryptoRefusal } from './errors.ts';
import type { Group } from './group.ts';
import { Json } from './json.ts';
import { checkDecryptionFactor, proveDecryptionFactor, type Ciphertext, type Proof } from './proofs.ts';
import type { RandomSource } from './random.ts';
import type { TrusteeKind } from './trustees.ts';
import { at } from './util.ts';

/** encrypted_tally (§4.16): per question, per answer (blank first if allowed), one ciphertext. */
export type EncryptedTally = readonly (readonly Ciphertext[])[];

/** A ballot counted with its voter's weight. */
export interface WeightedBallot {
  readonly ballot: Ballot;
  readonly credential: string;
  readonly weight: number;
}

/** last(B) (§4.15): only the last ballot of each credential counts, in order of first casting. */
export function lastBallots<T extends { readonly credential: string }>(ballots: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const b of ballots) {
    latest.delete(b.credential);
    latest.set(b.credential, b);
  }
  return [...latest.values()];
}

/** The homomorphic product of the tallied ballots, each raised to its weight (§4.16). */
export function encryptedTally(e: Election, ballots: readonly WeightedBallot[]): EncryptedTally {
  const G = e.group;
  return e.questions.map((q, i) => {
    const n = q.answers.length + (q.blank ? 1 : 0);
    return Array.from({ length: n }, (_, j) =>
      ballots.reduce<Ciphertext>(
        (acc, { ballot, weight }) => {
          const c = at(at(ballot.answers, i).choices, j);
          const w = BigInt(weight);
          const alpha = weight === 1 ? c.alpha : G.pow(c.alpha, w);
          const beta = weight === 1 ? c.beta : G.pow(c.beta, w);
          return { alpha: G.mul(acc.alpha, alpha), beta: G.mul(acc.beta, beta) };
        },
        { alpha: G.one, beta: G.one },
      ),
    );
  });
}

export function writeEncryptedTally(G: Group, tally: EncryptedTally): string {
  const q = tally.map(
    (cs) => `[${cs.map((c) => `{"alpha":"${G.toString(c.alpha)}","beta":"${G.toString(c.beta)}"}`).join(',')}]`,
  );
  return `[${q.join(',')}]`;
}

function shapeOf(e: Election): number[] {
  return e.questions.map((q) => q.answers.length + (q.blank ? 1 : 0));
}

export function parseEncryptedTally(e: Election, text: string): Result<EncryptedTally> {
  return catchFormat('4.16', () => {
    const shape = shapeOf(e);
    return Json.parse(text)
      .array(shape.length)
      .map((q, i) =>
        q.array(shape[i]).map((c) => {
          const o = c.object(['alpha', 'beta']);
          return { alpha: o.get('alpha').element(e.group), beta: o.get('beta').element(e.group) };
        }),
      );
  });
}

// ---------------------------------------------------------------------------------------------
// Partial decryptions (§4.18).

export interface PartialDecryption {
  readonly factors: readonly (readonly unknown[])[];
  readonly proofs: readonly (readonly Proof[])[];
}

/** A trustee's partial decryption with its private key x (a Single key, or a Pedersen share). */
export function makePartialDecryption(
  e: Election,
  tally: EncryptedTally,
  x: bigint,
  random?: RandomSource,
): PartialDecryption {
  const G = e.group;
  const X = G.powG(x);
  return {
    factors: tally.map((cs) => cs.map((c) => G.powSecret(c.alpha, x))),
    proofs: tally.map((cs) => cs.map((c) => proveDecryptionFactor(G, e.fingerprint, x, X, c.alpha, random))),
  };
}

const proofText = (p: Proof): string =>
  `{"challenge":"${p.challenge.toString()}","response":"${p.response.toString()}"}`;

export function writePartialDecryption(G: Group, pd: PartialDecryption): string {
  const factors = pd.factors.map((fs) => `[${fs.map((f) => `"${G.toString(f)}"`).join(',')}]`);
  const proofs = pd.proofs.map((ps) => `[${ps.map(proofText).join(',')}]`);
  return `{"decryption_factors":[${factors.join(',')}],"decryption_proofs":[${proofs.join(',')}]}`;
}

export function parsePartialDecryption(e: Election, text: string): Result<PartialDecryption> {
  return catchFormat('4.18', () => {
    const shape = shapeOf(e);
    const o = Json.parse(text).object(['decryption_factors', 'decryption_proofs']);
    const factors = o
      .get('decryption_factors')
      .array(shape.length)
      .map((fs, i) => fs.array(shape[i]).map((f) => f.element(e.group)));
    const proofs = o
      .get('decryption_proofs')
      .array(shape.length)
      .map((ps, i) =>
        ps.array(shape[i]).map((p) => {
          const po = p.object(['challenge', 'response']);
          return { challenge: po.get('challenge').scalar(e.group.q), response: po.get('response').scalar(e.group.q) };
        }),
      );
    return { factors, proofs };
  });
}

/** Checks every decryption proof against the trustee's verification key X; names the first bad one. */
export function verifyPartialDecryption(
  e: Election,
  tally: EncryptedTally,
  X: unknown,
  pd: PartialDecryption,
): Result<PartialDecryption> {
  for (const [i, cs] of tally.entries()) {
    for (const [j, c] of cs.entries()) {
      if (!checkDecryptionFactor(e.group, e.fingerprint, X, c.alpha, at(pd.factors, i)[j], at(at(pd.proofs, i), j))) {
        return cryptoRefusal('invalid-proof', '4.18', `$.decryption_proofs[${i}][${j}]`, 'the proof does not verify');
      }
    }
  }
  return ok(pd);
}

// ---------------------------------------------------------------------------------------------
// The result (§4.19).

/** λ_δ = Π_{k ∈ I \ {δ}} k / (k − δ) mod q: Lagrange coefficients at 0 for the indexes I. */
export function lagrangeCoefficients(q: bigint, indexes: readonly number[]): bigint[] {
  return indexes.map((d) =>
    indexes.reduce((acc, k) => (k === d ? acc : mod(acc * BigInt(k) * modInverse(BigInt(k - d), q), q)), 1n),
  );
}

/**
 * Combines the partial decryptions into the decryption factors F_ij (§4.19). `byOwner` maps a
 * trustee's number (from 1, in the order of trusteeKeysInOrder) to its verified decryption.
 */
export function combineDecryptions(
  e: Election,
  tally: EncryptedTally,
  trustees: readonly TrusteeKind[],
  byOwner: ReadonlyMap<number, PartialDecryption>,
): Result<unknown[][]> {
  const G = e.group;
  let F: unknown[][] = tally.map((cs) => cs.map(() => G.one));
  let owner = 1;
  for (const [tau, t] of trustees.entries()) {
    const parts: { index: number; pd: PartialDecryption }[] = [];
    const size = t.kind === 'Single' ? 1 : t.parameters.verificationKeys.length;
    for (let k = 0; k < size; k += 1) {
      const pd = byOwner.get(owner + k);
      if (pd !== undefined) parts.push({ index: k + 1, pd });
    }
    owner += size;
    const needed = t.kind === 'Single' ? 1 : t.parameters.threshold;
    if (parts.length < needed) {
      return cryptoRefusal(
        'malformed',
        '4.19',
        `$.trustees[${tau}]`,
        `${needed} partial decryptions needed, ${parts.length} given`,
      );
    }
    const used = parts.slice(0, needed);
    const lambdas =
      t.kind === 'Single'
        ? [1n]
        : lagrangeCoefficients(
            G.q,
            used.map((p) => p.index),
          );
    F = F.map((row, i) =>
      row.map((f, j) => used.reduce((acc, p, k) => G.mul(acc, G.pow(at(p.pd.factors, i)[j], at(lambdas, k))), f)),
    );
  }
  return ok(F);
}

/** The largest count a result may hold: it bounds the baby-step table to 10^5 entries. */
export const MAX_TOTAL_WEIGHT = 10_000_000_000;

/** log_g(x) for 0 ≤ log ≤ bound, by baby steps and giant steps; undefined if out of range. */
export function smallLog(G: Group, x: unknown, bound: number): number | undefined {
  if (!Number.isSafeInteger(bound) || bound < 0 || bound > MAX_TOTAL_WEIGHT) return undefined;
  const m = Math.max(1, Math.ceil(Math.sqrt(bound + 1)));
  // Keyed by a short suffix of each element's text (2048-bit elements are 617 digits long);
  // a candidate is confirmed by recomputing g^n, so a suffix collision cannot mislead.
  const key = (e: unknown): string => G.toString(e).slice(-24);
  const baby = new Map<string, number[]>();
  let e = G.one;
  for (let j = 0; j < m; j += 1) {
    const k = key(e);
    baby.set(k, [...(baby.get(k) ?? []), j]);
    e = G.mul(e, G.g);
  }
  const giant = G.powG(mod(-BigInt(m), G.q));
  let gamma = x;
  for (let i = 0; i * m <= bound; i += 1) {
    for (const j of baby.get(key(gamma)) ?? []) {
      const n = i * m + j;
      if (n <= bound && G.equals(G.powGPublic(BigInt(n)), x)) return n;
    }
    gamma = G.mul(gamma, giant);
  }
  return undefined;
}

/** result_ij = log_g(β_ij / F_ij), bounded by the total weight of the tallied ballots. */
export function decryptResult(
  e: Election,
  tally: EncryptedTally,
  factors: readonly (readonly unknown[])[],
  totalWeight: number,
): Result<number[][]> {
  const G = e.group;
  const result: number[][] = [];
  for (const [i, cs] of tally.entries()) {
    const row: number[] = [];
    for (const [j, c] of cs.entries()) {
      const n = smallLog(G, G.div(c.beta, at(factors, i)[j]), totalWeight);
      if (n === undefined) {
        return cryptoRefusal('invalid-proof', '4.19', `$.result[${i}][${j}]`, `no count from 0 to ${totalWeight}`);
      }
      row.push(n);
    }
    result.push(row);
  }
  return ok(result);
}

export function writeResult(result: readonly (readonly number[])[]): string {
  return `{"result":${JSON.stringify(result)}}`;
}
