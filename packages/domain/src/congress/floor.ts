import { ok, type Id, type Refusal, type RuleCitation } from '@plenum/kernel';
import {
  actorName,
  bodyMembers,
  cite,
  input,
  isRefusal,
  no,
  notAllowed,
  plenum,
  tallyVote,
  validId,
  validName,
  validText,
  type Ctx,
  type Decision,
  type MeetingVote,
  type VoteInput,
} from '../governance/common.ts';
import type { GovBody, GovernanceDraft, GovernanceState } from '../governance/state.ts';
import { citeRule } from '../statute/statute.ts';
import { floorPlatforms } from './floor-platforms.ts';
import { elapsedMinutes, isClockTime } from './floor-minutes.ts';

export {
  MINUTES_MESSAGE_KEYS,
  minutesMarkdown,
  minutesOf,
  type Minutes,
  type MinutesItem,
  type MinutesSpeech,
  type MinutesTranslate,
} from './floor-minutes.ts';

export { FLOOR_EVENT_TYPES, FLOOR_COMMAND_TYPES, FLOOR_REFUSALS, EMPTY_FLOOR } from './floor-model.ts';

/**
 * The engine's part for meetings (G10): a body's meeting with its agenda, the speakers' list
 * of each item, points of order, the chair's rulings and their challenges, the meeting's votes,
 * and minutes generated from the record. The seeds: speakers shouted down, lights turned off,
 * meetings broken up (1927). Here:
 *
 * - the chair calls speakers only in the order of the list (nextSpeaker): skipping someone is
 *   refused; a speech has its time limit recorded, and the chair can end it only when that time
 *   has run (the speaker may end it sooner);
 * - a point of order stops the meeting until the chair rules on it; every ruling is an event,
 *   and any member of the body may challenge it: while a challenge is pending nothing proceeds
 *   until the meeting votes on it (statute meetings.challengeMajority), carried or lost on the record;
 * - the chair cannot break up the meeting: it closes only when every item's debate is closed,
 *   or earlier by the meeting's own vote;
 * - at the congress, every platform filed for it has its co-report on the agenda (G3), which
 *   no vote can remove, and a debate cannot close while a platform with speakers waiting has
 *   had fewer than meetings.platformQuota speeches in it.
 *
 * Every floor event carries its day (`on`) and time (`at`, HH:MM); within a meeting, time
 * never goes backwards.
 */

export type Side = 'for' | 'against' | 'neutral';

/** An item of a meeting's agenda: an ordinary item, or a platform's co-report (with its minutes). */
export interface AgendaItem {
  readonly itemId: Id;
  readonly title: string;
  readonly kind: 'item' | 'co-report';
  readonly platformId: Id | null;
  readonly minutes: number | null;
}

/** An item as a command proposes it. */
export interface AgendaInput {
  readonly itemId: Id;
  readonly title: string;
}

export type FloorEvent =
  | {
      readonly type: 'meeting.opened';
      readonly meetingId: Id;
      readonly bodyId: Id;
      readonly chairId: Id;
      readonly agenda: readonly AgendaItem[];
      readonly on: string;
      readonly at: string;
    }
  | {
      /** A vote of the meeting on a new agenda, carried or lost: only a carried one changes it. */
      readonly type: 'agenda.change-voted';
      readonly meetingId: Id;
      readonly agenda: readonly AgendaItem[];
      readonly carried: boolean;
      readonly vote: MeetingVote;
      readonly on: string;
      readonly at: string;
    }
  | {
      readonly type: 'speaker.listed';
      readonly meetingId: Id;
      readonly itemId: Id;
      readonly memberId: Id;
      readonly side: Side;
      readonly platformId: Id | null;
      readonly on: string;
      readonly at: string;
    }
  | {
      readonly type: 'speaker.withdrawn';
      readonly meetingId: Id;
      readonly itemId: Id;
      readonly memberId: Id;
      readonly on: string;
      readonly at: string;
    }
  | {
      readonly type: 'speaker.called';
      readonly meetingId: Id;
      readonly itemId: Id;
      readonly memberId: Id;
      /** The speech's sequence in the meeting (1, 2, …): it is referenced as speech:<meetingId>:<n>. */
      readonly speech: number;
      readonly side: Side;
      readonly platformId: Id | null;
      /** Whether this speech is the item's co-report. */
      readonly coReport: boolean;
      /** The time limit of the speech. */
      readonly minutes: number;
      readonly on: string;
      readonly at: string;
    }
  | {
      readonly type: 'speech.ended';
      readonly meetingId: Id;
      readonly speech: number;
      readonly by: 'speaker' | 'chair';
      readonly on: string;
      readonly at: string;
    }
  | {
      readonly type: 'point-of-order.raised';
      readonly pointId: Id;
      readonly meetingId: Id;
      readonly memberId: Id;
      readonly text: string;
      readonly on: string;
      readonly at: string;
    }
  | {
      readonly type: 'ruling.given';
      readonly rulingId: Id;
      readonly meetingId: Id;
      /** The point of order ruled on, or null for another decision of the chair. */
      readonly pointId: Id | null;
      readonly decision: string;
      readonly on: string;
      readonly at: string;
    }
  | {
      readonly type: 'ruling.challenged';
      readonly rulingId: Id;
      readonly meetingId: Id;
      readonly memberId: Id;
      readonly on: string;
      readonly at: string;
    }
  | {
      readonly type: 'ruling.challenge-decided';
      readonly rulingId: Id;
      readonly meetingId: Id;
      /** The challenge carried: the ruling is overturned. */
      readonly overturned: boolean;
      readonly vote: MeetingVote;
      readonly on: string;
      readonly at: string;
    }
  | {
      readonly type: 'debate.closed';
      readonly meetingId: Id;
      readonly itemId: Id;
      /** Who was still on the list when the chair closed the debate (on the record). */
      readonly waiting: readonly Id[];
      readonly on: string;
      readonly at: string;
    }
  | {
      readonly type: 'vote.taken';
      readonly meetingId: Id;
      readonly itemId: Id;
      readonly voteId: Id;
      readonly question: string;
      readonly result: MeetingVote;
      readonly on: string;
      readonly at: string;
    }
  | {
      readonly type: 'meeting.closed';
      readonly meetingId: Id;
      /** chair: with every debate closed; meeting: by its own vote. */
      readonly by: 'chair' | 'meeting';
      readonly vote: MeetingVote | null;
      readonly on: string;
      readonly at: string;
    };

