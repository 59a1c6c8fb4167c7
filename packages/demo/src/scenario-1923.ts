import {
  EMPTY_GOVERNANCE,
  apportionmentOf,
  credentialsOf,
  decideGovernance,
  evolveGovernance,
  type Actor,
  type GovernanceCommand,
  type GovernanceState,
} from '@plenum/domain';
import type { Id } from '@plenum/kernel';
import type { DemoAction } from './demo-organisation.ts';
import { demoOrganisationActions } from './demo-organisation.ts';

/**
 * The 1923–24 discussion replayed under the demo statute (docs/scenario-1923.md sets it side
 * by side with what happened). The demo federation after its first congress; then, on the
 * days of 1923 moved to 2026:
 *
 * 1. 8 October: a member writes to the central committee about the regime in the
 *    organisation (Plenum delivers it to every member of the committee, on the record);
 * 2. 10 October: the central committee opens the pre-congress discussion (Statute §5.3);
 * 3. 15 October: forty-six members draft and sign a platform; it is filed when its signatures
 *    reach the statute's share (§5.7) and circulated to every member in the same act;
 * 4. the central committee and the platform's drafter publish in the discussion bulletin;
 * 5. 16 November: the central committee calls the second congress for 16 January; the roll
 *    freezes and the 40 delegate seats are apportioned among the branches (§5.6);
 * 6. early December: every branch assembly meets and votes on the platform by show of hands
 *    (the "branch votes"): about half of the Moscow branch for it, fewer elsewhere;
 * 7. mid December: every branch elects its delegates by STV, each voter ranking the side they
 *    voted for first;
 * 8. 16 January: the congress opens with the credentials report, and its first meeting has
 *    the platform's co-report on its agenda.
 *
 * Who supports the platform is fixed here (a share of each branch, its most recent members),
 * so that the scenario is the same at every run.
 */
export const SCENARIO_1923 = {
  letterOn: '2026-10-08',
  discussionOn: '2026-10-10',
  platformOn: '2026-10-15',
  bulletinOn: '2026-11-01',
  callOn: '2026-11-16',
  opensOn: '2027-01-16',
  branchVotesOn: '2026-12-05',
  electionsOn: '2026-12-19',
  platformId: 'platform-46',
  congressId: 'congress-2',
  signatories: 46,
} as const;

/** The share of each branch that supports the platform (Moscow about half, as in 1923; less elsewhere). */
export const OPPOSITION_SHARE: Readonly<Record<string, number>> = {
  'ru-moskva': 0.5,
  'ru-spb': 0.2,
  'ru-ekaterinburg': 0.3,
  'de-berlin': 0.4,
  'de-hamburg': 0.25,
  'de-leipzig': 0.25,
  'br-sao-paulo': 0.3,
  'br-rio': 0.25,
  'br-porto-alegre': 0.2,
  'br-recife': 0.25,
  'es-madrid': 0.3,
  'es-barcelona': 0.35,
  'es-sevilla': 0.2,
};

const body = (id: string): Actor => ({ kind: 'body', id });
const member = (id: string): Actor => ({ kind: 'member', id });
const assemblyOf = (branchId: string): string => `assembly-${branchId}`;

const PLATFORM_TEXT = [
  'The organisation is being run by its apparatus instead of by its members.',
  'Secretaries are chosen from above and the branches are told the results of debates they never held.',
  'We ask for an open discussion of the course and of the regime inside the organisation,',
  'for elected rather than appointed officers, and for a congress that hears every view.',
].join('\n');

/** Where the branches stand: each branch's members (roll order) and who of them supports the platform. */
export interface BranchStand {
  readonly branchId: Id;
  readonly members: readonly Id[];
  readonly opposition: readonly Id[];
}

export function branchStands(state: GovernanceState): BranchStand[] {
  const byBranch = new Map<Id, Id[]>();
  for (const m of state.members.values()) {
    if (m.status !== 'member') continue;
    byBranch.set(m.unitId, [...(byBranch.get(m.unitId) ?? []), m.id]);
  }
  return [...byBranch.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([branchId, members]) => {
      const sorted = [...members].sort();
      const share = OPPOSITION_SHARE[branchId] ?? 0.25;
      const count = Math.round(sorted.length * share);
      return { branchId, members: sorted, opposition: sorted.slice(sorted.length - count) };
    });
}

