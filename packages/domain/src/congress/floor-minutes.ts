import type { Id } from '@plenum/kernel';
import type { MeetingVote } from '../governance/common.ts';
import { dayNumber } from '../governance/dates.ts';
import type { GovernanceState } from '../governance/state.ts';
import type { AmendmentRecord, MotionRecord } from './motions.ts';
import type {
  AgendaItem,
  FloorMeeting,
  MeetingVoteRecord,
  Moment,
  PointOfOrder,
  Ruling,
  Side,
  Speech,
} from './floor.ts';

/**
 * The minutes of a meeting, generated from the record alone (G10): nobody writes them, so
 * nobody can leave out a speech, a ruling, a challenge or a count. minutesOf gives them as
 * data (for the API and the web client); minutesMarkdown renders them in a language.
 */

/** A time of day HH:MM (24-hour). */
export function isClockTime(value: unknown): value is string {
  return typeof value === 'string' && /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(value);
}

/** Whole minutes from one moment of a meeting to a later one (across midnight too). */
export function elapsedMinutes(from: Moment, to: Moment): number {
  const at = (m: Moment): number => dayNumber(m.on) * 1440 + Number(m.at.slice(0, 2)) * 60 + Number(m.at.slice(3, 5));
  return at(to) - at(from);
}

export interface MinutesSpeech extends Speech {
  /** Minutes spoken, once the speech ended. */
  readonly spoke: number | null;
  /** Whether it ran over its time limit. */
  readonly overran: boolean;
}

export interface MinutesItem {
  readonly item: AgendaItem;
  readonly speeches: readonly MinutesSpeech[];
  /** Members still on the list (never called, not withdrawn). */
  readonly waiting: readonly Id[];
  readonly debateClosed: (Moment & { readonly waiting: readonly Id[] }) | null;
  readonly votes: readonly MeetingVoteRecord[];
}

/** An amendment decided (or fallen) at the meeting. */
export interface MinutesAmendment {
  readonly amendmentId: Id;
  readonly fromLine: number;
  readonly toLine: number;
  readonly status: AmendmentRecord['status'];
  /** The meeting's vote on it; null for one that fell. */
  readonly vote: MeetingVote | null;
  /** The amendment whose carrying made it fall. */
  readonly fellBecause: Id | null;
}

/** A motion the meeting's body decided on a day of the meeting, or some of whose amendments it did. */
export interface MinutesMotion {
  readonly motionId: Id;
  readonly title: string;
  readonly amendments: readonly MinutesAmendment[];
  /** The decision on the motion itself, if it was taken at this meeting. */
  readonly decision: MotionRecord['decision'];
}

export interface Minutes {
  readonly meetingId: Id;
  readonly bodyId: Id;
  readonly bodyName: string;
  readonly chairId: Id;
  readonly opened: Moment;
  readonly closed: FloorMeeting['closed'];
  /** The agenda as it stands, each item with its speeches, debate and votes. */
  readonly items: readonly MinutesItem[];
  readonly agendaVotes: FloorMeeting['agendaVotes'];
  readonly points: readonly PointOfOrder[];
  readonly rulings: readonly Ruling[];
  /** Motions and amendments the body decided while the meeting sat, in the order drafted. */
  readonly motions: readonly MinutesMotion[];
  /** The names of the members who appear, by id. */
  readonly names: Readonly<Record<Id, string>>;
}

