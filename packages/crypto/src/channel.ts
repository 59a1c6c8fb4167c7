import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, fromUtf8, ok, toHex, utf8, type Result } from '@plenum/kernel';
import { mod, parseNatural } from './bigint.ts';
import { catchFormat, cryptoRefusal } from './errors.ts';
import type { Group } from './group.ts';
import { sha256Hex } from './hash.ts';
import { Json, jsonString } from './json.ts';
import { randomScalar, type RandomSource } from './random.ts';
import { checkSignedMessage, signMessage, type SignedMessage } from './trustees.ts';

/**
 * The trustees' private channels (Belenios 2.0 §4.6.1–4.6.3), through which threshold key
 * generation sends each trustee its shares via the server, unreadable by the server:
 * keys derived from a trustee's secret seed, ElGamal-wrapped AES-256-CCM (8-byte tag, no
 * associated data, as belenios-tool does it), and signed channel messages.
 */

// ---------------------------------------------------------------------------------------------
// AES-256, encryption direction only (CCM needs no other), after FIPS-197.

const SBOX = (() => {
  const box = new Uint8Array(256);
  // x → x^-1 in GF(2^8) (0 → 0), then the affine map; p walks the generator 3, q its inverse.
  let p = 1;
  let q = 1;
  do {
    p = p ^ ((p << 1) & 0xff) ^ (p & 0x80 ? 0x1b : 0);
    q ^= q << 1;
    q ^= q << 2;
    q ^= q << 4;
    q &= 0xff;
    if (q & 0x80) q ^= 0x09;
    const rot = (x: number, n: number): number => ((x << n) | (x >> (8 - n))) & 0xff;
    box[p] = q ^ rot(q, 1) ^ rot(q, 2) ^ rot(q, 3) ^ rot(q, 4) ^ 0x63;
  } while (p !== 1);
  box[0] = 0x63;
  return box;
})();

const xtime = (x: number): number => ((x << 1) ^ (x & 0x80 ? 0x1b : 0)) & 0xff;
const sbox = (x: number): number => SBOX[x] ?? 0;

function expandKey(key: Uint8Array): Uint8Array {
  if (key.length !== 32) throw new RangeError('AES-256 needs a 32-byte key');
  const w = new Uint8Array(240);
  w.set(key);
  let rcon = 1;
  for (let i = 32; i < 240; i += 4) {
    const [t0, t1, t2, t3] = [w[i - 4] ?? 0, w[i - 3] ?? 0, w[i - 2] ?? 0, w[i - 1] ?? 0];
    let t = [t0, t1, t2, t3];
    if (i % 32 === 0) {
      t = [sbox(t1) ^ rcon, sbox(t2), sbox(t3), sbox(t0)];
      rcon = xtime(rcon);
    } else if (i % 32 === 16) {
      t = t.map(sbox);
    }
    for (let k = 0; k < 4; k += 1) w[i + k] = (w[i - 32 + k] ?? 0) ^ (t[k] ?? 0);
  }
  return w;
}

function encryptBlock(roundKeys: Uint8Array, input: Uint8Array): Uint8Array {
  const s = Uint8Array.from(input);
  const addRoundKey = (round: number): void => {
    for (let i = 0; i < 16; i += 1) s[i] = (s[i] ?? 0) ^ (roundKeys[16 * round + i] ?? 0);
  };
  addRoundKey(0);
  for (let round = 1; round <= 14; round += 1) {
    // SubBytes and ShiftRows (state is column-major: byte r + 4c is row r, column c).
    const t = new Uint8Array(16);
    for (let c = 0; c < 4; c += 1) for (let r = 0; r < 4; r += 1) t[r + 4 * c] = sbox(s[r + 4 * ((c + r) % 4)] ?? 0);
    s.set(t);
    if (round !== 14) {
      for (let c = 0; c < 4; c += 1) {
        const [a0, a1, a2, a3] = [s[4 * c] ?? 0, s[4 * c + 1] ?? 0, s[4 * c + 2] ?? 0, s[4 * c + 3] ?? 0];
        const all = a0 ^ a1 ^ a2 ^ a3;
        s[4 * c] = a0 ^ all ^ xtime(a0 ^ a1);
        s[4 * c + 1] = a1 ^ all ^ xtime(a1 ^ a2);
        s[4 * c + 2] = a2 ^ all ^ xtime(a2 ^ a3);
        s[4 * c + 3] = a3 ^ all ^ xtime(a3 ^ a0);
      }
    }
    addRoundKey(round);
  }
  return s;
}

