import { sha256 as digest } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { canonicalJson, toHex, utf8 } from '@plenum/kernel';
import { STATUTE_1921_YAML } from '../statute/examples.ts';
import { votingMembers } from '../governance/common.ts';
import { GOVERNANCE_REFUSALS, decideGovernance, type GovActor, type GovernanceCommand } from '../governance/decide.ts';
import {
  SCENARIO_STATUTE_YAML,
  body,
  closeFirstCongress,
  constitutedSteps,
  foundingSteps,
  member,
  membersOf,
  run,
  type Step,
} from '../governance/scenario.ts';
import { EMPTY_GOVERNANCE, evolveGovernance, type GovernanceEvent, type GovernanceState } from '../governance/state.ts';
import {
  BULLETIN_MAX_TEXT,
  BULLETIN_REFUSALS,
  bulletinOf,
  discussionItemKind,
  inboxOf,
  lettersTo,
  platformOf,
  platformsFor,
} from './bulletin.ts';

/** The demo statute with a platform threshold of a quarter of the members: 3 of the scenario's 12. */
const STATUTE = SCENARIO_STATUTE_YAML.replace('signature-share: [1, 50]', 'signature-share: [1, 4]');
const opened = '2021-03-01';
const on = '2021-03-05';

const open: Step = { actor: body('cc'), command: { type: 'openDiscussion', on: opened } };

/** The scenario's organisation (12 members, CC of 3, 4 delegates) with the pre-congress discussion open. */
function organisation(extra: readonly Step[] = []): { state: GovernanceState; events: GovernanceEvent[] } {
  return run([...foundingSteps(STATUTE), ...constitutedSteps(), closeFirstCongress('2020-09-01'), open, ...extra]);
}

function decide(state: GovernanceState, actor: GovActor, command: GovernanceCommand): GovernanceEvent[] {
  const result = decideGovernance(state, actor, command);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
  return result.value;
}

function refusal(
  state: GovernanceState,
  actor: GovActor,
  command: GovernanceCommand,
): { clause: string; key: string; params: Readonly<Record<string, string | number>> } {
  const result = decideGovernance(state, actor, command);
  if (result.ok) throw new Error(`${command.type} was allowed`);
  return { clause: result.rule.clause, key: result.messageKey, params: result.params };
}

/** Decides and applies, returning the events and the state after them. */
function step(
  state: GovernanceState,
  actor: GovActor,
  command: GovernanceCommand,
): { state: GovernanceState; events: GovernanceEvent[] } {
  const events = decide(state, actor, command);
  return { state: evolveGovernance(state, events), events };
}

const sha256 = (text: string): string => toHex(digest(utf8(text)));
const ALL = [...membersOf('br-north'), ...membersOf('br-south')].sort();
const PLATFORM_46 = 'The regime within the party is intolerable; we demand freedom of discussion.';

