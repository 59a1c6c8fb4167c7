import { describe, expect, it } from 'vitest';
import { canonicalJson, toHex, utf8 } from '@plenum/kernel';
import { sha256 } from '@noble/hashes/sha2.js';
import { DEMO_STATUTE_YAML } from '../statute/examples.ts';
import { bodyMembers } from '../governance/common.ts';
import { decideGovernance, type GovActor, type GovernanceCommand } from '../governance/decide.ts';
import { FOUNDERS, body, foundingSteps, member, run, unanimous, type Step } from '../governance/scenario.ts';
import {
  EMPTY_GOVERNANCE,
  evolveGovernance,
  isMandateActive,
  type GovernanceEvent,
  type GovernanceState,
} from '../governance/state.ts';
import {
  CONGRESS_REFUSALS,
  apportionDelegates,
  apportionmentOf,
  congressInPreparation,
  credentialsOf,
  currentCongress,
  delegateElectionOf,
  petitionStatus,
  rollEntry,
  rollOf,
  type DelegateBallot,
} from './congress.ts';

/**
 * The congress part under the demo statute with 7 delegates (so that br-north, 20 members,
 * elects 5 and br-south, 6 members, elects 2): calls, the frozen roll, apportionment, STV
 * elections, credentials, postponement and petitions, each refusal with its clause.
 */
const STATUTE = DEMO_STATUTE_YAML.replace('  seats: 40\n  apportionment', '  seats: 7\n  apportionment');
const NORTH = Array.from({ length: 20 }, (_, i) => `m-north-${i + 1}`);
const SOUTH = Array.from({ length: 6 }, (_, i) => `m-south-${i + 1}`);

/** Founding, and 14 more members in br-north (20 there, 6 in br-south). */
function memberSteps(): Step[] {
  const steps = foundingSteps(STATUTE);
  for (const id of NORTH.slice(6)) {
    steps.push({
      actor: FOUNDERS,
      command: {
        type: 'admitMember',
        member: { id, givenName: 'Given', familyName: id, unitId: 'br-north' },
        applicationId: null,
        on: '2020-01-10',
        vote: null,
      },
    });
  }
  return steps;
}

/**
 * Then a constituent congress "c0", called by the founders, in session on 2020-08-01: it
 * elects the central committee, which calls and may postpone the congresses these tests are
 * about, and closes.
 */
function setupSteps(): Step[] {
  const steps = memberSteps();
  steps.push(
    { actor: FOUNDERS, command: { type: 'callCongress', congressId: 'c0', opensOn: '2020-08-01', on: '2020-06-01' } },
    { actor: CONGRESS, command: { type: 'openCongress', congressId: 'c0', on: '2020-08-01' } },
    {
      actor: CONGRESS,
      command: {
        type: 'recordElection',
        bodyId: 'cc',
        office: null,
        elected: ['m-north-3', 'm-north-4', 'm-south-3'].map((m) => ({ mandateId: `cc-${m}`, memberId: m })),
        on: '2020-08-01',
      },
    },
    { actor: CONGRESS, command: { type: 'closeCongress', congressId: 'c0', on: '2020-08-01' } },
  );
  return steps;
}

class Record {
  state: GovernanceState;
  events: GovernanceEvent[];
  constructor(steps: readonly Step[]) {
    const r = run(steps);
    this.state = r.state;
    this.events = r.events;
  }
  do(actor: GovActor, command: GovernanceCommand): GovernanceEvent[] {
    const result = decideGovernance(this.state, actor, command);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
    this.events.push(...result.value);
    this.state = evolveGovernance(this.state, result.value);
    return result.value;
  }
  refused(actor: GovActor, command: GovernanceCommand): { key: string; clause: string } {
    const result = decideGovernance(this.state, actor, command);
    if (result.ok) throw new Error(`${command.type} was allowed`);
    return { key: result.messageKey.replace('refusal.governance.', ''), clause: result.rule.clause };
  }
}

const CC = body('cc');
const CONGRESS = body('congress');
const ASM_NORTH = body('asm-br-north');
const ASM_SOUTH = body('asm-br-south');

/** 12 ballots for the majority's A1..A5 and 8 (40%) for the minority's B1..B5. */
const MAJORITY = NORTH.slice(0, 5);
const MINORITY = NORTH.slice(10, 15);
const BALLOTS: DelegateBallot[] = [
  { ranking: MAJORITY, count: 12 },
  { ranking: MINORITY, count: 8 },
];

