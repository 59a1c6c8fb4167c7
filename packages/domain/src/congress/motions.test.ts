import { describe, expect, it } from 'vitest';
import { decideGovernance, type GovActor, type GovernanceCommand } from '../governance/decide.ts';
import { body, demoGovernance, foundingSteps, member, run, unanimous } from '../governance/scenario.ts';
import { DEMO_STATUTE_YAML } from '../statute/examples.ts';
import { EMPTY_GOVERNANCE, evolveGovernance, type GovernanceEvent, type GovernanceState } from '../governance/state.ts';
import type { VoteInput } from '../governance/common.ts';
import {
  MOTION_REFUSALS,
  amendedLines,
  amendmentsOf,
  motionItemExists,
  motionOf,
  motionsTo,
  votingOrder,
  type MotionCommand,
} from './motions.ts';
import { minutesMarkdown, minutesOf } from './floor-minutes.ts';

/**
 * Motions under the demo statute (§11.1: a member's motion needs 4 co-signers; bodies submit
 * by simple majority; motions and amendments carry by simple majority). The organisation is
 * scenario.ts's: branches br-north and br-south of six members each, their assemblies
 * asm-br-north and asm-br-south, the congress with delegates m-north-1, m-north-2, m-south-1,
 * m-south-2.
 */
const on = '2021-03-01';
const NORTH = body('asm-br-north');
const SOUTH = body('asm-br-south');
const CONGRESS = body('congress');
const hands = (yes: number, no: number, abstain = 0): VoteInput => ({
  method: 'show-of-hands',
  count: { yes, no, abstain, present: yes + no + abstain },
});
const FIVE_LINES = 'one\ntwo\nthree\nfour\nfive';

/** The record of a run of commands: every act through decideGovernance, the state after each. */
class Book {
  state: GovernanceState;
  readonly events: GovernanceEvent[];
  constructor() {
    const demo = demoGovernance();
    this.state = demo.state;
    this.events = [...demo.events];
  }
  act(actor: GovActor, command: MotionCommand | GovernanceCommand): GovernanceEvent[] {
    const result = decideGovernance(this.state, actor, command);
    if (!result.ok) throw new Error(`${command.type} refused: ${result.messageKey} ${JSON.stringify(result.params)}`);
    this.events.push(...result.value);
    this.state = evolveGovernance(this.state, result.value);
    return result.value;
  }
  refuse(actor: GovActor, command: MotionCommand): { key: string; clause: string; params: Record<string, unknown> } {
    const result = decideGovernance(this.state, actor, command);
    if (result.ok) throw new Error(`${command.type} was allowed`);
    return {
      key: result.messageKey.replace('refusal.governance.', ''),
      clause: result.rule.clause,
      params: result.params,
    };
  }
  /** A motion m-north-1 moves to its assembly, co-signed by m-north-2 … m-north-5 (submitted). */
  memberMotion(motionId: string, text = FIVE_LINES, toBodyId = 'asm-br-north'): void {
    this.act(member('m-north-1'), { type: 'draftMotion', motionId, toBodyId, title: 'On councils', text, on });
    for (const m of ['m-north-2', 'm-north-3', 'm-north-4', 'm-north-5']) {
      this.act(member(m), { type: 'cosignMotion', motionId, on });
    }
  }
  amend(
    actor: GovActor,
    amendmentId: string,
    motionId: string,
    fromLine: number,
    toLine: number,
    replacement: string,
    of: string | null = null,
  ): GovernanceEvent[] {
    return this.act(actor, {
      type: 'amendMotion',
      amendmentId,
      motionId,
      target: of === null ? { kind: 'motion' } : { kind: 'amendment', amendmentId: of },
      fromLine,
      toLine,
      replacement,
      vote: null,
      on,
    });
  }
  /** The fold of the whole record equals the live state. */
  foldMatches(): void {
    expect(evolveGovernance(EMPTY_GOVERNANCE, this.events)).toEqual(this.state);
  }
}

const types = (events: readonly GovernanceEvent[]): string[] => events.map((e) => e.type);

