import { canonicalJson, ok, utf8, type Id, type Refusal, type RuleCitation } from '@plenum/kernel';
import { parseStatute } from '../statute/parse.ts';
import type { Statute } from '../statute/statute.ts';
import { addMonths, daysBetween, isDate } from './dates.ts';
import {
  actingBody,
  actorName,
  activeMember,
  bodyMembers,
  bodyOf,
  chooserFor,
  cite,
  decideVote,
  isWithin,
  no,
  notAllowed,
  plenum,
  validId,
  validName,
  type Ctx,
  type Decision,
  type GovActor,
  type VoteCount,
} from './common.ts';
import {
  isMandateActive,
  isMemberOn,
  membershipDays,
  type GovBody,
  type GovernanceEvent,
  type GovernanceState,
  type Mandate,
  type RecordedVote,
} from './state.ts';

import { decideBulletin, type BulletinCommand } from '../congress/bulletin.ts';
import { BULLETIN_COMMAND_TYPES, BULLETIN_REFUSALS } from '../congress/bulletin-model.ts';
import { congressSessionBar, decideCongress, type CongressCommand } from '../congress/congress.ts';
import { CONGRESS_COMMAND_TYPES, CONGRESS_REFUSALS } from '../congress/congress-model.ts';
import { decideCase, type CaseCommand } from '../congress/discipline.ts';
import { CASE_COMMAND_TYPES, CASE_REFUSALS } from '../congress/discipline-model.ts';
import { decideFloor, type FloorCommand } from '../congress/floor.ts';
import { FLOOR_COMMAND_TYPES, FLOOR_REFUSALS } from '../congress/floor-model.ts';
import { decideMotion, type MotionCommand } from '../congress/motions.ts';
import { decideBallot } from '../ballot/ballot.ts';
import {
  BALLOT_COMMAND_TYPES,
  BALLOT_REFUSALS,
  VOTER_COMMAND_TYPES,
  type BallotCommand,
} from '../ballot/ballot-model.ts';
import { MOTION_COMMAND_TYPES, MOTION_REFUSALS } from '../congress/motions-model.ts';

export { bodyMembers, hasVotingRights, type GovActor, type VoteCount } from './common.ts';

/**
 * The rules engine: decideGovernance(state, actor, command) gives the events a command
 * leads to, or a refusal citing the clause that forbids it — a clause of the statute in
 * force ("Statute §3.2") or one of Plenum's own rules ("Plenum governance.…"). Nobody is
 * above the rules: the server's operator is an actor with no power at all (G11); the founders
 * act only until the congress exists; every other act is a member's own or a body's, decided
 * by its vote where the statute asks for one (quorum, then majority), and every office comes
 * from a recorded election or appointment by the body the statute names (G1).
 */
export interface PersonInput {
  readonly id: Id;
  readonly givenName: string;
  readonly familyName: string;
  readonly unitId: Id;
}

/** Every command of the rules engine: the organisation's, then each part of the congress's. */
export type GovernanceCommand =
  OrganisationCommand | CongressCommand | BulletinCommand | MotionCommand | FloorCommand | CaseCommand | BallotCommand;

export type OrganisationCommand =
  | { readonly type: 'adoptStatute'; readonly text: string; readonly on: string }
  | { readonly type: 'amendStatute'; readonly text: string; readonly on: string; readonly vote: VoteCount }
  | {
      readonly type: 'foundUnit';
      readonly unit: { readonly id: Id; readonly level: string; readonly name: string; readonly parentId: Id | null };
      readonly on: string;
    }
  | {
      readonly type: 'formBody';
      readonly body: { readonly id: Id; readonly kind: string; readonly name: string; readonly unitId: Id };
      readonly on: string;
    }
  | { readonly type: 'applyForMembership'; readonly application: PersonInput; readonly on: string }
  | {
      readonly type: 'admitMember';
      readonly member: PersonInput;
      readonly applicationId: Id | null;
      readonly on: string;
      /**
       * The day membership began, when it is earlier than the act: only the founders, when
       * they register the founding roll, may date a membership back (an organisation moving
       * onto Plenum keeps its members' seniority); any later admission begins on its decision.
       * Omitted: the day of the act.
       */
      readonly since?: string;
      readonly vote: VoteCount | null;
    }
  | {
      readonly type: 'transferMember';
      readonly memberId: Id;
      readonly toUnitId: Id;
      readonly on: string;
      readonly vote: VoteCount;
    }
  | { readonly type: 'resign'; readonly memberId: Id; readonly on: string }
  | { readonly type: 'lapseMembership'; readonly memberId: Id; readonly on: string; readonly vote: VoteCount }
  | { readonly type: 'readmitMember'; readonly memberId: Id; readonly on: string; readonly vote: VoteCount }
  | {
      readonly type: 'recordElection';
      readonly bodyId: Id;
      readonly office: string | null;
      readonly elected: readonly { readonly mandateId: Id; readonly memberId: Id }[];
      readonly on: string;
    }
  | {
      readonly type: 'appoint';
      readonly bodyId: Id;
      readonly office: string;
      readonly mandateId: Id;
      readonly memberId: Id;
      readonly on: string;
      readonly vote: VoteCount;
    }
  | { readonly type: 'resignMandate'; readonly mandateId: Id; readonly on: string }
  | { readonly type: 'signRecall'; readonly mandateId: Id; readonly on: string }
  | { readonly type: 'decideRecall'; readonly mandateId: Id; readonly on: string; readonly vote: VoteCount }
  | {
      readonly type: 'declareTendency';
      readonly tendency: { readonly id: Id; readonly name: string };
      readonly on: string;
    }
  | { readonly type: 'joinTendency'; readonly tendencyId: Id; readonly on: string }
  | { readonly type: 'openDiscussion'; readonly on: string }
  | { readonly type: 'closeDiscussion'; readonly on: string };

