import { describe, expect, it } from 'vitest';
import { canonicalJson, fromUtf8, toBase64, utf8 } from '@plenum/kernel';
import { DEMO_STATUTE_YAML, DOMAIN_EVENT_TYPES, type DomainEvent, type DomainEventType } from '@plenum/domain';
import { demoActorSecret } from '@plenum/demo';
import { leafPayload, localEventSigner, nobleEd25519, signEvent, type SignedEvent } from '@plenum/record';
import { checkPlenumEvent, plenumEntryChecker } from './plenum-events.ts';
import { signedPlenumEntries } from './test-support/plenum-leaves.ts';

const ORIGIN = 'plenum.example.org/record';
const KEY = toBase64(new Uint8Array(32).fill(1));
const SIG = toBase64(new Uint8Array(64).fill(2));
const ID_RULE = 'must be an identifier (a-z, 0-9, "-" and "_", starting with a letter, at most 64 characters)';

const entry = (value: unknown): Uint8Array => utf8(canonicalJson(value));
/** The format check of a leaf carrying `event` (with a well-formed, unchecked key and signature). */
const check = (event: unknown, index = 3, actor = 'founders'): { code: string; message: string; index?: number }[] =>
  checkPlenumEvent(entry({ actor, event, key: KEY, sig: SIG }), index);
/** The one message the check of `event` gives (it fails the test if there are none or several). */
const refusal = (event: unknown): string => {
  const problems = check(event);
  expect(problems).toHaveLength(1);
  return problems[0]?.message ?? '';
};

// ---------------------------------------------------------------------------------------------
// A valid example of every event type, typed by the domain: each is an event the rules engine
// could record. Where a field may be null, one example has null and another a value.

type EventOf<K extends DomainEventType> = Extract<DomainEvent, { type: K }>;

const STATUTE_V2 = DEMO_STATUTE_YAML.replace('\nversion: 1\n', '\nversion: 2\n');
const VOTE = {
  yes: 14,
  no: 3,
  abstain: 2,
  present: 19,
  members: 24,
  majority: 'simple',
  arithmetic: 'yes 14 > no 3',
} as const;
const UNIT = { id: 'br-recife', level: 'branch', name: 'Núcleo Recife', parentId: 'sec-br' } as const;
const PERSON = { id: 'm0201', givenName: 'Rosa', familyName: 'Luxemburg', unitId: 'br-recife' } as const;
const SEAT = {
  id: 'cc-m0007',
  memberId: 'm0007',
  bodyId: 'central-committee',
  office: null,
  how: 'election',
  byBodyId: 'congress',
  startsOn: '2026-03-14',
  endsOn: '2028-03-14',
  ended: null,
} as const;

