import { isId } from '@plenum/kernel';
import type { BulletinAuthor, BulletinEvent } from '@plenum/domain';
import {
  calendarDate,
  count,
  identifier,
  listOf,
  name,
  nullable,
  scalar,
  sha256Hex,
  text,
  version,
  type EventFault,
  type EventOf,
  type EventSchema,
} from '../event-checks.ts';

/** The longest text of a document, platform, amendment or letter (BULLETIN_MAX_TEXT in @plenum/domain). */
const MAX_BULLETIN_TEXT = 60_000;
const TEXT = text(MAX_BULLETIN_TEXT);

/** The author of a document of the bulletin: `member:<id>` or `body:<id>`. */
const author = scalar<BulletinAuthor>((v) => {
  if (typeof v === 'string') {
    const colon = v.indexOf(':');
    const kind = v.slice(0, colon);
    if (colon > 0 && (kind === 'member' || kind === 'body') && isId(v.slice(colon + 1))) return undefined;
  }
  return 'must be member:<id> or body:<id>';
});

/** A platform is filed with the signatures the share asks for, each from a different member. */
function filedWithEnough(event: EventOf<'platform.filed'>): EventFault | undefined {
  const distinct = new Set(event.signatories).size;
  if (distinct === event.signatories.length && distinct >= event.needed && event.needed <= event.members) {
    return undefined;
  }
  return {
    code: 'entry_malformed',
    message: `is a malformed platform.filed event: "event.signatories" must hold at least "event.needed" (${String(event.needed)}) different members, and "event.needed" be no more than "event.members" (${String(event.members)})`,
  };
}

/** The strict schema of every event of @plenum/domain's bulletin part (congress/bulletin.ts). */
export const BULLETIN_EVENT_SCHEMAS: { readonly [K in BulletinEvent['type']]: EventSchema<K> } = {
  'bulletin.published': {
    fields: {
      documentId: identifier,
      author,
      title: name,
      text: TEXT,
      congressId: nullable(identifier),
      on: calendarDate,
    },
  },
  'platform.drafted': {
    fields: {
      platformId: identifier,
      title: name,
      text: TEXT,
      drafter: identifier,
      congressId: nullable(identifier),
      on: calendarDate,
    },
  },
  'platform.signed': { fields: { platformId: identifier, memberId: identifier, on: calendarDate } },
  'platform.filed': {
    fields: {
      platformId: identifier,
      signatories: listOf(identifier),
      members: count,
      needed: count,
      on: calendarDate,
    },
    then: filedWithEnough,
  },
  'platform.circulated': {
    fields: { platformId: identifier, version, recipients: count, recipientsHash: sha256Hex, on: calendarDate },
  },
  'platform.amendment-proposed': {
    fields: {
      platformId: identifier,
      amendmentId: identifier,
      proposer: identifier,
      text: TEXT,
      baseVersion: version,
      on: calendarDate,
    },
  },
  'platform.amendment-approved': { fields: { amendmentId: identifier, memberId: identifier, on: calendarDate } },
  'platform.amended': {
    fields: { platformId: identifier, amendmentId: identifier, version, text: TEXT, on: calendarDate },
  },
  'letter.delivered': {
    fields: {
      letterId: identifier,
      from: identifier,
      toBodyId: identifier,
      title: name,
      text: TEXT,
      recipients: listOf(identifier),
      on: calendarDate,
    },
  },
};