interface Timed {
  readonly on: string;
  readonly at: string;
}

export type FloorCommand =
  | ({
      readonly type: 'openMeeting';
      readonly meetingId: Id;
      readonly bodyId: Id;
      readonly chairId: Id;
      readonly agenda: readonly AgendaInput[];
    } & Timed)
  | ({
      readonly type: 'changeAgenda';
      readonly meetingId: Id;
      readonly agenda: readonly AgendaInput[];
      readonly vote: VoteInput;
    } & Timed)
  | ({
      readonly type: 'requestToSpeak';
      readonly meetingId: Id;
      readonly itemId: Id;
      readonly side: Side;
      readonly platformId: Id | null;
    } & Timed)
  | ({ readonly type: 'withdrawFromList'; readonly meetingId: Id; readonly itemId: Id } & Timed)
  | ({ readonly type: 'callSpeaker'; readonly meetingId: Id; readonly itemId: Id; readonly memberId: Id } & Timed)
  | ({ readonly type: 'endSpeech'; readonly meetingId: Id } & Timed)
  | ({ readonly type: 'closeDebate'; readonly meetingId: Id; readonly itemId: Id } & Timed)
  | ({
      readonly type: 'raisePointOfOrder';
      readonly pointId: Id;
      readonly meetingId: Id;
      readonly text: string;
    } & Timed)
  | ({
      readonly type: 'giveRuling';
      readonly rulingId: Id;
      readonly meetingId: Id;
      readonly pointId: Id | null;
      readonly decision: string;
    } & Timed)
  | ({ readonly type: 'challengeRuling'; readonly rulingId: Id } & Timed)
  | ({ readonly type: 'decideChallenge'; readonly rulingId: Id; readonly vote: VoteInput } & Timed)
  | ({
      readonly type: 'takeVote';
      readonly meetingId: Id;
      readonly itemId: Id;
      readonly voteId: Id;
      readonly question: string;
      /** A majority the statute defines. */
      readonly majority: string;
      readonly vote: VoteInput;
    } & Timed)
  | ({
      readonly type: 'closeMeeting';
      readonly meetingId: Id;
      /** null when the chair closes a finished meeting; the meeting's vote when the body closes it. */
      readonly vote: VoteInput | null;
    } & Timed);

// ─── The slice ──────────────────────────────────────────────────────────────────────────

export interface Moment {
  readonly on: string;
  readonly at: string;
}

/** A request to speak on an item, in the order of the list. */
export interface ListEntry {
  readonly itemId: Id;
  readonly memberId: Id;
  readonly side: Side;
  readonly platformId: Id | null;
  readonly listed: Moment;
  readonly status: 'waiting' | 'called' | 'withdrawn';
  /** The speech it led to, once called. */
  readonly speech: number | null;
}

export interface Speech {
  readonly n: number;
  readonly itemId: Id;
  readonly memberId: Id;
  readonly side: Side;
  readonly platformId: Id | null;
  readonly coReport: boolean;
  readonly minutes: number;
  readonly called: Moment;
  readonly ended: (Moment & { readonly by: 'speaker' | 'chair' }) | null;
}

export interface PointOfOrder {
  readonly pointId: Id;
  readonly memberId: Id;
  readonly text: string;
  readonly raised: Moment;
  readonly rulingId: Id | null;
}

export interface Challenge {
  readonly memberId: Id;
  readonly raised: Moment;
  /** The meeting's decision, once taken. */
  readonly decided: (Moment & { readonly overturned: boolean; readonly vote: MeetingVote }) | null;
}

export interface Ruling {
  readonly rulingId: Id;
  readonly pointId: Id | null;
  readonly decision: string;
  readonly given: Moment;
  readonly challenge: Challenge | null;
}

export interface MeetingVoteRecord {
  readonly voteId: Id;
  readonly itemId: Id;
  readonly question: string;
  readonly result: MeetingVote;
  readonly taken: Moment;
}

export interface FloorMeeting {
  readonly id: Id;
  readonly bodyId: Id;
  readonly chairId: Id;
  readonly opened: Moment;
  readonly closed: (Moment & { readonly by: 'chair' | 'meeting'; readonly vote: MeetingVote | null }) | null;
  readonly agenda: readonly AgendaItem[];
  readonly agendaVotes: readonly (Moment & {
    readonly agenda: readonly AgendaItem[];
    readonly carried: boolean;
    readonly vote: MeetingVote;
  })[];
  /** The time of the meeting's latest act. */
  readonly clock: Moment;
  readonly list: readonly ListEntry[];
  readonly speeches: readonly Speech[];
  readonly points: readonly PointOfOrder[];
  readonly rulings: readonly Ruling[];
  readonly debatesClosed: readonly (Moment & { readonly itemId: Id; readonly waiting: readonly Id[] })[];
  readonly votes: readonly MeetingVoteRecord[];
}

