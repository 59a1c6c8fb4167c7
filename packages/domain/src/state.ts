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

export function evolve(state: OrganisationState, event: DomainEvent): OrganisationState {
  switch (event.type) {
    case 'organisation.founded':
    case 'unit.created':
      return { ...state, units: withEntry(state.units, event.unit.id, event.unit) };
    case 'member.admitted':
      return { ...state, members: withEntry(state.members, event.member.id, event.member) };
    case 'body.constituted':
      return { ...state, bodies: withEntry(state.bodies, event.body.id, event.body) };
  }
}

export function evolveAll(state: OrganisationState, events: readonly DomainEvent[]): OrganisationState {
  return events.reduce(evolve, state);
}

export function federationOf(state: OrganisationState): Unit | undefined {
  for (const unit of state.units.values()) if (unit.kind === 'federation') return unit;
  return undefined;
}

function withEntry<T>(map: ReadonlyMap<Id, T>, id: Id, value: T): ReadonlyMap<Id, T> {
  const next = new Map(map);
  next.set(id, value);
  return next;
}
