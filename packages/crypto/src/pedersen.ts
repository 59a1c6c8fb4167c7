import { ok, type Result } from '@plenum/kernel';
import { mod } from './bigint.ts';
import { deriveTrusteeKeys, readNumberMessage, receiveMessage, sendMessage } from './channel.ts';
import { BASE58_ALPHABET } from './credential.ts';
import { catchFormat, cryptoRefusal } from './errors.ts';
import type { Group } from './group.ts';
import { Json, jsonString } from './json.ts';
import { randomScalar, systemRandom, type RandomSource } from './random.ts';
import {
  checkSignedMessage,
  makeTrusteePublicKey,
  parseTrusteePublicKey,
  readCertKeys,
  shareCommitment,
  signMessage,
  writeThresholdParameters,
  writeTrusteePublicKey,
  type CertKeys,
  type SignedMessage,
  type ThresholdParameters,
} from './trustees.ts';
import { at } from './util.ts';

/**
 * Threshold key generation exactly as belenios-tool 2.0 runs it (§3.1.1 "Pedersen", §4.6;
 * `setup generate-trustee-key-threshold --step 1…6`), so Plenum's trustees and
 * belenios-tool's can take part in the same generation. Every message is the JSON text
 * belenios-tool reads and writes; the shares travel only inside channel messages, so the
 * server that routes them learns nothing.
 *
 *   step 1 (each trustee)  a secret seed and its certificate
 *   step 3 (each trustee)  a polynomial: coefficients, encrypted shares for every trustee
 *   step 4 (server)        a vinput for each trustee: the shares meant for it
 *   step 5 (each trustee)  checks its shares, a voutput: its encrypted key and verification key
 *   step 6 (server)        the threshold parameters published with the election
 */

function signedText(s: SignedMessage): string {
  return (
    `{"message":${jsonString(s.message)},"signature":{"challenge":"${s.signature.challenge.toString()}",` +
    `"response":"${s.signature.response.toString()}"}}`
  );
}

function readSigned(group: Group, j: Json): SignedMessage {
  const o = j.object(['message', 'signature']);
  const p = o.get('signature').object(['challenge', 'response']);
  return {
    message: o.get('message').string(),
    signature: { challenge: p.get('challenge').scalar(group.q), response: p.get('response').scalar(group.q) },
  };
}

/** Step 1: a trustee's secret seed (keep it) and certificate (publish it). */
export function pedersenStep1(group: Group, random: RandomSource = systemRandom): { seed: string; cert: string } {
  let seed = '';
  while (seed.length < 22) {
    for (const byte of random(32)) if (byte < 232 && seed.length < 22) seed += BASE58_ALPHABET.charAt(byte % 58);
  }
  const { sk, dk } = deriveTrusteeKeys(group, seed);
  const keys = `{"verification":"${group.toString(group.powG(sk))}","encryption":"${group.toString(group.powG(dk))}"}`;
  return { seed, cert: signedText(signMessage(group, sk, keys, random)) };
}

/** The certificates (one JSON text each, in trustee order), read and their signatures checked. */
function readCerts(group: Group, certs: readonly string[]): { certs: SignedMessage[]; keys: CertKeys[] } {
  const signed = certs.map((c, i) => readSigned(group, new Json(Json.parse(c).value, `$.certs[${i}]`)));
  const keys = signed.map((c, i) => readCertKeys(group, c, new Json(undefined, `$.certs[${i}]`)));
  signed.forEach((c, i) => {
    if (!checkSignedMessage(group, at(keys, i).verification, c)) {
      new Json(undefined, `$.certs[${i}]`).fail('the certificate signature does not verify');
    }
  });
  return { certs: signed, keys };
}

/** Which certificate is this seed's (from 1), or a failure. */
function ownIndex(group: Group, keys: readonly CertKeys[], seed: string): { index: number; sk: bigint; dk: bigint } {
  const { sk, dk } = deriveTrusteeKeys(group, seed);
  const index = keys.findIndex(
    (k) => group.equals(k.verification, group.powG(sk)) && group.equals(k.encryption, group.powG(dk)),
  );
  if (index < 0) new Json(undefined, '$.certs').fail('none of the certificates is this trustee’s');
  return { index: index + 1, sk, dk };
}

