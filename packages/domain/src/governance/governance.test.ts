import { describe, expect, it } from 'vitest';
import { DEMO_STATUTE_YAML, STATUTE_1921_YAML } from '../statute/examples.ts';
import { decideGovernance, type GovActor, type GovernanceCommand } from './decide.ts';
import { FOUNDERS, body, demoGovernance, foundingSteps, member, run, unanimous } from './scenario.ts';
import { EMPTY_GOVERNANCE, evolveGovernance, isMandateActive, type GovernanceState } from './state.ts';

const OPERATOR: GovActor = { kind: 'operator' };

function refusal(state: GovernanceState, actor: GovActor, command: GovernanceCommand): { clause: string; key: string } {
  const result = decideGovernance(state, actor, command);
  if (result.ok) throw new Error(`${command.type} was allowed`);
  return { clause: `${result.rule.source} ${result.rule.clause}`, key: result.messageKey };
}

const on = '2021-03-01';

describe('governance under the demo statute', () => {
  const { state, events } = demoGovernance();

  it('builds the organisation through the rules: founders, roll, delegates, committees', () => {
    expect(state.members.size).toBe(12);
    const active = [...state.mandates.values()].filter((m) => isMandateActive(m, on));
    expect(active.map((m) => m.bodyId).sort()).toEqual([
      'cc',
      'cc',
      'cc',
      'ccom',
      'ccom',
      'congress',
      'congress',
      'congress',
      'congress',
    ]);
    expect(active.every((m) => m.how === 'election')).toBe(true);
    // Terms: 24 months for the committees (statute §6.1, §7.1); delegates without a term.
    expect(state.mandates.get('cc-m-north-3')?.endsOn).toBe('2022-09-01');
    expect(state.mandates.get('del-m-north-1')?.endsOn).toBeNull();
  });

  it('keeps the founding roll’s earlier dates; a body cannot backdate a membership (Plenum governance.founding-roll)', () => {
    const founded = run(foundingSteps().slice(0, 4)).state;
    const roll = decideGovernance(founded, FOUNDERS, {
      type: 'admitMember',
      member: { id: 'veteran', givenName: 'Old', familyName: 'Hand', unitId: 'br-north' },
      applicationId: null,
      on: '2020-01-10',
      since: '1998-05-01',
      vote: null,
    });
    expect(roll.ok && evolveGovernance(founded, roll.value).members.get('veteran')?.periods).toEqual([
      { from: '1998-05-01', to: null },
    ]);
    const later = {
      type: 'admitMember',
      member: { id: 'newcomer', givenName: 'New', familyName: 'Comer', unitId: 'br-north' },
      applicationId: null,
      on,
      since: '2015-01-01',
      vote: unanimous(6),
    } as const;
    expect(refusal(state, body('asm-br-north'), later)).toEqual({
      clause: 'Plenum governance.founding-roll',
      key: 'refusal.governance.backdated',
    });
    // A membership cannot begin after the act that records it either.
    expect(refusal(state, body('asm-br-north'), { ...later, since: '2021-04-01' }).clause).toBe(
      'Plenum governance.date',
    );
    const admitted = decideGovernance(state, body('asm-br-north'), { ...later, since: on });
    expect(admitted.ok).toBe(true);
  });

  it('the state rebuilt from the events equals the live state', () => {
    expect(evolveGovernance(EMPTY_GOVERNANCE, events)).toEqual(state);
  });

  it('the operator can do nothing in the organisation (G11)', () => {
    const commands: GovernanceCommand[] = [
      { type: 'resign', memberId: 'm-north-1', on },
      {
        type: 'admitMember',
        member: { id: 'x', givenName: 'A', familyName: 'B', unitId: 'br-north' },
        applicationId: null,
        on,
        vote: null,
      },
      { type: 'amendStatute', text: DEMO_STATUTE_YAML, on, vote: unanimous(4) },
    ];
    for (const command of commands) {
      expect(refusal(state, OPERATOR, command)).toEqual({
        clause: 'Plenum governance.no-superuser',
        key: 'refusal.governance.operator',
      });
    }
  });

  it('the founders act no more once the congress exists', () => {
    expect(
      refusal(state, FOUNDERS, {
        type: 'foundUnit',
        unit: { id: 'br-east', level: 'branch', name: 'East', parentId: 'sec' },
        on,
      }),
    ).toEqual({
      clause: 'Plenum governance.founders-period',
      key: 'refusal.governance.foundersDone',
    });
  });

  it('admission: only the branch assembly, with its quorum and majority (§3.2, §8.1, §8.2)', () => {
    const admit = (vote: { yes: number; no: number; abstain: number; present: number }): GovernanceCommand => ({
      type: 'admitMember',
      member: { id: 'new-1', givenName: 'Ana', familyName: 'Lima', unitId: 'br-north' },
      applicationId: null,
      on,
      vote,
    });
    expect(refusal(state, body('asm-br-south'), admit(unanimous(6))).clause).toBe('Statute §3.2');
    expect(refusal(state, body('cc'), admit(unanimous(3))).clause).toBe('Statute §3.2');
    expect(refusal(state, body('asm-br-north'), admit(unanimous(2)))).toEqual({
      clause: 'Statute §8.1',
      key: 'refusal.governance.quorum',
    });
    expect(refusal(state, body('asm-br-north'), admit({ yes: 2, no: 2, abstain: 0, present: 4 }))).toEqual({
      clause: 'Statute §3.2',
      key: 'refusal.governance.notCarried',
    });
    expect(refusal(state, body('asm-br-north'), admit(unanimous(7))).key).toBe('refusal.governance.voteImpossible');
    const admitted = decideGovernance(state, body('asm-br-north'), admit({ yes: 3, no: 1, abstain: 2, present: 6 }));
    expect(admitted.ok).toBe(true);
  });

  it('no one sits on both the central committee and the control commission (§7.2)', () => {
    const elect: GovernanceCommand = {
      type: 'recordElection',
      bodyId: 'ccom',
      office: null,
      elected: [{ mandateId: 'x1', memberId: 'm-north-3' }],
      on,
    };
    expect(refusal(state, body('congress'), elect)).toEqual({
      clause: 'Statute §7.2',
      key: 'refusal.governance.incompatible',
    });
  });

  it('only the body the statute names elects a committee (§6.1), and only members of standing (§6.2)', () => {
    const elect = (memberId: string): GovernanceCommand => ({
      type: 'recordElection',
      bodyId: 'cc',
      office: null,
      elected: [{ mandateId: `x-${memberId}`, memberId }],
      on,
    });
    expect(refusal(state, body('asm-br-north'), elect('m-north-6')).clause).toBe('Statute §6.1');
    const withNew = run(
      [
        {
          actor: body('asm-br-north'),
          command: {
            type: 'admitMember',
            member: { id: 'new-2', givenName: 'Bo', familyName: 'Ek', unitId: 'br-north' },
            applicationId: null,
            on,
            vote: unanimous(6),
          },
        },
      ],
      state,
    ).state;
    expect(refusal(withNew, body('congress'), elect('new-2'))).toEqual({
      clause: 'Statute §6.2',
      key: 'refusal.governance.ineligible',
    });
  });

  it('the statute is amended only by the congress, by two thirds (§12.1, G9)', () => {
    const amended = DEMO_STATUTE_YAML.replace('version: 1', 'version: 2').replace('    seats: 15\n', '    seats: 17\n');
    const amend = (vote: { yes: number; no: number; abstain: number; present: number }): GovernanceCommand => ({
      type: 'amendStatute',
      text: amended,
      on,
      vote,
    });
    expect(refusal(state, body('cc'), amend(unanimous(3))).clause).toBe('Statute §12.1');
    expect(refusal(state, member('m-north-1'), amend(unanimous(4))).clause).toBe('Statute §12.1');
    expect(refusal(state, body('congress'), amend({ yes: 2, no: 2, abstain: 0, present: 4 }))).toEqual({
      clause: 'Statute §12.1',
      key: 'refusal.governance.notCarried',
    });
    const result = decideGovernance(state, body('congress'), amend({ yes: 3, no: 1, abstain: 0, present: 4 }));
    if (!result.ok) throw new Error(result.messageKey);
    const next = evolveGovernance(state, result.value);
    expect(next.statute?.version).toBe(2);
    expect(next.statute?.bodies['central-committee']?.seats).toBe(17);
  });

  it('recall: electors petition with the statute’s share, then the electing body votes (§9.1)', () => {
    // The CC member m-north-3 was elected by the congress (4 delegates): a quarter is 1 signature.
    const decide: GovernanceCommand = { type: 'decideRecall', mandateId: 'cc-m-north-3', on, vote: unanimous(4) };
    expect(refusal(state, body('congress'), decide)).toEqual({
      clause: 'Statute §9.1',
      key: 'refusal.governance.petitionShort',
    });
    expect(refusal(state, member('m-north-6'), { type: 'signRecall', mandateId: 'cc-m-north-3', on }).key).toBe(
      'refusal.governance.notAnElector',
    );
    const signed = run(
      [{ actor: member('m-north-1'), command: { type: 'signRecall', mandateId: 'cc-m-north-3', on } }],
      state,
    ).state;
    expect(refusal(signed, member('m-north-1'), { type: 'signRecall', mandateId: 'cc-m-north-3', on }).key).toBe(
      'refusal.governance.signedAlready',
    );
    expect(refusal(signed, body('cc'), decide).clause).toBe('Statute §9.1');
    // Absolute majority of the 4 delegates: 2 yes is not enough; the vote is recorded, the mandate stays.
    const lost = run(
      [{ actor: body('congress'), command: { ...decide, vote: { yes: 2, no: 2, abstain: 0, present: 4 } } }],
      signed,
    ).state;
    expect(isMandateActive(lost.mandates.get('cc-m-north-3')!, on)).toBe(true);
    expect(lost.recallSignatures.get('cc-m-north-3')).toBeUndefined();
    const again = run(
      [
        { actor: member('m-south-1'), command: { type: 'signRecall', mandateId: 'cc-m-north-3', on } },
        { actor: body('congress'), command: { ...decide, vote: { yes: 3, no: 1, abstain: 0, present: 4 } } },
      ],
      lost,
    ).state;
    expect(again.mandates.get('cc-m-north-3')?.ended).toEqual({ on, reason: 'recalled' });
  });

  it('resignation is the member’s own act and ends their mandates (§3.5)', () => {
    expect(refusal(state, body('asm-br-north'), { type: 'resign', memberId: 'm-north-3', on }).clause).toBe(
      'Statute §3.5',
    );
    const next = run(
      [{ actor: member('m-north-3'), command: { type: 'resign', memberId: 'm-north-3', on } }],
      state,
    ).state;
    expect(next.members.get('m-north-3')?.status).toBe('resigned');
    expect(next.mandates.get('cc-m-north-3')?.ended).toEqual({ on, reason: 'membership-ended' });
  });

  it('acts cannot be back-dated before the last recorded act', () => {
    expect(
      refusal(state, member('m-north-1'), { type: 'resign', memberId: 'm-north-1', on: '2019-01-01' }).clause,
    ).toBe('Plenum governance.date-order');
  });

  it('tendencies may organise at any time under the demo statute (§10.1)', () => {
    const result = decideGovernance(state, member('m-south-4'), {
      type: 'declareTendency',
      tendency: { id: 'left', name: 'Left Opposition' },
      on,
    });
    expect(result.ok).toBe(true);
  });
});

