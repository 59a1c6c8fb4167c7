import { isId, type Id } from '@plenum/kernel';
import type { DomainEvent, DomainEventType, MeetingVote, RecordedVote } from '@plenum/domain';
import type { ProblemCode } from './problems.ts';

// ---------------------------------------------------------------------------------------------
// The kit the event schemas are written with (plenum-events.ts for the organisation's events,
// events/*.ts for the congress's): each schema is tied to the domain's types, so adding an
// event type to DomainEvent, or a field to one of its parts, is a compile error until it is
// checked; so is a check of the wrong kind (a string check for a number, a check that admits
// null for a field that may not be null).

/**
 * Checks the value found at `path` (e.g. `event.mandate.ended.on`), adding what is wrong with
 * it to `faults`. `T` is the domain type the value must have.
 */
export interface Check<T> {
  (value: unknown, path: string, faults: string[]): void;
  /** Never set: it only makes Check<T> invariant in T, so that a check stands for one type only. */
  readonly checks?: (value: T) => T;
}
export type Shape<T> = { readonly [K in keyof T]-?: Check<T[K]> };
export type EventOf<K extends DomainEventType> = Extract<DomainEvent, { type: K }>;
export type Payload<K extends DomainEventType> = Omit<EventOf<K>, 'type'>;

/** A fault found across an event's fields, with its problem code. */
export interface EventFault {
  readonly code: ProblemCode;
  readonly message: string;
}

export interface EventSchema<K extends DomainEventType> {
  readonly fields: Shape<Payload<K>>;
  /** What is wrong across fields, checked once every field has its kind. */
  readonly then?: (event: EventOf<K>) => EventFault | undefined;
}

/** A check of a single value: `fault` says what is wrong with it, or undefined if nothing is. */
export function scalar<T>(fault: (value: unknown) => string | undefined): Check<T> {
  return (value, path, faults) => {
    const why = fault(value);
    if (why !== undefined) faults.push(`"${path}" ${why}`);
  };
}

/** A string value that is exactly one of the keys of `values` (a record, so none is forgotten). */
export function oneOf<T extends string>(values: Readonly<Record<T, true>>): Check<T> {
  const allowed: readonly string[] = Object.keys(values);
  return scalar((v) =>
    typeof v === 'string' && allowed.includes(v) ? undefined : `must be one of ${allowed.join(', ')}`,
  );
}

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (value, path, faults) => {
    if (value !== null) check(value, path, faults);
  };
}

export function listOf<T>(check: Check<T>): Check<readonly T[]> {
  return (value, path, faults) => {
    if (!Array.isArray(value)) {
      faults.push(`"${path}" must be an array, got ${jsonKind(value)}`);
      return;
    }
    for (const [i, item] of value.entries()) check(item, `${path}.${i}`, faults);
  };
}

/** An object with exactly the fields of `shape`, each passing its check. */
export function object<T>(shape: Shape<T>): Check<T> {
  return (value, path, faults) => {
    if (!isPlainObject(value)) faults.push(`"${path}" must be an object, got ${jsonKind(value)}`);
    else checkFields(value, shape as Readonly<Record<string, Check<unknown>>>, path, faults);
  };
}

export function checkFields(
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
export const MAX_NAME_LENGTH = 200;
/** Names the statute defines (unit levels, body kinds, offices, majorities): parseStatute allows 60 characters. */
export const MAX_STATUTE_NAME_LENGTH = 60;
/** The arithmetic of a vote, as @plenum/tally writes it ("yes 8 > no 7"): a line, not a text. */
export const MAX_ARITHMETIC_LENGTH = 1000;

export const identifier = scalar<Id>((v) =>
  isId(v) ? undefined : 'must be an identifier (a-z, 0-9, "-" and "_", starting with a letter, at most 64 characters)',
);
export const calendarDate = scalar<string>((v) =>
  typeof v === 'string' && isCalendarDate(v) ? undefined : 'must be a date YYYY-MM-DD',
);
export const name = scalar<string>((v) =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_NAME_LENGTH && !hasControl(v)
    ? undefined
    : `must be a name: 1 to ${MAX_NAME_LENGTH} characters, not only spaces, no control characters`,
);
export const statuteName = scalar<string>((v) =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_STATUTE_NAME_LENGTH && !/[\s\p{Cc}]/u.test(v)
    ? undefined
    : `must be a name from the statute: 1 to ${MAX_STATUTE_NAME_LENGTH} characters, no spaces or control characters`,
);
export const count = scalar<number>((v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? undefined : 'must be a whole number, 0 or more',
);
export const version = scalar<number>((v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 1 ? undefined : 'must be a whole number, 1 or more',
);
export const flag = scalar<boolean>((v) => (typeof v === 'boolean' ? undefined : 'must be true or false'));
export const arithmetic = scalar<string>((v) =>
  typeof v === 'string' && v.length <= MAX_ARITHMETIC_LENGTH
    ? undefined
    : `must be a string of at most ${MAX_ARITHMETIC_LENGTH} characters`,
);
export const VOTE = object<RecordedVote>({
  yes: count,
  no: count,
  abstain: count,
  present: count,
  members: count,
  majority: statuteName,
  arithmetic,
});

/** A text of up to `max` characters (a document, a motion, a letter): line breaks allowed, no other control characters. */
export function text(max: number): Check<string> {
  return scalar<string>((v) =>
    typeof v === 'string' && v.trim().length > 0 && v.length <= max && !hasControlExceptNewline(v)
      ? undefined
      : `must be a text: 1 to ${max} characters, not only spaces, no control characters but line breaks`,
  );
}

/** A lowercase hexadecimal SHA-256 digest (64 characters). */
export const sha256Hex = scalar<string>((v) =>
  typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? undefined : 'must be a SHA-256 digest in lowercase hex',
);

/** A time of day within a meeting, HH:MM (24-hour). */
export const clockTime = scalar<string>((v) =>
  typeof v === 'string' && /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(v) ? undefined : 'must be a time HH:MM',
);

export function hasControlExceptNewline(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x0a) || code === 0x7f) return true;
  }
  return false;
}

export function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'nothing';
  return `a ${typeof value}`;
}

export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

export function unexpectedKeys(value: Record<string, unknown>, allowed: readonly string[], prefix: string): string[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => `unexpected field ${quote(prefix + key)}`);
}

/** A body's vote as a meeting takes it (MeetingVote in @plenum/domain): the count, the majority's arithmetic, how it was taken, the roll call's answers, whether it carried. */
export const MEETING_VOTE: Check<MeetingVote> = object<MeetingVote>({
  yes: count,
  no: count,
  abstain: count,
  present: count,
  members: count,
  majority: statuteName,
  arithmetic,
  method: oneOf({ 'show-of-hands': true, 'roll-call': true, 'secret-ballot': true }),
  roll: nullable(listOf(object({ memberId: identifier, choice: oneOf({ yes: true, no: true, abstain: true }) }))),
  carried: flag,
});

/** A fault across an event's fields: the entry is malformed, and the message says how. */
export function eventFault(type: string, message: string): EventFault {
  return { code: 'entry_malformed', message: `is a malformed ${type} event: ${message}` };
}

/**
 * The outcome an event states (`carried`, `upheld`, `overturned`) must be the one its recorded
 * vote reached: a record that says a motion carried on a vote that lost is malformed.
 */
export function votedAs(
  type: string,
  field: string,
  outcome: boolean,
  vote: { readonly carried: boolean },
): EventFault | undefined {
  return outcome === vote.carried ? undefined : eventFault(type, `"event.${field}" differs from "event.vote.carried"`);
}
