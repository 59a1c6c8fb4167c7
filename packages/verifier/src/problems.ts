/**
 * What the verifier finds wrong, as values. Each problem has a stable `code` (for programs:
 * exit codes, tests, later the witness) and a precise English `message` saying what is wrong
 * and where: which file (its path in the tlog-tiles layout), which entry, which byte offset,
 * and the expected and actual hashes. Messages are diagnostics for experts and stay English;
 * the surrounding user interface (the CLI's summary) is translated.
 *
 * Hashes in tiles are written in hex (as a hex dump of the tile at the given offset shows
 * them); checkpoint roots in standard base64 (as the checkpoint itself writes them).
 */
export type ProblemCode =
  /** The log's verifier key given to the verifier is not a valid Ed25519 note key. */
  | 'vkey_malformed'
  /** A cosigner's verifier key given to the verifier is not valid. */
  | 'cosigner_vkey_malformed'
  /** Fetching a file failed (network error, timeout, HTTP error, unreadable file). */
  | 'fetch_failed'
  /** The log serves no `checkpoint`. */
  | 'checkpoint_missing'
  /** The checkpoint is not a well-formed signed note or checkpoint body. */
  | 'checkpoint_malformed'
  /** The log key's signature on the checkpoint does not verify. */
  | 'checkpoint_signature'
  /** The checkpoint carries no signature by the log key at all. */
  | 'checkpoint_unsigned'
  /** The checkpoint's origin is not the log's (by default: the log key's name). */
  | 'checkpoint_origin'
  /** A signature line by a given cosigner does not verify. */
  | 'cosignature_invalid'
  /** A given cosigner did not cosign the checkpoint. */
  | 'cosignature_missing'
  /** The remembered checkpoint does not open with the log key. */
  | 'remembered_invalid'
  /** The remembered checkpoint is of another log (another origin). */
  | 'remembered_origin'
  /** The log now shows a smaller tree than the remembered checkpoint: rollback, stale copy or split view. */
  | 'remembered_larger'
  /** FORK: the log signed two trees of which neither extends the other (a split view). */
  | 'inconsistent_with_remembered'
  /** Consistency with the remembered checkpoint could not be checked (the tiles are unusable). */
  | 'consistency_unchecked'
  /** The root could not be recomputed from the tiles (a tile it needs is missing or damaged). */
  | 'root_unchecked'
  /** The root recomputed from the tiles is not the checkpoint's. */
  | 'root_mismatch'
  /** A tile the checkpoint's tree has is not served. */
  | 'tile_missing'
  /** A tile has fewer bytes than its width says. */
  | 'tile_truncated'
  /** A tile has more bytes than its width says. */
  | 'tile_too_long'
  /** A hash in a tile of level ≥ 1 is not the root of the full tile below it. */
  | 'tile_mismatch'
  /** An entry bundle the checkpoint's tree has is not served. */
  | 'bundle_missing'
  /** An entry bundle cannot be decoded, or holds another number of entries than its width. */
  | 'bundle_malformed'
  /** An entry's leaf hash is not the hash at its index in the level-0 tile. */
  | 'entry_hash_mismatch'
  /** An entry is not a well-formed record entry (encoding, JSON, fields). */
  | 'entry_malformed'
  /** An entry is JSON but not in canonical form. */
  | 'entry_not_canonical'
  /** An entry's `type` is not a known event type. */
  | 'entry_unknown_type'
  /** An entry records a statute (statute.adopted, statute.amended) whose text does not parse as a statute. */
  | 'entry_statute_invalid'
  /** An entry is a bare event that nobody signed (written before events were signed). */
  | 'entry_unsigned'
  /** An entry's signature does not verify with its key, for this log's origin. */
  | 'entry_signature'
  /** An entry is signed with another key than the one the record bound to its actor. */
  | 'entry_actor_key'
  /** The entry checker itself failed on an entry. */
  | 'entry_check_failed'
  /** The verifier stopped after too many problems; the rest of the record was not checked. */
  | 'too_many_problems'
  /** A bug in the verifier: it caught an error it did not expect. */
  | 'verifier_error';

export interface Problem {
  readonly code: ProblemCode;
  /** English, precise: what is wrong and where. */
  readonly message: string;
  /** The file concerned, as a path of the tlog-tiles layout (`checkpoint`, `tile/0/000.p/15`, …). */
  readonly path?: string;
  /** The 1-based line of `path` concerned (for the checkpoint, a signed note). */
  readonly line?: number;
  /** The entry (leaf) index concerned, counted from 0. */
  readonly index?: number;
  /** The byte offset in `path` where the fault is. */
  readonly offset?: number;
  /** What was expected there (a hash in hex, a root in base64, …). */
  readonly expected?: string;
  /** What was found. */
  readonly actual?: string;
}

/**
 * Checks one entry of the record: `entry` is its bytes, `index` its position in the log.
 * Returns the problems found (none: the entry is fine). The verifier adds the entry bundle's
 * path and the entry's byte offset in it; a checker should not throw, but if it does the
 * verifier reports `entry_check_failed` and goes on.
 */
export type EntryChecker = (entry: Uint8Array, index: number) => readonly Problem[];

/** An entry checker that accepts every entry (for logs whose entries are not Plenum events). */
export const acceptAnyEntry: EntryChecker = () => [];