export function minutesOf(state: GovernanceState, meetingId: Id): Minutes | undefined {
  const m = state.floor.meetings.get(meetingId);
  if (m === undefined) return undefined;
  const ids = new Set<Id>([m.chairId]);
  for (const e of m.list) ids.add(e.memberId);
  for (const p of m.points) ids.add(p.memberId);
  for (const r of m.rulings) if (r.challenge !== null) ids.add(r.challenge.memberId);
  const names: Record<Id, string> = {};
  for (const id of [...ids].sort()) {
    const member = state.members.get(id);
    names[id] = member === undefined ? id : `${member.givenName} ${member.familyName}`;
  }
  const items = m.agenda.map((item): MinutesItem => {
    const closed = m.debatesClosed.find((d) => d.itemId === item.itemId);
    return {
      item,
      speeches: m.speeches
        .filter((s) => s.itemId === item.itemId)
        .map((s) => {
          const spoke = s.ended === null ? null : elapsedMinutes(s.called, s.ended);
          return { ...s, spoke, overran: spoke !== null && spoke > s.minutes };
        }),
      waiting: m.list.filter((e) => e.itemId === item.itemId && e.status === 'waiting').map((e) => e.memberId),
      debateClosed: closed === undefined ? null : { on: closed.on, at: closed.at, waiting: closed.waiting },
      votes: m.votes.filter((v) => v.itemId === item.itemId),
    };
  });
  return {
    meetingId: m.id,
    bodyId: m.bodyId,
    bodyName: state.bodies.get(m.bodyId)?.name ?? m.bodyId,
    chairId: m.chairId,
    opened: m.opened,
    closed: m.closed,
    items,
    agendaVotes: m.agendaVotes,
    points: m.points,
    rulings: m.rulings,
    motions: motionsDecidedAt(state, m),
    names,
  };
}

/**
 * The meeting a body's decision on day `on` belongs to: the body's meeting sitting that day
 * (opened by then, not closed before it), the last opened if several were. Motions are decided
 * by the body's vote, which names no meeting; this is how the minutes find them.
 */
export function meetingSitting(state: GovernanceState, bodyId: Id, on: string): FloorMeeting | undefined {
  let found: FloorMeeting | undefined;
  for (const m of state.floor.meetings.values()) {
    if (m.bodyId !== bodyId || m.opened.on > on || (m.closed !== null && m.closed.on < on)) continue;
    if (found === undefined || elapsedMinutes(found.opened, m.opened) >= 0) found = m;
  }
  return found;
}

function motionsDecidedAt(state: GovernanceState, meeting: FloorMeeting): MinutesMotion[] {
  const here = (on: string | undefined): boolean =>
    on !== undefined && meetingSitting(state, meeting.bodyId, on)?.id === meeting.id;
  const amendments = [...state.motions.amendments.values()];
  const out: MinutesMotion[] = [];
  for (const motion of state.motions.motions.values()) {
    if (motion.toBodyId !== meeting.bodyId) continue;
    const ofMotion = amendments.filter((a) => a.motionId === motion.id);
    const decided = new Map(ofMotion.map((a) => [a.id, a.decision?.on]));
    const listed = ofMotion
      .filter((a) => here(a.decision?.on) || (a.fellBecause !== null && here(decided.get(a.fellBecause))))
      .map((a): MinutesAmendment => ({
        amendmentId: a.id,
        fromLine: a.fromLine,
        toLine: a.toLine,
        status: a.status,
        vote: a.decision?.vote ?? null,
        fellBecause: a.fellBecause,
      }));
    const decision = here(motion.decision?.on) ? motion.decision : null;
    if (listed.length > 0 || decision !== null) {
      out.push({ motionId: motion.id, title: motion.title, amendments: listed, decision });
    }
  }
  return out;
}

/** Translates a message key with its parameters (a Translate of @plenum/i18n). */
export type MinutesTranslate = (key: string, params?: Readonly<Record<string, string | number>>) => string;

const SIDE_KEYS: Readonly<Record<Side, string>> = {
  for: 'minutes.side.for',
  against: 'minutes.side.against',
  neutral: 'minutes.side.neutral',
};
const METHOD_KEYS: Readonly<Record<MeetingVote['method'], string>> = {
  'show-of-hands': 'minutes.method.showOfHands',
  'roll-call': 'minutes.method.rollCall',
  'secret-ballot': 'minutes.method.secretBallot',
};

