import type { FastifyInstance } from 'fastify';
import {
  bulletinList,
  congressDetail,
  congressList,
  congressPetition,
  congressRoll,
  errorBody,
  letterList,
  meetingDetail,
  meetingMinutes,
  meetingVote,
  memberCases,
  memberInbox,
  minutesMarkdownText,
  motionDetail,
  motionList,
  onQuery,
  platformDetail,
  platformList,
  platformsQuery,
  publicCase,
  rollEntryView,
  type ApiSchema,
  type BulletinList,
  type CongressDetail,
  type CongressList,
  type CongressPetition,
  type CongressRoll,
  type CongressSummary,
  type LetterList,
  type MailSummaryView,
  type MeetingDetail,
  type MeetingMinutes,
  type MeetingVoteView,
  type MemberCases,
  type MemberInbox,
  type MotionDetail,
  type MotionList,
  type PlatformDetail,
  type PlatformList,
  type PublicCaseView,
  type RollEntryView,
  type RollSeal,
} from '@plenum/api';
import { negotiateLocale, type MessageKey } from '@plenum/i18n';
import {
  amendedLines,
  amendmentsOf,
  apportionmentOf,
  bulletinOf,
  caseOf,
  casesOf,
  compositesOf,
  congressOf,
  credentialsOf,
  currentCongress,
  delegateElectionOf,
  frozenRoll,
  inboxOf,
  lettersTo,
  meetingOf,
  minutesMarkdown,
  minutesOf,
  motionOf,
  motionsTo,
  nextSpeaker,
  petitionStatus,
  platformOf,
  platformsFor,
  publicCaseView,
  rollEntry,
  rollOf,
  speakersOf,
  votingOrder,
  type AmendmentRecord,
  type CongressRecord,
  type GovernanceState,
  type ListEntry,
  type MeetingVote,
  type Minutes,
  type MotionRecord,
  type PlatformRecord,
  type PublicCase,
  type Ruling,
  type Speech,
} from '@plenum/domain';
import { letterMailRef, platformMailRef } from '@plenum/app';
import { notFound, parseInput, pathId } from './input.ts';
import type { ApiRoute } from './openapi.ts';
import type { ServerOptions } from './server.ts';

/** The schemas of these routes that the OpenAPI document names under components.schemas. */
export const CONGRESS_COMPONENTS: Readonly<Record<string, ApiSchema>> = {
  MeetingVote: meetingVote,
  CongressList: congressList,
  CongressDetail: congressDetail,
  CongressRoll: congressRoll,
  RollEntry: rollEntryView,
  CongressPetition: congressPetition,
  BulletinList: bulletinList,
  PlatformList: platformList,
  PlatformDetail: platformDetail,
  MemberInbox: memberInbox,
  LetterList: letterList,
  MotionList: motionList,
  MotionDetail: motionDetail,
  MeetingDetail: meetingDetail,
  MeetingMinutes: meetingMinutes,
  PublicCase: publicCase,
  MemberCases: memberCases,
};

const BAD: readonly [string, ApiSchema] = ['Malformed request: the message names what is wrong', errorBody];
const NOT_FOUND: readonly [string, ApiSchema] = ['No such thing', errorBody];

