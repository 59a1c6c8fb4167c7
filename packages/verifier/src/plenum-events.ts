import { canonicalJson, fromBase64, fromUtf8, isId, utf8 } from '@plenum/kernel';
import {
  BODY_KINDS,
  UNIT_KINDS,
  parseActorRef,
  type ActorRef,
  type Body,
  type DomainEvent,
  type DomainEventType,
  type Member,
  type Unit,
} from '@plenum/domain';
import {
  ED25519_PUBLIC_KEY_SIZE,
  ED25519_SIGNATURE_SIZE,
  nobleEd25519,
  verifySignedEvent,
  type SignatureScheme,
  type SignedEvent,
} from '@plenum/record';
import type { EntryChecker, Problem, ProblemCode } from './problems.ts';

export interface PlenumEntryOptions {
  /** The log's origin: every event signature covers it. */
  readonly origin: string;
  /** Ed25519 to check signatures with; @noble/curves by default (a Node process passes a faster one). */
  readonly signatures?: SignatureScheme;
}

/**
 * The entry checker for Plenum's record. Each leaf of the log is one signed domain event
 * (@plenum/record): the UTF-8 bytes of the canonical JSON of `{"actor","event","key","sig"}`.
 * An entry passes when
 *
 * - it is valid UTF-8, parses as JSON, and re-serialises to exactly the same bytes;
 * - it has exactly those four fields: an actor (`member:<id>`, `body:<id>` or `founders`), an
 *   event with a known `type` and exactly the fields of that type, each of the expected kind,
 *   an Ed25519 public key (32 bytes, base64) and a signature (64 bytes, base64);
 * - the signature verifies: by that key, over this log's origin, the actor, the event and the key;
 * - the key is the one the record binds to the actor: the key of the actor's first signed
 *   entry (see @plenum/record checkActorKey). So the checker keeps state, and must see the
 *   entries in order, which verifyRecord guarantees: use one checker per verification.
 *
 * It does not replay the rules (that a member's branch exists, that the actor may act): a
 * later verifier will run the domain's decide/evolve over the entries.
 */
export function plenumEntryChecker(options: PlenumEntryOptions): EntryChecker {
  const signatures = options.signatures ?? nobleEd25519;
  const bound = new Map<ActorRef, { key: string; index: number }>();
  return (entry, index) => {
    const parsed = parsePlenumEntry(entry, index);
    if (parsed.leaf === undefined) return parsed.problems;
    const { leaf } = parsed;
    const problems = [...parsed.problems];
    const problem = (code: ProblemCode, message: string): Problem => ({
      code,
      message: `entry ${index}: ${message}`,
      index,
    });
    if (!verifySignedEvent(options.origin, leaf, signatures)) {
      problems.push(
        problem(
          'entry_signature',
          `the signature of ${leaf.actor} on this ${leaf.event.type} event does not verify with the key ${leaf.key} for the log ${quote(options.origin)}`,
        ),
      );
      return problems;
    }
    const first = bound.get(leaf.actor);
    if (first === undefined) bound.set(leaf.actor, { key: leaf.key, index });
    else if (first.key !== leaf.key) {
      problems.push({
        ...problem(
          'entry_actor_key',
          `${leaf.actor} signed with the key ${leaf.key}, but the record bound ${leaf.actor} to the key ${first.key} at entry ${first.index} (Plenum record.actor-key)`,
        ),
        expected: first.key,
        actual: leaf.key,
      });
    }
    return problems;
  };
}

/**
 * Checks the format of one entry on its own (no signature, no key binding): what
 * plenumEntryChecker checks first. Exported for tools that look at single entries.
 */
export function checkPlenumEvent(entry: Uint8Array, index: number): Problem[] {
  return parsePlenumEntry(entry, index).problems;
}

