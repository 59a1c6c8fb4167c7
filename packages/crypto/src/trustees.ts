import type { Result } from '@plenum/kernel';
import { mod } from './bigint.ts';
import { catchFormat } from './errors.ts';
import type { Group } from './group.ts';
import { Json, jsonString } from './json.ts';
import { checkDlog, proveDlog, type Proof } from './proofs.ts';
import { randomScalar, type RandomSource } from './random.ts';
import { at } from './util.ts';

/**
 * Trustees (§3.1.1, §4.5–4.7): each "Single" trustee holds a whole sub-key, each "Pedersen"
 * group shares one sub-key t-of-n; the election key is the product of the sub-keys.
 */

/** trustee_public_key (§4.5): a public key with a proof of knowledge of its private key. */
export interface TrusteePublicKey {
  readonly publicKey: unknown;
  readonly pok: Proof;
}

/** A signed_msg (§4.6.1): a message string with a Schnorr signature. */
export interface SignedMessage {
  readonly message: string;
  readonly signature: Proof;
}

/** threshold_parameters (§4.6.7). `threshold` is t + 1: how many trustees must decrypt. */
export interface ThresholdParameters {
  readonly threshold: number;
  readonly certs: readonly SignedMessage[];
  readonly coefexps: readonly SignedMessage[];
  readonly verificationKeys: readonly TrusteePublicKey[];
}

export type TrusteeKind =
  | { readonly kind: 'Single'; readonly key: TrusteePublicKey }
  | { readonly kind: 'Pedersen'; readonly parameters: ThresholdParameters };

// ---------------------------------------------------------------------------------------------
// Proofs of knowledge (§4.5): challenge = SHA256(pok|G|X|A) mod q, G the group's name.

function pokInput(group: Group, X: unknown): (A: string) => string {
  return (A) => `pok|${group.name}|${group.toString(X)}|${A}`;
}

export function makeTrusteePublicKey(group: Group, x: bigint, random?: RandomSource): TrusteePublicKey {
  const publicKey = group.powG(x);
  return { publicKey, pok: proveDlog(group, x, pokInput(group, publicKey), random) };
}

export function checkTrusteePublicKey(group: Group, key: TrusteePublicKey): boolean {
  return checkDlog(group, key.publicKey, key.pok, pokInput(group, key.publicKey));
}

/** A new "Single" trustee: the private key (keep it secret) and the public key to publish. */
export function generateTrusteeKey(
  group: Group,
  random?: RandomSource,
): { readonly privateKey: bigint; readonly publicKey: TrusteePublicKey } {
  let x = 0n;
  while (x === 0n) x = randomScalar(group.q, random);
  return { privateKey: x, publicKey: makeTrusteePublicKey(group, x, random) };
}

// Signatures of the threshold PKI (§4.6.1): challenge = SHA256(sigmsg|M|A) mod q.

export function signMessage(group: Group, sk: bigint, message: string, random?: RandomSource): SignedMessage {
  return { message, signature: proveDlog(group, sk, (A) => `sigmsg|${message}|${A}`, random) };
}

export function checkSignedMessage(group: Group, vk: unknown, signed: SignedMessage): boolean {
  return checkDlog(group, vk, signed.signature, (A) => `sigmsg|${signed.message}|${A}`);
}

// ---------------------------------------------------------------------------------------------
// Serialisation, as belenios-tool 2.0 writes it.

function writeProof(p: Proof): string {
  return `{"challenge":"${p.challenge.toString()}","response":"${p.response.toString()}"}`;
}

export function writeTrusteePublicKey(group: Group, key: TrusteePublicKey): string {
  return `{"pok":${writeProof(key.pok)},"public_key":"${group.toString(key.publicKey)}"}`;
}

function writeSigned(s: SignedMessage): string {
  return `{"message":${jsonString(s.message)},"signature":${writeProof(s.signature)}}`;
}

export function writeThresholdParameters(group: Group, t: ThresholdParameters): string {
  return (
    `{"threshold":${t.threshold},"certs":[${t.certs.map(writeSigned).join(',')}],` +
    `"coefexps":[${t.coefexps.map(writeSigned).join(',')}],` +
    `"verification_keys":[${t.verificationKeys.map((k) => writeTrusteePublicKey(group, k)).join(',')}]}`
  );
}

export function writeTrustees(group: Group, trustees: readonly TrusteeKind[]): string {
  const items = trustees.map((t) =>
    t.kind === 'Single'
      ? `["Single",${writeTrusteePublicKey(group, t.key)}]`
      : `["Pedersen",${writeThresholdParameters(group, t.parameters)}]`,
  );
  return `[${items.join(',')}]`;
}

// ---------------------------------------------------------------------------------------------
// Reading and checking (what the server checks in §3.1.1 and an auditor again later).

function readProof(j: Json, q: bigint): Proof {
  const o = j.object(['challenge', 'response']);
  return { challenge: o.get('challenge').scalar(q), response: o.get('response').scalar(q) };
}

function readTrusteePublicKey(group: Group, j: Json): TrusteePublicKey {
  const o = j.object(['pok', 'public_key']);
  const key = { publicKey: o.get('public_key').element(group), pok: readProof(o.get('pok'), group.q) };
  if (!checkTrusteePublicKey(group, key)) o.get('pok').fail('the proof of knowledge does not verify');
  return key;
}