/** These routes, for the OpenAPI document's table (openapi.ts). */
export const CONGRESS_API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/api/congresses',
    summary: 'Every congress, with its status, and the one under way',
    responses: { 200: ['The congresses', congressList] },
  },
  {
    method: 'GET',
    path: '/api/congresses/petition',
    summary: 'Where the petition for an extraordinary congress stands on a day',
    query: onQuery,
    responses: { 200: ['The petition', congressPetition], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/congresses/:congressId',
    summary: "A congress: its roll's seal, the apportionment and its arithmetic, elections, credentials, postponements",
    params: ['congressId'],
    responses: { 200: ['The congress', congressDetail], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/congresses/:congressId/roll',
    summary: "A congress's frozen roll: cutoff, hash, counts per electing unit and every entry",
    params: ['congressId'],
    responses: { 200: ['The roll', congressRoll], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/congresses/:congressId/roll/:memberId',
    summary:
      "A member's own entry on a congress's roll (null if left off), and what checking it against the hash takes",
    params: ['congressId', 'memberId'],
    responses: { 200: ['The entry', rollEntryView], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/bulletin',
    summary: 'The documents of the bulletin of the discussion, in order of publication',
    responses: { 200: ['The documents', bulletinList] },
  },
  {
    method: 'GET',
    path: '/api/platforms',
    summary: 'Platforms, in order of drafting; with ?congress=, those filed for that congress',
    query: platformsQuery,
    responses: { 200: ['The platforms', platformList], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/platforms/:platformId',
    summary: 'A platform: text, signatories, filing, circulations (each with its e-mail counts) and amendments',
    params: ['platformId'],
    responses: { 200: ['The platform', platformDetail], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/members/:memberId/inbox',
    summary:
      'What was delivered to a member: platforms circulated and letters to bodies they sat in (with e-mail on, how each went by e-mail)',
    params: ['memberId'],
    responses: { 200: ['The inbox', memberInbox], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/bodies/:bodyId/letters',
    summary: 'The letters written to a body, each with the members it was delivered to and its e-mail counts',
    params: ['bodyId'],
    responses: { 200: ['The letters', letterList], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/bodies/:bodyId/motions',
    summary: 'The motions addressed to a body, in the order drafted',
    params: ['bodyId'],
    responses: { 200: ['The motions', motionList], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/motions/:motionId',
    summary: 'A motion: its text in numbered lines, its amendments and the order of voting',
    params: ['motionId'],
    responses: { 200: ['The motion', motionDetail], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/meetings/:meetingId',
    summary: "A meeting: agenda, each item's speakers' list and next speaker, points of order, rulings, votes",
    params: ['meetingId'],
    responses: { 200: ['The meeting', meetingDetail], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/meetings/:meetingId/minutes',
    summary: 'The minutes of a meeting, generated from the record',
    params: ['meetingId'],
    responses: { 200: ['The minutes', meetingMinutes], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/meetings/:meetingId/minutes.md',
    summary: 'The minutes of a meeting in Markdown, in the language of Accept-Language',
    params: ['meetingId'],
    responses: {
      200: ['The minutes', minutesMarkdownText, 'text/markdown'],
      400: BAD,
      404: NOT_FOUND,
    },
  },
  {
    method: 'GET',
    path: '/api/cases/:caseId',
    summary: "A disciplinary case's public view: parties, bodies, the day of each step; texts only if not confidential",
    params: ['caseId'],
    responses: { 200: ['The case', publicCase], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/members/:memberId/cases',
    summary: 'The disciplinary cases against a member, oldest first, in their public view',
    params: ['memberId'],
    responses: { 200: ['The cases', memberCases], 400: BAD, 404: NOT_FOUND },
  },
];

/**
 * The read-only JSON API of the congress's parts, in the style of routes.ts: validate the
 * input, read the state as the record has it, present it in the shape @plenum/api describes
 * (queries-congress.ts). Nothing here is confidential: a disciplinary case is shown in its
 * public view only (publicCaseView), which keeps a confidential case's texts out.
 */
export function registerCongressRoutes(app: FastifyInstance, options: ServerOptions): Promise<void> {
  const { plenum } = options;

  // ─── Congresses ───────────────────────────────────────────────────────────────────────

  app.get('/api/congresses', async (): Promise<CongressList> => {
    const state = await plenum.state();
    return {
      congresses: [...state.congress.congresses.values()].map(congressSummary),
      current: currentCongress(state)?.id ?? null,
    };
  });

  // Registered before /api/congresses/:congressId: a static segment wins over a parameter anyway.
  app.get('/api/congresses/petition', async (request): Promise<CongressPetition> => {
    const on = parseInput(onQuery, request.query).on ?? plenum.today();
    const state = await plenum.state();
    const status = petitionStatus(state, on);
    if (status === undefined) throw notFound('statute');
    return {
      ...status,
      signers: [...state.congress.petitionSignatures].map(([memberId, day]) => ({ memberId, on: day })),
      resolutions: [...state.congress.petitionUnits].map(([unitId, day]) => ({ unitId, on: day })),
      current: currentCongress(state)?.id ?? null,
      on,
    };
  });

  app.get<{ Params: { congressId: string } }>(
    '/api/congresses/:congressId',
    async (request): Promise<CongressDetail> => {
      const congressId = pathId(request.params.congressId, 'congressId');
      const state = await plenum.state();
      const congress = congressOf(state, congressId);
      if (congress === undefined) throw notFound(congressId);
      const entries = rollOf(state, congressId);
      const apportionment = apportionmentOf(state, congressId);
      const credentials = credentialsOf(state, congressId);
      const elections: CongressDetail['elections'] = [];
      for (const unit of apportionment?.units ?? []) {
        const e = delegateElectionOf(state, congressId, unit.unitId);
        if (e === undefined) continue;
        elections.push({
          unitId: e.unitId,
          bodyId: e.bodyId,
          method: e.method,
          seats: e.seats,
          candidates: [...e.candidates],
          ballots: e.ballots.map((b) => ({ ranking: [...b.ranking], count: b.count })),
          elected: e.elected.map(({ memberId, mandateId }) => ({ memberId, mandateId })),
          quota: e.quota,
          rounds: e.rounds,
          on: e.on,
        });
      }
      return {
        congress: congressSummary(congress),
        roll: entries === undefined ? null : rollSeal(frozenRoll(entries, congress.calledOn)),
        apportionment:
          apportionment === undefined
            ? null
            : {
                method: apportionment.method,
                seats: apportionment.seats,
                minimumPerUnit: apportionment.minimumPerUnit,
                sharedSeats:
                  apportionment.seats -
                  apportionment.minimumPerUnit * apportionment.units.filter((u) => u.members > 0).length,
                divisor: apportionment.divisor,
                units: apportionment.units.map((u, i) => ({
                  unitId: u.unitId,
                  members: u.members,
                  quotient: apportionment.quotients[i] ?? '0',
                  seats: u.seats,
                })),
                seed: apportionment.seed,
                on: apportionment.on,
              },
        elections,
        credentials:
          credentials === undefined
            ? null
            : {
                delegates: credentials.map(({ memberId, unitId, mandateId, electedOn }) => ({
                  memberId,
                  unitId,
                  mandateId,
                  electedOn,
                })),
                // The seats of the apportionment that the credentials report does not fill.
                unfilled: (apportionment?.units ?? [])
                  .map((u) => ({
                    unitId: u.unitId,
                    seats: u.seats - credentials.filter((d) => d.unitId === u.unitId).length,
                  }))
                  .filter((u) => u.seats > 0),
              },
        postponements: (state.congress.postponements.get(congressId) ?? []).map((p) => ({
          carried: p.carried,
          opensOn: p.opensOn,
          vote: voteView(p.vote),
          on: p.on,
        })),
      };
    },
  );

  app.get<{ Params: { congressId: string } }>(
    '/api/congresses/:congressId/roll',
    async (request): Promise<CongressRoll> => {
      const congressId = pathId(request.params.congressId, 'congressId');
      const state = await plenum.state();
      const { congress, entries } = rollOrNotFound(state, congressId);
      return {
        congressId,
        ...rollSeal(frozenRoll(entries, congress.calledOn)),
        entries: entries.map(({ memberId, unitId }) => ({ memberId, unitId })),
      };
    },
  );

  app.get<{ Params: { congressId: string; memberId: string } }>(
    '/api/congresses/:congressId/roll/:memberId',
    async (request): Promise<RollEntryView> => {
      const congressId = pathId(request.params.congressId, 'congressId');
      const memberId = pathId(request.params.memberId, 'memberId');
      const state = await plenum.state();
      const { congress, entries } = rollOrNotFound(state, congressId);
      if (!state.members.has(memberId)) throw notFound(memberId);
      const seal = frozenRoll(entries, congress.calledOn);
      // Not on the roll is an answer, not an error: a member left off has to be able to see it.
      const entry = rollEntry(state, congressId, memberId);
      const position = entry === undefined ? -1 : entries.findIndex((e) => e.memberId === memberId);
      return {
        congressId,
        memberId,
        cutoff: seal.cutoff,
        hash: seal.hash,
        total: seal.total,
        entry: entry === undefined ? null : { memberId: entry.memberId, unitId: entry.unitId },
        position: position < 0 ? null : position,
        pair: entry === undefined ? null : [entry.memberId, entry.unitId],
        algorithm:
          'SHA-256 (lowercase hex) of the canonical JSON of every entry as a [memberId, unitId] pair, sorted by member id',
      };
    },
  );

  // ─── Bulletin, platforms, letters ─────────────────────────────────────────────────────

  app.get('/api/bulletin', async (): Promise<BulletinList> => {
    const documents = bulletinOf(await plenum.state());
    return {
      documents: documents.map(({ id, author, title, text, congressId, on }) => ({
        id,
        author,
        title,
        text,
        congressId,
        on,
      })),
    };
  });

  app.get('/api/platforms', async (request): Promise<PlatformList> => {
    const query = parseInput(platformsQuery, request.query);
    const state = await plenum.state();
    let platforms = [...state.bulletin.platforms.values()];
    if (query.congress !== undefined) {
      if (congressOf(state, query.congress) === undefined) throw notFound(query.congress);
      const filed = new Set(platformsFor(state, query.congress).map((p) => p.id));
      platforms = platforms.filter((p) => filed.has(p.id));
    }
    return { platforms: platforms.map(platformSummary) };
  });

  app.get<{ Params: { platformId: string } }>(
    '/api/platforms/:platformId',
    async (request): Promise<PlatformDetail> => {
      const platformId = pathId(request.params.platformId, 'platformId');
      const state = await plenum.state();
      const platform = platformOf(state, platformId);
      if (platform === undefined) throw notFound(platformId);
      const amendments: PlatformDetail['amendments'] = [];
      for (const a of state.bulletin.amendments.values()) {
        if (a.platformId !== platformId) continue;
        amendments.push({
          id: a.id,
          proposer: a.proposer,
          text: a.text,
          baseVersion: a.baseVersion,
          proposedOn: a.proposedOn,
          approvals: [...a.approvals],
          adoptedOn: a.adoptedOn,
        });
      }
      const circulations = await Promise.all(
        platform.circulations.map(async (c) => ({
          version: c.version,
          on: c.on,
          recipients: [...c.recipients],
          recipientsHash: c.recipientsHash,
          mail: await plenum.mailSummary(platformMailRef(platform.id, c.version), c.recipients.length),
        })),
      );
      return {
        platform: {
          ...platformSummary(platform),
          text: platform.text,
          circulations,
          mail: sumMail(
            plenum.mailConfigured,
            circulations.map((c) => c.mail),
          ),
        },
        amendments,
      };
    },
  );

  app.get<{ Params: { memberId: string } }>('/api/members/:memberId/inbox', async (request): Promise<MemberInbox> => {
    const memberId = pathId(request.params.memberId, 'memberId');
    const state = await plenum.state();
    if (!state.members.has(memberId)) throw notFound(memberId);
    // With e-mail on, each item says how its message to this member went (never the address).
    const mail = plenum.mailConfigured ? await plenum.mailTo(memberId) : undefined;
    return {
      memberId,
      items: inboxOf(state, memberId).map((item) => {
        if (mail === undefined) return { ...item };
        const ref =
          item.kind === 'platform' ? platformMailRef(item.platformId, item.version) : letterMailRef(item.letterId);
        return { ...item, mail: mail.get(ref) ?? 'none' };
      }),
    };
  });

  app.get<{ Params: { bodyId: string } }>('/api/bodies/:bodyId/letters', async (request): Promise<LetterList> => {
    const bodyId = pathId(request.params.bodyId, 'bodyId');
    const state = await plenum.state();
    if (!state.bodies.has(bodyId)) throw notFound(bodyId);
    return {
      bodyId,
      letters: await Promise.all(
        lettersTo(state, bodyId).map(async (l) => ({
          id: l.id,
          from: l.from,
          toBodyId: l.toBodyId,
          title: l.title,
          text: l.text,
          recipients: [...l.recipients],
          on: l.on,
          mail: await plenum.mailSummary(letterMailRef(l.id), l.recipients.length),
        })),
      ),
    };
  });

  // ─── Motions ──────────────────────────────────────────────────────────────────────────

  app.get<{ Params: { bodyId: string } }>('/api/bodies/:bodyId/motions', async (request): Promise<MotionList> => {
    const bodyId = pathId(request.params.bodyId, 'bodyId');
    const state = await plenum.state();
    if (!state.bodies.has(bodyId)) throw notFound(bodyId);
    return { bodyId, motions: motionsTo(state, bodyId).map(motionSummary) };
  });

  app.get<{ Params: { motionId: string } }>('/api/motions/:motionId', async (request): Promise<MotionDetail> => {
    const motionId = pathId(request.params.motionId, 'motionId');
    const state = await plenum.state();
    const motion = motionOf(state, motionId);
    if (motion === undefined) throw notFound(motionId);
    const amendments = amendmentsOf(state, motionId);
    const byId = new Map(amendments.map((a) => [a.id, a]));
    return {
      motion: {
        ...motionSummary(motion),
        text: motion.text,
        currentText: motion.currentText,
        lines: motion.numberedLines.map(({ number, text }) => ({ number, text })),
        submitVote: motion.submitVote === null ? null : { ...motion.submitVote },
      },
      composites: compositesOf(state, motionId).map((c) => ({
        id: c.id,
        title: c.title,
        text: c.text,
        motionIds: [...c.motionIds],
        proposedOn: c.proposedOn,
        movers: [...c.movers],
        consents: [...c.consents],
        status: c.status,
      })),
      amendments: amendments.map((a) => amendmentView(a, motion.lines, byId)),
      votingOrder: votingOrder(state, motionId),
    };
  });

  // ─── Meetings ─────────────────────────────────────────────────────────────────────────

  app.get<{ Params: { meetingId: string } }>('/api/meetings/:meetingId', async (request): Promise<MeetingDetail> => {
    const meetingId = pathId(request.params.meetingId, 'meetingId');
    const state = await plenum.state();
    const m = meetingOf(state, meetingId);
    if (m === undefined) throw notFound(meetingId);
    return {
      meeting: {
        id: m.id,
        bodyId: m.bodyId,
        chairId: m.chairId,
        opened: { ...m.opened },
        closed:
          m.closed === null ? null : { ...m.closed, vote: m.closed.vote === null ? null : voteView(m.closed.vote) },
        clock: { ...m.clock },
      },
      agenda: m.agenda.map((item) => {
        const { list, speeches } = speakersOf(state, meetingId, item.itemId);
        const next = nextSpeaker(state, meetingId, item.itemId);
        const closed = m.debatesClosed.find((d) => d.itemId === item.itemId);
        return {
          ...item,
          list: list.map(listEntryView),
          speeches: speeches.map(speechView),
          next: next === undefined ? null : listEntryView(next),
          debateClosed: closed === undefined ? null : { on: closed.on, at: closed.at, waiting: [...closed.waiting] },
        };
      }),
      agendaVotes: m.agendaVotes.map((v) => ({
        on: v.on,
        at: v.at,
        agenda: v.agenda.map((i) => ({ ...i })),
        carried: v.carried,
        vote: voteView(v.vote),
      })),
      points: m.points.map((p) => ({ ...p, raised: { ...p.raised } })),
      rulings: m.rulings.map(rulingView),
      votes: m.votes.map((v) => ({ ...v, result: voteView(v.result), taken: { ...v.taken } })),
    };
  });

  app.get<{ Params: { meetingId: string } }>(
    '/api/meetings/:meetingId/minutes',
    async (request): Promise<MeetingMinutes> => {
      const meetingId = pathId(request.params.meetingId, 'meetingId');
      return minutesView(minutesOrNotFound(await plenum.state(), meetingId));
    },
  );

  app.get<{ Params: { meetingId: string } }>('/api/meetings/:meetingId/minutes.md', async (request, reply) => {
    const meetingId = pathId(request.params.meetingId, 'meetingId');
    const minutes = minutesOrNotFound(await plenum.state(), meetingId);
    // In the language the request asked for (Accept-Language), every sentence from the catalog.
    const text = minutesMarkdown(minutes, (key, params) => request.t(key as MessageKey, params));
    return reply
      .type('text/markdown; charset=utf-8')
      .header('content-language', negotiateLocale(request.headers['accept-language']))
      .header('vary', 'accept-language')
      .send(text);
  });

  // ─── Disciplinary cases ───────────────────────────────────────────────────────────────

  app.get<{ Params: { caseId: string } }>('/api/cases/:caseId', async (request): Promise<PublicCaseView> => {
    const caseId = pathId(request.params.caseId, 'caseId');
    const found = caseOf(await plenum.state(), caseId);
    if (found === undefined) throw notFound(caseId);
    return caseView(publicCaseView(found));
  });

  app.get<{ Params: { memberId: string } }>('/api/members/:memberId/cases', async (request): Promise<MemberCases> => {
    const memberId = pathId(request.params.memberId, 'memberId');
    const state = await plenum.state();
    if (!state.members.has(memberId)) throw notFound(memberId);
    return { memberId, cases: casesOf(state, memberId).map((c) => caseView(publicCaseView(c))) };
  });

  return Promise.resolve();
}

// ─── Presenters ─────────────────────────────────────────────────────────────────────────

function congressSummary(c: CongressRecord): CongressSummary {
  return {
    id: c.id,
    bodyId: c.bodyId,
    kind: c.kind,
    calledBy: c.calledBy,
    calledOn: c.calledOn,
    opensOn: c.opensOn,
    originalOpensOn: c.originalOpensOn,
    status: c.status,
    openedOn: c.openedOn,
    closedOn: c.closedOn,
  };
}

function rollSeal(roll: ReturnType<typeof frozenRoll>): RollSeal {
  return { cutoff: roll.cutoff, hash: roll.hash, total: roll.total, units: roll.units.map((u) => ({ ...u })) };
}

function rollOrNotFound(
  state: GovernanceState,
  congressId: string,
): { readonly congress: CongressRecord; readonly entries: NonNullable<ReturnType<typeof rollOf>> } {
  const congress = congressOf(state, congressId);
  const entries = rollOf(state, congressId);
  if (congress === undefined || entries === undefined) throw notFound(congressId);
  return { congress, entries };
}

/** Several items' e-mail together (a platform's circulations). */
function sumMail(configured: boolean, summaries: readonly MailSummaryView[]): MailSummaryView {
  const total = { configured, sent: 0, pending: 0, failed: 0, withoutAddress: 0 };
  for (const m of summaries) {
    total.sent += m.sent;
    total.pending += m.pending;
    total.failed += m.failed;
    total.withoutAddress += m.withoutAddress;
  }
  return total;
}

function platformSummary(p: PlatformRecord): PlatformList['platforms'][number] {
  return {
    id: p.id,
    title: p.title,
    version: p.version,
    drafter: p.drafter,
    congressId: p.congressId,
    draftedOn: p.draftedOn,
    signatories: [...p.signatories],
    filed: p.filed === null ? null : { ...p.filed, signatories: [...p.filed.signatories] },
  };
}

function motionSummary(m: MotionRecord): MotionList['motions'][number] {
  return {
    id: m.id,
    toBodyId: m.toBodyId,
    title: m.title,
    movers: [...m.movers],
    cosigners: [...m.cosigners],
    status: m.status,
    draftedOn: m.draftedOn,
    submittedOn: m.submittedOn,
    compositeOf: [...m.compositeOf],
    compositedInto: m.compositedInto,
    decision: m.decision === null ? null : { ...m.decision, vote: voteView(m.decision.vote) },
  };
}

/** An amendment, with its line-by-line preview against its target's current text while it is pending. */
function amendmentView(
  a: AmendmentRecord,
  motionLines: readonly string[],
  byId: ReadonlyMap<string, AmendmentRecord>,
): MotionDetail['amendments'][number] {
  const targetLines = a.target.kind === 'motion' ? motionLines : byId.get(a.target.amendmentId)?.lines;
  const preview =
    a.status !== 'pending' || targetLines === undefined
      ? null
      : amendedLines(targetLines, { ...a.current, replacement: a.lines }).map((l) => ({ ...l }));
  return {
    id: a.id,
    target: a.target.kind === 'motion' ? { kind: 'motion' } : { kind: 'amendment', amendmentId: a.target.amendmentId },
    fromLine: a.fromLine,
    toLine: a.toLine,
    replacement: a.replacement,
    mover: a.mover,
    submittedOn: a.submittedOn,
    submitVote: a.submitVote === null ? null : { ...a.submitVote },
    status: a.status,
    current: { fromLine: a.current.fromLine, toLine: a.current.toLine },
    lines: [...a.lines],
    decision: a.decision === null ? null : { on: a.decision.on, vote: voteView(a.decision.vote) },
    fellBecause: a.fellBecause,
    preview,
  };
}

function voteView(v: MeetingVote): MeetingVoteView {
  return {
    yes: v.yes,
    no: v.no,
    abstain: v.abstain,
    present: v.present,
    members: v.members,
    majority: v.majority,
    arithmetic: v.arithmetic,
    method: v.method,
    roll: v.roll === null ? null : v.roll.map(({ memberId, choice }) => ({ memberId, choice })),
    carried: v.carried,
  };
}

function listEntryView(e: ListEntry): MeetingDetail['agenda'][number]['list'][number] {
  return { ...e, listed: { ...e.listed } };
}

function speechView(s: Speech): MeetingDetail['agenda'][number]['speeches'][number] {
  return { ...s, called: { ...s.called }, ended: s.ended === null ? null : { ...s.ended } };
}

function rulingView(r: Ruling): MeetingDetail['rulings'][number] {
  return {
    rulingId: r.rulingId,
    pointId: r.pointId,
    decision: r.decision,
    given: { ...r.given },
    challenge:
      r.challenge === null
        ? null
        : {
            memberId: r.challenge.memberId,
            raised: { ...r.challenge.raised },
            decided:
              r.challenge.decided === null
                ? null
                : { ...r.challenge.decided, vote: voteView(r.challenge.decided.vote) },
          },
  };
}

function minutesOrNotFound(state: GovernanceState, meetingId: string): Minutes {
  const minutes = minutesOf(state, meetingId);
  if (minutes === undefined) throw notFound(meetingId);
  return minutes;
}

function minutesView(m: Minutes): MeetingMinutes {
  return {
    meetingId: m.meetingId,
    bodyId: m.bodyId,
    bodyName: m.bodyName,
    chairId: m.chairId,
    opened: { ...m.opened },
    closed: m.closed === null ? null : { ...m.closed, vote: m.closed.vote === null ? null : voteView(m.closed.vote) },
    items: m.items.map((i) => ({
      item: { ...i.item },
      speeches: i.speeches.map((s) => ({ ...speechView(s), spoke: s.spoke, overran: s.overran })),
      waiting: [...i.waiting],
      debateClosed: i.debateClosed === null ? null : { ...i.debateClosed, waiting: [...i.debateClosed.waiting] },
      votes: i.votes.map((v) => ({ ...v, result: voteView(v.result), taken: { ...v.taken } })),
    })),
    agendaVotes: m.agendaVotes.map((v) => ({
      on: v.on,
      at: v.at,
      agenda: v.agenda.map((a) => ({ ...a })),
      carried: v.carried,
      vote: voteView(v.vote),
    })),
    points: m.points.map((p) => ({ ...p, raised: { ...p.raised } })),
    rulings: m.rulings.map(rulingView),
    motions: m.motions.map((motion) => ({
      motionId: motion.motionId,
      title: motion.title,
      amendments: motion.amendments.map((a) => ({ ...a, vote: a.vote === null ? null : voteView(a.vote) })),
      decision: motion.decision === null ? null : { ...motion.decision, vote: voteView(motion.decision.vote) },
    })),
    names: { ...m.names },
  };
}

function caseView(c: PublicCase): PublicCaseView {
  return {
    ...c,
    steps: c.steps.map(({ step, on }) => ({ step, on })),
    charges: c.charges === null ? null : { ...c.charges },
    grounds:
      c.grounds === null
        ? null
        : c.grounds.map((g) =>
            g.kind === 'record'
              ? { kind: 'record', ref: g.ref }
              : { kind: 'conduct', description: { ...g.description } },
          ),
    reply: c.reply === null ? null : { ...c.reply },
  };
}