describe('governance under the 1921-rule statute', () => {
  const steps = foundingSteps(
    STATUTE_1921_YAML.replace('levels: [party, region, cell]', 'levels: [federation, section, branch]')
      .replaceAll('level: party', 'level: federation')
      .replaceAll('level: cell', 'level: branch')
      .replaceAll('cell-meeting', 'branch-assembly'),
  );
  const { state } = run(steps);

  it('refuses a faction outside the pre-congress discussion, citing §X.1, and allows it inside', () => {
    const declare: GovernanceCommand = {
      type: 'declareTendency',
      tendency: { id: 'wo', name: 'Workers’ Opposition' },
      on,
    };
    expect(refusal(state, member('m-north-2'), declare)).toEqual({
      clause: 'Statute §X.1',
      key: 'refusal.governance.tendencyOutsideDiscussion',
    });
    expect(refusal(state, body('asm-br-north'), { type: 'openDiscussion', on }).clause).toBe('Statute §V.3');
    const open = run(
      [
        { actor: body('cc'), command: { type: 'openDiscussion', on } },
        { actor: member('m-north-2'), command: declare },
        { actor: member('m-south-2'), command: { type: 'joinTendency', tendencyId: 'wo', on } },
        { actor: body('cc'), command: { type: 'closeDiscussion', on: '2021-04-01' } },
      ],
      state,
    ).state;
    expect(open.tendencies.get('wo')?.members).toEqual(['m-north-2', 'm-south-2']);
    expect(
      refusal(open, member('m-north-3'), { type: 'joinTendency', tendencyId: 'wo', on: '2021-04-02' }).clause,
    ).toBe('Statute §X.1');
  });
});
