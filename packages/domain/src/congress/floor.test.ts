import { describe, expect, it } from 'vitest';
import type { VoteInput } from '../governance/common.ts';
import { decideGovernance, type GovActor } from '../governance/decide.ts';
import { body, demoGovernance, member } from '../governance/scenario.ts';
import { EMPTY_GOVERNANCE, evolveGovernance, type GovernanceEvent, type GovernanceState } from '../governance/state.ts';
import {
  FLOOR_REFUSALS,
  meetingOf,
  minutesMarkdown,
  minutesOf,
  nextSpeaker,
  speakersOf,
  speechExists,
  type FloorCommand,
} from './floor.ts';

/**
 * G10 in a branch assembly of six (asm-br-north: m-north-1 … m-north-6, chair m-north-1):
 * the list in order, time limits, points of order, rulings and their challenges, votes,
 * minutes from the record. The seeds: speakers shouted down, meetings broken up (1927).
 */
const on = '2021-03-01';
const M = 'mtg-1';
const ASM = body('asm-br-north');
const CHAIR = member('m-north-1');
const hands = (yes: number, no: number, abstain = 0): VoteInput => ({
  method: 'show-of-hands',
  count: { yes, no, abstain, present: yes + no + abstain },
});

type Omit2<T> = T extends unknown ? Omit<T, 'on'> : never;

/** A meeting being held: each act goes through decideGovernance and, when allowed, into the record. */
class Meeting {
  state: GovernanceState;
  readonly events: GovernanceEvent[];
  constructor(start: { state: GovernanceState; events: GovernanceEvent[] }) {
    this.state = start.state;
    this.events = [...start.events];
  }
  act(actor: GovActor, command: Omit2<FloorCommand>, day = on): GovernanceEvent[] {
    const result = decideGovernance(this.state, actor, { ...command, on: day });
    if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
    this.events.push(...result.value);
    this.state = evolveGovernance(this.state, result.value);
    return result.value;
  }
  refuse(actor: GovActor, command: Omit2<FloorCommand>, day = on): { clause: string; key: string } {
    const result = decideGovernance(this.state, actor, { ...command, on: day });
    if (result.ok) throw new Error(`${command.type} was allowed`);
    return {
      clause: `${result.rule.source} ${result.rule.clause}`,
      key: result.messageKey.replace('refusal.governance.', ''),
    };
  }
}

const refusal = (clause: string, key: string) => ({ clause, key });
const MEETINGS = 'Statute §8.5';

function opened(): Meeting {
  const meeting = new Meeting(demoGovernance());
  meeting.act(ASM, {
    type: 'openMeeting',
    meetingId: M,
    bodyId: 'asm-br-north',
    chairId: 'm-north-1',
    agenda: [
      { itemId: 'report', title: 'Report of the branch secretary' },
      { itemId: 'strike', title: 'Resolution on the strike' },
    ],
    at: '18:00',
  });
  return meeting;
}

const ask = (itemId: string, side: 'for' | 'against' | 'neutral') =>
  ({ type: 'requestToSpeak', meetingId: M, itemId, side, platformId: null, at: '18:01' }) as const;
const call = (memberId: string, at: string, itemId = 'report') =>
  ({ type: 'callSpeaker', meetingId: M, itemId, memberId, at }) as const;
const end = (at: string) => ({ type: 'endSpeech', meetingId: M, at }) as const;