/** This part's slice of the state: meetings by id, and which meeting each ruling and point of order belongs to. */
export interface FloorSlice {
  readonly meetings: ReadonlyMap<Id, FloorMeeting>;
  readonly rulingMeetings: ReadonlyMap<Id, Id>;
  readonly pointMeetings: ReadonlyMap<Id, Id>;
}

export function applyFloor(draft: GovernanceDraft, event: FloorEvent): void {
  const f = draft.floor;
  const when: Moment = { on: event.on, at: event.at };
  if (event.type === 'meeting.opened') {
    f.meetings.set(event.meetingId, {
      id: event.meetingId,
      bodyId: event.bodyId,
      chairId: event.chairId,
      opened: when,
      closed: null,
      agenda: event.agenda,
      agendaVotes: [],
      clock: when,
      list: [],
      speeches: [],
      points: [],
      rulings: [],
      debatesClosed: [],
      votes: [],
    });
    return;
  }
  const m = f.meetings.get(event.meetingId);
  if (m === undefined) return;
  const next = changed(m, event, when, f);
  f.meetings.set(m.id, { ...next, clock: when });
}

function changed(m: FloorMeeting, event: FloorEvent, when: Moment, f: Drafted): FloorMeeting {
  switch (event.type) {
    case 'meeting.opened':
      return m;
    case 'agenda.change-voted':
      return {
        ...m,
        agenda: event.carried ? event.agenda : m.agenda,
        agendaVotes: [...m.agendaVotes, { ...when, agenda: event.agenda, carried: event.carried, vote: event.vote }],
      };
    case 'speaker.listed':
      return {
        ...m,
        list: [
          ...m.list,
          {
            itemId: event.itemId,
            memberId: event.memberId,
            side: event.side,
            platformId: event.platformId,
            listed: when,
            status: 'waiting',
            speech: null,
          },
        ],
      };
    case 'speaker.withdrawn':
      return {
        ...m,
        list: m.list.map((e) =>
          isWaiting(e, event.itemId, event.memberId) ? { ...e, status: 'withdrawn' as const } : e,
        ),
      };
    case 'speaker.called':
      return {
        ...m,
        list: m.list.map((e) =>
          isWaiting(e, event.itemId, event.memberId) ? { ...e, status: 'called' as const, speech: event.speech } : e,
        ),
        speeches: [
          ...m.speeches,
          {
            n: event.speech,
            itemId: event.itemId,
            memberId: event.memberId,
            side: event.side,
            platformId: event.platformId,
            coReport: event.coReport,
            minutes: event.minutes,
            called: when,
            ended: null,
          },
        ],
      };
    case 'speech.ended':
      return {
        ...m,
        speeches: m.speeches.map((s) => (s.n === event.speech ? { ...s, ended: { ...when, by: event.by } } : s)),
      };
    case 'point-of-order.raised':
      f.pointMeetings.set(event.pointId, m.id);
      return {
        ...m,
        points: [
          ...m.points,
          { pointId: event.pointId, memberId: event.memberId, text: event.text, raised: when, rulingId: null },
        ],
      };
    case 'ruling.given':
      f.rulingMeetings.set(event.rulingId, m.id);
      return {
        ...m,
        points: m.points.map((p) => (p.pointId === event.pointId ? { ...p, rulingId: event.rulingId } : p)),
        rulings: [
          ...m.rulings,
          { rulingId: event.rulingId, pointId: event.pointId, decision: event.decision, given: when, challenge: null },
        ],
      };
    case 'ruling.challenged':
      return {
        ...m,
        rulings: m.rulings.map((r) =>
          r.rulingId === event.rulingId
            ? { ...r, challenge: { memberId: event.memberId, raised: when, decided: null } }
            : r,
        ),
      };
    case 'ruling.challenge-decided':
      return {
        ...m,
        rulings: m.rulings.map((r) =>
          r.rulingId === event.rulingId && r.challenge !== null
            ? {
                ...r,
                challenge: { ...r.challenge, decided: { ...when, overturned: event.overturned, vote: event.vote } },
              }
            : r,
        ),
      };
    case 'debate.closed':
      return { ...m, debatesClosed: [...m.debatesClosed, { ...when, itemId: event.itemId, waiting: event.waiting }] };
    case 'vote.taken':
      return {
        ...m,
        votes: [
          ...m.votes,
          { voteId: event.voteId, itemId: event.itemId, question: event.question, result: event.result, taken: when },
        ],
      };
    case 'meeting.closed':
      return { ...m, closed: { ...when, by: event.by, vote: event.vote } };
  }
}

type Drafted = GovernanceDraft['floor'];

const isWaiting = (e: ListEntry, itemId: Id, memberId: Id): boolean =>
  e.status === 'waiting' && e.itemId === itemId && e.memberId === memberId;

// ─── Queries ────────────────────────────────────────────────────────────────────────────

export function meetingOf(state: GovernanceState, meetingId: Id): FloorMeeting | undefined {
  return state.floor.meetings.get(meetingId);
}

