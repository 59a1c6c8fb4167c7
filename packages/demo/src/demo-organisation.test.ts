import { describe, expect, it } from 'vitest';
import { toHex } from '@plenum/kernel';
import {
  EMPTY_GOVERNANCE,
  actorRef,
  apportionmentOf,
  bodyMembers,
  congressOf,
  credentialsOf,
  decideGovernance,
  evolveGovernance,
  isMandateActive,
  parseActorRef,
  type GovernanceState,
} from '@plenum/domain';
import { demoActorSecret, demoOrganisationActions } from './demo-organisation.ts';

function build(): GovernanceState {
  let state = EMPTY_GOVERNANCE;
  for (const { actor, command } of demoOrganisationActions()) {
    const result = decideGovernance(state, actor, command);
    if (!result.ok)
      throw new Error(`demo ${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
    state = evolveGovernance(state, result.value);
  }
  return state;
}

describe('the demo organisation', () => {
  const state = build();
  const units = [...state.units.values()];
  const today = '2026-06-01';

  it('is accepted command by command by the rules engine, under the demo statute', () => {
    expect(state.statute?.title).toBe("Statute of the International Federation of Workers' Councils");
    expect(state.units.size).toBeGreaterThan(0);
  });

  it('is an international federation of four national sections with branches', () => {
    const sections = units.filter((u) => u.level === 'section');
    expect(units.filter((u) => u.level === 'federation')).toHaveLength(1);
    expect(sections).toHaveLength(4);
    for (const section of sections) {
      expect(units.filter((u) => u.level === 'branch' && u.parentId === section.id).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('has about two hundred members, who keep the dates they joined', () => {
    expect(state.members.size).toBeGreaterThanOrEqual(180);
    expect(state.members.size).toBeLessThanOrEqual(220);
    const fullNames = new Set([...state.members.values()].map((m) => `${m.givenName} ${m.familyName}`));
    expect(fullNames.size).toBeGreaterThan(state.members.size * 0.9);
    const since = new Set([...state.members.values()].map((m) => m.periods[0]?.from));
    expect(since.size).toBeGreaterThan(150);
    for (const m of state.members.values()) expect((m.periods[0]?.from ?? '9999') < '2026-01-10').toBe(true);
  });

  it('has a congress of delegates, an elected committee and commission, and an assembly per branch', () => {
    const kinds = [...state.bodies.values()].map((b) => b.kind);
    const branches = units.filter((u) => u.level === 'branch').length;
    expect(kinds.filter((k) => k === 'branch-assembly')).toHaveLength(branches);
    const seats = (id: string): number => {
      const body = state.bodies.get(id);
      return body === undefined ? 0 : bodyMembers(state, body, today).length;
    };
    expect(seats('congress')).toBe(40); // Statute §5.6: 40 seats apportioned among the branches
    expect(seats('central-committee')).toBe(15);
    expect(seats('control-commission')).toBe(5);
  });

  it('gives every mandate a holder of the office it names: secretaries of the committee and of every branch', () => {
    const offices = [...state.mandates.values()].filter((m) => m.office !== null && isMandateActive(m, today));
    expect(offices.filter((m) => m.office === 'secretary')).toHaveLength(1);
    expect(offices.filter((m) => m.office === 'branch-secretary')).toHaveLength(
      units.filter((u) => u.level === 'branch').length,
    );
  });

  it('has a tendency that members of several branches joined', () => {
    const tendency = state.tendencies.get('tendency-councils');
    expect(tendency?.members.length).toBe(6);
    const branches = new Set(tendency?.members.map((id) => state.members.get(id)?.unitId));
    expect(branches.size).toBe(6);
  });

  it('is the same for the same seed', () => {
    expect(demoOrganisationActions(7)).toEqual(demoOrganisationActions(7));
    expect(demoOrganisationActions(7)).not.toEqual(demoOrganisationActions(8));
  });

  it('is founded by the founders, who call the first congress; after that every act is a body’s or a member’s', () => {
    const actions = demoOrganisationActions();
    const lastByFounders = actions.findLastIndex((a) => a.actor.kind === 'founders');
    const founding = actions[lastByFounders]?.command;
    expect(founding).toMatchObject({ type: 'callCongress', congressId: 'congress-1', opensOn: '2026-03-14' });
    expect(actions.slice(lastByFounders + 1).every((a) => a.actor.kind !== 'founders')).toBe(true);
  });

  it('elects the 40 delegates by STV in the seats apportioned from the frozen roll (G2)', () => {
    const apportionment = apportionmentOf(state, 'congress-1');
    expect(apportionment?.seats).toBe(40);
    expect(apportionment?.units.reduce((sum, u) => sum + u.seats, 0)).toBe(40);
    // The largest branch (São Paulo, 24 members) has more seats than the smallest (Ekaterinburg, 10).
    const seats = (unitId: string): number => apportionment?.units.find((u) => u.unitId === unitId)?.seats ?? 0;
    expect(seats('br-sao-paulo')).toBeGreaterThan(seats('ru-ekaterinburg'));
    const credentials = credentialsOf(state, 'congress-1') ?? [];
    expect(credentials).toHaveLength(40);
    for (const unit of apportionment?.units ?? []) {
      expect(credentials.filter((c) => c.unitId === unit.unitId)).toHaveLength(unit.seats);
    }
    expect(congressOf(state, 'congress-1')).toMatchObject({ status: 'closed', calledBy: 'founders' });
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