describe('meetings: the speakers’ list (G10)', () => {
  it('opens a meeting of the body, chaired by one of its members (§8.5)', () => {
    const meeting = opened();
    expect(meetingOf(meeting.state, M)?.agenda.map((i) => [i.itemId, i.kind])).toEqual([
      ['report', 'item'],
      ['strike', 'item'],
    ]);
    const open = {
      type: 'openMeeting',
      meetingId: 'mtg-2',
      bodyId: 'asm-br-north',
      chairId: 'm-south-1',
      agenda: [{ itemId: 'a', title: 'A' }],
      at: '19:00',
    } as const;
    expect(meeting.refuse(ASM, open)).toEqual(refusal(MEETINGS, 'chairNotInBody'));
    expect(meeting.refuse(body('asm-br-south'), { ...open, chairId: 'm-north-2' })).toEqual(
      refusal(MEETINGS, 'notAllowed'),
    );
    expect(meeting.refuse(ASM, { ...open, meetingId: M, chairId: 'm-north-2' })).toEqual(
      refusal('Plenum governance.unique-id', 'exists'),
    );
  });

  it('the chair calls speakers only in the order of the list, alternating for and against; skipping is refused', () => {
    const meeting = opened();
    meeting.act(member('m-north-2'), ask('report', 'for'));
    meeting.act(member('m-north-3'), ask('report', 'for'));
    meeting.act(member('m-north-4'), ask('report', 'against'));
    expect(meeting.refuse(member('m-south-1'), ask('report', 'for'))).toEqual(refusal(MEETINGS, 'notInMeetingBody'));
    expect(meeting.refuse(member('m-north-2'), ask('report', 'against'))).toEqual(
      refusal(MEETINGS, 'speakerListedAlready'),
    );
    // "Shouting down": the chair passes over the first on the list.
    expect(meeting.refuse(CHAIR, call('m-north-3', '18:02'))).toEqual(refusal(MEETINGS, 'speakerOutOfOrder'));
    // Only the chair calls.
    expect(meeting.refuse(member('m-north-5'), call('m-north-2', '18:02'))).toEqual(refusal(MEETINGS, 'notAllowed'));
    const [called] = meeting.act(CHAIR, call('m-north-2', '18:02'));
    expect(called).toMatchObject({ type: 'speaker.called', memberId: 'm-north-2', speech: 1, minutes: 5 });
    expect(meeting.refuse(CHAIR, call('m-north-3', '18:03'))).toEqual(refusal(MEETINGS, 'speechInProgress'));
    // The chair cannot cut the speaker short: five minutes, called at 18:02.
    expect(meeting.refuse(CHAIR, end('18:06'))).toEqual(refusal(MEETINGS, 'speechTimeLeft'));
    expect(meeting.refuse(member('m-north-5'), end('18:06'))).toEqual(refusal(MEETINGS, 'notAllowed'));
    meeting.act(CHAIR, end('18:08'));
    // Alternation: m-north-4 (against) before m-north-3 (for), who asked earlier.
    expect(nextSpeaker(meeting.state, M, 'report')?.memberId).toBe('m-north-4');
    expect(meeting.refuse(CHAIR, call('m-north-3', '18:09'))).toEqual(refusal(MEETINGS, 'speakerOutOfOrder'));
    meeting.act(CHAIR, call('m-north-4', '18:09'));
    // The speaker ends their own speech when they like.
    expect(meeting.act(member('m-north-4'), end('18:11'))).toEqual([
      { type: 'speech.ended', meetingId: M, speech: 2, by: 'speaker', on, at: '18:11' },
    ]);
    meeting.act(CHAIR, call('m-north-3', '18:12'));
    meeting.act(member('m-north-3'), end('18:15'));
    expect(nextSpeaker(meeting.state, M, 'report')).toBeUndefined();
    expect(meeting.refuse(CHAIR, call('m-north-3', '18:16'))).toEqual(refusal(MEETINGS, 'noSpeakerWaiting'));
    const { list, speeches } = speakersOf(meeting.state, M, 'report');
    // The list keeps the order of asking; the speeches, the order of speaking.
    expect(list.map((e) => [e.memberId, e.status, e.speech])).toEqual([
      ['m-north-2', 'called', 1],
      ['m-north-3', 'called', 3],
      ['m-north-4', 'called', 2],
    ]);
    expect(speeches.map((s) => [s.n, s.memberId, s.side, s.called.at, s.ended?.at, s.ended?.by])).toEqual([
      [1, 'm-north-2', 'for', '18:02', '18:08', 'chair'],
      [2, 'm-north-4', 'against', '18:09', '18:11', 'speaker'],
      [3, 'm-north-3', 'for', '18:12', '18:15', 'speaker'],
    ]);
    expect(speechExists(meeting.state, `speech:${M}:3`)).toBe(true);
    expect(speechExists(meeting.state, `speech:${M}:4`)).toBe(false);
    expect(speechExists(meeting.state, 'speech:nowhere:1')).toBe(false);
  });

  it('a speaker may take their name off the list; time in a meeting does not go backwards', () => {
    const meeting = opened();
    meeting.act(member('m-north-2'), ask('report', 'for'));
    meeting.act(member('m-north-3'), ask('report', 'against'));
    const withdraw = { type: 'withdrawFromList', meetingId: M, itemId: 'report', at: '18:02' } as const;
    expect(meeting.refuse(member('m-north-5'), withdraw)).toEqual(refusal(MEETINGS, 'speakerNotListed'));
    meeting.act(member('m-north-2'), withdraw);
    expect(nextSpeaker(meeting.state, M, 'report')?.memberId).toBe('m-north-3');
    expect(meeting.refuse(CHAIR, call('m-north-3', '17:59'))).toEqual(
      refusal('Plenum governance.meeting-time', 'meetingTimeOrder'),
    );
    expect(meeting.refuse(CHAIR, call('m-north-3', '18:61'))).toEqual(refusal('Plenum governance.input', 'input'));
    expect(meeting.refuse(CHAIR, call('m-north-3', '18:05', 'nothing'))).toEqual(
      refusal(MEETINGS, 'unknownAgendaItem'),
    );
    // A speech may run past midnight: the time limit counts across the day.
    meeting.act(CHAIR, call('m-north-3', '23:58'));
    expect(meeting.refuse(CHAIR, end('00:02'), '2021-03-02')).toEqual(refusal(MEETINGS, 'speechTimeLeft'));
    meeting.act(CHAIR, end('00:03'), '2021-03-02');
  });
});

