// Signing for the benchmarks: the leaves a client would send, signed with node:crypto Ed25519
// (as a Node process signs), so that a storage benchmark times the store and not the signer.
import type { RecordLeaf } from '@plenum/app';
import type { Actor, DomainEvent } from '@plenum/domain';
import { leafPayload, localEventSigner, signEvent, type EventSigner } from '@plenum/record';
import { nodeEd25519 } from '@plenum/server';

export const SIGNATURES = nodeEd25519();

/** A signer for an actor, its secret derived from the actor's name (benchmarks only). */
export function benchSigner(actor: Actor): EventSigner {
  const name = actor.kind === 'founders' || actor.kind === 'voter' ? actor.kind : `${actor.kind}:${actor.id}`;
  const secret = new Uint8Array(32);
  for (let i = 0; i < name.length; i += 1) secret[i % 32] = (secret[i % 32] ?? 0) ^ name.charCodeAt(i);
  return localEventSigner(actor, secret, SIGNATURES);
}

export async function signLeaves(
  origin: string,
  events: readonly DomainEvent[],
  by: EventSigner,
): Promise<RecordLeaf[]> {
  const leaves: RecordLeaf[] = [];
  for (const event of events) {
    const signed = await signEvent(origin, by, event);
    leaves.push({ signed, payload: leafPayload(signed) });
  }
  return leaves;
}
