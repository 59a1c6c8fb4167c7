import { isRecordRef, parseActorRef, type CaseDetail, type CaseEvent, type CaseGround } from '@plenum/domain';
import {
  calendarDate,
  eventFault,
  flag,
  identifier,
  isPlainObject,
  jsonKind,
  listOf,
  MEETING_VOTE,
  nullable,
  object,
  oneOf,
  scalar,
  sha256Hex,
  text,
  votedAs,
  type Check,
  type EventSchema,
} from '../event-checks.ts';

/** The longest text of charges, a description or a reply (MAX_CASE_TEXT in @plenum/domain). */
const MAX_CASE_TEXT = 20_000;

/**
 * A value of a union told apart by its field `kind`: a missing or unknown kind is the one fault
 * reported (the rest of the object cannot be judged without it); otherwise the object is
 * checked against the shape of its kind.
 */
function byKind<T extends { readonly kind: string }>(branches: {
  readonly [K in T['kind']]: Check<Extract<T, { kind: K }>>;
}): Check<T> {
  const kinds: readonly string[] = Object.keys(branches);
  return (value, path, faults) => {
    if (!isPlainObject(value)) {
      faults.push(`"${path}" must be an object, got ${jsonKind(value)}`);
      return;
    }
    if (!Object.hasOwn(value, 'kind')) {
      faults.push(`"${path}.kind" is missing`);
      return;
    }
    const kind = value['kind'];
    if (typeof kind !== 'string' || !kinds.includes(kind)) {
      faults.push(`"${path}.kind" must be one of ${kinds.join(', ')}`);
      return;
    }
    (branches as unknown as Record<string, Check<unknown>>)[kind]?.(value, path, faults);
  };
}

const DETAIL = byKind<CaseDetail>({
  text: object({ kind: oneOf({ text: true }), text: text(MAX_CASE_TEXT) }),
  commitment: object({ kind: oneOf({ commitment: true }), commitment: sha256Hex }),
});

const RECORD_REF = scalar<string>((v) =>
  isRecordRef(v)
    ? undefined
    : 'must name an item of the record: bulletin:<id>, platform:<id>, letter:<id>, motion:<id>, speech:<meetingId>:<n> or tendency:<id>',
);

const GROUND = byKind<CaseGround>({
  conduct: object({ kind: oneOf({ conduct: true }), description: DETAIL }),
  record: object({ kind: oneOf({ record: true }), ref: RECORD_REF }),
});

/** Who brought the charges: a member or a body. */
const CHARGED_BY = scalar<string>((v) => {
  const actor = typeof v === 'string' ? parseActorRef(v) : undefined;
  return actor?.kind === 'member' || actor?.kind === 'body' ? undefined : 'must be member:<id> or body:<id>';
});

const PENALTY = oneOf({ warning: true, suspension: true, expulsion: true });

/** The strict schema of every event of @plenum/domain's discipline part (congress/discipline.ts). */
export const CASE_EVENT_SCHEMAS: { readonly [K in CaseEvent['type']]: EventSchema<K> } = {
  'case.opened': {
    fields: {
      caseId: identifier,
      accusedId: identifier,
      bodyId: identifier,
      by: CHARGED_BY,
      charges: DETAIL,
      grounds: listOf(GROUND),
      confidential: flag,
      replyBy: calendarDate,
      on: calendarDate,
    },
    then: (e) =>
      e.confidential === (e.charges.kind === 'commitment')
        ? undefined
        : eventFault(e.type, '"event.confidential" must say whether "event.charges" is sealed (a commitment)'),
  },
  'case.replied': {
    fields: { caseId: identifier, reply: DETAIL, recipients: listOf(identifier), on: calendarDate },
  },
  'case.hearing-scheduled': { fields: { caseId: identifier, hearingOn: calendarDate, on: calendarDate } },
  'case.heard': { fields: { caseId: identifier, accusedPresent: flag, on: calendarDate } },
  'case.decided': {
    fields: {
      caseId: identifier,
      penalty: oneOf({ none: true, warning: true, suspension: true, expulsion: true }),
      carried: flag,
      vote: MEETING_VOTE,
      appealBy: nullable(calendarDate),
      on: calendarDate,
    },
    then: (e) => votedAs(e.type, 'carried', e.carried, e.vote),
  },
  'case.appealed': { fields: { caseId: identifier, toBodyId: identifier, on: calendarDate } },
  'case.appeal-decided': {
    fields: {
      caseId: identifier,
      bodyId: identifier,
      upheld: flag,
      vote: MEETING_VOTE,
      appealBy: nullable(calendarDate),
      on: calendarDate,
    },
    then: (e) => votedAs(e.type, 'upheld', e.upheld, e.vote),
  },
  'case.penalty-effective': {
    fields: { caseId: identifier, memberId: identifier, penalty: PENALTY, on: calendarDate },
  },
};
