import { ok, refused, type Result, type RuleCitation } from '@plenum/kernel';
import type { ActorRef } from '@plenum/domain';

/**
 * Which key signs for which actor, as the record itself says: the first leaf an actor signs
 * binds its key, and every later leaf by that actor must carry the same key. Binding in the
 * public record is what lets a member check that the key signing in their name is theirs
 * (and raise the alarm if it is not), and lets anyone check every later leaf against it.
 * (Replacing a lost key will be an act of the competent body, recorded like any other.)
 */
export const ACTOR_KEY_RULE: RuleCitation = { source: 'Plenum', clause: 'record.actor-key' };

/** The keys bound so far, actor → base64 public key. */
export type ActorKeys = ReadonlyMap<ActorRef, string>;

export function checkActorKey(bound: string | undefined, actor: ActorRef, key: string): Result<void> {
  if (bound === undefined || bound === key) return ok(undefined);
  return refused(ACTOR_KEY_RULE, 'refusal.record.actorKey', {
    rule: `${ACTOR_KEY_RULE.source} ${ACTOR_KEY_RULE.clause}`,
    actor,
    bound,
    key,
  });
}