describe('platforms: filed at the threshold, circulated to every member, amended only by their signatories (G3)', () => {
  const base = organisation();
  const draft: GovernanceCommand = {
    type: 'draftPlatform',
    platformId: 'platform-46',
    title: 'Platform of the 46',
    text: PLATFORM_46,
    on,
  };

  it('files the platform when the signatures reach the share, and circulates it in the same batch', () => {
    const drafted = step(base.state, member('m-north-1'), draft);
    expect(drafted.events).toEqual([
      {
        type: 'platform.drafted',
        platformId: 'platform-46',
        title: 'Platform of the 46',
        text: PLATFORM_46,
        drafter: 'm-north-1',
        congressId: null,
        on,
      },
    ]);
    const second = step(drafted.state, member('m-south-2'), { type: 'signPlatform', platformId: 'platform-46', on });
    expect(second.events.map((e) => e.type)).toEqual(['platform.signed']);
    expect(platformsFor(second.state, null)).toEqual([]);
    const third = step(second.state, member('m-north-2'), { type: 'signPlatform', platformId: 'platform-46', on });
    // 3 of 12 members with a vote: the share [1, 4] is reached.
    expect(third.events).toEqual([
      { type: 'platform.signed', platformId: 'platform-46', memberId: 'm-north-2', on },
      {
        type: 'platform.filed',
        platformId: 'platform-46',
        signatories: ['m-north-1', 'm-south-2', 'm-north-2'],
        members: 12,
        needed: 3,
        on,
      },
      {
        type: 'platform.circulated',
        platformId: 'platform-46',
        version: 1,
        recipients: 12,
        recipientsHash: sha256(JSON.stringify(ALL)),
        on,
      },
    ]);
    expect(votingMembers(third.state, on).sort()).toEqual(ALL);
    // Every member has it in their inbox, whatever side they are on.
    for (const id of ALL) {
      expect(inboxOf(third.state, id)).toEqual([
        { kind: 'platform', platformId: 'platform-46', version: 1, title: 'Platform of the 46', on },
      ]);
    }
    expect(platformsFor(third.state, null)).toEqual([
      {
        id: 'platform-46',
        title: 'Platform of the 46',
        text: PLATFORM_46,
        version: 1,
        signatories: ['m-north-1', 'm-south-2', 'm-north-2'],
        filedOn: on,
      },
    ]);
    expect(discussionItemKind(third.state, 'platform:platform-46')).toBe('platform');
  });

  const filed = run(
    [
      { actor: member('m-north-1'), command: draft },
      { actor: member('m-south-2'), command: { type: 'signPlatform', platformId: 'platform-46', on } },
      { actor: member('m-north-2'), command: { type: 'signPlatform', platformId: 'platform-46', on } },
    ],
    base.state,
  );
  const amendment = (amendmentId: string): Extract<GovernanceCommand, { type: 'proposePlatformAmendment' }> => ({
    type: 'proposePlatformAmendment',
    platformId: 'platform-46',
    amendmentId,
    text: `${PLATFORM_46}\nAnd an end to appointments from above.`,
    on,
  });

  it('refuses the central committee, or any body, that would edit it, citing §5.7', () => {
    expect(refusal(filed.state, body('cc'), amendment('cc-edit'))).toEqual({
      clause: '§5.7',
      key: 'refusal.governance.platformBodiesCannotEdit',
      params: { rule: 'Statute §5.7', who: 'body:cc' },
    });
    expect(refusal(filed.state, body('congress'), { type: 'approvePlatformAmendment', amendmentId: 'x', on }).key).toBe(
      'refusal.governance.platformBodiesCannotEdit',
    );
    expect(refusal(filed.state, body('cc'), { type: 'signPlatform', platformId: 'platform-46', on }).clause).toBe(
      '§5.7',
    );
    expect(refusal(filed.state, body('cc'), { ...draft, platformId: 'cc-platform' }).key).toBe(
      'refusal.governance.platformBodiesCannotEdit',
    );
  });

  it('refuses a member who has not signed it, citing §5.7', () => {
    expect(refusal(filed.state, member('m-south-6'), amendment('am-1'))).toMatchObject({
      clause: '§5.7',
      key: 'refusal.governance.platformNotSignatory',
    });
  });

  it('amends it by a majority of its signatories, and circulates version 2 in the same batch', () => {
    const proposed = step(filed.state, member('m-north-1'), amendment('am-1'));
    // 1 of 3 signatories: not more than half yet.
    expect(proposed.events.map((e) => e.type)).toEqual(['platform.amendment-proposed']);
    expect(
      refusal(proposed.state, member('m-south-6'), { type: 'approvePlatformAmendment', amendmentId: 'am-1', on }),
    ).toMatchObject({
      clause: '§5.7',
      key: 'refusal.governance.platformNotSignatory',
    });
    expect(
      refusal(proposed.state, member('m-north-1'), { type: 'approvePlatformAmendment', amendmentId: 'am-1', on }),
    ).toMatchObject({ clause: '§5.7', key: 'refusal.governance.platformAmendmentApprovedAlready' });
    const approved = step(proposed.state, member('m-south-2'), {
      type: 'approvePlatformAmendment',
      amendmentId: 'am-1',
      on,
    });
    const text = `${PLATFORM_46}\nAnd an end to appointments from above.`;
    expect(approved.events).toEqual([
      { type: 'platform.amendment-approved', amendmentId: 'am-1', memberId: 'm-south-2', on },
      { type: 'platform.amended', platformId: 'platform-46', amendmentId: 'am-1', version: 2, text, on },
      {
        type: 'platform.circulated',
        platformId: 'platform-46',
        version: 2,
        recipients: 12,
        recipientsHash: sha256(canonicalJson(ALL)),
        on,
      },
    ]);
    expect(platformOf(approved.state, 'platform-46')).toMatchObject({ version: 2, text });
    expect(inboxOf(approved.state, 'm-south-6').map((i) => (i.kind === 'platform' ? i.version : 0))).toEqual([1, 2]);
    // Adopted: approving it again, or an amendment proposed to version 1, is refused.
    expect(
      refusal(approved.state, member('m-north-2'), { type: 'approvePlatformAmendment', amendmentId: 'am-1', on }),
    ).toMatchObject({ clause: '§5.7', key: 'refusal.governance.platformAmendmentStale' });
    expect(
      refusal(approved.state, member('m-north-2'), { type: 'approvePlatformAmendment', amendmentId: 'nope', on }),
    ).toMatchObject({ clause: 'governance.unknown', key: 'refusal.governance.platformAmendmentUnknown' });
  });

  it('an amendment overtaken by another one is stale', () => {
    const both = run(
      [
        { actor: member('m-north-1'), command: amendment('am-a') },
        { actor: member('m-north-2'), command: { ...amendment('am-b'), text: 'Another text.' } },
        { actor: member('m-south-2'), command: { type: 'approvePlatformAmendment', amendmentId: 'am-a', on } },
      ],
      filed.state,
    );
    expect(platformOf(both.state, 'platform-46')?.version).toBe(2);
    expect(
      refusal(both.state, member('m-south-2'), { type: 'approvePlatformAmendment', amendmentId: 'am-b', on }),
    ).toEqual({
      clause: '§5.7',
      key: 'refusal.governance.platformAmendmentStale',
      params: { rule: 'Statute §5.7', id: 'am-b', base: 1, version: 2 },
    });
  });

  it('refuses signing twice; takes a late signature without filing or circulating again', () => {
    expect(
      refusal(filed.state, member('m-north-1'), { type: 'signPlatform', platformId: 'platform-46', on }),
    ).toMatchObject({
      clause: '§5.7',
      key: 'refusal.governance.platformSignedAlready',
    });
    const late = step(filed.state, member('m-south-6'), { type: 'signPlatform', platformId: 'platform-46', on });
    expect(late.events).toEqual([{ type: 'platform.signed', platformId: 'platform-46', memberId: 'm-south-6', on }]);
    expect(platformOf(late.state, 'platform-46')?.signatories).toEqual([
      'm-north-1',
      'm-south-2',
      'm-north-2',
      'm-south-6',
    ]);
    expect(platformOf(late.state, 'platform-46')?.circulations).toHaveLength(1);
    expect(
      refusal(filed.state, member('m-north-1'), { type: 'signPlatform', platformId: 'nothing', on }),
    ).toMatchObject({
      clause: 'governance.unknown',
      key: 'refusal.governance.platformUnknown',
    });
  });

  it('refuses a platform outside the pre-congress discussion, citing §5.3', () => {
    const closed = step(filed.state, body('cc'), { type: 'closeDiscussion', on: '2021-04-01' }).state;
    expect(refusal(closed, member('m-north-1'), { ...draft, platformId: 'later', on: '2021-04-02' })).toMatchObject({
      clause: '§5.3',
      key: 'refusal.governance.discussionClosed',
    });
    // Closing the discussion does not stop the signatories amending the filed platform.
    expect(decide(closed, member('m-north-1'), { ...amendment('am-c'), on: '2021-04-02' }).map((e) => e.type)).toEqual([
      'platform.amendment-proposed',
    ]);
  });
});

