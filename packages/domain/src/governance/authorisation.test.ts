import { describe, expect, it } from 'vitest';
import { DEMO_STATUTE_YAML } from '../statute/examples.ts';
import {
  GOVERNANCE_REFUSALS,
  decideGovernance,
  type GovActor,
  type GovernanceCommand,
  type GovernanceCommandType,
} from './decide.ts';
import { body, demoGovernance, member, run, unanimous } from './scenario.ts';

/**
 * The authorisation matrix: every command against every role, in one organisation (the demo
 * statute's, with a new branch, a resigned member, a recall signature and a declared
 * tendency so that every command has something to act on). Each command is allowed to
 * exactly the roles listed and refused to every other — each refusal citing its clause, with
 * one of the engine's declared messages (tests/i18n checks each is in every catalog). The operator is refused everything.
 */
const on = '2021-03-01';
const base = demoGovernance().state;
const { state } = run(
  [
    {
      actor: body('cc'),
      command: { type: 'foundUnit', unit: { id: 'br-east', level: 'branch', name: 'East', parentId: 'sec' }, on },
    },
    { actor: member('m-south-6'), command: { type: 'resign', memberId: 'm-south-6', on } },
    { actor: member('m-south-1'), command: { type: 'signRecall', mandateId: 'cc-m-north-3', on } },
    { actor: member('m-south-4'), command: { type: 'declareTendency', tendency: { id: 'left', name: 'Left' }, on } },
  ],
  base,
);

const ROLES: Record<string, GovActor> = {
  operator: { kind: 'operator' },
  founders: { kind: 'founders' },
  applicant: { kind: 'applicant', id: 'app-1' },
  'plain member': member('m-north-6'),
  delegate: member('m-north-1'),
  'committee member': member('m-north-3'),
  'north assembly': body('asm-br-north'),
  'south assembly': body('asm-br-south'),
  'central committee': body('cc'),
  'control commission': body('ccom'),
  congress: body('congress'),
};
const MEMBERS = ['plain member', 'delegate', 'committee member'];

const CASES: readonly { command: GovernanceCommand; allowed: readonly string[] }[] = [
  { command: { type: 'adoptStatute', text: DEMO_STATUTE_YAML, on }, allowed: [] },
  {
    command: {
      type: 'amendStatute',
      text: DEMO_STATUTE_YAML.replace('version: 1', 'version: 2'),
      on,
      vote: unanimous(4),
    },
    allowed: ['congress'],
  },
  {
    command: { type: 'foundUnit', unit: { id: 'br-west', level: 'branch', name: 'West', parentId: 'sec' }, on },
    allowed: ['central committee'],
  },
  {
    command: {
      type: 'formBody',
      body: { id: 'asm-br-east', kind: 'branch-assembly', name: 'East', unitId: 'br-east' },
      on,
    },
    allowed: ['central committee'],
  },
  {
    command: {
      type: 'applyForMembership',
      application: { id: 'app-1', givenName: 'Ana', familyName: 'Reis', unitId: 'br-north' },
      on,
    },
    allowed: ['applicant'],
  },
  {
    command: {
      type: 'admitMember',
      member: { id: 'new-1', givenName: 'Ana', familyName: 'Reis', unitId: 'br-north' },
      applicationId: null,
      on,
      vote: unanimous(6),
    },
    allowed: ['north assembly'],
  },
  {
    command: { type: 'transferMember', memberId: 'm-north-6', toUnitId: 'br-south', on, vote: unanimous(5) },
    allowed: ['south assembly'],
  },
  { command: { type: 'resign', memberId: 'm-north-6', on }, allowed: ['plain member'] },
  { command: { type: 'lapseMembership', memberId: 'm-north-6', on, vote: unanimous(6) }, allowed: ['north assembly'] },
  { command: { type: 'readmitMember', memberId: 'm-south-6', on, vote: unanimous(5) }, allowed: ['south assembly'] },
  {
    command: {
      type: 'recordElection',
      bodyId: 'cc',
      office: null,
      elected: [{ mandateId: 'cc-new', memberId: 'm-south-4' }],
      on,
    },
    allowed: ['congress'],
  },
  {
    command: {
      type: 'recordElection',
      bodyId: 'cc',
      office: 'secretary',
      elected: [{ mandateId: 'sec-new', memberId: 'm-north-3' }],
      on,
    },
    allowed: ['central committee'],
  },
  {
    command: {
      type: 'appoint',
      bodyId: 'cc',
      office: 'secretary',
      mandateId: 'ap-1',
      memberId: 'm-north-3',
      on,
      vote: unanimous(3),
    },
    allowed: [],
  },
  { command: { type: 'resignMandate', mandateId: 'cc-m-north-3', on }, allowed: ['committee member'] },
  { command: { type: 'signRecall', mandateId: 'cc-m-north-3', on }, allowed: ['delegate'] },
  { command: { type: 'decideRecall', mandateId: 'cc-m-north-3', on, vote: unanimous(4) }, allowed: ['congress'] },
  { command: { type: 'declareTendency', tendency: { id: 'right', name: 'Right' }, on }, allowed: MEMBERS },
  { command: { type: 'joinTendency', tendencyId: 'left', on }, allowed: MEMBERS },
  { command: { type: 'openDiscussion', on }, allowed: ['central committee'] },
  { command: { type: 'closeDiscussion', on }, allowed: [] },
];

const known = new Set<string>(GOVERNANCE_REFUSALS.map((key) => `refusal.governance.${key}`));

describe('the authorisation matrix: every command × every role', () => {
  it('covers every command type', () => {
    const types: GovernanceCommandType[] = [
      'adoptStatute',
      'amendStatute',
      'foundUnit',
      'formBody',
      'applyForMembership',
      'admitMember',
      'transferMember',
      'resign',
      'lapseMembership',
      'readmitMember',
      'recordElection',
      'appoint',
      'resignMandate',
      'signRecall',
      'decideRecall',
      'declareTendency',
      'joinTendency',
      'openDiscussion',
      'closeDiscussion',
    ];
    expect(new Set(CASES.map((c) => c.command.type))).toEqual(new Set(types));
  });

  for (const { command, allowed } of CASES) {
    const label =
      command.type === 'recordElection' && command.office !== null ? `${command.type} (office)` : command.type;
    it(`${label}: allowed to ${allowed.length === 0 ? 'nobody' : allowed.join(', ')}`, () => {
      const outcome: Record<string, string> = {};
      for (const [role, actor] of Object.entries(ROLES)) {
        const result = decideGovernance(state, actor, command);
        if (result.ok) {
          outcome[role] = 'allowed';
        } else {
          expect(
            result.rule.source === 'Statute' || result.rule.source === 'Plenum',
            `${role}: ${result.rule.source}`,
          ).toBe(true);
          expect(result.rule.clause.length, role).toBeGreaterThan(0);
          expect(known.has(result.messageKey), `${role}: ${result.messageKey}`).toBe(true);
          expect(result.params['rule']).toBe(`${result.rule.source} ${result.rule.clause}`);
          outcome[role] = 'refused';
        }
      }
      const expected = Object.fromEntries(
        Object.keys(ROLES).map((role) => [role, allowed.includes(role) ? 'allowed' : 'refused']),
      );
      expect(outcome).toEqual(expected);
    });
  }

  it('refuses the operator everything, citing the no-superuser rule', () => {
    for (const { command } of CASES) {
      const result = decideGovernance(state, ROLES['operator']!, command);
      expect(result).toMatchObject({ ok: false, rule: { source: 'Plenum', clause: 'governance.no-superuser' } });
    }
  });
});