const EXAMPLES: { readonly [K in DomainEventType]: readonly EventOf<K>[] } = {
  'statute.adopted': [{ type: 'statute.adopted', text: DEMO_STATUTE_YAML, version: 1, on: '2026-01-10' }],
  'statute.amended': [
    {
      type: 'statute.amended',
      text: STATUTE_V2,
      version: 2,
      on: '2026-05-02',
      vote: { ...VOTE, majority: 'two-thirds', arithmetic: 'yes 14 ≥ 2/3 of 17' },
    },
  ],
  'unit.founded': [
    {
      type: 'unit.founded',
      unit: { id: 'federation', level: 'federation', name: 'Federation', parentId: null },
      on: '2026-01-10',
    },
    { type: 'unit.founded', unit: UNIT, on: '2026-01-10' },
  ],
  'body.formed': [
    {
      type: 'body.formed',
      body: { id: 'assembly-br-recife', kind: 'branch-assembly', name: 'Núcleo Recife', unitId: 'br-recife' },
      on: '2026-01-10',
    },
  ],
  'membership.applied': [
    { type: 'membership.applied', application: { ...PERSON, on: '2026-05-02', status: 'pending' } },
    { type: 'membership.applied', application: { ...PERSON, on: '2026-05-02', status: 'admitted' } },
  ],
  'membership.admitted': [
    {
      type: 'membership.admitted',
      member: PERSON,
      applicationId: null,
      on: '2026-01-10',
      since: '1999-05-01',
      vote: null,
    },
    {
      type: 'membership.admitted',
      member: PERSON,
      applicationId: 'm0201',
      on: '2026-05-16',
      since: '2026-05-16',
      vote: VOTE,
    },
  ],
  'membership.transferred': [
    { type: 'membership.transferred', memberId: 'm0042', toUnitId: 'br-recife', on: '2026-05-02', vote: VOTE },
  ],
  'membership.resigned': [{ type: 'membership.resigned', memberId: 'm0042', on: '2026-05-16' }],
  'membership.lapsed': [{ type: 'membership.lapsed', memberId: 'm0042', on: '2026-05-16', vote: VOTE }],
  'membership.readmitted': [{ type: 'membership.readmitted', memberId: 'm0042', on: '2026-06-06', vote: VOTE }],
  'mandate.began': [
    { type: 'mandate.began', mandate: SEAT, vote: null },
    {
      type: 'mandate.began',
      mandate: {
        ...SEAT,
        id: 'delegate-m0001',
        memberId: 'm0001',
        bodyId: 'congress',
        byBodyId: 'assembly-br-recife',
        endsOn: null,
      },
      vote: null,
    },
    {
      type: 'mandate.began',
      mandate: {
        ...SEAT,
        id: 'treasurer-1',
        office: 'treasurer',
        how: 'appointment',
        byBodyId: 'central-committee',
        ended: { on: '2026-09-01', reason: 'recalled' },
      },
      vote: { ...VOTE, majority: 'absolute' },
    },
  ],
  'mandate.ended': [
    { type: 'mandate.ended', mandateId: 'cc-m0007', on: '2026-05-02', reason: 'resigned' },
    { type: 'mandate.ended', mandateId: 'cc-m0007', on: '2026-05-02', reason: 'recalled' },
    { type: 'mandate.ended', mandateId: 'cc-m0007', on: '2026-05-02', reason: 'membership-ended' },
    { type: 'mandate.ended', mandateId: 'cc-m0007', on: '2026-05-02', reason: 'transferred' },
  ],
  'recall.signed': [{ type: 'recall.signed', mandateId: 'cc-m0007', memberId: 'm0001', on: '2026-05-02' }],
  'recall.decided': [
    { type: 'recall.decided', mandateId: 'cc-m0007', on: '2026-05-02', passed: false, vote: VOTE },
    { type: 'recall.decided', mandateId: 'cc-m0007', on: '2026-05-02', passed: true, vote: VOTE },
  ],
  'tendency.declared': [
    {
      type: 'tendency.declared',
      tendency: {
        id: 'tendency-councils',
        name: 'For Workers’ Councils',
        declaredOn: '2026-04-04',
        members: ['m0024'],
      },
    },
  ],
  'tendency.joined': [
    { type: 'tendency.joined', tendencyId: 'tendency-councils', memberId: 'm0042', on: '2026-04-04' },
  ],
  'discussion.opened': [{ type: 'discussion.opened', on: '2026-05-02' }],
  'discussion.closed': [{ type: 'discussion.closed', on: '2026-05-02' }],
  'congress.called': [
    {
      type: 'congress.called',
      congressId: 'congress-2026',
      bodyId: 'congress',
      kind: 'regular',
      calledBy: 'body:central-committee',
      opensOn: '2026-09-01',
      on: '2026-05-02',
      roll: {
        cutoff: '2026-05-02',
        hash: 'ab'.repeat(32),
        total: 2001,
        units: [
          { unitId: 'br-recife', members: 1200 },
          { unitId: 'br-olinda', members: 801 },
        ],
      },
    },
  ],
  'delegates.apportioned': [
    {
      type: 'delegates.apportioned',
      congressId: 'congress-2026',
      method: 'sainte-lague',
      seats: 26,
      minimumPerUnit: 1,
      units: [
        { unitId: 'br-recife', members: 1200, seats: 15 },
        { unitId: 'br-olinda', members: 801, seats: 11 },
      ],
      divisor: '80',
      quotients: ['15.000000', '10.012500'],
      seed: 'ab'.repeat(32),
      on: '2026-05-02',
    },
    {
      type: 'delegates.apportioned',
      congressId: 'congress-2026',
      method: 'dhondt',
      seats: 2,
      minimumPerUnit: 1,
      units: [
        { unitId: 'br-recife', members: 1200, seats: 1 },
        { unitId: 'br-olinda', members: 801, seats: 1 },
      ],
      divisor: null,
      quotients: ['0', '0'],
      seed: 'ab'.repeat(32),
      on: '2026-05-02',
    },
  ],
  'congress.petition-signed': [{ type: 'congress.petition-signed', memberId: 'm0042', on: '2026-05-02' }],
  'congress.petition-resolved': [
    {
      type: 'congress.petition-resolved',
      unitId: 'br-recife',
      bodyId: 'assembly-br-recife',
      vote: VOTE,
      on: '2026-05-02',
    },
  ],
  'congress.postponement-voted': [
    {
      type: 'congress.postponement-voted',
      congressId: 'congress-2026',
      carried: false,
      opensOn: '2026-10-01',
      vote: { ...VOTE, majority: 'two-thirds', method: 'show-of-hands', roll: null, carried: false },
      on: '2026-05-16',
    },
    {
      type: 'congress.postponement-voted',
      congressId: 'congress-2026',
      carried: true,
      opensOn: '2026-10-01',
      vote: {
        ...VOTE,
        yes: 1,
        no: 0,
        abstain: 0,
        present: 1,
        method: 'roll-call',
        roll: [{ memberId: 'm0007', choice: 'yes' }],
        carried: true,
      },
      on: '2026-05-16',
    },
  ],
  'delegates.elected': [
    {
      type: 'delegates.elected',
      congressId: 'congress-2026',
      unitId: 'br-recife',
      bodyId: 'assembly-br-recife',
      method: 'scottish-stv',
      seats: 1,
      candidates: ['m0001', 'm0002'],
      ballots: [{ ranking: ['m0001', 'm0002'], count: 12 }],
      elected: [{ memberId: 'm0001', mandateId: 'delegate-m0001' }],
      quota: '7.00000',
      rounds: 1,
      on: '2026-06-06',
    },
    {
      type: 'delegates.elected',
      congressId: 'congress-2026',
      unitId: 'br-recife',
      bodyId: 'assembly-br-recife',
      method: 'meek',
      seats: 1,
      candidates: ['m0001'],
      ballots: [],
      elected: [{ memberId: 'm0001', mandateId: 'delegate-m0001' }],
      quota: null,
      rounds: 1,
      on: '2026-06-06',
    },
  ],
  'congress.opened': [
    {
      type: 'congress.opened',
      congressId: 'congress-2026',
      on: '2026-09-01',
      credentials: [{ memberId: 'm0001', unitId: 'br-recife', mandateId: 'delegate-m0001', electedOn: '2026-06-06' }],
      unfilled: [{ unitId: 'br-olinda', seats: 11 }],
    },
  ],
  'congress.closed': [{ type: 'congress.closed', congressId: 'congress-2026', on: '2026-09-03' }],
  // ── bulletin (Part B) ──
  'bulletin.published': [
    {
      type: 'bulletin.published',
      documentId: 'new-course',
      author: 'member:m0024',
      title: 'The New Course',
      text: 'Bureaucratism threatens the party.\nDemocracy within it is the answer.',
      congressId: null,
      on: '2026-05-03',
    },
    {
      type: 'bulletin.published',
      documentId: 'cc-reply',
      author: 'body:central-committee',
      title: 'Reply of the Central Committee',
      text: 'A reply.',
      congressId: 'congress-2026',
      on: '2026-05-04',
    },
  ],
  'platform.drafted': [
    {
      type: 'platform.drafted',
      platformId: 'platform-46',
      title: 'Platform of the 46',
      text: 'The regime within the party is intolerable.',
      drafter: 'm0024',
      congressId: null,
      on: '2026-05-03',
    },
    {
      type: 'platform.drafted',
      platformId: 'opposition-1927',
      title: 'Platform of the Opposition',
      text: 'The real situation and the tasks.',
      drafter: 'm0042',
      congressId: 'congress-2026',
      on: '2026-05-03',
    },
  ],
  'platform.signed': [{ type: 'platform.signed', platformId: 'platform-46', memberId: 'm0042', on: '2026-05-04' }],
  'platform.filed': [
    {
      type: 'platform.filed',
      platformId: 'platform-46',
      signatories: ['m0024', 'm0042'],
      members: 24,
      needed: 2,
      on: '2026-05-04',
    },
  ],
  'platform.circulated': [
    {
      type: 'platform.circulated',
      platformId: 'platform-46',
      version: 1,
      recipients: 24,
      recipientsHash: 'a'.repeat(64),
      on: '2026-05-04',
    },
  ],
  'platform.amendment-proposed': [
    {
      type: 'platform.amendment-proposed',
      platformId: 'platform-46',
      amendmentId: 'amendment-1',
      proposer: 'm0024',
      text: 'The regime within the party is intolerable.\nAn end to appointments.',
      baseVersion: 1,
      on: '2026-05-05',
    },
  ],
  'platform.amendment-approved': [
    { type: 'platform.amendment-approved', amendmentId: 'amendment-1', memberId: 'm0042', on: '2026-05-05' },
  ],
  'platform.amended': [
    {
      type: 'platform.amended',
      platformId: 'platform-46',
      amendmentId: 'amendment-1',
      version: 2,
      text: 'The regime within the party is intolerable.\nAn end to appointments.',
      on: '2026-05-05',
    },
  ],
  'letter.delivered': [
    {
      type: 'letter.delivered',
      letterId: 'letter-to-congress',
      from: 'm0001',
      toBodyId: 'congress',
      title: 'Letter to the Congress',
      text: 'I suggest removing the General Secretary from that post.',
      recipients: ['m0007', 'm0024'],
      on: '2026-05-06',
    },
  ],

  'motion.drafted': [
    {
      type: 'motion.drafted',
      motionId: 'motion-councils',
      toBodyId: 'congress',
      title: 'On workers’ councils',
      text: 'The congress resolves:\n1. that councils be elected;\n2. that they be recallable.',
      mover: 'member:m0042',
      on: '2026-05-02',
    },
  ],
  'motion.cosigned': [{ type: 'motion.cosigned', motionId: 'motion-councils', memberId: 'm0024', on: '2026-05-03' }],
  'motion.submitted': [
    { type: 'motion.submitted', motionId: 'motion-councils', vote: null, on: '2026-05-04' },
    { type: 'motion.submitted', motionId: 'motion-press', vote: VOTE, on: '2026-05-04' },
  ],
  'motion.withdrawn': [{ type: 'motion.withdrawn', motionId: 'motion-press', on: '2026-05-05' }],
  'amendment.submitted': [
    {
      type: 'amendment.submitted',
      amendmentId: 'amendment-1',
      motionId: 'motion-councils',
      target: { kind: 'motion' },
      fromLine: 3,
      toLine: 3,
      replacement: '2. that they be recallable at any time.',
      mover: 'member:m0024',
      vote: null,
      on: '2026-05-06',
    },
    {
      type: 'amendment.submitted',
      amendmentId: 'amendment-2',
      motionId: 'motion-councils',
      target: { kind: 'amendment', amendmentId: 'amendment-1' },
      fromLine: 1,
      toLine: 1,
      replacement: '',
      mover: 'body:assembly-br-recife',
      vote: VOTE,
      on: '2026-05-06',
    },
  ],
  'amendment.decided': [
    {
      type: 'amendment.decided',
      amendmentId: 'amendment-2',
      carried: false,
      vote: {
        ...VOTE,
        yes: 3,
        no: 14,
        arithmetic: 'yes 3 ≤ no 14',
        method: 'show-of-hands',
        roll: null,
        carried: false,
      },
      on: '2026-05-07',
    },
  ],
  'amendment.fell': [{ type: 'amendment.fell', amendmentId: 'amendment-3', because: 'amendment-1', on: '2026-05-07' }],
  'composite.proposed': [
    {
      type: 'composite.proposed',
      compositeId: 'composite-press',
      toBodyId: 'congress',
      motionIds: ['motion-press', 'motion-papers'],
      title: 'On the press',
      text: 'The congress resolves that the bulletin be free.',
      on: '2026-05-08',
    },
  ],
  'composite.consented': [
    { type: 'composite.consented', compositeId: 'composite-press', mover: 'body:assembly-br-recife', on: '2026-05-08' },
  ],
  'composite.agreed': [
    {
      type: 'composite.agreed',
      compositeId: 'composite-press',
      motionIds: ['motion-press', 'motion-papers'],
      motionId: 'composite-press',
      on: '2026-05-09',
    },
  ],
  'motion.decided': [
    {
      type: 'motion.decided',
      motionId: 'motion-councils',
      carried: true,
      text: 'The congress resolves:\n1. that councils be elected;\n2. that they be recallable at any time.',
      vote: {
        yes: 2,
        no: 1,
        abstain: 0,
        present: 3,
        members: 4,
        majority: 'simple',
        arithmetic: 'yes 2 > no 1',
        method: 'roll-call',
        roll: [
          { memberId: 'm0007', choice: 'yes' },
          { memberId: 'm0024', choice: 'yes' },
          { memberId: 'm0042', choice: 'no' },
        ],
        carried: true,
      },
      on: '2026-05-10',
    },
  ],
  // ── congress (Part A) ──
  'meeting.opened': [
    {
      type: 'meeting.opened',
      meetingId: 'congress-2026-day-1',
      bodyId: 'congress',
      chairId: 'm0007',
      agenda: [
        { itemId: 'report', title: 'Report of the Central Committee', kind: 'item', platformId: null, minutes: null },
        {
          itemId: 'co-report-1',
          title: 'Platform of the 46',
          kind: 'co-report',
          platformId: 'platform-46',
          minutes: 20,
        },
      ],
      on: '2026-09-01',
      at: '09:30',
    },
  ],
  'agenda.change-voted': [
    {
      type: 'agenda.change-voted',
      meetingId: 'congress-2026-day-1',
      agenda: [
        { itemId: 'report', title: 'Report of the Central Committee', kind: 'item', platformId: null, minutes: null },
      ],
      carried: false,
      vote: {
        ...VOTE,
        yes: 3,
        no: 14,
        arithmetic: 'yes 3 ≤ no 14',
        method: 'show-of-hands',
        roll: null,
        carried: false,
      },
      on: '2026-09-01',
      at: '09:40',
    },
  ],
  'speaker.listed': [
    {
      type: 'speaker.listed',
      meetingId: 'congress-2026-day-1',
      itemId: 'co-report-1',
      memberId: 'm0024',
      side: 'for',
      platformId: 'platform-46',
      on: '2026-09-01',
      at: '09:41',
    },
    {
      type: 'speaker.listed',
      meetingId: 'congress-2026-day-1',
      itemId: 'report',
      memberId: 'm0042',
      side: 'neutral',
      platformId: null,
      on: '2026-09-01',
      at: '09:42',
    },
  ],
  'speaker.withdrawn': [
    {
      type: 'speaker.withdrawn',
      meetingId: 'congress-2026-day-1',
      itemId: 'report',
      memberId: 'm0042',
      on: '2026-09-01',
      at: '09:43',
    },
  ],
  'speaker.called': [
    {
      type: 'speaker.called',
      meetingId: 'congress-2026-day-1',
      itemId: 'co-report-1',
      memberId: 'm0024',
      speech: 1,
      side: 'for',
      platformId: 'platform-46',
      coReport: true,
      minutes: 20,
      on: '2026-09-01',
      at: '10:00',
    },
  ],
  'speech.ended': [
    { type: 'speech.ended', meetingId: 'congress-2026-day-1', speech: 1, by: 'chair', on: '2026-09-01', at: '10:21' },
  ],
  'point-of-order.raised': [
    {
      type: 'point-of-order.raised',
      pointId: 'point-1',
      meetingId: 'congress-2026-day-1',
      memberId: 'm0001',
      text: 'The lights in the hall have been turned off.',
      on: '2026-09-01',
      at: '10:05',
    },
  ],
  'ruling.given': [
    {
      type: 'ruling.given',
      rulingId: 'ruling-1',
      meetingId: 'congress-2026-day-1',
      pointId: 'point-1',
      decision: 'Well taken: the session is suspended until the lights are on.',
      on: '2026-09-01',
      at: '10:06',
    },
    {
      type: 'ruling.given',
      rulingId: 'ruling-2',
      meetingId: 'congress-2026-day-1',
      pointId: null,
      decision: 'Questions to the speaker in writing.',
      on: '2026-09-01',
      at: '10:30',
    },
  ],
  'ruling.challenged': [
    {
      type: 'ruling.challenged',
      rulingId: 'ruling-2',
      meetingId: 'congress-2026-day-1',
      memberId: 'm0042',
      on: '2026-09-01',
      at: '10:31',
    },
  ],
  'ruling.challenge-decided': [
    {
      type: 'ruling.challenge-decided',
      rulingId: 'ruling-2',
      meetingId: 'congress-2026-day-1',
      overturned: true,
      vote: {
        ...VOTE,
        yes: 2,
        no: 1,
        abstain: 0,
        present: 3,
        arithmetic: 'yes 2 > no 1',
        method: 'roll-call',
        roll: [
          { memberId: 'm0001', choice: 'yes' },
          { memberId: 'm0024', choice: 'yes' },
          { memberId: 'm0007', choice: 'no' },
        ],
        carried: true,
      },
      on: '2026-09-01',
      at: '10:35',
    },
  ],
  'debate.closed': [
    {
      type: 'debate.closed',
      meetingId: 'congress-2026-day-1',
      itemId: 'report',
      waiting: ['m0042'],
      on: '2026-09-01',
      at: '12:00',
    },
  ],
  'vote.taken': [
    {
      type: 'vote.taken',
      meetingId: 'congress-2026-day-1',
      itemId: 'report',
      voteId: 'vote-report',
      question: 'Shall the report of the Central Committee be approved?',
      result: { ...VOTE, method: 'secret-ballot', roll: null, carried: true },
      on: '2026-09-01',
      at: '12:10',
    },
  ],
  'meeting.closed': [
    {
      type: 'meeting.closed',
      meetingId: 'congress-2026-day-1',
      by: 'chair',
      vote: null,
      on: '2026-09-01',
      at: '18:00',
    },
    {
      type: 'meeting.closed',
      meetingId: 'congress-2026-day-1',
      by: 'meeting',
      vote: { ...VOTE, method: 'show-of-hands', roll: null, carried: true },
      on: '2026-09-01',
      at: '18:00',
    },
  ],
  // ── motions (packages/domain/src/congress/motions.ts) ──
  'case.opened': [
    {
      type: 'case.opened',
      caseId: 'case-2026-1',
      accusedId: 'm0042',
      bodyId: 'assembly-br-recife',
      by: 'member:m0007',
      charges: { kind: 'text', text: 'Kept the branch’s minutes from the members.' },
      grounds: [
        { kind: 'conduct', description: { kind: 'text', text: 'Refused the minutes to two members.' } },
        { kind: 'record', ref: 'speech:congress-2026-day-1:3' },
      ],
      confidential: false,
      replyBy: '2026-05-16',
      on: '2026-05-02',
    },
    {
      type: 'case.opened',
      caseId: 'case-2026-2',
      accusedId: 'm0024',
      bodyId: 'assembly-br-recife',
      by: 'body:central-committee',
      charges: { kind: 'commitment', commitment: 'a'.repeat(64) },
      grounds: [{ kind: 'conduct', description: { kind: 'commitment', commitment: 'b'.repeat(64) } }],
      confidential: true,
      replyBy: '2026-05-16',
      on: '2026-05-02',
    },
  ],
  'case.replied': [
    {
      type: 'case.replied',
      caseId: 'case-2026-1',
      reply: { kind: 'text', text: 'The minutes were at the branch office.' },
      recipients: ['m0001', 'm0007'],
      on: '2026-05-10',
    },
    {
      type: 'case.replied',
      caseId: 'case-2026-2',
      reply: { kind: 'commitment', commitment: 'c'.repeat(64) },
      recipients: [],
      on: '2026-05-10',
    },
  ],
  'case.hearing-scheduled': [
    { type: 'case.hearing-scheduled', caseId: 'case-2026-1', hearingOn: '2026-05-20', on: '2026-05-11' },
  ],
  'case.heard': [{ type: 'case.heard', caseId: 'case-2026-1', accusedPresent: true, on: '2026-05-20' }],
  'case.decided': [
    {
      type: 'case.decided',
      caseId: 'case-2026-1',
      penalty: 'expulsion',
      carried: true,
      vote: { ...VOTE, majority: 'two-thirds', method: 'secret-ballot', roll: null, carried: true },
      appealBy: '2026-06-20',
      on: '2026-05-21',
    },
    {
      type: 'case.decided',
      caseId: 'case-2026-1',
      penalty: 'warning',
      carried: false,
      vote: {
        ...VOTE,
        yes: 1,
        no: 1,
        abstain: 0,
        present: 2,
        method: 'roll-call',
        roll: [
          { memberId: 'm0001', choice: 'yes' },
          { memberId: 'm0007', choice: 'no' },
        ],
        carried: false,
      },
      appealBy: null,
      on: '2026-05-21',
    },
  ],
  'case.appealed': [{ type: 'case.appealed', caseId: 'case-2026-1', toBodyId: 'control-commission', on: '2026-06-01' }],
  'case.appeal-decided': [
    {
      type: 'case.appeal-decided',
      caseId: 'case-2026-1',
      bodyId: 'control-commission',
      upheld: true,
      vote: { ...VOTE, method: 'secret-ballot', roll: null, carried: true },
      appealBy: '2026-07-10',
      on: '2026-06-10',
    },
    {
      type: 'case.appeal-decided',
      caseId: 'case-2026-1',
      bodyId: 'congress',
      upheld: false,
      vote: { ...VOTE, method: 'secret-ballot', roll: null, carried: false },
      appealBy: null,
      on: '2026-09-02',
    },
  ],
  'case.penalty-effective': [
    {
      type: 'case.penalty-effective',
      caseId: 'case-2026-1',
      memberId: 'm0042',
      penalty: 'expulsion',
      on: '2026-07-11',
    },
  ],
  // ── floor (packages/domain/src/congress/floor.ts) ──
  // ── secret ballots (packages/domain/src/ballot/ballot.ts) ──
  'ballot.called': [
    {
      type: 'ballot.called',
      ballotId: 'ballot-1',
      bodyId: 'central-committee',
      title: 'Officers',
      questions: [{ question: 'Secretary', answers: ['Ana', 'Boris'], min: 1, max: 1, blank: true }],
      group: 'Ed25519',
      uuid: 'Vw3Jb7AqGvYkzp2oS4WfHc',
      electorate: {
        scope: 'body',
        congressId: null,
        count: 12,
        hash: 'cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc',
      },
      credentialAuthority: 'm0007',
      trustees: [
        { memberId: 'm0001', nominatedBy: 'body:central-committee' },
        { memberId: 'm0002', nominatedBy: 'platform:p-left' },
      ],
      threshold: 2,
      on: '2026-08-01',
    },
    {
      type: 'ballot.called',
      ballotId: 'ballot-2',
      bodyId: 'central-committee',
      title: 'Delegates',
      questions: [{ question: 'Delegates', answers: ['A', 'B', 'C'], min: 0, max: 2, blank: false }],
      group: 'BELENIOS-2048',
      uuid: 'Xq8Lm2NbPcR4sT6uVwYz1a',
      electorate: {
        scope: 'roll',
        congressId: 'congress-2',
        count: 500,
        hash: 'dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd',
      },
      credentialAuthority: 'm0007',
      trustees: [
        { memberId: 'm0001', nominatedBy: 'body:central-committee' },
        { memberId: 'm0002', nominatedBy: 'platform:p-left' },
        { memberId: 'm0003', nominatedBy: 'platform:p-right' },
      ],
      threshold: 2,
      on: '2026-08-01',
    },
  ],
  'ballot.credentials-published': [
    {
      type: 'ballot.credentials-published',
      ballotId: 'ballot-1',
      part: 1,
      credentials: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '12345'],
      on: '2026-08-02',
    },
  ],
  'ballot.credentials-sealed': [
    {
      type: 'ballot.credentials-sealed',
      ballotId: 'ballot-1',
      count: 12,
      hash: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee',
      on: '2026-08-02',
    },
  ],
  'ballot.trustee-certified': [
    {
      type: 'ballot.trustee-certified',
      ballotId: 'ballot-1',
      memberId: 'm0001',
      cert: '{"message":"…"}',
      on: '2026-08-03',
    },
  ],
  'ballot.trustee-committed': [
    {
      type: 'ballot.trustee-committed',
      ballotId: 'ballot-1',
      memberId: 'm0001',
      polynomial: '{"polynomial":"…"}',
      on: '2026-08-03',
    },
  ],
  'ballot.trustee-verified': [
    {
      type: 'ballot.trustee-verified',
      ballotId: 'ballot-1',
      memberId: 'm0001',
      voutput: '{"voutput":"…"}',
      on: '2026-08-03',
    },
  ],
  'ballot.key-established': [
    {
      type: 'ballot.key-established',
      ballotId: 'ballot-1',
      trustees: '[["Pedersen",{}]]',
      publicKey: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      on: '2026-08-03',
    },
  ],
  'ballot.opened': [
    {
      type: 'ballot.opened',
      ballotId: 'ballot-1',
      election: '{"version":1}',
      fingerprint: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE',
      on: '2026-08-04',
    },
  ],
  'ballot.cast': [
    {
      type: 'ballot.cast',
      ballotId: 'ballot-1',
      ballot: '{"answers":[]}',
      hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE',
      credential: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      replaces: null,
      on: '2026-08-05',
    },
    {
      type: 'ballot.cast',
      ballotId: 'ballot-1',
      ballot: '{"answers":[]}',
      hash: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA',
      credential: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      replaces: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE',
      on: '2026-08-05',
    },
  ],
  'ballot.refused': [
    {
      type: 'ballot.refused',
      ballotId: 'ballot-1',
      hash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE',
      reason: 'crypto.invalid-proof',
      detail: '$.answers[0].individual_proofs: the proof does not verify',
      on: '2026-08-05',
    },
  ],
  'ballot.closed': [
    {
      type: 'ballot.closed',
      ballotId: 'ballot-1',
      cast: 13,
      counted: 12,
      encryptedTally: '[[{"alpha":"1","beta":"1"}]]',
      on: '2026-08-06',
    },
  ],
  'ballot.decrypted': [
    {
      type: 'ballot.decrypted',
      ballotId: 'ballot-1',
      memberId: 'm0001',
      owner: 1,
      partialDecryption: '{"decryption_factors":[]}',
      on: '2026-08-07',
    },
  ],
  'ballot.result': [{ type: 'ballot.result', ballotId: 'ballot-1', result: [[1, 7, 4]], on: '2026-08-07' }],
};

