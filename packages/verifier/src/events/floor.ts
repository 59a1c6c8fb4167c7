import type { AgendaItem, FloorEvent } from '@plenum/domain';
import {
  calendarDate,
  clockTime,
  count,
  eventFault,
  flag,
  identifier,
  listOf,
  MEETING_VOTE,
  name,
  nullable,
  object,
  oneOf,
  text,
  votedAs,
  type EventFault,
  type EventSchema,
} from '../event-checks.ts';

/** The longest point of order, ruling or question put to the vote (MAX_FLOOR_TEXT in @plenum/domain). */
const MAX_FLOOR_TEXT = 5000;

const floorText = text(MAX_FLOOR_TEXT);
const SIDE = oneOf({ for: true, against: true, neutral: true });

const AGENDA = listOf(
  object<AgendaItem>({
    itemId: identifier,
    title: name,
    kind: oneOf({ item: true, 'co-report': true }),
    platformId: nullable(identifier),
    minutes: nullable(count),
  }),
);

/** An agenda's items are distinct; a co-report, and only a co-report, names its platform and its minutes. */
function agendaFault(type: string, agenda: readonly AgendaItem[]): EventFault | undefined {
  if (new Set(agenda.map((i) => i.itemId)).size !== agenda.length) {
    return eventFault(type, '"event.agenda" lists an item twice');
  }
  for (const item of agenda) {
    const coReport = item.kind === 'co-report';
    if (coReport !== (item.platformId !== null) || coReport !== (item.minutes !== null)) {
      return eventFault(type, `the item ${item.itemId}: a co-report, and only a co-report, has a platform and minutes`);
    }
  }
  return undefined;
}

/** The strict schema of every event of @plenum/domain's floor part (congress/floor.ts). */
export const FLOOR_EVENT_SCHEMAS: { readonly [K in FloorEvent['type']]: EventSchema<K> } = {
  'meeting.opened': {
    fields: {
      meetingId: identifier,
      bodyId: identifier,
      chairId: identifier,
      agenda: AGENDA,
      on: calendarDate,
      at: clockTime,
    },
    then: (e) => agendaFault(e.type, e.agenda),
  },
  'agenda.change-voted': {
    fields: {
      meetingId: identifier,
      agenda: AGENDA,
      carried: flag,
      vote: MEETING_VOTE,
      on: calendarDate,
      at: clockTime,
    },
    then: (e) => votedAs(e.type, 'carried', e.carried, e.vote) ?? agendaFault(e.type, e.agenda),
  },
  'speaker.listed': {
    fields: {
      meetingId: identifier,
      itemId: identifier,
      memberId: identifier,
      side: SIDE,
      platformId: nullable(identifier),
      on: calendarDate,
      at: clockTime,
    },
  },
  'speaker.withdrawn': {
    fields: { meetingId: identifier, itemId: identifier, memberId: identifier, on: calendarDate, at: clockTime },
  },
  'speaker.called': {
    fields: {
      meetingId: identifier,
      itemId: identifier,
      memberId: identifier,
      speech: count,
      side: SIDE,
      platformId: nullable(identifier),
      coReport: flag,
      minutes: count,
      on: calendarDate,
      at: clockTime,
    },
    then: (e) =>
      e.speech < 1
        ? eventFault(e.type, '"event.speech" numbers speeches from 1')
        : e.coReport && e.platformId === null
          ? eventFault(e.type, 'a co-report is given for a platform')
          : undefined,
  },
  'speech.ended': {
    fields: {
      meetingId: identifier,
      speech: count,
      by: oneOf({ speaker: true, chair: true }),
      on: calendarDate,
      at: clockTime,
    },
  },
  'point-of-order.raised': {
    fields: {
      pointId: identifier,
      meetingId: identifier,
      memberId: identifier,
      text: floorText,
      on: calendarDate,
      at: clockTime,
    },
  },
  'ruling.given': {
    fields: {
      rulingId: identifier,
      meetingId: identifier,
      pointId: nullable(identifier),
      decision: floorText,
      on: calendarDate,
      at: clockTime,
    },
  },
  'ruling.challenged': {
    fields: { rulingId: identifier, meetingId: identifier, memberId: identifier, on: calendarDate, at: clockTime },
  },
  'ruling.challenge-decided': {
    fields: {
      rulingId: identifier,
      meetingId: identifier,
      overturned: flag,
      vote: MEETING_VOTE,
      on: calendarDate,
      at: clockTime,
    },
    then: (e) => votedAs(e.type, 'overturned', e.overturned, e.vote),
  },
  'debate.closed': {
    fields: {
      meetingId: identifier,
      itemId: identifier,
      waiting: listOf(identifier),
      on: calendarDate,
      at: clockTime,
    },
  },
  'vote.taken': {
    fields: {
      meetingId: identifier,
      itemId: identifier,
      voteId: identifier,
      question: floorText,
      result: MEETING_VOTE,
      on: calendarDate,
      at: clockTime,
    },
  },
  'meeting.closed': {
    fields: {
      meetingId: identifier,
      by: oneOf({ chair: true, meeting: true }),
      vote: nullable(MEETING_VOTE),
      on: calendarDate,
      at: clockTime,
    },
    then: (e) =>
      (e.by === 'meeting') !== (e.vote !== null)
        ? eventFault(e.type, 'a meeting closes by its vote, or by the chair without one')
        : undefined,
  },
};
