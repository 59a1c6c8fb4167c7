import type { GovernanceEvent } from './governance/state.ts';

/**
 * Domain events: the facts that the record keeps, each a leaf of the Merkle log. Their shape
 * is part of Plenum's public format (docs/record-format.md): add new event types rather than
 * change old ones.
 */
export type DomainEvent = GovernanceEvent;

export type DomainEventType = DomainEvent['type'];

/** Every event type, in the order docs/record-format.md lists them. */
export const DOMAIN_EVENT_TYPES = [
  'statute.adopted',
  'statute.amended',
  'unit.founded',
  'body.formed',
  'membership.applied',
  'membership.admitted',
  'membership.transferred',
  'membership.resigned',
  'membership.lapsed',
  'membership.readmitted',
  'mandate.began',
  'mandate.ended',
  'recall.signed',
  'recall.decided',
  'tendency.declared',
  'tendency.joined',
  'discussion.opened',
  'discussion.closed',
] as const satisfies readonly DomainEventType[];

/** Compiles only while every type is listed above: a type missing there makes this `false`. */
export const EVERY_EVENT_TYPE_LISTED: Exclude<DomainEventType, (typeof DOMAIN_EVENT_TYPES)[number]> extends never
  ? true
  : false = true;