/** Step 3: the polynomial of the trustee with this seed, for `threshold` (t + 1) of n. */
export function pedersenStep3(
  group: Group,
  certs: readonly string[],
  seed: string,
  threshold: number,
  random?: RandomSource,
): Result<string> {
  return catchFormat('4.6.4', () => {
    const { keys } = readCerts(group, certs);
    const { sk, dk } = ownIndex(group, keys, seed);
    if (!Number.isSafeInteger(threshold) || threshold < 1 || threshold > keys.length) {
      new Json(threshold, '$.threshold').fail(`expected from 1 to ${keys.length}`);
    }
    const coefficients = Array.from({ length: threshold }, () => randomScalar(group.q, random));
    const raw = `{"polynomial":[${coefficients.map((a) => `"${a.toString()}"`).join(',')}]}`;
    const polynomial = sendMessage(group, sk, group.powG(dk), raw, random);
    const secrets = keys.map((k, j) => {
      const share = coefficients.reduceRight((acc, a) => mod(acc * BigInt(j + 1) + a, group.q), 0n);
      return sendMessage(group, sk, k.encryption, `{"secret":"${share.toString()}"}`, random);
    });
    const exps = coefficients.map((a) => `"${group.toString(group.powG(a))}"`).join(',');
    const coefexps = signMessage(group, sk, `{"coefexps":[${exps}]}`, random);
    return (
      `{"polynomial":${jsonString(polynomial)},"secrets":[${secrets.map(jsonString).join(',')}],` +
      `"coefexps":${signedText(coefexps)}}`
    );
  });
}

interface Polynomial {
  readonly polynomial: string;
  readonly secrets: readonly string[];
  readonly coefexps: SignedMessage;
  readonly coefexpsJson: Json;
}

function readPolynomial(group: Group, text: string, i: number): Polynomial {
  const o = new Json(Json.parse(text).value, `$.polynomials[${i}]`).object(['polynomial', 'secrets', 'coefexps']);
  return {
    polynomial: o.get('polynomial').string(),
    secrets: o
      .get('secrets')
      .array()
      .map((s) => s.string()),
    coefexps: readSigned(group, o.get('coefexps')),
    coefexpsJson: o.get('coefexps'),
  };
}

function coefexpsOf(
  group: Group,
  keys: readonly CertKeys[],
  signed: readonly SignedMessage[],
  where: string,
): unknown[][] {
  return signed.map((c, i) => {
    const j = new Json(undefined, `${where}[${i}]`);
    if (!checkSignedMessage(group, at(keys, i).verification, c)) j.fail('the signature does not verify');
    const o = new Json(Json.parse(c.message).value, `${where}[${i}].message`).object(['coefexps']);
    return o
      .get('coefexps')
      .array()
      .map((a) => a.element(group));
  });
}

/** Step 4 (the server): one vinput per trustee, routing it the shares sent to it. */
export function pedersenStep4(
  group: Group,
  certs: readonly string[],
  polynomials: readonly string[],
): Result<string[]> {
  return catchFormat('4.6.5', () => {
    const { keys } = readCerts(group, certs);
    if (polynomials.length !== keys.length) new Json(undefined, '$.polynomials').fail(`expected ${keys.length}`);
    const ps = polynomials.map((p, i) => readPolynomial(group, p, i));
    coefexpsOf(
      group,
      keys,
      ps.map((p) => p.coefexps),
      '$.polynomials.coefexps',
    );
    const coefexps = ps.map((p) => signedText(p.coefexps)).join(',');
    return keys.map((_, j) => {
      const secrets = ps.map((p, i) => {
        const s = p.secrets[j];
        if (p.secrets.length !== keys.length || s === undefined) {
          return new Json(undefined, `$.polynomials[${i}].secrets`).fail(`expected ${keys.length}`);
        }
        return jsonString(s);
      });
      return `{"polynomial":${jsonString(at(ps, j).polynomial)},"secrets":[${secrets.join(',')}],"coefexps":[${coefexps}]}`;
    });
  });
}