/** AES-256 of one 16-byte block (exported for its known-answer test). */
export function aes256Block(key: Uint8Array, block: Uint8Array): Uint8Array {
  return encryptBlock(expandKey(key), block);
}

// ---------------------------------------------------------------------------------------------
// CCM (NIST SP 800-38C) with an 8-byte tag and no associated data. The nonce is the first
// 15 − L bytes of the 32-byte IV, L the smallest length field (at least 2) that holds the
// message length: SJCL's rule, which belenios-tool follows.

const TAG = 8;

function lengthBytes(length: number): number {
  let l = 2;
  while (l < 4 && length >= 2 ** (8 * l)) l += 1;
  return l;
}

function ccmBlocks(roundKeys: Uint8Array, iv: Uint8Array, data: Uint8Array, forTag: Uint8Array) {
  const L = lengthBytes(data.length);
  const nonce = iv.subarray(0, 15 - L);
  const block = (flags: number, counter: number): Uint8Array => {
    const b = new Uint8Array(16);
    b[0] = flags;
    b.set(nonce, 1);
    for (let k = 0; k < L; k += 1) b[15 - k] = Math.floor(counter / 2 ** (8 * k)) & 0xff;
    return b;
  };
  // CBC-MAC over B0 (flags: tag length, L) and the plaintext.
  let mac = encryptBlock(roundKeys, block(((TAG - 2) / 2) * 8 + (L - 1), forTag.length));
  for (let at = 0; at < forTag.length; at += 16) {
    const x = new Uint8Array(16);
    x.set(forTag.subarray(at, at + 16));
    for (let k = 0; k < 16; k += 1) x[k] = (x[k] ?? 0) ^ (mac[k] ?? 0);
    mac = encryptBlock(roundKeys, x);
  }
  // CTR: counter 0 masks the tag, counters 1… the data.
  const stream = (i: number): Uint8Array => encryptBlock(roundKeys, block(L - 1, i));
  const out = new Uint8Array(data.length);
  for (let at = 0; at < data.length; at += 16) {
    const ks = stream(at / 16 + 1);
    for (let k = 0; k < 16 && at + k < data.length; k += 1) out[at + k] = (data[at + k] ?? 0) ^ (ks[k] ?? 0);
  }
  const s0 = stream(0);
  const tag = mac.subarray(0, TAG).map((b, k) => b ^ (s0[k] ?? 0));
  return { out, tag };
}

export function ccmEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const { out, tag } = ccmBlocks(expandKey(key), iv, plaintext, plaintext);
  const result = new Uint8Array(out.length + TAG);
  result.set(out);
  result.set(tag, out.length);
  return result;
}

/** The plaintext, or undefined when the tag does not match (tampered, or the wrong key). */
export function ccmDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array | undefined {
  if (ciphertext.length < TAG) return undefined;
  const roundKeys = expandKey(key);
  const body = ciphertext.subarray(0, ciphertext.length - TAG);
  const plain = ccmBlocks(roundKeys, iv, body, new Uint8Array(0)).out;
  const { tag } = ccmBlocks(roundKeys, iv, body, plain);
  const given = ciphertext.subarray(ciphertext.length - TAG);
  let diff = 0;
  for (let k = 0; k < TAG; k += 1) diff |= (tag[k] ?? 0) ^ (given[k] ?? 0);
  return diff === 0 ? plain : undefined;
}

// ---------------------------------------------------------------------------------------------
// Keys, encryption, channels.

/** sk and dk of a trustee's 22-character seed (§4.6.1): SHA256(sk|seed), SHA256(dk|seed). */
export function deriveTrusteeKeys(group: Group, seed: string): { readonly sk: bigint; readonly dk: bigint } {
  const derive = (tag: string): bigint => mod(BigInt(`0x${sha256Hex(`${tag}|${seed}`)}`), group.q);
  return { sk: derive('sk'), dk: derive('dk') };
}

