import { formatCheckpoint, hashReaderFromMap, signNote, treeRoot, treeRootIndexes, type NoteSigner } from '@plenum/log';
import type { CheckpointSigner, SignedCheckpoint, StoragePort } from './storage-port.ts';

/**
 * The log's signing side: after each append, the checkpoint of the new tree size is signed
 * with the log key (C2SP tlog-checkpoint as a signed note) and kept. Commands are
 * serialised, so each append is followed by its checkpoint before the next command runs:
 * the delay between a commit and its signed checkpoint is the signing time itself.
 */
export interface LogIdentity {
  /** The checkpoint origin, which is also the log key's name (C2SP tlog-checkpoint). */
  readonly origin: string;
  readonly signer: NoteSigner;
  /** The verifier key (vkey) members and witnesses check checkpoints with. */
  readonly verifierKey: string;
}

/** The signer an append uses to sign the checkpoint of the tree it makes. */
export function checkpointSigner(log: LogIdentity): CheckpointSigner {
  return (size, rootHash) =>
    signNote(formatCheckpoint({ origin: log.origin, size, rootHash, extensions: [] }), [log.signer]);
}

export async function signCheckpoint(
  storage: StoragePort,
  log: LogIdentity,
  recordedAt: string,
): Promise<SignedCheckpoint> {
  const size = await storage.eventCount();
  const indexes = treeRootIndexes(size);
  const rootHash = treeRoot(size, hashReaderFromMap(await readStored(storage, indexes)));
  const checkpoint = { size, note: checkpointSigner(log)(size, rootHash), recordedAt };
  await storage.saveCheckpoint(checkpoint);
  return checkpoint;
}

/** Loads the stored hashes a computation will ask for, so that it can run synchronously. */
export async function readStored(storage: StoragePort, indexes: readonly number[]): Promise<Map<number, Uint8Array>> {
  const hashes = await storage.readStoredHashes(indexes);
  return new Map(indexes.map((index, i) => [index, hashes[i] ?? new Uint8Array(0)]));
}
