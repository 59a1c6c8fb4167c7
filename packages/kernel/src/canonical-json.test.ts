import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.ts';
import { PlenumError } from './errors.ts';

describe('canonicalJson', () => {
  it('sorts keys and writes no whitespace (RFC 8785 §3.2.3)', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: { z: 0, y: -1 } })).toBe(
      '{"a":[true,null,"x"],"b":1,"c":{"y":-1,"z":0}}',
    );
  });

  it('gives the same bytes whatever the insertion order of keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer()), (dict) => {
        const reversed = Object.fromEntries(Object.entries(dict).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(dict));
      }),
    );
  });

  it('round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue().filter(noFloats), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it('refuses floats, cycles and functions with a typed error', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    for (const bad of [1.5, Number.NaN, cyclic, () => 1]) {
      expect(() => canonicalJson(bad)).toThrow(PlenumError);
    }
  });
});

function noFloats(value: unknown): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(noFloats);
  if (value !== null && typeof value === 'object') return Object.values(value).every(noFloats);
  return true;
}