export type GovernanceCommandType = GovernanceCommand['type'];

/** The refusals of the organisation's commands (message key refusal.governance.<key>, in every catalog). */
export const ORGANISATION_REFUSALS = [
  'applicantOnly',
  'appointedOffice',
  'backdated',
  'bodyEmpty',
  'bodyExists',
  'bodyInUse',
  'bodyLevel',
  'date',
  'dateOrder',
  'delegatesByCount',
  'discussionClosed',
  'discussionOpen',
  'electedOffice',
  'eventTooLarge',
  'exists',
  'foundersDone',
  'foundersNoVote',
  'holdsAlready',
  'incompatible',
  'ineligible',
  'input',
  'level',
  'levelInUse',
  'memberLevel',
  'noApplication',
  'noMandate',
  'noSeats',
  'noStatute',
  'notAMember',
  'notAllowed',
  'notAnElector',
  'notCarried',
  'notInUnit',
  'officeHeld',
  'officeNeedsSeat',
  'oneHolder',
  'operator',
  'petitionShort',
  'quorum',
  'rootExists',
  'sameUnit',
  'seats',
  'signedAlready',
  'statuteAdopted',
  'statuteInvalid',
  'statuteVersion',
  'stillMember',
  'tendencyOutsideDiscussion',
  'termLimit',
  'tooSoon',
  'unknownBody',
  'unknownKind',
  'unknownMajority',
  'unknownOffice',
  'unknownTendency',
  'unknownUnit',
  'voteCount',
  'voteImpossible',
  'voteNeeded',
  'voteMethod',
  'rollCall',
] as const;

/** Every refusal the engine can give (message key refusal.governance.<key>, in every catalog). */
export const GOVERNANCE_REFUSALS = [
  ...ORGANISATION_REFUSALS,
  ...CONGRESS_REFUSALS,
  ...BULLETIN_REFUSALS,
  ...MOTION_REFUSALS,
  ...FLOOR_REFUSALS,
  ...CASE_REFUSALS,
  ...BALLOT_REFUSALS,
] as const;
export type GovernanceRefusal = (typeof GOVERNANCE_REFUSALS)[number];

const commandsOf = (types: readonly string[]): ReadonlySet<string> => new Set<string>(types);
const CONGRESS_COMMANDS = commandsOf(CONGRESS_COMMAND_TYPES);
const BULLETIN_COMMANDS = commandsOf(BULLETIN_COMMAND_TYPES);
const MOTION_COMMANDS = commandsOf(MOTION_COMMAND_TYPES);
const FLOOR_COMMANDS = commandsOf(FLOOR_COMMAND_TYPES);
const CASE_COMMANDS = commandsOf(CASE_COMMAND_TYPES);
const BALLOT_COMMANDS = commandsOf(BALLOT_COMMAND_TYPES);
const VOTER_COMMANDS = commandsOf(VOTER_COMMAND_TYPES);

/**
 * The largest event, in bytes of its canonical JSON: a leaf of the log is at most 65,535 bytes
 * (the tile format's entry size), and the signed envelope around the event (actor, key,
 * signature) takes a few hundred. A text long enough to pass its own limit in characters can
 * still be too large in bytes (Cyrillic takes two per character, many scripts three): such a
 * command is refused here, with its size, rather than failing when it is appended.
 */
export const MAX_EVENT_BYTES = 64_000;

export function decideGovernance(state: GovernanceState, actor: GovActor, command: GovernanceCommand): Decision {
  const decision = decideCommand(state, actor, command);
  if (!decision.ok) return decision;
  for (const event of decision.value) {
    const bytes = utf8(canonicalJson(event)).length;
    if (bytes > MAX_EVENT_BYTES) return no(plenum('event-size'), 'eventTooLarge', { bytes, max: MAX_EVENT_BYTES });
  }
  return decision;
}

