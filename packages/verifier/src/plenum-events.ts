import { canonicalJson, fromBase64, fromUtf8, isId, utf8, type Id } from '@plenum/kernel';
import {
  DOMAIN_EVENT_TYPES,
  parseActorRef,
  parseStatute,
  type ActorRef,
  type Application,
  type DomainEvent,
  type DomainEventType,
  type GovBody,
  type GovUnit,
  type Mandate,
  type MandateEndReason,
  type RecordedVote,
  type StatuteProblem,
  type Tendency,
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
 * - it has exactly those four fields: an actor (`member:<id>`, `body:<id>`, `applicant:<id>` or
 *   `founders`), an event with one of the 18 governance event types and exactly the fields of
 *   that type, each of the expected kind (identifiers, calendar dates, names, vote counts,
 *   the exact values of enumerations), an Ed25519 public key (32 bytes, base64) and a
 *   signature (64 bytes, base64);
 * - a statute it records (statute.adopted, statute.amended) parses as a statute
 *   (parseStatute) and declares the version the event says;
 * - the signature verifies: by that key, over this log's origin, the actor, the event and the key;
 * - the key is the one the record binds to the actor: the key of the actor's first signed
 *   entry (see @plenum/record checkActorKey). So the checker keeps state, and must see the
 *   entries in order, which verifyRecord guarantees: use one checker per verification.
 *
 * It does not replay the rules (that a member's branch exists, that the actor may act, that
 * a vote carried): a later verifier will run the domain's decideGovernance/evolveGovernance
 * over the entries.
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
      `"actor" must be member:<id>, body:<id>, applicant:<id> or founders, got ${typeof actor === 'string' ? quote(actor) : jsonKind(actor)}`,
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
    problems.push(
      problem(
        'entry_unknown_type',
        `has an event of type ${quote(type)}, which is not an event type (${DOMAIN_EVENT_TYPES.join(', ')})`,
      ),
    );
    return { problems };
  }
  const checked = checkEvent(event, type);
  if (checked.faults.length > 0) {
    problems.push(problem('entry_malformed', `is a malformed ${type} event: ${checked.faults.join('; ')}`));
  }
  if (checked.then !== undefined) problems.push(problem(checked.then.code, checked.then.message));
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
// The expected shape of every event type, one description per type, tied to the domain's
// types: adding an event type to DomainEvent, or a field to one of its parts, is a compile
// error here until it is checked; so is a check of the wrong kind (a string check for a
// number, a check that admits null for a field that may not be null).

/**
 * Checks the value found at `path` (e.g. `event.mandate.ended.on`), adding what is wrong with
 * it to `faults`. `T` is the domain type the value must have.
 */
interface Check<T> {
  (value: unknown, path: string, faults: string[]): void;
  /** Never set: it only makes Check<T> invariant in T, so that a check stands for one type only. */
  readonly checks?: (value: T) => T;
}
type Shape<T> = { readonly [K in keyof T]-?: Check<T[K]> };
type EventOf<K extends DomainEventType> = Extract<DomainEvent, { type: K }>;
type Payload<K extends DomainEventType> = Omit<EventOf<K>, 'type'>;

/** A fault found across an event's fields, with its problem code. */
interface EventFault {
  readonly code: ProblemCode;
  readonly message: string;
}

interface EventSchema<K extends DomainEventType> {
  readonly fields: Shape<Payload<K>>;
  /** What is wrong across fields, checked once every field has its kind. */
  readonly then?: (event: EventOf<K>) => EventFault | undefined;
}

/** A check of a single value: `fault` says what is wrong with it, or undefined if nothing is. */
function scalar<T>(fault: (value: unknown) => string | undefined): Check<T> {
  return (value, path, faults) => {
    const why = fault(value);
    if (why !== undefined) faults.push(`"${path}" ${why}`);
  };
}

/** A string value that is exactly one of the keys of `values` (a record, so none is forgotten). */
function oneOf<T extends string>(values: Readonly<Record<T, true>>): Check<T> {
  const allowed: readonly string[] = Object.keys(values);
  return scalar((v) =>
    typeof v === 'string' && allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')}`,
  );
}

function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path, faults) => {
    if (value !== null) check(value, path, faults);
  };
}

function listOf<T>(check: Check<T>): Check<readonly T[]> {
  return (value, path, faults) => {
    if (!Array.isArray(value)) {
      faults.push(`"${path}" must be an array, got ${jsonKind(value)}`);
      return;
    }
    for (const [i, item] of value.entries()) check(item, `${path}.${i}`, faults);
  };
}

