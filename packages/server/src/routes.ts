import type { FastifyInstance } from 'fastify';
import {
  eventsQuery,
  mandateQuery,
  onQuery,
  type ApplicationList,
  type BodyDetail,
  type EventList,
  type Health,
  type MandateList,
  type MandateView,
  type MemberDetail,
  type MemberList,
  type Overview,
  type RecallList,
  type StatuteText,
  type TendencyList,
} from '@plenum/api';
import { mandatesOf, membersOf, overviewOf } from '@plenum/app';
import {
  bodyMembers,
  isMandateActive,
  recallPetition,
  type GovMember,
  type GovernanceState,
  type Mandate,
} from '@plenum/domain';
import { notFound, parseInput, pathId } from './input.ts';
import type { ServerOptions } from './server.ts';

/**
 * The read-only JSON API. Each route reads as a pipeline: validate the input
 * (attacker-controlled), read the organisation's state as the record has it, present it in
 * the shape @plenum/api describes. "Today" is the server's clock's day; `?on=` asks for
 * another.
 */
export function registerApi(app: FastifyInstance, options: ServerOptions): Promise<void> {
  const { plenum, version } = options;
  const storage = plenum.storage;

  app.get('/api/health', async (): Promise<Health> => {
    const [schemaVersion, events] = await Promise.all([storage.schemaVersion(), storage.eventCount()]);
    return { status: 'ok', version, storage: storage.location.split(':')[0] ?? 'unknown', schemaVersion, events };
  });

  app.get('/api/overview', async (request): Promise<Overview> => {
    const on = parseInput(onQuery, request.query).on ?? plenum.today();
    const [state, eventCount] = await Promise.all([plenum.state(), storage.eventCount()]);
    const overview = overviewOf(state, eventCount, on);
    return {
      ...overview,
      levels: [...overview.levels],
      units: overview.units.map(({ id, level, name, parentId }) => ({ id, level, name, parentId })),
      bodies: overview.bodies.map(({ id, kind, name, unitId, members }) => ({ id, kind, name, unitId, members })),
    };
  });

  app.get<{ Params: { unitId: string } }>('/api/units/:unitId/members', async (request): Promise<MemberList> => {
    const unitId = pathId(request.params.unitId, 'unitId');
    const members = membersOf(await plenum.state(), unitId);
    if (members === undefined) throw notFound(unitId);
    return { unitId, members };
  });

  app.get<{ Params: { memberId: string } }>('/api/members/:memberId', async (request): Promise<MemberDetail> => {
    const memberId = pathId(request.params.memberId, 'memberId');
    const on = parseInput(onQuery, request.query).on ?? plenum.today();
    const state = await plenum.state();
    const member = state.members.get(memberId);
    if (member === undefined) throw notFound(memberId);
    const mandates = mandatesOf(state, { memberId, on, all: true }).map(mandateView);
    const current = mandates.filter((m) => isMandateActive(m, on));
    return {
      ...personOf(member),
      since: member.periods.at(-1)?.from ?? '',
      status: member.status,
      periods: member.periods.map(({ from, to }) => ({ from, to })),
      mandates: { current, past: mandates.filter((m) => !isMandateActive(m, on)) },
      on,
    };
  });

  app.get<{ Params: { bodyId: string } }>('/api/bodies/:bodyId', async (request): Promise<BodyDetail> => {
    const bodyId = pathId(request.params.bodyId, 'bodyId');
    const on = parseInput(onQuery, request.query).on ?? plenum.today();
    const state = await plenum.state();
    const body = state.bodies.get(bodyId);
    if (body === undefined) throw notFound(bodyId);
    const members: BodyDetail['members'] = [];
    for (const id of bodyMembers(state, body, on)) {
      const member = state.members.get(id);
      if (member !== undefined) members.push(personOf(member));
    }
    return {
      body: { id: body.id, kind: body.kind, name: body.name, unitId: body.unitId },
      composition: state.statute?.bodies[body.kind]?.composition ?? null,
      members: members.sort(byId),
      mandates: mandatesOf(state, { bodyId, on }).map(mandateView),
      on,
    };
  });

  app.get('/api/mandates', async (request): Promise<MandateList> => {
    const query = parseInput(mandateQuery, request.query);
    const on = query.on ?? plenum.today();
    const state = await plenum.state();
    if (query.body !== undefined && !state.bodies.has(query.body)) throw notFound(query.body);
    if (query.member !== undefined && !state.members.has(query.member)) throw notFound(query.member);
    const mandates = mandatesOf(state, {
      on,
      all: query.all === 'true',
      ...(query.body === undefined ? {} : { bodyId: query.body }),
      ...(query.member === undefined ? {} : { memberId: query.member }),
    });
    return { mandates: mandates.map(mandateView), on };
  });

  app.get('/api/statute', async (): Promise<StatuteText> => {
    const { statute, statuteText } = await plenum.state();
    if (statute === null || statuteText === null) throw notFound('statute');
    return { title: statute.title, version: statute.version, text: statuteText };
  });

  app.get('/api/applications', async (): Promise<ApplicationList> => {
    const state = await plenum.state();
    const applications: ApplicationList['applications'] = [];
    for (const a of state.applications.values()) {
      if (a.status === 'pending') applications.push({ ...personOf(a), on: a.on, status: a.status });
    }
    return { applications };
  });

  app.get('/api/tendencies', async (): Promise<TendencyList> => {
    const state = await plenum.state();
    return {
      tendencies: [...state.tendencies.values()].map(({ id, name, declaredOn, members }) => ({
        id,
        name,
        declaredOn,
        members: [...members],
      })),
    };
  });

  app.get('/api/recalls', async (request): Promise<RecallList> => {
    const on = parseInput(onQuery, request.query).on ?? plenum.today();
    return { recalls: openRecalls(await plenum.state(), on), on };
  });

  app.get('/api/events', async (request): Promise<EventList> => {
    const query = parseInput(eventsQuery, request.query);
    const after = query.after === undefined ? 0 : Number(query.after);
    const limit = Math.min(query.limit === undefined ? 100 : Number(query.limit), 1000);
    const events = await storage.readEvents(after, limit);
    return { events: events.map(({ seq, type, payload, recordedAt }) => ({ seq, type, payload, recordedAt })) };
  });

  return Promise.resolve();
}