/** The list of an item: every request in the order it was made (waiting, called or withdrawn), and the item's speeches. */
export function speakersOf(
  state: GovernanceState,
  meetingId: Id,
  itemId: Id,
): { readonly list: readonly ListEntry[]; readonly speeches: readonly Speech[] } {
  const m = meetingOf(state, meetingId);
  return {
    list: m?.list.filter((e) => e.itemId === itemId) ?? [],
    speeches: m?.speeches.filter((s) => s.itemId === itemId) ?? [],
  };
}

/**
 * The one speaker the chair may call next on an item, by the standing orders (statute
 * meetings): among those waiting, in the order they asked,
 * 1. on a platform's co-report item, until the co-report is given: the first waiting speaker
 *    for that platform (a signatory);
 * 2. when speakers for and against alternate: the first waiting on the side opposite to the
 *    last speech for or against on this item (neutral speeches do not count), if anyone waits there;
 * 3. otherwise the first waiting.
 * Platforms' quotas are owed before the debate closes (closeDebate), not by reordering the list.
 */
export function nextSpeaker(state: GovernanceState, meetingId: Id, itemId: Id): ListEntry | undefined {
  const m = meetingOf(state, meetingId);
  if (m === undefined) return undefined;
  const waiting = m.list.filter((e) => e.itemId === itemId && e.status === 'waiting');
  if (waiting.length === 0) return undefined;
  const item = m.agenda.find((i) => i.itemId === itemId);
  const speeches = m.speeches.filter((s) => s.itemId === itemId);
  if (item?.kind === 'co-report' && !speeches.some((s) => s.coReport)) {
    const reporter = waiting.find((e) => e.platformId === item.platformId);
    if (reporter !== undefined) return reporter;
  }
  if (state.statute?.meetings.alternate === true) {
    const last = speeches.filter((s) => s.side !== 'neutral').at(-1);
    if (last !== undefined) {
      const other = waiting.find((e) => e.side === (last.side === 'for' ? 'against' : 'for'));
      if (other !== undefined) return other;
    }
  }
  return waiting[0];
}

/** Whether `ref` ("speech:<meetingId>:<n>") names a speech given in a meeting (for the protection of opinions, G6). */
export function speechExists(state: GovernanceState, ref: string): boolean {
  const match = /^speech:([^:]+):([1-9][0-9]{0,8})$/.exec(ref);
  if (match === null) return false;
  const m = state.floor.meetings.get(match[1] ?? '');
  const n = Number(match[2]);
  return m?.speeches.some((s) => s.n === n) ?? false;
}

// ─── Decisions ──────────────────────────────────────────────────────────────────────────

export function decideFloor(ctx: Ctx, command: FloorCommand): Decision {
  if (!isClockTime(command.at)) return no(plenum('input'), 'input', { field: 'at' });
  switch (command.type) {
    case 'openMeeting':
      return openMeeting(ctx, command);
    case 'changeAgenda':
      return changeAgenda(ctx, command);
    case 'requestToSpeak':
      return requestToSpeak(ctx, command);
    case 'withdrawFromList':
      return withdrawFromList(ctx, command);
    case 'callSpeaker':
      return callSpeaker(ctx, command);
    case 'endSpeech':
      return endSpeech(ctx, command);
    case 'closeDebate':
      return closeDebate(ctx, command);
    case 'raisePointOfOrder':
      return raisePointOfOrder(ctx, command);
    case 'giveRuling':
      return giveRuling(ctx, command);
    case 'challengeRuling':
      return challengeRuling(ctx, command);
    case 'decideChallenge':
      return decideChallenge(ctx, command);
    case 'takeVote':
      return takeVote(ctx, command);
    case 'closeMeeting':
      return closeMeeting(ctx, command);
  }
}

type Cmd<T extends FloorCommand['type']> = Extract<FloorCommand, { type: T }>;

const MAX_AGENDA = 100;
const SIDES: ReadonlySet<string> = new Set<Side>(['for', 'against', 'neutral']);
/** The longest point of order, ruling, or question put to the vote. */
export const MAX_FLOOR_TEXT = 5000;

function validAgenda(agenda: unknown): agenda is readonly AgendaInput[] {
  if (!Array.isArray(agenda) || agenda.length === 0 || agenda.length > MAX_AGENDA) return false;
  const seen = new Set<string>();
  for (const item of agenda as unknown[]) {
    if (typeof item !== 'object' || item === null) return false;
    const { itemId, title } = item as { itemId?: unknown; title?: unknown };
    if (!validId(itemId) || !validName(title) || seen.has(itemId)) return false;
    seen.add(itemId);
  }
  return true;
}

function validVote(vote: unknown): vote is VoteInput {
  if (typeof vote !== 'object' || vote === null) return false;
  const v = vote as { method?: unknown; count?: unknown; roll?: unknown };
  if (v.method === 'roll-call') {
    return (
      Array.isArray(v.roll) &&
      v.roll.length <= 100_000 &&
      (v.roll as unknown[]).every(
        (a) => typeof a === 'object' && a !== null && validId((a as { memberId?: unknown }).memberId),
      )
    );
  }
  if (v.method !== 'show-of-hands' && v.method !== 'secret-ballot') return false;
  if (typeof v.count !== 'object' || v.count === null) return false;
  const c = v.count as Record<string, unknown>;
  return ['yes', 'no', 'abstain', 'present'].every((k) => Number.isSafeInteger(c[k]));
}

const rule = (ctx: Ctx): RuleCitation => cite(ctx.statute.meetings);

interface Open {
  readonly meeting: FloorMeeting;
  readonly body: GovBody;
}

