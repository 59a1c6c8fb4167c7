import { sha256 } from '@noble/hashes/sha2.js';
import { fromHex, toHex, utf8 } from '@plenum/kernel';
import { describe, expect, it } from 'vitest';
import { DEMO_STATUTE_YAML, STATUTE_1921_YAML } from '../statute/examples.ts';
// decide.ts first, as the engine's own tests: it loads the parts in the order their import cycle needs.
import { decideGovernance, type GovActor, type GovernanceCommand } from '../governance/decide.ts';
import { bodyMembers, hasVotingRights } from '../governance/common.ts';
import { body, demoGovernance, foundingSteps, member, run, type Step } from '../governance/scenario.ts';
import {
  EMPTY_GOVERNANCE,
  evolveGovernance,
  isMandateActive,
  type GovernanceEvent,
  type GovernanceState,
} from '../governance/state.ts';
import {
  CASE_COMMAND_TYPES,
  CASE_EVENT_TYPES,
  CASE_REFUSALS,
  caseOf,
  casesOf,
  commitTo,
  isSuspended,
  opensTo,
  publicCaseView,
  type CaseCommand,
  type CaseDetail,
  type CaseGround,
} from './discipline.ts';

/** The refusal of a command: the clause it cites ("Statute §13.1") and its message key (without the prefix). */
function refusal(state: GovernanceState, actor: GovActor, command: GovernanceCommand): { clause: string; key: string } {
  const result = decideGovernance(state, actor, command);
  if (result.ok) throw new Error(`${command.type} was allowed`);
  return {
    clause: `${result.rule.source} ${result.rule.clause}`,
    key: result.messageKey.replace('refusal.governance.', ''),
  };
}

const ASM = body('asm-br-north');
const ACCUSED = 'm-north-6';
const text = (t: string): CaseDetail => ({ kind: 'text', text: t });
const conduct: CaseGround = { kind: 'conduct', description: text('Took the branch’s funds without a decision.') };
const ballot = (yes: number, no: number, present: number) =>
  ({ method: 'secret-ballot', count: { yes, no, abstain: 0, present } }) as const;

const charges = (
  on: string,
  over: Partial<Extract<CaseCommand, { type: 'bringCharges' }>> = {},
): GovernanceCommand => ({
  type: 'bringCharges',
  caseId: 'case-1',
  accusedId: ACCUSED,
  charges: text('Misuse of the branch’s funds.'),
  grounds: [conduct],
  on,
  ...over,
});

const DISCIPLINE = 'Statute §13.1';

