import { describe, expect, it } from 'vitest';
import { decideGovernance, type GovActor } from '../governance/decide.ts';
import {
  SCENARIO_STATUTE_YAML,
  body,
  closeFirstCongress,
  constitutedSteps,
  delegateElectionSteps,
  foundingSteps,
  member,
  run,
} from '../governance/scenario.ts';
import { EMPTY_GOVERNANCE, evolveGovernance, type GovernanceEvent, type GovernanceState } from '../governance/state.ts';
import { platformsFor } from './bulletin.ts';
import { currentCongress } from './congress.ts';
import { meetingOf, nextSpeaker, type FloorCommand } from './floor.ts';
import { floorPlatforms } from './floor-platforms.ts';

/**
 * G3 on the floor: at the congress, each platform filed for it has its co-report on the agenda,
 * which no vote can take off, given by one of its signatories with the statute's co-report
 * minutes (§5.7); a debate does not close while a platform with speakers waiting has had fewer
 * than its quota of speeches (§8.5).
 */
const STATUTE = SCENARIO_STATUTE_YAML.replace('signature-share: [1, 50]', 'signature-share: [1, 4]');
const on = '2021-05-01';
const M = 'congress-day-1';
const CONGRESS = body('congress');
/** The chair: a delegate who did not sign the platform. */
const CHAIR = member('m-south-2');

type Timed<T> = T extends unknown ? Omit<T, 'on'> : never;

/**
 * 12 members; congress c1 called after the first one closed; platform p1 filed, signed by
 * m-north-1, m-north-2, m-south-1; 4 delegates elected (m-north-1, m-north-2, m-south-1,
 * m-south-2); c1 in session from 2021-05-01.
 */
function congressWithPlatform(): { state: GovernanceState; events: GovernanceEvent[] } {
  const opened = '2021-03-01';
  return run([
    ...foundingSteps(STATUTE),
    ...constitutedSteps(),
    closeFirstCongress('2020-09-01'),
    { actor: body('cc'), command: { type: 'callCongress', congressId: 'c1', opensOn: '2021-05-01', on: opened } },
    { actor: body('cc'), command: { type: 'openDiscussion', on: opened } },
    {
      actor: member('m-north-1'),
      command: {
        type: 'draftPlatform',
        platformId: 'p1',
        title: 'Platform of the 46',
        text: 'Freedom of discussion.',
        on: opened,
      },
    },
    { actor: member('m-north-2'), command: { type: 'signPlatform', platformId: 'p1', on: opened } },
    { actor: member('m-south-1'), command: { type: 'signPlatform', platformId: 'p1', on: opened } },
    ...delegateElectionSteps('c1', '2021-04-01', 'c1'),
    { actor: CONGRESS, command: { type: 'openCongress', congressId: 'c1', on } },
  ]);
}

function act(
  s: { state: GovernanceState; events: GovernanceEvent[] },
  actor: GovActor,
  command: Timed<FloorCommand>,
): GovernanceEvent[] {
  const result = decideGovernance(s.state, actor, { ...command, on });
  if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
  s.state = evolveGovernance(s.state, result.value);
  s.events.push(...result.value);
  return result.value;
}

function refuse(
  s: { state: GovernanceState },
  actor: GovActor,
  command: Timed<FloorCommand>,
): { clause: string; key: string } {
  const result = decideGovernance(s.state, actor, { ...command, on });
  if (result.ok) throw new Error(`${command.type} was allowed`);
  return {
    clause: `${result.rule.source} ${result.rule.clause}`,
    key: result.messageKey.replace('refusal.governance.', ''),
  };
}

function congressMeeting(): { state: GovernanceState; events: GovernanceEvent[] } {
  const s = congressWithPlatform();
  act(s, CONGRESS, {
    type: 'openMeeting',
    meetingId: M,
    bodyId: 'congress',
    chairId: 'm-south-2',
    agenda: [{ itemId: 'report', title: 'Report of the Central Committee' }],
    at: '09:00',
  });
  return s;
}