function decideCommand(state: GovernanceState, actor: GovActor, command: GovernanceCommand): Decision {
  // G11: the operator configures the server and nothing else.
  if (actor.kind === 'operator') return no(plenum('no-superuser'), 'operator');
  if (!isDate(command.on)) return no(plenum('date'), 'date', { date: String(command.on) });
  if (state.lastDate !== null && command.on < state.lastDate) {
    return no(plenum('date-order'), 'dateOrder', { date: command.on, last: state.lastDate });
  }
  const actorProblem = checkGovActor(state, actor, command);
  if (actorProblem !== null) return actorProblem;
  if (command.type === 'adoptStatute') return adoptStatute(state, actor, command.text, command.on);
  const statute = state.statute;
  if (statute === null) return no(plenum('statute-first'), 'noStatute');
  const ctx: Ctx = { state, statute, actor };
  const decision = decideInPart(ctx, command);
  // Checked last, so that a command wrong in itself is refused for what is wrong with it.
  return decision.ok ? (congressSessionBar(ctx, command) ?? decision) : decision;
}

function decideInPart(ctx: Ctx, command: GovernanceCommand): Decision {
  if (CONGRESS_COMMANDS.has(command.type)) return decideCongress(ctx, command as CongressCommand);
  if (BULLETIN_COMMANDS.has(command.type)) return decideBulletin(ctx, command as BulletinCommand);
  if (MOTION_COMMANDS.has(command.type)) return decideMotion(ctx, command as MotionCommand);
  if (FLOOR_COMMANDS.has(command.type)) return decideFloor(ctx, command as FloorCommand);
  if (CASE_COMMANDS.has(command.type)) return decideCase(ctx, command as CaseCommand);
  if (BALLOT_COMMANDS.has(command.type)) return decideBallot(ctx, command as BallotCommand);
  return decideOrganisation(ctx, command as OrganisationCommand);
}

function decideOrganisation(ctx: Ctx, command: OrganisationCommand): Decision {
  switch (command.type) {
    case 'adoptStatute':
      return adoptStatute(ctx.state, ctx.actor, command.text, command.on);
    case 'amendStatute':
      return amendStatute(ctx, command);
    case 'foundUnit':
      return foundUnit(ctx, command);
    case 'formBody':
      return formBody(ctx, command);
    case 'applyForMembership':
      return apply(ctx, command);
    case 'admitMember':
      return admit(ctx, command);
    case 'transferMember':
      return transfer(ctx, command);
    case 'resign':
      return resign(ctx, command);
    case 'lapseMembership':
      return lapse(ctx, command);
    case 'readmitMember':
      return readmit(ctx, command);
    case 'recordElection':
      return recordElection(ctx, command);
    case 'appoint':
      return appoint(ctx, command);
    case 'resignMandate':
      return resignMandate(ctx, command);
    case 'signRecall':
      return signRecall(ctx, command);
    case 'decideRecall':
      return decideRecall(ctx, command);
    case 'declareTendency':
      return declareTendency(ctx, command);
    case 'joinTendency':
      return joinTendency(ctx, command);
    case 'openDiscussion':
    case 'closeDiscussion':
      return discussion(ctx, command);
  }
}

/**
 * The founders' period lasts until the first congress opens: the founders found the units and
 * bodies, register the founding roll and call the first congress; its delegates, elected in the
 * units, then constitute the organisation's own bodies.
 */
export function foundersPeriodOver(state: GovernanceState): boolean {
  for (const congress of state.congress.congresses.values()) if (congress.openedOn !== null) return true;
  return false;
}

function checkGovActor(state: GovernanceState, actor: GovActor, command: GovernanceCommand): Refusal | null {
  switch (actor.kind) {
    case 'founders':
      return foundersPeriodOver(state) ? no(plenum('founders-period'), 'foundersDone') : null;
    case 'member': {
      const member = state.members.get(actor.id);
      if (member === undefined || !isMemberOn(member, command.on)) {
        return no(plenum('actor-exists'), 'notAMember', { actor: `member:${actor.id}` });
      }
      return null;
    }
    case 'body':
      return state.bodies.has(actor.id) ? null : no(plenum('actor-exists'), 'unknownBody', { id: actor.id });
    case 'applicant':
      return command.type === 'applyForMembership' && command.application.id === actor.id
        ? null
        : no(plenum('applicant'), 'applicantOnly');
    case 'operator':
      return no(plenum('no-superuser'), 'operator');
    case 'voter':
      // The ballot box casts ballots and records refusals; nothing else is anonymous.
      return VOTER_COMMANDS.has(command.type) ? null : no(plenum('ballot-voter'), 'ballotVoterOnly');
  }
}

// ─── The statute ────────────────────────────────────────────────────────────────────────

function adoptStatute(state: GovernanceState, actor: GovActor, text: string, on: string): Decision {
  const rule = plenum('founding-statute');
  if (actor.kind !== 'founders') return notAllowed(rule, actorName(actor));
  if (state.statute !== null) return no(rule, 'statuteAdopted');
  const parsed = parseStatute(text);
  if (!parsed.ok) return no(plenum('statute-valid'), 'statuteInvalid', problemParams(parsed.problems));
  if (parsed.statute.version !== 1) return no(plenum('statute-version'), 'statuteVersion', { expected: 1 });
  return ok([{ type: 'statute.adopted', text, version: 1, on }]);
}

