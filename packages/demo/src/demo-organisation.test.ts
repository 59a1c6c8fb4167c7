import { describe, expect, it } from 'vitest';
import { EMPTY_ORGANISATION, decide, evolveAll, type OrganisationState } from '@plenum/domain';
import { demoOrganisationCommands } from './demo-organisation.ts';

function build(): OrganisationState {
  let state = EMPTY_ORGANISATION;
  for (const command of demoOrganisationCommands()) {
    const result = decide(state, command);
    if (!result.ok) throw new Error(`demo command refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
    state = evolveAll(state, result.value);
  }
  return state;
}

describe('the demo organisation', () => {
  const state = build();
  const units = [...state.units.values()];

  it('is accepted command by command by the structural rules', () => {
    expect(state.units.size).toBeGreaterThan(0);
  });

  it('is an international federation of at least three national sections with branches', () => {
    const sections = units.filter((u) => u.kind === 'section');
    expect(units.filter((u) => u.kind === 'federation')).toHaveLength(1);
    expect(new Set(sections.map((s) => s.country)).size).toBeGreaterThanOrEqual(3);
    for (const section of sections) {
      expect(units.filter((u) => u.kind === 'branch' && u.parentId === section.id).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('has about two hundred members with names from several countries', () => {
    expect(state.members.size).toBeGreaterThanOrEqual(180);
    expect(state.members.size).toBeLessThanOrEqual(220);
    const countries = new Set([...state.members.values()].map((m) => state.units.get(m.unitId)?.country));
    expect(countries.size).toBeGreaterThanOrEqual(3);
    const fullNames = new Set([...state.members.values()].map((m) => `${m.givenName} ${m.familyName}`));
    expect(fullNames.size).toBeGreaterThan(state.members.size * 0.9);
  });

  it('has a congress, a central committee, a control commission and an assembly per branch', () => {
    const kinds = [...state.bodies.values()].map((b) => b.kind);
    expect(kinds).toContain('congress');
    expect(kinds).toContain('central-committee');
    expect(kinds).toContain('control-commission');
    const branches = units.filter((u) => u.kind === 'branch').length;
    expect(kinds.filter((k) => k === 'branch-assembly')).toHaveLength(branches);
  });

  it('is the same for the same seed', () => {
    expect(demoOrganisationCommands(7)).toEqual(demoOrganisationCommands(7));
    expect(demoOrganisationCommands(7)).not.toEqual(demoOrganisationCommands(8));
  });
});
