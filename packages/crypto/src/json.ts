import { parseNatural } from './bigint.ts';
import { FormatError } from './errors.ts';
import type { Group } from './group.ts';

/**
 * Strict readers for Belenios JSON from outside. Each value carries its JSON path so that an
 * error says where it is; no unknown fields, no missing ones, numbers in range, group
 * elements canonical and in the group.
 */
export class Json {
  constructor(
    readonly value: unknown,
    readonly path: string,
  ) {}

  static parse(text: string, maxLength = 16 * 1024 * 1024): Json {
    if (text.length > maxLength) throw new FormatError('$', `longer than ${maxLength} characters`);
    try {
      return new Json(JSON.parse(text) as unknown, '$');
    } catch (error) {
      throw new FormatError('$', `not valid JSON (${error instanceof Error ? error.message : 'syntax error'})`);
    }
  }

  fail(detail: string): never {
    throw new FormatError(this.path, detail);
  }

  /** An object with exactly these fields (optional ones may be absent). */
  object(required: readonly string[], optional: readonly string[] = []): JsonObject {
    const v = this.value;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(`expected an object, found ${kind(v)}`);
    const fields = v as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (!required.includes(key) && !optional.includes(key)) this.fail(`unexpected field "${key}"`);
    }
    for (const key of required) if (!(key in fields)) this.fail(`missing field "${key}"`);
    return new JsonObject(fields, this.path);
  }

  array(length?: number): Json[] {
    const v = this.value;
    if (!Array.isArray(v)) this.fail(`expected an array, found ${kind(v)}`);
    const items = v as unknown[];
    if (length !== undefined && items.length !== length) {
      this.fail(`expected ${length} item${length === 1 ? '' : 's'}, found ${items.length}`);
    }
    return items.map((item, i) => new Json(item, `${this.path}[${i}]`));
  }

  string(): string {
    if (typeof this.value !== 'string') this.fail(`expected a string, found ${kind(this.value)}`);
    return this.value;
  }

  boolean(): boolean {
    if (typeof this.value !== 'boolean') this.fail(`expected a boolean, found ${kind(this.value)}`);
    return this.value;
  }

  integer(min: number, max: number): number {
    const v = this.value;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) this.fail(`expected an integer, found ${kind(v)}`);
    const n = v;
    if (n < min || n > max) this.fail(`expected an integer from ${min} to ${max}, found ${n}`);
    return n;
  }

  /** A number modulo q written in base 10 (challenges, responses, secrets). */
  scalar(q: bigint): bigint {
    const n = parseNatural(this.string());
    if (n === undefined) this.fail('expected a natural number in base 10');
    if (n >= q) this.fail('number not reduced modulo q');
    return n;
  }

  element(group: Group): unknown {
    const e = group.parse(this.string());
    if (e === undefined) this.fail(`not an element of the group ${group.name}`);
    return e;
  }
}

export class JsonObject {
  constructor(
    private readonly fields: Record<string, unknown>,
    readonly path: string,
  ) {}

  get(key: string): Json {
    return new Json(this.fields[key], `${this.path}.${key}`);
  }

  has(key: string): boolean {
    return key in this.fields;
  }
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * Compact JSON of a string as belenios-tool (yojson) writes it: JSON.stringify's escapes, and
 * DEL (U+007F) escaped too, which yojson does and JSON.stringify does not.
 */
export function jsonString(text: string): string {
  return JSON.stringify(text).replaceAll('\u007f', '\\u007f');
}