function problemParams(
  problems: readonly { path: string; line: number | null; messageKey: string }[],
): Record<string, string | number> {
  const first = problems[0];
  return { count: problems.length, path: first?.path ?? '', line: first?.line ?? 0, problem: first?.messageKey ?? '' };
}

function amendStatute(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'amendStatute' }>): Decision {
  const { statute, state } = ctx;
  const rule = cite(statute.amendment);
  const body = actingBody(ctx);
  // G9: only the body the statute names — a congress — amends it.
  if (body?.kind !== statute.amendment.by) return notAllowed(rule, actorName(ctx.actor));
  const parsed = parseStatute(c.text);
  if (!parsed.ok) return no(plenum('statute-valid'), 'statuteInvalid', problemParams(parsed.problems));
  const next = parsed.statute;
  if (next.version !== statute.version + 1) {
    return no(plenum('statute-version'), 'statuteVersion', { expected: statute.version + 1 });
  }
  // The amended statute must still describe the organisation as it is.
  for (const unit of state.units.values()) {
    if (!next.units.levels.includes(unit.level))
      return no(plenum('statute-consistent'), 'levelInUse', { level: unit.level });
  }
  for (const b of state.bodies.values()) {
    if (next.bodies[b.kind]?.level !== statute.bodies[b.kind]?.level) {
      return no(plenum('statute-consistent'), 'bodyInUse', { kind: b.kind });
    }
  }
  const vote = decideVote(ctx, body, c.on, c.vote, statute.amendment.majority, rule);
  if (!vote.ok) return vote;
  return ok([{ type: 'statute.amended', text: c.text, version: next.version, on: c.on, vote: vote.value }]);
}

// ─── Units and bodies ───────────────────────────────────────────────────────────────────

function foundUnit(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'foundUnit' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.units);
  const levels = statute.units.levels;
  if (!validId(c.unit.id) || !validName(c.unit.name)) return no(plenum('input'), 'input', { field: 'unit' });
  if (state.units.has(c.unit.id)) return no(plenum('unique-id'), 'exists', { id: c.unit.id });
  if (c.unit.parentId === null) {
    if (ctx.actor.kind !== 'founders') return notAllowed(plenum('founding'), actorName(ctx.actor));
    for (const unit of state.units.values()) if (unit.parentId === null) return no(plenum('single-root'), 'rootExists');
    if (c.unit.level !== levels[0]) return no(rule, 'level', { level: c.unit.level, expected: levels[0] ?? '' });
    return ok([{ type: 'unit.founded', unit: c.unit, on: c.on }]);
  }
  const parent = state.units.get(c.unit.parentId);
  if (parent === undefined) return no(plenum('unknown'), 'unknownUnit', { id: c.unit.parentId });
  const below = levels[levels.indexOf(parent.level) + 1];
  if (c.unit.level !== below) return no(rule, 'level', { level: c.unit.level, expected: below ?? '—' });
  if (ctx.actor.kind !== 'founders') {
    const body = actingBody(ctx);
    if (body?.kind !== statute.units.createdBy || !isWithin(state, c.unit.parentId, body.unitId)) {
      return notAllowed(rule, actorName(ctx.actor));
    }
  }
  return ok([{ type: 'unit.founded', unit: c.unit, on: c.on }]);
}

function formBody(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'formBody' }>): Decision {
  const { state, statute } = ctx;
  if (!validId(c.body.id) || !validName(c.body.name)) return no(plenum('input'), 'input', { field: 'body' });
  if (state.bodies.has(c.body.id)) return no(plenum('unique-id'), 'exists', { id: c.body.id });
  const rule = statute.bodies[c.body.kind];
  if (rule === undefined) return no(plenum('statute-bodies'), 'unknownKind', { kind: c.body.kind });
  const unit = state.units.get(c.body.unitId);
  if (unit === undefined) return no(plenum('unknown'), 'unknownUnit', { id: c.body.unitId });
  if (unit.level !== rule.level) return no(cite(rule), 'bodyLevel', { kind: c.body.kind, level: rule.level });
  for (const other of state.bodies.values()) {
    if (other.kind === c.body.kind && other.unitId === c.body.unitId)
      return no(cite(rule), 'bodyExists', { kind: c.body.kind });
  }
  if (ctx.actor.kind !== 'founders') {
    const body = actingBody(ctx);
    if (body?.kind !== statute.units.createdBy || !isWithin(state, c.body.unitId, body.unitId)) {
      return notAllowed(cite(statute.units), actorName(ctx.actor));
    }
  }
  return ok([{ type: 'body.formed', body: c.body, on: c.on }]);
}

// ─── Membership ─────────────────────────────────────────────────────────────────────────

function memberUnitCheck(ctx: Ctx, unitId: Id): Refusal | null {
  const unit = ctx.state.units.get(unitId);
  if (unit === undefined) return no(plenum('unknown'), 'unknownUnit', { id: unitId });
  const leaf = ctx.statute.units.levels.at(-1) ?? '';
  return unit.level === leaf ? null : no(cite(ctx.statute.units), 'memberLevel', { level: leaf });
}

