import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, fromHex, ok, toHex, utf8, type Id, type Refusal, type RuleCitation } from '@plenum/kernel';
import type { Penalty, Statute } from '../statute/statute.ts';
import { dayNumber, fromDayNumber, isDate } from '../governance/dates.ts';
import {
  actingBody,
  activeMember,
  actorName,
  bodyMembers,
  bodyOf,
  cite,
  input,
  isRefusal,
  no,
  notAllowed,
  plenum,
  tallyVote,
  validId,
  validText,
  type Ctx,
  type Decision,
  type MeetingVote,
  type VoteInput,
} from '../governance/common.ts';
import { endMandates, type GovBody, type GovernanceDraft, type GovernanceState } from '../governance/state.ts';
import { discussionItemKind } from './bulletin.ts';
import { speechExists } from './floor.ts';
import { motionItemExists } from './motions.ts';

export { CASE_EVENT_TYPES, CASE_COMMAND_TYPES, CASE_REFUSALS, EMPTY_CASE } from './discipline-model.ts';

/**
 * The engine's part for disciplinary cases with due process (G6): written charges delivered to
 * the accused, a written reply circulated with the charges to the members of the body that
 * decides, a hearing with notice, a decision by secret ballot, appeals up the statute's chain,
 * and a penalty that takes effect only when no appeal is left.
 *
 * Decisions of this part (documented in docs/record-format.md by the lead):
 * - The competent body is the body of kind `discipline.by` in the accused's unit, or the nearest
 *   above it. Charges may be brought by any member or any body; not by the founders.
 * - One open case per accused at a time: a second case against a member waits until the first
 *   is closed, so that the accused answers one set of charges at a time and no body can bury a
 *   defence under parallel cases (refusal caseOpenAlready).
 * - When the statute protects opinions (`discipline.protects-opinions`), a charge may not rest
 *   on any item of the internal discussion — a bulletin contribution, a platform, a letter, a
 *   motion, a speech, a tendency: refused citing that clause. Without it (the 1921 rule) such
 *   charges are accepted, openly on the record.
 * - A case is confidential when its charges are sealed ({kind: 'commitment'}: the SHA-256 of a
 *   salt and the text, held by the parties, see commitTo). Then every description and the reply
 *   are sealed too; references to record items stay in clear (they name public items, and the
 *   protection of opinions must be checkable). Existence, parties, bodies and every date stay public.
 * - The hearing is scheduled by the competent body with `notice-days` of notice, after the reply
 *   deadline unless the reply is in; it may be rescheduled (with fresh notice) until it is held.
 * - The decision needs the hearing (held on its day, with or without the accused) and, if no
 *   reply came, the reply deadline passed; it is a secret ballot (a show of hands is refused)
 *   on the proposed penalty: if the vote does not carry, the accused is acquitted.
 * - The appeal goes to the next kind in `discipline.appeals` after the kind that decided (the
 *   nearest body of that kind at or above the competent body's unit; kinds without such a body
 *   are passed over). The appeal body votes by secret ballot on upholding: carried = upheld,
 *   otherwise the decision is quashed and the case closed without penalty. While an appeal may
 *   still be lodged, or one is pending, the penalty is not in force.
 * - A suspension is recorded only (the member stays a member; the record and isSuspended show
 *   it); an expulsion ends the membership (status 'expelled') and the member's mandates.
 */

// ─── Shapes ─────────────────────────────────────────────────────────────────────────────

/** A text in the record: in clear, or sealed by its commitment (SHA-256 hex of salt ‖ text, see commitTo). */
export type CaseDetail =
  { readonly kind: 'text'; readonly text: string } | { readonly kind: 'commitment'; readonly commitment: string };

/** A ground of the charges: conduct described, or an item of the record (e.g. `platform:<id>`). */
export type CaseGround =
  { readonly kind: 'conduct'; readonly description: CaseDetail } | { readonly kind: 'record'; readonly ref: string };

/** What a body may decide: a penalty of the statute, or none. */
export type CasePenalty = 'none' | Penalty;

