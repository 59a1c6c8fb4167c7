import { canonicalJson, fromBase64, toBase64, utf8, concatBytes } from '@plenum/kernel';
import { VOTER_EVENT_TYPES, actorRef, type Actor, type ActorRef, type DomainEvent } from '@plenum/domain';
import { ED25519_PUBLIC_KEY_SIZE, type SignatureScheme } from './signature-scheme.ts';

/**
 * One leaf of the public record: a domain event, who did it, their public key and their
 * signature. The leaf's bytes are the canonical JSON (RFC 8785 style, @plenum/kernel) of this
 * object: `{"actor":…,"event":…,"key":…,"sig":…}`.
 *
 * The signature covers a fixed context string, the log's origin (so a signature made for one
 * organisation's record cannot be replayed into another's), the actor, the event and the key.
 */
export interface SignedEvent {
  readonly actor: ActorRef;
  readonly event: DomainEvent;
  /** The actor's Ed25519 public key, standard base64 (32 bytes). */
  readonly key: string;
  /** The Ed25519 signature of eventSignedMessage(origin, actor, event, key), standard base64 (64 bytes). */
  readonly sig: string;
}

export const EVENT_SIGNATURE_CONTEXT = 'plenum/event-signature/v1';

/** The exact bytes an actor signs for an event of the record of `origin`. */
export function eventSignedMessage(origin: string, actor: ActorRef, event: DomainEvent, key: string): Uint8Array {
  return concatBytes(utf8(`${EVENT_SIGNATURE_CONTEXT}\n${origin}\n`), utf8(canonicalJson({ actor, event, key })));
}

/**
 * Signs for an actor. The secret stays with whoever holds it: a local key file for the demo
 * and for `plenum init`'s founders, the member's own device for everything else. `sign` is
 * asynchronous so that the signature can come from elsewhere (a browser, a hardware key).
 */
export interface EventSigner {
  readonly actor: Actor;
  /** The 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  sign(message: Uint8Array): Promise<Uint8Array>;
  /**
   * True when this signer holds the secret in this process and derived `publicKey` from it
   * (localEventSigner): its signatures are correct by construction and need not be checked
   * again before appending. Signatures from anywhere else always are.
   */
  readonly holdsSecret?: boolean;
}

/** A signer holding the actor's secret in memory. */
export function localEventSigner(actor: Actor, secret: Uint8Array, scheme: SignatureScheme): EventSigner {
  const seed = secret.slice();
  return {
    actor,
    publicKey: scheme.publicKey(seed),
    sign: (message) => Promise.resolve(scheme.sign(message, seed)),
    holdsSecret: true,
  };
}

/** The leaf for `event` done by the signer's actor. The signature is NOT checked here: see verifySignedEvent. */
export async function signEvent(origin: string, signer: EventSigner, event: DomainEvent): Promise<SignedEvent> {
  const actor = actorRef(signer.actor);
  if (actor === 'voter') return voterLeaf(event);
  const key = toBase64(signer.publicKey);
  const signature = await signer.sign(eventSignedMessage(origin, actor, event, key));
  return { actor, event, key, sig: toBase64(signature) };
}

/**
 * A secret ballot's leaf (ballot.cast, ballot.refused): no member signs it — that would tie
 * the voter to the ballot in the public record. The actor is `voter`, the key and the
 * signature are empty, and what stands for a signature is the ballot's own: the Belenios
 * signature by its credential, inside the ballot, which `plenum verify election` checks.
 */
export function voterLeaf(event: DomainEvent): SignedEvent {
  return { actor: 'voter', event, key: '', sig: '' };
}

/** The events only the ballot box records, as the anonymous `voter`. */
export function isVoterEvent(type: string): boolean {
  return (VOTER_EVENT_TYPES as readonly string[]).includes(type);
}

/** Whether the leaf's signature is its key's, over this log's message for its actor and event. */
export function verifySignedEvent(origin: string, signed: SignedEvent, scheme: SignatureScheme): boolean {
  // The anonymous voter records ballots and nothing else; ballots are recorded by nobody else.
  if (signed.actor === 'voter' || isVoterEvent(signed.event.type)) {
    return signed.actor === 'voter' && isVoterEvent(signed.event.type) && signed.key === '' && signed.sig === '';
  }
  let key: Uint8Array;
  let signature: Uint8Array;
  try {
    key = fromBase64(signed.key);
    signature = fromBase64(signed.sig);
  } catch {
    return false;
  }
  if (key.length !== ED25519_PUBLIC_KEY_SIZE) return false;
  return scheme.verify(signature, eventSignedMessage(origin, signed.actor, signed.event, signed.key), key);
}

/** The bytes of the leaf, as a string: what the store keeps and the log hashes. */
export function leafPayload(signed: SignedEvent): string {
  return canonicalJson({ actor: signed.actor, event: signed.event, key: signed.key, sig: signed.sig });
}
