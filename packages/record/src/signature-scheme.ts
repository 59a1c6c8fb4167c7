import { ed25519 } from '@noble/curves/ed25519.js';

/**
 * Ed25519 (RFC 8032) as the record uses it to sign events. The pure default is
 * @noble/curves, which runs anywhere (the browser, the offline verifier); a Node process
 * passes one built on node:crypto, which is about twenty times faster on the same machine.
 * Both must give the same signatures (Ed25519 is deterministic): a test checks it.
 */
export interface SignatureScheme {
  /** The 32-byte public key of a 32-byte secret (an RFC 8032 seed). */
  publicKey(secret: Uint8Array): Uint8Array;
  sign(message: Uint8Array, secret: Uint8Array): Uint8Array;
  /** Never throws: a malformed key or signature is simply not valid. */
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

export const ED25519_PUBLIC_KEY_SIZE = 32;
export const ED25519_SIGNATURE_SIZE = 64;

export const nobleEd25519: SignatureScheme = {
  publicKey: (secret) => ed25519.getPublicKey(secret),
  sign: (message, secret) => ed25519.sign(message, secret),
  verify: (signature, message, publicKey) => {
    if (signature.length !== ED25519_SIGNATURE_SIZE || publicKey.length !== ED25519_PUBLIC_KEY_SIZE) return false;
    try {
      // zip215: false is RFC 8032's strict verification, as node:crypto and Go do it.
      return ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      return false;
    }
  },
};