export type CaseEvent =
  | {
      readonly type: 'case.opened';
      readonly caseId: Id;
      readonly accusedId: Id;
      /** The competent body, which hears and decides. */
      readonly bodyId: Id;
      /** Who brought the charges (an actor reference: member:<id> or body:<id>). */
      readonly by: string;
      readonly charges: CaseDetail;
      readonly grounds: readonly CaseGround[];
      readonly confidential: boolean;
      /** The last day the accused may reply in writing. */
      readonly replyBy: string;
      readonly on: string;
    }
  | {
      readonly type: 'case.replied';
      readonly caseId: Id;
      readonly reply: CaseDetail;
      /** The members of the competent body to whom the reply is circulated with the charges. */
      readonly recipients: readonly Id[];
      readonly on: string;
    }
  | { readonly type: 'case.hearing-scheduled'; readonly caseId: Id; readonly hearingOn: string; readonly on: string }
  | { readonly type: 'case.heard'; readonly caseId: Id; readonly accusedPresent: boolean; readonly on: string }
  | {
      readonly type: 'case.decided';
      readonly caseId: Id;
      /** The penalty put to the vote. */
      readonly penalty: CasePenalty;
      /** Whether the vote carried it (if not, the accused is acquitted). */
      readonly carried: boolean;
      readonly vote: MeetingVote;
      /** The last day to appeal, or null when there is nothing to appeal or nobody to appeal to. */
      readonly appealBy: string | null;
      readonly on: string;
    }
  | { readonly type: 'case.appealed'; readonly caseId: Id; readonly toBodyId: Id; readonly on: string }
  | {
      readonly type: 'case.appeal-decided';
      readonly caseId: Id;
      readonly bodyId: Id;
      /** Upheld (the vote carried): the penalty stands; otherwise quashed, the case closed without penalty. */
      readonly upheld: boolean;
      readonly vote: MeetingVote;
      /** The last day to appeal to the next level, or null if there is none (or the decision was quashed). */
      readonly appealBy: string | null;
      readonly on: string;
    }
  | {
      readonly type: 'case.penalty-effective';
      readonly caseId: Id;
      readonly memberId: Id;
      readonly penalty: Penalty;
      readonly on: string;
    };

export type CaseCommand =
  | {
      readonly type: 'bringCharges';
      readonly caseId: Id;
      readonly accusedId: Id;
      readonly charges: CaseDetail;
      readonly grounds: readonly CaseGround[];
      readonly on: string;
    }
  | { readonly type: 'replyToCharges'; readonly caseId: Id; readonly reply: CaseDetail; readonly on: string }
  | { readonly type: 'scheduleHearing'; readonly caseId: Id; readonly hearingOn: string; readonly on: string }
  | { readonly type: 'holdHearing'; readonly caseId: Id; readonly accusedPresent: boolean; readonly on: string }
  | {
      readonly type: 'decideCase';
      readonly caseId: Id;
      readonly penalty: CasePenalty;
      readonly vote: VoteInput;
      readonly on: string;
    }
  | { readonly type: 'appealDecision'; readonly caseId: Id; readonly on: string }
  | { readonly type: 'decideAppeal'; readonly caseId: Id; readonly vote: VoteInput; readonly on: string }
  | { readonly type: 'enforcePenalty'; readonly caseId: Id; readonly on: string };

/** The longest text of charges, a description or a reply. */
export const MAX_CASE_TEXT = 20_000;
/** The most grounds one set of charges may list. */
export const MAX_CASE_GROUNDS = 50;

export interface CaseAppeal {
  readonly toBodyId: Id;
  readonly on: string;
  readonly decided: { readonly upheld: boolean; readonly vote: MeetingVote; readonly on: string } | null;
}

/** Where a case stands: open (charges, reply, hearing), heard, decided, appealed (pending), closed. */
export type CaseStage = 'open' | 'heard' | 'decided' | 'appealed' | 'closed';

/** How a closed case ended: acquitted (the vote did not carry, or no penalty), quashed on appeal, or a penalty in force. */
export type CaseOutcome = 'acquitted' | 'quashed' | 'in-force';