describe('disciplinary cases under the demo statute (G6)', () => {
  const demo = demoGovernance();
  const opened = run([{ actor: member('m-north-2'), command: charges('2021-01-04') }], demo.state);

  it('lists every event and command type, and refusal keys that are all distinct', () => {
    expect(CASE_EVENT_TYPES).toHaveLength(8);
    expect(CASE_COMMAND_TYPES).toHaveLength(8);
    expect(new Set(CASE_REFUSALS).size).toBe(CASE_REFUSALS.length);
  });

  it('opens a case with written charges delivered to the accused and a reply deadline (§13.1)', () => {
    expect(opened.events).toEqual([
      {
        type: 'case.opened',
        caseId: 'case-1',
        accusedId: ACCUSED,
        bodyId: 'asm-br-north',
        by: 'member:m-north-2',
        charges: text('Misuse of the branch’s funds.'),
        grounds: [conduct],
        confidential: false,
        replyBy: '2021-01-18',
        on: '2021-01-04',
      },
    ]);
    expect(caseOf(opened.state, 'case-1')?.stage).toBe('open');
    expect(casesOf(opened.state, ACCUSED).map((c) => c.id)).toEqual(['case-1']);
    // A body may bring charges too; the founders may not (their period is over), nor may anyone charge a non-member.
    const byCc = decideGovernance(demo.state, body('cc'), charges('2021-01-04'));
    expect(byCc.ok && byCc.value[0]).toMatchObject({ by: 'body:cc', bodyId: 'asm-br-north' });
    expect(refusal(demo.state, member('m-north-2'), charges('2021-01-04', { accusedId: 'nobody' }))).toEqual({
      clause: 'Plenum governance.unknown',
      key: 'notAMember',
    });
  });

  it('one open case per accused at a time, and case ids are unique', () => {
    expect(refusal(opened.state, body('cc'), charges('2021-01-05', { caseId: 'case-2' }))).toEqual({
      clause: 'Plenum governance.one-case',
      key: 'caseOpenAlready',
    });
    expect(refusal(opened.state, body('cc'), charges('2021-01-05', { accusedId: 'm-north-4' }))).toEqual({
      clause: 'Plenum governance.unique-id',
      key: 'exists',
    });
  });

  it('refuses hostile input field by field (Plenum governance.input)', () => {
    const bad: [Partial<Extract<CaseCommand, { type: 'bringCharges' }>>, string][] = [
      [{ caseId: 'Case 1' }, 'caseId'],
      [{ accusedId: '' }, 'accusedId'],
      [{ charges: text('   ') }, 'charges'],
      [{ charges: text('x'.repeat(20_001)) }, 'charges'],
      [{ charges: text('a\u0000b') }, 'charges'],
      [{ charges: { kind: 'commitment', commitment: 'ABC' } }, 'charges'],
      [{ charges: { kind: 'text', text: 'x', extra: 1 } as unknown as CaseDetail }, 'charges'],
      [{ grounds: [] }, 'grounds'],
      [{ grounds: Array.from({ length: 51 }, () => conduct) }, 'grounds'],
      [{ grounds: [{ kind: 'record', ref: 'platform:Bad Id' }] }, 'grounds'],
      [{ grounds: [{ kind: 'record', ref: 'speech:m1:0' }] }, 'grounds'],
      [{ grounds: [{ kind: 'rumour' } as unknown as CaseGround] }, 'grounds'],
    ];
    for (const [over, field] of bad) {
      const result = decideGovernance(demo.state, member('m-north-2'), charges('2021-01-04', over));
      expect(result.ok ? null : [result.rule.clause, result.messageKey, result.params['field']], field).toEqual([
        'governance.input',
        'refusal.governance.input',
        field,
      ]);
    }
    const vote = { method: 'secret-ballot' } as unknown as ReturnType<typeof ballot>;
    expect(
      refusal(opened.state, ASM, { type: 'decideCase', caseId: 'case-1', penalty: 'warning', vote, on: '2021-01-20' }),
    ).toEqual({ clause: 'Plenum governance.input', key: 'input' });
    expect(
      refusal(opened.state, ASM, {
        type: 'decideCase',
        caseId: 'case-1',
        penalty: 'shaming' as 'warning',
        vote: ballot(5, 0, 6),
        on: '2021-01-20',
      }),
    ).toEqual({ clause: 'Plenum governance.input', key: 'input' });
    expect(
      refusal(opened.state, ASM, {
        type: 'scheduleHearing',
        caseId: 'case-1',
        hearingOn: '2021-02-30',
        on: '2021-01-05',
      }),
    ).toEqual({ clause: 'Plenum governance.input', key: 'input' });
    expect(
      refusal(opened.state, ASM, { type: 'holdHearing', caseId: 'nope', accusedPresent: true, on: '2021-01-05' }),
    ).toEqual({ clause: 'Plenum governance.unknown', key: 'caseUnknown' });
  });

  it('the accused replies on or before the deadline; the reply goes with the charges to the body’s members (§13.1)', () => {
    const reply: GovernanceCommand = {
      type: 'replyToCharges',
      caseId: 'case-1',
      reply: text('The assembly approved it.'),
      on: '2021-01-18',
    };
    expect(refusal(opened.state, member('m-north-2'), reply)).toEqual({ clause: DISCIPLINE, key: 'notAllowed' });
    expect(refusal(opened.state, member(ACCUSED), { ...reply, on: '2021-01-19' })).toEqual({
      clause: DISCIPLINE,
      key: 'caseReplyLate',
    });
    expect(
      refusal(opened.state, member(ACCUSED), { ...reply, reply: { kind: 'commitment', commitment: 'a'.repeat(64) } }),
    ).toEqual({
      clause: 'Plenum governance.confidential-case',
      key: 'caseConfidentialMix',
    });
    const replied = run([{ actor: member(ACCUSED), command: reply }], opened.state);
    expect(replied.events).toEqual([
      {
        type: 'case.replied',
        caseId: 'case-1',
        reply: text('The assembly approved it.'),
        recipients: ['m-north-1', 'm-north-2', 'm-north-3', 'm-north-4', 'm-north-5'],
        on: '2021-01-18',
      },
    ]);
    expect(refusal(replied.state, member(ACCUSED), reply)).toEqual({ clause: DISCIPLINE, key: 'caseRepliedAlready' });
  });

  it('a hearing needs notice, and comes after the reply deadline unless the reply is in (§13.1)', () => {
    const schedule = (hearingOn: string, on = '2021-01-05'): GovernanceCommand => ({
      type: 'scheduleHearing',
      caseId: 'case-1',
      hearingOn,
      on,
    });
    expect(refusal(opened.state, body('cc'), schedule('2021-01-19'))).toEqual({
      clause: DISCIPLINE,
      key: 'notAllowed',
    });
    // No reply yet: not before 2021-01-19, though 7 days' notice would allow 2021-01-12.
    expect(refusal(opened.state, ASM, schedule('2021-01-18'))).toEqual({ clause: DISCIPLINE, key: 'caseNotice' });
    const replied = run(
      [
        {
          actor: member(ACCUSED),
          command: { type: 'replyToCharges', caseId: 'case-1', reply: text('No.'), on: '2021-01-06' },
        },
      ],
      opened.state,
    ).state;
    expect(refusal(replied, ASM, schedule('2021-01-12', '2021-01-06'))).toEqual({
      clause: DISCIPLINE,
      key: 'caseNotice',
    });
    const scheduled = run([{ actor: ASM, command: schedule('2021-01-13', '2021-01-06') }], replied).state;
    expect(caseOf(scheduled, 'case-1')?.hearing).toEqual({ hearingOn: '2021-01-13', on: '2021-01-06' });
    // Rescheduled, with fresh notice, before it is held; held only on its day.
    const moved = run([{ actor: ASM, command: schedule('2021-01-20', '2021-01-10') }], scheduled).state;
    const hold = (on: string): GovernanceCommand => ({
      type: 'holdHearing',
      caseId: 'case-1',
      accusedPresent: true,
      on,
    });
    expect(refusal(moved, ASM, hold('2021-01-13'))).toEqual({ clause: DISCIPLINE, key: 'caseHearingDay' });
    const heard = run([{ actor: ASM, command: hold('2021-01-20') }], moved).state;
    expect(caseOf(heard, 'case-1')?.heard).toEqual({ accusedPresent: true, on: '2021-01-20' });
    expect(refusal(heard, ASM, hold('2021-01-20'))).toEqual({ clause: DISCIPLINE, key: 'caseHeardAlready' });
    expect(refusal(heard, ASM, schedule('2021-02-01', '2021-01-20'))).toEqual({
      clause: DISCIPLINE,
      key: 'caseHeardAlready',
    });
    expect(refusal(opened.state, ASM, hold('2021-01-20'))).toEqual({ clause: DISCIPLINE, key: 'caseNoHearing' });
  });

  it('no decision before the reply deadline without a reply, and no expulsion without a hearing (§13.1)', () => {
    const decide = (on: string): GovernanceCommand => ({
      type: 'decideCase',
      caseId: 'case-1',
      penalty: 'expulsion',
      vote: ballot(6, 0, 6),
      on,
    });
    expect(refusal(opened.state, ASM, decide('2021-01-10'))).toEqual({ clause: DISCIPLINE, key: 'caseReplyPending' });
    expect(refusal(opened.state, ASM, decide('2021-01-18'))).toEqual({ clause: DISCIPLINE, key: 'caseReplyPending' });
    expect(refusal(opened.state, ASM, decide('2021-01-19'))).toEqual({ clause: DISCIPLINE, key: 'caseNotHeard' });
    // Mass expulsion without a hearing: each case is refused alike.
    const many = run(
      ['m-north-4', 'm-south-4', 'm-south-6'].map((id, i): Step => ({
        actor: body('cc'),
        command: charges('2021-01-04', { caseId: `mass-${i}`, accusedId: id }),
      })),
      opened.state,
    ).state;
    for (const [i, asm] of [
      [0, 'asm-br-north'],
      [1, 'asm-br-south'],
      [2, 'asm-br-south'],
    ] as const) {
      expect(refusal(many, body(asm), { ...decide('2021-02-01'), caseId: `mass-${i}` } as GovernanceCommand)).toEqual({
        clause: DISCIPLINE,
        key: 'caseNotHeard',
      });
    }
  });

  /** Charges, no reply, hearing on 2021-01-19 with the accused absent. */
  const heard = run(
    [
      { actor: ASM, command: { type: 'scheduleHearing', caseId: 'case-1', hearingOn: '2021-01-19', on: '2021-01-05' } },
      { actor: ASM, command: { type: 'holdHearing', caseId: 'case-1', accusedPresent: false, on: '2021-01-19' } },
    ],
    opened.state,
  );

  it('the decision is a secret ballot by the competent body (a show of hands is refused), on a penalty of the statute', () => {
    const decide = (vote: unknown): GovernanceCommand =>
      ({ type: 'decideCase', caseId: 'case-1', penalty: 'expulsion', vote, on: '2021-01-20' }) as GovernanceCommand;
    expect(
      refusal(heard.state, ASM, decide({ method: 'show-of-hands', count: { yes: 6, no: 0, abstain: 0, present: 6 } })),
    ).toEqual({
      clause: DISCIPLINE,
      key: 'voteMethod',
    });
    expect(
      refusal(heard.state, ASM, decide({ method: 'roll-call', roll: [{ memberId: 'm-north-1', choice: 'yes' }] })),
    ).toEqual({ clause: DISCIPLINE, key: 'voteMethod' });
    expect(refusal(heard.state, body('asm-br-south'), decide(ballot(6, 0, 6)))).toEqual({
      clause: DISCIPLINE,
      key: 'notAllowed',
    });
    expect(refusal(heard.state, ASM, decide(ballot(2, 0, 2)))).toEqual({ clause: 'Statute §8.1', key: 'quorum' });
    const decided = decideGovernance(heard.state, ASM, decide(ballot(5, 1, 6)));
    expect(decided.ok && decided.value).toEqual([
      {
        type: 'case.decided',
        caseId: 'case-1',
        penalty: 'expulsion',
        carried: true,
        vote: {
          yes: 5,
          no: 1,
          abstain: 0,
          present: 6,
          members: 6,
          majority: 'two-thirds',
          arithmetic: expect.any(String) as string,
          method: 'secret-ballot',
          roll: null,
          carried: true,
        },
        appealBy: '2021-02-19',
        on: '2021-01-20',
      },
    ]);
  });

  it('refuses a penalty the statute does not provide (§13.1)', () => {
    const statute = DEMO_STATUTE_YAML.replace('penalties: [warning, suspension, expulsion]', 'penalties: [warning]');
    const state = run(
      [
        { actor: member('m-north-2'), command: charges('2021-01-04') },
        {
          actor: ASM,
          command: { type: 'scheduleHearing', caseId: 'case-1', hearingOn: '2021-01-19', on: '2021-01-05' },
        },
        { actor: ASM, command: { type: 'holdHearing', caseId: 'case-1', accusedPresent: true, on: '2021-01-19' } },
      ],
      run(foundingSteps(statute)).state,
    ).state;
    const decide = (penalty: 'expulsion' | 'warning'): GovernanceCommand => ({
      type: 'decideCase',
      caseId: 'case-1',
      penalty,
      vote: ballot(6, 0, 6),
      on: '2021-01-20',
    });
    expect(refusal(state, ASM, decide('expulsion'))).toEqual({ clause: DISCIPLINE, key: 'casePenalty' });
    expect(decideGovernance(state, ASM, decide('warning')).ok).toBe(true);
  });

  it('a vote that does not carry acquits: the case is closed without penalty', () => {
    const lost = run(
      [
        {
          actor: ASM,
          command: {
            type: 'decideCase',
            caseId: 'case-1',
            penalty: 'expulsion',
            vote: ballot(3, 3, 6),
            on: '2021-01-20',
          },
        },
      ],
      heard.state,
    );
    expect(lost.events[0]).toMatchObject({ carried: false, appealBy: null });
    const c = caseOf(lost.state, 'case-1');
    expect([c?.stage, c?.outcome]).toEqual(['closed', 'acquitted']);
    expect(refusal(lost.state, ASM, { type: 'enforcePenalty', caseId: 'case-1', on: '2021-03-01' })).toEqual({
      clause: DISCIPLINE,
      key: 'caseClosed',
    });
    expect(
      refusal(lost.state, member(ACCUSED), { type: 'appealDecision', caseId: 'case-1', on: '2021-01-21' }),
    ).toEqual({
      clause: DISCIPLINE,
      key: 'caseClosed',
    });
    // Closed: a new case may now be brought.
    expect(decideGovernance(lost.state, body('cc'), charges('2021-01-21', { caseId: 'case-2' })).ok).toBe(true);
  });

  describe('appeals: the control commission, then the congress; the penalty waits for them', () => {
    const decided = run(
      [
        {
          actor: ASM,
          command: {
            type: 'decideCase',
            caseId: 'case-1',
            penalty: 'expulsion',
            vote: ballot(5, 1, 6),
            on: '2021-01-20',
          },
        },
      ],
      heard.state,
    );
    const enforce = (on: string): GovernanceCommand => ({ type: 'enforcePenalty', caseId: 'case-1', on });
    const appeal = (on: string): GovernanceCommand => ({ type: 'appealDecision', caseId: 'case-1', on });

    it('refuses enforcement before the appeal deadline, and an appeal after it', () => {
      expect(refusal(decided.state, ASM, enforce('2021-02-19'))).toEqual({ clause: DISCIPLINE, key: 'caseAppealOpen' });
      expect(refusal(decided.state, member(ACCUSED), appeal('2021-02-20'))).toEqual({
        clause: DISCIPLINE,
        key: 'caseAppealLate',
      });
      expect(refusal(decided.state, member('m-north-1'), appeal('2021-02-01'))).toEqual({
        clause: DISCIPLINE,
        key: 'notAllowed',
      });
      expect(refusal(decided.state, body('cc'), enforce('2021-02-20'))).toEqual({
        clause: DISCIPLINE,
        key: 'notAllowed',
      });
      expect(
        refusal(decided.state, ASM, {
          type: 'decideCase',
          caseId: 'case-1',
          penalty: 'warning',
          vote: ballot(6, 0, 6),
          on: '2021-01-21',
        }),
      ).toEqual({ clause: DISCIPLINE, key: 'caseDecidedAlready' });
      // Nobody appealed: in force the day after the deadline.
      const enforced = run([{ actor: ASM, command: enforce('2021-02-20') }], decided.state).state;
      expect(enforced.members.get(ACCUSED)?.status).toBe('expelled');
    });

    const appealed = run([{ actor: member(ACCUSED), command: appeal('2021-02-01') }], decided.state);

    it('the appeal suspends the penalty: the accused stays a member with a vote until it is decided', () => {
      expect(appealed.events).toEqual([
        { type: 'case.appealed', caseId: 'case-1', toBodyId: 'ccom', on: '2021-02-01' },
      ]);
      const state = appealed.state;
      const accused = state.members.get(ACCUSED);
      expect(accused?.status).toBe('member');
      expect(
        accused !== undefined && state.statute !== null && hasVotingRights(state.statute, accused, '2021-03-01'),
      ).toBe(true);
      expect(bodyMembers(state, state.bodies.get('asm-br-north')!, '2021-03-01')).toContain(ACCUSED);
      expect(refusal(state, ASM, enforce('2021-03-01'))).toEqual({ clause: DISCIPLINE, key: 'caseAppealPending' });
      expect(refusal(state, member(ACCUSED), appeal('2021-02-02'))).toEqual({
        clause: DISCIPLINE,
        key: 'caseAppealPending',
      });
      // Only the body appealed to decides, by secret ballot.
      const decide = { type: 'decideAppeal', caseId: 'case-1', vote: ballot(2, 0, 2), on: '2021-02-10' } as const;
      expect(refusal(state, body('congress'), decide)).toEqual({ clause: DISCIPLINE, key: 'notAllowed' });
      expect(
        refusal(state, body('ccom'), { ...decide, vote: { method: 'show-of-hands', count: decide.vote.count } }),
      ).toEqual({
        clause: DISCIPLINE,
        key: 'voteMethod',
      });
      expect(refusal(decided.state, body('ccom'), decide)).toEqual({ clause: DISCIPLINE, key: 'caseNoAppeal' });
    });

    it('upheld by the control commission, appealed to the congress, upheld: then in force, ending membership and mandates', () => {
      const chain = run(
        [
          {
            actor: body('ccom'),
            command: { type: 'decideAppeal', caseId: 'case-1', vote: ballot(2, 0, 2), on: '2021-02-10' },
          },
          { actor: member(ACCUSED), command: appeal('2021-03-01') },
        ],
        appealed.state,
      );
      expect(
        chain.events.map((e) => [e.type, 'appealBy' in e ? e.appealBy : 'toBodyId' in e ? e.toBodyId : null]),
      ).toEqual([
        ['case.appeal-decided', '2021-03-12'],
        ['case.appealed', 'congress'],
      ]);
      expect(chain.state.members.get(ACCUSED)?.status).toBe('member');
      const last = run(
        [
          {
            actor: body('congress'),
            command: { type: 'decideAppeal', caseId: 'case-1', vote: ballot(3, 1, 4), on: '2021-03-10' },
          },
        ],
        chain.state,
      );
      expect(last.events[0]).toMatchObject({
        type: 'case.appeal-decided',
        bodyId: 'congress',
        upheld: true,
        appealBy: null,
      });
      expect(refusal(last.state, member(ACCUSED), appeal('2021-03-11'))).toEqual({
        clause: DISCIPLINE,
        key: 'caseNotAppealable',
      });
      const enforced = run([{ actor: ASM, command: enforce('2021-03-10') }], last.state);
      expect(enforced.events).toEqual([
        { type: 'case.penalty-effective', caseId: 'case-1', memberId: ACCUSED, penalty: 'expulsion', on: '2021-03-10' },
      ]);
      const expelled = enforced.state.members.get(ACCUSED);
      expect(expelled?.status).toBe('expelled');
      expect(expelled?.periods.at(-1)).toEqual({ from: '2020-01-10', to: '2021-03-10' });
      expect(bodyMembers(enforced.state, enforced.state.bodies.get('asm-br-north')!, '2021-03-10')).not.toContain(
        ACCUSED,
      );
      expect(caseOf(enforced.state, 'case-1')).toMatchObject({ stage: 'closed', outcome: 'in-force' });
      expect(publicCaseView(caseOf(enforced.state, 'case-1')!).steps.map((s) => s.step)).toEqual([
        'opened',
        'hearing-scheduled',
        'heard',
        'decided',
        'appealed',
        'appeal-decided',
        'appealed',
        'appeal-decided',
        'penalty-effective',
      ]);
      // The fold: the state rebuilt from every event equals the live state.
      const all: GovernanceEvent[] = [
        ...demo.events,
        ...opened.events,
        ...heard.events,
        ...decided.events,
        ...appealed.events,
        ...chain.events,
        ...last.events,
        ...enforced.events,
      ];
      expect(evolveGovernance(EMPTY_GOVERNANCE, all)).toEqual(enforced.state);
    });

    it('quashed on appeal: the case is closed without penalty', () => {
      const quashed = run(
        [
          {
            actor: body('ccom'),
            command: { type: 'decideAppeal', caseId: 'case-1', vote: ballot(1, 1, 2), on: '2021-02-10' },
          },
        ],
        appealed.state,
      );
      expect(quashed.events[0]).toMatchObject({ upheld: false, appealBy: null });
      expect(caseOf(quashed.state, 'case-1')).toMatchObject({ stage: 'closed', outcome: 'quashed' });
      expect(refusal(quashed.state, ASM, enforce('2021-04-01'))).toEqual({ clause: DISCIPLINE, key: 'caseClosed' });
      expect(quashed.state.members.get(ACCUSED)?.status).toBe('member');
    });
  });

  it('an expulsion in force ends the member’s mandates; a suspension is recorded only', () => {
    const steps = (id: string, accusedId: string, penalty: 'expulsion' | 'suspension'): Step[] => [
      { actor: body('cc'), command: charges('2021-01-04', { caseId: id, accusedId }) },
      { actor: ASM, command: { type: 'scheduleHearing', caseId: id, hearingOn: '2021-01-19', on: '2021-01-05' } },
      { actor: ASM, command: { type: 'holdHearing', caseId: id, accusedPresent: true, on: '2021-01-19' } },
      { actor: ASM, command: { type: 'decideCase', caseId: id, penalty, vote: ballot(6, 0, 6), on: '2021-01-20' } },
    ];
    const cc = steps('case-cc', 'm-north-3', 'expulsion');
    const sus = steps('case-sus', 'm-north-4', 'suspension');
    const state = run(
      [
        ...cc.flatMap((step, i) => [step, sus[i]!]),
        { actor: ASM, command: { type: 'enforcePenalty', caseId: 'case-cc', on: '2021-02-20' } },
        { actor: ASM, command: { type: 'enforcePenalty', caseId: 'case-sus', on: '2021-02-20' } },
      ],
      demo.state,
    ).state;
    expect(state.mandates.get('cc-m-north-3')?.ended).toEqual({ on: '2021-02-20', reason: 'membership-ended' });
    expect(
      state.mandates.get('del-m-north-1') !== undefined &&
        isMandateActive(state.mandates.get('del-m-north-1')!, '2021-02-20'),
    ).toBe(true);
    expect(state.members.get('m-north-4')?.status).toBe('member');
    expect(isSuspended(state, 'm-north-4')).toBe(true);
    expect(isSuspended(state, 'm-north-5')).toBe(false);
  });

  it('charges for a platform, a bulletin contribution or a tendency are refused: opinions are protected (§13.2)', () => {
    for (const ref of [
      'platform:left-platform',
      'bulletin:contribution-7',
      'tendency:left',
      'letter:l1',
      'motion:m1',
      'speech:plenary-1:3',
    ]) {
      expect(
        refusal(demo.state, body('cc'), charges('2021-01-04', { grounds: [conduct, { kind: 'record', ref }] })),
        ref,
      ).toEqual({
        clause: 'Statute §13.2',
        key: 'caseProtectedOpinion',
      });
    }
  });

  it('a confidential case shows only its steps and dates; the commitment opens with the salt', () => {
    const salt = '5a'.repeat(32);
    const secret = 'Harassment of a comrade at the meeting of 12 December.';
    const commitment = commitTo(salt, secret);
    // SHA-256 of the salt's 32 bytes, then the text in UTF-8: anyone can check it with any SHA-256.
    expect(commitment).toBe(toHex(sha256(new Uint8Array([...fromHex(salt), ...utf8(secret)]))));
    const sealed: CaseDetail = { kind: 'commitment', commitment };
    const reply: CaseDetail = { kind: 'commitment', commitment: commitTo('07'.repeat(32), 'I deny it.') };
    expect(refusal(demo.state, body('cc'), charges('2021-01-04', { charges: sealed }))).toEqual({
      clause: 'Plenum governance.confidential-case',
      key: 'caseConfidentialMix',
    });
    const state = run(
      [
        {
          actor: body('cc'),
          command: charges('2021-01-04', { charges: sealed, grounds: [{ kind: 'conduct', description: sealed }] }),
        },
        { actor: member(ACCUSED), command: { type: 'replyToCharges', caseId: 'case-1', reply, on: '2021-01-08' } },
      ],
      demo.state,
    ).state;
    const c = caseOf(state, 'case-1')!;
    expect(c.confidential).toBe(true);
    expect(publicCaseView(c)).toEqual({
      id: 'case-1',
      accusedId: ACCUSED,
      bodyId: 'asm-br-north',
      confidential: true,
      openedOn: '2021-01-04',
      replyBy: '2021-01-18',
      hearingOn: null,
      appealBy: null,
      steps: [
        { step: 'opened', on: '2021-01-04' },
        { step: 'replied', on: '2021-01-08' },
      ],
      stage: 'open',
      outcome: null,
      penalty: null,
      charges: null,
      grounds: null,
      reply: null,
    });
    expect(JSON.stringify(publicCaseView(c))).not.toContain(commitment);
    expect(opensTo(c.charges, salt, secret)).toBe(true);
    expect(opensTo(c.charges, salt, `${secret} `)).toBe(false);
    expect(opensTo(c.charges, '5b'.repeat(32), secret)).toBe(false);
    // The open case shows its details.
    expect(publicCaseView(caseOf(opened.state, 'case-1')!).charges).toEqual(text('Misuse of the branch’s funds.'));
    expect(() => commitTo('short', secret)).toThrow(RangeError);
  });
});

