import type { Id } from '@plenum/kernel';
import { DEMO_STATUTE_YAML } from '../statute/examples.ts';
import { decideGovernance, type GovActor, type GovernanceCommand, type VoteCount } from './decide.ts';
import { EMPTY_GOVERNANCE, evolveGovernance, type GovernanceEvent, type GovernanceState } from './state.ts';

/**
 * A small organisation under the demo statute, built through the rules (used by the tests):
 * a federation, one section, two branches of six members each, their assemblies, the
 * central committee, the control commission and the congress, with two delegates from each
 * branch. Every act goes through decideGovernance; a refusal here is a bug in the scenario.
 */
export interface Step {
  readonly actor: GovActor;
  readonly command: GovernanceCommand;
}

export const FOUNDERS: GovActor = { kind: 'founders' };
export const body = (id: Id): GovActor => ({ kind: 'body', id });
export const member = (id: Id): GovActor => ({ kind: 'member', id });
export const unanimous = (present: number): VoteCount => ({ yes: present, no: 0, abstain: 0, present });

export function run(
  steps: readonly Step[],
  state: GovernanceState = EMPTY_GOVERNANCE,
): { state: GovernanceState; events: GovernanceEvent[] } {
  const events: GovernanceEvent[] = [];
  for (const { actor, command } of steps) {
    const result = decideGovernance(state, actor, command);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
    events.push(...result.value);
    state = evolveGovernance(state, result.value);
  }
  return { state, events };
}

export const BRANCHES = ['br-north', 'br-south'] as const;
/** Members m-north-1 … m-north-6 and m-south-1 … m-south-6, all admitted on 2020-01-10. */
export const membersOf = (branch: string): Id[] => Array.from({ length: 6 }, (_, i) => `m-${branch.slice(3)}-${i + 1}`);

export function foundingSteps(statute: string = SCENARIO_STATUTE_YAML): Step[] {
  const on = '2020-01-10';
  const steps: Step[] = [
    { actor: FOUNDERS, command: { type: 'adoptStatute', text: statute, on } },
    {
      actor: FOUNDERS,
      command: { type: 'foundUnit', unit: { id: 'fed', level: 'federation', name: 'Federation', parentId: null }, on },
    },
    {
      actor: FOUNDERS,
      command: { type: 'foundUnit', unit: { id: 'sec', level: 'section', name: 'Section', parentId: 'fed' }, on },
    },
  ];
  for (const b of BRANCHES) {
    steps.push(
      {
        actor: FOUNDERS,
        command: { type: 'foundUnit', unit: { id: b, level: 'branch', name: b, parentId: 'sec' }, on },
      },
      {
        actor: FOUNDERS,
        command: {
          type: 'formBody',
          body: { id: `asm-${b}`, kind: 'branch-assembly', name: `Assembly ${b}`, unitId: b },
          on,
        },
      },
    );
    for (const id of membersOf(b)) {
      steps.push({
        actor: FOUNDERS,
        command: {
          type: 'admitMember',
          member: { id, givenName: 'Given', familyName: id, unitId: b },
          applicationId: null,
          on,
          vote: null,
        },
      });
    }
  }
  steps.push(
    {
      actor: FOUNDERS,
      command: {
        type: 'formBody',
        body: { id: 'cc', kind: 'central-committee', name: 'Central Committee', unitId: 'fed' },
        on,
      },
    },
    {
      actor: FOUNDERS,
      command: {
        type: 'formBody',
        body: { id: 'ccom', kind: 'control-commission', name: 'Control Commission', unitId: 'fed' },
        on,
      },
    },
    // The congress: its first session, called by the founders, ends their period.
    {
      actor: FOUNDERS,
      command: { type: 'formBody', body: { id: 'congress', kind: 'congress', name: 'Congress', unitId: 'fed' }, on },
    },
  );
  return steps;
}

/**
 * The demo statute with 4 delegate seats (this organisation has 12 members): 1 per branch,
 * then 2 more shared by Sainte-Laguë, so each branch elects 2.
 */
export const SCENARIO_STATUTE_YAML = DEMO_STATUTE_YAML.replace('  seats: 40\n', '  seats: 4\n');

/** The first congress, called by the founders; it opens on 2020-09-01 and ends the founders' period. */
export const FIRST_CONGRESS = 'congress-1';

/**
 * After founding: the founders call the first congress (2020-07-01); each branch assembly
 * elects 2 delegates by STV from its members' ballots (2020-08-01); the congress opens
 * (2020-09-01) and elects 3 to the CC and 2 to the control commission. It stays in session,
 * so that tests may have the congress act; closeFirstCongress ends it.
 */
export function constitutedSteps(): Step[] {
  const on = '2020-09-01';
  const steps: Step[] = [
    { actor: FOUNDERS, command: { type: 'callCongress', congressId: FIRST_CONGRESS, opensOn: on, on: '2020-07-01' } },
  ];
  steps.push(...delegateElectionSteps(FIRST_CONGRESS, '2020-08-01', 'del'));
  steps.push({ actor: body('congress'), command: { type: 'openCongress', congressId: FIRST_CONGRESS, on } });
  steps.push(
    {
      actor: body('congress'),
      command: {
        type: 'recordElection',
        bodyId: 'cc',
        office: null,
        elected: ['m-north-3', 'm-north-4', 'm-south-3'].map((m) => ({ mandateId: `cc-${m}`, memberId: m })),
        on,
      },
    },
    {
      actor: body('congress'),
      command: {
        type: 'recordElection',
        bodyId: 'ccom',
        office: null,
        elected: ['m-north-5', 'm-south-5'].map((m) => ({ mandateId: `ccom-${m}`, memberId: m })),
        on,
      },
    },
  );
  return steps;
}

/**
 * Each branch assembly elects its 2 delegates to `congressId` by STV: the branch's first and
 * second members win (mandates `<prefix>-<member>`), the third stands and loses.
 */
export function delegateElectionSteps(congressId: string, on: string, prefix: string): Step[] {
  return BRANCHES.map((b) => {
    const [first = '', second = '', third = ''] = membersOf(b);
    return {
      actor: body(`asm-${b}`),
      command: {
        type: 'electDelegates',
        congressId,
        unitId: b,
        candidates: [first, second, third],
        ballots: [
          { ranking: [first, second, third], count: 3 },
          { ranking: [second, first], count: 3 },
        ],
        mandateIds: [`${prefix}-${first}`, `${prefix}-${second}`],
        on,
      },
    };
  });
}

/** The first congress closes: after it the congress cannot act until the next one opens (§5.2). */
export function closeFirstCongress(on: string): Step {
  return { actor: body('congress'), command: { type: 'closeCongress', congressId: FIRST_CONGRESS, on } };
}

export function demoGovernance(): { state: GovernanceState; events: GovernanceEvent[] } {
  const founded = run(foundingSteps());
  const constituted = run(constitutedSteps(), founded.state);
  return { state: constituted.state, events: [...founded.events, ...constituted.events] };
}
