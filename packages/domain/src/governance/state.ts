import type { Id } from '@plenum/kernel';
import { parseStatute } from '../statute/parse.ts';
import type { Statute } from '../statute/statute.ts';
import { dayNumber } from './dates.ts';
import { draftSlice, type Drafted } from './common.ts';
import { applyBulletin, type BulletinEvent, type BulletinSlice } from '../congress/bulletin.ts';
import { applyBallot } from '../ballot/ballot.ts';
import { BALLOT_EVENT_TYPES, EMPTY_BALLOT, type BallotEvent, type BallotSlice } from '../ballot/ballot-model.ts';
import { BULLETIN_EVENT_TYPES, EMPTY_BULLETIN } from '../congress/bulletin-model.ts';
import { applyCongress, type CongressEvent, type CongressSlice } from '../congress/congress.ts';
import { CONGRESS_EVENT_TYPES, EMPTY_CONGRESS } from '../congress/congress-model.ts';
import { applyCase, type CaseEvent, type CaseSlice } from '../congress/discipline.ts';
import { CASE_EVENT_TYPES, EMPTY_CASE } from '../congress/discipline-model.ts';
import { applyFloor, type FloorEvent, type FloorSlice } from '../congress/floor.ts';
import { EMPTY_FLOOR, FLOOR_EVENT_TYPES } from '../congress/floor-model.ts';
import { applyMotion, type MotionEvent, type MotionSlice } from '../congress/motions.ts';
import { EMPTY_MOTION, MOTION_EVENT_TYPES } from '../congress/motions-model.ts';

/**
 * The organisation as the statute governs it: its statute in force, its units, members and
 * bodies, and every mandate — who holds which seat or office, from which election or
 * appointment, for which term. Built only by folding recorded events (evolveGovernance), so
 * the state rebuilt from the record is the live state.
 */
export interface GovUnit {
  readonly id: Id;
  /** One of the statute's unit levels. */
  readonly level: string;
  readonly name: string;
  readonly parentId: Id | null;
}

export interface GovBody {
  readonly id: Id;
  /** One of the statute's bodies. */
  readonly kind: string;
  readonly name: string;
  readonly unitId: Id;
}

export interface MembershipPeriod {
  readonly from: string;
  /** The day it ended (resignation, lapse), or null while it lasts. */
  readonly to: string | null;
}

export interface GovMember {
  readonly id: Id;
  readonly givenName: string;
  readonly familyName: string;
  readonly unitId: Id;
  /** Every period of membership, oldest first; the last one is open while the member is a member. */
  readonly periods: readonly MembershipPeriod[];
  readonly status: 'member' | 'resigned' | 'lapsed' | 'expelled';
}

export interface Application {
  readonly id: Id;
  readonly givenName: string;
  readonly familyName: string;
  readonly unitId: Id;
  readonly on: string;
  readonly status: 'pending' | 'admitted';
}

export interface Mandate {
  readonly id: Id;
  readonly memberId: Id;
  readonly bodyId: Id;
  /** null: a seat in the body; otherwise the statute's office held in it. */
  readonly office: string | null;
  readonly how: 'election' | 'appointment';
  /** The body that elected or appointed. */
  readonly byBodyId: Id;
  readonly startsOn: string;
  /** The end of the term (exclusive), or null for a mandate without a term (a delegate's). */
  readonly endsOn: string | null;
  /** Ended early: the day, and why. */
  readonly ended: { readonly on: string; readonly reason: MandateEndReason } | null;
}

/** superseded: a delegate's mandate, when the next congress opens with its own delegates. */
export type MandateEndReason = 'resigned' | 'recalled' | 'membership-ended' | 'transferred' | 'superseded';

export interface Tendency {
  readonly id: Id;
  readonly name: string;
  readonly declaredOn: string;
  readonly members: readonly Id[];
}

/** A vote of a body as the tellers counted it, and what the rules made of it. */
export interface RecordedVote {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly present: number;
  /** The body's members with a vote on that day. */
  readonly members: number;
  /** The majority applied (a name from the statute) and its arithmetic. */
  readonly majority: string;
  readonly arithmetic: string;
}

