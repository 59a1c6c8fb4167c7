import { isId, ok, refused, type Id, type Result, type RuleCitation } from '@plenum/kernel';
import type { OrganisationState } from './state.ts';

/**
 * Who acts: every event of the record is signed by the member or the body that did it, or,
 * while the organisation is being founded, by its founders. In the record an actor is
 * written as a string: `member:<id>`, `body:<id>` or `founders`.
 */
export type Actor =
  | { readonly kind: 'member'; readonly id: Id }
  | { readonly kind: 'body'; readonly id: Id }
  | { readonly kind: 'founders' };

export type ActorRef = `member:${string}` | `body:${string}` | 'founders';

export function actorRef(actor: Actor): ActorRef {
  return actor.kind === 'founders' ? 'founders' : `${actor.kind}:${actor.id}`;
}

/** The actor a reference names, or undefined if it is not one (hostile input is expected). */
export function parseActorRef(ref: string): Actor | undefined {
  if (ref === 'founders') return { kind: 'founders' };
  const colon = ref.indexOf(':');
  const kind = ref.slice(0, colon);
  const id = ref.slice(colon + 1);
  if (colon < 0 || !isId(id)) return undefined;
  if (kind === 'member' || kind === 'body') return { kind, id };
  return undefined;
}

const rule = (clause: string): RuleCitation => ({ source: 'Plenum', clause: `structure.${clause}` });

/**
 * Whether an actor may act at all in this state: a member or a body must exist; the founders
 * act only until the organisation's congress is constituted (from then on every act is a
 * member's or a body's). Which body may do what is the statute's business, decided on top.
 */
export function checkActor(state: OrganisationState, actor: Actor): Result<void> {
  switch (actor.kind) {
    case 'member': {
      if (state.members.has(actor.id)) return ok(undefined);
      const r = rule('actor-exists');
      return refused(r, 'refusal.structure.unknownActor', { rule: `${r.source} ${r.clause}`, actor: actorRef(actor) });
    }
    case 'body': {
      if (state.bodies.has(actor.id)) return ok(undefined);
      const r = rule('actor-exists');
      return refused(r, 'refusal.structure.unknownActor', { rule: `${r.source} ${r.clause}`, actor: actorRef(actor) });
    }
    case 'founders': {
      for (const body of state.bodies.values()) {
        if (body.kind === 'congress') {
          const r = rule('founders-period');
          return refused(r, 'refusal.structure.foundersDone', { rule: `${r.source} ${r.clause}`, body: body.id });
        }
      }
      return ok(undefined);
    }
  }
}
