import type { FastifyInstance } from 'fastify';
import {
  applicationList,
  bodyDetail,
  errorBody,
  eventList,
  eventsQuery,
  governanceCommand,
  health,
  logInfo,
  mandate,
  mandateList,
  mandateQuery,
  memberDetail,
  memberList,
  onQuery,
  overview,
  prepareRequest,
  prepared,
  recallList,
  refusalBody,
  statuteText,
  submitRequest,
  submitted,
  tendencyList,
  toJsonSchemas,
  voteCount,
  type ApiSchema,
  type JsonSchema,
} from '@plenum/api';
import type { ServerOptions } from './server.ts';
import { CONGRESS_API_ROUTES, CONGRESS_COMPONENTS } from './congress-routes.ts';
import { BALLOT_API_ROUTES, BALLOT_COMPONENTS } from './ballot-routes.ts';

/**
 * The OpenAPI 3.1 description of the JSON API, generated from the zod schemas the server
 * validates with (@plenum/api) and this table of routes. A test checks that the table and the
 * routes Fastify has registered under /api are the same, both ways.
 */

type Schema = ApiSchema;

/** The schemas the document names under components.schemas; the others are written inline. */
const COMPONENTS: Readonly<Record<string, Schema>> = {
  Health: health,
  Overview: overview,
  MemberList: memberList,
  MemberDetail: memberDetail,
  BodyDetail: bodyDetail,
  Mandate: mandate,
  MandateList: mandateList,
  StatuteText: statuteText,
  ApplicationList: applicationList,
  TendencyList: tendencyList,
  RecallList: recallList,
  EventList: eventList,
  LogInfo: logInfo,
  VoteCount: voteCount,
  GovernanceCommand: governanceCommand,
  PrepareRequest: prepareRequest,
  Prepared: prepared,
  SubmitRequest: submitRequest,
  Submitted: submitted,
  Refusal: refusalBody,
  Error: errorBody,
  ...CONGRESS_COMPONENTS,
  ...BALLOT_COMPONENTS,
};

export interface ApiRoute {
  readonly method: 'GET' | 'POST';
  /** As Fastify writes it: /api/members/:memberId. */
  readonly path: string;
  readonly summary: string;
  /** Path parameters: all identifiers. */
  readonly params?: readonly string[];
  readonly query?: Schema;
  readonly body?: Schema;
  /** Each status: its description, its schema and, if not JSON, its media type. */
  readonly responses: Readonly<Record<number, readonly [description: string, schema: Schema, mediaType?: string]>>;
}

