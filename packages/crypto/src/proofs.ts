import { mod } from './bigint.ts';
import type { Group } from './group.ts';
import { hashToZq } from './hash.ts';
import { randomScalar, type RandomSource } from './random.ts';
import { at } from './util.ts';

/** A Schnorr-style proof (§4.3): Fiat–Shamir challenge and response, both modulo q. */
export interface Proof {
  readonly challenge: bigint;
  readonly response: bigint;
}

/** An exponential ElGamal ciphertext (§4.3): (g^r, y^r · g^m). */
export interface Ciphertext {
  readonly alpha: unknown;
  readonly beta: unknown;
}

/** The group and the election key (with its fast exponentiation) that proofs are relative to. */
export interface KeyContext {
  readonly group: Group;
  readonly publicKey: unknown;
  readonly keyPow: (n: bigint) => unknown;
}

// ---------------------------------------------------------------------------------------------
// Proofs of knowledge of a discrete logarithm: X = g^x (trustee keys, ballot signatures,
// the threshold PKI's signatures). The verifier recomputes A = g^response · X^challenge and
// the challenge from the hash of a string the caller builds around A.

export function proveDlog(
  group: Group,
  x: bigint,
  hashInput: (commitment: string) => string,
  random?: RandomSource,
): Proof {
  const w = randomScalar(group.q, random);
  const challenge = hashToZq(hashInput(group.toString(group.powG(w))), group.q);
  return { challenge, response: mod(w - x * challenge, group.q) };
}

export function checkDlog(group: Group, X: unknown, proof: Proof, hashInput: (commitment: string) => string): boolean {
  const A = group.powGMul(proof.response, X, proof.challenge);
  return hashToZq(hashInput(group.toString(A)), group.q) === proof.challenge;
}

// ---------------------------------------------------------------------------------------------
// Disjunctive proofs (§4.12, §4.13). A branch j claims that a pair (α, β) encrypts M_j:
// its commitments are A_j = g^response · α^challenge and B_j = y^response · (β/g^M_j)^challenge.
// Branches are simulated except the true one; the challenges must add up to the hash.

/** One branch of a disjunction: the ciphertext it speaks about and the plaintext it claims. */
interface Branch {
  readonly alpha: unknown;
  readonly beta: unknown;
  readonly value: number;
}

function commitments(ctx: KeyContext, branch: Branch, proof: Proof): [unknown, unknown] {
  const G = ctx.group;
  const A = G.powGMul(proof.response, branch.alpha, proof.challenge);
  // (β / g^M)^c = β^c · g^(−M·c): one variable exponentiation instead of a division and two.
  const yPart = G.mul(ctx.keyPow(proof.response), G.pow(branch.beta, proof.challenge));
  if (branch.value === 0) return [A, yPart];
  return [A, G.mul(yPart, G.powGPublic(mod(-BigInt(branch.value) * proof.challenge, G.q)))];
}

/** The disjunction's proofs for branches, the true one (index `real`) made with secret r. */
function proveDisjunction(
  ctx: KeyContext,
  branches: readonly Branch[],
  real: number,
  r: bigint,
  hashOf: (commitments: readonly unknown[]) => bigint,
  random?: RandomSource,
): Proof[] {
  const G = ctx.group;
  const proofs: Proof[] = [];
  const points: unknown[] = [];
  const w = randomScalar(G.q, random);
  branches.forEach((branch, j) => {
    if (j === real) {
      proofs.push({ challenge: 0n, response: 0n });
      points.push(G.powG(w), G.powSecret(ctx.publicKey, w));
      return;
    }
    const simulated = { challenge: randomScalar(G.q, random), response: randomScalar(G.q, random) };
    proofs.push(simulated);
    points.push(...commitments(ctx, branch, simulated));
  });
  const total = hashOf(points);
  const others = proofs.reduce((sum, p, j) => (j === real ? sum : sum + p.challenge), 0n);
  const challenge = mod(total - others, G.q);
  proofs[real] = { challenge, response: mod(w - r * challenge, G.q) };
  return proofs;
}

function checkDisjunction(
  ctx: KeyContext,
  branches: readonly Branch[],
  proofs: readonly Proof[],
  hashOf: (commitments: readonly unknown[]) => bigint,
): boolean {
  if (proofs.length !== branches.length) return false;
  const points: unknown[] = [];
  let sum = 0n;
  branches.forEach((branch, j) => {
    const proof = at(proofs, j);
    points.push(...commitments(ctx, branch, proof));
    sum += proof.challenge;
  });
  return hashOf(points) === mod(sum, ctx.group.q);
}

function joined(group: Group, elements: readonly unknown[]): string {
  return elements.map((e) => group.toString(e)).join(',');
}