/** The `n`-th example of an event type. */
function example<K extends DomainEventType>(type: K, n = 0): EventOf<K> {
  const found = EXAMPLES[type][n];
  if (found === undefined) throw new Error(`no example ${n} of ${type}`);
  return found;
}

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

/** Every path below the event's top level to a value (through objects, not into arrays), e.g. ["mandate", "ended", "on"]. */
function paths(value: Json, prefix: readonly string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    prefix.length === 0 && key === 'type' ? [] : [[...prefix, key], ...paths(inner, [...prefix, key])],
  );
}

/** Every plain object in the event (the event itself first), by path. */
function objectPaths(value: Json): string[][] {
  return [[], ...paths(value).filter((path) => isObject(at(value, path)))];
}

function isObject(value: Json | undefined): value is JsonObject {
  return value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);
}

function at(value: Json, path: readonly string[]): Json | undefined {
  let inner: Json | undefined = value;
  for (const key of path) inner = isObject(inner) ? inner[key] : undefined;
  return inner;
}

/** A copy of `value` with `change` applied to the object at `path` (a copy of it). */
function edit(value: Json, path: readonly string[], change: (object: JsonObject) => void): Json {
  const copy = structuredClone(value);
  const target = at(copy, path);
  if (!isObject(target)) throw new Error(`no object at ${path.join('.')}`);
  change(target);
  return copy;
}