/** The open meeting a command acts in, at a time not before its latest act. */
function openMeetingFor(ctx: Ctx, meetingId: unknown, on: string, at: string): Open | Refusal {
  if (!validId(meetingId)) return input('meetingId');
  const meeting = ctx.state.floor.meetings.get(meetingId);
  if (meeting === undefined) return no(plenum('unknown'), 'unknownMeeting', { id: meetingId });
  if (meeting.closed !== null) return no(rule(ctx), 'meetingClosed', { id: meetingId });
  if (on < meeting.clock.on || (on === meeting.clock.on && at < meeting.clock.at)) {
    return no(plenum('meeting-time'), 'meetingTimeOrder', {
      time: `${on} ${at}`,
      last: `${meeting.clock.on} ${meeting.clock.at}`,
    });
  }
  const body = ctx.state.bodies.get(meeting.bodyId);
  if (body === undefined) return no(plenum('unknown'), 'unknownBody', { id: meeting.bodyId });
  return { meeting, body };
}

function isChair(ctx: Ctx, m: FloorMeeting): boolean {
  return ctx.actor.kind === 'member' && ctx.actor.id === m.chairId;
}

function isTheBody(ctx: Ctx, m: FloorMeeting): boolean {
  return ctx.actor.kind === 'body' && ctx.actor.id === m.bodyId;
}

/** The acting member, if they are a member of the meeting's body that day. */
function bodyMemberActing(ctx: Ctx, open: Open, on: string): Id | Refusal {
  if (ctx.actor.kind !== 'member') return notAllowed(rule(ctx), actorName(ctx.actor));
  if (!bodyMembers(ctx.state, open.body, on).includes(ctx.actor.id)) {
    return no(rule(ctx), 'notInMeetingBody', { member: ctx.actor.id, body: open.body.id });
  }
  return ctx.actor.id;
}

/** What stops the meeting: a point of order not ruled on, or a challenge not decided. */
function pendingStop(ctx: Ctx, m: FloorMeeting, challengesOnly = false): Refusal | null {
  const challenged = m.rulings.find((r) => r.challenge !== null && r.challenge.decided === null);
  if (challenged !== undefined) return no(rule(ctx), 'challengePending', { ruling: challenged.rulingId });
  if (challengesOnly) return null;
  const point = m.points.find((p) => p.rulingId === null);
  if (point !== undefined) return no(rule(ctx), 'pointOfOrderPending', { point: point.pointId });
  return null;
}

function currentSpeech(m: FloorMeeting): Speech | undefined {
  return m.speeches.find((s) => s.ended === null);
}

function speechRunning(ctx: Ctx, m: FloorMeeting): Refusal | null {
  const s = currentSpeech(m);
  return s === undefined ? null : no(rule(ctx), 'speechInProgress', { member: s.memberId, speech: s.n });
}

function itemOf(ctx: Ctx, m: FloorMeeting, itemId: unknown): AgendaItem | Refusal {
  if (!validId(itemId)) return input('itemId');
  const item = m.agenda.find((i) => i.itemId === itemId);
  return item ?? no(rule(ctx), 'unknownAgendaItem', { item: itemId });
}

function debateClosed(m: FloorMeeting, itemId: Id): boolean {
  return m.debatesClosed.some((d) => d.itemId === itemId);
}

function openMeeting(ctx: Ctx, c: Cmd<'openMeeting'>): Decision {
  const { state, statute } = ctx;
  if (!validId(c.meetingId)) return input('meetingId');
  if (!validId(c.bodyId)) return input('bodyId');
  if (!validId(c.chairId)) return input('chairId');
  if (!validAgenda(c.agenda)) return input('agenda');
  const body = state.bodies.get(c.bodyId);
  if (body === undefined) return no(plenum('unknown'), 'unknownBody', { id: c.bodyId });
  if (ctx.actor.kind !== 'body' || ctx.actor.id !== body.id) return notAllowed(rule(ctx), actorName(ctx.actor));
  if (state.floor.meetings.has(c.meetingId)) return no(plenum('unique-id'), 'exists', { id: c.meetingId });
  if (!bodyMembers(state, body, c.on).includes(c.chairId)) {
    return no(rule(ctx), 'chairNotInBody', { member: c.chairId, body: body.id });
  }
  const agenda: AgendaItem[] = c.agenda.map((i) => ({
    itemId: i.itemId,
    title: i.title,
    kind: 'item',
    platformId: null,
    minutes: null,
  }));
  if (body.kind === statute.congress.body) {
    // G3: each platform filed for this congress has its co-report, whatever agenda was proposed.
    for (const [i, p] of floorPlatforms(state).entries()) {
      const itemId = `co-report-${i + 1}`;
      if (agenda.some((a) => a.itemId === itemId)) return input('agenda');
      agenda.push({
        itemId,
        title: p.title,
        kind: 'co-report',
        platformId: p.id,
        minutes: statute.platforms.coReportMinutes,
      });
    }
  }
  return ok([
    { type: 'meeting.opened', meetingId: c.meetingId, bodyId: body.id, chairId: c.chairId, agenda, on: c.on, at: c.at },
  ]);
}

