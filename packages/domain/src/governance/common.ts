import { isId, ok, refused, type Id, type Refusal, type Result, type RuleCitation } from '@plenum/kernel';
import { decideMajority } from '@plenum/tally';
import { citeRule, statuteRule, type Clause, type Statute } from '../statute/statute.ts';
import { dayNumber, fromDayNumber } from './dates.ts';
import {
  isMandateActive,
  isMemberOn,
  type GovBody,
  type Mandate,
  type GovMember,
  type GovernanceEvent,
  type GovernanceState,
  type RecordedVote,
} from './state.ts';

/**
 * What every part of the rules engine shares: who acts, the context a command is decided
 * in, refusals that cite their clause, the members of a body on a day, and a body's vote
 * (quorum, then the statute's majority). The engine's parts (decide.ts for the organisation,
 * ../congress/ for congresses, discussion, motions, meetings and cases) import from here.
 */
export type GovActor =
  | { readonly kind: 'member'; readonly id: Id }
  | { readonly kind: 'body'; readonly id: Id }
  | { readonly kind: 'applicant'; readonly id: Id }
  | { readonly kind: 'founders' }
  | { readonly kind: 'operator' }
  /** The ballot box: a secret ballot, signed by its credential rather than by a member. */
  | { readonly kind: 'voter' };

/** A vote as the tellers counted it. */
export interface VoteCount {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly present: number;
}

export const plenum = (clause: string): RuleCitation => ({ source: 'Plenum', clause: `governance.${clause}` });

export function no(rule: RuleCitation, key: string, params: Record<string, string | number> = {}): Refusal {
  return refused(rule, `refusal.governance.${key}`, { rule: citeRule(rule), ...params });
}

export const cite = (c: Clause): RuleCitation => statuteRule(c);

export type Decision = Result<GovernanceEvent[]>;

export interface Ctx {
  readonly state: GovernanceState;
  readonly statute: Statute;
  readonly actor: GovActor;
}

export function notAllowed(rule: RuleCitation, who: string): Refusal {
  return no(rule, 'notAllowed', { who });
}

export function actorName(actor: GovActor): string {
  return actor.kind === 'founders' || actor.kind === 'operator' || actor.kind === 'voter'
    ? actor.kind
    : `${actor.kind}:${actor.id}`;
}

export function actingBody(ctx: Ctx): GovBody | undefined {
  return ctx.actor.kind === 'body' ? ctx.state.bodies.get(ctx.actor.id) : undefined;
}

/** Whether unit `id` is `ancestor` or lies below it. */
export function isWithin(state: GovernanceState, id: Id, ancestor: Id): boolean {
  for (
    let u = state.units.get(id);
    u !== undefined;
    u = u.parentId === null ? undefined : state.units.get(u.parentId)
  ) {
    if (u.id === ancestor) return true;
  }
  return false;
}

/** The body of `kind` in unit `unitId`, if it has been formed. */
export function bodyOf(state: GovernanceState, kind: string, unitId: Id): GovBody | undefined {
  for (const body of state.bodies.values()) if (body.kind === kind && body.unitId === unitId) return body;
  return undefined;
}

export function activeMember(ctx: Ctx, memberId: Id, on: string): GovMember | Refusal {
  const member = ctx.state.members.get(memberId);
  if (member === undefined || !isMemberOn(member, on))
    return no(plenum('unknown'), 'notAMember', { actor: `member:${memberId}` });
  return member;
}

// ─── Bodies' members and votes ──────────────────────────────────────────────────────────

/** Whether a member has a vote in the assemblies on a day (statute: voting rights after N days). */
export function hasVotingRights(statute: Statute, member: GovMember, on: string): boolean {
  return votesFrom(member, on, votingCutoff(statute, on));
}

/**
 * The last day a membership may have begun for its member to vote on `on` (voting rights
 * after N days): computed once per vote, so that counting a large assembly compares date
 * strings (YYYY-MM-DD sorts as it reads) rather than doing calendar arithmetic per member.
 */
export function votingCutoff(statute: Statute, on: string): string {
  const days = statute.membership.votingRights.afterDays;
  return days === 0 ? on : fromDayNumber(dayNumber(on) - days);
}

/** Whether the member's current period of membership covers `on` and began by `cutoff`. */
export function votesFrom(member: GovMember, on: string, cutoff: string): boolean {
  for (const p of member.periods) if (p.from <= on && (p.to === null || on < p.to)) return p.from <= cutoff;
  return false;
}

