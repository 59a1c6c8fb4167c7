import { canonicalJson, fromBase64, fromUtf8, utf8 } from '@plenum/kernel';
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
import {
  VOTE,
  calendarDate,
  checkFields,
  unexpectedKeys,
  flag,
  identifier,
  isPlainObject,
  jsonKind,
  listOf,
  name,
  nullable,
  object,
  oneOf,
  quote,
  scalar,
  statuteName,
  version,
  type Check,
  type EventFault,
  type EventOf,
  type EventSchema,
  type Payload,
} from './event-checks.ts';
import { BULLETIN_EVENT_SCHEMAS } from './events/bulletin.ts';
import { CONGRESS_EVENT_SCHEMAS } from './events/congress.ts';
import { CASE_EVENT_SCHEMAS } from './events/discipline.ts';
import { BALLOT_EVENT_SCHEMAS } from './events/ballot.ts';
import { FLOOR_EVENT_SCHEMAS } from './events/floor.ts';
import { MOTION_EVENT_SCHEMAS } from './events/motions.ts';

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
 *   `founders`), an event of one of the domain's event types (DOMAIN_EVENT_TYPES) with
 *   exactly the fields of that type, each of the expected kind (identifiers, calendar dates,
 *   names, vote counts, the exact values of enumerations), an Ed25519 public key (32 bytes,
 *   base64) and a signature (64 bytes, base64);
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
      `"actor" must be member:<id>, body:<id>, applicant:<id>, founders or voter, got ${typeof actor === 'string' ? quote(actor) : jsonKind(actor)}`,
    );
  }
  for (const [field, size] of [
    ['key', ED25519_PUBLIC_KEY_SIZE],
    ['sig', ED25519_SIGNATURE_SIZE],
  ] as const) {
    if (!Object.hasOwn(value, field)) continue;
    // The anonymous voter's leaves carry no key and no signature (see @plenum/record voterLeaf).
    if (actor === 'voter') {
      if (value[field] !== '') faults.push(`"${field}" must be empty in a voter's entry`);
      continue;
    }
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

/** The statute's YAML: that it parses is checked once the event has its shape (statuteParses). */
const statuteText = scalar<string>((v) =>
  typeof v === 'string' ? undefined : 'must be a string (the statute in YAML)',
);

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
  superseded: true,
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
  ...CONGRESS_EVENT_SCHEMAS,
  ...BULLETIN_EVENT_SCHEMAS,
  ...MOTION_EVENT_SCHEMAS,
  ...FLOOR_EVENT_SCHEMAS,
  ...CASE_EVENT_SCHEMAS,
  ...BALLOT_EVENT_SCHEMAS,
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}
