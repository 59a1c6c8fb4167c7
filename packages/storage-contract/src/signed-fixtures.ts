import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from '@plenum/kernel';
import { actorRef, type Actor, type DomainEvent } from '@plenum/domain';
import { leafPayload, localEventSigner, nobleEd25519, signEvent, type EventSigner } from '@plenum/record';
import type { RecordLeaf } from '@plenum/app';

/** The origin the contract's records are signed for. */
export const CONTRACT_ORIGIN = 'plenum.test/contract';

export const FOUNDERS: Actor = { kind: 'founders' };

/** A signer for an actor of the contract's tests, its secret derived from the actor (test-only). */
export function testSigner(actor: Actor, variant = ''): EventSigner {
  return localEventSigner(actor, sha256(utf8(`contract ${actorRef(actor)} ${variant}`)), nobleEd25519);
}

/** Signs events as the actor would, into the leaves the storage port appends. */
export async function signed(events: readonly DomainEvent[], actor: Actor = FOUNDERS): Promise<RecordLeaf[]> {
  const signer = testSigner(actor);
  const leaves: RecordLeaf[] = [];
  for (const event of events) {
    const leaf = await signEvent(CONTRACT_ORIGIN, signer, event);
    leaves.push({ signed: leaf, payload: leafPayload(leaf) });
  }
  return leaves;
}