function elect(r: Record, congressId: string, on: string, prefix: string): void {
  r.do(ASM_NORTH, {
    type: 'electDelegates',
    congressId,
    unitId: 'br-north',
    candidates: [...MAJORITY, ...MINORITY],
    ballots: BALLOTS,
    mandateIds: [1, 2, 3, 4, 5].map((n) => `${prefix}-north-${n}`),
    on,
  });
  r.do(ASM_SOUTH, {
    type: 'electDelegates',
    congressId,
    unitId: 'br-south',
    candidates: SOUTH.slice(0, 3),
    ballots: [
      { ranking: ['m-south-1', 'm-south-2'], count: 3 },
      { ranking: ['m-south-3'], count: 3 },
    ],
    mandateIds: [`${prefix}-south-1`, `${prefix}-south-2`],
    on,
  });
}

/** The first congress: called 2021-03-01 for 2021-05-01, delegates elected 2021-04-01, opened and closed. */
function firstCongress(): Record {
  const r = new Record(setupSteps());
  r.do(CC, { type: 'callCongress', congressId: 'c1', opensOn: '2021-05-01', on: '2021-03-01' });
  elect(r, 'c1', '2021-04-01', 'c1');
  r.do(CONGRESS, { type: 'openCongress', congressId: 'c1', on: '2021-05-01' });
  r.do(CONGRESS, { type: 'closeCongress', congressId: 'c1', on: '2021-05-03' });
  return r;
}