describe('points of order, rulings and challenges (G10)', () => {
  function withPoint(): Meeting {
    const meeting = opened();
    meeting.act(member('m-north-2'), ask('report', 'for'));
    meeting.act(member('m-north-5'), {
      type: 'raisePointOfOrder',
      pointId: 'p-1',
      meetingId: M,
      text: 'The report was not circulated before the meeting.',
      at: '18:02',
    });
    return meeting;
  }

  it('a point of order must be ruled on before anything else proceeds', () => {
    const meeting = withPoint();
    expect(meeting.refuse(CHAIR, call('m-north-2', '18:03'))).toEqual(refusal(MEETINGS, 'pointOfOrderPending'));
    expect(meeting.refuse(CHAIR, { type: 'closeDebate', meetingId: M, itemId: 'report', at: '18:03' })).toEqual(
      refusal(MEETINGS, 'pointOfOrderPending'),
    );
    const other = {
      type: 'giveRuling',
      rulingId: 'r-x',
      meetingId: M,
      pointId: null,
      decision: 'Tea break.',
      at: '18:03',
    } as const;
    expect(meeting.refuse(CHAIR, other)).toEqual(refusal(MEETINGS, 'pointOfOrderPending'));
    const ruling = {
      type: 'giveRuling',
      rulingId: 'r-1',
      meetingId: M,
      pointId: 'p-1',
      decision: 'Not well taken: the report was posted a week ago.',
      at: '18:03',
    } as const;
    expect(meeting.refuse(member('m-north-2'), ruling)).toEqual(refusal(MEETINGS, 'notAllowed'));
    expect(meeting.refuse(CHAIR, { ...ruling, pointId: 'p-9' })).toEqual(
      refusal('Plenum governance.unknown', 'unknownPointOfOrder'),
    );
    meeting.act(CHAIR, ruling);
    expect(meeting.refuse(CHAIR, { ...ruling, rulingId: 'r-2' })).toEqual(refusal(MEETINGS, 'pointRuledAlready'));
    meeting.act(CHAIR, call('m-north-2', '18:04'));
  });

  it('every ruling can be challenged; nothing proceeds while the challenge is pending; carried, it is overturned', () => {
    const meeting = withPoint();
    meeting.act(CHAIR, {
      type: 'giveRuling',
      rulingId: 'r-1',
      meetingId: M,
      pointId: 'p-1',
      decision: 'Not well taken.',
      at: '18:03',
    });
    expect(meeting.refuse(member('m-south-2'), { type: 'challengeRuling', rulingId: 'r-1', at: '18:04' })).toEqual(
      refusal(MEETINGS, 'notInMeetingBody'),
    );
    meeting.act(member('m-north-5'), { type: 'challengeRuling', rulingId: 'r-1', at: '18:04' });
    expect(meeting.refuse(member('m-north-6'), { type: 'challengeRuling', rulingId: 'r-1', at: '18:04' })).toEqual(
      refusal(MEETINGS, 'rulingChallengedAlready'),
    );
    // Pending: the chair can neither call, nor close the debate, nor rule, nor close the meeting.
    expect(meeting.refuse(CHAIR, call('m-north-2', '18:05'))).toEqual(refusal(MEETINGS, 'challengePending'));
    expect(meeting.refuse(CHAIR, { type: 'closeDebate', meetingId: M, itemId: 'report', at: '18:05' })).toEqual(
      refusal(MEETINGS, 'challengePending'),
    );
    expect(
      meeting.refuse(CHAIR, {
        type: 'giveRuling',
        rulingId: 'r-2',
        meetingId: M,
        pointId: null,
        decision: 'The challenge is out of order.',
        at: '18:05',
      }),
    ).toEqual(refusal(MEETINGS, 'challengePending'));
    expect(meeting.refuse(CHAIR, { type: 'closeMeeting', meetingId: M, vote: null, at: '18:05' })).toEqual(
      refusal(MEETINGS, 'challengePending'),
    );
    // Only the meeting decides, by the statute's challenge majority (simple, §8.2).
    const decide = { type: 'decideChallenge', rulingId: 'r-1', vote: hands(4, 1), at: '18:06' } as const;
    expect(meeting.refuse(CHAIR, decide)).toEqual(refusal(MEETINGS, 'notAllowed'));
    expect(meeting.refuse(ASM, { ...decide, vote: hands(1, 1) })).toEqual(refusal('Statute §8.1', 'quorum'));
    const [decided] = meeting.act(ASM, decide);
    expect(decided).toMatchObject({
      type: 'ruling.challenge-decided',
      rulingId: 'r-1',
      overturned: true,
      vote: { yes: 4, no: 1, present: 5, members: 6, majority: 'simple', method: 'show-of-hands', carried: true },
    });
    expect(meeting.refuse(ASM, decide)).toEqual(refusal(MEETINGS, 'rulingNotChallenged'));
    meeting.act(CHAIR, call('m-north-2', '18:07'));
  });

  it('a challenge lost leaves the ruling standing, on the record', () => {
    const meeting = opened();
    meeting.act(CHAIR, {
      type: 'giveRuling',
      rulingId: 'r-9',
      meetingId: M,
      pointId: null,
      decision: 'Speeches on the strike are limited to the branch’s members.',
      at: '18:01',
    });
    meeting.act(member('m-north-6'), { type: 'challengeRuling', rulingId: 'r-9', at: '18:02' });
    const [decided] = meeting.act(ASM, {
      type: 'decideChallenge',
      rulingId: 'r-9',
      vote: { method: 'secret-ballot', count: { yes: 1, no: 4, abstain: 1, present: 6 } },
      at: '18:10',
    });
    expect(decided).toMatchObject({ overturned: false, vote: { method: 'secret-ballot', carried: false } });
    const ruling = meetingOf(meeting.state, M)?.rulings[0];
    expect(ruling?.challenge?.decided?.overturned).toBe(false);
    expect(meeting.refuse(member('m-north-6'), { type: 'challengeRuling', rulingId: 'r-nope', at: '18:11' })).toEqual(
      refusal('Plenum governance.unknown', 'unknownRuling'),
    );
  });
});