export interface DisciplinaryCase {
  readonly id: Id;
  readonly accusedId: Id;
  readonly bodyId: Id;
  readonly by: string;
  readonly charges: CaseDetail;
  readonly grounds: readonly CaseGround[];
  readonly confidential: boolean;
  readonly openedOn: string;
  readonly replyBy: string;
  readonly reply: { readonly reply: CaseDetail; readonly recipients: readonly Id[]; readonly on: string } | null;
  /** The day of the hearing as last scheduled, and when it was scheduled. */
  readonly hearing: { readonly hearingOn: string; readonly on: string } | null;
  readonly heard: { readonly accusedPresent: boolean; readonly on: string } | null;
  readonly decision: {
    readonly penalty: CasePenalty;
    readonly carried: boolean;
    readonly vote: MeetingVote;
    readonly on: string;
  } | null;
  readonly appeals: readonly CaseAppeal[];
  /** The last day to lodge the next appeal, while one may be lodged. */
  readonly appealBy: string | null;
  readonly effective: { readonly penalty: Penalty; readonly on: string } | null;
  readonly stage: CaseStage;
  readonly outcome: CaseOutcome | null;
}

/** This part's slice of the state: read-only maps (copied once per batch into a draft). */
export interface CaseSlice {
  readonly byId: ReadonlyMap<Id, DisciplinaryCase>;
}

// ─── Commitments ────────────────────────────────────────────────────────────────────────

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The commitment to a confidential text: SHA-256 of salt ‖ text (UTF-8), in lowercase hex.
 * The salt is 32 random bytes written as 64 lowercase hex characters: a fixed length, so that
 * no one can move characters between salt and text and open the commitment to another text.
 * Pure: the parties draw the salt and keep it.
 */
export function commitTo(salt: string, text: string): string {
  if (!HEX64.test(salt)) throw new RangeError('a commitment salt is 32 bytes in lowercase hex');
  return toHex(sha256(concatBytes(fromHex(salt), utf8(text))));
}

/** Whether a sealed detail opens to `text` with `salt` (a text in clear: whether it is that text). */
export function opensTo(detail: CaseDetail, salt: string, text: string): boolean {
  if (detail.kind === 'text') return detail.text === text;
  return HEX64.test(salt) && commitTo(salt, text) === detail.commitment;
}

// ─── The fold ───────────────────────────────────────────────────────────────────────────

export function applyCase(draft: GovernanceDraft, event: CaseEvent): void {
  const cases = draft.cases.byId;
  if (event.type === 'case.opened') {
    cases.set(event.caseId, {
      id: event.caseId,
      accusedId: event.accusedId,
      bodyId: event.bodyId,
      by: event.by,
      charges: event.charges,
      grounds: event.grounds,
      confidential: event.confidential,
      openedOn: event.on,
      replyBy: event.replyBy,
      reply: null,
      hearing: null,
      heard: null,
      decision: null,
      appeals: [],
      appealBy: null,
      effective: null,
      stage: 'open',
      outcome: null,
    });
    return;
  }
  const c = cases.get(event.caseId);
  if (c === undefined) return;
  switch (event.type) {
    case 'case.replied':
      cases.set(c.id, { ...c, reply: { reply: event.reply, recipients: event.recipients, on: event.on } });
      return;
    case 'case.hearing-scheduled':
      cases.set(c.id, { ...c, hearing: { hearingOn: event.hearingOn, on: event.on } });
      return;
    case 'case.heard':
      cases.set(c.id, { ...c, heard: { accusedPresent: event.accusedPresent, on: event.on }, stage: 'heard' });
      return;
    case 'case.decided': {
      const penalised = event.carried && event.penalty !== 'none';
      cases.set(c.id, {
        ...c,
        decision: { penalty: event.penalty, carried: event.carried, vote: event.vote, on: event.on },
        appealBy: event.appealBy,
        stage: penalised ? 'decided' : 'closed',
        outcome: penalised ? null : 'acquitted',
      });
      return;
    }
    case 'case.appealed':
      cases.set(c.id, {
        ...c,
        appeals: [...c.appeals, { toBodyId: event.toBodyId, on: event.on, decided: null }],
        appealBy: null,
        stage: 'appealed',
      });
      return;
    case 'case.appeal-decided': {
      const decided = { upheld: event.upheld, vote: event.vote, on: event.on };
      cases.set(c.id, {
        ...c,
        appeals: c.appeals.map((a, i) => (i === c.appeals.length - 1 ? { ...a, decided } : a)),
        appealBy: event.appealBy,
        stage: event.upheld ? 'decided' : 'closed',
        outcome: event.upheld ? null : 'quashed',
      });
      return;
    }
    case 'case.penalty-effective': {
      cases.set(c.id, {
        ...c,
        effective: { penalty: event.penalty, on: event.on },
        appealBy: null,
        stage: 'closed',
        outcome: 'in-force',
      });
      if (event.penalty !== 'expulsion') return;
      const member = draft.members.get(event.memberId);
      const last = member?.periods.at(-1);
      if (member === undefined || last?.to !== null) return;
      endMandates(draft, member.id, event.on, 'membership-ended');
      draft.members.set(member.id, {
        ...member,
        periods: [...member.periods.slice(0, -1), { ...last, to: event.on }],
        status: 'expelled',
      });
      return;
    }
  }
}

