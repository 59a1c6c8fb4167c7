import { PlenumError } from '@plenum/kernel';
import type { DomainEventType } from '@plenum/domain';
import type { ActorKeys, SignedEvent } from '@plenum/record';

/**
 * The storage port: what the use cases need from a database, and all they may ask of it:
 * the record (events, the Merkle tree's hashes, checkpoints, cosignatures, actors' keys).
 * The organisation's state is not stored beside it: the use cases fold it from the events
 * (so the state rebuilt from the record is, by construction, the state decided on).
 * Every adapter (SQLite now, PostgreSQL later) implements it and must pass the one shared
 * contract suite in @plenum/storage-contract unchanged.
 */
export interface StoragePort {
  /** Human-readable location for messages and the health endpoint, e.g. "sqlite:/data/plenum.sqlite". */
  readonly location: string;
  /** The schema version the store is at after its migrations ran. */
  schemaVersion(): Promise<number>;
  /** The key the record binds to each actor that has signed (see @plenum/record checkActorKey). */
  actorKeys(): Promise<ActorKeys>;
  /**
   * Appends signed events to the record, in order, with the Merkle tree hashes they add and
   * the actors' keys they bind, in one transaction: either every
   * event is stored, or none is and the store is as before. With `sign`, the checkpoint of
   * the new tree is signed and kept in the same transaction, so every committed size has its
   * checkpoint.
   * With `expectedSize`, only onto a record of exactly that many events: the events were decided
   * on the state of that record, so if another process appended since, nothing is stored and
   * the append fails with recordMoved (the use case decides again on the new state). Appends
   * from every process are serialised: each event gets exactly one seq.
   */
  append(
    leaves: readonly RecordLeaf[],
    recordedAt: string,
    sign?: CheckpointSigner,
    expectedSize?: number,
  ): Promise<readonly StoredEvent[]>;
  /** Events with seq greater than `afterSeq`, oldest first, at most `limit` of them. */
  readEvents(afterSeq: number, limit: number): Promise<readonly StoredEvent[]>;
  /** The number of events in the record. */
  eventCount(): Promise<number>;
  /**
   * Stored Merkle tree hashes by stored-hash index (RFC 9162 trees as numbered in
   * @plenum/log), in the order asked. An index the tree does not have yet is a fault.
   */
  readStoredHashes(indexes: readonly number[]): Promise<readonly Uint8Array[]>;
  /** Keeps a signed checkpoint; a second one for the same size is ignored. */
  saveCheckpoint(checkpoint: SignedCheckpoint): Promise<void>;
  /** The checkpoint of the largest size signed so far. */
  latestCheckpoint(): Promise<SignedCheckpoint | undefined>;
  /** The checkpoint signed for exactly this tree size, if one was. */
  checkpointAt(size: number): Promise<SignedCheckpoint | undefined>;
  /** Keeps a witness's cosignature; a second one by the same witness for the same size is ignored. */
  saveCosignature(cosignature: StoredCosignature): Promise<void>;
  /** The cosignatures of the checkpoint of one tree size, oldest first. */
  cosignaturesFor(size: number): Promise<readonly StoredCosignature[]>;
  /** Every witness that has cosigned, with its latest cosignature. */
  latestCosignatures(): Promise<readonly StoredCosignature[]>;

  // ─── E-mail circulation: private, never part of the record ─────────────────────────────

  /** Keeps members' e-mail addresses (one per member: a second one replaces the first). */
  setContacts(contacts: readonly MemberContact[]): Promise<void>;
  /** The addresses of those of `memberIds` that have one, in no particular order. */
  contactsOf(memberIds: readonly string[]): Promise<readonly MemberContact[]>;
  /**
   * Queues messages and moves the mail cursor to `throughSeq` (never back), in one
   * transaction: after a crash either both happened or neither did. A message for a
   * (ref, memberId) already queued is ignored, so planning the same events twice sends once.
   * Answers how many messages were new.
   */
  enqueueMail(messages: readonly NewMail[], throughSeq: number): Promise<number>;
  /** The seq of the last event turned into mail (0 before any). */
  mailCursor(): Promise<number>;
  /** Messages still to send whose next attempt is due at `now` (ISO 8601), oldest first, at most `limit`. */
  pendingMail(limit: number, now: string): Promise<readonly QueuedMail[]>;
  /** Records what became of an attempt to send a message. */
  markMail(id: number, outcome: MailOutcome): Promise<void>;
  /** How the messages of one item (a `ref`) stand. */
  mailSummary(ref: string): Promise<MailCounts>;
  /** Every message of one item, oldest first, with where it stands (the last error kept). */
  mailOf(ref: string): Promise<readonly QueuedMail[]>;
  /** How each message to one member stands, by ref. */
  mailTo(memberId: string): Promise<ReadonlyMap<string, MailStatus>>;
  close(): Promise<void>;
}

