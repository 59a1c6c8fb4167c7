// The part's data first: state.ts and decide.ts read its constants while an import cycle is being evaluated.
export * from './congress-model.ts';

import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson, ok, toHex, utf8, type Id, type Refusal, type Result } from '@plenum/kernel';
import { apportion, countMethod, type Election } from '@plenum/tally';
import { mandateBar } from '../governance/decide.ts';
import { addMonths, dayNumber, fromDayNumber, isDate } from '../governance/dates.ts';
import {
  actingBody,
  actorName,
  bodyOf,
  cite,
  decideVote,
  input,
  no,
  notAllowed,
  plenum,
  tallyVote,
  validId,
  votingMembers,
  type Ctx,
  type Decision,
  type VoteCount,
  type VoteInput,
} from '../governance/common.ts';
import {
  isMandateActive,
  type GovBody,
  type GovernanceDraft,
  type GovernanceEvent,
  type GovernanceState,
  type Mandate,
} from '../governance/state.ts';
import type { DelegateRule, Statute } from '../statute/statute.ts';
import type {
  Apportionment,
  CongressCommand,
  CongressEvent,
  CongressRecord,
  DelegateBallot,
  DelegateCredential,
  DelegateElection,
  FrozenRoll,
  RollEntry,
  UnitApportionment,
} from './congress-model.ts';

/**
 * The engine's part for calling a congress, its frozen roll, apportioning and electing
 * delegates, credentials, opening and closing (G2, G8).
 *
 * - A regular congress is called by the body the statute names (congress.called-by), with
 *   the statute's notice, and no later than its schedule allows (the previous opening +
 *   every-months); when that body fails to call it in time, any member convokes it.
 * - An extraordinary congress is called by the petition itself: the signature (or unit
 *   resolution) that reaches the statute's share calls it in the same batch. Nobody can block it.
 * - The call freezes the roll: the members with a vote that day, each in their electing unit;
 *   its hash and counts go into the record, its entries into the state (rollOf, rollEntry).
 * - Delegates are apportioned from the frozen roll by the statute's formula (published with
 *   its arithmetic), then elected in each unit by the statute's proportional method, counted
 *   by @plenum/tally from the recorded ballots.
 * - Postponement only by a recorded vote of the body the statute names, within max-days in all.
 * - The credentials report is computed from the recorded elections only.
 */

// ─── The frozen roll and apportionment ──────────────────────────────────────────────────

/** The hash of a roll's entries: SHA-256 of the canonical JSON of [memberId, unitId] pairs. */
export function rollHash(entries: readonly RollEntry[]): string {
  return toHex(sha256(utf8(canonicalJson(entries.map((e) => [e.memberId, e.unitId])))));
}

/** The units whose assemblies elect delegates (a body of kind delegates.elected-by), by id. */
function electingUnitIds(state: GovernanceState, statute: Statute): Set<Id> {
  const ids = new Set<Id>();
  for (const body of state.bodies.values()) if (body.kind === statute.delegates.electedBy) ids.add(body.unitId);
  return ids;
}

/**
 * The roll of a congress called on `on`: every member with a vote that day, in the electing
 * unit they belong to (their own unit or the nearest above it with an electing assembly),
 * sorted by member id. Members with no electing unit above them elect no one: they are left off.
 */
export function computeRoll(state: GovernanceState, statute: Statute, on: string): RollEntry[] {
  const electing = electingUnitIds(state, statute);
  const electingOf = new Map<Id, Id | null>();
  const find = (unitId: Id): Id | null => {
    const known = electingOf.get(unitId);
    if (known !== undefined) return known;
    let found: Id | null = null;
    for (
      let u = state.units.get(unitId);
      u !== undefined;
      u = u.parentId === null ? undefined : state.units.get(u.parentId)
    ) {
      if (electing.has(u.id)) {
        found = u.id;
        break;
      }
    }
    electingOf.set(unitId, found);
    return found;
  };
  const entries: RollEntry[] = [];
  for (const id of votingMembers(state, on)) {
    const member = state.members.get(id);
    const unitId = member === undefined ? null : find(member.unitId);
    if (unitId !== null) entries.push({ memberId: id, unitId });
  }
  return entries.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}