describe('submitting motions (Statute §11.1)', () => {
  it('a member’s motion needs 4 other members to co-sign it; the fourth signature submits it', () => {
    const book = new Book();
    expect(
      types(
        book.act(member('m-north-1'), {
          type: 'draftMotion',
          motionId: 'mo-1',
          toBodyId: 'asm-br-north',
          title: 'On councils',
          text: FIVE_LINES,
          on,
        }),
      ),
    ).toEqual(['motion.drafted']);
    expect(book.refuse(member('m-north-1'), { type: 'cosignMotion', motionId: 'mo-1', on })).toMatchObject({
      key: 'motionCosignOwn',
      clause: '§11.1',
    });
    expect(book.refuse(member('m-south-1'), { type: 'cosignMotion', motionId: 'mo-1', on })).toMatchObject({
      key: 'motionOutsideBody',
      clause: '§11.1',
    });
    for (const m of ['m-north-2', 'm-north-3', 'm-north-4']) {
      expect(types(book.act(member(m), { type: 'cosignMotion', motionId: 'mo-1', on }))).toEqual(['motion.cosigned']);
    }
    expect(book.refuse(member('m-north-2'), { type: 'cosignMotion', motionId: 'mo-1', on })).toMatchObject({
      key: 'motionCosignedAlready',
      clause: '§11.1',
    });
    // Not yet before the body: it cannot be amended.
    expect(
      book.refuse(member('m-north-2'), {
        type: 'amendMotion',
        amendmentId: 'am-early',
        motionId: 'mo-1',
        target: { kind: 'motion' },
        fromLine: 1,
        toLine: 1,
        replacement: 'x',
        vote: null,
        on,
      }),
    ).toMatchObject({ key: 'motionNotOpen', clause: '§11.1' });
    expect(motionOf(book.state, 'mo-1')?.status).toBe('drafted');
    expect(types(book.act(member('m-north-5'), { type: 'cosignMotion', motionId: 'mo-1', on }))).toEqual([
      'motion.cosigned',
      'motion.submitted',
    ]);
    const motion = motionOf(book.state, 'mo-1');
    expect(motion?.status).toBe('submitted');
    expect(motion?.movers).toEqual(['member:m-north-1']);
    expect(motion?.cosigners).toEqual(['m-north-2', 'm-north-3', 'm-north-4', 'm-north-5']);
    expect(motion?.numberedLines[2]).toEqual({ number: 3, text: 'three' });
    expect(book.refuse(member('m-north-6'), { type: 'cosignMotion', motionId: 'mo-1', on })).toMatchObject({
      key: 'motionNotDrafted',
      clause: '§11.1',
    });
    expect(motionsTo(book.state, 'asm-br-north').map((m) => m.id)).toEqual(['mo-1']);
    book.foldMatches();
  });

  it('a member addresses only bodies whose unit contains their own: their assembly, the federation’s bodies', () => {
    const book = new Book();
    const draft = (toBodyId: string, motionId: string): MotionCommand => ({
      type: 'draftMotion',
      motionId,
      toBodyId,
      title: 'On the press',
      text: 'A text.',
      on,
    });
    expect(book.refuse(member('m-north-1'), draft('asm-br-south', 'mo-s'))).toMatchObject({
      key: 'motionOutsideBody',
      clause: '§11.1',
      params: { who: 'member:m-north-1', body: 'asm-br-south' },
    });
    book.act(member('m-north-1'), draft('congress', 'mo-c'));
    book.act(member('m-north-1'), draft('cc', 'mo-cc'));
    // The congress's motion is co-signed from any branch: every unit lies within the federation.
    expect(types(book.act(member('m-south-4'), { type: 'cosignMotion', motionId: 'mo-c', on }))).toEqual([
      'motion.cosigned',
    ]);
    expect(book.refuse(body('asm-br-north'), draft('congress', 'mo-b'))).toMatchObject({
      key: 'notAllowed',
      clause: '§11.1',
    });
    expect(book.refuse(member('m-north-2'), draft('congress', 'mo-c'))).toMatchObject({
      key: 'exists',
      clause: 'governance.unique-id',
    });
    expect(book.refuse(member('m-north-2'), draft('nowhere', 'mo-n'))).toMatchObject({
      key: 'unknownBody',
      clause: 'governance.unknown',
    });
  });

  it('a body’s motion needs its vote (simple majority, §8.2) and a quorum (§8.1); bodies of unrelated units cannot address each other', () => {
    const book = new Book();
    const submit = (motionId: string, toBodyId: string, vote = unanimous(6)): MotionCommand => ({
      type: 'submitMotion',
      motionId,
      toBodyId,
      title: 'From the north',
      text: 'The congress resolves.',
      vote,
      on,
    });
    expect(book.refuse(NORTH, submit('mo-x', 'congress', { yes: 2, no: 3, abstain: 0, present: 5 }))).toMatchObject({
      key: 'notCarried',
      clause: '§11.1',
    });
    expect(book.refuse(NORTH, submit('mo-x', 'congress', { yes: 2, no: 0, abstain: 0, present: 2 }))).toMatchObject({
      key: 'quorum',
      clause: '§8.1',
    });
    expect(book.refuse(NORTH, submit('mo-x', 'asm-br-south'))).toMatchObject({
      key: 'motionBodiesApart',
      clause: '§11.1',
    });
    expect(book.refuse(member('m-north-1'), submit('mo-x', 'congress'))).toMatchObject({
      key: 'notAllowed',
      clause: '§11.1',
    });
    const events = book.act(NORTH, submit('mo-north', 'congress'));
    expect(events).toEqual([
      {
        type: 'motion.drafted',
        motionId: 'mo-north',
        toBodyId: 'congress',
        title: 'From the north',
        text: 'The congress resolves.',
        mover: 'body:asm-br-north',
        on,
      },
      {
        type: 'motion.submitted',
        motionId: 'mo-north',
        vote: {
          yes: 6,
          no: 0,
          abstain: 0,
          present: 6,
          members: 6,
          majority: 'simple',
          arithmetic: expect.any(String) as string,
        },
        on,
      },
    ]);
    // The congress may put a motion to a branch assembly (its unit lies within the federation).
    book.act(CONGRESS, submit('mo-down', 'asm-br-south', unanimous(4)));
    expect(motionOf(book.state, 'mo-down')?.status).toBe('submitted');
    book.foldMatches();
  });
});

