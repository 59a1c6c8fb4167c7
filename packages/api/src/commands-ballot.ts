import { z } from 'zod/mini';
import { command, id, text } from './command-kit.ts';

/**
 * The HTTP schemas of the commands of @plenum/domain's secret-ballot part (ballot/ballot.ts):
 * one strict schema per command type. Cryptographic texts (Belenios JSON) are bounded here
 * and read by the rules with @plenum/crypto, which names what is wrong in them.
 */

/** A Belenios message (a trustee's certificate, polynomial, voutput, a partial decryption, a ballot). */
const message = z.string().check(z.minLength(1), z.maxLength(60_000));

const question = z.strictObject({
  question: text(500),
  answers: z.array(text(500)).check(z.minLength(1), z.maxLength(50)),
  min: z.number().check(z.int(), z.gte(0)),
  max: z.number().check(z.int(), z.gte(0)),
  blank: z.boolean(),
});

const trustee = z.strictObject({
  memberId: id,
  nominatedBy: z.string().check(z.regex(/^(platform|body):[a-z][a-z0-9_-]{0,63}$/)),
});

export const BALLOT_COMMANDS = [
  command('callBallot', {
    ballotId: id,
    title: text(200),
    questions: z.array(question).check(z.minLength(1), z.maxLength(10)),
    group: z.enum(['Ed25519', 'BELENIOS-2048']),
    electorate: z.strictObject({
      scope: z.enum(['body', 'roll']),
      congressId: z.exactOptional(z.nullable(id)),
    }),
    credentialAuthority: id,
    trustees: z.array(trustee).check(z.minLength(2), z.maxLength(15)),
    threshold: z.number().check(z.int(), z.gte(2)),
  }),
  command('publishCredentials', {
    ballotId: id,
    credentials: z
      .array(z.string().check(z.regex(/^([0-9a-f]{64}|[1-9][0-9]{0,616})$/)))
      .check(z.minLength(1), z.maxLength(200_000)),
  }),
  command('certifyTrustee', { ballotId: id, cert: message }),
  command('commitTrustee', { ballotId: id, polynomial: message }),
  command('verifyTrustee', { ballotId: id, voutput: message }),
  command('openBallot', { ballotId: id }),
  // Given by the ballot box only (POST /api/ballots/:id/cast), never by a member or body.
  command('castBallot', { ballotId: id, ballot: message }),
  command('refuseBallot', {
    ballotId: id,
    hash: z.string().check(z.regex(/^[A-Za-z0-9+/]{43}$/)),
    reason: z.string().check(z.maxLength(100)),
    detail: z.string().check(z.maxLength(500)),
  }),
  command('closeBallot', { ballotId: id, encryptedTally: z.string().check(z.minLength(1), z.maxLength(2_000_000)) }),
  command('decryptTally', { ballotId: id, partialDecryption: message }),
] as const;