function parsePlenumEntry(entry: Uint8Array, index: number): { problems: Problem[]; leaf?: SignedEvent } {
  const at = `entry ${index}`;
  const problem = (code: ProblemCode, message: string): Problem => ({ code, message: `${at}: ${message}`, index });
  const only = (p: Problem): { problems: Problem[] } => ({ problems: [p] });

  let text: string;
  try {
    text = fromUtf8(entry);
  } catch {
    const offset = firstInvalidUtf8(entry);
    return only(problem('entry_malformed', `is not valid UTF-8 (from byte ${offset} of the entry)`));
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return only(problem('entry_malformed', `is not JSON: ${describe(error)}`));
  }

  const problems: Problem[] = [];
  const canonical = canonicalProblem(value, entry);
  if (canonical !== undefined) problems.push(problem('entry_not_canonical', canonical));

  if (!isPlainObject(value)) {
    problems.push(problem('entry_malformed', `is JSON ${jsonKind(value)}, not an object (a signed event)`));
    return { problems };
  }
  if (!Object.hasOwn(value, 'event') && typeof value['type'] === 'string') {
    problems.push(
      problem(
        'entry_unsigned',
        `is a bare ${quote(value['type'])} event: nobody signed it (a leaf is {actor, event, key, sig})`,
      ),
    );
    return { problems };
  }
  const faults = unexpectedKeys(value, ['actor', 'event', 'key', 'sig'], '');
  for (const field of ['actor', 'event', 'key', 'sig'])
    if (!Object.hasOwn(value, field)) faults.push(`"${field}" is missing`);
  const actor = value['actor'];
  if (Object.hasOwn(value, 'actor') && (typeof actor !== 'string' || parseActorRef(actor) === undefined)) {
    faults.push(
      `"actor" must be member:<id>, body:<id> or founders, got ${typeof actor === 'string' ? quote(actor) : jsonKind(actor)}`,
    );
  }
  for (const [field, size] of [
    ['key', ED25519_PUBLIC_KEY_SIZE],
    ['sig', ED25519_SIGNATURE_SIZE],
  ] as const) {
    if (!Object.hasOwn(value, field)) continue;
    const fault = base64Fault(value[field], size);
    if (fault !== undefined) faults.push(`"${field}" ${fault}`);
  }
  if (faults.length > 0)
    problems.push(problem('entry_malformed', `is not a well-formed signed event: ${faults.join('; ')}`));

  const event = value['event'];
  if (!Object.hasOwn(value, 'event')) return { problems };
  if (!isPlainObject(event)) {
    problems.push(problem('entry_malformed', `"event" must be an object (an event), got ${jsonKind(event)}`));
    return { problems };
  }
  const type = event['type'];
  if (typeof type !== 'string') {
    problems.push(problem('entry_malformed', '"event" has no "type" string: it is not an event'));
    return { problems };
  }
  if (!isEventType(type)) {
    const known = Object.keys(EVENTS).join(', ');
    problems.push(
      problem('entry_unknown_type', `has an event of type ${quote(type)}, which is not an event type (${known})`),
    );
    return { problems };
  }
  const { field, shape } = EVENTS[type];
  const eventFaults = [
    ...unexpectedKeys(event, ['type', field], 'event.'),
    ...(isPlainObject(event[field])
      ? checkShape(event[field], shape, `event.${field}`)
      : [`"event.${field}" must be an object, got ${jsonKind(event[field])}`]),
  ];
  if (eventFaults.length > 0) {
    problems.push(problem('entry_malformed', `is a malformed ${type} event: ${eventFaults.join('; ')}`));
  }
  if (problems.length > 0) return { problems };
  // Every field was checked above: this is a SignedEvent.
  return { problems, leaf: value as unknown as SignedEvent & { event: DomainEvent } };
}

function base64Fault(value: unknown, size: number): string | undefined {
  if (typeof value !== 'string') return `must be base64 of ${size} bytes, got ${jsonKind(value)}`;
  try {
    const bytes = fromBase64(value);
    return bytes.length === size ? undefined : `must be base64 of ${size} bytes, got ${bytes.length} bytes`;
  } catch {
    return `must be base64 of ${size} bytes, got ${quote(value)}`;
  }
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
