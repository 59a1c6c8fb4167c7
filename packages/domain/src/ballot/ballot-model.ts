import type { Id } from '@plenum/kernel';
import type { BallotBox } from './ballot-box.ts';

/**
 * The secret-ballot part's data (see ballot.ts): its events, commands, refusal keys and
 * slice. Kept apart from the rules, with type-only imports, so that state.ts, decide.ts and
 * events.ts can read these constants while an import cycle through the parts is evaluated.
 *
 * A secret ballot is a Belenios election (@plenum/crypto) run by the record:
 *
 *   ballot.called                 a body calls it: questions, electorate, credential authority, trustees
 *   ballot.credentials-published  the credential authority publishes the public credentials (in parts)
 *   ballot.credentials-sealed     … all of them: one per elector, their hash
 *   ballot.trustee-certified      threshold key generation, step 1 (each trustee)
 *   ballot.trustee-committed      step 3 (each trustee)
 *   ballot.trustee-verified       step 5 (each trustee); with the last one …
 *   ballot.key-established        … the trustees' public parameters and the election key
 *   ballot.opened                 the body opens the ballot box: the election's Belenios parameters
 *   ballot.cast                   a ballot accepted: its whole text, its tracker (hash), its credential
 *   ballot.refused                a ballot refused, with the reason (its text is not kept)
 *   ballot.closed                 the body closes the box: the encrypted tally of the last ballots
 *   ballot.decrypted              a trustee's partial decryption, with proofs; with the threshold's …
 *   ballot.result                 … the result, decrypted and proven
 */

/** A question as Belenios asks it (a homomorphic question): choose between min and max answers. */
export interface BallotQuestion {
  readonly question: string;
  readonly answers: readonly string[];
  readonly min: number;
  readonly max: number;
  /** Whether a blank vote is allowed. */
  readonly blank: boolean;
}

/** Who votes: the members of the calling body that day, or a congress's frozen roll. */
export type ElectorateScope = 'body' | 'roll';

export type BallotGroup = 'Ed25519' | 'BELENIOS-2048';

export interface BallotTrustee {
  readonly memberId: Id;
  /** Who nominated this trustee: a filed platform (`platform:<id>`) or a body (`body:<id>`). */
  readonly nominatedBy: string;
}

// ─── Events ─────────────────────────────────────────────────────────────────────────────

export type BallotEvent =
  | {
      readonly type: 'ballot.called';
      readonly ballotId: Id;
      readonly bodyId: Id;
      readonly title: string;
      readonly questions: readonly BallotQuestion[];
      readonly group: BallotGroup;
      /** The Belenios election uuid (base58), derived from the ballot's id. */
      readonly uuid: string;
      readonly electorate: {
        readonly scope: ElectorateScope;
        readonly congressId: Id | null;
        readonly count: number;
        /** SHA-256 (lowercase hex) of the canonical JSON of the electors' ids, sorted. */
        readonly hash: string;
      };
      readonly credentialAuthority: Id;
      readonly trustees: readonly BallotTrustee[];
      readonly threshold: number;
      readonly on: string;
    }
  | {
      readonly type: 'ballot.credentials-published';
      readonly ballotId: Id;
      /** From 1: the credentials travel in parts, so that no leaf exceeds the record's limit. */
      readonly part: number;
      readonly credentials: readonly string[];
      readonly on: string;
    }
  | {
      readonly type: 'ballot.credentials-sealed';
      readonly ballotId: Id;
      readonly count: number;
      /** SHA-256 (lowercase hex) of the canonical JSON of every public credential, in order. */
      readonly hash: string;
      readonly on: string;
    }
  | {
      readonly type: 'ballot.trustee-certified';
      readonly ballotId: Id;
      readonly memberId: Id;
      readonly cert: string;
      readonly on: string;
    }
  | {
      readonly type: 'ballot.trustee-committed';
      readonly ballotId: Id;
      readonly memberId: Id;
      readonly polynomial: string;
      readonly on: string;
    }
  | {
      readonly type: 'ballot.trustee-verified';
      readonly ballotId: Id;
      readonly memberId: Id;
      readonly voutput: string;
      readonly on: string;
    }
  | {
      readonly type: 'ballot.key-established';
      readonly ballotId: Id;
      /** The trustees as a Belenios archive lists them (`[["Pedersen",…]]`). */
      readonly trustees: string;
      readonly publicKey: string;
      readonly on: string;
    }
  | {
      readonly type: 'ballot.opened';
      readonly ballotId: Id;
      /** The election's parameters, exactly as belenios-tool writes them; its hash is the fingerprint. */
      readonly election: string;
      readonly fingerprint: string;
      readonly on: string;
    }
  | {
      readonly type: 'ballot.cast';
      readonly ballotId: Id;
      /** The ballot exactly as cast (Belenios JSON): anyone can check its proofs. */
      readonly ballot: string;
      /** The voter's tracker: H_JSON of the ballot (unpadded base64 of SHA-256). */
      readonly hash: string;
      readonly credential: string;
      /** The tracker of the ballot this one replaces (a revote), or null. */
      readonly replaces: string | null;
      readonly on: string;
    }
  | {
      readonly type: 'ballot.refused';
      readonly ballotId: Id;
      /** H_JSON of the bytes received. */
      readonly hash: string;
      /** The refusal's message key (refusal.governance.ballot… or crypto.…) and where it applies. */
      readonly reason: string;
      readonly detail: string;
      readonly on: string;
    }
  | {
      readonly type: 'ballot.closed';
      readonly ballotId: Id;
      /** Ballots accepted, revotes included. */
      readonly cast: number;
      /** Ballots counted: the last of each credential. */
      readonly counted: number;
      /** The encrypted tally: the product of the counted ballots (Belenios JSON). */
      readonly encryptedTally: string;
      readonly on: string;
    }
  | {
      readonly type: 'ballot.decrypted';
      readonly ballotId: Id;
      readonly memberId: Id;
      /** The trustee's number in the Belenios trustee list, from 1. */
      readonly owner: number;
      readonly partialDecryption: string;
      readonly on: string;
    }
  | {
      readonly type: 'ballot.result';
      readonly ballotId: Id;
      /** Per question, per answer (blank first where allowed): the number of votes. */
      readonly result: readonly (readonly number[])[];
      readonly on: string;
    };

