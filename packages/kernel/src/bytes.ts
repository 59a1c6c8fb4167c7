import { PlenumError } from './errors.ts';

/**
 * Byte helpers for pure code that must run in Node, in the browser and in the offline
 * verifier alike — so no Buffer. Decoders take attacker-controlled text and are strict:
 * anything that is not the canonical encoding is refused with a typed error.
 */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map(Array.from(B64, (c, i) => [c, i] as const));

/** Standard base64 with padding (RFC 4648 §4). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64.charAt((n >> 18) & 63) + B64.charAt((n >> 12) & 63);
    out += i + 1 < bytes.length ? B64.charAt((n >> 6) & 63) : '=';
    out += i + 2 < bytes.length ? B64.charAt(n & 63) : '=';
  }
  return out;
}

/** Strict standard base64: correct padding, no whitespace, no URL alphabet, canonical last bits. */
export function fromBase64(text: string, label = 'base64'): Uint8Array {
  if (text.length % 4 !== 0) throw badEncoding(label, 'length is not a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    let n = 0;
    for (let k = 0; k < 4; k += 1) {
      const ch = text.charAt(i + k);
      const v = ch === '=' && last && k >= 4 - padding ? 0 : B64_INDEX.get(ch);
      if (v === undefined) throw badEncoding(label, `invalid character at ${i + k}`);
      n = (n << 6) | v;
    }
    if (last && ((padding === 2 && (n & 0xffff) !== 0) || (padding === 1 && (n & 0xff) !== 0))) {
      throw badEncoding(label, 'non-canonical final bits');
    }
    out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(text: string, label = 'hex'): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-f]*$/.test(text)) throw badEncoding(label, 'not lower-case hex of even length');
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

// TextEncoder and TextDecoder are Web-standard globals, present in Node and every browser.
// Pure packages compile without DOM or Node types, so the two shapes used are spelt out here.
interface WebText {
  readonly TextEncoder: new () => { encode(input: string): Uint8Array };
  readonly TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(input: Uint8Array): string };
}
const web = globalThis as unknown as WebText;
const encoder = new web.TextEncoder();
const decoder = new web.TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Decodes UTF-8, refusing invalid sequences instead of replacing them. */
export function fromUtf8(bytes: Uint8Array, label = 'text'): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw badEncoding(label, 'not valid UTF-8');
  }
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

function badEncoding(label: string, reason: string): PlenumError {
  return new PlenumError('invalid_input', `${label}: ${reason}`);
}
