import type { Id } from '@plenum/kernel';

/**
 * The bulletin part's data (see bulletin.ts): its events, commands, refusal keys and slice.
 * Kept apart from the rules so that state.ts and decide.ts can read these constants while an
 * import cycle (bulletin.ts → congress.ts → decide.ts) is being evaluated.
 */

// ─── Events ─────────────────────────────────────────────────────────────────────────────

/** Who wrote a document of the bulletin: `member:<id>` or `body:<id>`. */
export type BulletinAuthor = `member:${Id}` | `body:${Id}`;

export type BulletinEvent =
  | {
      readonly type: 'bulletin.published';
      readonly documentId: Id;
      readonly author: BulletinAuthor;
      readonly title: string;
      readonly text: string;
      /** The congress in preparation, or null when none is (or when it cannot be known yet). */
      readonly congressId: Id | null;
      readonly on: string;
    }
  | {
      readonly type: 'platform.drafted';
      readonly platformId: Id;
      readonly title: string;
      readonly text: string;
      /** The member who drafted it: its first signatory. */
      readonly drafter: Id;
      readonly congressId: Id | null;
      readonly on: string;
    }
  | { readonly type: 'platform.signed'; readonly platformId: Id; readonly memberId: Id; readonly on: string }
  | {
      readonly type: 'platform.filed';
      readonly platformId: Id;
      /** The signatories who were voting members that day (those who counted), in order of signing. */
      readonly signatories: readonly Id[];
      /** The members with a vote that day. */
      readonly members: number;
      /** The signatures the statute's share asked for. */
      readonly needed: number;
      readonly on: string;
    }
  | {
      readonly type: 'platform.circulated';
      readonly platformId: Id;
      readonly version: number;
      /** Every member of the organisation that day (with or without a vote yet). */
      readonly recipients: number;
      /** SHA-256 (lowercase hex) of the canonical JSON of the recipients' ids, sorted. */
      readonly recipientsHash: string;
      readonly on: string;
    }
  | {
      readonly type: 'platform.amendment-proposed';
      readonly platformId: Id;
      readonly amendmentId: Id;
      readonly proposer: Id;
      /** The platform's whole text as amended. */
      readonly text: string;
      /** The version of the platform the amendment changes. */
      readonly baseVersion: number;
      readonly on: string;
    }
  | {
      readonly type: 'platform.amendment-approved';
      readonly amendmentId: Id;
      readonly memberId: Id;
      readonly on: string;
    }
  | {
      readonly type: 'platform.amended';
      readonly platformId: Id;
      readonly amendmentId: Id;
      readonly version: number;
      readonly text: string;
      readonly on: string;
    }
  | {
      readonly type: 'letter.delivered';
      readonly letterId: Id;
      readonly from: Id;
      readonly toBodyId: Id;
      readonly title: string;
      readonly text: string;
      /** The members of the body that day, sorted: each has it. */
      readonly recipients: readonly Id[];
      readonly on: string;
    };

/** Every event type of this part, in the order docs/record-format.md lists them. */
export const BULLETIN_EVENT_TYPES = [
  'bulletin.published',
  'platform.drafted',
  'platform.signed',
  'platform.filed',
  'platform.circulated',
  'platform.amendment-proposed',
  'platform.amendment-approved',
  'platform.amended',
  'letter.delivered',
] as const satisfies readonly BulletinEvent['type'][];

// ─── Commands ───────────────────────────────────────────────────────────────────────────

export type BulletinCommand =
  | {
      readonly type: 'publishContribution';
      readonly documentId: Id;
      readonly title: string;
      readonly text: string;
      readonly on: string;
    }
  | {
      readonly type: 'draftPlatform';
      readonly platformId: Id;
      readonly title: string;
      readonly text: string;
      readonly on: string;
    }
  | { readonly type: 'signPlatform'; readonly platformId: Id; readonly on: string }
  | {
      readonly type: 'proposePlatformAmendment';
      readonly platformId: Id;
      readonly amendmentId: Id;
      readonly text: string;
      readonly on: string;
    }
  | { readonly type: 'approvePlatformAmendment'; readonly amendmentId: Id; readonly on: string }
  | {
      readonly type: 'sendLetter';
      readonly letterId: Id;
      readonly toBodyId: Id;
      readonly title: string;
      readonly text: string;
      readonly on: string;
    };

/** Every command type of this part. */
export const BULLETIN_COMMAND_TYPES = [
  'publishContribution',
  'draftPlatform',
  'signPlatform',
  'proposePlatformAmendment',
  'approvePlatformAmendment',
  'sendLetter',
] as const satisfies readonly BulletinCommand['type'][];

/**
 * Every refusal key of this part (message key refusal.governance.<key>, in every catalog).
 * The part also gives the organisation's `input`, `exists`, `notAllowed`, `unknownBody` and
 * `discussionClosed`.
 */
export const BULLETIN_REFUSALS = [
  'platformUnknown',
  'platformSignedAlready',
  'platformSignerNoVote',
  'platformBodiesCannotEdit',
  'platformNotSignatory',
  'platformAmendmentUnknown',
  'platformAmendmentApprovedAlready',
  'platformAmendmentStale',
  'letterNoRecipients',
] as const;

/** The longest text of a document, platform, amendment or letter. */
export const BULLETIN_MAX_TEXT = 60_000;

// ─── The slice ──────────────────────────────────────────────────────────────────────────

export interface BulletinDocument {
  readonly id: Id;
  readonly author: BulletinAuthor;
  readonly title: string;
  readonly text: string;
  readonly congressId: Id | null;
  readonly on: string;
}

export interface PlatformCirculation {
  readonly version: number;
  readonly on: string;
  /** The members it was delivered to, sorted (their hash is the event's recipientsHash). */
  readonly recipients: readonly Id[];
  readonly recipientsHash: string;
}

export interface PlatformRecord {
  readonly id: Id;
  readonly title: string;
  readonly text: string;
  /** 1 as drafted; each amendment adopted adds one. */
  readonly version: number;
  readonly drafter: Id;
  readonly congressId: Id | null;
  readonly draftedOn: string;
  /** Everyone who signed, in order, the drafter first (late signatures after filing included). */
  readonly signatories: readonly Id[];
  readonly filed: {
    readonly on: string;
    readonly signatories: readonly Id[];
    readonly members: number;
    readonly needed: number;
  } | null;
  readonly circulations: readonly PlatformCirculation[];
}

export interface PlatformAmendment {
  readonly id: Id;
  readonly platformId: Id;
  readonly proposer: Id;
  readonly text: string;
  readonly baseVersion: number;
  readonly proposedOn: string;
  /** The signatories who approved, the proposer first. */
  readonly approvals: readonly Id[];
  /** The day it was adopted, or null. */
  readonly adoptedOn: string | null;
}

export interface LetterRecord {
  readonly id: Id;
  readonly from: Id;
  readonly toBodyId: Id;
  readonly title: string;
  readonly text: string;
  readonly recipients: readonly Id[];
  readonly on: string;
}

/** This part's slice of the state: read-only maps (copied once per batch into a draft). */
export interface BulletinSlice {
  /** The documents of the bulletin, in order of publication. */
  readonly documents: ReadonlyMap<Id, BulletinDocument>;
  readonly platforms: ReadonlyMap<Id, PlatformRecord>;
  readonly amendments: ReadonlyMap<Id, PlatformAmendment>;
  readonly letters: ReadonlyMap<Id, LetterRecord>;
}

export const EMPTY_BULLETIN: BulletinSlice = {
  documents: new Map(),
  platforms: new Map(),
  amendments: new Map(),
  letters: new Map(),
};
