import { isId } from '@plenum/kernel';

/**
 * Who signs: every event of the record is signed by the member or the body that did it, by
 * an applicant (a person applying to join, before they are a member), or, while the
 * organisation is being founded, by its founders. In the record an actor is written as a
 * string: `member:<id>`, `body:<id>`, `applicant:<id>` or `founders`.
 *
 * The server's operator is not among them: it configures the server and signs nothing of
 * the record (the rules refuse it every act, Plenum governance.no-superuser).
 */
export type Actor =
  | { readonly kind: 'member'; readonly id: string }
  | { readonly kind: 'body'; readonly id: string }
  | { readonly kind: 'applicant'; readonly id: string }
  | { readonly kind: 'founders' }
  /** The ballot box: a secret ballot is signed by its Belenios credential, not by a member. */
  | { readonly kind: 'voter' };

export type ActorRef = `member:${string}` | `body:${string}` | `applicant:${string}` | 'founders' | 'voter';

export function actorRef(actor: Actor): ActorRef {
  return actor.kind === 'founders' || actor.kind === 'voter' ? actor.kind : `${actor.kind}:${actor.id}`;
}

/** The actor a reference names, or undefined if it is not one (hostile input is expected). */
export function parseActorRef(ref: string): Actor | undefined {
  if (ref === 'founders') return { kind: 'founders' };
  if (ref === 'voter') return { kind: 'voter' };
  const colon = ref.indexOf(':');
  if (colon < 0) return undefined;
  const kind = ref.slice(0, colon);
  const id = ref.slice(colon + 1);
  if (!isId(id)) return undefined;
  if (kind === 'member' || kind === 'body' || kind === 'applicant') return { kind, id };
  return undefined;
}