// ─── Queries ────────────────────────────────────────────────────────────────────────────

export function caseOf(state: GovernanceState, id: Id): DisciplinaryCase | undefined {
  return state.cases.byId.get(id);
}

/** Every case against a member, oldest first. */
export function casesOf(state: GovernanceState, memberId: Id): DisciplinaryCase[] {
  return [...state.cases.byId.values()].filter((c) => c.accusedId === memberId);
}

/** Whether a suspension is in force against the member (recorded; it takes away no right by itself). */
export function isSuspended(state: GovernanceState, memberId: Id): boolean {
  return casesOf(state, memberId).some((c) => c.effective?.penalty === 'suspension');
}

/** A step of a case, by its day: what anyone may see, confidential or not. */
export interface CaseStep {
  readonly step:
    | 'opened'
    | 'replied'
    | 'hearing-scheduled'
    | 'heard'
    | 'decided'
    | 'appealed'
    | 'appeal-decided'
    | 'penalty-effective';
  readonly on: string;
}

/** A case as anyone may see it: for a confidential case, no charges, grounds or reply, only its steps, dates and outcome. */
export interface PublicCase {
  readonly id: Id;
  readonly accusedId: Id;
  readonly bodyId: Id;
  readonly confidential: boolean;
  readonly openedOn: string;
  readonly replyBy: string;
  readonly hearingOn: string | null;
  readonly appealBy: string | null;
  readonly steps: readonly CaseStep[];
  readonly stage: CaseStage;
  readonly outcome: CaseOutcome | null;
  readonly penalty: CasePenalty | null;
  readonly charges: CaseDetail | null;
  readonly grounds: readonly CaseGround[] | null;
  readonly reply: CaseDetail | null;
}

export function publicCaseView(c: DisciplinaryCase): PublicCase {
  const steps: CaseStep[] = [{ step: 'opened', on: c.openedOn }];
  if (c.reply !== null) steps.push({ step: 'replied', on: c.reply.on });
  if (c.hearing !== null) steps.push({ step: 'hearing-scheduled', on: c.hearing.on });
  if (c.heard !== null) steps.push({ step: 'heard', on: c.heard.on });
  if (c.decision !== null) steps.push({ step: 'decided', on: c.decision.on });
  for (const a of c.appeals) {
    steps.push({ step: 'appealed', on: a.on });
    if (a.decided !== null) steps.push({ step: 'appeal-decided', on: a.decided.on });
  }
  if (c.effective !== null) steps.push({ step: 'penalty-effective', on: c.effective.on });
  steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const open = !c.confidential;
  return {
    id: c.id,
    accusedId: c.accusedId,
    bodyId: c.bodyId,
    confidential: c.confidential,
    openedOn: c.openedOn,
    replyBy: c.replyBy,
    hearingOn: c.hearing?.hearingOn ?? null,
    appealBy: c.appealBy,
    steps,
    stage: c.stage,
    outcome: c.outcome,
    penalty: c.decision?.penalty ?? null,
    charges: open ? c.charges : null,
    grounds: open ? c.grounds : null,
    reply: open ? (c.reply?.reply ?? null) : null,
  };
}

