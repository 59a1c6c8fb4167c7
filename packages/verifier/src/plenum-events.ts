import { canonicalJson, fromUtf8, isId, utf8 } from '@plenum/kernel';
import {
  BODY_KINDS,
  UNIT_KINDS,
  type Body,
  type DomainEvent,
  type DomainEventType,
  type Member,
  type Unit,
} from '@plenum/domain';
import type { Problem, ProblemCode } from './problems.ts';

/**
 * The entry checker for Plenum's record: each leaf of the log is one domain event, stored as
 * the UTF-8 bytes of its canonical JSON (@plenum/kernel canonicalJson: sorted keys, no
 * whitespace, safe integers only). An entry passes when it is valid UTF-8, parses as JSON,
 * re-serialises to exactly the same bytes, and is an object with a known `type` and exactly
 * the fields of that event type, each of the expected kind.
 *
 * This checks the *format* of each entry on its own. It does not replay the rules (that a
 * member's branch exists, that there is one federation): a later verifier will run the
 * domain's decide/evolve over the entries. Nor does it check signatures by members on
 * leaves: entries do not carry any yet; when they do, checking them belongs here.
 */
export function checkPlenumEvent(entry: Uint8Array, index: number): Problem[] {
  const at = `entry ${index}`;
  const problem = (code: ProblemCode, message: string): Problem => ({ code, message: `${at}: ${message}`, index });

  let text: string;
  try {
    text = fromUtf8(entry);
  } catch {
    const offset = firstInvalidUtf8(entry);
    return [problem('entry_malformed', `is not valid UTF-8 (from byte ${offset} of the entry)`)];
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [problem('entry_malformed', `is not JSON: ${describe(error)}`)];
  }

  const problems: Problem[] = [];
  const canonical = canonicalProblem(value, entry);
  if (canonical !== undefined) problems.push(problem('entry_not_canonical', canonical));

  if (!isPlainObject(value)) {
    problems.push(problem('entry_malformed', `is JSON ${jsonKind(value)}, not an object (an event)`));
    return problems;
  }
  const type = value['type'];
  if (typeof type !== 'string') {
    problems.push(problem('entry_malformed', 'has no "type" string: it is not an event'));
    return problems;
  }
  if (!isEventType(type)) {
    const known = Object.keys(EVENTS).join(', ');
    problems.push(problem('entry_unknown_type', `has type ${quote(type)}, which is not an event type (${known})`));
    return problems;
  }
  const { field, shape } = EVENTS[type];
  const faults = [
    ...unexpectedKeys(value, ['type', field], ''),
    ...(isPlainObject(value[field])
      ? checkShape(value[field], shape, field)
      : [`"${field}" must be an object, got ${jsonKind(value[field])}`]),
  ];
  if (faults.length > 0)
    problems.push(problem('entry_malformed', `is a malformed ${type} event: ${faults.join('; ')}`));
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The expected shape of every event type, tied to the domain's types: adding an event type to
// DomainEvent, or a field to Unit, Member or Body, is a compile error here until it is checked.

/** Says what is wrong with a field's value, or undefined if nothing is. */
type FieldCheck = (value: unknown) => string | undefined;
type Shape<T> = { readonly [K in keyof T]-?: FieldCheck };
type PayloadField<K extends DomainEventType> = Exclude<keyof Extract<DomainEvent, { type: K }>, 'type'> & string;

const identifier: FieldCheck = (v) =>
  isId(v) ? undefined : 'must be an identifier (a-z, 0-9, "-" and "_", starting with a letter, at most 64 characters)';
const identifierOrNull: FieldCheck = (v) => (v === null ? undefined : identifier(v));
const string: FieldCheck = (v) => (typeof v === 'string' ? undefined : 'must be a string');
const stringOrNull: FieldCheck = (v) => (v === null ? undefined : string(v));
const oneOf =
  (values: readonly string[]): FieldCheck =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `must be one of ${values.join(', ')}`;
const calendarDate: FieldCheck = (v) =>
  typeof v === 'string' && isCalendarDate(v) ? undefined : 'must be a date YYYY-MM-DD';
const countOrNull: FieldCheck = (v) =>
  v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0)
    ? undefined
    : 'must be null or a whole number';

const UNIT: Shape<Unit> = {
  id: identifier,
  kind: oneOf(UNIT_KINDS),
  name: string,
  parentId: identifierOrNull,
  country: stringOrNull,
};
const MEMBER: Shape<Member> = {
  id: identifier,
  givenName: string,
  familyName: string,
  unitId: identifier,
  admittedOn: calendarDate,
};
const BODY: Shape<Body> = {
  id: identifier,
  kind: oneOf(BODY_KINDS),
  name: string,
  unitId: identifier,
  seats: countOrNull,
};

const EVENTS: {
  readonly [K in DomainEventType]: {
    readonly field: PayloadField<K>;
    readonly shape: Readonly<Record<string, FieldCheck>>;
  };
} = {
  'organisation.founded': { field: 'unit', shape: UNIT },
  'unit.created': { field: 'unit', shape: UNIT },
  'member.admitted': { field: 'member', shape: MEMBER },
  'body.constituted': { field: 'body', shape: BODY },
};

function isEventType(type: string): type is DomainEventType {
  return Object.hasOwn(EVENTS, type);
}

function checkShape(
  value: Record<string, unknown>,
  shape: Readonly<Record<string, FieldCheck>>,
  path: string,
): string[] {
  const faults = unexpectedKeys(value, Object.keys(shape), `${path}.`);
  for (const [key, check] of Object.entries(shape)) {
    if (!Object.hasOwn(value, key)) {
      faults.push(`"${path}.${key}" is missing`);
      continue;
    }
    const fault = check(value[key]);
    if (fault !== undefined) faults.push(`"${path}.${key}" ${fault}`);
  }
  return faults;
}

function unexpectedKeys(value: Record<string, unknown>, allowed: readonly string[], prefix: string): string[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `unexpected field ${quote(prefix + key)}`);
}

// ---------------------------------------------------------------------------------------------
// Helpers

function canonicalProblem(value: unknown, entry: Uint8Array): string | undefined {
  let canonical: Uint8Array;
  try {
    canonical = utf8(canonicalJson(value));
  } catch (error) {
    // canonicalJson refuses numbers that are not safe integers; a RangeError means nesting so
    // deep that it exhausted the stack, which no event has.
    const why = error instanceof RangeError ? 'it is nested too deeply' : describe(error);
    return `cannot be canonical JSON: ${why}`;
  }
  const length = Math.min(canonical.length, entry.length);
  let offset = 0;
  while (offset < length && canonical[offset] === entry[offset]) offset += 1;
  if (offset === canonical.length && offset === entry.length) return undefined;
  return `is not in canonical JSON form (sorted keys, no whitespace, shortest escapes): first difference at byte ${offset} of the entry`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  return `a ${typeof value}`;
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The offset of the first byte at which `bytes` stops being valid UTF-8. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i] ?? 0;
    const width = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    const end = Math.min(bytes.length, i + width);
    try {
      fromUtf8(bytes.subarray(i, end));
    } catch {
      return i;
    }
    i = end;
  }
  return bytes.length;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}