/** The frozen roll as the record keeps it: cutoff, hash, total and the count of each electing unit (sorted by unit id). */
export function frozenRoll(entries: readonly RollEntry[], cutoff: string): FrozenRoll {
  const counts = new Map<Id, number>();
  for (const e of entries) counts.set(e.unitId, (counts.get(e.unitId) ?? 0) + 1);
  const units = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([unitId, members]) => ({ unitId, members }));
  return { cutoff, hash: rollHash(entries), total: entries.length, units };
}

/**
 * Delegates shared among units (G2): each unit with a member first gets the statute's minimum,
 * then the remaining seats are shared by the statute's formula in proportion to the members
 * (apportion of @plenum/tally, draws by lot seeded with `seed`). Refused when the seats do not
 * cover the minimum of every unit. Pure: the decision and anyone checking the record use it.
 */
export function apportionDelegates(
  units: readonly { readonly unitId: Id; readonly members: number }[],
  rule: DelegateRule,
  seed: string,
): Result<{ units: UnitApportionment[]; divisor: string | null; quotients: string[] }> {
  const present = units.filter((u) => u.members > 0);
  if (present.length === 0) return no(cite(rule), 'congressRollEmpty');
  const minimum = present.length * rule.minimumPerUnit;
  if (rule.seats < minimum) {
    return no(cite(rule), 'delegateSeatsShort', {
      seats: rule.seats,
      units: present.length,
      minimum: rule.minimumPerUnit,
    });
  }
  const rest = rule.seats - minimum;
  const base = units.map((u) => (u.members > 0 ? rule.minimumPerUnit : 0));
  if (rest === 0) {
    return ok({
      units: units.map((u, i) => ({ unitId: u.unitId, members: u.members, seats: base[i] ?? 0 })),
      divisor: null,
      quotients: units.map(() => '0'),
    });
  }
  const report = apportion(
    rule.apportionment,
    rest,
    units.map((u) => ({ name: u.unitId, votes: u.members })),
    { seed },
  );
  return ok({
    units: units.map((u, i) => ({
      unitId: u.unitId,
      members: u.members,
      seats: (base[i] ?? 0) + (report.allocation[i] ?? 0),
    })),
    divisor: report.divisor?.divisor ?? report.quota?.quota ?? null,
    quotients: [...(report.divisor?.quotients ?? report.quota?.quotas ?? units.map(() => '0'))],
  });
}

// ─── Queries ────────────────────────────────────────────────────────────────────────────

export function congressOf(state: GovernanceState, congressId: Id): CongressRecord | undefined {
  return state.congress.congresses.get(congressId);
}

/** The congress called and not yet closed, if any (at most one: Plenum governance.one-congress). */
export function currentCongress(state: GovernanceState): CongressRecord | undefined {
  for (const c of state.congress.congresses.values()) if (c.status !== 'closed') return c;
  return undefined;
}

/** The congress called and not yet opened, if any: the one delegates are being elected for. */
export function congressInPreparation(state: GovernanceState): CongressRecord | undefined {
  const c = currentCongress(state);
  return c?.status === 'called' ? c : undefined;
}

export function rollOf(state: GovernanceState, congressId: Id): readonly RollEntry[] | undefined {
  return state.congress.rolls.get(congressId);
}

