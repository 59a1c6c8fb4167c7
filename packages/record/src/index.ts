// @plenum/record — the leaves of the public record, pure: each domain event signed by the
// member or body that did it (Ed25519 over the log's origin, the actor, the event and the
// key), and the rule that binds each actor to one key. The app signs with it before
// appending; the offline verifier checks every leaf with it.
export {
  ED25519_PUBLIC_KEY_SIZE,
  ED25519_SIGNATURE_SIZE,
  nobleEd25519,
  type SignatureScheme,
} from './signature-scheme.ts';
export {
  EVENT_SIGNATURE_CONTEXT,
  eventSignedMessage,
  isVoterEvent,
  voterLeaf,
  leafPayload,
  localEventSigner,
  signEvent,
  verifySignedEvent,
  type EventSigner,
  type SignedEvent,
} from './signed-event.ts';
export { ACTOR_KEY_RULE, checkActorKey, type ActorKeys } from './actor-keys.ts';