/** Every event of the record: the organisation's, then each part of the congress's. */
export type GovernanceEvent =
  OrganisationEvent | CongressEvent | BulletinEvent | MotionEvent | FloorEvent | CaseEvent | BallotEvent;

/** The organisation's events: statute, units, bodies, membership, mandates, recall, tendencies, discussion. */
export type OrganisationEvent =
  | { readonly type: 'statute.adopted'; readonly text: string; readonly version: number; readonly on: string }
  | {
      readonly type: 'statute.amended';
      readonly text: string;
      readonly version: number;
      readonly on: string;
      readonly vote: RecordedVote;
    }
  | { readonly type: 'unit.founded'; readonly unit: GovUnit; readonly on: string }
  | { readonly type: 'body.formed'; readonly body: GovBody; readonly on: string }
  | { readonly type: 'membership.applied'; readonly application: Application }
  | {
      readonly type: 'membership.admitted';
      readonly member: {
        readonly id: Id;
        readonly givenName: string;
        readonly familyName: string;
        readonly unitId: Id;
      };
      readonly applicationId: Id | null;
      readonly on: string;
      /** The day membership began: the day of the act, or earlier for the founding roll. */
      readonly since: string;
      readonly vote: RecordedVote | null;
    }
  | {
      readonly type: 'membership.transferred';
      readonly memberId: Id;
      readonly toUnitId: Id;
      readonly on: string;
      readonly vote: RecordedVote;
    }
  | { readonly type: 'membership.resigned'; readonly memberId: Id; readonly on: string }
  | { readonly type: 'membership.lapsed'; readonly memberId: Id; readonly on: string; readonly vote: RecordedVote }
  | { readonly type: 'membership.readmitted'; readonly memberId: Id; readonly on: string; readonly vote: RecordedVote }
  | { readonly type: 'mandate.began'; readonly mandate: Mandate; readonly vote: RecordedVote | null }
  | { readonly type: 'mandate.ended'; readonly mandateId: Id; readonly on: string; readonly reason: MandateEndReason }
  | { readonly type: 'recall.signed'; readonly mandateId: Id; readonly memberId: Id; readonly on: string }
  | {
      readonly type: 'recall.decided';
      readonly mandateId: Id;
      readonly on: string;
      readonly passed: boolean;
      readonly vote: RecordedVote;
    }
  | { readonly type: 'tendency.declared'; readonly tendency: Tendency }
  | { readonly type: 'tendency.joined'; readonly tendencyId: Id; readonly memberId: Id; readonly on: string }
  | { readonly type: 'discussion.opened'; readonly on: string }
  | { readonly type: 'discussion.closed'; readonly on: string };

export interface GovernanceState {
  readonly statute: Statute | null;
  readonly statuteText: string | null;
  readonly units: ReadonlyMap<Id, GovUnit>;
  readonly bodies: ReadonlyMap<Id, GovBody>;
  readonly members: ReadonlyMap<Id, GovMember>;
  readonly applications: ReadonlyMap<Id, Application>;
  readonly mandates: ReadonlyMap<Id, Mandate>;
  /** Signatures of recall petitions, by mandate: the members who signed. */
  readonly recallSignatures: ReadonlyMap<Id, readonly Id[]>;
  readonly tendencies: ReadonlyMap<Id, Tendency>;
  readonly discussionOpen: boolean;
  /** The date of the latest recorded act: acts may not be dated before it. */
  readonly lastDate: string | null;
  readonly congress: CongressSlice;
  readonly bulletin: BulletinSlice;
  readonly motions: MotionSlice;
  readonly floor: FloorSlice;
  readonly cases: CaseSlice;
  readonly ballots: BallotSlice;
}

export const EMPTY_GOVERNANCE: GovernanceState = {
  statute: null,
  statuteText: null,
  units: new Map(),
  bodies: new Map(),
  members: new Map(),
  applications: new Map(),
  mandates: new Map(),
  recallSignatures: new Map(),
  tendencies: new Map(),
  discussionOpen: false,
  lastDate: null,
  congress: EMPTY_CONGRESS,
  bulletin: EMPTY_BULLETIN,
  motions: EMPTY_MOTION,
  floor: EMPTY_FLOOR,
  cases: EMPTY_CASE,
  ballots: EMPTY_BALLOT,
};

