import { fromHex, toHex, utf8 } from '@plenum/kernel';
import { describe, expect, it } from 'vitest';
import {
  aes256Block,
  ccmDecrypt,
  ccmEncrypt,
  decryptMessage,
  deriveTrusteeKeys,
  encryptMessage,
  receiveMessage,
  sendMessage,
} from './channel.ts';
import { group } from './group.ts';
import {
  pedersenDecryptionKey,
  pedersenStep1,
  pedersenStep3,
  pedersenStep4,
  pedersenStep5,
  pedersenStep6,
} from './pedersen.ts';
import { lagrangeCoefficients } from './tally.ts';
import { parseTrustees, trusteeKeysInOrder } from './trustees.ts';

function must<T>(r: { ok: true; value: T } | { ok: false }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r.value;
}

describe('AES-256-CCM as belenios-tool uses it', () => {
  it('AES-256 known answer (FIPS-197 C.3)', () => {
    const key = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    expect(toHex(aes256Block(key, fromHex('00112233445566778899aabbccddeeff')))).toBe(
      '8ea2b7ca516745bfeafc49904b496089',
    );
  });

  it('round trips, and refuses a changed byte or the wrong key', () => {
    const key = new Uint8Array(32).fill(1);
    const iv = new Uint8Array(32).fill(2);
    for (const text of ['', 'x', 'sixteen bytes!!!', 'a'.repeat(1000)]) {
      const c = ccmEncrypt(key, iv, utf8(text));
      expect(c.length).toBe(utf8(text).length + 8);
      expect(new TextDecoder().decode(ccmDecrypt(key, iv, c))).toBe(text);
      const bad = Uint8Array.from(c);
      bad[0] = (bad[0] ?? 0) ^ 1;
      expect(ccmDecrypt(key, iv, bad)).toBeUndefined();
      expect(ccmDecrypt(new Uint8Array(32), iv, c)).toBeUndefined();
    }
  });
});

describe('channels (§4.6.1–4.6.3)', () => {
  const G = group('Ed25519');
  const alice = deriveTrusteeKeys(G, 'AAAAAAAAAAAAAAAAAAAAAA');
  const bob = deriveTrusteeKeys(G, 'BBBBBBBBBBBBBBBBBBBBBB');

  it('only the recipient opens, and only a message the sender signed', () => {
    const text = encryptMessage(G, G.powG(bob.dk), 'secret');
    expect(must(decryptMessage(G, bob.dk, text))).toBe('secret');
    expect(decryptMessage(G, alice.dk, text).ok).toBe(false);
    const sent = sendMessage(G, alice.sk, G.powG(bob.dk), '{"secret":"42"}');
    expect(must(receiveMessage(G, bob.dk, G.powG(alice.sk), sent))).toBe('{"secret":"42"}');
    expect(receiveMessage(G, bob.dk, G.powG(bob.sk), sent).ok).toBe(false);
    expect(receiveMessage(G, alice.dk, G.powG(alice.sk), sent).ok).toBe(false);
    expect(receiveMessage(G, bob.dk, G.powG(alice.sk), sent.replace('"data":"', '"data":"00')).ok).toBe(false);
  });
});

describe('threshold key generation, every step, 2 of 3', () => {
  for (const name of ['Ed25519', 'BELENIOS-2048'] as const) {
    it(
      name,
      () => {
        const G = group(name);
        const step1 = [1, 2, 3].map(() => pedersenStep1(G));
        const certs = step1.map((t) => t.cert);
        const polynomials = step1.map((t) => must(pedersenStep3(G, certs, t.seed, 2)));
        expect(pedersenStep3(G, certs, 'CCCCCCCCCCCCCCCCCCCCCC', 2).ok).toBe(false);
        const vinputs = must(pedersenStep4(G, certs, polynomials));
        const voutputs = step1.map((t, j) => must(pedersenStep5(G, certs, t.seed, vinputs[j]!)));
        // A trustee given another's vinput cannot open its shares.
        expect(pedersenStep5(G, certs, step1[0]!.seed, vinputs[1]!).ok).toBe(false);
        const params = must(pedersenStep6(G, certs, polynomials, voutputs));
        const trustees = must(parseTrustees(G, `[["Pedersen",${params}]]`));
        // Any two decryption keys interpolate the secret whose public key is the election key.
        const keys = step1.map((t, j) =>
          must(pedersenDecryptionKey(G, t.seed, (JSON.parse(voutputs[j]!) as { private_key: string }).private_key)),
        );
        keys.forEach((x, j) => expect(G.equals(G.powG(x), trusteeKeysInOrder(trustees)[j])).toBe(true));
        const [l1, l3] = lagrangeCoefficients(G.q, [1, 3]);
        const secret = (l1! * keys[0]! + l3! * keys[2]!) % G.q;
        const A0s = polynomials.map((p) => {
          const c = JSON.parse((JSON.parse(p) as { coefexps: { message: string } }).coefexps.message) as {
            coefexps: string[];
          };
          return G.parse(c.coefexps[0]!);
        });
        expect(
          G.equals(
            G.powG(secret),
            A0s.reduce((a, b) => G.mul(a, b), G.one),
          ),
        ).toBe(true);
      },
      60_000,
    );
  }
});
