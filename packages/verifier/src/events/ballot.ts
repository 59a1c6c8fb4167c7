import type { BallotEvent, BallotQuestion, BallotTrustee } from '@plenum/domain';
import {
  calendarDate,
  count,
  eventFault,
  flag,
  identifier,
  listOf,
  nullable,
  object,
  oneOf,
  scalar,
  sha256Hex,
  text,
  type EventSchema,
} from '../event-checks.ts';

/**
 * The strict schema of every event of @plenum/domain's secret-ballot part (ballot/ballot.ts).
 * The cryptography in them (credentials, trustees' messages, ballots, the tally, partial
 * decryptions) is checked by `plenum verify election` (@plenum/crypto's verifier of Belenios
 * archives); here only their shape, so that a record with a malformed one is refused.
 */

/** Text written by a program (JSON of Belenios): bounded, no check of its content here. */
function machineText(max: number): ReturnType<typeof scalar<string>> {
  return scalar<string>((v) =>
    typeof v === 'string' && v.length > 0 && v.length <= max ? undefined : `must be a text of 1 to ${max} characters`,
  );
}

const MESSAGE = machineText(65_000);
const tracker = scalar<string>((v) =>
  typeof v === 'string' && /^[A-Za-z0-9+/]{43}$/.test(v)
    ? undefined
    : 'must be a ballot tracker (43 base64 characters)',
);
const credential = scalar<string>((v) =>
  typeof v === 'string' && /^([0-9a-f]{64}|[1-9][0-9]{0,616})$/.test(v) ? undefined : 'must be a public credential',
);
const part = scalar<number>((v) => (Number.isSafeInteger(v) && (v as number) >= 1 ? undefined : 'must be 1 or more'));
const reason = scalar<string>((v) =>
  typeof v === 'string' && /^(refusal\.governance\.ballot[A-Za-z]+|crypto\.[a-z-]+)$/.test(v)
    ? undefined
    : 'must be the message key of a ballot refusal',
);
const nominator = scalar<string>((v) =>
  typeof v === 'string' && /^(platform|body):[A-Za-z0-9][A-Za-z0-9._-]*$/.test(v)
    ? undefined
    : 'must be platform:<id> or body:<id>',
);

const QUESTION = object<BallotQuestion>({
  question: text(500),
  answers: listOf(text(500)),
  min: count,
  max: count,
  blank: flag,
});
const TRUSTEE = object<BallotTrustee>({ memberId: identifier, nominatedBy: nominator });
const RESULT = listOf(listOf(count));

export const BALLOT_EVENT_SCHEMAS: { readonly [K in BallotEvent['type']]: EventSchema<K> } = {
  'ballot.called': {
    fields: {
      ballotId: identifier,
      bodyId: identifier,
      title: text(200),
      questions: listOf(QUESTION),
      group: oneOf({ Ed25519: true, 'BELENIOS-2048': true }),
      uuid: scalar<string>((v) =>
        typeof v === 'string' && /^[1-9A-HJ-NP-Za-km-z]{14,}$/.test(v) ? undefined : 'must be a Belenios uuid',
      ),
      electorate: object({
        scope: oneOf({ body: true, roll: true }),
        congressId: nullable(identifier),
        count,
        hash: sha256Hex,
      }),
      credentialAuthority: identifier,
      trustees: listOf(TRUSTEE),
      threshold: count,
      on: calendarDate,
    },
    then: (e) =>
      e.threshold >= 2 && e.threshold <= e.trustees.length
        ? undefined
        : eventFault(e.type, '"event.threshold" must be between 2 and the number of trustees'),
  },
  'ballot.credentials-published': {
    fields: { ballotId: identifier, part, credentials: listOf(credential), on: calendarDate },
  },
  'ballot.credentials-sealed': { fields: { ballotId: identifier, count, hash: sha256Hex, on: calendarDate } },
  'ballot.trustee-certified': {
    fields: { ballotId: identifier, memberId: identifier, cert: MESSAGE, on: calendarDate },
  },
  'ballot.trustee-committed': {
    fields: { ballotId: identifier, memberId: identifier, polynomial: MESSAGE, on: calendarDate },
  },
  'ballot.trustee-verified': {
    fields: { ballotId: identifier, memberId: identifier, voutput: MESSAGE, on: calendarDate },
  },
  'ballot.key-established': {
    fields: { ballotId: identifier, trustees: MESSAGE, publicKey: credential, on: calendarDate },
  },
  'ballot.opened': {
    fields: { ballotId: identifier, election: MESSAGE, fingerprint: tracker, on: calendarDate },
  },
  'ballot.cast': {
    fields: {
      ballotId: identifier,
      ballot: MESSAGE,
      hash: tracker,
      credential,
      replaces: nullable(tracker),
      on: calendarDate,
    },
  },
  'ballot.refused': {
    fields: {
      ballotId: identifier,
      hash: tracker,
      reason,
      detail: scalar<string>((v) =>
        typeof v === 'string' && v.length <= 500 ? undefined : 'must be a text of at most 500 characters',
      ),
      on: calendarDate,
    },
  },
  'ballot.closed': {
    fields: { ballotId: identifier, cast: count, counted: count, encryptedTally: MESSAGE, on: calendarDate },
    then: (e) => (e.counted <= e.cast ? undefined : eventFault(e.type, '"event.counted" cannot exceed "event.cast"')),
  },
  'ballot.decrypted': {
    fields: { ballotId: identifier, memberId: identifier, owner: part, partialDecryption: MESSAGE, on: calendarDate },
  },
  'ballot.result': { fields: { ballotId: identifier, result: RESULT, on: calendarDate } },
};
