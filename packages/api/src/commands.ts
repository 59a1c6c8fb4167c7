import { z } from 'zod/mini';

/**
 * Governance commands as they cross the HTTP boundary: one strict schema per command of the
 * rules engine (GovernanceCommand in @plenum/domain), so that anything an attacker sends is
 * refused here, naming the path of what is wrong, before the rules see it. The rules check
 * the meaning (dates in order, units that exist, votes that carry); these schemas check the
 * form only. The server checks at compile time that every command type is here.
 */

import { command, day, id, name, person, statuteText, statuteWord, voteCount } from './command-kit.ts';
import { BALLOT_COMMANDS } from './commands-ballot.ts';
import { BULLETIN_COMMANDS } from './commands-bulletin.ts';
import { CASE_COMMANDS } from './commands-discipline.ts';
import { CONGRESS_COMMANDS } from './commands-congress.ts';
import { FLOOR_COMMANDS } from './commands-floor.ts';
import { MOTION_COMMANDS } from './commands-motions.ts';

export { ID_PATTERN, MAX_NAME, MAX_STATUTE_TEXT, day, id, voteCount } from './command-kit.ts';

/** Every command of the rules engine (GovernanceCommand), discriminated by `type`. */
export const governanceCommand = z.discriminatedUnion('type', [
  command('adoptStatute', { text: statuteText }),
  command('amendStatute', { text: statuteText, vote: voteCount }),
  command('foundUnit', {
    unit: z.strictObject({ id, level: statuteWord, name, parentId: z.nullable(id) }),
  }),
  command('formBody', { body: z.strictObject({ id, kind: statuteWord, name, unitId: id }) }),
  command('applyForMembership', { application: person }),
  command('admitMember', {
    member: person,
    applicationId: z.nullable(id),
    /** Only for the founders' founding roll: the day membership began, before the act. */
    since: z.exactOptional(day),
    /** null only for the founders' founding roll. */
    vote: z.nullable(voteCount),
  }),
  command('transferMember', { memberId: id, toUnitId: id, vote: voteCount }),
  command('resign', { memberId: id }),
  command('lapseMembership', { memberId: id, vote: voteCount }),
  command('readmitMember', { memberId: id, vote: voteCount }),
  command('recordElection', {
    bodyId: id,
    /** null: seats in the body; otherwise the office elected. */
    office: z.nullable(statuteWord),
    elected: z.array(z.strictObject({ mandateId: id, memberId: id })).check(z.minLength(1), z.maxLength(1000)),
  }),
  command('appoint', { bodyId: id, office: statuteWord, mandateId: id, memberId: id, vote: voteCount }),
  command('resignMandate', { mandateId: id }),
  command('signRecall', { mandateId: id }),
  command('decideRecall', { mandateId: id, vote: voteCount }),
  command('declareTendency', { tendency: z.strictObject({ id, name }) }),
  command('joinTendency', { tendencyId: id }),
  command('openDiscussion', {}),
  command('closeDiscussion', {}),
  ...CONGRESS_COMMANDS,
  ...BULLETIN_COMMANDS,
  ...MOTION_COMMANDS,
  ...FLOOR_COMMANDS,
  ...CASE_COMMANDS,
  ...BALLOT_COMMANDS,
]);
export type GovernanceCommandInput = z.infer<typeof governanceCommand>;

/** Who gives a command: `member:<id>`, `body:<id>`, `applicant:<id>` or `founders` (and `operator`, always refused). */
export const actor = z
  .string()
  .check(
    z.regex(
      /^(founders|operator|(member|body|applicant):[a-z][a-z0-9_-]{0,63})$/,
      'member:<id>, body:<id>, applicant:<id> or founders',
    ),
  );
/** An Ed25519 public key (32 bytes), standard base64. */
export const publicKey = z.string().check(z.regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, '32 bytes in base64'));
/** An Ed25519 signature (64 bytes), standard base64. */
export const signature = z.string().check(z.regex(/^[A-Za-z0-9+/]{85}[AQgw]==$/, '64 bytes in base64'));

/** The events a command leads to, at most (an election of many delegates at once). */
const MAX_EVENTS = 1000;

/** POST /api/commands/prepare: what the actor wants to do, and the key it signs with. */
export const prepareRequest = z.strictObject({ actor, key: publicKey, command: governanceCommand });
export type PrepareRequest = z.infer<typeof prepareRequest>;

/** A domain event as JSON (its shape is the record's: docs/record-format.md). */
export const eventJson = z.looseObject({ type: z.string().check(z.maxLength(100)) });

/**
 * The answer to prepare: the events the rules decide on the current state, and for each the
 * exact bytes the actor signs (eventSignedMessage in @plenum/record), in base64.
 */
export const prepared = z.object({
  events: z.array(eventJson),
  messages: z.array(z.string()),
});
export type Prepared = z.infer<typeof prepared>;

/** POST /api/commands: the command again, the events it was prepared into, and one signature per event. */
export const submitRequest = z.strictObject({
  actor,
  key: publicKey,
  command: governanceCommand,
  events: z.array(eventJson).check(z.minLength(1), z.maxLength(MAX_EVENTS)),
  signatures: z.array(signature).check(z.minLength(1), z.maxLength(MAX_EVENTS)),
});
export type SubmitRequest = z.infer<typeof submitRequest>;

/** The answer to a recorded command: where its events are in the record, and the record's size. */
export const submitted = z.object({
  events: z.array(z.object({ seq: z.number(), type: z.string(), recordedAt: z.string() })),
  size: z.number(),
});
export type Submitted = z.infer<typeof submitted>;

/**
 * A refusal of the rules (422), or of the record's key rules (403): the clause that refuses,
 * cited ("Statute §3.2", "Plenum governance.no-superuser"), and the message in the client's
 * language.
 */
export const refusalBody = z.object({
  refusal: z.object({
    rule: z.string(),
    source: z.string(),
    clause: z.string(),
    messageKey: z.string(),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
});
export type RefusalBody = z.infer<typeof refusalBody>;
