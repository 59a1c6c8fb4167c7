import { ok, type Id, type Refusal } from '@plenum/kernel';
import {
  actingBody,
  actorName,
  bodyMembers,
  cite,
  decideVote,
  input,
  isRefusal,
  isWithin,
  no,
  notAllowed,
  plenum,
  tallyVote,
  validId,
  validName,
  type Ctx,
  type Decision,
  type MeetingVote,
  type VoteCount,
  type VoteInput,
} from '../governance/common.ts';
import type { GovBody, GovernanceDraft, GovernanceState, RecordedVote } from '../governance/state.ts';
import {
  joinLines,
  linesFit,
  rangeFits,
  rangesOverlap,
  replaceLines,
  shiftRange,
  splitLines,
  validMotionText,
  type LineRange,
} from './motions-lines.ts';

export {
  MOTION_MAX_CHARS,
  MOTION_MAX_LINES,
  amendedLines,
  type AmendedLine,
  type LineRange as MotionLineRange,
} from './motions-lines.ts';

export { MOTION_EVENT_TYPES, MOTION_COMMAND_TYPES, MOTION_REFUSALS, EMPTY_MOTION } from './motions-model.ts';

/**
 * The engine's part for motions: submission by members (with the statute's co-signers), by
 * bodies (by their vote), line-numbered amendments and amendments to amendments, compositing
 * with every mover's consent, the order of voting, and the decisions of the body a motion is
 * addressed to. A motion's text is a list of lines numbered from 1 (motions-lines.ts); the
 * record keeps every amendment with the line numbers its mover gave, and the fold keeps where
 * each still-pending amendment lies in its target's current text, as amendments carry.
 */

/** Who moves a motion or an amendment: `member:<id>` or `body:<id>`. */
export type MotionMover = string;

/** What an amendment amends: the motion's text, or another amendment's replacement. */
export type AmendmentTarget = { readonly kind: 'motion' } | { readonly kind: 'amendment'; readonly amendmentId: Id };

export type MotionEvent =
  | {
      readonly type: 'motion.drafted';
      readonly motionId: Id;
      readonly toBodyId: Id;
      readonly title: string;
      readonly text: string;
      readonly mover: MotionMover;
      readonly on: string;
    }
  | { readonly type: 'motion.cosigned'; readonly motionId: Id; readonly memberId: Id; readonly on: string }
  /** Put to the body: a member's motion once co-signed (vote null), a body's by its vote. */
  | {
      readonly type: 'motion.submitted';
      readonly motionId: Id;
      readonly vote: RecordedVote | null;
      readonly on: string;
    }
  | { readonly type: 'motion.withdrawn'; readonly motionId: Id; readonly on: string }
  | {
      readonly type: 'amendment.submitted';
      readonly amendmentId: Id;
      readonly motionId: Id;
      readonly target: AmendmentTarget;
      /** As the mover gave them, in the target's text on that day. */
      readonly fromLine: number;
      readonly toLine: number;
      /** '' deletes the lines. */
      readonly replacement: string;
      readonly mover: MotionMover;
      /** A body's amendment: its vote to move it; a member's: null. */
      readonly vote: RecordedVote | null;
      readonly on: string;
    }
  | {
      readonly type: 'amendment.decided';
      readonly amendmentId: Id;
      readonly carried: boolean;
      readonly vote: MeetingVote;
      readonly on: string;
    }
  /** Fell without a vote: an amendment overlapping it (or its target) was carried. */
  | { readonly type: 'amendment.fell'; readonly amendmentId: Id; readonly because: Id; readonly on: string }
  | {
      readonly type: 'composite.proposed';
      readonly compositeId: Id;
      readonly toBodyId: Id;
      readonly motionIds: readonly Id[];
      readonly title: string;
      readonly text: string;
      readonly on: string;
    }
  | { readonly type: 'composite.consented'; readonly compositeId: Id; readonly mover: MotionMover; readonly on: string }
  /** Every mover consented: the originals are withdrawn, the composite is a submitted motion (id motionId). */
  | {
      readonly type: 'composite.agreed';
      readonly compositeId: Id;
      readonly motionIds: readonly Id[];
      readonly motionId: Id;
      readonly on: string;
    }
  | {
      readonly type: 'motion.decided';
      readonly motionId: Id;
      readonly carried: boolean;
      /** The motion's final text, as amended. */
      readonly text: string;
      readonly vote: MeetingVote;
      readonly on: string;
    };

