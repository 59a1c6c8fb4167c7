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
   */
  append(leaves: readonly RecordLeaf[], recordedAt: string, sign?: CheckpointSigner): Promise<readonly StoredEvent[]>;
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
  close(): Promise<void>;
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
