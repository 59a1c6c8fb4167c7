import { z } from 'zod/mini';
import { command, day, id, text, voteInput } from './command-kit.ts';

/**
 * The HTTP schemas of the commands of @plenum/domain's discipline part (congress/discipline.ts): one strict
 * schema per command type, written with ./command-kit.ts.
 */

/** The longest text of charges, a description or a reply (MAX_CASE_TEXT in @plenum/domain). */
export const MAX_CASE_TEXT = 20_000;
/** The most grounds one set of charges may list (MAX_CASE_GROUNDS in @plenum/domain). */
export const MAX_CASE_GROUNDS = 50;

/** A text in clear, or sealed: the SHA-256 (lowercase hex) of a salt and the text, held by the parties. */
const caseDetail = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('text'), text: text(MAX_CASE_TEXT) }),
  z.strictObject({ kind: z.literal('commitment'), commitment: z.string().check(z.regex(/^[0-9a-f]{64}$/)) }),
]);

/** An item of the record: bulletin:<id>, platform:<id>, letter:<id>, motion:<id>, speech:<meetingId>:<n>, tendency:<id>. */
const recordRef = z
  .string()
  .check(
    z.regex(
      /^(bulletin|platform|letter|motion|tendency):[a-z][a-z0-9_-]{0,63}$|^speech:[a-z][a-z0-9_-]{0,63}:[1-9][0-9]{0,8}$/,
    ),
  );

const caseGround = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('conduct'), description: caseDetail }),
  z.strictObject({ kind: z.literal('record'), ref: recordRef }),
]);

export const CASE_COMMANDS = [
  command('bringCharges', {
    caseId: id,
    accusedId: id,
    charges: caseDetail,
    grounds: z.array(caseGround).check(z.minLength(1), z.maxLength(MAX_CASE_GROUNDS)),
  }),
  command('replyToCharges', { caseId: id, reply: caseDetail }),
  command('scheduleHearing', { caseId: id, hearingOn: day }),
  command('holdHearing', { caseId: id, accusedPresent: z.boolean() }),
  command('decideCase', {
    caseId: id,
    penalty: z.enum(['none', 'warning', 'suspension', 'expulsion']),
    vote: voteInput,
  }),
  command('appealDecision', { caseId: id }),
  command('decideAppeal', { caseId: id, vote: voteInput }),
  command('enforcePenalty', { caseId: id }),
] as const;