const symmetricKey = (group: Group, gs: unknown): Uint8Array => sha256(utf8(`key|${group.toString(gs)}`));
const initVector = (group: Group, alpha: unknown): Uint8Array => sha256(utf8(`iv|${group.toString(alpha)}`));

/** encrypted_msg (§4.6.1) of a string for the encryption key ek, as JSON text. */
export function encryptMessage(group: Group, ek: unknown, message: string, random?: RandomSource): string {
  const r = randomScalar(group.q, random);
  const s = randomScalar(group.q, random);
  const gs = group.powG(s);
  const alpha = group.powG(r);
  const beta = group.mul(group.powSecret(ek, r), gs);
  const data = ccmEncrypt(symmetricKey(group, gs), initVector(group, alpha), utf8(message));
  return `{"alpha":"${group.toString(alpha)}","beta":"${group.toString(beta)}","data":"${toHex(data)}"}`;
}

export function decryptMessage(group: Group, dk: bigint, text: string): Result<string> {
  const read = catchFormat('4.6.1', () => {
    const o = Json.parse(text).object(['alpha', 'beta', 'data']);
    const data = o.get('data');
    if (!/^([0-9a-f]{2})*$/.test(data.string())) data.fail('not hexadecimal');
    return { alpha: o.get('alpha').element(group), beta: o.get('beta').element(group), data: fromHex(data.string()) };
  });
  if (!read.ok) return read;
  const { alpha, beta, data } = read.value;
  const gs = group.div(beta, group.powSecret(alpha, dk));
  const plain = ccmDecrypt(symmetricKey(group, gs), initVector(group, alpha), data);
  if (plain === undefined)
    return cryptoRefusal('invalid-proof', '4.6.1', '$.data', 'cannot be decrypted with this key');
  try {
    return ok(fromUtf8(plain));
  } catch {
    return cryptoRefusal('malformed', '4.6.1', '$.data', 'not UTF-8 text');
  }
}

/** send(sk, recipient, message) (§4.6.3): a signed channel_msg, encrypted for the recipient. */
export function sendMessage(
  group: Group,
  sk: bigint,
  recipient: unknown,
  message: string,
  random?: RandomSource,
): string {
  const channel = `{"recipient":"${group.toString(recipient)}","message":${jsonString(message)}}`;
  const signed = signMessage(group, sk, channel, random);
  const signedText =
    `{"message":${jsonString(signed.message)},"signature":{"challenge":"${signed.signature.challenge.toString()}",` +
    `"response":"${signed.signature.response.toString()}"}}`;
  return encryptMessage(group, recipient, signedText, random);
}

/** Opens a channel message: decrypts with dk, checks the sender's signature and the recipient. */
export function receiveMessage(group: Group, dk: bigint, senderVk: unknown, text: string): Result<string> {
  const opened = decryptMessage(group, dk, text);
  if (!opened.ok) return opened;
  const signed = catchFormat('4.6.3', (): SignedMessage => {
    const o = Json.parse(opened.value).object(['message', 'signature']);
    const p = o.get('signature').object(['challenge', 'response']);
    return {
      message: o.get('message').string(),
      signature: { challenge: p.get('challenge').scalar(group.q), response: p.get('response').scalar(group.q) },
    };
  });
  if (!signed.ok) return signed;
  if (!checkSignedMessage(group, senderVk, signed.value)) {
    return cryptoRefusal('invalid-proof', '4.6.3', '$.signature', 'not signed by the sender');
  }
  return catchFormat('4.6.3', () => {
    const o = Json.parse(signed.value.message).object(['recipient', 'message']);
    if (!group.equals(o.get('recipient').element(group), group.powG(dk))) o.get('recipient').fail('not for this key');
    return o.get('message').string();
  });
}

/** A number field of a channel message ({"secret":"…"}, {"decryption_key":"…"}), reduced mod q. */
export function readNumberMessage(group: Group, field: string, text: string): Result<bigint> {
  return catchFormat('4.6.4', () => {
    const f = Json.parse(text).object([field]).get(field);
    const n = parseNatural(f.string());
    if (n === undefined) return f.fail('expected a natural number in base 10');
    return mod(n, group.q);
  });
}