function apply(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'applyForMembership' }>): Decision {
  const a = c.application;
  // One applies in one's own name: nobody, not even a body, files an application for another.
  if (ctx.actor.kind !== 'applicant' || ctx.actor.id !== a.id)
    return notAllowed(plenum('applicant'), actorName(ctx.actor));
  if (!validId(a.id) || !validName(a.givenName) || !validName(a.familyName))
    return no(plenum('input'), 'input', { field: 'application' });
  if (ctx.state.applications.has(a.id) || ctx.state.members.has(a.id))
    return no(plenum('unique-id'), 'exists', { id: a.id });
  const unit = memberUnitCheck(ctx, a.unitId);
  if (unit !== null) return unit;
  return ok([{ type: 'membership.applied', application: { ...a, on: c.on, status: 'pending' } }]);
}

function admit(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'admitMember' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.membership.admission);
  const m = c.member;
  if (!validId(m.id) || !validName(m.givenName) || !validName(m.familyName))
    return no(plenum('input'), 'input', { field: 'member' });
  if (state.members.has(m.id)) return no(plenum('unique-id'), 'exists', { id: m.id });
  const unitProblem = memberUnitCheck(ctx, m.unitId);
  if (unitProblem !== null) return unitProblem;
  if (c.applicationId !== null) {
    const application = state.applications.get(c.applicationId);
    if (application?.status !== 'pending' || application.unitId !== m.unitId) {
      return no(rule, 'noApplication', { id: c.applicationId });
    }
  }
  const since = c.since ?? c.on;
  if (!isDate(since) || since > c.on) return no(plenum('date'), 'date', { date: since });
  if (ctx.actor.kind === 'founders') {
    // The founding roll: the founders register the first members, without a vote.
    if (c.vote !== null) return no(plenum('founding'), 'foundersNoVote');
    return ok([
      { type: 'membership.admitted', member: m, applicationId: c.applicationId, on: c.on, since, vote: null },
    ]);
  }
  // Backdating a membership would lend a new member the seniority that voting rights and
  // eligibility depend on: only the founding roll keeps earlier dates.
  if (since !== c.on) return no(plenum('founding-roll'), 'backdated', { since, on: c.on });
  const competent = bodyOf(state, statute.membership.admission.by, m.unitId);
  const body = actingBody(ctx);
  if (competent === undefined || body?.id !== competent.id) return notAllowed(rule, actorName(ctx.actor));
  if (c.vote === null) return no(rule, 'voteNeeded');
  const vote = decideVote(ctx, body, c.on, c.vote, statute.membership.admission.majority, rule);
  if (!vote.ok) return vote;
  return ok([
    { type: 'membership.admitted', member: m, applicationId: c.applicationId, on: c.on, since, vote: vote.value },
  ]);
}

function transfer(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'transferMember' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.membership.transfer);
  const member = activeMember(ctx, c.memberId, c.on);
  if ('ok' in member) return member;
  const unitProblem = memberUnitCheck(ctx, c.toUnitId);
  if (unitProblem !== null) return unitProblem;
  if (member.unitId === c.toUnitId) return no(rule, 'sameUnit');
  // The receiving unit's body decides (no transfer without the consent of those receiving).
  const competent = bodyOf(state, statute.membership.transfer.by, c.toUnitId);
  const body = actingBody(ctx);
  if (competent === undefined || body?.id !== competent.id) return notAllowed(rule, actorName(ctx.actor));
  const vote = decideVote(ctx, body, c.on, c.vote, statute.membership.transfer.majority, rule);
  if (!vote.ok) return vote;
  return ok([
    { type: 'membership.transferred', memberId: member.id, toUnitId: c.toUnitId, on: c.on, vote: vote.value },
  ]);
}

function resign(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'resign' }>): Decision {
  const rule = cite(ctx.statute.membership.resignation);
  // Only members themselves resign: nobody can resign someone else.
  if (ctx.actor.kind !== 'member' || ctx.actor.id !== c.memberId) return notAllowed(rule, actorName(ctx.actor));
  const member = activeMember(ctx, c.memberId, c.on);
  if ('ok' in member) return member;
  return ok([{ type: 'membership.resigned', memberId: c.memberId, on: c.on }]);
}

function lapse(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'lapseMembership' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.membership.lapse);
  const member = activeMember(ctx, c.memberId, c.on);
  if ('ok' in member) return member;
  const competent = bodyOf(state, statute.membership.lapse.by, member.unitId);
  const body = actingBody(ctx);
  if (competent === undefined || body?.id !== competent.id) return notAllowed(rule, actorName(ctx.actor));
  const vote = decideVote(ctx, body, c.on, c.vote, statute.membership.lapse.majority, rule, member.id);
  if (!vote.ok) return vote;
  return ok([{ type: 'membership.lapsed', memberId: member.id, on: c.on, vote: vote.value }]);
}