// ─── The rules ──────────────────────────────────────────────────────────────────────────

export function decideCase(ctx: Ctx, command: CaseCommand): Decision {
  switch (command.type) {
    case 'bringCharges':
      return bringCharges(ctx, command);
    case 'replyToCharges':
      return replyToCharges(ctx, command);
    case 'scheduleHearing':
      return scheduleHearing(ctx, command);
    case 'holdHearing':
      return holdHearing(ctx, command);
    case 'decideCase':
      return decideOnCase(ctx, command);
    case 'appealDecision':
      return appealDecision(ctx, command);
    case 'decideAppeal':
      return decideAppeal(ctx, command);
    case 'enforcePenalty':
      return enforcePenalty(ctx, command);
  }
}

type Cmd<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;

const addDays = (on: string, days: number): string => fromDayNumber(dayNumber(on) + days);

/** The body of `kind` in unit `unitId` or the nearest unit above it. */
export function competentBody(state: GovernanceState, kind: string, unitId: Id): GovBody | undefined {
  for (
    let u = state.units.get(unitId);
    u !== undefined;
    u = u.parentId === null ? undefined : state.units.get(u.parentId)
  ) {
    const found = bodyOf(state, kind, u.id);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The body a decision of the case is appealed to next: the next kind in the statute's appeals
 * after the kind of the body that decided last, nearest at or above the competent body's unit.
 */
export function nextAppealBody(state: GovernanceState, statute: Statute, c: DisciplinaryCase): GovBody | undefined {
  const competent = state.bodies.get(c.bodyId);
  if (competent === undefined) return undefined;
  const lastAppeal = c.appeals.at(-1);
  const last = lastAppeal === undefined ? competent : state.bodies.get(lastAppeal.toBodyId);
  if (last === undefined) return undefined;
  const kinds = statute.discipline.appeals;
  const used = new Set<Id>([competent.id, ...c.appeals.map((a) => a.toBodyId)]);
  for (let i = kinds.indexOf(last.kind) + 1; i < kinds.length; i += 1) {
    const kind = kinds[i];
    const found = kind === undefined ? undefined : competentBody(state, kind, competent.unitId);
    if (found !== undefined && !used.has(found.id)) return found;
  }
  return undefined;
}

function validDetail(value: unknown): value is CaseDetail {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Record<string, unknown>;
  const keys = Object.keys(d).sort().join(',');
  if (d['kind'] === 'text') return keys === 'kind,text' && validText(d['text'], MAX_CASE_TEXT);
  if (d['kind'] === 'commitment')
    return keys === 'commitment,kind' && typeof d['commitment'] === 'string' && HEX64.test(d['commitment']);
  return false;
}

const REF =
  /^(bulletin|platform|letter|motion|tendency):([a-z][a-z0-9_-]{0,63})$|^speech:([a-z][a-z0-9_-]{0,63}):([1-9][0-9]{0,8})$/;

/** Whether `ref` names an item of the record in the form bulletin:<id>, platform:<id>, letter:<id>, motion:<id>, speech:<meetingId>:<n> or tendency:<id>. */
export function isRecordRef(ref: unknown): ref is string {
  return typeof ref === 'string' && REF.test(ref);
}

/** Whether the record holds the item a reference names (each part's own lookup). */
export function recordItemExists(state: GovernanceState, ref: string): boolean {
  const colon = ref.indexOf(':');
  const kind = ref.slice(0, colon);
  const id = ref.slice(colon + 1);
  switch (kind) {
    case 'tendency':
      return state.tendencies.has(id);
    case 'motion':
      return motionItemExists(state, id);
    case 'speech':
      return speechExists(state, ref);
    default:
      return discussionItemKind(state, ref) !== undefined;
  }
}

function validGround(value: unknown): value is CaseGround {
  if (typeof value !== 'object' || value === null) return false;
  const g = value as Record<string, unknown>;
  const keys = Object.keys(g).sort().join(',');
  if (g['kind'] === 'conduct') return keys === 'description,kind' && validDetail(g['description']);
  if (g['kind'] === 'record') return keys === 'kind,ref' && isRecordRef(g['ref']);
  return false;
}

function validVote(value: unknown): value is VoteInput {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v['method'] === 'roll-call') {
    const roll = v['roll'];
    return (
      Array.isArray(roll) &&
      roll.length <= 100_000 &&
      roll.every(
        (a: unknown) => typeof a === 'object' && a !== null && validId((a as Record<string, unknown>)['memberId']),
      )
    );
  }
  if (v['method'] !== 'show-of-hands' && v['method'] !== 'secret-ballot') return false;
  const count = v['count'];
  if (typeof count !== 'object' || count === null) return false;
  const n = count as Record<string, unknown>;
  return ['yes', 'no', 'abstain', 'present'].every((k) => typeof n[k] === 'number');
}

/** The case a command names, or the refusal if it is malformed or unknown. */
function findCase(ctx: Ctx, caseId: unknown): DisciplinaryCase | Refusal {
  if (!validId(caseId)) return input('caseId');
  return ctx.state.cases.byId.get(caseId) ?? no(plenum('unknown'), 'caseUnknown', { id: caseId });
}

/** Whether the acting body is the case's competent body. */
function byCompetentBody(ctx: Ctx, c: DisciplinaryCase, rule: RuleCitation): Refusal | null {
  return actingBody(ctx)?.id === c.bodyId ? null : notAllowed(rule, actorName(ctx.actor));
}

function bringCharges(ctx: Ctx, c: Cmd<'bringCharges'>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.discipline);
  if (!validId(c.caseId)) return input('caseId');
  if (!validId(c.accusedId)) return input('accusedId');
  if (!validDetail(c.charges)) return input('charges');
  if (!Array.isArray(c.grounds) || c.grounds.length === 0 || c.grounds.length > MAX_CASE_GROUNDS)
    return input('grounds');
  if (!c.grounds.every(validGround)) return input('grounds');
  if (ctx.actor.kind !== 'member' && ctx.actor.kind !== 'body') return notAllowed(rule, actorName(ctx.actor));
  if (state.cases.byId.has(c.caseId)) return no(plenum('unique-id'), 'exists', { id: c.caseId });
  const accused = activeMember(ctx, c.accusedId, c.on);
  if ('ok' in accused) return accused;
  const open = casesOf(state, accused.id).find((k) => k.stage !== 'closed');
  if (open !== undefined) return no(plenum('one-case'), 'caseOpenAlready', { member: accused.id, id: open.id });
  const competent = competentBody(state, statute.discipline.by, accused.unitId);
  if (competent === undefined) return no(rule, 'caseNoBody', { kind: statute.discipline.by });
  const confidential = c.charges.kind === 'commitment';
  const sealed = (d: CaseDetail): boolean => (d.kind === 'commitment') === confidential;
  if (!c.grounds.every((g) => g.kind === 'record' || sealed(g.description)))
    return no(plenum('confidential-case'), 'caseConfidentialMix');
  const protect = statute.discipline.protectsOpinions;
  for (const g of c.grounds) {
    if (g.kind !== 'record') continue;
    if (protect !== undefined) return no(cite(protect), 'caseProtectedOpinion', { ref: g.ref });
    if (!recordItemExists(state, g.ref)) return no(plenum('unknown'), 'caseRecordUnknown', { ref: g.ref });
  }
  return ok([
    {
      type: 'case.opened',
      caseId: c.caseId,
      accusedId: accused.id,
      bodyId: competent.id,
      by: actorName(ctx.actor),
      charges: copyDetail(c.charges),
      grounds: c.grounds.map((g) =>
        g.kind === 'record'
          ? { kind: 'record', ref: g.ref }
          : { kind: 'conduct', description: copyDetail(g.description) },
      ),
      confidential,
      replyBy: addDays(c.on, statute.discipline.replyDays),
      on: c.on,
    },
  ]);
}