function changeAgenda(ctx: Ctx, c: Cmd<'changeAgenda'>): Decision {
  const open = openMeetingFor(ctx, c.meetingId, c.on, c.at);
  if (isRefusal(open)) return open;
  const { meeting: m, body } = open;
  if (!validAgenda(c.agenda)) return input('agenda');
  if (!validVote(c.vote)) return input('vote');
  if (!isTheBody(ctx, m)) return notAllowed(rule(ctx), actorName(ctx.actor));
  const stop = pendingStop(ctx, m) ?? speechRunning(ctx, m);
  if (stop !== null) return stop;
  const proposed = new Map(c.agenda.map((i) => [i.itemId, i]));
  for (const old of m.agenda) {
    if (proposed.has(old.itemId)) continue;
    if (old.kind === 'co-report') {
      return no(cite(ctx.statute.platforms), 'coReportRemoved', { item: old.itemId, platform: old.platformId ?? '' });
    }
    const used =
      m.list.some((e) => e.itemId === old.itemId) ||
      debateClosed(m, old.itemId) ||
      m.votes.some((v) => v.itemId === old.itemId);
    if (used) return no(rule(ctx), 'agendaItemInUse', { item: old.itemId });
  }
  // Items kept keep their kind (a co-report stays a co-report, with its minutes); new ones are items.
  const agenda: AgendaItem[] = c.agenda.map((i) => {
    const old = m.agenda.find((a) => a.itemId === i.itemId);
    return old === undefined
      ? { itemId: i.itemId, title: i.title, kind: 'item', platformId: null, minutes: null }
      : { ...old, title: old.kind === 'co-report' ? old.title : i.title };
  });
  const vote = tallyVote(ctx, body, c.on, c.vote, ctx.statute.motions.majority, cite(ctx.statute.motions));
  if (!vote.ok) return vote;
  return ok([
    {
      type: 'agenda.change-voted',
      meetingId: m.id,
      agenda,
      carried: vote.value.carried,
      vote: vote.value,
      on: c.on,
      at: c.at,
    },
  ]);
}

function requestToSpeak(ctx: Ctx, c: Cmd<'requestToSpeak'>): Decision {
  const open = openMeetingFor(ctx, c.meetingId, c.on, c.at);
  if (isRefusal(open)) return open;
  const m = open.meeting;
  const item = itemOf(ctx, m, c.itemId);
  if (isRefusal(item)) return item;
  if (!SIDES.has(c.side)) return input('side');
  if (c.platformId !== null && !validId(c.platformId)) return input('platformId');
  const memberId = bodyMemberActing(ctx, open, c.on);
  if (isRefusal(memberId)) return memberId;
  if (debateClosed(m, item.itemId)) return no(rule(ctx), 'itemDebateClosed', { item: item.itemId });
  if (m.list.some((e) => isWaiting(e, item.itemId, memberId))) {
    return no(rule(ctx), 'speakerListedAlready', { member: memberId });
  }
  if (c.platformId !== null) {
    const platform = floorPlatforms(ctx.state).find((p) => p.id === c.platformId);
    const platformRule = cite(ctx.statute.platforms);
    if (platform === undefined) return no(platformRule, 'speakerPlatformUnknown', { platform: c.platformId });
    if (!platform.signatories.includes(memberId)) {
      return no(platformRule, 'speakerNotSignatory', { member: memberId, platform: platform.id });
    }
  }
  return ok([
    {
      type: 'speaker.listed',
      meetingId: m.id,
      itemId: item.itemId,
      memberId,
      side: c.side,
      platformId: c.platformId,
      on: c.on,
      at: c.at,
    },
  ]);
}

function withdrawFromList(ctx: Ctx, c: Cmd<'withdrawFromList'>): Decision {
  const open = openMeetingFor(ctx, c.meetingId, c.on, c.at);
  if (isRefusal(open)) return open;
  const m = open.meeting;
  const item = itemOf(ctx, m, c.itemId);
  if (isRefusal(item)) return item;
  // Only the speaker takes their own name off the list.
  if (ctx.actor.kind !== 'member') return notAllowed(rule(ctx), actorName(ctx.actor));
  const memberId = ctx.actor.id;
  if (!m.list.some((e) => isWaiting(e, item.itemId, memberId))) {
    return no(rule(ctx), 'speakerNotListed', { member: memberId });
  }
  return ok([{ type: 'speaker.withdrawn', meetingId: m.id, itemId: item.itemId, memberId, on: c.on, at: c.at }]);
}

function callSpeaker(ctx: Ctx, c: Cmd<'callSpeaker'>): Decision {
  const open = openMeetingFor(ctx, c.meetingId, c.on, c.at);
  if (isRefusal(open)) return open;
  const m = open.meeting;
  const item = itemOf(ctx, m, c.itemId);
  if (isRefusal(item)) return item;
  if (!validId(c.memberId)) return input('memberId');
  if (!isChair(ctx, m)) return notAllowed(rule(ctx), actorName(ctx.actor));
  const stop = pendingStop(ctx, m) ?? speechRunning(ctx, m);
  if (stop !== null) return stop;
  if (debateClosed(m, item.itemId)) return no(rule(ctx), 'itemDebateClosed', { item: item.itemId });
  const next = nextSpeaker(ctx.state, m.id, item.itemId);
  if (next === undefined) return no(rule(ctx), 'noSpeakerWaiting', { item: item.itemId });
  if (next.memberId !== c.memberId) {
    // G10: the chair cannot pass over the list.
    return no(rule(ctx), 'speakerOutOfOrder', { member: c.memberId, next: next.memberId });
  }
  const coReport =
    item.kind === 'co-report' &&
    next.platformId === item.platformId &&
    !m.speeches.some((s) => s.itemId === item.itemId && s.coReport);
  return ok([
    {
      type: 'speaker.called',
      meetingId: m.id,
      itemId: item.itemId,
      memberId: next.memberId,
      speech: m.speeches.length + 1,
      side: next.side,
      platformId: next.platformId,
      coReport,
      minutes: coReport
        ? (item.minutes ?? ctx.statute.platforms.coReportMinutes)
        : ctx.statute.meetings.speakingMinutes,
      on: c.on,
      at: c.at,
    },
  ]);
}