/** An object with exactly the fields of `shape`, each passing its check. */
function object<T>(shape: Shape<T>): Check<T> {
  return (value, path, faults) => {
    if (!isPlainObject(value)) faults.push(`"${path}" must be an object, got ${jsonKind(value)}`);
    else checkFields(value, shape as Readonly<Record<string, Check<unknown>>>, path, faults);
  };
}

function checkFields(
  value: Record<string, unknown>,
  shape: Readonly<Record<string, Check<unknown>>>,
  path: string,
  faults: string[],
): void {
  faults.push(...unexpectedKeys(value, Object.keys(shape), `${path}.`));
  for (const [key, check] of Object.entries(shape)) {
    if (Object.hasOwn(value, key)) check(value[key], `${path}.${key}`, faults);
    else faults.push(`"${path}.${key}" is missing`);
  }
}

/** Names people give (of persons, units, bodies, tendencies): as the rules engine accepts them. */
const MAX_NAME_LENGTH = 200;
/** Names the statute defines (unit levels, body kinds, offices, majorities): parseStatute allows 60 characters. */
const MAX_STATUTE_NAME_LENGTH = 60;
/** The arithmetic of a vote, as @plenum/tally writes it ("yes 8 > no 7"): a line, not a text. */
const MAX_ARITHMETIC_LENGTH = 1000;