export type MotionCommand =
  | {
      readonly type: 'draftMotion';
      readonly motionId: Id;
      readonly toBodyId: Id;
      readonly title: string;
      readonly text: string;
      readonly on: string;
    }
  | { readonly type: 'cosignMotion'; readonly motionId: Id; readonly on: string }
  | {
      readonly type: 'submitMotion';
      readonly motionId: Id;
      readonly toBodyId: Id;
      readonly title: string;
      readonly text: string;
      readonly vote: VoteCount;
      readonly on: string;
    }
  | {
      readonly type: 'amendMotion';
      readonly amendmentId: Id;
      readonly motionId: Id;
      readonly target: AmendmentTarget;
      readonly fromLine: number;
      readonly toLine: number;
      readonly replacement: string;
      /** A body moves an amendment by its vote; a member gives null. */
      readonly vote: VoteCount | null;
      readonly on: string;
    }
  | {
      readonly type: 'proposeComposite';
      readonly compositeId: Id;
      readonly motionIds: readonly Id[];
      readonly title: string;
      readonly text: string;
      readonly on: string;
    }
  | { readonly type: 'consentToComposite'; readonly compositeId: Id; readonly on: string }
  | { readonly type: 'withdrawMotion'; readonly motionId: Id; readonly on: string }
  | { readonly type: 'decideAmendment'; readonly amendmentId: Id; readonly vote: VoteInput; readonly on: string }
  | { readonly type: 'decideMotion'; readonly motionId: Id; readonly vote: VoteInput; readonly on: string };

// ─── The slice ──────────────────────────────────────────────────────────────────────────

export type MotionStatus = 'drafted' | 'submitted' | 'withdrawn' | 'composited' | 'decided';

export interface MotionRecord {
  readonly id: Id;
  readonly toBodyId: Id;
  readonly title: string;
  /** The text as drafted (or as the composite was proposed). */
  readonly text: string;
  /** The current text's lines: amended as amendments to it carry. */
  readonly lines: readonly string[];
  /** Its movers: one, or for a composite every mover of the motions it merges. */
  readonly movers: readonly MotionMover[];
  readonly cosigners: readonly Id[];
  readonly status: MotionStatus;
  readonly draftedOn: string;
  readonly submittedOn: string | null;
  /** A body's motion: the vote by which it was moved. */
  readonly submitVote: RecordedVote | null;
  /** A composite: the motions it merges (else empty). */
  readonly compositeOf: readonly Id[];
  /** Merged into this composite. */
  readonly compositedInto: Id | null;
  readonly decision: { readonly carried: boolean; readonly on: string; readonly vote: MeetingVote } | null;
}

export type AmendmentStatus = 'pending' | 'carried' | 'lost' | 'fell';

export interface AmendmentRecord {
  readonly id: Id;
  readonly motionId: Id;
  readonly target: AmendmentTarget;
  /** The lines as the mover gave them (the record's), in the target's text on the day. */
  readonly fromLine: number;
  readonly toLine: number;
  readonly replacement: string;
  readonly mover: MotionMover;
  readonly submittedOn: string;
  readonly submitVote: RecordedVote | null;
  /** Order of submission (0, 1, …), across all motions. */
  readonly seq: number;
  /** Where it lies in the target's current text (shifted as other amendments to the target carry). */
  readonly current: LineRange;
  /** Its replacement's current lines (amended as amendments to it carry). */
  readonly lines: readonly string[];
  readonly status: AmendmentStatus;
  readonly decision: { readonly on: string; readonly vote: MeetingVote } | null;
  /** Fell: the carried amendment that made it fall. */
  readonly fellBecause: Id | null;
}

export interface CompositeRecord {
  readonly id: Id;
  readonly toBodyId: Id;
  readonly motionIds: readonly Id[];
  readonly title: string;
  readonly text: string;
  readonly proposedOn: string;
  /** Every mover of the motions merged: each must consent. */
  readonly movers: readonly MotionMover[];
  readonly consents: readonly MotionMover[];
  readonly status: 'proposed' | 'agreed';
}

/** This part's slice of the state: read-only maps (copied once per batch into a draft). */
export interface MotionSlice {
  readonly motions: ReadonlyMap<Id, MotionRecord>;
  readonly amendments: ReadonlyMap<Id, AmendmentRecord>;
  readonly composites: ReadonlyMap<Id, CompositeRecord>;
}

// ─── The fold ───────────────────────────────────────────────────────────────────────────

