import type { Id } from '@plenum/kernel';
import type { DomainEvent } from './events.ts';
import type { Body, Member, Unit } from './organisation.ts';

/** What the rules need to know to decide a command. Immutable: evolve returns a new state. */
export interface OrganisationState {
  readonly units: ReadonlyMap<Id, Unit>;
  readonly members: ReadonlyMap<Id, Member>;
  readonly bodies: ReadonlyMap<Id, Body>;
}

export const EMPTY_ORGANISATION: OrganisationState = {
  units: new Map(),
  members: new Map(),
  bodies: new Map(),
};

/**
 * The state after an event. Copying three maps per event would make a batch of n events on
 * an organisation of m members cost n·m, so the copy is made once per batch: evolveAll
 * copies, then applies every event to the copy in place.
 */
export function evolve(state: OrganisationState, event: DomainEvent): OrganisationState {
  return evolveAll(state, [event]);
}

export function evolveAll(state: OrganisationState, events: readonly DomainEvent[]): OrganisationState {
  const next = { units: new Map(state.units), members: new Map(state.members), bodies: new Map(state.bodies) };
  for (const event of events) applyInPlace(next, event);
  return next;
}

/** A state that is being built: the use cases apply a whole batch of commands to one draft. */
export interface OrganisationDraft {
  readonly units: Map<Id, Unit>;
  readonly members: Map<Id, Member>;
  readonly bodies: Map<Id, Body>;
}

export function draftOf(state: OrganisationState): OrganisationDraft {
  return { units: new Map(state.units), members: new Map(state.members), bodies: new Map(state.bodies) };
}

export function applyInPlace(draft: OrganisationDraft, event: DomainEvent): void {
  switch (event.type) {
    case 'organisation.founded':
    case 'unit.created':
      draft.units.set(event.unit.id, event.unit);
      return;
    case 'member.admitted':
      draft.members.set(event.member.id, event.member);
      return;
    case 'body.constituted':
      draft.bodies.set(event.body.id, event.body);
      return;
  }
}

export function federationOf(state: OrganisationState): Unit | undefined {
  for (const unit of state.units.values()) if (unit.kind === 'federation') return unit;
  return undefined;
}