/**
 * The scenario's actions after the demo (`state` is the demo's state). Phase by phase, since
 * the delegate seats come from the apportionment the call records.
 */
export function scenario1923Actions(demo: GovernanceState): DemoAction[] {
  const s = SCENARIO_1923;
  const stands = branchStands(demo);
  const supporters = stands.flatMap((b) => b.opposition);
  const drafter = stands.find((b) => b.branchId === 'ru-moskva')?.opposition[0] ?? supporters[0] ?? '';
  const signers = [drafter, ...supporters.filter((id) => id !== drafter)].slice(0, s.signatories);
  const actions: DemoAction[] = [];
  const push = (actor: Actor, command: GovernanceCommand): void => {
    actions.push({ actor, command });
  };

  push(member(drafter), {
    type: 'sendLetter',
    letterId: 'letter-1923-10-08',
    toBodyId: 'central-committee',
    title: 'On the regime inside the organisation',
    text: 'Decisions are prepared by a narrow circle and the members learn of them afterwards.\nI ask the committee to open the question to the whole organisation.',
    on: s.letterOn,
  });
  push(body('central-committee'), { type: 'openDiscussion', on: s.discussionOn });
  push(member(drafter), {
    type: 'draftPlatform',
    platformId: s.platformId,
    title: 'Platform of the 46',
    text: PLATFORM_TEXT,
    on: s.platformOn,
  });
  for (const id of signers.slice(1))
    push(member(id), { type: 'signPlatform', platformId: s.platformId, on: s.platformOn });
  push(body('central-committee'), {
    type: 'publishContribution',
    documentId: 'bulletin-cc-theses',
    title: 'Theses of the central committee on the course',
    text: 'The course of the organisation is sound.\nThe discussion must not become a struggle of factions.',
    on: s.bulletinOn,
  });
  push(member(drafter), {
    type: 'publishContribution',
    documentId: 'bulletin-new-course',
    title: 'The new course',
    text: 'A new generation of members must be able to think and decide for itself,\nnot only to carry out decisions.',
    on: s.bulletinOn,
  });
  push(body('central-committee'), { type: 'callCongress', congressId: s.congressId, opensOn: s.opensOn, on: s.callOn });

  // The branch votes: each assembly meets; every member present; by show of hands.
  for (const stand of stands) {
    const meetingId = `meeting-1923-${stand.branchId}`;
    const chairId = stand.members[0] ?? '';
    const present = stand.members.length;
    const yes = stand.opposition.length;
    push(body(assemblyOf(stand.branchId)), {
      type: 'openMeeting',
      meetingId,
      bodyId: assemblyOf(stand.branchId),
      chairId,
      agenda: [{ itemId: 'platform', title: 'The Platform of the 46' }],
      on: s.branchVotesOn,
      at: '18:00',
    });
    push(member(chairId), { type: 'closeDebate', meetingId, itemId: 'platform', on: s.branchVotesOn, at: '19:30' });
    push(body(assemblyOf(stand.branchId)), {
      type: 'takeVote',
      meetingId,
      itemId: 'platform',
      voteId: 'vote-platform',
      question: 'Does the branch support the Platform of the 46?',
      majority: 'simple',
      vote: { method: 'show-of-hands', count: { yes, no: present - yes, abstain: 0, present } },
      on: s.branchVotesOn,
      at: '19:40',
    });
    push(member(chairId), { type: 'closeMeeting', meetingId, vote: null, on: s.branchVotesOn, at: '19:45' });
  }
  return actions;
}