export function applyMotion(draft: GovernanceDraft, event: MotionEvent): void {
  const d = draft.motions;
  switch (event.type) {
    case 'motion.drafted':
      d.motions.set(event.motionId, {
        id: event.motionId,
        toBodyId: event.toBodyId,
        title: event.title,
        text: event.text,
        lines: splitLines(event.text),
        movers: [event.mover],
        cosigners: [],
        status: 'drafted',
        draftedOn: event.on,
        submittedOn: null,
        submitVote: null,
        compositeOf: [],
        compositedInto: null,
        decision: null,
      });
      return;
    case 'motion.cosigned': {
      const m = d.motions.get(event.motionId);
      if (m !== undefined) d.motions.set(m.id, { ...m, cosigners: [...m.cosigners, event.memberId] });
      return;
    }
    case 'motion.submitted': {
      const m = d.motions.get(event.motionId);
      if (m !== undefined)
        d.motions.set(m.id, { ...m, status: 'submitted', submittedOn: event.on, submitVote: event.vote });
      return;
    }
    case 'motion.withdrawn': {
      const m = d.motions.get(event.motionId);
      if (m !== undefined) d.motions.set(m.id, { ...m, status: 'withdrawn' });
      return;
    }
    case 'amendment.submitted':
      d.amendments.set(event.amendmentId, {
        id: event.amendmentId,
        motionId: event.motionId,
        target: event.target,
        fromLine: event.fromLine,
        toLine: event.toLine,
        replacement: event.replacement,
        mover: event.mover,
        submittedOn: event.on,
        submitVote: event.vote,
        seq: d.amendments.size,
        current: { fromLine: event.fromLine, toLine: event.toLine },
        lines: splitLines(event.replacement),
        status: 'pending',
        decision: null,
        fellBecause: null,
      });
      return;
    case 'amendment.decided': {
      const a = d.amendments.get(event.amendmentId);
      if (a === undefined) return;
      const decided: AmendmentRecord = {
        ...a,
        status: event.carried ? 'carried' : 'lost',
        decision: { on: event.on, vote: event.vote },
      };
      d.amendments.set(a.id, decided);
      if (event.carried) carry(d, decided);
      return;
    }
    case 'amendment.fell': {
      const a = d.amendments.get(event.amendmentId);
      if (a !== undefined) d.amendments.set(a.id, { ...a, status: 'fell', fellBecause: event.because });
      return;
    }
    case 'composite.proposed': {
      const movers = moversOf(d, event.motionIds);
      d.composites.set(event.compositeId, {
        id: event.compositeId,
        toBodyId: event.toBodyId,
        motionIds: event.motionIds,
        title: event.title,
        text: event.text,
        proposedOn: event.on,
        movers,
        consents: [],
        status: 'proposed',
      });
      return;
    }
    case 'composite.consented': {
      const c = d.composites.get(event.compositeId);
      if (c !== undefined) d.composites.set(c.id, { ...c, consents: [...c.consents, event.mover] });
      return;
    }
    case 'composite.agreed': {
      const c = d.composites.get(event.compositeId);
      if (c === undefined) return;
      d.composites.set(c.id, { ...c, status: 'agreed' });
      for (const id of event.motionIds) {
        const m = d.motions.get(id);
        if (m !== undefined) d.motions.set(id, { ...m, status: 'composited', compositedInto: event.motionId });
      }
      d.motions.set(event.motionId, {
        id: event.motionId,
        toBodyId: c.toBodyId,
        title: c.title,
        text: c.text,
        lines: splitLines(c.text),
        movers: c.movers,
        cosigners: [],
        status: 'submitted',
        draftedOn: c.proposedOn,
        submittedOn: event.on,
        submitVote: null,
        compositeOf: event.motionIds,
        compositedInto: null,
        decision: null,
      });
      return;
    }
    case 'motion.decided': {
      const m = d.motions.get(event.motionId);
      if (m !== undefined) {
        d.motions.set(m.id, {
          ...m,
          status: 'decided',
          decision: { carried: event.carried, on: event.on, vote: event.vote },
        });
      }
      return;
    }
  }
}

interface MotionMaps {
  motions: Map<Id, MotionRecord>;
  amendments: Map<Id, AmendmentRecord>;
}

function moversOf(d: { readonly motions: ReadonlyMap<Id, MotionRecord> }, motionIds: readonly Id[]): MotionMover[] {
  const movers: MotionMover[] = [];
  for (const id of motionIds) {
    for (const mover of d.motions.get(id)?.movers ?? []) if (!movers.includes(mover)) movers.push(mover);
  }
  return movers;
}