describe('below the threshold nothing is filed; only signatures of members that day count', () => {
  const base = organisation();
  const sign = (id: string): Step => ({
    actor: member(id),
    command: { type: 'signPlatform', platformId: 'opposition-1927', on },
  });
  const gathered = run(
    [
      {
        actor: member('m-north-1'),
        command: {
          type: 'draftPlatform',
          platformId: 'opposition-1927',
          title: 'Platform of the Opposition',
          text: 'Text.',
          on,
        },
      },
      sign('m-north-2'),
      { actor: member('m-north-2'), command: { type: 'resign', memberId: 'm-north-2', on } },
      sign('m-south-1'),
    ],
    base.state,
  );

  it('does not file with 2 of the 3 signatures needed (the one who left does not count)', () => {
    const types = gathered.events.map((e) => e.type);
    expect(types).not.toContain('platform.filed');
    expect(types).not.toContain('platform.circulated');
    expect(platformOf(gathered.state, 'opposition-1927')?.filed).toBeNull();
    expect(platformsFor(gathered.state, null)).toEqual([]);
    // A former member cannot sign.
    expect(
      refusal(gathered.state, member('m-north-2'), { type: 'signPlatform', platformId: 'opposition-1927', on }).key,
    ).toBe('refusal.governance.notAMember');
  });

  it('files with the next signature, counting the 11 members with a vote that day', () => {
    const { events } = step(gathered.state, member('m-south-2'), {
      type: 'signPlatform',
      platformId: 'opposition-1927',
      on,
    });
    const remaining = ALL.filter((id) => id !== 'm-north-2');
    expect(events.slice(1)).toEqual([
      {
        type: 'platform.filed',
        platformId: 'opposition-1927',
        signatories: ['m-north-1', 'm-south-1', 'm-south-2'],
        members: 11,
        needed: 3,
        on,
      },
      {
        type: 'platform.circulated',
        platformId: 'opposition-1927',
        version: 1,
        recipients: 11,
        recipientsHash: sha256(JSON.stringify(remaining)),
        on,
      },
    ]);
  });

  it('a member without a vote yet can neither draft nor sign (1921 rule: a vote after 180 days)', () => {
    const state = run([
      ...foundingSteps(
        STATUTE_1921_YAML.replace('levels: [party, region, cell]', 'levels: [federation, section, branch]')
          .replaceAll('level: party', 'level: federation')
          .replaceAll('level: cell', 'level: branch')
          .replaceAll('cell-meeting', 'branch-assembly'),
      ),
      { actor: body('cc'), command: { type: 'openDiscussion', on: '2020-02-01' } },
    ]).state;
    expect(
      refusal(state, member('m-north-1'), {
        type: 'draftPlatform',
        platformId: 'early',
        title: 'Too early',
        text: 'Text.',
        on: '2020-02-01',
      }),
    ).toEqual({
      clause: '§V.7',
      key: 'refusal.governance.platformSignerNoVote',
      params: { rule: 'Statute §V.7', member: 'm-north-1' },
    });
  });
});