function readSigned(group: Group, j: Json): SignedMessage {
  const o = j.object(['message', 'signature']);
  return { message: o.get('message').string(), signature: readProof(o.get('signature'), group.q) };
}

/** The keys a Pedersen trustee's certificate holds (§4.6.2). */
export interface CertKeys {
  readonly verification: unknown;
  readonly encryption: unknown;
}

export function readCertKeys(group: Group, cert: SignedMessage, where: Json): CertKeys {
  const inner = (() => {
    try {
      return Json.parse(cert.message);
    } catch {
      return where.fail('the certificate message is not JSON');
    }
  })();
  const o = new Json(inner.value, `${where.path}.message`).object(['verification', 'encryption']);
  return { verification: o.get('verification').element(group), encryption: o.get('encryption').element(group) };
}

function readCoefexps(group: Group, signed: SignedMessage, where: Json): unknown[] {
  let inner: Json;
  try {
    inner = Json.parse(signed.message);
  } catch {
    where.fail('the coefexps message is not JSON');
  }
  const o = new Json(inner.value, `${where.path}.message`).object(['coefexps']);
  return o
    .get('coefexps')
    .array()
    .map((a) => a.element(group));
}

/** g^(f_i(j)) for every i, from the published coefficient exponentials: Π_k A_ik^(j^k). */
export function shareCommitment(group: Group, coefexps: readonly unknown[], j: number): unknown {
  let result = group.one;
  let power = 1n;
  for (const A of coefexps) {
    result = group.mul(result, group.pow(A, power));
    power = mod(power * BigInt(j), group.q);
  }
  return result;
}

function readThreshold(group: Group, j: Json): ThresholdParameters {
  const o = j.object(['threshold', 'certs', 'coefexps', 'verification_keys']);
  const certsJson = o.get('certs').array();
  const m = certsJson.length;
  if (m < 1) o.get('certs').fail('at least one trustee');
  const threshold = o.get('threshold').integer(1, m);
  const certs = certsJson.map((c) => readSigned(group, c));
  const keys = certs.map((c, i) => readCertKeys(group, c, at(certsJson, i)));
  certs.forEach((c, i) => {
    if (!checkSignedMessage(group, at(keys, i).verification, c))
      at(certsJson, i).fail('the certificate signature does not verify');
  });
  const coefJson = o.get('coefexps').array(m);
  const coefexps = coefJson.map((c) => readSigned(group, c));
  const polys = coefexps.map((c, i) => {
    if (!checkSignedMessage(group, at(keys, i).verification, c)) at(coefJson, i).fail('the signature does not verify');
    const exps = readCoefexps(group, c, at(coefJson, i));
    if (exps.length !== threshold) at(coefJson, i).fail(`expected ${threshold} coefficients, found ${exps.length}`);
    return exps;
  });
  const vkJson = o.get('verification_keys').array(m);
  const verificationKeys = vkJson.map((v, idx) => {
    const key = readTrusteePublicKey(group, v);
    const expected = polys.reduce((acc, exps) => group.mul(acc, shareCommitment(group, exps, idx + 1)), group.one);
    if (!group.equals(expected, key.publicKey)) v.fail('not the key the coefficient exponentials give');
    return key;
  });
  return { threshold, certs, coefexps, verificationKeys };
}

/** Reads and checks a trustees structure (§4.7): every proof and signature in it. */
export function parseTrustees(group: Group, text: string): Result<TrusteeKind[]> {
  return catchFormat('4.7', () =>
    Json.parse(text)
      .array()
      .map((item): TrusteeKind => {
        const [tag, body] = item.array(2) as [Json, Json];
        const kind = tag.string();
        if (kind === 'Single') return { kind, key: readTrusteePublicKey(group, body) };
        if (kind === 'Pedersen') return { kind, parameters: readThreshold(group, body) };
        return tag.fail('expected "Single" or "Pedersen"');
      }),
  );
}

/** Reads one trustee_public_key (a .pubkey file), checking its proof. */
export function parseTrusteePublicKey(group: Group, text: string): Result<TrusteePublicKey> {
  return catchFormat('4.5', () => readTrusteePublicKey(group, Json.parse(text)));
}

/** The election key: the product of every item's sub-key (§3.1.1). */
export function electionPublicKey(group: Group, trustees: readonly TrusteeKind[]): unknown {
  return trustees.reduce<unknown>((y, t) => group.mul(y, subKey(group, t)), group.one);
}

function subKey(group: Group, t: TrusteeKind): unknown {
  if (t.kind === 'Single') return t.key.publicKey;
  return t.parameters.coefexps.reduce<unknown>((acc, c) => {
    const first = readCoefexps(group, c, new Json(undefined, '$'))[0];
    return group.mul(acc, first ?? group.one);
  }, group.one);
}

/**
 * The verification keys in the order belenios-tool numbers trustees (the `owner` of a
 * partial decryption, from 1): every "Single" key and every Pedersen trustee's key, in order.
 */
export function trusteeKeysInOrder(trustees: readonly TrusteeKind[]): unknown[] {
  return trustees.flatMap((t) =>
    t.kind === 'Single' ? [t.key.publicKey] : t.parameters.verificationKeys.map((k) => k.publicKey),
  );
}
