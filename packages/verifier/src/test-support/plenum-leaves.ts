import { utf8 } from '@plenum/kernel';
import {
  EMPTY_ORGANISATION,
  actorRef,
  decide,
  evolve,
  type Actor,
  type ActorRef,
  type DomainEvent,
  type OrganisationState,
  type StructureCommand,
} from '@plenum/domain';
import { demoActorSecret, demoOrganisationActions } from '@plenum/demo';
import {
  leafPayload,
  localEventSigner,
  nobleEd25519,
  signEvent,
  type EventSigner,
  type SignatureScheme,
} from '@plenum/record';

/**
 * `count` leaves of a Plenum record for `origin`, as the app writes them: the demo
 * organisation's events, then admissions to one branch by its assembly (`variant` changes
 * the names), each signed by its actor's demo key.
 */
export async function signedPlenumEntries(origin: string, count: number, variant = ''): Promise<Uint8Array[]> {
  let state: OrganisationState = EMPTY_ORGANISATION;
  const done: { actor: Actor; event: DomainEvent }[] = [];
  const apply = (actor: Actor, command: StructureCommand): void => {
    const result = decide(state, command);
    if (!result.ok) throw new Error(`demo command refused: ${result.messageKey}`);
    for (const event of result.value) {
      done.push({ actor, event });
      state = evolve(state, event);
    }
  };
  for (const { actor, command } of demoOrganisationActions()) {
    if (done.length >= count) break;
    apply(actor, command);
  }
  for (let i = 0; done.length < count; i += 1) {
    const branch = [...state.units.values()].find((unit) => unit.kind === 'branch');
    if (branch === undefined) throw new Error('the demo has no branch');
    const assembly: Actor = { kind: 'body', id: `assembly-${branch.id}` };
    const member = {
      id: `extra-${i}`,
      givenName: `Rosa${variant}`,
      familyName: `Nr ${i}`,
      unitId: branch.id,
      admittedOn: '2024-02-29',
    };
    apply(assembly, { type: 'admitMember', member });
  }
  const signers = new Map<ActorRef, EventSigner>();
  const entries: Uint8Array[] = [];
  for (const { actor, event } of done.slice(0, count)) {
    const ref = actorRef(actor);
    let signer = signers.get(ref);
    if (signer === undefined) {
      signer = localEventSigner(actor, demoActorSecret(actor), nobleEd25519);
      signers.set(ref, signer);
    }
    entries.push(utf8(leafPayload(await signEvent(origin, signer, event))));
  }
  return entries;
}

/**
 * A signature scheme that remembers each verification it made: Ed25519 verification is a
 * pure function, so the answers are the same; tests that verify the same leaves hundreds of
 * times (property tests of the tiles) stay fast while every distinct leaf is really checked.
 */
export function rememberingScheme(scheme: SignatureScheme = nobleEd25519): SignatureScheme {
  const seen = new Map<string, boolean>();
  const text = (bytes: Uint8Array): string => {
    let out = '';
    for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096));
    return out;
  };
  return {
    publicKey: (secret) => scheme.publicKey(secret),
    sign: (message, secret) => scheme.sign(message, secret),
    verify: (signature, message, publicKey) => {
      const id = `${text(signature)}${text(publicKey)}${text(message)}`;
      let valid = seen.get(id);
      if (valid === undefined) {
        valid = scheme.verify(signature, message, publicKey);
        seen.set(id, valid);
      }
      return valid;
    },
  };
}