function endSpeech(ctx: Ctx, c: Cmd<'endSpeech'>): Decision {
  const open = openMeetingFor(ctx, c.meetingId, c.on, c.at);
  if (isRefusal(open)) return open;
  const m = open.meeting;
  const speech = currentSpeech(m);
  if (speech === undefined) return no(rule(ctx), 'noSpeechInProgress');
  let by: 'speaker' | 'chair';
  if (ctx.actor.kind === 'member' && ctx.actor.id === speech.memberId) by = 'speaker';
  else if (isChair(ctx, m)) by = 'chair';
  else return notAllowed(rule(ctx), actorName(ctx.actor));
  if (by === 'chair') {
    // G10: the chair does not cut a speaker short: the time limit runs out first.
    const spoken = elapsedMinutes(speech.called, { on: c.on, at: c.at });
    if (spoken < speech.minutes) {
      return no(rule(ctx), 'speechTimeLeft', { minutes: speech.minutes, left: speech.minutes - spoken });
    }
  }
  return ok([{ type: 'speech.ended', meetingId: m.id, speech: speech.n, by, on: c.on, at: c.at }]);
}

function closeDebate(ctx: Ctx, c: Cmd<'closeDebate'>): Decision {
  const open = openMeetingFor(ctx, c.meetingId, c.on, c.at);
  if (isRefusal(open)) return open;
  const m = open.meeting;
  const item = itemOf(ctx, m, c.itemId);
  if (isRefusal(item)) return item;
  if (!isChair(ctx, m)) return notAllowed(rule(ctx), actorName(ctx.actor));
  const stop = pendingStop(ctx, m) ?? speechRunning(ctx, m);
  if (stop !== null) return stop;
  if (debateClosed(m, item.itemId)) return no(rule(ctx), 'itemDebateClosed', { item: item.itemId });
  const waiting = m.list.filter((e) => e.itemId === item.itemId && e.status === 'waiting');
  const quota = ctx.statute.meetings.platformQuota;
  for (const platformId of new Set(waiting.flatMap((e) => (e.platformId === null ? [] : [e.platformId])))) {
    const had = m.speeches.filter((s) => s.itemId === item.itemId && s.platformId === platformId).length;
    if (had < quota) return no(rule(ctx), 'platformQuotaOwed', { platform: platformId, had, quota });
  }
  return ok([
    {
      type: 'debate.closed',
      meetingId: m.id,
      itemId: item.itemId,
      waiting: waiting.map((e) => e.memberId),
      on: c.on,
      at: c.at,
    },
  ]);
}

function raisePointOfOrder(ctx: Ctx, c: Cmd<'raisePointOfOrder'>): Decision {
  const open = openMeetingFor(ctx, c.meetingId, c.on, c.at);
  if (isRefusal(open)) return open;
  if (!validId(c.pointId)) return input('pointId');
  if (!validText(c.text, MAX_FLOOR_TEXT)) return input('text');
  const memberId = bodyMemberActing(ctx, open, c.on);
  if (isRefusal(memberId)) return memberId;
  if (ctx.state.floor.pointMeetings.has(c.pointId)) return no(plenum('unique-id'), 'exists', { id: c.pointId });
  return ok([
    {
      type: 'point-of-order.raised',
      pointId: c.pointId,
      meetingId: open.meeting.id,
      memberId,
      text: c.text,
      on: c.on,
      at: c.at,
    },
  ]);
}

function giveRuling(ctx: Ctx, c: Cmd<'giveRuling'>): Decision {
  const open = openMeetingFor(ctx, c.meetingId, c.on, c.at);
  if (isRefusal(open)) return open;
  const m = open.meeting;
  if (!validId(c.rulingId)) return input('rulingId');
  if (c.pointId !== null && !validId(c.pointId)) return input('pointId');
  if (!validText(c.decision, MAX_FLOOR_TEXT)) return input('decision');
  if (!isChair(ctx, m)) return notAllowed(rule(ctx), actorName(ctx.actor));
  if (ctx.state.floor.rulingMeetings.has(c.rulingId)) return no(plenum('unique-id'), 'exists', { id: c.rulingId });
  // While a challenge is pending the chair gives no ruling; while a point of order waits, only a ruling on one.
  const stop = pendingStop(ctx, m, c.pointId !== null);
  if (stop !== null) return stop;
  if (c.pointId !== null) {
    const point = m.points.find((p) => p.pointId === c.pointId);
    if (point === undefined) return no(plenum('unknown'), 'unknownPointOfOrder', { id: c.pointId });
    if (point.rulingId !== null) return no(rule(ctx), 'pointRuledAlready', { id: c.pointId, ruling: point.rulingId });
  }
  return ok([
    {
      type: 'ruling.given',
      rulingId: c.rulingId,
      meetingId: m.id,
      pointId: c.pointId,
      decision: c.decision,
      on: c.on,
      at: c.at,
    },
  ]);
}