/** The members of a body on a day: its unit's members with a vote, or the holders of its seats. */
export function bodyMembers(state: GovernanceState, body: GovBody, on: string): Id[] {
  const statute = state.statute;
  if (statute === null) return [];
  const rule = statute.bodies[body.kind];
  if (rule?.composition === 'all-members') {
    const ids: Id[] = [];
    const cutoff = votingCutoff(statute, on);
    for (const member of state.members.values()) {
      if (member.unitId === body.unitId && votesFrom(member, on, cutoff)) ids.push(member.id);
    }
    return ids;
  }
  if (rule?.composition === 'delegates') {
    // In session, the congress is the delegates its credentials report seated whose mandates
    // still stand: not those elected since for the next congress, nor those of the last one.
    for (const c of state.congress.congresses.values()) {
      if (c.bodyId !== body.id || c.status !== 'opened') continue;
      const seated = new Set((state.congress.credentials.get(c.id) ?? []).map((d) => d.mandateId));
      return activeSeatHolders(state, body, on, (m) => seated.has(m.id));
    }
  }
  // Between congresses, everyone who holds a delegate's mandate: those of the last congress and
  // those already elected for the next (so a letter to the congress reaches both).
  return activeSeatHolders(state, body, on, () => true);
}

function activeSeatHolders(state: GovernanceState, body: GovBody, on: string, keep: (m: Mandate) => boolean): Id[] {
  const ids = new Set<Id>();
  for (const m of state.mandates.values()) {
    if (m.bodyId === body.id && m.office === null && isMandateActive(m, on) && keep(m)) ids.add(m.memberId);
  }
  return [...ids];
}

/**
 * A body's vote on a motion the statute decides by `majorityName`: the count must be possible
 * (no more present than members, no more votes than present), the quorum present, then the
 * majority reached. `rule` is the clause that asks for the decision; refusals cite it or the
 * quorum's or majority's clause.
 */
export function decideVote(
  ctx: Ctx,
  body: GovBody,
  on: string,
  count: VoteCount,
  majorityName: string,
  rule: RuleCitation,
  _subject?: Id,
): Result<RecordedVote> {
  const { statute } = ctx;
  const members = bodyMembers(ctx.state, body, on).length;
  if (members === 0) return no(plenum('body-members'), 'bodyEmpty', { body: body.id });
  const numbers = [count.yes, count.no, count.abstain, count.present];
  if (!numbers.every((n) => Number.isSafeInteger(n) && n >= 0)) return no(plenum('vote-count'), 'voteCount');
  if (count.present > members || count.yes + count.no + count.abstain > count.present) {
    return no(plenum('vote-count'), 'voteImpossible', { present: count.present, members });
  }
  const [num, den] = statute.quorum.share;
  if (count.present * den < num * members) {
    return no(cite(statute.quorum), 'quorum', {
      present: count.present,
      members,
      needed: Math.ceil((num * members) / den),
    });
  }
  const majority = statute.majorities[majorityName];
  if (majority === undefined) return no(plenum('statute-valid'), 'unknownMajority', { name: majorityName });
  const decision = decideMajority({
    yes: count.yes,
    no: count.no,
    abstain: count.abstain,
    members,
    present: count.present,
    kind: majority.kind,
    ...(majority.fraction === undefined ? {} : { fraction: majority.fraction }),
    base: majority.base,
    abstentions: majority.abstentions,
  });
  if (!decision.passed) {
    return no(rule, 'notCarried', {
      majority: majorityName,
      majorityRule: citeRule(cite(majority)),
      arithmetic: decision.arithmetic,
    });
  }
  return ok({ ...count, members, majority: majorityName, arithmetic: decision.arithmetic });
}

// ─── Votes of meetings: show of hands, roll call, secret ballot ─────────────────────────

export type VoteMethod = 'show-of-hands' | 'roll-call' | 'secret-ballot';
export type Choice = 'yes' | 'no' | 'abstain';

/**
 * A vote as a meeting takes it: by show of hands or by secret ballot, the tellers' count (a
 * secret ballot is counted by the tellers until the verifiable ballot of @plenum/crypto
 * replaces it); by roll call, each member's answer, from which the count follows.
 */
export type VoteInput =
  | { readonly method: 'show-of-hands' | 'secret-ballot'; readonly count: VoteCount }
  | { readonly method: 'roll-call'; readonly roll: readonly { readonly memberId: Id; readonly choice: Choice }[] };

/** A vote of a meeting as the record keeps it: the count and what the rules made of it, how it was taken, and the roll call's answers. */
export interface MeetingVote extends RecordedVote {
  readonly method: VoteMethod;
  readonly roll: readonly { readonly memberId: Id; readonly choice: Choice }[] | null;
  readonly carried: boolean;
}

/**
 * A body's vote taken by `vote.method`, decided by the statute's `majorityName`. Unlike
 * decideVote, a vote that does not carry is a result, not a refusal (a motion lost is on the
 * record like one carried); refused are only impossible counts, a roll call naming someone
 * who is not a member of the body (or twice), a missing quorum, and a method other than
 * `require` when the statute asks for one (e.g. a secret ballot in a disciplinary case).
 */