describe('calling a congress and its frozen roll (G2)', () => {
  it('freezes the roll at the call: hash, counts per unit; each member can check their own entry', () => {
    const r = new Record(setupSteps());
    const [called, apportioned] = r.do(CC, {
      type: 'callCongress',
      congressId: 'c1',
      opensOn: '2021-05-01',
      on: '2021-03-01',
    });
    expect(called).toMatchObject({
      type: 'congress.called',
      kind: 'regular',
      calledBy: 'body:cc',
      bodyId: 'congress',
      roll: {
        cutoff: '2021-03-01',
        total: 26,
        units: [
          { unitId: 'br-north', members: 20 },
          { unitId: 'br-south', members: 6 },
        ],
      },
    });
    const entries = rollOf(r.state, 'c1') ?? [];
    expect(entries).toHaveLength(26);
    // Anyone recomputes the published hash from the entries.
    const hash = toHex(sha256(utf8(canonicalJson(entries.map((e) => [e.memberId, e.unitId])))));
    expect(called?.type === 'congress.called' && called.roll.hash).toBe(hash);
    expect(rollEntry(r.state, 'c1', 'm-south-4')).toEqual({ memberId: 'm-south-4', unitId: 'br-south' });
    expect(rollEntry(r.state, 'c1', 'm-nobody')).toBeUndefined();
    // The apportionment with its arithmetic: 1 each, then 5 by Sainte-Laguë on 20 : 6.
    expect(apportioned).toMatchObject({
      type: 'delegates.apportioned',
      method: 'sainte-lague',
      seats: 7,
      minimumPerUnit: 1,
      units: [
        { unitId: 'br-north', members: 20, seats: 5 },
        { unitId: 'br-south', members: 6, seats: 2 },
      ],
      seed: hash,
    });
    expect(apportionmentOf(r.state, 'c1')?.quotients).toHaveLength(2);
    expect(currentCongress(r.state)).toMatchObject({ id: 'c1', status: 'called', opensOn: '2021-05-01' });
    expect(congressInPreparation(r.state)?.id).toBe('c1');
  });

  it('"Lenin Levy": members admitted after the call change neither the roll, nor the apportionment, nor who may stand', () => {
    const r = new Record(setupSteps());
    r.do(CC, { type: 'callCongress', congressId: 'c1', opensOn: '2021-05-01', on: '2021-03-01' });
    const roll = rollOf(r.state, 'c1');
    const apportionment = apportionmentOf(r.state, 'c1');
    for (let i = 1; i <= 30; i += 1) {
      r.do(ASM_NORTH, {
        type: 'admitMember',
        member: { id: `levy-${i}`, givenName: 'New', familyName: `Levy ${i}`, unitId: 'br-north' },
        applicationId: null,
        on: '2021-03-05',
        vote: unanimous(19 + i),
      });
    }
    // One of the old members is lapsed after the call: the frozen roll keeps them, the counts stand.
    r.do(ASM_SOUTH, { type: 'lapseMembership', memberId: 'm-south-6', on: '2021-03-06', vote: unanimous(6) });
    expect(rollOf(r.state, 'c1')).toEqual(roll);
    expect(rollEntry(r.state, 'c1', 'm-south-6')).toEqual({ memberId: 'm-south-6', unitId: 'br-south' });
    expect(rollEntry(r.state, 'c1', 'levy-1')).toBeUndefined();
    expect(apportionmentOf(r.state, 'c1')).toEqual(apportionment);
    const command = {
      type: 'electDelegates',
      congressId: 'c1',
      unitId: 'br-north',
      candidates: [...MAJORITY, ...MINORITY.slice(0, 4), 'levy-1'],
      ballots: BALLOTS,
      mandateIds: [1, 2, 3, 4, 5].map((n) => `d-${n}`),
      on: '2021-04-01',
    } as const;
    expect(r.refused(ASM_NORTH, command)).toEqual({ key: 'delegateNotOnRoll', clause: '§5.6' });
    // The new members' ballots do not count either: no more ballots than the unit's frozen roll.
    expect(
      r.refused(ASM_NORTH, {
        ...command,
        candidates: [...MAJORITY, ...MINORITY],
        ballots: [...BALLOTS, { ranking: MINORITY, count: 30 }],
      }),
    ).toEqual({ key: 'delegateBallotsExceedRoll', clause: '§5.6' });
  });

  it('refuses a second congress while one is under way, short notice, and a call by anyone but the central committee', () => {
    const r = new Record(setupSteps());
    const call = { type: 'callCongress', congressId: 'c1', opensOn: '2021-05-01', on: '2021-03-01' } as const;
    expect(r.refused(CONGRESS, call)).toEqual({ key: 'notAllowed', clause: '§5.2' });
    expect(r.refused(member('m-north-1'), call)).toEqual({ key: 'notAllowed', clause: '§5.2' });
    expect(r.refused(CC, { ...call, opensOn: '2021-04-29' })).toEqual({ key: 'congressNoticeShort', clause: '§5.2' });
    expect(r.refused(CC, { ...call, congressId: 'Bad Id' })).toEqual({ key: 'input', clause: 'governance.input' });
    expect(r.refused(CC, { ...call, opensOn: '2021-02-30' })).toEqual({ key: 'input', clause: 'governance.input' });
    r.do(CC, call);
    expect(r.refused(CC, { ...call, congressId: 'c2', on: '2021-03-02' })).toEqual({
      key: 'congressAlreadyCalled',
      clause: 'governance.one-congress',
    });
  });

  it('refuses when the delegates do not cover every unit’s minimum (§5.6)', () => {
    const statute = STATUTE.replace('  seats: 7\n  apportionment', '  seats: 1\n  apportionment');
    const steps = memberSteps();
    steps[0] = { actor: FOUNDERS, command: { type: 'adoptStatute', text: statute, on: '2020-01-10' } };
    const r = new Record(steps);
    const call = { type: 'callCongress', congressId: 'c0', opensOn: '2020-08-01', on: '2020-06-01' } as const;
    expect(r.refused(FOUNDERS, call)).toEqual({
      key: 'delegateSeatsShort',
      clause: '§5.6',
    });
  });
});

