import { describe, expect, it } from 'vitest';
import { toHex } from '@plenum/kernel';
import {
  EMPTY_ORGANISATION,
  actorRef,
  checkActor,
  parseActorRef,
  decide,
  evolveAll,
  type OrganisationState,
} from '@plenum/domain';
import { demoActorSecret, demoOrganisationActions } from './demo-organisation.ts';

function build(): OrganisationState {
  let state = EMPTY_ORGANISATION;
  for (const { actor, command } of demoOrganisationActions()) {
    const allowed = checkActor(state, actor);
    if (!allowed.ok) throw new Error(`demo actor refused: ${allowed.messageKey} ${JSON.stringify(allowed.params)}`);
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
    expect(demoOrganisationActions(7)).toEqual(demoOrganisationActions(7));
    expect(demoOrganisationActions(7)).not.toEqual(demoOrganisationActions(8));
  });

  it('is built by the founders, then the central committee and each branch assembly', () => {
    const actions = demoOrganisationActions();
    const founders = actions.filter((a) => a.actor.kind === 'founders');
    expect(founders.map((a) => a.command.type)).toEqual([
      'foundOrganisation',
      'constituteBody',
      'constituteBody',
      'constituteBody',
    ]);
    for (const { actor, command } of actions) {
      if (command.type === 'admitMember')
        expect(actor).toEqual({ kind: 'body', id: `assembly-${command.member.unitId}` });
    }
  });

  it('gives each actor its own key, the same at every start', () => {
    const refs = new Set(demoOrganisationActions().map((a) => actorRef(a.actor)));
    const secrets = new Set([...refs].map((ref) => toHex(demoActorSecret(parseActorRef(ref) ?? { kind: 'founders' }))));
    expect(secrets.size).toBe(refs.size);
    const cc = { kind: 'body', id: 'central-committee' } as const;
    expect(demoActorSecret(cc)).toEqual(demoActorSecret(cc));
    expect(demoActorSecret(cc, 7)).not.toEqual(demoActorSecret(cc));
  });
});
