import { describe, expect, it } from 'vitest';
import {
  BASE58_ALPHABET,
  credentialSecret,
  generatePrivateCredential,
  isFullCredential,
  isPrivateCredential,
  parsePublicCredential,
  publicCredential,
} from './credential.ts';
import { group } from './group.ts';
import { sha256Hex } from './hash.ts';

describe('private credentials (Belenios 2.0 §4.8)', () => {
  it('generates well-formed credentials with a valid checksum', () => {
    for (let i = 0; i < 50; i += 1) {
      const c = generatePrivateCredential();
      expect(c).toMatch(/^[1-9A-HJ-NP-Za-km-z]{3}(-[1-9A-HJ-NP-Za-km-z]{3}){4}$/);
      expect(isPrivateCredential(c)).toBe(true);
      expect(isPrivateCredential(c.replaceAll('-', ''))).toBe(true);
    }
  });

  it('writes 53, not 0, when the value is a multiple of 53, and reads both', () => {
    // Fourteen 1s are the value 0: belenios-tool writes the checksum digit 53 ('v').
    expect(BASE58_ALPHABET[53]).toBe('v');
    expect(isPrivateCredential('111-111-111-111-11v')).toBe(true);
    expect(isPrivateCredential('111-111-111-111-111')).toBe(true);
    expect(isPrivateCredential('111-111-111-111-112')).toBe(false);
    const zeros = (): Uint8Array => new Uint8Array(32);
    expect(generatePrivateCredential(zeros)).toBe('111-111-111-111-11v');
  });

  it('catches a typing error in any position', () => {
    const c = generatePrivateCredential().replaceAll('-', '');
    for (let i = 0; i < c.length; i += 1) {
      const other = BASE58_ALPHABET[(BASE58_ALPHABET.indexOf(c[i]!) + 1) % 58]!;
      expect(isPrivateCredential(c.slice(0, i) + other + c.slice(i + 1))).toBe(false);
    }
    for (const bad of [
      '',
      'abc',
      `${c}1`,
      c.replace(/./, '0'),
      c.replace(/./, 'l'),
      `${c.slice(0, 3)}--${c.slice(3)}`,
    ]) {
      expect(isPrivateCredential(bad)).toBe(false);
    }
  });

  it('derives one public credential per election', () => {
    const G = group('BELENIOS-2048');
    const c = generatePrivateCredential();
    const a = credentialSecret(G, 'AAAAAAAAAAAAAA', c);
    const b = credentialSecret(G, 'BBBBBBBBBBBBBB', c);
    expect(a.ok && b.ok && a.value !== b.value).toBe(true);
    expect(credentialSecret(G, 'AAAAAAAAAAAAAA', 'not-a-cre-den-tia').ok).toBe(false);
  });

  it('full credentials of later Belenios versions: format and derivation', () => {
    const G = group('Ed25519');
    const c = generatePrivateCredential(undefined, 'full');
    expect(c).toMatch(
      /^[1-9A-HJ-NP-Za-km-z]{5}-[1-9A-HJ-NP-Za-km-z]{6}-[1-9A-HJ-NP-Za-km-z]{5}-[1-9A-HJ-NP-Za-km-z]{6}$/,
    );
    expect(isFullCredential(c)).toBe(true);
    expect(isPrivateCredential(c)).toBe(false);
    const s = credentialSecret(G, 'AAAAAAAAAAAAAA', c);
    const expected =
      BigInt(
        `0x${sha256Hex(`derive_credential|AAAAAAAAAAAAAA|0|${c}`)}${sha256Hex(`derive_credential|AAAAAAAAAAAAAA|1|${c}`)}`,
      ) % G.q;
    expect(s.ok && s.value).toBe(expected);
    expect(isFullCredential(c.replaceAll('-', ''))).toBe(false);
  });

  it('reads public credential lines with and without weights', () => {
    const G = group('Ed25519');
    const cred = publicCredential(G, 42n);
    expect(parsePublicCredential(G, cred)).toEqual({ credential: cred, weight: 1 });
    expect(parsePublicCredential(G, `${cred},3`)).toEqual({ credential: cred, weight: 3 });
    expect(parsePublicCredential(G, `${cred},,voter7`)).toEqual({ credential: cred, weight: 1 });
    for (const bad of [`${cred},0`, `${cred},-1`, `${cred},x`, `${cred},1,a,b`, 'zz', '']) {
      expect(parsePublicCredential(G, bad)).toBeUndefined();
    }
  });
});