const targetKey = (t: AmendmentTarget): string => (t.kind === 'motion' ? '' : t.amendmentId);

/** Whether two amendments amend the same text (the same motion, or the same amendment). */
function sameTarget(a: AmendmentRecord, b: AmendmentRecord): boolean {
  return a.motionId === b.motionId && targetKey(a.target) === targetKey(b.target);
}

/**
 * A carried amendment changes its target's text; the other pending amendments to the same
 * target that do not overlap it keep their meaning, shifted by the change in length (those
 * that overlap fall: the decision's batch records it with amendment.fell).
 */
function carry(d: MotionMaps, a: AmendmentRecord): void {
  if (a.target.kind === 'motion') {
    const m = d.motions.get(a.motionId);
    if (m !== undefined) d.motions.set(m.id, { ...m, lines: replaceLines(m.lines, a.current, a.lines) });
  } else {
    const t = d.amendments.get(a.target.amendmentId);
    if (t !== undefined) d.amendments.set(t.id, { ...t, lines: replaceLines(t.lines, a.current, a.lines) });
  }
  for (const b of d.amendments.values()) {
    if (b.id === a.id || b.status !== 'pending' || !sameTarget(a, b) || rangesOverlap(a.current, b.current)) continue;
    d.amendments.set(b.id, { ...b, current: shiftRange(b.current, a.current, a.lines.length) });
  }
}

// ─── Queries ────────────────────────────────────────────────────────────────────────────

/** Whether an id is taken by a motion, an amendment or a composite (they share one namespace). */
export function motionItemExists(state: GovernanceState, id: Id): boolean {
  const s = state.motions;
  return s.motions.has(id) || s.amendments.has(id) || s.composites.has(id);
}

export interface MotionView extends MotionRecord {
  /** The current text, as amended. */
  readonly currentText: string;
  readonly numberedLines: readonly { readonly number: number; readonly text: string }[];
}

/** A motion with its current text and its numbered lines. */
export function motionOf(state: GovernanceState, id: Id): MotionView | undefined {
  const m = state.motions.motions.get(id);
  if (m === undefined) return undefined;
  return { ...m, currentText: joinLines(m.lines), numberedLines: m.lines.map((text, i) => ({ number: i + 1, text })) };
}

/** The motions addressed to a body, in the order drafted. */
export function motionsTo(state: GovernanceState, bodyId: Id): MotionRecord[] {
  return [...state.motions.motions.values()].filter((m) => m.toBodyId === bodyId);
}

/** The composites proposed to merge a motion, agreed or awaiting its movers' consent, in the order proposed. */
export function compositesOf(state: GovernanceState, motionId: Id): CompositeRecord[] {
  return [...state.motions.composites.values()].filter((c) => c.motionIds.includes(motionId));
}

/** Every amendment to a motion (and to its amendments), in the order submitted. */
export function amendmentsOf(state: GovernanceState, motionId: Id): AmendmentRecord[] {
  return [...state.motions.amendments.values()].filter((a) => a.motionId === motionId);
}

/**
 * The order of voting (Plenum's standing rule, Plenum governance.voting-order): the pending
 * amendments to a motion, then the motion. Of the amendments to one text (the motion's, or an
 * amendment's), those whose lines overlap (rangesOverlap, through one another) form a group;
 * groups come in the order of the first line they affect, and within a group amendments come
 * in the order submitted. Amendments to an amendment come before that amendment, in the same
 * order. Returns the ids, the motion's last; empty when the motion is not before its body.
 */
export function votingOrder(state: GovernanceState, motionId: Id): Id[] {
  const m = state.motions.motions.get(motionId);
  if (m?.status !== 'submitted') return [];
  const pending = amendmentsOf(state, motionId).filter((a) => a.status === 'pending');
  const byTarget = new Map<string, AmendmentRecord[]>();
  for (const a of pending) {
    const key = targetKey(a.target);
    byTarget.set(key, [...(byTarget.get(key) ?? []), a]);
  }
  const order: Id[] = [];
  const visit = (key: string): void => {
    for (const a of orderOfOneText(byTarget.get(key) ?? [])) {
      visit(a.id);
      order.push(a.id);
    }
  };
  visit('');
  order.push(motionId);
  return order;
}