function readmit(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'readmitMember' }>): Decision {
  const { state, statute } = ctx;
  const r = statute.membership.readmission;
  const rule = cite(r);
  const member = state.members.get(c.memberId);
  if (member === undefined) return no(plenum('unknown'), 'notAMember', { actor: `member:${c.memberId}` });
  if (member.status === 'member') return no(rule, 'stillMember');
  const left = member.periods.at(-1)?.to ?? c.on;
  if (c.on < addMonths(left, r.afterMonths)) return no(rule, 'tooSoon', { months: r.afterMonths, since: left });
  const competent = bodyOf(state, r.by, member.unitId);
  const body = actingBody(ctx);
  if (competent === undefined || body?.id !== competent.id) return notAllowed(rule, actorName(ctx.actor));
  const vote = decideVote(ctx, body, c.on, c.vote, r.majority, rule);
  if (!vote.ok) return vote;
  return ok([{ type: 'membership.readmitted', memberId: member.id, on: c.on, vote: vote.value }]);
}

// ─── Mandates ───────────────────────────────────────────────────────────────────────────

/**
 * Whether `memberId` may begin a mandate in `body` (a seat, or `office`) on `on`: a member of
 * long enough standing (eligibility), not already holding it, not holding a seat in an
 * incompatible body, not past the term limit. Returns the refusal, or null.
 */
export function mandateBar(
  state: GovernanceState,
  memberId: Id,
  body: GovBody,
  office: string | null,
  on: string,
): Refusal | null {
  const statute = state.statute;
  if (statute === null) return no(plenum('statute-first'), 'noStatute');
  const member = state.members.get(memberId);
  if (member === undefined || !isMemberOn(member, on))
    return no(plenum('unknown'), 'notAMember', { actor: `member:${memberId}` });
  const bodyRule = statute.bodies[body.kind];
  if (bodyRule === undefined) return no(plenum('statute-bodies'), 'unknownKind', { kind: body.kind });
  if (bodyRule.composition === 'all-members' && office === null)
    return no(cite(bodyRule), 'noSeats', { kind: body.kind });
  const eligibility = statute.eligibility.office;
  if (membershipDays(member, on) < eligibility.membershipDays) {
    return no(cite(eligibility), 'ineligible', { days: eligibility.membershipDays, member: memberId });
  }
  if (bodyRule.composition === 'all-members' && member.unitId !== body.unitId) {
    return no(cite(bodyRule), 'notInUnit', { member: memberId });
  }
  const active = [...state.mandates.values()].filter((m) => m.memberId === memberId && isMandateActive(m, on));
  if (active.some((m) => m.bodyId === body.id && m.office === office)) return no(plenum('one-mandate'), 'holdsAlready');
  if (
    office !== null &&
    bodyRule.composition !== 'all-members' &&
    !active.some((m) => m.bodyId === body.id && m.office === null)
  ) {
    // An office of a committee is held by one of its members.
    return no(cite(statute.offices[office] ?? bodyRule), 'officeNeedsSeat', { office });
  }
  for (const rule of statute.incompatibilities) {
    if (!rule.bodies.includes(body.kind)) continue;
    for (const m of active) {
      const other = state.bodies.get(m.bodyId);
      if (other !== undefined && other.kind !== body.kind && rule.bodies.includes(other.kind)) {
        return no(cite(rule), 'incompatible', { kind: body.kind, other: other.kind });
      }
    }
  }
  const limit = bodyRule.termLimit;
  if (limit !== undefined && office === null) {
    // Consecutive terms: earlier seats in the same body, each ending where the next began.
    const seats = [...state.mandates.values()]
      .filter((m) => m.memberId === memberId && m.bodyId === body.id && m.office === null && m.startsOn < on)
      .sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1));
    let consecutive = 0;
    let next = on;
    for (const m of seats) {
      const end = m.ended?.on ?? m.endsOn ?? next;
      if (end < next && daysBetween(end, next) > 1) break;
      consecutive += 1;
      next = m.startsOn;
    }
    if (consecutive >= limit.consecutiveTerms) return no(cite(limit), 'termLimit', { terms: limit.consecutiveTerms });
  }
  return null;
}