describe('delegate elections by STV (G2)', () => {
  it('a minority of 40% of a unit electing 5 wins exactly 2', () => {
    const r = new Record(setupSteps());
    r.do(CC, { type: 'callCongress', congressId: 'c1', opensOn: '2021-05-01', on: '2021-03-01' });
    const events = r.do(ASM_NORTH, {
      type: 'electDelegates',
      congressId: 'c1',
      unitId: 'br-north',
      candidates: [...MAJORITY, ...MINORITY],
      ballots: BALLOTS,
      mandateIds: [1, 2, 3, 4, 5].map((n) => `d-${n}`),
      on: '2021-04-01',
    });
    const election = delegateElectionOf(r.state, 'c1', 'br-north');
    const winners = (election?.elected ?? []).map((e) => e.memberId);
    expect(winners).toHaveLength(5);
    expect(winners.filter((id) => MINORITY.includes(id))).toHaveLength(2);
    expect(winners.filter((id) => MAJORITY.includes(id))).toHaveLength(3);
    expect(election).toMatchObject({ method: 'scottish-stv', seats: 5, bodyId: 'asm-br-north' });
    expect(election?.quota).toMatch(/^4(\.0+)?$/);
    // One delegate mandate per winner, in the congress, from the assembly, without a term.
    expect(events.filter((e) => e.type === 'mandate.began')).toHaveLength(5);
    const mandate = r.state.mandates.get('d-1');
    expect(mandate).toMatchObject({ bodyId: 'congress', byBodyId: 'asm-br-north', how: 'election', endsOn: null });
  });

  it('refuses the wrong number of seats, a second election, a ballot naming a non-candidate, another unit’s assembly', () => {
    const r = new Record(setupSteps());
    r.do(CC, { type: 'callCongress', congressId: 'c1', opensOn: '2021-05-01', on: '2021-03-01' });
    const command = {
      type: 'electDelegates',
      congressId: 'c1',
      unitId: 'br-north',
      candidates: [...MAJORITY, ...MINORITY],
      ballots: BALLOTS,
      mandateIds: [1, 2, 3, 4, 5].map((n) => `d-${n}`),
      on: '2021-04-01',
    } as const;
    expect(r.refused(ASM_NORTH, { ...command, mandateIds: ['d-1', 'd-2', 'd-3', 'd-4'] })).toEqual({
      key: 'delegateSeatsMismatch',
      clause: '§5.6',
    });
    expect(r.refused(ASM_NORTH, { ...command, ballots: [{ ranking: ['m-north-20'], count: 3 }] })).toEqual({
      key: 'delegateBallotNotCandidate',
      clause: '§5.6',
    });
    expect(r.refused(ASM_NORTH, { ...command, ballots: [{ ranking: ['m-north-1', 'm-north-1'], count: 3 }] })).toEqual({
      key: 'delegateBallotRepeats',
      clause: '§5.6',
    });
    expect(r.refused(ASM_NORTH, { ...command, candidates: ['m-north-1', 'm-north-2'] })).toEqual({
      key: 'delegateTooFewCandidates',
      clause: '§5.6',
    });
    expect(r.refused(ASM_NORTH, { ...command, candidates: [...MAJORITY, ...MINORITY.slice(1), 'm-south-1'] })).toEqual({
      key: 'delegateNotOnRoll',
      clause: '§5.6',
    });
    expect(r.refused(ASM_SOUTH, command)).toEqual({ key: 'notAllowed', clause: '§5.6' });
    expect(r.refused(ASM_NORTH, { ...command, ballots: [{ ranking: ['m-north-1'], count: 1.5 }] })).toEqual({
      key: 'input',
      clause: 'governance.input',
    });
    expect(r.refused(ASM_NORTH, { ...command, congressId: 'c9' })).toEqual({
      key: 'congressUnknown',
      clause: 'governance.unknown',
    });
    r.do(ASM_NORTH, command);
    expect(r.refused(ASM_NORTH, { ...command, mandateIds: [1, 2, 3, 4, 5].map((n) => `e-${n}`) })).toEqual({
      key: 'delegatesElectedAlready',
      clause: '§5.6',
    });
  });
});