export function tallyVote(
  ctx: Ctx,
  body: GovBody,
  on: string,
  vote: VoteInput,
  majorityName: string,
  rule: RuleCitation,
  require?: VoteMethod,
): Result<MeetingVote> {
  if (require !== undefined && vote.method !== require) return no(rule, 'voteMethod', { method: require });
  let count: VoteCount;
  let roll: MeetingVote['roll'] = null;
  if (vote.method === 'roll-call') {
    const members = new Set(bodyMembers(ctx.state, body, on));
    const seen = new Set<Id>();
    for (const answer of vote.roll) {
      if (!members.has(answer.memberId) || seen.has(answer.memberId)) {
        return no(plenum('roll-call'), 'rollCall', { member: answer.memberId });
      }
      // Hostile input: the type says a choice, the wire may say anything.
      if (!(['yes', 'no', 'abstain'] as readonly string[]).includes(answer.choice)) {
        return no(plenum('roll-call'), 'rollCall', { member: answer.memberId });
      }
      seen.add(answer.memberId);
    }
    const of = (choice: Choice): number => vote.roll.filter((a) => a.choice === choice).length;
    count = { yes: of('yes'), no: of('no'), abstain: of('abstain'), present: vote.roll.length };
    roll = vote.roll.map((a) => ({ memberId: a.memberId, choice: a.choice }));
  } else {
    count = vote.count;
  }
  const decided = decideVote(ctx, body, on, count, majorityName, rule);
  if (decided.ok) return ok({ ...decided.value, method: vote.method, roll, carried: true });
  if (decided.messageKey !== 'refusal.governance.notCarried') return decided;
  return ok({
    ...count,
    members: bodyMembers(ctx.state, body, on).length,
    majority: majorityName,
    arithmetic: String(decided.params['arithmetic'] ?? ''),
    method: vote.method,
    roll,
    carried: false,
  });
}

/** The members with a vote in the organisation on a day (every unit), e.g. for a petition's share. */
export function votingMembers(state: GovernanceState, on: string): Id[] {
  const statute = state.statute;
  if (statute === null) return [];
  const cutoff = votingCutoff(statute, on);
  const ids: Id[] = [];
  for (const member of state.members.values()) if (votesFrom(member, on, cutoff)) ids.push(member.id);
  return ids;
}

/** Whether `count` reaches the share [num, den] of `of` (exactly: count × den ≥ num × of). */
export function reachesShare(count: number, of: number, share: readonly [number, number]): boolean {
  return count * share[1] >= share[0] * of && count > 0;
}

/** The smallest count that reaches the share [num, den] of `of` (at least 1). */
export function shareNeeded(of: number, share: readonly [number, number]): number {
  return Math.max(1, Math.ceil((share[0] * of) / share[1]));
}

// ─── Slices of the state ────────────────────────────────────────────────────────────────

/**
 * A part of the state kept by one part of the engine (the congress, the bulletin, motions,
 * meetings, cases): read-only maps in the state, mutable copies in a draft. Every map of a
 * slice is copied once per batch (draftSlice), then changed in place while the batch applies.
 */
export type Drafted<S> = {
  -readonly [K in keyof S]: S[K] extends ReadonlyMap<infer A, infer B> ? Map<A, B> : S[K];
};

export function draftSlice<S extends object>(slice: S): Drafted<S> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(slice)) out[key] = value instanceof Map ? new Map(value) : value;
  return out as Drafted<S>;
}

/** The body of kind `kind` that chooses for `body`: in the same unit, or the nearest above it. */
export function chooserFor(state: GovernanceState, kind: string, body: GovBody): GovBody | undefined {
  for (
    let u = state.units.get(body.unitId);
    u !== undefined;
    u = u.parentId === null ? undefined : state.units.get(u.parentId)
  ) {
    const found = bodyOf(state, kind, u.id);
    if (found !== undefined) return found;
  }
  return undefined;
}

// ─── Input ──────────────────────────────────────────────────────────────────────────────

export function validId(id: unknown): id is Id {
  return typeof id === 'string' && isId(id);
}

export function validName(name: unknown): boolean {
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > 200) return false;
  for (let i = 0; i < name.length; i += 1) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

/** A refusal of malformed input, naming the field (Plenum governance.input). */
export const input = (field: string): Refusal => no(plenum('input'), 'input', { field });

/** Whether a lookup gave a refusal rather than what it looked up. */
export function isRefusal(x: unknown): x is Refusal {
  return typeof x === 'object' && x !== null && (x as { readonly ok?: unknown }).ok === false;
}

/** A text people write: 1 to `max` characters, not only spaces, no control characters but line breaks. */
export function validText(value: unknown, max: number): value is string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) return false;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x0a) || code === 0x7f) return false;
  }
  return true;
}