/** H_iprove (§4.12): SHA256(prove|S|α,β|A0,B0,…,Ak,Bk) mod q. */
function iproveHash(ctx: KeyContext, S: string, c: Ciphertext): (points: readonly unknown[]) => bigint {
  const G = ctx.group;
  const prefix = `prove|${S}|${G.toString(c.alpha)},${G.toString(c.beta)}|`;
  return (points) => hashToZq(prefix + joined(G, points), G.q);
}

/** iprove(S, r, i, M0..Mk) (§4.12): c encrypts values[i] with randomness r. */
export function proveInterval(
  ctx: KeyContext,
  S: string,
  c: Ciphertext,
  r: bigint,
  index: number,
  values: readonly number[],
  random?: RandomSource,
): Proof[] {
  const branches = values.map((value) => ({ ...c, value }));
  return proveDisjunction(ctx, branches, index, r, iproveHash(ctx, S, c), random);
}

export function checkInterval(
  ctx: KeyContext,
  S: string,
  c: Ciphertext,
  values: readonly number[],
  proofs: readonly Proof[],
): boolean {
  const branches = values.map((value) => ({ ...c, value }));
  return checkDisjunction(ctx, branches, proofs, iproveHash(ctx, S, c));
}

/** Integers from min to max inclusive: the values an overall proof ranges over. */
export function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

// Blank-vote proofs (§4.13). c0 encrypts m0 (1 for a blank vote), cS the sum mΣ of the rest.

function bproofHash(ctx: KeyContext, tag: 'bproof0' | 'bproof1', S: string): (points: readonly unknown[]) => bigint {
  return (points) => hashToZq(`${tag}|${S}|${joined(ctx.group, points)}`, ctx.group.q);
}

/** blank_proof: m0 = 0 ∨ mΣ = 0, as the two branches (π0 on c0, πΣ on cS), both claiming 0. */
export function proveBlank(
  ctx: KeyContext,
  S: string,
  c0: Ciphertext,
  cS: Ciphertext,
  blank: boolean,
  r0: bigint,
  rS: bigint,
  random?: RandomSource,
): Proof[] {
  const branches = [
    { ...c0, value: 0 },
    { ...cS, value: 0 },
  ];
  return proveDisjunction(ctx, branches, blank ? 1 : 0, blank ? rS : r0, bproofHash(ctx, 'bproof0', S), random);
}

export function checkBlank(
  ctx: KeyContext,
  S: string,
  c0: Ciphertext,
  cS: Ciphertext,
  proofs: readonly Proof[],
): boolean {
  const branches = [
    { ...c0, value: 0 },
    { ...cS, value: 0 },
  ];
  return checkDisjunction(ctx, branches, proofs, bproofHash(ctx, 'bproof0', S));
}

/** overall_proof with blank allowed: m0 = 1 ∨ mΣ ∈ [min..max], branches π0 then π1..πk. */
export function proveBlankOverall(
  ctx: KeyContext,
  S: string,
  c0: Ciphertext,
  cS: Ciphertext,
  values: readonly number[],
  real: number,
  r: bigint,
  random?: RandomSource,
): Proof[] {
  const branches = [{ ...c0, value: 1 }, ...values.map((value) => ({ ...cS, value }))];
  return proveDisjunction(ctx, branches, real, r, bproofHash(ctx, 'bproof1', S), random);
}

export function checkBlankOverall(
  ctx: KeyContext,
  S: string,
  c0: Ciphertext,
  cS: Ciphertext,
  values: readonly number[],
  proofs: readonly Proof[],
): boolean {
  const branches = [{ ...c0, value: 1 }, ...values.map((value) => ({ ...cS, value }))];
  return checkDisjunction(ctx, branches, proofs, bproofHash(ctx, 'bproof1', S));
}

// ---------------------------------------------------------------------------------------------
// Proof that a decryption factor F = α^x was computed with the trustee's key X = g^x (§4.18):
// A = g^w, B = α^w, challenge = SHA256(decrypt|φ|X|A,B) mod q.

export function proveDecryptionFactor(
  group: Group,
  fingerprint: string,
  x: bigint,
  X: unknown,
  alpha: unknown,
  random?: RandomSource,
): Proof {
  const w = randomScalar(group.q, random);
  const A = group.powG(w);
  const B = group.powSecret(alpha, w);
  const challenge = decryptHash(group, fingerprint, X, A, B);
  return { challenge, response: mod(w - x * challenge, group.q) };
}

export function checkDecryptionFactor(
  group: Group,
  fingerprint: string,
  X: unknown,
  alpha: unknown,
  factor: unknown,
  proof: Proof,
): boolean {
  const A = group.powGMul(proof.response, X, proof.challenge);
  const B = group.pow2(alpha, proof.response, factor, proof.challenge);
  return decryptHash(group, fingerprint, X, A, B) === proof.challenge;
}

function decryptHash(group: Group, fingerprint: string, X: unknown, A: unknown, B: unknown): bigint {
  return hashToZq(`decrypt|${fingerprint}|${group.toString(X)}|${joined(group, [A, B])}`, group.q);
}