function recordElection(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'recordElection' }>): Decision {
  const { state, statute } = ctx;
  const body = state.bodies.get(c.bodyId);
  if (body === undefined) return no(plenum('unknown'), 'unknownBody', { id: c.bodyId });
  const bodyRule = statute.bodies[body.kind];
  if (bodyRule === undefined) return no(plenum('statute-bodies'), 'unknownKind', { kind: body.kind });
  const elector = actingBody(ctx);
  let termMonths: number | null;
  let rule: RuleCitation;
  if (c.office !== null) {
    const office = statute.offices[c.office];
    if (office?.body !== body.kind) return no(plenum('statute-offices'), 'unknownOffice', { office: c.office });
    rule = cite(office);
    if (office.how !== 'election') return no(rule, 'appointedOffice', { office: c.office });
    const chooser = chooserFor(state, office.chosenBy, body);
    if (chooser === undefined || elector?.id !== chooser.id) return notAllowed(rule, actorName(ctx.actor));
    if (c.elected.length !== 1) return no(rule, 'oneHolder');
    const holder = [...state.mandates.values()].find(
      (m) => m.bodyId === body.id && m.office === c.office && isMandateActive(m, c.on),
    );
    if (holder !== undefined) return no(rule, 'officeHeld', { office: c.office });
    termMonths = office.termMonths;
  } else if (bodyRule.composition === 'elected') {
    rule = cite(bodyRule);
    const chooser = chooserFor(state, bodyRule.electedBy ?? '', body);
    if (chooser === undefined || elector?.id !== chooser.id) return notAllowed(rule, actorName(ctx.actor));
    const held = bodyMembers(state, body, c.on).length;
    if (held + c.elected.length > (bodyRule.seats ?? 0)) return no(rule, 'seats', { seats: bodyRule.seats ?? 0, held });
    termMonths = bodyRule.termMonths ?? null;
  } else if (bodyRule.composition === 'delegates') {
    // G2: delegates come only from a count — the proportional election of electDelegates, in
    // the seats apportioned to the unit from the roll frozen at the call of a congress.
    return no(cite(statute.delegates), 'delegatesByCount');
  } else {
    return no(cite(bodyRule), 'noSeats', { kind: body.kind });
  }
  if (c.elected.length === 0) return no(plenum('input'), 'input', { field: 'elected' });
  const events: GovernanceEvent[] = [];
  let draft = state;
  for (const e of c.elected) {
    if (!validId(e.mandateId) || draft.mandates.has(e.mandateId))
      return no(plenum('unique-id'), 'exists', { id: e.mandateId });
    const bar = mandateBar(draft, e.memberId, body, c.office, c.on);
    if (bar !== null) return bar;
    const mandate: Mandate = {
      id: e.mandateId,
      memberId: e.memberId,
      bodyId: body.id,
      office: c.office,
      how: 'election',
      byBodyId: elector.id,
      startsOn: c.on,
      endsOn: termMonths === null ? null : addMonths(c.on, termMonths),
      ended: null,
    };
    events.push({ type: 'mandate.began', mandate, vote: null });
    draft = { ...draft, mandates: new Map(draft.mandates).set(mandate.id, mandate) };
  }
  return ok(events);
}

function appoint(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'appoint' }>): Decision {
  const { state, statute } = ctx;
  const body = state.bodies.get(c.bodyId);
  if (body === undefined) return no(plenum('unknown'), 'unknownBody', { id: c.bodyId });
  const office = statute.offices[c.office];
  if (office?.body !== body.kind) return no(plenum('statute-offices'), 'unknownOffice', { office: c.office });
  const rule = cite(office);
  // G1: an appointment only by the body the statute empowers, and only to an appointed office.
  if (office.how !== 'appointment') return no(rule, 'electedOffice', { office: c.office });
  const chooser = chooserFor(state, office.chosenBy, body);
  const acting = actingBody(ctx);
  if (chooser === undefined || acting?.id !== chooser.id) return notAllowed(rule, actorName(ctx.actor));
  if (!validId(c.mandateId) || state.mandates.has(c.mandateId))
    return no(plenum('unique-id'), 'exists', { id: c.mandateId });
  const holder = [...state.mandates.values()].find(
    (m) => m.bodyId === body.id && m.office === c.office && isMandateActive(m, c.on),
  );
  if (holder !== undefined) return no(rule, 'officeHeld', { office: c.office });
  const bar = mandateBar(state, c.memberId, body, c.office, c.on);
  if (bar !== null) return bar;
  const vote = decideVote(ctx, acting, c.on, c.vote, office.majority, rule);
  if (!vote.ok) return vote;
  const mandate: Mandate = {
    id: c.mandateId,
    memberId: c.memberId,
    bodyId: body.id,
    office: c.office,
    how: 'appointment',
    byBodyId: acting.id,
    startsOn: c.on,
    endsOn: addMonths(c.on, office.termMonths),
    ended: null,
  };
  return ok([{ type: 'mandate.began', mandate, vote: vote.value }]);
}

function resignMandate(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'resignMandate' }>): Decision {
  const m = ctx.state.mandates.get(c.mandateId);
  if (m === undefined || !isMandateActive(m, c.on)) return no(plenum('unknown'), 'noMandate', { id: c.mandateId });
  if (ctx.actor.kind !== 'member' || ctx.actor.id !== m.memberId)
    return notAllowed(plenum('own-mandate'), actorName(ctx.actor));
  return ok([{ type: 'mandate.ended', mandateId: m.id, on: c.on, reason: 'resigned' }]);
}

// ─── Recall ─────────────────────────────────────────────────────────────────────────────

/** The electors of a mandate: the members, on that day, of the body that elected or appointed it. */
/**
 * Where a recall petition against a mandate stands on a day (Statute recall.petition-share):
 * only the signatures of those who are electors that day count, against that share of the
 * electors. The rules decide with it, and the queries show it, so the two cannot differ.
 */