describe('opening: the credentials report (G2)', () => {
  it('lists exactly the delegates of the recorded elections; the previous congress’s delegates give way', () => {
    const r = firstCongress();
    const credentials = credentialsOf(r.state, 'c1') ?? [];
    expect(credentials).toHaveLength(7);
    expect(credentials.map((d) => d.unitId).sort()).toEqual([
      ...NORTH.slice(0, 5).map(() => 'br-north'),
      'br-south',
      'br-south',
    ]);
    expect(credentials.every((d) => d.electedOn === '2021-04-01')).toBe(true);
    const opened = r.events.find((e) => e.type === 'congress.opened' && e.congressId === 'c1');
    expect(opened?.type === 'congress.opened' && opened.unfilled).toEqual([]);
    // The second congress: the south does not elect; at the opening the c1 delegates are superseded.
    r.do(CC, { type: 'callCongress', congressId: 'c2', opensOn: '2023-03-01', on: '2022-12-01' });
    r.do(ASM_NORTH, {
      type: 'electDelegates',
      congressId: 'c2',
      unitId: 'br-north',
      candidates: [...MAJORITY, ...MINORITY],
      ballots: BALLOTS,
      mandateIds: [1, 2, 3, 4, 5].map((n) => `c2-north-${n}`),
      on: '2023-01-10',
    });
    expect(r.refused(CONGRESS, { type: 'openCongress', congressId: 'c2', on: '2023-02-28' })).toEqual({
      key: 'congressOpensLater',
      clause: '§5.2',
    });
    expect(r.refused(CC, { type: 'openCongress', congressId: 'c2', on: '2023-03-01' })).toEqual({
      key: 'notAllowed',
      clause: '§5.2',
    });
    const [c2] = r.do(CONGRESS, { type: 'openCongress', congressId: 'c2', on: '2023-03-01' });
    expect(c2?.type === 'congress.opened' && c2.unfilled).toEqual([{ unitId: 'br-south', seats: 2 }]);
    expect(isMandateActive(r.state.mandates.get('c1-north-1')!, '2023-03-01')).toBe(false);
    expect(r.state.mandates.get('c1-south-1')?.ended).toEqual({ on: '2023-03-01', reason: 'superseded' });
    expect(isMandateActive(r.state.mandates.get('c2-north-1')!, '2023-03-01')).toBe(true);
    expect(
      r.refused(ASM_SOUTH, {
        type: 'electDelegates',
        congressId: 'c2',
        unitId: 'br-south',
        candidates: SOUTH.slice(0, 3),
        ballots: [],
        mandateIds: ['x-1', 'x-2'],
        on: '2023-03-02',
      }),
    ).toEqual({ key: 'congressNotInPreparation', clause: 'governance.congress-status' });
  });

  it('the state rebuilt from the events equals the live state', () => {
    const r = firstCongress();
    r.do(CC, { type: 'callCongress', congressId: 'c2', opensOn: '2022-06-01', on: '2022-03-01' });
    r.do(CC, {
      type: 'postponeCongress',
      congressId: 'c2',
      opensOn: '2022-07-01',
      vote: { method: 'show-of-hands', count: { yes: 1, no: 2, abstain: 0, present: 3 } },
      on: '2022-03-10',
    });
    expect(evolveGovernance(EMPTY_GOVERNANCE, r.events)).toEqual(r.state);
  });
});

describe('the congress acts only in session (G8)', () => {
  const electCc = (on: string, bodyId = 'cc'): GovernanceCommand => ({
    type: 'recordElection',
    bodyId,
    office: null,
    elected: ['m-north-6', 'm-north-7', 'm-south-4'].map((m) => ({ mandateId: `cc2-${m}-${on}`, memberId: m })),
    on,
  });

  it('after it closes, the delegates of the last congress cannot act as the congress (§5.2)', () => {
    const r = firstCongress();
    expect(r.refused(CONGRESS, electCc('2021-06-01'))).toEqual({ key: 'congressNotInSession', clause: '§5.2' });
    expect(
      r.refused(CONGRESS, {
        type: 'openMeeting',
        meetingId: 'rump',
        bodyId: 'congress',
        chairId: credentialsOf(r.state, 'c1')?.[0]?.memberId ?? '',
        agenda: [{ itemId: 'a', title: 'A' }],
        at: '10:00',
        on: '2021-06-01',
      }),
    ).toEqual({ key: 'congressNotInSession', clause: '§5.2' });
    // A command wrong in itself is refused for what is wrong with it, not for the session.
    expect(r.refused(CONGRESS, electCc('2021-06-01', 'nowhere'))).not.toEqual({
      key: 'congressNotInSession',
      clause: '§5.2',
    });
  });

  it('between the elections and the opening neither the old nor the new delegates are the congress; in session, only those seated', () => {
    const r = firstCongress();
    r.do(CC, { type: 'callCongress', congressId: 'c2', opensOn: '2023-03-01', on: '2022-12-01' });
    elect(r, 'c2', '2023-01-10', 'c2');
    const congressBody = r.state.bodies.get('congress')!;
    // Both sets hold mandates until the opening supersedes the old one: 14, not the 7 seats.
    const holders = [...r.state.mandates.values()].filter((m) => m.bodyId === 'congress' && m.ended === null);
    expect(holders).toHaveLength(14);
    expect(r.refused(CONGRESS, electCc('2023-02-01'))).toEqual({ key: 'congressNotInSession', clause: '§5.2' });
    r.do(CONGRESS, { type: 'openCongress', congressId: 'c2', on: '2023-03-01' });
    const seated = (credentialsOf(r.state, 'c2') ?? []).map((d) => d.memberId).sort();
    expect(seated).toHaveLength(7);
    expect(bodyMembers(r.state, congressBody, '2023-03-01').sort()).toEqual(seated);
    // In session the congress acts: the CC is elected.
    expect(r.do(CONGRESS, electCc('2023-03-01')).map((e) => e.type)).toContain('mandate.began');
  });
});

