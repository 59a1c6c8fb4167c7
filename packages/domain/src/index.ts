// @plenum/domain — the organisation and its rules as pure functions:
// decide(state, command) gives events or a refusal citing its rule; evolve(state, event)
// gives the next state. No I/O, no clock, no randomness: callers pass all of it in.
export {
  BODY_KINDS,
  BODY_SCOPE,
  PARENT_KIND,
  UNIT_KINDS,
  type Body,
  type BodyKind,
  type Member,
  type Unit,
  type UnitKind,
} from './organisation.ts';
export type { DomainEvent, DomainEventType } from './events.ts';
export {
  EMPTY_ORGANISATION,
  applyInPlace,
  draftOf,
  evolve,
  evolveAll,
  federationOf,
  type OrganisationDraft,
  type OrganisationState,
} from './state.ts';
export { decide, type StructureCommand } from './commands.ts';
export { actorRef, checkActor, parseActorRef, type Actor, type ActorRef } from './actors.ts';
