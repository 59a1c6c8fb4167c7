import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them, on SQLite and on PostgreSQL alike. Column names are
 * snake_case, as in SQL. The record, and beside it the private tables of e-mail circulation
 * (contacts, outbox, cursor). Of the record: the organisation's state is folded from `events`
 * by the use cases (no read models). Integers are numbers on both (the PostgreSQL pool parses
 * int8: a record never holds 2^53 entries), binary columns bytes.
 */
export interface SqlDatabase {
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
  /** Members' e-mail addresses: private, never part of the record. */
  contacts: {
    member_id: string;
    email: string;
  };
  /** E-mail to send and how it went: one message per (ref, member). */
  mail_outbox: {
    id: Generated<number>;
    ref: string;
    member_id: string;
    to_address: string;
    subject: string;
    body: string;
    created_at: string;
    /** pending (retries included), sent, failed (given up). */
    status: Generated<string>;
    attempts: Generated<number>;
    next_attempt_at: string;
    last_error: string | null;
    message_id: string | null;
    sent_at: string | null;
  };
  /** The seq of the last event turned into mail: one row, id 1. */
  mail_cursor: {
    id: number;
    seq: number;
  };
}