describe('the discussion bulletin', () => {
  const base = organisation();
  const publish = (documentId: string, extra: Partial<{ title: string; text: string }> = {}): GovernanceCommand => ({
    type: 'publishContribution',
    documentId,
    title: 'On the New Course',
    text: 'Bureaucratism threatens the party.\nDemocracy within it is the answer.',
    on,
    ...extra,
  });

  it('publishes a member’s or a body’s contribution while the discussion is open, in order', () => {
    const { state, events } = run(
      [
        { actor: member('m-south-4'), command: publish('new-course') },
        { actor: body('cc'), command: publish('cc-reply', { title: 'Reply of the Central Committee' }) },
      ],
      base.state,
    );
    expect(events[0]).toEqual({
      type: 'bulletin.published',
      documentId: 'new-course',
      author: 'member:m-south-4',
      title: 'On the New Course',
      text: 'Bureaucratism threatens the party.\nDemocracy within it is the answer.',
      congressId: null,
      on,
    });
    expect(bulletinOf(state).map((d) => [d.id, d.author])).toEqual([
      ['new-course', 'member:m-south-4'],
      ['cc-reply', 'body:cc'],
    ]);
    expect(discussionItemKind(state, 'bulletin:new-course')).toBe('bulletin');
    expect(discussionItemKind(state, 'bulletin:nothing')).toBeUndefined();
    expect(discussionItemKind(state, 'letter:new-course')).toBeUndefined();
    expect(discussionItemKind(state, 'new-course')).toBeUndefined();
    expect(refusal(state, member('m-south-5'), publish('new-course'))).toMatchObject({
      clause: 'governance.unique-id',
      key: 'refusal.governance.exists',
    });
  });

  it('refuses outside the pre-congress discussion, citing §5.3', () => {
    const before = run([...foundingSteps(STATUTE), ...constitutedSteps(), closeFirstCongress('2020-09-01')]).state;
    expect(refusal(before, member('m-south-4'), publish('early'))).toEqual({
      clause: '§5.3',
      key: 'refusal.governance.discussionClosed',
      params: { rule: 'Statute §5.3' },
    });
  });

  it('refuses malformed input, naming the field', () => {
    const cases: [GovernanceCommand, string][] = [
      [publish('Bad Id'), 'documentId'],
      [publish('d1', { title: '' }), 'title'],
      [publish('d1', { title: 'x'.repeat(201) }), 'title'],
      [publish('d1', { text: ' ' }), 'text'],
      [publish('d1', { text: 'x'.repeat(BULLETIN_MAX_TEXT + 1) }), 'text'],
      [publish('d1', { text: 'tab\there' }), 'text'],
      [{ type: 'signPlatform', platformId: '', on }, 'platformId'],
      [{ type: 'approvePlatformAmendment', amendmentId: 'A', on }, 'amendmentId'],
      [{ type: 'draftPlatform', platformId: 'p', title: 'T', text: 'x\u0000', on }, 'text'],
      [{ type: 'proposePlatformAmendment', platformId: 'p', amendmentId: '9', text: 'T', on }, 'amendmentId'],
      [{ type: 'sendLetter', letterId: 'l', toBodyId: 'cc', title: 'T', text: 42 as unknown as string, on }, 'text'],
    ];
    for (const [command, field] of cases) {
      expect(refusal(base.state, member('m-north-1'), command), field).toEqual({
        clause: 'governance.input',
        key: 'refusal.governance.input',
        params: { rule: 'Plenum governance.input', field },
      });
    }
    // The longest text is accepted.
    expect(
      decide(base.state, member('m-north-1'), publish('d1', { text: 'x'.repeat(BULLETIN_MAX_TEXT) })),
    ).toHaveLength(1);
  });
});

