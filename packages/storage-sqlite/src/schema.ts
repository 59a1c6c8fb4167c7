/**
 * The tables as Kysely sees them. Column names are snake_case, as in SQL. Only the record:
 * the organisation's state is folded from `events` by the use cases (the read models `units`,
 * `members` and `bodies` of migration 0001 are dropped by 0005).
 */
export interface Database {
  events: {
    /** 1, 2, 3…: given explicitly, so that leaf i of the log is the event with seq i + 1. */
    seq: number;
    type: string;
    payload: string;
    recorded_at: string;
  };
  /** Stored Merkle tree hashes (RFC 9162), addressed by stored-hash index (see @plenum/log). */
  log_hashes: {
    idx: number;
    hash: Uint8Array;
  };
  /** Signed checkpoints (C2SP tlog-checkpoint as a signed note), one per tree size signed. */
  checkpoints: {
    size: number;
    note: string;
    recorded_at: string;
  };
  /** Witnesses' cosignatures of checkpoints (C2SP tlog-cosignature). */
  cosignatures: {
    witness: string;
    size: number;
    line: string;
    timestamp: number;
    recorded_at: string;
  };
  /** The key bound to each actor that has signed: the key of its first signed event. */
  actor_keys: {
    actor: string;
    key: string;
    first_seq: number;
  };
}
