import type { Id } from '@plenum/kernel';
import type { AmendmentTarget, MotionEvent } from '@plenum/domain';
import {
  calendarDate,
  count,
  flag,
  hasControlExceptNewline,
  identifier,
  isPlainObject,
  jsonKind,
  listOf,
  MEETING_VOTE,
  name,
  nullable,
  object,
  oneOf,
  scalar,
  text,
  VOTE,
  votedAs,
  type Check,
  type EventSchema,
} from '../event-checks.ts';

/** The longest motion text (MOTION_MAX_CHARS in @plenum/domain). */
const MAX_MOTION_TEXT = 60_000;

const motionText = text(MAX_MOTION_TEXT);

/** A text that may be empty ('' deletes lines; a motion's final text may be empty): line breaks, no other control characters. */
const linesText = scalar<string>((v) =>
  typeof v === 'string' && v.length <= MAX_MOTION_TEXT && !hasControlExceptNewline(v)
    ? undefined
    : `must be a text of at most ${MAX_MOTION_TEXT} characters, no control characters but line breaks`,
);

/** Who moves a motion or an amendment: member:<id> or body:<id>. */
const mover = scalar<string>((v) =>
  typeof v === 'string' && /^(member|body):[a-z][a-z0-9_-]{0,63}$/.test(v)
    ? undefined
    : 'must be a mover: member:<id> or body:<id>',
);

/** A line number (1-based; 0 only as toLine of an insertion before the first line). */
const lineNumber = count;

const MOTION_TARGET: Check<{ readonly kind: 'motion' }> = object({ kind: oneOf({ motion: true }) });
const AMENDMENT_TARGET: Check<{ readonly kind: 'amendment'; readonly amendmentId: Id }> = object({
  kind: oneOf({ amendment: true }),
  amendmentId: identifier,
});
const TARGET: Check<AmendmentTarget> = (value, path, faults) => {
  if (!isPlainObject(value)) faults.push(`"${path}" must be an object, got ${jsonKind(value)}`);
  else if (value['kind'] === 'motion') MOTION_TARGET(value, path, faults);
  else if (value['kind'] === 'amendment') AMENDMENT_TARGET(value, path, faults);
  else if (!Object.hasOwn(value, 'kind')) faults.push(`"${path}.kind" is missing`);
  else faults.push(`"${path}.kind" must be one of motion, amendment`);
};

/** The strict schema of every event of @plenum/domain's motions part (congress/motions.ts). */
export const MOTION_EVENT_SCHEMAS: { readonly [K in MotionEvent['type']]: EventSchema<K> } = {
  'motion.drafted': {
    fields: { motionId: identifier, toBodyId: identifier, title: name, text: motionText, mover, on: calendarDate },
  },
  'motion.cosigned': { fields: { motionId: identifier, memberId: identifier, on: calendarDate } },
  'motion.submitted': { fields: { motionId: identifier, vote: nullable(VOTE), on: calendarDate } },
  'motion.withdrawn': { fields: { motionId: identifier, on: calendarDate } },
  'amendment.submitted': {
    fields: {
      amendmentId: identifier,
      motionId: identifier,
      target: TARGET,
      fromLine: lineNumber,
      toLine: lineNumber,
      replacement: linesText,
      mover,
      vote: nullable(VOTE),
      on: calendarDate,
    },
  },
  'amendment.decided': {
    fields: { amendmentId: identifier, carried: flag, vote: MEETING_VOTE, on: calendarDate },
    then: (e) => votedAs(e.type, 'carried', e.carried, e.vote),
  },
  'amendment.fell': { fields: { amendmentId: identifier, because: identifier, on: calendarDate } },
  'composite.proposed': {
    fields: {
      compositeId: identifier,
      toBodyId: identifier,
      motionIds: listOf(identifier),
      title: name,
      text: motionText,
      on: calendarDate,
    },
  },
  'composite.consented': { fields: { compositeId: identifier, mover, on: calendarDate } },
  'composite.agreed': {
    fields: { compositeId: identifier, motionIds: listOf(identifier), motionId: identifier, on: calendarDate },
  },
  'motion.decided': {
    fields: { motionId: identifier, carried: flag, text: linesText, vote: MEETING_VOTE, on: calendarDate },
    then: (e) => votedAs(e.type, 'carried', e.carried, e.vote),
  },
};