const BAD: readonly [string, Schema] = ['Malformed request: the message names what is wrong', errorBody];
const NOT_FOUND: readonly [string, Schema] = ['No such thing', errorBody];
const REFUSED: readonly [string, Schema] = ['The rules refuse the command, citing their clause', refusalBody];
const KEY_REFUSED: readonly [string, Schema] = [
  'The actor has no key in the record yet, or signs with another key than the one the record binds to it',
  refusalBody,
];

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/api/health', summary: 'Whether the server is up', responses: { 200: ['Up', health] } },
  {
    method: 'GET',
    path: '/api/overview',
    summary: 'The organisation: statute, units, bodies, member counts',
    query: onQuery,
    responses: { 200: ['The overview', overview], 400: BAD },
  },
  {
    method: 'GET',
    path: '/api/units/:unitId/members',
    summary: 'The current members of a unit',
    params: ['unitId'],
    responses: { 200: ['Its members', memberList], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/members/:memberId',
    summary: 'A member: periods of membership, status, unit, current and past mandates',
    params: ['memberId'],
    query: onQuery,
    responses: { 200: ['The member', memberDetail], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/bodies/:bodyId',
    summary: 'A body, its members on a day and the mandates held in it',
    params: ['bodyId'],
    query: onQuery,
    responses: { 200: ['The body', bodyDetail], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/mandates',
    summary: 'Mandates held on a day (or all), by body or member',
    query: mandateQuery,
    responses: { 200: ['The mandates', mandateList], 400: BAD, 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/statute',
    summary: 'The statute in force',
    responses: { 200: ['The statute', statuteText], 404: NOT_FOUND },
  },
  {
    method: 'GET',
    path: '/api/applications',
    summary: 'Pending applications for membership',
    responses: { 200: ['The applications', applicationList] },
  },
  {
    method: 'GET',
    path: '/api/tendencies',
    summary: 'Declared tendencies and their members',
    responses: { 200: ['The tendencies', tendencyList] },
  },
  {
    method: 'GET',
    path: '/api/recalls',
    summary: 'Open recall petitions: signatures so far and signatures needed',
    query: onQuery,
    responses: { 200: ['The petitions', recallList], 400: BAD },
  },
  {
    method: 'GET',
    path: '/api/events',
    summary: 'A page of the public record, oldest first',
    query: eventsQuery,
    responses: { 200: ['The events', eventList], 400: BAD },
  },
  {
    method: 'GET',
    path: '/api/log',
    summary: "The record's log: origin, verifier key, size, witnesses",
    responses: { 200: ['The log', logInfo] },
  },
  {
    method: 'POST',
    path: '/api/commands/prepare',
    summary: 'Step 1 of a command: the events the rules decide now, and the bytes the actor signs for each',
    body: prepareRequest,
    responses: { 200: ['The events to sign', prepared], 400: BAD, 403: KEY_REFUSED, 422: REFUSED },
  },
  {
    method: 'POST',
    path: '/api/commands',
    summary: "Step 2 of a command: the prepared events, appended with the actor's signatures",
    body: submitRequest,
    responses: {
      201: ['Recorded', submitted],
      400: ['Malformed request, or a signature that does not verify: nothing was recorded', errorBody],
      403: KEY_REFUSED,
      409: ['The organisation changed since prepare: prepare again. Nothing was recorded', errorBody],
      422: REFUSED,
    },
  },
  ...CONGRESS_API_ROUTES,
  ...BALLOT_API_ROUTES,
];

/** The document. Built once per server: the schemas do not change while it runs. */
export function openApiDocument(version: string): JsonSchema {
  const { components, inline } = toJsonSchemas(COMPONENTS);

  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of API_ROUTES) {
    const parameters: JsonSchema[] = (route.params ?? []).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: '^[a-z][a-z0-9_-]{0,63}$' },
    }));
    if (route.query !== undefined) parameters.push(...queryParameters(inline(route.query, 'input')));
    const responses: Record<string, unknown> = {};
    for (const [status, [description, schema, mediaType]] of Object.entries(route.responses)) {
      responses[status] = { description, content: { [mediaType ?? 'application/json']: { schema: inline(schema) } } };
    }
    const operation: JsonSchema = { summary: route.summary, operationId: operationId(route), responses };
    if (parameters.length > 0) operation['parameters'] = parameters;
    if (route.body !== undefined) {
      operation['requestBody'] = { required: true, content: { 'application/json': { schema: inline(route.body) } } };
    }
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Plenum',
      version,
      description:
        'The JSON API of a Plenum server. Commands are signed by their actors, never by the server: see docs/api.md.',
    },
    paths,
    components: { schemas: components },
  };
}

/** GET /api/openapi.json */
export function registerOpenApi(app: FastifyInstance, options: ServerOptions): Promise<void> {
  const document = JSON.stringify(openApiDocument(options.version));
  app.get('/api/openapi.json', async (_request, reply) => reply.type('application/json').send(document));
  return Promise.resolve();
}

/** /api/members/:memberId → /api/members/{memberId} */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

function operationId(route: ApiRoute): string {
  const words = route.path
    .replace(/^\/api\//, '')
    .split(/[/:.]+/)
    .filter((w) => w.length > 0);
  return [route.method.toLowerCase(), ...words.map((w) => w.charAt(0).toUpperCase() + w.slice(1))].join('');
}

function queryParameters(query: JsonSchema): JsonSchema[] {
  const { properties, required } = query as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: required?.includes(name) ?? false,
    schema: property,
  }));
}
