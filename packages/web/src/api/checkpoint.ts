/** What the page shows of a signed checkpoint (C2SP tlog-checkpoint). */
export interface CheckpointSummary {
  /** The log's origin, the first line of the body. */
  readonly origin: string;
  /** The tree size: how many events the checkpoint commits to. */
  readonly size: number;
  /** The Merkle tree's root hash, in the base64 the note carries. */
  readonly rootHash: string;
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/;
/** 32 bytes (a SHA-256 hash) in standard base64: 43 characters and one '='. */
const ROOT_HASH = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/**
 * Reads the body of a checkpoint note — "origin\nsize\nroot-base64\n[extensions…]\n\n— sig…" —
 * without checking its signatures: the page shows what the server serves, while checking it
 * is the work of `plenum verify record` and of the witnesses. Returns undefined for anything
 * that is not a checkpoint.
 */
export function readCheckpoint(note: string): CheckpointSummary | undefined {
  const end = note.indexOf('\n\n');
  if (end < 0) return undefined;
  const [origin, size, rootHash] = note.slice(0, end).split('\n');
  if (origin === undefined || origin.length === 0 || size === undefined || rootHash === undefined) return undefined;
  if (!DECIMAL.test(size) || !Number.isSafeInteger(Number(size)) || !ROOT_HASH.test(rootHash)) return undefined;
  return { origin, size: Number(size), rootHash };
}