describe('closing a debate, votes, closing the meeting (G10)', () => {
  it('votes follow the debate; by show of hands, roll call and secret ballot, carried or lost on the record', () => {
    const meeting = opened();
    meeting.act(member('m-north-2'), ask('report', 'for'));
    const vote = {
      type: 'takeVote',
      meetingId: M,
      itemId: 'report',
      voteId: 'v-1',
      question: 'Shall the report be adopted?',
      majority: 'simple',
      vote: hands(4, 2),
      at: '18:20',
    } as const;
    expect(meeting.refuse(ASM, vote)).toEqual(refusal(MEETINGS, 'itemDebateOpen'));
    expect(
      meeting.refuse(member('m-north-2'), { type: 'closeDebate', meetingId: M, itemId: 'report', at: '18:10' }),
    ).toEqual(refusal(MEETINGS, 'notAllowed'));
    // The chair may close the debate with speakers waiting: who was still waiting is on the record.
    expect(meeting.act(CHAIR, { type: 'closeDebate', meetingId: M, itemId: 'report', at: '18:10' })).toEqual([
      { type: 'debate.closed', meetingId: M, itemId: 'report', waiting: ['m-north-2'], on, at: '18:10' },
    ]);
    expect(meeting.refuse(member('m-north-3'), { ...ask('report', 'for'), at: '18:11' })).toEqual(
      refusal(MEETINGS, 'itemDebateClosed'),
    );
    expect(meeting.refuse(CHAIR, vote)).toEqual(refusal(MEETINGS, 'notAllowed'));
    expect(meeting.refuse(ASM, { ...vote, majority: 'unanimity' })).toEqual(
      refusal('Plenum governance.statute-valid', 'unknownMajority'),
    );
    const [hand] = meeting.act(ASM, vote);
    expect(hand).toMatchObject({
      type: 'vote.taken',
      voteId: 'v-1',
      result: { yes: 4, no: 2, abstain: 0, present: 6, members: 6, method: 'show-of-hands', roll: null, carried: true },
    });
    expect(meeting.refuse(ASM, vote)).toEqual(refusal('Plenum governance.unique-id', 'exists'));
    const roll = [
      { memberId: 'm-north-1', choice: 'yes' },
      { memberId: 'm-north-2', choice: 'no' },
      { memberId: 'm-north-3', choice: 'no' },
      { memberId: 'm-north-4', choice: 'abstain' },
    ] as const;
    expect(
      meeting.refuse(ASM, {
        ...vote,
        voteId: 'v-2',
        vote: { method: 'roll-call', roll: [...roll, { memberId: 'm-south-1', choice: 'yes' }] },
      }),
    ).toEqual(refusal('Plenum governance.roll-call', 'rollCall'));
    const [called] = meeting.act(ASM, {
      ...vote,
      voteId: 'v-2',
      question: 'Shall the report be sent back?',
      vote: { method: 'roll-call', roll },
    });
    expect(called).toMatchObject({
      result: { yes: 1, no: 2, abstain: 1, present: 4, method: 'roll-call', roll, carried: false },
    });
    const [secret] = meeting.act(ASM, {
      ...vote,
      voteId: 'v-3',
      question: 'Shall the secretary be thanked?',
      majority: 'two-thirds',
      vote: { method: 'secret-ballot', count: { yes: 4, no: 1, abstain: 0, present: 5 } },
    });
    expect(secret).toMatchObject({ result: { majority: 'two-thirds', method: 'secret-ballot', carried: true } });
  });

  it('the chair cannot break the meeting up: it closes when its agenda is done, or by the meeting’s vote', () => {
    const meeting = opened();
    const close = { type: 'closeMeeting', meetingId: M, vote: null, at: '19:00' } as const;
    expect(meeting.refuse(CHAIR, close)).toEqual(refusal(MEETINGS, 'agendaUnfinished'));
    expect(meeting.refuse(ASM, close)).toEqual(refusal(MEETINGS, 'voteNeeded'));
    expect(meeting.refuse(ASM, { ...close, vote: hands(2, 3) })).toEqual(refusal('Statute §11.1', 'notCarried'));
    const [closed] = meeting.act(ASM, { ...close, vote: hands(4, 1) });
    expect(closed).toMatchObject({ type: 'meeting.closed', by: 'meeting', vote: { carried: true } });
    expect(meeting.refuse(member('m-north-2'), ask('report', 'for'), on)).toEqual(refusal(MEETINGS, 'meetingClosed'));

    const done = opened();
    done.act(CHAIR, { type: 'closeDebate', meetingId: M, itemId: 'report', at: '18:30' });
    done.act(CHAIR, { type: 'closeDebate', meetingId: M, itemId: 'strike', at: '18:40' });
    expect(done.act(CHAIR, close)).toEqual([
      { type: 'meeting.closed', meetingId: M, by: 'chair', vote: null, on, at: '19:00' },
    ]);
  });

  it('the agenda changes only by the meeting’s vote; an item already debated stays', () => {
    const meeting = opened();
    meeting.act(member('m-north-2'), ask('report', 'for'));
    const change = {
      type: 'changeAgenda',
      meetingId: M,
      agenda: [
        { itemId: 'report', title: 'Report of the branch secretary' },
        { itemId: 'elections', title: 'Elections' },
      ],
      vote: hands(3, 2),
      at: '18:05',
    } as const;
    expect(meeting.refuse(CHAIR, change)).toEqual(refusal(MEETINGS, 'notAllowed'));
    expect(meeting.refuse(ASM, { ...change, agenda: [{ itemId: 'strike', title: 'Strike' }] })).toEqual(
      refusal(MEETINGS, 'agendaItemInUse'),
    );
    const [lost] = meeting.act(ASM, { ...change, vote: hands(2, 3) });
    expect(lost).toMatchObject({ type: 'agenda.change-voted', carried: false });
    expect(meetingOf(meeting.state, M)?.agenda.map((i) => i.itemId)).toEqual(['report', 'strike']);
    meeting.act(ASM, { ...change, at: '18:06' });
    expect(meetingOf(meeting.state, M)?.agenda.map((i) => i.itemId)).toEqual(['report', 'elections']);
  });
});