/** A value of another kind than `value`: a number for a string or null, a string for anything else. */
function wrongKind(value: Json | undefined): Json {
  return typeof value === 'string' || value === null ? 42 : 'x';
}

describe('the 67 event types, each checked against its exact shape', () => {
  it('has an example of every event type', () => {
    expect(Object.keys(EXAMPLES)).toEqual([...DOMAIN_EVENT_TYPES]);
  });

  describe.each(DOMAIN_EVENT_TYPES)('%s', (type) => {
    const examples = EXAMPLES[type] as unknown as readonly Json[];
    const malformed = (fault: string): string => `entry 3: is a malformed ${type} event: ${fault}`;

    it('accepts every valid example', () => {
      for (const example of examples) expect(check(example), JSON.stringify(example)).toEqual([]);
    });

    it('refuses each missing field, naming it', () => {
      for (const example of examples) {
        for (const path of paths(example)) {
          const key = path.at(-1) ?? '';
          const missing = edit(example, path.slice(0, -1), (object) => Reflect.deleteProperty(object, key));
          expect(check(missing), path.join('.')).toEqual([
            { code: 'entry_malformed', message: malformed(`"event.${path.join('.')}" is missing`), index: 3 },
          ]);
        }
      }
    });

    it('refuses an extra field in the event or in any object it holds, naming it', () => {
      for (const example of examples) {
        for (const path of objectPaths(example)) {
          const extra = edit(example, path, (object) => {
            object['extra'] = 1;
          });
          const where = ['event', ...path, 'extra'].join('.');
          expect(check(extra), where).toEqual([
            { code: 'entry_malformed', message: malformed(`unexpected field "${where}"`), index: 3 },
          ]);
        }
      }
    });

    it('refuses each field holding a value of the wrong kind, naming it', () => {
      for (const example of examples) {
        for (const path of paths(example)) {
          const key = path.at(-1) ?? '';
          const wrong = edit(example, path.slice(0, -1), (object) => {
            object[key] = wrongKind(object[key]);
          });
          const where = `"event.${path.join('.')}"`;
          const [problem, ...others] = check(wrong);
          expect(others, where).toEqual([]);
          expect(problem?.code, where).toBe('entry_malformed');
          expect(problem?.message, where).toMatch(new RegExp(`^${escape(malformed(where))} must be [^;]+$`));
        }
      }
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the kinds of values', () => {
  const transfer = example('membership.transferred');
  const appointment = example('mandate.began', 2);
  const declared = example('tendency.declared');
  const unit = example('unit.founded', 1);

  it('takes only the exact values of enumerations', () => {
    expect(refusal({ type: 'mandate.ended', mandateId: 'cc-m0007', on: '2026-05-02', reason: 'expelled' })).toBe(
      'entry 3: is a malformed mandate.ended event: "event.reason" must be one of resigned, recalled, membership-ended, transferred, superseded',
    );
    expect(refusal({ ...appointment, mandate: { ...appointment.mandate, how: 'lot' } })).toBe(
      'entry 3: is a malformed mandate.began event: "event.mandate.how" must be one of election, appointment',
    );
    expect(
      refusal({ ...appointment, mandate: { ...appointment.mandate, ended: { on: '2026-09-01', reason: 'Recalled' } } }),
    ).toMatch(/"event\.mandate\.ended\.reason" must be one of resigned, /);
    const application = { ...PERSON, on: '2026-05-02', status: 'rejected' };
    expect(refusal({ type: 'membership.applied', application })).toBe(
      'entry 3: is a malformed membership.applied event: "event.application.status" must be one of pending, admitted',
    );
  });

  it('takes only valid calendar dates YYYY-MM-DD', () => {
    for (const on of ['2023-02-29', '2026-13-01', '2026-04-31', '2026-1-05', '26-01-05', '2026-01-05T00:00:00Z', '']) {
      expect(refusal({ ...transfer, on }), on).toBe(
        'entry 3: is a malformed membership.transferred event: "event.on" must be a date YYYY-MM-DD',
      );
    }
    expect(check({ ...transfer, on: '2024-02-29' })).toEqual([]);
  });

  it('takes only identifiers where an id is due', () => {
    for (const id of ['Not-An-Id', '', '1st', `m${'0'.repeat(64)}`, 'm 1']) {
      expect(refusal({ ...transfer, memberId: id }), id).toBe(
        `entry 3: is a malformed membership.transferred event: "event.memberId" ${ID_RULE}`,
      );
    }
    expect(refusal({ ...declared, tendency: { ...declared.tendency, members: ['m0024', 'M25'] } })).toBe(
      `entry 3: is a malformed tendency.declared event: "event.tendency.members.1" ${ID_RULE}`,
    );
    expect(refusal({ ...declared, tendency: { ...declared.tendency, members: 'm0024' } })).toBe(
      'entry 3: is a malformed tendency.declared event: "event.tendency.members" must be an array, got a string',
    );
  });

  it('takes vote counts that are whole numbers, 0 or more, and a statute version from 1', () => {
    expect(refusal({ ...transfer, vote: { ...transfer.vote, no: -1 } })).toBe(
      'entry 3: is a malformed membership.transferred event: "event.vote.no" must be a whole number, 0 or more',
    );
    expect(refusal({ ...transfer, vote: { ...transfer.vote, members: '24' } })).toBe(
      'entry 3: is a malformed membership.transferred event: "event.vote.members" must be a whole number, 0 or more',
    );
    expect(check({ ...transfer, vote: { ...transfer.vote, yes: 0, no: 0, abstain: 0, present: 0 } })).toEqual([]);
    // A fraction or an unsafe integer is not canonical JSON either (canonical JSON has safe integers only).
    const fraction = utf8(
      `{"actor":"founders","event":${canonicalJson(transfer).replace('"yes":14', '"yes":1.5')},"key":"${KEY}","sig":"${SIG}"}`,
    );
    expect(checkPlenumEvent(fraction, 3).map((p) => [p.code, p.message])).toEqual([
      ['entry_not_canonical', expect.stringMatching(/^entry 3: cannot be canonical JSON: /)],
      [
        'entry_malformed',
        'entry 3: is a malformed membership.transferred event: "event.vote.yes" must be a whole number, 0 or more',
      ],
    ]);
    const adopted = example('statute.adopted');
    expect(refusal({ ...adopted, version: 0 })).toBe(
      'entry 3: is a malformed statute.adopted event: "event.version" must be a whole number, 1 or more',
    );
  });

  it('takes names of 1 to 200 characters, not only spaces, without control characters', () => {
    const rule = 'must be a name: 1 to 200 characters, not only spaces, no control characters';
    for (const name of ['', '   ', 'x'.repeat(201), 'Rosa\nLuxemburg', 'Rosa\u0000']) {
      expect(refusal({ ...unit, unit: { ...unit.unit, name } }), JSON.stringify(name)).toBe(
        `entry 3: is a malformed unit.founded event: "event.unit.name" ${rule}`,
      );
    }
    expect(check({ ...unit, unit: { ...unit.unit, name: 'ö'.repeat(200) } })).toEqual([]);
    const application = { ...PERSON, familyName: ' ', on: '2026-05-02', status: 'pending' };
    expect(refusal({ type: 'membership.applied', application })).toBe(
      `entry 3: is a malformed membership.applied event: "event.application.familyName" ${rule}`,
    );
  });

  it('takes any level, body kind, office and majority the statute may name, but not an empty or unbounded one', () => {
    const rule = 'must be a name from the statute: 1 to 60 characters, no spaces or control characters';
    expect(check({ ...unit, unit: { ...unit.unit, level: 'cell' } })).toEqual([]);
    expect(check({ ...unit, unit: { ...unit.unit, level: 'x'.repeat(60) } })).toEqual([]);
    for (const level of ['', 'x'.repeat(61), 'two words', 'tab\t']) {
      expect(refusal({ ...unit, unit: { ...unit.unit, level } }), level).toBe(
        `entry 3: is a malformed unit.founded event: "event.unit.level" ${rule}`,
      );
    }
    expect(refusal({ ...appointment, mandate: { ...appointment.mandate, office: '' } })).toBe(
      `entry 3: is a malformed mandate.began event: "event.mandate.office" ${rule}`,
    );
    expect(refusal({ ...transfer, vote: { ...transfer.vote, majority: '' } })).toBe(
      `entry 3: is a malformed membership.transferred event: "event.vote.majority" ${rule}`,
    );
    expect(refusal({ ...transfer, vote: { ...transfer.vote, arithmetic: 'x'.repeat(1001) } })).toBe(
      'entry 3: is a malformed membership.transferred event: "event.vote.arithmetic" must be a string of at most 1000 characters',
    );
  });

  it('lists every fault of an event at once', () => {
    expect(
      refusal({
        ...transfer,
        memberId: 'Not An Id',
        on: '2023-02-29',
        vote: { ...transfer.vote, yes: 'many' },
        note: 'x',
      }),
    ).toBe(
      'entry 3: is a malformed membership.transferred event: unexpected field "event.note"; ' +
        `"event.memberId" ${ID_RULE}; "event.on" must be a date YYYY-MM-DD; ` +
        '"event.vote.yes" must be a whole number, 0 or more',
    );
    expect(refusal({ type: 'body.formed', body: { id: 'b' }, on: '2026-01-10' })).toBe(
      'entry 3: is a malformed body.formed event: "event.body.kind" is missing; "event.body.name" is missing; ' +
        '"event.body.unitId" is missing',
    );
    expect(refusal({ type: 'body.formed', body: null, on: '2026-01-10' })).toBe(
      'entry 3: is a malformed body.formed event: "event.body" must be an object, got null',
    );
  });
});

describe('outcomes and their votes', () => {
  it.each([
    ['congress.postponement-voted', 'carried'],
    ['agenda.change-voted', 'carried'],
    ['amendment.decided', 'carried'],
    ['motion.decided', 'carried'],
    ['case.decided', 'carried'],
    ['case.appeal-decided', 'upheld'],
    ['ruling.challenge-decided', 'overturned'],
  ] as const)('refuses %s whose "%s" is not what its vote reached', (type, field) => {
    const examples = EXAMPLES[type] as unknown as readonly JsonObject[];
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      const outcome = example[field];
      expect(typeof outcome).toBe('boolean');
      expect(refusal({ ...example, [field]: !outcome })).toBe(
        `entry 3: is a malformed ${type} event: "event.${field}" differs from "event.vote.carried"`,
      );
    }
  });
});

describe('recorded statutes', () => {
  it('refuses a statute.adopted or statute.amended whose text does not parse, naming the problems', () => {
    const problems = check({ type: 'statute.adopted', text: 'plenum-statute: [1', version: 1, on: '2026-01-10' });
    expect(problems).toHaveLength(1);
    expect(problems[0]?.code).toBe('entry_statute_invalid');
    expect(problems[0]?.message).toMatch(
      /^entry 3: has a statute\.adopted event whose statute does not parse \(Plenum governance\.statute-valid\): \d+ problems?: the document \(line 1, column \d+\): statute\.yaml /,
    );
    const amended = example('statute.amended');
    const notAStatute = check({ ...amended, text: 'title: A statute with nothing in it\n' });
    expect(notAStatute.map((p) => p.code)).toEqual(['entry_statute_invalid']);
    expect(notAStatute[0]?.message).toMatch(
      /^entry 3: has a statute\.amended event whose statute does not parse \(Plenum governance\.statute-valid\): \d+ problems: .*; and \d+ more$/,
    );
  });

  it('refuses a statute event whose version is not the one its text declares', () => {
    const amended = example('statute.amended');
    expect(check({ ...amended, version: 3 })).toEqual([
      {
        code: 'entry_malformed',
        message:
          'entry 3: is a malformed statute.amended event: "event.version" is 3, but the statute in "event.text" says version 2',
        index: 3,
      },
    ]);
  });
});

describe('plenumEntryChecker', () => {
  /**
   * The record the app would write: the demo organisation, its later months and the second
   * congress's year (test-support/plenum-leaves.ts), every event decided by the rules engine and
   * signed by its actor. Its first 480 entries bring every event type but membership.applied,
   * which the applications after them bring.
   */
  it('accepts every leaf of a record the rules engine wrote: the demo, then all 67 event types, by every kind of actor', async () => {
    const entries = await signedPlenumEntries(ORIGIN, 520);
    const leaves = entries.map((e) => JSON.parse(fromUtf8(e)) as SignedEvent);
    expect(new Set(leaves.map((leaf) => leaf.event.type))).toEqual(new Set(DOMAIN_EVENT_TYPES));
    expect(new Set(leaves.map((leaf) => leaf.actor.split(':')[0]))).toEqual(
      new Set(['founders', 'body', 'member', 'applicant', 'voter']),
    );
    const checkEntry = plenumEntryChecker({ origin: ORIGIN });
    for (const [index, bytes] of entries.entries()) expect(checkEntry(bytes, index), `entry ${index}`).toEqual([]);
  });

  it('refuses a signature that does not verify, or was made for another log', async () => {
    const [first] = await signedPlenumEntries(ORIGIN, 1);
    const leaf = JSON.parse(fromUtf8(first!)) as SignedEvent;
    expect(leaf.event.type).toBe('statute.adopted');
    const forged = { ...leaf, event: { ...leaf.event, on: '2025-12-31' } };
    expect(plenumEntryChecker({ origin: ORIGIN })(entry(forged), 0)).toEqual([
      {
        code: 'entry_signature',
        message: `entry 0: the signature of founders on this statute.adopted event does not verify with the key ${leaf.key} for the log "${ORIGIN}"`,
        index: 0,
      },
    ]);
    const elsewhere = plenumEntryChecker({ origin: 'plenum.example.org/another' })(first!, 0);
    expect(elsewhere.map((p) => p.code)).toEqual(['entry_signature']);
  });

  it('refuses an actor signing with another key than the record bound to it, naming both', async () => {
    const entries = await signedPlenumEntries(ORIGIN, 2);
    const founders = { kind: 'founders' } as const;
    const impostor = localEventSigner(founders, demoActorSecret(founders, 4242), nobleEd25519);
    const second = JSON.parse(fromUtf8(entries[1]!)) as SignedEvent;
    const resigned = utf8(leafPayload(await signEvent(ORIGIN, impostor, second.event)));
    const checkEntry = plenumEntryChecker({ origin: ORIGIN });
    expect(checkEntry(entries[0]!, 0)).toEqual([]);
    const [problem, ...rest] = checkEntry(resigned, 1);
    expect(rest).toEqual([]);
    const bound = (JSON.parse(fromUtf8(entries[0]!)) as SignedEvent).key;
    expect(problem).toMatchObject({
      code: 'entry_actor_key',
      index: 1,
      expected: bound,
      actual: toBase64(impostor.publicKey),
    });
    expect(problem?.message).toContain('bound founders to the key');
    expect(problem?.message).toContain('at entry 0 (Plenum record.actor-key)');
  });

  it('takes the five kinds of actor, and nothing else', () => {
    const opened = example('discussion.opened');
    for (const actor of ['founders', 'member:m0001', 'body:central-committee', 'applicant:applicant-1']) {
      expect(check(opened, 3, actor), actor).toEqual([]);
    }
    const rule = 'must be member:<id>, body:<id>, applicant:<id>, founders or voter';
    for (const actor of ['applicant:', 'applicant:A1', 'operator', 'server:x', 'Founders']) {
      expect(check(opened, 3, actor)[0]?.message, actor).toBe(
        `entry 3: is not a well-formed signed event: "actor" ${rule}, got ${JSON.stringify(actor)}`,
      );
    }
  });

  it('takes a ballot from the anonymous voter only, with an empty key and signature, and nothing else from it', () => {
    const cast = example('ballot.cast');
    const voterLeaf = { actor: 'voter', event: cast, key: '', sig: '' };
    const checkEntry = plenumEntryChecker({ origin: ORIGIN });
    expect(checkEntry(entry(voterLeaf), 3)).toEqual([]);
    // A voter's leaf with a key: malformed.
    expect(checkEntry(entry({ ...voterLeaf, key: KEY }), 3)[0]?.message).toContain('"key" must be empty in a voter');
    // The voter records ballots, nothing else; a ballot is recorded by the voter, nobody else.
    const opened = example('discussion.opened');
    expect(checkEntry(entry({ ...voterLeaf, event: opened }), 3).map((p) => p.code)).toEqual(['entry_signature']);
    expect(checkEntry(entry({ actor: 'member:m0001', event: cast, key: KEY, sig: SIG }), 3).map((p) => p.code)).toEqual(
      ['entry_signature'],
    );
  });

  it('refuses a bare event nobody signed, and leaves without their exact envelope', () => {
    const event = example('unit.founded');
    expect(checkPlenumEvent(entry(event), 4)).toEqual([
      {
        code: 'entry_unsigned',
        message: 'entry 4: is a bare "unit.founded" event: nobody signed it (a leaf is {actor, event, key, sig})',
        index: 4,
      },
    ]);
    expect(checkPlenumEvent(entry({ actor: 'king', event, key: 'AAAA', sig: 7, extra: true }), 2)).toEqual([
      {
        code: 'entry_malformed',
        message:
          'entry 2: is not a well-formed signed event: unexpected field "extra"; "actor" must be member:<id>, body:<id>, applicant:<id>, founders or voter, got "king"; ' +
          '"key" must be base64 of 32 bytes, got 3 bytes; "sig" must be base64 of 64 bytes, got a number',
        index: 2,
      },
    ]);
    expect(checkPlenumEvent(entry({ actor: 'member:m1', event }), 2)[0]?.message).toBe(
      'entry 2: is not a well-formed signed event: "key" is missing; "sig" is missing',
    );
  });

  it('refuses bytes that are not UTF-8, or not JSON, naming the entry', () => {
    expect(checkPlenumEvent(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), 12)).toEqual([
      { code: 'entry_malformed', message: 'entry 12: is not valid UTF-8 (from byte 2 of the entry)', index: 12 },
    ]);
    const [problem] = checkPlenumEvent(utf8('one'), 0);
    expect(problem?.code).toBe('entry_malformed');
    expect(problem?.message).toMatch(/^entry 0: is not JSON: /);
    expect(checkPlenumEvent(new Uint8Array(0), 0)[0]?.code).toBe('entry_malformed');
  });

  it('refuses JSON that is not in canonical form, saying where it differs', () => {
    const event = example('unit.founded');
    const spaced = utf8(`{"actor": "founders","event":${canonicalJson(event)},"key":"${KEY}","sig":"${SIG}"}`);
    expect(checkPlenumEvent(spaced, 1)).toEqual([
      {
        code: 'entry_not_canonical',
        message:
          'entry 1: is not in canonical JSON form (sorted keys, no whitespace, shortest escapes): first difference at byte 9 of the entry',
        index: 1,
      },
    ]);
    const unsorted = utf8(`{"sig":"${SIG}","actor":"founders","key":"${KEY}","event":${canonicalJson(event)}}`);
    expect(checkPlenumEvent(unsorted, 1).map((p) => p.code)).toEqual(['entry_not_canonical']);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...entry({ actor: 'founders', event, key: KEY, sig: SIG })]);
    expect(checkPlenumEvent(bom, 1).map((p) => p.code)).toEqual(['entry_not_canonical']);
  });

  it('refuses unknown event types, the old structure events among them, and non-events', () => {
    const known = DOMAIN_EVENT_TYPES.join(', ');
    for (const type of ['organisation.founded', 'unit.created', 'member.admitted', 'body.constituted', 'toString']) {
      expect(check({ type, unit: {} }), type).toEqual([
        {
          code: 'entry_unknown_type',
          message: `entry 3: has an event of type ${JSON.stringify(type)}, which is not an event type (${known})`,
          index: 3,
        },
      ]);
    }
    expect(checkPlenumEvent(entry([1, 2]), 3)[0]?.message).toBe(
      'entry 3: is JSON an array, not an object (a signed event)',
    );
    expect(check([1, 2])[0]?.message).toBe('entry 3: "event" must be an object (an event), got an array');
    expect(check({ on: '2026-01-10' })[0]?.message).toBe('entry 3: "event" has no "type" string: it is not an event');
  });

  it('does not throw on deeply nested input', () => {
    const deep = utf8('['.repeat(30_000) + ']'.repeat(30_000));
    const problems = checkPlenumEvent(deep, 0);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.code === 'entry_malformed' || p.code === 'entry_not_canonical')).toBe(true);
    // Deep inside an event, where a list of identifiers is due.
    const declared = example('tendency.declared');
    const event = canonicalJson({ ...declared, tendency: { ...declared.tendency, members: 'DEEP' } });
    const nested = event.replace('"DEEP"', '['.repeat(30_000) + ']'.repeat(30_000));
    const inEvent = checkPlenumEvent(utf8(`{"actor":"founders","event":${nested},"key":"${KEY}","sig":"${SIG}"}`), 0);
    expect(inEvent.map((p) => p.code)).toEqual(['entry_not_canonical', 'entry_malformed']);
    expect(inEvent[1]?.message).toBe(
      `entry 0: is a malformed tendency.declared event: "event.tendency.members.0" ${ID_RULE}`,
    );
  });
});
