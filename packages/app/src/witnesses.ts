import { PlenumError } from '@plenum/kernel';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  cosignatureVerifier,
  ed25519Verifier,
  formatCheckpoint,
  isTlogError,
  openCheckpoint,
  parseVerifierKey,
  type VerifierKey,
} from '@plenum/log';
import type { LogIdentity } from './record-log.ts';
import type { StoragePort, StoredCosignature } from './storage-port.ts';

/** Bounds on what a witness may send: a checkpoint with a few signatures is far below them. */
const MAX_NOTE_BYTES = 16 * 1024;
const MAX_WITNESS_KEY_LENGTH = 512;

/**
 * A witness (a member, a platform, an outside observer running `plenum witness`) sends back
 * a checkpoint of this log with its cosignature. It is kept only if the log's own signature
 * verifies, the checkpoint is the one this log signed at that size, and the witness's
 * cosignature (C2SP tlog-cosignature, type 0x04) verifies with the witness key sent along.
 * Everything here comes from outside and is checked before anything is stored.
 */
export async function acceptCosignature(
  storage: StoragePort,
  log: LogIdentity,
  input: { readonly witness: string; readonly cosigned: string },
  recordedAt: string,
): Promise<StoredCosignature> {
  if (input.witness.length > MAX_WITNESS_KEY_LENGTH || input.cosigned.length > MAX_NOTE_BYTES) {
    throw refuse('the witness key or the cosigned checkpoint is too long');
  }
  const witnessKey = parseWitnessKey(input.witness);
  const opened = openOrRefuse(input.cosigned, log, witnessKey);
  const { checkpoint } = opened;
  // The log's signature verified, so the body is ours unless our own key signed two trees of
  // one size — compare it with what this log recorded at that size all the same.
  const ours = await storage.checkpointAt(checkpoint.size);
  if (ours === undefined) throw refuse(`this log has no checkpoint of size ${checkpoint.size}`);
  const recordedBody = openCheckpoint(ours.note, { log: ed25519Verifier(log.verifierKey) }).note.text;
  if (recordedBody !== formatCheckpoint(checkpoint)) {
    throw new PlenumError('conflict', `the checkpoint of size ${checkpoint.size} differs from the one recorded`);
  }
  const cosignature = opened.cosignatures[0];
  if (cosignature?.timestamp === undefined) throw refuse('the checkpoint carries no cosignature by the witness key');
  const line = input.cosigned.split('\n')[cosignature.line - 1] ?? '';
  const stored = { witness: input.witness, size: checkpoint.size, line, timestamp: cosignature.timestamp, recordedAt };
  await storage.saveCosignature(stored);
  return stored;
}

/** The checkpoint note with the cosignatures collected for it, as served to clients. */
export async function withCosignatures(storage: StoragePort, note: string, size: number): Promise<string> {
  const cosignatures = await storage.cosignaturesFor(size);
  return note + cosignatures.map((c) => `${c.line}\n`).join('');
}

function parseWitnessKey(witness: string): VerifierKey {
  try {
    const key = parseVerifierKey(witness);
    if (key.type !== SIGNATURE_TYPE_COSIGNATURE_V1) {
      throw refuse('a witness key must be a cosignature/v1 key (type 0x04)');
    }
    return key;
  } catch (error) {
    if (isTlogError(error)) throw refuse(`witness key: ${error.message}`);
    throw error;
  }
}

function openOrRefuse(cosigned: string, log: LogIdentity, witnessKey: VerifierKey): ReturnType<typeof openCheckpoint> {
  try {
    return openCheckpoint(cosigned, {
      log: ed25519Verifier(log.verifierKey),
      origin: log.origin,
      cosigners: [cosignatureVerifier(witnessKey)],
    });
  } catch (error) {
    if (isTlogError(error)) throw refuse(error.message);
    throw error;
  }
}

function refuse(detail: string): PlenumError {
  return new PlenumError('invalid_input', detail, { messageKey: 'error.invalidInput', params: { detail } });
}