function rulingFor(ctx: Ctx, rulingId: unknown, on: string, at: string): { open: Open; ruling: Ruling } | Refusal {
  if (!validId(rulingId)) return input('rulingId');
  const meetingId = ctx.state.floor.rulingMeetings.get(rulingId);
  if (meetingId === undefined) return no(plenum('unknown'), 'unknownRuling', { id: rulingId });
  const open = openMeetingFor(ctx, meetingId, on, at);
  if (isRefusal(open)) return open;
  const ruling = open.meeting.rulings.find((r) => r.rulingId === rulingId);
  return ruling === undefined ? no(plenum('unknown'), 'unknownRuling', { id: rulingId }) : { open, ruling };
}

function challengeRuling(ctx: Ctx, c: Cmd<'challengeRuling'>): Decision {
  const found = rulingFor(ctx, c.rulingId, c.on, c.at);
  if (isRefusal(found)) return found;
  const { open, ruling } = found;
  const memberId = bodyMemberActing(ctx, open, c.on);
  if (isRefusal(memberId)) return memberId;
  if (ruling.challenge !== null) return no(rule(ctx), 'rulingChallengedAlready', { id: ruling.rulingId });
  return ok([
    { type: 'ruling.challenged', rulingId: ruling.rulingId, meetingId: open.meeting.id, memberId, on: c.on, at: c.at },
  ]);
}

function decideChallenge(ctx: Ctx, c: Cmd<'decideChallenge'>): Decision {
  const found = rulingFor(ctx, c.rulingId, c.on, c.at);
  if (isRefusal(found)) return found;
  const { open, ruling } = found;
  if (!validVote(c.vote)) return input('vote');
  if (!isTheBody(ctx, open.meeting)) return notAllowed(rule(ctx), actorName(ctx.actor));
  if (ruling.challenge?.decided !== null) {
    return no(rule(ctx), 'rulingNotChallenged', { id: ruling.rulingId });
  }
  const vote = tallyVote(ctx, open.body, c.on, c.vote, ctx.statute.meetings.challengeMajority, rule(ctx));
  if (!vote.ok) return vote;
  return ok([
    {
      type: 'ruling.challenge-decided',
      rulingId: ruling.rulingId,
      meetingId: open.meeting.id,
      overturned: vote.value.carried,
      vote: vote.value,
      on: c.on,
      at: c.at,
    },
  ]);
}

function takeVote(ctx: Ctx, c: Cmd<'takeVote'>): Decision {
  const open = openMeetingFor(ctx, c.meetingId, c.on, c.at);
  if (isRefusal(open)) return open;
  const { meeting: m, body } = open;
  const item = itemOf(ctx, m, c.itemId);
  if (isRefusal(item)) return item;
  if (!validId(c.voteId)) return input('voteId');
  if (!validText(c.question, MAX_FLOOR_TEXT)) return input('question');
  if (typeof c.majority !== 'string' || c.majority.length === 0 || c.majority.length > 100) return input('majority');
  if (!validVote(c.vote)) return input('vote');
  if (!isTheBody(ctx, m)) return notAllowed(rule(ctx), actorName(ctx.actor));
  if (m.votes.some((v) => v.voteId === c.voteId)) return no(plenum('unique-id'), 'exists', { id: c.voteId });
  const stop = pendingStop(ctx, m) ?? speechRunning(ctx, m);
  if (stop !== null) return stop;
  // The vote follows the debate: none is taken while speakers (and platforms' quotas) may still be heard.
  if (!debateClosed(m, item.itemId)) return no(rule(ctx), 'itemDebateOpen', { item: item.itemId });
  const vote = tallyVote(ctx, body, c.on, c.vote, c.majority, rule(ctx));
  if (!vote.ok) return vote;
  return ok([
    {
      type: 'vote.taken',
      meetingId: m.id,
      itemId: item.itemId,
      voteId: c.voteId,
      question: c.question,
      result: vote.value,
      on: c.on,
      at: c.at,
    },
  ]);
}

function closeMeeting(ctx: Ctx, c: Cmd<'closeMeeting'>): Decision {
  const open = openMeetingFor(ctx, c.meetingId, c.on, c.at);
  if (isRefusal(open)) return open;
  const { meeting: m, body } = open;
  if (c.vote !== null && !validVote(c.vote)) return input('vote');
  const chair = isChair(ctx, m);
  if (!chair && !isTheBody(ctx, m)) return notAllowed(rule(ctx), actorName(ctx.actor));
  const stop = pendingStop(ctx, m) ?? speechRunning(ctx, m);
  if (stop !== null) return stop;
  if (chair) {
    if (c.vote !== null) return input('vote');
    // G10: the chair cannot break the meeting up: it ends when its agenda is dealt with.
    const unfinished = m.agenda.filter((i) => !debateClosed(m, i.itemId)).map((i) => i.itemId);
    if (unfinished.length > 0) return no(rule(ctx), 'agendaUnfinished', { items: unfinished.join(', ') });
    return ok([{ type: 'meeting.closed', meetingId: m.id, by: 'chair', vote: null, on: c.on, at: c.at }]);
  }
  if (c.vote === null) return no(rule(ctx), 'voteNeeded');
  const vote = tallyVote(ctx, body, c.on, c.vote, ctx.statute.motions.majority, cite(ctx.statute.motions));
  if (!vote.ok) return vote;
  if (!vote.value.carried) {
    return no(cite(ctx.statute.motions), 'notCarried', {
      majority: vote.value.majority,
      majorityRule: citeRule(cite({ clause: ctx.statute.majorities[vote.value.majority]?.clause ?? '' })),
      arithmetic: vote.value.arithmetic,
    });
  }
  return ok([{ type: 'meeting.closed', meetingId: m.id, by: 'meeting', vote: vote.value, on: c.on, at: c.at }]);
}
