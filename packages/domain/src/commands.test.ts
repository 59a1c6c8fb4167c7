import { describe, expect, it } from 'vitest';
import { decide } from './commands.ts';
import { EMPTY_ORGANISATION, evolveAll, type OrganisationState } from './state.ts';
import type { StructureCommand } from './commands.ts';
import type { Unit } from './organisation.ts';

const federation: Unit = { id: 'fed', kind: 'federation', name: 'Federation', parentId: null, country: null };
const section: Unit = { id: 'sec', kind: 'section', name: 'Section', parentId: 'fed', country: 'BR' };
const branch: Unit = { id: 'br', kind: 'branch', name: 'Branch', parentId: 'sec', country: 'BR' };

function apply(commands: StructureCommand[]): OrganisationState {
  return commands.reduce((state, command) => {
    const result = decide(state, command);
    if (!result.ok) throw new Error(result.messageKey);
    return evolveAll(state, result.value);
  }, EMPTY_ORGANISATION);
}

const founded = apply([
  { type: 'foundOrganisation', unit: federation },
  { type: 'createUnit', unit: section },
  { type: 'createUnit', unit: branch },
]);

describe('structural rules', () => {
  it('founds an organisation once, and cites the rule on a second founding', () => {
    const again = decide(founded, { type: 'foundOrganisation', unit: { ...federation, id: 'other' } });
    expect(again).toMatchObject({ ok: false, rule: { source: 'Plenum', clause: 'structure.single-federation' } });
  });

  it('refuses a branch hanging directly from the federation', () => {
    const result = decide(founded, { type: 'createUnit', unit: { ...branch, id: 'br2', parentId: 'fed' } });
    expect(result).toMatchObject({
      ok: false,
      rule: { clause: 'structure.unit-parent' },
      params: { parentKind: 'section' },
    });
  });

  it('refuses a unit whose id is taken', () => {
    const result = decide(founded, { type: 'createUnit', unit: section });
    expect(result).toMatchObject({ ok: false, messageKey: 'refusal.structure.unitExists' });
  });

  it('admits members to branches only', () => {
    const member = { id: 'm1', givenName: 'Ana', familyName: 'Silva', unitId: 'br', admittedOn: '2020-01-01' };
    expect(decide(founded, { type: 'admitMember', member })).toEqual({
      ok: true,
      value: [{ type: 'member.admitted', member }],
    });
    expect(decide(founded, { type: 'admitMember', member: { ...member, unitId: 'sec' } })).toMatchObject({
      ok: false,
      messageKey: 'refusal.structure.memberNeedsBranch',
    });
    expect(decide(founded, { type: 'admitMember', member: { ...member, unitId: 'nowhere' } })).toMatchObject({
      ok: false,
      messageKey: 'refusal.structure.unknownUnit',
    });
  });

  it('places a congress at the federation and a branch assembly at a branch', () => {
    const congress = { id: 'congress', kind: 'congress', name: 'Congress', unitId: 'fed', seats: null } as const;
    expect(decide(founded, { type: 'constituteBody', body: congress }).ok).toBe(true);
    expect(decide(founded, { type: 'constituteBody', body: { ...congress, unitId: 'br' } })).toMatchObject({
      ok: false,
      rule: { clause: 'structure.body-scope' },
    });
  });
});