function orderOfOneText(amendments: readonly AmendmentRecord[]): AmendmentRecord[] {
  // Groups of amendments that overlap through one another (union-find), then their order.
  const parent = amendments.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  for (let i = 0; i < amendments.length; i += 1) {
    for (let j = i + 1; j < amendments.length; j += 1) {
      const [a, b] = [amendments[i], amendments[j]];
      if (a !== undefined && b !== undefined && rangesOverlap(a.current, b.current)) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, AmendmentRecord[]>();
  amendments.forEach((a, i) => {
    const r = root(i);
    groups.set(r, [...(groups.get(r) ?? []), a]);
  });
  const firstLine = (g: readonly AmendmentRecord[]): number => Math.min(...g.map((a) => a.current.fromLine));
  const firstSeq = (g: readonly AmendmentRecord[]): number => Math.min(...g.map((a) => a.seq));
  return [...groups.values()]
    .map((g) => [...g].sort((a, b) => a.seq - b.seq))
    .sort((g, h) => firstLine(g) - firstLine(h) || firstSeq(g) - firstSeq(h))
    .flat();
}

// ─── The rules ──────────────────────────────────────────────────────────────────────────

export function decideMotion(ctx: Ctx, command: MotionCommand): Decision {
  switch (command.type) {
    case 'draftMotion':
      return draftMotion(ctx, command);
    case 'cosignMotion':
      return cosignMotion(ctx, command);
    case 'submitMotion':
      return submitMotion(ctx, command);
    case 'amendMotion':
      return amendMotion(ctx, command);
    case 'proposeComposite':
      return proposeComposite(ctx, command);
    case 'consentToComposite':
      return consentToComposite(ctx, command);
    case 'withdrawMotion':
      return withdrawMotion(ctx, command);
    case 'decideAmendment':
      return decideAmendment(ctx, command);
    case 'decideMotion':
      return decideOnMotion(ctx, command);
  }
}

type Cmd<T extends MotionCommand['type']> = Extract<MotionCommand, { type: T }>;

function isVoteCount(v: unknown): v is VoteCount {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return ['yes', 'no', 'abstain', 'present'].every((k) => Number.isSafeInteger(r[k]) && (r[k] as number) >= 0);
}

function isVoteInput(v: unknown): v is VoteInput {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  if (r['method'] === 'show-of-hands' || r['method'] === 'secret-ballot') return isVoteCount(r['count']);
  if (r['method'] !== 'roll-call' || !Array.isArray(r['roll']) || r['roll'].length > 100_000) return false;
  return r['roll'].every(
    (a: unknown) => typeof a === 'object' && a !== null && validId((a as Record<string, unknown>)['memberId']),
  );
}

/** A fresh id for a motion, an amendment or a composite: well-formed and not taken. */
function freshId(ctx: Ctx, id: unknown, field: string): Refusal | null {
  if (!validId(id)) return input(field);
  return motionItemExists(ctx.state, id) ? no(plenum('unique-id'), 'exists', { id }) : null;
}

function targetBody(ctx: Ctx, id: unknown): GovBody | Refusal {
  if (!validId(id)) return input('toBodyId');
  return ctx.state.bodies.get(id) ?? no(plenum('unknown'), 'unknownBody', { id });
}

/** Whether a body may put motions (and amendments) to `to`: one's unit lies within the other's. */
function bodiesRelated(ctx: Ctx, from: GovBody, to: GovBody): boolean {
  return isWithin(ctx.state, from.unitId, to.unitId) || isWithin(ctx.state, to.unitId, from.unitId);
}

/** A motion before its body: submitted and not decided, withdrawn or merged. */
function openMotion(ctx: Ctx, id: unknown): MotionRecord | Refusal {
  if (!validId(id)) return input('motionId');
  const m = ctx.state.motions.motions.get(id);
  if (m === undefined) return no(plenum('unknown'), 'motionUnknown', { id });
  if (m.status !== 'submitted') return no(cite(ctx.statute.motions), 'motionNotOpen', { id, status: m.status });
  return m;
}

function draftMotion(ctx: Ctx, c: Cmd<'draftMotion'>): Decision {
  const { statute, state } = ctx;
  const rule = cite(statute.motions);
  if (ctx.actor.kind !== 'member') return notAllowed(rule, actorName(ctx.actor));
  const taken = freshId(ctx, c.motionId, 'motionId');
  if (taken !== null) return taken;
  if (!validName(c.title)) return input('title');
  if (!validMotionText(c.text)) return input('text');
  const to = targetBody(ctx, c.toBodyId);
  if (isRefusal(to)) return to;
  const memberUnit = state.members.get(ctx.actor.id)?.unitId;
  if (memberUnit === undefined || !isWithin(state, memberUnit, to.unitId)) {
    return no(rule, 'motionOutsideBody', { who: actorName(ctx.actor), body: to.id });
  }
  const drafted = {
    type: 'motion.drafted',
    motionId: c.motionId,
    toBodyId: to.id,
    title: c.title,
    text: c.text,
    mover: actorName(ctx.actor),
    on: c.on,
  } as const;
  if (statute.motions.memberCosigners > 0) return ok([drafted]);
  return ok([drafted, { type: 'motion.submitted', motionId: c.motionId, vote: null, on: c.on }]);
}

function cosignMotion(ctx: Ctx, c: Cmd<'cosignMotion'>): Decision {
  const { statute, state } = ctx;
  const rule = cite(statute.motions);
  if (ctx.actor.kind !== 'member') return notAllowed(rule, actorName(ctx.actor));
  if (!validId(c.motionId)) return input('motionId');
  const m = state.motions.motions.get(c.motionId);
  if (m === undefined) return no(plenum('unknown'), 'motionUnknown', { id: c.motionId });
  if (m.status !== 'drafted') return no(rule, 'motionNotDrafted', { id: m.id, status: m.status });
  const signer = ctx.actor.id;
  if (m.movers.includes(`member:${signer}`)) return no(rule, 'motionCosignOwn');
  if (m.cosigners.includes(signer)) return no(rule, 'motionCosignedAlready');
  const to = state.bodies.get(m.toBodyId);
  const unit = state.members.get(signer)?.unitId;
  if (to === undefined || unit === undefined || !isWithin(state, unit, to.unitId)) {
    return no(rule, 'motionOutsideBody', { who: actorName(ctx.actor), body: m.toBodyId });
  }
  const cosigned = { type: 'motion.cosigned', motionId: m.id, memberId: signer, on: c.on } as const;
  if (m.cosigners.length + 1 < statute.motions.memberCosigners) return ok([cosigned]);
  return ok([cosigned, { type: 'motion.submitted', motionId: m.id, vote: null, on: c.on }]);
}

function submitMotion(ctx: Ctx, c: Cmd<'submitMotion'>): Decision {
  const { statute } = ctx;
  const rule = cite(statute.motions);
  const from = actingBody(ctx);
  if (from === undefined) return notAllowed(rule, actorName(ctx.actor));
  const taken = freshId(ctx, c.motionId, 'motionId');
  if (taken !== null) return taken;
  if (!validName(c.title)) return input('title');
  if (!validMotionText(c.text)) return input('text');
  if (!isVoteCount(c.vote)) return input('vote');
  const to = targetBody(ctx, c.toBodyId);
  if (isRefusal(to)) return to;
  if (!bodiesRelated(ctx, from, to)) return no(rule, 'motionBodiesApart', { who: from.id, body: to.id });
  const vote = decideVote(ctx, from, c.on, c.vote, statute.motions.bodyMajority, rule);
  if (!vote.ok) return vote;
  return ok([
    {
      type: 'motion.drafted',
      motionId: c.motionId,
      toBodyId: to.id,
      title: c.title,
      text: c.text,
      mover: actorName(ctx.actor),
      on: c.on,
    },
    { type: 'motion.submitted', motionId: c.motionId, vote: vote.value, on: c.on },
  ]);
}

function amendMotion(ctx: Ctx, c: Cmd<'amendMotion'>): Decision {
  const { statute, state } = ctx;
  const rule = cite(statute.motions);
  const taken = freshId(ctx, c.amendmentId, 'amendmentId');
  if (taken !== null) return taken;
  const m = openMotion(ctx, c.motionId);
  if (isRefusal(m)) return m;
  const to = state.bodies.get(m.toBodyId);
  if (to === undefined) return no(plenum('unknown'), 'unknownBody', { id: m.toBodyId });
  // Who moves it: a member of the body, or a body entitled to put motions to it, by its vote.
  let vote: RecordedVote | null = null;
  if (ctx.actor.kind === 'member') {
    if (c.vote !== null) return input('vote');
    if (!bodyMembers(state, to, c.on).includes(ctx.actor.id)) {
      return no(rule, 'amendmentNotInBody', { who: actorName(ctx.actor), body: to.id });
    }
  } else {
    const from = actingBody(ctx);
    if (from === undefined) return notAllowed(rule, actorName(ctx.actor));
    if (!bodiesRelated(ctx, from, to)) return no(rule, 'motionBodiesApart', { who: from.id, body: to.id });
    if (c.vote === null) return no(rule, 'voteNeeded');
    if (!isVoteCount(c.vote)) return input('vote');
    const decided = decideVote(ctx, from, c.on, c.vote, statute.motions.bodyMajority, rule);
    if (!decided.ok) return decided;
    vote = decided.value;
  }
  // What it amends, and whether its lines fit the target's current text.
  const t: unknown = c.target;
  if (typeof t !== 'object' || t === null) return input('target');
  let target: AmendmentTarget;
  let lines: readonly string[];
  const kind = (t as Record<string, unknown>)['kind'];
  if (kind === 'motion') {
    target = { kind: 'motion' };
    lines = m.lines;
  } else if (kind === 'amendment') {
    const targetId = (t as Record<string, unknown>)['amendmentId'];
    if (!validId(targetId)) return input('target');
    const a = state.motions.amendments.get(targetId);
    if (a?.motionId !== m.id) return no(plenum('unknown'), 'amendmentUnknown', { id: targetId });
    if (a.status !== 'pending') return no(rule, 'amendmentNotPending', { id: a.id, status: a.status });
    target = { kind: 'amendment', amendmentId: a.id };
    lines = a.lines;
  } else {
    return input('target');
  }
  if (!validMotionText(c.replacement, true)) return input('replacement');
  if (!Number.isSafeInteger(c.fromLine)) return input('fromLine');
  if (!Number.isSafeInteger(c.toLine)) return input('toLine');
  const range = { fromLine: c.fromLine, toLine: c.toLine };
  if (!rangeFits(range, lines.length)) {
    return no(plenum('line-numbers'), 'amendmentLines', {
      from: String(c.fromLine),
      to: String(c.toLine),
      lines: lines.length,
    });
  }
  const replacement = splitLines(c.replacement);
  if (replacement.length === 0 && c.toLine < c.fromLine) return no(plenum('line-numbers'), 'amendmentNothing');
  if (!linesFit(replaceLines(lines, range, replacement))) return no(plenum('motion-length'), 'motionTooLong');
  return ok([
    {
      type: 'amendment.submitted',
      amendmentId: c.amendmentId,
      motionId: m.id,
      target,
      fromLine: c.fromLine,
      toLine: c.toLine,
      replacement: c.replacement,
      mover: actorName(ctx.actor),
      vote,
      on: c.on,
    },
  ]);
}

function proposeComposite(ctx: Ctx, c: Cmd<'proposeComposite'>): Decision {
  const { statute } = ctx;
  const rule = cite(statute.motions);
  const by = actingBody(ctx);
  if (by === undefined) return notAllowed(rule, actorName(ctx.actor));
  const taken = freshId(ctx, c.compositeId, 'compositeId');
  if (taken !== null) return taken;
  if (!validName(c.title)) return input('title');
  if (!validMotionText(c.text)) return input('text');
  if (!Array.isArray(c.motionIds) || c.motionIds.length > 100) return input('motionIds');
  const ids: readonly unknown[] = c.motionIds;
  if (ids.length < 2 || new Set(ids).size !== ids.length) return no(rule, 'compositeMotions');
  const motionIds: Id[] = [];
  for (const id of ids) {
    const m = openMotion(ctx, id);
    if (isRefusal(m)) return m;
    if (m.toBodyId !== by.id) return notAllowed(rule, actorName(ctx.actor));
    motionIds.push(m.id);
  }
  return ok([
    {
      type: 'composite.proposed',
      compositeId: c.compositeId,
      toBodyId: by.id,
      motionIds,
      title: c.title,
      text: c.text,
      on: c.on,
    },
  ]);
}

function consentToComposite(ctx: Ctx, c: Cmd<'consentToComposite'>): Decision {
  const rule = cite(ctx.statute.motions);
  if (!validId(c.compositeId)) return input('compositeId');
  const composite = ctx.state.motions.composites.get(c.compositeId);
  if (composite === undefined) return no(plenum('unknown'), 'compositeUnknown', { id: c.compositeId });
  if (composite.status !== 'proposed') return no(rule, 'compositeClosed', { id: composite.id });
  const mover = actorName(ctx.actor);
  if (!composite.movers.includes(mover)) return no(rule, 'compositeNotMover', { who: mover });
  if (composite.consents.includes(mover)) return no(rule, 'compositeConsentedAlready');
  // The motions merged must still be before the body.
  for (const id of composite.motionIds) {
    const m = openMotion(ctx, id);
    if (isRefusal(m)) return m;
  }
  const consented = { type: 'composite.consented', compositeId: composite.id, mover, on: c.on } as const;
  if (composite.consents.length + 1 < composite.movers.length) return ok([consented]);
  return ok([
    consented,
    {
      type: 'composite.agreed',
      compositeId: composite.id,
      motionIds: composite.motionIds,
      motionId: composite.id,
      on: c.on,
    },
  ]);
}

function withdrawMotion(ctx: Ctx, c: Cmd<'withdrawMotion'>): Decision {
  const rule = cite(ctx.statute.motions);
  if (!validId(c.motionId)) return input('motionId');
  const m = ctx.state.motions.motions.get(c.motionId);
  if (m === undefined) return no(plenum('unknown'), 'motionUnknown', { id: c.motionId });
  if (!m.movers.includes(actorName(ctx.actor))) return no(rule, 'motionNotMover', { who: actorName(ctx.actor) });
  if (m.status !== 'drafted' && m.status !== 'submitted') {
    return no(rule, 'motionNotOpen', { id: m.id, status: m.status });
  }
  // A composite is its movers' joint motion: no one of them may withdraw it for the others.
  if (m.movers.length > 1) return no(rule, 'motionWithdrawComposite');
  return ok([{ type: 'motion.withdrawn', motionId: m.id, on: c.on }]);
}

/** The body a motion is addressed to, acting: it alone decides on the motion and its amendments. */
function decidingBody(ctx: Ctx, m: MotionRecord): GovBody | Refusal {
  const body = actingBody(ctx);
  if (body?.id !== m.toBodyId) return notAllowed(cite(ctx.statute.motions), actorName(ctx.actor));
  return body;
}

function decideAmendment(ctx: Ctx, c: Cmd<'decideAmendment'>): Decision {
  const { state, statute } = ctx;
  if (!validId(c.amendmentId)) return input('amendmentId');
  const a = state.motions.amendments.get(c.amendmentId);
  if (a === undefined) return no(plenum('unknown'), 'amendmentUnknown', { id: c.amendmentId });
  const m = openMotion(ctx, a.motionId);
  if (isRefusal(m)) return m;
  const body = decidingBody(ctx, m);
  if (isRefusal(body)) return body;
  if (a.status !== 'pending') return no(cite(statute.motions), 'amendmentNotPending', { id: a.id, status: a.status });
  const next = votingOrder(state, m.id)[0] ?? m.id;
  if (next !== a.id) return no(plenum('voting-order'), 'motionVoteOutOfOrder', { next });
  if (!isVoteInput(c.vote)) return input('vote');
  const vote = tallyVote(ctx, body, c.on, c.vote, statute.motions.majority, cite(statute.motions));
  if (!vote.ok) return vote;
  const decided = {
    type: 'amendment.decided',
    amendmentId: a.id,
    carried: vote.value.carried,
    vote: vote.value,
    on: c.on,
  } as const;
  if (!vote.value.carried) return ok([decided]);
  // Carried: the amendments to the same text that overlap it fall, and with them those that amend them.
  const pending = amendmentsOf(state, m.id).filter((b) => b.status === 'pending' && b.id !== a.id);
  const falling: Id[] = [];
  const fall = (id: Id): void => {
    falling.push(id);
    for (const b of pending) if (b.target.kind === 'amendment' && b.target.amendmentId === id) fall(b.id);
  };
  for (const b of pending) if (sameTarget(a, b) && rangesOverlap(a.current, b.current)) fall(b.id);
  return ok([
    decided,
    ...falling.map((id) => ({ type: 'amendment.fell', amendmentId: id, because: a.id, on: c.on }) as const),
  ]);
}

function decideOnMotion(ctx: Ctx, c: Cmd<'decideMotion'>): Decision {
  const { state, statute } = ctx;
  const m = openMotion(ctx, c.motionId);
  if (isRefusal(m)) return m;
  const body = decidingBody(ctx, m);
  if (isRefusal(body)) return body;
  const pending = votingOrder(state, m.id).length - 1;
  if (pending > 0) return no(plenum('voting-order'), 'motionAmendmentsPending', { count: pending });
  if (!isVoteInput(c.vote)) return input('vote');
  const vote = tallyVote(ctx, body, c.on, c.vote, statute.motions.majority, cite(statute.motions));
  if (!vote.ok) return vote;
  return ok([
    {
      type: 'motion.decided',
      motionId: m.id,
      carried: vote.value.carried,
      text: joinLines(m.lines),
      vote: vote.value,
      on: c.on,
    },
  ]);
}