describe('a statute that asks for no co-signers', () => {
  it('submits a member’s motion in the batch that drafts it', () => {
    const statute = DEMO_STATUTE_YAML.replace('member-cosigners: 4', 'member-cosigners: 0');
    expect(statute).not.toBe(DEMO_STATUTE_YAML);
    const { state } = run(foundingSteps(statute));
    const result = decideGovernance(state, member('m-south-3'), {
      type: 'draftMotion',
      motionId: 'mo-1',
      toBodyId: 'asm-br-south',
      title: 'On dues',
      text: 'Dues are halved.',
      on,
    });
    expect(result.ok && types(result.value)).toEqual(['motion.drafted', 'motion.submitted']);
  });
});

describe('line-numbered amendments', () => {
  it('replace, insert and delete lines: the exact text, in the order of the first line they affect', () => {
    const book = new Book();
    book.memberMotion('mo-1');
    book.amend(member('m-north-2'), 'am-replace', 'mo-1', 2, 3, 'TWO AND THREE');
    book.amend(member('m-north-3'), 'am-insert', 'mo-1', 5, 4, 'four and a half\nfour and three quarters');
    book.amend(member('m-north-4'), 'am-delete', 'mo-1', 1, 1, '');
    book.amend(member('m-north-5'), 'am-append', 'mo-1', 6, 5, 'six');
    expect(votingOrder(book.state, 'mo-1')).toEqual(['am-delete', 'am-replace', 'am-insert', 'am-append', 'mo-1']);
    for (const id of ['am-delete', 'am-replace', 'am-insert', 'am-append']) {
      expect(types(book.act(NORTH, { type: 'decideAmendment', amendmentId: id, vote: hands(4, 1), on }))).toEqual([
        'amendment.decided',
      ]);
    }
    // Each later amendment kept its meaning: its lines shifted as the earlier ones carried.
    expect(amendmentsOf(book.state, 'mo-1').map((a) => [a.id, a.fromLine, a.toLine, a.current])).toEqual([
      ['am-replace', 2, 3, { fromLine: 1, toLine: 2 }],
      ['am-insert', 5, 4, { fromLine: 3, toLine: 2 }],
      ['am-delete', 1, 1, { fromLine: 1, toLine: 1 }],
      ['am-append', 6, 5, { fromLine: 6, toLine: 5 }],
    ]);
    expect(motionOf(book.state, 'mo-1')?.currentText).toBe(
      'TWO AND THREE\nfour\nfour and a half\nfour and three quarters\nfive\nsix',
    );
    const decided = book.act(NORTH, { type: 'decideMotion', motionId: 'mo-1', vote: hands(5, 0, 1), on });
    expect(decided).toMatchObject([
      {
        type: 'motion.decided',
        motionId: 'mo-1',
        carried: true,
        text: 'TWO AND THREE\nfour\nfour and a half\nfour and three quarters\nfive\nsix',
        vote: { yes: 5, no: 0, abstain: 1, present: 6, members: 6, method: 'show-of-hands', roll: null, carried: true },
      },
    ]);
    expect(motionOf(book.state, 'mo-1')?.status).toBe('decided');
    book.foldMatches();
  });

  it('a lost amendment leaves the text as it was', () => {
    const book = new Book();
    book.memberMotion('mo-1');
    book.amend(member('m-north-2'), 'am-1', 'mo-1', 3, 3, 'THREE');
    const events = book.act(NORTH, { type: 'decideAmendment', amendmentId: 'am-1', vote: hands(2, 3), on });
    expect(events).toMatchObject([{ type: 'amendment.decided', carried: false }]);
    expect(motionOf(book.state, 'mo-1')?.currentText).toBe(FIVE_LINES);
    expect(amendmentsOf(book.state, 'mo-1')[0]?.status).toBe('lost');
  });

  it('an amendment to an amendment changes the amendment’s text before it is voted on', () => {
    const book = new Book();
    book.memberMotion('mo-1');
    book.amend(member('m-north-2'), 'am-a', 'mo-1', 2, 2, 'alpha\nbeta');
    book.amend(member('m-north-3'), 'am-sub', 'mo-1', 2, 2, 'gamma', 'am-a');
    // An amendment to a line the amendment does not have is refused.
    expect(
      book.refuse(member('m-north-4'), {
        type: 'amendMotion',
        amendmentId: 'am-sub2',
        motionId: 'mo-1',
        target: { kind: 'amendment', amendmentId: 'am-a' },
        fromLine: 3,
        toLine: 3,
        replacement: 'delta',
        vote: null,
        on,
      }),
    ).toMatchObject({ key: 'amendmentLines', clause: 'governance.line-numbers' });
    expect(votingOrder(book.state, 'mo-1')).toEqual(['am-sub', 'am-a', 'mo-1']);
    expect(book.refuse(NORTH, { type: 'decideAmendment', amendmentId: 'am-a', vote: hands(6, 0), on })).toMatchObject({
      key: 'motionVoteOutOfOrder',
      clause: 'governance.voting-order',
      params: { next: 'am-sub' },
    });
    book.act(NORTH, { type: 'decideAmendment', amendmentId: 'am-sub', vote: hands(4, 2), on });
    expect(amendmentsOf(book.state, 'mo-1').find((a) => a.id === 'am-a')?.lines).toEqual(['alpha', 'gamma']);
    expect(motionOf(book.state, 'mo-1')?.currentText).toBe(FIVE_LINES);
    book.act(NORTH, { type: 'decideAmendment', amendmentId: 'am-a', vote: hands(4, 2), on });
    expect(motionOf(book.state, 'mo-1')?.currentText).toBe('one\nalpha\ngamma\nthree\nfour\nfive');
    // A decided amendment can no longer be amended.
    expect(
      book.refuse(member('m-north-4'), {
        type: 'amendMotion',
        amendmentId: 'am-late',
        motionId: 'mo-1',
        target: { kind: 'amendment', amendmentId: 'am-a' },
        fromLine: 1,
        toLine: 1,
        replacement: 'x',
        vote: null,
        on,
      }),
    ).toMatchObject({ key: 'amendmentNotPending', clause: '§11.1' });
    book.foldMatches();
  });

  it('an overlapping amendment falls when the other carries; those amending it fall with it', () => {
    const book = new Book();
    book.memberMotion('mo-1');
    book.amend(member('m-north-2'), 'am-first', 'mo-1', 2, 3, 'TWO-THREE');
    book.amend(member('m-north-3'), 'am-second', 'mo-1', 3, 4, 'THREE-FOUR');
    book.amend(member('m-north-4'), 'am-second-sub', 'mo-1', 1, 1, 'THREE-FOUR!', 'am-second');
    book.amend(member('m-north-5'), 'am-early', 'mo-1', 1, 2, 'ONE-TWO');
    book.amend(member('m-north-6'), 'am-last', 'mo-1', 5, 5, 'FIVE');
    // One group of overlapping amendments (lines 1–4), in the order submitted, then line 5.
    expect(votingOrder(book.state, 'mo-1')).toEqual([
      'am-first',
      'am-second-sub',
      'am-second',
      'am-early',
      'am-last',
      'mo-1',
    ]);
    expect(
      book.refuse(NORTH, { type: 'decideAmendment', amendmentId: 'am-second', vote: hands(6, 0), on }),
    ).toMatchObject({ key: 'motionVoteOutOfOrder', clause: 'governance.voting-order', params: { next: 'am-first' } });
    expect(book.refuse(NORTH, { type: 'decideMotion', motionId: 'mo-1', vote: hands(6, 0), on })).toMatchObject({
      key: 'motionAmendmentsPending',
      clause: 'governance.voting-order',
      params: { count: 5 },
    });
    expect(book.act(NORTH, { type: 'decideAmendment', amendmentId: 'am-first', vote: hands(4, 2), on })).toMatchObject([
      { type: 'amendment.decided', amendmentId: 'am-first', carried: true },
      { type: 'amendment.fell', amendmentId: 'am-second', because: 'am-first' },
      { type: 'amendment.fell', amendmentId: 'am-second-sub', because: 'am-first' },
      { type: 'amendment.fell', amendmentId: 'am-early', because: 'am-first' },
    ]);
    expect(
      book.refuse(NORTH, { type: 'decideAmendment', amendmentId: 'am-second', vote: hands(6, 0), on }),
    ).toMatchObject({ key: 'amendmentNotPending', clause: '§11.1' });
    expect(votingOrder(book.state, 'mo-1')).toEqual(['am-last', 'mo-1']);
    // The line the non-overlapping amendment meant (five) moved from 5 to 4.
    book.act(NORTH, { type: 'decideAmendment', amendmentId: 'am-last', vote: hands(4, 2), on });
    expect(motionOf(book.state, 'mo-1')?.currentText).toBe('one\nTWO-THREE\nfour\nFIVE');
    book.foldMatches();
  });

  it('who may amend: members of the body (delegates, for the congress), or a body entitled to submit, by its vote', () => {
    const book = new Book();
    book.act(NORTH, {
      type: 'submitMotion',
      motionId: 'mo-c',
      toBodyId: 'congress',
      title: 'From the north',
      text: FIVE_LINES,
      vote: unanimous(6),
      on,
    });
    const amend = (
      amendmentId: string,
      vote: Extract<MotionCommand, { type: 'amendMotion' }>['vote'] = null,
    ): MotionCommand => ({
      type: 'amendMotion',
      amendmentId,
      motionId: 'mo-c',
      target: { kind: 'motion' },
      fromLine: 1,
      toLine: 1,
      replacement: 'ONE',
      vote,
      on,
    });
    expect(book.refuse(member('m-north-3'), amend('am-x'))).toMatchObject({
      key: 'amendmentNotInBody',
      clause: '§11.1',
    });
    book.act(member('m-south-2'), amend('am-delegate'));
    expect(book.refuse(SOUTH, amend('am-y'))).toMatchObject({ key: 'voteNeeded', clause: '§11.1' });
    const events = book.act(SOUTH, amend('am-south', unanimous(6)));
    expect(events).toMatchObject([{ type: 'amendment.submitted', mover: 'body:asm-br-south', vote: { yes: 6 } }]);
    expect(amendmentsOf(book.state, 'mo-c').map((a) => a.mover)).toEqual(['member:m-south-2', 'body:asm-br-south']);
  });

  it('line numbers must fit the text; an insertion must insert something', () => {
    const book = new Book();
    book.memberMotion('mo-1');
    const amend = (fromLine: number, toLine: number, replacement = 'x'): MotionCommand => ({
      type: 'amendMotion',
      amendmentId: 'am-1',
      motionId: 'mo-1',
      target: { kind: 'motion' },
      fromLine,
      toLine,
      replacement,
      vote: null,
      on,
    });
    for (const [from, to] of [
      [0, 1],
      [2, 6],
      [7, 6],
      [3, 1],
    ] as const) {
      expect(book.refuse(member('m-north-2'), amend(from, to))).toMatchObject({
        key: 'amendmentLines',
        clause: 'governance.line-numbers',
      });
    }
    expect(book.refuse(member('m-north-2'), amend(3, 2, ''))).toMatchObject({
      key: 'amendmentNothing',
      clause: 'governance.line-numbers',
    });
  });
});