describe('letters to a body: delivered to each of its members in the event that records them', () => {
  const base = organisation();
  const letter = (letterId: string, toBodyId: string): GovernanceCommand => ({
    type: 'sendLetter',
    letterId,
    toBodyId,
    title: 'Letter to the Congress',
    text: 'I suggest removing the General Secretary from that post.',
    on,
  });

  it('delivers a letter to the congress to each of its delegates, and one to the central committee to its members', () => {
    const { state, events } = run(
      [
        { actor: member('m-south-6'), command: letter('testament', 'congress') },
        { actor: member('m-south-6'), command: letter('to-cc', 'cc') },
      ],
      base.state,
    );
    expect(events).toEqual([
      {
        type: 'letter.delivered',
        letterId: 'testament',
        from: 'm-south-6',
        toBodyId: 'congress',
        title: 'Letter to the Congress',
        text: 'I suggest removing the General Secretary from that post.',
        recipients: ['m-north-1', 'm-north-2', 'm-south-1', 'm-south-2'],
        on,
      },
      {
        type: 'letter.delivered',
        letterId: 'to-cc',
        from: 'm-south-6',
        toBodyId: 'cc',
        title: 'Letter to the Congress',
        text: 'I suggest removing the General Secretary from that post.',
        recipients: ['m-north-3', 'm-north-4', 'm-south-3'],
        on,
      },
    ]);
    expect(lettersTo(state, 'congress').map((l) => l.id)).toEqual(['testament']);
    expect(inboxOf(state, 'm-north-1')).toEqual([
      {
        kind: 'letter',
        letterId: 'testament',
        from: 'm-south-6',
        toBodyId: 'congress',
        title: 'Letter to the Congress',
        on,
      },
    ]);
    expect(inboxOf(state, 'm-south-6')).toEqual([]);
    expect(discussionItemKind(state, 'letter:testament')).toBe('letter');
    expect(refusal(state, member('m-north-1'), letter('testament', 'cc'))).toMatchObject({
      key: 'refusal.governance.exists',
    });
  });

  it('needs no open discussion, but a body with members; only a member writes one (§5.8)', () => {
    const founded = run(foundingSteps(STATUTE)).state;
    // Before any delegate is elected the congress has no one to receive it.
    expect(refusal(founded, member('m-south-6'), letter('early', 'congress'))).toEqual({
      clause: '§5.8',
      key: 'refusal.governance.letterNoRecipients',
      params: { rule: 'Statute §5.8', body: 'congress' },
    });
    expect(decide(founded, member('m-south-6'), letter('early', 'asm-br-north'))).toHaveLength(1);
    expect(refusal(founded, member('m-south-6'), letter('early', 'nobody'))).toMatchObject({
      key: 'refusal.governance.unknownBody',
    });
    expect(refusal(base.state, body('cc'), letter('from-cc', 'congress'))).toMatchObject({
      clause: '§5.8',
      key: 'refusal.governance.notAllowed',
    });
  });
});