/** Every event type of this part, in the order docs/record-format.md lists them. */
export const BALLOT_EVENT_TYPES = [
  'ballot.called',
  'ballot.credentials-published',
  'ballot.credentials-sealed',
  'ballot.trustee-certified',
  'ballot.trustee-committed',
  'ballot.trustee-verified',
  'ballot.key-established',
  'ballot.opened',
  'ballot.cast',
  'ballot.refused',
  'ballot.closed',
  'ballot.decrypted',
  'ballot.result',
] as const satisfies readonly BallotEvent['type'][];

/** The events no member or body signs: a ballot's own credential signature stands for it. */
export const VOTER_EVENT_TYPES = ['ballot.cast', 'ballot.refused'] as const satisfies readonly BallotEvent['type'][];

// ─── Commands ───────────────────────────────────────────────────────────────────────────

export type BallotCommand =
  | {
      readonly type: 'callBallot';
      readonly ballotId: Id;
      readonly title: string;
      readonly questions: readonly BallotQuestion[];
      readonly group: BallotGroup;
      readonly electorate: { readonly scope: ElectorateScope; readonly congressId?: Id | null };
      readonly credentialAuthority: Id;
      readonly trustees: readonly BallotTrustee[];
      readonly threshold: number;
      readonly on: string;
    }
  | {
      readonly type: 'publishCredentials';
      readonly ballotId: Id;
      readonly credentials: readonly string[];
      readonly on: string;
    }
  | { readonly type: 'certifyTrustee'; readonly ballotId: Id; readonly cert: string; readonly on: string }
  | { readonly type: 'commitTrustee'; readonly ballotId: Id; readonly polynomial: string; readonly on: string }
  | { readonly type: 'verifyTrustee'; readonly ballotId: Id; readonly voutput: string; readonly on: string }
  | { readonly type: 'openBallot'; readonly ballotId: Id; readonly on: string }
  /**
   * A ballot whose proofs were checked (by the app, on worker threads, before it reaches
   * the rules): the rules check the window, the credential and replays.
   */
  | { readonly type: 'castBallot'; readonly ballotId: Id; readonly ballot: string; readonly on: string }
  | {
      readonly type: 'refuseBallot';
      readonly ballotId: Id;
      readonly hash: string;
      readonly reason: string;
      readonly detail: string;
      readonly on: string;
    }
  | { readonly type: 'closeBallot'; readonly ballotId: Id; readonly encryptedTally: string; readonly on: string }
  | { readonly type: 'decryptTally'; readonly ballotId: Id; readonly partialDecryption: string; readonly on: string };