/** Step 5: the trustee checks every share sent to it and makes its voutput. */
export function pedersenStep5(
  group: Group,
  certs: readonly string[],
  seed: string,
  vinput: string,
  random?: RandomSource,
): Result<string> {
  const read = catchFormat('4.6.5', () => {
    const { keys } = readCerts(group, certs);
    const me = ownIndex(group, keys, seed);
    const o = Json.parse(vinput).object(['polynomial', 'secrets', 'coefexps']);
    const secrets = o
      .get('secrets')
      .array(keys.length)
      .map((s) => s.string());
    const signed = o
      .get('coefexps')
      .array(keys.length)
      .map((c) => readSigned(group, c));
    return { keys, me, secrets, coefexps: coefexpsOf(group, keys, signed, '$.coefexps') };
  });
  if (!read.ok) return read;
  const { keys, me, secrets, coefexps } = read.value;
  let total = 0n;
  for (const [i, text] of secrets.entries()) {
    const message = receiveMessage(group, me.dk, at(keys, i).verification, text);
    if (!message.ok) return message;
    const share = readNumberMessage(group, 'secret', message.value);
    if (!share.ok) return share;
    if (!group.equals(group.powG(share.value), shareCommitment(group, at(coefexps, i), me.index))) {
      return cryptoRefusal('invalid-proof', '4.6.5', `$.secrets[${i}]`, `the share from trustee ${i + 1} is wrong`);
    }
    total += share.value;
  }
  const key = mod(total, group.q);
  const privateKey = sendMessage(group, me.sk, group.powG(me.dk), `{"decryption_key":"${key.toString()}"}`, random);
  const publicKey = writeTrusteePublicKey(group, makeTrusteePublicKey(group, key, random));
  return ok(`{"private_key":${jsonString(privateKey)},"public_key":${publicKey}}`);
}

/** Step 6 (the server): checks every voutput and makes the threshold parameters. */
export function pedersenStep6(
  group: Group,
  certs: readonly string[],
  polynomials: readonly string[],
  voutputs: readonly string[],
): Result<string> {
  return catchFormat('4.6.7', () => {
    const read = readCerts(group, certs);
    const ps = polynomials.map((p, i) => readPolynomial(group, p, i));
    const coefexps = coefexpsOf(
      group,
      read.keys,
      ps.map((p) => p.coefexps),
      '$.polynomials.coefexps',
    );
    if (voutputs.length !== read.keys.length) new Json(undefined, '$.voutputs').fail(`expected ${read.keys.length}`);
    const verificationKeys = voutputs.map((v, j) => {
      const o = new Json(Json.parse(v).value, `$.voutputs[${j}]`).object(['private_key', 'public_key']);
      const key = parseTrusteePublicKey(group, JSON.stringify(o.get('public_key').value));
      if (!key.ok) return o.get('public_key').fail('not a trustee public key with a valid proof');
      const expected = coefexps.reduce<unknown>(
        (acc, exps) => group.mul(acc, shareCommitment(group, exps, j + 1)),
        group.one,
      );
      if (!group.equals(expected, key.value.publicKey)) o.get('public_key').fail('not the key the coefficients give');
      return key.value;
    });
    const params: ThresholdParameters = {
      threshold: at(coefexps, 0).length,
      certs: read.certs,
      coefexps: ps.map((p) => p.coefexps),
      verificationKeys,
    };
    return writeThresholdParameters(group, params);
  });
}

/** A Pedersen trustee's decryption key, from its seed and its encrypted key (its .dkey). */
export function pedersenDecryptionKey(group: Group, seed: string, privateKey: string): Result<bigint> {
  const { sk, dk } = deriveTrusteeKeys(group, seed);
  const message = receiveMessage(group, dk, group.powG(sk), privateKey);
  if (!message.ok) return message;
  return readNumberMessage(group, 'decryption_key', message.value);
}