describe('the schedule and postponement (G8)', () => {
  it('the calling body cannot set a congress beyond the schedule', () => {
    const r = firstCongress();
    // Due: 2021-05-01 + 24 months.
    expect(r.refused(CC, { type: 'callCongress', congressId: 'c2', opensOn: '2023-05-02', on: '2022-01-10' })).toEqual({
      key: 'congressBeyondSchedule',
      clause: '§5.2',
    });
    r.do(CC, { type: 'callCongress', congressId: 'c2', opensOn: '2023-05-01', on: '2022-01-10' });
  });

  it('postponement only by a carried recorded vote, lost votes on record, never beyond max-days', () => {
    const r = firstCongress();
    r.do(CC, { type: 'callCongress', congressId: 'c2', opensOn: '2022-06-01', on: '2022-03-01' });
    const [lost] = r.do(CC, {
      type: 'postponeCongress',
      congressId: 'c2',
      opensOn: '2022-07-01',
      vote: { method: 'show-of-hands', count: { yes: 1, no: 2, abstain: 0, present: 3 } },
      on: '2022-03-10',
    });
    expect(lost).toMatchObject({ type: 'congress.postponement-voted', carried: false, opensOn: '2022-07-01' });
    expect(currentCongress(r.state)?.opensOn).toBe('2022-06-01');
    expect(
      r.refused(CC, {
        type: 'postponeCongress',
        congressId: 'c2',
        opensOn: '2022-09-01',
        vote: { method: 'show-of-hands', count: unanimous(3) },
        on: '2022-03-11',
      }),
    ).toEqual({ key: 'congressPostponedTooLong', clause: '§5.5' });
    expect(
      r.refused(member('m-north-3'), {
        type: 'postponeCongress',
        congressId: 'c2',
        opensOn: '2022-07-01',
        vote: { method: 'show-of-hands', count: unanimous(3) },
        on: '2022-03-11',
      }),
    ).toEqual({ key: 'notAllowed', clause: '§5.5' });
    const roll = ['m-north-3', 'm-north-4', 'm-south-3'].map((memberId) => ({ memberId, choice: 'yes' as const }));
    const [carried] = r.do(CC, {
      type: 'postponeCongress',
      congressId: 'c2',
      opensOn: '2022-08-30',
      vote: { method: 'roll-call', roll },
      on: '2022-03-12',
    });
    expect(carried).toMatchObject({ carried: true, vote: { method: 'roll-call', yes: 3 } });
    expect(currentCongress(r.state)?.opensOn).toBe('2022-08-30');
    expect(r.state.congress.postponements.get('c2')).toHaveLength(2);
    // Bringing it forward again is not a postponement; the total delay counts from the original opening.
    expect(
      r.refused(CC, {
        type: 'postponeCongress',
        congressId: 'c2',
        opensOn: '2022-08-01',
        vote: { method: 'roll-call', roll },
        on: '2022-03-13',
      }),
    ).toEqual({ key: 'congressPostponeEarlier', clause: '§5.5' });
  });

  it('an overdue congress is convoked by any member once the calling body is late', () => {
    const r = firstCongress();
    const convoke = { type: 'convokeDueCongress', congressId: 'c2', on: '2023-03-01' } as const;
    // Due 2023-05-01, notice 60 days: from 2023-03-02.
    expect(r.refused(member('m-south-5'), convoke)).toEqual({ key: 'congressNotDue', clause: '§5.2' });
    const [called] = r.do(member('m-south-5'), { ...convoke, on: '2023-03-10' });
    expect(called).toMatchObject({
      type: 'congress.called',
      calledBy: 'statute',
      kind: 'regular',
      opensOn: '2023-05-09',
    });
  });

  it('there is no schedule to convoke by before the first congress', () => {
    const r = new Record(memberSteps());
    expect(r.refused(member('m-north-1'), { type: 'convokeDueCongress', congressId: 'c1', on: '2021-03-01' })).toEqual({
      key: 'congressNoSchedule',
      clause: '§5.2',
    });
  });
});

