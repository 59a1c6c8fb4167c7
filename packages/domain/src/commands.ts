import { ok, refused, type Result, type RuleCitation } from '@plenum/kernel';
import type { DomainEvent } from './events.ts';
import { BODY_SCOPE, PARENT_KIND, type Body, type Member, type Unit } from './organisation.ts';
import { federationOf, type OrganisationState } from './state.ts';

/**
 * Commands that shape the organisation, and the rules that decide them. These structural
 * rules belong to Plenum itself (every organisation it runs has this shape); the statute's
 * own rules come on top of them and are cited as "Statute §…".
 */
export type StructureCommand =
  | { readonly type: 'foundOrganisation'; readonly unit: Unit }
  | { readonly type: 'createUnit'; readonly unit: Unit }
  | { readonly type: 'admitMember'; readonly member: Member }
  | { readonly type: 'constituteBody'; readonly body: Body };

const rule = (clause: string): RuleCitation => ({ source: 'Plenum', clause: `structure.${clause}` });

function cite(citation: RuleCitation): string {
  return `${citation.source} ${citation.clause}`;
}

export function decide(state: OrganisationState, command: StructureCommand): Result<DomainEvent[]> {
  switch (command.type) {
    case 'foundOrganisation':
      return decideFounding(state, command.unit);
    case 'createUnit':
      return decideUnit(state, command.unit);
    case 'admitMember':
      return decideAdmission(state, command.member);
    case 'constituteBody':
      return decideBody(state, command.body);
  }
}

function decideFounding(state: OrganisationState, unit: Unit): Result<DomainEvent[]> {
  const r = rule('single-federation');
  if (federationOf(state) !== undefined) return refused(r, 'refusal.structure.federationExists', { rule: cite(r) });
  if (unit.kind !== 'federation' || unit.parentId !== null) {
    const p = rule('federation-root');
    return refused(p, 'refusal.structure.parent', { rule: cite(p), kind: unit.kind, parentKind: 'none' });
  }
  return ok([{ type: 'organisation.founded', unit }]);
}

function decideUnit(state: OrganisationState, unit: Unit): Result<DomainEvent[]> {
  const exists = rule('unique-unit');
  if (state.units.has(unit.id))
    return refused(exists, 'refusal.structure.unitExists', { rule: cite(exists), id: unit.id });
  const parentRule = rule('unit-parent');
  const parentKind = PARENT_KIND[unit.kind];
  const parent = unit.parentId === null ? undefined : state.units.get(unit.parentId);
  if (parentKind === null || parent?.kind !== parentKind) {
    return refused(parentRule, 'refusal.structure.parent', {
      rule: cite(parentRule),
      kind: unit.kind,
      parentKind: parentKind ?? 'none',
    });
  }
  return ok([{ type: 'unit.created', unit }]);
}

function decideAdmission(state: OrganisationState, member: Member): Result<DomainEvent[]> {
  const exists = rule('unique-member');
  if (state.members.has(member.id)) {
    return refused(exists, 'refusal.structure.memberExists', { rule: cite(exists), id: member.id });
  }
  const branchRule = rule('member-branch');
  const unit = state.units.get(member.unitId);
  if (unit === undefined) {
    return refused(branchRule, 'refusal.structure.unknownUnit', { rule: cite(branchRule), id: member.unitId });
  }
  if (unit.kind !== 'branch') {
    return refused(branchRule, 'refusal.structure.memberNeedsBranch', { rule: cite(branchRule), id: unit.id });
  }
  return ok([{ type: 'member.admitted', member }]);
}

function decideBody(state: OrganisationState, body: Body): Result<DomainEvent[]> {
  const exists = rule('unique-body');
  if (state.bodies.has(body.id))
    return refused(exists, 'refusal.structure.bodyExists', { rule: cite(exists), id: body.id });
  const scopeRule = rule('body-scope');
  const unit = state.units.get(body.unitId);
  if (unit === undefined) {
    return refused(scopeRule, 'refusal.structure.unknownUnit', { rule: cite(scopeRule), id: body.unitId });
  }
  if (unit.kind !== BODY_SCOPE[body.kind]) {
    return refused(scopeRule, 'refusal.structure.bodyScope', {
      rule: cite(scopeRule),
      kind: body.kind,
      unitKind: BODY_SCOPE[body.kind],
    });
  }
  return ok([{ type: 'body.constituted', body }]);
}