const identifier = scalar<Id>((v) =>
  isId(v) ? undefined : 'must be an identifier (a-z, 0-9, "-" and "_", starting with a letter, at most 64 characters)',
);
const calendarDate = scalar<string>((v) =>
  typeof v === 'string' && isCalendarDate(v) ? undefined : 'must be a date YYYY-MM-DD',
);
const name = scalar<string>((v) =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_NAME_LENGTH && !hasControl(v)
    ? undefined
    : `must be a name: 1 to ${MAX_NAME_LENGTH} characters, not only spaces, no control characters`,
);
const statuteName = scalar<string>((v) =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_STATUTE_NAME_LENGTH && !/[\s\p{Cc}]/u.test(v)
    ? undefined
    : `must be a name from the statute: 1 to ${MAX_STATUTE_NAME_LENGTH} characters, no spaces or control characters`,
);
const count = scalar<number>((v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : 'must be a whole number, 0 or more',
);
const version = scalar<number>((v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? undefined : 'must be a whole number, 1 or more',
);
const flag = scalar<boolean>((v) => (typeof v === 'boolean' ? undefined : 'must be true or false'));
const arithmetic = scalar<string>((v) =>
  typeof v === 'string' && v.length <= MAX_ARITHMETIC_LENGTH
    ? undefined
    : `must be a string of at most ${MAX_ARITHMETIC_LENGTH} characters`,
);
/** The statute's YAML: that it parses is checked once the event has its shape (statuteParses). */
const statuteText = scalar<string>((v) =>
  typeof v === 'string' ? undefined : 'must be a string (the statute in YAML)',
);

const VOTE = object<RecordedVote>({
  yes: count,
  no: count,
  abstain: count,
  present: count,
  members: count,
  majority: statuteName,
  arithmetic,
});
const UNIT = object<GovUnit>({ id: identifier, level: statuteName, name, parentId: nullable(identifier) });
const BODY = object<GovBody>({ id: identifier, kind: statuteName, name, unitId: identifier });
const APPLICATION = object<Application>({
  id: identifier,
  givenName: name,
  familyName: name,
  unitId: identifier,
  on: calendarDate,
  status: oneOf<Application['status']>({ pending: true, admitted: true }),
});
const PERSON = object<Payload<'membership.admitted'>['member']>({
  id: identifier,
  givenName: name,
  familyName: name,
  unitId: identifier,
});
const END_REASON = oneOf<MandateEndReason>({
  resigned: true,
  recalled: true,
  'membership-ended': true,
  transferred: true,
});
const MANDATE = object<Mandate>({
  id: identifier,
  memberId: identifier,
  bodyId: identifier,
  office: nullable(statuteName),
  how: oneOf<Mandate['how']>({ election: true, appointment: true }),
  byBodyId: identifier,
  startsOn: calendarDate,
  endsOn: nullable(calendarDate),
  ended: nullable(object<NonNullable<Mandate['ended']>>({ on: calendarDate, reason: END_REASON })),
});
const TENDENCY = object<Tendency>({ id: identifier, name, declaredOn: calendarDate, members: listOf(identifier) });

/** A recorded statute must be one: its text parses, and declares the version the event says. */
function statuteParses(event: EventOf<'statute.adopted' | 'statute.amended'>): EventFault | undefined {
  const parsed = parseStatute(event.text);
  if (!parsed.ok) {
    return {
      code: 'entry_statute_invalid',
      message: `has a ${event.type} event whose statute does not parse (Plenum governance.statute-valid): ${describeStatuteProblems(parsed.problems)}`,
    };
  }
  if (parsed.statute.version === event.version) return undefined;
  return {
    code: 'entry_malformed',
    message: `is a malformed ${event.type} event: "event.version" is ${event.version}, but the statute in "event.text" says version ${parsed.statute.version}`,
  };
}

const EVENTS: { readonly [K in DomainEventType]: EventSchema<K> } = {
  'statute.adopted': { fields: { text: statuteText, version, on: calendarDate }, then: statuteParses },
  'statute.amended': {
    fields: { text: statuteText, version, on: calendarDate, vote: VOTE },
    then: statuteParses,
  },
  'unit.founded': { fields: { unit: UNIT, on: calendarDate } },
  'body.formed': { fields: { body: BODY, on: calendarDate } },
  'membership.applied': { fields: { application: APPLICATION } },
  'membership.admitted': {
    fields: {
      member: PERSON,
      applicationId: nullable(identifier),
      on: calendarDate,
      since: calendarDate,
      vote: nullable(VOTE),
    },
  },
  'membership.transferred': {
    fields: { memberId: identifier, toUnitId: identifier, on: calendarDate, vote: VOTE },
  },
  'membership.resigned': { fields: { memberId: identifier, on: calendarDate } },
  'membership.lapsed': { fields: { memberId: identifier, on: calendarDate, vote: VOTE } },
  'membership.readmitted': { fields: { memberId: identifier, on: calendarDate, vote: VOTE } },
  'mandate.began': { fields: { mandate: MANDATE, vote: nullable(VOTE) } },
  'mandate.ended': { fields: { mandateId: identifier, on: calendarDate, reason: END_REASON } },
  'recall.signed': { fields: { mandateId: identifier, memberId: identifier, on: calendarDate } },
  'recall.decided': { fields: { mandateId: identifier, on: calendarDate, passed: flag, vote: VOTE } },
  'tendency.declared': { fields: { tendency: TENDENCY } },
  'tendency.joined': { fields: { tendencyId: identifier, memberId: identifier, on: calendarDate } },
  'discussion.opened': { fields: { on: calendarDate } },
  'discussion.closed': { fields: { on: calendarDate } },
};

function isEventType(type: string): type is DomainEventType {
  return Object.hasOwn(EVENTS, type);
}

/**
 * The faults of an event of a known type: its fields, then (only if they are all right) the
 * checks across them. One signature for every type: the table above is typed per type.
 */
function checkEvent(event: Record<string, unknown>, type: DomainEventType): { faults: string[]; then?: EventFault } {
  const schema = EVENTS[type] as unknown as {
    readonly fields: Readonly<Record<string, Check<unknown>>>;
    readonly then?: (event: DomainEvent) => EventFault | undefined;
  };
  const faults: string[] = [];
  // `type` was checked before (it chose the schema): here it only counts as an expected field.
  const knownType: Check<unknown> = () => undefined;
  checkFields(event, { type: knownType, ...schema.fields }, 'event', faults);
  if (faults.length > 0 || schema.then === undefined) return { faults };
  const then = schema.then(event as unknown as DomainEvent);
  return then === undefined ? { faults } : { faults, then };
}

function unexpectedKeys(value: Record<string, unknown>, allowed: readonly string[], prefix: string): string[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `unexpected field ${quote(prefix + key)}`);
}

function describeStatuteProblems(problems: readonly StatuteProblem[]): string {
  const shown = problems.slice(0, 3).map((p) => {
    const where = p.line === null ? '' : ` (line ${p.line}${p.column === null ? '' : `, column ${p.column}`})`;
    const params = Object.keys(p.params).length === 0 ? '' : ` ${JSON.stringify(p.params)}`;
    return `${p.path === '' ? 'the document' : p.path}${where}: ${p.messageKey}${params}`;
  });
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  return `${problems.length} problem${problems.length === 1 ? '' : 's'}: ${shown.join('; ')}${more}`;
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

function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
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
