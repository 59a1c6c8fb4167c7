import type { CongressEvent } from '@plenum/domain';
import {
  calendarDate,
  count,
  flag,
  identifier,
  listOf,
  MEETING_VOTE,
  nullable,
  object,
  oneOf,
  scalar,
  sha256Hex,
  VOTE,
  votedAs,
  type EventSchema,
  type Payload,
} from '../event-checks.ts';

/** The strict schema of every event of @plenum/domain's congress part (congress/congress.ts). */

/** A decimal as @plenum/tally reports it ("12", "4.00000", "1234.567890"). */
const decimal = scalar<string>((v) =>
  typeof v === 'string' && /^\d{1,30}(\.\d{1,30})?$/.test(v)
    ? undefined
    : 'must be a decimal number like 12 or 4.50000',
);
/** Who called a congress: body:<id>, founders (the first congress), statute (convoked when overdue) or petition. */
const calledBy = scalar<string>((v) =>
  typeof v === 'string' && /^(founders|statute|petition|body:[a-z][a-z0-9_-]{0,63})$/.test(v)
    ? undefined
    : 'must be body:<id>, founders, statute or petition',
);
type Of<K extends CongressEvent['type']> = Payload<K>;

const ROLL = object<Of<'congress.called'>['roll']>({
  cutoff: calendarDate,
  hash: sha256Hex,
  total: count,
  units: listOf(object<Of<'congress.called'>['roll']['units'][number]>({ unitId: identifier, members: count })),
});

export const CONGRESS_EVENT_SCHEMAS: { readonly [K in CongressEvent['type']]: EventSchema<K> } = {
  'congress.called': {
    fields: {
      congressId: identifier,
      bodyId: identifier,
      kind: oneOf<Of<'congress.called'>['kind']>({ regular: true, extraordinary: true }),
      calledBy,
      opensOn: calendarDate,
      on: calendarDate,
      roll: ROLL,
    },
  },
  'delegates.apportioned': {
    fields: {
      congressId: identifier,
      method: oneOf<Of<'delegates.apportioned'>['method']>({
        'sainte-lague': true,
        dhondt: true,
        'hare-niemeyer': true,
      }),
      seats: count,
      minimumPerUnit: count,
      units: listOf(
        object<Of<'delegates.apportioned'>['units'][number]>({ unitId: identifier, members: count, seats: count }),
      ),
      divisor: nullable(decimal),
      quotients: listOf(decimal),
      seed: sha256Hex,
      on: calendarDate,
    },
  },
  'congress.petition-signed': { fields: { memberId: identifier, on: calendarDate } },
  'congress.petition-resolved': { fields: { unitId: identifier, bodyId: identifier, vote: VOTE, on: calendarDate } },
  'congress.postponement-voted': {
    fields: { congressId: identifier, carried: flag, opensOn: calendarDate, vote: MEETING_VOTE, on: calendarDate },
    then: (e) => votedAs(e.type, 'carried', e.carried, e.vote),
  },
  'delegates.elected': {
    fields: {
      congressId: identifier,
      unitId: identifier,
      bodyId: identifier,
      method: oneOf<Of<'delegates.elected'>['method']>({ 'scottish-stv': true, meek: true, ers97: true }),
      seats: count,
      candidates: listOf(identifier),
      ballots: listOf(object<Of<'delegates.elected'>['ballots'][number]>({ ranking: listOf(identifier), count })),
      elected: listOf(
        object<Of<'delegates.elected'>['elected'][number]>({ memberId: identifier, mandateId: identifier }),
      ),
      quota: nullable(decimal),
      rounds: count,
      on: calendarDate,
    },
  },
  'congress.opened': {
    fields: {
      congressId: identifier,
      on: calendarDate,
      credentials: listOf(
        object<Of<'congress.opened'>['credentials'][number]>({
          memberId: identifier,
          unitId: identifier,
          mandateId: identifier,
          electedOn: calendarDate,
        }),
      ),
      unfilled: listOf(object<Of<'congress.opened'>['unfilled'][number]>({ unitId: identifier, seats: count })),
    },
  },
  'congress.closed': { fields: { congressId: identifier, on: calendarDate } },
};