/** A state being built: a batch of commands is decided on one draft (one copy of the maps per batch). */
export interface GovernanceDraft {
  statute: Statute | null;
  statuteText: string | null;
  units: Map<Id, GovUnit>;
  bodies: Map<Id, GovBody>;
  members: Map<Id, GovMember>;
  applications: Map<Id, Application>;
  mandates: Map<Id, Mandate>;
  recallSignatures: Map<Id, readonly Id[]>;
  tendencies: Map<Id, Tendency>;
  discussionOpen: boolean;
  lastDate: string | null;
  congress: Drafted<CongressSlice>;
  bulletin: Drafted<BulletinSlice>;
  motions: Drafted<MotionSlice>;
  floor: Drafted<FloorSlice>;
  cases: Drafted<CaseSlice>;
  ballots: Drafted<BallotSlice>;
}

/** The state after a batch of events (one copy of the maps per batch, then in place). */
export function evolveGovernance(state: GovernanceState, events: readonly GovernanceEvent[]): GovernanceState {
  const d = draftGovernance(state);
  applyGovernance(d, events);
  return d;
}

/** A mutable copy of a state, to decide a batch on; the state itself is not touched. */
export function draftGovernance(state: GovernanceState): GovernanceDraft {
  return {
    ...state,
    units: new Map(state.units),
    bodies: new Map(state.bodies),
    members: new Map(state.members),
    applications: new Map(state.applications),
    mandates: new Map(state.mandates),
    recallSignatures: new Map(state.recallSignatures),
    tendencies: new Map(state.tendencies),
    congress: draftSlice(state.congress),
    bulletin: draftSlice(state.bulletin),
    motions: draftSlice(state.motions),
    floor: draftSlice(state.floor),
    cases: draftSlice(state.cases),
    ballots: draftSlice(state.ballots),
  };
}

/** Applies events to a draft, in place. */
export function applyGovernance(draft: GovernanceDraft, events: readonly GovernanceEvent[]): void {
  for (const event of events) apply(draft, event);
}

function dateOf(event: GovernanceEvent): string | null {
  switch (event.type) {
    case 'membership.applied':
      return event.application.on;
    case 'mandate.began':
      return event.mandate.startsOn;
    case 'tendency.declared':
      return event.tendency.declaredOn;
    default:
      return event.on;
  }
}

/** Ends, on `on`, the member's mandates active that day (those `only` selects), in a draft. */
export function endMandates(
  d: GovernanceDraft,
  memberId: Id,
  on: string,
  reason: MandateEndReason,
  only?: (m: Mandate) => boolean,
): void {
  for (const m of d.mandates.values()) {
    if (m.memberId === memberId && isMandateActive(m, on) && (only === undefined || only(m))) {
      d.mandates.set(m.id, { ...m, ended: { on, reason } });
    }
  }
}

const part = (types: readonly string[]): ReadonlySet<string> => new Set<string>(types);
const CONGRESS_TYPES = part(CONGRESS_EVENT_TYPES);
const BULLETIN_TYPES = part(BULLETIN_EVENT_TYPES);
const MOTION_TYPES = part(MOTION_EVENT_TYPES);
const FLOOR_TYPES = part(FLOOR_EVENT_TYPES);
const CASE_TYPES = part(CASE_EVENT_TYPES);
const BALLOT_TYPES = part(BALLOT_EVENT_TYPES);

function apply(d: GovernanceDraft, event: GovernanceEvent): void {
  const date = dateOf(event);
  if (date !== null && (d.lastDate === null || date > d.lastDate)) d.lastDate = date;
  if (CONGRESS_TYPES.has(event.type)) applyCongress(d, event as CongressEvent);
  else if (BULLETIN_TYPES.has(event.type)) applyBulletin(d, event as BulletinEvent);
  else if (MOTION_TYPES.has(event.type)) applyMotion(d, event as MotionEvent);
  else if (FLOOR_TYPES.has(event.type)) applyFloor(d, event as FloorEvent);
  else if (CASE_TYPES.has(event.type)) applyCase(d, event as CaseEvent);
  else if (BALLOT_TYPES.has(event.type)) applyBallot(d, event as BallotEvent);
  else applyOrganisation(d, event as OrganisationEvent);
}