/** A detail with only its own fields (what reaches the record is exactly the public format). */
function copyDetail(d: CaseDetail): CaseDetail {
  return d.kind === 'text' ? { kind: 'text', text: d.text } : { kind: 'commitment', commitment: d.commitment };
}

function replyToCharges(ctx: Ctx, c: Cmd<'replyToCharges'>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.discipline);
  const found = findCase(ctx, c.caseId);
  if (isRefusal(found)) return found;
  if (!validDetail(c.reply)) return input('reply');
  if (ctx.actor.kind !== 'member' || ctx.actor.id !== found.accusedId) return notAllowed(rule, actorName(ctx.actor));
  if (found.stage === 'closed') return no(rule, 'caseClosed', { id: found.id });
  if (found.reply !== null) return no(rule, 'caseRepliedAlready');
  if (c.on > found.replyBy) return no(rule, 'caseReplyLate', { replyBy: found.replyBy });
  if ((c.reply.kind === 'commitment') !== found.confidential)
    return no(plenum('confidential-case'), 'caseConfidentialMix');
  const competent = state.bodies.get(found.bodyId);
  const recipients =
    competent === undefined ? [] : bodyMembers(state, competent, c.on).filter((m) => m !== found.accusedId);
  return ok([{ type: 'case.replied', caseId: found.id, reply: copyDetail(c.reply), recipients, on: c.on }]);
}