export function recallPetition(
  state: GovernanceState,
  statute: Statute,
  m: Mandate,
  on: string,
): { readonly signatures: number; readonly needed: number; readonly electors: number; readonly reached: boolean } {
  const electors = electorsOf(state, m, on);
  const [num, den] = statute.recall.petitionShare;
  const signatures = (state.recallSignatures.get(m.id) ?? []).filter((id) => electors.includes(id)).length;
  return {
    signatures,
    needed: Math.ceil((num * electors.length) / den),
    electors: electors.length,
    reached: signatures * den >= num * electors.length,
  };
}

function electorsOf(state: GovernanceState, m: Mandate, on: string): Id[] {
  const by = state.bodies.get(m.byBodyId);
  return by === undefined ? [] : bodyMembers(state, by, on);
}

function signRecall(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'signRecall' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.recall);
  const m = state.mandates.get(c.mandateId);
  if (m === undefined || !isMandateActive(m, c.on)) return no(plenum('unknown'), 'noMandate', { id: c.mandateId });
  if (ctx.actor.kind !== 'member') return notAllowed(rule, actorName(ctx.actor));
  const signer = ctx.actor.id;
  if (!electorsOf(state, m, c.on).includes(signer)) return no(rule, 'notAnElector', { member: signer });
  if ((state.recallSignatures.get(m.id) ?? []).includes(signer)) return no(rule, 'signedAlready');
  return ok([{ type: 'recall.signed', mandateId: m.id, memberId: signer, on: c.on }]);
}

function decideRecall(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'decideRecall' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.recall);
  const m = state.mandates.get(c.mandateId);
  if (m === undefined || !isMandateActive(m, c.on)) return no(plenum('unknown'), 'noMandate', { id: c.mandateId });
  const electing = state.bodies.get(m.byBodyId);
  const acting = actingBody(ctx);
  if (electing === undefined || acting?.id !== electing.id) return notAllowed(rule, actorName(ctx.actor));
  const petition = recallPetition(state, statute, m, c.on);
  if (!petition.reached) {
    return no(rule, 'petitionShort', {
      signatures: petition.signatures,
      needed: petition.needed,
      electors: petition.electors,
    });
  }
  const countProblem = decideVote(ctx, acting, c.on, c.vote, statute.recall.majority, rule);
  if (!countProblem.ok && countProblem.messageKey !== 'refusal.governance.notCarried') return countProblem;
  // The vote was held: recorded whether or not the recall carried.
  const passed = countProblem.ok;
  const members = bodyMembers(state, acting, c.on).length;
  const vote: RecordedVote = countProblem.ok
    ? countProblem.value
    : {
        ...c.vote,
        members,
        majority: statute.recall.majority,
        arithmetic: String(countProblem.params['arithmetic'] ?? ''),
      };
  return ok([{ type: 'recall.decided', mandateId: m.id, on: c.on, passed, vote }]);
}

// ─── Tendencies and the pre-congress discussion ─────────────────────────────────────────

function declareTendency(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'declareTendency' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.tendencies);
  if (ctx.actor.kind !== 'member') return notAllowed(rule, actorName(ctx.actor));
  if (statute.tendencies.organise === 'pre-congress-discussion' && !state.discussionOpen) {
    return no(rule, 'tendencyOutsideDiscussion');
  }
  if (!validId(c.tendency.id) || !validName(c.tendency.name))
    return no(plenum('input'), 'input', { field: 'tendency' });
  if (state.tendencies.has(c.tendency.id)) return no(plenum('unique-id'), 'exists', { id: c.tendency.id });
  return ok([{ type: 'tendency.declared', tendency: { ...c.tendency, declaredOn: c.on, members: [ctx.actor.id] } }]);
}

function joinTendency(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'joinTendency' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.tendencies);
  if (ctx.actor.kind !== 'member') return notAllowed(rule, actorName(ctx.actor));
  if (statute.tendencies.organise === 'pre-congress-discussion' && !state.discussionOpen) {
    return no(rule, 'tendencyOutsideDiscussion');
  }
  const t = state.tendencies.get(c.tendencyId);
  if (t === undefined) return no(plenum('unknown'), 'unknownTendency', { id: c.tendencyId });
  if (t.members.includes(ctx.actor.id)) return no(plenum('one-mandate'), 'holdsAlready');
  return ok([{ type: 'tendency.joined', tendencyId: t.id, memberId: ctx.actor.id, on: c.on }]);
}

function discussion(ctx: Ctx, c: Extract<GovernanceCommand, { type: 'openDiscussion' | 'closeDiscussion' }>): Decision {
  const { state, statute } = ctx;
  const rule = cite(statute.preCongressDiscussion);
  const body = actingBody(ctx);
  if (body?.kind !== statute.preCongressDiscussion.openedBy) return notAllowed(rule, actorName(ctx.actor));
  const opening = c.type === 'openDiscussion';
  if (state.discussionOpen === opening) return no(rule, opening ? 'discussionOpen' : 'discussionClosed');
  return ok([{ type: opening ? 'discussion.opened' : 'discussion.closed', on: c.on }]);
}
