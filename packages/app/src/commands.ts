import { PlenumError, fromBase64, ok, refused, toBase64, type Result, type RuleCitation } from '@plenum/kernel';
import {
  actorRef,
  decideGovernance,
  parseActorRef,
  type ActorRef,
  type DomainEvent,
  type GovActor,
  type GovernanceCommand,
  type GovernanceState,
} from '@plenum/domain';
import { ACTOR_KEY_RULE, checkActorKey, eventSignedMessage, type ActorKeys } from '@plenum/record';

/**
 * Commands signed elsewhere (a member's browser, a body's secretary's device): the server
 * never holds an actor's secret, so a command takes two steps. `prepare` lets the rules decide
 * on the current state and gives the actor the events and the exact bytes to sign; `submit`
 * decides again, checks that the events are the ones prepared, and appends them with the
 * actor's signatures (each checked before it enters the record).
 */

/**
 * Keys are enrolled at sign-in: an actor that has never signed has no key in the record, and
 * the first key it signed with would be bound to it for good. Over the network that would let
 * whoever asks first claim a member's or a body's name, so only an applicant — a person
 * introducing themself with their application — binds their key by their first act.
 */
export const KEY_ENROLMENT_RULE: RuleCitation = { source: 'Plenum', clause: 'record.key-enrolment' };

/** Whether a refusal is about the key an actor signs with (403), not about the act (422). */
export function isKeyRefusal(refusal: { readonly rule: RuleCitation }): boolean {
  const is = (rule: RuleCitation): boolean =>
    refusal.rule.source === rule.source && refusal.rule.clause === rule.clause;
  return is(KEY_ENROLMENT_RULE) || is(ACTOR_KEY_RULE);
}

/** A command the rules accept, ready for its actor to sign. */
export interface PreparedCommand {
  /** The events the rules decided, in order. */
  readonly events: readonly DomainEvent[];
  /** For each event, the bytes its actor signs (eventSignedMessage). */
  readonly messages: readonly Uint8Array[];
  /** The actor's key, in the canonical base64 the record writes. */
  readonly key: string;
}

/**
 * The actor a request names: `member:<id>`, `body:<id>`, `applicant:<id>`, `founders`, or
 * `operator` — which the rules themselves refuse (Plenum governance.no-superuser), so that the
 * refusal is seen and cited rather than hidden behind a malformed request.
 */
export function parseGovActor(text: string): GovActor | undefined {
  if (text === 'operator') return { kind: 'operator' };
  const actor = parseActorRef(text);
  // The anonymous voter is the ballot box's alone (Plenum.castBallot), never a caller's.
  return actor?.kind === 'voter' ? undefined : actor;
}

/** An Ed25519 public key from base64, re-encoded canonically; invalid_input if it is not one. */
export function canonicalKey(key: string): string {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(key, 'key');
  } catch {
    bytes = new Uint8Array(0);
  }
  if (bytes.length !== 32) {
    const detail = 'key: not an Ed25519 public key (32 bytes, base64)';
    throw new PlenumError('invalid_input', detail, { messageKey: 'error.invalidInput', params: { detail } });
  }
  return toBase64(bytes);
}

/** 64-byte Ed25519 signatures from base64; invalid_input naming the first that is not one. */
export function signatureBytes(signatures: readonly string[]): Uint8Array[] {
  return signatures.map((text, i) => {
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(text, 'signature');
    } catch {
      bytes = new Uint8Array(0);
    }
    if (bytes.length !== 64) {
      const detail = `signatures.${i}: not an Ed25519 signature (64 bytes, base64)`;
      throw new PlenumError('invalid_input', detail, { messageKey: 'error.invalidInput', params: { detail } });
    }
    return bytes;
  });
}

/**
 * Decides a command given over the network on `state`: the operator is refused by the rules;
 * an actor must sign with the key the record binds to it, and must have one already unless it
 * is an applicant applying; then the rules decide. Pure: the caller gives the state and keys.
 */
export function prepareOn(
  state: GovernanceState,
  keys: ActorKeys,
  origin: string,
  actor: GovActor,
  key: string,
  command: GovernanceCommand,
): Result<PreparedCommand> {
  if (actor.kind === 'operator') {
    const refusal = decideGovernance(state, actor, command);
    if (!refusal.ok) return refusal;
    throw new PlenumError('internal', 'the rules accepted a command from the operator');
  }
  const canonical = canonicalKey(key);
  const ref: ActorRef = actorRef(actor);
  const bound = keys.get(ref);
  const introducesItself = actor.kind === 'applicant' && command.type === 'applyForMembership';
  if (bound === undefined && !introducesItself) {
    return refused(KEY_ENROLMENT_RULE, 'refusal.record.keyNotEnrolled', {
      rule: `${KEY_ENROLMENT_RULE.source} ${KEY_ENROLMENT_RULE.clause}`,
      actor: ref,
    });
  }
  const keyCheck = checkActorKey(bound, ref, canonical);
  if (!keyCheck.ok) return keyCheck;
  const decided = decideGovernance(state, actor, command);
  if (!decided.ok) return decided;
  const events: readonly DomainEvent[] = decided.value;
  return ok({
    events,
    messages: events.map((event) => eventSignedMessage(origin, ref, event, canonical)),
    key: canonical,
  });
}

/** The organisation changed between prepare and submit: the actor must look and sign again. */
export function staleCommand(): PlenumError {
  return new PlenumError('conflict', 'the events differ from those prepared: prepare the command again', {
    messageKey: 'error.commandStale',
  });
}