function scheduleHearing(ctx: Ctx, c: Cmd<'scheduleHearing'>): Decision {
  const { statute } = ctx;
  const rule = cite(statute.discipline);
  const found = findCase(ctx, c.caseId);
  if (isRefusal(found)) return found;
  if (!isDate(c.hearingOn)) return input('hearingOn');
  const refusal = byCompetentBody(ctx, found, rule);
  if (refusal !== null) return refusal;
  if (found.stage === 'closed') return no(rule, 'caseClosed', { id: found.id });
  if (found.heard !== null) return no(rule, 'caseHeardAlready');
  const notice = addDays(c.on, statute.discipline.noticeDays);
  const afterReply = found.reply === null ? addDays(found.replyBy, 1) : notice;
  const earliest = notice > afterReply ? notice : afterReply;
  if (c.hearingOn < earliest) return no(rule, 'caseNotice', { hearingOn: c.hearingOn, earliest });
  return ok([{ type: 'case.hearing-scheduled', caseId: found.id, hearingOn: c.hearingOn, on: c.on }]);
}

function holdHearing(ctx: Ctx, c: Cmd<'holdHearing'>): Decision {
  const rule = cite(ctx.statute.discipline);
  const found = findCase(ctx, c.caseId);
  if (isRefusal(found)) return found;
  if (typeof c.accusedPresent !== 'boolean') return input('accusedPresent');
  const refusal = byCompetentBody(ctx, found, rule);
  if (refusal !== null) return refusal;
  if (found.stage === 'closed') return no(rule, 'caseClosed', { id: found.id });
  if (found.heard !== null) return no(rule, 'caseHeardAlready');
  if (found.hearing === null) return no(rule, 'caseNoHearing');
  if (c.on !== found.hearing.hearingOn) return no(rule, 'caseHearingDay', { hearingOn: found.hearing.hearingOn });
  return ok([{ type: 'case.heard', caseId: found.id, accusedPresent: c.accusedPresent, on: c.on }]);
}