describe('the extraordinary congress (G8)', () => {
  it('the signature reaching a third of the members calls it in the same batch; nobody can postpone it', () => {
    const r = firstCongress();
    const on = '2021-06-01';
    const signers = [...NORTH.slice(0, 6), ...SOUTH.slice(0, 2)];
    for (const id of signers) {
      expect(r.do(member(id), { type: 'petitionForCongress', vote: null, on }).map((e) => e.type)).toEqual([
        'congress.petition-signed',
      ]);
    }
    expect(r.refused(member('m-north-1'), { type: 'petitionForCongress', vote: null, on })).toEqual({
      key: 'congressPetitionSignedAlready',
      clause: '§5.4',
    });
    expect(petitionStatus(r.state, on)).toMatchObject({
      signatures: 8,
      voters: 26,
      signaturesNeeded: 9,
      reached: false,
    });
    const ninth = r.do(member('m-north-20'), { type: 'petitionForCongress', vote: null, on });
    expect(ninth.map((e) => e.type)).toEqual(['congress.petition-signed', 'congress.called', 'delegates.apportioned']);
    expect(ninth[1]).toMatchObject({ kind: 'extraordinary', calledBy: 'petition', opensOn: '2021-08-30' });
    const id = currentCongress(r.state)?.id ?? '';
    expect(r.refused(member('m-south-5'), { type: 'petitionForCongress', vote: null, on })).toEqual({
      key: 'congressPetitionWhileCalled',
      clause: '§5.4',
    });
    expect(
      r.refused(CC, {
        type: 'postponeCongress',
        congressId: id,
        opensOn: '2021-09-10',
        vote: { method: 'show-of-hands', count: unanimous(3) },
        on,
      }),
    ).toEqual({ key: 'congressExtraordinaryFixed', clause: '§5.4' });
    // The petition starts again from nothing after the call.
    expect(r.state.congress.petitionSignatures.size).toBe(0);
  });

  it('a resolution of a third of the electing units calls it too; an assembly resolves by its vote', () => {
    const r = firstCongress();
    const on = '2021-06-01';
    expect(
      r.refused(ASM_SOUTH, {
        type: 'petitionForCongress',
        vote: { yes: 1, no: 4, abstain: 0, present: 5 },
        on,
      }),
    ).toEqual({ key: 'notCarried', clause: '§5.4' });
    expect(r.refused(ASM_SOUTH, { type: 'petitionForCongress', vote: null, on })).toEqual({
      key: 'input',
      clause: 'governance.input',
    });
    const events = r.do(ASM_SOUTH, { type: 'petitionForCongress', vote: unanimous(6), on });
    expect(events.map((e) => e.type)).toEqual([
      'congress.petition-resolved',
      'congress.called',
      'delegates.apportioned',
    ]);
    expect(events[1]).toMatchObject({ congressId: 'extraordinary-2021-06-01', kind: 'extraordinary' });
  });
});

describe('apportionDelegates', () => {
  it('refuses seats that do not cover the minimum, and gives the minimum before the formula', () => {
    const rule = {
      clause: '5.6',
      seats: 10,
      apportionment: 'dhondt',
      minimumPerUnit: 2,
      electedBy: 'branch-assembly',
      method: 'scottish-stv',
    } as const;
    const units = [
      { unitId: 'a', members: 1000 },
      { unitId: 'b', members: 10 },
      { unitId: 'c', members: 0 },
    ];
    const shared = apportionDelegates(units, rule, 'seed');
    expect(shared.ok && shared.value.units.map((u) => u.seats)).toEqual([8, 2, 0]);
    const short = apportionDelegates(units, { ...rule, seats: 3 }, 'seed');
    expect(!short.ok && [short.messageKey, short.rule.clause]).toEqual([
      'refusal.governance.delegateSeatsShort',
      '§5.6',
    ]);
  });

  it('has refusal keys of its own', () => {
    expect(new Set(CONGRESS_REFUSALS).size).toBe(CONGRESS_REFUSALS.length);
  });
});