describe('the minutes and the record', () => {
  function held(): Meeting {
    const meeting = opened();
    meeting.act(member('m-north-2'), ask('report', 'for'));
    meeting.act(member('m-north-4'), ask('report', 'against'));
    meeting.act(CHAIR, call('m-north-2', '18:02'));
    meeting.act(member('m-north-5'), {
      type: 'raisePointOfOrder',
      pointId: 'p-1',
      meetingId: M,
      text: 'The speaker is out of time.',
      at: '18:05',
    });
    meeting.act(CHAIR, {
      type: 'giveRuling',
      rulingId: 'r-1',
      meetingId: M,
      pointId: 'p-1',
      decision: 'Well taken: two minutes remain.',
      at: '18:06',
    });
    meeting.act(member('m-north-6'), { type: 'challengeRuling', rulingId: 'r-1', at: '18:06' });
    meeting.act(ASM, { type: 'decideChallenge', rulingId: 'r-1', vote: hands(1, 4), at: '18:07' });
    meeting.act(CHAIR, end('18:09'));
    meeting.act(CHAIR, call('m-north-4', '18:10'));
    meeting.act(member('m-north-4'), end('18:13'));
    meeting.act(CHAIR, { type: 'closeDebate', meetingId: M, itemId: 'report', at: '18:14' });
    meeting.act(ASM, {
      type: 'takeVote',
      meetingId: M,
      itemId: 'report',
      voteId: 'v-1',
      question: 'Shall the report be adopted?',
      majority: 'simple',
      vote: hands(5, 1),
      at: '18:15',
    });
    meeting.act(CHAIR, { type: 'closeDebate', meetingId: M, itemId: 'strike', at: '18:16' });
    meeting.act(CHAIR, { type: 'closeMeeting', meetingId: M, vote: null, at: '18:17' });
    return meeting;
  }

  it('minutes reproduce the record: speakers and times, rulings, challenges, votes and their arithmetic', () => {
    const meeting = held();
    const minutes = minutesOf(meeting.state, M);
    if (minutes === undefined) throw new Error('no minutes');
    expect(minutes.opened).toEqual({ on, at: '18:00' });
    expect(minutes.closed).toEqual({ on, at: '18:17', by: 'chair', vote: null });
    const [report, strike] = minutes.items;
    expect(report?.speeches.map((s) => [s.memberId, s.called.at, s.ended?.at, s.spoke, s.minutes, s.overran])).toEqual([
      ['m-north-2', '18:02', '18:09', 7, 5, true],
      ['m-north-4', '18:10', '18:13', 3, 5, false],
    ]);
    expect(
      report?.votes.map((v) => [v.voteId, v.result.yes, v.result.no, v.result.arithmetic, v.result.carried]),
    ).toEqual([['v-1', 5, 1, expect.stringContaining('5') as unknown, true]]);
    expect(strike?.speeches).toEqual([]);
    expect(minutes.points).toEqual([
      {
        pointId: 'p-1',
        memberId: 'm-north-5',
        text: 'The speaker is out of time.',
        raised: { on, at: '18:05' },
        rulingId: 'r-1',
      },
    ]);
    expect(minutes.rulings[0]?.challenge).toMatchObject({
      memberId: 'm-north-6',
      decided: { overturned: false, vote: { yes: 1, no: 4 } },
    });
    expect(minutes.names['m-north-2']).toBe('Given m-north-2');

    // Rendered through the catalog: here a translator that shows the key and its parameters.
    const t = (key: string, params: Readonly<Record<string, string | number>> = {}): string =>
      `[${key}${Object.entries(params)
        .map(([k, v]) => ` ${k}=${v}`)
        .join('')}]`;
    const text = minutesMarkdown(minutes, t);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`# [minutes.title meeting=${M} body=Assembly br-north]`);
    expect(lines).toContain('1. Report of the branch secretary');
    expect(lines).toContain(
      '- [minutes.speech n=1 speaker=Given m-north-2 side=[minutes.side.for] from=18:02 to=18:09 spoke=7 minutes=5] ([minutes.note.endedByChair]; [minutes.note.overran])',
    );
    expect(lines).toContain(
      '- [minutes.speech n=2 speaker=Given m-north-4 side=[minutes.side.against] from=18:10 to=18:13 spoke=3 minutes=5]',
    );
    expect(lines).toContain(
      '- [minutes.point point=p-1 member=Given m-north-5 at=18:05 text=The speaker is out of time.]',
    );
    expect(lines).toContain('  - [minutes.ruling ruling=r-1 at=18:06 decision=Well taken: two minutes remain.]');
    expect(lines).toContain('    - [minutes.challenge member=Given m-north-6 at=18:06]');
    expect(lines).toContain(
      '    - [minutes.challengeDecided outcome=[minutes.upheld] at=18:07 count=[minutes.count method=[minutes.method.showOfHands] yes=1 no=4 abstain=0 present=5 members=6 majority=simple arithmetic=yes 1 ≤ no 4]]',
    );
    expect(lines).toContain(
      '[minutes.vote vote=v-1 at=18:15 question=Shall the report be adopted? outcome=[minutes.carried] count=[minutes.count method=[minutes.method.showOfHands] yes=5 no=1 abstain=0 present=6 members=6 majority=simple arithmetic=yes 5 > no 1]]',
    );
    expect(lines).toContain(`[minutes.debateClosed on=${on} at=18:14 waiting=[minutes.nobody]]`);
    expect(lines.at(-2)).toBe(`[minutes.closedByChair on=${on} at=18:17]`);
    expect(minutesOf(meeting.state, 'nope')).toBeUndefined();
  });

  it('the state rebuilt from the events equals the live state', () => {
    const meeting = held();
    expect(evolveGovernance(EMPTY_GOVERNANCE, meeting.events)).toEqual(meeting.state);
  });

  it('refuses hostile input with Plenum governance.input', () => {
    const meeting = opened();
    const bad: [GovActor, Omit2<FloorCommand>, string][] = [
      [member('m-north-2'), { ...ask('report', 'for'), side: 'sideways' as 'for' }, 'side'],
      [member('m-north-2'), { ...ask('report', 'for'), platformId: 'Not An Id' }, 'platformId'],
      [member('m-north-2'), { ...ask('report', 'for'), at: '6pm' }, 'at'],
      [
        member('m-north-2'),
        { type: 'raisePointOfOrder', pointId: 'p-1', meetingId: M, text: 'x'.repeat(5001), at: '18:02' },
        'text',
      ],
      [
        member('m-north-2'),
        { type: 'raisePointOfOrder', pointId: 'p-1', meetingId: M, text: 'a\u0000b', at: '18:02' },
        'text',
      ],
      [ASM, { type: 'changeAgenda', meetingId: M, agenda: [], vote: hands(4, 1), at: '18:02' }, 'agenda'],
      [
        ASM,
        {
          type: 'changeAgenda',
          meetingId: M,
          agenda: [
            { itemId: 'a', title: 'A' },
            { itemId: 'a', title: 'B' },
          ],
          vote: hands(4, 1),
          at: '18:02',
        },
        'agenda',
      ],
      [
        ASM,
        {
          type: 'changeAgenda',
          meetingId: M,
          agenda: [{ itemId: 'a', title: 'A' }],
          vote: { method: 'show-of-hands', count: { yes: 1.5, no: 0, abstain: 0, present: 2 } },
          at: '18:02',
        },
        'vote',
      ],
      [
        CHAIR,
        { type: 'callSpeaker', meetingId: '../etc', itemId: 'report', memberId: 'm-north-2', at: '18:02' },
        'meetingId',
      ],
    ];
    for (const [actor, command, field] of bad) {
      const result = decideGovernance(meeting.state, actor, { ...command, on });
      expect(result.ok ? null : [result.rule.clause, result.messageKey, result.params['field']]).toEqual([
        'governance.input',
        'refusal.governance.input',
        field,
      ]);
    }
    expect(meeting.refuse(CHAIR, { ...call('m-north-2', '18:02'), meetingId: 'mtg-x' })).toEqual(
      refusal('Plenum governance.unknown', 'unknownMeeting'),
    );
  });

  it('its refusal keys are distinct', () => {
    expect(new Set(FLOOR_REFUSALS).size).toBe(FLOOR_REFUSALS.length);
  });
});