/** The delegate elections, once the call has apportioned the seats (`called`: the state after scenario1923Actions). */
export function scenario1923Elections(called: GovernanceState): DemoAction[] {
  const s = SCENARIO_1923;
  const apportionment = apportionmentOf(called, s.congressId);
  const actions: DemoAction[] = [];
  for (const stand of branchStands(called)) {
    const seats = apportionment?.units.find((u) => u.unitId === stand.branchId)?.seats ?? 0;
    if (seats === 0) continue;
    const opposition = new Set(stand.opposition);
    const majority = stand.members.filter((id) => !opposition.has(id));
    const oppositionCandidates = stand.opposition.slice(0, seats);
    const majorityCandidates = majority.slice(0, seats);
    const ballots = [
      ...(stand.opposition.length > 0
        ? [{ ranking: [...oppositionCandidates, ...majorityCandidates], count: stand.opposition.length }]
        : []),
      ...(majority.length > 0 ? [{ ranking: majorityCandidates, count: majority.length }] : []),
    ];
    actions.push({
      actor: body(assemblyOf(stand.branchId)),
      command: {
        type: 'electDelegates',
        congressId: s.congressId,
        unitId: stand.branchId,
        candidates: [...oppositionCandidates, ...majorityCandidates],
        ballots,
        mandateIds: Array.from({ length: seats }, (_, n) => `delegate-2-${stand.branchId}-${n + 1}`),
        on: s.electionsOn,
      },
    });
  }
  actions.push({ actor: body('congress'), command: { type: 'openCongress', congressId: s.congressId, on: s.opensOn } });
  return actions;
}

/** The congress's first meeting: the platform's co-report is on its agenda by right (G3). */
export function scenario1923Opening(opened: GovernanceState): DemoAction[] {
  const s = SCENARIO_1923;
  const chairId = credentialsOf(opened, s.congressId)?.[0]?.memberId ?? '';
  return [
    {
      actor: body('congress'),
      command: {
        type: 'openMeeting',
        meetingId: 'congress-2-day-1',
        bodyId: 'congress',
        chairId,
        agenda: [{ itemId: 'report', title: 'Report of the central committee' }],
        on: s.opensOn,
        at: '10:00',
      },
    },
  ];
}

/** Every action of `plenum demo --scenario 1923`: the demo, then the scenario, phase by phase. */
export function scenario1923AllActions(): DemoAction[] {
  const demo = demoOrganisationActions();
  const afterDemo = fold(EMPTY_GOVERNANCE, demo);
  const first = scenario1923Actions(afterDemo);
  const called = fold(afterDemo, first);
  const elections = scenario1923Elections(called);
  const opened = fold(called, elections);
  return [...demo, ...first, ...elections, ...scenario1923Opening(opened)];
}

function fold(state: GovernanceState, actions: readonly DemoAction[]): GovernanceState {
  for (const { actor, command } of actions) {
    const result = decideGovernance(state, actor, command);
    if (!result.ok)
      throw new Error(`scenario 1923: ${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
    state = evolveGovernance(state, result.value);
  }
  return state;
}

/** What the scenario gives, branch by branch: the vote, the seats, the delegates the platform's supporters won. */
export interface BranchOutcome {
  readonly branchId: Id;
  readonly members: number;
  readonly forPlatform: number;
  readonly seats: number;
  readonly platformDelegates: number;
}

export function scenario1923Outcome(state: GovernanceState): {
  readonly branches: readonly BranchOutcome[];
  readonly delegates: number;
  readonly platformDelegates: number;
  readonly platformRecipients: number;
} {
  const s = SCENARIO_1923;
  const stands = branchStands(state);
  const supporters = new Set(stands.flatMap((b) => b.opposition));
  const credentials = credentialsOf(state, s.congressId) ?? [];
  const apportionment = apportionmentOf(state, s.congressId);
  const branches = stands.map((stand) => ({
    branchId: stand.branchId,
    members: stand.members.length,
    forPlatform: stand.opposition.length,
    seats: apportionment?.units.find((u) => u.unitId === stand.branchId)?.seats ?? 0,
    platformDelegates: credentials.filter((c) => c.unitId === stand.branchId && supporters.has(c.memberId)).length,
  }));
  const circulated = state.bulletin.platforms.get(s.platformId);
  return {
    branches,
    delegates: credentials.length,
    platformDelegates: credentials.filter((c) => supporters.has(c.memberId)).length,
    platformRecipients: circulated?.circulations.at(-1)?.recipients.length ?? 0,
  };
}