/**
 * Open recall petitions on `on`: mandates still held that have signatures, counted as the
 * rules count them when the electing body decides (Statute recall.petition-share): only the
 * signatures of those who are electors that day, against the share of the electors.
 */
function openRecalls(state: GovernanceState, on: string): RecallList['recalls'] {
  const statute = state.statute;
  if (statute === null) return [];
  const recalls: RecallList['recalls'] = [];
  for (const mandateId of state.recallSignatures.keys()) {
    const mandate = state.mandates.get(mandateId);
    if (mandate === undefined || !isMandateActive(mandate, on)) continue;
    const { signatures, needed, electors } = recallPetition(state, statute, mandate, on);
    recalls.push({ mandate: mandateView(mandate), signatures, needed, electors });
  }
  return recalls;
}

function personOf(p: Pick<GovMember, 'id' | 'givenName' | 'familyName' | 'unitId'>) {
  return { id: p.id, givenName: p.givenName, familyName: p.familyName, unitId: p.unitId };
}

function mandateView(m: Mandate): MandateView {
  return {
    id: m.id,
    memberId: m.memberId,
    bodyId: m.bodyId,
    office: m.office,
    how: m.how,
    byBodyId: m.byBodyId,
    startsOn: m.startsOn,
    endsOn: m.endsOn,
    ended: m.ended === null ? null : { on: m.ended.on, reason: m.ended.reason },
  };
}

function byId(a: { readonly id: string }, b: { readonly id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