function decideOnCase(ctx: Ctx, c: Cmd<'decideCase'>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.discipline);
  const found = findCase(ctx, c.caseId);
  if (isRefusal(found)) return found;
  const penalties: readonly string[] = ['none', ...statute.discipline.penalties];
  if (typeof c.penalty !== 'string' || !['none', 'warning', 'suspension', 'expulsion'].includes(c.penalty))
    return input('penalty');
  if (!validVote(c.vote)) return input('vote');
  const refusal = byCompetentBody(ctx, found, rule);
  if (refusal !== null) return refusal;
  if (found.decision !== null) return no(rule, 'caseDecidedAlready');
  if (found.stage === 'closed') return no(rule, 'caseClosed', { id: found.id });
  if (found.reply === null && c.on <= found.replyBy) return no(rule, 'caseReplyPending', { replyBy: found.replyBy });
  if (found.heard === null) return no(rule, 'caseNotHeard');
  if (!penalties.includes(c.penalty)) return no(rule, 'casePenalty', { penalty: c.penalty });
  const body = state.bodies.get(found.bodyId);
  if (body === undefined) return no(rule, 'caseNoBody', { kind: statute.discipline.by });
  const vote = tallyVote(ctx, body, c.on, c.vote, statute.discipline.majority, rule, 'secret-ballot');
  if (!vote.ok) return vote;
  const penalised = vote.value.carried && c.penalty !== 'none';
  const next = penalised ? nextAppealBody(state, statute, found) : undefined;
  return ok([
    {
      type: 'case.decided',
      caseId: found.id,
      penalty: c.penalty,
      carried: vote.value.carried,
      vote: vote.value,
      appealBy: next === undefined ? null : addDays(c.on, statute.discipline.appealDays),
      on: c.on,
    },
  ]);
}

function appealDecision(ctx: Ctx, c: Cmd<'appealDecision'>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.discipline);
  const found = findCase(ctx, c.caseId);
  if (isRefusal(found)) return found;
  if (ctx.actor.kind !== 'member' || ctx.actor.id !== found.accusedId) return notAllowed(rule, actorName(ctx.actor));
  if (found.decision === null) return no(rule, 'caseNotDecided');
  if (found.stage === 'appealed') return no(rule, 'caseAppealPending');
  if (found.stage === 'closed') return no(rule, 'caseClosed', { id: found.id });
  const to = nextAppealBody(state, statute, found);
  if (found.appealBy === null || to === undefined) return no(rule, 'caseNotAppealable');
  if (c.on > found.appealBy) return no(rule, 'caseAppealLate', { appealBy: found.appealBy });
  return ok([{ type: 'case.appealed', caseId: found.id, toBodyId: to.id, on: c.on }]);
}

function decideAppeal(ctx: Ctx, c: Cmd<'decideAppeal'>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.discipline);
  const found = findCase(ctx, c.caseId);
  if (isRefusal(found)) return found;
  if (!validVote(c.vote)) return input('vote');
  const pending = found.appeals.at(-1);
  if (found.stage !== 'appealed' || pending?.decided !== null) return no(rule, 'caseNoAppeal');
  const body = actingBody(ctx);
  if (body?.id !== pending.toBodyId) return notAllowed(rule, actorName(ctx.actor));
  const vote = tallyVote(ctx, body, c.on, c.vote, statute.discipline.majority, rule, 'secret-ballot');
  if (!vote.ok) return vote;
  const upheld = vote.value.carried;
  const next = upheld ? nextAppealBody(state, statute, found) : undefined;
  return ok([
    {
      type: 'case.appeal-decided',
      caseId: found.id,
      bodyId: body.id,
      upheld,
      vote: vote.value,
      appealBy: next === undefined ? null : addDays(c.on, statute.discipline.appealDays),
      on: c.on,
    },
  ]);
}

function enforcePenalty(ctx: Ctx, c: Cmd<'enforcePenalty'>): Decision {
  const rule = cite(ctx.statute.discipline);
  const found = findCase(ctx, c.caseId);
  if (isRefusal(found)) return found;
  const refusal = byCompetentBody(ctx, found, rule);
  if (refusal !== null) return refusal;
  if (found.decision === null) return no(rule, 'caseNotDecided');
  if (found.stage === 'appealed') return no(rule, 'caseAppealPending');
  if (found.stage === 'closed') return no(rule, 'caseClosed', { id: found.id });
  if (found.appealBy !== null && c.on <= found.appealBy)
    return no(rule, 'caseAppealOpen', { appealBy: found.appealBy });
  const penalty = found.decision.penalty;
  // A case still open after its decision was carried with a penalty (acquittals close at once).
  if (penalty === 'none') return no(rule, 'caseClosed', { id: found.id });
  return ok([{ type: 'case.penalty-effective', caseId: found.id, memberId: found.accusedId, penalty, on: c.on }]);
}