/** User text inside Markdown: one line, with Markdown's active characters escaped. */
function md(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

/** The minutes in Markdown, every sentence from the catalog through `t`. */
export function minutesMarkdown(minutes: Minutes, t: MinutesTranslate): string {
  const who = (id: Id): string => md(minutes.names[id] ?? id);
  const list = (ids: readonly Id[]): string => (ids.length === 0 ? t('minutes.nobody') : ids.map(who).join(', '));
  const count = (v: MeetingVote): string => {
    const line = t('minutes.count', {
      method: t(METHOD_KEYS[v.method]),
      yes: v.yes,
      no: v.no,
      abstain: v.abstain,
      present: v.present,
      members: v.members,
      majority: v.majority,
      arithmetic: v.arithmetic,
    });
    if (v.roll === null) return line;
    const answers = v.roll.map((a) => `${who(a.memberId)}: ${t(`minutes.choice.${a.choice}`)}`).join('; ');
    return `${line} ${t('minutes.roll', { answers })}`;
  };
  const out: string[] = [
    `# ${t('minutes.title', { meeting: minutes.meetingId, body: md(minutes.bodyName) })}`,
    '',
    t('minutes.opened', { on: minutes.opened.on, at: minutes.opened.at, chair: who(minutes.chairId) }),
    '',
    `## ${t('minutes.agenda')}`,
    '',
  ];
  for (const [i, { item }] of minutes.items.entries()) {
    const note = item.kind === 'co-report' ? ` (${t('minutes.coReportItem', { minutes: item.minutes ?? 0 })})` : '';
    out.push(`${i + 1}. ${md(item.title)}${note}`);
  }
  for (const change of minutes.agendaVotes) {
    out.push(
      '',
      t('minutes.agendaVote', {
        on: change.on,
        at: change.at,
        outcome: t(change.carried ? 'minutes.carried' : 'minutes.lost'),
        count: count(change.vote),
      }),
    );
  }
  for (const [i, entry] of minutes.items.entries()) {
    out.push('', `## ${i + 1}. ${md(entry.item.title)}`, '');
    if (entry.speeches.length === 0) out.push(t('minutes.noSpeeches'));
    for (const s of entry.speeches) {
      const notes: string[] = [];
      if (s.coReport) notes.push(t('minutes.note.coReport'));
      if (s.platformId !== null) notes.push(t('minutes.note.platform', { platform: s.platformId }));
      if (s.ended === null) notes.push(t('minutes.note.unfinished'));
      else if (s.ended.by === 'chair') notes.push(t('minutes.note.endedByChair'));
      if (s.overran) notes.push(t('minutes.note.overran'));
      out.push(
        `- ${t('minutes.speech', {
          n: s.n,
          speaker: who(s.memberId),
          side: t(SIDE_KEYS[s.side]),
          from: s.called.at,
          to: s.ended?.at ?? '—',
          spoke: s.spoke ?? 0,
          minutes: s.minutes,
        })}${notes.length === 0 ? '' : ` (${notes.join('; ')})`}`,
      );
    }
    if (entry.debateClosed !== null) {
      out.push(
        '',
        t('minutes.debateClosed', {
          on: entry.debateClosed.on,
          at: entry.debateClosed.at,
          waiting: list(entry.debateClosed.waiting),
        }),
      );
    }
    for (const v of entry.votes) {
      out.push(
        '',
        t('minutes.vote', {
          vote: v.voteId,
          at: v.taken.at,
          question: md(v.question),
          outcome: t(v.result.carried ? 'minutes.carried' : 'minutes.lost'),
          count: count(v.result),
        }),
      );
    }
  }
  if (minutes.motions.length > 0) out.push('', `## ${t('minutes.motions')}`);
  for (const motion of minutes.motions) {
    out.push('', `### ${md(motion.title)} (${motion.motionId})`, '');
    for (const a of motion.amendments) {
      const lines = { amendment: a.amendmentId, from: a.fromLine, to: a.toLine };
      if (a.vote === null) {
        out.push(`- ${t('minutes.amendmentFell', { ...lines, because: a.fellBecause ?? '—' })}`);
      } else {
        const outcome = t(a.status === 'carried' ? 'minutes.carried' : 'minutes.lost');
        out.push(`- ${t('minutes.amendment', { ...lines, outcome, count: count(a.vote) })}`);
      }
    }
    const d = motion.decision;
    if (d === null) out.push(`- ${t('minutes.motionNotDecided')}`);
    else {
      const outcome = t(d.carried ? 'minutes.carried' : 'minutes.lost');
      out.push(`- ${t('minutes.motion', { on: d.on, outcome, count: count(d.vote) })}`);
    }
  }
  out.push('', `## ${t('minutes.pointsOfOrder')}`, '');
  if (minutes.points.length === 0 && minutes.rulings.length === 0) out.push(t('minutes.none'));
  const ruled = new Set<Id>();
  const ruling = (r: Ruling): void => {
    ruled.add(r.rulingId);
    out.push(`- ${t('minutes.ruling', { ruling: r.rulingId, at: r.given.at, decision: md(r.decision) })}`);
    if (r.challenge === null) return;
    out.push(`  - ${t('minutes.challenge', { member: who(r.challenge.memberId), at: r.challenge.raised.at })}`);
    const d = r.challenge.decided;
    if (d === null) out.push(`  - ${t('minutes.challengePending')}`);
    else {
      out.push(
        `  - ${t('minutes.challengeDecided', {
          outcome: t(d.overturned ? 'minutes.overturned' : 'minutes.upheld'),
          at: d.at,
          count: count(d.vote),
        })}`,
      );
    }
  };
  for (const p of minutes.points) {
    out.push(
      `- ${t('minutes.point', { point: p.pointId, member: who(p.memberId), at: p.raised.at, text: md(p.text) })}`,
    );
    const r = minutes.rulings.find((x) => x.rulingId === p.rulingId);
    if (r === undefined) out.push(`  - ${t('minutes.pointPending')}`);
    else {
      ruled.add(r.rulingId);
      const before = out.length;
      ruling(r);
      for (let i = before; i < out.length; i += 1) out[i] = `  ${out[i] ?? ''}`;
    }
  }
  for (const r of minutes.rulings) if (!ruled.has(r.rulingId)) ruling(r);
  out.push('');
  const closed = minutes.closed;
  if (closed === null) out.push(t('minutes.stillOpen'));
  else if (closed.vote === null) out.push(t('minutes.closedByChair', { on: closed.on, at: closed.at }));
  else out.push(t('minutes.closedByMeeting', { on: closed.on, at: closed.at, count: count(closed.vote) }));
  return `${out.join('\n')}\n`;
}

/** The message keys minutesMarkdown uses (each in every catalog). */
export const MINUTES_MESSAGE_KEYS = [
  'minutes.title',
  'minutes.opened',
  'minutes.agenda',
  'minutes.coReportItem',
  'minutes.agendaVote',
  'minutes.noSpeeches',
  'minutes.speech',
  'minutes.side.for',
  'minutes.side.against',
  'minutes.side.neutral',
  'minutes.note.coReport',
  'minutes.note.platform',
  'minutes.note.unfinished',
  'minutes.note.endedByChair',
  'minutes.note.overran',
  'minutes.debateClosed',
  'minutes.nobody',
  'minutes.vote',
  'minutes.count',
  'minutes.method.showOfHands',
  'minutes.method.rollCall',
  'minutes.method.secretBallot',
  'minutes.roll',
  'minutes.choice.yes',
  'minutes.choice.no',
  'minutes.choice.abstain',
  'minutes.carried',
  'minutes.lost',
  'minutes.motions',
  'minutes.amendment',
  'minutes.amendmentFell',
  'minutes.motion',
  'minutes.motionNotDecided',
  'minutes.pointsOfOrder',
  'minutes.none',
  'minutes.point',
  'minutes.pointPending',
  'minutes.ruling',
  'minutes.challenge',
  'minutes.challengePending',
  'minutes.challengeDecided',
  'minutes.overturned',
  'minutes.upheld',
  'minutes.stillOpen',
  'minutes.closedByChair',
  'minutes.closedByMeeting',
] as const;