function applyOrganisation(d: GovernanceDraft, event: OrganisationEvent): void {
  switch (event.type) {
    case 'statute.adopted':
    case 'statute.amended': {
      const parsed = parseStatute(event.text);
      if (!parsed.ok) throw new RangeError('a recorded statute does not parse');
      d.statute = parsed.statute;
      d.statuteText = event.text;
      return;
    }
    case 'unit.founded':
      d.units.set(event.unit.id, event.unit);
      return;
    case 'body.formed':
      d.bodies.set(event.body.id, event.body);
      return;
    case 'membership.applied':
      d.applications.set(event.application.id, event.application);
      return;
    case 'membership.admitted': {
      d.members.set(event.member.id, {
        ...event.member,
        periods: [{ from: event.since, to: null }],
        status: 'member',
      });
      const application = event.applicationId === null ? undefined : d.applications.get(event.applicationId);
      if (application !== undefined) d.applications.set(application.id, { ...application, status: 'admitted' });
      return;
    }
    case 'membership.transferred': {
      const member = d.members.get(event.memberId);
      if (member === undefined) return;
      const fromUnit = member.unitId;
      endMandates(d, member.id, event.on, 'transferred', (m) => d.bodies.get(m.bodyId)?.unitId === fromUnit);
      d.members.set(member.id, { ...member, unitId: event.toUnitId });
      return;
    }
    case 'membership.resigned':
    case 'membership.lapsed': {
      const member = d.members.get(event.memberId);
      if (member === undefined) return;
      endMandates(d, member.id, event.on, 'membership-ended');
      const periods = member.periods.map((p, i) => (i === member.periods.length - 1 ? { ...p, to: event.on } : p));
      d.members.set(member.id, {
        ...member,
        periods,
        status: event.type === 'membership.resigned' ? 'resigned' : 'lapsed',
      });
      return;
    }
    case 'membership.readmitted': {
      const member = d.members.get(event.memberId);
      if (member === undefined) return;
      d.members.set(member.id, {
        ...member,
        periods: [...member.periods, { from: event.on, to: null }],
        status: 'member',
      });
      return;
    }
    case 'mandate.began':
      d.mandates.set(event.mandate.id, event.mandate);
      return;
    case 'mandate.ended': {
      const m = d.mandates.get(event.mandateId);
      if (m !== undefined) d.mandates.set(m.id, { ...m, ended: { on: event.on, reason: event.reason } });
      if (event.reason === 'recalled') d.recallSignatures.delete(event.mandateId);
      return;
    }
    case 'recall.signed':
      d.recallSignatures.set(event.mandateId, [...(d.recallSignatures.get(event.mandateId) ?? []), event.memberId]);
      return;
    case 'recall.decided':
      // Decided either way: the petition is closed; a new one starts from no signatures.
      d.recallSignatures.delete(event.mandateId);
      if (event.passed) {
        const m = d.mandates.get(event.mandateId);
        if (m !== undefined) d.mandates.set(m.id, { ...m, ended: { on: event.on, reason: 'recalled' } });
      }
      return;
    case 'tendency.declared':
      d.tendencies.set(event.tendency.id, event.tendency);
      return;
    case 'tendency.joined': {
      const t = d.tendencies.get(event.tendencyId);
      if (t !== undefined) d.tendencies.set(t.id, { ...t, members: [...t.members, event.memberId] });
      return;
    }
    case 'discussion.opened':
      d.discussionOpen = true;
      return;
    case 'discussion.closed':
      d.discussionOpen = false;
      return;
  }
}

/** Whether a mandate is held on a day: begun, its term not over, not ended early. */
export function isMandateActive(m: Mandate, on: string): boolean {
  if (on < m.startsOn) return false;
  if (m.endsOn !== null && on >= m.endsOn) return false;
  return m.ended === null || on < m.ended.on;
}

/** Whether someone is a member on a day. */
export function isMemberOn(member: GovMember, on: string): boolean {
  return member.periods.some((p) => p.from <= on && (p.to === null || on < p.to));
}

/** Days of unbroken membership up to a day (0 if not a member that day). */
export function membershipDays(member: GovMember, on: string): number {
  const current = member.periods.find((p) => p.from <= on && (p.to === null || on < p.to));
  return current === undefined ? 0 : dayNumber(on) - dayNumber(current.from);
}
