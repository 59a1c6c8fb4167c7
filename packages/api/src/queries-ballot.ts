import { z } from 'zod/mini';

/**
 * The answers about secret ballots (GET /api/ballots…) and the ballot box (POST
 * /api/ballots/:ballotId/cast). Everything here is public: questions, electorate size and
 * hash, public credentials, the trustees' progress, trackers, the tally and the result —
 * never who cast which ballot (the record does not know it).
 */

export const ballotSummary = z.object({
  id: z.string(),
  bodyId: z.string(),
  title: z.string(),
  stage: z.enum(['called', 'open', 'closed', 'decrypted']),
  group: z.enum(['Ed25519', 'BELENIOS-2048']),
  electors: z.number(),
  cast: z.number(),
  calledOn: z.string(),
  openedOn: z.nullable(z.string()),
  closedOn: z.nullable(z.string()),
});
export type BallotSummary = z.infer<typeof ballotSummary>;

export const ballotList = z.object({ ballots: z.array(ballotSummary) });
export type BallotList = z.infer<typeof ballotList>;

export const ballotDetail = z.object({
  ballot: ballotSummary,
  uuid: z.string(),
  questions: z.array(
    z.object({
      question: z.string(),
      answers: z.array(z.string()),
      min: z.number(),
      max: z.number(),
      blank: z.boolean(),
    }),
  ),
  electorate: z.object({
    scope: z.enum(['body', 'roll']),
    congressId: z.nullable(z.string()),
    electors: z.array(z.string()),
    hash: z.string(),
  }),
  credentialAuthority: z.string(),
  credentials: z.object({ published: z.number(), sealed: z.boolean() }),
  trustees: z.array(
    z.object({
      memberId: z.string(),
      nominatedBy: z.string(),
      /** The key generation steps done (1, 3, 5), and whether it decrypted. */
      steps: z.array(z.number()),
      decrypted: z.boolean(),
    }),
  ),
  threshold: z.number(),
  /** The Belenios election parameters once open (their hash is the fingerprint), else null. */
  election: z.nullable(z.string()),
  fingerprint: z.nullable(z.string()),
  refused: z.number(),
  counted: z.number(),
  result: z.nullable(z.array(z.array(z.number()))),
});
export type BallotDetail = z.infer<typeof ballotDetail>;

/** What a trustee needs at a step of the key generation: the certificates, the shares (vinput). */
export const trusteeMaterial = z.object({
  certs: z.array(z.string()),
  polynomials: z.array(z.string()),
  vinput: z.nullable(z.string()),
  encryptedTally: z.nullable(z.string()),
});
export type TrusteeMaterial = z.infer<typeof trusteeMaterial>;

/** A ballot for the box: the Belenios JSON text exactly as the voter's browser wrote it. */
export const castRequest = z.strictObject({ ballot: z.string().check(z.minLength(1), z.maxLength(65_000)) });
export type CastRequest = z.infer<typeof castRequest>;

export const castReceipt = z.object({
  /** The voter's tracker: H_JSON of the ballot, findable on the public board. */
  tracker: z.string(),
  /** The tracker of the ballot this one replaces, if the voter voted before. */
  replaces: z.nullable(z.string()),
  /** The ballot's position in the record (its leaf). */
  seq: z.number(),
});
export type CastReceipt = z.infer<typeof castReceipt>;

export const ballotBoard = z.object({
  /** Every accepted ballot's tracker, in order, and whether it is the one counted for its credential. */
  ballots: z.array(z.object({ tracker: z.string(), counted: z.boolean() })),
});
export type BallotBoard = z.infer<typeof ballotBoard>;

export const encryptedTallyView = z.object({ encryptedTally: z.string(), counted: z.number() });
export type EncryptedTallyView = z.infer<typeof encryptedTallyView>;