describe('tendencies exactly as the statute allows, for everyone alike (G4)', () => {
  const declare = (id: string, day: string): GovernanceCommand => ({
    type: 'declareTendency',
    tendency: { id, name: `Tendency ${id}` },
    on: day,
  });
  const RULE_1921 = STATUTE_1921_YAML.replace('levels: [party, region, cell]', 'levels: [federation, section, branch]')
    .replaceAll('level: party', 'level: federation')
    .replaceAll('level: cell', 'level: branch')
    .replaceAll('cell-meeting', 'branch-assembly');

  it('under the 1921 rule: only while the discussion is open, for members of any side', () => {
    const state = run(foundingSteps(RULE_1921)).state;
    // Members of either branch are refused alike outside the discussion.
    for (const id of ['m-north-3', 'm-south-6']) {
      expect(refusal(state, member(id), declare(`t-${id}`, '2021-03-01'))).toMatchObject({
        clause: '§X.1',
        key: 'refusal.governance.tendencyOutsideDiscussion',
      });
    }
    const during = run([{ actor: body('cc'), command: { type: 'openDiscussion', on: '2021-03-01' } }], state).state;
    for (const id of ['m-north-3', 'm-south-6']) {
      expect(decide(during, member(id), declare(`t-${id}`, '2021-03-02')).map((e) => e.type)).toEqual([
        'tendency.declared',
      ]);
    }
  });

  it('under the demo statute: at any time, for members of any side', () => {
    // A member of the central committee and a member outside it, alike.
    const state = run([...foundingSteps(STATUTE), ...constitutedSteps(), closeFirstCongress('2020-09-01')]).state;
    expect(state.discussionOpen).toBe(false);
    for (const id of ['m-north-3', 'm-south-6']) {
      expect(decide(state, member(id), declare(`t-${id}`, '2021-03-01')).map((e) => e.type)).toEqual([
        'tendency.declared',
      ]);
    }
  });
});

describe('the congress the discussion prepares', () => {
  it('carries the congress called and not yet closed, and platformsFor lists the platforms filed for it', () => {
    const { state, events } = run([
      ...foundingSteps(STATUTE),
      ...constitutedSteps(),
      closeFirstCongress('2020-09-01'),
      { actor: body('cc'), command: { type: 'callCongress', congressId: 'c1', opensOn: '2021-05-01', on: opened } },
      open,
      {
        actor: member('m-south-4'),
        command: { type: 'publishContribution', documentId: 'd1', title: 'T', text: 'X', on },
      },
      { actor: member('m-north-1'), command: { type: 'draftPlatform', platformId: 'p1', title: 'P', text: 'X', on } },
      { actor: member('m-north-2'), command: { type: 'signPlatform', platformId: 'p1', on } },
      { actor: member('m-south-1'), command: { type: 'signPlatform', platformId: 'p1', on } },
    ]);
    expect(events.filter((e) => e.type === 'bulletin.published' || e.type === 'platform.drafted')).toMatchObject([
      { congressId: 'c1' },
      { congressId: 'c1' },
    ]);
    expect(platformsFor(state, 'c1').map((p) => p.id)).toEqual(['p1']);
    expect(platformsFor(state, null)).toEqual([]);
  });
});

describe('the record', () => {
  it('the state rebuilt from the events equals the live state', () => {
    const { state, events } = organisation([
      {
        actor: member('m-south-4'),
        command: { type: 'publishContribution', documentId: 'd1', title: 'T', text: 'X', on },
      },
      { actor: member('m-north-1'), command: { type: 'draftPlatform', platformId: 'p1', title: 'P', text: 'X', on } },
      { actor: member('m-north-2'), command: { type: 'signPlatform', platformId: 'p1', on } },
      { actor: member('m-south-1'), command: { type: 'signPlatform', platformId: 'p1', on } },
      {
        actor: member('m-north-1'),
        command: { type: 'proposePlatformAmendment', platformId: 'p1', amendmentId: 'a1', text: 'Y', on },
      },
      { actor: member('m-north-2'), command: { type: 'approvePlatformAmendment', amendmentId: 'a1', on } },
      {
        actor: member('m-south-6'),
        command: { type: 'sendLetter', letterId: 'l1', toBodyId: 'congress', title: 'L', text: 'Z', on },
      },
    ]);
    expect(platformOf(state, 'p1')?.circulations.map((c) => c.version)).toEqual([1, 2]);
    expect(evolveGovernance(EMPTY_GOVERNANCE, events)).toEqual(state);
  });

  it('has refusal keys distinct from every other part’s', () => {
    for (const key of BULLETIN_REFUSALS) expect(GOVERNANCE_REFUSALS.filter((k) => k === key)).toHaveLength(1);
  });
});
