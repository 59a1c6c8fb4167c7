import type { Body, Member, Unit } from './organisation.ts';

/**
 * Domain events: the facts that the record keeps. Each is appended to the store (and, once
 * the public record exists, becomes a leaf of the Merkle log), so their shape is part of
 * Plenum's public format: add new event types rather than change old ones.
 */
export type DomainEvent =
  | { readonly type: 'organisation.founded'; readonly unit: Unit }
  | { readonly type: 'unit.created'; readonly unit: Unit }
  | { readonly type: 'member.admitted'; readonly member: Member }
  | { readonly type: 'body.constituted'; readonly body: Body };

export type DomainEventType = DomainEvent['type'];