describe('disciplinary cases under the 1921 rule (no protection of opinions)', () => {
  const statute = STATUTE_1921_YAML.replace('levels: [party, region, cell]', 'levels: [federation, section, branch]')
    .replaceAll('level: party', 'level: federation')
    .replaceAll('level: cell', 'level: branch')
    .replaceAll('cell-meeting', 'branch-assembly');
  const founded = run(foundingSteps(statute));
  const withTendency = run(
    [
      { actor: body('cc'), command: { type: 'openDiscussion', on: '2021-03-01' } },
      {
        actor: member('m-north-6'),
        command: { type: 'declareTendency', tendency: { id: 'wo', name: 'Workers’ Opposition' }, on: '2021-03-01' },
      },
      {
        actor: member('m-north-6'),
        command: {
          type: 'draftPlatform',
          platformId: 'platform-of-46',
          title: 'Platform of the 46',
          text: 'Inner-party democracy.',
          on: '2021-03-02',
        },
      },
      { actor: body('cc'), command: { type: 'closeDiscussion', on: '2021-04-01' } },
    ],
    founded.state,
  );

  it('accepts charges for joining a tendency or signing a platform, openly on the record (§XIII.1)', () => {
    const grounds: CaseGround[] = [
      { kind: 'record', ref: 'tendency:wo' },
      { kind: 'record', ref: 'platform:platform-of-46' },
    ];
    const result = decideGovernance(withTendency.state, body('cc'), charges('2021-04-02', { grounds }));
    expect(result.ok && result.value[0]).toMatchObject({
      type: 'case.opened',
      grounds,
      confidential: false,
      replyBy: '2021-04-23',
    });
    expect(
      refusal(
        withTendency.state,
        body('cc'),
        charges('2021-04-02', { grounds: [{ kind: 'record', ref: 'tendency:nope' }] }),
      ),
    ).toEqual({ clause: 'Plenum governance.unknown', key: 'caseRecordUnknown' });
    for (const ref of ['platform:nope', 'bulletin:nope', 'letter:nope', 'motion:nope', 'speech:nope:1']) {
      expect(
        refusal(withTendency.state, body('cc'), charges('2021-04-02', { grounds: [{ kind: 'record', ref }] })),
        ref,
      ).toEqual({
        clause: 'Plenum governance.unknown',
        key: 'caseRecordUnknown',
      });
    }
  });

  it('decides by two thirds of the members, by secret ballot (§VIII.4)', () => {
    const state = run(
      [
        { actor: body('cc'), command: charges('2021-04-02') },
        {
          actor: body('asm-br-north'),
          command: { type: 'scheduleHearing', caseId: 'case-1', hearingOn: '2021-04-24', on: '2021-04-03' },
        },
        {
          actor: body('asm-br-north'),
          command: { type: 'holdHearing', caseId: 'case-1', accusedPresent: true, on: '2021-04-24' },
        },
      ],
      withTendency.state,
    ).state;
    // 4 yes of 6 members reaches two thirds of the members; 3 does not (acquitted).
    const decide = (yes: number): GovernanceCommand => ({
      type: 'decideCase',
      caseId: 'case-1',
      penalty: 'expulsion',
      vote: ballot(yes, 6 - yes, 6),
      on: '2021-04-25',
    });
    const carried = decideGovernance(state, ASM, decide(4));
    const lost = decideGovernance(state, ASM, decide(3));
    expect([carried.ok && carried.value[0], lost.ok && lost.value[0]]).toMatchObject([
      { carried: true, appealBy: '2021-05-25' },
      { carried: false, appealBy: null },
    ]);
  });
});
