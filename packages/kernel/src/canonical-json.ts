import { PlenumError } from './errors.ts';

/**
 * Canonical JSON: the one byte string that an event has, whoever serialises it. Object keys
 * are sorted by UTF-16 code units and no whitespace is written, as in RFC 8785 (JCS) §3.2.3.
 * Numbers must be safe integers: the record never holds floats, so that every implementation
 * (a verifier in another language included) writes them the same way.
 *
 * Input may be attacker-controlled (an imported file): cycles and unsupported values throw.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) {
        throw new PlenumError('invalid_input', `canonical JSON: ${String(value)} is not a safe integer`);
      }
      return String(value);
    case 'object':
      return writeObject(value, seen);
    default:
      throw new PlenumError('invalid_input', `canonical JSON: cannot encode a ${typeof value}`);
  }
}

function writeObject(value: object, seen: Set<object>): string {
  if (seen.has(value)) throw new PlenumError('invalid_input', 'canonical JSON: cyclic value');
  seen.add(value);
  let out: string;
  if (Array.isArray(value)) {
    out = `[${value.map((item: unknown) => write(item, seen)).join(',')}]`;
  } else {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    out = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${write(v, seen)}`).join(',')}}`;
  }
  seen.delete(value);
  return out;
}