describe('compositing (merging motions) with the movers’ consent', () => {
  function threeMotionsToCongress(): Book {
    const book = new Book();
    for (const [actor, motionId] of [
      [NORTH, 'mo-north'],
      [SOUTH, 'mo-south'],
    ] as const) {
      book.act(actor, {
        type: 'submitMotion',
        motionId,
        toBodyId: 'congress',
        title: motionId,
        text: `The text of ${motionId}.`,
        vote: unanimous(6),
        on,
      });
    }
    book.memberMotion('mo-member', 'A member’s text.', 'congress');
    return book;
  }
  const propose = (compositeId: string, motionIds: string[]): MotionCommand => ({
    type: 'proposeComposite',
    compositeId,
    motionIds,
    title: 'Composite on the press',
    text: 'The merged text,\nin two lines.',
    on,
  });

  it('needs every mover’s consent; until then nothing changes, and the body cannot force it', () => {
    const book = threeMotionsToCongress();
    expect(book.refuse(NORTH, propose('comp-1', ['mo-north', 'mo-south']))).toMatchObject({
      key: 'notAllowed',
      clause: '§11.1',
    });
    expect(book.refuse(CONGRESS, propose('comp-1', ['mo-north']))).toMatchObject({
      key: 'compositeMotions',
      clause: '§11.1',
    });
    book.act(CONGRESS, propose('comp-1', ['mo-north', 'mo-south', 'mo-member']));
    const consent = { type: 'consentToComposite', compositeId: 'comp-1', on } as const;
    expect(book.refuse(CONGRESS, consent)).toMatchObject({ key: 'compositeNotMover', clause: '§11.1' });
    expect(book.refuse(member('m-north-2'), consent)).toMatchObject({ key: 'compositeNotMover', clause: '§11.1' });
    expect(types(book.act(NORTH, consent))).toEqual(['composite.consented']);
    expect(book.refuse(NORTH, consent)).toMatchObject({ key: 'compositeConsentedAlready', clause: '§11.1' });
    expect(types(book.act(member('m-north-1'), consent))).toEqual(['composite.consented']);
    // Two of three consents: the motions are still each before the congress.
    expect(motionOf(book.state, 'mo-north')?.status).toBe('submitted');
    expect(motionOf(book.state, 'comp-1')).toBeUndefined();
    expect(motionItemExists(book.state, 'comp-1')).toBe(true);
    expect(book.act(SOUTH, consent)).toEqual([
      { type: 'composite.consented', compositeId: 'comp-1', mover: 'body:asm-br-south', on },
      {
        type: 'composite.agreed',
        compositeId: 'comp-1',
        motionIds: ['mo-north', 'mo-south', 'mo-member'],
        motionId: 'comp-1',
        on,
      },
    ]);
    for (const id of ['mo-north', 'mo-south', 'mo-member']) {
      expect(motionOf(book.state, id)).toMatchObject({ status: 'composited', compositedInto: 'comp-1' });
    }
    const composite = motionOf(book.state, 'comp-1');
    expect(composite).toMatchObject({
      status: 'submitted',
      movers: ['body:asm-br-north', 'body:asm-br-south', 'member:m-north-1'],
      compositeOf: ['mo-north', 'mo-south', 'mo-member'],
      currentText: 'The merged text,\nin two lines.',
    });
    expect(book.refuse(SOUTH, consent)).toMatchObject({ key: 'compositeClosed', clause: '§11.1' });
    // No one mover may withdraw the joint motion for the others.
    expect(book.refuse(NORTH, { type: 'withdrawMotion', motionId: 'comp-1', on })).toMatchObject({
      key: 'motionWithdrawComposite',
      clause: '§11.1',
    });
    // The originals are no longer before the congress.
    expect(book.refuse(CONGRESS, { type: 'decideMotion', motionId: 'mo-north', vote: hands(4, 0), on })).toMatchObject({
      key: 'motionNotOpen',
      clause: '§11.1',
    });
    book.foldMatches();
  });

  it('a motion withdrawn by its mover ends a proposal that merges it', () => {
    const book = threeMotionsToCongress();
    book.act(CONGRESS, propose('comp-1', ['mo-north', 'mo-south']));
    book.act(NORTH, { type: 'consentToComposite', compositeId: 'comp-1', on });
    expect(book.refuse(SOUTH, { type: 'withdrawMotion', motionId: 'mo-north', on })).toMatchObject({
      key: 'motionNotMover',
      clause: '§11.1',
    });
    book.act(NORTH, { type: 'withdrawMotion', motionId: 'mo-north', on });
    expect(motionOf(book.state, 'mo-north')?.status).toBe('withdrawn');
    expect(book.refuse(SOUTH, { type: 'consentToComposite', compositeId: 'comp-1', on })).toMatchObject({
      key: 'motionNotOpen',
      clause: '§11.1',
    });
    book.foldMatches();
  });
});