/** Every command type of this part. */
export const BALLOT_COMMAND_TYPES = [
  'callBallot',
  'publishCredentials',
  'certifyTrustee',
  'commitTrustee',
  'verifyTrustee',
  'openBallot',
  'castBallot',
  'refuseBallot',
  'closeBallot',
  'decryptTally',
] as const satisfies readonly BallotCommand['type'][];

/** The commands only the ballot box gives (as the anonymous voter), never a member or body. */
export const VOTER_COMMAND_TYPES = ['castBallot', 'refuseBallot'] as const satisfies readonly BallotCommand['type'][];

/** Every refusal key of this part (message key refusal.governance.<key>, in every catalog). */
export const BALLOT_REFUSALS = [
  'ballotUnknown',
  'ballotQuestions',
  'ballotElectorateEmpty',
  'ballotTrustees',
  'ballotThreshold',
  'ballotFaction',
  'ballotAuthorityTrustee',
  'ballotNominator',
  'ballotStage',
  'ballotCredentials',
  'ballotNotTrustee',
  'ballotTrusteeDone',
  'ballotCeremony',
  'ballotNotOpen',
  'ballotClosed',
  'ballotMalformed',
  'ballotCredentialUnknown',
  'ballotReplayed',
  'ballotRefusedAlready',
  'ballotDecryption',
  'ballotVoterOnly',
] as const;

/** Limits that keep every event under the record's leaf size and the proofs bounded. */
export const BALLOT_LIMITS = {
  questions: 10,
  answers: 50,
  textLength: 500,
  trustees: 15,
  /** Public credentials per `ballot.credentials-published` event. */
  credentialsPerPart: { Ed25519: 800, 'BELENIOS-2048': 90 },
  /** The largest ballot text accepted, in bytes (a leaf holds at most 65,535). */
  ballotBytes: 60_000,
} as const;

// ─── The slice ──────────────────────────────────────────────────────────────────────────

export type BallotStage = 'called' | 'open' | 'closed' | 'decrypted';

export interface TrusteeProgress {
  readonly cert: string | null;
  readonly polynomial: string | null;
  readonly voutput: string | null;
}

export interface SecretBallot {
  readonly id: Id;
  readonly bodyId: Id;
  readonly title: string;
  readonly questions: readonly BallotQuestion[];
  readonly group: BallotGroup;
  readonly uuid: string;
  readonly electorateScope: ElectorateScope;
  readonly congressId: Id | null;
  /** The electors, sorted (their hash is in ballot.called). */
  readonly electors: readonly Id[];
  readonly electorateHash: string;
  readonly credentialAuthority: Id;
  readonly trustees: readonly BallotTrustee[];
  readonly threshold: number;
  readonly calledOn: string;
  /** The public credentials published so far, in order; sealed when there is one per elector. */
  readonly credentials: readonly string[];
  readonly credentialSet: ReadonlySet<string>;
  readonly credentialsSealed: boolean;
  /** Each trustee's messages of the key generation, by member id. */
  readonly ceremony: ReadonlyMap<Id, TrusteeProgress>;
  readonly trusteesText: string | null;
  readonly publicKey: string | null;
  readonly election: string | null;
  readonly fingerprint: string | null;
  readonly stage: BallotStage;
  readonly openedOn: string | null;
  readonly closedOn: string | null;
  /**
   * The accepted ballots' trackers and credentials, shared append-only between successive
   * states: this state sees the first `cast` of them (see BallotBox).
   */
  readonly box: BallotBox;
  /** Accepted ballots (revotes included). */
  readonly cast: number;
  /** The refused ballots' hashes: this state sees the first `refusedCount`. */
  readonly refusals: BallotBox;
  readonly refusedCount: number;
  /** Ballots counted at closing: the last of each credential. */
  readonly counted: number;
  readonly encryptedTally: string | null;
  /** Partial decryptions by trustee number (owner). */
  readonly decryptions: ReadonlyMap<number, { readonly memberId: Id; readonly text: string }>;
  readonly result: readonly (readonly number[])[] | null;
}

export interface BallotSlice {
  readonly byId: ReadonlyMap<Id, SecretBallot>;
}

export const EMPTY_BALLOT: BallotSlice = { byId: new Map() };