describe('co-reports and platform quotas at the congress (G3, G10)', () => {
  it('sees the platforms the bulletin files for the current congress', () => {
    const { state } = congressWithPlatform();
    expect(currentCongress(state)?.id).toBe('c1');
    const filed = platformsFor(state, 'c1').map((p) => ({ id: p.id, title: p.title, signatories: p.signatories }));
    expect(filed).toEqual([
      { id: 'p1', title: 'Platform of the 46', signatories: ['m-north-1', 'm-north-2', 'm-south-1'] },
    ]);
    expect(floorPlatforms(state)).toEqual(filed);
  });

  it('every platform filed for the congress has its co-report on the agenda; no vote removes it (§5.7)', () => {
    const s = congressMeeting();
    expect(meetingOf(s.state, M)?.agenda).toEqual([
      { itemId: 'report', title: 'Report of the Central Committee', kind: 'item', platformId: null, minutes: null },
      { itemId: 'co-report-1', title: 'Platform of the 46', kind: 'co-report', platformId: 'p1', minutes: 20 },
    ]);
    const change = {
      type: 'changeAgenda',
      meetingId: M,
      agenda: [{ itemId: 'report', title: 'Report of the Central Committee' }],
      vote: { method: 'show-of-hands', count: { yes: 4, no: 0, abstain: 0, present: 4 } },
      at: '09:05',
    } as const;
    expect(refuse(s, CONGRESS, change)).toEqual({ clause: 'Statute §5.7', key: 'coReportRemoved' });
    // Kept, it stays a co-report with its title and minutes, whatever the new agenda calls it.
    act(s, CONGRESS, {
      ...change,
      agenda: [
        { itemId: 'co-report-1', title: 'Anything else' },
        { itemId: 'report', title: 'Report of the Central Committee' },
      ],
    });
    expect(meetingOf(s.state, M)?.agenda[0]).toEqual({
      itemId: 'co-report-1',
      title: 'Platform of the 46',
      kind: 'co-report',
      platformId: 'p1',
      minutes: 20,
    });
  });

  it('a signatory gives the co-report, first on its item, with the co-report’s minutes', () => {
    const s = congressMeeting();
    const ask = (platformId: string | null, side: 'for' | 'against', at: string) =>
      ({ type: 'requestToSpeak', meetingId: M, itemId: 'co-report-1', side, platformId, at }) as const;
    expect(refuse(s, member('m-south-2'), ask('p1', 'for', '09:01'))).toEqual({
      clause: 'Statute §5.7',
      key: 'speakerNotSignatory',
    });
    expect(refuse(s, member('m-north-1'), ask('p9', 'for', '09:01'))).toEqual({
      clause: 'Statute §5.7',
      key: 'speakerPlatformUnknown',
    });
    act(s, member('m-south-2'), ask(null, 'against', '09:01'));
    act(s, member('m-north-2'), ask('p1', 'for', '09:02'));
    expect(nextSpeaker(s.state, M, 'co-report-1')?.memberId).toBe('m-north-2');
    expect(
      refuse(s, CHAIR, {
        type: 'callSpeaker',
        meetingId: M,
        itemId: 'co-report-1',
        memberId: 'm-south-2',
        at: '09:03',
      }),
    ).toEqual({ clause: 'Statute §8.5', key: 'speakerOutOfOrder' });
    const [called] = act(s, CHAIR, {
      type: 'callSpeaker',
      meetingId: M,
      itemId: 'co-report-1',
      memberId: 'm-north-2',
      at: '09:03',
    });
    expect(called).toMatchObject({ memberId: 'm-north-2', platformId: 'p1', coReport: true, minutes: 20 });
    // Twenty minutes: the chair cannot end it at 09:20.
    expect(refuse(s, CHAIR, { type: 'endSpeech', meetingId: M, at: '09:20' })).toEqual({
      clause: 'Statute §8.5',
      key: 'speechTimeLeft',
    });
    act(s, CHAIR, { type: 'endSpeech', meetingId: M, at: '09:23' });
    const [debate] = act(s, CHAIR, {
      type: 'callSpeaker',
      meetingId: M,
      itemId: 'co-report-1',
      memberId: 'm-south-2',
      at: '09:24',
    });
    expect(debate).toMatchObject({ coReport: false, minutes: 5 });
  });

  it('the debate does not close before a platform with speakers waiting has had its quota (§8.5)', () => {
    const s = congressMeeting();
    const ask = (who: string, platformId: string | null, side: 'for' | 'against', at: string): void => {
      act(s, member(who), { type: 'requestToSpeak', meetingId: M, itemId: 'report', side, platformId, at });
    };
    ask('m-south-2', null, 'for', '09:01');
    ask('m-south-1', 'p1', 'against', '09:02');
    act(s, CHAIR, { type: 'callSpeaker', meetingId: M, itemId: 'report', memberId: 'm-south-2', at: '09:03' });
    act(s, member('m-south-2'), { type: 'endSpeech', meetingId: M, at: '09:05' });
    const close = { type: 'closeDebate', meetingId: M, itemId: 'report', at: '09:06' } as const;
    expect(refuse(s, CHAIR, close)).toEqual({ clause: 'Statute §8.5', key: 'platformQuotaOwed' });
    act(s, CHAIR, { type: 'callSpeaker', meetingId: M, itemId: 'report', memberId: 'm-south-1', at: '09:06' });
    act(s, member('m-south-1'), { type: 'endSpeech', meetingId: M, at: '09:10' });
    expect(act(s, CHAIR, { ...close, at: '09:11' })).toEqual([
      { type: 'debate.closed', meetingId: M, itemId: 'report', waiting: [], on, at: '09:11' },
    ]);
    expect(evolveGovernance(EMPTY_GOVERNANCE, s.events)).toEqual(s.state);
  });

  it('the quota is owed only while the platform has speakers waiting', () => {
    const s = congressMeeting();
    act(s, member('m-south-2'), {
      type: 'requestToSpeak',
      meetingId: M,
      itemId: 'report',
      side: 'for',
      platformId: null,
      at: '09:01',
    });
    expect(act(s, CHAIR, { type: 'closeDebate', meetingId: M, itemId: 'report', at: '09:02' })).toMatchObject([
      { type: 'debate.closed', waiting: ['m-south-2'] },
    ]);
  });
});