describe('decisions on motions', () => {
  it('the minutes of the meeting sitting that day list the amendments and motions decided, fallen ones too', () => {
    const book = new Book();
    const later = '2021-03-08';
    book.act(NORTH, {
      type: 'openMeeting',
      meetingId: 'north-march',
      bodyId: 'asm-br-north',
      chairId: 'm-north-6',
      agenda: [{ itemId: 'motions', title: 'Motions' }],
      at: '18:00',
      on,
    });
    book.memberMotion('mo-1');
    book.amend(member('m-north-2'), 'am-a', 'mo-1', 2, 3, 'TWO AND THREE');
    book.amend(member('m-north-3'), 'am-b', 'mo-1', 3, 3, 'three, again');
    book.act(NORTH, { type: 'decideAmendment', amendmentId: 'am-a', vote: hands(4, 1), on });
    book.act(NORTH, { type: 'decideMotion', motionId: 'mo-1', vote: hands(5, 0, 1), on });
    const chair = member('m-north-6');
    book.act(chair, { type: 'closeDebate', meetingId: 'north-march', itemId: 'motions', at: '19:00', on });
    book.act(chair, { type: 'closeMeeting', meetingId: 'north-march', vote: null, at: '19:05', on });
    // Another motion, decided a week later when no meeting of the assembly sits: not in these minutes.
    book.memberMotion('mo-2');
    book.act(NORTH, { type: 'decideMotion', motionId: 'mo-2', vote: hands(1, 4), on: later });

    const minutes = minutesOf(book.state, 'north-march');
    expect(minutes?.motions).toMatchObject([
      {
        motionId: 'mo-1',
        title: 'On councils',
        amendments: [
          { amendmentId: 'am-a', fromLine: 2, toLine: 3, status: 'carried', vote: { yes: 4, no: 1, carried: true } },
          { amendmentId: 'am-b', fromLine: 3, toLine: 3, status: 'fell', vote: null, fellBecause: 'am-a' },
        ],
        decision: { carried: true, on, vote: { yes: 5, abstain: 1 } },
      },
    ]);
    const text = minutesMarkdown(
      minutes!,
      (key, params) => `${key}${params === undefined ? '' : JSON.stringify(params)}`,
    );
    expect(text).toContain('## minutes.motions');
    expect(text).toContain('### On councils (mo-1)');
    expect(text).toMatch(/minutes\.amendment\{"amendment":"am-a","from":2,"to":3,"outcome":"minutes\.carried"/);
    expect(text).toContain('minutes.amendmentFell{"amendment":"am-b","from":3,"to":3,"because":"am-a"}');
    expect(text).toMatch(/minutes\.motion\{"on":"2021-03-01","outcome":"minutes\.carried"/);
    expect(text).not.toContain('mo-2');
  });

  it('a motion lost by the vote is recorded as lost, and can no longer be withdrawn', () => {
    const book = new Book();
    book.memberMotion('mo-1');
    expect(book.refuse(SOUTH, { type: 'decideMotion', motionId: 'mo-1', vote: hands(4, 0), on })).toMatchObject({
      key: 'notAllowed',
      clause: '§11.1',
    });
    expect(book.refuse(NORTH, { type: 'decideMotion', motionId: 'mo-1', vote: hands(1, 1), on })).toMatchObject({
      key: 'quorum',
      clause: '§8.1',
    });
    const events = book.act(NORTH, { type: 'decideMotion', motionId: 'mo-1', vote: hands(1, 3, 1), on });
    expect(events).toMatchObject([
      {
        type: 'motion.decided',
        motionId: 'mo-1',
        carried: false,
        text: FIVE_LINES,
        vote: { yes: 1, no: 3, carried: false },
      },
    ]);
    expect(motionOf(book.state, 'mo-1')?.decision).toMatchObject({ carried: false, on });
    expect(book.refuse(member('m-north-1'), { type: 'withdrawMotion', motionId: 'mo-1', on })).toMatchObject({
      key: 'motionNotOpen',
      clause: '§11.1',
    });
    expect(book.refuse(NORTH, { type: 'decideMotion', motionId: 'mo-1', vote: hands(4, 0), on })).toMatchObject({
      key: 'motionNotOpen',
      clause: '§11.1',
    });
    book.foldMatches();
  });

  it('a roll-call vote of the congress lists each delegate’s answer; only delegates answer', () => {
    const book = new Book();
    book.act(NORTH, {
      type: 'submitMotion',
      motionId: 'mo-c',
      toBodyId: 'congress',
      title: 'From the north',
      text: 'The congress resolves.',
      vote: unanimous(6),
      on,
    });
    const roll = [
      { memberId: 'm-north-1', choice: 'yes' },
      { memberId: 'm-north-2', choice: 'yes' },
      { memberId: 'm-south-1', choice: 'no' },
      { memberId: 'm-south-2', choice: 'abstain' },
    ] as const;
    expect(
      book.refuse(CONGRESS, {
        type: 'decideMotion',
        motionId: 'mo-c',
        vote: { method: 'roll-call', roll: [...roll, { memberId: 'm-north-3', choice: 'yes' }] },
        on,
      }),
    ).toMatchObject({ key: 'rollCall', clause: 'governance.roll-call' });
    const events = book.act(CONGRESS, {
      type: 'decideMotion',
      motionId: 'mo-c',
      vote: { method: 'roll-call', roll: [...roll] },
      on,
    });
    expect(events).toMatchObject([
      {
        type: 'motion.decided',
        carried: true,
        vote: {
          method: 'roll-call',
          yes: 2,
          no: 1,
          abstain: 1,
          present: 4,
          members: 4,
          roll: [...roll],
          carried: true,
        },
      },
    ]);
    book.foldMatches();
  });

  it('a member withdraws their own motion, drafted or submitted', () => {
    const book = new Book();
    book.memberMotion('mo-1');
    expect(book.refuse(member('m-north-2'), { type: 'withdrawMotion', motionId: 'mo-1', on })).toMatchObject({
      key: 'motionNotMover',
      clause: '§11.1',
    });
    expect(types(book.act(member('m-north-1'), { type: 'withdrawMotion', motionId: 'mo-1', on }))).toEqual([
      'motion.withdrawn',
    ]);
    expect(votingOrder(book.state, 'mo-1')).toEqual([]);
    book.foldMatches();
  });
});

describe('hostile input is refused by the rules too (Plenum governance.input)', () => {
  const book = new Book();
  book.memberMotion('mo-1');
  const cases: [string, GovActor, unknown][] = [
    [
      'fromLine',
      member('m-north-2'),
      {
        type: 'amendMotion',
        amendmentId: 'am-t',
        motionId: 'mo-1',
        target: { kind: 'motion' },
        fromLine: 1.5,
        toLine: 2,
        replacement: 'x',
        vote: null,
        on,
      },
    ],
    [
      'toLine',
      member('m-north-2'),
      {
        type: 'amendMotion',
        amendmentId: 'am-t',
        motionId: 'mo-1',
        target: { kind: 'motion' },
        fromLine: 1,
        toLine: '2',
        replacement: 'x',
        vote: null,
        on,
      },
    ],
    [
      'motionId',
      member('m-north-1'),
      { type: 'draftMotion', motionId: 'Bad Id', toBodyId: 'asm-br-north', title: 't', text: 'x', on },
    ],
    [
      'title',
      member('m-north-1'),
      { type: 'draftMotion', motionId: 'mo-t', toBodyId: 'asm-br-north', title: 'a\u0000b', text: 'x', on },
    ],
    [
      'text',
      member('m-north-1'),
      { type: 'draftMotion', motionId: 'mo-t', toBodyId: 'asm-br-north', title: 't', text: '   ', on },
    ],
    [
      'text',
      member('m-north-1'),
      { type: 'draftMotion', motionId: 'mo-t', toBodyId: 'asm-br-north', title: 't', text: 'x\n'.repeat(2000), on },
    ],
    [
      'text',
      member('m-north-1'),
      { type: 'draftMotion', motionId: 'mo-t', toBodyId: 'asm-br-north', title: 't', text: 'tab\there', on },
    ],
    [
      'text',
      member('m-north-1'),
      { type: 'draftMotion', motionId: 'mo-t', toBodyId: 'asm-br-north', title: 't', text: 42, on },
    ],
    [
      'vote',
      NORTH,
      { type: 'submitMotion', motionId: 'mo-t', toBodyId: 'congress', title: 't', text: 'x', vote: { yes: '6' }, on },
    ],
    ['motionId', member('m-north-2'), { type: 'cosignMotion', motionId: ['mo-1'], on }],
    [
      'target',
      member('m-north-2'),
      {
        type: 'amendMotion',
        amendmentId: 'am-t',
        motionId: 'mo-1',
        target: { kind: 'other' },
        fromLine: 1,
        toLine: 1,
        replacement: '',
        vote: null,
        on,
      },
    ],
    [
      'replacement',
      member('m-north-2'),
      {
        type: 'amendMotion',
        amendmentId: 'am-t',
        motionId: 'mo-1',
        target: { kind: 'motion' },
        fromLine: 1,
        toLine: 1,
        replacement: 'a\rb',
        vote: null,
        on,
      },
    ],
    [
      'vote',
      member('m-north-2'),
      {
        type: 'amendMotion',
        amendmentId: 'am-t',
        motionId: 'mo-1',
        target: { kind: 'motion' },
        fromLine: 1,
        toLine: 1,
        replacement: 'x',
        vote: unanimous(6),
        on,
      },
    ],
    [
      'motionIds',
      CONGRESS,
      { type: 'proposeComposite', compositeId: 'comp-t', motionIds: 'mo-1', title: 't', text: 'x', on },
    ],
    ['vote', NORTH, { type: 'decideMotion', motionId: 'mo-1', vote: { method: 'acclamation' }, on }],
    [
      'vote',
      NORTH,
      {
        type: 'decideMotion',
        motionId: 'mo-1',
        vote: { method: 'show-of-hands', count: { yes: 1.5, no: 0, abstain: 0, present: 4 } },
        on,
      },
    ],
  ];
  it.each(cases)('the field %s', (field, actor, command) => {
    const result = decideGovernance(book.state, actor, command as MotionCommand);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.messageKey).toBe('refusal.governance.input');
      expect(result.rule.clause).toBe('governance.input');
      expect(result.params['field']).toBe(field);
    }
  });
});

describe('the line-numbered view and the refusal keys', () => {
  it('amendedLines marks deleted and inserted lines with their numbers before and after', () => {
    expect(amendedLines('a\nb\nc', { fromLine: 2, toLine: 2, replacement: 'B1\nB2' })).toEqual([
      { status: 'kept', text: 'a', before: 1, after: 1 },
      { status: 'deleted', text: 'b', before: 2, after: null },
      { status: 'inserted', text: 'B1', before: null, after: 2 },
      { status: 'inserted', text: 'B2', before: null, after: 3 },
      { status: 'kept', text: 'c', before: 3, after: 4 },
    ]);
    expect(amendedLines(['a', 'b'], { fromLine: 3, toLine: 2, replacement: 'c' }).map((l) => l.after)).toEqual([
      1, 2, 3,
    ]);
    expect(amendedLines('a\nb', { fromLine: 1, toLine: 2, replacement: '' }).map((l) => l.status)).toEqual([
      'deleted',
      'deleted',
    ]);
  });

  it('the refusal keys are distinct', () => {
    expect(new Set(MOTION_REFUSALS).size).toBe(MOTION_REFUSALS.length);
  });
});