/** A member's own entry on a congress's frozen roll (binary search: the entries are sorted by member id). */
export function rollEntry(state: GovernanceState, congressId: Id, memberId: Id): RollEntry | undefined {
  const entries = state.congress.rolls.get(congressId) ?? [];
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const entry = entries[mid];
    if (entry === undefined) return undefined;
    if (entry.memberId === memberId) return entry;
    if (entry.memberId < memberId) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

export function apportionmentOf(state: GovernanceState, congressId: Id): Apportionment | undefined {
  return state.congress.apportionments.get(congressId);
}

export function delegateElectionOf(state: GovernanceState, congressId: Id, unitId: Id): DelegateElection | undefined {
  return state.congress.elections.get(electionKey(congressId, unitId));
}

export function credentialsOf(state: GovernanceState, congressId: Id): readonly DelegateCredential[] | undefined {
  return state.congress.credentials.get(congressId);
}

export interface CongressPetitionStatus {
  /** Signatures of members with a vote that day, and how many of them the share needs. */
  readonly signatures: number;
  readonly voters: number;
  readonly signaturesNeeded: number;
  /** Resolutions of electing units, and how many the share needs. */
  readonly units: number;
  readonly electingUnits: number;
  readonly unitsNeeded: number;
  readonly reached: boolean;
}

/** Where the petition for an extraordinary congress stands on a day (the rules decide with it too). */
export function petitionStatus(state: GovernanceState, on: string): CongressPetitionStatus | undefined {
  const statute = state.statute;
  return statute === null ? undefined : petitionCount(state, statute, on, null, null);
}

function petitionCount(
  state: GovernanceState,
  statute: Statute,
  on: string,
  addMember: Id | null,
  addUnit: Id | null,
): CongressPetitionStatus {
  const x = statute.congress.extraordinary;
  const voters = votingMembers(state, on);
  const signed = new Set(state.congress.petitionSignatures.keys());
  if (addMember !== null) signed.add(addMember);
  const signatures = voters.filter((id) => signed.has(id)).length;
  const electing = electingUnitIds(state, statute);
  const resolved = new Set(state.congress.petitionUnits.keys());
  if (addUnit !== null) resolved.add(addUnit);
  const units = [...resolved].filter((id) => electing.has(id)).length;
  const needed = (of: number, share: readonly [number, number]): number =>
    Math.max(1, Math.ceil((share[0] * of) / share[1]));
  const signaturesNeeded = needed(voters.length, x.membersShare);
  const unitsNeeded = needed(electing.size, x.unitsShare);
  return {
    signatures,
    voters: voters.length,
    signaturesNeeded,
    units,
    electingUnits: electing.size,
    unitsNeeded,
    reached: (voters.length > 0 && signatures >= signaturesNeeded) || (electing.size > 0 && units >= unitsNeeded),
  };
}

/** The latest day the next regular congress may open: the previous opening + every-months (null before any congress). */
export function congressDueDate(state: GovernanceState, statute: Statute): string | null {
  let last: string | null = null;
  for (const c of state.congress.congresses.values()) {
    if (c.openedOn !== null && (last === null || c.openedOn > last)) last = c.openedOn;
  }
  return last === null ? null : addMonths(last, statute.congress.everyMonths);
}

// ─── The fold ───────────────────────────────────────────────────────────────────────────

const electionKey = (congressId: Id, unitId: Id): string => `${congressId}/${unitId}`;

export function applyCongress(draft: GovernanceDraft, event: CongressEvent): void {
  const s = draft.congress;
  switch (event.type) {
    case 'congress.called': {
      s.congresses.set(event.congressId, {
        id: event.congressId,
        bodyId: event.bodyId,
        kind: event.kind,
        calledBy: event.calledBy,
        calledOn: event.on,
        opensOn: event.opensOn,
        originalOpensOn: event.opensOn,
        status: 'called',
        openedOn: null,
        closedOn: null,
      });
      // The fold sees the same members as the decision did: the entries are recomputed, not recorded.
      if (draft.statute !== null) s.rolls.set(event.congressId, computeRoll(draft, draft.statute, event.roll.cutoff));
      // A call closes the petition: a new one starts from no signatures.
      s.petitionSignatures = new Map();
      s.petitionUnits = new Map();
      return;
    }
    case 'delegates.apportioned': {
      const { type: _type, ...apportionment } = event;
      s.apportionments.set(event.congressId, apportionment);
      return;
    }
    case 'congress.petition-signed':
      s.petitionSignatures.set(event.memberId, event.on);
      return;
    case 'congress.petition-resolved':
      s.petitionUnits.set(event.unitId, event.on);
      return;
    case 'congress.postponement-voted': {
      const { type: _type, ...vote } = event;
      s.postponements.set(event.congressId, [...(s.postponements.get(event.congressId) ?? []), vote]);
      const c = s.congresses.get(event.congressId);
      if (event.carried && c !== undefined) s.congresses.set(c.id, { ...c, opensOn: event.opensOn });
      return;
    }
    case 'delegates.elected': {
      const { type: _type, ...election } = event;
      s.elections.set(electionKey(event.congressId, event.unitId), election);
      return;
    }
    case 'congress.opened': {
      const c = s.congresses.get(event.congressId);
      if (c === undefined) return;
      s.congresses.set(c.id, { ...c, status: 'opened', openedOn: event.on });
      s.credentials.set(c.id, event.credentials);
      // The previous congress's delegates give way to those of the credentials report.
      const accredited = new Set(event.credentials.map((d) => d.mandateId));
      for (const m of draft.mandates.values()) {
        if (m.bodyId === c.bodyId && m.office === null && isMandateActive(m, event.on) && !accredited.has(m.id)) {
          draft.mandates.set(m.id, { ...m, ended: { on: event.on, reason: 'superseded' } });
        }
      }
      return;
    }
    case 'congress.closed': {
      const c = s.congresses.get(event.congressId);
      if (c !== undefined) s.congresses.set(c.id, { ...c, status: 'closed', closedOn: event.on });
      return;
    }
  }
}

// ─── The rules ──────────────────────────────────────────────────────────────────────────

/**
 * A congress acts only in session (G8): the body of delegates has no standing between its
 * congresses, so it cannot amend the statute, recall or decide anything while none of its
 * congresses is open, and the delegates of the last congress cannot be convened again as it.
 * Only the opening itself is given by the body before the session. Null when `command` may go on.
 */
export function congressSessionBar(ctx: Ctx, command: { readonly type: string }): Refusal | null {
  const body = actingBody(ctx);
  if (body === undefined || ctx.statute.bodies[body.kind]?.composition !== 'delegates') return null;
  if (command.type === 'openCongress') return null;
  if (congressInSession(ctx.state, body.id) !== undefined) return null;
  return no(cite(ctx.statute.congress), 'congressNotInSession', { body: body.id });
}

/** The congress of body `bodyId` now in session, if one is. */
export function congressInSession(state: GovernanceState, bodyId: Id): CongressRecord | undefined {
  for (const c of state.congress.congresses.values()) if (c.bodyId === bodyId && c.status === 'opened') return c;
  return undefined;
}

export function decideCongress(ctx: Ctx, command: CongressCommand): Decision {
  switch (command.type) {
    case 'callCongress':
      return callCongress(ctx, command);
    case 'convokeDueCongress':
      return convokeDueCongress(ctx, command);
    case 'petitionForCongress':
      return petitionForCongress(ctx, command);
    case 'postponeCongress':
      return postponeCongress(ctx, command);
    case 'electDelegates':
      return electDelegates(ctx, command);
    case 'openCongress':
    case 'closeCongress':
      return openOrClose(ctx, command);
  }
}

const addDays = (on: string, days: number): string => fromDayNumber(dayNumber(on) + days);
const later = (a: string, b: string): string => (a > b ? a : b);

function rootUnitId(state: GovernanceState): Id | undefined {
  for (const unit of state.units.values()) if (unit.parentId === null) return unit.id;
  return undefined;
}

/** The congress body (of kind statute.congress.body, at the root unit), if formed. */
function congressBody(ctx: Ctx): GovBody | undefined {
  const root = rootUnitId(ctx.state);
  return root === undefined ? undefined : bodyOf(ctx.state, ctx.statute.congress.body, root);
}

/** The body of `kind` at the root unit, that the statute empowers for the congress as a whole. */
function rootBody(ctx: Ctx, kind: string): GovBody | undefined {
  const root = rootUnitId(ctx.state);
  return root === undefined ? undefined : bodyOf(ctx.state, kind, root);
}

/** What any call needs: no other congress under way, a fresh id, a congress body. */
function callProblem(ctx: Ctx, congressId: Id): Refusal | null {
  if (!validId(congressId)) return input('congressId');
  const current = currentCongress(ctx.state);
  if (current !== undefined) return no(plenum('one-congress'), 'congressAlreadyCalled', { congress: current.id });
  if (ctx.state.congress.congresses.has(congressId)) return no(plenum('unique-id'), 'exists', { id: congressId });
  if (congressBody(ctx) === undefined)
    return no(cite(ctx.statute.congress), 'congressNoBody', { kind: ctx.statute.congress.body });
  return null;
}

/** The call: congress.called with its frozen roll, and delegates.apportioned from it. */
function convene(
  ctx: Ctx,
  congressId: Id,
  kind: 'regular' | 'extraordinary',
  calledBy: string,
  opensOn: string,
  on: string,
): Result<GovernanceEvent[]> {
  const { state, statute } = ctx;
  const body = congressBody(ctx);
  if (body === undefined) return no(cite(statute.congress), 'congressNoBody', { kind: statute.congress.body });
  const roll = frozenRoll(computeRoll(state, statute, on), on);
  const shared = apportionDelegates(roll.units, statute.delegates, roll.hash);
  if (!shared.ok) return shared;
  return ok([
    { type: 'congress.called', congressId, bodyId: body.id, kind, calledBy, opensOn, on, roll },
    {
      type: 'delegates.apportioned',
      congressId,
      method: statute.delegates.apportionment,
      seats: statute.delegates.seats,
      minimumPerUnit: statute.delegates.minimumPerUnit,
      units: shared.value.units,
      divisor: shared.value.divisor,
      quotients: shared.value.quotients,
      seed: roll.hash,
      on,
    },
  ]);
}

function callCongress(ctx: Ctx, c: Extract<CongressCommand, { type: 'callCongress' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.congress);
  // The founders call the first congress (their period ends when it opens); after that, the
  // body the statute names.
  const founding = ctx.actor.kind === 'founders';
  const caller = rootBody(ctx, statute.congress.calledBy);
  const acting = actingBody(ctx);
  if (!founding && (caller === undefined || acting?.id !== caller.id)) return notAllowed(rule, actorName(ctx.actor));
  const problem = callProblem(ctx, c.congressId);
  if (problem !== null) return problem;
  if (!isDate(c.opensOn)) return input('opensOn');
  const earliest = addDays(c.on, statute.congress.noticeDays);
  if (c.opensOn < earliest)
    return no(rule, 'congressNoticeShort', { opensOn: c.opensOn, earliest, days: statute.congress.noticeDays });
  const due = congressDueDate(state, statute);
  // G8: not beyond the schedule (when already late, no later than the notice allows).
  if (due !== null) {
    const latest = later(due, earliest);
    if (c.opensOn > latest) return no(rule, 'congressBeyondSchedule', { opensOn: c.opensOn, latest });
  }
  return convene(ctx, c.congressId, 'regular', founding ? 'founders' : `body:${acting?.id ?? ''}`, c.opensOn, c.on);
}

function convokeDueCongress(ctx: Ctx, c: Extract<CongressCommand, { type: 'convokeDueCongress' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.congress);
  if (ctx.actor.kind !== 'member') return notAllowed(rule, actorName(ctx.actor));
  const problem = callProblem(ctx, c.congressId);
  if (problem !== null) return problem;
  const due = congressDueDate(state, statute);
  if (due === null) return no(rule, 'congressNoSchedule');
  const from = addDays(due, -statute.congress.noticeDays);
  if (c.on < from) return no(rule, 'congressNotDue', { from, due });
  const opensOn = later(due, addDays(c.on, statute.congress.noticeDays));
  return convene(ctx, c.congressId, 'regular', 'statute', opensOn, c.on);
}

function validVoteCount(vote: unknown): vote is VoteCount {
  if (typeof vote !== 'object' || vote === null) return false;
  const v = vote as Record<string, unknown>;
  return ['yes', 'no', 'abstain', 'present'].every((k) => Number.isSafeInteger(v[k]) && (v[k] as number) >= 0);
}

function validVoteInput(vote: unknown): vote is VoteInput {
  if (typeof vote !== 'object' || vote === null) return false;
  const v = vote as Record<string, unknown>;
  if (v['method'] === 'show-of-hands' || v['method'] === 'secret-ballot') return validVoteCount(v['count']);
  if (v['method'] !== 'roll-call' || !Array.isArray(v['roll']) || v['roll'].length > 100_000) return false;
  return (v['roll'] as unknown[]).every(
    (a) => typeof a === 'object' && a !== null && validId((a as Record<string, unknown>)['memberId']),
  );
}

function petitionForCongress(ctx: Ctx, c: Extract<CongressCommand, { type: 'petitionForCongress' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.congress.extraordinary);
  const current = currentCongress(state);
  if (current !== undefined) return no(rule, 'congressPetitionWhileCalled', { congress: current.id });
  let events: GovernanceEvent[];
  let status: CongressPetitionStatus;
  if (ctx.actor.kind === 'member') {
    if (c.vote !== null) return input('vote');
    const signer = ctx.actor.id;
    if (state.congress.petitionSignatures.has(signer)) return no(rule, 'congressPetitionSignedAlready');
    events = [{ type: 'congress.petition-signed', memberId: signer, on: c.on }];
    status = petitionCount(state, statute, c.on, signer, null);
  } else {
    const body = actingBody(ctx);
    if (body?.kind !== statute.delegates.electedBy) return notAllowed(rule, actorName(ctx.actor));
    if (state.congress.petitionUnits.has(body.unitId)) {
      return no(rule, 'congressPetitionResolvedAlready', { unit: body.unitId });
    }
    if (!validVoteCount(c.vote)) return input('vote');
    const vote = decideVote(ctx, body, c.on, c.vote, statute.motions.bodyMajority, rule);
    if (!vote.ok) return vote;
    events = [{ type: 'congress.petition-resolved', unitId: body.unitId, bodyId: body.id, vote: vote.value, on: c.on }];
    status = petitionCount(state, statute, c.on, null, body.unitId);
  }
  if (!status.reached) return ok(events);
  // G8: the petition that reaches the share calls the congress itself, in the same batch.
  let id = `extraordinary-${c.on}`;
  for (let n = 2; state.congress.congresses.has(id); n += 1) id = `extraordinary-${c.on}-${n}`;
  const opensOn = addDays(c.on, statute.congress.extraordinary.conveneWithinDays);
  const called = convene(ctx, id, 'extraordinary', 'petition', opensOn, c.on);
  if (!called.ok) return called;
  return ok([...events, ...called.value]);
}

function postponeCongress(ctx: Ctx, c: Extract<CongressCommand, { type: 'postponeCongress' }>): Decision {
  const { state, statute } = ctx;
  const p = statute.congress.postponement;
  const rule = cite(p);
  if (!validId(c.congressId)) return input('congressId');
  if (!isDate(c.opensOn)) return input('opensOn');
  if (!validVoteInput(c.vote)) return input('vote');
  const competent = rootBody(ctx, p.by);
  const acting = actingBody(ctx);
  if (competent === undefined || acting?.id !== competent.id) return notAllowed(rule, actorName(ctx.actor));
  const congress = state.congress.congresses.get(c.congressId);
  if (congress === undefined) return no(plenum('unknown'), 'congressUnknown', { id: c.congressId });
  if (congress.status !== 'called')
    return no(plenum('congress-status'), 'congressNotInPreparation', { id: congress.id });
  // An extraordinary congress opens when the statute says: the petition's congress cannot be put back.
  if (congress.kind === 'extraordinary') return no(cite(statute.congress.extraordinary), 'congressExtraordinaryFixed');
  if (c.opensOn <= congress.opensOn) return no(rule, 'congressPostponeEarlier', { opensOn: congress.opensOn });
  const days = dayNumber(c.opensOn) - dayNumber(congress.originalOpensOn);
  if (days > p.maxDays) {
    return no(rule, 'congressPostponedTooLong', { days, maxDays: p.maxDays, original: congress.originalOpensOn });
  }
  const vote = tallyVote(ctx, acting, c.on, c.vote, p.majority, rule);
  if (!vote.ok) return vote;
  // Recorded whether it carried or not; only a carried vote moves the opening.
  return ok([
    {
      type: 'congress.postponement-voted',
      congressId: congress.id,
      carried: vote.value.carried,
      opensOn: c.opensOn,
      vote: vote.value,
      on: c.on,
    },
  ]);
}

const MAX_CANDIDATES = 1000;
/** Whether a value is an array (without narrowing the command's typed arrays to any[]). */
const isList = (value: unknown): boolean => Array.isArray(value);
const MAX_BALLOTS = 100_000;

function electDelegates(ctx: Ctx, c: Extract<CongressCommand, { type: 'electDelegates' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.delegates);
  if (!validId(c.congressId)) return input('congressId');
  if (!validId(c.unitId)) return input('unitId');
  if (!isList(c.candidates) || c.candidates.length > MAX_CANDIDATES || !c.candidates.every(validId)) {
    return input('candidates');
  }
  if (new Set(c.candidates).size !== c.candidates.length) return input('candidates');
  if (!isList(c.mandateIds) || c.mandateIds.length > MAX_CANDIDATES || !c.mandateIds.every(validId)) {
    return input('mandateIds');
  }
  if (new Set(c.mandateIds).size !== c.mandateIds.length) return input('mandateIds');
  if (!isList(c.ballots) || c.ballots.length > MAX_BALLOTS) return input('ballots');
  for (const b of c.ballots as readonly unknown[]) {
    const ballot = b as Partial<DelegateBallot> | null;
    if (
      typeof ballot !== 'object' ||
      ballot === null ||
      !Number.isSafeInteger(ballot.count) ||
      (ballot.count ?? 0) < 1 ||
      !isList(ballot.ranking) ||
      (ballot.ranking?.length ?? 0) === 0 ||
      (ballot.ranking?.length ?? 0) > MAX_CANDIDATES ||
      !(ballot.ranking ?? []).every(validId)
    ) {
      return input('ballots');
    }
  }
  const congress = state.congress.congresses.get(c.congressId);
  if (congress === undefined) return no(plenum('unknown'), 'congressUnknown', { id: c.congressId });
  const assembly = bodyOf(state, statute.delegates.electedBy, c.unitId);
  const acting = actingBody(ctx);
  if (assembly === undefined || acting?.id !== assembly.id) return notAllowed(rule, actorName(ctx.actor));
  if (congress.status !== 'called')
    return no(plenum('congress-status'), 'congressNotInPreparation', { id: congress.id });
  const seats = state.congress.apportionments.get(congress.id)?.units.find((u) => u.unitId === c.unitId)?.seats ?? 0;
  if (seats === 0) return no(rule, 'delegateUnitNotApportioned', { unit: c.unitId });
  if (state.congress.elections.has(electionKey(congress.id, c.unitId))) {
    return no(rule, 'delegatesElectedAlready', { unit: c.unitId });
  }
  if (c.mandateIds.length !== seats) return no(rule, 'delegateSeatsMismatch', { seats, given: c.mandateIds.length });
  for (const id of c.mandateIds) if (state.mandates.has(id)) return no(plenum('unique-id'), 'exists', { id });
  if (c.candidates.length < seats)
    return no(rule, 'delegateTooFewCandidates', { seats, candidates: c.candidates.length });
  // G2: only members on the frozen roll in this unit stand; those admitted after the call do not.
  const body = state.bodies.get(congress.bodyId);
  if (body === undefined) return no(plenum('unknown'), 'unknownBody', { id: congress.bodyId });
  // A delegate to the previous congress holds that seat until this one opens: it does not bar re-election.
  const withoutDelegates: GovernanceState = {
    ...state,
    mandates: new Map([...state.mandates].filter(([, m]) => !(m.bodyId === body.id && m.office === null))),
  };
  for (const candidate of c.candidates) {
    if (rollEntry(state, congress.id, candidate)?.unitId !== c.unitId) {
      return no(rule, 'delegateNotOnRoll', { member: candidate, unit: c.unitId });
    }
    const bar = mandateBar(withoutDelegates, candidate, body, null, c.on);
    if (bar !== null) return bar;
  }
  const index = new Map(c.candidates.map((id, i) => [id, i]));
  let voters = 0;
  for (const ballot of c.ballots) {
    for (const id of ballot.ranking) if (!index.has(id)) return no(rule, 'delegateBallotNotCandidate', { member: id });
    if (new Set(ballot.ranking).size !== ballot.ranking.length) return no(rule, 'delegateBallotRepeats');
    voters += ballot.count;
  }
  const onRoll = (state.congress.rolls.get(congress.id) ?? []).filter((e) => e.unitId === c.unitId).length;
  if (voters > onRoll) return no(rule, 'delegateBallotsExceedRoll', { ballots: voters, roll: onRoll });
  const method = countMethod(statute.delegates.method);
  if (method === undefined) return no(plenum('statute-valid'), 'unknownKind', { kind: statute.delegates.method });
  const election: Election = {
    title: `${congress.id} ${c.unitId}`,
    seats,
    candidates: c.candidates.map((name) => ({ name, withdrawn: false })),
    ballots: c.ballots.map((b) => ({ count: b.count, ranking: b.ranking.map((id) => [index.get(id) ?? 0]) })),
  };
  const seed = state.congress.apportionments.get(congress.id)?.seed ?? congress.id;
  const report = method.count(election, { seed });
  const elected = report.elected.slice(0, seats).map((i, k) => ({
    memberId: c.candidates[i] ?? '',
    mandateId: c.mandateIds[k] ?? '',
  }));
  const events: GovernanceEvent[] = [
    {
      type: 'delegates.elected',
      congressId: congress.id,
      unitId: c.unitId,
      bodyId: assembly.id,
      method: statute.delegates.method,
      seats,
      candidates: [...c.candidates],
      ballots: c.ballots.map((b) => ({ ranking: [...b.ranking], count: b.count })),
      elected,
      quota: report.quota,
      rounds: report.rounds.length,
      on: c.on,
    },
  ];
  for (const e of elected) {
    const mandate: Mandate = {
      id: e.mandateId,
      memberId: e.memberId,
      bodyId: body.id,
      office: null,
      how: 'election',
      byBodyId: assembly.id,
      startsOn: c.on,
      endsOn: null,
      ended: null,
    };
    events.push({ type: 'mandate.began', mandate, vote: null });
  }
  return ok(events);
}

function openOrClose(ctx: Ctx, c: Extract<CongressCommand, { type: 'openCongress' | 'closeCongress' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.congress);
  if (!validId(c.congressId)) return input('congressId');
  const congress = state.congress.congresses.get(c.congressId);
  if (congress === undefined) return no(plenum('unknown'), 'congressUnknown', { id: c.congressId });
  if (ctx.actor.kind !== 'body' || ctx.actor.id !== congress.bodyId) return notAllowed(rule, actorName(ctx.actor));
  if (c.type === 'closeCongress') {
    if (congress.status !== 'opened') return no(plenum('congress-status'), 'congressNotOpen', { id: congress.id });
    return ok([{ type: 'congress.closed', congressId: congress.id, on: c.on }]);
  }
  if (congress.status !== 'called')
    return no(plenum('congress-status'), 'congressNotInPreparation', { id: congress.id });
  if (c.on < congress.opensOn) return no(rule, 'congressOpensLater', { opensOn: congress.opensOn });
  // The credentials report: exactly the delegates the recorded elections made, whose mandates still stand.
  const credentials: DelegateCredential[] = [];
  const unfilled: { unitId: Id; seats: number }[] = [];
  for (const unit of state.congress.apportionments.get(congress.id)?.units ?? []) {
    if (unit.seats === 0) continue;
    const election = state.congress.elections.get(electionKey(congress.id, unit.unitId));
    let seated = 0;
    for (const e of election?.elected ?? []) {
      const m = state.mandates.get(e.mandateId);
      if (m === undefined || !isMandateActive(m, c.on)) continue;
      credentials.push({
        memberId: e.memberId,
        unitId: unit.unitId,
        mandateId: e.mandateId,
        electedOn: election?.on ?? c.on,
      });
      seated += 1;
    }
    if (seated < unit.seats) unfilled.push({ unitId: unit.unitId, seats: unit.seats - seated });
  }
  return ok([{ type: 'congress.opened', congressId: congress.id, on: c.on, credentials, unfilled }]);
}
