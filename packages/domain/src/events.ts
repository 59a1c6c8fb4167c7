import { BULLETIN_EVENT_TYPES } from './congress/bulletin-model.ts';
import { CONGRESS_EVENT_TYPES } from './congress/congress-model.ts';
import { CASE_EVENT_TYPES } from './congress/discipline-model.ts';
import { BALLOT_EVENT_TYPES } from './ballot/ballot-model.ts';
import { FLOOR_EVENT_TYPES } from './congress/floor-model.ts';
import { MOTION_EVENT_TYPES } from './congress/motions-model.ts';
import type { GovernanceEvent, OrganisationEvent } from './governance/state.ts';

/**
 * Domain events: the facts that the record keeps, each a leaf of the Merkle log. Their shape
 * is part of Plenum's public format (docs/record-format.md): add new event types rather than
 * change old ones.
 */
export type DomainEvent = GovernanceEvent;

export type DomainEventType = DomainEvent['type'];

/** The organisation's event types, in the order docs/record-format.md lists them. */
export const ORGANISATION_EVENT_TYPES = [
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
] as const satisfies readonly OrganisationEvent['type'][];

/** Every event type, in the order docs/record-format.md lists them. */
export const DOMAIN_EVENT_TYPES = [
  ...ORGANISATION_EVENT_TYPES,
  ...CONGRESS_EVENT_TYPES,
  ...BULLETIN_EVENT_TYPES,
  ...MOTION_EVENT_TYPES,
  ...FLOOR_EVENT_TYPES,
  ...CASE_EVENT_TYPES,
  ...BALLOT_EVENT_TYPES,
] as const satisfies readonly DomainEventType[];

/** Compiles only while every type is listed above: a type missing there makes this `false`. */
export const EVERY_EVENT_TYPE_LISTED: Exclude<DomainEventType, (typeof DOMAIN_EVENT_TYPES)[number]> extends never
  ? true
  : false = true;