/** A member's e-mail address: private, kept beside the record and never in it. */
export interface MemberContact {
  readonly memberId: string;
  readonly email: string;
}

/** A message to queue: one item (`platform:<id>:<version>`, `letter:<id>`) for one member. */
export interface NewMail {
  readonly ref: string;
  readonly memberId: string;
  /** The address it goes to (as it was when the message was planned). */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** ISO 8601: when it was planned, and the first attempt is due. */
  readonly createdAt: string;
}

export type MailStatus = 'pending' | 'sent' | 'failed';

/** A queued message, with where it stands. */
export interface QueuedMail extends NewMail {
  readonly id: number;
  readonly status: MailStatus;
  /** Attempts made so far. */
  readonly attempts: number;
  /** The SMTP server's last refusal or the connection's last error, if an attempt failed. */
  readonly lastError: string | null;
}

/**
 * What became of an attempt: sent (with the SMTP message id); failed, to be tried again at
 * `retryAt`; or failed for the last time (given up), keeping the error.
 */
export type MailOutcome =
  | { readonly kind: 'sent'; readonly messageId: string; readonly at: string }
  | { readonly kind: 'retry'; readonly error: string; readonly at: string; readonly retryAt: string }
  | { readonly kind: 'gaveUp'; readonly error: string; readonly at: string };

/** The messages of one item: sent, still to send (retries included), and given up. */
export interface MailCounts {
  readonly sent: number;
  readonly pending: number;
  readonly failed: number;
}

/** A leaf to append: the signed event, and its bytes (@plenum/record leafPayload), which the store keeps exactly. */
export interface RecordLeaf {
  readonly signed: SignedEvent;
  readonly payload: string;
}

/**
 * An event as it sits in the record. `payload` is the leaf: the canonical JSON of the signed
 * event (`{"actor","event","key","sig"}`), the bytes that are hashed.
 */
export interface StoredEvent {
  /** 1, 2, 3, … with no gaps: the event's position in the record. */
  readonly seq: number;
  readonly type: DomainEventType;
  readonly payload: string;
  /** ISO 8601 UTC time at which the server recorded it. */
  readonly recordedAt: string;
}

/** Signs the checkpoint of a tree: returns the whole signed note for that size and root. */
export type CheckpointSigner = (size: number, rootHash: Uint8Array) => string;

/** A checkpoint of the log (C2SP tlog-checkpoint) as a signed note, with when it was signed. */
export interface SignedCheckpoint {
  readonly size: number;
  /** The whole signed note: checkpoint body, blank line, signature lines. */
  readonly note: string;
  readonly recordedAt: string;
}

/** A witness's cosignature (C2SP tlog-cosignature) of one of the log's checkpoints. */
export interface StoredCosignature {
  /** The witness's verifier key (type 0x04, cosignature/v1). */
  readonly witness: string;
  readonly size: number;
  /** The signature line as it appears in a signed note, without its newline. */
  readonly line: string;
  /** The cosignature's own timestamp (seconds since the epoch, as the witness signed it). */
  readonly timestamp: number;
  readonly recordedAt: string;
}

/** The message key of the fault an append raises when the record grew since its events were decided. */
export const RECORD_MOVED = 'error.recordMoved';

/** The fault of an append onto a record that is not the size its events were decided on. */
export function recordMoved(size: number, expected: number): PlenumError {
  return new PlenumError('conflict', `the record holds ${size} events, not ${expected}`, {
    messageKey: RECORD_MOVED,
    params: { size, expected },
  });
}

/** Whether `error` is recordMoved: to decide again, not to report. */
export function isRecordMoved(error: unknown): boolean {
  return error instanceof PlenumError && error.messageKey === RECORD_MOVED;
}
